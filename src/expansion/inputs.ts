import type { DateTime } from 'luxon';
import { z } from 'zod';

import { CustomerInputError } from '../customer/locate';
import { parseInstant } from '../shared/dates';
import { toFiniteNumber } from '../shared/numbers';
import { getPath } from '../shared/path';

/**
 * Reads the inputs of the expansion rules from a customer record. A scalar that is absent or cannot be read
 * as the type a rule needs is a `Reading` with a reason, so its signal is "not evaluated" (never read as 0);
 * a list that is malformed (history points, blocked features) fails the item, naming the entry.
 */

export type Reading<T> = { ok: true; value: T } | { ok: false; reason: string };

export function isAbsent(raw: unknown): boolean {
	return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

export function readNumber(source: unknown, field: string): Reading<number> {
	const raw = getPath(source, field);
	if (isAbsent(raw)) return { ok: false, reason: `${field} is absent` };
	const value = toFiniteNumber(raw);
	if (value === undefined) return { ok: false, reason: `${field} is not a number (got ${JSON.stringify(raw)})` };
	return { ok: true, value };
}

/** true/false, or the strings "true"/"false" (any case) as CRMs and webhooks send them. */
export function readFlag(source: unknown, field: string): Reading<boolean> {
	const raw = getPath(source, field);
	if (isAbsent(raw)) return { ok: false, reason: `${field} is absent` };
	if (typeof raw === 'boolean') return { ok: true, value: raw };
	if (typeof raw === 'string' && ['true', 'false'].includes(raw.trim().toLowerCase())) {
		return { ok: true, value: raw.trim().toLowerCase() === 'true' };
	}
	return { ok: false, reason: `${field} is not true or false (got ${JSON.stringify(raw)})` };
}

const featureListSchema = z.array(
	z
		.string({ errorMap: () => ({ message: 'must be a feature name' }) })
		.trim()
		.min(1, 'a feature name may not be empty'),
	{ errorMap: () => ({ message: 'must be an array of feature names or one comma-separated string' }) },
);

/**
 * `blocked_features`: an array of feature names, or one comma-separated string. Returns the distinct names
 * (first spelling kept, compared case-insensitively), or undefined when the field is absent.
 */
export function readFeatureList(source: unknown, field: string): string[] | undefined {
	const raw = getPath(source, field);
	if (raw === undefined || raw === null) return undefined;
	const list = typeof raw === 'string' ? raw.split(',').filter((name) => name.trim() !== '') : raw;
	const result = featureListSchema.safeParse(list);
	if (!result.success) throw firstIssue(result.error, field, list);
	const seen = new Set<string>();
	const distinct: string[] = [];
	for (const name of result.data) {
		if (seen.has(name.toLowerCase())) continue;
		seen.add(name.toLowerCase());
		distinct.push(name);
	}
	return distinct;
}

/** The first zod issue as `field.path: problem (got …)`, naming the entry a person has to fix. */
function firstIssue(error: z.ZodError, field: string, raw: unknown): CustomerInputError {
	const issue = error.issues[0];
	const at = issue.path.length ? `${field}.${issue.path.join('.')}` : field;
	const got = issue.path.length ? getPath(raw, issue.path.join('.')) : raw;
	return new CustomerInputError(`${at}: ${issue.message} (got ${describeValue(got)})`, at);
}

export interface UsagePoint {
	at: DateTime;
	value: number;
}

const historySchema = z.array(
	z
		.object({
			date: z.union([z.string(), z.number(), z.date()], {
				errorMap: () => ({ message: 'must be an ISO 8601 date such as "2026-11-23T09:00:00Z"' }),
			}),
			value: z.union([z.number(), z.string()], {
				errorMap: () => ({ message: 'must be a number such as 0.75' }),
			}),
		})
		.passthrough(),
	{ errorMap: () => ({ message: 'must be an array of { "date", "value" } points' }) },
);

/** `usage_vs_limit_history`: [{ date, value }] with ISO dates; undefined when absent. Malformed entries throw. */
export function readUsageHistory(source: unknown, field: string, zone: string): UsagePoint[] | undefined {
	const raw = getPath(source, field);
	if (raw === undefined || raw === null) return undefined;
	const result = historySchema.safeParse(raw);
	if (!result.success) throw firstIssue(result.error, field, raw);
	return result.data.map((point, index) => {
		const value = toFiniteNumber(point.value);
		if (value === undefined) {
			throw new CustomerInputError(
				`${field}.${index}.value: must be a number such as 0.75 (got ${JSON.stringify(point.value)})`,
				`${field}.${index}.value`,
			);
		}
		return { at: parseInstant(point.date, zone, `${field}.${index}.date`), value };
	});
}

function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'an array';
	if (value !== null && typeof value === 'object') return 'an object';
	return JSON.stringify(value);
}
