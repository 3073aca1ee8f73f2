import { expand } from './helpers';

const LIMIT = { usage_vs_limit: 0.9 };

describe('upsell (docs/sources.md#expansion-opportunities: approaching_limit -> next plan, 50 % of MRR)', () => {
	it.each([
		['starter', 'growth'],
		['growth', 'pro'],
		['pro', 'enterprise'],
		['Growth ', 'pro'],
	])('plan %p -> %p, valued at mrr * 0.5', (plan, next) => {
		const result = expand({ ...LIMIT, plan, mrr: 1000 });
		expect(result.opportunities).toEqual([
			{
				type: 'upsell',
				product: next,
				estimatedValue: 500,
				probability: 0.2,
				recommendedAction: 'Present upgrade to higher plan',
				timing: 'now',
				signals: ['Using 80%+ of plan limits'],
				basis: '50% of mrr 1000',
				note: null,
			},
		]);
		expect(result.skippedOpportunities).toEqual([]);
	});

	it('offers nothing to an enterprise customer (the seed would offer "enterprise" again) and says why', () => {
		const result = expand({ ...LIMIT, plan: 'Enterprise', mrr: 5000 });
		expect(result.signals.map((s) => s.type)).toEqual(['approaching_limit']);
		expect(result.probability).toBe(0.2);
		expect(result.opportunities).toEqual([]);
		expect(result.skippedOpportunities).toEqual([
			{
				type: 'upsell',
				product: null,
				reason:
					'plan "Enterprise" is the top of the plan ladder (starter, growth, pro, enterprise): there is no higher plan to offer',
			},
		]);
	});

	it('leaves the product to the CSM for a plan off the ladder (the seed would offer "starter") or no plan', () => {
		const [offBasic] = expand({ ...LIMIT, plan: 'basic', mrr: 80 }).opportunities;
		expect(offBasic).toMatchObject({
			product: null,
			estimatedValue: 40,
			note: 'plan "basic" is not on the plan ladder (starter, growth, pro, enterprise): choose the plan to offer',
		});
		const [noPlan] = expand({ ...LIMIT, mrr: 80 }).opportunities;
		expect(noPlan).toMatchObject({
			product: null,
			note: 'plan is absent: choose the plan to offer (plan ladder: starter, growth, pro, enterprise)',
		});
	});

	it('rounds money to 2 decimals and gives null, not 0, without mrr', () => {
		expect(expand({ ...LIMIT, plan: 'starter', mrr: 333.33 }).opportunities[0].estimatedValue).toBe(
			166.67,
		);
		expect(
			expand({ ...LIMIT, plan: 'starter', mrr: '99.99' }).opportunities[0].estimatedValue,
		).toBe(50);
		expect(expand({ ...LIMIT, plan: 'starter', mrr: 0 }).opportunities[0].estimatedValue).toBe(0);
		expect(expand({ ...LIMIT, plan: 'starter' }).opportunities[0]).toMatchObject({
			product: 'growth',
			estimatedValue: null,
			basis: 'mrr is absent: the upgrade is valued at 50% of mrr',
		});
	});

	it('follows a custom plan ladder and upsell share', () => {
		const result = expand(
			{ ...LIMIT, plan: 'Silver', mrr: 200 },
			{ planLadder: 'bronze, silver, gold', upsellShareOfMrr: 0.25 },
		);
		expect(result.opportunities[0]).toMatchObject({
			product: 'gold',
			estimatedValue: 50,
			basis: '25% of mrr 200',
		});
	});
});

describe('add_seats (docs/sources.md#expansion-opportunities: team_growth -> ceil(seats * (1 + growth)), priced at mrr / seats)', () => {
	const seatsOpportunity = (record: Record<string, unknown>) =>
		expand({ team_size_change: 0.3, ...record }).opportunities.find((o) => o.type === 'add_seats');

	it('10 seats growing 30 %: 13 seats, 3 more at 100 = 300', () => {
		expect(seatsOpportunity({ seats: 10, mrr: 1000 })).toEqual({
			type: 'add_seats',
			product: 'Additional seats',
			estimatedValue: 300,
			probability: 0.15,
			recommendedAction: 'Offer team expansion package',
			timing: 'now',
			signals: ['Team has grown 20%+'],
			basis: '10 -> 13 seats (+3) at 100 a seat (mrr 1000 / 10 seats)',
			note: null,
		});
	});

	it('25 seats growing 120 %: 55 seats (not 56 from 55.00000000000001), 30 more at 100 = 3000', () => {
		expect(seatsOpportunity({ seats: 25, mrr: 2500, team_size_change: 1.2 })).toMatchObject({
			estimatedValue: 3000,
			basis: '25 -> 55 seats (+30) at 100 a seat (mrr 2500 / 25 seats)',
		});
	});

	it('3 seats growing 25 %: ceil(3.75) = 4, 1 more at 33.333… = 33.33', () => {
		expect(seatsOpportunity({ seats: 3, mrr: 100, team_size_change: 0.25 })).toMatchObject({
			estimatedValue: 33.33,
			basis: '3 -> 4 seats (+1) at 33.33 a seat (mrr 100 / 3 seats)',
		});
	});

	it('prices nothing without seats, with 0 seats (no division by zero) or without mrr', () => {
		expect(seatsOpportunity({ mrr: 1000 })).toMatchObject({
			estimatedValue: null,
			basis: 'seats is absent: a seat is priced at mrr / seats',
		});
		expect(seatsOpportunity({ seats: 0, mrr: 1000 })).toMatchObject({
			estimatedValue: null,
			basis: 'seats is 0: a seat is priced at mrr / seats, which needs at least one seat',
		});
		expect(seatsOpportunity({ seats: 10 })).toMatchObject({
			estimatedValue: null,
			basis: '10 -> 13 seats (+3); mrr is absent: a seat is priced at mrr / seats',
		});
	});
});

describe('add_features (docs/sources.md#expansion-opportunities: feature_attempts -> $50 per blocked feature)', () => {
	const featureOpportunity = (record: Record<string, unknown>, settings = {}) =>
		expand({ blocked_feature_attempts: 5, ...record }, settings).opportunities.find(
			(o) => o.type === 'add_features',
		);

	it('2 blocked features = 100', () => {
		expect(featureOpportunity({ blocked_features: ['sso', 'audit_log'] })).toEqual({
			type: 'add_features',
			product: 'Feature add-on',
			estimatedValue: 100,
			probability: 0.17,
			recommendedAction: 'Present feature add-on options',
			timing: 'now',
			signals: ['Attempting to use premium features'],
			basis: '2 blocked features (sso, audit_log) at 50 each',
			note: null,
		});
	});

	it('counts distinct features, accepts a comma-separated string, and follows the price option', () => {
		expect(featureOpportunity({ blocked_features: ['SSO', 'sso ', 'api'] })?.estimatedValue).toBe(
			100,
		);
		expect(featureOpportunity({ blocked_features: 'sso, audit_log,api' })?.estimatedValue).toBe(
			150,
		);
		expect(
			featureOpportunity({ blocked_features: ['sso'] }, { featureAddOnPrice: 79.99 }),
		).toMatchObject({
			estimatedValue: 79.99,
			basis: '1 blocked feature (sso) at 79.99 each',
		});
	});

	it('an empty list is worth 0; an absent list is null with the reason, never a made-up number', () => {
		expect(featureOpportunity({ blocked_features: [] })).toMatchObject({
			estimatedValue: 0,
			basis: '0 blocked features at 50 each',
		});
		expect(featureOpportunity({})).toMatchObject({
			estimatedValue: null,
			basis: 'blocked_features is absent: list the blocked features to price the add-on at 50 each',
		});
	});

	it('fails the item on a malformed list, naming the entry', () => {
		expect(() => featureOpportunity({ blocked_features: ['sso', 7] })).toThrow(
			'blocked_features.1: must be a feature name (got 7)',
		);
		expect(() => featureOpportunity({ blocked_features: 7 })).toThrow(
			'blocked_features: must be an array of feature names or one comma-separated string (got 7)',
		);
		expect(() => featureOpportunity({ blocked_features: ['sso', '  '] })).toThrow(
			'blocked_features.1: a feature name may not be empty (got "  ")',
		);
	});
});

describe('several opportunities (docs/sources.md#expansion-opportunities identifyOpportunities)', () => {
	it('come in the seed order, share the probability and list every fired signal description', () => {
		const result = expand({
			plan: 'growth',
			mrr: 1200,
			seats: 12,
			usage_vs_limit: 0.95,
			team_size_change: 0.5,
			blocked_feature_attempts: 6,
			blocked_features: ['sso'],
			nps_score: 10,
		});
		expect(result.probability).toBe(0.63); // (0.9 + 0.8 + 0.7 + 0.5) / 4.6 = 0.6304
		const descriptions = [
			'Using 80%+ of plan limits',
			'Attempting to use premium features',
			'Team has grown 20%+',
			'NPS promoter',
		];
		expect(
			result.opportunities.map((o) => [o.type, o.product, o.estimatedValue, o.signals]),
		).toEqual([
			['upsell', 'pro', 600, descriptions],
			['add_seats', 'Additional seats', 600, descriptions], // 12 -> 18 seats, 6 * 100
			['add_features', 'Feature add-on', 50, descriptions],
		]);
	});

	it('signals without an opportunity type give a probability but no opportunity (as in the seed)', () => {
		const result = expand({ nps_score: 10, days_to_renewal: 20, engagement_score: 99 });
		expect(result.probability).toBe(0.33); // 1.5 / 4.6 = 0.3261
		expect(result.opportunities).toEqual([]);
	});
});

describe('docs/sources.md#expansion-add-ons add-on triggers (off by default)', () => {
	const ALL = {
		plan: 'starter',
		analytics_views_per_week: 4,
		integration_requested: true,
		branding_mentioned: 'true',
		large_event_scheduled: 'TRUE',
	};

	it('are ignored unless switched on', () => {
		const result = expand(ALL);
		expect(result.signals).toEqual([]);
		expect(result.opportunities).toEqual([]);
		expect(result.notEvaluated.map((entry) => entry.type)).not.toContain('integration_requested');
	});

	it('each yields an opportunity at its monthly price, weight 0, outside the probability', () => {
		const result = expand(ALL, { addOnTriggers: true });
		expect(result.probability).toBe(0);
		expect(result.signals).toEqual([
			{
				type: 'analytics_dashboard_usage',
				weight: 0,
				description: 'Uses the analytics dashboard more than 3 times a week',
				metric: 'analytics_views_per_week',
				value: 4,
				threshold: 3,
			},
			{
				type: 'integration_requested',
				weight: 0,
				description: 'Requested an integration with a third-party system',
				metric: 'integration_requested',
				value: true,
				threshold: true,
			},
			{
				type: 'branding_mentioned',
				weight: 0,
				description: 'Mentioned a need for branding or marketing',
				metric: 'branding_mentioned',
				value: true,
				threshold: true,
			},
			{
				type: 'large_event_scheduled',
				weight: 0,
				description: 'Has a large event scheduled (needs a support SLA under 5 minutes)',
				metric: 'large_event_scheduled',
				value: true,
				threshold: true,
			},
		]);
		const descriptions = result.signals.map((signal) => signal.description);
		expect(result.opportunities).toEqual([
			{
				type: 'upsell',
				product: 'Pro Plan',
				estimatedValue: 499,
				probability: 0,
				recommendedAction: 'Present the Pro Plan to a heavy analytics user',
				timing: 'now',
				signals: descriptions,
				basis: 'Pro Plan monthly price 499',
				note: null,
			},
			{
				type: 'cross_sell',
				product: 'API Access',
				estimatedValue: 200,
				probability: 0,
				recommendedAction: 'Offer API Access for the requested integration',
				timing: 'now',
				signals: descriptions,
				basis: 'API Access monthly price 200',
				note: null,
			},
			{
				type: 'cross_sell',
				product: 'White-Label',
				estimatedValue: 500,
				probability: 0,
				recommendedAction: 'Offer White-Label for their branding and marketing',
				timing: 'now',
				signals: descriptions,
				basis: 'White-Label monthly price 500',
				note: null,
			},
			{
				type: 'cross_sell',
				product: 'Premium Support',
				estimatedValue: 100,
				probability: 0,
				recommendedAction: 'Offer Premium Support (SLA under 5 minutes) for the event',
				timing: 'now',
				signals: descriptions,
				basis: 'Premium Support monthly price 100',
				note: null,
			},
		]);
	});

	it('analytics: 3 views a week does not fire, more than 3 does', () => {
		const on = { addOnTriggers: true };
		expect(expand({ analytics_views_per_week: 3 }, on).signals).toEqual([]);
		expect(expand({ analytics_views_per_week: 3.5 }, on).signals.map((s) => s.type)).toEqual([
			'analytics_dashboard_usage',
		]);
	});

	it('a false flag is quiet, a missing or unreadable one is not evaluated', () => {
		const result = expand(
			{ integration_requested: false, branding_mentioned: 'yes' },
			{ addOnTriggers: true },
		);
		expect(result.signals).toEqual([]);
		expect(result.notEvaluated.slice(7)).toEqual([
			{
				type: 'analytics_dashboard_usage',
				fields: ['analytics_views_per_week'],
				reason: 'analytics_views_per_week is absent',
			},
			{
				type: 'branding_mentioned',
				fields: ['branding_mentioned'],
				reason: 'branding_mentioned must be true or false (got "yes")',
			},
			{
				type: 'large_event_scheduled',
				fields: ['large_event_scheduled'],
				reason: 'large_event_scheduled is absent',
			},
		]);
	});

	it('prices are editable, and the Pro Plan is not offered to a customer already on pro or above', () => {
		const settings = { addOnTriggers: true, addOnPrices: { proPlan: 549, apiAccess: 250.5 } };
		const result = expand({ ...ALL, plan: 'pro' }, settings);
		expect(result.opportunities.map((o) => [o.product, o.estimatedValue])).toEqual([
			['API Access', 250.5],
			['White-Label', 500],
			['Premium Support', 100],
		]);
		expect(result.skippedOpportunities).toEqual([
			{
				type: 'upsell',
				product: 'Pro Plan',
				reason:
					'plan "pro" is already at or above pro on the plan ladder (starter, growth, pro, enterprise)',
			},
		]);
		expect(expand({ ...ALL, plan: 'growth' }, settings).opportunities[0]).toMatchObject({
			product: 'Pro Plan',
			estimatedValue: 549,
		});
	});

	it('add-on opportunities carry the probability (docs/sources.md#expansion-probability) when docs/sources.md#expansion-signals signals fire too', () => {
		const result = expand(
			{ usage_vs_limit: 0.9, plan: 'starter', mrr: 100, integration_requested: true },
			{ addOnTriggers: true },
		);
		expect(result.probability).toBe(0.2);
		expect(result.opportunities.map((o) => [o.type, o.product, o.probability, o.signals])).toEqual([
			[
				'upsell',
				'growth',
				0.2,
				['Using 80%+ of plan limits', 'Requested an integration with a third-party system'],
			],
			[
				'cross_sell',
				'API Access',
				0.2,
				['Using 80%+ of plan limits', 'Requested an integration with a third-party system'],
			],
		]);
	});
});
