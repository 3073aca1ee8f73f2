import type { DateTime } from 'luxon';

import { describeType } from '../customer/record';
import { CustomerInputError } from '../customer/locate';
import { parseInstant } from '../shared/dates';
import { isPlainObject } from '../shared/path';
import { isAbsent } from './rules';

/**
 * Snoozes: the record field `snoozed_signals` silences signals a CSM already handles. Each entry is a signal
 * type (snoozed until further notice) or `{ type, until }` with an ISO 8601 date: snoozed while the reference
 * time is before `until` (a date without a time means the start of that day in the customer's time zone).
 * A comma-separated text ("nps_detractor, low_rating") is accepted too, as CRMs store lists that way.
 */

export const SNOOZE_FIELD = 'snoozed_signals';

/** Snoozed signal types still in force, each with the ISO instant the snooze ends (null: no end). */
export type ActiveSnoozes = Map<string, string | null>;

function invalid(path: string, problem: string, value: unknown): CustomerInputError {
	return new CustomerInputError(`${path}: ${problem} (got ${describeType(value)})`, SNOOZE_FIELD);
}

export function activeSnoozes(
	value: unknown,
	reference: DateTime,
	timeZone: string,
): ActiveSnoozes {
	const ends = new Map<string, DateTime | null>();
	if (isAbsent(value)) return new Map();
	const entries =
		typeof value === 'string'
			? value
					.split(',')
					.map((type) => type.trim())
					.filter((type) => type !== '')
			: value;
	if (!Array.isArray(entries)) {
		throw invalid(SNOOZE_FIELD, 'must be a list of signal types or of { type, until }', value);
	}
	entries.forEach((entry, index) => {
		const path = `${SNOOZE_FIELD}.${index}`;
		let type: unknown = entry;
		let until: unknown;
		if (isPlainObject(entry)) {
			type = entry.type;
			until = entry.until;
		}
		if (typeof type !== 'string' || type.trim() === '') {
			throw invalid(
				isPlainObject(entry) ? `${path}.type` : path,
				'must be a signal type such as "nps_detractor"',
				type,
			);
		}
		let end: DateTime | null = null;
		if (!isAbsent(until)) {
			try {
				end = parseInstant(until, timeZone, `${path}.until`);
			} catch (error) {
				throw new CustomerInputError((error as Error).message, SNOOZE_FIELD);
			}
		}
		if (end !== null && end <= reference) return;
		const key = type.trim();
		// The same type listed twice: the later end wins, and "no end" beats any date.
		const current = ends.get(key);
		if (current === undefined || (current !== null && (end === null || end > current)))
			ends.set(key, end);
	});
	return new Map([...ends].map(([type, end]) => [type, end === null ? null : end.toISO()]));
}
