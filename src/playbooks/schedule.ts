import type { DateTime } from 'luxon';

import { CustomerInputError } from '../customer/errors';
import { previewValue } from '../shared/preview';
import { nextBusinessOpeningAt, type BusinessWindow } from './businessHours';
import type { Playbook } from './model';
import type { TimingInput, TimingOffset } from './timing';
import { fromWallClock, inRange, isoTime, plusDays, wallClock } from './zonedTime';

/**
 * Turns a playbook into due times for one customer, with luxon in the customer's time zone.
 *
 * 1. Each step's time: its anchor (the start, or the previous step's time) plus its offset. Days and weeks are
 *    calendar units (`plus({ days })`: 09:00 stays 09:00 across a DST change, 23 or 25 hours later); minutes and
 *    hours are elapsed time. An event-driven step ("On next login") has no due time, nor has a step anchored on it.
 * 2. Business hours (optional), in step order: a step first moves by the shift accumulated so far; if it then falls
 *    outside every window it moves to the next opening, and that move is added to the shift. Shifts are measured and
 *    applied on the customer's wall clock, so the steps after a moved one keep their spacing (a step 1 day after a
 *    Friday-evening step that moved to Monday 09:00 lands on Tuesday 09:00) even across a DST change.
 */

export interface ScheduledStep {
	order: number;
	action: string;
	channel: string;
	template: string | null;
	/** The timing as the seed or the custom playbook writes it. */
	timing: TimingInput;
	/** ISO 8601 in the customer's time zone; null for an event-driven step. */
	dueAt: string | null;
	condition: string | null;
	owner: string;
	/** The due time before business hours moved it; null when it did not move. */
	deferredFrom: string | null;
}

export interface ScheduledPlaybook {
	id: string;
	name: string;
	source: string;
	trigger: string | null;
	owner: string;
	timeline: string | null;
	escalationPath: string[];
	/** The customer's time zone the due times are computed in. */
	timezone: string;
	startAt: string;
	stepCount: number;
	steps: ScheduledStep[];
}

export interface ScheduleOptions {
	/** The start: a DateTime, or epoch milliseconds. */
	start: DateTime | number;
	timeZone: string;
	/** Send windows in the customer's time zone; none means any time. */
	businessHours?: readonly BusinessWindow[] | null;
}

export function toIso(time: DateTime): string {
	return time.toISO({ suppressMilliseconds: true }) as string;
}

// Due times are epoch milliseconds, with luxon's calendar arithmetic done by zonedTime.ts (one DateTime per step asked
// Intl for the zone's offset at every step: most of the cost of a plan).
function addOffset(ms: number, offset: TimingOffset, zone: string): number {
	switch (offset.unit) {
		case 'minutes':
			return ms + offset.amount * 60_000;
		case 'hours':
			return ms + offset.amount * 3_600_000;
		case 'days':
			return plusDays(ms, zone, offset.amount);
		case 'weeks':
			return plusDays(ms, zone, offset.amount * 7);
	}
}

/**
 * A due time as ISO 8601. A start is read within the years 1900-9999 and a step waits at most 9999 weeks, so every due
 * time can be written; were one beyond luxon's range, the item fails rather than showing `dueAt: null`, which means
 * "event-driven" here.
 */
function isoIn(ms: number, zone: string, index: number | null, key = 'dueAt'): string {
	const text = isoTime(ms, zone, true);
	if (text === null) {
		// The field's name is built only here: this runs for every step of every customer.
		const field = index === null ? 'playbook.startAt' : `playbook.steps.${index}.${key}`;
		throw new CustomerInputError(
			`${field}: is beyond the dates ISO 8601 can write (got ${ms} ms since 1970)`,
			field,
		);
	}
	return text;
}

export function schedulePlaybook(playbook: Playbook, options: ScheduleOptions): ScheduledPlaybook {
	const zone = options.timeZone;
	const start = typeof options.start === 'number' ? options.start : options.start.toMillis();
	const raw: Array<number | null> = [];
	playbook.steps.forEach((step, index) => {
		const { rule } = step;
		if (rule.kind === 'event') {
			raw.push(null);
			return;
		}
		const anchor = rule.from === 'start' || index === 0 ? start : raw[index - 1];
		const time = anchor === null ? null : addOffset(anchor, rule.offset, zone);
		// Waits chained step after step can run past the dates luxon can hold: fail naming the step, never NaN.
		if (time !== null && !inRange(time)) {
			const field = `playbook.steps.${index}.dueAt`;
			throw new CustomerInputError(
				`${field}: is beyond the dates ISO 8601 can write (the waits up to this step add up too far; its timing is ${previewValue(step.timing)})`,
				field,
			);
		}
		raw.push(time);
	});

	const windows = options.businessHours?.length ? options.businessHours : null;
	let shift = 0;
	const steps: ScheduledStep[] = [];
	playbook.steps.forEach((step, index) => {
		const time = raw[index];
		let due = time;
		if (time !== null && windows) {
			const shifted = shift === 0 ? time : fromWallClock(wallClock(time, zone) + shift, zone);
			due = nextBusinessOpeningAt(shifted, zone, windows);
			shift += wallClock(due, zone) - wallClock(shifted, zone);
		}
		// A step anchored on an event-driven one waits for the same event: it carries that condition if it has none.
		const inherited =
			time === null && step.rule.kind === 'offset' && step.rule.from === 'previous' && index > 0
				? steps[index - 1].condition
				: null;
		steps.push({
			order: step.order,
			action: step.action,
			channel: step.channel,
			template: step.template,
			timing: step.timing,
			dueAt: due === null ? null : isoIn(due, zone, index),
			condition: step.condition ?? step.rule.condition ?? inherited,
			owner: step.owner ?? playbook.owner,
			deferredFrom:
				time !== null && due !== null && due !== time
					? isoIn(time, zone, index, 'deferredFrom')
					: null,
		});
	});

	return {
		id: playbook.id,
		name: playbook.name,
		source: playbook.source,
		trigger: playbook.trigger,
		owner: playbook.owner,
		timeline: playbook.timeline,
		escalationPath: [...playbook.escalationPath],
		timezone: zone,
		startAt: isoIn(start, zone, null),
		stepCount: steps.length,
		steps,
	};
}
