import { roundTo } from '../shared/numbers';
import { advocacyActivity } from './program';
import { LOYALTY_EARNING_RULES } from './loyalty';

/**
 * The referral programme (docs/sources.md#referral-program; seed 003 "Referral Program" `referral_program`, seed 004
 * "Referral Program", seed 002 §13.1 activity `referral`).
 *
 * Referrer, per converted referral (seed 003 `referrer_incentives`):
 * - immediate: 1 month of free service;
 * - ongoing: 10 % commission for 12 months, on the referred customer's MRR (seed 004 says "30% commission" without a
 *   period: the commission rate is a parameter, 10 by default, seed 003's, because only seed 003 says for how long);
 * - milestone: $500 for 5 referrals, paid with the 5th converted referral (once: the seed names no further steps);
 * - annual: $2,000 for 20+ referrals in a year, paid with the 20th converted referral of the year;
 * - points: 500 advocacy points (seed 002 §13.1 `referral`) and 100 loyalty points (seed 003 `referral_success`).
 * Referred customer (seed 003 `referred_incentives`): 20 % off the first year, 3 months of premium free, priority support.
 * A referral counts once the referred customer has completed the trial and pays (seed 002 §13.1 `referral` requirements).
 */

export const REFERRER_INCENTIVES = {
	immediateFreeMonths: 1,
	commissionPercent: 10,
	commissionMonths: 12,
	milestone: { referrals: 5, amount: 500 },
	annual: { referrals: 20, amount: 2000 },
	/** The seeds give the bonuses in dollars. */
	currency: 'USD',
} as const;

/** Seed 004's commission, offered as the alternative to seed 003's 10 %. */
export const SEED_004_COMMISSION_PERCENT = 30;

export const REFERRED_INCENTIVES = {
	firstYearDiscountPercent: 20,
	premiumFreeMonths: 3,
	prioritySupport: 'Expedited support queue',
} as const;

export const REFERRAL_ADVOCACY_POINTS = (advocacyActivity('referral') as { points: number }).points;
export const REFERRAL_LOYALTY_POINTS = (
	LOYALTY_EARNING_RULES.find((rule) => rule.id === 'referral_success') as { points: number }
).points;

export interface ReferralRewardInput {
	/** The referred customer's monthly recurring revenue; null when unknown (no commission computed). */
	referredMrr: number | null;
	/** The referrer's converted referrals in all, this one included; null when unknown. */
	referrerReferrals: number | null;
	/** The referrer's converted referrals this year, this one included; null when unknown. */
	referrerReferralsThisYear: number | null;
	commissionPercent?: number;
	commissionMonths?: number;
}

export interface Commission {
	percent: number;
	months: number;
	/** In the currency of the MRR, to 2 decimals. */
	monthlyAmount: number;
	totalAmount: number;
}

export interface Bonus {
	/** Whether this referral is the one that reaches the threshold; null when the count is unknown. */
	reached: boolean | null;
	referrals: number;
	amount: number;
	currency: string;
}

export interface ReferralReward {
	freeMonths: number;
	commission: Commission | null;
	milestoneBonus: Bonus;
	annualBonus: Bonus;
	/** Bonuses due for this referral, in `currency`. */
	bonusTotal: number;
	currency: string;
	advocacyPoints: number;
	loyaltyPoints: number;
	referredIncentives: typeof REFERRED_INCENTIVES;
}

function bonus(count: number | null, threshold: { referrals: number; amount: number }): Bonus {
	return {
		reached: count === null ? null : count === threshold.referrals,
		referrals: threshold.referrals,
		amount: threshold.amount,
		currency: REFERRER_INCENTIVES.currency,
	};
}

/** What the referrer earns for one converted referral (see the programme above). */
export function referralReward(input: ReferralRewardInput): ReferralReward {
	const percent = input.commissionPercent ?? REFERRER_INCENTIVES.commissionPercent;
	const months = input.commissionMonths ?? REFERRER_INCENTIVES.commissionMonths;
	const commission =
		input.referredMrr === null
			? null
			: {
					percent,
					months,
					monthlyAmount: roundTo((input.referredMrr * percent) / 100, 2),
					totalAmount: roundTo((input.referredMrr * percent * months) / 100, 2),
				};
	const milestoneBonus = bonus(input.referrerReferrals, REFERRER_INCENTIVES.milestone);
	const annualBonus = bonus(input.referrerReferralsThisYear, REFERRER_INCENTIVES.annual);
	return {
		freeMonths: REFERRER_INCENTIVES.immediateFreeMonths,
		commission,
		milestoneBonus,
		annualBonus,
		bonusTotal:
			(milestoneBonus.reached ? milestoneBonus.amount : 0) +
			(annualBonus.reached ? annualBonus.amount : 0),
		currency: REFERRER_INCENTIVES.currency,
		advocacyPoints: REFERRAL_ADVOCACY_POINTS,
		loyaltyPoints: REFERRAL_LOYALTY_POINTS,
		referredIncentives: REFERRED_INCENTIVES,
	};
}
