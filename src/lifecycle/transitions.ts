import {
	and,
	compare,
	continueSentence,
	equals,
	equalsAny,
	flag,
	joinSentences,
	type Check,
} from './conditions';
import type { LifecycleMetrics } from './metrics';
import type { LifecycleStage } from './stages';
import { AT_RISK_THRESHOLDS as AT_RISK } from '../signals/atRisk';

/** docs/sources.md#lifecycle-transitions LifecycleManager.determineNextStage and isAtRisk, explained. */

export interface Rule {
	/** "at-risk check" for the four checks of isAtRisk, else "<from> -> <to>". */
	rule: string;
	/** The seed's expression, e.g. "healthScore < 40". */
	condition: string;
	check: Check;
}

/** A rule that was reached but whose outcome is unknown because an input is missing. */
export interface NotEvaluated {
	rule: string;
	condition: string;
	/** The fields that were looked for (a derived days_* field is listed with its date). */
	missing: string[];
}

export interface StageDecision {
	stage: LifecycleStage;
	reason: string;
	notEvaluated: NotEvaluated[];
}

export const AT_RISK_RULE = 'at-risk check';

// "cancelled" is the seed's spelling; Stripe and most billing systems write "canceled".
const CANCELLED = ['cancelled', 'canceled'];

const healthScore = (m: LifecycleMetrics, op: '<' | '>=', threshold: number) =>
	compare('Health score', m.healthScore, op, threshold);
const subscriptionActive = (m: LifecycleMetrics) =>
	equals('Subscription status', m.subscriptionStatus, 'active');
const subscriptionCancelled = (m: LifecycleMetrics) =>
	equalsAny('Subscription status', m.subscriptionStatus, CANCELLED);

// docs/sources.md#at-risk-check isAtRisk: healthScore < 40 || daysWithoutLogin > 14 || supportTicketsSeverityHigh > 2 || npsScore <= 6
export function atRiskRules(m: LifecycleMetrics): Rule[] {
	return [
		{
			condition: `healthScore < ${AT_RISK.healthScoreBelow}`,
			check: healthScore(m, '<', AT_RISK.healthScoreBelow),
		},
		{
			condition: `daysWithoutLogin > ${AT_RISK.daysSinceLastLoginAbove}`,
			check: compare(
				'Days since last login',
				m.daysWithoutLogin,
				'>',
				AT_RISK.daysSinceLastLoginAbove,
			),
		},
		{
			condition: `supportTicketsSeverityHigh > ${AT_RISK.highSeverityTicketsAbove}`,
			check: compare(
				'High-severity tickets',
				m.supportTicketsSeverityHigh,
				'>',
				AT_RISK.highSeverityTicketsAbove,
			),
		},
		{
			condition: `npsScore <= ${AT_RISK.npsScoreAtMost}`,
			check: compare('NPS score', m.npsScore, '<=', AT_RISK.npsScoreAtMost),
		},
	].map((rule) => ({ rule: AT_RISK_RULE, ...rule }));
}

/** Whether any of the four at-risk conditions holds (a missing input never makes one hold). */
export function isAtRisk(m: LifecycleMetrics): boolean {
	return atRiskRules(m).some((rule) => rule.check.holds === true);
}

interface StageRule {
	to: LifecycleStage;
	condition: string;
	check: (m: LifecycleMetrics) => Check;
}

// docs/sources.md#lifecycle-transitions determineNextStage, the switch on the current stage: rules in the seed's order, first true wins.
export const STAGE_RULES: Record<LifecycleStage, readonly StageRule[]> = {
	trial: [
		{ to: 'onboarding', condition: "subscriptionStatus === 'active'", check: subscriptionActive },
		{
			to: 'churned',
			condition: 'trialDaysRemaining <= 0',
			check: (m) => compare('Trial days remaining', m.trialDaysRemaining, '<=', 0),
		},
	],
	onboarding: [
		{
			to: 'adopting',
			condition: 'onboardingCompletion >= 80',
			check: (m) => compare('Onboarding completion', m.onboardingCompletion, '>=', 80, '%'),
		},
		{
			to: 'at_risk',
			condition: 'daysAsCustomer > 30 && onboardingCompletion < 50',
			check: (m) =>
				and(
					compare('Days as customer', m.daysAsCustomer, '>', 30),
					compare('Onboarding completion', m.onboardingCompletion, '<', 50, '%'),
				),
		},
	],
	adopting: [
		{
			to: 'growing',
			condition: 'healthScore >= 70 && daysAsCustomer > 90',
			check: (m) =>
				and(healthScore(m, '>=', 70), compare('Days as customer', m.daysAsCustomer, '>', 90)),
		},
	],
	growing: [
		{
			to: 'renewing',
			condition: 'daysUntilRenewal <= 60',
			check: (m) => compare('Days to renewal', m.daysUntilRenewal, '<=', 60),
		},
		{
			to: 'expanding',
			condition: 'expansionOpportunity',
			check: (m) =>
				flag(
					'Expansion opportunity',
					'Expansion opportunity identified',
					'No expansion opportunity',
					m.expansionOpportunity,
				),
		},
		{
			to: 'advocating',
			condition: 'npsScore >= 9 && healthScore >= 80',
			check: (m) => and(compare('NPS score', m.npsScore, '>=', 9), healthScore(m, '>=', 80)),
		},
	],
	renewing: [
		{
			to: 'growing',
			condition: "renewalStatus === 'completed'",
			check: (m) => equals('Renewal status', m.renewalStatus, 'completed'),
		},
		{
			to: 'churned',
			condition: "subscriptionStatus === 'cancelled'",
			check: subscriptionCancelled,
		},
	],
	expanding: [
		{
			to: 'growing',
			condition: 'expansionClosed',
			check: (m) =>
				flag('Expansion closed', 'Expansion closed', 'Expansion not closed', m.expansionClosed),
		},
	],
	// The seed's switch has no case for advocating: only the at-risk check moves an advocate.
	advocating: [],
	at_risk: [
		{ to: 'growing', condition: 'healthScore >= 60', check: (m) => healthScore(m, '>=', 60) },
		{
			to: 'churned',
			condition: "subscriptionStatus === 'cancelled'",
			check: subscriptionCancelled,
		},
	],
	churned: [
		{ to: 'onboarding', condition: "subscriptionStatus === 'active'", check: subscriptionActive },
	],
};

function unknown(rule: Rule): NotEvaluated[] {
	return rule.check.holds === null
		? [{ rule: rule.rule, condition: rule.condition, missing: rule.check.missing }]
		: [];
}

/**
 * docs/sources.md#lifecycle-transitions determineNextStage. First the at-risk check, from any stage but churned: if any of its four
 * conditions holds the stage is at_risk, even for a customer already at_risk whose health score has recovered
 * to 60 or more (the seed checks at-risk before the exits of at_risk). Then the current stage's rules in order;
 * when none holds the stage stays. Every at-risk condition is evaluated (to explain all that hold); stage rules
 * after the one that fires are not reached and not reported.
 */
export function determineNextStage(
	currentStage: LifecycleStage,
	m: LifecycleMetrics,
): StageDecision {
	const notEvaluated: NotEvaluated[] = [];

	if (currentStage !== 'churned') {
		const risks = atRiskRules(m);
		notEvaluated.push(...risks.flatMap(unknown));
		const held = risks.filter((rule) => rule.check.holds === true).map((rule) => rule.check.text);
		if (held.length) {
			const reason =
				currentStage === 'at_risk'
					? `Still at risk: ${held.map(continueSentence).join('; ')} (at-risk check, runs before the exits of at_risk)`
					: `${joinSentences(held, '; ')} (at-risk check)`;
			return { stage: 'at_risk', reason, notEvaluated };
		}
	}

	const failed: string[] = [];
	for (const stageRule of STAGE_RULES[currentStage]) {
		const rule: Rule = {
			rule: `${currentStage} -> ${stageRule.to}`,
			condition: stageRule.condition,
			check: stageRule.check(m),
		};
		notEvaluated.push(...unknown(rule));
		if (rule.check.holds === true)
			return { stage: stageRule.to, reason: rule.check.text, notEvaluated };
		failed.push(rule.check.text);
	}
	// Two rules on the same missing input read the same: say it once.
	const why = failed.length
		? [...new Set(failed.map(continueSentence))].join('; ')
		: `the stage rules have no rule out of ${currentStage} other than the at-risk check, which did not hold`;
	return {
		stage: currentStage,
		reason: `No transition from ${currentStage}: ${why}`,
		notEvaluated,
	};
}
