import { TemplateLimitError } from './errors';
import { HtmlState, LINK_ATTRIBUTES, LinkSchemeFromValue } from './htmlTokenizer';
import { TEMPLATE_LIMITS } from './limits';
import { shortSource } from './preview';
import { describeTag, TemplateSyntaxError, type TemplateNode, type ValueNode } from './syntax';

/**
 * Where each value of an HTML template goes, found once per parsed template by reading its text with the HTML
 * tokenizer (htmlTokenizer.ts) along every path through its {{#if}} and {{#each}} blocks. A value goes:
 * - in text, a quoted attribute value or a comment: HTML-escaped;
 * - in an unquoted attribute value (`title={{ x }}`): also whitespace, `=` and backticks escaped, so it cannot end
 *   the attribute;
 * - at the start of a link (href, src, action…) before its scheme is known: also checked to be a relative link or
 *   one of LINK_SCHEMES, with `| url` or without;
 * - in CSS (a style attribute or a `<style>` element): also checked to be a plain CSS value.
 * Nowhere else: a value where an attribute or tag name goes, in `<script>`, in an event handler (`onclick`) or in
 * `srcdoc` could add markup or code whatever its escaping, so the template is refused with the tag's position.
 * Raw values ({{{ }}}) are trusted HTML and assumed to leave the state as they found it.
 */

export interface ValueContext {
	/** In an unquoted attribute value, in one of the states the value can be reached in. */
	unquoted: boolean;
	/** The link attribute the value starts, or null. */
	linkAttribute: string | null;
	/** The text of the link before the value ("x" for earlier values), one per state; empty: no link check. */
	linkPrefixes: string[];
	/** In a style attribute or a `<style>` element. */
	css: boolean;
	/** Right after `url(` there: the value is a link to load, not a CSS value. */
	cssUrl: boolean;
}

const contexts = new WeakMap<ValueNode, ValueContext>();
const analysed = new WeakSet<TemplateNode[]>();

/** The context of a value of an analysed HTML template (undefined for a raw value or outside HTML). */
export function valueContext(node: ValueNode): ValueContext | undefined {
	return contexts.get(node);
}

function refuse(node: TemplateNode, field: string, reason: string): never {
	throw new TemplateSyntaxError(`${describeTag(node, field)} ${reason}`, field);
}

const CSS_URL = /url\(\s*["']?$/i;

const TAG_MODES = new Set([
	'tagName',
	'beforeAttrName',
	'attrName',
	'afterAttrName',
	'afterAttrValue',
	'selfClosing',
]);

/** The context of a value in `state`, or the reason it cannot go there. */
function classify(state: HtmlState, node: ValueNode): ValueContext | string {
	const mode = state.mode;
	if (
		mode === 'tagOpen' ||
		mode === 'endTagOpen' ||
		mode === 'markup' ||
		mode === 'rawTextLessThan' ||
		mode === 'rawTextEndTag'
	) {
		return 'would be part of a tag name: a value cannot make a tag';
	}
	if (TAG_MODES.has(mode)) {
		return `is inside the tag <${shortSource(state.tag, 32)}> where an attribute name goes: a value can only go in text or in an attribute's value, such as title="${shortSource(node.source)}"`;
	}
	if (mode === 'rawText' && state.tag === 'script')
		return 'is inside <script>: a value cannot go into a script';
	const inStyle = mode === 'rawText' && state.tag === 'style';
	const text: ValueContext = {
		unquoted: false,
		linkAttribute: null,
		linkPrefixes: [],
		css: inStyle,
		cssUrl: inStyle && CSS_URL.test(state.cssTail),
	};
	if (mode !== 'beforeAttrValue' && mode !== 'attrValue') return text;

	const attribute = state.attribute;
	if (attribute.startsWith('on') || attribute === 'srcdoc') {
		return `is in the attribute ${shortSource(attribute, 32)} of <${shortSource(state.tag, 32)}>, which holds ${attribute === 'srcdoc' ? 'HTML' : 'script'}: a value cannot go there`;
	}
	const context: ValueContext = {
		unquoted: mode === 'beforeAttrValue' || state.quote === '',
		linkAttribute: null,
		linkPrefixes: [],
		css: attribute === 'style',
		cssUrl: attribute === 'style' && CSS_URL.test(state.cssTail),
	};
	const link =
		mode === 'beforeAttrValue'
			? LINK_ATTRIBUTES.has(attribute)
				? { prefix: '', ampersand: false }
				: null
			: state.link;
	if (link) {
		if (link.ampersand) {
			return `starts the link in ${attribute} after a "&": write the start of the link without character references, or put the whole link in the value`;
		}
		context.linkAttribute = attribute;
		context.linkPrefixes.push(link.prefix);
	}
	return context;
}

function merge(known: ValueContext | undefined, found: ValueContext): ValueContext {
	if (!known) return found;
	return {
		unquoted: known.unquoted || found.unquoted,
		linkAttribute: known.linkAttribute ?? found.linkAttribute,
		linkPrefixes: [...new Set([...known.linkPrefixes, ...found.linkPrefixes])],
		css: known.css || found.css,
		cssUrl: known.cssUrl || found.cssUrl,
	};
}

class Analysis {
	private budget: number;

	constructor(
		private readonly field: string,
		textLength: number,
	) {
		this.budget = TEMPLATE_LIMITS.MAX_HTML_CHECK_PASSES * (textLength + 1000);
	}

	private spend(amount: number, node: TemplateNode | undefined): void {
		this.budget -= amount;
		if (this.budget < 0) {
			throw new TemplateLimitError(
				`${node ? describeTag(node, this.field) : this.field}: the HTML around the template's blocks is too intricate to check where its values go`,
				this.field,
				'MAX_HTML_CHECK_PASSES',
			);
		}
	}

	private distinct(states: HtmlState[], node: TemplateNode | undefined): HtmlState[] {
		const byKey = new Map<string, HtmlState>();
		for (const state of states) byKey.set(state.key(), state);
		if (byKey.size > TEMPLATE_LIMITS.MAX_HTML_STATES) {
			throw new TemplateLimitError(
				`${node ? describeTag(node, this.field) : this.field}: the blocks around it can leave the HTML in ${byKey.size} different states (inside a tag, an attribute, a comment…), more than the check follows`,
				this.field,
				'MAX_HTML_STATES',
			);
		}
		return [...byKey.values()];
	}

	// What a list of nodes does to each state it may start in, worked out once per list and state: nested loops and
	// branches reach the same body in the same states many times. Most lists are met in one state only.
	private readonly memo = new Map<TemplateNode[], Map<string, HtmlState[]>>();

	/** The states `nodes` can end in, started in any of `entry`. States are shared: never changed once made. */
	run(nodes: TemplateNode[], entry: HtmlState[], parent: TemplateNode | undefined): HtmlState[] {
		if (nodes.length === 0) return entry;
		let known = this.memo.get(nodes);
		if (!known) this.memo.set(nodes, (known = new Map()));
		const out: HtmlState[] = [];
		for (const state of entry) {
			const key = state.key();
			let result = known.get(key);
			if (!result) {
				result = this.sequence(nodes, [state], parent);
				known.set(key, result);
			}
			out.push(...result);
		}
		return entry.length === 1 ? out : this.distinct(out, parent);
	}

	/** Both branches of an {{#if}}; when they end in the same single state (the usual case), that state. */
	private branches(node: Extract<TemplateNode, { kind: 'if' }>, states: HtmlState[]): HtmlState[] {
		const then = this.run(node.then, states, node);
		const otherwise = this.run(node.otherwise, states, node);
		if (then.length === 1 && otherwise.length === 1 && then[0].key() === otherwise[0].key())
			return then;
		return this.distinct([...then, ...otherwise], node);
	}

	private sequence(
		nodes: TemplateNode[],
		entry: HtmlState[],
		parent: TemplateNode | undefined,
	): HtmlState[] {
		let states = entry;
		let last = parent;
		for (const node of nodes) {
			if (node.kind === 'text') {
				this.spend(node.text.length * states.length, last);
				states = states.map((state) => {
					// Text without "<" leaves text as text: most of an email, kept without a copy.
					if (state.mode === 'data' && !node.text.includes('<')) return state;
					const next = state.clone();
					try {
						next.feed(node.text);
					} catch (error) {
						if (error instanceof LinkSchemeFromValue) {
							refuse(
								error.value as TemplateNode,
								this.field,
								`is followed by a ":" in the link in ${error.attribute}, so the value would be the link's scheme: put the whole link in one value with | url`,
							);
						}
						throw error;
					}
					return next;
				});
				continue;
			}
			last = node;
			this.spend(states.length, node);
			if (node.kind === 'value') states = this.value(node, states);
			else if (node.kind === 'if') states = this.branches(node, states);
			else states = this.loop(node, states);
		}
		return states;
	}

	private value(node: ValueNode, states: HtmlState[]): HtmlState[] {
		if (node.raw) return states;
		const next: HtmlState[] = [];
		for (const state of states) {
			const context = classify(state, node);
			if (typeof context === 'string') refuse(node, this.field, context);
			contexts.set(node, merge(contexts.get(node), context));
			// An empty value leaves the state as it is; any other may start an unquoted attribute value.
			next.push(state, state.afterValue(node, node.url));
		}
		return this.distinct(next, node);
	}

	// {{#each}} runs its body any number of times: follow it until no new state comes out.
	private loop(node: Extract<TemplateNode, { kind: 'each' }>, entry: HtmlState[]): HtmlState[] {
		const seen = new Map(entry.map((state) => [state.key(), state]));
		let fresh = entry;
		while (fresh.length) {
			const out = this.run(node.body, fresh, node);
			fresh = [];
			for (const state of out) {
				const key = state.key();
				if (seen.has(key)) continue;
				seen.set(key, state);
				fresh.push(state);
			}
			this.distinct([...seen.values()], node);
		}
		return [...seen.values()];
	}
}

function textLength(nodes: TemplateNode[]): number {
	let total = 0;
	for (const node of nodes) {
		if (node.kind === 'text') total += node.text.length;
		else if (node.kind === 'if') total += textLength(node.then) + textLength(node.otherwise);
		else if (node.kind === 'each') total += textLength(node.body);
	}
	return total;
}

/**
 * Works out the context of every value of an HTML template (once per parsed template), or throws
 * TemplateSyntaxError naming the first value that cannot go where it is.
 */
export function analyseHtml(nodes: TemplateNode[], field: string): void {
	if (analysed.has(nodes)) return;
	new Analysis(field, textLength(nodes)).run(nodes, [new HtmlState()], undefined);
	analysed.add(nodes);
}
