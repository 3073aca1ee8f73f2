/** Reads values by dotted path from untrusted item data without touching prototypes. */

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

export function splitPath(path: string): string[] {
	return path
		.split('.')
		.map((segment) => segment.trim())
		.filter((segment) => segment.length > 0);
}

/** Returns the value at `path` (own properties only), or undefined. An empty path returns `source`. */
export function getPath(source: unknown, path: string): unknown {
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
