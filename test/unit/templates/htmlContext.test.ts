import {
	parseTemplate,
	renderCustomerEmail,
	renderTemplate,
	TemplateDataError,
	TemplateSyntaxError,
	type RenderOptions,
} from '../../../src/templates';
import { customConfig, ITEM, thrown } from './hostile';

/**
 * Issue 11, class 3 (HTML): a value is escaped for where the template puts it. An unquoted attribute value used to get
 * the five HTML escapes only, so `a onmouseover=alert(1)` added an attribute; a link without `| url` let
 * `javascript:` through.
 */

const html = (source: string, context: unknown, options: Partial<RenderOptions> = {}) =>
	renderTemplate(parseTemplate(source, 'Custom HTML'), context, {
		target: 'html',
		policy: 'strict',
		...options,
	}).output;

const linkError = (name: string, attribute: string, column: number, got: string) =>
	new TemplateDataError(
		`Variable "${name}" starts the link in ${attribute} (Custom HTML: {{ ${name} }} at line 1, column ${column}) and must be an http(s), mailto or tel URL or a relative link, never javascript:, data: or vbscript: (got ${got})`,
		name,
	);

describe('unquoted attribute values', () => {
	it('escape whitespace, =, quotes, backticks, < and > so a value cannot add an attribute', () => {
		const email = renderCustomerEmail(
			{ ...ITEM, x: 'a onmouseover=alert(1)' },
			customConfig({ html: '<a title={{ x }}>t</a>' }),
		);
		expect(email.html).toBe('<a title=a&#32;onmouseover&#61;alert(1)>t</a>');
		expect(html('<td class={{ x }} title=a{{ x }}>', { x: `x"y'z\`<>=&\t\n\f\r` })).toBe(
			'<td class=x&quot;y&#39;z&#96;&lt;&gt;&#61;&amp;&#9;&#10;&#12;&#13; title=ax&quot;y&#39;z&#96;&lt;&gt;&#61;&amp;&#9;&#10;&#12;&#13;>',
		);
	});

	it('quoted attribute values and text keep the five HTML escapes, as before', () => {
		expect(html('<a title="{{ x }}" alt=\'{{ x }}\'>{{ x }}</a>', { x: `a b="c" 'd' <e> &` })).toBe(
			'<a title="a b=&quot;c&quot; &#39;d&#39; &lt;e&gt; &amp;" alt=\'a b=&quot;c&quot; &#39;d&#39; &lt;e&gt; &amp;\'>a b=&quot;c&quot; &#39;d&#39; &lt;e&gt; &amp;</a>',
		);
	});

	it('follow {{#if}} branches: an attribute that may or may not come before is handled both ways', () => {
		expect(
			html('<p{{#if c}} class="big"{{/if}} title={{ x }}>{{ x }}</p>', { c: true, x: 'a b' }),
		).toBe('<p class="big" title=a&#32;b>a b</p>');
		expect(html('<p {{#if c}}title={{else}}alt={{/if}}{{ x }}>', { c: false, x: 'a b' })).toBe(
			'<p alt=a&#32;b>',
		);
	});
});

describe('values where no escaping is enough', () => {
	it('refuse the template, naming the value and its position', () => {
		const cases: Array<[string, string]> = [
			[
				'<a {{ x }}>t</a>',
				'Custom HTML: {{ x }} at line 1, column 4 is inside the tag <a> where an attribute name goes: a value can only go in text or in an attribute\'s value, such as title="{{ x }}"',
			],
			[
				'<a title="t"{{ x }}>',
				'Custom HTML: {{ x }} at line 1, column 13 is inside the tag <a> where an attribute name goes: a value can only go in text or in an attribute\'s value, such as title="{{ x }}"',
			],
			[
				'<div data-{{ x }}="1">',
				'Custom HTML: {{ x }} at line 1, column 11 is inside the tag <div> where an attribute name goes: a value can only go in text or in an attribute\'s value, such as title="{{ x }}"',
			],
			[
				'<{{ x }}>',
				'Custom HTML: {{ x }} at line 1, column 2 would be part of a tag name: a value cannot make a tag',
			],
			[
				'</{{ x }}>',
				'Custom HTML: {{ x }} at line 1, column 3 would be part of a tag name: a value cannot make a tag',
			],
			[
				'<script>var a = "{{ x }}";</script>',
				'Custom HTML: {{ x }} at line 1, column 18 is inside <script>: a value cannot go into a script',
			],
			[
				'<img src="a.png" onerror="f(\'{{ x }}\')">',
				'Custom HTML: {{ x }} at line 1, column 30 is in the attribute onerror of <img>, which holds script: a value cannot go there',
			],
			[
				'<iframe srcdoc="{{ x }}"></iframe>',
				'Custom HTML: {{ x }} at line 1, column 17 is in the attribute srcdoc of <iframe>, which holds HTML: a value cannot go there',
			],
		];
		for (const [source, message] of cases)
			expect([source, thrown(() => html(source, { x: 'v' }))]).toEqual([
				source,
				new TemplateSyntaxError(message, 'Custom HTML'),
			]);
	});

	it('are refused when the template is parsed, before any item is rendered', () => {
		const error = thrown(() =>
			renderCustomerEmail(ITEM, customConfig({ html: '<p>ok</p>{{#if never}}<a {{ x }}>{{/if}}' })),
		);
		expect(error).toBeInstanceOf(TemplateSyntaxError);
		expect(error.message).toMatch(
			/^Custom HTML: \{\{ x \}\} at line 1, column 26 is inside the tag <a>/,
		);
	});

	it('a raw value ({{{ }}}, listed in Raw Variables) is trusted wherever it goes', () => {
		expect(html('<td {{{ attrs }}}>x</td>', { attrs: 'class="a"' })).toBe('<td class="a">x</td>');
	});
});

describe('links', () => {
	it('refuse javascript:, data: and vbscript: in href, src and the other link attributes, with or without | url', () => {
		const hostile: Array<[string, string]> = [
			['javascript:alert(1)', '"javascript:alert(1)"'],
			['JaVaScRiPt:alert(1)', '"JaVaScRiPt:alert(1)"'],
			[' \u0001\u0000javascript:alert(1)', '" \\u0001\\u0000javascript:alert(1)"'],
			['java\tscript:alert(1)', '"java\\tscript:alert(1)"'],
			['java\nscript:alert(1)', '"java\\nscript:alert(1)"'],
			['data:text/html,<script>alert(1)</script>', '"data:text/html,<script>alert(1)</script>"'],
			['VBScript:msgbox(1)', '"VBScript:msgbox(1)"'],
		];
		for (const [link, got] of hostile) {
			expect(thrown(() => html('<a href="{{ link }}">t</a>', { link }))).toEqual(
				linkError('link', 'href', 10, got),
			);
			expect(thrown(() => html('<img src={{ link }}>', { link }))).toEqual(
				linkError('link', 'src', 10, got),
			);
			expect(thrown(() => html("<form action='{{ link }}'>", { link }))).toEqual(
				linkError('link', 'action', 15, got),
			);
			expect(thrown(() => html('<button formaction="{{ link }}">', { link }))).toEqual(
				linkError('link', 'formaction', 21, got),
			);
		}
		expect(
			thrown(() =>
				html('<svg><a xlink:href="{{ link }}">t</a></svg>', { link: 'javascript:alert(1)' }),
			),
		).toEqual(linkError('link', 'xlink:href', 21, '"javascript:alert(1)"'));
	});

	it('escaped character references stay text: "&#106;avascript:" in a value is not a scheme', () => {
		expect(html('<a href="{{ link }}">t</a>', { link: '&#106;avascript:alert(1)' })).toBe(
			'<a href="&amp;#106;avascript:alert(1)">t</a>',
		);
	});

	it('let http(s), mailto, tel and relative links through, escaped as before', () => {
		const links = [
			'https://x.test/a?b=1&c=2',
			'HTTP://X.TEST',
			'mailto:ana@acme.test',
			'tel:+34600000000',
			'/path?q=1',
			'#top',
			'?a=b',
			'page.html',
		];
		expect(links.map((link) => html('<a href="{{ link }}">t</a>', { link }))).toEqual([
			'<a href="https://x.test/a?b=1&amp;c=2">t</a>',
			'<a href="HTTP://X.TEST">t</a>',
			'<a href="mailto:ana@acme.test">t</a>',
			'<a href="tel:+34600000000">t</a>',
			'<a href="/path?q=1">t</a>',
			'<a href="#top">t</a>',
			'<a href="?a=b">t</a>',
			'<a href="page.html">t</a>',
		]);
	});

	it('a value after the scheme is fixed by the template is not a link start', () => {
		expect(html('<a href="https://x.test/?q={{ q }}">t</a>', { q: 'javascript:alert(1)' })).toBe(
			'<a href="https://x.test/?q=javascript:alert(1)">t</a>',
		);
		expect(html('<a href="mailto:{{ to }}">t</a>', { to: 'ana@acme.test' })).toBe(
			'<a href="mailto:ana@acme.test">t</a>',
		);
	});

	it('values cannot assemble a scheme: checked together with the text before them, refused when a ":" follows', () => {
		expect(
			thrown(() => html('<a href="{{ a }}{{ b }}">t</a>', { a: 'javascript', b: ':alert(1)' })),
		).toEqual(linkError('b', 'href', 17, '":alert(1)"'));
		expect(thrown(() => html('<a href="java{{ b }}">t</a>', { b: 'script:alert(1)' }))).toEqual(
			linkError('b', 'href', 14, '"script:alert(1)"'),
		);
		expect(thrown(() => html('<a href="{{ a }}:alert(1)">t</a>', { a: 'javascript' }))).toEqual(
			new TemplateSyntaxError(
				'Custom HTML: {{ a }} at line 1, column 10 is followed by a ":" in the link in href, so the value would be the link\'s scheme: put the whole link in one value with | url',
				'Custom HTML',
			),
		);
		expect(
			thrown(() => html('<a href="&{{ a }}">t</a>', { a: '#106;avascript:alert(1)' })),
		).toEqual(
			new TemplateSyntaxError(
				'Custom HTML: {{ a }} at line 1, column 11 starts the link in href after a "&": write the start of the link without character references, or put the whole link in the value',
				'Custom HTML',
			),
		);
	});

	it('are checked inside Outlook conditional comments too', () => {
		expect(
			thrown(() =>
				html('<!--[if mso]><v:roundrect href="{{ link }}"></v:roundrect><![endif]-->', {
					link: 'javascript:x',
				}),
			),
		).toEqual(linkError('link', 'href', 33, '"javascript:x"'));
		expect(html('<!-- note {{ x }} -->', { x: '--><script>' })).toBe(
			'<!-- note --&gt;&lt;script&gt; -->',
		);
	});
});

describe('CSS', () => {
	it('takes plain values in style attributes and <style>, and refuses anything that adds a rule or loads something', () => {
		expect(
			html('<p style="color: {{ c }}; font-family: {{ f }}">x</p>', {
				c: '#1f2937',
				f: '"Open Sans", Arial',
			}),
		).toBe('<p style="color: #1f2937; font-family: &quot;Open Sans&quot;, Arial">x</p>');
		expect(html('<style>p { color: {{ c }} }</style>', { c: 'rgb(0, 0, 0)' })).toBe(
			'<style>p { color: rgb(0, 0, 0) }</style>',
		);
		for (const c of [
			'red; background: url(https://evil.test/t.gif)',
			'red} body {display:none',
			'url(x)',
			'expression(alert(1))',
			'\\75 rl(x)',
		]) {
			expect(thrown(() => html('<p style="color: {{ c }}">x</p>', { c }))).toEqual(
				new TemplateDataError(
					`Variable "c" goes into CSS (Custom HTML: {{ c }} at line 1, column 18) and may only hold a plain CSS value such as "#1f2937", "12px" or "bold" (got ${JSON.stringify(c)})`,
					'c',
				),
			);
		}
	});

	it('takes an http(s) link right after url( and nothing that could end it', () => {
		expect(
			html('<td style="background-image: url(\'{{ img }}\')">x</td>', {
				img: 'https://cdn.test/a.png?v=1&w=2',
			}),
		).toBe('<td style="background-image: url(\'https://cdn.test/a.png?v=1&amp;w=2\')">x</td>');
		expect(
			html('<style>.hero { background: url({{ img }}) }</style>', {
				img: 'https://cdn.test/a.png',
			}),
		).toBe('<style>.hero { background: url(https://cdn.test/a.png) }</style>');
		for (const img of [
			'javascript:alert(1)',
			"https://cdn.test/a.png') ; background: url('https://evil.test/t",
			'https://cdn.test/a\\29 .png',
		]) {
			expect(
				thrown(() => html('<td style="background-image: url(\'{{ img }}\')">x</td>', { img })),
			).toEqual(
				new TemplateDataError(
					`Variable "img" goes into a CSS url(…) (Custom HTML: {{ img }} at line 1, column 35) and must be an http(s) URL without quotes, parentheses, spaces or backslashes (got ${JSON.stringify(img)})`,
					'img',
				),
			);
		}
	});
});
