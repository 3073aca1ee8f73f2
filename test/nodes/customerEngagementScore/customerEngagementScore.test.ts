import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { CustomerEngagementScore } from '../../../nodes/CustomerEngagementScore/CustomerEngagementScore.node';
import { createNodeTypes, loadWorkflow, runWorkflow, type WorkflowJson } from '../harness';

const nodeTypes = createNodeTypes({ customerEngagementScore: new CustomerEngagementScore() });
const run = async (workflow: string | WorkflowJson) =>
	runWorkflow(typeof workflow === 'string' ? loadWorkflow(__dirname, workflow) : workflow, {
		nodeTypes,
	});
const NODE = 'Engagement Score';

type Item = INodeExecutionData;
const engagement = (item: Item) =>
	item.json.engagement as IDataObject & {
		components: Array<{ key: string; normalized: number | null; points: number | null }>;
	};
const summaryOf = (item: Item) => [
	item.json.customer_id,
	engagement(item).score,
	engagement(item).level,
	item.pairedItem,
];

/** A fixture with its node's onError setting removed (stop on error). */
function stopOnError(file: string): WorkflowJson {
	const workflow = loadWorkflow(__dirname, file);
	delete workflow.nodes.find((node) => node.name === NODE)!.onError;
	return workflow;
}

describe('Engagement Score node, Score Each Customer, through n8n-core', () => {
	it('scores every customer with its components and change, keeping the fields and the pairing', async () => {
		const result = await run('score.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(items.map(summaryOf)).toEqual([
			// 15 + 15 + 8 (4 distinct features) + 10 + 7.5 + 12 = 67.5 -> 68.
			['c-example', 68, 'medium', { item: 0 }],
			// Every metric over its cap, automation 1.2 clamped: 100.
			['c-capped', 100, 'high', { item: 1 }],
			// 32.5 over the 0.5 of the weight with data.
			['c-partial', 65, 'medium', { item: 2 }],
		]);
		expect(items[0].json.first_name).toBe('Ana');
		expect(items[0].json.engagement).toEqual({
			score: 68,
			level: 'medium',
			coverage: 1,
			components: [
				{
					key: 'logins',
					field: 'logins_this_month',
					value: 30,
					normalized: 100,
					weight: 0.15,
					points: 15,
					missing: false,
				},
				{
					key: 'activeUsers',
					field: 'active_users',
					value: 5,
					normalized: 100,
					weight: 0.15,
					points: 15,
					missing: false,
				},
				{
					key: 'featuresUsed',
					field: 'features_used',
					value: 4,
					normalized: 40,
					weight: 0.2,
					points: 8,
					missing: false,
				},
				{
					key: 'actionsPerformed',
					field: 'actions_this_month',
					value: 50,
					normalized: 50,
					weight: 0.2,
					points: 10,
					missing: false,
				},
				{
					key: 'automationRate',
					field: 'automation_rate',
					value: 0.5,
					normalized: 50,
					weight: 0.15,
					points: 7.5,
					missing: false,
				},
				{
					key: 'satisfaction',
					field: 'avg_csat',
					value: 4,
					normalized: 80,
					weight: 0.15,
					points: 12,
					missing: false,
				},
			],
			// Logins 30 vs 24 and actions 50 vs 40: +25 %; CSAT 4 vs 4: 0; score 68 vs 75: -7 points.
			change: { logins: 25, usage: 25, satisfaction: 0, score: -7 },
			previousScore: 75,
			missing: [],
		});
		expect(engagement(items[1]).components.map((c) => c.normalized)).toEqual([
			100, 100, 100, 100, 100, 100,
		]);
		// Last month 0 logins: the seed's change of 0.
		expect(engagement(items[1]).change).toEqual({
			logins: 0,
			usage: null,
			satisfaction: null,
			score: null,
		});
		expect(engagement(items[2])).toMatchObject({
			coverage: 0.5,
			missing: ['actions_this_month', 'automation_rate', 'avg_csat'],
		});
		expect(engagement(items[2]).components.map((c) => c.points)).toEqual([
			15,
			30,
			20,
			null,
			null,
			null,
		]);
		expect(result.outputs('Scored')[0]).toHaveLength(3);
	});

	it('routes by level (70 high, 69 and 40 medium, 39 low), thin data apart, failures by Failed', async () => {
		const result = await run('by-level.workflow.json');
		expect(result.status).toBe('success');
		const outputs = result.outputs(NODE);
		expect(outputs).toHaveLength(5);
		const [high, medium, low, insufficient, failed] = outputs;
		expect(high.map(summaryOf)).toEqual([['c-high-70', 70, 'high', { item: 0 }]]);
		expect(medium.map(summaryOf)).toEqual([
			['c-medium-69', 69, 'medium', { item: 1 }],
			['c-medium-40', 40, 'medium', { item: 2 }],
		]);
		expect(low.map(summaryOf)).toEqual([['c-low-39', 39, 'low', { item: 3 }]]);
		expect(insufficient.map(summaryOf)).toEqual([
			['c-thin', null, 'insufficient_data', { item: 4 }],
		]);
		expect(engagement(insufficient[0]).coverage).toBe(0.3);
		expect(failed.map((item) => [item.json.customer_id, item.json.error, item.pairedItem])).toEqual(
			[
				['c-bad-rate', 'automation_rate: must be a number from 0 to 2 (got 85)', { item: 5 }],
				[
					'c-bad-features',
					'features_used: must be a list of feature names, one comma-separated text, or their number (got {"inbox":true})',
					{ item: 6 },
				],
			],
		);
		expect(failed[0].json.engagement).toBeUndefined();
		expect(
			['High', 'Medium', 'Low', 'Insufficient Data', 'Failed'].map(
				(sink) => result.outputs(sink)[0].length,
			),
		).toEqual([1, 2, 1, 1, 2]);
	});

	it('without Continue On Fail, stops naming the item and the field', async () => {
		const result = await run(stopOnError('by-level.workflow.json'));
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'Item 5: automation_rate: must be a number from 0 to 2 (got 85)',
		);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(
			5,
		);
		expect(result.error?.description).toBe('Check the field "automation_rate" of this item.');
	});

	it('reads a nested record, treats missing metrics as zero, applies the minimum coverage', async () => {
		const result = await run('nested-zero.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		// n-1: 15 + 15 + 4 (2 features) + 20 + 0 + 0 = 54, coverage 0.7; n-2: 100 - 15 = 85.
		expect(
			items.map((item) => [item.json.ticket, engagement(item).score, engagement(item).level]),
		).toEqual([
			['T-1', 54, 'medium'],
			['T-2', 85, 'high'],
		]);
		expect(engagement(items[0])).toMatchObject({
			coverage: 0.7,
			missing: ['automation_rate', 'avg_csat'],
		});
		expect(engagement(items[0]).components.slice(4)).toEqual([
			{
				key: 'automationRate',
				field: 'automation_rate',
				value: null,
				normalized: 0,
				weight: 0.15,
				points: 0,
				missing: true,
			},
			{
				key: 'satisfaction',
				field: 'avg_csat',
				value: null,
				normalized: 0,
				weight: 0.15,
				points: 0,
				missing: true,
			},
		]);
		expect((items[0].json.account as IDataObject).customer_id).toBe('n-1');
	});
});

describe('Engagement Score node, Portfolio Summary, through n8n-core', () => {
	it('outputs one item per batch: per CSM the levels, at-risk customers and average; bad items listed', async () => {
		const result = await run('portfolio.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
		expect(items[0].json).toEqual({
			engagementPortfolio: {
				csms: [
					{
						csmEmail: 'ana@example.com',
						csmName: 'Ana',
						totalCustomers: 3,
						high: 1,
						medium: 1,
						low: 1,
						insufficientData: 0,
						// (100 + 53 + 21) / 3 = 58
						averageScore: 58,
						atRisk: [{ customerId: 'a-low', item: 2, score: 21 }],
					},
					{
						csmEmail: 'leo@example.com',
						csmName: 'Leo',
						totalCustomers: 2,
						high: 0,
						medium: 0,
						low: 1,
						insufficientData: 1,
						averageScore: 15,
						atRisk: [{ customerId: 'l-low', item: 3, score: 15 }],
					},
				],
				// (100 + 53 + 21 + 15) / 4 = 47.25
				overall: {
					totalCustomers: 5,
					high: 1,
					medium: 1,
					low: 2,
					insufficientData: 1,
					averageScore: 47.3,
				},
				invalid: [
					{ item: 4, reason: 'active_users: must be a whole number of 0 or more (got -2)' },
				],
			},
		});
		expect(result.outputs('Report')[0]).toHaveLength(1);
	});

	it('without Continue On Fail, stops at the bad item naming it and the field', async () => {
		const result = await run(stopOnError('portfolio.workflow.json'));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Item 4: active_users: must be a whole number of 0 or more (got -2)',
		);
		expect(result.error?.description).toBe('Check the field "active_users" of this item.');
	});
});

describe('Engagement Score node description', () => {
	it('is version 1, usable as a tool, with the two operations and the level outputs', () => {
		const { description } = new CustomerEngagementScore();
		expect(description).toMatchObject({
			displayName: 'Engagement Score',
			name: 'customerEngagementScore',
			version: 1,
			usableAsTool: true,
			icon: {
				light: 'file:customerEngagementScore.svg',
				dark: 'file:customerEngagementScore.dark.svg',
			},
		});
		const operation = description.properties.find((p) => p.name === 'operation');
		expect((operation?.options as Array<{ value: string }>).map((o) => o.value)).toEqual([
			'portfolio',
			'score',
		]);
		expect(description.outputs).toBe(
			'={{ ($parameter["operation"] === "score" && $parameter["outputMode"] === "byLevel") ? [{"type":"main","displayName":"High"},{"type":"main","displayName":"Medium"},{"type":"main","displayName":"Low"},{"type":"main","displayName":"Insufficient Data"},{"type":"main","displayName":"Failed"}] : [{"type":"main"}] }}',
		);
	});
});
