import type { HealthModelInput } from '../model';

/**
 * The default model: docs/sources.md#health-default-weights HEALTH_SCORE_CONFIG (weights, ideals, grade thresholds) with the fixes of docs/sources.md#differences.
 * Inverse metrics score 100 at or below `ideal` and 0 at or beyond `worst` (the seed gave 0 points at the ideal
 * and NaN for an ideal of 0). Categories are the email platform guide's (healthy >= 80, at_risk >= 60, critical below).
 */
export const DEFAULT_HEALTH_MODEL: HealthModelInput = {
	id: 'default',
	name: 'Default (inverse metrics fixed)',
	rounding: 'component',
	components: [
		{
			key: 'product_usage',
			name: 'Product Usage',
			weight: 0.3,
			metrics: [
				{ key: 'dau_mau_ratio', name: 'DAU/MAU ratio', type: 'higher', ideal: 0.5, weight: 0.4 },
				{
					key: 'feature_adoption',
					name: 'Feature adoption',
					type: 'higher',
					ideal: 0.7,
					weight: 0.3,
				},
				{
					key: 'conversations_per_week',
					name: 'Conversations per week',
					type: 'higher',
					ideal: 100,
					weight: 0.3,
				},
			],
		},
		{
			key: 'engagement',
			name: 'Engagement',
			weight: 0.25,
			metrics: [
				{
					key: 'days_since_last_login',
					name: 'Days since last login',
					type: 'lower',
					ideal: 1,
					worst: 30,
					weight: 0.4,
				},
				{ key: 'logins_per_week', name: 'Logins per week', type: 'higher', ideal: 5, weight: 0.3 },
				{
					key: 'features_used_this_month',
					name: 'Features used this month',
					type: 'higher',
					ideal: 10,
					weight: 0.3,
				},
			],
		},
		{
			key: 'support',
			name: 'Support',
			weight: 0.15,
			metrics: [
				{
					key: 'open_tickets',
					name: 'Open tickets',
					type: 'lower',
					ideal: 0,
					worst: 5,
					weight: 0.4,
				},
				{ key: 'avg_csat', name: 'Average CSAT', type: 'higher', ideal: 5, weight: 0.4 },
				{ key: 'escalations', name: 'Escalations', type: 'lower', ideal: 0, worst: 3, weight: 0.2 },
			],
		},
		{
			key: 'relationship',
			name: 'Relationship',
			weight: 0.15,
			metrics: [
				{ key: 'nps_score', name: 'NPS score', type: 'higher', ideal: 10, weight: 0.5 },
				{
					key: 'meetings_attended',
					name: 'Meetings attended',
					type: 'higher',
					ideal: 1,
					weight: 0.3,
				},
				{
					key: 'responses_to_outreach',
					name: 'Responses to outreach',
					type: 'higher',
					ideal: 1,
					weight: 0.2,
				},
			],
		},
		{
			key: 'financial',
			name: 'Financial',
			weight: 0.15,
			metrics: [
				{ key: 'payment_health', name: 'Payment health', type: 'higher', ideal: 1, weight: 0.4 },
				{
					key: 'growth_potential',
					name: 'Growth potential',
					type: 'higher',
					ideal: 1,
					weight: 0.3,
				},
				{
					key: 'contract_length',
					name: 'Contract length (months)',
					type: 'higher',
					ideal: 12,
					weight: 0.3,
				},
			],
		},
	],
	grades: { A: 80, B: 60, C: 40, D: 20 },
	categories: [
		{ key: 'healthy', min: 80 },
		{ key: 'at_risk', min: 60 },
		{ key: 'critical', min: 0 },
	],
};
