import { z } from 'zod';

import { describeIssues } from '../customer/record';
import { assertPlainData, InvalidDataError } from '../shared/plainData';
import { previewValue } from '../shared/preview';
import { InvalidTimingError, parseTiming, type TimingInput, type TimingRule } from './timing';

/**
 * A playbook as data: who owns it, how it escalates, and its ordered steps with their timing. The shape is docs/sources.md#save-playbooks SavePlaybook/SaveAction (owner, timeline, escalationPath; order, action, channel, template, timing,
 * condition), which also holds docs/sources.md#cs-workflows CS_WORKFLOWS (trigger; action, delay, condition) and the retention playbook's
 * playbooks. Built-in and custom playbooks go through the same schema, so a custom one fails with the bad path.
 */

export const PLAYBOOK_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** Channels of docs/sources.md#churn-prevention (email, call, in_app, meeting) and the ones we add for CS_WORKFLOWS' internal steps. */
export const KNOWN_CHANNELS = [
	'email',
	'call',
	'in_app',
	'meeting',
	'task',
	'notification',
	'system',
] as const;

const text = z.string().trim().min(1);

const timingSchema = z
	.union([z.string(), z.number()], {
		errorMap: () => ({
			message: 'must be a timing text such as "Within 48h" or "3 days", or the number 0',
		}),
	})
	.superRefine((timing, ctx) => {
		try {
			parseTiming(timing);
		} catch (error) {
			if (!(error instanceof InvalidTimingError)) throw error;
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: error.message });
		}
	});

export const playbookStepSchema = z
	.object({
		/** Position in the playbook, 1 first. Give it on every step or on none (then the list order counts). */
		order: z.number().int().positive().optional(),
		action: text,
		channel: z
			.string()
			.trim()
			.regex(/^[a-z][a-z0-9_]*$/, {
				message: `must be a lowercase channel name such as ${KNOWN_CHANNELS.map((c) => `"${c}"`).join(', ')}`,
			}),
		template: text.nullable().optional(),
		/** The timing as the seed writes it; see timing.ts for the grammar. */
		timing: timingSchema,
		condition: text.nullable().optional(),
		/** Who does this step, when not the playbook's owner (docs/sources.md#winback-campaign: the Head of Sales makes the day-21 call). */
		owner: text.optional(),
	})
	.strict();

export const playbookSchema = z
	.object({
		id: z.string().trim().regex(PLAYBOOK_ID_PATTERN, {
			message:
				'must be a playbook id of letters, digits, ".", "_", ":" or "-", such as "custom.trial_rescue"',
		}),
		name: text.optional(),
		/** Where the playbook comes from, e.g. "Save playbook: no login 7 days (docs/sources.md#save-playbooks)". */
		source: text.optional(),
		/** The signal or event that starts it (docs/sources.md#churn-signal-catalogue `signal`, docs/sources.md#cs-workflows `trigger`). */
		trigger: text.nullable().optional(),
		owner: text.default('csm'),
		timeline: text.nullable().default(null),
		escalationPath: z.array(text).default([]),
		steps: z.array(playbookStepSchema).min(1),
	})
	.strict()
	.superRefine((playbook, ctx) => {
		const withOrder = playbook.steps.filter((step) => step.order !== undefined).length;
		if (withOrder !== 0 && withOrder !== playbook.steps.length) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['steps'],
				message: 'give "order" on every step or on none (then the list order counts)',
			});
		}
		const seen = new Map<number, number>();
		playbook.steps.forEach((step, index) => {
			if (step.order === undefined) return;
			const first = seen.get(step.order);
			if (first !== undefined) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['steps', index, 'order'],
					message: `order ${step.order} is already used by steps.${first}`,
				});
			} else seen.set(step.order, index);
		});
	});

export type PlaybookInput = z.input<typeof playbookSchema>;

export interface PlaybookStep {
	order: number;
	action: string;
	channel: string;
	template: string | null;
	timing: TimingInput;
	rule: TimingRule;
	condition: string | null;
	owner: string | null;
}

export interface Playbook {
	id: string;
	name: string;
	source: string;
	trigger: string | null;
	owner: string;
	timeline: string | null;
	escalationPath: string[];
	steps: PlaybookStep[];
}

export class InvalidPlaybookError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidPlaybookError';
	}
}

function normalize(parsed: z.output<typeof playbookSchema>, source: string): Playbook {
	const steps = parsed.steps
		.map((step, index) => ({
			order: step.order ?? index + 1,
			action: step.action,
			channel: step.channel,
			template: step.template ?? null,
			timing: step.timing,
			rule: parseTiming(step.timing),
			condition: step.condition ?? null,
			owner: step.owner ?? null,
		}))
		.sort((a, b) => a.order - b.order);
	return {
		id: parsed.id,
		name: parsed.name ?? parsed.id,
		source: parsed.source ?? source,
		trigger: parsed.trigger ?? null,
		owner: parsed.owner,
		timeline: parsed.timeline,
		escalationPath: parsed.escalationPath,
		steps,
	};
}

/** Playbooks given by an expression may be cyclic or absurdly deep: a clear error, before zod recurses into them. */
function plainOrFail(input: unknown, label: string): void {
	try {
		assertPlainData(input, label);
	} catch (error) {
		if (error instanceof InvalidDataError) throw new InvalidPlaybookError(error.message);
		throw error;
	}
}

/** Validates one playbook definition; the message names every bad path, e.g. `steps.1.timing`. */
export function parsePlaybook(input: unknown, label = 'Playbook', source = 'custom'): Playbook {
	plainOrFail(input, label);
	const result = playbookSchema.safeParse(input);
	if (!result.success)
		throw new InvalidPlaybookError(
			`${label} is invalid: ${describeIssues(result.error, '', input)}`,
		);
	return normalize(result.data, source);
}

/**
 * Custom playbooks as pasted JSON: one playbook object or an array of them (a string is parsed first; an empty
 * string or array means none). Ids must be unique in the list.
 */
export function parsePlaybooks(input: unknown, label = 'Custom Playbooks (JSON)'): Playbook[] {
	if (typeof input === 'string') {
		if (input.trim() === '') return [];
		try {
			input = JSON.parse(input);
		} catch (error) {
			throw new InvalidPlaybookError(`${label} is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (input === null || input === undefined) return [];
	plainOrFail(input, label);
	if (!Array.isArray(input)) return [parsePlaybook(input, label)];
	const result = z.array(playbookSchema).safeParse(input);
	if (!result.success)
		throw new InvalidPlaybookError(
			`${label} is invalid: ${describeIssues(result.error, '', input)}`,
		);
	const seen = new Map<string, number>();
	result.data.forEach((playbook, index) => {
		const first = seen.get(playbook.id);
		if (first !== undefined) {
			throw new InvalidPlaybookError(
				`${label} is invalid: ${index}.id: playbook id ${previewValue(playbook.id)} is already used by playbook ${first}`,
			);
		}
		seen.set(playbook.id, index);
	});
	return result.data.map((playbook) => normalize(playbook, 'custom'));
}
