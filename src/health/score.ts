import { getPath } from '../shared/path';
import { roundTo } from '../shared/numbers';
import { choiceParameter, numberParameter } from '../shared/parameters';
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
	/** docs/sources.md#diff-missing-data: leave out and re-weight (default), the seed's treat-as-zero, or fail the item. */
	missingData?: MissingDataPolicy;
	/** Below this coverage the record is category insufficient_data instead of a misleading number. */
	minCoverage?: number;
	previousScore?: number | null;
	/** Fields derived from dates, keyed by metric field, naming their source date. */
	derivedFrom?: Record<string, string>;
	/** 'summary' leaves the component and metric breakdown out of the result (the score, drivers and the rest are the same). */
	detail?: HealthDetail;
}

const MISSING_DATA_POLICIES: readonly MissingDataPolicy[] = ['reweight', 'zero', 'fail'];
const HEALTH_DETAILS: readonly HealthDetail[] = ['full', 'summary'];

export class MissingHealthMetricsError extends Error {
	constructor(readonly problems: Array<{ field: string; reason: string }>) {
		super(
			`Missing or unusable health metrics: ${problems.map((p) => `${p.field} (${p.reason})`).join(', ')}`,
		);
		this.name = 'MissingHealthMetricsError';
	}
}

export class NonFiniteHealthError extends Error {
	constructor(modelId: string, total: number | null, coverage: number) {
		super(
			`health.score: the model "${modelId}" gives no finite score for this customer (score ${total}, coverage ${coverage})`,
		);
		this.name = 'NonFiniteHealthError';
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

/** What scoring needs of a model that does not depend on the record: worked out once per model object. */
interface CompiledModel {
	totalComponentWeight: number;
	components: Array<{
		/** The component's weight in the model, normalised (as the result shows it). */
		weightShare: number;
		metricWeightTotal: number;
		/** Per metric; maxPoints (and rounded) hold when every component and metric has data, the common case. */
		metrics: Array<{
			field: string;
			simple: boolean;
			weightShare: number;
			maxPoints: number;
			maxPointsRounded: number;
		}>;
	}>;
}

const compiledModels = new WeakMap<HealthModel, CompiledModel>();
const PLAIN_FIELD = /^[^.\s]+$/;

function compile(model: HealthModel): CompiledModel {
	let compiled = compiledModels.get(model);
	if (!compiled) {
		const totalComponentWeight = model.components.reduce(
			(sum, component) => sum + component.weight,
			0,
		);
		compiled = {
			totalComponentWeight,
			components: model.components.map((component) => {
				const metricWeightTotal = component.metrics.reduce((sum, metric) => sum + metric.weight, 0);
				return {
					weightShare: roundTo(component.weight / totalComponentWeight, 4),
					metricWeightTotal,
					metrics: component.metrics.map((spec) => {
						const field = spec.field ?? spec.key;
						// The same operations, in the same order, as scoreHealth's general case, so the same doubles.
						const maxPoints =
							100 * ((component.weight / totalComponentWeight) * (spec.weight / metricWeightTotal));
						return {
							field,
							simple: PLAIN_FIELD.test(field),
							weightShare: roundTo(spec.weight / metricWeightTotal, 4),
							maxPoints,
							maxPointsRounded: roundTo(maxPoints, 2),
						};
					}),
				};
			}),
		};
		compiledModels.set(model, compiled);
	}
	return compiled;
}

/** The value of a metric's field: a plain field name is read directly (own property), a path through getPath. */
function valueOf(source: Record<string, unknown>, field: string, simple: boolean): unknown {
	if (!simple) return getPath(source, field);
	return Object.prototype.hasOwnProperty.call(source, field) && field !== '__proto__'
		? source[field]
		: undefined;
}

/**
 * Scores a metrics object with a model (docs/sources.md#health-score-formula calculate(), with the fixes of docs/sources.md#differences):
 * each metric 0-100, each component the weighted average of its metrics (rounded, as the seed does, unless the
 * model rounds only the total), the score the weighted sum of components, rounded.
 */
export function scoreHealth(
	source: Record<string, unknown>,
	model: HealthModel,
	options: HealthScoringOptions = {},
): HealthResult {
	// Options may come from expressions: a value outside its choices is an error, never a silent default.
	const policy = choiceParameter<MissingDataPolicy>(
		options.missingData,
		'Missing Data',
		MISSING_DATA_POLICIES,
		'reweight',
	);
	const minCoverage = numberParameter(options.minCoverage, 'Minimum Coverage', 0.5, 0, 1);
	const detail = choiceParameter<HealthDetail>(
		options.detail,
		'Output Detail',
		HEALTH_DETAILS,
		'full',
	);
	const compiled = compile(model);
	const totalComponentWeight = compiled.totalComponentWeight;

	// Plain loops rather than map/filter/sum: this runs for every item, and the sums keep the same order (so the
	// same floating-point results) as the arithmetic they replace.
	const problems: Array<{ field: string; reason: string }> = [];
	const work: MetricWork[][] = [];
	for (let c = 0; c < model.components.length; c++) {
		const component = model.components[c];
		const row: MetricWork[] = [];
		for (let m = 0; m < component.metrics.length; m++) {
			const spec = component.metrics[m];
			const { field, simple } = compiled.components[c].metrics[m];
			let reading = readMetric(spec, valueOf(source, field, simple), field);
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
	const componentScores: Array<{
		raw: number | null;
		countedWeight: number;
		metricWeightTotal: number;
		dataWeight: number;
	}> = [];
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
		componentScores.push({
			raw: countedWeight === 0 ? null : weighted / countedWeight,
			countedWeight,
			metricWeightTotal,
			dataWeight,
		});
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
		const componentShare =
			raw === null || presentComponentWeight === 0 ? 0 : component.weight / presentComponentWeight;
		const everything =
			presentComponentWeight === totalComponentWeight && countedWeight === metricWeightTotal;
		const metrics = work[c].map(({ spec, field, reading, counted }, m): HealthMetricResult => {
			const plan = compiled.components[c].metrics[m];
			const share =
				counted && countedWeight > 0 ? componentShare * (spec.weight / countedWeight) : 0;
			const maxPoints = everything && counted ? plan.maxPoints : 100 * share;
			const points = counted ? ((reading.normalized as number) / 100) * maxPoints : null;
			const metric: HealthMetricResult = {
				key: spec.key,
				name: spec.name ?? spec.key,
				field,
				value: reading.value,
				normalized: reading.normalized === null ? null : roundTo(reading.normalized, 2),
				weight: plan.weightShare,
				missing: reading.problem !== undefined,
				points: points === null ? null : roundTo(points, 2),
				maxPoints: everything && counted ? plan.maxPointsRounded : roundTo(maxPoints, 2),
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
			weight: compiled.components[c].weightShare,
			score: raw === null ? null : roundTo(raw),
			coverage: roundTo(dataWeight / metricWeightTotal, 4),
			metrics,
		};
	});

	coverage = roundTo(coverage, 4);
	// The model's numbers are bounded (model.ts) and every value is finite: a non-finite total would be a bug, never a
	// score of Infinity called "healthy".
	if (!Number.isFinite(coverage) || (total !== null && !Number.isFinite(total))) {
		throw new NonFiniteHealthError(model.id, total, coverage);
	}
	const drivers = describeDrivers(components, {
		coverage,
		minCoverage,
		sufficient: total !== null && coverage >= minCoverage,
	});
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
		// Summary detail: the components (and their metrics) are left out; the drivers above still name the metrics.
		components: detail === 'summary' ? [] : components,
		riskFactors: riskFactorsFor(components, source),
		opportunities: opportunitiesFor(source),
		alerts:
			score === null || grade === null
				? []
				: healthAlerts(score, grade, previousScore, model.grades),
		drivers,
	};
}
