import { previewValue } from '../shared/preview';

/**
 * Step timings: the seeds write them as text ("Within 48h", "If no response in 48h", "On next login") or as a
 * delay ("1 day", 0). One small grammar turns each into a schedule rule, so built-in and custom playbooks share it
 * and the original text is kept in every step (`timing`).
 *
 * Rules (case-insensitive; a trailing "(…)" remark is ignored):
 *   0 | Immediately | Now | Same day                  start + 0
 *   <duration> | Within <duration> | In <duration>     start + duration          (docs/sources.md#save-playbooks, docs/sources.md#cs-workflows)
 *   After <duration>
 *   Day <N>                                           start + N calendar days   (docs/sources.md#winback-campaign "Día 7")
 *   <duration> after previous [step] | <duration> later   previous step + duration
 *   If <words> in|within|after <duration>             start + duration, condition <words>   ("If no response in 48h")
 *   After <words> | During <words>                    previous step + 0         ("After call", "During call")
 *   If <words>                                        previous step + 0, condition <words>  ("If save offer rejected")
 *   On <words> | When <words>                         no due time (event-driven), condition <words>  ("On next login")
 * A duration is a whole number of minutes (m, min, minute), hours (h, hr, hour), days (d, day) or weeks (w, week).
 * Days and weeks are calendar units in the customer's time zone (09:00 stays 09:00 across a DST change); minutes and
 * hours are exact elapsed time ("Within 24h" is 24 real hours, 08:00 or 10:00 on the wall clock across a DST change).
 * <words> become a snake_case condition: "no response" -> "no_response".
 */

export type TimingUnit = 'minutes' | 'hours' | 'days' | 'weeks';

export interface TimingOffset {
	unit: TimingUnit;
	amount: number;
}

export type TimingRule =
	| {
			kind: 'offset';
			/** What the offset counts from: the playbook's start, or the previous step's due time. */
			from: 'start' | 'previous';
			offset: TimingOffset;
			/** The condition the timing text implies (e.g. "no_response"), else null. */
			condition: string | null;
	  }
	| {
			/** Happens on an event nobody can schedule (the next login): no due time. */
			kind: 'event';
			condition: string;
	  };

export type TimingInput = string | number;

export class InvalidTimingError extends Error {
	constructor(readonly timing: unknown) {
		super(
			`${previewValue(timing)} is not a timing this node understands; use e.g. "Immediately", "2 hours", "Within 48h", "3 days", "Day 7", "If no response in 48h", "After call", "If save offer rejected" or "On next login"`,
		);
		this.name = 'InvalidTimingError';
	}
}

const UNIT_WORDS: Record<string, TimingUnit> = {
	m: 'minutes',
	min: 'minutes',
	mins: 'minutes',
	minute: 'minutes',
	minutes: 'minutes',
	h: 'hours',
	hr: 'hours',
	hrs: 'hours',
	hour: 'hours',
	hours: 'hours',
	d: 'days',
	day: 'days',
	days: 'days',
	w: 'weeks',
	week: 'weeks',
	weeks: 'weeks',
};

const DURATION = String.raw`(\d{1,4})\s*([a-z]+)`;
const IMMEDIATE = new Set(['0', 'immediately', 'immediate', 'now', 'same day']);

function duration(amount: string, unitWord: string): TimingOffset | null {
	const unit = UNIT_WORDS[unitWord];
	return unit ? { unit, amount: Number(amount) } : null;
}

/** "no response" -> "no_response"; "save offer rejected" -> "save_offer_rejected". */
export function conditionKey(words: string): string {
	return words
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
}

const ZERO: TimingOffset = { unit: 'minutes', amount: 0 };

/** Parses one step timing; throws InvalidTimingError for text outside the grammar. */
export function parseTiming(timing: TimingInput): TimingRule {
	if (typeof timing === 'number') {
		// The agent specification (docs/sources.md#cs-workflows) writes "no delay" as the number 0; any other bare number would be ambiguous (ms? days?).
		if (timing === 0) return { kind: 'offset', from: 'start', offset: ZERO, condition: null };
		throw new InvalidTimingError(timing);
	}
	if (typeof timing !== 'string') throw new InvalidTimingError(timing);
	const text = timing
		.toLowerCase()
		.replace(/\([^)]*\)\s*$/, '')
		.replace(/\s+/g, ' ')
		.trim();
	let match: RegExpMatchArray | null;

	if (IMMEDIATE.has(text)) return { kind: 'offset', from: 'start', offset: ZERO, condition: null };

	if ((match = text.match(new RegExp(`^(?:(?:within|in|after) )?${DURATION}$`)))) {
		const offset = duration(match[1], match[2]);
		if (offset) return { kind: 'offset', from: 'start', offset, condition: null };
	}
	if ((match = text.match(/^day (\d{1,4})$/))) {
		return {
			kind: 'offset',
			from: 'start',
			offset: { unit: 'days', amount: Number(match[1]) },
			condition: null,
		};
	}
	if (
		(match = text.match(new RegExp(`^${DURATION} (?:after (?:the )?previous(?: step)?|later)$`)))
	) {
		const offset = duration(match[1], match[2]);
		if (offset) return { kind: 'offset', from: 'previous', offset, condition: null };
	}
	if ((match = text.match(new RegExp(`^if (.+?) (?:in|within|after) ${DURATION}$`)))) {
		const offset = duration(match[2], match[3]);
		const condition = conditionKey(match[1]);
		if (offset && condition) return { kind: 'offset', from: 'start', offset, condition };
	}
	if ((match = text.match(/^(?:after|during) ([a-z].*)$/))) {
		return { kind: 'offset', from: 'previous', offset: ZERO, condition: null };
	}
	if ((match = text.match(/^if (.+)$/))) {
		const condition = conditionKey(match[1]);
		if (condition) return { kind: 'offset', from: 'previous', offset: ZERO, condition };
	}
	if ((match = text.match(/^(?:on|when) (.+)$/))) {
		const condition = conditionKey(match[1]);
		if (condition) return { kind: 'event', condition };
	}
	throw new InvalidTimingError(timing);
}

/** The timing texts of docs/sources.md#save-playbooks SAVE_PLAYBOOKS, in the order the README's table lists them. */
export const SAVE_PLAYBOOK_TIMINGS = [
	'Immediately',
	'Within 2 hours',
	'Within 24h',
	'Within 48h',
	'Within 72h',
	'Same day',
	'If no response in 48h',
	'After call',
	'During call',
	'On next login',
	'If save offer rejected',
] as const;
