import { DateTime } from 'luxon';

import {
	evaluateLifecycle,
	type LifecycleConfig,
	type LifecycleResult,
} from '../../../src/lifecycle';

export const REFERENCE = DateTime.fromISO('2026-11-23T12:00:00Z', { zone: 'UTC' });

/** Inputs under which none of the agent specification's four at-risk conditions holds (health 75, 1 day, 0 tickets, NPS 8). */
export const NOT_AT_RISK = {
	health_score: 75,
	days_since_last_login: 1,
	high_severity_tickets: 0,
	nps_score: 8,
};

export function evaluate(
	item: Record<string, unknown>,
	config: Partial<LifecycleConfig> = {},
): LifecycleResult {
	return evaluateLifecycle(item, {
		mode: 'transitions',
		reference: REFERENCE,
		defaultTimeZone: 'UTC',
		...config,
	});
}

/** docs/sources.md#lifecycle-transitions mode from `stage`, with the not-at-risk inputs unless overridden. */
export function fromStage(stage: string, fields: Record<string, unknown> = {}): LifecycleResult {
	return evaluate({ lifecycle_stage: stage, ...NOT_AT_RISK, ...fields });
}
