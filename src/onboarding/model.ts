import { z } from 'zod';

import { describeIssues } from '../customer/record';
import { InvalidParameterError } from '../shared/parameters';
import { assertPlainData, InvalidDataError } from '../shared/plainData';
import {
	ALL_REQUIRED_STEPS_COMPLETED,
	MID_MARKET_ONBOARDING,
	RESOURCE_TYPES,
	SELF_SERVE_ONBOARDING,
	STEP_TYPES,
	TARGET_SEGMENTS,
	type OnboardingMilestone,
	type OnboardingProgram,
	type OnboardingStep,
} from './programs';

/**
 * Custom onboarding programmes as JSON, in the shape of seed 002 §4.1 OnboardingProgram
 * (docs/sources.md#onboarding-programs), validated with zod: a bad programme fails naming the path
 * (`steps.1.order`, `milestones.0.criteria.1`). Built-in and custom programmes are then compiled the same way.
 */

export const DEFAULT_PROGRAM_LABEL = 'Custom Program (JSON)';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const idText = z.string().trim().max(100).regex(ID_PATTERN, {
	message: 'must be an id of letters, digits, ".", "_", ":" or "-", such as "first_chatbot"',
});
const text = z.string().trim().min(1).max(200);
const longText = z.string().trim().max(2000);

const resourceSchema = z
	.object({ type: z.enum(RESOURCE_TYPES), title: text, url: longText.min(1) })
	.strict();

const stepSchema = z
	.object({
		id: idText,
		name: text,
		description: longText.default(''),
		/** Give it on every step or on none (then the list order counts). */
		order: z.number().int().positive().optional(),
		type: z.enum(STEP_TYPES).default('action'),
		required: z.boolean().default(true),
		estimatedMinutes: z.number().min(0).max(100_000).default(0),
		resources: z.array(resourceSchema).max(50).default([]),
		/** The event that marks the step done; the step's id when not given. */
		completionCriteria: idText.optional(),
	})
	.strict();

const milestoneSchema = z
	.object({
		id: idText,
		name: text,
		targetDay: z.number().int().min(0).max(3650),
		criteria: z.array(idText).min(1).max(100),
		celebration: longText.nullable().optional(),
	})
	.strict();

const programSchema = z
	.object({
		id: idText,
		name: text.optional(),
		targetSegment: z.enum(TARGET_SEGMENTS).nullable().optional(),
		duration: z.number().int().min(1).max(3650),
		steps: z.array(stepSchema).min(1).max(200),
		milestones: z.array(milestoneSchema).max(100).default([]),
	})
	.strict()
	.superRefine((program, ctx) => {
		const issue = (path: Array<string | number>, message: string) =>
			ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
		const withOrder = program.steps.filter((step) => step.order !== undefined).length;
		if (withOrder !== 0 && withOrder !== program.steps.length)
			issue(['steps'], 'give "order" on every step or on none (then the list order counts)');
		const orders = new Map<number, number>();
		// Every name a record may use for a step (its id, its completion criterion) belongs to one step only.
		const names = new Map<string, number>();
		program.steps.forEach((step, index) => {
			if (step.order !== undefined) {
				const first = orders.get(step.order);
				if (first !== undefined)
					issue(['steps', index, 'order'], `order ${step.order} is already used by steps.${first}`);
				else orders.set(step.order, index);
			}
			const own: Array<readonly ['id' | 'completionCriteria', string]> = [['id', step.id]];
			if (step.completionCriteria !== undefined)
				own.push(['completionCriteria', step.completionCriteria]);
			for (const [key, name] of own) {
				const lower = name.toLowerCase();
				if (lower === ALL_REQUIRED_STEPS_COMPLETED) {
					issue(
						['steps', index, key],
						`"${ALL_REQUIRED_STEPS_COMPLETED}" is reserved for milestones`,
					);
					continue;
				}
				const first = names.get(lower);
				if (first !== undefined && first !== index)
					issue(['steps', index, key], `"${name}" already names steps.${first}`);
				else names.set(lower, index);
			}
		});
		if (!program.steps.some((step) => step.required))
			issue(
				['steps'],
				'at least one step must be required (progress is the share of required steps)',
			);
		const milestones = new Map<string, number>();
		program.milestones.forEach((milestone, index) => {
			const lower = milestone.id.toLowerCase();
			const first = milestones.get(lower);
			if (first !== undefined)
				issue(
					['milestones', index, 'id'],
					`"${milestone.id}" is already the id of milestones.${first}`,
				);
			else milestones.set(lower, index);
			milestone.criteria.forEach((criterion, position) => {
				const name = criterion.toLowerCase();
				if (name !== ALL_REQUIRED_STEPS_COMPLETED && !names.has(name))
					issue(
						['milestones', index, 'criteria', position],
						`"${criterion}" is neither a step id, a step's completionCriteria nor "${ALL_REQUIRED_STEPS_COMPLETED}"`,
					);
			});
		});
	});

export type OnboardingProgramInput = z.input<typeof programSchema>;

/** A bad custom programme: the message names the parameter and every bad path. */
export class InvalidOnboardingProgramError extends InvalidParameterError {
	constructor(message: string, parameter: string) {
		super(message, parameter);
		this.name = 'InvalidOnboardingProgramError';
	}
}

function normalize(parsed: z.output<typeof programSchema>): OnboardingProgram {
	const steps: OnboardingStep[] = parsed.steps
		.map((step, index) => ({
			id: step.id,
			name: step.name,
			description: step.description,
			order: step.order ?? index + 1,
			type: step.type,
			required: step.required,
			estimatedMinutes: step.estimatedMinutes,
			resources: step.resources.map((resource) => ({ ...resource })),
			completionCriteria: step.completionCriteria ?? step.id,
		}))
		.sort((a, b) => a.order - b.order);
	const milestones: OnboardingMilestone[] = parsed.milestones.map((milestone) => ({
		id: milestone.id,
		name: milestone.name,
		targetDay: milestone.targetDay,
		criteria: [...milestone.criteria],
		celebration: milestone.celebration ? milestone.celebration : null,
	}));
	return {
		id: parsed.id,
		name: parsed.name ?? parsed.id,
		targetSegment: parsed.targetSegment ?? null,
		duration: parsed.duration,
		steps,
		milestones,
	};
}

/** Validates a programme (an object or its JSON text) and returns it with defaults filled and steps in order. */
export function parseOnboardingProgram(
	input: unknown,
	label = DEFAULT_PROGRAM_LABEL,
): OnboardingProgram {
	if (typeof input === 'string') {
		if (input.trim() === '')
			throw new InvalidOnboardingProgramError(
				`${label}: is empty; give a programme as JSON`,
				label,
			);
		try {
			input = JSON.parse(input);
		} catch (error) {
			throw new InvalidOnboardingProgramError(
				`${label} is not valid JSON: ${(error as Error).message}`,
				label,
			);
		}
	}
	try {
		assertPlainData(input, label);
	} catch (error) {
		if (error instanceof InvalidDataError)
			throw new InvalidOnboardingProgramError(error.message, label);
		throw error;
	}
	const result = programSchema.safeParse(input);
	if (!result.success) {
		throw new InvalidOnboardingProgramError(
			`${label} is invalid: ${describeIssues(result.error, '', input)}`,
			label,
		);
	}
	return normalize(result.data);
}

/** What a milestone needs, resolved to step ids (seed 002 §4.2 checkMilestones, with its criteria mapped to steps). */
export interface MilestoneRequirement {
	milestone: OnboardingMilestone;
	/** `all_required_steps_completed` is among its criteria. */
	allRequired: boolean;
	/** The steps its other criteria name, by id. */
	stepIds: string[];
}

/** A programme ready to track against: each name a record may use for a step, and each milestone's steps. */
export interface CompiledProgram {
	program: OnboardingProgram;
	/** By lower-cased step id and lower-cased completion criterion. */
	stepsByName: ReadonlyMap<string, OnboardingStep>;
	requiredStepIds: readonly string[];
	milestones: readonly MilestoneRequirement[];
	/** Milestone ids by lower-cased id. */
	milestoneIds: ReadonlyMap<string, string>;
}

/**
 * Indexes a programme. The seed's checkMilestones compares completion-criteria names (`chatbot_created`) with the
 * step ids the tracker stores (`first_chatbot`), so no milestone but the all-required one ever fires: here every
 * criterion is resolved to its step first (docs/sources.md#diff-onboarding-criteria).
 */
export function compileProgram(program: OnboardingProgram): CompiledProgram {
	const stepsByName = new Map<string, OnboardingStep>();
	for (const step of program.steps) {
		stepsByName.set(step.id.toLowerCase(), step);
		stepsByName.set(step.completionCriteria.toLowerCase(), step);
	}
	const milestones = program.milestones.map((milestone) => {
		let allRequired = false;
		const stepIds: string[] = [];
		for (const criterion of milestone.criteria) {
			const name = criterion.toLowerCase();
			if (name === ALL_REQUIRED_STEPS_COMPLETED) {
				allRequired = true;
				continue;
			}
			const step = stepsByName.get(name);
			if (!step) throw new Error(`Milestone ${milestone.id}: no step is named "${criterion}"`);
			if (!stepIds.includes(step.id)) stepIds.push(step.id);
		}
		return { milestone, allRequired, stepIds };
	});
	return {
		program,
		stepsByName,
		requiredStepIds: program.steps.filter((step) => step.required).map((step) => step.id),
		milestones,
		milestoneIds: new Map(program.milestones.map((m) => [m.id.toLowerCase(), m.id])),
	};
}

export const SELF_SERVE_COMPILED = compileProgram(SELF_SERVE_ONBOARDING);
export const MID_MARKET_COMPILED = compileProgram(MID_MARKET_ONBOARDING);

/** The compiled built-in programme, or a custom one compiled once (compile it yourself to reuse it). */
export function compiledBuiltin(program: OnboardingProgram): CompiledProgram | undefined {
	if (program === SELF_SERVE_ONBOARDING) return SELF_SERVE_COMPILED;
	if (program === MID_MARKET_ONBOARDING) return MID_MARKET_COMPILED;
	return undefined;
}
