/** Customers the end-to-end tests share. */

/**
 * docs/sources.md#health-scoring perfect metrics: every ideal of the default health model met, the last login a day ago:
 * 100, A, healthy, coverage 1.
 */
export const PERFECT_METRICS = {
	dau_mau_ratio: 0.5,
	feature_adoption: 0.7,
	conversations_per_week: 100,
	days_since_last_login: 1,
	logins_per_week: 5,
	features_used_this_month: 10,
	open_tickets: 0,
	avg_csat: 5,
	escalations: 0,
	nps_score: 10,
	meetings_attended: 1,
	responses_to_outreach: 1,
	payment_health: 1,
	growth_potential: 1,
	contract_length: 12,
};

/**
 * docs/sources.md#health-scoring mixed metrics, every component of the default health model at a different level: usage 50,
 * engagement 50, support 80 (100/50/100), relationship 55 (25 + 30 + 0), financial 70 (40 + 15 + 15):
 * 15 + 12.5 + 12 + 8.25 + 10.5 = 58.25 -> 58, C, critical, coverage 1.
 */
export const MIXED_METRICS = {
	dau_mau_ratio: 0.25,
	feature_adoption: 0.35,
	conversations_per_week: 50,
	days_since_last_login: 15.5,
	logins_per_week: 2.5,
	features_used_this_month: 5,
	open_tickets: 0,
	avg_csat: 2.5,
	escalations: 0,
	nps_score: 5,
	meetings_attended: 1,
	responses_to_outreach: 0,
	payment_health: 1,
	growth_potential: 0.5,
	contract_length: 6,
};

/** Metrics without a login date: the default model leaves the login metric out and re-weights (coverage 0.9). */
function withoutLogin<T extends { days_since_last_login: number }>(
	metrics: T,
): Omit<T, 'days_since_last_login'> {
	const { days_since_last_login: _left_out, ...rest } = metrics;
	return rest;
}

/** PERFECT_METRICS with no login date: still 100, A, healthy; coverage 0.9. */
export const PERFECT_METRICS_NO_LOGIN = withoutLogin(PERFECT_METRICS);

/** MIXED_METRICS with no login date: still 58, C, critical; coverage 0.9. */
export const MIXED_METRICS_NO_LOGIN = withoutLogin(MIXED_METRICS);

/** docs/sources.md#health-default-weights mixed customer (health 58) who asked to cancel, is near the plan limit and growing its team. */
export const CANCELLING_CUSTOMER = {
	customer_id: 'cust-risk',
	email: 'ana@example.com',
	plan: 'growth',
	mrr: 1000,
	seats: 10,
	team_size_change: 0.25,
	usage_vs_limit: 0.85,
	cancellation_requested: true,
	lifecycle_stage: 'growing',
	subscription_status: 'active',
	timezone: 'UTC',
	...MIXED_METRICS,
};
