/**
 * Checks of values the HTML places where escaping alone is not enough: the start of a link (an escaped
 * `javascript:alert(1)` is still a script link) and CSS (an escaped `red; background: url(…)` still adds a rule).
 */

/** Schemes a link may have; a link without one (`/path`, `#top`, `?q=1`) is relative and always allowed. */
export const LINK_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto', 'tel']);

// As a browser reads a URL: leading controls and spaces dropped (C0 for a browser; C1 too here, to be safe), tabs and
// line breaks removed anywhere, then a scheme is letters, digits, + - . up to the first ":".
const LEADING = /^[\p{Cc} ]+/u;
const TABS_AND_BREAKS = /[\t\n\r]/g;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/** The scheme a browser reads from a link (lower case), or null for a relative link. */
export function linkScheme(link: string): string | null {
	const match = SCHEME.exec(link.replace(LEADING, '').replace(TABS_AND_BREAKS, ''));
	return match ? match[1].toLowerCase() : null;
}

/** Whether a link is relative or has one of LINK_SCHEMES (never `javascript:`, `data:`, `vbscript:`…). */
export function isAllowedLink(link: string): boolean {
	const scheme = linkScheme(link);
	return scheme === null || LINK_SCHEMES.has(scheme);
}

// A CSS value: words, numbers with units, colours, commas, quotes for font names, "/" (12px/1.5), and a few harmless
// functions.
const CSS_VALUE = /^[A-Za-z0-9\s#.,%+\-'"!()/]*$/;
const CSS_FUNCTION = /([A-Za-z-]*)\s*\(/g;
const CSS_FUNCTIONS: ReadonlySet<string> = new Set([
	'rgb',
	'rgba',
	'hsl',
	'hsla',
	'calc',
	'min',
	'max',
	'clamp',
]);

/**
 * Whether a value is a plain CSS value (`#1f2937`, `12px`, `bold`, `"Open Sans", Arial`, `rgb(0, 0, 0)`): no `;`,
 * braces, backslash escapes, comments or at-rules, and no function that loads something (`url(`, `image(`…).
 */
export function isPlainCssValue(value: string): boolean {
	if (!CSS_VALUE.test(value) || value.includes('/*') || value.includes('*/')) return false;
	for (const match of value.matchAll(CSS_FUNCTION)) {
		if (!CSS_FUNCTIONS.has(match[1].toLowerCase())) return false;
	}
	return true;
}

/** A link inside CSS `url(…)`: an http(s) URL with nothing that could end the `url(` (quotes, parentheses, backslash). */
export function isCssUrl(value: string): boolean {
	return /^https?:\/\//i.test(value) && !/[\s"'()\\<>]/.test(value) && !/[\p{Cc}]/u.test(value);
}
