import { getPath } from '../shared/path';
import { isAllowedLink, isCssUrl, isPlainCssValue } from './attributeChecks';
import { TemplateDataError, TemplateLimitError } from './errors';
import { escapeHtml, escapeUnquotedAttribute, isSafeUrl, singleLine } from './escape';
import { analyseHtml, valueContext } from './htmlContext';
import { formatCount, TEMPLATE_LIMITS } from './limits';
import { previewText, shortSource } from './preview';
import { describeTag, LOOP_NUMBER, type TemplateNode, type ValueNode } from './syntax';
import { formatValue, isMissing, isTruthy, listEntries } from './values';

/**
 * Renders a parsed template against a context object in one pass over the tree: a value is looked up (own
 * properties only), formatted, escaped for its target and appended. Nothing a value contains is parsed again, so
 * a value `{{nested}}` or `<script>` comes out as text. The work of one email is bounded (RenderBudget): its length,
 * its loop entries and its rendering steps are counted as they happen and checked before each piece is added.
 */

/** Where the output goes, which decides the escaping of every value. */
export type RenderTarget =
	/** HTML body: values escaped for where they are (text, quoted or unquoted attribute, link, CSS: htmlContext.ts). */
	| 'html'
	/** Plain-text body: values as they are (plain text has no markup to inject). */
	| 'text'
	/** Subject (a header): values on one line, without control characters. */
	| 'subject'
	/** A URL template (the unsubscribe URL): values percent-encoded. */
	| 'url';

/** strict: a missing variable fails the render (all of them listed); lenient: its default, else empty. */
export type MissingVariablePolicy = 'strict' | 'lenient';

/** What one email has used of TEMPLATE_LIMITS; shared by the parts of the email (subject, HTML, text). */
export class RenderBudget {
	output = 0;
	iterations = 0;
	steps = 0;

	/** Whether `length` more characters still fit in the email. */
	fits(length: number): boolean {
		return this.output + length <= TEMPLATE_LIMITS.MAX_OUTPUT_LENGTH;
	}
}

/** The error for an email that would grow past MAX_OUTPUT_LENGTH at `where`. */
export function outputLimitError(where: string, field: string): TemplateLimitError {
	return new TemplateLimitError(
		`${where}: the email would be longer than ${formatCount(TEMPLATE_LIMITS.MAX_OUTPUT_LENGTH)} characters`,
		field,
		'MAX_OUTPUT_LENGTH',
	);
}

export interface RenderOptions {
	target: RenderTarget;
	policy: MissingVariablePolicy;
	/** Lenient defaults by variable path (`first_name`, `health.score`). Lists may default to lines of text. */
	defaults?: ReadonlyMap<string, string>;
	/** The budget of the email this part belongs to; a new one when absent. */
	budget?: RenderBudget;
	/** The template part, for errors found in it (e.g. "Custom HTML"). */
	field?: string;
}

export interface RenderResult {
	output: string;
	/** Variables that were missing and rendered empty (no default), in order of first use. */
	missing: string[];
	/** Variables that were missing and rendered their default (lenient only). */
	defaulted: string[];
}

interface Scope {
	/** What `this` is, and the name it is reported by (`main_issues.2`). */
	value: unknown;
	name: string;
	/** 0-based position in the list. */
	index: number;
}

/** Names in order of first appearance, each once (a Set beside the list: a loop can add thousands). */
class NameList {
	readonly names: string[] = [];
	// Made on the first name: most renders miss nothing.
	private seen: Set<string> | undefined;

	add(name: string): void {
		this.seen ??= new Set();
		if (this.seen.has(name)) return;
		this.seen.add(name);
		this.names.push(name);
	}
}

interface State {
	options: RenderOptions;
	context: unknown;
	scopes: Scope[];
	missing: NameList;
	defaulted: NameList;
	budget: RenderBudget;
	field: string;
	out: string[];
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
		const value = Object.prototype.hasOwnProperty.call(context, name)
			? (context as Record<string, unknown>)[name]
			: undefined;
		return { value, name };
	}
	const name = path.join('.');
	return { value: getPath(state.context, name), name };
}

/** The value of a path, or its default (lenient), or undefined after noting it missing. */
function lookup(path: string[], state: State): { value: unknown; name: string } | undefined {
	const found = resolve(path, state);
	if (!isMissing(found.value, found.name)) return found;
	const fallback =
		state.options.policy === 'lenient' ? state.options.defaults?.get(found.name) : undefined;
	if (fallback !== undefined && !isMissing(fallback)) {
		state.defaulted.add(found.name);
		return { value: fallback, name: found.name };
	}
	state.missing.add(found.name);
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

/** A value in HTML: checked and escaped for the place htmlContext.ts found for it. */
function escapeInHtml(node: ValueNode, text: string, name: string): string {
	const context = node.raw ? undefined : valueContext(node);
	if (!context) return escapeFor('html', text, node.raw);
	if (context.cssUrl && !isCssUrl(text)) {
		throw new TemplateDataError(
			`Variable "${shortSource(name)}" goes into a CSS url(…) (${describeTag(node)}) and must be an http(s) URL without quotes, parentheses, spaces or backslashes (got ${previewText(text)})`,
			name,
		);
	}
	if (context.css && !context.cssUrl && !isPlainCssValue(text)) {
		throw new TemplateDataError(
			`Variable "${shortSource(name)}" goes into CSS (${describeTag(node)}) and may only hold a plain CSS value such as "#1f2937", "12px" or "bold" (got ${previewText(text)})`,
			name,
		);
	}
	for (const prefix of context.linkPrefixes) {
		if (!isAllowedLink(prefix + text)) {
			throw new TemplateDataError(
				`Variable "${shortSource(name)}" starts the link in ${context.linkAttribute} (${describeTag(node)}) and must be an http(s), mailto or tel URL or a relative link, never javascript:, data: or vbscript: (got ${previewText(text)})`,
				name,
			);
		}
	}
	return context.unquoted ? escapeUnquotedAttribute(text) : escapeHtml(text);
}

function where(node: TemplateNode, state: State): string {
	return describeTag(node, state.field);
}

function push(piece: string, node: TemplateNode, state: State): void {
	if (!state.budget.fits(piece.length)) throw outputLimitError(where(node, state), state.field);
	state.budget.output += piece.length;
	state.out.push(piece);
}

function renderValue(node: ValueNode, state: State): void {
	const found = lookup(node.path, state);
	if (!found) return;
	// A list's text is checked against the output limit while it is made, before it is joined.
	let pending = 0;
	const text = Array.isArray(found.value)
		? formatValue(found.value, found.name, (piece) => {
				pending += piece.length;
				if (!state.budget.fits(pending)) throw outputLimitError(where(node, state), state.field);
			})
		: formatValue(found.value, found.name);
	if (!state.budget.fits(text.length)) throw outputLimitError(where(node, state), state.field);
	const target = state.options.target;
	if (node.url && !isSafeUrl(text)) {
		throw new TemplateDataError(
			`Variable "${shortSource(found.name)}" must be an http(s) or mailto URL such as "https://example.com/page" (got ${previewText(text)})`,
			found.name,
		);
	}
	if (target === 'html') push(escapeInHtml(node, text, found.name), node, state);
	else push(node.url && target === 'url' ? text : escapeFor(target, text, node.raw), node, state);
}

function renderNodes(
	nodes: TemplateNode[],
	state: State,
	depth: number,
	block: TemplateNode | undefined,
): void {
	if (depth > TEMPLATE_LIMITS.MAX_BLOCK_DEPTH + 1) {
		throw new TemplateLimitError(
			`${block ? where(block, state) : state.field}: blocks are nested too deep`,
			state.field,
			'MAX_BLOCK_DEPTH',
		);
	}
	const budget = state.budget;
	for (const node of nodes) {
		budget.steps += 1;
		if (budget.steps > TEMPLATE_LIMITS.MAX_RENDER_STEPS) {
			const at = node.kind === 'text' ? block : node;
			throw new TemplateLimitError(
				`${at ? where(at, state) : state.field}: the email needs more than ${formatCount(TEMPLATE_LIMITS.MAX_RENDER_STEPS)} template pieces rendered`,
				state.field,
				'MAX_RENDER_STEPS',
			);
		}
		switch (node.kind) {
			case 'text':
				push(node.text, block ?? node, state);
				break;
			case 'value':
				renderValue(node, state);
				break;
			case 'if': {
				const { value, name } = resolve(node.path, state);
				renderNodes(isTruthy(value, name) ? node.then : node.otherwise, state, depth + 1, node);
				break;
			}
			case 'each': {
				const found = lookup(node.path, state);
				if (!found) break;
				const entries = listEntries(
					found.value,
					found.name,
					TEMPLATE_LIMITS.MAX_LOOP_ITERATIONS - budget.iterations,
				);
				// Checked before the loop runs: a 15,000 × 15,000 nested loop stops at its 14th outer entry.
				if (budget.iterations + entries.length > TEMPLATE_LIMITS.MAX_LOOP_ITERATIONS) {
					throw new TemplateLimitError(
						`${where(node, state)}: the loops of the email would walk more than ${formatCount(TEMPLATE_LIMITS.MAX_LOOP_ITERATIONS)} entries ("${shortSource(found.name)}" has ${Array.isArray(found.value) ? formatCount(found.value.length) : `more than ${formatCount(entries.length - 1)}`}, after ${formatCount(budget.iterations)} already walked)`,
						state.field,
						'MAX_LOOP_ITERATIONS',
					);
				}
				budget.iterations += entries.length;
				for (let index = 0; index < entries.length; index++) {
					state.scopes.push({ value: entries[index], name: `${found.name}.${index}`, index });
					renderNodes(node.body, state, depth + 1, node);
					state.scopes.pop();
				}
				break;
			}
		}
	}
}

/**
 * Renders `nodes` for `options.target`. Never throws for a missing variable: it is listed in `missing` (the
 * caller fails the item in strict mode, after rendering every part, so the error names them all). Throws
 * TemplateDataError for a value that cannot be shown (an object) or cannot go where the template puts it (a link
 * that is not safe, CSS that is not a plain value), and TemplateLimitError past one of TEMPLATE_LIMITS.
 */
export function renderTemplate(
	nodes: TemplateNode[],
	context: unknown,
	options: RenderOptions,
): RenderResult {
	const field = options.field ?? (options.target === 'html' ? 'HTML' : 'template');
	if (options.target === 'html') analyseHtml(nodes, field);
	const state: State = {
		options,
		context,
		scopes: [],
		missing: new NameList(),
		defaulted: new NameList(),
		budget: options.budget ?? new RenderBudget(),
		field,
		out: [],
	};
	renderNodes(nodes, state, 0, undefined);
	return {
		output: state.out.join(''),
		missing: state.missing.names,
		defaulted: state.defaulted.names,
	};
}
