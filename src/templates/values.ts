import { TemplateDataError, TemplateLimitError } from './errors';
import { TEMPLATE_LIMITS } from './limits';
import { shortSource } from './preview';

/**
 * What a value is to a template: missing or present, true or false for {{#if}}, its text, its entries for {{#each}}.
 * Lists are the only data walked into (a list's entries are checked, shown and walked), so they are where data can
 * be hostile: nested ten thousand deep, or containing themselves. Every walk here counts its depth and checks the
 * lists it is inside, and fails with TemplateLimitError naming the data path before it could overflow the stack.
 */

const MAX_DEPTH = TEMPLATE_LIMITS.MAX_DATA_DEPTH;

/** `matrix.0.0.0…`: a data path, cut when long. */
function pathOf(name: string, indexes: number[]): string {
	return shortSource([name, ...indexes].join('.'), 120);
}

function tooDeep(name: string, indexes: number[]): TemplateLimitError {
	return new TemplateLimitError(
		`Variable "${shortSource(name)}" holds lists nested too deep (at ${pathOf(name, indexes)})`,
		name,
		'MAX_DATA_DEPTH',
	);
}

/** The list at `indexes` is the one `ancestor` levels down from the value (0: the value itself). */
function cycle(name: string, indexes: number[], ancestor: number): TemplateDataError {
	return new TemplateDataError(
		`Variable "${shortSource(name)}" holds a list that contains itself (${pathOf(name, indexes)} is ${pathOf(name, indexes.slice(0, ancestor))} again), which cannot be shown`,
		name,
	);
}

/**
 * Whether every entry of `list` is missing. Entries that are lists are checked the same way, depth-first with the
 * lists above kept in `ancestors`; a list already found missing in this walk is not walked again, so a list shared
 * by many entries costs once.
 */
function allMissing(
	list: unknown[],
	name: string,
	ancestors: unknown[][],
	indexes: number[],
	known: Set<unknown[]>,
): boolean {
	if (ancestors.length >= MAX_DEPTH) throw tooDeep(name, indexes);
	ancestors.push(list);
	try {
		for (let index = 0; index < list.length; index++) {
			const entry = list[index];
			if (!Array.isArray(entry)) {
				if (!isMissingLeaf(entry)) return false;
				continue;
			}
			if (known.has(entry)) continue;
			indexes.push(index);
			if (ancestors.includes(entry)) throw cycle(name, indexes, ancestors.indexOf(entry));
			const missing = allMissing(entry, name, ancestors, indexes, known);
			indexes.pop();
			if (!missing) return false;
			known.add(entry);
		}
		return true;
	} finally {
		ancestors.pop();
	}
}

function isMissingLeaf(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	return false;
}

/**
 * Absent, null, an empty or blank text, or a list whose entries are all missing: nothing to show. `name` is the
 * variable, for the error when the value is a list nested too deep or containing itself.
 */
export function isMissing(value: unknown, name = 'value'): boolean {
	if (!Array.isArray(value)) return isMissingLeaf(value);
	if (value.length === 0) return true;
	return allMissing(value, name, [], [], new Set());
}

/** {{#if}}: present, and not false or 0. */
export function isTruthy(value: unknown, name = 'value'): boolean {
	return !isMissing(value, name) && value !== false && value !== 0;
}

/** Receives the text of a value piece by piece; throws when it would go past what the output may hold. */
export type TextSink = (piece: string) => void;

function formatLeaf(value: unknown, name: string): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
		return String(value);
	if (value instanceof Date) {
		if (!Number.isNaN(value.getTime())) return value.toISOString();
		throw new TemplateDataError(`Variable "${shortSource(name)}" holds an invalid date`, name);
	}
	throw new TemplateDataError(
		`Variable "${shortSource(name)}" holds ${value === null || value === undefined ? 'nothing' : 'an object'}: use one of its fields, such as {{ ${shortSource(name)}.<field> }}`,
		name,
	);
}

/**
 * The text of a value: numbers and booleans as given, lists joined with ", " (their missing entries left out).
 * Objects cannot be shown. `sink`, when given, receives the pieces of a list as they are made, so a list whose text
 * would be too long is stopped by the output limit before it is joined.
 */
export function formatValue(value: unknown, name: string, sink?: TextSink): string {
	if (!Array.isArray(value)) return formatLeaf(value, name);
	const pieces: string[] = [];
	const add = (piece: string) => {
		sink?.(piece);
		pieces.push(piece);
	};
	formatList(value, name, [], [], add);
	return pieces.join('');
}

function formatList(
	list: unknown[],
	name: string,
	ancestors: unknown[][],
	indexes: number[],
	add: TextSink,
): void {
	if (ancestors.length >= MAX_DEPTH) throw tooDeep(name, indexes);
	ancestors.push(list);
	let first = true;
	for (let index = 0; index < list.length; index++) {
		const entry = list[index];
		indexes.push(index);
		if (Array.isArray(entry) && ancestors.includes(entry))
			throw cycle(name, indexes, ancestors.indexOf(entry));
		const entryName = `${name}.${indexes.join('.')}`;
		if (!isMissing(entry, entryName)) {
			if (!first) add(', ');
			first = false;
			if (Array.isArray(entry)) formatList(entry, name, ancestors, indexes, add);
			else add(formatLeaf(entry, entryName));
		}
		indexes.pop();
	}
	ancestors.pop();
}

/**
 * The entries {{#each}} walks: a list's present entries, a text's non-blank lines, any other value once. It stops
 * after `limit` + 1 entries: more than the loop may walk is an error for the caller, found without copying a
 * ten-million-line text first.
 */
export function listEntries(
	value: unknown,
	name = 'value',
	limit = Number.POSITIVE_INFINITY,
): unknown[] {
	const entries: unknown[] = [];
	if (Array.isArray(value)) {
		for (let index = 0; index < value.length && entries.length <= limit; index++) {
			const entry: unknown = value[index];
			if (entry === value) throw cycle(name, [index], 0);
			if (!isMissing(entry, `${name}.${index}`)) entries.push(entry);
		}
		return entries;
	}
	if (typeof value === 'string') {
		let start = 0;
		while (start <= value.length && entries.length <= limit) {
			const newline = value.indexOf('\n', start);
			const end = newline === -1 ? value.length : newline;
			// Lines end at "\n" or "\r\n"; each is trimmed, and blank ones are skipped.
			const line = value.slice(start, end).trim();
			if (line !== '') entries.push(line);
			if (newline === -1) break;
			start = newline + 1;
		}
		return entries;
	}
	return [value];
}
