/** Customers the end-to-end tests share. */

import { MIXED_METRICS, PERFECT_METRICS } from '../fixtures/healthMetrics';

export { MIXED_METRICS, PERFECT_METRICS };

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
