import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CustomerLifecycleStage } from '../../../nodes/CustomerLifecycleStage/CustomerLifecycleStage.node';
import { createNodeTypes, runWorkflow } from '../harness';
import { oneNodeWorkflow } from '../oneNodeWorkflow';

/** Issue 11 through n8n-core: the item fails naming the item and the field; with Continue On Fail it carries `error`. */

const nodeTypes = createNodeTypes({ customerLifecycleStage: new CustomerLifecycleStage() });
const NODE = 'Lifecycle Stage';
const GOOD = {
	customer_id: 'good',
	lifecycle_stage: 'growing',
	health_score: 75,
	days_since_last_login: 1,
	nps_score: 8,
	signup_date: '2026-01-01',
};

async function run(items: IDataObject[], parameters: INodeParameters = {}, continueOnFail = false) {
	const options = {
		referenceTime: '2026-11-23T12:00:00Z',
		...((parameters.options as object) ?? {}),
	};
	return runWorkflow(
		oneNodeWorkflow('customerLifecycleStage', NODE, { ...parameters, options }, items, {
			continueOnFail,
		}),
		{ nodeTypes },
	);
}

describe.each<[string, IDataObject, INodeParameters, string]>([
	[
		'an NPS of 1e308',
		{ nps_score: 1e308 },
		{},
		'nps_score: must be a whole number from 0 to 10 (got 1e+308)',
	],
	[
		'a signup in 2099 in tenure mode (a negative tenure)',
		{ signup_date: '2099-01-01' },
		{ mode: 'tenure' },
		'signup_date: must be a past date, no more than 1 day after the reference time 2026-11-23T12:00:00.000Z (got "2099-01-01")',
	],
	[
		'Default Current Stage "later" from an expression',
		{ lifecycle_stage: null },
		{ options: { defaultStage: '={{ "later" }}' } },
		'Default Current Stage: must be one of trial, onboarding, adopting, growing, renewing, expanding, advocating, at_risk, churned (got "later")',
	],
])('item 1 with %s', (_, bad, parameters, message) => {
	// Tenure mode reads tenure stages: the good customer carries none.
	const good = parameters.mode === 'tenure' ? { ...GOOD, lifecycle_stage: null } : GOOD;

	it('stops the node with a NodeOperationError naming the item', async () => {
		const result = await run([good, { ...good, customer_id: 'bad', ...bad }], parameters);
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`Item 1: ${message}`);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(
			1,
		);
	});

	it('with Continue On Fail, leaves with the error instead of a result', async () => {
		const result = await run([good, { ...good, customer_id: 'bad', ...bad }], parameters, true);
		const items = result.outputs(NODE).flat();
		expect(
			items.map((item) => [
				item.json.customer_id,
				item.json.error ?? null,
				item.json.lifecycle === undefined,
			]),
		).toEqual([
			['good', null, false],
			['bad', message, true],
		]);
	});
});

it('Current Stage Field given as a number by an expression is named, not "stageField.trim is not a function"', async () => {
	const result = await run([GOOD], { stageField: '={{ 7 }}' });
	expect(result.error?.message).toBe(
		'Item 0: Current Stage Field: must be a field name or dotted path such as "customer", at most 256 characters (got 7)',
	);
});
