import { CustomerEngagementScore } from '../../../nodes/CustomerEngagementScore/CustomerEngagementScore.node';
import { CustomerExpansionSignals } from '../../../nodes/CustomerExpansionSignals/CustomerExpansionSignals.node';
import { resolveExpansionSettings } from '../../../src/expansion';
import { createNodeTypes, loadWorkflow, runWorkflow } from '../harness';

const nodeTypes = createNodeTypes({
	customerExpansionSignals: new CustomerExpansionSignals(),
	customerEngagementScore: new CustomerEngagementScore(),
});
const run = async (file: string) => runWorkflow(loadWorkflow(__dirname, file), { nodeTypes });
const NODE = 'Expansion Signals';

type Expansion = {
	probability: number;
	signals: Array<Record<string, unknown>>;
	opportunities: Array<Record<string, unknown>>;
	notEvaluated: Array<{ type: string }>;
	limitForecast: Record<string, unknown> | null;
	skippedOpportunities: unknown[];
};
const expansion = (item: { json: Record<string, unknown> }) => item.json.expansion as Expansion;

const GROWING_SIGNALS = [
	'Using 80%+ of plan limits',
	'Attempting to use premium features',
	'Team has grown 20%+',
	'NPS promoter',
	'Renewal within 60 days',
];

describe('Expansion Signals node, through n8n-core', () => {
	it('detects signals, probability and valued opportunities, keeping the item fields and pairing', async () => {
		const result = await run('defaults.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(
			items.map((item) => [
				item.json.customer_id,
				expansion(item).probability,
				expansion(item).opportunities.length,
			]),
		).toEqual([
			['cust-growing', 0.72, 3], // (0.9 + 0.8 + 0.7 + 0.5 + 0.4) / 4.6 = 0.7174
			['cust-quiet', 0, 0],
			['cust-early', 0.2, 1],
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.seats).toBe(12);

		expect(expansion(items[0])).toEqual({
			probability: 0.72,
			signals: [
				{
					type: 'approaching_limit',
					weight: 0.9,
					description: 'Using 80%+ of plan limits',
					metric: 'usage_vs_limit',
					value: 0.95,
					threshold: 0.8,
					early: false,
				},
				{
					type: 'feature_attempts',
					weight: 0.8,
					description: 'Attempting to use premium features',
					metric: 'blocked_feature_attempts',
					value: 6,
					threshold: 3,
				},
				{
					type: 'team_growth',
					weight: 0.7,
					description: 'Team has grown 20%+',
					metric: 'team_size_change',
					value: 0.5,
					threshold: 0.2,
				},
				{
					type: 'nps_promoter',
					weight: 0.5,
					description: 'NPS promoter',
					metric: 'nps_score',
					value: 10,
					threshold: 9,
				},
				{
					type: 'renewal_approaching',
					weight: 0.4,
					description: 'Renewal within 60 days',
					metric: 'days_to_renewal',
					value: 48,
					threshold: 60,
					derivedFrom: 'renewal_date',
				},
			],
			opportunities: [
				{
					type: 'upsell',
					product: 'pro',
					estimatedValue: 600,
					probability: 0.72,
					recommendedAction: 'Present upgrade to higher plan',
					timing: 'now',
					signals: GROWING_SIGNALS,
					basis: '50% of mrr 1200',
					note: null,
				},
				{
					type: 'add_seats',
					product: 'Additional seats',
					estimatedValue: 600,
					probability: 0.72,
					recommendedAction: 'Offer team expansion package',
					timing: 'now',
					signals: GROWING_SIGNALS,
					basis: '12 -> 18 seats (+6) at 100 a seat (mrr 1200 / 12 seats)',
					note: null,
				},
				{
					type: 'add_features',
					product: 'Feature add-on',
					estimatedValue: 50,
					probability: 0.72,
					recommendedAction: 'Present feature add-on options',
					timing: 'now',
					signals: GROWING_SIGNALS,
					basis: '1 blocked feature (sso) at 50 each',
					note: null,
				},
			],
			notEvaluated: [
				{
					type: 'high_engagement',
					fields: ['engagement.score', 'engagement_score', 'health.score'],
					reason:
						'engagement.score is absent, engagement_score is absent and health.score is absent',
				},
				{
					type: 'success_metrics',
					fields: ['business_outcomes', 'business_targets'],
					reason: 'business_outcomes is absent and business_targets is absent',
				},
			],
			limitForecast: null,
			skippedOpportunities: [],
		});

		// Every signal evaluated at its threshold, none fires.
		expect(expansion(items[1])).toMatchObject({
			probability: 0,
			signals: [],
			opportunities: [],
			notEvaluated: [],
		});

		// History 0.5, 0.6, 0.7 on Nov 3, 13, 23: +0.01 a day, 1.0 on Dec 23 (30 days): raised early.
		expect(expansion(items[2]).limitForecast).toEqual({
			method: 'history',
			daysToLimit: 30,
			projectedDate: '2026-12-23',
			growthPerMonth: 0.3,
			reason: null,
		});
		expect(expansion(items[2]).signals).toEqual([
			{
				type: 'approaching_limit',
				weight: 0.9,
				description:
					'Using 70% of plan limits, projected to reach the plan limit in 30 days (2026-12-23)',
				metric: 'usage_vs_limit',
				value: 0.7,
				threshold: 0.8,
				early: true,
			},
		]);
		expect(expansion(items[2]).opportunities[0]).toMatchObject({
			type: 'upsell',
			product: 'growth',
			estimatedValue: 200,
		});
		expect(result.outputs('Detected')[0]).toHaveLength(3);
	});

	it('routes customers with an opportunity to "Opportunity" and the others to "No Opportunity"', async () => {
		const result = await run('by-opportunity.workflow.json');
		expect(result.status).toBe('success');
		const all = result.outputs(NODE);
		// The routes, then Failed (empty: no item failed).
		expect(all).toHaveLength(3);
		expect(all[2]).toEqual([]);
		const outputs = all.slice(0, 2);
		expect(
			outputs.map((items) =>
				items.map((item) => [item.json.customer_id, expansion(item).probability]),
			),
		).toEqual([
			[
				['cust-growing', 0.72],
				['cust-early', 0.2],
			],
			[
				['cust-quiet', 0],
				['cust-promoter', 0.2], // NPS promoter + renewal: (0.5 + 0.4) / 4.6, but no opportunity type
			],
		]);
		expect(outputs.map((items) => items.map((item) => item.pairedItem))).toEqual([
			[{ item: 1 }, { item: 3 }],
			[{ item: 0 }, { item: 2 }],
		]);
		expect(result.outputs('Opportunity')[0]).toHaveLength(2);
		expect(result.outputs('No Opportunity')[0]).toHaveLength(2);
	});

	it('applies the add-on triggers and every option: prices, thresholds, plan ladder, upsell share, horizon', async () => {
		const result = await run('options.workflow.json');
		expect(result.status).toBe('success');
		const [[item]] = result.outputs(NODE);
		const found = expansion(item);
		// approaching_limit early (0.6 + 0.1 a month: 120 days, horizon 120), feature_attempts, nps_promoter at 8.
		expect(found.probability).toBe(0.48); // (0.9 + 0.8 + 0.5) / 4.6 = 0.4783
		expect(found.signals.map((s) => [s.type, s.weight, s.threshold])).toEqual([
			['approaching_limit', 0.9, 0.9],
			['feature_attempts', 0.8, 3],
			['nps_promoter', 0.5, 8],
			['analytics_dashboard_usage', 0, 3],
			['integration_requested', 0, true],
			['large_event_scheduled', 0, true],
		]);
		expect(found.signals[0]).toMatchObject({
			early: true,
			description:
				'Using 60% of plan limits, projected to reach the plan limit in 120 days (2027-03-23)',
		});
		expect(found.opportunities.map((o) => [o.type, o.product, o.estimatedValue, o.basis])).toEqual([
			['upsell', 'gold', 120, '40% of mrr 300'],
			['add_features', 'Feature add-on', 150, '2 blocked features (sso, scim) at 75 each'],
			['upsell', 'Pro Plan', 549, 'Pro Plan monthly price 549'],
			['cross_sell', 'API Access', 250, 'API Access monthly price 250'],
			['cross_sell', 'Premium Support', 120, 'Premium Support monthly price 120'],
		]);
		expect(found.limitForecast).toEqual({
			method: 'growth_rate',
			daysToLimit: 120,
			projectedDate: '2027-03-23',
			growthPerMonth: 0.1,
			reason: null,
		});
	});

	it('evaluates expressions: record path, reference time and time zone per item, health score from the item', async () => {
		const result = await run('expressions.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		// 23:30 UTC is already Nov 24 in Madrid: the renewal on Jan 23 is 60 days away there, 61 in UTC.
		// No engagement score on the item: the health score stands in, and the signal says so.
		expect(
			expansion(items[0]).signals.map((s) => [s.type, s.metric, s.value, s.source ?? null]),
		).toEqual([
			['high_engagement', 'health.score', 86, 'health_stand_in'],
			['renewal_approaching', 'days_to_renewal', 60, null],
		]);
		expect(expansion(items[0]).probability).toBe(0.22); // 1.0 / 4.6 = 0.2174
		expect(expansion(items[1]).signals).toEqual([]);
		expect(expansion(items[1]).probability).toBe(0);
		expect((items[0].json.account as Record<string, unknown>).customer_id).toBe('cust-madrid');
	});

	it('after Engagement Score, high_engagement reads engagement.score; the health score only stands in', async () => {
		const result = await run('after-engagement-score.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		const highEngagement = (item: (typeof items)[number]) =>
			expansion(item).signals.find((signal) => signal.type === 'high_engagement') ?? null;
		expect(items.map((item) => [item.json.customer_id, highEngagement(item)])).toEqual([
			// 100 - 15 + 9 (CSAT 3) = 94, although the health score is 10.
			[
				'c-engaged',
				{
					type: 'high_engagement',
					weight: 0.6,
					description: 'Very high product engagement',
					metric: 'engagement.score',
					value: 94,
					threshold: 80,
					source: 'engagement',
				},
			],
			// Too little data for an engagement score (null): the health score stands in.
			[
				'c-thin',
				{
					type: 'high_engagement',
					weight: 0.6,
					description: 'Very high product engagement',
					metric: 'health.score',
					value: 86,
					threshold: 80,
					source: 'health_stand_in',
				},
			],
			// No engagement.score, but the record's engagement_score comes before the health score.
			[
				'c-record',
				{
					type: 'high_engagement',
					weight: 0.6,
					description: 'Very high product engagement',
					metric: 'engagement_score',
					value: 82,
					threshold: 80,
					source: 'engagement',
				},
			],
			// 75 is not above 80: quiet, whatever the health score (95).
			['c-quiet', null],
		]);
		expect(items.map((item) => (item.json.engagement as { score: number | null }).score)).toEqual([
			94,
			null,
			null,
			75,
		]);
		expect(items.map((item) => expansion(item).probability)).toEqual([0.13, 0.13, 0.13, 0]);
	});

	it('with Continue On Fail, passes a bad item on with an error and evaluates the others', async () => {
		const result = await run('continue-on-fail.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(items).toHaveLength(3);
		expect(expansion(items[0]).probability).toBe(0.72);
		expect(items[1].json.expansion).toBeUndefined();
		expect(items[1].json.customer_id).toBe('cust-bad-history');
		expect(items[1].json.error).toBe(
			'usage_vs_limit_history.1.date: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "last week")',
		);
		expect(expansion(items[2]).probability).toBe(0.2);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('without Continue On Fail, stops with a NodeOperationError naming the item and the field', async () => {
		const result = await run('stop-on-error.workflow.json');
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'Item 1: usage_vs_limit_history.1.date: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "last week")',
		);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(
			1,
		);
		expect(result.error?.description).toBe(
			'Check the field "usage_vs_limit_history.1.date" of this item.',
		);
	});

	it('reports invalid settings on every item', async () => {
		const result = await run('bad-settings.workflow.json');
		const [items] = result.outputs(NODE);
		expect(items.map((item) => item.json.error)).toEqual([
			'Expansion settings are invalid: planLadder: name at least two plans, lowest first (got ["pro"])',
			'Expansion settings are invalid: planLadder: name at least two plans, lowest first (got ["pro"])',
		]);
	});

	it('shows the seed defaults of src/expansion in its parameters', () => {
		const { description } = new CustomerExpansionSignals();
		expect(description).toMatchObject({
			name: 'customerExpansionSignals',
			version: 1,
			usableAsTool: true,
		});
		const options = description.properties.find((p) => p.name === 'options')?.options as Array<{
			name: string;
			default: unknown;
			options?: Array<{ values: Array<{ name: string; default: unknown }> }>;
		}>;
		const option = (name: string) => options.find((o) => o.name === name);
		const rows = (name: string) =>
			Object.fromEntries(
				(option(name)?.options?.[0].values ?? []).map((value) => [value.name, value.default]),
			);
		const defaults = resolveExpansionSettings();
		expect(rows('thresholds')).toEqual(defaults.thresholds);
		expect(rows('addOnPrices')).toEqual(defaults.addOnPrices);
		expect(option('planLadder')?.default).toBe(defaults.planLadder.join(', '));
		expect(option('featureAddOnPrice')?.default).toBe(defaults.featureAddOnPrice);
		expect(option('forecastHorizonDays')?.default).toBe(defaults.forecastHorizonDays);
		expect(option('upsellShareOfMrr')?.default).toBe(defaults.upsellShareOfMrr);
		expect(description.properties.find((p) => p.name === 'addOnTriggers')?.default).toBe(
			defaults.addOnTriggers,
		);
	});
});
