/**
 * Just enough of the HTML tokenizer (WHATWG "tokenization", simplified) to tell where a template puts its values: in
 * text, in a quoted or unquoted attribute value, in a tag where an attribute name goes, in a comment, in a
 * `<script>` or `<style>` element. It reads the template's own text, never the values, and keeps only what that
 * needs: the mode, the tag and attribute names, and for a link attribute the text before its scheme is known.
 */

export type Mode =
	| 'data'
	| 'tagOpen'
	| 'endTagOpen'
	| 'tagName'
	| 'beforeAttrName'
	| 'attrName'
	| 'afterAttrName'
	| 'beforeAttrValue'
	| 'attrValue'
	| 'afterAttrValue'
	| 'selfClosing'
	| 'markup'
	| 'commentStart'
	| 'commentStartDash'
	| 'comment'
	| 'commentEndDash'
	| 'commentEnd'
	| 'commentEndBang'
	| 'bogusComment'
	| 'conditionalComment'
	| 'rawText'
	| 'rawTextLessThan'
	| 'rawTextEndTag';

/** Elements whose content is not markup up to their end tag (RAWTEXT, RCDATA and PLAINTEXT in the standard). */
export const RAW_TEXT_ELEMENTS: ReadonlySet<string> = new Set([
	'script',
	'style',
	'xmp',
	'iframe',
	'noembed',
	'noframes',
	'noscript',
	'plaintext',
	'textarea',
	'title',
]);

/** Attributes that hold a URL a browser follows or loads. */
export const LINK_ATTRIBUTES: ReadonlySet<string> = new Set([
	'href',
	'src',
	'action',
	'formaction',
	'xlink:href',
	'background',
	'cite',
	'poster',
	'data',
	'codebase',
	'longdesc',
	'usemap',
	'manifest',
	'icon',
	'srcset',
	'imagesrcset',
	'ping',
	'profile',
	'classid',
	'archive',
	'lowsrc',
	'dynsrc',
]);

/** A link attribute's value while its scheme is not decided (no `:`, `/`, `?` or `#` yet). */
export interface OpenLink {
	/** Its text so far, each value in it written as "x". */
	prefix: string;
	/** The first value in it, if any: a later `:` would make that value the scheme. */
	firstValue: unknown;
	/** Whether the text has a `&`: a character reference could join with a value into a scheme. */
	ampersand: boolean;
}

const WHITESPACE = /[\t\n\f\r ]/;
const isWhitespace = (character: string) => WHITESPACE.test(character);
const isLetter = (character: string) =>
	(character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z');
const LINK_DECIDED = /[:/?#]/;
// Names and link starts are kept only as long as they can matter (the longest special name is 11 characters; an
// allowed scheme is 6), so a megabyte-long attribute name costs nothing per state.
const MAX_NAME = 32;
const MAX_PREFIX = 64;
const CSS_TAIL = 12;

/** Raised while reading template text: a `:` after a value in a link would make the value the link's scheme. */
export class LinkSchemeFromValue {
	constructor(
		readonly value: unknown,
		readonly attribute: string,
	) {}
}

export class HtmlState {
	mode: Mode = 'data';
	endTag = false;
	tag = '';
	attribute = '';
	quote = '';
	lookahead = '';
	link: OpenLink | null = null;
	/** In CSS (a style attribute's value, a <style> element): its last few characters, to tell `url(` apart. */
	cssTail = '';

	clone(): HtmlState {
		const copy = new HtmlState();
		copy.mode = this.mode;
		copy.endTag = this.endTag;
		copy.tag = this.tag;
		copy.attribute = this.attribute;
		copy.quote = this.quote;
		copy.lookahead = this.lookahead;
		copy.link = this.link ? { ...this.link } : null;
		copy.cssTail = this.cssTail;
		return copy;
	}

	/** Two states that read the rest of a template the same way have the same key. */
	// A state is changed only while it is made (clone, then feed or afterValue): its key, once asked, stays right.
	private cachedKey: string | undefined;

	key(): string {
		if (this.cachedKey !== undefined) return this.cachedKey;
		const link = this.link
			? `${this.link.prefix}\u0001${this.link.firstValue ? 1 : 0}${this.link.ampersand ? 1 : 0}`
			: '';
		return (this.cachedKey = `${this.mode}\u0000${this.endTag ? 1 : 0}\u0000${this.tag}\u0000${this.attribute}\u0000${this.quote}\u0000${this.lookahead}\u0000${link}\u0000${this.cssTail}`);
	}

	private toData(): void {
		this.mode = 'data';
		this.endTag = false;
		this.tag = '';
		this.attribute = '';
		this.quote = '';
		this.lookahead = '';
		this.link = null;
		this.cssTail = '';
	}

	private emitTag(): void {
		if (!this.endTag && RAW_TEXT_ELEMENTS.has(this.tag)) {
			const tag = this.tag;
			this.toData();
			this.mode = 'rawText';
			this.tag = tag;
		} else this.toData();
	}

	private startAttribute(character: string): void {
		this.mode = 'attrName';
		this.attribute = character.toLowerCase();
	}

	private startValue(quote: string): void {
		this.mode = 'attrValue';
		this.quote = quote;
		this.link = LINK_ATTRIBUTES.has(this.attribute)
			? { prefix: '', firstValue: null, ampersand: false }
			: null;
	}

	private endValue(): void {
		this.quote = '';
		this.link = null;
		this.cssTail = '';
	}

	/** Keeps the end of CSS text: enough to see whether a value comes right after `url(`. */
	css(text: string): void {
		this.cssTail = (this.cssTail + text).slice(-CSS_TAIL);
	}

	/** Template text inside an attribute value: follows a link attribute until its scheme is decided. */
	private valueText(text: string): void {
		if (this.attribute === 'style') this.css(text);
		const link = this.link;
		if (!link || text === '') return;
		const stop = text.search(LINK_DECIDED);
		const part = stop === -1 ? text : text.slice(0, stop);
		if (part.includes('&')) link.ampersand = true;
		link.prefix = (link.prefix + part).slice(0, MAX_PREFIX);
		if (stop === -1) return;
		if (text[stop] === ':' && link.firstValue)
			throw new LinkSchemeFromValue(link.firstValue, this.attribute);
		this.link = null;
	}

	/** Reads template text, advancing the state; never looks at values. */
	feed(text: string): void {
		const length = text.length;
		let index = 0;
		while (index < length) {
			const character = text[index];
			switch (this.mode) {
				case 'data': {
					const next = text.indexOf('<', index);
					if (next === -1) return;
					index = next + 1;
					this.mode = 'tagOpen';
					continue;
				}
				case 'tagOpen':
					if (character === '!') {
						this.mode = 'markup';
						this.lookahead = '';
					} else if (character === '/') this.mode = 'endTagOpen';
					else if (isLetter(character)) {
						this.mode = 'tagName';
						this.endTag = false;
						this.tag = character.toLowerCase();
					} else if (character === '?') this.mode = 'bogusComment';
					else {
						this.mode = 'data';
						continue;
					}
					index++;
					continue;
				case 'endTagOpen':
					if (isLetter(character)) {
						this.mode = 'tagName';
						this.endTag = true;
						this.tag = character.toLowerCase();
					} else if (character === '>') this.toData();
					else this.mode = 'bogusComment';
					index++;
					continue;
				case 'tagName':
					if (isWhitespace(character)) this.mode = 'beforeAttrName';
					else if (character === '/') this.mode = 'selfClosing';
					else if (character === '>') this.emitTag();
					else if (this.tag.length < MAX_NAME) this.tag += character.toLowerCase();
					index++;
					continue;
				case 'beforeAttrName':
				case 'afterAttrName':
					if (isWhitespace(character)) {
						index++;
						continue;
					}
					if (character === '/') this.mode = 'selfClosing';
					else if (character === '>') this.emitTag();
					else if (character === '=' && this.mode === 'afterAttrName')
						this.mode = 'beforeAttrValue';
					else this.startAttribute(character);
					index++;
					continue;
				case 'attrName':
					if (isWhitespace(character)) this.mode = 'afterAttrName';
					else if (character === '/') this.mode = 'selfClosing';
					else if (character === '>') this.emitTag();
					else if (character === '=') this.mode = 'beforeAttrValue';
					else if (this.attribute.length < MAX_NAME) this.attribute += character.toLowerCase();
					index++;
					continue;
				case 'beforeAttrValue':
					if (isWhitespace(character)) {
						index++;
						continue;
					}
					if (character === '>') {
						this.emitTag();
						index++;
						continue;
					}
					if (character === '"' || character === "'") {
						this.startValue(character);
						index++;
						continue;
					}
					this.startValue('');
					continue;
				case 'attrValue': {
					if (this.quote !== '') {
						const close = text.indexOf(this.quote, index);
						this.valueText(text.slice(index, close === -1 ? length : close));
						if (close === -1) return;
						this.endValue();
						this.mode = 'afterAttrValue';
						index = close + 1;
						continue;
					}
					let end = index;
					while (end < length && !isWhitespace(text[end]) && text[end] !== '>') end++;
					this.valueText(text.slice(index, end));
					if (end === length) return;
					this.endValue();
					if (text[end] === '>') this.emitTag();
					else this.mode = 'beforeAttrName';
					index = end + 1;
					continue;
				}
				case 'afterAttrValue':
				case 'selfClosing':
					if (character === '>') {
						this.emitTag();
						index++;
						continue;
					}
					if (isWhitespace(character) && this.mode === 'afterAttrValue') index++;
					this.mode = 'beforeAttrName';
					continue;
				case 'markup':
					if (character === '>') this.toData();
					else {
						this.lookahead += character;
						if (this.lookahead === '--') this.mode = 'commentStart';
						else if (this.lookahead !== '-') this.mode = 'bogusComment';
					}
					index++;
					continue;
				case 'commentStart':
					// Outlook reads <!--[if mso]> … <![endif]--> as HTML: so does this check.
					if (text.slice(index, index + 3).toLowerCase() === '[if') {
						this.mode = 'conditionalComment';
						index += 3;
						continue;
					}
					if (character === '-') this.mode = 'commentStartDash';
					else if (character === '>') this.toData();
					else {
						this.mode = 'comment';
						continue;
					}
					index++;
					continue;
				case 'commentStartDash':
					if (character === '-') this.mode = 'commentEnd';
					else if (character === '>') this.toData();
					else {
						this.mode = 'comment';
						continue;
					}
					index++;
					continue;
				case 'comment': {
					const dash = text.indexOf('-', index);
					if (dash === -1) return;
					this.mode = 'commentEndDash';
					index = dash + 1;
					continue;
				}
				case 'commentEndDash':
					if (character !== '-') {
						this.mode = 'comment';
						continue;
					}
					this.mode = 'commentEnd';
					index++;
					continue;
				case 'commentEnd':
					if (character === '>') this.toData();
					else if (character === '!') this.mode = 'commentEndBang';
					else if (character !== '-') {
						this.mode = 'comment';
						continue;
					}
					index++;
					continue;
				case 'commentEndBang':
					if (character === '-') this.mode = 'commentEndDash';
					else if (character === '>') this.toData();
					else {
						this.mode = 'comment';
						continue;
					}
					index++;
					continue;
				case 'bogusComment':
				case 'conditionalComment': {
					const close = text.indexOf('>', index);
					if (close === -1) return;
					this.toData();
					index = close + 1;
					continue;
				}
				case 'rawText': {
					if (this.tag === 'plaintext') return;
					const next = text.indexOf('<', index);
					if (this.tag === 'style') this.css(text.slice(index, next === -1 ? length : next + 1));
					if (next === -1) return;
					this.mode = 'rawTextLessThan';
					index = next + 1;
					continue;
				}
				case 'rawTextLessThan':
					if (character === '/') {
						this.mode = 'rawTextEndTag';
						this.lookahead = '';
						index++;
					} else this.mode = 'rawText';
					continue;
				case 'rawTextEndTag':
					if (isLetter(character)) {
						this.lookahead += character.toLowerCase();
						index++;
						if (!this.tag.startsWith(this.lookahead)) {
							this.mode = 'rawText';
							this.lookahead = '';
						}
						continue;
					}
					if (
						this.lookahead === this.tag &&
						(isWhitespace(character) || character === '/' || character === '>')
					) {
						this.mode = 'tagName';
						this.endTag = true;
						this.lookahead = '';
						continue;
					}
					this.mode = 'rawText';
					this.lookahead = '';
					continue;
			}
		}
	}

	/** The state after a value (of any text but empty) is inserted here: it may become (part of) an attribute value. */
	afterValue(value: unknown, fixesScheme: boolean): HtmlState {
		const next = this.clone();
		if (next.mode === 'beforeAttrValue') next.startValue('');
		if (
			next.cssTail !== '' ||
			next.attribute === 'style' ||
			(next.mode === 'rawText' && next.tag === 'style')
		)
			next.css('x');
		const link = next.link;
		if (next.mode === 'attrValue' && link) {
			if (fixesScheme) next.link = null;
			else {
				link.prefix = `${link.prefix}x`.slice(0, MAX_PREFIX);
				link.firstValue ??= value;
			}
		}
		return next;
	}
}
