import { ENGAGEMENT_LEVELS } from '../engagement/model';

/**
 * The loyalty programme of the SaaS retention strategy (docs/sources.md#loyalty-tiers, #loyalty-points; seed 003
 * "3-Tier Loyalty System" `loyalty_tiers` and "Sistema de Puntos Simplificado" `points_system`), as data and rules.
 *
 * Tiers, requirements as the seed states them:
 * - bronze: "3+ months active";
 * - silver: "6+ months + 80% feature adoption";
 * - gold: "12+ months + high engagement".
 * The seed does not nest them (gold does not restate silver's adoption); a customer gets the highest tier whose own
 * requirements hold, so 12 months with high engagement and 50 % adoption is gold. "High engagement" is the engagement
 * score's high level, 70 or more (seed 002 §6, docs/sources.md#engagement-score).
 */

export type LoyaltyTierId = 'bronze' | 'silver' | 'gold';

export interface LoyaltyTierDefinition {
	id: LoyaltyTierId;
	name: string;
	/** The requirement as the seed words it. */
	requirements: string;
	minMonthsActive: number;
	/** Share of features adopted, 0-1; null when the tier does not ask for it. */
	minFeatureAdoption: number | null;
	/** Engagement score (0-100) from which engagement is high; null when the tier does not ask for it. */
	minEngagementScore: number | null;
	benefits: readonly string[];
	/** The seed's expected retention impact, in percent. */
	retentionImpactPercent: number;
}

// Seed 003 loyalty_tiers, lowest first.
export const LOYALTY_TIERS: readonly LoyaltyTierDefinition[] = [
	{
		id: 'bronze',
		name: 'Bronze',
		requirements: '3+ months active',
		minMonthsActive: 3,
		minFeatureAdoption: null,
		minEngagementScore: null,
		benefits: ['Priority email support', 'Monthly feature updates', '10% discount on add-ons'],
		retentionImpactPercent: 15,
	},
	{
		id: 'silver',
		name: 'Silver',
		requirements: '6+ months + 80% feature adoption',
		minMonthsActive: 6,
		minFeatureAdoption: 0.8,
		minEngagementScore: null,
		benefits: [
			'Phone support',
			'Quarterly business reviews',
			'Beta feature access',
			'20% discount on upgrades',
		],
		retentionImpactPercent: 25,
	},
	{
		id: 'gold',
		name: 'Gold',
		requirements: '12+ months + high engagement',
		minMonthsActive: 12,
		minFeatureAdoption: null,
		minEngagementScore: ENGAGEMENT_LEVELS.high,
		benefits: [
			'Dedicated success manager',
			'Custom integrations',
			'30% discount on all services',
			'Co-marketing opportunities',
		],
		retentionImpactPercent: 40,
	},
];

export const LOYALTY_TIER_IDS: readonly LoyaltyTierId[] = LOYALTY_TIERS.map((tier) => tier.id);

/** What a tier decision is made from; null where the record does not say. */
export interface LoyaltyFacts {
	monthsActive: number | null;
	/** 0-1. */
	featureAdoption: number | null;
	/** 0-100. */
	engagementScore: number | null;
}

export interface RequirementCheck {
	requirement: 'months_active' | 'feature_adoption' | 'high_engagement';
	/** True or false; null when the fact it needs is missing. */
	met: boolean | null;
	value: number | null;
	threshold: number;
}

export interface TierCheck {
	tier: LoyaltyTierId;
	/** True when every requirement holds, false when one fails, null when none fails but one is unknown. */
	met: boolean | null;
	requirements: RequirementCheck[];
}

function check(
	requirement: RequirementCheck['requirement'],
	value: number | null,
	threshold: number,
): RequirementCheck {
	return { requirement, met: value === null ? null : value >= threshold, value, threshold };
}

/** Each tier's requirements against the facts (edges inclusive: 3 months is bronze, 0.8 adoption is 80 %). */
export function checkLoyaltyTiers(facts: LoyaltyFacts): TierCheck[] {
	return LOYALTY_TIERS.map((tier) => {
		const requirements = [check('months_active', facts.monthsActive, tier.minMonthsActive)];
		if (tier.minFeatureAdoption !== null)
			requirements.push(check('feature_adoption', facts.featureAdoption, tier.minFeatureAdoption));
		if (tier.minEngagementScore !== null)
			requirements.push(check('high_engagement', facts.engagementScore, tier.minEngagementScore));
		const met = requirements.some((r) => r.met === false)
			? false
			: requirements.some((r) => r.met === null)
				? null
				: true;
		return { tier: tier.id, met, requirements };
	});
}

/** The highest tier whose requirements are known to hold, or null (below 3 months, or nothing known). */
export function loyaltyTierFor(facts: LoyaltyFacts): LoyaltyTierDefinition | null {
	const checks = checkLoyaltyTiers(facts);
	for (let index = LOYALTY_TIERS.length - 1; index >= 0; index--) {
		if (checks[index].met === true) return LOYALTY_TIERS[index];
	}
	return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Points (seed 003 points_system)

export type LoyaltyEarningId =
	| 'monthly_usage'
	| 'feature_adoption'
	| 'referral_success'
	| 'feedback_submission';

export interface LoyaltyEarningRule {
	id: LoyaltyEarningId;
	/** As the seed words it. */
	rule: string;
	points: number;
	/** What one unit is. */
	per: 'month' | 'feature' | 'referral' | 'review';
	/** The record field holding the count. */
	field: string;
}

// Seed 003 points_system.earning_opportunities.
export const LOYALTY_EARNING_RULES: readonly LoyaltyEarningRule[] = [
	{
		id: 'monthly_usage',
		rule: '10 points/month',
		points: 10,
		per: 'month',
		field: 'months_active',
	},
	{
		id: 'feature_adoption',
		rule: '5 points/feature',
		points: 5,
		per: 'feature',
		field: 'features_adopted',
	},
	{
		id: 'referral_success',
		rule: '100 points/referral',
		points: 100,
		per: 'referral',
		field: 'successful_referrals',
	},
	{
		id: 'feedback_submission',
		rule: '25 points/review',
		points: 25,
		per: 'review',
		field: 'feedback_submissions',
	},
];

export type LoyaltyRedemptionId = 'service_credits' | 'feature_upgrades' | 'training_courses';

export interface LoyaltyRedemptionOption {
	id: LoyaltyRedemptionId;
	name: string;
	/** As the seed words it. */
	rule: string;
	pointsCost: number;
	/** What one redemption gives. */
	value:
		| { kind: 'credit'; amount: number; currency: 'USD' }
		| { kind: 'upgrade'; months: number }
		| { kind: 'course' };
}

// Seed 003 points_system.redemption_options.
export const LOYALTY_REDEMPTION_OPTIONS: readonly LoyaltyRedemptionOption[] = [
	{
		id: 'service_credits',
		name: '$10 service credit',
		rule: '100 points = $10 credit',
		pointsCost: 100,
		value: { kind: 'credit', amount: 10, currency: 'USD' },
	},
	{
		id: 'feature_upgrades',
		name: 'One-month feature upgrade',
		rule: '500 points = 1 month upgrade',
		pointsCost: 500,
		value: { kind: 'upgrade', months: 1 },
	},
	{
		id: 'training_courses',
		name: 'Premium training course',
		rule: '300 points = premium course',
		pointsCost: 300,
		value: { kind: 'course' },
	},
];

export const LOYALTY_REDEMPTION_IDS = LOYALTY_REDEMPTION_OPTIONS.map((option) => option.id);

export function loyaltyRedemptionOption(id: string): LoyaltyRedemptionOption | undefined {
	return LOYALTY_REDEMPTION_OPTIONS.find((option) => option.id === id);
}

export interface EarnedLine {
	id: LoyaltyEarningId;
	rule: string;
	field: string;
	/** The count read; null when the record does not give it (it then earns nothing). */
	count: number | null;
	points: number;
}

/** Points earned by each rule from the counts (a missing count earns 0 and is shown as null). */
export function loyaltyPointsEarned(counts: Readonly<Record<LoyaltyEarningId, number | null>>): {
	total: number;
	lines: EarnedLine[];
} {
	const lines = LOYALTY_EARNING_RULES.map((rule) => {
		const count = counts[rule.id];
		return {
			id: rule.id,
			rule: rule.rule,
			field: rule.field,
			count,
			points: count === null ? 0 : count * rule.points,
		};
	});
	return { total: lines.reduce((sum, line) => sum + line.points, 0), lines };
}

/** The redemption options a balance can pay for, in the seed's order. */
export function affordableLoyaltyOptions(balance: number): LoyaltyRedemptionOption[] {
	return LOYALTY_REDEMPTION_OPTIONS.filter((option) => option.pointsCost <= balance);
}
