import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { previewValue } from '../../src/shared/preview';

/**
 * One loop for every node of the package: runs `handle` per item, keeps `pairedItem`, routes to an output,
 * and turns domain errors into NodeOperationError naming the item (or, with Continue On Fail, into an item that
 * keeps its fields and carries `error`, so nothing is silently dropped).
 */
export interface ItemOutcome {
	json: IDataObject;
	/** Output index; 0 when the node has one output. */
	output?: number;
}

export function processItems(
	context: IExecuteFunctions,
	outputCount: number,
	handle: (item: INodeExecutionData, itemIndex: number) => ItemOutcome | ItemOutcome[],
): INodeExecutionData[][] {
	const items = context.getInputData();
	const outputs: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item = items[itemIndex];
		try {
			const outcome = handle(item, itemIndex);
			for (const { json, output = 0 } of Array.isArray(outcome) ? outcome : [outcome]) {
				outputs[output].push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const message = messageOf(error);
			if (context.continueOnFail()) {
				outputs[0].push({
					json: { ...item.json, error: message },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw new NodeOperationError(context.getNode(), error as Error, {
				itemIndex,
				message: `Item ${itemIndex}: ${message}`,
				description: describeCause(error),
			});
		}
	}
	return outputs;
}

/**
 * The error's message for the item. A stack overflow is never shown as such: it can only come from data nested too
 * deeply or containing itself (the readers check the usual places), so the message says that.
 */
export function messageOf(error: unknown): string {
	if (error instanceof RangeError && /call stack/i.test(error.message)) {
		return 'a value of this item or of a parameter is nested too deeply or contains itself: give plain JSON nested at most 64 levels';
	}
	if (error instanceof Error) return error.message;
	return typeof error === 'string' ? error : previewValue(error);
}

function describeCause(error: unknown): string | undefined {
	const parameter = (error as { parameter?: unknown })?.parameter;
	if (typeof parameter === 'string' && parameter !== '')
		return `Check the parameter "${parameter}" of this node.`;
	const field = (error as { field?: unknown })?.field;
	return typeof field === 'string' && field !== ''
		? `Check the field ${previewValue(field)} of this item.`
		: undefined;
}
