import { DateTime } from 'luxon';

import {
	checkLoyaltyTiers,
	evaluateLoyalty,
	LOYALTY_EARNING_RULES,
	LOYALTY_REDEMPTION_OPTIONS,
	LOYALTY_TIERS,
	loyaltyTierFor,
	redeemReward,
} from '../../../src/advocacy';

const reference = DateTime.fromISO('2026-04-30T12:00:00Z', { zone: 'UTC' });
const config = { reference, defaultTimeZone: 'UTC' };
const facts = (
	monthsActive: number | null,
	featureAdoption: number | null,
	engagementScore: number | null,
) => ({
	monthsActive,
	featureAdoption,
	engagementScore,
});

describe('loyalty programme data (docs/sources.md#loyalty-tiers, #loyalty-points, seed 003)', () => {
	it('tiers, requirements and benefits as the seed states them', () => {
		expect(
			LOYALTY_TIERS.map((t) => [
				t.id,
				t.requirements,
				t.minMonthsActive,
				t.minFeatureAdoption,
				t.minEngagementScore,
				t.benefits,
				t.retentionImpactPercent,
			]),
		).toEqual([
			[
				'bronze',
				'3+ months active',
				3,
				null,
				null,
				['Priority email support', 'Monthly feature updates', '10% discount on add-ons'],
				15,
			],
			[
				'silver',
				'6+ months + 80% feature adoption',
				6,
				0.8,
				null,
				[
					'Phone support',
					'Quarterly business reviews',
					'Beta feature access',
					'20% discount on upgrades',
				],
				25,
			],
			[
				'gold',
				'12+ months + high engagement',
				12,
				null,
				70,
				[
					'Dedicated success manager',
					'Custom integrations',
					'30% discount on all services',
					'Co-marketing opportunities',
				],
				40,
			],
		]);
		expect(LOYALTY_EARNING_RULES.map((r) => [r.id, r.points, r.field])).toEqual([
			['monthly_usage', 10, 'months_active'],
			['feature_adoption', 5, 'features_adopted'],
			['referral_success', 100, 'successful_referrals'],
			['feedback_submission', 25, 'feedback_submissions'],
		]);
		expect(LOYALTY_REDEMPTION_OPTIONS.map((o) => [o.id, o.pointsCost, o.value])).toEqual([
			['service_credits', 100, { kind: 'credit', amount: 10, currency: 'USD' }],
			['feature_upgrades', 500, { kind: 'upgrade', months: 1 }],
			['training_courses', 300, { kind: 'course' }],
		]);
	});
});

describe('loyalty tier at every edge', () => {
	it.each([
		[facts(0, 1, 100), null],
		[facts(2, 1, 100), null],
		[facts(3, null, null), 'bronze'],
		[facts(5, 1, 100), 'bronze'],
		[facts(6, 0.79, null), 'bronze'],
		[facts(6, 0.8, null), 'silver'],
		[facts(11, 0.8, 100), 'silver'],
		[facts(12, 0.8, 69.9), 'silver'],
		[facts(12, 0.5, 69.9), 'bronze'],
		[facts(12, null, 70), 'gold'],
		// Not nested, as the seed writes them: gold asks for engagement, not adoption.
		[facts(12, 0.1, 70), 'gold'],
		[facts(null, 1, 100), null],
	])('%p -> %p', (given, tier) => {
		expect(loyaltyTierFor(given)?.id ?? null).toBe(tier);
	});

	it('says which requirement is unknown', () => {
		expect(checkLoyaltyTiers(facts(12, null, null))).toEqual([
			{
				tier: 'bronze',
				met: true,
				requirements: [{ requirement: 'months_active', met: true, value: 12, threshold: 3 }],
			},
			{
				tier: 'silver',
				met: null,
				requirements: [
					{ requirement: 'months_active', met: true, value: 12, threshold: 6 },
					{ requirement: 'feature_adoption', met: null, value: null, threshold: 0.8 },
				],
			},
			{
				tier: 'gold',
				met: null,
				requirements: [
					{ requirement: 'months_active', met: true, value: 12, threshold: 12 },
					{ requirement: 'high_engagement', met: null, value: null, threshold: 70 },
				],
			},
		]);
	});
});

describe('Loyalty Tier on a record', () => {
	it('months since signup_date (calendar months in the customer’s zone), points from the earning rules', () => {
		const result = evaluateLoyalty(
			{
				signup_date: '2025-10-30',
				feature_adoption: 0.8,
				features_adopted: 7,
				successful_referrals: 2,
				feedback_submissions: 1,
				loyalty_points_redeemed: 100,
			},
			config,
		);
		expect(result).toEqual({
			tier: 'silver',
			tierName: 'Silver',
			requirements: '6+ months + 80% feature adoption',
			benefits: [
				'Phone support',
				'Quarterly business reviews',
				'Beta feature access',
				'20% discount on upgrades',
			],
			retentionImpactPercent: 25,
			nextTier: { tier: 'gold', requirements: '12+ months + high engagement' },
			checks: expect.any(Array),
			facts: {
				monthsActive: 6,
				monthsActiveFrom: 'signup_date',
				featureAdoption: 0.8,
				engagementScore: null,
				engagementFrom: null,
			},
			points: {
				earned: 320,
				earnedFrom: 'earning_rules',
				lines: [
					{
						id: 'monthly_usage',
						rule: '10 points/month',
						field: 'months_active',
						count: 6,
						points: 60,
					},
					{
						id: 'feature_adoption',
						rule: '5 points/feature',
						field: 'features_adopted',
						count: 7,
						points: 35,
					},
					{
						id: 'referral_success',
						rule: '100 points/referral',
						field: 'successful_referrals',
						count: 2,
						points: 200,
					},
					{
						id: 'feedback_submission',
						rule: '25 points/review',
						field: 'feedback_submissions',
						count: 1,
						points: 25,
					},
				],
				redeemed: 100,
				balance: 220,
			},
			redemptionOptions: [{ id: 'service_credits', name: '$10 service credit', pointsCost: 100 }],
		});
	});

	it.each([
		// One day short of 6 calendar months in Madrid (local 30 April is not yet 1 May).
		[{ signup_date: '2025-11-01T00:00:00+01:00', timezone: 'Europe/Madrid' }, 5],
		// From the 31st, a month ends on the last day of a shorter month: 31 October to 30 April is 6 months.
		[{ signup_date: '2025-10-31T00:00:00+01:00', timezone: 'Europe/Madrid' }, 6],
		[{ signup_date: '2025-10-30', timezone: 'Europe/Madrid' }, 6],
		[{ signup_date: '2026-01-31' }, 3],
		[{ days_since_signup: 89 }, 2],
		[{ days_since_signup: 90 }, 3],
		[{ months_active: 12, signup_date: '2026-04-01' }, 12],
		[{ signup_date: '2026-05-01T06:00:00Z' }, 0],
	])('months active of %p: %i', (record, months) => {
		expect(evaluateLoyalty(record, config).facts.monthsActive).toBe(months);
	});

	it('gold with the engagement.score an Engagement Score node wrote; loyalty_points as the ledger', () => {
		const result = evaluateLoyalty(
			{ months_active: 12, engagement: { score: 70 }, engagement_score: 10, loyalty_points: 900 },
			config,
		);
		expect([
			result.tier,
			result.facts.engagementFrom,
			result.points.earned,
			result.points.lines,
		]).toEqual(['gold', 'engagement.score', 900, null]);
		expect(result.nextTier).toBeNull();
		expect(result.redemptionOptions.map((o) => o.id)).toEqual([
			'service_credits',
			'feature_upgrades',
			'training_courses',
		]);
	});

	it('no tier below 3 months, and none when nothing is known', () => {
		expect(evaluateLoyalty({ months_active: 2 }, config)).toMatchObject({
			tier: 'none',
			tierName: null,
			benefits: [],
			nextTier: { tier: 'bronze', requirements: '3+ months active' },
			points: { earned: 20, balance: 20 },
		});
		expect(evaluateLoyalty({}, config)).toMatchObject({ tier: 'none', points: { earned: 0 } });
	});

	it.each([
		[
			{ months_active: 2.5 },
			'months_active: must be a whole number of months from 0 to 1200 (got 2.5)',
		],
		[{ feature_adoption: 80 }, 'feature_adoption: must be a number from 0 to 1 (got 80)'],
		[{ engagement_score: 101 }, 'engagement_score: must be a score from 0 to 100 (got 101)'],
		[
			{ features_adopted: -1 },
			'features_adopted: must be a whole number from 0 to 1000000 (got -1)',
		],
		[{ signup_date: '2026-05-02T12:00:00Z' }, /^signup_date: must be a past date/],
		[
			{ loyalty_points: 50, loyalty_points_redeemed: 60 },
			'loyalty_points_redeemed: cannot be more than the points earned (50 from loyalty_points; got 60)',
		],
	])('fails %p naming the field', (record, message) => {
		expect(() => evaluateLoyalty(record, config)).toThrow(message);
	});
});

describe('redeeming loyalty points', () => {
	it('3 service credits: 300 points for $30', () => {
		expect(
			redeemReward(
				{ loyalty_points: 450, loyalty_points_redeemed: 50 },
				{ ...config, program: 'loyalty', reward: 'service_credits', quantity: 3 },
			),
		).toEqual({
			program: 'loyalty',
			reward: 'service_credits',
			rewardName: '$10 service credit',
			quantity: 3,
			unitCost: 100,
			pointsCost: 300,
			balanceBefore: 400,
			balanceAfter: 100,
			pointsRedeemedBefore: 50,
			pointsRedeemedAfter: 350,
			value: { kind: 'credit', amount: 30, currency: 'USD' },
			redeemedField: 'loyalty_points_redeemed',
		});
	});

	it('a month of upgrade from points earned by the rules; refused one point short', () => {
		const upgrade = redeemReward(
			{ months_active: 50 },
			{ ...config, program: 'loyalty', reward: 'feature_upgrades' },
		);
		expect([upgrade.balanceBefore, upgrade.balanceAfter, upgrade.value]).toEqual([
			500,
			0,
			{ kind: 'upgrade', months: 1 },
		]);
		expect(() =>
			redeemReward(
				{ loyalty_points: 299 },
				{ ...config, program: 'loyalty', reward: 'training_courses' },
			),
		).toThrow(
			'loyalty_points_redeemed: the balance of 299 points (299 earned, 0 already redeemed) cannot pay for training_courses (300 points): 1 more point needed',
		);
		expect(() =>
			redeemReward({ loyalty_points: 299 }, { ...config, program: 'loyalty', reward: 'swag_pack' }),
		).toThrow(
			'Loyalty Reward: must be one of service_credits, feature_upgrades, training_courses (got "swag_pack")',
		);
	});
});
