import { DateTime } from 'luxon';

import {
	ADVOCACY_ACTIVITIES,
	ADVOCACY_REWARDS,
	ADVOCACY_TIERS,
	advocacyTierFor,
	affordableAdvocacyRewards,
	evaluateAdvocate,
	nextAdvocacyTier,
	pointsForActivities,
	redeemReward,
} from '../../../src/advocacy';

const reference = DateTime.fromISO('2026-03-10T12:00:00Z', { zone: 'UTC' });
const config = { reference, defaultTimeZone: 'UTC' };

describe('advocacy programme data (docs/sources.md#advocacy-program, seed 002 §13.1)', () => {
	it('has the seed’s activities and points, rewards and costs, tiers and thresholds', () => {
		expect(ADVOCACY_ACTIVITIES.map((a) => [a.id, a.type, a.points])).toEqual([
			['referral', 'referral', 500],
			['g2_review', 'review', 100],
			['case_study', 'case_study', 300],
			['webinar', 'speaking', 400],
			['testimonial', 'content', 150],
		]);
		expect(ADVOCACY_REWARDS.map((r) => [r.id, r.type, r.pointsCost])).toEqual([
			['credit_100', 'credit', 200],
			['swag_pack', 'swag', 150],
			['early_access', 'feature', 300],
			['event_vip', 'event', 500],
		]);
		expect(ADVOCACY_TIERS.map((t) => [t.name, t.minPoints])).toEqual([
			['Fan', 0],
			['Champion', 300],
			['Ambassador', 800],
		]);
	});
});

describe('tier from points, edges inclusive', () => {
	it.each([
		[0, 'fan', 'champion', 300],
		[1, 'fan', 'champion', 299],
		[299, 'fan', 'champion', 1],
		[300, 'champion', 'ambassador', 500],
		[301, 'champion', 'ambassador', 499],
		[799, 'champion', 'ambassador', 1],
		[800, 'ambassador', null, null],
		[5000, 'ambassador', null, null],
	])('%i points: %s', (points, tier, next, needed) => {
		expect(advocacyTierFor(points).id).toBe(tier);
		const upper = nextAdvocacyTier(points);
		expect(upper === null ? null : [upper.tier, upper.pointsNeeded]).toEqual(
			next === null ? null : [next, needed],
		);
	});

	it.each([-1, 1.5, Number.NaN])('refuses %p points naming the field', (points) => {
		expect(() => advocacyTierFor(points)).toThrow(
			/^advocacy_points: must be a whole number of 0 or more/,
		);
	});

	it('adds the points of completed activities', () => {
		expect(pointsForActivities(['referral', 'g2_review', 'g2_review', 'testimonial'])).toBe(850);
		expect(pointsForActivities([])).toBe(0);
	});
});

describe('affordable rewards', () => {
	it.each([
		[0, []],
		[149, []],
		[150, ['swag_pack']],
		[199, ['swag_pack']],
		[200, ['credit_100', 'swag_pack']],
		[300, ['credit_100', 'swag_pack', 'early_access']],
		[499, ['credit_100', 'swag_pack', 'early_access']],
		[500, ['credit_100', 'swag_pack', 'early_access', 'event_vip']],
	])('balance %i', (balance, ids) => {
		expect(affordableAdvocacyRewards(balance).map((r) => r.id)).toEqual(ids);
	});
});

describe('advocacy candidates: promoter (NPS >= 9), health >= 70, not approached', () => {
	const promoter = { customer_id: 'c', nps_score: 9, health_score: 70 };

	it('a promoter at both edges, never approached, is a candidate with the seed’s suggestions', () => {
		const result = evaluateAdvocate(promoter, config);
		expect(result).toEqual({
			candidate: true,
			reason: 'Advocacy candidate: promoter (NPS 9), health score 70, not approached yet',
			criteria: {
				promoter: { met: true, field: 'nps_score', value: 9, threshold: 9 },
				healthy: { met: true, field: 'health_score', value: 70, threshold: 70 },
				notApproached: { met: true, field: null, value: null, threshold: null },
			},
			points: 0,
			pointsFrom: 'none',
			pointsRedeemed: 0,
			balance: 0,
			tier: 'fan',
			tierName: 'Fan',
			benefits: ['Exclusive newsletter', 'Profile badge'],
			nextTier: { tier: 'champion', name: 'Champion', minPoints: 300, pointsNeeded: 300 },
			suggestedActivities: [
				{
					id: 'g2_review',
					name: 'Write a G2 review',
					type: 'review',
					points: 100,
					reason: 'A promoter who has not written a review yet',
				},
				{
					id: 'referral',
					name: 'Refer a customer',
					type: 'referral',
					points: 500,
					reason: 'Has not referred anyone yet',
				},
			],
			affordableRewards: [],
		});
	});

	it.each([
		[{ nps_score: 8 }, 'Not a candidate: NPS 8 is below 9 (not a promoter)'],
		[{ health_score: 69 }, 'Not a candidate: health score 69 is below 70'],
		[{ health_score: 69.99 }, 'Not a candidate: health score 69.99 is below 70'],
		[{ nps_score: null }, 'Not a candidate: no NPS score (nps_score) to tell a promoter'],
		[{ health_score: '' }, 'Not a candidate: no health score (health.score or health_score)'],
		[
			{ advocacy_approached_at: '2026-01-05T10:00:00Z' },
			'Not a candidate: already approached (advocacy_approached_at 2026-01-05T10:00:00Z)',
		],
		[
			{ advocacy_status: 'Invited' },
			'Not a candidate: already approached (advocacy_status invited)',
		],
		[
			{ nps_score: 6, health_score: 40, advocacy_status: 'declined' },
			'Not a candidate: NPS 6 is below 9 (not a promoter); health score 40 is below 70; already approached (advocacy_status declined)',
		],
	])('%p', (change, reason) => {
		const result = evaluateAdvocate({ ...promoter, ...change }, config);
		expect([result.candidate, result.reason, result.suggestedActivities]).toEqual([
			false,
			reason,
			[],
		]);
	});

	it('advocacy_status "none" is not approached (the seed’s advocacyStatus)', () => {
		expect(evaluateAdvocate({ ...promoter, advocacy_status: ' None ' }, config).candidate).toBe(
			true,
		);
	});

	it('reads nps.score and health.score written by the NPS and Health Score nodes first', () => {
		const result = evaluateAdvocate(
			{ customer: { nps_score: 3, health_score: 10 }, nps: { score: 10 }, health: { score: 88 } },
			{ ...config, customerPath: 'customer' },
		);
		expect([
			result.candidate,
			result.criteria.promoter.field,
			result.criteria.healthy.field,
		]).toEqual([true, 'nps.score', 'health.score']);
	});

	it('thresholds are options', () => {
		const result = evaluateAdvocate(
			{ nps_score: 8, health_score: 60 },
			{ ...config, minPromoterScore: 8, minHealthScore: 60 },
		);
		expect(result.candidate).toBe(true);
		expect(() => evaluateAdvocate(promoter, { ...config, minHealthScore: 101 })).toThrow(
			'Minimum Health Score: must be a number from 0 to 100 (got 101)',
		);
	});

	it('suggests a case study to a customer with a success story, and nothing already done', () => {
		const result = evaluateAdvocate(
			{ ...promoter, has_success_story: true, advocacy_activities: 'g2_review' },
			config,
		);
		expect(result.suggestedActivities.map((a) => a.id)).toEqual(['case_study', 'referral']);
		const done = evaluateAdvocate(
			{
				...promoter,
				has_success_story: 'true',
				has_case_study: true,
				has_review: true,
				advocacy_activities: ['referral'],
			},
			config,
		);
		expect(done.suggestedActivities).toEqual([]);
		expect([done.points, done.pointsFrom, done.tier]).toEqual([
			500,
			'advocacy_activities',
			'champion',
		]);
	});

	it('points: advocacy_points wins over the activities; the balance subtracts the points redeemed', () => {
		const result = evaluateAdvocate(
			{
				...promoter,
				advocacy_points: 800,
				advocacy_points_redeemed: 350,
				advocacy_activities: ['referral'],
			},
			config,
		);
		expect([result.points, result.pointsFrom, result.balance, result.tier]).toEqual([
			800,
			'advocacy_points',
			450,
			'ambassador',
		]);
		expect(result.affordableRewards.map((r) => r.id)).toEqual([
			'credit_100',
			'swag_pack',
			'early_access',
		]);
	});

	it.each([
		[{ nps_score: 11 }, 'nps_score: must be a whole number from 0 to 10 (got 11)'],
		[{ health_score: 101 }, 'health_score: must be a health score from 0 to 100 (got 101)'],
		[
			{ advocacy_points: -5 },
			'advocacy_points: must be a whole number of points from 0 to 1000000000 (got -5)',
		],
		[
			{ advocacy_points: 10.5 },
			'advocacy_points: must be a whole number of points from 0 to 1000000000 (got 10.5)',
		],
		[
			{ advocacy_activities: ['referral', 'blog_post'] },
			'advocacy_activities.1: must be one of referral, g2_review, case_study, webinar, testimonial (got "blog_post")',
		],
		[
			{ advocacy_points: 100, advocacy_points_redeemed: 150 },
			'advocacy_points_redeemed: cannot be more than the points earned (100 from advocacy_points; got 150)',
		],
		[{ advocacy_approached_at: 'last week' }, /^advocacy_approached_at: must be an ISO 8601 date/],
		[
			{ advocacy_approached_at: '2026-03-20T00:00:00Z' },
			/^advocacy_approached_at: must be a past date/,
		],
		[{ advocacy_status: 3 }, 'advocacy_status: must be text such as "none" or "invited" (got 3)'],
		[{ has_review: 'yes' }, 'has_review: must be true or false (got "yes")'],
	])('fails %p naming the field', (change, message) => {
		expect(() => evaluateAdvocate({ ...promoter, ...change }, config)).toThrow(message);
	});
});

describe('redeeming advocacy points', () => {
	const customer = { advocacy_points: 450, advocacy_points_redeemed: 100 };

	it('spends the cost and says the balance after and the new redeemed total', () => {
		expect(
			redeemReward(customer, { ...config, program: 'advocacy', reward: 'early_access' }),
		).toEqual({
			program: 'advocacy',
			reward: 'early_access',
			rewardName: 'Early access to features',
			quantity: 1,
			unitCost: 300,
			pointsCost: 300,
			balanceBefore: 350,
			balanceAfter: 50,
			pointsRedeemedBefore: 100,
			pointsRedeemedAfter: 400,
			value: { kind: 'advocacy_reward', type: 'feature', quantity: 1 },
			redeemedField: 'advocacy_points_redeemed',
		});
	});

	it('the exact balance is enough; one point short is refused with the shortfall', () => {
		const exact = redeemReward(
			{ advocacy_points: 500 },
			{ ...config, program: 'advocacy', reward: 'event_vip' },
		);
		expect([exact.balanceAfter, exact.pointsRedeemedAfter]).toEqual([0, 500]);
		expect(() =>
			redeemReward(
				{ advocacy_points: 499 },
				{ ...config, program: 'advocacy', reward: 'event_vip' },
			),
		).toThrow(
			'advocacy_points_redeemed: the balance of 499 points (499 earned, 0 already redeemed) cannot pay for event_vip (500 points): 1 more point needed',
		);
		expect(() =>
			redeemReward(customer, { ...config, program: 'advocacy', reward: 'swag_pack', quantity: 3 }),
		).toThrow(
			'advocacy_points_redeemed: the balance of 350 points (450 earned, 100 already redeemed) cannot pay for 3 x swag_pack (450 points): 100 more points needed',
		);
	});

	it('names a bad parameter', () => {
		expect(() =>
			redeemReward(customer, { ...config, program: 'advocacy', reward: 'yacht' }),
		).toThrow(
			'Reward: must be one of credit_100, swag_pack, early_access, event_vip (got "yacht")',
		);
		expect(() =>
			redeemReward(customer, { ...config, program: 'advocacy', reward: 'swag_pack', quantity: 0 }),
		).toThrow('Quantity: must be a whole number from 1 to 1000 (got 0)');
		expect(() =>
			redeemReward(customer, { ...config, program: 'points', reward: 'swag_pack' }),
		).toThrow('Program: must be one of advocacy, loyalty (got "points")');
	});
});
