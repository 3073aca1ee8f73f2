import { DateTime, IANAZone } from 'luxon';

import { previewValue } from './preview';

/**
 * Date arithmetic for customer records: always luxon, always an explicit IANA time zone.
 *
 * What a date may be, everywhere the package reads one (record dates, Reference Time, Start Time, snoozes, history):
 * - an ISO 8601 string of at most 64 characters (a date without a time is the start of that day in the zone), with a
 *   UTC offset, if it has one, from -14:00 to +14:00 (the offsets in use on Earth: Pacific/Kiritimati is +14:00);
 * - a number of seconds since 1970 when it is below 100,000,000,000 in absolute value (that many seconds is the year
 *   5138), else of milliseconds (that many milliseconds is 3 March 1973): both forms are common in exports;
 * - a JS Date or a luxon DateTime;
 * and it must fall in the years 1900 to 9999, so that every due time computed from it can still be written as ISO
 * 8601 (luxon's range ends in the year 275760, and a date there gives `null` instead of a due time).
 */

export const DATE_FORMAT_RULE = 'must be an ISO 8601 date such as "2026-11-23T09:00:00Z"';
const OFFSET_RULE = 'must have a UTC offset from -14:00 to +14:00';
const RANGE_RULE = 'must be a date from the year 1900 to 9999';
const EPOCH_RULE = `${RANGE_RULE} (a number is read as seconds since 1970 below 100,000,000,000, else as milliseconds)`;

export const EPOCH_SECONDS_BELOW = 1e11;
export const MAX_DATE_TEXT = 64;
export const MAX_OFFSET_MINUTES = 14 * 60;
export const EARLIEST_DATE_MS = Date.UTC(1900, 0, 1);
export const LATEST_DATE_MS = Date.UTC(10000, 0, 1) - 1;

export class InvalidDateError extends Error {
	constructor(
		readonly field: string,
		readonly value: unknown,
		reason: string,
	) {
		super(`${field}: ${reason} (got ${previewValue(value)})`);
		this.name = 'InvalidDateError';
	}
}

/** Epoch seconds or milliseconds (see above) as milliseconds; NaN when not finite. */
export function epochMillis(value: number): number {
	if (!Number.isFinite(value)) return Number.NaN;
	return Math.abs(value) < EPOCH_SECONDS_BELOW ? value * 1000 : value;
}

function inDateRange(ms: number): boolean {
	return ms >= EARLIEST_DATE_MS && ms <= LATEST_DATE_MS;
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
		throw new InvalidDateError(
			field,
			zone,
			'is not a valid IANA time zone such as "Europe/Madrid"',
		);
	}
	return zone;
}

/** Parses a date (see the rules above) into a DateTime in `zone`; anything else throws InvalidDateError naming `field`. */
export function parseInstant(value: unknown, zone: string, field: string): DateTime {
	let parsed: DateTime;
	if (value instanceof Date) parsed = DateTime.fromJSDate(value, { zone });
	else if (typeof value === 'number') {
		const ms = epochMillis(value);
		if (Number.isNaN(ms)) throw new InvalidDateError(field, value, DATE_FORMAT_RULE);
		if (!inDateRange(ms)) throw new InvalidDateError(field, value, EPOCH_RULE);
		parsed = DateTime.fromMillis(ms, { zone });
	} else if (typeof value === 'string' && value.length <= MAX_DATE_TEXT && value.trim() !== '') {
		// setZone keeps the offset written in the text (or the zone's, without one), to check it.
		parsed = DateTime.fromISO(value.trim(), { zone, setZone: true });
		if (parsed.isValid && Math.abs(parsed.offset) > MAX_OFFSET_MINUTES)
			throw new InvalidDateError(field, value, OFFSET_RULE);
	} else if (DateTime.isDateTime(value)) parsed = value.setZone(zone);
	else throw new InvalidDateError(field, value, DATE_FORMAT_RULE);
	if (!parsed.isValid) {
		// Text luxon reads in UTC but not in the zone lies at the very end of its range ("+275760-09-13"): say so.
		const utc =
			typeof value === 'string' ? DateTime.fromISO(value.trim(), { zone: 'UTC' }) : undefined;
		throw new InvalidDateError(field, value, utc?.isValid ? RANGE_RULE : DATE_FORMAT_RULE);
	}
	if (!inDateRange(parsed.toMillis())) throw new InvalidDateError(field, value, RANGE_RULE);
	return parsed.setZone(zone);
}

/**
 * The instant relative metrics are measured against, as epoch milliseconds: a valid DateTime in the years 1900-9999
 * (what parseInstant gives), else an error naming it. Checked where each item's work starts, so an invalid one never
 * turns into "NaN days".
 */
export function referenceMillis(reference: unknown, label = 'Reference Time'): number {
	const valid = DateTime.isDateTime(reference) && reference.isValid;
	const ms = valid ? reference.toMillis() : Number.NaN;
	if (!inDateRange(ms)) {
		const shown = valid
			? reference.toISO()
			: DateTime.isDateTime(reference)
				? `an invalid date (${reference.invalidReason})`
				: reference;
		throw new InvalidDateError(label, shown, RANGE_RULE);
	}
	return ms;
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
const ISO_WITH_OFFSET =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

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
	if (year < 100 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
		return undefined;
	if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
	const offsetHours = z ? 0 : Number(oh);
	const offsetMinutes = z ? 0 : Number(om);
	// Beyond ±14:00 (or a minute field over 59) is left to the slow path, which words the error.
	if (offsetMinutes > 59 || offsetHours * 60 + offsetMinutes > MAX_OFFSET_MINUTES) return undefined;
	const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
	const offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
	return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
}

/** parseInstant as epoch milliseconds, without building a DateTime for the common ISO form. Same rules and errors. */
export function parseInstantMs(value: unknown, zone: string, field: string): number {
	if (typeof value === 'string' && value.length <= MAX_DATE_TEXT) {
		const fast = fastIsoMillis(value.trim());
		if (fast !== undefined && inDateRange(fast)) return fast;
	} else if (typeof value === 'number') {
		const ms = epochMillis(value);
		if (inDateRange(ms)) return ms;
	}
	return parseInstant(value, zone, field).toMillis();
}
