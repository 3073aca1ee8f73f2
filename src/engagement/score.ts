import { CustomerInputError } from '../customer/errors';
import { clamp, roundTo } from '../shared/numbers';
import { choiceParameter, numberParameter } from '../shared/parameters';
import {
	ENGAGEMENT_METRICS,
	engagementLevel,
	type EngagementLevel,
	type EngagementMetricKey,
	type EngagementMetricSpec,
} from './model';

/**
 * The engagement score from the six metric values (docs/sources.md#engagement-score, seed 002 §6
 * `calculateEngagementScore`), with the seed's gaps closed:
 * - each normalised metric is clamped to 0-100 (the seed caps logins, users, features and actions at 100 but not the
 *   automation rate or satisfaction, so a rate of 1.2 or a CSAT of 6 would give more than full marks:
 *   docs/sources.md#diff-engagement-clamp);
 * - a missing metric is never read as 0 unless asked: left out and re-weighted (default), counted as 0 (the seed's
 *   arithmetic, "Treat as Zero"), or an error, as the health score does (docs/sources.md#diff-engagement-missing);
 * - the sum is rounded half up after removing binary artefacts (docs/sources.md#diff-rounding); the seed's
 *   `Math.round` gives the same for every sum that is not within a hair of .5.
 */

export type EngagementMissingData = 'reweight' | 'zero' | 'fail';
export const ENGAGEMENT_MISSING_DATA: readonly EngagementMissingData[] = [
	'reweight',
	'zero',
	'fail',
];
export const DEFAULT_MIN_COVERAGE = 0.5;

/** `insufficient_data` when less than the minimum coverage of the weight had data: no score then. */
export type EngagementLevelResult = EngagementLevel | 'insufficient_data';

export interface EngagementComponent {
	key: EngagementMetricKey;
	/** The record field the value came from. */
	field: string;
	/** The value read (features: how many); null when missing. */
	value: number | null;
	/** 0-100, 2 decimals; null when missing and left out (0 under Treat as Zero). */
	normalized: number | null;
	/** The seed's weight. */
	weight: number;
	/** Score points earned (normalized × weight, over the weight that had data when re-weighted), 2 decimals. */
	points: number | null;
	missing: boolean;
}

export interface EngagementChange {
	/** Percent change of logins against last month (seed 002 §6 `calculateChange`); null without both values. */
	logins: number | null;
	/** Percent change of actions performed (the seed's `usageChange`). */
	usage: number | null;
	/** Percent change of the average CSAT. */
	satisfaction: number | null;
	/** Score points gained or lost against the previous engagement score (not a percentage). */
	score: number | null;
}

export interface EngagementResult {
	/** 0-100, whole; null when the coverage is under the minimum. */
	score: number | null;
	level: EngagementLevelResult;
	/** Share of the weight whose metrics had data, 0-1. */
	coverage: number;
	components: EngagementComponent[];
	change: EngagementChange;
	previousScore: number | null;
	/** The fields of the metrics that had no value. */
	missing: string[];
}

/** A metric's value and the field it came from (features may come from either of two fields). */
export interface EngagementReading {
	value: number | null;
	field: string;
}

export type EngagementReadings = Readonly<Record<EngagementMetricKey, EngagementReading>>;

export interface PreviousPeriod {
	logins: number | null;
	usage: number | null;
	satisfaction: number | null;
	score: number | null;
}

export interface EngagementScoringOptions {
	missingData?: unknown;
	minCoverage?: unknown;
}

export class MissingEngagementMetricsError extends CustomerInputError {
	constructor(readonly fields: string[]) {
		super(
			`Missing engagement metrics: ${fields.join(', ')} (Missing Data is set to fail the item)`,
			fields[0],
		);
		this.name = 'MissingEngagementMetricsError';
	}
}

/**
 * One metric 0-100: value / fullAt × 100, as the seed writes it (`(metrics.logins / 30) * 100`,
 * `metrics.automationRate * 100`, `(csat / 5) * 100`), clamped to 0-100 (docs/sources.md#diff-engagement-clamp).
 */
export function normalizeMetric(spec: EngagementMetricSpec, value: number): number {
	return clamp((value / spec.fullAt) * 100, 0, 100);
}

/**
 * Seed 002 §6 `calculateChange`: round((current − previous) / previous × 100), and 0 when the previous value is 0
 * (the seed's quirk, kept: a rise from 0 to 12 logins reads as no change). Ours: null when either value is missing
 * (the seed reports 0, a comparison that was never made: docs/sources.md#diff-engagement-change), and halves round
 * away from zero (−12.5 → −13, the seed's Math.round gives −12: docs/sources.md#diff-rounding).
 */
export function percentChange(
	current: number | null,
	previous: number | null,
	field = 'change',
): number | null {
	if (current === null || previous === null) return null;
	if (previous === 0) return 0;
	const change = ((current - previous) / previous) * 100;
	if (!Number.isFinite(change)) {
		throw new CustomerInputError(
			`${field}: the change from ${previous} to ${current} is too large to be a finite percentage`,
			field,
		);
	}
	// `|| 0` turns a rounded -0 into 0.
	return roundTo(change) || 0;
}

/** The engagement score of one customer from its readings (see the file comment). */
export function scoreEngagement(
	readings: EngagementReadings,
	previous: PreviousPeriod,
	options: EngagementScoringOptions = {},
): EngagementResult {
	const policy = choiceParameter<EngagementMissingData>(
		options.missingData,
		'Missing Data',
		ENGAGEMENT_MISSING_DATA,
		'reweight',
	);
	const minCoverage = numberParameter(
		options.minCoverage,
		'Minimum Coverage',
		DEFAULT_MIN_COVERAGE,
		0,
		1,
	);

	const missing = ENGAGEMENT_METRICS.filter((spec) => readings[spec.key].value === null).map(
		(spec) => readings[spec.key].field,
	);
	if (policy === 'fail' && missing.length > 0) throw new MissingEngagementMetricsError(missing);

	// The seed's sum, in its order: score += normalised × weight. Treat as Zero counts a missing metric as 0.
	let sum = 0;
	let dataWeight = 0;
	const normalized = ENGAGEMENT_METRICS.map((spec) => {
		const value = readings[spec.key].value;
		if (value === null) return policy === 'zero' ? 0 : null;
		dataWeight += spec.weight;
		const score = normalizeMetric(spec, value);
		sum += score * spec.weight;
		return score;
	});
	// Re-weighted: the metrics with data carry the whole weight. With every metric present (or Treat as Zero) the
	// seed's sum itself, undivided, so the same doubles as the seed.
	const everything = missing.length === 0 || policy === 'zero';
	const total = everything ? sum : dataWeight === 0 ? null : sum / dataWeight;
	const coverage = roundTo(dataWeight, 4);
	const score = total !== null && coverage >= minCoverage ? roundTo(total) : null;

	const components = ENGAGEMENT_METRICS.map((spec, index): EngagementComponent => {
		const reading = readings[spec.key];
		const value = normalized[index];
		const points =
			value === null ? null : everything ? value * spec.weight : (value * spec.weight) / dataWeight;
		return {
			key: spec.key,
			field: reading.field,
			value: reading.value,
			normalized: value === null ? null : roundTo(value, 2),
			weight: spec.weight,
			points: points === null ? null : roundTo(points, 2),
			missing: reading.value === null,
		};
	});

	const previousScore = previous.score;
	return {
		score,
		level: score === null ? 'insufficient_data' : engagementLevel(score),
		coverage,
		components,
		change: {
			logins: percentChange(readings.logins.value, previous.logins, 'change.logins'),
			usage: percentChange(readings.actionsPerformed.value, previous.usage, 'change.usage'),
			satisfaction: percentChange(
				readings.satisfaction.value,
				previous.satisfaction,
				'change.satisfaction',
			),
			score:
				score === null || previousScore === null ? null : roundTo(score - previousScore, 2) || 0,
		},
		previousScore,
		missing,
	};
}
