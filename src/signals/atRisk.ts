import { readHealthScore } from '../customer/healthScore';
import { readField, readNumber } from './rules';

/**
 * docs/sources.md#at-risk-check LifecycleManager.isAtRisk:
 *   healthScore < 40 || daysWithoutLogin > 14 || supportTicketsSeverityHigh > 2 || npsScore <= 6
 * read from our vocabulary. A missing input (absent, null, empty) never makes its condition true; in the seed's
 * JavaScript a null would (`null < 40` and `null <= 6` are true, null counting as 0).
 */

export interface AtRiskReason {
	metric: string;
	operator: '<' | '>' | '<=';
	threshold: number;
	value: number;
}

export interface AtRiskAssessment {
	atRisk: boolean;
	atRiskReasons: AtRiskReason[];
}

/** The thresholds of docs/sources.md#at-risk-check isAtRisk, defined once: Lifecycle Stage's at-risk check uses them too. */
export const AT_RISK_THRESHOLDS = {
	healthScoreBelow: 40,
	daysSinceLastLoginAbove: 14,
	highSeverityTicketsAbove: 2,
	npsScoreAtMost: 6,
} as const;

const CONDITIONS: ReadonlyArray<{
	metric: string;
	operator: AtRiskReason['operator'];
	threshold: number;
}> = [
	{
		metric: 'days_since_last_login',
		operator: '>',
		threshold: AT_RISK_THRESHOLDS.daysSinceLastLoginAbove,
	},
	{
		metric: 'high_severity_tickets',
		operator: '>',
		threshold: AT_RISK_THRESHOLDS.highSeverityTicketsAbove,
	},
	{ metric: 'nps_score', operator: '<=', threshold: AT_RISK_THRESHOLDS.npsScoreAtMost },
];

function holds(operator: AtRiskReason['operator'], value: number, threshold: number): boolean {
	if (operator === '<') return value < threshold;
	if (operator === '>') return value > threshold;
	return value <= threshold;
}

/** The record fields the check reads besides the health score. */
export const AT_RISK_FIELDS: readonly string[] = CONDITIONS.map((condition) => condition.metric);

/**
 * `derived`: the days derived from dates (days_since_last_login from last_login_at), laid over `record` (or already
 * merged into it).
 */
export function assessAtRisk(
	item: Record<string, unknown>,
	record: Record<string, unknown>,
	derived: Readonly<Record<string, unknown>> = {},
): AtRiskAssessment {
	const reasons: AtRiskReason[] = [];
	const health = readHealthScore(item, record);
	const below = AT_RISK_THRESHOLDS.healthScoreBelow;
	if (health && holds('<', health.value, below)) {
		reasons.push({ metric: health.field, operator: '<', threshold: below, value: health.value });
	}
	for (const condition of CONDITIONS) {
		// Each field through its rule (src/customer/fieldRules.ts): absent skips the condition, impossible fails the item.
		const value = readNumber(
			readField(record, derived, condition.metric),
			condition.metric,
			'the at-risk check',
		);
		if (value === undefined) continue;
		if (holds(condition.operator, value, condition.threshold)) {
			reasons.push({
				metric: condition.metric,
				operator: condition.operator,
				threshold: condition.threshold,
				value,
			});
		}
	}
	return { atRisk: reasons.length > 0, atRiskReasons: reasons };
}
