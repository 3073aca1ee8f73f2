import { TemplateLimitError } from './errors';
import { formatCount, TEMPLATE_LIMITS } from './limits';
import { shortSource } from './preview';

/**
 * The template language: a small, logic-less subset of Mustache/Handlebars, parsed once into a tree and never
 * evaluated as code (no `eval`, no `Function`, no expressions). The whole language:
 *
 *   {{ path }}              a value, escaped for where it goes (HTML-escaped in the HTML body)
 *   {{ path | url }}        a value that must be an http(s) or mailto URL (for href attributes), then escaped
 *   {{{ path }}}            a raw value, inserted without HTML escaping: only for variables the node lists as raw
 *   {{#if path}}…{{else}}…{{/if}}   a section shown when the value is present and not false, 0 or an empty list
 *   {{#each path}}…{{/each}}        repeated for every entry of a list (a text is split into lines);
 *                                   inside it, {{ this }} is the entry, {{ this.field }} one of its fields
 *                                   and {{ @number }} its position (1, 2, 3…)
 *   {{! comment }}          ignored
 *
 * A path is a variable name or a dotted path (`health.score`, `expansion.opportunities.0.product`); segments are
 * letters, digits and `_`, and `__proto__`, `constructor` and `prototype` are refused. Whatever a value contains,
 * it is inserted as text: a value `{{nested}}` is never read as a tag.
 *
 * The parser reads the source once, left to right, with an explicit stack of open blocks (no recursion), so its time
 * is linear in the source and no input can overflow the call stack; the size of the source and the depth of the
 * blocks are bounded by TEMPLATE_LIMITS.
 */

export type TemplateNode =
	| { kind: 'text'; text: string }
	| { kind: 'value'; path: string[]; raw: boolean; url: boolean; source: string }
	| { kind: 'if'; path: string[]; then: TemplateNode[]; otherwise: TemplateNode[] }
	| { kind: 'each'; path: string[]; body: TemplateNode[] };

export type ValueNode = Extract<TemplateNode, { kind: 'value' }>;
type BlockNode = Extract<TemplateNode, { kind: 'if' | 'each' }>;

export class TemplateSyntaxError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'TemplateSyntaxError';
	}
}

export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set([
	'__proto__',
	'prototype',
	'constructor',
]);

const SEGMENT = /^[A-Za-z0-9_]+$/;
const FIRST_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FILTERS = new Set(['url']);
/** The 1-based position of the current {{#each}} entry. */
export const LOOP_NUMBER = '@number';

/** Where a tag is: the template part it is in and its line and column, for errors found after parsing. */
export interface TagLocation {
	field: string;
	line: number;
	column: number;
	/** The tag as written, cut to a short preview. */
	tag: string;
}

// Kept beside the tree, not in it: the tree's shape is what tests and callers compare.
const locations = new WeakMap<TemplateNode, TagLocation>();

export function tagLocation(node: TemplateNode): TagLocation | undefined {
	return locations.get(node);
}

/** "Custom HTML: {{#each rows}} at line 3, column 5", or the part alone when the node was not parsed here. */
export function describeTag(node: TemplateNode, fallbackField = 'template'): string {
	const location = locations.get(node);
	return location
		? `${location.field}: ${location.tag} at line ${location.line}, column ${location.column}`
		: fallbackField;
}

/** Line and column of offsets met in increasing order, in time linear in the source. */
class LineCounter {
	private line = 1;
	private lineStart = 0;
	private nextNewline: number;

	constructor(private readonly source: string) {
		this.nextNewline = source.indexOf('\n');
	}

	at(offset: number): { line: number; column: number } {
		while (this.nextNewline !== -1 && this.nextNewline < offset) {
			this.line += 1;
			this.lineStart = this.nextNewline + 1;
			this.nextNewline = this.source.indexOf('\n', this.lineStart);
		}
		return { line: this.line, column: offset - this.lineStart + 1 };
	}
}

/** Parses a dotted path; `insideEach` allows `this` (and `this.field`). */
export function parsePath(text: string, insideEach: boolean): string[] | string {
	if (text === LOOP_NUMBER) return insideEach ? [LOOP_NUMBER] : 'can only be used inside {{#each}}';
	const segments = text.split('.');
	if (segments.some((segment) => segment === '')) return 'is not a valid variable name';
	const [first] = segments;
	if (first === 'this') {
		if (!insideEach) return 'can only be used inside {{#each}}';
	} else if (!FIRST_SEGMENT.test(first))
		return 'is not a valid variable name (letters, digits and _, not starting with a digit)';
	for (const segment of segments) {
		if (!SEGMENT.test(segment))
			return 'is not a valid variable name (letters, digits and _ separated by dots)';
		if (FORBIDDEN_SEGMENTS.has(segment))
			return `uses "${shortSource(segment)}", which is not allowed in a variable name`;
	}
	return segments;
}

interface Frame {
	kind: 'root' | 'if' | 'each';
	nodes: TemplateNode[];
	node?: BlockNode;
	inElse?: boolean;
	opened?: string;
}

/**
 * Parses a template into its tree. `field` names the template part in errors (e.g. "Custom HTML"), which read
 * `Custom HTML: unclosed {{#if}} opened at line 3, column 1`.
 */
export function parseTemplate(source: string, field: string): TemplateNode[] {
	if (source.length > TEMPLATE_LIMITS.MAX_TEMPLATE_LENGTH) {
		throw new TemplateLimitError(
			`${field}: the template is ${formatCount(source.length)} characters long, more than a template may be`,
			field,
			'MAX_TEMPLATE_LENGTH',
		);
	}
	const root: Frame = { kind: 'root', nodes: [] };
	const stack: Frame[] = [root];
	const lines = new LineCounter(source);
	let eachDepth = 0;
	const top = () => stack[stack.length - 1];
	const positionOf = (offset: number) => {
		const { line, column } = lines.at(offset);
		return `line ${line}, column ${column}`;
	};
	const fail = (message: string, offset: number): never => {
		throw new TemplateSyntaxError(`${field}: ${message} at ${positionOf(offset)}`, field);
	};
	const pushNode = (node: TemplateNode) => {
		const frame = top();
		if (frame.kind === 'if' && frame.inElse)
			(frame.node as Extract<TemplateNode, { kind: 'if' }>).otherwise.push(node);
		else frame.nodes.push(node);
	};
	const locate = (node: TemplateNode, offset: number, tag: string) => {
		locations.set(node, { field, ...lines.at(offset), tag: shortSource(tag) });
	};

	let cursor = 0;
	while (cursor < source.length) {
		const open = source.indexOf('{{', cursor);
		if (open === -1) {
			pushNode({ kind: 'text', text: source.slice(cursor) });
			break;
		}
		if (open > cursor) pushNode({ kind: 'text', text: source.slice(cursor, open) });

		const triple = source.startsWith('{{{', open);
		const closer = triple ? '}}}' : '}}';
		const close = source.indexOf(closer, open + closer.length);
		if (close === -1)
			fail(`"${closer === '}}}' ? '{{{' : '{{'}" is never closed with "${closer}"`, open);
		const tag = source.slice(open, close + closer.length);
		const shown = shortSource(tag);
		const inner = source.slice(open + closer.length, close).trim();
		cursor = close + closer.length;

		const path = (text: string): string[] => {
			const parsed = parsePath(text, eachDepth > 0);
			if (typeof parsed === 'string')
				return fail(`"${shortSource(text)}" in ${shown} ${parsed}`, open);
			return parsed;
		};

		if (triple) {
			if (inner.includes('|')) fail(`filters are not allowed in a raw tag ${shown}`, open);
			const node: TemplateNode = {
				kind: 'value',
				path: path(inner),
				raw: true,
				url: false,
				source: tag,
			};
			locate(node, open, tag);
			pushNode(node);
			continue;
		}
		if (inner.startsWith('!')) continue;
		if (inner.startsWith('#')) {
			const match = /^#(if|each)\s+(\S+)$/.exec(inner);
			if (!match) fail(`unknown block ${shown} (blocks are {{#if name}} and {{#each name}})`, open);
			const [, kind, target] = match as RegExpExecArray;
			const segments = path(target);
			if (stack.length > TEMPLATE_LIMITS.MAX_BLOCK_DEPTH) {
				throw new TemplateLimitError(
					`${field}: ${shown} at ${positionOf(open)} opens a block inside ${formatCount(stack.length - 1)} others, deeper than blocks may be nested`,
					field,
					'MAX_BLOCK_DEPTH',
				);
			}
			const node: BlockNode =
				kind === 'if'
					? { kind: 'if', path: segments, then: [], otherwise: [] }
					: { kind: 'each', path: segments, body: [] };
			locate(node, open, tag);
			pushNode(node);
			if (node.kind === 'each') eachDepth += 1;
			stack.push({
				kind: node.kind,
				nodes: node.kind === 'if' ? node.then : node.body,
				node,
				opened: positionOf(open),
			});
			continue;
		}
		if (inner.startsWith('/')) {
			const kind = inner.slice(1).trim();
			const frame = top();
			if (frame.kind === 'root') fail(`${shown} closes a block that was never opened`, open);
			if (kind !== frame.kind)
				fail(
					`${shown} does not match the open {{#${frame.kind}}} (opened at ${frame.opened})`,
					open,
				);
			if (frame.kind === 'each') eachDepth -= 1;
			stack.pop();
			continue;
		}
		if (inner === 'else') {
			const frame = top();
			if (frame.kind !== 'if') fail('{{else}} is only allowed inside {{#if}}', open);
			if (frame.inElse) fail('{{#if}} has a second {{else}}', open);
			frame.inElse = true;
			continue;
		}
		const [pathText, ...filters] = inner.split('|').map((part) => part.trim());
		if (pathText === '') fail(`empty tag ${shown}`, open);
		if (/\s/.test(pathText))
			fail(`unknown tag ${shown} (a tag holds one variable name, such as {{ first_name }})`, open);
		for (const filter of filters) {
			if (!FILTERS.has(filter))
				fail(
					`unknown filter "${shortSource(filter)}" in ${shown} (the only filter is "url")`,
					open,
				);
		}
		const node: TemplateNode = {
			kind: 'value',
			path: path(pathText),
			raw: false,
			url: filters.includes('url'),
			source: tag,
		};
		locate(node, open, tag);
		pushNode(node);
	}

	if (stack.length > 1) {
		const frame = top();
		throw new TemplateSyntaxError(
			`${field}: {{#${frame.kind}}} opened at ${frame.opened} is never closed with {{/${frame.kind}}}`,
			field,
		);
	}
	return root.nodes;
}
