import type { DateTime } from 'luxon';

import { customerTimeZone } from '../customer/derive';
import { CustomerInputError, locateCustomerRecord } from '../customer/locate';
import { isoTime, plusDays, startOfDay } from '../playbooks/zonedTime';
import { calendarDaysBetweenMs, parseInstantMs } from '../shared/dates';
import { toFiniteNumber } from '../shared/numbers';
import { getPath } from '../shared/path';
import { fieldOrDefault } from './classify';
import { isAbsentValue } from './segments';

/**
 * Survey throttle: no NPS survey to a customer surveyed in the last N days (DESIGN.md; seed 002 §11.1 sendSurvey:
 * "Don't send more than once per quarter", N = 90).
 *
 * "Within the last N days" counts calendar days in the customer's time zone, as a CSM would on a calendar:
 * surveyed on local day S, the customer is recently surveyed on days S … S+N-1 and eligible again from local
 * midnight of day S+N (`eligibleAt`). The seed's `daysSince(lastSurvey.submittedAt) < 90` has two gaps we close:
 * it reads the last *answer* (a customer who never answers is surveyed every run) where we read when the last
 * survey was *sent* (`last_nps_survey_at`); and it leaves "days" undefined (24-hour periods in the server's zone
 * would make a survey at 23:30 in Los Angeles, already the next day in UTC, count one day short).
 */

export const DEFAULT_LAST_SURVEY_FIELD = 'last_nps_survey_at';
/** The record's day count (DESIGN.md vocabulary), read when the date itself is absent. */
export const DAYS_SINCE_SURVEY_FIELD = 'days_since_last_nps_survey';
export const DEFAULT_MIN_DAYS_BETWEEN_SURVEYS = 90;

export interface SurveyThrottleConfig {
	customerPath?: string;
	/** Field with the instant the last NPS survey was sent (dots for nesting). */
	lastSurveyField?: string;
	minDaysBetweenSurveys?: unknown;
	reference: DateTime;
	defaultTimeZone: string;
}

export interface SurveyEligibility {
	eligible: boolean;
	/** The last survey as read, in the customer's time zone; null when unknown. */
	lastSurveyAt: string | null;
	daysSinceLastSurvey: number | null;
	minDaysBetweenSurveys: number;
	/** Local midnight of the first day a survey may be sent again; null when never surveyed. */
	eligibleAt: string | null;
	/** What the decision was based on: the date field, the day count, or nothing (never surveyed). */
	basis: string;
	timezone: string;
}

export function parseMinDays(value: unknown): number {
	if (value === undefined || value === null || value === '') return DEFAULT_MIN_DAYS_BETWEEN_SURVEYS;
	const days = toFiniteNumber(value);
	if (days === undefined || !Number.isInteger(days) || days < 0) {
		throw new Error(`Minimum Days Between Surveys: must be a whole number of 0 or more (got ${JSON.stringify(value)})`);
	}
	return days;
}

export function surveyEligibility(item: Record<string, unknown>, config: SurveyThrottleConfig): SurveyEligibility {
	const minDays = parseMinDays(config.minDaysBetweenSurveys);
	const record = locateCustomerRecord(item, config.customerPath);
	const timeZone = customerTimeZone(record, config.defaultTimeZone);
	const field = fieldOrDefault(config.lastSurveyField, DEFAULT_LAST_SURVEY_FIELD);
	// Instants are epoch milliseconds, written in the customer's zone as luxon would (zonedTime.ts).
	const result = (
		days: number | null,
		lastSurveyAt: number | null,
		eligibleAt: number | null,
		basis: string,
	): SurveyEligibility => ({
		eligible: days === null || days >= minDays,
		lastSurveyAt: lastSurveyAt === null ? null : (isoTime(lastSurveyAt, timeZone, true) as string),
		daysSinceLastSurvey: days,
		minDaysBetweenSurveys: minDays,
		eligibleAt: eligibleAt === null ? null : (isoTime(eligibleAt, timeZone, true) as string),
		basis,
		timezone: timeZone,
	});

	const raw = getPath(record, field);
	if (!isAbsentValue(raw)) {
		const last = parseInstantMs(raw, timeZone, field);
		const days = calendarDaysBetweenMs(last, config.reference.toMillis(), timeZone);
		return result(days, last, plusDays(startOfDay(last, timeZone), timeZone, minDays), field);
	}

	// Only the day count (a CRM that stores "days since last survey"): never read a known survey as "never surveyed".
	const rawDays = record[DAYS_SINCE_SURVEY_FIELD];
	if (!isAbsentValue(rawDays)) {
		const days = toFiniteNumber(rawDays);
		if (days === undefined || !Number.isInteger(days)) {
			throw new CustomerInputError(
				`${DAYS_SINCE_SURVEY_FIELD}: must be a whole number of days (got ${JSON.stringify(rawDays)})`,
				DAYS_SINCE_SURVEY_FIELD,
			);
		}
		const today = startOfDay(config.reference.toMillis(), timeZone);
		return result(days, null, plusDays(today, timeZone, minDays - days), DAYS_SINCE_SURVEY_FIELD);
	}

	return result(null, null, null, 'never_surveyed');
}
