import type { DateTime } from 'luxon';

import { CustomerInputError } from '../customer/errors';
import { isoTime, plusDays } from '../playbooks/zonedTime';
import type { NpsSegment } from './segments';

/**
 * The follow-up each segment gets, with due times counted from the response.
 *
 * Sources: docs/sources.md#nps-follow-up-by-segment (the action per segment), docs/sources.md#nps-response-handling NPSManager (detractor task due in 24 hours with a
 * CSM alert; promoter into the advocacy pipeline), docs/sources.md#cs-workflows CS_WORKFLOWS nps.nps_detractor and
 * nps.nps_promoter (steps and delays), docs/sources.md#cs-email-templates (template nps_followup_detractor).
 * Where the seeds are silent we say "ours".
 *
 * Offsets in hours are elapsed time ("Within 24h" is 24 real hours, even across a DST change); offsets in days are
 * calendar days in the customer's time zone (10:00 stays 10:00).
 */

export type FollowUpChannel = 'call' | 'email' | 'notification' | 'task' | 'system';

export interface FollowUpActionDefinition {
	action: string;
	description: string;
	channel: FollowUpChannel;
	owner: 'csm' | 'cs_manager';
	/** A CS Email Template id, or null where the seeds give no template. */
	template: string | null;
	/** The timing as text, for people; `offset` is what the due time is computed from. */
	timing: string;
	offset: { hours: number } | { days: number };
	/** What must hold for the action to be needed (e.g. "no_followup"), else null. */
	condition: string | null;
	source: string;
}

export interface FollowUpDefinition {
	/** The CS Playbook id of the same follow-up (docs/sources.md#cs-workflows), so a CS Playbook node can take it over. */
	playbook: string | null;
	priority: 'high' | 'normal';
	actions: FollowUpActionDefinition[];
}

export const NPS_FOLLOW_UPS: Readonly<Record<NpsSegment, FollowUpDefinition>> = {
	detractor: {
		playbook: 'nps.nps_detractor',
		priority: 'high', // docs/sources.md#nps-response-handling: task priority 'high'
		actions: [
			{
				action: 'notify_csm',
				description: 'Alert the CSM to the detractor response',
				channel: 'notification',
				owner: 'csm',
				template: null,
				timing: 'Immediately',
				offset: { hours: 0 },
				condition: null,
				source:
					'NPS response handling: CSM alert; CS workflow: NPS, detractor, notify CSM (docs/sources.md#nps-response-handling, #cs-workflows)',
			},
			{
				action: 'send_followup_email',
				description: 'Thank them for the feedback and ask for a short call',
				channel: 'email',
				owner: 'csm',
				template: 'nps_followup_detractor',
				timing: 'Immediately',
				offset: { hours: 0 },
				condition: null,
				source: 'CS email template: NPS detractor follow-up (docs/sources.md#cs-email-templates)',
			},
			{
				action: 'call_customer',
				description:
					'Call to understand and solve the problem, and offer compensation where it is due',
				channel: 'call',
				owner: 'csm',
				template: null,
				timing: 'Within 24h',
				offset: { hours: 24 },
				condition: null,
				source:
					'NPS follow-up per segment: a CS specialist calls within 24 hours; NPS response handling: task due in 24 hours (docs/sources.md#nps-follow-up-by-segment, #nps-response-handling)',
			},
			{
				action: 'escalate_to_manager',
				description: 'Escalate to the CS manager if the customer has not been followed up',
				channel: 'task',
				owner: 'cs_manager',
				template: null,
				timing: '3 days',
				offset: { days: 3 },
				condition: 'no_followup',
				source: 'CS workflow: NPS, detractor, escalate to manager (docs/sources.md#cs-workflows)',
			},
		],
	},
	passive: {
		// The agent specification (docs/sources.md#nps-response-handling) does nothing for passives; the retention playbook (docs/sources.md#nps-follow-up-by-segment) asks them for an interview. No seed playbook.
		playbook: null,
		priority: 'normal',
		actions: [
			{
				action: 'request_interview',
				description: 'Ask for a 15-minute interview on what is missing to make them a promoter',
				channel: 'email',
				owner: 'csm',
				template: null,
				timing: 'Within 3 days', // ours: the seeds give no time
				offset: { days: 3 },
				condition: null,
				source:
					'NPS follow-up per segment: passives, 15-minute interview (docs/sources.md#nps-follow-up-by-segment)',
			},
		],
	},
	promoter: {
		playbook: 'nps.nps_promoter',
		priority: 'normal',
		actions: [
			{
				action: 'add_to_advocacy_pipeline',
				description: 'Add to the advocacy pipeline as an nps_promoter candidate',
				channel: 'system',
				owner: 'csm',
				template: null,
				timing: 'Immediately',
				offset: { hours: 0 },
				condition: null,
				source:
					'NPS response handling: promoter workflow; CS workflow: NPS, promoter, add to advocacy pipeline (docs/sources.md#nps-response-handling, #cs-workflows)',
			},
			{
				action: 'send_thank_you',
				description: 'Thank them for the score',
				channel: 'email',
				owner: 'csm',
				template: null,
				timing: 'Immediately',
				offset: { hours: 0 },
				condition: null,
				source: 'CS workflow: NPS, promoter, thank-you (docs/sources.md#cs-workflows)',
			},
			{
				action: 'send_advocacy_invite',
				description: 'Ask for a case study, a testimonial and a referral (affiliate program)',
				channel: 'email',
				owner: 'csm',
				template: null,
				timing: '7 days',
				offset: { days: 7 },
				condition: null,
				source:
					'NPS follow-up per segment: promoters, case studies, testimonials, referrals; CS workflow: NPS, promoter, advocacy invitation (docs/sources.md#nps-follow-up-by-segment, #cs-workflows)',
			},
		],
	},
};

export interface FollowUpAction {
	order: number;
	action: string;
	description: string;
	channel: FollowUpChannel;
	owner: string;
	template: string | null;
	timing: string;
	/** ISO 8601 in the customer's time zone. */
	dueAt: string;
	condition: string | null;
}

export interface FollowUp {
	playbook: string | null;
	priority: 'high' | 'normal';
	/** The instant the due times count from, in the customer's time zone. */
	respondedAt: string;
	/** Where that instant came from: the record's response-time field, or the reference time. */
	dueFrom: string;
	timezone: string;
	actions: FollowUpAction[];
}

export function toIsoSeconds(time: DateTime): string {
	return time.toISO({ suppressMilliseconds: true }) as string;
}

/** The follow-up of `segment`, due times counted from `respondedAt` in `timeZone`. */
export function planFollowUp(
	segment: NpsSegment,
	respondedAt: DateTime,
	timeZone: string,
	dueFrom: string,
): FollowUp {
	return planFollowUpAt(segment, respondedAt.toMillis(), timeZone, dueFrom);
}

/**
 * An instant as ISO 8601 in the zone. Dates are read within the years 1900-9999 (src/shared/dates.ts), so every due
 * time a few days later can be written; if one could not, the item fails naming it rather than showing `dueAt: null`.
 */
function isoOrFail(ms: number, timeZone: string, field: string | number): string {
	const text = isoTime(ms, timeZone, true);
	if (text === null) {
		// A number is an action's index: its name is built only here, as this runs for every action of every response.
		const name = typeof field === 'number' ? `nps.followUp.actions.${field}.dueAt` : field;
		throw new CustomerInputError(
			`${name}: is beyond the dates that can be written as ISO 8601 (got ${ms} ms since 1970)`,
			name,
		);
	}
	return text;
}

/** planFollowUp from epoch milliseconds: due times computed on milliseconds, as luxon would (zonedTime.ts). */
export function planFollowUpAt(
	segment: NpsSegment,
	respondedAtMs: number,
	timeZone: string,
	dueFrom: string,
): FollowUp {
	const definition = NPS_FOLLOW_UPS[segment];
	return {
		playbook: definition.playbook,
		priority: definition.priority,
		respondedAt: isoOrFail(respondedAtMs, timeZone, dueFrom),
		dueFrom,
		timezone: timeZone,
		actions: definition.actions.map((action, index) => ({
			order: index + 1,
			action: action.action,
			description: action.description,
			channel: action.channel,
			owner: action.owner,
			template: action.template,
			timing: action.timing,
			dueAt: isoOrFail(dueTime(respondedAtMs, action.offset, timeZone), timeZone, index),
			condition: action.condition,
		})),
	};
}

/** Hours are elapsed time; days are calendar days in the zone (luxon's `plus`). */
function dueTime(
	startMs: number,
	offset: FollowUpActionDefinition['offset'],
	timeZone: string,
): number {
	return 'hours' in offset
		? startMs + offset.hours * 3_600_000
		: plusDays(startMs, timeZone, offset.days);
}
