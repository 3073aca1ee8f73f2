import { z } from 'zod';

import { isValidTimeZone } from '../shared/dates';

/**
 * The customer record: one snake_case vocabulary every node and template reads (DESIGN.md, "The customer record").
 * Every field is optional and unknown fields pass through untouched, so a record flows from node to node.
 * Numbers may arrive as numeric strings (CRMs and webhooks often send them); rules read them with toFiniteNumber.
 */

const numeric = z.union([z.number(), z.string()]).nullable().optional();
const text = z.union([z.string(), z.number()]).nullable().optional();
const flag = z.union([z.boolean(), z.enum(['true', 'false'])]).nullable().optional();
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
const numericCheck: Check = (value) => absent(value) || isNumber(value) || typeof value === 'string';
const textCheck: Check = numericCheck;
const flagCheck: Check = (value) => absent(value) || typeof value === 'boolean' || value === 'true' || value === 'false';
const instantCheck: Check = (value) =>
	absent(value) || typeof value === 'string' || isNumber(value) || (value instanceof Date && !Number.isNaN(value.getTime()));
const stringCheck: Check = (value) => absent(value) || typeof value === 'string';
// What zod parses as an object: not an array, a Date, a Map, a Set or a promise.
const isObjectLike = (value: unknown) =>
	typeof value === 'object' &&
	value !== null &&
	!Array.isArray(value) &&
	!(value instanceof Date) &&
	!(value instanceof Map) &&
	!(value instanceof Set) &&
	!(typeof (value as { then?: unknown }).then === 'function' && typeof (value as { catch?: unknown }).catch === 'function');
const FIELD_CHECKS: Record<string, Check> = {
	customer_id: textCheck,
	email: (value) =>
		absent(value) ||
		typeof value === 'string' ||
		(isObjectLike(value) && stringCheck((value as Record<string, unknown>).to)),
	first_name: textCheck,
	company: textCheck,
	plan: textCheck,
	locale: stringCheck,
	timezone: (value) => absent(value) || (typeof value === 'string' && isValidTimeZone(value)),
	csm_name: textCheck,
	csm_email: stringCheck,
	cancellation_requested: flagCheck,
	competitor_mentioned: flagCheck,
};
for (const field of CUSTOMER_NUMERIC_FIELDS) FIELD_CHECKS[field] = numericCheck;
for (const field of CUSTOMER_DATE_FIELDS) FIELD_CHECKS[field] = instantCheck;
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

/** Turns zod issues into one line a person can act on: `field: problem; field: problem`. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
	return error.issues
		.map((issue) => {
			const path = issue.path.length ? `${prefix}${issue.path.join('.')}` : prefix || '(root)';
			return `${path}: ${issue.message}`;
		})
		.join('; ');
}

export class InvalidCustomerRecordError extends Error {
	constructor(
		message: string,
		readonly fields: string[],
	) {
		super(message);
		this.name = 'InvalidCustomerRecordError';
	}
}

/** Validates the fields of the vocabulary that a record carries; unknown fields are kept as they are. */
export function parseCustomerRecord(value: unknown, label = 'customer record'): CustomerRecord {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new InvalidCustomerRecordError(`The ${label} must be an object (got ${describeType(value)})`, []);
	}
	if (isValidCustomerRecord(value as Record<string, unknown>)) return value as CustomerRecord;
	const result = customerRecordSchema.safeParse(value);
	if (!result.success) {
		throw new InvalidCustomerRecordError(
			`Invalid ${label}: ${describeIssues(result.error)}`,
			result.error.issues.map((issue) => issue.path.join('.')),
		);
	}
	return value as CustomerRecord;
}

export function describeType(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
