/** Customer records whose health scores were worked out by hand from the formulas (docs/sources.md#health-score-formula; see each test). */

import { MIXED_METRICS, PERFECT_METRICS } from '../../fixtures/healthMetrics';

export const PERFECT_CUSTOMER = { customer_id: 'cust-perfect', ...PERFECT_METRICS };

/** Every component at a different level: 50, 50, 80, 55, 70 -> 58.25 -> 58. */
export const MIXED_CUSTOMER = { customer_id: 'cust-mixed', ...MIXED_METRICS };

/** 17, 12, 16, 10, 26 -> 15.9 -> 16. */
export const WEAK_CUSTOMER = {
	customer_id: 'cust-weak',
	dau_mau_ratio: 0.1,
	feature_adoption: 0.14,
	conversations_per_week: 10,
	days_since_last_login: 30,
	logins_per_week: 1,
	features_used_this_month: 2,
	open_tickets: 4,
	avg_csat: 1,
	escalations: 3,
	nps_score: 2,
	meetings_attended: 0,
	responses_to_outreach: 0,
	payment_health: 0.5,
	growth_potential: 0.1,
	contract_length: 1,
};

/** Only Product Usage and two Engagement metrics: coverage 0.3 + 0.25 * 0.6 = 0.45. */
export const SPARSE_CUSTOMER = {
	customer_id: 'cust-sparse',
	dau_mau_ratio: 0.25,
	feature_adoption: 0.35,
	conversations_per_week: 50,
	logins_per_week: 5,
	features_used_this_month: 10,
};
