import { CustomerInputError } from '../customer/errors';

/**
 * The advocacy programme as data (docs/sources.md#advocacy-program, seed 002 §13.1 `ADVOCACY_PROGRAM`): the activities
 * a customer earns points with, the rewards points buy, and the tiers Fan / Champion / Ambassador. Ids, points, costs,
 * types and thresholds are the seed's; names, descriptions, requirements and benefits are the seed's Spanish in English.
 */

export type AdvocacyActivityType = 'referral' | 'review' | 'case_study' | 'speaking' | 'content';
export type AdvocacyRewardType = 'credit' | 'swag' | 'feature' | 'event';

export interface AdvocacyActivity {
	id: string;
	name: string;
	description: string;
	points: number;
	type: AdvocacyActivityType;
	requirements: readonly string[];
}

export interface AdvocacyReward {
	id: string;
	name: string;
	description: string;
	pointsCost: number;
	type: AdvocacyRewardType;
}

export type AdvocacyTierId = 'fan' | 'champion' | 'ambassador';

export interface AdvocacyTier {
	id: AdvocacyTierId;
	name: string;
	minPoints: number;
	benefits: readonly string[];
}

// Seed 002 §13.1 ADVOCACY_PROGRAM.activities, in the seed's order.
export const ADVOCACY_ACTIVITIES: readonly AdvocacyActivity[] = [
	{
		id: 'referral',
		name: 'Refer a customer',
		description: 'Refer a new customer who becomes a subscriber',
		points: 500,
		type: 'referral',
		requirements: ['The referred customer completes the trial', 'Converts to a paid plan'],
	},
	{
		id: 'g2_review',
		name: 'Write a G2 review',
		description: 'Leave an honest review on G2',
		points: 100,
		type: 'review',
		requirements: ['Verified review', 'At least 100 words'],
	},
	{
		id: 'case_study',
		name: 'Take part in a case study',
		description: 'Share your success story',
		points: 300,
		type: 'case_study',
		requirements: ['30-minute interview', 'Approval to publish'],
	},
	{
		id: 'webinar',
		name: 'Speak at a webinar',
		description: 'Share your experience in a webinar',
		points: 400,
		type: 'speaking',
		requirements: ['20-minute presentation', 'Q&A'],
	},
	{
		id: 'testimonial',
		name: 'Give a testimonial',
		description: 'Provide a testimonial for our website',
		points: 150,
		type: 'content',
		requirements: ['Quote and photo', 'Permission to publish'],
	},
];

// Seed 002 §13.1 ADVOCACY_PROGRAM.rewards, in the seed's order.
export const ADVOCACY_REWARDS: readonly AdvocacyReward[] = [
	{
		id: 'credit_100',
		name: '€100 credit',
		description: 'Credit on your next invoice',
		pointsCost: 200,
		type: 'credit',
	},
	{
		id: 'swag_pack',
		name: 'Merchandise pack',
		description: 'T-shirt, mug and stickers',
		pointsCost: 150,
		type: 'swag',
	},
	{
		id: 'early_access',
		name: 'Early access to features',
		description: 'Try new features before anyone else',
		pointsCost: 300,
		type: 'feature',
	},
	{
		id: 'event_vip',
		name: 'VIP event ticket',
		description: 'VIP access to our annual event',
		pointsCost: 500,
		type: 'event',
	},
];

// Seed 002 §13.1 ADVOCACY_PROGRAM.tiers, lowest first: Fan 0, Champion 300, Ambassador 800.
export const ADVOCACY_TIERS: readonly AdvocacyTier[] = [
	{
		id: 'fan',
		name: 'Fan',
		minPoints: 0,
		benefits: ['Exclusive newsletter', 'Profile badge'],
	},
	{
		id: 'champion',
		name: 'Champion',
		minPoints: 300,
		benefits: ['Everything in Fan', 'Private community access', 'Priority support'],
	},
	{
		id: 'ambassador',
		name: 'Ambassador',
		minPoints: 800,
		benefits: ['Everything in Champion', 'Monthly call with the product team', 'Co-marketing'],
	},
];

export const ADVOCACY_ACTIVITY_IDS = ADVOCACY_ACTIVITIES.map((activity) => activity.id);
export const ADVOCACY_REWARD_IDS = ADVOCACY_REWARDS.map((reward) => reward.id);
export const ADVOCACY_TIER_IDS: readonly AdvocacyTierId[] = ADVOCACY_TIERS.map((tier) => tier.id);

export function advocacyActivity(id: string): AdvocacyActivity | undefined {
	return ADVOCACY_ACTIVITIES.find((activity) => activity.id === id);
}

export function advocacyReward(id: string): AdvocacyReward | undefined {
	return ADVOCACY_REWARDS.find((reward) => reward.id === id);
}

function assertPoints(points: number, field: string): void {
	if (!Number.isInteger(points) || points < 0) {
		throw new CustomerInputError(
			`${field}: must be a whole number of 0 or more (got ${points})`,
			field,
		);
	}
}

/**
 * The tier of a points total (seed 002 §13 `calculateTier`: the highest tier whose minimum the points reach; edges
 * inclusive): 0-299 Fan, 300-799 Champion, 800 and more Ambassador.
 */
export function advocacyTierFor(points: number, field = 'advocacy_points'): AdvocacyTier {
	assertPoints(points, field);
	for (let index = ADVOCACY_TIERS.length - 1; index > 0; index--) {
		if (points >= ADVOCACY_TIERS[index].minPoints) return ADVOCACY_TIERS[index];
	}
	return ADVOCACY_TIERS[0];
}

export interface NextTier {
	tier: AdvocacyTierId;
	name: string;
	minPoints: number;
	/** Points still to earn to reach it. */
	pointsNeeded: number;
}

/** The tier above the one `points` is in, and how far it is; null at Ambassador. */
export function nextAdvocacyTier(points: number, field = 'advocacy_points'): NextTier | null {
	assertPoints(points, field);
	const next = ADVOCACY_TIERS.find((tier) => tier.minPoints > points);
	return next
		? {
				tier: next.id,
				name: next.name,
				minPoints: next.minPoints,
				pointsNeeded: next.minPoints - points,
			}
		: null;
}

/** Points of a list of completed activities (seed 002 §13 trackActivity adds each activity's points). */
export function pointsForActivities(activityIds: readonly string[]): number {
	let total = 0;
	for (const id of activityIds) {
		const activity = advocacyActivity(id);
		if (!activity) throw new Error(`Unknown advocacy activity "${id}"`);
		total += activity.points;
	}
	return total;
}

/** The rewards a balance can pay for, in the programme's order (ours: the seed lists rewards, never filters them). */
export function affordableAdvocacyRewards(balance: number): AdvocacyReward[] {
	assertPoints(balance, 'balance');
	return ADVOCACY_REWARDS.filter((reward) => reward.pointsCost <= balance);
}
