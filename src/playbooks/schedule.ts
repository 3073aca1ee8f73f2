import { DateTime } from 'luxon';

import { nextBusinessOpening, type BusinessWindow } from './businessHours';
import type { Playbook } from './model';
import type { TimingInput, TimingOffset } from './timing';

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
	start: DateTime;
	timeZone: string;
	/** Send windows in the customer's time zone; none means any time. */
	businessHours?: readonly BusinessWindow[] | null;
}

function addOffset(time: DateTime, offset: TimingOffset): DateTime {
	return time.plus({ [offset.unit]: offset.amount });
}

/** Wall-clock milliseconds: the local date and time read as if they were UTC. */
function wallClock(time: DateTime): number {
	return time.setZone('UTC', { keepLocalTime: true }).toMillis();
}

/** The instant showing wall-clock `millis` in `zone` (a time in a DST gap moves forward, as luxon does). */
function fromWallClock(millis: number, zone: string): DateTime {
	return DateTime.fromMillis(millis, { zone: 'UTC' }).setZone(zone, { keepLocalTime: true });
}

export function toIso(time: DateTime): string {
	return time.toISO({ suppressMilliseconds: true }) as string;
}

export function schedulePlaybook(playbook: Playbook, options: ScheduleOptions): ScheduledPlaybook {
	const start = options.start.setZone(options.timeZone);
	const raw: Array<DateTime | null> = [];
	playbook.steps.forEach((step, index) => {
		const { rule } = step;
		if (rule.kind === 'event') {
			raw.push(null);
			return;
		}
		const anchor = rule.from === 'start' || index === 0 ? start : raw[index - 1];
		raw.push(anchor ? addOffset(anchor, rule.offset) : null);
	});

	const windows = options.businessHours?.length ? options.businessHours : null;
	let shift = 0;
	const steps: ScheduledStep[] = [];
	playbook.steps.forEach((step, index) => {
		const time = raw[index];
		let due = time;
		if (time && windows) {
			const shifted = shift === 0 ? time : fromWallClock(wallClock(time) + shift, options.timeZone);
			due = nextBusinessOpening(shifted, windows);
			shift += wallClock(due) - wallClock(shifted);
		}
		// A step anchored on an event-driven one waits for the same event: it carries that condition if it has none.
		const inherited =
			!time && step.rule.kind === 'offset' && step.rule.from === 'previous' && index > 0
				? steps[index - 1].condition
				: null;
		steps.push({
			order: step.order,
			action: step.action,
			channel: step.channel,
			template: step.template,
			timing: step.timing,
			dueAt: due ? toIso(due) : null,
			condition: step.condition ?? step.rule.condition ?? inherited,
			owner: step.owner ?? playbook.owner,
			deferredFrom: time && due && due.toMillis() !== time.toMillis() ? toIso(time) : null,
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
		timezone: options.timeZone,
		startAt: toIso(start),
		stepCount: steps.length,
		steps,
	};
}
