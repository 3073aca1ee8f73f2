import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from './harness';

/**
 * A workflow of one node of ours between a manual trigger (whose pinned items are the input) and a No Operation on
 * each output, for tests that feed a node hostile items or parameters without a JSON fixture per case.
 */
export function oneNodeWorkflow(
	type: string,
	name: string,
	parameters: INodeParameters,
	items: IDataObject[],
	options: { continueOnFail?: boolean; outputs?: number } = {},
): WorkflowJson {
	const trigger = "When clicking 'Execute workflow'";
	const outputs = options.outputs ?? 1;
	const sinks = Array.from({ length: outputs }, (_, index) => `Output ${index}`);
	return {
		name: `${name} hostile inputs`,
		id: `hostile-${type}`,
		nodes: [
			{
				parameters: {},
				id: 't',
				name: trigger,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
			},
			{
				parameters,
				id: 'n',
				name,
				type: `n8n-nodes-customer-success.${type}`,
				typeVersion: 1,
				position: [220, 0],
				...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
			...sinks.map((sink, index) => ({
				parameters: {},
				id: `o${index}`,
				name: sink,
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [460, index * 200] as [number, number],
			})),
		],
		connections: {
			[trigger]: { main: [[{ node: name, type: 'main', index: 0 }]] },
			[name]: { main: sinks.map((sink) => [{ node: sink, type: 'main', index: 0 }]) },
		},
		pinData: { [trigger]: items.map((json) => ({ json })) },
		settings: { executionOrder: 'v1' },
	};
}
