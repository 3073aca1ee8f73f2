import type { DateTime } from 'luxon';

import { assertTimeZone, calendarDaysBetweenMs, referenceMillis } from '../shared/dates';
import { isAbsentValue, readDateField } from './fields';
import type { CustomerRecord } from './record';

/**
 * Relative-day fields derived from dates (docs/sources.md#derived-days: "Where a days_* field is absent and its date is present,
 * the node derives it with luxon against a reference time, in the customer's timezone").
 */
interface DayDerivation {
	field: string;
	from: string;
	direction: 'since' | 'until';
}

export const DAY_DERIVATIONS: readonly DayDerivation[] = [
	{ field: 'days_since_last_login', from: 'last_login_at', direction: 'since' },
	{ field: 'days_since_key_action', from: 'last_key_action_at', direction: 'since' },
	{ field: 'days_since_signup', from: 'signup_date', direction: 'since' },
	{ field: 'days_since_last_nps_survey', from: 'last_nps_survey_at', direction: 'since' },
	{ field: 'days_to_renewal', from: 'renewal_date', direction: 'until' },
	{ field: 'trial_days_remaining', from: 'trial_ends_at', direction: 'until' },
];

export interface DerivedDays {
	/** The customer's zone used for calendar days (record `timezone`, else the default). */
	timeZone: string;
	/** Only the fields that were derived, e.g. { days_since_last_login: 3 }. */
	values: Record<string, number>;
	/** Which date each derived field came from, for explanations. */
	sources: Record<string, string>;
}

export function customerTimeZone(record: CustomerRecord, defaultZone: string): string {
	const zone = record.timezone;
	if (typeof zone === 'string' && zone.trim() !== '')
		return assertTimeZone(zone.trim(), 'timezone');
	return assertTimeZone(defaultZone, 'default time zone');
}

/**
 * Derives every absent days_* field whose date is present (or only those in `fields`, the ones the caller reads: a
 * date nobody reads is not parsed). A date outside its rule (src/customer/fieldRules.ts: malformed, a login after the
 * reference time, more than 100 years away) throws naming it. A past event stamped up to a day after the reference
 * time (clocks of two systems disagree) is 0 days ago, never a negative count.
 */
export function deriveDays(
	record: CustomerRecord,
	reference: DateTime,
	defaultZone: string,
	fields?: ReadonlySet<string>,
): DerivedDays {
	const timeZone = customerTimeZone(record, defaultZone);
	const values: Record<string, number> = {};
	const sources: Record<string, string> = {};
	let referenceMs: number | undefined;
	for (const rule of DAY_DERIVATIONS) {
		if (fields && !fields.has(rule.field)) continue;
		if (!isAbsentValue(record[rule.field]) || isAbsentValue(record[rule.from])) continue;
		referenceMs ??= referenceMillis(reference);
		const date = readDateField(record[rule.from], rule.from, timeZone, referenceMs) as number;
		values[rule.field] =
			rule.direction === 'since'
				? Math.max(0, calendarDaysBetweenMs(date, referenceMs, timeZone))
				: calendarDaysBetweenMs(referenceMs, date, timeZone);
		sources[rule.field] = rule.from;
	}
	return { timeZone, values, sources };
}
