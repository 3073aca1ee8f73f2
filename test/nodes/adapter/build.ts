/**
 * Builds the workflows of the adapter tests in code: a manual trigger with the given items pinned, the node under
 * test, and a No Operation sink on every output n8n gives it (its names resolved by n8n's own NodeHelpers, so with
 * `continueErrorOutput` the Error output n8n adds is there too).
 */
import {
	NodeHelpers,
	Workflow,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeTypes,
} from 'n8n-workflow';

import { PACKAGE_NAME, runWorkflow, type WorkflowJson, type WorkflowRunResult } from '../harness';

export const TRIGGER = "When clicking 'Execute workflow'";

export type OnError = 'continueRegularOutput' | 'continueErrorOutput' | undefined;

export interface NodeUnderTest {
	/** description.name, e.g. customerHealthScore */
	type: string;
	name: string;
	parameters: INodeParameters;
	onError?: OnError;
}

function nodeOf(spec: NodeUnderTest): INode {
	return {
		id: 'under-test',
		name: spec.name,
		type: `${PACKAGE_NAME}.${spec.type}`,
		typeVersion: 1,
		position: [220, 0],
		parameters: structuredClone(spec.parameters),
		...(spec.onError ? { onError: spec.onError } : {}),
	};
}

/** The display names of the node's outputs as n8n resolves them (the single unnamed output is "main"). */
export function outputNamesOf(nodeTypes: INodeTypes, spec: NodeUnderTest): string[] {
	const node = nodeOf(spec);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const description = nodeTypes.getByNameAndVersion(node.type, 1).description;
	return NodeHelpers.getNodeOutputs(workflow, node, description).map((output) =>
		typeof output === 'string' ? output : (output.displayName ?? output.type),
	);
}

export function workflowFor(
	nodeTypes: INodeTypes,
	spec: NodeUnderTest,
	items: IDataObject[],
): WorkflowJson {
	const names = outputNamesOf(nodeTypes, spec);
	const sinks: INode[] = names.map((name, index) => ({
		id: `sink-${index}`,
		name: `→ ${name}`,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [460, index * 120],
		parameters: {},
	}));
	return {
		id: `adapter-${spec.type}`,
		name: `Adapter test: ${spec.name}`,
		nodes: [
			{
				id: 'trigger',
				name: TRIGGER,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			nodeOf(spec),
			...sinks,
		],
		connections: {
			[TRIGGER]: { main: [[{ node: spec.name, type: 'main', index: 0 }]] },
			[spec.name]: { main: sinks.map((sink) => [{ node: sink.name, type: 'main', index: 0 }]) },
		},
		pinData: { [TRIGGER]: items.map((json) => ({ json })) },
		settings: { executionOrder: 'v1' },
	};
}

export interface Routed {
	result: WorkflowRunResult;
	/** Output display names in index order. */
	names: string[];
	/** The node's items per output name. */
	byName: Record<string, INodeExecutionData[]>;
}

/** Runs the node on the items and returns its items per output name. */
export async function runNode(
	nodeTypes: INodeTypes,
	spec: NodeUnderTest,
	items: IDataObject[],
): Promise<Routed> {
	const names = outputNamesOf(nodeTypes, spec);
	if (new Set(names).size !== names.length)
		throw new Error(`runNode: the outputs of "${spec.name}" share names: ${names.join(', ')}`);
	const result = await runWorkflow(workflowFor(nodeTypes, spec, items), { nodeTypes });
	const byName: Record<string, INodeExecutionData[]> = {};
	if (result.status === 'success') {
		const outputs = result.outputs(spec.name);
		names.forEach((name, index) => {
			byName[name] = outputs[index] ?? [];
		});
		// Each sink got exactly what its output carried.
		names.forEach((name) => {
			const sink = result.runData[`→ ${name}`]?.[0]?.data?.main?.[0] ?? [];
			expect(sink.map((item) => item.json)).toEqual(byName[name].map((item) => item.json));
		});
	}
	return { result, names, byName };
}

/** A compact picture of the items on each output: [customer_id, error message or null, pairedItem]. */
export function picture(
	routed: Routed,
	id = 'customer_id',
): Record<string, Array<[unknown, unknown, unknown]>> {
	return Object.fromEntries(
		Object.entries(routed.byName).map(([name, items]) => [
			name,
			items.map((item): [unknown, unknown, unknown] => [
				item.json[id] ?? null,
				item.json.error ?? null,
				item.pairedItem,
			]),
		]),
	);
}
