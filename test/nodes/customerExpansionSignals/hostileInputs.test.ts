import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CustomerExpansionSignals } from '../../../nodes/CustomerExpansionSignals/CustomerExpansionSignals.node';
import { createNodeTypes, runWorkflow } from '../harness';
import { oneNodeWorkflow } from '../oneNodeWorkflow';

/** Issue 11 through n8n-core: the item fails naming the item and the field; with Continue On Fail it carries `error`. */

const nodeTypes = createNodeTypes({ customerExpansionSignals: new CustomerExpansionSignals() });
const NODE = 'Expansion Signals';
const GOOD = {
	customer_id: 'good',
	plan: 'growth',
	mrr: 1200,
	seats: 12,
	usage_vs_limit: 0.9,
	nps_score: 9,
};

async function run(items: IDataObject[], parameters: INodeParameters = {}, continueOnFail = false) {
	const options = {
		referenceTime: '2026-11-23T09:00:00Z',
		...((parameters.options as object) ?? {}),
	};
	return runWorkflow(
		oneNodeWorkflow('customerExpansionSignals', NODE, { ...parameters, options }, items, {
			continueOnFail,
		}),
		{ nodeTypes },
	);
}

describe.each<[string, IDataObject, INodeParameters, string]>([
	[
		'an NPS of 12 (it made a promoter)',
		{ nps_score: 12 },
		{},
		'nps_score: must be a whole number from 0 to 10 (got 12)',
	],
	[
		'a negative mrr (a negative upsell value)',
		{ mrr: -1200 },
		{},
		'mrr: must be a number of 0 or more (got -1200)',
	],
	[
		'an mrr of 1e308 at twice the mrr (estimatedValue: Infinity)',
		{ mrr: 1e308 },
		{ options: { upsellShareOfMrr: 2 } },
		'estimatedValue of upsell: is not a finite amount for mrr 1e+308 at 200% of mrr (got Infinity)',
	],
	[
		'a renewal date in epoch seconds beyond 100 years',
		{ renewal_date: 9_999_999_999 },
		{},
		'renewal_date: must be a date within 100 years of the reference time 2026-11-23T09:00:00.000Z (got 9999999999)',
	],
])('item 1 with %s', (_, bad, parameters, message) => {
	it('stops the node with a NodeOperationError naming the item and the field', async () => {
		const result = await run([GOOD, { ...GOOD, customer_id: 'bad', ...bad }], parameters);
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`Item 1: ${message}`);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(
			1,
		);
	});

	it('with Continue On Fail, leaves with the error instead of a result', async () => {
		const result = await run([GOOD, { ...GOOD, customer_id: 'bad', ...bad }], parameters, true);
		expect(result.status).toBe('success');
		const items = result.outputs(NODE).flat();
		expect(
			items.map((item) => [
				item.json.customer_id,
				item.json.error ?? null,
				item.json.expansion === undefined,
				item.pairedItem,
			]),
		).toEqual([
			['good', null, false, { item: 0 }],
			['bad', message, true, { item: 1 }],
		]);
	});
});

it('Customer Record Path given as a number by an expression is named, not "path.trim is not a function"', async () => {
	const result = await run([GOOD], { customerPath: '={{ 42 }}' });
	expect(result.error?.message).toBe(
		'Item 0: Customer Record Path: must be a field name or dotted path such as "customer", at most 256 characters (got 42)',
	);
});
