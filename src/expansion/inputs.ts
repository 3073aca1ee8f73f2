import { DateTime } from 'luxon';
import { z } from 'zod';

import { numberRuleFor, PAST_DATE_RULE, type NumberRule } from '../customer/fieldRules';
import {
	isAbsentValue,
	OmittedValue,
	readDateField,
	readFlagField,
	readNumberField,
} from '../customer/fields';
import { CustomerInputError } from '../customer/locate';
import { getPath } from '../shared/path';
import { previewValue } from '../shared/preview';

/**
 * Reads the inputs of the expansion rules from a customer record, each field through its rule (src/customer/
 * fieldRules.ts). A scalar that is absent, or outside a rule that leaves it out, is a `Reading` with a reason, so its
 * signal is "not evaluated" (never read as 0); outside a rule that fails, it fails the item naming the field. A list
 * that is malformed (history points, blocked features) fails the item, naming the entry.
 */

export type Reading<T> = { ok: true; value: T } | { ok: false; reason: string };

export const isAbsent = isAbsentValue;

export function readNumber(source: unknown, field: string): Reading<number> {
	const value = readNumberField(getPath(source, field), field);
	if (value === undefined) return { ok: false, reason: `${field} is absent` };
	if (value instanceof OmittedValue) return { ok: false, reason: value.reason };
	return { ok: true, value };
}

/** true/false, or the strings "true"/"false" (any case) as CRMs and webhooks send them. */
export function readFlag(source: unknown, field: string): Reading<boolean> {
	const value = readFlagField(getPath(source, field), field);
	if (value === undefined) return { ok: false, reason: `${field} is absent` };
	if (value instanceof OmittedValue) return { ok: false, reason: value.reason };
	return { ok: true, value };
}

const featureListSchema = z.array(
	z
		.string({ errorMap: () => ({ message: 'must be a feature name' }) })
		.trim()
		.min(1, 'a feature name may not be empty'),
	{
		errorMap: () => ({
			message: 'must be an array of feature names or one comma-separated string',
		}),
	},
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

/** A point of the history is a usage_vs_limit reading, under its rule. */
const USAGE_RULE = numberRuleFor('usage_vs_limit') as NumberRule;

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

/**
 * `usage_vs_limit_history`: [{ date, value }] with ISO dates; undefined when absent. Each value follows usage_vs_limit's
 * rule and each date is a past event (no later than a day after the reference time): malformed entries throw.
 */
export function readUsageHistory(
	source: unknown,
	field: string,
	zone: string,
	reference: DateTime,
): UsagePoint[] | undefined {
	const raw = getPath(source, field);
	if (raw === undefined || raw === null) return undefined;
	const result = historySchema.safeParse(raw);
	if (!result.success) throw firstIssue(result.error, field, raw);
	const referenceMs = reference.toMillis();
	return result.data.map((point, index) => {
		const at = `${field}.${index}`;
		const value = readNumberField(point.value, `${at}.value`, USAGE_RULE);
		if (typeof value !== 'number') {
			throw new CustomerInputError(
				`${at}.value: must be ${USAGE_RULE.expected} (got ${previewValue(point.value)})`,
				`${at}.value`,
			);
		}
		const ms = readDateField(point.date, `${at}.date`, zone, referenceMs, PAST_DATE_RULE) as number;
		return { at: DateTime.fromMillis(ms, { zone }), value };
	});
}

function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'an array';
	if (value !== null && typeof value === 'object') return 'an object';
	return previewValue(value);
}
