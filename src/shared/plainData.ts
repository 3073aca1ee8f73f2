import { previewValue } from './preview';

/**
 * Whether a value given by an n8n expression (a custom health model, custom playbooks, table rows) is plain JSON-like
 * data: no object that contains itself, nesting no deeper than MAX_DATA_DEPTH. Recursive code (zod, JSON.stringify,
 * n8n's own copies) fails on anything else with "Converting circular structure to JSON" or "Maximum call stack size
 * exceeded"; this walk is iterative, so it answers for an array nested 10,000 deep too.
 */

/** Deeper than any model, playbook or table row needs (they nest 5 levels at most). */
export const MAX_DATA_DEPTH = 64;

export class InvalidDataError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'InvalidDataError';
	}
}

/** Arrays and plain objects are walked; anything else (a Date, a luxon DateTime) is a leaf. */
function isContainer(value: unknown): value is object {
	if (value === null || typeof value !== 'object') return false;
	if (Array.isArray(value)) return true;
	// A plain object's prototype is some realm's Object.prototype (an expression's result may come from another
	// realm), whose own prototype is null; a class instance has one more link.
	const prototype = Object.getPrototypeOf(value);
	return prototype === null || Object.getPrototypeOf(prototype) === null;
}

type Frame = { value: object; depth: number; exit: false } | { value: object; exit: true };

/** Throws InvalidDataError naming `label` for a cycle or too deep a nesting; plain data passes untouched. */
export function assertPlainData(value: unknown, label: string): void {
	if (!isContainer(value)) return;
	// Depth-first with an explicit stack; `open` holds the objects on the current path (a cycle is one met again there;
	// the same object reached twice by different paths is fine).
	const open = new Set<object>();
	const stack: Frame[] = [{ value, depth: 1, exit: false }];
	while (stack.length > 0) {
		const frame = stack.pop() as Frame;
		if (frame.exit) {
			open.delete(frame.value);
			continue;
		}
		const { value: current, depth } = frame;
		if (open.has(current)) {
			throw new InvalidDataError(
				`${label}: contains itself (an object or list inside it refers back to it), which JSON cannot hold`,
				label,
			);
		}
		if (depth > MAX_DATA_DEPTH) {
			throw new InvalidDataError(
				`${label}: is nested more than ${MAX_DATA_DEPTH} levels deep (got ${previewValue(value)})`,
				label,
			);
		}
		open.add(current);
		stack.push({ value: current, exit: true });
		const children = Array.isArray(current) ? current : Object.values(current);
		for (const child of children) {
			if (isContainer(child)) stack.push({ value: child, depth: depth + 1, exit: false });
		}
	}
}
