import { Info, type Zone } from 'luxon';

/**
 * Luxon's arithmetic and ISO formatting in a time zone, on epoch milliseconds, without building a DateTime per step.
 * Each function gives exactly what the luxon expression in its comment gives (test/unit/playbooks/zonedTime.test.ts
 * compares them over many instants and zones, DST changes included): the same offsets (luxon's own, asked once per zone
 * and UTC day), the same rules for a wall-clock time that falls in a DST gap or overlap (luxon's fixOffset), the same
 * text. A playbook, NPS follow-up or survey throttle computes several due times for every customer; with DateTime
 * objects each one asks Intl for the offset, which is most of their cost.
 *
 * Zones must be valid (as assertTimeZone checks): an IANA zone, or UTC/GMT (luxon's fixed UTC, written "Z").
 * Beyond the seeds: this belongs next to src/shared/dates.ts (see the performance notes in the README).
 */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Luxon's (and Date's) range: beyond it a DateTime is invalid. */
const MAX_MS = 8.64e15;

interface ZoneInfo {
	zone: Zone;
	/** Fixed UTC: luxon writes its offset as "Z". */
	universal: boolean;
	/** Offsets (minutes) by UTC day; null for a day on which the offset changes. */
	days: Map<number, number | null>;
}

const zones = new Map<string, ZoneInfo>();
const MAX_ZONES = 2000;
const MAX_DAYS_PER_ZONE = 20_000;

function zoneInfo(name: string): ZoneInfo {
	let info = zones.get(name);
	if (!info) {
		const zone = Info.normalizeZone(name);
		if (!zone || !zone.isValid || (zone.type !== 'iana' && zone.type !== 'fixed')) {
			throw new RangeError(`Not a valid time zone: ${JSON.stringify(name)}`);
		}
		info = { zone, universal: zone.isUniversal, days: new Map() };
		if (zones.size >= MAX_ZONES) zones.clear();
		zones.set(name, info);
	}
	return info;
}

/**
 * The zone's offset in minutes at `ms`, as luxon computes it (`DateTime.fromMillis(ms, { zone }).offset`). A UTC day
 * whose first and last millisecond have the same offset has it throughout; a day with a change asks luxon each time.
 */
export function offsetAt(ms: number, zoneName: string): number {
	const { zone, universal, days } = zoneInfo(zoneName);
	if (universal) return zone.offset(ms);
	const day = Math.floor(ms / DAY_MS);
	let offset = days.get(day);
	if (offset === undefined) {
		const start = zone.offset(day * DAY_MS);
		offset = zone.offset((day + 1) * DAY_MS - 1) === start ? start : null;
		if (days.size >= MAX_DAYS_PER_ZONE) days.clear();
		days.set(day, offset);
	}
	return offset ?? zone.offset(ms);
}

/** The instant showing wall-clock time `local` (epoch ms read as UTC), `guess` deciding an overlap: luxon's fixOffset. */
function fixOffset(local: number, guess: number, zoneName: string): number {
	let utc = local - guess * MINUTE_MS;
	const o2 = offsetAt(utc, zoneName);
	if (guess === o2) return utc;
	utc -= (o2 - guess) * MINUTE_MS;
	const o3 = offsetAt(utc, zoneName);
	if (o2 === o3) return utc;
	// In a gap: luxon keeps the wall-clock time and takes the offset after the change.
	return local - Math.min(o2, o3) * MINUTE_MS;
}

/** The wall-clock time at `ms` in the zone, as epoch ms read as UTC (`setZone('UTC', { keepLocalTime: true })`). */
export function wallClock(ms: number, zone: string): number {
	return ms + offsetAt(ms, zone) * MINUTE_MS;
}

/** The instant showing wall-clock `wall` in the zone (`DateTime.fromMillis(wall, { zone: 'UTC' }).setZone(zone, { keepLocalTime: true })`). */
export function fromWallClock(wall: number, zone: string): number {
	return fixOffset(wall, offsetAt(wall, zone), zone);
}

/** `DateTime.fromMillis(ms, { zone }).plus({ days })`: the same wall-clock time `days` calendar days later. */
export function plusDays(ms: number, zone: string, days: number): number {
	const offset = offsetAt(ms, zone);
	return fixOffset(ms + offset * MINUTE_MS + days * DAY_MS, offset, zone);
}

/** `DateTime.fromMillis(ms, { zone }).startOf('day')`. */
export function startOfDay(ms: number, zone: string): number {
	const offset = offsetAt(ms, zone);
	const wall = ms + offset * MINUTE_MS;
	return fixOffset(wall - mod(wall, DAY_MS), offset, zone);
}

/** `DateTime.fromMillis(ms, { zone }).set({ hour, minute })`: that local date at hour:minute, seconds kept. */
export function setHourMinute(ms: number, zone: string, hour: number, minute: number): number {
	const offset = offsetAt(ms, zone);
	const wall = ms + offset * MINUTE_MS;
	return fixOffset(
		wall - mod(wall, DAY_MS) + hour * 3_600_000 + minute * MINUTE_MS + mod(wall, MINUTE_MS),
		offset,
		zone,
	);
}

/** The local date and time of `ms` in the zone (what a DateTime's year … millisecond and weekday give). */
export interface LocalTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
	/** ISO weekday: 1 = Monday … 7 = Sunday. */
	weekday: number;
}

export function localTime(ms: number, zone: string): LocalTime {
	const date = new Date(wallClock(ms, zone));
	return {
		year: date.getUTCFullYear(),
		month: date.getUTCMonth() + 1,
		day: date.getUTCDate(),
		hour: date.getUTCHours(),
		minute: date.getUTCMinutes(),
		second: date.getUTCSeconds(),
		millisecond: date.getUTCMilliseconds(),
		weekday: date.getUTCDay() || 7,
	};
}

/** Whether luxon can represent `ms` at all (outside, every DateTime is invalid and toISO gives null). */
export function inRange(ms: number): boolean {
	return Number.isFinite(ms) && Math.abs(ms) <= MAX_MS;
}

const pad2 = (value: number) => (value < 10 ? `0${value}` : String(value));

function isoYear(year: number): string {
	if (year >= 0 && year <= 9999) return String(year).padStart(4, '0');
	return `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
}

/** `DateTime.fromMillis(ms, { zone }).toISODate()`. */
export function isoDate(ms: number, zone: string): string {
	const local = new Date(wallClock(ms, zone));
	return `${isoYear(local.getUTCFullYear())}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}`;
}

/** `DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds })`; null where luxon's would be (out of range). */
export function isoTime(ms: number, zone: string, suppressMilliseconds = false): string | null {
	if (!inRange(ms)) return null;
	const { universal } = zoneInfo(zone);
	const offset = offsetAt(ms, zone);
	const local = new Date(ms + offset * MINUTE_MS);
	const millisecond = local.getUTCMilliseconds();
	let text = `${isoYear(local.getUTCFullYear())}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}T${pad2(
		local.getUTCHours(),
	)}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}`;
	if (!suppressMilliseconds || millisecond !== 0)
		text += `.${String(millisecond).padStart(3, '0')}`;
	if (universal && offset === 0) return `${text}Z`;
	const sign = offset < 0 ? '-' : '+';
	const minutes = Math.abs(offset);
	return `${text}${sign}${pad2(Math.trunc(minutes / 60))}:${pad2(Math.trunc(minutes % 60))}`;
}

function mod(value: number, divisor: number): number {
	return ((value % divisor) + divisor) % divisor;
}
