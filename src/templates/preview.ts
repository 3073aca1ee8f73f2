/**
 * Values as error messages show them: short, and never throwing. A message quotes what it refuses, but a value can
 * be five million characters long or an object that contains itself (JSON.stringify would throw on it, or print it
 * all). Small values read as JSON, as before: `"ana@acme.test"`, `{"address":"ana@acme.test"}`.
 */

import { formatCount } from './limits';

export const PREVIEW_LENGTH = 80;
const MAX_NESTING = 4;

// Characters JSON leaves as they are but a reader cannot see: C1 controls (NEL U+0085…), line and paragraph
// separators, zero-width and direction marks, the BOM.
const INVISIBLE = /[\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/g;

function quote(text: string): string {
	return JSON.stringify(text).replace(
		INVISIBLE,
		(character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

/** A text quoted as JSON (every control character visible), cut to `max` characters with its full length said. */
export function previewText(text: string, max = PREVIEW_LENGTH): string {
	if (text.length <= max) return quote(text);
	// Never cut a surrogate pair in two.
	let end = max;
	const code = text.charCodeAt(end - 1);
	if (code >= 0xd800 && code <= 0xdbff) end -= 1;
	return `${quote(text.slice(0, end))}… (${formatCount(text.length)} characters)`;
}

class Budget {
	constructor(public left: number) {}
}

// JSON.stringify's output for small plain data; stops writing once the budget is spent and marks cycles.
function json(
	value: unknown,
	budget: Budget,
	ancestors: object[],
	inArray: boolean,
): string | undefined {
	if (budget.left <= 0) return '…';
	if (value === null) return 'null';
	if (typeof value === 'string')
		return previewText(value, Math.max(8, Math.min(budget.left, PREVIEW_LENGTH)));
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
	if (typeof value === 'boolean') return String(value);
	if (typeof value === 'bigint') return `${value}n`;
	if (typeof value !== 'object') return inArray ? 'null' : undefined;
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? 'null' : JSON.stringify(value.toISOString());
	if (ancestors.includes(value)) return '"[a cycle]"';
	if (ancestors.length >= MAX_NESTING) return Array.isArray(value) ? '[…]' : '{…}';
	ancestors.push(value);
	const parts: string[] = [];
	const entries: Array<[string | null, unknown]> = Array.isArray(value)
		? value.map((entry) => [null, entry])
		: Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
	for (const [key, entry] of entries) {
		if (budget.left <= 0) {
			parts.push('…');
			break;
		}
		const text = json(entry, budget, ancestors, key === null);
		if (text === undefined) continue;
		const part = key === null ? text : `${previewText(key, 40)}:${text}`;
		budget.left -= part.length + 1;
		parts.push(part);
	}
	ancestors.pop();
	return Array.isArray(value) ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
}

/** Any value, as JSON when it is small; long texts and large lists or objects are cut, cycles marked. */
export function preview(value: unknown, max = PREVIEW_LENGTH): string {
	if (value === undefined) return 'nothing';
	if (typeof value === 'string') return previewText(value, max);
	try {
		return json(value, new Budget(max), [], false) ?? `a ${typeof value}`;
	} catch {
		// A getter that throws, a proxy: say what it is, not what it holds.
		return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
	}
}

const TAG_PREVIEW = 60;

/** A tag, name or path as messages show it: as written, cut when long (a tag can hold a megabyte). */
export function shortSource(text: string, max = TAG_PREVIEW): string {
	return text.length <= max
		? text
		: `${text.slice(0, max)}… (${formatCount(text.length)} characters)`;
}

const LISTED_CHARACTERS = 200;

/** `a, b, c`, or for a long list the names that fit in a short message and how many more: a message stays short. */
export function listNames(names: string[]): string {
	const listed: string[] = [];
	let length = 0;
	for (const name of names) {
		const shown = shortSource(name);
		if (listed.length > 0 && length + shown.length > LISTED_CHARACTERS) break;
		listed.push(shown);
		length += shown.length + 2;
	}
	const rest = names.length - listed.length;
	return rest > 0 ? `${listed.join(', ')} and ${rest} more` : listed.join(', ');
}
