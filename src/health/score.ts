import { getPath } from '../shared/path';
import { roundTo } from '../shared/numbers';
import type { HealthModel, MetricSpec } from './model';
import { readMetric, readMetricAsZero, type MetricReading } from './metricScore';
import type {
	HealthComponentResult,
	HealthMetricResult,
	HealthResult,
	MissingDataPolicy,
} from './result';
import { categoryFor, gradeFor } from './thresholds';
import { healthAlerts, opportunitiesFor, riskFactorsFor, trendFor } from './insights';
import { describeDrivers } from './explain';

export interface HealthScoringOptions {
	/** DESIGN.md "Missing data": leave out and re-weight (default), the seed's treat-as-zero, or fail the item. */
	missingData?: MissingDataPolicy;
	/** Below this coverage the record is category insufficient_data instead of a misleading number. */
	minCoverage?: number;
	previousScore?: number | null;
	/** Fields derived from dates, keyed by metric field, naming their source date. */
	derivedFrom?: Record<string, string>;
}

export class MissingHealthMetricsError extends Error {
	constructor(readonly problems: Array<{ field: string; reason: string }>) {
		super(
			`Missing or unusable health metrics: ${problems.map((p) => `${p.field} (${p.reason})`).join(', ')}`,
		);
		this.name = 'MissingHealthMetricsError';
	}
}

interface MetricWork {
	spec: MetricSpec;
	field: string;
	reading: MetricReading;
	counted: boolean;
}

function describeProblem(reading: MetricReading): string {
	if (reading.problem === 'absent') return 'absent';
	return reading.problemDetail ?? 'invalid';
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * Scores a metrics object with a model (seed 002 §5.1 calculate(), with DESIGN.md's fixes):
 * each metric 0-100, each component the weighted average of its metrics (rounded, as the seed does, unless the
 * model rounds only the total), the score the weighted sum of components, rounded.
 */
export function scoreHealth(
	source: Record<string, unknown>,
	model: HealthModel,
	options: HealthScoringOptions = {},
): HealthResult {
	const policy = options.missingData ?? 'reweight';
	const minCoverage = options.minCoverage ?? 0.5;
	const totalComponentWeight = sum(model.components.map((c) => c.weight));

	const problems: Array<{ field: string; reason: string }> = [];
	const work = model.components.map((component) =>
		component.metrics.map((spec): MetricWork => {
			const field = spec.field ?? spec.key;
			let reading = readMetric(spec, getPath(source, field));
			const usable = reading.normalized !== null;
			if (!usable) {
				problems.push({ field, reason: describeProblem(reading) });
				if (policy === 'zero') reading = readMetricAsZero(spec, reading);
			}
			return { spec, field, reading, counted: usable || policy === 'zero' };
		}),
	);
	if (policy === 'fail' && problems.length > 0) throw new MissingHealthMetricsError(problems);

	// Coverage: share of the model's weight whose metrics had data, whatever the policy.
	let coverage = 0;
	const componentScores = model.components.map((component, c) => {
		const metricWeightTotal = sum(component.metrics.map((m) => m.weight));
		const dataWeight = sum(work[c].filter((w) => w.reading.problem === undefined).map((w) => w.spec.weight));
		coverage += (component.weight / totalComponentWeight) * (dataWeight / metricWeightTotal);
		const countedWeight = sum(work[c].filter((w) => w.counted).map((w) => w.spec.weight));
		if (countedWeight === 0) return { raw: null as number | null, countedWeight, metricWeightTotal };
		const raw = sum(work[c].filter((w) => w.counted).map((w) => w.spec.weight * (w.reading.normalized as number))) / countedWeight;
		return { raw, countedWeight, metricWeightTotal };
	});

	const usedForTotal = componentScores.map((s) =>
		s.raw === null ? null : model.rounding === 'component' ? roundTo(s.raw) : s.raw,
	);
	const presentComponentWeight = sum(model.components.filter((_, c) => usedForTotal[c] !== null).map((c) => c.weight));
	const total =
		presentComponentWeight === 0
			? null
			: sum(model.components.map((component, c) => (usedForTotal[c] ?? 0) * component.weight)) / presentComponentWeight;

	const components: HealthComponentResult[] = model.components.map((component, c) => {
		const { raw, countedWeight, metricWeightTotal } = componentScores[c];
		const componentShare = raw === null || presentComponentWeight === 0 ? 0 : component.weight / presentComponentWeight;
		const metrics = work[c].map(({ spec, field, reading, counted }): HealthMetricResult => {
			const share = counted && countedWeight > 0 ? componentShare * (spec.weight / countedWeight) : 0;
			const maxPoints = 100 * share;
			const points = counted ? ((reading.normalized as number) / 100) * maxPoints : null;
			const metric: HealthMetricResult = {
				key: spec.key,
				name: spec.name ?? spec.key,
				field,
				value: reading.value,
				normalized: reading.normalized === null ? null : roundTo(reading.normalized, 2),
				weight: roundTo(spec.weight / metricWeightTotal, 4),
				missing: reading.problem !== undefined,
				points: points === null ? null : roundTo(points, 2),
				maxPoints: roundTo(maxPoints, 2),
				pointsLost: points === null ? null : roundTo(maxPoints - points, 2),
			};
			if (reading.problem !== undefined) metric.reason = describeProblem(reading);
			if (spec.type === 'bands') {
				metric.bandPoints = reading.bandPoints ?? null;
				metric.bandMaxPoints = reading.bandMaxPoints;
			}
			const derived = options.derivedFrom?.[field];
			if (derived) metric.derivedFrom = derived;
			return metric;
		});
		return {
			key: component.key,
			name: component.name,
			weight: roundTo(component.weight / totalComponentWeight, 4),
			score: raw === null ? null : roundTo(raw),
			coverage: roundTo(sum(work[c].filter((w) => w.reading.problem === undefined).map((w) => w.spec.weight)) / metricWeightTotal, 4),
			metrics,
		};
	});

	coverage = roundTo(coverage, 4);
	const previousScore = options.previousScore ?? null;
	const sufficient = total !== null && coverage >= minCoverage;
	const score = sufficient ? roundTo(total as number) : null;
	const grade = score === null ? null : gradeFor(score, model.grades);
	const category = score === null ? 'insufficient_data' : categoryFor(score, model.categories);

	return {
		model: model.id,
		score,
		grade,
		category,
		trend: score === null ? null : trendFor(score, previousScore),
		previousScore,
		coverage,
		components,
		riskFactors: riskFactorsFor(components, source),
		opportunities: opportunitiesFor(source),
		alerts: score === null || grade === null ? [] : healthAlerts(score, grade, previousScore, model.grades),
		drivers: describeDrivers(components, { coverage, minCoverage, sufficient }),
	};
}
