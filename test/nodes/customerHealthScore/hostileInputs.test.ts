import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CustomerHealthScore } from '../../../nodes/CustomerHealthScore/CustomerHealthScore.node';
import { createNodeTypes, runWorkflow } from '../harness';
import { oneNodeWorkflow } from '../oneNodeWorkflow';
import { PERFECT_METRICS } from '../../fixtures/healthMetrics';

/**
 * Issue 11 through n8n-core: an impossible value, a non-finite model and a parameter an expression made hostile each
 * fail the item with a NodeOperationError naming the item and the field or parameter; with Continue On Fail the item
 * leaves with `error` instead of `health`, and the others are scored.
 */

const nodeTypes = createNodeTypes({ customerHealthScore: new CustomerHealthScore() });
const NODE = 'Customer Health Score';
const REFERENCE = { referenceTime: '2026-11-23T09:00:00Z' };
const GOOD = { customer_id: 'good', ...PERFECT_METRICS };

async function run(items: IDataObject[], parameters: INodeParameters = {}, continueOnFail = false) {
	const options = { ...REFERENCE, ...((parameters.options as object) ?? {}) };
	return runWorkflow(
		oneNodeWorkflow('customerHealthScore', NODE, { ...parameters, options }, items, {
			continueOnFail,
		}),
		{ nodeTypes },
	);
}

describe.each<[string, IDataObject, string]>([
	[
		'an NPS of 1e308 (it scored like a 10)',
		{ nps_score: 1e308 },
		'nps_score: must be a whole number from 0 to 10 (got 1e+308)',
	],
	[
		'-5 open tickets (they scored like 0)',
		{ open_tickets: -5 },
		'open_tickets: must be a whole number of 0 or more (got -5)',
	],
	[
		'a DAU/MAU ratio of 12 (a perfect ratio)',
		{ dau_mau_ratio: 12 },
		'dau_mau_ratio: must be a number from 0 to 1 (got 12)',
	],
	[
		'"0x1F" conversations (read as 31)',
		{ conversations_per_week: '0x1F' },
		'conversations_per_week: must be a number of 0 or more (got "0x1F")',
	],
	[
		'a login in 2099 (negative days, a perfect score)',
		{ days_since_last_login: null, last_login_at: '2099-01-01T00:00:00Z' },
		'last_login_at: must be a past date, no more than 1 day after the reference time 2026-11-23T09:00:00.000Z (got "2099-01-01T00:00:00Z")',
	],
	[
		'a login at +99:00',
		{ days_since_last_login: null, last_login_at: '2026-11-20T09:00:00+99:00' },
		'last_login_at: must have a UTC offset from -14:00 to +14:00 (got "2026-11-20T09:00:00+99:00")',
	],
])('item 1 with %s', (_, bad, message) => {
	it('stops the node with a NodeOperationError naming the item and the field', async () => {
		const result = await run([GOOD, { ...GOOD, customer_id: 'bad', ...bad }]);
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`Item 1: ${message}`);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(
			1,
		);
	});

	it('with Continue On Fail, leaves with the error instead of a score; the others are scored', async () => {
		const result = await run([GOOD, { ...GOOD, customer_id: 'bad', ...bad }, GOOD], {}, true);
		expect(result.status).toBe('success');
		const items = result.outputs(NODE).flat();
		const bad1 = items.find((item) => item.json.customer_id === 'bad');
		expect(bad1?.json).toMatchObject({ error: message });
		expect(bad1?.json.health).toBeUndefined();
		expect(bad1?.pairedItem).toEqual({ item: 1 });
		expect(
			items
				.filter((item) => item.json.customer_id === 'good')
				.map((item) => (item.json.health as IDataObject).score),
		).toEqual([100, 100]);
	});
});

describe('parameters an expression made hostile (classes 2 and 3)', () => {
	it.each<[string, INodeParameters, string]>([
		[
			'Customer Record Path as a number ("path.trim is not a function")',
			{ customerPath: '={{ 5 }}' },
			'Customer Record Path: must be a field name or dotted path such as "customer", at most 256 characters (got 5)',
		],
		[
			'Minimum Coverage "abc" (every customer was insufficient_data)',
			{ options: { minCoverage: '={{ "abc" }}' } },
			'Minimum Coverage: must be a number from 0 to 1 (got "abc")',
		],
		[
			'a custom model that contains itself',
			{
				model: 'customJson',
				modelJson: '={{ (() => { const m = { id: "loop" }; m.components = [m]; return m; })() }}',
			},
			'Model (JSON): the expression gives data nested too deeply or containing itself; give plain JSON nested at most 64 levels',
		],
		[
			'a custom model nested 10,000 deep',
			{
				model: 'customJson',
				modelJson: '={{ Array.from({ length: 10000 }).reduce((inner) => [inner], []) }}',
			},
			'Model (JSON): the expression gives data nested too deeply or containing itself; give plain JSON nested at most 64 levels',
		],
		[
			'a model weight of 1e308 (the score was Infinity and "healthy")',
			{
				model: 'customJson',
				modelJson:
					'={{ { "components": [{ "key": "u", "name": "U", "weight": 1e308, "metrics": [{ "key": "nps_score", "type": "higher", "ideal": 10, "weight": 1 }] }] } }}',
			},
			'Model (JSON) is invalid: components.0.weight: Number must be less than or equal to 1000000 (got 1e+308)',
		],
		[
			'a UI table row whose name is null ("Cannot read properties of null")',
			{ model: 'customUi', components: { component: [{ name: '={{ null }}', weight: 1 }] } },
			'Custom model: component 1: name must be text (got null)',
		],
	])('%s fails naming the parameter and the value', async (_, parameters, message) => {
		const result = await run([GOOD], parameters);
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`Item 0: ${message}`);
		const stopped = await run([GOOD], parameters, true);
		expect(
			stopped
				.outputs(NODE)
				.flat()
				.map((item) => [item.json.error, item.json.health]),
		).toEqual([[message, undefined]]);
	});
});
