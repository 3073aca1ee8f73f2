import { HEALTH_SCORE_RULE, type NumberRule } from '../customer/fieldRules';
import { isAbsentValue, OmittedValue, readNumberField } from '../customer/fields';
import { getPath, isPlainObject } from '../shared/path';
import { roundTo } from '../shared/numbers';
import type { GoalDirection, ValueMetricInput } from './model';
import { parseNameList, parseValueMetrics } from './model';
import type { GoalProgress } from './successPlan';

/**
 * The value, usage and support sections of a review (seed 002 §12.1 ValueDelivered, ProductUsage, SupportReview;
 * docs/sources.md#business-reviews), read from the customer record's snake_case fields. Every field is optional: a
 * section shows what the record has. Fields of the shared table (src/customer/fieldRules.ts: active_users, seats,
 * usage_change_percent, avg_csat, open_tickets, escalations, tickets_last_30_days, mrr, roi_percent, health_score)
 * are read through their rule; the review's own fields through the rules below.
 */

export const REVIEW_FIELDS = {
	valueMetrics: 'value_metrics',
	revenueImpact: 'revenue_impact',
	costSaved: 'cost_saved',
	hoursSaved: 'hours_saved',
	investment: 'investment',
	mrr: 'mrr',
	roiPercent: 'roi_percent',
	activeUsers: 'active_users',
	previousActiveUsers: 'previous_active_users',
	seats: 'seats',
	usageChange: 'usage_change_percent',
	featuresUsed: 'features_used',
	featuresAvailable: 'features_available',
	supportTickets: 'support_tickets',
	ticketsLast30Days: 'tickets_last_30_days',
	openTickets: 'open_tickets',
	escalations: 'escalations',
	resolutionHours: 'avg_resolution_hours',
	csat: 'avg_csat',
	topIssues: 'top_issues',
	healthScore: 'health_score',
	roadmap: 'roadmap',
	recommendedPlan: 'recommended_plan',
	currency: 'currency',
} as const;

const rule = (
	range: { min?: number; whole?: boolean },
	expected: string,
	source: string,
): NumberRule => ({ kind: 'number', ...range, expected, outside: 'fail', source });

/** The review's own fields: money may be negative only where it is a change (revenue impact, cost saved). */
const OWN_RULES: Record<string, NumberRule> = {
	revenue_impact: rule({}, 'a number', 'review: revenue the product added in the period'),
	cost_saved: rule({}, 'a number', 'review: costs the product saved in the period'),
	hours_saved: rule({ min: 0 }, 'a number of 0 or more', 'review: hours saved in the period'),
	investment: rule({ min: 0 }, 'a number of 0 or more', 'review: what the customer paid'),
	previous_active_users: rule(
		{ min: 0, whole: true },
		'a whole number of 0 or more',
		'review: active users in the period before',
	),
	support_tickets: rule(
		{ min: 0, whole: true },
		'a whole number of 0 or more',
		'review: tickets in the period',
	),
	avg_resolution_hours: rule(
		{ min: 0 },
		'a number of 0 or more',
		'review: average resolution time',
	),
};

/** A numeric field of the record: its number, or null when absent (a value outside its rule fails the item). */
export function numberField(record: Record<string, unknown>, field: string): number | null {
	const value = readNumberField(getPath(record, field), field, OWN_RULES[field]);
	return value instanceof OmittedValue || value === undefined ? null : value;
}

function listField(record: Record<string, unknown>, field: string): string[] {
	const raw = getPath(record, field);
	return isAbsentValue(raw) ? [] : parseNameList(raw, field);
}

/** A before/after pair (seed 002 §12.1 valueDelivered.metrics) with its improvement. */
export interface ValueMetric {
	name: string;
	unit: string | null;
	before: number;
	after: number;
	/**
	 * (after − before) ÷ |before| × 100 for a metric that should increase, (before − after) ÷ |before| × 100 for one
	 * that should decrease, one decimal: positive is better either way. Null when before is 0.
	 */
	improvement: number | null;
	/** Whether the metric is a goal of the success plan. */
	goal: boolean;
}

export function improvement(
	before: number,
	after: number,
	direction: GoalDirection,
): number | null {
	if (before === 0) return null;
	const change = direction === 'increase' ? after - before : before - after;
	return roundTo((change / Math.abs(before)) * 100, 1);
}

function metricDirection(metric: ValueMetricInput): GoalDirection {
	// A metric without a direction counts a rise as better (give "decrease" for times, costs, tickets).
	return metric.direction ?? 'increase';
}

export interface RoiSection {
	/** (value − cost) ÷ cost × 100, a whole percent; else the record's roi_percent; null when neither is known. */
	percent: number | null;
	/** Where the percent came from. */
	source: 'computed' | 'roi_percent' | null;
	/** revenue_impact + cost_saved (those present), or null when neither is. */
	value: number | null;
	/** investment, else mrr × the months of the period; null when neither is known. */
	cost: number | null;
	revenueImpact: number | null;
	costSaved: number | null;
	hoursSaved: number | null;
	currency: string | null;
}

export interface ValueSection {
	metrics: ValueMetric[];
	roi: RoiSection;
}

/** ROI = (value − cost) ÷ cost × 100, rounded half away from zero to a whole percent; null when cost is 0. */
export function roiPercent(value: number, cost: number): number | null {
	if (cost === 0) return null;
	return roundTo(((value - cost) / cost) * 100, 0);
}

export function readValue(
	record: Record<string, unknown>,
	goals: GoalProgress[],
	periodMonths: number,
): ValueSection {
	const F = REVIEW_FIELDS;
	const metrics: ValueMetric[] = goals.map((goal) => ({
		name: goal.name,
		unit: goal.unit,
		before: goal.baseline,
		after: goal.current,
		improvement: improvement(goal.baseline, goal.current, goal.direction),
		goal: true,
	}));
	const rawExtra = getPath(record, F.valueMetrics);
	if (!isAbsentValue(rawExtra)) {
		for (const metric of parseValueMetrics(rawExtra, F.valueMetrics)) {
			metrics.push({
				name: metric.name,
				unit: metric.unit,
				before: metric.before,
				after: metric.after,
				improvement: improvement(metric.before, metric.after, metricDirection(metric)),
				goal: false,
			});
		}
	}
	const revenueImpact = numberField(record, F.revenueImpact);
	const costSaved = numberField(record, F.costSaved);
	const hoursSaved = numberField(record, F.hoursSaved);
	const investment = numberField(record, F.investment);
	const mrr = numberField(record, F.mrr);
	const value =
		revenueImpact === null && costSaved === null ? null : (revenueImpact ?? 0) + (costSaved ?? 0);
	const cost =
		investment !== null ? investment : mrr !== null ? roundTo(mrr * periodMonths, 2) : null;
	const computed = value !== null && cost !== null ? roiPercent(value, cost) : null;
	const given = computed === null ? numberField(record, F.roiPercent) : null;
	const currencyRaw = getPath(record, F.currency);
	const currency =
		typeof currencyRaw === 'string' && /^[A-Za-z]{3}$/.test(currencyRaw.trim())
			? currencyRaw.trim().toUpperCase()
			: null;
	return {
		metrics,
		roi: {
			percent: computed ?? (given === null ? null : roundTo(given, 0)),
			source: computed !== null ? 'computed' : given !== null ? 'roi_percent' : null,
			value,
			cost,
			revenueImpact,
			costSaved,
			hoursSaved,
			currency,
		},
	};
}

export const USAGE_TRENDS = ['increasing', 'stable', 'decreasing'] as const;
export type UsageTrend = (typeof USAGE_TRENDS)[number];
/** A change of more than 5 % either way is a trend (ours: the band the health trend uses, ±5). */
export const USAGE_TREND_BAND = 5;

export interface UsageSection {
	activeUsers: number | null;
	seats: number | null;
	featuresUsed: string[];
	/** features_available not in features_used (case-insensitive): the seed's underutilizedFeatures. */
	underusedFeatures: string[];
	/** usage_change_percent, else the change of active_users against previous_active_users, one decimal. */
	changePercent: number | null;
	trend: UsageTrend | null;
}

export function usageTrend(changePercent: number | null): UsageTrend | null {
	if (changePercent === null) return null;
	if (changePercent > USAGE_TREND_BAND) return 'increasing';
	if (changePercent < -USAGE_TREND_BAND) return 'decreasing';
	return 'stable';
}

export function readUsage(record: Record<string, unknown>): UsageSection {
	const F = REVIEW_FIELDS;
	const activeUsers = numberField(record, F.activeUsers);
	const previous = numberField(record, F.previousActiveUsers);
	let changePercent = numberField(record, F.usageChange);
	if (changePercent === null && activeUsers !== null && previous !== null && previous > 0)
		changePercent = roundTo(((activeUsers - previous) / previous) * 100, 1);
	const featuresUsed = listField(record, F.featuresUsed);
	const used = new Set(featuresUsed.map((feature) => feature.toLowerCase()));
	return {
		activeUsers,
		seats: numberField(record, F.seats),
		featuresUsed,
		underusedFeatures: listField(record, F.featuresAvailable).filter(
			(feature) => !used.has(feature.toLowerCase()),
		),
		changePercent,
		trend: usageTrend(changePercent),
	};
}

export interface SupportSection {
	/** support_tickets, else (in a monthly review) tickets_last_30_days. */
	tickets: number | null;
	openTickets: number | null;
	escalations: number | null;
	avgResolutionHours: number | null;
	/** avg_csat, 1-5. */
	csat: number | null;
	topIssues: string[];
}

export function readSupport(record: Record<string, unknown>, monthly: boolean): SupportSection {
	const F = REVIEW_FIELDS;
	const tickets =
		numberField(record, F.supportTickets) ??
		(monthly ? numberField(record, F.ticketsLast30Days) : null);
	return {
		tickets,
		openTickets: numberField(record, F.openTickets),
		escalations: numberField(record, F.escalations),
		avgResolutionHours: numberField(record, F.resolutionHours),
		csat: numberField(record, F.csat),
		topIssues: listField(record, F.topIssues),
	};
}

export interface HealthReading {
	score: number | null;
	/** healthy ≥ 80, at_risk 60-79, critical < 60 (docs/sources.md#health-categories); the Health Score node's own when given. */
	category: string | null;
	/** The Churn Signals node's `churn.atRisk`, when the item carries it. */
	churnAtRisk: boolean | null;
}

export function healthCategory(score: number): 'healthy' | 'at_risk' | 'critical' {
	return score >= 80 ? 'healthy' : score >= 60 ? 'at_risk' : 'critical';
}

/**
 * The health score from the Health Score node's output on the item (`health.score`, `health.category`), else the
 * record's `health_score`; the churn flag from the Churn Signals node's `churn.atRisk`.
 */
export function readHealth(
	item: Record<string, unknown>,
	record: Record<string, unknown>,
): HealthReading {
	const health = getPath(item, 'health');
	let score: number | null = null;
	let category: string | null = null;
	if (isPlainObject(health)) {
		const value = readNumberField(getPath(health, 'score'), 'health.score', HEALTH_SCORE_RULE);
		score = typeof value === 'number' ? value : null;
		const given = getPath(health, 'category');
		category = typeof given === 'string' && given.trim() !== '' ? given.trim() : null;
	}
	if (score === null) score = numberField(record, REVIEW_FIELDS.healthScore);
	if (score !== null && category === null) category = healthCategory(score);
	const churn = getPath(item, 'churn');
	const atRisk = isPlainObject(churn) ? getPath(churn, 'atRisk') : undefined;
	return { score, category, churnAtRisk: typeof atRisk === 'boolean' ? atRisk : null };
}

/** The plan to recommend: the record's recommended_plan, else the Expansion Signals node's first opportunity's product. */
export function recommendedPlan(
	item: Record<string, unknown>,
	record: Record<string, unknown>,
): string | null {
	const own = getPath(record, REVIEW_FIELDS.recommendedPlan);
	if (typeof own === 'string' && own.trim() !== '') return own.trim().slice(0, 100);
	const product = getPath(item, 'expansion.opportunities.0.product');
	return typeof product === 'string' && product.trim() !== '' ? product.trim().slice(0, 100) : null;
}

export function readRoadmap(record: Record<string, unknown>): string[] {
	return listField(record, REVIEW_FIELDS.roadmap);
}
