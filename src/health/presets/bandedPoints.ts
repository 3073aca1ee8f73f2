import type { HealthModelInput } from '../model';

/**
 * docs/sources.md#banded-health-model: point tables that add up to the score. Each metric's weight is its
 * maximum points, so within a component points add exactly; component weights are 30/40/30 points. A band's
 * lower edge is inclusive; the three performance rates are strictly above their edge, as the seed says.
 * The seed leaves revenue increase 19-20 % open ("10-19 %" and ">20 %"); we close it at >= 20 (docs/sources.md#diff-revenue-band-gap).
 * Spanish labels of the seed are accepted beside the English ones.
 */
export const BANDED_POINTS_MODEL: HealthModelInput = {
	id: 'seed001_banded',
	name: 'Banded points',
	rounding: 'total',
	components: [
		{
			key: 'engagement',
			name: 'Engagement',
			weight: 0.3,
			metrics: [
				{
					key: 'login_frequency',
					name: 'Login frequency',
					type: 'bands',
					weight: 10,
					bands: [
						{ equals: ['daily', 'diario', 'diaria'], points: 10 },
						{ equals: ['weekly', 'semanal'], points: 7 },
						{ equals: ['monthly', 'mensual'], points: 3 },
						{ equals: ['never', 'nunca'], points: 0 },
					],
				},
				{
					key: 'feature_adoption',
					name: 'Feature usage',
					type: 'bands',
					weight: 10,
					bands: [
						{ gte: 0.8, points: 10 },
						{ gte: 0.6, points: 7 },
						{ gte: 0.4, points: 4 },
					],
				},
				{
					key: 'campaigns_per_month',
					name: 'Campaign activity',
					type: 'bands',
					weight: 10,
					bands: [
						{ gte: 5, points: 10 },
						{ gte: 3, points: 7 },
						{ gte: 1, points: 4 },
					],
				},
			],
		},
		{
			key: 'results',
			name: 'Results',
			weight: 0.4,
			metrics: [
				{
					key: 'roi_percent',
					name: 'ROI achievement',
					type: 'bands',
					weight: 15,
					bands: [
						{ gte: 300, points: 15 },
						{ gte: 200, points: 10 },
						{ gte: 100, points: 5 },
					],
				},
				{
					key: 'open_rate',
					name: 'Open rate',
					type: 'bands',
					weight: 5,
					bands: [{ gt: 0.3, points: 5 }],
				},
				{
					key: 'click_rate',
					name: 'Click rate',
					type: 'bands',
					weight: 5,
					bands: [{ gt: 0.06, points: 5 }],
				},
				{
					key: 'conversion_rate',
					name: 'Conversion rate',
					type: 'bands',
					weight: 5,
					bands: [{ gt: 0.1, points: 5 }],
				},
				{
					key: 'revenue_increase_percent',
					name: 'Business impact (revenue increase)',
					type: 'bands',
					weight: 10,
					bands: [
						{ gte: 20, points: 10 },
						{ gte: 10, points: 7 },
						{ gte: 5, points: 4 },
					],
				},
			],
		},
		{
			key: 'relationship',
			name: 'Relationship',
			weight: 0.3,
			metrics: [
				{
					key: 'support_rating',
					name: 'Support satisfaction',
					type: 'bands',
					weight: 10,
					bands: [
						{ gte: 9, points: 10 },
						{ gte: 7, points: 7 },
						{ gte: 5, points: 4 },
					],
				},
				{
					key: 'communication_frequency',
					name: 'Communication frequency',
					type: 'bands',
					weight: 10,
					bands: [
						{ equals: ['weekly', 'semanal'], points: 10 },
						{ equals: ['monthly', 'mensual'], points: 7 },
						{ equals: ['quarterly', 'trimestral'], points: 4 },
						{ equals: ['never', 'nunca'], points: 0 },
					],
				},
				{
					key: 'expansion_interest',
					name: 'Expansion interest',
					type: 'bands',
					weight: 10,
					bands: [
						{
							equals: ['very_interested', 'actively_interested', 'activamente_interesado'],
							points: 10,
						},
						{ equals: ['interested', 'interesado'], points: 7 },
						{ equals: ['neutral'], points: 4 },
						{ equals: ['not_interested', 'no_interesado'], points: 0 },
					],
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
