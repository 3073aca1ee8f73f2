import { DateTime } from 'luxon';
import { z } from 'zod';

import { InvalidParameterError } from '../shared/parameters';
import { IDEMPOTENCY_PERIODS } from './delivery';
import { TEMPLATE_LOCALES } from './locale';
import { preview } from './preview';

/**
 * The configuration of a render checked at the edge, once per configuration object: each field comes from a node
 * parameter, and a parameter can be an expression that gives anything. A wrong one fails naming the parameter as the
 * node shows it, instead of "x.trim is not a function" deep inside the render.
 */

/** The node's name of each configuration field, for errors. */
const LABELS: Record<string, string> = {
	template: 'Template',
	customerPath: 'Customer Record Path',
	missingVariables: 'Missing Variables',
	defaultLocale: 'Default Language',
	'parameters.productName': 'Product Name',
	'parameters.senderName': 'Sender Name',
	'parameters.senderEmail': 'Sender Email',
	'parameters.links': 'Links',
	extraVariables: 'Extra Variables',
	rawVariables: 'Raw Variables',
	'overrides.subject': 'Subject Override',
	'overrides.html': 'HTML Override',
	'overrides.text': 'Text Override',
	unsubscribeUrl: 'Unsubscribe URL',
	idempotency: 'Idempotency Key',
	reference: 'Reference Time',
	defaultTimeZone: 'Time Zone',
	subject: 'Subject',
	html: 'HTML',
	text: 'Text',
	defaults: 'Variable Defaults',
};

const optionalText = z.string().optional();

const content = z.object({ subject: z.string(), html: z.string(), text: z.string().nullable() });

/**
 * An object whose own values all pass `schema`. Not z.record: it walks keys with for…in, so a polluted
 * Object.prototype would add its keys to every record.
 */
function ownRecord(schema: z.ZodTypeAny, message: string) {
	return z.custom<Record<string, unknown>>(
		(value) =>
			value !== null &&
			typeof value === 'object' &&
			!Array.isArray(value) &&
			Object.keys(value).every(
				(key) => schema.safeParse((value as Record<string, unknown>)[key]).success,
			),
		message,
	);
}

const customTemplate = z.object({
	id: z.string(),
	locales: ownRecord(
		content,
		'must hold a subject, an HTML body and a text (or null) per language',
	).refine((locales) => Object.keys(locales).length > 0, 'must have a language'),
	defaults: ownRecord(
		ownRecord(z.string(), 'must be text'),
		'must be text per variable and language',
	),
});

const schema = z.object({
	template: z.union([
		z.object({ kind: z.literal('builtIn'), id: z.unknown(), field: z.string() }),
		z.object({ kind: z.literal('custom'), template: customTemplate }),
	]),
	customerPath: z.string().max(256).optional(),
	missingVariables: z.enum(['strict', 'lenient']),
	defaultLocale: z.enum(TEMPLATE_LOCALES),
	parameters: z.object({
		productName: optionalText,
		senderName: optionalText,
		senderEmail: optionalText,
		links: z.record(z.unknown()).optional(),
	}),
	extraVariables: z.array(z.unknown()).optional(),
	rawVariables: z.array(z.string()).optional(),
	overrides: z.object({ subject: optionalText, html: optionalText, text: optionalText }).optional(),
	unsubscribeUrl: optionalText,
	idempotency: z.enum(IDEMPOTENCY_PERIODS as [string, ...string[]]).optional(),
	reference: z.custom<DateTime>(
		(value) => DateTime.isDateTime(value) && value.isValid,
		'must be a valid date and time',
	),
	defaultTimeZone: z.string(),
});

const checked = new WeakSet<object>();

function labelOf(path: Array<string | number>): string {
	const key = path.join('.');
	if (LABELS[key]) return LABELS[key];
	// A custom template's parts: template.template.locales.<lang>.<part>, template.template.defaults…
	const last = [...path]
		.reverse()
		.find((segment) => typeof segment === 'string' && LABELS[segment]);
	return typeof last === 'string'
		? LABELS[last]
		: (LABELS[String(path[0])] ?? String(path[0] ?? 'configuration'));
}

function valueAt(root: unknown, path: Array<string | number>): unknown {
	let value = root;
	for (const segment of path) {
		if (
			value === null ||
			typeof value !== 'object' ||
			!Object.prototype.hasOwnProperty.call(value, segment)
		)
			return undefined;
		value = (value as Record<string | number, unknown>)[segment];
	}
	return value;
}

const TYPE_NAMES: Record<string, string> = {
	string: 'text',
	array: 'a list',
	object: 'a set of fields',
	number: 'a number',
	boolean: 'true or false',
};

// What the field must be, in words of our own: zod's messages can quote the whole received value.
function expectation(issue: z.ZodIssue): string {
	switch (issue.code) {
		case 'invalid_enum_value':
			return `must be one of ${issue.options.map((option) => JSON.stringify(option)).join(', ')}`;
		case 'invalid_type':
			if (issue.received === 'undefined') return 'is required';
			// An enum's expected type reads "'off' | 'once' | …".
			if (issue.expected.includes("'"))
				return `must be one of ${issue.expected
					.split(' | ')
					.map((option) => `"${option.replace(/^'|'$/g, '')}"`)
					.join(', ')}`;
			return `must be ${TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`}`;
		case 'too_big':
			return `must be at most ${issue.maximum} characters long`;
		case 'invalid_union':
		case 'invalid_union_discriminator':
			return 'is not one of the accepted forms';
		default:
			return issue.message.length <= 80 ? issue.message : 'is not valid';
	}
}

/** Throws InvalidParameterError naming the first wrong field; a configuration that passed once is not checked again. */
export function checkEmailConfig(config: unknown): void {
	if (config !== null && typeof config === 'object' && checked.has(config)) return;
	const result = schema.safeParse(config);
	if (!result.success) {
		const [issue] = result.error.issues;
		const label = labelOf(issue.path);
		const got = valueAt(config, issue.path);
		// An invalid luxon DateTime previews as its internals (including the clock): say why it is invalid instead.
		const shown =
			DateTime.isDateTime(got) && !got.isValid
				? `an invalid date: ${got.invalidExplanation ?? got.invalidReason}`
				: preview(got);
		throw new InvalidParameterError(`${label}: ${expectation(issue)} (got ${shown})`, label);
	}
	checked.add(config as object);
}
