import type { HealthCategory } from './model';

/** The `health` object a scored item carries (docs/sources.md#output-shapes, plus explanations). */

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';
export type Trend = 'improving' | 'stable' | 'declining';
export type MissingDataPolicy = 'reweight' | 'zero' | 'fail';

export interface HealthMetricResult {
	key: string;
	name: string;
	field: string;
	/** The value used (after derivation from dates), or null when missing. */
	value: number | string | null;
	/** 0-100 under the metric's rule, 2 decimals. */
	normalized: number | null;
	/** Weight inside its component as configured, normalised to sum to 1. */
	weight: number;
	missing: boolean;
	/** Why a missing metric is missing: "absent", "not a number", "expected one of …". */
	reason?: string;
	/** Health-score points this metric earned, the most it could earn, and the difference. */
	points: number | null;
	maxPoints: number;
	pointsLost: number | null;
	/** Band metrics: the points of the band table (e.g. 7 of 10). */
	bandPoints?: number | null;
	bandMaxPoints?: number;
	/** The date field a days_* value was derived from. */
	derivedFrom?: string;
}

export interface HealthComponentResult {
	key: string;
	name: string;
	weight: number;
	/** 0-100, rounded; null when none of its metrics had data. */
	score: number | null;
	/** Share of the component's weight that had data. */
	coverage: number;
	metrics: HealthMetricResult[];
}

/** Full: every component with its metrics; summary: no component list (lighter output for big runs). */
export type HealthDetail = 'full' | 'summary';

export interface HealthAlert {
	type: 'health_score_drop' | 'customer_at_risk';
	severity: 'high' | 'critical';
	message: string;
}

export interface HealthResult {
	model: string;
	/** 0-100, or null when coverage is under the minimum (category insufficient_data). */
	score: number | null;
	grade: Grade | null;
	category: HealthCategory;
	trend: Trend | null;
	previousScore: number | null;
	/** Share of the model's total weight that had data, 0-1. */
	coverage: number;
	/** Empty in summary detail. */
	components: HealthComponentResult[];
	riskFactors: string[];
	opportunities: string[];
	alerts: HealthAlert[];
	/** The top three drivers of the score, in words a CSM can act on. */
	drivers: string[];
}
