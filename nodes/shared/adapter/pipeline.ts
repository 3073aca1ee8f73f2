import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ItemScope } from './scope';

/**
 * What a node does with its items, in phases the adapter runs for it:
 *
 * 1. `assess`, per item and pure: everything that can fail on an item's data or parameters happens here;
 * 2. `batch` (optional), once for all the items that passed, for state kept across executions (Churn Signals'
 *    cooldowns). It runs only when the node is going to output: when an item failed and the node is about to stop,
 *    nothing is recorded. It returns one value per assessed item, in their order;
 * 3. `finish`, per item: the output item(s) and the route each leaves by.
 *
 * A node that keeps no state has one phase (`eachItem`); one whose result is about the whole batch (NPS Aggregate)
 * turns all items into one (`summary`).
 */

/** An output item and the route it leaves by (a key of the node's route list; ignored with a single output). */
export interface ItemResult {
	json: IDataObject;
	route?: string;
}

export type Finished = ItemResult | readonly ItemResult[];

export interface Assessed<A> {
	readonly itemIndex: number;
	readonly value: A;
	readonly scope: ItemScope;
}

export interface Phases<A, B> {
	assess(item: INodeExecutionData, scope: ItemScope): A;
	batch?(assessed: ReadonlyArray<Assessed<A>>): Promise<ReadonlyArray<B>>;
	finish(item: INodeExecutionData, value: A, batched: B | undefined, scope: ItemScope): Finished;
}

export interface ItemPipeline extends Phases<unknown, unknown> {
	readonly kind: 'items';
}

export interface SummaryPipeline {
	readonly kind: 'summary';
	/** The one output item's json, paired with every input item. An error with a numeric `itemIndex` names that item. */
	summarise(items: INodeExecutionData[]): IDataObject;
}

export type Pipeline = ItemPipeline | SummaryPipeline;

/** Assess, batch step, finish. */
export function phased<A, B>(phases: Phases<A, B>): Pipeline {
	return { kind: 'items', ...(phases as unknown as Phases<unknown, unknown>) };
}

/** One function per item, nothing kept across executions. */
export function eachItem(
	handle: (item: INodeExecutionData, scope: ItemScope) => Finished,
): Pipeline {
	return phased<Finished, never>({ assess: handle, finish: (_item, finished) => finished });
}

/** All items in, one item out. */
export function summary(summarise: (items: INodeExecutionData[]) => IDataObject): Pipeline {
	return { kind: 'summary', summarise };
}
