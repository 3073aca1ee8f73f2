import { DataDeduplicationService } from 'n8n-core';
import type { ICheckProcessedContextData, INode } from 'n8n-workflow';

import { idempotencyBucket, retentionGenerations } from '../../src/events';

/**
 * Accepted event ids, kept in n8n's processed-data store (the database behind Remove Duplicates and the Churn
 * Signals cooldown), so they survive restarts and are shared by every n8n process on the same database.
 *
 * Why n8n-core directly: a webhook's `this.helpers` has no processed-data functions (only executions do), so the
 * trigger calls the same store through n8n-core's DataDeduplicationService, which every n8n command (start, webhook,
 * worker) initialises at start-up. n8n-core is part of every n8n installation and resolves from it like n8n-workflow.
 *
 * Concurrency: the store reads a record, changes it and writes it back, with no lock; two requests for the same event
 * at the same moment could both find it new. Every check-and-record of one bucket of one trigger node in this process
 * therefore runs one at a time (a promise chain per bucket): copies of one event share a bucket, so "twenty copies at
 * once start one execution" holds in a process, while different events mostly go to different buckets and run side by
 * side. Several n8n processes receiving webhooks for the same workflow at once are not serialised by this; see the
 * README.
 *
 * Layout: one record per node, retention generation and key bucket (see src/events/idempotency.ts), under contexts
 * of their own, so each check reads and rewrites a record of about 1/256 of the window's events.
 */

const queues = new Map<string, Promise<unknown>>();
const cleaned = new Set<string>();

function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
	const previous = queues.get(key) ?? Promise.resolve();
	const run = previous.then(task, task);
	const settled = run.then(
		() => undefined,
		() => undefined,
	);
	queues.set(key, settled);
	void settled.then(() => {
		if (queues.get(key) === settled) queues.delete(key);
	});
	return run;
}

function context(
	workflowId: string,
	node: INode,
	retentionSeconds: number,
	generation: number,
	bucket: number,
): ICheckProcessedContextData {
	return {
		workflow: { id: workflowId, active: true },
		node: { ...node, id: `${node.id}:cs-events:${retentionSeconds}s:${generation}:${bucket}` },
	};
}

export interface ClaimRequest {
	workflowId: string;
	node: INode;
	key: string;
	retentionSeconds: number;
	nowMs: number;
}

/** Records `key` as accepted and answers whether it is new, or was accepted within the retention window. */
export async function claimEvent({
	workflowId,
	node,
	key,
	retentionSeconds,
	nowMs,
}: ClaimRequest): Promise<'new' | 'duplicate'> {
	// Throws when n8n did not initialise the store in this process; the node reports it.
	const service = DataDeduplicationService.getInstance();
	const generations = retentionGenerations(nowMs, retentionSeconds);
	const bucket = idempotencyBucket(key);
	const options = { mode: 'entries' as const };
	return await serialised(`${workflowId}/${node.id}/${bucket}`, async () => {
		const current = await service.checkProcessedAndRecord(
			[key],
			'node',
			context(workflowId, node, retentionSeconds, generations.current, bucket),
			options,
		);
		if (current.processed.length > 0) return 'duplicate';
		await service.checkProcessedAndRecord(
			[key],
			'node',
			context(workflowId, node, retentionSeconds, generations.next, bucket),
			options,
		);
		const expiredKey = `${workflowId}/${node.id}/${retentionSeconds}/${generations.expired}/${bucket}`;
		if (!cleaned.has(expiredKey)) {
			await service.clearAllProcessedItems(
				'node',
				context(workflowId, node, retentionSeconds, generations.expired, bucket),
				options,
			);
			// A long-running process forgets what it cleaned now and then: cleaning again is one harmless delete.
			if (cleaned.size >= 16_384) cleaned.clear();
			cleaned.add(expiredKey);
		}
		return 'new';
	});
}
