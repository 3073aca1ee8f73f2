import type { HealthModelInput } from '../model';

/**
 * docs/sources.md#five-component-health-model: five weighted components (usage intensity 30 %, feature adoption 25 %,
 * support interactions 20 %, payment history 15 %, engagement level 10 %) and four bands (healthy 80-100,
 * at_risk 60-79, critical 40-59, churned 0-39). The seed names no metrics; ours use its own numbers:
 * targets from "Métricas de Engagement" (3.5 sessions a week, 15-minute sessions, 45 % DAU, 75 % adoption,
 * support satisfaction 4.7/5) and worst values from its early-warning signals (> 3 tickets a month,
 * any payment delay, > 14 days without activity).
 */
export const FIVE_COMPONENT_MODEL: HealthModelInput = {
	id: 'seed003',
	name: 'Five components',
	rounding: 'component',
	components: [
		{
			key: 'usage_intensity',
			name: 'Usage intensity',
			weight: 0.3,
			metrics: [
				{
					key: 'logins_per_week',
					name: 'Logins per week',
					type: 'higher',
					ideal: 3.5,
					weight: 0.4,
				},
				{
					key: 'avg_session_minutes',
					name: 'Average session minutes',
					type: 'higher',
					ideal: 15,
					weight: 0.3,
				},
				{ key: 'dau_mau_ratio', name: 'DAU/MAU ratio', type: 'higher', ideal: 0.45, weight: 0.3 },
			],
		},
		{
			key: 'feature_adoption',
			name: 'Feature adoption',
			weight: 0.25,
			metrics: [
				{
					key: 'feature_adoption',
					name: 'Feature adoption',
					type: 'higher',
					ideal: 0.75,
					weight: 1,
				},
			],
		},
		{
			key: 'support_interactions',
			name: 'Support interactions',
			weight: 0.2,
			metrics: [
				{
					key: 'recent_tickets',
					field: 'tickets_last_30_days',
					name: 'Tickets in the last 30 days',
					type: 'lower',
					ideal: 0,
					worst: 4,
					weight: 0.5,
				},
				{ key: 'avg_csat', name: 'Average CSAT', type: 'higher', ideal: 4.7, weight: 0.5 },
			],
		},
		{
			key: 'payment_history',
			name: 'Payment history',
			weight: 0.15,
			metrics: [
				{
					key: 'failed_payments',
					name: 'Failed payments',
					type: 'lower',
					ideal: 0,
					worst: 1,
					weight: 0.5,
				},
				{ key: 'payment_health', name: 'Payment health', type: 'higher', ideal: 1, weight: 0.5 },
			],
		},
		{
			key: 'engagement_level',
			name: 'Engagement level',
			weight: 0.1,
			metrics: [
				{
					key: 'days_since_last_login',
					name: 'Days since last login',
					type: 'lower',
					ideal: 1,
					worst: 14,
					weight: 0.5,
				},
				{
					key: 'responses_to_outreach',
					name: 'Responses to outreach',
					type: 'higher',
					ideal: 1,
					weight: 0.25,
				},
				{
					key: 'meetings_attended',
					name: 'Meetings attended',
					type: 'higher',
					ideal: 1,
					weight: 0.25,
				},
			],
		},
	],
	grades: { A: 80, B: 60, C: 40, D: 20 },
	categories: [
		{ key: 'healthy', min: 80 },
		{ key: 'at_risk', min: 60 },
		{ key: 'critical', min: 40 },
		{ key: 'churned', min: 0 },
	],
};
