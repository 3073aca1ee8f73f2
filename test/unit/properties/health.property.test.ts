/** Issue 11 properties for src/health: every public entry, any JSON item, any parameter an expression can give. */
import fc from 'fast-check';

import {
	evaluateCustomerHealth,
	healthModelPreset,
	modelFromTables,
	opportunitiesFor,
	parseHealthModel,
	readMetric,
	riskFactorsFor,
	scoreHealth,
	withThresholds,
	type HealthModel,
	type HealthModelPreset,
	type HealthResult,
} from '../../../src/health';
import { parseInstant } from '../../../src/shared/dates';
import {
	anyJson,
	anyParameter,
	customerFields,
	customerItem,
	customerRecord,
	hostileKey,
	hostileNumber,
	objectOf,
	pathParameterValue,
	referenceValue,
	toJsonText,
	validZone,
	zoneName,
} from './arbitraries';
import { expect_, inRange, propertiesOf, REFERENCE } from './harness';

const SEED = 0x11_0001;
const RUNS = 120;

const PRESETS: HealthModelPreset[] = ['default', 'seed001_banded', 'seed003', 'seed004'];

// ---------------------------------------------------------------------------------------------------------------
// Generators

const metricField = fc.constantFrom(
	...Object.keys(customerFields),
	'usage.idle_days',
	'__proto__',
	'constructor',
	'a.b.c',
);
const modelNumber = fc.oneof(
	{ weight: 3, arbitrary: fc.double({ min: 1e-6, max: 1e6, noNaN: true }) },
	{ weight: 1, arbitrary: hostileNumber },
);

const metricJson = fc.oneof(
	fc.record({
		type: fc.constant('higher'),
		field: metricField,
		ideal: modelNumber,
		weight: modelNumber,
	}),
	fc.record({
		type: fc.constant('lower'),
		field: metricField,
		ideal: modelNumber,
		worst: modelNumber,
		weight: modelNumber,
	}),
	fc.record({
		type: fc.constant('bands'),
		field: metricField,
		weight: modelNumber,
		bands: fc.array(
			fc.oneof(
				fc.record({ gte: modelNumber, points: modelNumber }),
				fc.record({ gt: modelNumber, points: modelNumber }),
				fc.record({
					equals: fc.array(
						fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), hostileNumber, fc.boolean()),
						{ minLength: 1, maxLength: 3 },
					),
					points: modelNumber,
				}),
			),
			{ minLength: 1, maxLength: 3 },
		),
		otherwise: fc.option(modelNumber, { nil: undefined }),
	}),
);

/** A health model as JSON: mostly valid in shape, with extreme numbers, duplicate keys and odd fields now and then. */
const modelJson = fc
	.record(
		{
			id: fc.oneof(fc.constant('custom'), fc.string({ maxLength: 6 })),
			rounding: fc.constantFrom('component', 'total', 'banana'),
			components: fc.array(
				fc.record({
					name: fc.constantFrom('Usage', 'Support', '__proto__'),
					weight: modelNumber,
					metrics: fc.array(metricJson, { minLength: 1, maxLength: 3 }),
				}),
				{ minLength: 1, maxLength: 4 },
			),
			grades: fc.oneof(
				fc.constant({ A: 80, B: 60, C: 40, D: 20 }),
				fc.record({ A: hostileNumber, B: hostileNumber, C: hostileNumber, D: hostileNumber }),
			),
			categories: fc.oneof(
				fc.constant([
					{ key: 'healthy', min: 80 },
					{ key: 'at_risk', min: 60 },
					{ key: 'critical', min: 0 },
				]),
				fc.array(
					fc.record({
						key: fc.constantFrom('healthy', 'at_risk', 'critical', 'churned'),
						min: hostileNumber,
					}),
					{ minLength: 1, maxLength: 4 },
				),
			),
		},
		{ requiredKeys: ['components'] },
	)
	.map((model) => ({
		...model,
		components: model.components.map((component, c) => ({
			key: `c${c}`,
			...component,
			metrics: component.metrics.map((metric, m) => ({ key: `m${c}_${m}`, ...metric })),
		})),
	}));

/** A model that passes the schema, with numbers anywhere in its allowed ranges (weights up to 1e6, ideals up to 1e12). */
const bounded = (min: number, max: number) =>
	fc.oneof(fc.double({ min, max, noNaN: true }), fc.constantFrom(min, max));
const validMetricJson = fc.oneof(
	fc.record({
		type: fc.constant('higher'),
		field: metricField,
		ideal: bounded(1e-12, 1e12),
		weight: bounded(1e-9, 1e6),
	}),
	fc
		.record({
			type: fc.constant('lower'),
			field: metricField,
			ideal: bounded(-1e12, 1e12),
			gap: bounded(1e-9, 1e12),
			weight: bounded(1e-9, 1e6),
		})
		.map(({ gap, ...metric }) => ({ ...metric, worst: Math.min(1e12, metric.ideal + gap) }))
		.filter((metric) => metric.worst > metric.ideal),
	fc.record({
		type: fc.constant('bands'),
		field: metricField,
		weight: bounded(1e-9, 1e6),
		bands: fc.array(
			fc.oneof(
				fc.record({ gte: bounded(-1e12, 1e12), points: bounded(0, 1e6) }),
				fc.record({ gt: bounded(-1e12, 1e12), points: bounded(0, 1e6) }),
				fc.record({
					equals: fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), fc.boolean()), {
						minLength: 1,
						maxLength: 3,
					}),
					points: bounded(0, 1e6),
				}),
			),
			{ minLength: 1, maxLength: 3 },
		),
		otherwise: bounded(1e-9, 1e6),
	}),
);
const validModelJson = fc
	.record({
		rounding: fc.constantFrom('component', 'total'),
		components: fc.array(
			fc.record({
				name: fc.constantFrom('Usage', 'Support'),
				weight: bounded(1e-9, 1e6),
				metrics: fc.array(validMetricJson, { minLength: 1, maxLength: 3 }),
			}),
			{
				minLength: 1,
				maxLength: 4,
			},
		),
	})
	.map((model) => ({
		...model,
		components: model.components.map((component, c) => ({
			key: `c${c}`,
			...component,
			metrics: component.metrics.map((metric, m) => ({ key: `m${c}_${m}`, ...metric })),
		})),
	}));

/** A model the node could run: a preset, or a generated one that parses. */
const runnableModel: fc.Arbitrary<HealthModel> = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...PRESETS).map((preset) => healthModelPreset(preset)) },
	{ weight: 2, arbitrary: validModelJson.map((json) => parseHealthModel(json)) },
);

const evaluateInput = fc.record({
	target: customerItem,
	model: runnableModel,
	customerPath: fc.oneof(
		{ weight: 4, arbitrary: fc.constant(undefined) },
		{ weight: 1, arbitrary: pathParameterValue },
	),
	previousScoreField: fc.oneof(
		{ weight: 4, arbitrary: fc.constant('') },
		{ weight: 1, arbitrary: pathParameterValue },
	),
	missingData: fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom('reweight', 'zero', 'fail') },
		{ weight: 1, arbitrary: anyParameter },
	),
	minCoverage: fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom(0, 0.5, 1, '0.5') },
		{ weight: 1, arbitrary: anyParameter },
	),
	detail: fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom('full', 'summary') },
		{ weight: 1, arbitrary: anyParameter },
	),
	zone: fc.oneof({ weight: 4, arbitrary: validZone }, { weight: 1, arbitrary: zoneName }),
	reference: fc.oneof(
		{ weight: 3, arbitrary: fc.constant(undefined) },
		{ weight: 1, arbitrary: referenceValue },
	),
});
type EvaluateInput = typeof evaluateInput extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------------------------
// Documented ranges (README "Customer Health Score": score 0-100, coverage 0-1, grades, categories, trend).

const GRADES = ['A', 'B', 'C', 'D', 'F'];
const CATEGORIES = ['healthy', 'at_risk', 'critical', 'churned', 'insufficient_data'];
const TRENDS = ['improving', 'stable', 'declining'];

export function validateHealth(health: HealthResult): void {
	inRange(health.score, 0, 100, 'health.score', true);
	if (health.score !== null)
		expect_(Number.isInteger(health.score), `health.score is ${health.score}, not a whole number`);
	expect_(
		CATEGORIES.includes(health.category),
		`health.category is ${JSON.stringify(health.category)}`,
	);
	expect_(
		health.grade === null || GRADES.includes(health.grade),
		`health.grade is ${JSON.stringify(health.grade)}`,
	);
	expect_(
		health.trend === null || TRENDS.includes(health.trend),
		`health.trend is ${JSON.stringify(health.trend)}`,
	);
	// null stands for "not enough data", never for a failed computation.
	expect_(
		(health.score === null) === (health.category === 'insufficient_data'),
		`health.score ${health.score} with category ${health.category}`,
	);
	expect_(
		(health.score === null) === (health.grade === null),
		`health.score ${health.score} with grade ${health.grade}`,
	);
	expect_(
		(health.trend === null) === (health.score === null || health.previousScore === null),
		`health.trend ${health.trend} with score ${health.score} and previousScore ${health.previousScore}`,
	);
	inRange(health.previousScore, 0, 100, 'health.previousScore', true);
	inRange(health.coverage, 0, 1, 'health.coverage');
	health.components.forEach((component, c) => {
		const at = `health.components.${c}`;
		inRange(component.weight, 0, 1, `${at}.weight`);
		inRange(component.score, 0, 100, `${at}.score`, true);
		inRange(component.coverage, 0, 1, `${at}.coverage`);
		component.metrics.forEach((metric, m) => {
			const where = `${at}.metrics.${m}`;
			inRange(metric.normalized, 0, 100, `${where}.normalized`, true);
			inRange(metric.weight, 0, 1, `${where}.weight`);
			inRange(metric.points, 0, 100, `${where}.points`, true);
			inRange(metric.maxPoints, 0, 100, `${where}.maxPoints`);
			inRange(metric.pointsLost, 0, 100, `${where}.pointsLost`, true);
			if (metric.bandPoints !== undefined)
				inRange(metric.bandPoints, 0, Number.MAX_VALUE, `${where}.bandPoints`, true);
			expect_(
				metric.missing === (metric.value === null),
				`${where}: missing ${metric.missing} with value ${JSON.stringify(metric.value)}`,
			);
			expect_(
				metric.normalized !== null || metric.missing,
				`${where}: normalized null for a metric with data`,
			);
		});
	});
	for (const list of [health.riskFactors, health.opportunities, health.drivers]) {
		expect_(
			Array.isArray(list) && list.every((entry) => typeof entry === 'string'),
			'health lists hold text',
		);
	}
}

function referenceOf(input: { reference: unknown; zone: string }) {
	return input.reference === undefined
		? REFERENCE.setZone(input.zone)
		: parseInstant(input.reference, input.zone, 'Reference Time');
}

// ---------------------------------------------------------------------------------------------------------------
// The entry points.

describe('health properties (issue 11)', () => {
	propertiesOf<EvaluateInput, HealthResult>(
		'evaluateCustomerHealth',
		evaluateInput,
		{
			call: (input) =>
				evaluateCustomerHealth(input.target.item, {
					model: input.model,
					metricsPath: (input.customerPath ?? input.target.path) as string,
					previousScoreField: input.previousScoreField as string,
					missingData: input.missingData as never,
					minCoverage: input.minCoverage as number,
					detail: input.detail as never,
					reference: referenceOf(input),
					defaultTimeZone: input.zone,
				}),
			validate: (health, input) => {
				validateHealth(health);
				if (input.detail === 'summary')
					expect_(health.components.length === 0, 'summary detail with components');
			},
			// The model is a parameter: it counts as input too.
			measure: (input) => [
				input.target.item,
				input.model,
				input.customerPath,
				input.previousScoreField,
				input.missingData,
				input.minCoverage,
				input.detail,
				input.reference,
			],
		},
		{ seed: SEED, numRuns: RUNS },
	);

	propertiesOf(
		'scoreHealth',
		fc.record({
			source: fc.oneof(customerRecord, objectOf(anyJson, 6)),
			model: runnableModel,
			minCoverage: fc.oneof(fc.constant(undefined), anyParameter),
			previousScore: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 100 })),
		}),
		{
			call: (input) =>
				scoreHealth(input.source, input.model, {
					minCoverage: input.minCoverage as number,
					previousScore: input.previousScore,
				}),
			validate: validateHealth,
		},
		{ seed: SEED + 1, numRuns: RUNS },
	);

	propertiesOf(
		'parseHealthModel',
		fc.oneof(
			modelJson,
			modelJson.map((json) => toJsonText(json)),
			anyParameter,
			fc.string({ maxLength: 30 }),
		),
		{
			call: (input) => parseHealthModel(input),
			validate: (model) => {
				expect_(model.components.length > 0, 'a model without components');
				for (const component of model.components) {
					inRange(component.weight, Number.MIN_VALUE, 1e6, `components.${component.key}.weight`);
					for (const metric of component.metrics)
						inRange(metric.weight, Number.MIN_VALUE, 1e6, `metric ${metric.key}.weight`);
				}
				expect_(
					model.categories.some((category) => category.min === 0),
					'no category starts at 0',
				);
			},
		},
		{ seed: SEED + 2, numRuns: RUNS },
	);

	const row = (cells: Record<string, fc.Arbitrary<unknown>>) =>
		fc.oneof(
			{ weight: 4, arbitrary: fc.record(cells, { requiredKeys: [] }) },
			{ weight: 1, arbitrary: anyJson },
		);
	propertiesOf(
		'modelFromTables',
		fc.record({
			components: fc.oneof(
				{
					weight: 4,
					arbitrary: fc.array(
						row({
							name: fc.oneof(fc.constantFrom('Usage', 'Support', 'usage '), hostileKey, anyJson),
							weight: fc.oneof(modelNumber, anyParameter),
						}),
						{ maxLength: 4 },
					),
				},
				{ weight: 1, arbitrary: anyParameter },
			),
			metrics: fc.oneof(
				{
					weight: 4,
					arbitrary: fc.array(
						row({
							component: fc.oneof(fc.constantFrom('Usage', 'support', 'Other'), anyJson),
							field: fc.oneof(metricField, anyJson),
							direction: fc.oneof(fc.constantFrom('higher', 'lower'), anyJson),
							ideal: fc.oneof(modelNumber, anyParameter),
							worst: fc.oneof(modelNumber, anyParameter),
							weight: fc.oneof(modelNumber, anyParameter),
						}),
						{ maxLength: 5 },
					),
				},
				{ weight: 1, arbitrary: anyParameter },
			),
		}),
		{ call: (input) => modelFromTables(input.components, input.metrics) },
		{ seed: SEED + 3, numRuns: RUNS },
	);

	propertiesOf(
		'withThresholds',
		fc.record({
			model: runnableModel,
			grades: fc.oneof(
				fc.constant(undefined),
				fc.record({ A: hostileNumber, B: hostileNumber, C: hostileNumber, D: hostileNumber }),
				anyParameter,
			),
			categories: fc.oneof(
				fc.constant(undefined),
				fc.record(
					{ healthy: hostileNumber, at_risk: hostileNumber, critical: hostileNumber },
					{ requiredKeys: [] },
				),
				anyParameter,
			),
		}),
		{
			call: (input) =>
				withThresholds(input.model, input.grades as never, input.categories as never),
			validate: (model) => {
				for (const category of model.categories)
					inRange(category.min, 0, 100, `categories.${category.key}.min`);
			},
		},
		{ seed: SEED + 4, numRuns: RUNS },
	);

	propertiesOf(
		'healthModelPreset',
		fc.oneof(
			fc.constantFrom(...PRESETS),
			hostileKey,
			fc.string({ maxLength: 10 }),
			fc.constantFrom('Default', 'seed002', 'custom', 'customJson', 'customUi'),
		),
		{ call: (input) => healthModelPreset(input as HealthModelPreset) },
		{ seed: SEED + 5, numRuns: 60 },
	);

	propertiesOf(
		'readMetric',
		fc.record({
			model: fc.constantFrom(...PRESETS).map((preset) => healthModelPreset(preset)),
			pick: fc.nat(),
			raw: fc.oneof(anyJson, fc.constantFrom('daily', 'WEEKLY', 'Very Interested', 'diario', true)),
		}),
		{
			call: (input) => {
				const metrics = input.model.components.flatMap((component) => component.metrics);
				return readMetric(metrics[input.pick % metrics.length], input.raw);
			},
			validate: (reading) => {
				inRange(reading.normalized, 0, 100, 'normalized', true);
				expect_(
					(reading.normalized === null) === (reading.problem !== undefined),
					`normalized ${reading.normalized} with problem ${reading.problem}`,
				);
			},
		},
		{ seed: SEED + 6, numRuns: RUNS },
	);

	propertiesOf(
		'riskFactorsFor / opportunitiesFor',
		fc.oneof(customerRecord, objectOf(anyJson, 6)),
		{
			call: (source) => ({
				risks: riskFactorsFor([], source),
				opportunities: opportunitiesFor(source),
			}),
		},
		{ seed: SEED + 7, numRuns: RUNS },
	);

	// Property 2: src/health maps no batch itself (the node loops); a batch scored item by item keeps count and pairing,
	// and no state carries over from one item to the next (each result is the one of its record, in any order).
	it('P2: a batch scored item by item keeps count and pairing', () => {
		const model = healthModelPreset('default');
		fc.assert(
			fc.property(fc.array(customerRecord, { maxLength: 8 }), (records) => {
				const one = (record: Record<string, unknown>) => {
					try {
						return JSON.stringify(
							evaluateCustomerHealth(record, {
								model,
								reference: REFERENCE,
								defaultTimeZone: 'UTC',
							}),
						);
					} catch (error) {
						return `error: ${(error as Error).message}`;
					}
				};
				// Forward, then backward: a cache or other state kept between items would show as a difference.
				const batch = records.map(one);
				const alone = [...records].reverse().map(one).reverse();
				expect_(
					batch.length === records.length,
					`${batch.length} results for ${records.length} records`,
				);
				batch.forEach((result, index) =>
					expect_(result === alone[index], `item ${index} scored differently in a batch`),
				);
			}),
			{ seed: SEED + 8, numRuns: 20 },
		);
	});
});
