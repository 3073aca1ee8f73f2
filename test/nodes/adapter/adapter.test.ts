/**
 * The adapter itself, through n8n-core with a probe node built on it: the phases (assess → batch → finish), the rule
 * that the batch step records nothing when the node is about to stop, the memo of derived settings, several items
 * per input item, and failures in the later phases.
 */
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { defineNode, phased, type ItemResult } from '../../../nodes/shared/adapter';
import { createNodeTypes } from '../harness';
import { picture, runNode, type NodeUnderTest } from './build';

/** What the probe's phases saw, per execution. */
const seen = {
	batches: [] as Array<Array<[number, unknown]>>,
	builds: [] as unknown[],
	finished: [] as number[],
};

const PROBE = defineNode({
	outputs: [
		{
			when: { outputMode: 'byColour' },
			routes: [
				{ key: 'red', name: 'Red' },
				{ key: 'blue', name: 'Blue' },
			],
		},
	],
	pipeline(run) {
		const factorOf = run.derived({
			parameters: ['factor'],
			read: (scope) => scope.get<unknown>('factor', 1),
			build(raw) {
				seen.builds.push(raw);
				if (typeof raw !== 'number')
					throw Object.assign(new Error(`Factor: must be a number (got ${JSON.stringify(raw)})`), {
						parameter: 'Factor',
					});
				return raw;
			},
		});
		return phased<{ value: number }, string>({
			assess(item, scope) {
				if (item.json.bad)
					throw Object.assign(new Error(`value: ${String(item.json.bad)}`), { field: 'value' });
				return { value: Number(item.json.value) * factorOf(scope) };
			},
			async batch(assessed) {
				seen.batches.push(assessed.map(({ itemIndex, value }) => [itemIndex, value.value]));
				return assessed.map(({ value }) => `stamp-${value.value}`);
			},
			finish(item, { value }, stamp, scope) {
				seen.finished.push(scope.itemIndex);
				if (item.json.badLater) throw new Error('could not finish');
				const result = (suffix: string): ItemResult => ({
					json: { ...item.json, value, stamp: `${stamp}${suffix}` } as IDataObject,
					route: item.json.colour as string,
				});
				return item.json.twice ? [result('a'), result('b')] : result('');
			},
		});
	},
});

class AdapterProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Adapter Probe',
		name: 'adapterProbe',
		group: ['transform'],
		version: 1,
		description: 'A node built on the adapter, for its tests',
		defaults: { name: 'Adapter Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: PROBE.outputs,
		properties: [
			{
				displayName: 'Output',
				name: 'outputMode',
				type: 'options',
				noDataExpression: true,
				default: 'single',
				options: [
					{ name: 'Single', value: 'single' },
					{ name: 'By Colour', value: 'byColour' },
				],
			},
			{ displayName: 'Factor', name: 'factor', type: 'number', default: 1 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await PROBE.execute(this);
	}
}

const nodeTypes = createNodeTypes({ adapterProbe: new AdapterProbe() });
const probe = (
	parameters: NodeUnderTest['parameters'],
	onError?: NodeUnderTest['onError'],
): NodeUnderTest => ({ type: 'adapterProbe', name: 'Adapter Probe', parameters, onError });

beforeEach(() => {
	seen.batches = [];
	seen.builds = [];
	seen.finished = [];
});

const ITEMS: IDataObject[] = [
	{ customer_id: 'a', value: 1, colour: 'blue' },
	{ customer_id: 'b', bad: 'broken' },
	{ customer_id: 'c', value: 3, colour: 'red', twice: true },
];

describe('the phases', () => {
	it('assesses every item, runs the batch step once for those that passed, then finishes and routes them', async () => {
		const routed = await runNode(
			nodeTypes,
			probe({ outputMode: 'byColour', factor: 10 }, 'continueRegularOutput'),
			ITEMS,
		);
		expect(routed.result.status).toBe('success');
		expect(seen.batches).toEqual([
			[
				[0, 10],
				[2, 30],
			],
		]);
		expect(seen.finished).toEqual([0, 2]);
		expect(picture(routed)).toEqual({
			Red: [
				['c', null, { item: 2 }],
				['c', null, { item: 2 }],
			],
			Blue: [['a', null, { item: 0 }]],
			Failed: [['b', 'value: broken', { item: 1 }]],
		});
		expect(routed.byName.Red.map((item) => item.json.stamp)).toEqual(['stamp-30a', 'stamp-30b']);
	});

	it('records nothing when an item fails and the node is about to stop', async () => {
		const routed = await runNode(nodeTypes, probe({ outputMode: 'byColour' }), ITEMS);
		expect(routed.result.status).toBe('error');
		expect(routed.result.error?.message).toBe('Item 1: value: broken');
		expect(routed.result.error?.description).toBe('Check the field "value" of this item.');
		expect(seen.batches).toEqual([]);
		expect(seen.finished).toEqual([]);
	});

	it('runs the batch step with Continue (using error output) too: only stopping skips it', async () => {
		const routed = await runNode(
			nodeTypes,
			probe({ outputMode: 'byColour' }, 'continueErrorOutput'),
			ITEMS,
		);
		expect(seen.batches).toEqual([
			[
				[0, 1],
				[2, 3],
			],
		]);
		expect(picture(routed).Error).toEqual([['b', 'value: broken', { item: 1 }]]);
		expect(routed.byName.Error[0].json).toEqual({
			customer_id: 'b',
			bad: 'broken',
			error: 'value: broken',
		});
	});

	it('fails an item whose finish throws, or whose route has no output, by the failure policy', async () => {
		const items = [
			{ customer_id: 'a', value: 1, colour: 'blue', badLater: true },
			{ customer_id: 'b', value: 2, colour: 'green' },
			{ customer_id: 'c', value: 3, colour: 'red' },
		];
		const routed = await runNode(
			nodeTypes,
			probe({ outputMode: 'byColour' }, 'continueRegularOutput'),
			items,
		);
		expect(picture(routed)).toEqual({
			Red: [['c', null, { item: 2 }]],
			Blue: [],
			Failed: [
				['a', 'could not finish', { item: 0 }],
				['b', 'This node has no output for "green" (outputs: Red, Blue, Failed)', { item: 1 }],
			],
		});
		const stopped = await runNode(nodeTypes, probe({ outputMode: 'byColour' }), items);
		expect(stopped.result.error?.message).toBe('Item 0: could not finish');
	});

	it('sends every route to the single output when the node does not route', async () => {
		const routed = await runNode(nodeTypes, probe({}, 'continueRegularOutput'), ITEMS);
		expect(routed.names).toEqual(['main']);
		expect(picture(routed).main).toEqual([
			['a', null, { item: 0 }],
			['b', 'value: broken', { item: 1 }],
			['c', null, { item: 2 }],
			['c', null, { item: 2 }],
		]);
	});
});

describe('derived settings', () => {
	const items = [1, 2, 3, 4].map((value) => ({
		customer_id: `c${value}`,
		value,
		colour: 'red',
		factor: value % 2 === 0 ? 10 : 100,
	}));

	it('are built once per execution when their parameters hold no expression', async () => {
		await runNode(nodeTypes, probe({ factor: 5 }), items);
		expect(seen.builds).toEqual([5]);
	});

	it('are built once per distinct value when they do', async () => {
		const routed = await runNode(nodeTypes, probe({ factor: '={{ $json.factor }}' }), items);
		expect(seen.builds).toEqual([100, 10]);
		expect(routed.byName.main.map((item) => item.json.value)).toEqual([100, 20, 300, 40]);
	});

	it('remember a failed build: every item fails with it, without building again', async () => {
		const routed = await runNode(
			nodeTypes,
			probe({ factor: '={{ "ten" }}' }, 'continueRegularOutput'),
			items.slice(0, 2),
		);
		expect(seen.builds).toEqual(['ten']);
		expect(picture(routed).main.map(([, error]) => error)).toEqual([
			'Factor: must be a number (got "ten")',
			'Factor: must be a number (got "ten")',
		]);
		const stopped = await runNode(nodeTypes, probe({ factor: '={{ "ten" }}' }), items.slice(0, 2));
		expect(stopped.result.error?.message).toBe('Item 0: Factor: must be a number (got "ten")');
		expect(stopped.result.error?.description).toBe('Check the parameter "Factor" of this node.');
	});
});
