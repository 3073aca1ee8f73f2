/** Reads values by dotted path from untrusted item data without touching prototypes. */

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

export function splitPath(path: string): string[] {
	return path
		.split('.')
		.map((segment) => segment.trim())
		.filter((segment) => segment.length > 0);
}

const SIMPLE_KEY = /^[^.\s]+$/;
// Whether a path is one plain field name, remembered per path (the same few paths are read for every item).
const simplePaths = new Map<string, boolean>();

function isSimplePath(path: string): boolean {
	let simple = simplePaths.get(path);
	if (simple === undefined) {
		simple = SIMPLE_KEY.test(path);
		if (simplePaths.size > 10_000) simplePaths.clear();
		simplePaths.set(path, simple);
	}
	return simple;
}

/** Returns the value at `path` (own properties only), or undefined. An empty path returns `source`. */
export function getPath(source: unknown, path: string): unknown {
	// Most paths are one plain field name: read it without splitting (this runs for every metric of every item).
	if (isSimplePath(path)) {
		if (FORBIDDEN_SEGMENTS.has(path) || source === null || typeof source !== 'object')
			return undefined;
		return Object.prototype.hasOwnProperty.call(source, path)
			? (source as Record<string, unknown>)[path]
			: undefined;
	}
	let current: unknown = source;
	for (const segment of splitPath(path)) {
		if (FORBIDDEN_SEGMENTS.has(segment)) return undefined;
		if (current === null || typeof current !== 'object') return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return current;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
