/**
 * A short, safe picture of any value for an error message: never more than about PREVIEW_LENGTH characters of it,
 * never a throw (cycles, BigInt, getters that throw), never deep recursion. A 5 MB string becomes its first 60
 * characters, an ellipsis and its length, so one bad field cannot turn an error message into megabytes.
 */

export const PREVIEW_LENGTH = 60;
/** How deep an object or array is looked into; deeper levels print as "…". */
const PREVIEW_DEPTH = 3;

const numberFormat = new Intl.NumberFormat('en-US');

function previewString(text: string, max: number): string {
	if (text.length <= max) return JSON.stringify(text);
	const quoted = JSON.stringify(text.slice(0, max));
	return `${quoted.slice(0, -1)}…" (${numberFormat.format(text.length)} characters)`;
}

function scalar(value: unknown, max: number): string | undefined {
	switch (typeof value) {
		case 'string':
			return previewString(value, max);
		case 'number':
		case 'boolean':
			return String(value);
		case 'bigint':
			return `${value}n`;
		case 'undefined':
			return 'nothing';
		case 'symbol':
			return 'a symbol';
		case 'function':
			return 'a function';
	}
	if (value === null) return 'null';
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? 'an invalid Date' : value.toISOString();
	return undefined;
}

/** Compact JSON-like text of an object or array, cut at `max` characters; cycles print as "[Circular]". */
function previewObject(root: object, max: number): string {
	let out = '';
	const seen = new Set<object>();
	// Iterative walk: a work list of text pieces and values still to print, so an array nested 10,000 deep costs
	// PREVIEW_DEPTH levels, not 10,000 stack frames.
	const work: Array<{ text: string } | { value: unknown; depth: number }> = [
		{ value: root, depth: 0 },
	];
	while (work.length > 0 && out.length <= max) {
		const next = work.pop() as { text: string } | { value: unknown; depth: number };
		if ('text' in next) {
			out += next.text;
			continue;
		}
		const { value, depth } = next;
		const simple = scalar(value, max);
		if (simple !== undefined) {
			out +=
				typeof value === 'string' || value === null || typeof value !== 'object'
					? simple
					: JSON.stringify(simple);
			continue;
		}
		const object = value as object;
		if (seen.has(object)) {
			out += '[Circular]';
			continue;
		}
		const isArray = Array.isArray(object);
		if (depth >= PREVIEW_DEPTH) {
			out += isArray ? '[…]' : '{…}';
			continue;
		}
		seen.add(object);
		let keys: string[];
		try {
			keys = isArray ? [] : Object.keys(object);
		} catch {
			out += '{…}';
			continue;
		}
		const count = isArray ? (object as unknown[]).length : keys.length;
		// Only as many entries as could still fit: a million-entry array is not walked.
		const shown = Math.min(count, max);
		const pieces: Array<{ text: string } | { value: unknown; depth: number }> = [
			{ text: isArray ? '[' : '{' },
		];
		for (let index = 0; index < shown; index++) {
			if (index > 0) pieces.push({ text: ',' });
			let entry: unknown;
			try {
				entry = isArray
					? (object as unknown[])[index]
					: (object as Record<string, unknown>)[keys[index]];
			} catch {
				entry = undefined;
			}
			if (!isArray) pieces.push({ text: `${JSON.stringify(keys[index])}:` });
			pieces.push({ value: entry, depth: depth + 1 });
		}
		if (shown < count) pieces.push({ text: ',…' });
		pieces.push({ text: isArray ? ']' : '}' });
		for (let index = pieces.length - 1; index >= 0; index--) work.push(pieces[index]);
	}
	return out.length > max || work.length > 0 ? `${out.slice(0, max)}…` : out;
}

/** The value as an error message shows it after "got": `"yesterday"`, `11`, `NaN`, `{"a":1}`, `"xxxx…" (5,000,000 characters)`. */
export function previewValue(value: unknown, max = PREVIEW_LENGTH): string {
	const simple = scalar(value, max);
	if (simple !== undefined) return simple;
	return previewObject(value as object, max);
}

/** Error messages list valid choices up to about this many characters, then say how many more there are. */
export const LISTED_CHOICES_LENGTH = 240;

/**
 * Valid choices for an error message: as many as fit in `budget` characters, then "and N more", so a message stays
 * short however many custom choices a user defines. A long choice is shown as its preview.
 */
export function listChoices(choices: readonly string[], budget = LISTED_CHOICES_LENGTH): string {
	const shown: string[] = [];
	let length = 0;
	for (const choice of choices) {
		const text = choice.length > 60 ? previewValue(choice) : choice;
		if (shown.length > 0 && length + 2 + text.length > budget) break;
		shown.push(text);
		length += (shown.length > 1 ? 2 : 0) + text.length;
	}
	const rest = choices.length - shown.length;
	return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/** The choice most like `typed` (longest common prefix of at least 4 characters), for "did you mean". */
export function closestChoice(typed: string, choices: readonly string[]): string | undefined {
	let best: string | undefined;
	let bestLength = 3;
	for (const choice of choices) {
		let common = 0;
		while (common < typed.length && common < choice.length && typed[common] === choice[common])
			common++;
		if (common > bestLength) {
			best = choice;
			bestLength = common;
		}
	}
	return best;
}
