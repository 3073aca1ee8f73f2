import {
	decodeEntities,
	escapeHtml,
	htmlToText,
	localeChain,
	normalizeLocale,
	resolveLocale,
} from '../../../src/templates';

describe('plain text from HTML', () => {
	it('keeps paragraphs and line breaks, and drops the tags', () => {
		expect(
			htmlToText(
				'<div style="x"><p>Hi <strong>Ana</strong>,</p>\n\n   <p>Line one<br>line   two<br/>three</p></div>',
			),
		).toBe('Hi Ana,\n\nLine one\nline two\nthree');
	});

	it('turns list items into bullets, numbered in ordered lists (nested lists restart)', () => {
		expect(
			htmlToText(
				'<p>Steps:</p><ol><li>One</li><li>Two<ul><li>a</li></ul></li><li>Three</li></ol><ul><li>x</li></ul>',
			),
		).toBe('Steps:\n\n1. One\n2. Two\n\n- a\n\n3. Three\n\n- x');
	});

	it('writes a link as its label and address, once when they are the same', () => {
		expect(htmlToText('<p>Book <a href="https://cal.test/a?x=1&amp;y=2">a call</a>.</p>')).toBe(
			'Book a call (https://cal.test/a?x=1&y=2).',
		);
		expect(
			htmlToText(
				'<a href=\'https://x.test\'>https://x.test</a> <a href=mailto:ana@x.test>ana@x.test</a> <a href="https://y.test"></a>',
			),
		).toBe('https://x.test ana@x.test https://y.test');
		expect(htmlToText('<a name="top">Top</a>')).toBe('Top');
	});

	it('decodes the entities the renderer encodes, so escaped values read as written', () => {
		const value = `<script>alert("x")</script> & O'Brien`;
		expect(htmlToText(`<p>${escapeHtml(value)}</p>`)).toBe(value);
		expect(
			htmlToText('<p>a&nbsp;b &euro;5 &#8364;5 &#x20AC;5 &unknown; &#0; &constructor;</p>'),
		).toBe('a b €5 €5 €5 &unknown; &#0; &constructor;');
	});

	it('drops comments, styles, scripts and the head, and never produces markup from text', () => {
		expect(
			htmlToText(
				'<html><head><title>T</title><style>p{color:red}</style></head><body><!-- hidden --><p>Body</p><script>alert(1)</script></body></html>',
			),
		).toBe('Body');
		expect(htmlToText('a < b and c > d')).toBe('a < b and c > d');
	});

	it('separates table cells and horizontal rules', () => {
		expect(
			htmlToText('<table><tr><td>A</td><td>B</td></tr><tr><td>C</td></tr></table><hr><p>End</p>'),
		).toBe('A B\nC\n\n---\n\nEnd');
	});

	it('decodes entities by themselves', () => {
		expect(decodeEntities('&lt;&LT;&amp;&quot;&#39;&apos;')).toBe("<<&\"''");
	});
});

describe('locale', () => {
	it('normalizes tags leniently', () => {
		expect(
			['es_mx', 'ES-mx', ' es-MX ', 'en', 'zh-hant-TW', 'e', 'espanol', 'es-', 42, null].map(
				normalizeLocale,
			),
		).toEqual(['es-MX', 'es-MX', 'es-MX', 'en', 'zh-hant-tw', null, null, null, null, null]);
	});

	it('falls back es-MX → es → the default', () => {
		expect(localeChain('es-MX', 'en')).toEqual(['es-MX', 'es', 'en']);
		expect(localeChain('en', 'en')).toEqual(['en']);
		expect(localeChain(undefined, 'es')).toEqual(['es']);
		expect(resolveLocale('es-MX', ['en', 'es'], 'en')).toBe('es');
		expect(resolveLocale('es_AR', ['en', 'es'], 'en')).toBe('es');
		expect(resolveLocale('EN-gb', ['en', 'es'], 'es')).toBe('en');
		expect(resolveLocale('fr-FR', ['en', 'es'], 'es')).toBe('es');
		expect(resolveLocale('', ['en', 'es'], 'en')).toBe('en');
		expect(resolveLocale('not a tag', ['en', 'es'], 'es')).toBe('es');
		// A template with a regional variant is preferred when it exists.
		expect(resolveLocale('es-MX', ['en', 'es', 'es-MX'], 'en')).toBe('es-MX');
		expect(resolveLocale('es-mx', ['en', 'es-MX'], 'en')).toBe('es-MX');
	});
});
