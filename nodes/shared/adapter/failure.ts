import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IPairedItemData,
} from 'n8n-workflow';

import { previewValue } from '../../../src/shared/preview';
import type { ResolvedOutputs } from './routes';

/**
 * What happens to an item that fails, the same for every node: a failed item never leaves by an output that means
 * "all is well".
 *
 * - Stop (no Continue On Fail): the node stops with a NodeOperationError naming the item ("Item 3: …", `itemIndex`)
 *   and, in its description, the field or parameter to check.
 * - *Continue (using error output)*: the item (its input fields plus `error`, the message) leaves by the Error
 *   output n8n adds to the node: n8n-core (WorkflowExecute.handleNodeErrorOutput) moves it there, keeping
 *   `pairedItem` (see `failed`).
 * - *Continue (regular output)*: the same item leaves by the node's "Failed" output when the node routes (one output
 *   per tier, category, segment, stage…), else by its single output.
 */

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

/** "Check the parameter …" / "Check the field …": where the user should look, when the error says. */
export function describeCause(error: unknown): string | undefined {
	const parameter = (error as { parameter?: unknown })?.parameter;
	if (typeof parameter === 'string' && parameter !== '')
		return `Check the parameter "${parameter}" of this node.`;
	const field = (error as { field?: unknown })?.field;
	return typeof field === 'string' && field !== ''
		? `Check the field ${previewValue(field)} of this item.`
		: undefined;
}

/** The error of a failed item: "Item N: message", with the item index and what to check. */
export function itemError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeOperationError {
	// n8n would hand back a NodeOperationError unchanged, without the item's number: wrap its message instead.
	const source =
		error instanceof Error && !(error instanceof NodeOperationError) ? error : messageOf(error);
	const own = (error as { description?: unknown })?.description;
	return new NodeOperationError(context.getNode(), source, {
		itemIndex,
		message: `Item ${itemIndex}: ${messageOf(error)}`,
		description: describeCause(error) ?? (typeof own === 'string' && own !== '' ? own : undefined),
	});
}

/** An error that is not about one item (a whole batch, a store): its message, and what to check when it says. */
export function nodeError(context: IExecuteFunctions, error: unknown): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(
		context.getNode(),
		error instanceof Error ? error : messageOf(error),
		{
			message: messageOf(error),
			description: describeCause(error),
		},
	);
}

export class FailurePolicy {
	/** Whether failed items are passed on rather than stopping the node. */
	readonly continues: boolean;
	/** Whether they go to n8n's Error output (Continue (using error output)). */
	readonly toErrorOutput: boolean;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly outputs: ResolvedOutputs,
	) {
		this.continues = context.continueOnFail();
		this.toErrorOutput = this.continues && context.getNode().onError === 'continueErrorOutput';
	}

	/** The error to stop the node with. */
	stop(error: unknown, itemIndex: number): NodeOperationError {
		return itemError(this.context, error, itemIndex);
	}

	/**
	 * The item to pass on for a failed input item, and its output: the input's fields plus `error` (the message),
	 * paired with it.
	 *
	 * For the Error output the item is returned as `{ error }` alone: n8n-core (handleNodeErrorOutput) moves an item
	 * whose json holds only `error`/`message`/`details` to the Error output and merges the paired input item's fields
	 * back into it, so it arrives exactly as on Failed. An item carrying an `error` object is moved as well, but
	 * n8n-core then replaces its json with `{ error: error.message }` (normalizeNodeErrors), dropping every field of
	 * the customer: not used.
	 */
	failed(
		json: INodeExecutionData['json'],
		error: unknown,
		pairedItem: IPairedItemData | IPairedItemData[],
	): { output: number; item: INodeExecutionData } {
		const message = messageOf(error);
		const item: INodeExecutionData = {
			json: this.toErrorOutput ? { error: message } : { ...json, error: message },
			pairedItem,
		};
		return { output: this.outputs.failedIndex, item };
	}
}
