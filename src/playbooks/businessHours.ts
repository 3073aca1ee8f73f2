import { DateTime } from 'luxon';
import { z } from 'zod';

import { describeIssues } from '../customer/record';
import { assertPlainData, InvalidDataError } from '../shared/plainData';
import { previewValue } from '../shared/preview';
import { localTime, plusDays, setHourMinute, startOfDay } from './zonedTime';

/**
 * Business hours: send windows per weekday, read in the customer's time zone. A due time inside a window stays; one
 * outside moves to the next opening (the start of the next window). A window is [start, end): 17:00 is outside a
 * 09:00-17:00 window. Windows do not cross midnight (write 22:00-24:00 and 00:00-02:00 instead).
 */

export const WEEKDAYS = [
	'monday',
	'tuesday',
	'wednesday',
	'thursday',
	'friday',
	'saturday',
	'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface BusinessWindowInput {
	/** ISO weekday numbers (1 = Monday … 7 = Sunday) or names ("monday", "mon"). */
	days: Array<number | string> | number | string;
	/** "HH:mm", 24-hour clock. */
	start: string;
	/** "HH:mm", after start; "24:00" for the end of the day. */
	end: string;
}

/** A window of one weekday in minutes since local midnight. */
export interface BusinessWindow {
	weekday: number;
	start: number;
	end: number;
}

export const BUSINESS_HOURS_PRESETS = {
	/** Monday to Friday, 09:00-17:00. */
	weekdays_9_17: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
} satisfies Record<string, BusinessWindowInput[]>;

export type BusinessHoursPreset = keyof typeof BUSINESS_HOURS_PRESETS;

function weekdayNumber(value: number | string): number | undefined {
	if (typeof value === 'number')
		return Number.isInteger(value) && value >= 1 && value <= 7 ? value : undefined;
	const name = value.trim().toLowerCase();
	if (/^[1-7]$/.test(name)) return Number(name);
	const index = WEEKDAYS.findIndex(
		(day) => day === name || (name.length >= 3 && day.startsWith(name)),
	);
	return index === -1 ? undefined : index + 1;
}

const weekdaySchema = z
	.union([z.number(), z.string()])
	.refine((value) => weekdayNumber(value) !== undefined, {
		message: 'must be a weekday: 1 (Monday) to 7 (Sunday), or a name such as "monday" or "mon"',
	});

function clockMinutes(value: string): number {
	const [hours, minutes] = value.split(':').map(Number);
	return hours * 60 + minutes;
}

const clock = z
	.string()
	.trim()
	.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, {
		message:
			'must be a time of day as "HH:mm" such as "09:00" (24-hour clock; "24:00" for the end of the day)',
	});

const windowSchema = z
	.object({
		days: z.union([
			weekdaySchema,
			z.array(weekdaySchema).min(1, { message: 'choose at least one day' }),
		]),
		start: clock,
		end: clock,
	})
	.strict()
	.superRefine((window, ctx) => {
		if (window.start === '24:00') {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['start'],
				message: 'a window cannot start at 24:00',
			});
		} else if (clockMinutes(window.end) <= clockMinutes(window.start)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['end'],
				message: `must be after the start (${window.start}); a window cannot cross midnight`,
			});
		}
	});

const businessHoursSchema = z.array(windowSchema).min(1, { message: 'add at least one window' });

export class InvalidBusinessHoursError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidBusinessHoursError';
	}
}

/** Validates windows (e.g. the node's rows); the message names the bad row and field, e.g. `1.end`. */
export function parseBusinessHours(input: unknown, label = 'Business Hours'): BusinessWindow[] {
	try {
		assertPlainData(input, label);
	} catch (error) {
		if (error instanceof InvalidDataError) throw new InvalidBusinessHoursError(error.message);
		throw error;
	}
	const result = businessHoursSchema.safeParse(input);
	if (!result.success)
		throw new InvalidBusinessHoursError(
			`${label} are invalid: ${describeIssues(result.error, '', input)}`,
		);
	const windows: BusinessWindow[] = [];
	for (const row of result.data) {
		const days = Array.isArray(row.days) ? row.days : [row.days];
		for (const day of new Set(days.map((value) => weekdayNumber(value) as number))) {
			windows.push({ weekday: day, start: clockMinutes(row.start), end: clockMinutes(row.end) });
		}
	}
	return windows.sort((a, b) => a.weekday - b.weekday || a.start - b.start);
}

export function businessHoursPreset(preset: BusinessHoursPreset): BusinessWindow[] {
	if (!Object.prototype.hasOwnProperty.call(BUSINESS_HOURS_PRESETS, preset)) {
		const known = ['none', 'custom', ...Object.keys(BUSINESS_HOURS_PRESETS)].join(', ');
		throw new InvalidBusinessHoursError(
			`Business Hours: must be one of ${known} (got ${previewValue(preset)})`,
		);
	}
	return parseBusinessHours(BUSINESS_HOURS_PRESETS[preset]);
}

/** Whether `time` (in the customer's zone) falls inside a window of its weekday. */
export function isWithinBusinessHours(time: DateTime, windows: readonly BusinessWindow[]): boolean {
	return isWithinBusinessHoursAt(time.toMillis(), zoneNameOf(time), windows);
}

/** `time` itself when inside a window, else the start of the next window (in `time`'s zone). */
export function nextBusinessOpening(time: DateTime, windows: readonly BusinessWindow[]): DateTime {
	const zone = zoneNameOf(time);
	return DateTime.fromMillis(nextBusinessOpeningAt(time.toMillis(), zone, windows), { zone });
}

function zoneNameOf(time: DateTime): string {
	return time.zoneName ?? 'UTC';
}

/** isWithinBusinessHours for an instant in epoch milliseconds, read in `zone`. */
export function isWithinBusinessHoursAt(
	ms: number,
	zone: string,
	windows: readonly BusinessWindow[],
): boolean {
	const { weekday, hour, minute, second, millisecond } = localTime(ms, zone);
	const minutes = hour * 60 + minute + second / 60 + millisecond / 60000;
	return windows.some(
		(window) => window.weekday === weekday && window.start <= minutes && minutes < window.end,
	);
}

/** nextBusinessOpening for an instant in epoch milliseconds, read in `zone` (zonedTime.ts does luxon's arithmetic). */
export function nextBusinessOpeningAt(
	ms: number,
	zone: string,
	windows: readonly BusinessWindow[],
): number {
	if (windows.length === 0)
		throw new InvalidBusinessHoursError('Business Hours are invalid: add at least one window');
	if (isWithinBusinessHoursAt(ms, zone, windows)) return ms;
	const midnight = startOfDay(ms, zone);
	for (let offset = 0; offset <= 7; offset++) {
		const day = plusDays(midnight, zone, offset);
		const { weekday } = localTime(day, zone);
		for (const window of windows) {
			if (window.weekday !== weekday) continue;
			// A start inside a DST gap (02:30 on the spring-forward day) becomes the first valid time after it.
			const opening = setHourMinute(day, zone, Math.floor(window.start / 60), window.start % 60);
			if (opening > ms) return opening;
		}
	}
	/* istanbul ignore next: every weekday recurs within 8 days */
	throw new InvalidBusinessHoursError('Business Hours have no opening in the coming week');
}
