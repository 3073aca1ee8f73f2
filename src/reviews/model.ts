import { z } from 'zod';

import { CustomerInputError } from '../customer/errors';
import { describeIssues } from '../customer/record';
import { toFiniteNumber } from '../shared/numbers';
import { assertPlainData, InvalidDataError } from '../shared/plainData';
import { previewValue } from '../shared/preview';

/**
 * The success plan as the item holds it, validated with zod: seed 002 §10.1 SuccessPlan (docs/sources.md#success-plans)
 * reduced to what a review reads, in the record's snake_case. A bad plan fails the item naming the path
 * (`success_plan.goals.1.deadline`).
 *
 *   success_plan: {
 *     start_date: "2026-01-01",                 when the plan started (each goal may have its own start_date)
 *     goals: [{                                  the seed's successCriteria
 *       name: "Response time",                  what the customer calls it
 *       metric: "avg_response_time_minutes",    optional: the metric's key in your system
 *       baseline: 120, target: 5, current: 30,  the value at the start, the goal, the value now
 *       deadline: "2026-06-30",                  the last day to reach the target, in the customer's calendar
 *       unit: "min",                             optional, shown after values ("%", "min", "h")
 *       direction: "decrease"                    optional: from baseline and target; needed when they are equal
 *     }],
 *     initiatives: [{ name, status }]           optional: the seed's initiatives (planned, in_progress, completed, blocked)
 *   }
 */

export const MAX_GOALS = 50;
export const MAX_INITIATIVES = 50;
export const MAX_LIST_ENTRIES = 100;
const MAX_NAME = 200;

export const GOAL_DIRECTIONS = ['increase', 'decrease'] as const;
export type GoalDirection = (typeof GOAL_DIRECTIONS)[number];

export const INITIATIVE_STATUSES = ['planned', 'in_progress', 'completed', 'blocked'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

/** A finite number, or decimal text such as "42" (CRMs send text); anything else "must be a number". */
const number = z.custom<number | string>((value) => toFiniteNumber(value) !== undefined, {
	message: 'must be a number',
});
const name = z
	.string({ invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'must not be empty')
	.max(MAX_NAME, `must be at most ${MAX_NAME} characters`);
const optionalText = (max: number) =>
	z
		.string({ invalid_type_error: 'must be text' })
		.trim()
		.max(max, `must be at most ${max} characters`)
		.nullable()
		.optional();
/** A date as the package reads dates (ISO 8601 text or epoch seconds/milliseconds); parsed in the customer's zone later. */
const date = z.union([z.string(), z.number()], {
	errorMap: () => ({ message: 'must be an ISO 8601 date such as "2026-06-30"' }),
});

const goalSchema = z.object({
	id: optionalText(100),
	name,
	metric: optionalText(100),
	unit: optionalText(20),
	baseline: number,
	target: number,
	current: number,
	deadline: date,
	start_date: date.nullable().optional(),
	direction: z
		.enum(GOAL_DIRECTIONS, {
			errorMap: () => ({ message: 'must be "increase" or "decrease"' }),
		})
		.nullable()
		.optional(),
});

const initiativeSchema = z.object({
	name,
	status: z.enum(INITIATIVE_STATUSES, {
		errorMap: () => ({ message: `must be one of ${INITIATIVE_STATUSES.join(', ')}` }),
	}),
});

const planSchema = z.object({
	start_date: date.nullable().optional(),
	goals: z
		.array(goalSchema, { invalid_type_error: 'must be a list of goals' })
		.max(MAX_GOALS, `must have at most ${MAX_GOALS} goals`)
		.default([]),
	initiatives: z
		.array(initiativeSchema, { invalid_type_error: 'must be a list of initiatives' })
		.max(MAX_INITIATIVES, `must have at most ${MAX_INITIATIVES} initiatives`)
		.default([]),
});

/** Value metrics beyond the plan's goals (`value_metrics`): the seed's valueDelivered.metrics, before and after. */
const valueMetricSchema = z.object({
	name,
	unit: optionalText(20),
	before: number,
	after: number,
	direction: z
		.enum(GOAL_DIRECTIONS, {
			errorMap: () => ({ message: 'must be "increase" or "decrease"' }),
		})
		.nullable()
		.optional(),
});
const valueMetricsSchema = z
	.array(valueMetricSchema, { invalid_type_error: 'must be a list of metrics' })
	.max(MAX_GOALS, `must have at most ${MAX_GOALS} metrics`);

export interface GoalInput {
	id: string | null;
	name: string;
	metric: string | null;
	unit: string | null;
	baseline: number;
	target: number;
	current: number;
	/** Raw dates, parsed in the customer's zone by successPlan.ts (their errors name `<field>.goals.N.deadline`). */
	deadline: string | number;
	startDate: string | number | null;
	direction: GoalDirection | null;
}

export interface SuccessPlanInput {
	startDate: string | number | null;
	goals: GoalInput[];
	initiatives: Array<{ name: string; status: InitiativeStatus }>;
}

export interface ValueMetricInput {
	name: string;
	unit: string | null;
	before: number;
	after: number;
	direction: GoalDirection | null;
}

/** JSON text (what a Data Table column or a CRM field holds) is parsed; other values are taken as they are. */
function fromJsonText(raw: unknown, field: string, example: string): unknown {
	if (typeof raw !== 'string') return raw;
	const text = raw.trim();
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new CustomerInputError(
			`${field}: must be ${example} or its JSON text (got ${previewValue(raw)})`,
			field,
		);
	}
}

function validated<T extends z.ZodTypeAny>(
	schema: T,
	raw: unknown,
	field: string,
	example: string,
): z.output<T> {
	const value = fromJsonText(raw, field, example);
	try {
		assertPlainData(value, field);
	} catch (error) {
		if (error instanceof InvalidDataError) throw new CustomerInputError(error.message, field);
		throw error;
	}
	const result = schema.safeParse(value);
	if (!result.success) {
		const first = result.error.issues[0];
		const path = first && first.path.length ? `${field}.${first.path.join('.')}` : field;
		throw new CustomerInputError(describeIssues(result.error, `${field}.`, value), path);
	}
	return result.data as z.output<T>;
}

const nullable = (value: string | null | undefined) => (value ? value : null);

/** The success plan at `field` (an object or its JSON text); fails naming the path of the first bad value. */
export function parseSuccessPlan(raw: unknown, field: string): SuccessPlanInput {
	const plan = validated(
		planSchema,
		raw,
		field,
		'a success plan such as { "start_date": "2026-01-01", "goals": [ … ] }',
	);
	return {
		startDate: plan.start_date ?? null,
		goals: plan.goals.map((goal) => ({
			id: nullable(goal.id),
			name: goal.name,
			metric: nullable(goal.metric),
			unit: nullable(goal.unit),
			baseline: toFiniteNumber(goal.baseline) as number,
			target: toFiniteNumber(goal.target) as number,
			current: toFiniteNumber(goal.current) as number,
			deadline: goal.deadline,
			startDate: goal.start_date ?? null,
			direction: goal.direction ?? null,
		})),
		initiatives: plan.initiatives.map((initiative) => ({ ...initiative })),
	};
}

/** `value_metrics`: a list of { name, before, after, unit?, direction? } (or its JSON text). */
export function parseValueMetrics(raw: unknown, field: string): ValueMetricInput[] {
	const metrics = validated(
		valueMetricsSchema,
		raw,
		field,
		'a list such as [{ "name": "Hours on support", "before": 40, "after": 12 }]',
	);
	return metrics.map((metric) => ({
		name: metric.name,
		unit: nullable(metric.unit),
		before: toFiniteNumber(metric.before) as number,
		after: toFiniteNumber(metric.after) as number,
		direction: metric.direction ?? null,
	}));
}

const nameList = z
	.array(
		z
			.string({ invalid_type_error: 'must be text' })
			.max(MAX_NAME, `must be at most ${MAX_NAME} characters`)
			.nullable(),
		{ invalid_type_error: 'must be a list of names' },
	)
	.max(MAX_LIST_ENTRIES, `must have at most ${MAX_LIST_ENTRIES} entries`);

/**
 * A list of names (features, issues): a list of text, its JSON text, or one comma-separated text. Blank entries are
 * skipped, and a name is kept once (case-insensitively, first spelling wins).
 */
export function parseNameList(raw: unknown, field: string): string[] {
	let list = raw;
	if (typeof raw === 'string') {
		const text = raw.trim();
		list = text.startsWith('[') ? fromJsonText(text, field, 'a list of names') : text.split(',');
	}
	const names = validated(nameList, list, field, 'a list of names such as ["Reports", "API"]');
	const seen = new Set<string>();
	const kept: string[] = [];
	for (const entry of names) {
		const trimmed = (entry ?? '').trim();
		if (trimmed === '' || seen.has(trimmed.toLowerCase())) continue;
		seen.add(trimmed.toLowerCase());
		kept.push(trimmed);
	}
	return kept;
}
