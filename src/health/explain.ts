import type { HealthComponentResult, HealthMetricResult } from './result';

/** Explanations a CSM can act on: the three metrics that cost the most points, in words. */

const MAX_DRIVERS = 3;

function formatNumber(value: number): string {
	// A value with at most two decimals (every rounded points figure) prints as it is; toFixed is slow.
	if (Number.isInteger(value) || Math.round(value * 100) / 100 === value) return String(value);
	return String(Number(value.toFixed(2)));
}

function describeValue(metric: HealthMetricResult): string {
	if (metric.value === null) return 'no data';
	return typeof metric.value === 'number' ? formatNumber(metric.value) : `"${metric.value}"`;
}

function describeMetric(metric: HealthMetricResult, component: HealthComponentResult): string {
	// Points are already rounded to two decimals: they print as they are.
	const lost = String(metric.pointsLost ?? 0);
	const max = String(metric.maxPoints);
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
		const missing = components.flatMap((c) =>
			c.metrics.filter((m) => m.missing).map((m) => m.field),
		);
		return [
			`Not enough data: ${Math.round(context.coverage * 100)}% of the model's weight had data, ` +
				`${Math.round(context.minCoverage * 100)}% is required. Missing: ${missing.join(', ') || 'none'}`,
		];
	}
	// The three largest losses, ties in model order (what a stable sort of all metrics would give), found in one pass.
	const losses: Array<{ metric: HealthMetricResult; component: HealthComponentResult }> = [];
	for (const component of components) {
		for (const metric of component.metrics) {
			const lost = metric.pointsLost ?? 0;
			if (lost < 0.01) continue;
			let at = losses.length;
			while (at > 0 && (losses[at - 1].metric.pointsLost ?? 0) < lost) at--;
			if (at >= MAX_DRIVERS) continue;
			losses.splice(at, 0, { metric, component });
			if (losses.length > MAX_DRIVERS) losses.pop();
		}
	}
	if (losses.length === 0) return ['Every metric with data is at or beyond its ideal'];
	return losses.map(({ metric, component }) => describeMetric(metric, component));
}
