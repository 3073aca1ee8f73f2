import { z } from 'zod';

import { describeIssues } from '../customer/record';
import { assertPlainData, InvalidDataError } from '../shared/plainData';

/**
 * A health model as data: weighted components of metrics, each metric scored 0-100 by one of three rules,
 * plus grade and category thresholds. Presets and custom models share this schema, so a custom model given
 * as JSON fails with a message that names the bad path.
 */

// Bounded so that no sum or product of a model's numbers can overflow into Infinity (a weight of 1e308 would make
// the score Infinity and call it "healthy"): weights are relative, and a million to one is far beyond any real model.
const MAX_WEIGHT = 1e6;
const MAX_MAGNITUDE = 1e12;
const weight = z.number().finite().positive().max(MAX_WEIGHT);
const positive = z.number().finite().positive().max(MAX_MAGNITUDE);
const finite = z.number().finite().min(-MAX_MAGNITUDE).max(MAX_MAGNITUDE);
const points = z.number().finite().min(0).max(MAX_WEIGHT);

const bandSchema = z
	.object({
		/** Lower edge, inclusive: value >= gte. */
		gte: finite.optional(),
		/** Lower edge, exclusive: value > gt (the email platform guide's "open rate >30%"). */
		gt: finite.optional(),
		/** Categorical match (case and spacing insensitive), e.g. ["daily", "diario"]. */
		equals: z
			.array(z.union([z.string().min(1), finite, z.boolean()]))
			.min(1)
			.optional(),
		points,
	})
	.strict()
	.refine(
		(band) => [band.gte, band.gt, band.equals].filter((edge) => edge !== undefined).length === 1,
		{
			message: 'a band needs exactly one of "gte", "gt" or "equals"',
		},
	);

const metricBase = {
	/** Metric key, unique in the model; also the record field read unless `field` is given. */
	key: z.string().min(1),
	name: z.string().min(1).optional(),
	/** Dotted path of the value inside the metrics object; defaults to `key`. */
	field: z.string().min(1).optional(),
	weight,
};

const higherIsBetter = z
	.object({ ...metricBase, type: z.literal('higher'), ideal: positive })
	.strict();

const lowerIsBetter = z
	.object({ ...metricBase, type: z.literal('lower'), ideal: finite, worst: finite })
	.strict()
	.refine((metric) => metric.worst > metric.ideal, {
		message: '"worst" must be greater than "ideal" for a lower-is-better metric',
		path: ['worst'],
	});

const banded = z
	.object({
		...metricBase,
		type: z.literal('bands'),
		bands: z.array(bandSchema).min(1),
		/** Points when no band matches a numeric value (the email platform guide's "else 0"). */
		otherwise: points.default(0),
	})
	.strict()
	.refine((metric) => Math.max(metric.otherwise, ...metric.bands.map((band) => band.points)) > 0, {
		message: 'at least one band must award points',
		path: ['bands'],
	});

export const metricSchema = z.union([higherIsBetter, lowerIsBetter, banded]);

export const componentSchema = z
	.object({
		key: z.string().min(1),
		name: z.string().min(1),
		weight,
		metrics: z.array(metricSchema).min(1),
	})
	.strict();

export const HEALTH_CATEGORIES = ['healthy', 'at_risk', 'critical', 'churned'] as const;
export type HealthCategory = (typeof HEALTH_CATEGORIES)[number] | 'insufficient_data';

const categorySchema = z
	.object({ key: z.enum(HEALTH_CATEGORIES), min: z.number().finite().min(0).max(100) })
	.strict();

const gradesSchema = z
	.object({ A: finite, B: finite, C: finite, D: finite })
	.strict()
	.refine((g) => g.A > g.B && g.B > g.C && g.C > g.D, {
		message: 'grade thresholds must decrease: A > B > C > D',
	});

export const healthModelSchema = z
	.object({
		id: z.string().min(1).default('custom'),
		name: z.string().min(1).default('Custom model'),
		/** The agent specification rounds each component before weighting; point-table models round only the total. */
		rounding: z.enum(['component', 'total']).default('component'),
		components: z.array(componentSchema).min(1),
		grades: gradesSchema.default({ A: 80, B: 60, C: 40, D: 20 }),
		/** Highest minimum first is not required; they are sorted. The lowest band must start at 0. */
		categories: z
			.array(categorySchema)
			.min(1)
			.default([
				{ key: 'healthy', min: 80 },
				{ key: 'at_risk', min: 60 },
				{ key: 'critical', min: 0 },
			]),
	})
	.strict()
	.superRefine((model, ctx) => {
		const seen = new Map<string, string>();
		model.components.forEach((component, c) => {
			component.metrics.forEach((metric, m) => {
				const where = seen.get(metric.key);
				if (where) {
					ctx.addIssue({
						code: z.ZodIssueCode.custom,
						path: ['components', c, 'metrics', m, 'key'],
						message: `metric key "${metric.key}" is already used at ${where}`,
					});
				}
				seen.set(metric.key, `components.${c}.metrics.${m}`);
			});
		});
		const keys = model.categories.map((category) => category.key);
		if (new Set(keys).size !== keys.length) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['categories'],
				message: 'each category may appear once',
			});
		}
		if (!model.categories.some((category) => category.min === 0)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['categories'],
				message: 'the lowest category must start at 0 so every score has a category',
			});
		}
	});

export type HealthModelInput = z.input<typeof healthModelSchema>;
export type HealthModel = z.output<typeof healthModelSchema>;
export type HealthComponentSpec = z.output<typeof componentSchema>;
export type MetricSpec = z.output<typeof metricSchema>;
export type Band = z.output<typeof bandSchema>;

export class InvalidHealthModelError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidHealthModelError';
	}
}

/** Validates a model (e.g. pasted JSON); the message names every bad path, e.g. `components.1.weight`. */
export function parseHealthModel(input: unknown, label = 'Health model'): HealthModel {
	if (typeof input === 'string') {
		try {
			input = JSON.parse(input);
		} catch (error) {
			throw new InvalidHealthModelError(`${label} is not valid JSON: ${(error as Error).message}`);
		}
	}
	try {
		assertPlainData(input, label);
	} catch (error) {
		if (error instanceof InvalidDataError) throw new InvalidHealthModelError(error.message);
		throw error;
	}
	const result = healthModelSchema.safeParse(input);
	if (!result.success) {
		throw new InvalidHealthModelError(
			`${label} is invalid: ${describeIssues(result.error, '', input)}`,
		);
	}
	return result.data;
}
