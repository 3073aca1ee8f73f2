import { getPath } from '../shared/path';
import { escapeHtml, isSafeUrl, singleLine } from './escape';
import { LOOP_NUMBER, type TemplateNode } from './syntax';

/**
 * Renders a parsed template against a context object in one pass over the tree: a value is looked up (own
 * properties only), formatted, escaped for its target and appended. Nothing a value contains is parsed again, so
 * a value `{{nested}}` or `<script>` comes out as text.
 */

/** Where the output goes, which decides the escaping of every value. */
export type RenderTarget =
	/** HTML body: values HTML-escaped (`<` → `&lt;`, quotes too, so they are safe in attributes). */
	| 'html'
	/** Plain-text body: values as they are (plain text has no markup to inject). */
	| 'text'
	/** Subject (a header): values as they are, on one line (line breaks become spaces). */
	| 'subject'
	/** A URL template (the unsubscribe URL): values percent-encoded. */
	| 'url';

/** strict: a missing variable fails the render (all of them listed); lenient: its default, else empty. */
export type MissingVariablePolicy = 'strict' | 'lenient';

export interface RenderOptions {
	target: RenderTarget;
	policy: MissingVariablePolicy;
	/** Lenient defaults by variable path (`first_name`, `health.score`). Lists may default to lines of text. */
	defaults?: ReadonlyMap<string, string>;
}

export interface RenderResult {
	output: string;
	/** Variables that were missing and rendered empty (no default), in order of first use. */
	missing: string[];
	/** Variables that were missing and rendered their default (lenient only). */
	defaulted: string[];
}

export class TemplateDataError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'TemplateDataError';
	}
}

/** Absent, null, an empty or blank text, or an empty list: nothing to show. */
export function isMissing(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.every(isMissing);
	return false;
}

/** {{#if}}: present, and not false or 0. */
export function isTruthy(value: unknown): boolean {
	return !isMissing(value) && value !== false && value !== 0;
}

/** The text of a value: numbers and booleans as given, lists joined with ", ". Objects cannot be shown. */
export function formatValue(value: unknown, name: string): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) {
		return value
			.filter((entry) => !isMissing(entry))
			.map((entry, index) => formatValue(entry, `${name}.${index}`))
			.join(', ');
	}
	throw new TemplateDataError(
		`Variable "${name}" holds ${value === null || value === undefined ? 'nothing' : 'an object'}: use one of its fields, such as {{ ${name}.<field> }}`,
		name,
	);
}

/** The entries {{#each}} walks: a list's present entries, a text's non-blank lines, any other value once. */
export function listEntries(value: unknown): unknown[] {
	if (Array.isArray(value)) return value.filter((entry) => !isMissing(entry));
	if (typeof value === 'string') {
		return value
			.split(/\r?\n/)
			.map((line) => line.trim())
			.filter((line) => line !== '');
	}
	return [value];
}

interface Scope {
	/** What `this` is, and the name it is reported by (`main_issues.2`). */
	value: unknown;
	name: string;
	/** 0-based position in the list. */
	index: number;
}

interface State {
	options: RenderOptions;
	context: unknown;
	scopes: Scope[];
	missing: string[];
	defaulted: string[];
}

function resolve(path: string[], state: State): { value: unknown; name: string } {
	if (path[0] === LOOP_NUMBER) {
		const scope = state.scopes[state.scopes.length - 1];
		return { value: scope.index + 1, name: LOOP_NUMBER };
	}
	if (path[0] === 'this') {
		const scope = state.scopes[state.scopes.length - 1];
		const rest = path.slice(1);
		return {
			value: rest.length ? getPath(scope.value, rest.join('.')) : scope.value,
			name: [scope.name, ...rest].join('.'),
		};
	}
	// Most variables are one name: read it directly (the parser refused __proto__, constructor and prototype).
	const context = state.context;
	if (path.length === 1 && context !== null && typeof context === 'object') {
		const name = path[0];
		const value = Object.prototype.hasOwnProperty.call(context, name) ? (context as Record<string, unknown>)[name] : undefined;
		return { value, name };
	}
	const name = path.join('.');
	return { value: getPath(state.context, name), name };
}

function note(list: string[], name: string): void {
	if (!list.includes(name)) list.push(name);
}

/** The value of a path, or its default (lenient), or undefined after noting it missing. */
function lookup(path: string[], state: State): { value: unknown; name: string } | undefined {
	const found = resolve(path, state);
	if (!isMissing(found.value)) return found;
	const fallback = state.options.policy === 'lenient' ? state.options.defaults?.get(found.name) : undefined;
	if (fallback !== undefined && !isMissing(fallback)) {
		note(state.defaulted, found.name);
		return { value: fallback, name: found.name };
	}
	note(state.missing, found.name);
	return undefined;
}

function escapeFor(target: RenderTarget, text: string, raw: boolean): string {
	if (raw) return target === 'subject' ? singleLine(text) : text;
	switch (target) {
		case 'html':
			return escapeHtml(text);
		case 'url':
			return encodeURIComponent(text);
		case 'subject':
			return singleLine(text);
		default:
			return text;
	}
}

function renderNodes(nodes: TemplateNode[], state: State, out: string[]): void {
	for (const node of nodes) {
		switch (node.kind) {
			case 'text':
				out.push(node.text);
				break;
			case 'value': {
				const found = lookup(node.path, state);
				if (!found) break;
				const text = formatValue(found.value, found.name);
				if (node.url) {
					if (!isSafeUrl(text)) {
						throw new TemplateDataError(
							`Variable "${found.name}" must be an http(s) or mailto URL such as "https://example.com/page" (got ${JSON.stringify(text)})`,
							found.name,
						);
					}
					out.push(state.options.target === 'url' ? text : escapeFor(state.options.target, text, false));
					break;
				}
				out.push(escapeFor(state.options.target, text, node.raw));
				break;
			}
			case 'if': {
				const { value } = resolve(node.path, state);
				renderNodes(isTruthy(value) ? node.then : node.otherwise, state, out);
				break;
			}
			case 'each': {
				const found = lookup(node.path, state);
				if (!found) break;
				listEntries(found.value).forEach((entry, index) => {
					state.scopes.push({ value: entry, name: `${found.name}.${index}`, index });
					renderNodes(node.body, state, out);
					state.scopes.pop();
				});
				break;
			}
		}
	}
}

/**
 * Renders `nodes` for `options.target`. Never throws for a missing variable: it is listed in `missing` (the
 * caller fails the item in strict mode, after rendering every part, so the error names them all). Throws
 * TemplateDataError for a value that cannot be shown (an object) or a `| url` value that is not a safe URL.
 */
export function renderTemplate(nodes: TemplateNode[], context: unknown, options: RenderOptions): RenderResult {
	const state: State = { options, context, scopes: [], missing: [], defaulted: [] };
	const out: string[] = [];
	renderNodes(nodes, state, out);
	return { output: out.join(''), missing: state.missing, defaulted: state.defaulted };
}
