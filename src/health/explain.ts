import type { HealthComponentResult, HealthMetricResult } from './result';

/** Explanations a CSM can act on: the three metrics that cost the most points, in words. */

const MAX_DRIVERS = 3;

function formatNumber(value: number): string {
	return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
}

function describeValue(metric: HealthMetricResult): string {
	if (metric.value === null) return 'no data';
	return typeof metric.value === 'number' ? formatNumber(metric.value) : `"${metric.value}"`;
}

function describeMetric(metric: HealthMetricResult, component: HealthComponentResult): string {
	const lost = formatNumber(metric.pointsLost ?? 0);
	const max = formatNumber(metric.maxPoints);
	const band =
		metric.bandPoints !== undefined && metric.bandPoints !== null
			? `, ${formatNumber(metric.bandPoints)} of ${formatNumber(metric.bandMaxPoints ?? 0)} band points`
			: '';
	const missing = metric.missing ? ' (missing, counted as 0)' : '';
	return `${metric.name} (${component.name}) is ${describeValue(metric)}${missing}${band}: costs ${lost} of its ${max} points`;
}

export function describeDrivers(
	components: HealthComponentResult[],
	context: { coverage: number; minCoverage: number; sufficient: boolean },
): string[] {
	if (!context.sufficient) {
		const missing = components.flatMap((c) => c.metrics.filter((m) => m.missing).map((m) => m.field));
		return [
			`Not enough data: ${Math.round(context.coverage * 100)}% of the model's weight had data, ` +
				`${Math.round(context.minCoverage * 100)}% is required. Missing: ${missing.join(', ') || 'none'}`,
		];
	}
	const losses = components
		.flatMap((component) => component.metrics.map((metric) => ({ metric, component })))
		.filter(({ metric }) => (metric.pointsLost ?? 0) >= 0.01)
		.sort((a, b) => (b.metric.pointsLost ?? 0) - (a.metric.pointsLost ?? 0))
		.slice(0, MAX_DRIVERS);
	if (losses.length === 0) return ['Every metric with data is at or beyond its ideal'];
	return losses.map(({ metric, component }) => describeMetric(metric, component));
}
