import { toFiniteNumber } from './numbers';
import { assertPlainData, InvalidDataError } from './plainData';
import { previewValue } from './preview';

/**
 * Node parameters as the domain reads them. An n8n expression can give any value for any parameter (a number for
 * Customer Record Path, "abc" for Minimum Coverage); each reader names the parameter and the value instead of
 * failing inside the code ("path.trim is not a function") or quietly using a wrong value.
 */

export class InvalidParameterError extends Error {
	constructor(
		message: string,
		/** The parameter's name as the node shows it, e.g. "Customer Record Path". */
		readonly parameter: string,
	) {
		super(message);
		this.name = 'InvalidParameterError';
	}
}

export function parameterError(
	label: string,
	expected: string,
	value: unknown,
): InvalidParameterError {
	return new InvalidParameterError(
		`${label}: must be ${expected} (got ${previewValue(value)})`,
		label,
	);
}

/** Longer than any field path; a longer one would be repeated in every message that names the field. */
const MAX_PATH_LENGTH = 256;

/** A dotted path of a field (Customer Record Path, Score Field…): trimmed text; empty when not given. */
export function pathParameter(value: unknown, label: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string' || value.length > MAX_PATH_LENGTH) {
		throw parameterError(
			label,
			`a field name or dotted path such as "customer", at most ${MAX_PATH_LENGTH} characters`,
			value,
		);
	}
	return value.trim();
}

/** A number from `min` to `max` (decimal text accepted), or `fallback` when not given. */
export function numberParameter(
	value: unknown,
	label: string,
	fallback: number,
	min: number,
	max: number,
): number {
	if (value === undefined || value === null || value === '') return fallback;
	const number = toFiniteNumber(value);
	if (number === undefined || number < min || number > max)
		throw parameterError(label, `a number from ${min} to ${max}`, value);
	return number;
}

/** One of `choices`, or `fallback` when not given. */
export function choiceParameter<T extends string>(
	value: unknown,
	label: string,
	choices: readonly T[],
	fallback: T,
): T {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'string' && (choices as readonly string[]).includes(value))
		return value as T;
	throw parameterError(label, `one of ${choices.join(', ')}`, value);
}

/**
 * A parameter's value, read by `read` (n8n's getNodeParameter), checked to be plain data: an expression's result that
 * contains itself or is nested too deeply fails naming the parameter. n8n copies such a result recursively and
 * overflows the stack first; that overflow is turned into the same message.
 */
export function plainParameter<T>(read: () => T, label: string): T {
	let value: T;
	try {
		value = read();
	} catch (error) {
		if (error instanceof RangeError && /call stack/i.test(error.message)) {
			throw new InvalidParameterError(
				`${label}: the expression gives data nested too deeply or containing itself; give plain JSON nested at most 64 levels`,
				label,
			);
		}
		throw error;
	}
	try {
		assertPlainData(value, label);
	} catch (error) {
		if (error instanceof InvalidDataError) throw new InvalidParameterError(error.message, label);
		throw error;
	}
	return value;
}

/** Text (trimmed), or `fallback` when not given; anything else names the parameter. */
export function textParameter(
	value: unknown,
	label: string,
	expected: string,
	fallback = '',
): string {
	if (value === undefined || value === null) return fallback;
	if (typeof value !== 'string') throw parameterError(label, expected, value);
	return value.trim() || fallback;
}
