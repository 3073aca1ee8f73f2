import { createHash } from 'node:crypto';

import { DateTime } from 'luxon';

import { previewValue } from '../shared/preview';

/**
 * Alert cooldown: do not raise the same signal for the same customer again within N days.
 *
 * Where the state lives: n8n's processed-data store (the database behind Remove Duplicates), shared by every n8n
 * process on one database, workers included. Its records are rows keyed by (workflow, context). The only operation
 * on a row that is atomic across processes is its creation: a second concurrent insert of the same key fails on the
 * primary key. Updates read, change and write back with no lock, so two workers updating one row lose each other's
 * writes. The cooldown therefore never updates a row to decide anything; it decides by creating one.
 *
 * Layout: the calendar (days in the customer's time zone) is cut into blocks of N days, block B holding the days
 * B·N … B·N+N-1 (counted from 1970-01-01). A signal raised on day D (in block B) cools down D … D+N-1, which reaches
 * the end of block B. So at most one raise can happen per block, per customer and signal: that raise is recorded by
 * creating the block's ledger row, and the row holds D - B·N + 1 entries, so its entry count (which n8n reads
 * without changing anything) gives D back.
 *
 * Deciding day E in block B:
 *   1. ledger B exists (count k)       → raised on B·N + k - 1: cooled down until that day + N;
 *   2. else ledger B-1 exists (count k) → raised on D' = (B-1)·N + k - 1: cooled down until D' + N if that is after E;
 *   3. else create ledger B with E - B·N + 1 entries. If this call created it, the signal is raised; if another
 *      process created it first (the insert fails, or the row is already there), it was raised there: read it again
 *      and answer as in 1.
 * After a raise, ledger B-1 is no longer read by anyone (a check in block B stops at B; one in B+1 reads B+1 and B),
 * so it is deleted. At rest a customer and signal hold one row of at most N entries: the state grows with the pairs
 * that were ever alerted, not with days or executions, and nothing is ever dropped to make room.
 *
 * N is part of the ledger's name: changing Cooldown (Days) starts every cooldown afresh.
 */

export interface CooldownRequest {
	customerId: string;
	type: string;
	/** The reference day as an ISO date (yyyy-MM-dd) in the customer's time zone. */
	day: string;
	/** Cooldown length in days, >= 1. */
	days: number;
}

export type CooldownDecision = { cooledDown: false } | { cooledDown: true; untilDay: string };

/** What the cooldown needs from a store of ledgers; the node implements it over n8n's processed-data store. */
export interface CooldownLedgerStore {
	/** How many entries the ledger holds; 0 when it does not exist. */
	count(ledger: string): Promise<number>;
	/**
	 * Creates the ledger with `entries` entries. 'created' only when this call created it; 'exists' when another
	 * caller had created it (including when the insert failed on the key because it did so at the same moment).
	 */
	create(ledger: string, entries: number): Promise<'created' | 'exists'>;
	remove(ledger: string): Promise<void>;
	/** Keeps the ledger's first `entries` entries (fewer than it holds). */
	shrink(ledger: string, entries: number): Promise<void>;
}

export const MAX_COOLDOWN_DAYS = 366;

export class InvalidCooldownError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidCooldownError';
	}
}

/** The "Cooldown (Days)" option: a whole number of days, 0 (or empty) = off. */
export function parseCooldownDays(value: unknown): number {
	if (value === undefined || value === null || value === '') return 0;
	if (
		typeof value !== 'number' ||
		!Number.isInteger(value) ||
		value < 0 ||
		value > MAX_COOLDOWN_DAYS
	) {
		throw new InvalidCooldownError(
			`Cooldown (Days): must be a whole number from 0 to ${MAX_COOLDOWN_DAYS} (got ${previewValue(value)})`,
		);
	}
	return value;
}

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Days since 1970-01-01 of an ISO calendar date. */
export function epochDay(day: string): number {
	if (!ISO_DAY.test(day))
		throw new InvalidCooldownError(`Cooldown: not a calendar date: ${day.slice(0, 40)}`);
	return Math.floor(
		Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) /
			DAY_MS,
	);
}

export function dayFromEpoch(epoch: number): string {
	return new Date(epoch * DAY_MS).toISOString().slice(0, 10);
}

/** The customer and signal, hashed: ids of any length and alphabet give a short, fixed-size ledger name. */
export function cooldownPair(customerId: string, type: string): string {
	return createHash('sha256')
		.update(customerId)
		.update('\u0000')
		.update(type)
		.digest('base64url')
		.slice(0, 22);
}

/** The name of one ledger: cooldown length, block and pair. */
export function ledgerName(pair: string, days: number, block: number): string {
	return `${days}d:${block}:${pair}`;
}

/** The day a ledger of `count` entries records, for block `block` of `days`-day blocks. */
export function raisedDay(block: number, days: number, count: number): number {
	return block * days + count - 1;
}

/** Entries that record a raise on `epoch`: at least 1, so an existing ledger never counts 0. */
export function ledgerEntries(epoch: number, days: number): number {
	return epoch - Math.floor(epoch / days) * days + 1;
}

function cooled(raisedOn: number, days: number): CooldownDecision {
	return { cooledDown: true, untilDay: dayFromEpoch(raisedOn + days) };
}

/** Decides one request against the store (the protocol above). */
export async function decideCooldown(
	store: CooldownLedgerStore,
	request: CooldownRequest,
): Promise<CooldownDecision> {
	const { days } = request;
	const today = epochDay(request.day);
	const block = Math.floor(today / days);
	const pair = cooldownPair(request.customerId, request.type);
	const current = ledgerName(pair, days, block);
	const previous = ledgerName(pair, days, block - 1);

	const currentCount = await store.count(current);
	if (currentCount > 0) {
		const raisedOn = raisedDay(block, days, currentCount);
		if (raisedOn <= today) return cooled(raisedOn, days);
		// Raised on a later day than today: the customer's calendar moved back (a new time zone, an earlier Reference
		// Time). A cooldown covers its raise day and after, not before, so the signal is raised today and the record moved
		// back to today by dropping entries (an update, not a creation: not exclusive, and only on this rare path).
		await store.shrink(current, ledgerEntries(today, days));
		return { cooledDown: false };
	}
	const previousCount = await store.count(previous);
	if (previousCount > 0) {
		const raisedOn = raisedDay(block - 1, days, previousCount);
		if (raisedOn + days > today) return cooled(raisedOn, days);
	}
	if ((await store.create(current, ledgerEntries(today, days))) === 'exists') {
		const count = await store.count(current);
		// Created and removed again in between is not something the protocol does; treat it as raised today.
		return cooled(count > 0 ? raisedDay(block, days, count) : today, days);
	}
	if (previousCount > 0) await store.remove(previous);
	return { cooledDown: false };
}

/**
 * Decides every request of one execution. Requests of the same customer and signal run in order (the second sees
 * the first one's raise); different pairs run side by side, at most `concurrency` at a time.
 */
export async function decideCooldowns(
	store: CooldownLedgerStore,
	requests: readonly CooldownRequest[],
	concurrency = 8,
): Promise<CooldownDecision[]> {
	const decisions: CooldownDecision[] = new Array(requests.length);
	const byPair = new Map<string, number[]>();
	requests.forEach((request, index) => {
		const key = `${request.customerId}\u0000${request.type}`;
		const indexes = byPair.get(key);
		if (indexes) indexes.push(index);
		else byPair.set(key, [index]);
	});
	const queue = [...byPair.values()];
	let next = 0;
	const worker = async () => {
		while (next < queue.length) {
			const indexes = queue[next++];
			for (const index of indexes) decisions[index] = await decideCooldown(store, requests[index]);
		}
	};
	await Promise.all(
		Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker),
	);
	return decisions;
}

/** The instant a cooldown ends: the start of `untilDay` in the customer's time zone, as ISO 8601. */
export function cooldownUntil(untilDay: string, timeZone: string): string {
	return DateTime.fromISO(untilDay, { zone: timeZone }).startOf('day').toISO() as string;
}
