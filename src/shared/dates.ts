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

// Checking a zone builds an Intl.DateTimeFormat: done once per distinct zone name, not once per record.
const zoneValidity = new Map<string, boolean>();
const MAX_CACHED_ZONES = 2000;

/** Whether `zone` is an IANA time zone luxon knows, remembered per distinct name. */
export function isValidTimeZone(zone: string): boolean {
	let valid = zoneValidity.get(zone);
	if (valid === undefined) {
		valid = IANAZone.isValidZone(zone);
		if (zoneValidity.size >= MAX_CACHED_ZONES) zoneValidity.clear();
		zoneValidity.set(zone, valid);
	}
	return valid;
}

export function assertTimeZone(zone: string, field: string): string {
	if (!isValidTimeZone(zone)) {
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
	return calendarDaysBetweenMs(from.toMillis(), to.toMillis(), zone);
}

/** calendarDaysBetween for epoch milliseconds: the difference of the two local calendar dates in `zone`. */
export function calendarDaysBetweenMs(fromMs: number, toMs: number, zone: string): number {
	return localDayNumber(toMs, zone) - localDayNumber(fromMs, zone);
}

const DAY_MS = 86_400_000;
// Offsets (minutes) by zone and UTC day: a day whose start and end have the same offset has it throughout (zones
// change offset at most once a day), so most instants are answered from the cache; a transition day asks luxon.
const dayOffsets = new Map<string, Map<number, number | null>>();
const MAX_CACHED_DAYS = 20_000;

function zoneOffsetMinutes(epochMs: number, zone: string): number {
	let days = dayOffsets.get(zone);
	if (!days) {
		if (dayOffsets.size >= MAX_CACHED_ZONES) dayOffsets.clear();
		days = new Map();
		dayOffsets.set(zone, days);
	}
	const day = Math.floor(epochMs / DAY_MS);
	let offset = days.get(day);
	if (offset === undefined) {
		const luxonZone = IANAZone.create(zone);
		const start = luxonZone.offset(day * DAY_MS);
		offset = luxonZone.offset((day + 1) * DAY_MS - 1) === start ? start : null;
		if (days.size >= MAX_CACHED_DAYS) days.clear();
		days.set(day, offset);
	}
	return offset ?? IANAZone.create(zone).offset(epochMs);
}

/** The local calendar date of an instant in `zone`, as a day count since 1970-01-01 (what luxon's startOf('day') gives). */
export function localDayNumber(epochMs: number, zone: string): number {
	return Math.floor((epochMs + zoneOffsetMinutes(epochMs, zone) * 60_000) / DAY_MS);
}

// 2026-11-23T09:00:00Z, with optional seconds and fraction and a Z or ±hh:mm offset: the form machines send. Anything
// else (dates without a time or an offset, week dates, basic format, out-of-range fields) is left to luxon.
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

function fastIsoMillis(text: string): number | undefined {
	const match = ISO_WITH_OFFSET.exec(text);
	if (!match) return undefined;
	const [, y, mo, d, h, mi, se, fraction, z, sign, oh, om] = match;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	const hour = Number(h);
	const minute = Number(mi);
	const second = se === undefined ? 0 : Number(se);
	if (year < 100 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
	if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
	const offsetHours = z ? 0 : Number(oh);
	const offsetMinutes = z ? 0 : Number(om);
	if (offsetHours > 23 || offsetMinutes > 59) return undefined;
	const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
	const offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
	return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
}

/** parseInstant as epoch milliseconds, without building a DateTime for the common ISO form. Same rules and errors. */
export function parseInstantMs(value: unknown, zone: string, field: string): number {
	if (typeof value === 'string') {
		const fast = fastIsoMillis(value.trim());
		if (fast !== undefined) return fast;
	} else if (typeof value === 'number' && Number.isFinite(value)) {
		return value;
	}
	return parseInstant(value, zone, field).toMillis();
}
