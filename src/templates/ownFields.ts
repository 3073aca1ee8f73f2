/**
 * Reading an item's fields as own properties only. An item can carry inherited properties (an object made with a
 * prototype by a Code node, or a polluted Object.prototype): `record.email` would read them, so an inherited
 * `email` would become the recipient. Every field this engine takes from an item goes through here or getPath.
 */

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** The own property `key` of `object`, or undefined (never an inherited one). */
export function ownField(object: unknown, key: string): unknown {
	if (object === null || typeof object !== 'object') return undefined;
	return hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

/**
 * An object without a prototype holding only the own `keys` of `object`: for code outside this engine that reads
 * fields with `record.field`, so that it cannot reach inherited ones either.
 */
export function ownView(
	object: Record<string, unknown>,
	keys: Iterable<string>,
): Record<string, unknown> {
	const view = Object.create(null) as Record<string, unknown>;
	for (const key of keys) if (hasOwn(object, key)) view[key] = object[key];
	return view;
}
