import { createHash } from 'crypto';

import { previewValue } from '../shared/preview';

/**
 * Idempotency of webhook events. An event is keyed by the caller's `eventId`, or, for bodies without one (the seed
 * payloads), by the SHA-256 of the raw body: a retry of the same request has the same bytes (the agent specification stamps each
 * call with its own `timestamp`, so two separate calls never collide).
 *
 * Accepted keys are remembered in generations as long as the retention window: a key accepted in generation g is
 * written to g and g + 1, and a request in generation h looks only in h. So each key is remembered for at least the
 * window and at most twice it, only two generations are ever live, and the one before them can be deleted whole.
 *
 * Within a generation, keys are spread over IDEMPOTENCY_BUCKETS records by a hash of the key. n8n's processed-data
 * store reads and rewrites a whole record on every check, so one record per generation would make each request cost
 * as much as all the events before it (quadratic over a busy week); a bucket holds about 1/256 of them.
 */

export const DEFAULT_RETENTION_DAYS = 7;
export const MAX_RETENTION_DAYS = 365;

export function idempotencyKey(eventId: string | undefined, rawBody: Buffer | string): string {
	if (eventId !== undefined) return `id:${eventId}`;
	return `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
}

/** The id the emitted item carries: the caller's, else the body hash. */
export function displayedEventId(key: string): string {
	return key.startsWith('id:') ? key.slice(3) : key;
}

export const IDEMPOTENCY_BUCKETS = 256;

/** The bucket (0 to IDEMPOTENCY_BUCKETS - 1) of a key: FNV-1a over its UTF-16 code units, stable across versions. */
export function idempotencyBucket(key: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < key.length; i++) {
		hash ^= key.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0) % IDEMPOTENCY_BUCKETS;
}

export interface RetentionGenerations {
	/** The generation a request at `nowMs` checks (and records in). */
	current: number;
	/** Also recorded, so the key outlives the end of the current generation. */
	next: number;
	/** No longer read by anyone: safe to delete. */
	expired: number;
}

export class InvalidRetentionError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidRetentionError';
	}
}

/** The Duplicate Retention (Days) option as whole seconds: a number of days from 1 to MAX_RETENTION_DAYS. */
export function retentionSeconds(days: unknown): number {
	if (typeof days !== 'number' || !Number.isFinite(days) || days < 1 || days > MAX_RETENTION_DAYS) {
		throw new InvalidRetentionError(
			`Duplicate Retention (Days): must be a number of days from 1 to ${MAX_RETENTION_DAYS} (got ${previewValue(days)})`,
		);
	}
	return Math.round(days * 86_400);
}

export function retentionGenerations(
	nowMs: number,
	retentionSeconds: number,
): RetentionGenerations {
	if (!Number.isInteger(retentionSeconds) || retentionSeconds < 1) {
		throw new InvalidRetentionError(
			`Duplicate Retention: must be at least one second (got ${previewValue(retentionSeconds)})`,
		);
	}
	// 8.64e15 ms is the range of a JavaScript Date.
	if (!Number.isFinite(nowMs) || Math.abs(nowMs) > 8.64e15) {
		throw new InvalidRetentionError(
			`Duplicate check: the current time is not a valid instant (got ${previewValue(nowMs)})`,
		);
	}
	const current = Math.floor(nowMs / 1000 / retentionSeconds);
	return { current, next: current + 1, expired: current - 1 };
}
