/**
 * The node registry the harness hands to n8n's `Workflow`: our node classes under their
 * package type name, plus test-only stand-ins for the few n8n-nodes-base nodes fixtures use
 * (n8n-nodes-base itself is too heavy to install).
 */
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';

import { name as PACKAGE_NAME } from '../../../package.json';

export { PACKAGE_NAME };

/** `n8n-nodes-base.manualTrigger` stand-in: starts the run with one empty item (or its pinData). */
class ManualTriggerStandIn implements INodeType {
	description: INodeType['description'] = {
		displayName: 'When clicking ‘Execute workflow’ (test stand-in)',
		name: 'manualTrigger',
		group: ['trigger', 'input'],
		version: 1,
		description: 'Test stand-in for n8n-nodes-base.manualTrigger',
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	// The real node uses trigger() + emit(); WorkflowExecute starts it with `[{ json: {} }]` as
	// input, so passing that input through gives the same single empty item.
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item) => ({ json: item.json }))];
	}
}

/** `n8n-nodes-base.noOp` stand-in: passes its items through unchanged (a sink for an output). */
class NoOpStandIn implements INodeType {
	description: INodeType['description'] = {
		displayName: 'No Operation, do nothing (test stand-in)',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'Test stand-in for n8n-nodes-base.noOp',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/** `n8n-nodes-base.stickyNote` stand-in: never runs, only lets fixtures keep their notes. */
class StickyNoteStandIn implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Sticky Note (test stand-in)',
		name: 'stickyNote',
		group: ['input'],
		version: [1, 2],
		description: 'Test stand-in for n8n-nodes-base.stickyNote',
		defaults: { name: 'Sticky Note' },
		inputs: [],
		outputs: [],
		properties: [],
	};
}

const BASE_STAND_INS: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTriggerStandIn(),
	'n8n-nodes-base.noOp': new NoOpStandIn(),
	'n8n-nodes-base.stickyNote': new StickyNoteStandIn(),
};

/**
 * Registers each node under `n8n-nodes-customer-success.<key>`, the type name n8n gives a
 * community package's node and the one workflow JSON refers to. The key must equal the
 * node's `description.name` (checked, so a typo fails loudly instead of at run time).
 */
export function createNodeTypes(
	nodeClasses: Record<string, INodeType | IVersionedNodeType> = {},
): INodeTypes {
	const byType: Record<string, INodeType | IVersionedNodeType> = { ...BASE_STAND_INS };
	for (const [name, nodeType] of Object.entries(nodeClasses)) {
		if (nodeType.description.name !== name) {
			throw new Error(
				`createNodeTypes: key "${name}" differs from description.name "${nodeType.description.name}"`,
			);
		}
		byType[`${PACKAGE_NAME}.${name}`] = nodeType;
	}

	const get = (type: string) => {
		const nodeType = byType[type];
		if (!nodeType) {
			throw new Error(
				`Unknown node type "${type}" in the test workflow. Known: ${Object.keys(byType).join(', ')}`,
			);
		}
		return nodeType;
	};

	return {
		getByName: (type) => get(type),
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(get(type), version),
		getKnownTypes: () =>
			Object.fromEntries(
				Object.keys(byType).map((type) => [type, { className: type, sourcePath: '' }]),
			),
	};
}
