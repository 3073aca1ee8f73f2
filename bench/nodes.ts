/**
 * The nodes through n8n-core's real execution (test/nodes/harness: WorkflowExecute, real contexts and parameters), on
 * the same customers as the pure cores: a node must stay within 1.5x of its core. The node's own time is the
 * executionTime n8n records for it.
 */
import type { INodeType } from 'n8n-workflow';

import { createNodeTypes, runWorkflow, type WorkflowJson } from '../test/nodes/harness';
import {
	BENCH_REFERENCE_TIME,
	BENCH_ZONE,
	EMAIL_PARAMETERS,
	REENGAGEMENT_VARIABLES,
	withChurn,
	withHealth,
	withLastSurvey,
} from './inputs';
import { collectGarbage, record } from './measure';

/** A node class from the build (dist/), which is what n8n loads. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const built = <T>(file: string): T => require(`../dist/nodes/${file}`) as T;

/** A new instance of a node class from the build, by its class name (dist/nodes/<Name>/<Name>.node.js). */
export const builtNode = (name: string): INodeType =>
	new (built<Record<string, new () => INodeType>>(`${name}/${name}.node.js`)[name])();

export interface NodeBenchmark {
	/** The core benchmark (cores.ts) it is compared with. */
	core: string;
	/** Key under n8n-nodes-customer-success.<key>, and the class. */
	key: string;
	node: () => INodeType;
	parameters: Record<string, unknown>;
	/** The items the node reads, when it runs after other nodes (see inputs.ts); the records themselves otherwise. */
	input?: (records: Array<Record<string, unknown>>) => Array<Record<string, unknown>>;
	/** A node that answers with one item for the batch copies no item: its floor is the pass-through node's. */
	floor?: 'passThrough' | 'copy';
}

/** The Reference Time and Time Zone options every benchmark fixes, for reproducible runs. */
const FIXED_TIME = { referenceTime: BENCH_REFERENCE_TIME, timezone: BENCH_ZONE };

export const NODE_BENCHMARKS: NodeBenchmark[] = [
	{
		core: 'health score (default model, complete records)',
		key: 'customerHealthScore',
		node: () => builtNode('CustomerHealthScore'),
		parameters: { options: { referenceTime: '2026-12-01T12:00:00Z', timezone: 'UTC' } },
	},
	{
		core: 'churn signals (every built-in signal, after Health Score)',
		key: 'customerChurnSignals',
		node: () => builtNode('CustomerChurnSignals'),
		parameters: { options: FIXED_TIME },
		input: withHealth,
	},
	{
		core: 'expansion signals (default settings, after Health Score)',
		key: 'customerExpansionSignals',
		node: () => builtNode('CustomerExpansionSignals'),
		parameters: { options: FIXED_TIME },
		input: withHealth,
	},
	{
		core: 'lifecycle stage (transitions, after Health Score)',
		key: 'customerLifecycleStage',
		node: () => builtNode('CustomerLifecycleStage'),
		parameters: { mode: 'transitions', options: FIXED_TIME },
		input: withHealth,
	},
	{
		core: 'nps classify (responses due from the reference time)',
		key: 'customerNps',
		node: () => builtNode('CustomerNps'),
		parameters: { mode: 'classify', options: FIXED_TIME },
	},
	{
		core: 'nps aggregate (one batch)',
		key: 'customerNps',
		node: () => builtNode('CustomerNps'),
		parameters: { mode: 'aggregate', options: {} },
		floor: 'passThrough',
	},
	{
		core: 'nps survey throttle (two in three surveyed in the last 180 days)',
		key: 'customerNps',
		node: () => builtNode('CustomerNps'),
		parameters: { mode: 'throttle', minDaysBetweenSurveys: 90, options: FIXED_TIME },
		input: withLastSurvey,
	},
	{
		core: 'cs playbook (from churn.playbook, after Churn Signals)',
		key: 'customerPlaybook',
		node: () => builtNode('CustomerPlaybook'),
		parameters: { playbook: 'fromField', options: FIXED_TIME },
		input: withChurn,
	},
	{
		core: 'cs email template (reengagement_7_days, lenient, after Churn Signals)',
		key: 'customerEmailTemplate',
		node: () => builtNode('CustomerEmailTemplate'),
		parameters: {
			template: 'reengagement_7_days',
			...EMAIL_PARAMETERS,
			extraVariables: { variable: REENGAGEMENT_VARIABLES },
			missingVariables: 'lenient',
			options: FIXED_TIME,
		},
		input: withChurn,
	},
];

/** Trigger (pinned items) -> the node(s) in a row. */
export function chainWorkflow(
	steps: Array<{ name: string; key: string; parameters: Record<string, unknown> }>,
	items: Array<Record<string, unknown>>,
): WorkflowJson {
	const nodes = [
		{
			id: 'trigger',
			name: 'Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		},
		...steps.map((step, index) => ({
			id: `n${index}`,
			name: step.name,
			type: `n8n-nodes-customer-success.${step.key}`,
			typeVersion: 1,
			position: [(index + 1) * 200, 0] as [number, number],
			parameters: step.parameters,
		})),
	];
	const connections: WorkflowJson['connections'] = {};
	nodes.slice(0, -1).forEach((node, index) => {
		connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	});
	return {
		id: 'bench',
		name: 'bench',
		nodes: nodes as WorkflowJson['nodes'],
		connections,
		settings: { executionOrder: 'v1' },
		pinData: { Trigger: items.map((json) => ({ json })) } as WorkflowJson['pinData'],
	};
}

/** Runs a workflow `runs` times (after a warm-up) and returns each node's median executionTime in ms. */
export async function nodeTimes(
	workflow: WorkflowJson,
	nodeTypes: ReturnType<typeof createNodeTypes>,
	runs: number,
): Promise<Map<string, number>> {
	const samples = new Map<string, number[]>();
	for (let run = 0; run <= runs; run++) {
		collectGarbage();
		const result = await runWorkflow(workflow, { nodeTypes });
		if (result.status !== 'success')
			throw new Error(`benchmark workflow failed: ${result.error?.message}`);
		if (run === 0) continue;
		for (const [name, tasks] of Object.entries(result.runData)) {
			if (name === 'Trigger') continue;
			samples.set(name, [...(samples.get(name) ?? []), tasks[0].executionTime]);
		}
	}
	const medians = new Map<string, number>();
	for (const [name, values] of samples)
		medians.set(name, [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]);
	return medians;
}

/**
 * What n8n-core and n8n's item convention cost before a node does any work of its own: a node that passes its items
 * on (n8n-core's per-item bookkeeping: paired-item lineage, output checks), and one that adds a field to a copy of
 * each item, as every node of this package must (an item's json belongs to the node that made it).
 */
function floorNode(name: string, copy: boolean): INodeType {
	return {
		description: {
			displayName: name,
			name,
			group: ['transform'],
			version: 1,
			description: 'benchmark floor',
			defaults: { name },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute() {
			const items = this.getInputData();
			return [
				items.map((item, index) => ({
					json: copy ? { ...item.json, floor: true } : item.json,
					pairedItem: { item: index },
				})),
			];
		},
	} as INodeType;
}

async function benchFloor(
	records: Array<Record<string, unknown>>,
	runs: number,
): Promise<Record<'passThrough' | 'copy', number>> {
	const floors = { passThrough: 0, copy: 0 };
	for (const [key, copy, label] of [
		['benchPassThrough', false, 'n8n-core floor: a node that passes its items on'],
		['benchCopyItem', true, 'n8n-core floor: a node that adds one field to a copy of each item'],
	] as const) {
		const nodeTypes = createNodeTypes({ [key]: floorNode(key, copy) });
		const times = await nodeTimes(
			chainWorkflow([{ name: 'Node', key, parameters: {} }], withHealth(records)),
			nodeTypes,
			runs,
		);
		const ms = times.get('Node') as number;
		floors[copy ? 'copy' : 'passThrough'] = ms;
		record({
			group: 'node in n8n-core',
			name: label,
			value: (records.length / ms) * 1000,
			unit: 'customers/s',
			note: `${Math.round(ms)} ms for ${records.length.toLocaleString('en-US')} items after Health Score`,
		});
	}
	return floors;
}

export async function benchNodes(
	records: Array<Record<string, unknown>>,
	coreRates: Map<string, number>,
	runs: number,
): Promise<void> {
	const floors = await benchFloor(records, runs);
	for (const benchmark of NODE_BENCHMARKS) {
		const nodeTypes = createNodeTypes({ [benchmark.key]: benchmark.node() });
		const items = benchmark.input ? benchmark.input(records) : records;
		const times = await nodeTimes(
			chainWorkflow(
				[{ name: 'Node', key: benchmark.key, parameters: benchmark.parameters }],
				items,
			),
			nodeTypes,
			runs,
		);
		const nodeMs = times.get('Node') as number;
		const rate = (records.length / nodeMs) * 1000;
		const core = coreRates.get(benchmark.core);
		const ratio = core ? core / rate : NaN;
		// The node's time less its floor, against the core: what the adapter itself adds.
		const floor = benchmark.floor ?? 'copy';
		const ownRatio = core ? ((nodeMs - floors[floor]) / 1000) * (core / records.length) : NaN;
		record({
			group: 'node in n8n-core',
			name:
				benchmark.key === 'customerNps'
					? `customerNps (${String(benchmark.parameters.mode)})`
					: benchmark.key,
			value: rate,
			unit: 'customers/s',
			note: `${ratio.toFixed(2)}x the pure core's time; goal ≤ 1.5x (${ownRatio.toFixed(2)}x without the ${floor === 'copy' ? 'copy' : 'pass-through'} floor)`,
			met: ratio <= 1.5,
		});
	}
}
