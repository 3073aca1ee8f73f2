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
 */

export type TemplateNode =
	| { kind: 'text'; text: string }
	| { kind: 'value'; path: string[]; raw: boolean; url: boolean; source: string }
	| { kind: 'if'; path: string[]; then: TemplateNode[]; otherwise: TemplateNode[] }
	| { kind: 'each'; path: string[]; body: TemplateNode[] };

export class TemplateSyntaxError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'TemplateSyntaxError';
	}
}

export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

const SEGMENT = /^[A-Za-z0-9_]+$/;
const FIRST_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FILTERS = new Set(['url']);
/** The 1-based position of the current {{#each}} entry. */
export const LOOP_NUMBER = '@number';

interface Frame {
	kind: 'root' | 'if' | 'each';
	nodes: TemplateNode[];
	node?: Extract<TemplateNode, { kind: 'if' | 'each' }>;
	inElse?: boolean;
	opened?: string;
}

function position(source: string, offset: number): string {
	const before = source.slice(0, offset);
	const line = before.split('\n').length;
	const column = offset - before.lastIndexOf('\n');
	return `line ${line}, column ${column}`;
}

/** Parses a dotted path; `insideEach` allows `this` (and `this.field`). */
export function parsePath(text: string, insideEach: boolean): string[] | string {
	if (text === LOOP_NUMBER) return insideEach ? [LOOP_NUMBER] : 'can only be used inside {{#each}}';
	const segments = text.split('.');
	if (segments.some((segment) => segment === '')) return 'is not a valid variable name';
	const [first] = segments;
	if (first === 'this') {
		if (!insideEach) return 'can only be used inside {{#each}}';
	} else if (!FIRST_SEGMENT.test(first)) return 'is not a valid variable name (letters, digits and _, not starting with a digit)';
	for (const segment of segments) {
		if (!SEGMENT.test(segment)) return 'is not a valid variable name (letters, digits and _ separated by dots)';
		if (FORBIDDEN_SEGMENTS.has(segment)) return `uses "${segment}", which is not allowed in a variable name`;
	}
	return segments;
}

/**
 * Parses a template into its tree. `field` names the template part in errors (e.g. "Custom HTML"), which read
 * `Custom HTML: unclosed {{#if}} opened at line 3, column 1`.
 */
export function parseTemplate(source: string, field: string): TemplateNode[] {
	const root: Frame = { kind: 'root', nodes: [] };
	const stack: Frame[] = [root];
	const top = () => stack[stack.length - 1];
	const fail = (message: string, offset: number): never => {
		throw new TemplateSyntaxError(`${field}: ${message} at ${position(source, offset)}`, field);
	};
	const insideEach = () => stack.some((frame) => frame.kind === 'each');
	const pushNode = (node: TemplateNode) => {
		const frame = top();
		if (frame.kind === 'if' && frame.inElse) (frame.node as Extract<TemplateNode, { kind: 'if' }>).otherwise.push(node);
		else frame.nodes.push(node);
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
		if (close === -1) fail(`"${closer === '}}}' ? '{{{' : '{{'}" is never closed with "${closer}"`, open);
		const tag = source.slice(open, close + closer.length);
		const inner = source.slice(open + closer.length, close).trim();
		cursor = close + closer.length;

		const path = (text: string): string[] => {
			const parsed = parsePath(text, insideEach());
			if (typeof parsed === 'string') return fail(`"${text}" in ${tag} ${parsed}`, open);
			return parsed;
		};

		if (triple) {
			if (inner.includes('|')) fail(`filters are not allowed in a raw tag ${tag}`, open);
			pushNode({ kind: 'value', path: path(inner), raw: true, url: false, source: tag });
			continue;
		}
		if (inner.startsWith('!')) continue;
		if (inner.startsWith('#')) {
			const match = /^#(if|each)\s+(\S+)$/.exec(inner);
			if (!match) fail(`unknown block ${tag} (blocks are {{#if name}} and {{#each name}})`, open);
			const [, kind, target] = match as RegExpExecArray;
			const segments = path(target);
			const node: Extract<TemplateNode, { kind: 'if' | 'each' }> =
				kind === 'if'
					? { kind: 'if', path: segments, then: [], otherwise: [] }
					: { kind: 'each', path: segments, body: [] };
			pushNode(node);
			stack.push({
				kind: kind as 'if' | 'each',
				nodes: node.kind === 'if' ? node.then : node.body,
				node,
				opened: position(source, open),
			});
			continue;
		}
		if (inner.startsWith('/')) {
			const kind = inner.slice(1).trim();
			const frame = top();
			if (frame.kind === 'root') fail(`${tag} closes a block that was never opened`, open);
			if (kind !== frame.kind) fail(`${tag} does not match the open {{#${frame.kind}}} (opened at ${frame.opened})`, open);
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
		if (pathText === '') fail(`empty tag ${tag}`, open);
		if (/\s/.test(pathText)) fail(`unknown tag ${tag} (a tag holds one variable name, such as {{ first_name }})`, open);
		for (const filter of filters) {
			if (!FILTERS.has(filter)) fail(`unknown filter "${filter}" in ${tag} (the only filter is "url")`, open);
		}
		pushNode({ kind: 'value', path: path(pathText), raw: false, url: filters.includes('url'), source: tag });
	}

	if (stack.length > 1) {
		const frame = top();
		throw new TemplateSyntaxError(`${field}: {{#${frame.kind}}} opened at ${frame.opened} is never closed with {{/${frame.kind}}}`, field);
	}
	return root.nodes;
}
