/**
 * Self-test of the node test harness (test/nodes/harness): proves that a workflow JSON runs
 * through n8n-core's real engine with our node types, as the node tests built on it assume.
 */
import type { NodeOperationError } from 'n8n-workflow';

import { createNodeTypes, loadWorkflow, resetProcessedData, runWorkflow } from './harness';
import { TestDouble } from './harness/fixtures/nodes/TestDouble.node';
import { TestRemember } from './harness/fixtures/nodes/TestRemember.node';

const fixtures = `${__dirname}/harness/fixtures`;
const nodeTypes = createNodeTypes({
	testDouble: new TestDouble(),
	testRemember: new TestRemember(),
});
const TRIGGER = 'When clicking ‘Execute workflow’';

describe('node test harness', () => {
	beforeEach(resetProcessedData);

	it('runs items through our node, evaluating expressions, onto each of its outputs with pairedItem', async () => {
		const result = await runWorkflow(loadWorkflow(fixtures, 'double.workflow.json'), { nodeTypes });

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.executedNodes).toEqual([TRIGGER, 'Double', 'Small', 'Large']);
		// The trigger emits its pinData; `value` is `={{ $json.x }}`, so each item is doubled.
		expect(result.outputs('Double')).toEqual([
			[
				{ json: { name: 'a', x: 1, doubled: 2 }, pairedItem: { item: 0 } },
				{ json: { name: 'c', x: 3, doubled: 6 }, pairedItem: { item: 2 } },
			],
			[{ json: { name: 'b', x: 7, doubled: 14 }, pairedItem: { item: 1 } }],
		]);
		// The sinks receive each output; n8n pairs their pass-through items with their own input.
		expect(result.outputs('Small')).toEqual([
			[
				{ json: { name: 'a', x: 1, doubled: 2 }, pairedItem: { item: 0 } },
				{ json: { name: 'c', x: 3, doubled: 6 }, pairedItem: { item: 1 } },
			],
		]);
		expect(result.outputs('Large')).toEqual([
			[{ json: { name: 'b', x: 7, doubled: 14 }, pairedItem: { item: 0 } }],
		]);
	});

	it('fails the run with the node error and its item index when a node throws', async () => {
		const workflow = loadWorkflow(fixtures, 'double.workflow.json');
		workflow.pinData![TRIGGER] = [{ json: { x: 1 } }, { json: { x: 500 } }];

		const result = await runWorkflow(workflow, { nodeTypes });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Value 500 is above the maximum 100');
		expect(result.error?.name).toBe('NodeOperationError');
		expect((result.error as NodeOperationError).context.itemIndex).toBe(1);
		expect(result.executedNodes).toEqual([TRIGGER, 'Double']);
		expect(result.runData.Double[0].error?.message).toBe('Value 500 is above the maximum 100');
		expect(() => result.outputs('Small')).toThrow('Node "Small" did not run');
		expect(() => result.outputs('Double')).toThrow('Value 500 is above the maximum 100');
	});

	it.each([
		['continueOnFail: true', { continueOnFail: true }],
		["onError: 'continueRegularOutput'", { onError: 'continueRegularOutput' as const }],
	])('keeps going with an error item when the node has %s', async (_label, setting) => {
		const workflow = loadWorkflow(fixtures, 'double.workflow.json');
		workflow.pinData![TRIGGER] = [{ json: { x: 500 } }, { json: { x: 8 } }];
		Object.assign(workflow.nodes.find((node) => node.name === 'Double')!, setting);

		const result = await runWorkflow(workflow, { nodeTypes });

		expect(result.status).toBe('success');
		expect(result.outputs('Double')).toEqual([
			[{ json: { x: 500, error: 'Value 500 is above the maximum 100' }, pairedItem: { item: 0 } }],
			[{ json: { x: 8, doubled: 16 }, pairedItem: { item: 1 } }],
		]);
	});

	it.each([
		['v1', ['Large', 'Small']],
		['v0', ['Small', 'Large']],
	])('honours the workflow settings (executionOrder %s)', async (executionOrder, branchOrder) => {
		// With "v1" n8n runs branches top to bottom on the canvas; legacy "v0" by output index.
		const workflow = loadWorkflow(fixtures, 'double.workflow.json');
		workflow.settings = { executionOrder: executionOrder as 'v1' | 'v0' };
		workflow.nodes.find((node) => node.name === 'Large')!.position = [440, -300];

		const result = await runWorkflow(workflow, { nodeTypes });

		expect(result.executedNodes).toEqual([TRIGGER, 'Double', ...branchOrder]);
	});

	it('evaluates parameters set on the node as n8n does', async () => {
		const workflow = loadWorkflow(fixtures, 'double.workflow.json');
		workflow.nodes.find((node) => node.name === 'Double')!.parameters.threshold =
			'={{ $json.x - 1 }}';

		const result = await runWorkflow(workflow, { nodeTypes });

		expect(result.outputs('Double')[0]).toEqual([]);
		expect(result.outputs('Double')[1].map((item) => item.json.doubled)).toEqual([2, 14, 6]);
	});

	it('uses pinData in manual mode only and can start from a named node', async () => {
		const workflow = loadWorkflow(fixtures, 'double.workflow.json');
		// A production run ignores pinData: the trigger stand-in emits one empty item.
		const production = await runWorkflow(workflow, { nodeTypes, mode: 'trigger' });
		expect(production.outputs(TRIGGER)).toEqual([[{ json: {}, pairedItem: { item: 0 } }]]);

		// Starting from a node n8n would not pick itself (e.g. a webhook trigger) with its pinData.
		workflow.pinData = { Double: [{ json: { doubled: 42 } }] };
		const fromDouble = await runWorkflow(workflow, { nodeTypes, startNode: 'Double' });
		expect(fromDouble.executedNodes).toEqual(['Double', 'Small']);
		expect(fromDouble.outputs('Small')).toEqual([
			[{ json: { doubled: 42 }, pairedItem: { item: 0 } }],
		]);
	});

	it('remembers processed data across two runs of the same workflow, until reset', async () => {
		const workflow = loadWorkflow(fixtures, 'remember.workflow.json');
		const first = await runWorkflow(workflow, { nodeTypes });
		expect(first.outputs('Remember')).toEqual([
			[
				{ json: { id: 'a' }, pairedItem: { item: 0 } },
				{ json: { id: 'b' }, pairedItem: { item: 1 } },
			],
			[],
		]);

		workflow.pinData![TRIGGER] = [{ json: { id: 'b' } }, { json: { id: 'c' } }];
		const second = await runWorkflow(workflow, { nodeTypes });
		expect(second.outputs('Remember')).toEqual([
			[{ json: { id: 'c' }, pairedItem: { item: 1 } }],
			[{ json: { id: 'b' }, pairedItem: { item: 0 } }],
		]);
		expect(second.executedNodes).toEqual([TRIGGER, 'Remember', 'New', 'Seen']);

		// Another workflow id has its own record.
		const other = await runWorkflow(workflow, { nodeTypes, workflowId: 'another-workflow' });
		expect(other.outputs('Remember')[1]).toEqual([]);

		resetProcessedData();
		const afterReset = await runWorkflow(workflow, { nodeTypes });
		expect(afterReset.outputs('Remember')[1]).toEqual([]);
	});

	it('rejects node types it does not know and registration keys that differ from the node name', async () => {
		const workflow = loadWorkflow(fixtures, 'double.workflow.json');
		await expect(runWorkflow(workflow)).rejects.toThrow(
			'Unknown node type "n8n-nodes-customer-success.testDouble"',
		);
		expect(() => createNodeTypes({ double: new TestDouble() })).toThrow(
			'differs from description.name',
		);
	});
});
