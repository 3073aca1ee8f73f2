import { locateCustomerRecord } from '../customer/locate';
import { pathParameter } from '../shared/parameters';
import { getPath, isPlainObject } from '../shared/path';
import {
	aggregateNps,
	countSegments,
	type InvalidResponse,
	type NpsAggregate,
	type NpsAggregateOptions,
} from './aggregate';
import { fieldOrDefault } from './classify';
import { DEFAULT_SCORE_FIELD, isAbsentValue, parseNpsScore } from './segments';

/**
 * Aggregate mode over the items of one execution: reads every score, then aggregates. An invalid score either
 * stops the batch (naming the item and the field) or, when the node continues on fail, leaves the item out and
 * lists it in `invalid`: a response is never dropped without a trace.
 */

export interface NpsBatchConfig extends Omit<NpsAggregateOptions, 'unanswered' | 'invalid'> {
	customerPath?: string;
	scoreField?: string;
	/** Count an item whose score is absent as not answered instead of failing it. */
	skipMissingScore?: boolean;
	/** 'fail': the first invalid item stops the batch; 'report': it is left out and listed in `invalid`. */
	invalidItems?: 'fail' | 'report';
}

export class NpsBatchItemError extends Error {
	readonly field: string | undefined;

	constructor(
		readonly itemIndex: number,
		readonly cause: unknown,
	) {
		super(cause instanceof Error ? cause.message : String(cause));
		this.name = 'NpsBatchItemError';
		const field = (cause as { field?: unknown })?.field;
		this.field = typeof field === 'string' ? field : undefined;
	}
}

/**
 * An item with no fields at all is what n8n's "Always Output Data" emits when the node before returned nothing:
 * it stands for "no responses", not for a response without a score, so it is not counted.
 */
export function isPlaceholderItem(item: unknown): boolean {
	return isPlainObject(item) && Object.keys(item).length === 0;
}

export interface CollectedScores {
	scores: number[];
	unanswered: number;
	invalid: InvalidResponse[];
}

export function collectScores(
	items: readonly Record<string, unknown>[],
	config: NpsBatchConfig = {},
): CollectedScores {
	// The parameters first: a bad one is the node's error, not one of every item.
	const field = fieldOrDefault(config.scoreField, DEFAULT_SCORE_FIELD, 'Score Field');
	const customerPath = pathParameter(config.customerPath, 'Customer Record Path');
	const collected: CollectedScores = { scores: [], unanswered: 0, invalid: [] };
	items.forEach((item, itemIndex) => {
		if (isPlaceholderItem(item)) return;
		try {
			const record = locateCustomerRecord(item, customerPath);
			const raw = getPath(record, field);
			if (config.skipMissingScore && isAbsentValue(raw)) {
				collected.unanswered++;
				return;
			}
			collected.scores.push(parseNpsScore(raw, field));
		} catch (error) {
			if (config.invalidItems !== 'report') throw new NpsBatchItemError(itemIndex, error);
			collected.invalid.push({
				item: itemIndex,
				reason: error instanceof Error ? error.message : String(error),
			});
		}
	});
	return collected;
}

/** The whole batch as one result (see aggregateNps). */
export function aggregateItems(
	items: readonly Record<string, unknown>[],
	config: NpsBatchConfig = {},
): NpsAggregate {
	const { scores, unanswered, invalid } = collectScores(items, config);
	return aggregateNps(countSegments(scores), {
		surveysSent: config.surveysSent,
		minimumSample: config.minimumSample,
		unanswered,
		invalid,
	});
}
