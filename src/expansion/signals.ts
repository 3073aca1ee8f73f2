import { roundTo } from '../shared/numbers';
import { isPlainObject } from '../shared/path';
import { HEALTH_SCORE_RULE, numberRuleFor, type NumberRule } from '../customer/fieldRules';
import { readNumberField } from '../customer/fields';
import { isAbsent, readFlag, readNumber, type Reading } from './inputs';
import type { ExpansionThresholds } from './settings';
import type {
	AddOnSignalType,
	EngagementSource,
	ExpansionSignalResult,
	ExpansionSignalType,
	LimitForecast,
	NotEvaluatedSignal,
} from './result';

/**
 * The expansion signals as data plus one check per signal. A signal whose input is absent or unusable does not
 * fire and is reported as not evaluated: the seed reads a missing metric as 0 or undefined (`undefined > 0.8`
 * is false, `undefined <= 60` is false), which silently hides it.
 */

export interface SignalDefinition<T extends string> {
	type: T;
	weight: number;
	/** The record field a signal reads, as reported in `metric`. */
	metric: string;
	describe: (thresholds: ExpansionThresholds) => string;
}

/** `engagement.score` follows engagement_score's rule (0-100). */
const ENGAGEMENT_SCORE_RULE = numberRuleFor('engagement_score') as NumberRule;

const percent = (share: number) => roundTo(share * 100, 2);

// docs/sources.md#expansion-signals EXPANSION_SIGNALS: types, weights and descriptions as in the seed (descriptions follow a changed threshold).
export const EXPANSION_SIGNALS: ReadonlyArray<SignalDefinition<ExpansionSignalType>> = [
	{
		type: 'approaching_limit',
		weight: 0.9,
		metric: 'usage_vs_limit',
		describe: (t) => `Using ${percent(t.usageVsLimit)}%+ of plan limits`,
	},
	{
		type: 'feature_attempts',
		weight: 0.8,
		metric: 'blocked_feature_attempts',
		describe: () => 'Attempting to use premium features',
	},
	{
		type: 'high_engagement',
		weight: 0.6,
		metric: 'engagement_score',
		describe: () => 'Very high product engagement',
	},
	{
		type: 'team_growth',
		weight: 0.7,
		metric: 'team_size_change',
		describe: (t) => `Team has grown ${percent(t.teamSizeChange)}%+`,
	},
	{
		type: 'success_metrics',
		weight: 0.7,
		metric: 'business_outcomes',
		describe: () => 'Exceeding success metrics',
	},
	{ type: 'nps_promoter', weight: 0.5, metric: 'nps_score', describe: () => 'NPS promoter' },
	{
		type: 'renewal_approaching',
		weight: 0.4,
		metric: 'days_to_renewal',
		describe: (t) => `Renewal within ${t.daysToRenewal} days`,
	},
];

/** docs/sources.md#expansion-probability calculateProbability's denominator: the sum of all seven weights (4.6). */
export const TOTAL_SIGNAL_WEIGHT = EXPANSION_SIGNALS.reduce(
	(sum, signal) => sum + signal.weight,
	0,
);

// docs/sources.md#expansion-add-ons triggers. Weight 0: they add opportunities but stay out of the probability (docs/sources.md#expansion-probability).
export const ADD_ON_SIGNALS: ReadonlyArray<SignalDefinition<AddOnSignalType>> = [
	{
		type: 'analytics_dashboard_usage',
		weight: 0,
		metric: 'analytics_views_per_week',
		describe: (t) =>
			`Uses the analytics dashboard more than ${t.analyticsViewsPerWeek} times a week`,
	},
	{
		type: 'integration_requested',
		weight: 0,
		metric: 'integration_requested',
		describe: () => 'Requested an integration with a third-party system',
	},
	{
		type: 'branding_mentioned',
		weight: 0,
		metric: 'branding_mentioned',
		describe: () => 'Mentioned a need for branding or marketing',
	},
	{
		type: 'large_event_scheduled',
		weight: 0,
		metric: 'large_event_scheduled',
		describe: () => 'Has a large event scheduled (needs a support SLA under 5 minutes)',
	},
];

export type SignalCheck =
	| { status: 'fired'; signal: ExpansionSignalResult }
	| { status: 'quiet' }
	| { status: 'not_evaluated'; missing: NotEvaluatedSignal };

export interface SignalInputs {
	/** The customer record with derived days_* fields merged in. */
	record: Record<string, unknown>;
	/** The whole item, for the `health` a Customer Health Score node wrote at its top level. */
	item: Record<string, unknown>;
	thresholds: ExpansionThresholds;
	forecast: LimitForecast | null;
	forecastHorizonDays: number;
	/** days_* fields derived from dates, naming the date. */
	derivedFrom: Record<string, string>;
}

function definition<T extends string>(
	list: ReadonlyArray<SignalDefinition<T>>,
	type: T,
): SignalDefinition<T> {
	return list.find((signal) => signal.type === type) as SignalDefinition<T>;
}

function fired(
	def: SignalDefinition<string>,
	thresholds: ExpansionThresholds,
	value: number | boolean | null,
	threshold: number | boolean | null,
	extra: Partial<ExpansionSignalResult> = {},
	metric = def.metric,
): SignalCheck {
	return {
		status: 'fired',
		signal: {
			type: def.type as ExpansionSignalResult['type'],
			weight: def.weight,
			description: def.describe(thresholds),
			metric,
			value,
			threshold,
			...extra,
		},
	};
}

function notEvaluated(
	type: NotEvaluatedSignal['type'],
	fields: string[],
	reason: string,
): SignalCheck {
	return { status: 'not_evaluated', missing: { type, fields, reason } };
}

/** A numeric comparison signal: fires when `test(value, threshold)`. */
function compare(
	def: SignalDefinition<string>,
	inputs: SignalInputs,
	threshold: number,
	test: (value: number, threshold: number) => boolean,
): SignalCheck {
	const reading = readNumber(inputs.record, def.metric);
	if (!reading.ok)
		return notEvaluated(def.type as NotEvaluatedSignal['type'], [def.metric], reading.reason);
	if (!test(reading.value, threshold)) return { status: 'quiet' };
	const derivedFrom = inputs.derivedFrom[def.metric];
	return fired(
		def,
		inputs.thresholds,
		reading.value,
		threshold,
		derivedFrom ? { derivedFrom } : {},
	);
}

/**
 * approaching_limit (docs/sources.md#expansion-signals: usage_vs_limit > 0.8), raised early (beyond the seed) when the limit forecast
 * reaches 1.0 within the horizon. Not evaluated only when neither the usage nor a projection is available.
 */
function approachingLimit(inputs: SignalInputs): SignalCheck {
	const def = definition(EXPANSION_SIGNALS, 'approaching_limit');
	const threshold = inputs.thresholds.usageVsLimit;
	const usage = readNumber(inputs.record, def.metric);
	if (usage.ok && usage.value > threshold)
		return fired(def, inputs.thresholds, usage.value, threshold, { early: false });

	const forecast = inputs.forecast;
	const days = forecast?.daysToLimit ?? null;
	if (forecast && days !== null && days <= inputs.forecastHorizonDays) {
		const projection = `projected to reach the plan limit in ${days} days (${forecast.projectedDate})`;
		const description = usage.ok
			? `Using ${percent(usage.value)}% of plan limits, ${projection}`
			: `${projection[0].toUpperCase()}${projection.slice(1)}`;
		return {
			status: 'fired',
			signal: {
				type: def.type,
				weight: def.weight,
				description,
				metric: def.metric,
				value: usage.ok ? usage.value : null,
				threshold,
				early: true,
			},
		};
	}
	if (usage.ok || days !== null) return { status: 'quiet' };
	return notEvaluated(def.type, [def.metric], usage.reason);
}

/**
 * high_engagement (docs/sources.md#expansion-signals: engagementScore > 80). The seed means its engagement score
 * (docs/sources.md#engagement-score): the `engagement.score` an Engagement Score node wrote at the item's top level,
 * else the record's `engagement_score`. Without either, the health score stands in, as before the engagement score
 * existed: the `health.score` a Customer Health Score node wrote at the item's top level. `source` says which was used.
 * A null score (insufficient data) falls through to the next; a present value that is not 0-100 fails the item.
 */
function highEngagement(inputs: SignalInputs): SignalCheck {
	const def = definition(EXPANSION_SIGNALS, 'high_engagement');
	const threshold = inputs.thresholds.engagementScore;
	// In order, each read only when the ones before are absent: a score that is not used cannot fail the item.
	const candidates: ReadonlyArray<{
		metric: string;
		source: EngagementSource;
		read: () => Reading<number>;
	}> = [
		{
			metric: 'engagement.score',
			source: 'engagement',
			read: () => nodeScore(inputs.item.engagement, 'engagement.score', ENGAGEMENT_SCORE_RULE),
		},
		{
			metric: 'engagement_score',
			source: 'engagement',
			read: () => readNumber(inputs.record, 'engagement_score'),
		},
		{
			metric: 'health.score',
			source: 'health_stand_in',
			read: () => nodeScore(inputs.item.health, 'health.score', HEALTH_SCORE_RULE),
		},
	];
	const reasons: string[] = [];
	for (const candidate of candidates) {
		const reading = candidate.read();
		if (!reading.ok) {
			reasons.push(reading.reason);
			continue;
		}
		if (!(reading.value > threshold)) return { status: 'quiet' };
		return fired(
			def,
			inputs.thresholds,
			reading.value,
			threshold,
			{ source: candidate.source },
			candidate.metric,
		);
	}
	return notEvaluated(
		def.type,
		candidates.map((candidate) => candidate.metric),
		`${reasons.slice(0, -1).join(', ')} and ${reasons[reasons.length - 1]}`,
	);
}

/** The `score` of an object a node wrote at the item's top level (`engagement`, `health`), through its rule. */
function nodeScore(written: unknown, field: string, rule: NumberRule): Reading<number> {
	if (!isPlainObject(written) || isAbsent(written.score))
		return { ok: false, reason: `${field} is absent` };
	return { ok: true, value: readNumberField(written.score, field, rule) as number };
}

/** success_metrics (docs/sources.md#expansion-signals: businessOutcomes > targets): record fields business_outcomes and business_targets. */
function successMetrics(inputs: SignalInputs): SignalCheck {
	const def = definition(EXPANSION_SIGNALS, 'success_metrics');
	const outcomes = readNumber(inputs.record, 'business_outcomes');
	const targets = readNumber(inputs.record, 'business_targets');
	if (!outcomes.ok || !targets.ok) {
		const problems = [outcomes, targets].filter((r): r is { ok: false; reason: string } => !r.ok);
		return notEvaluated(
			def.type,
			['business_outcomes', 'business_targets'],
			problems.map((problem) => problem.reason).join(' and '),
		);
	}
	if (!(outcomes.value > targets.value)) return { status: 'quiet' };
	return fired(def, inputs.thresholds, outcomes.value, targets.value);
}

/**
 * renewal_approaching (docs/sources.md#expansion-signals: daysToRenewal <= 60). A renewal date already past (negative days) does not fire:
 * the seed would call a renewal missed a year ago "within 60 days".
 */
function renewalApproaching(inputs: SignalInputs): SignalCheck {
	const def = definition(EXPANSION_SIGNALS, 'renewal_approaching');
	return compare(
		def,
		inputs,
		inputs.thresholds.daysToRenewal,
		(days, max) => days >= 0 && days <= max,
	);
}

/** The seven checks (docs/sources.md#expansion-signals), in the seed's order. */
export function checkExpansionSignals(
	inputs: SignalInputs,
): Array<[ExpansionSignalType, SignalCheck]> {
	const t = inputs.thresholds;
	const byType = (type: ExpansionSignalType) => definition(EXPANSION_SIGNALS, type);
	return [
		['approaching_limit', approachingLimit(inputs)],
		[
			'feature_attempts',
			compare(byType('feature_attempts'), inputs, t.blockedFeatureAttempts, (v, max) => v > max),
		],
		['high_engagement', highEngagement(inputs)],
		['team_growth', compare(byType('team_growth'), inputs, t.teamSizeChange, (v, min) => v > min)],
		['success_metrics', successMetrics(inputs)],
		['nps_promoter', compare(byType('nps_promoter'), inputs, t.npsScore, (v, min) => v >= min)],
		['renewal_approaching', renewalApproaching(inputs)],
	];
}

function flagSignal(def: SignalDefinition<AddOnSignalType>, inputs: SignalInputs): SignalCheck {
	const reading = readFlag(inputs.record, def.metric);
	if (!reading.ok) return notEvaluated(def.type, [def.metric], reading.reason);
	return reading.value ? fired(def, inputs.thresholds, true, true) : { status: 'quiet' };
}

/** The four triggers (docs/sources.md#expansion-add-ons), in the seed's table order. */
export function checkAddOnSignals(inputs: SignalInputs): Array<[AddOnSignalType, SignalCheck]> {
	const byType = (type: AddOnSignalType) => definition(ADD_ON_SIGNALS, type);
	return [
		[
			'analytics_dashboard_usage',
			compare(
				byType('analytics_dashboard_usage'),
				inputs,
				inputs.thresholds.analyticsViewsPerWeek,
				(v, min) => v > min,
			),
		],
		['integration_requested', flagSignal(byType('integration_requested'), inputs)],
		['branding_mentioned', flagSignal(byType('branding_mentioned'), inputs)],
		['large_event_scheduled', flagSignal(byType('large_event_scheduled'), inputs)],
	];
}

/** docs/sources.md#expansion-probability calculateProbability: fired weights over all seven weights, rounded to 2 decimals. */
export function expansionProbability(firedSignals: ReadonlyArray<{ weight: number }>): number {
	const total = firedSignals.reduce((sum, signal) => sum + signal.weight, 0);
	return roundTo(total / TOTAL_SIGNAL_WEIGHT, 2);
}
