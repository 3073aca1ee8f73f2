import { CustomerHealthScore } from '../../../nodes/CustomerHealthScore/CustomerHealthScore.node';
import { createNodeTypes, loadWorkflow, runWorkflow } from '../harness';

const nodeTypes = createNodeTypes({ customerHealthScore: new CustomerHealthScore() });
const run = async (file: string) => runWorkflow(loadWorkflow(__dirname, file), { nodeTypes });
const NODE = 'Customer Health Score';

type Health = {
	score: number | null;
	grade: string | null;
	category: string;
	trend: string | null;
};
const health = (item: { json: Record<string, unknown> }) =>
	item.json.health as Health & Record<string, unknown>;

describe('Customer Health Score node, through n8n-core', () => {
	it('scores every item with the default model and keeps its fields and pairing', async () => {
		const result = await run('defaults.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(
			items.map((item) => [
				item.json.customer_id,
				health(item).score,
				health(item).grade,
				health(item).category,
			]),
		).toEqual([
			['cust-perfect', 100, 'A', 'healthy'],
			['cust-mixed', 58, 'C', 'critical'],
			['cust-weak', 16, 'F', 'critical'],
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json.nps_score).toBe(5);
		expect(health(items[1]).components).toHaveLength(5);
		expect(health(items[2]).alerts).toEqual([
			{
				type: 'customer_at_risk',
				severity: 'critical',
				message: 'Customer is now at-risk with grade F',
			},
		]);
		expect(result.outputs('Scored')[0]).toHaveLength(3);
	});

	it('routes each customer to the output of its category', async () => {
		const result = await run('by-category.workflow.json');
		expect(result.status).toBe('success');
		const all = result.outputs(NODE);
		// The routes, then Failed (empty: no item failed).
		expect(all).toHaveLength(5);
		expect(all[4]).toEqual([]);
		const outputs = all.slice(0, 4);
		const ids = outputs.map((items) =>
			items.map((item) => [item.json.customer_id, health(item).score]),
		);
		expect(ids).toEqual([
			[['cust-perfect', 100]],
			[['cust-at-risk', 64]],
			[
				['cust-mixed', 58],
				['cust-weak', 16],
			],
			[['cust-sparse', null]],
		]);
		expect(outputs.map((items) => items.map((item) => item.pairedItem))).toEqual([
			[{ item: 0 }],
			[{ item: 2 }],
			[{ item: 1 }, { item: 4 }],
			[{ item: 3 }],
		]);
		expect(result.outputs('Insufficient Data')[0][0].json.health).toMatchObject({
			category: 'insufficient_data',
			coverage: 0.45,
		});
	});

	it('with Continue On Fail, passes a bad item on with an error and scores the others', async () => {
		const result = await run('continue-on-fail.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(items).toHaveLength(3);
		expect(health(items[0]).score).toBe(100);
		expect(items[1].json.health).toBeUndefined();
		expect(items[1].json.customer_id).toBe('cust-bad-date');
		expect(items[1].json.error).toBe(
			'last_login_at: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "yesterday")',
		);
		expect(health(items[2]).score).toBe(16);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('without Continue On Fail, stops with a NodeOperationError naming the item and the field', async () => {
		const result = await run('stop-on-error.workflow.json');
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'Item 1: last_login_at: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "yesterday")',
		);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(
			1,
		);
		expect(result.error?.description).toBe('Check the field "last_login_at" of this item.');
	});

	it('evaluates expressions: record path, reference time per item, previous score field, time zone', async () => {
		const result = await run('expressions.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		const days = (item: (typeof items)[number]) =>
			(health(item).components as Array<{ metrics: Array<{ key: string; value: unknown }> }>)[1]
				.metrics[0];
		// Mexico City: login and reference fall on the same calendar day; UTC: one day apart.
		expect(days(items[0])).toMatchObject({ key: 'days_since_last_login', value: 0 });
		expect(days(items[1])).toMatchObject({ key: 'days_since_last_login', value: 1 });
		expect(
			items.map((item) => [health(item).score, health(item).previousScore, health(item).trend]),
		).toEqual([
			[63, 52, 'improving'],
			[63, 70, 'declining'],
		]);
	});

	it('scores with a custom model pasted as JSON and with one built in the UI tables', async () => {
		for (const file of ['custom-json.workflow.json', 'custom-ui.workflow.json']) {
			const result = await run(file);
			expect(result.status).toBe('success');
			const [[item]] = result.outputs(NODE);
			expect(health(item)).toMatchObject({ model: 'custom', score: 56, category: 'critical' });
		}
	});

	it('reports a malformed custom model with the bad path, on every item', async () => {
		const result = await run('bad-model.workflow.json');
		const [items] = result.outputs(NODE);
		expect(items.map((item) => item.json.error)).toEqual([
			'Model (JSON) is invalid: components.0.weight: Number must be greater than 0 (got -1)',
			'Model (JSON) is invalid: components.0.weight: Number must be greater than 0 (got -1)',
		]);
	});

	it('fails the item under the "Fail the Item" missing-data policy, listing the fields', async () => {
		const result = await run('missing-fail.workflow.json');
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/^Item 0: Missing or unusable health metrics: days_since_last_login \(absent\), open_tickets \(absent\), avg_csat \(absent\)/,
		);
	});
});

describe('Output Detail: Summary', () => {
	it('gives the same score, grade, drivers and the rest, without the component breakdown', async () => {
		const full = loadWorkflow(__dirname, 'defaults.workflow.json');
		const summary = loadWorkflow(__dirname, 'defaults.workflow.json');
		const node = summary.nodes.find((candidate) => candidate.name === NODE)!;
		node.parameters = {
			...node.parameters,
			options: { ...(node.parameters.options as object), outputDetail: 'summary' },
		};
		const [fullItems] = (await runWorkflow(full, { nodeTypes })).outputs(NODE);
		const [summaryItems] = (await runWorkflow(summary, { nodeTypes })).outputs(NODE);
		expect(summaryItems).toHaveLength(fullItems.length);
		summaryItems.forEach((item, index) => {
			type Components = Array<Record<string, unknown> & { metrics: unknown[] }>;
			const expected = fullItems[index].json.health as Record<string, unknown> & {
				components: Components;
			};
			const got = item.json.health as Record<string, unknown> & { components: Components };
			expect(expected.components).toHaveLength(5);
			expect(got).toEqual({ ...expected, components: [] });
		});
	});
});
