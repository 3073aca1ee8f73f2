/**
 * The engagement score of the agent specification (docs/sources.md#engagement-score, seed 002 §6
 * `calculateEngagementScore`): six metrics, each normalised to 0-100 and weighted, summed and rounded; levels high
 * from 70 and medium from 40 (`getEngagementLevel`). Weights, full marks and levels are the seed's, kept exactly.
 */

export type EngagementMetricKey =
	| 'logins'
	| 'activeUsers'
	| 'featuresUsed'
	| 'actionsPerformed'
	| 'automationRate'
	| 'satisfaction';

export interface EngagementMetricSpec {
	key: EngagementMetricKey;
	/** The customer record field read (features: `features_used`, else `features_used_this_month`). */
	field: string;
	/** The seed's weight (the six sum to 1). */
	weight: number;
	/** The value that scores 100: normalised = value / fullAt × 100, as the seed writes it. */
	fullAt: number;
}

/** Seed 002 §6 `calculateEngagementScore`, in the seed's order (the sum is taken in this order). */
export const ENGAGEMENT_METRICS: readonly EngagementMetricSpec[] = [
	{ key: 'logins', field: 'logins_this_month', weight: 0.15, fullAt: 30 },
	{ key: 'activeUsers', field: 'active_users', weight: 0.15, fullAt: 5 },
	{ key: 'featuresUsed', field: 'features_used', weight: 0.2, fullAt: 10 },
	{ key: 'actionsPerformed', field: 'actions_this_month', weight: 0.2, fullAt: 100 },
	{ key: 'automationRate', field: 'automation_rate', weight: 0.15, fullAt: 1 },
	{ key: 'satisfaction', field: 'avg_csat', weight: 0.15, fullAt: 5 },
];

/** The count of features used this month, read when `features_used` is absent (the health model's field). */
export const FEATURES_COUNT_FIELD = 'features_used_this_month';

/** Last month's values, for the change (seed 002 §6 `vsLastPeriod`), and the last engagement score. */
export const PREVIOUS_FIELDS = {
	logins: 'logins_last_month',
	usage: 'actions_last_month',
	satisfaction: 'avg_csat_last_month',
	score: 'previous_engagement_score',
} as const;

export type EngagementLevel = 'high' | 'medium' | 'low';

/** Seed 002 §6 `getEngagementLevel`: high >= 70, medium >= 40, else low (edges inclusive). */
export const ENGAGEMENT_LEVELS = { high: 70, medium: 40 } as const;

export function engagementLevel(score: number): EngagementLevel {
	if (score >= ENGAGEMENT_LEVELS.high) return 'high';
	if (score >= ENGAGEMENT_LEVELS.medium) return 'medium';
	return 'low';
}
