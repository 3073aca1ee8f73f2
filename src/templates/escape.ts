/** Escaping for the places a value goes: HTML text and attributes, URLs, header-like single lines. */

const HTML_ENTITIES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

/** Escapes the five characters that matter in HTML text and quoted attributes. */
export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]);
}

// An unquoted attribute value ends at whitespace or `>`; quotes, `=`, `<` and backticks are parse errors that
// some browsers (and old IE, for backticks) read as structure. All of them become character references.
const UNQUOTED_ATTRIBUTE = /[&<>"'`=\s]/g;

/**
 * Escapes a value for an unquoted attribute value (`<a title={{ x }}>`): besides the five HTML characters, every
 * whitespace, `=` and backtick, so the value can never end the attribute and start another one.
 */
export function escapeUnquotedAttribute(value: string): string {
	return value.replace(
		UNQUOTED_ATTRIBUTE,
		(character) => HTML_ENTITIES[character] ?? `&#${character.charCodeAt(0)};`,
	);
}

// Line breaks of every kind (CR, LF, VT, FF, NEL, LINE and PARAGRAPH SEPARATOR) and tabs: one space each run.
const LINE_BREAKS = /[\r\n\t\f\v\u0085\u2028\u2029]+/g;
// Every other control character (C0, DEL, C1: Unicode's Cc), NUL included: removed.
const CONTROLS = /\p{Cc}/gu;

/**
 * A value on one line, fit for a header (the subject, a sender's name): line breaks and tabs become one space and
 * other control characters are removed, so no value can start a new header line or carry a NUL.
 */
export function singleLine(value: string): string {
	return value.replace(LINE_BREAKS, ' ').replace(CONTROLS, '');
}

/** Control characters and Unicode line separators, none of which belongs in an address or a URL. */
export const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/u;

const URL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** True for an absolute http(s) or mailto URL (never `javascript:` or `data:`). */
export function isSafeUrl(value: string): boolean {
	if (/[\s<>"]/.test(value) || CONTROL_CHARACTERS.test(value)) return false;
	try {
		return URL_PROTOCOLS.has(new URL(value).protocol);
	} catch {
		return false;
	}
}

const NAMED_ENTITIES = new Map<string, string>(
	Object.entries({
		amp: '&',
		lt: '<',
		gt: '>',
		quot: '"',
		apos: "'",
		nbsp: ' ',
		copy: '©',
		reg: '®',
		hellip: '…',
		mdash: '—',
		ndash: '–',
		laquo: '«',
		raquo: '»',
		euro: '€',
	}),
);

/** Decodes the named entities above and every numeric one (`&#39;`, `&#x27;`); others stay as written. */
export function decodeEntities(value: string): string {
	return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
		if (body[0] === '#') {
			const code =
				body[1] === 'x' || body[1] === 'X'
					? parseInt(body.slice(2), 16)
					: parseInt(body.slice(1), 10);
			if (
				!Number.isFinite(code) ||
				code < 1 ||
				code > 0x10ffff ||
				(code >= 0xd800 && code <= 0xdfff)
			)
				return entity;
			return String.fromCodePoint(code);
		}
		// A Map, so `&constructor;` is not looked up on Object.prototype.
		const named = NAMED_ENTITIES.get(body.toLowerCase());
		return named ?? entity;
	});
}
