import { clamp, roundTo, toFiniteNumber } from '../shared/numbers';
import { parameterError } from '../shared/parameters';
import { segmentOf } from './segments';

/**
 * Aggregate mode: the NPS of a batch of responses (docs/sources.md#nps-aggregate calculateMetrics), with the seed's gaps closed:
 * - NPS = round((promoters - detractors) / responses * 100) (docs/sources.md#nps-aggregate), rounded half away from zero so a
 *   batch and its mirror image get opposite scores (-12.5 -> -13 and 12.5 -> 13; JavaScript's Math.round, which
 *   the seed uses, gives -12 and 13).
 * - An empty batch has no NPS: `nps` is null with a warning. The seed reports 0 (indistinguishable from a real 0)
 *   and divides by zero for the percentages (NaN).
 * - The response rate is null when the number of surveys sent is not given or is 0 (the seed reports 0).
 * - `sampleWarning` below the minimum sample (30: docs/sources.md#nps-reporting-rules "Reportar NPS sin suficiente muestra (n<30)").
 * - A 95 % confidence interval for the NPS, adjusted-Wald (Rocks, 2016), which the seed asks for in its reporting
 *   checklist (docs/sources.md#nps-reporting-rules "Confidence intervals calculados") but never computes.
 */

export const DEFAULT_MINIMUM_SAMPLE = 30;

export interface SegmentCount {
	count: number;
	/** Share of the responses, in percent to 1 decimal; null without responses. */
	percentage: number | null;
}

export interface NpsConfidenceInterval {
	level: 0.95;
	/** Bounds on the NPS scale (-100 to 100), to 1 decimal, clipped to the scale. */
	lower: number;
	upper: number;
	method: 'adjusted-wald';
}

export interface InvalidResponse {
	/** Index of the input item. */
	item: number;
	reason: string;
}

export interface NpsAggregate {
	/** -100 to 100, whole number; null without responses. */
	nps: number | null;
	responses: number;
	promoters: SegmentCount;
	passives: SegmentCount;
	detractors: SegmentCount;
	sampleWarning: string | null;
	minimumSample: number;
	surveysSent: number | null;
	/** responses / surveysSent in percent, to 1 decimal; null when surveysSent is unknown or 0. */
	responseRate: number | null;
	confidenceInterval: NpsConfidenceInterval | null;
	/** Items without a score that were counted as not answered (when the node is told to). */
	unanswered: number;
	/** Items left out because their score is invalid (Continue On Fail): never silently dropped. */
	invalid: InvalidResponse[];
}

export interface NpsCounts {
	promoters: number;
	passives: number;
	detractors: number;
}

export interface NpsAggregateOptions {
	/** Surveys sent in the period, for the response rate; null or undefined when unknown. */
	surveysSent?: unknown;
	/** Fewer responses than this raise `sampleWarning`; default 30. */
	minimumSample?: unknown;
	unanswered?: number;
	invalid?: InvalidResponse[];
}

/** Counts of each segment among valid 0-10 scores. */
export function countSegments(scores: readonly number[]): NpsCounts {
	const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
	for (const score of scores) {
		const segment = segmentOf(score);
		if (segment === 'promoter') counts.promoters++;
		else if (segment === 'passive') counts.passives++;
		else counts.detractors++;
	}
	return counts;
}

/** z for a two-sided 95 % interval: the standard normal's 97.5th percentile. */
export const Z_95 = 1.959963984540054;

/**
 * Pseudo-observations of the adjusted-Wald interval (Rocks, 2016): 3 in all, spread 1/4 detractor, 1/2 passive,
 * 1/4 promoter, the defaults of Rocks's own NPS package for R. They pull the centre towards 0 and keep the
 * variance above 0 when every response is in one segment (where the plain Wald interval collapses to a point).
 */
export const ADJUSTED_WALD_PSEUDO = { detractors: 0.75, passives: 1.5, promoters: 0.75 } as const;

/**
 * 95 % adjusted-Wald interval for the NPS (B. Rocks, "Interval estimation for the 'net promoter score'",
 * The American Statistician 70(4), 2016). With n responses of which P promoters and D detractors:
 *   n' = n + 3,  p' = (P + 0.75) / n',  d' = (D + 0.75) / n'
 *   NPS' = p' - d'            (the centre of the interval, on the -1..1 scale)
 *   Var  = p' + d' - (p' - d')^2   (variance of one response scored +1 / 0 / -1)
 *   SE   = sqrt(Var / n')
 *   interval = NPS' ± z·SE,  z = 1.959964,  then x100, rounded to 1 decimal and clipped to [-100, 100].
 * Null without responses: an interval made of pseudo-observations alone would say nothing about the customers.
 */
export function npsConfidenceInterval(counts: NpsCounts): NpsConfidenceInterval | null {
	const n = counts.promoters + counts.passives + counts.detractors;
	if (n === 0) return null;
	const total =
		n +
		ADJUSTED_WALD_PSEUDO.detractors +
		ADJUSTED_WALD_PSEUDO.passives +
		ADJUSTED_WALD_PSEUDO.promoters;
	const promoters = (counts.promoters + ADJUSTED_WALD_PSEUDO.promoters) / total;
	const detractors = (counts.detractors + ADJUSTED_WALD_PSEUDO.detractors) / total;
	const centre = promoters - detractors;
	const variance = promoters + detractors - centre * centre;
	const margin = Z_95 * Math.sqrt(variance / total);
	// `|| 0` turns a rounded -0 into 0.
	const bound = (value: number) => clamp(roundTo(value * 100, 1), -100, 100) || 0;
	return {
		level: 0.95,
		lower: bound(centre - margin),
		upper: bound(centre + margin),
		method: 'adjusted-wald',
	};
}

function wholeNumberOption(value: unknown, name: string): number | null {
	if (value === undefined || value === null || value === '') return null;
	const parsed = toFiniteNumber(value);
	if (parsed === undefined || !Number.isInteger(parsed) || parsed < 0)
		throw parameterError(name, 'a whole number of 0 or more', value);
	return parsed;
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function sampleWarning(responses: number, minimumSample: number): string | null {
	if (responses === 0) return 'No responses: the NPS is undefined without at least one response';
	if (responses < minimumSample) {
		return `Only ${plural(responses, 'response')} (fewer than ${minimumSample}): too small a sample to report this NPS as reliable`;
	}
	return null;
}

/** The NPS of a batch from its segment counts. Never divides by zero. */
export function aggregateNps(counts: NpsCounts, options: NpsAggregateOptions = {}): NpsAggregate {
	const minimumSample =
		wholeNumberOption(options.minimumSample, 'Minimum Sample Size') ?? DEFAULT_MINIMUM_SAMPLE;
	const surveysSent = wholeNumberOption(options.surveysSent, 'Surveys Sent');
	const responses = counts.promoters + counts.passives + counts.detractors;
	const share = (count: number): SegmentCount => ({
		count,
		percentage: responses === 0 ? null : roundTo((count / responses) * 100, 1),
	});
	return {
		// (P - D) x 100 is a whole number, so the division is the only rounding before roundTo.
		nps:
			responses === 0
				? null
				: roundTo(((counts.promoters - counts.detractors) * 100) / responses) || 0,
		responses,
		promoters: share(counts.promoters),
		passives: share(counts.passives),
		detractors: share(counts.detractors),
		sampleWarning: sampleWarning(responses, minimumSample),
		minimumSample,
		surveysSent,
		responseRate: surveysSent ? roundTo((responses / surveysSent) * 100, 1) : null,
		confidenceInterval: npsConfidenceInterval(counts),
		unanswered: options.unanswered ?? 0,
		invalid: options.invalid ?? [],
	};
}
