import { DataDeduplicationService } from 'n8n-core';
import { NodeOperationError, type ICheckProcessedContextData, type INode } from 'n8n-workflow';

import type { CooldownLedgerStore } from '../../src/signals';

/**
 * The cooldown's ledgers (src/signals/cooldown.ts) as records of n8n's processed-data store, one record per ledger
 * under a context of its own. The node's `this.helpers` only reach the one record of the node itself, so the ledgers
 * are reached through n8n-core's DataDeduplicationService, the same store those helpers use, which every n8n process
 * (main, webhook, worker) initialises at start-up.
 */

const ENTRIES = { mode: 'entries' as const };

function entries(count: number): string[] {
	return Array.from({ length: count }, (_, index) => String(index));
}

export function processedDataLedgers(workflowId: string, node: INode): CooldownLedgerStore {
	const service = DataDeduplicationService.getInstance();
	const context = (ledger: string): ICheckProcessedContextData => ({
		workflow: { id: workflowId, active: true },
		node: { ...node, id: `${node.id}:cs-cooldown:${ledger}` },
	});
	const count = async (ledger: string) =>
		await service.getProcessedDataCount('node', context(ledger), ENTRIES);
	return {
		count,
		async create(ledger, size) {
			let result;
			try {
				result = await service.checkProcessedAndRecord(
					entries(size),
					'node',
					context(ledger),
					ENTRIES,
				);
			} catch (error) {
				// Two processes creating the same record at once: the database refuses the second insert on its key.
				if ((await count(ledger)) > 0) return 'exists';
				throw new NodeOperationError(node, error as Error);
			}
			if (result.processed.length === 0) return 'created';
			// The record was there already; n8n appended what it lacked, which would change the day it records.
			if (result.new.length > 0)
				await service.removeProcessed(result.new, 'node', context(ledger), ENTRIES);
			return 'exists';
		},
		async shrink(ledger, size) {
			const held = await count(ledger);
			const extra = Array.from({ length: Math.max(0, held - size) }, (_, index) =>
				String(size + index),
			);
			if (extra.length) await service.removeProcessed(extra, 'node', context(ledger), ENTRIES);
		},
		async remove(ledger) {
			await service.clearAllProcessedItems('node', context(ledger), ENTRIES);
		},
	};
}
