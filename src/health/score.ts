import { getPath } from '../shared/path';
import { roundTo } from '../shared/numbers';
import type { HealthModel, MetricSpec } from './model';
import { readMetric, readMetricAsZero, type MetricReading } from './metricScore';
import type {
	HealthComponentResult,
	HealthDetail,
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
	/** 'summary' leaves the per-metric breakdown out of the result (the score, drivers and the rest are the same). */
	detail?: HealthDetail;
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

const componentWeights = new WeakMap<HealthModel, number>();
function componentWeightTotal(model: HealthModel): number {
	let total = componentWeights.get(model);
	if (total === undefined) {
		total = model.components.reduce((sum, component) => sum + component.weight, 0);
		componentWeights.set(model, total);
	}
	return total;
}

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
	const totalComponentWeight = componentWeightTotal(model);

	// Plain loops rather than map/filter/sum: this runs for every item, and the sums keep the same order (so the
	// same floating-point results) as the arithmetic they replace.
	const problems: Array<{ field: string; reason: string }> = [];
	const work: MetricWork[][] = [];
	for (const component of model.components) {
		const row: MetricWork[] = [];
		for (const spec of component.metrics) {
			const field = spec.field ?? spec.key;
			let reading = readMetric(spec, getPath(source, field));
			const usable = reading.normalized !== null;
			if (!usable) {
				problems.push({ field, reason: describeProblem(reading) });
				if (policy === 'zero') reading = readMetricAsZero(spec, reading);
			}
			row.push({ spec, field, reading, counted: usable || policy === 'zero' });
		}
		work.push(row);
	}
	if (policy === 'fail' && problems.length > 0) throw new MissingHealthMetricsError(problems);

	// Coverage: share of the model's weight whose metrics had data, whatever the policy.
	let coverage = 0;
	const componentScores: Array<{ raw: number | null; countedWeight: number; metricWeightTotal: number; dataWeight: number }> = [];
	model.components.forEach((component, c) => {
		let metricWeightTotal = 0;
		let dataWeight = 0;
		let countedWeight = 0;
		let weighted = 0;
		for (const w of work[c]) {
			metricWeightTotal += w.spec.weight;
			if (w.reading.problem === undefined) dataWeight += w.spec.weight;
			if (w.counted) {
				countedWeight += w.spec.weight;
				weighted += w.spec.weight * (w.reading.normalized as number);
			}
		}
		coverage += (component.weight / totalComponentWeight) * (dataWeight / metricWeightTotal);
		componentScores.push({ raw: countedWeight === 0 ? null : weighted / countedWeight, countedWeight, metricWeightTotal, dataWeight });
	});

	let presentComponentWeight = 0;
	let weightedTotal = 0;
	model.components.forEach((component, c) => {
		const raw = componentScores[c].raw;
		if (raw === null) return;
		presentComponentWeight += component.weight;
		weightedTotal += (model.rounding === 'component' ? roundTo(raw) : raw) * component.weight;
	});
	const total = presentComponentWeight === 0 ? null : weightedTotal / presentComponentWeight;

	const components: HealthComponentResult[] = model.components.map((component, c) => {
		const { raw, countedWeight, metricWeightTotal, dataWeight } = componentScores[c];
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
			coverage: roundTo(dataWeight / metricWeightTotal, 4),
			metrics,
		};
	});

	coverage = roundTo(coverage, 4);
	const drivers = describeDrivers(components, { coverage, minCoverage, sufficient: total !== null && coverage >= minCoverage });
	if (options.detail === 'summary') for (const component of components) component.metrics = [];
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
		drivers,
	};
}
