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

/** A value on one line (subjects are headers): line breaks and tabs become one space. */
export function singleLine(value: string): string {
	return value.replace(/[\r\n\t\f\v\u2028\u2029]+/g, ' ');
}

const URL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** True for an absolute http(s) or mailto URL (never `javascript:` or `data:`). */
export function isSafeUrl(value: string): boolean {
	if (/[\s<>"]/.test(value)) return false;
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
			const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
			if (!Number.isFinite(code) || code < 1 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return entity;
			return String.fromCodePoint(code);
		}
		// A Map, so `&constructor;` is not looked up on Object.prototype.
		const named = NAMED_ENTITIES.get(body.toLowerCase());
		return named ?? entity;
	});
}
