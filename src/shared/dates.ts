import { DateTime, IANAZone } from 'luxon';

/** Date arithmetic for customer records: always luxon, always an explicit IANA time zone. */

export class InvalidDateError extends Error {
	constructor(
		readonly field: string,
		readonly value: unknown,
		reason: string,
	) {
		super(`${field}: ${reason} (got ${JSON.stringify(value)})`);
		this.name = 'InvalidDateError';
	}
}

export function assertTimeZone(zone: string, field: string): string {
	if (!IANAZone.isValidZone(zone)) {
		throw new InvalidDateError(field, zone, 'is not a valid IANA time zone such as "Europe/Madrid"');
	}
	return zone;
}

/** Parses an ISO 8601 string, a JS Date or epoch milliseconds into a DateTime in `zone`. */
export function parseInstant(value: unknown, zone: string, field: string): DateTime {
	let parsed: DateTime;
	if (value instanceof Date) parsed = DateTime.fromJSDate(value, { zone });
	else if (typeof value === 'number' && Number.isFinite(value)) parsed = DateTime.fromMillis(value, { zone });
	else if (typeof value === 'string' && value.trim() !== '') parsed = DateTime.fromISO(value.trim(), { zone });
	else if (DateTime.isDateTime(value)) parsed = value.setZone(zone);
	else throw new InvalidDateError(field, value, 'must be an ISO 8601 date such as "2026-11-23T09:00:00Z"');
	if (!parsed.isValid) {
		throw new InvalidDateError(field, value, 'must be an ISO 8601 date such as "2026-11-23T09:00:00Z"');
	}
	return parsed.setZone(zone);
}

/** The reference time every relative metric is measured against: `value` if given, else now. */
export function referenceTime(value: unknown, zone: string): DateTime {
	if (value === undefined || value === null || value === '') return DateTime.now().setZone(zone);
	return parseInstant(value, zone, 'referenceTime');
}

/**
 * Whole calendar days from `from` to `to` in `zone` (midnight to midnight), so "days since last login"
 * means what a CSM in the customer's time zone would count on a calendar. Negative when `to` is earlier.
 */
export function calendarDaysBetween(from: DateTime, to: DateTime, zone: string): number {
	const start = from.setZone(zone).startOf('day');
	const end = to.setZone(zone).startOf('day');
	return Math.round(end.diff(start, 'days').days);
}
