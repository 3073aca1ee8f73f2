/** Issue 11 properties for src/nps: classify, aggregate (a batch), survey throttle. */
import fc from 'fast-check';

import {
	aggregateItems,
	aggregateNps,
	classifyResponse,
	collectScores,
	NPS_FOLLOW_UPS,
	parseMinDays,
	parseNpsScore,
	surveyEligibility,
	type NpsAggregate,
	type NpsClassification,
	type SurveyEligibility,
} from '../../../src/nps';
import { parseInstant } from '../../../src/shared/dates';
import {
	anyJson,
	anyParameter,
	customerItem,
	hostileNumber,
	numericString,
	oddDate,
	pathParameterValue,
	referenceValue,
	validZone,
	zoneName,
} from './arbitraries';
import {
	assertDomainError,
	attempt,
	expect_,
	inRange,
	isoDate,
	propertiesOf,
	REFERENCE,
} from './harness';

const SEED = 0x11_0005;
const RUNS = 120;

function referenceOf(input: { reference: unknown; zone: string }) {
	return input.reference === undefined
		? REFERENCE.setZone(input.zone)
		: parseInstant(input.reference, input.zone, 'Reference Time');
}

const common = {
	target: customerItem,
	customerPath: fc.oneof(
		{ weight: 4, arbitrary: fc.constant(undefined) },
		{ weight: 1, arbitrary: pathParameterValue },
	),
	zone: fc.oneof({ weight: 4, arbitrary: validZone }, { weight: 1, arbitrary: zoneName }),
	reference: fc.oneof(
		{ weight: 3, arbitrary: fc.constant(undefined) },
		{ weight: 1, arbitrary: referenceValue },
	),
};

const classifyInput = fc.record({
	...common,
	scoreField: fc.oneof(
		{ weight: 4, arbitrary: fc.constant('') },
		{ weight: 1, arbitrary: pathParameterValue },
	),
	responseTimeField: fc.oneof(
		{ weight: 4, arbitrary: fc.constant('') },
		{ weight: 1, arbitrary: pathParameterValue },
	),
});
type ClassifyInput = typeof classifyInput extends fc.Arbitrary<infer T> ? T : never;

const throttleInput = fc.record({
	...common,
	lastSurveyField: fc.oneof(
		{ weight: 4, arbitrary: fc.constant('') },
		{ weight: 1, arbitrary: pathParameterValue },
	),
	minDays: fc.oneof(
		{ weight: 3, arbitrary: fc.constantFrom(undefined, 90, 0, 1, 36_525, '30') },
		{ weight: 1, arbitrary: anyParameter },
	),
});
type ThrottleInput = typeof throttleInput extends fc.Arbitrary<infer T> ? T : never;

/** A batch as the Aggregate mode sees it: scores as numbers or text, missing, invalid, and empty placeholder items. */
const batchItem = fc.oneof(
	{
		weight: 5,
		arbitrary: fc
			.integer({ min: 0, max: 10 })
			.map((score) => ({ nps_score: score }) as Record<string, unknown>),
	},
	{
		weight: 1,
		arbitrary: fc.constantFrom<Record<string, unknown>>(
			{},
			{ nps_score: null },
			{ nps_score: '9' },
			{ nps_score: 8.5 },
			{ nps_score: 11 },
		),
	},
	{ weight: 1, arbitrary: customerItem.map((target) => target.item) },
);
const aggregateInput = fc.record({
	items: fc.array(batchItem, { maxLength: 40 }),
	skipMissingScore: fc.boolean(),
	invalidItems: fc.constantFrom<'fail' | 'report'>('fail', 'report'),
	surveysSent: fc.oneof(
		{ weight: 3, arbitrary: fc.constantFrom(undefined, 0, 100, 400, '50') },
		{ weight: 1, arbitrary: anyParameter },
	),
	minimumSample: fc.oneof(
		{ weight: 3, arbitrary: fc.constantFrom(undefined, 30, 0, 1) },
		{ weight: 1, arbitrary: anyParameter },
	),
});
type AggregateInput = typeof aggregateInput extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------------------------
// Documented ranges (README "NPS").

export function validateClassification(nps: NpsClassification): void {
	inRange(nps.score, 0, 10, 'nps.score');
	expect_(Number.isInteger(nps.score), `nps.score ${nps.score} is not whole`);
	const segment = nps.score >= 9 ? 'promoter' : nps.score >= 7 ? 'passive' : 'detractor';
	expect_(nps.segment === segment, `nps.segment ${nps.segment} for score ${nps.score}`);
	isoDate(nps.followUp.respondedAt, 'nps.followUp.respondedAt');
	expect_(
		nps.followUp.actions.length === NPS_FOLLOW_UPS[nps.segment].actions.length,
		'nps.followUp.actions lost an action',
	);
	nps.followUp.actions.forEach((action, index) => {
		inRange(action.order, 1, 100, `nps.followUp.actions.${index}.order`);
		isoDate(action.dueAt, `nps.followUp.actions.${index}.dueAt`);
	});
}

export function validateAggregate(result: NpsAggregate, input?: AggregateInput): void {
	inRange(result.nps, -100, 100, 'nps.nps', result.responses === 0);
	expect_(
		(result.nps === null) === (result.responses === 0),
		`nps.nps ${result.nps} with ${result.responses} responses`,
	);
	inRange(result.responses, 0, Number.MAX_SAFE_INTEGER, 'nps.responses');
	for (const key of ['promoters', 'passives', 'detractors'] as const) {
		inRange(result[key].count, 0, result.responses, `nps.${key}.count`);
		inRange(result[key].percentage, 0, 100, `nps.${key}.percentage`, result.responses === 0);
		expect_(
			(result[key].percentage === null) === (result.responses === 0),
			`nps.${key}.percentage ${result[key].percentage} with ${result.responses} responses`,
		);
	}
	expect_(
		result.promoters.count + result.passives.count + result.detractors.count === result.responses,
		'segment counts do not add up to responses',
	);
	if (result.confidenceInterval) {
		inRange(result.confidenceInterval.lower, -100, 100, 'nps.confidenceInterval.lower');
		inRange(result.confidenceInterval.upper, -100, 100, 'nps.confidenceInterval.upper');
		expect_(
			result.confidenceInterval.lower <= result.confidenceInterval.upper,
			'nps.confidenceInterval lower > upper',
		);
	}
	expect_(
		(result.confidenceInterval === null) === (result.responses === 0),
		`confidenceInterval null with ${result.responses} responses`,
	);
	inRange(result.responseRate, 0, Number.MAX_VALUE, 'nps.responseRate', true);
	expect_(
		(result.responseRate === null) === !result.surveysSent,
		`nps.responseRate ${result.responseRate} with surveysSent ${result.surveysSent}`,
	);
	inRange(result.unanswered, 0, Number.MAX_SAFE_INTEGER, 'nps.unanswered');
	inRange(result.minimumSample, 0, Number.MAX_VALUE, 'nps.minimumSample');
	if (input) {
		// Property 2: every input item is accounted for: a response, unanswered, invalid (listed by its index), or an
		// empty placeholder item.
		const placeholders = input.items.filter((item) => Object.keys(item).length === 0).length;
		const total = result.responses + result.unanswered + result.invalid.length + placeholders;
		expect_(
			total === input.items.length,
			`${input.items.length} items became ${result.responses} responses + ${result.unanswered} unanswered + ${result.invalid.length} invalid + ${placeholders} placeholders`,
		);
		result.invalid.forEach((entry, index) => {
			inRange(entry.item, 0, input.items.length - 1, `nps.invalid.${index}.item`);
			expect_(
				index === 0 || entry.item > result.invalid[index - 1].item,
				'nps.invalid is not in item order',
			);
		});
	}
}

export function validateEligibility(result: SurveyEligibility): void {
	inRange(result.daysSinceLastSurvey, 0, 36_525, 'daysSinceLastSurvey', true);
	inRange(result.minDaysBetweenSurveys, 0, 36_525, 'minDaysBetweenSurveys');
	isoDate(result.lastSurveyAt, 'lastSurveyAt', true);
	isoDate(result.eligibleAt, 'eligibleAt', true);
	// null means "never surveyed", never a failed computation.
	expect_(
		(result.eligibleAt === null) === (result.basis === 'never_surveyed'),
		`eligibleAt ${result.eligibleAt} with basis ${result.basis}`,
	);
	expect_(
		(result.daysSinceLastSurvey === null) === (result.basis === 'never_surveyed'),
		`daysSinceLastSurvey ${result.daysSinceLastSurvey} with basis ${result.basis}`,
	);
	expect_(
		result.eligible ===
			(result.daysSinceLastSurvey === null ||
				result.daysSinceLastSurvey >= result.minDaysBetweenSurveys),
		'eligible disagrees with the days',
	);
}

// ---------------------------------------------------------------------------------------------------------------

describe('nps properties (issue 11)', () => {
	propertiesOf<ClassifyInput, NpsClassification>(
		'classifyResponse',
		classifyInput,
		{
			call: (input) =>
				classifyResponse(input.target.item, {
					customerPath: (input.customerPath ?? input.target.path) as string,
					scoreField: input.scoreField as string,
					responseTimeField: input.responseTimeField as string,
					reference: referenceOf(input),
					defaultTimeZone: input.zone,
				}),
			validate: validateClassification,
			measure: (input) => [
				input.target.item,
				input.customerPath,
				input.scoreField,
				input.responseTimeField,
				input.reference,
			],
		},
		{
			seed: SEED,
			numRuns: RUNS,
			// Known edge: the node's Time Zone option is not a zone, the record's is (the reference is then invalid).
			examples: [
				{
					target: { item: { timezone: 'Europe/Madrid', nps_score: 3 }, path: '' },
					customerPath: undefined,
					zone: 'Mars/Olympus',
					reference: undefined,
					scoreField: '',
					responseTimeField: '',
				},
			],
		},
	);

	propertiesOf<ThrottleInput, SurveyEligibility>(
		'surveyEligibility',
		throttleInput,
		{
			call: (input) =>
				surveyEligibility(input.target.item, {
					customerPath: (input.customerPath ?? input.target.path) as string,
					lastSurveyField: input.lastSurveyField as string,
					minDaysBetweenSurveys: input.minDays,
					reference: referenceOf(input),
					defaultTimeZone: input.zone,
				}),
			validate: validateEligibility,
			measure: (input) => [
				input.target.item,
				input.customerPath,
				input.lastSurveyField,
				input.minDays,
				input.reference,
			],
		},
		{
			seed: SEED + 1,
			numRuns: RUNS,
			examples: [
				{
					target: {
						item: { timezone: 'Europe/Madrid', last_nps_survey_at: '2026-11-23' },
						path: '',
					},
					customerPath: undefined,
					zone: 'Mars/Olympus',
					reference: undefined,
					lastSurveyField: '',
					minDays: undefined,
				},
			],
		},
	);

	propertiesOf<AggregateInput, NpsAggregate>(
		'aggregateItems (P2: every item accounted for)',
		aggregateInput,
		{
			call: (input) =>
				aggregateItems(input.items, {
					skipMissingScore: input.skipMissingScore,
					invalidItems: input.invalidItems,
					surveysSent: input.surveysSent,
					minimumSample: input.minimumSample,
				}),
			validate: validateAggregate,
		},
		{ seed: SEED + 2, numRuns: RUNS },
	);

	propertiesOf(
		'aggregateNps (counts given directly)',
		fc.record({
			counts: fc.record({ promoters: fc.nat(1e6), passives: fc.nat(1e6), detractors: fc.nat(1e6) }),
			surveysSent: fc.oneof(fc.constantFrom(undefined, 0, 1, 1e21), anyParameter),
			minimumSample: fc.oneof(fc.constantFrom(undefined, 30), anyParameter),
		}),
		{
			call: (input) =>
				aggregateNps(input.counts, {
					surveysSent: input.surveysSent,
					minimumSample: input.minimumSample,
				}),
			validate: (result) => validateAggregate(result),
		},
		{ seed: SEED + 3, numRuns: RUNS },
	);

	propertiesOf(
		'parseNpsScore / parseMinDays',
		fc.tuple(
			fc.oneof(fc.integer({ min: -2, max: 12 }), hostileNumber, numericString, anyJson),
			fc.oneof(hostileNumber, numericString, anyParameter),
		),
		{
			call: ([score, days]) => ({
				score: attemptValue(() => parseNpsScore(score, 'nps_score')),
				days: attemptValue(() => parseMinDays(days)),
			}),
			validate: (result) => {
				if (typeof result.score === 'number') inRange(result.score, 0, 10, 'score');
				if (typeof result.days === 'number') inRange(result.days, 0, 36_525, 'days');
			},
		},
		{ seed: SEED + 4, numRuns: RUNS },
	);

	// Property 2 for the collected scores: one score per answered item, in item order.
	it('P2: collectScores keeps one score per answered item, in item order', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.oneof(
						fc.integer({ min: 0, max: 10 }),
						fc.constantFrom('7', ' 10 ', null, '', 11, 'x', oddDate),
					),
					{ maxLength: 30 },
				),
				(scores) => {
					const items = scores.map((score) => ({ nps_score: score }));
					const outcome = attempt(() =>
						collectScores(items, { skipMissingScore: true, invalidItems: 'report' }),
					);
					if (!outcome.ok) return assertDomainError(outcome.error);
					const expected = items.flatMap((item) => {
						const score = attempt(() => parseNpsScore(item.nps_score, 'nps_score'));
						return score.ok ? [score.value] : [];
					});
					expect_(
						JSON.stringify(outcome.value.scores) === JSON.stringify(expected),
						`scores ${JSON.stringify(outcome.value.scores)}, items give ${JSON.stringify(expected)}`,
					);
				},
			),
			{ seed: SEED + 5, numRuns: 100 },
		);
	});
});

/** A value, or the error it threw, checked to be a domain error (so a pair of readers can be tried on one input). */
function attemptValue<T>(call: () => T): T | string {
	const outcome = attempt(call);
	if (outcome.ok) return outcome.value;
	assertDomainError(outcome.error);
	return (outcome.error as Error).message;
}
