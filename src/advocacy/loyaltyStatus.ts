import { DateTime } from 'luxon';

import { customerTimeZone } from '../customer/derive';
import { numberRuleFor, PAST_DATE_RULE, type NumberRule } from '../customer/fieldRules';
import { isAbsentValue, readDateField } from '../customer/fields';
import { locateCustomerRecord } from '../customer/locate';
import { referenceMillis } from '../shared/dates';
import { getPath } from '../shared/path';
import {
	COUNT_RULE,
	FEATURE_ADOPTION_RULE,
	LOYALTY_FIELDS,
	MONTHS_RULE,
	POINTS_RULE,
	readEngagementScore,
	readNumber,
} from './fields';
import {
	affordableLoyaltyOptions,
	checkLoyaltyTiers,
	LOYALTY_TIERS,
	loyaltyPointsEarned,
	loyaltyTierFor,
	type EarnedLine,
	type LoyaltyTierId,
	type TierCheck,
} from './loyalty';
import { pointsBalance } from './redeem';

/**
 * Loyalty Tier: one customer's seed 003 loyalty tier and points (docs/sources.md#loyalty-tiers, #loyalty-points).
 *
 * Months active: `months_active` when the record gives it; else the whole calendar months since `signup_date` in the
 * customer's time zone, as luxon counts them (a month from 31 January ends on 28 or 29 February, so 31 January to 30
 * April is 3 months); else `days_since_signup` divided by 30, rounded down (ours: the seed does not say how a month
 * is counted).
 * Feature adoption: `feature_adoption`, 0-1. Engagement: the `engagement.score` an Engagement Score node wrote at the
 * item's top level, else `engagement_score`; high from 70.
 * Points: `loyalty_points` when a ledger keeps them, else the earning rules over months_active (the months above),
 * features_adopted, successful_referrals and feedback_submissions. Points spent: `loyalty_points_redeemed`.
 */

export interface LoyaltyConfig {
	customerPath?: string;
	reference: DateTime;
	defaultTimeZone: string;
}

export interface LoyaltyPoints {
	earned: number;
	/** loyalty_points, or earning_rules. */
	earnedFrom: string;
	/** The earning rules line by line; null when loyalty_points gave the total. */
	lines: EarnedLine[] | null;
	redeemed: number;
	balance: number;
}

export interface LoyaltyResult {
	tier: LoyaltyTierId | 'none';
	tierName: string | null;
	requirements: string | null;
	benefits: string[];
	retentionImpactPercent: number | null;
	/** The next tier up and what it asks; null at gold. */
	nextTier: { tier: LoyaltyTierId; requirements: string } | null;
	checks: TierCheck[];
	facts: {
		monthsActive: number | null;
		monthsActiveFrom: string | null;
		featureAdoption: number | null;
		engagementScore: number | null;
		engagementFrom: string | null;
	};
	points: LoyaltyPoints;
	redemptionOptions: Array<{ id: string; name: string; pointsCost: number }>;
}

const DAYS_SINCE_SIGNUP_RULE = numberRuleFor('days_since_signup') as NumberRule;
const DAYS_PER_MONTH = 30;

interface Months {
	months: number | null;
	from: string | null;
}

function readMonthsActive(
	record: Record<string, unknown>,
	zone: string,
	reference: DateTime,
): Months {
	const given = readNumber(record, LOYALTY_FIELDS.monthsActive, MONTHS_RULE);
	if (given !== null) return { months: given, from: LOYALTY_FIELDS.monthsActive };
	const rawSignup = getPath(record, 'signup_date');
	if (!isAbsentValue(rawSignup)) {
		const referenceMs = referenceMillis(reference);
		const signupMs = readDateField(
			rawSignup,
			'signup_date',
			zone,
			referenceMs,
			PAST_DATE_RULE,
		) as number;
		const months = DateTime.fromMillis(referenceMs, { zone }).diff(
			DateTime.fromMillis(signupMs, { zone }),
			'months',
		).months;
		// A signup up to a day after the reference time (clock skew) is 0 months, never negative.
		return { months: Math.max(0, Math.floor(months)), from: 'signup_date' };
	}
	const days = readNumber(record, 'days_since_signup', DAYS_SINCE_SIGNUP_RULE);
	if (days !== null)
		return { months: Math.floor(days / DAYS_PER_MONTH), from: 'days_since_signup' };
	return { months: null, from: null };
}

export function readLoyaltyPoints(
	record: Record<string, unknown>,
	monthsActive: number | null,
): LoyaltyPoints {
	const ledger = readNumber(record, LOYALTY_FIELDS.points, POINTS_RULE);
	let earned: number;
	let earnedFrom: string;
	let lines: EarnedLine[] | null = null;
	if (ledger !== null) {
		earned = ledger;
		earnedFrom = LOYALTY_FIELDS.points;
	} else {
		const computed = loyaltyPointsEarned({
			monthly_usage: monthsActive,
			feature_adoption: readNumber(record, LOYALTY_FIELDS.featuresAdopted, COUNT_RULE),
			referral_success: readNumber(record, LOYALTY_FIELDS.successfulReferrals, COUNT_RULE),
			feedback_submission: readNumber(record, LOYALTY_FIELDS.feedbackSubmissions, COUNT_RULE),
		});
		earned = computed.total;
		earnedFrom = 'earning_rules';
		lines = computed.lines;
	}
	const redeemed = readNumber(record, LOYALTY_FIELDS.redeemed, POINTS_RULE) ?? 0;
	const balance = pointsBalance({
		earned,
		redeemed,
		earnedFrom,
		redeemedField: LOYALTY_FIELDS.redeemed,
	});
	return { earned, earnedFrom, lines, redeemed, balance };
}

/** The record's loyalty facts, points included (also what Redeem Reward reads for the loyalty programme). */
export function readLoyalty(
	item: Record<string, unknown>,
	config: LoyaltyConfig,
): { facts: LoyaltyResult['facts']; points: LoyaltyPoints } {
	const record = locateCustomerRecord(item, config.customerPath);
	const zone = customerTimeZone(record, config.defaultTimeZone);
	const months = readMonthsActive(record, zone, config.reference);
	const engagement = readEngagementScore(item, record);
	const facts = {
		monthsActive: months.months,
		monthsActiveFrom: months.from,
		featureAdoption: readNumber(record, 'feature_adoption', FEATURE_ADOPTION_RULE),
		engagementScore: engagement?.value ?? null,
		engagementFrom: engagement?.field ?? null,
	};
	return { facts, points: readLoyaltyPoints(record, months.months) };
}

export function evaluateLoyalty(
	item: Record<string, unknown>,
	config: LoyaltyConfig,
): LoyaltyResult {
	const { facts, points } = readLoyalty(item, config);
	const tierFacts = {
		monthsActive: facts.monthsActive,
		featureAdoption: facts.featureAdoption,
		engagementScore: facts.engagementScore,
	};
	const tier = loyaltyTierFor(tierFacts);
	const index = tier === null ? -1 : LOYALTY_TIERS.indexOf(tier);
	const next = LOYALTY_TIERS[index + 1];
	return {
		tier: tier?.id ?? 'none',
		tierName: tier?.name ?? null,
		requirements: tier?.requirements ?? null,
		benefits: tier ? [...tier.benefits] : [],
		retentionImpactPercent: tier?.retentionImpactPercent ?? null,
		nextTier: next ? { tier: next.id, requirements: next.requirements } : null,
		checks: checkLoyaltyTiers(tierFacts),
		facts,
		points,
		redemptionOptions: affordableLoyaltyOptions(points.balance).map((option) => ({
			id: option.id,
			name: option.name,
			pointsCost: option.pointsCost,
		})),
	};
}
