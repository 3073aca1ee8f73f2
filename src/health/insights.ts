import { readNumberField } from '../customer/fields';
import { getPath } from '../shared/path';
import type { HealthModel } from './model';
import type { Grade, HealthAlert, HealthComponentResult, Trend } from './result';
import { gradeFor } from './thresholds';

/** Trend, risk factors, opportunities and alerts: docs/sources.md#health-scoring (determineTrend, identifyRiskFactors, …). */

export const TREND_THRESHOLD = 5;
export const SCORE_DROP_ALERT = 15;
export const LOW_COMPONENT_SCORE = 40;

/** docs/sources.md#health-trend determineTrend: more than +5 improving, less than -5 declining; null without a previous score. */
export function trendFor(score: number, previousScore: number | null): Trend | null {
	if (previousScore === null) return null;
	const diff = score - previousScore;
	if (diff > TREND_THRESHOLD) return 'improving';
	if (diff < -TREND_THRESHOLD) return 'declining';
	return 'stable';
}

const AT_RISK_GRADES: Grade[] = ['D', 'F'];

/** docs/sources.md#health-alerts checkAlerts: a drop of more than 15 points; entering grade D or F. */
export function healthAlerts(
	score: number,
	grade: Grade,
	previousScore: number | null,
	grades: HealthModel['grades'],
): HealthAlert[] {
	const alerts: HealthAlert[] = [];
	if (previousScore !== null && score < previousScore - SCORE_DROP_ALERT) {
		alerts.push({
			type: 'health_score_drop',
			severity: 'high',
			message: `Health score dropped from ${previousScore} to ${score}`,
		});
	}
	const previousGrade = previousScore === null ? null : gradeFor(previousScore, grades);
	if (
		AT_RISK_GRADES.includes(grade) &&
		(previousGrade === null || !AT_RISK_GRADES.includes(previousGrade))
	) {
		alerts.push({
			type: 'customer_at_risk',
			severity: 'critical',
			message: `Customer is now at-risk with grade ${grade}`,
		});
	}
	return alerts;
}

/** The field through its rule (a value outside it fails the item); undefined when absent or left out. */
function numberAt(source: Record<string, unknown>, field: string): number | undefined {
	const value = readNumberField(getPath(source, field), field);
	return typeof value === 'number' ? value : undefined;
}

/** docs/sources.md#health-risks-and-opportunities identifyRiskFactors (component trends need per-component history, which a record does not carry). */
export function riskFactorsFor(
	components: HealthComponentResult[],
	source: Record<string, unknown>,
): string[] {
	const risks: string[] = [];
	for (const component of components) {
		if (component.score !== null && component.score < LOW_COMPONENT_SCORE) {
			risks.push(`Low ${component.name} score (${component.score})`);
		}
	}
	const daysSinceLogin = numberAt(source, 'days_since_last_login');
	if (daysSinceLogin !== undefined && daysSinceLogin > 7)
		risks.push(`No login in ${daysSinceLogin} days`);
	const openTickets = numberAt(source, 'open_tickets');
	if (openTickets !== undefined && openTickets > 3)
		risks.push(`${openTickets} open support tickets`);
	const nps = numberAt(source, 'nps_score');
	if (nps !== undefined && nps <= 6) risks.push(`NPS detractor (score: ${nps})`);
	return risks;
}

/** docs/sources.md#health-risks-and-opportunities identifyOpportunities; a rule whose field is absent does not fire. */
export function opportunitiesFor(source: Record<string, unknown>): string[] {
	const opportunities: string[] = [];
	const adoption = numberAt(source, 'feature_adoption');
	if (adoption !== undefined && adoption < 0.5)
		opportunities.push('Feature adoption training opportunity');
	const nps = numberAt(source, 'nps_score');
	if (nps !== undefined && nps >= 9) opportunities.push('Advocacy candidate');
	const growth = numberAt(source, 'growth_potential');
	if (growth !== undefined && growth > 0.7) opportunities.push('Expansion opportunity');
	const usage = numberAt(source, 'usage_vs_limit');
	if (usage !== undefined && usage > 0.8)
		opportunities.push('Upgrade opportunity (approaching limits)');
	return opportunities;
}
