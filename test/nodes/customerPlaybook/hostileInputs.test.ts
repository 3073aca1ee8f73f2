import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CustomerPlaybook } from '../../../nodes/CustomerPlaybook/CustomerPlaybook.node';
import { createNodeTypes, runWorkflow } from '../harness';
import { oneNodeWorkflow } from '../oneNodeWorkflow';

/** Issue 11 through n8n-core: the item fails naming the item and the parameter; with Continue On Fail it carries `error`. */

const nodeTypes = createNodeTypes({ customerPlaybook: new CustomerPlaybook() });
const NODE = 'CS Playbook';
const BASE: INodeParameters = { playbook: 'save.no_login_7_days', outputMode: 'allSteps' };

async function run(items: IDataObject[], parameters: INodeParameters, continueOnFail = false) {
	return runWorkflow(
		oneNodeWorkflow('customerPlaybook', NODE, { ...BASE, ...parameters }, items, {
			continueOnFail,
		}),
		{ nodeTypes },
	);
}

describe.each<[string, INodeParameters, string]>([
	[
		'a Start Time at the end of luxon’s dates (dueAt: null)',
		{ options: { referenceTime: '={{ $json.start }}' } },
		'Start Time: must be a date from the year 1900 to 9999 (got "+200000-01-01")',
	],
	[
		'custom playbooks that contain themselves',
		{
			options: {
				customPlaybooks:
					'={{ (() => { const p = { id: "loop" }; p.steps = [p]; return [p]; })() }}',
			},
		},
		'Custom Playbooks (JSON): the expression gives data nested too deeply or containing itself; give plain JSON nested at most 64 levels',
	],
	[
		'custom playbooks nested 10,000 deep',
		{
			options: {
				customPlaybooks: '={{ Array.from({ length: 10000 }).reduce((inner) => [inner], []) }}',
			},
		},
		'Custom Playbooks (JSON): the expression gives data nested too deeply or containing itself; give plain JSON nested at most 64 levels',
	],
])('%s', (_, parameters, message) => {
	const items = [{ customer_id: 'bad', start: '+200000-01-01' }];

	it('stops the node with a NodeOperationError naming the item', async () => {
		const result = await run(items, parameters);
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`Item 0: ${message}`);
	});

	it('with Continue On Fail, leaves with the error instead of a plan', async () => {
		const result = await run(items, parameters, true);
		expect(
			result
				.outputs(NODE)
				.flat()
				.map((item) => [item.json.error, item.json.playbook]),
		).toEqual([[message, undefined]]);
	});
});
