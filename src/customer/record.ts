import { z } from 'zod';

import { isValidTimeZone } from '../shared/dates';
import { previewValue } from '../shared/preview';
import { flagValue } from './fields';

/**
 * The customer record: one snake_case vocabulary every node and template reads (docs/sources.md#customer-record).
 * Every field is optional and unknown fields pass through untouched, so a record flows from node to node.
 * This checks only each field's kind (a number or numeric text, a date, true/false), for every field a record carries;
 * what a value may be (NPS 0-10, ratios 0-1…) is checked by the field's reader, src/customer/fields.ts, when a node
 * reads it, so a field a node does not read cannot fail its items.
 */

const numeric = z.union([z.number(), z.string()]).nullable().optional();
const text = z.union([z.string(), z.number()]).nullable().optional();
// true/false in any case; empty or blank text is a missing flag, as for every field.
const isFlag = (value: unknown) =>
	flagValue(value) !== undefined || (typeof value === 'string' && value.trim() === '');
const flag = z
	.custom<boolean | string>((value) => isFlag(value), { message: 'must be true or false' })
	.nullable()
	.optional();
const instant = z.union([z.string(), z.number(), z.date()]).nullable().optional();

export const CUSTOMER_NUMERIC_FIELDS = [
	'mrr',
	'seats',
	'dau_mau_ratio',
	'feature_adoption',
	'conversations_per_week',
	'days_since_last_login',
	'logins_per_week',
	'features_used_this_month',
	'usage_change_percent',
	'avg_session_minutes',
	'usage_vs_limit',
	'blocked_feature_attempts',
	'team_size_change',
	'days_since_key_action',
	'open_tickets',
	'avg_csat',
	'escalations',
	'high_severity_tickets',
	'tickets_last_30_days',
	'nps_score',
	'rating',
	'meetings_attended',
	'responses_to_outreach',
	'payment_health',
	'growth_potential',
	'contract_length',
	'failed_payments',
	'days_to_renewal',
	'trial_days_remaining',
	'previous_health_score',
	'days_since_signup',
	'days_since_last_nps_survey',
] as const;

export const CUSTOMER_DATE_FIELDS = [
	'last_login_at',
	'last_key_action_at',
	'signup_date',
	'renewal_date',
	'trial_ends_at',
	'last_nps_survey_at',
] as const;

const shape: Record<string, z.ZodTypeAny> = {
	customer_id: text,
	// A string address; after a CS Email Template node, its rendered `email` output (which carries `to`).
	email: z
		.union([z.string(), z.object({ to: z.string().nullable().optional() }).passthrough()])
		.nullable()
		.optional(),
	first_name: text,
	company: text,
	plan: text,
	locale: z.string().nullable().optional(),
	timezone: z
		.string()
		.refine((zone) => isValidTimeZone(zone), {
			message: 'must be a valid IANA time zone such as "Europe/Madrid"',
		})
		.nullable()
		.optional(),
	csm_name: text,
	csm_email: z.string().nullable().optional(),
	cancellation_requested: flag,
	competitor_mentioned: flag,
};
for (const field of CUSTOMER_NUMERIC_FIELDS) shape[field] = numeric;
for (const field of CUSTOMER_DATE_FIELDS) shape[field] = instant;

export const customerRecordSchema = z.object(shape).passthrough();

// The same rules as the schema above, as plain checks: a record that passes them all passes the schema, so the zod
// parse (which copies every record) runs only for a record that has a problem, to word the message.
type Check = (value: unknown) => boolean;
const absent = (value: unknown) => value === undefined || value === null;
const isNumber = (value: unknown) => typeof value === 'number' && !Number.isNaN(value);
const numericCheck: Check = (value) =>
	absent(value) || isNumber(value) || typeof value === 'string';
const textCheck: Check = numericCheck;
const flagCheck: Check = (value) => absent(value) || isFlag(value);
const instantCheck: Check = (value) =>
	absent(value) ||
	typeof value === 'string' ||
	isNumber(value) ||
	(value instanceof Date && !Number.isNaN(value.getTime()));
const stringCheck: Check = (value) => absent(value) || typeof value === 'string';
// What zod parses as an object: not an array, a Date, a Map, a Set or a promise.
const isObjectLike = (value: unknown) =>
	typeof value === 'object' &&
	value !== null &&
	!Array.isArray(value) &&
	!(value instanceof Date) &&
	!(value instanceof Map) &&
	!(value instanceof Set) &&
	!(
		typeof (value as { then?: unknown }).then === 'function' &&
		typeof (value as { catch?: unknown }).catch === 'function'
	);
/** Each field's check, and the words of its error: what the field must be. */
const NUMERIC: [Check, string] = [numericCheck, 'must be a number or numeric text such as "42"'];
const TEXT: [Check, string] = [textCheck, 'must be text or a number'];
const STRING: [Check, string] = [stringCheck, 'must be text'];
const FLAG: [Check, string] = [flagCheck, 'must be true or false'];
const INSTANT: [Check, string] = [
	instantCheck,
	'must be an ISO 8601 date such as "2026-11-23T09:00:00Z", or a number of seconds or milliseconds since 1970',
];
const RECORD_CHECKS: Record<string, [Check, string]> = {
	customer_id: TEXT,
	email: [
		(value) =>
			absent(value) ||
			typeof value === 'string' ||
			(isObjectLike(value) && stringCheck((value as Record<string, unknown>).to)),
		'must be an email address as text',
	],
	first_name: TEXT,
	company: TEXT,
	plan: TEXT,
	locale: STRING,
	timezone: [
		(value) => absent(value) || (typeof value === 'string' && isValidTimeZone(value)),
		'must be a valid IANA time zone such as "Europe/Madrid"',
	],
	csm_name: TEXT,
	csm_email: STRING,
	cancellation_requested: FLAG,
	competitor_mentioned: FLAG,
};
for (const field of CUSTOMER_NUMERIC_FIELDS) RECORD_CHECKS[field] = NUMERIC;
for (const field of CUSTOMER_DATE_FIELDS) RECORD_CHECKS[field] = INSTANT;
const FIELD_CHECKS: Record<string, Check> = Object.fromEntries(
	Object.entries(RECORD_CHECKS).map(([field, [check]]) => [field, check]),
);
const CHECK_FIELDS = Object.keys(FIELD_CHECKS);
const CHECK_FUNCTIONS = Object.values(FIELD_CHECKS);

/** Whether a record passes the customer record schema, without parsing it (see customerRecordSchema). */
export function isValidCustomerRecord(record: Record<string, unknown>): boolean {
	for (let index = 0; index < CHECK_FIELDS.length; index++) {
		if (!CHECK_FUNCTIONS[index](record[CHECK_FIELDS[index]])) return false;
	}
	return true;
}

export type CustomerRecord = Record<string, unknown>;

/** The value at a zod issue's path inside `input` (own properties only), or undefined. */
function valueAt(input: unknown, path: ReadonlyArray<string | number>): unknown {
	let current = input;
	for (const segment of path) {
		if (current === null || typeof current !== 'object') return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
		current = (current as Record<string | number, unknown>)[segment];
	}
	return current;
}

/** Each problem's own text is cut here (zod lists every unknown key in one message)… */
const MAX_ISSUE_TEXT = 240;
/** …and problems are listed while the list stays under this (the rest are counted), so a message stays readable. */
const MAX_ISSUES_TEXT = 400;

function shorten(text: string, limit = MAX_ISSUE_TEXT): string {
	return text.length <= limit ? text : `${text.slice(0, limit)}…`;
}

/**
 * Turns zod issues into one line a person can act on: `field: problem (got value); field: problem (got value)`.
 * With `input`, the value at each issue's path is shown as a short preview (zod's own "Invalid input" says nothing
 * of it), unless the message already shows it or the value is absent ("Required").
 */
export function describeIssues(error: z.ZodError, prefix = '', input?: unknown): string {
	const parts: string[] = [];
	let length = 0;
	for (const issue of error.issues) {
		const path = issue.path.length ? `${prefix}${issue.path.join('.')}` : prefix || '(root)';
		let got = '';
		if (
			input !== undefined &&
			issue.code !== 'unrecognized_keys' &&
			!issue.message.includes('(got ')
		) {
			const value = valueAt(input, issue.path);
			// A rule about a whole list or object ("give order on every step") names the problem, not one value.
			const container = value !== null && typeof value === 'object' && issue.code === 'custom';
			const shown = value === undefined || container ? '' : previewValue(value);
			if (shown !== '' && !issue.message.includes(shown)) got = ` (got ${shown})`;
		}
		// zod says "Invalid input" when a value matches none of a union's types.
		const message =
			issue.message === 'Invalid input' ? 'has the wrong type' : shorten(issue.message);
		const part = `${shorten(path, 120)}: ${message}${got}`;
		if (parts.length > 0 && length + part.length > MAX_ISSUES_TEXT) break;
		parts.push(part);
		length += part.length + 2;
	}
	const more = error.issues.length - parts.length;
	const listed = parts.join('; ');
	return more > 0 ? `${listed}; and ${more} more problem${more === 1 ? '' : 's'}` : listed;
}

export class InvalidCustomerRecordError extends Error {
	constructor(
		message: string,
		readonly fields: string[],
	) {
		super(message);
		this.name = 'InvalidCustomerRecordError';
	}

	/** The first bad field, for "Check the field … of this item". */
	get field(): string | undefined {
		return this.fields[0];
	}
}

/** Validates the fields of the vocabulary that a record carries; unknown fields are kept as they are. */
export function parseCustomerRecord(value: unknown, label = 'customer record'): CustomerRecord {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new InvalidCustomerRecordError(
			`The ${label} must be an object (got ${describeType(value)})`,
			[],
		);
	}
	const record = value as Record<string, unknown>;
	if (isValidCustomerRecord(record)) return record;
	// Worded from the same checks, field by field: "mrr: must be a number or numeric text such as "42" (got {…})".
	const bad = CHECK_FIELDS.filter((field, index) => !CHECK_FUNCTIONS[index](record[field]));
	const parts: string[] = [];
	for (const field of bad) {
		const part = `${field}: ${RECORD_CHECKS[field][1]} (got ${previewValue(record[field])})`;
		if (parts.length > 0 && parts.join('; ').length + part.length > MAX_ISSUES_TEXT) break;
		parts.push(part);
	}
	const more = bad.length - parts.length;
	const rest = more > 0 ? `; and ${more} more field${more === 1 ? '' : 's'}` : '';
	throw new InvalidCustomerRecordError(`Invalid ${label}: ${parts.join('; ')}${rest}`, bad);
}

export function describeType(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `${typeof value} ${previewValue(value)}`;
}
