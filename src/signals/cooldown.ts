import { DateTime } from 'luxon';

/**
 * Alert cooldown: do not raise the same signal for the same customer again within N days.
 *
 * The node keeps the state with n8n's processed-data store (`checkProcessedAndRecord` / `removeProcessed`, scope
 * 'node'), which lives in n8n's database and so is shared by every worker in queue mode. That store is a set of
 * strings with one atomic-ish operation, "record these and tell me which were already there"; nodes get no
 * read-only lookup. So we record *coverage*: raising a signal on day D with a cooldown of N days records the keys
 * `customer|type|D` … `customer|type|D+N-1` (calendar dates in the customer's time zone). On day E the signal is
 * cooled down exactly when `customer|type|E` is already recorded, and it may be raised again on the first day
 * whose key is not: that is the `until` we report.
 *
 * One execution makes at most two calls for all its items:
 *   1. checkProcessedAndRecord(every key E … E+N-1 of every detected signal): tells which were recorded before,
 *      and records them all, which is exactly the coverage of the signals raised now;
 *   2. removeProcessed(the keys recorded in call 1 for signals that turned out cooled down): these "strays" lie
 *      after the running cooldown, so they never decide a check on day E; removing them keeps the cooldown from
 *      being stretched.
 * Everything here is pure: the node only passes keys to n8n and the answer back.
 *
 * A cooldown keeps the length it started with: lowering N later does not shorten one already running.
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

export interface CooldownResolution {
	/** One decision per request, in request order. */
	decisions: CooldownDecision[];
	/** Keys recorded by call 1 that no raised signal covers: remove them (call 2). */
	strays: string[];
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
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_COOLDOWN_DAYS) {
		throw new InvalidCooldownError(
			`Cooldown (Days): must be a whole number from 0 to ${MAX_COOLDOWN_DAYS} (got ${JSON.stringify(value)})`,
		);
	}
	return value;
}

export function cooldownKey(customerId: string, type: string, day: string): string {
	return `${customerId}|${type}|${day}`;
}

function addDays(day: string, count: number): string {
	return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days: count }).toISODate() as string;
}

/** The days a signal raised on `day` stays cooled down: `day` … `day + days - 1`. */
export function coverageDays(day: string, days: number): string[] {
	return Array.from({ length: days }, (_, offset) => addDays(day, offset));
}

function coverageKeys(request: CooldownRequest): string[] {
	return coverageDays(request.day, request.days).map((day) => cooldownKey(request.customerId, request.type, day));
}

/** The keys of call 1, without duplicates (n8n's store treats duplicates in one batch inconsistently). */
export function cooldownKeys(requests: readonly CooldownRequest[]): string[] {
	return [...new Set(requests.flatMap(coverageKeys))];
}

/**
 * Decides each request in order, given which keys of call 1 were recorded before it. A customer that appears
 * twice in one execution is raised once: the second request sees the first one's coverage.
 */
export function resolveCooldowns(
	requests: readonly CooldownRequest[],
	previouslyRecorded: ReadonlySet<string>,
): CooldownResolution {
	const covered = new Set(previouslyRecorded);
	const raisedNow = new Set<string>();
	const decisions = requests.map((request): CooldownDecision => {
		const keys = coverageKeys(request);
		if (covered.has(keys[0])) {
			const free = keys.findIndex((key) => !covered.has(key));
			// All N days covered only when a longer cooldown is running: its end lies beyond what we asked about,
			// and day + N is the earliest it can be.
			return { cooledDown: true, untilDay: addDays(request.day, free === -1 ? request.days : free) };
		}
		for (const key of keys) {
			covered.add(key);
			raisedNow.add(key);
		}
		return { cooledDown: false };
	});
	const strays = cooldownKeys(requests).filter((key) => !previouslyRecorded.has(key) && !raisedNow.has(key));
	return { decisions, strays };
}

/** The instant a cooldown ends: the start of `untilDay` in the customer's time zone, as ISO 8601. */
export function cooldownUntil(untilDay: string, timeZone: string): string {
	return DateTime.fromISO(untilDay, { zone: timeZone }).startOf('day').toISO() as string;
}
