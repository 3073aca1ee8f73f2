import { z } from 'zod';

import { InvalidParameterError } from '../../src/shared/parameters';
import {
	IDEMPOTENCY_PERIODS,
	parsePath,
	preview,
	shortSource,
	TEMPLATE_LOCALES,
} from '../../src/templates';

/**
 * The node's parameters checked at the edge: a parameter can be an expression, so it can give anything (an object
 * where a template goes, null where a list of rows goes). Each reader returns the type the engine expects or throws
 * an error naming the parameter and what it got, instead of "Cannot read properties of null" later on.
 */

const textValue = z.union([z.string(), z.number(), z.boolean()]);

/** A text parameter: text as it is, a number or a flag as its text; empty or absent is undefined. */
export function optionalTextParameter(value: unknown, label: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parsed = textValue.safeParse(value);
	if (!parsed.success)
		throw new InvalidParameterError(`${label}: must be text (got ${preview(value)})`, label);
	return String(parsed.data);
}

/** A text parameter, trimmed; empty when absent. */
export function textParameter(value: unknown, label: string): string {
	return (optionalTextParameter(value, label) ?? '').trim();
}

export const MISSING_VARIABLE_POLICIES = ['strict', 'lenient'] as const;
export const LOCALES = TEMPLATE_LOCALES;
export const PERIODS = IDEMPOTENCY_PERIODS;

export interface NameValueRow {
	name: unknown;
	value: unknown;
}

const row = z.object({ name: z.unknown(), value: z.unknown() }).passthrough();

/** A fixed collection of name/value rows (Extra Variables, Variable Defaults); absent is none. */
export function rowsParameter(value: unknown, label: string): NameValueRow[] {
	if (value === undefined || value === null || value === '') return [];
	if (!Array.isArray(value))
		throw new InvalidParameterError(
			`${label}: must be a list of name and value rows (got ${preview(value)})`,
			label,
		);
	return value.map((entry, index) => {
		const parsed = row.safeParse(entry);
		if (!parsed.success) {
			throw new InvalidParameterError(
				`${label}: row ${index + 1} must have a name and a value (got ${preview(entry)})`,
				label,
			);
		}
		return { name: parsed.data.name, value: parsed.data.value };
	});
}

/** An object of optional text fields (the Links collection); absent is empty. */
export function textFieldsParameter(value: unknown, label: string): Record<string, string> {
	if (value === undefined || value === null || value === '') return {};
	if (typeof value !== 'object' || Array.isArray(value))
		throw new InvalidParameterError(
			`${label}: must be a set of fields (got ${preview(value)})`,
			label,
		);
	// No prototype: a key "__proto__" is then a field like any other.
	const fields = Object.create(null) as Record<string, string>;
	for (const [key, field] of Object.entries(value)) {
		const text = optionalTextParameter(field, `${label} › ${key}`);
		if (text !== undefined) fields[key] = text;
	}
	return fields;
}

/** Variable Defaults: each row a variable name (a dotted path) and its default text. */
export function defaultsParameter(rows: NameValueRow[], label: string): Record<string, string> {
	// No prototype: a default named like an Object.prototype member is just a name.
	const defaults = Object.create(null) as Record<string, string>;
	for (const { name: raw, value } of rows) {
		const name = typeof raw === 'string' ? raw.trim() : '';
		const parsed = parsePath(name, false);
		if (typeof parsed === 'string')
			throw new InvalidParameterError(`${label}: ${preview(raw ?? '')} ${parsed}`, label);
		defaults[name] = optionalTextParameter(value, `${label} › ${shortSource(name)}`) ?? '';
	}
	return defaults;
}
