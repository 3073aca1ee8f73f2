/**
 * Scanning HTML for htmlToText in linear time. Each function gives exactly what a regular expression used to give
 * (named beside it), but never searches the same text twice: with lazy `[\s\S]*?` or `[^>]*` patterns, many openers
 * and no closer made the engine scan to the end of the text once per opener (quadratic time: 309 s for a
 * 100,000-entry list).
 */

/** The characters JavaScript's `\s` and `trim()` treat as white space. */
export function isJsSpace(code: number): boolean {
	return (
		(code >= 9 && code <= 13) ||
		code === 32 ||
		code === 160 ||
		code === 5760 ||
		(code >= 8192 && code <= 8202) ||
		code === 8232 ||
		code === 8233 ||
		code === 8239 ||
		code === 8287 ||
		code === 12288 ||
		code === 65279
	);
}

const isAsciiLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isAsciiAlphanumeric = (code: number) => isAsciiLetter(code) || (code >= 48 && code <= 57);
const isWordCharacter = (code: number) => isAsciiAlphanumeric(code) || code === 95;

/** Whether `source` has the lower-case ASCII `name` at `at`, in any case (as a regular expression's `i` flag). */
function hasNameAt(source: string, at: number, name: string): boolean {
	if (at + name.length > source.length) return false;
	for (let index = 0; index < name.length; index++) {
		const code = source.charCodeAt(at + index);
		if (!isAsciiLetter(code) || (code | 0x20) !== name.charCodeAt(index)) return false;
	}
	return true;
}

/** `html.replace(/<!--[\s\S]*?-->/g, '')` */
export function removeComments(html: string): string {
	let start = html.indexOf('<!--');
	if (start === -1) return html;
	const kept: string[] = [];
	let cursor = 0;
	while (start !== -1) {
		const end = html.indexOf('-->', start + 4);
		// No "-->" after this opener: none after any later one either.
		if (end === -1) break;
		kept.push(html.slice(cursor, start));
		cursor = end + 3;
		start = html.indexOf('<!--', cursor);
	}
	kept.push(html.slice(cursor));
	return kept.join('');
}

const HIDDEN_ELEMENTS = ['script', 'style', 'head', 'title'];

interface Found {
	from: number;
	start: number;
	end: number;
}

/** The first `</name\s*>` at or after `from` (any case), remembered per name so no text is searched twice. */
function closingTag(
	html: string,
	name: string,
	from: number,
	found: Map<string, Found>,
): Found | null {
	const known = found.get(name);
	if (known && known.from <= from && (known.start === -1 || known.start >= from))
		return known.start === -1 ? null : known;
	let at = html.indexOf('</', from);
	while (at !== -1) {
		if (hasNameAt(html, at + 2, name)) {
			let end = at + 2 + name.length;
			while (end < html.length && isJsSpace(html.charCodeAt(end))) end++;
			if (html.charCodeAt(end) === 62 /* > */) {
				const result = { from, start: at, end: end + 1 };
				found.set(name, result);
				return result;
			}
		}
		at = html.indexOf('</', at + 1);
	}
	found.set(name, { from, start: -1, end: -1 });
	return null;
}

/** `html.replace(/<(script|style|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')` */
export function removeHiddenElements(html: string): string {
	let open = html.indexOf('<');
	if (open === -1) return html;
	const kept: string[] = [];
	const found = new Map<string, Found>();
	let cursor = 0;
	while (open !== -1) {
		const name = HIDDEN_ELEMENTS.find(
			(candidate) =>
				hasNameAt(html, open + 1, candidate) &&
				!isWordCharacter(html.charCodeAt(open + 1 + candidate.length)),
		);
		if (name) {
			const tagEnd = html.indexOf('>', open + 1 + name.length);
			if (tagEnd === -1) break;
			const closing = closingTag(html, name, tagEnd + 1, found);
			if (closing) {
				kept.push(html.slice(cursor, open));
				cursor = closing.end;
				open = html.indexOf('<', cursor);
				continue;
			}
		}
		open = html.indexOf('<', open + 1);
	}
	kept.push(html.slice(cursor));
	return kept.join('');
}

/**
 * The tags of `html` in order, as `/<(\/?)([A-Za-z][A-Za-z0-9]*)\b([^>]*)>/g` matches them, with the text between:
 * `text(start, end)` for each stretch of text (possibly empty), `tag(closing, name, attributes)` for each tag.
 */
export function scanTags(
	html: string,
	text: (start: number, end: number) => void,
	tag: (closing: boolean, name: string, attributes: string) => void,
): void {
	let cursor = 0;
	let open = html.indexOf('<');
	while (open !== -1) {
		let nameStart = open + 1;
		const closing = html.charCodeAt(nameStart) === 47; /* / */
		if (closing) nameStart++;
		if (isAsciiLetter(html.charCodeAt(nameStart))) {
			let nameEnd = nameStart + 1;
			while (isAsciiAlphanumeric(html.charCodeAt(nameEnd))) nameEnd++;
			// `\b` after the name: only "_" (a word character that is not alphanumeric) can fail it.
			if (html.charCodeAt(nameEnd) !== 95) {
				const tagEnd = html.indexOf('>', nameEnd);
				// No ">" left: no later "<" can start a tag either.
				if (tagEnd === -1) break;
				text(cursor, open);
				tag(closing, html.slice(nameStart, nameEnd), html.slice(nameEnd, tagEnd));
				cursor = tagEnd + 1;
				open = html.indexOf('<', cursor);
				continue;
			}
		}
		open = html.indexOf('<', open + 1);
	}
	text(cursor, html.length);
}
