import type { HealthModelInput } from '../model';

/**
 * docs/sources.md#four-component-health-model: usage 30 %, adoption 25 %, performance 25 %, satisfaction (NPS) 20 %,
 * a weighted average with a target of 80+. The seed names no metrics; ours use its success metrics:
 * 60 % feature adoption and 3+ features used regularly, a 70 % usage increase, 80 % goal achievement.
 */
export const FOUR_COMPONENT_MODEL: HealthModelInput = {
	id: 'seed004',
	name: 'Four components',
	rounding: 'component',
	components: [
		{
			key: 'usage',
			name: 'Usage',
			weight: 0.3,
			metrics: [
				{ key: 'logins_per_week', name: 'Logins per week', type: 'higher', ideal: 5, weight: 0.5 },
				{ key: 'dau_mau_ratio', name: 'DAU/MAU ratio', type: 'higher', ideal: 0.5, weight: 0.5 },
			],
		},
		{
			key: 'adoption',
			name: 'Adoption',
			weight: 0.25,
			metrics: [
				{
					key: 'feature_adoption',
					name: 'Feature adoption',
					type: 'higher',
					ideal: 0.6,
					weight: 0.5,
				},
				{
					key: 'features_used_this_month',
					name: 'Features used this month',
					type: 'higher',
					ideal: 3,
					weight: 0.5,
				},
			],
		},
		{
			key: 'performance',
			name: 'Performance',
			weight: 0.25,
			metrics: [
				{
					key: 'goal_achievement',
					name: 'Goal achievement',
					type: 'higher',
					ideal: 0.8,
					weight: 0.5,
				},
				{
					key: 'usage_change_percent',
					name: 'Usage increase (%)',
					type: 'higher',
					ideal: 70,
					weight: 0.5,
				},
			],
		},
		{
			key: 'satisfaction',
			name: 'Satisfaction',
			weight: 0.2,
			metrics: [{ key: 'nps_score', name: 'NPS score', type: 'higher', ideal: 10, weight: 1 }],
		},
	],
	grades: { A: 80, B: 60, C: 40, D: 20 },
	categories: [
		{ key: 'healthy', min: 80 },
		{ key: 'at_risk', min: 60 },
		{ key: 'critical', min: 0 },
	],
};
