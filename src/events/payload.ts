import { DateTime } from 'luxon';
import { z } from 'zod';

import {
	CUSTOMER_DATE_FIELDS,
	customerRecordSchema,
	type CustomerRecord,
} from '../customer/record';
import { parseInstant } from '../shared/dates';
import { isPlainObject } from '../shared/path';
import { EVENT_NAME_PATTERN } from './catalog';

/**
 * The bodies the Customer Success Trigger accepts, validated with zod (unknown fields pass through):
 * - the package's envelope `{ event, eventId, occurredAt, customer, data }`;
 * - docs/sources.md#app-webhook-payloads `triggerCSWorkflow`: `{ workflow, customerId, data, timestamp }`;
 * - docs/sources.md#app-webhook-payloads `LifecycleManager.triggerN8nWorkflow`: `{ workflow, customer: { id, name, email, plan, mrr }, timestamp }`.
 * All three become one customer-success event; the seed payloads' `workflow` is the event name.
 */

export type PayloadFormat = 'envelope' | 'seedCsWorkflow' | 'seedLifecycleWorkflow';

export interface CustomerSuccessEvent {
	format: PayloadFormat;
	event: string;
	/** The caller's id of this event, if it sent one (only the envelope has a field for it). */
	eventId: string | undefined;
	/** ISO 8601 in UTC; undefined when the body did not say when the event happened. */
	occurredAt: string | undefined;
	customer: CustomerRecord;
	data: Record<string, unknown>;
	/** Top-level fields of the body this contract does not name, kept as they came. */
	extra: Record<string, unknown>;
}

export interface PayloadIssue {
	/** Dotted path into the body, e.g. "customer.timezone"; "" for the body itself. */
	path: string;
	message: string;
}

export type PayloadResult =
	| { ok: true; event: CustomerSuccessEvent }
	| { ok: false; errors: PayloadIssue[] };

const eventName = z
	.string({ invalid_type_error: 'must be a string' })
	.trim()
	.regex(
		EVENT_NAME_PATTERN,
		'must be 1-100 letters, digits, "_", ".", ":" or "-", starting with a letter or digit',
	);

const identifier = z.union(
	[
		z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
		z.number().finite(),
	],
	{
		errorMap: () => ({ message: 'must be a non-empty string or a number' }),
	},
);

const instant = z
	.string({ invalid_type_error: 'must be an ISO 8601 date-time string' })
	.max(64, 'must be an ISO 8601 date-time such as "2026-12-01T09:30:00Z"')
	.refine((value) => DateTime.fromISO(value, { zone: 'utc' }).isValid, {
		message: 'must be an ISO 8601 date-time such as "2026-12-01T09:30:00Z"',
	});

const data = z.record(z.unknown(), { invalid_type_error: 'must be an object' });

// The dates of a customer record are checked here, not only when a node derives days from them: a workflow that
// stores the record (a Data Table, a CRM) would otherwise fail later on a date nobody can read.
const customerDates = (record: Record<string, unknown>, context: z.RefinementCtx) => {
	for (const field of CUSTOMER_DATE_FIELDS) {
		const value = record[field];
		if (value === undefined || value === null || value === '') continue;
		try {
			parseInstant(value, 'UTC', field);
		} catch {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: [field],
				message: 'must be an ISO 8601 date such as "2026-11-23T09:00:00Z"',
			});
		}
	}
};

const envelopeSchema = z
	.object({
		event: eventName,
		eventId: identifier.optional(),
		occurredAt: instant.optional(),
		customer: customerRecordSchema
			.and(z.object({ customer_id: identifier }))
			.superRefine(customerDates),
		data: data.nullable().optional(),
	})
	.passthrough();

const csWorkflowSchema = z
	.object({
		workflow: eventName,
		customerId: identifier,
		data: data.nullable().optional(),
		timestamp: instant.optional(),
	})
	.passthrough();

const lifecycleWorkflowSchema = z
	.object({
		workflow: eventName,
		customer: customerRecordSchema.and(z.object({ id: identifier })).superRefine(customerDates),
		timestamp: instant.optional(),
	})
	.passthrough();

const ENVELOPE_FIELDS = ['event', 'eventId', 'occurredAt', 'customer', 'data'];
const CS_WORKFLOW_FIELDS = ['workflow', 'customerId', 'data', 'timestamp'];
const LIFECYCLE_FIELDS = ['workflow', 'customer', 'timestamp'];

/** Validates a parsed JSON body and turns it into an event, or lists every problem with its path. */
export function parsePayload(body: unknown): PayloadResult {
	if (!isPlainObject(body)) {
		return {
			ok: false,
			errors: [{ path: '', message: `The body must be a JSON object (got ${kindOf(body)})` }],
		};
	}
	if (has(body, 'event') || !has(body, 'workflow')) {
		const result = envelopeSchema.safeParse(body);
		if (!result.success) return { ok: false, errors: issues(result.error, body) };
		const value = result.data;
		return accepted({
			format: 'envelope',
			event: value.event,
			eventId: value.eventId === undefined ? undefined : String(value.eventId),
			occurredAt: value.occurredAt,
			customer: {
				...(body.customer as Record<string, unknown>),
				customer_id: value.customer.customer_id,
			},
			data: value.data ?? {},
			extra: omit(body, ENVELOPE_FIELDS),
		});
	}
	if (has(body, 'customerId') || !isPlainObject(body.customer)) {
		const result = csWorkflowSchema.safeParse(body);
		if (!result.success) return { ok: false, errors: issues(result.error, body) };
		return accepted({
			format: 'seedCsWorkflow',
			event: result.data.workflow,
			eventId: undefined,
			occurredAt: result.data.timestamp,
			customer: { customer_id: result.data.customerId },
			data: result.data.data ?? {},
			extra: omit(body, CS_WORKFLOW_FIELDS),
		});
	}
	const result = lifecycleWorkflowSchema.safeParse(body);
	if (!result.success) return { ok: false, errors: issues(result.error, body) };
	const { id, ...rest } = body.customer as Record<string, unknown>;
	return accepted({
		format: 'seedLifecycleWorkflow',
		event: result.data.workflow,
		eventId: undefined,
		occurredAt: result.data.timestamp,
		// The seed sends `customer.id`; every node of this package reads `customer_id`.
		customer: { customer_id: id, ...rest },
		data: {},
		extra: omit(body, LIFECYCLE_FIELDS),
	});
}

function accepted(event: CustomerSuccessEvent): PayloadResult {
	if (event.occurredAt !== undefined) {
		event.occurredAt =
			DateTime.fromISO(event.occurredAt, { zone: 'utc' }).toUTC().toISO() ?? undefined;
	}
	return { ok: true, event };
}

const MAX_ISSUES = 20;

function issues(error: z.ZodError, body: unknown): PayloadIssue[] {
	const seen = new Set<string>();
	const list: PayloadIssue[] = [];
	for (const issue of error.issues) {
		const path = issue.path.join('.');
		let message = issue.message === 'Required' ? 'is required' : issue.message;
		// zod's union errors say only "Invalid input": say what came instead.
		if (message === 'Invalid input')
			message = `has the wrong type (got ${describeValue(valueAt(body, issue.path))})`;
		const key = `${path}\u0000${message}`;
		if (seen.has(key)) continue;
		seen.add(key);
		list.push({ path, message });
		if (list.length === MAX_ISSUES) break;
	}
	return list;
}

function valueAt(body: unknown, path: Array<string | number>): unknown {
	let current = body;
	for (const segment of path) {
		if (current === null || typeof current !== 'object') return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return current;
}

/** A short description of a received value, never longer than about 80 characters. */
function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'object') return 'an object';
	const text = JSON.stringify(value);
	return `${typeof value} ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}

function has(body: Record<string, unknown>, field: string): boolean {
	return Object.prototype.hasOwnProperty.call(body, field);
}

function omit(body: Record<string, unknown>, fields: string[]): Record<string, unknown> {
	const rest: Record<string, unknown> = {};
	// defineProperty, not assignment: a field named "__proto__" is kept as a field instead of replacing the prototype.
	for (const key of Object.keys(body)) {
		if (!fields.includes(key))
			Object.defineProperty(rest, key, {
				value: body[key],
				enumerable: true,
				writable: true,
				configurable: true,
			});
	}
	return rest;
}

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value;
}
