import type { INodeExecutionData } from 'n8n-workflow';

import { FailurePolicy, itemError, nodeError } from './failure';
import type { Assessed, ItemPipeline, ItemResult, SummaryPipeline } from './pipeline';
import type { ResolvedOutputs } from './routes';
import type { Run } from './run';

type Outputs = INodeExecutionData[][];

function emptyOutputs(outputs: ResolvedOutputs): Outputs {
	return Array.from({ length: outputs.count }, () => []);
}

/** Runs assess → batch → finish over the input items, routing each result and applying the failure policy. */
export async function runItems(
	run: Run,
	pipeline: ItemPipeline,
	outputs: ResolvedOutputs,
): Promise<Outputs> {
	const items = run.context.getInputData();
	const policy = new FailurePolicy(run.context, outputs);
	const result = emptyOutputs(outputs);

	/** Without Continue On Fail the node stops at the first failure; else the error is kept for the item. */
	const stopOrKeep = (itemIndex: number, error: unknown): unknown => {
		if (!policy.continues) throw policy.stop(error, itemIndex);
		return error;
	};
	/** Passes a failed item on: by Failed (routed) or the single output, or by n8n's Error output. */
	const passOn = (itemIndex: number, error: unknown) => {
		const { output, item } = policy.failed(items[itemIndex].json, error, { item: itemIndex });
		result[output].push(item);
	};
	const assess = (itemIndex: number): Assessed<unknown> | { error: unknown } => {
		const scope = run.scope(itemIndex);
		try {
			return { itemIndex, value: pipeline.assess(items[itemIndex], scope), scope };
		} catch (error) {
			return { error: stopOrKeep(itemIndex, error) };
		}
	};
	const finish = (entry: Assessed<unknown>, batched: unknown) => {
		const { itemIndex } = entry;
		try {
			const finished = pipeline.finish(items[itemIndex], entry.value, batched, entry.scope);
			const list: readonly ItemResult[] = Array.isArray(finished)
				? finished
				: [finished as ItemResult];
			// Every route is resolved before anything is pushed: an item leaves whole or fails whole.
			const indexes = list.map((outcome) => outputs.indexOf(outcome.route));
			list.forEach((outcome, position) =>
				result[indexes[position]].push({ json: outcome.json, pairedItem: { item: itemIndex } }),
			);
		} catch (error) {
			passOn(itemIndex, stopOrKeep(itemIndex, error));
		}
	};

	// Without a batch step each item is finished as soon as it is assessed: nothing is held back.
	if (!pipeline.batch) {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const entry = assess(itemIndex);
			if ('error' in entry) passOn(itemIndex, entry.error);
			else finish(entry, undefined);
		}
		return result;
	}

	// 1. Assess every item; a failure that stops the node stops it here, before the batch step records anything.
	const entries = items.map((_, itemIndex) => assess(itemIndex));
	const assessed = entries.filter((entry): entry is Assessed<unknown> => !('error' in entry));

	// 2. The batch step, once, for the items that passed. Its own failure is the node's, not an item's.
	let batched: ReadonlyArray<unknown> = [];
	if (assessed.length > 0) {
		try {
			batched = await pipeline.batch(assessed);
		} catch (error) {
			throw nodeError(run.context, error);
		}
	}

	// 3. Finish and route, in input order.
	let next = 0;
	entries.forEach((entry, itemIndex) => {
		if ('error' in entry) passOn(itemIndex, entry.error);
		else finish(entry, batched[next++]);
	});
	return result;
}

/** Runs a summary: one item for all input items, paired with each of them. */
export function runSummary(run: Run, pipeline: SummaryPipeline, outputs: ResolvedOutputs): Outputs {
	const items = run.context.getInputData();
	const pairedItem = items.map((_, item) => ({ item }));
	const result = emptyOutputs(outputs);
	try {
		result[0].push({ json: pipeline.summarise(items), pairedItem });
	} catch (error) {
		const named = (error as { itemIndex?: unknown })?.itemIndex;
		const itemIndex = typeof named === 'number' ? named : undefined;
		const policy = new FailurePolicy(run.context, outputs);
		if (!policy.continues)
			throw itemIndex === undefined
				? nodeError(run.context, error)
				: itemError(run.context, error, itemIndex);
		const { output, item } = policy.failed({}, error, pairedItem);
		result[output].push(item);
	}
	return result;
}
