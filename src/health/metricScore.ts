import { OmittedValue, readNumberField } from '../customer/fields';
import { clamp } from '../shared/numbers';
import type { Band, MetricSpec } from './model';

/** Scores one metric value 0-100 under its rule; `undefined` means the value is unusable (missing or invalid). */

export interface MetricReading {
	/** The usable value (a number, or the matched label of a categorical band), or null when unusable. */
	value: number | string | null;
	normalized: number | null;
	/** For band metrics: the points the band awarded and the most any band awards. */
	bandPoints?: number | null;
	bandMaxPoints?: number;
	/** Why the value could not be used: absent from the record, or present but not usable. */
	problem?: 'absent' | 'invalid';
	problemDetail?: string;
}

function isAbsent(raw: unknown): boolean {
	return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/** "Very interested" -> "very_interested": categorical labels compare case and spacing insensitively. */
export function normalizeLabel(value: unknown): string {
	return String(value)
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
}

export function bandMaxPoints(metric: Extract<MetricSpec, { type: 'bands' }>): number {
	return Math.max(metric.otherwise, ...metric.bands.map((band) => band.points));
}

function isCategorical(metric: Extract<MetricSpec, { type: 'bands' }>): boolean {
	return metric.bands.some((band) => band.equals !== undefined);
}

function matchBand(bands: Band[], value: number | string): Band | undefined {
	return bands.find((band) => {
		if (band.equals)
			return band.equals.some((candidate) => normalizeLabel(candidate) === normalizeLabel(value));
		if (typeof value !== 'number') return false;
		if (band.gte !== undefined) return value >= band.gte;
		if (band.gt !== undefined) return value > band.gt;
		return false;
	});
}

export function linearHigher(value: number, ideal: number): number {
	return clamp((value / ideal) * 100, 0, 100);
}

/** docs/sources.md#diff-inverse-metrics fix of the agent specification's inverse metrics: 100 at or below ideal, 0 at or beyond worst, linear between. */
export function linearLower(value: number, ideal: number, worst: number): number {
	if (value <= ideal) return 100;
	if (value >= worst) return 0;
	return ((worst - value) / (worst - ideal)) * 100;
}

/**
 * A numeric metric's value through the field's rule (src/customer/fieldRules.ts): a value outside it fails the item,
 * or, for a field whose rule leaves it out, makes the metric unusable with the rule as the reason.
 */
function numericValue(raw: unknown, field: string): number | OmittedValue {
	return readNumberField(raw, field) as number | OmittedValue;
}

function unusable(reading: OmittedValue, extra: Partial<MetricReading> = {}): MetricReading {
	return {
		value: null,
		normalized: null,
		...extra,
		problem: 'invalid',
		problemDetail: reading.reason,
	};
}

/** Scores `raw`, the value of `field` (the metric's field by default), under the metric's rule. */
export function readMetric(
	metric: MetricSpec,
	raw: unknown,
	field = metric.field ?? metric.key,
): MetricReading {
	if (isAbsent(raw)) return { value: null, normalized: null, problem: 'absent' };

	if (metric.type === 'bands') {
		const max = bandMaxPoints(metric);
		if (isCategorical(metric)) {
			const band =
				typeof raw === 'string' || typeof raw === 'boolean' || typeof raw === 'number'
					? matchBand(metric.bands, typeof raw === 'boolean' ? String(raw) : raw)
					: undefined;
			if (!band) {
				const allowed = metric.bands.flatMap((b) => b.equals ?? []).map(String);
				return {
					value: null,
					normalized: null,
					bandMaxPoints: max,
					problem: 'invalid',
					problemDetail: `expected one of ${allowed.join(', ')}`,
				};
			}
			return {
				value: normalizeLabel(raw),
				normalized: (band.points / max) * 100,
				bandPoints: band.points,
				bandMaxPoints: max,
			};
		}
		const numeric = numericValue(raw, field);
		if (numeric instanceof OmittedValue) return unusable(numeric, { bandMaxPoints: max });
		const points = matchBand(metric.bands, numeric)?.points ?? metric.otherwise;
		return {
			value: numeric,
			normalized: (points / max) * 100,
			bandPoints: points,
			bandMaxPoints: max,
		};
	}

	const numeric = numericValue(raw, field);
	if (numeric instanceof OmittedValue) return unusable(numeric);
	const normalized =
		metric.type === 'higher'
			? linearHigher(numeric, metric.ideal)
			: linearLower(numeric, metric.ideal, metric.worst);
	return { value: numeric, normalized };
}

/** The seed's treat-as-zero policy: an unusable value counts as 0 (a categorical one earns no band points). */
export function readMetricAsZero(metric: MetricSpec, reading: MetricReading): MetricReading {
	if (metric.type === 'bands') {
		const max = bandMaxPoints(metric);
		if (isCategorical(metric))
			return { ...reading, normalized: 0, bandPoints: 0, bandMaxPoints: max };
		const points = matchBand(metric.bands, 0)?.points ?? metric.otherwise;
		return { ...reading, normalized: (points / max) * 100, bandPoints: points, bandMaxPoints: max };
	}
	const normalized =
		metric.type === 'higher'
			? linearHigher(0, metric.ideal)
			: linearLower(0, metric.ideal, metric.worst);
	return { ...reading, normalized };
}
