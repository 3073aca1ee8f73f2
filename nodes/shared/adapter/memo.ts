/**
 * One value per distinct key, built once per execution: what a node parses from its parameters (a health model,
 * signal rules, expansion settings, a playbook catalog) is parsed once per distinct parameter value, not per item.
 * A build that throws is remembered too, so a bad definition fails every item that uses it without being re-parsed.
 */

type Entry<T> = { value: T } | { error: unknown };

function unwrap<T>(entry: Entry<T>): T {
	if ('error' in entry) throw entry.error;
	return entry.value;
}

function attempt<T>(build: () => T): Entry<T> {
	try {
		return { value: build() };
	} catch (error) {
		return { error };
	}
}

/**
 * The key of a parameter value: text and numbers as they are, dates by their instant, anything else (plain data, as
 * ItemParameters checks) as JSON.
 */
export function memoKey(value: unknown): string {
	if (typeof value === 'string') return `s${value}`;
	if (typeof value === 'number' || typeof value === 'boolean') return `n${String(value)}`;
	if (value === undefined) return 'u';
	if (value instanceof Date) return `d${value.getTime()}`;
	return `j${JSON.stringify(value)}`;
}

export class Memo<T> {
	private readonly entries = new Map<string, Entry<T>>();

	get(key: unknown, build: () => T): T {
		const text = memoKey(key);
		let entry = this.entries.get(text);
		if (!entry) {
			entry = attempt(build);
			this.entries.set(text, entry);
		}
		return unwrap(entry);
	}
}

/** One value for the whole execution, built at first use (a throw is remembered as well). */
export class Once<T> {
	private entry: Entry<T> | undefined;

	get(build: () => T): T {
		this.entry ??= attempt(build);
		return unwrap(this.entry);
	}
}
