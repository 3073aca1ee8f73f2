import type { DateTime } from 'luxon';

import { customerTimeZone } from '../customer/derive';
import { MAX_DAYS, PAST_DATE_RULE } from '../customer/fieldRules';
import { OmittedValue, readDateField, readNumberField } from '../customer/fields';
import { CustomerInputError, locateCustomerRecord } from '../customer/locate';
import { isoTime, plusDays, startOfDay } from '../playbooks/zonedTime';
import { calendarDaysBetweenMs, referenceMillis } from '../shared/dates';
import { parameterError } from '../shared/parameters';
import { toFiniteNumber } from '../shared/numbers';
import { getPath } from '../shared/path';
import { fieldOrDefault } from './classify';
import { isAbsentValue } from './segments';

/**
 * Survey throttle: no NPS survey to a customer surveyed in the last N days (docs/sources.md#nps-survey-throttle sendSurvey:
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
/** The record's day count (docs/sources.md#customer-record), read when the date itself is absent. */
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

/** Minimum Days Between Surveys: a whole number of days, at most 100 years (MAX_DAYS) like every day count. */
export function parseMinDays(value: unknown): number {
	if (value === undefined || value === null || value === '')
		return DEFAULT_MIN_DAYS_BETWEEN_SURVEYS;
	const days = toFiniteNumber(value);
	if (days === undefined || !Number.isInteger(days) || days < 0 || days > MAX_DAYS) {
		throw parameterError(
			'Minimum Days Between Surveys',
			`a whole number from 0 to ${MAX_DAYS}`,
			value,
		);
	}
	return days;
}

export function surveyEligibility(
	item: Record<string, unknown>,
	config: SurveyThrottleConfig,
): SurveyEligibility {
	const minDays = parseMinDays(config.minDaysBetweenSurveys);
	const record = locateCustomerRecord(item, config.customerPath);
	const timeZone = customerTimeZone(record, config.defaultTimeZone);
	const field = fieldOrDefault(
		config.lastSurveyField,
		DEFAULT_LAST_SURVEY_FIELD,
		'Last Survey Field',
	);
	const referenceMs = referenceMillis(config.reference);
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

	// The last survey is a past event (last_nps_survey_at's rule, whatever field holds it): one stamped up to a day
	// after the reference time is clock skew and counts as today (0 days); later fails the item.
	const raw = getPath(record, field);
	if (!isAbsentValue(raw)) {
		const last = readDateField(raw, field, timeZone, referenceMs, PAST_DATE_RULE) as number;
		const days = Math.max(0, calendarDaysBetweenMs(last, referenceMs, timeZone));
		return result(days, last, plusDays(startOfDay(last, timeZone), timeZone, minDays), field);
	}

	// Only the day count (a CRM that stores "days since last survey"): never read a known survey as "never surveyed".
	const days = readNumberField(record[DAYS_SINCE_SURVEY_FIELD], DAYS_SINCE_SURVEY_FIELD);
	if (typeof days === 'number') {
		const today = startOfDay(referenceMs, timeZone);
		return result(days, null, plusDays(today, timeZone, minDays - days), DAYS_SINCE_SURVEY_FIELD);
	}
	// A day count that cannot be read must never make a surveyed customer "never surveyed".
	if (days instanceof OmittedValue)
		throw new CustomerInputError(days.reason, DAYS_SINCE_SURVEY_FIELD);

	return result(null, null, null, 'never_surveyed');
}
