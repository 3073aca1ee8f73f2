/**
 * In-memory backend for n8n's processed-data helpers (`this.helpers.checkProcessedAndRecord`
 * and friends). n8n-core routes those helpers to `DataDeduplicationService`, which the n8n CLI
 * initialises once at start-up with its database-backed `IDataDeduplicator`; the harness
 * initialises it with this map instead. Semantics follow the CLI's implementation: records are
 * kept per workflow id and scope ('workflow', or 'node' keyed by node id), one mode per record,
 * 'entries' remembers values (compared as strings, trimmed to `maxEntries`), the 'latest*' modes
 * remember only the greatest number/date seen.
 */
import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationMode,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

type ProcessedRecord =
	| { mode: 'entries'; data: string[] }
	| { mode: 'latestIncrementalKey' | 'latestDate'; data: DeduplicationItemTypes };

const store = new Map<string, ProcessedRecord>();

// n8n's database-backed store reads a record, awaits, then writes it back; a latency here puts the same gap between
// the read and the write, so a test can show what concurrent callers do to it.
let latencyMs = 0;

/** Makes every check-and-record wait `ms` between reading and writing its record (0 switches it off). */
export function setProcessedDataLatency(ms: number): void {
	latencyMs = ms;
}

const pause = () =>
	latencyMs > 0 ? new Promise((resolve) => setTimeout(resolve, latencyMs)) : Promise.resolve();

function recordKey(scope: DeduplicationScope, { workflow, node }: ICheckProcessedContextData) {
	if (!workflow.id) throw new Error('Processed data needs a workflow id');
	if (scope === 'node' && !node) throw new Error("No node given, so scope 'node' cannot be used");
	return scope === 'node' ? `${workflow.id}|n:${node!.id}` : `${workflow.id}|`;
}

/** Is `a` later/greater than `b` in a 'latest*' mode? */
function isGreater(mode: DeduplicationMode, a: DeduplicationItemTypes, b: DeduplicationItemTypes) {
	const [x, y] =
		mode === 'latestDate' ? [new Date(a).getTime(), new Date(b).getTime()] : [Number(a), Number(b)];
	if (Number.isNaN(x) || Number.isNaN(y)) {
		throw new Error(`Invalid value for processed-data mode "${mode}": ${a} / ${b}`);
	}
	return x > y;
}

/** A record created by someone else since it was read: the database refuses the second insert on its primary key. */
function insertOnce(key: string) {
	if (store.has(key)) {
		throw new Error(
			'duplicate key value violates unique constraint "PK_processed_data" (in-memory harness)',
		);
	}
}

function existing(key: string, mode: DeduplicationMode) {
	const record = store.get(key);
	if (record && record.mode !== mode) {
		throw new Error(
			`Processed data was saved with mode "${record.mode}", not "${mode}" (n8n asks to clear it first)`,
		);
	}
	return record;
}

class InMemoryDeduplicator implements IDataDeduplicator {
	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		{ mode, maxEntries }: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		const key = recordKey(scope, contextData);
		const snapshot = existing(key, mode);
		// Like n8n's store: decide on what was read, then write back a copy (a concurrent write in between is lost).
		const record = snapshot && (structuredClone(snapshot) as ProcessedRecord);
		await pause();
		const result: IDeduplicationOutput = { new: [], processed: [] };

		if (mode !== 'entries') {
			const sorted = items.slice().sort((a, b) => (isGreater(mode, a, b) ? 1 : -1));
			if (!record) {
				insertOnce(key);
				if (sorted.length) store.set(key, { mode, data: sorted[sorted.length - 1] });
				return { new: items, processed: [] };
			}
			let latest = record.data as DeduplicationItemTypes;
			for (const item of sorted) {
				if (isGreater(mode, item, record.data as DeduplicationItemTypes)) {
					result.new.push(item);
					if (isGreater(mode, item, latest)) latest = item;
				} else {
					result.processed.push(item);
				}
			}
			record.data = latest;
			store.set(key, record);
			return result;
		}

		if (!record) {
			// As in n8n: with nothing recorded yet, every item is new (even repeats within the batch).
			insertOnce(key);
			const data = items.map(String);
			if (maxEntries) data.splice(0, Math.max(0, data.length - maxEntries));
			store.set(key, { mode: 'entries', data });
			return { new: items, processed: [] };
		}
		const seen = record.data as string[];
		for (const item of items) {
			if (seen.includes(String(item))) {
				result.processed.push(item);
			} else {
				result.new.push(item);
				seen.push(String(item));
			}
		}
		if (maxEntries) seen.splice(0, Math.max(0, seen.length - maxEntries));
		store.set(key, record);
		return result;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		{ mode }: ICheckProcessedOptions,
	): Promise<void> {
		if (mode !== 'entries')
			throw new Error(`Removing processed data is not possible in mode "${mode}"`);
		const record = existing(recordKey(scope, contextData), mode);
		if (!record) return;
		const seen = record.data as string[];
		for (const item of items) {
			const index = seen.indexOf(String(item));
			if (index !== -1) seen.splice(index, 1);
		}
	}

	async clearAllProcessedItems(
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
	): Promise<void> {
		store.delete(recordKey(scope, contextData));
	}

	async getProcessedDataCount(
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		{ mode }: ICheckProcessedOptions,
	): Promise<number> {
		const record = store.get(recordKey(scope, contextData));
		return mode === 'entries' && record?.mode === 'entries' ? record.data.length : 0;
	}
}

let initialised = false;

/** Registers the in-memory backend with n8n-core (once per test file: jest gives each its own modules). */
export async function ensureProcessedDataBackend(): Promise<void> {
	if (initialised) return;
	await DataDeduplicationService.init(new InMemoryDeduplicator());
	initialised = true;
}

/** Forgets every processed-data record (all workflows). Call it in `beforeEach`. */
export function resetProcessedData(): void {
	store.clear();
	latencyMs = 0;
}
