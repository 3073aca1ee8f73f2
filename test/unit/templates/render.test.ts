import {
	parseTemplate,
	renderTemplate,
	TemplateDataError,
	type RenderOptions,
} from '../../../src/templates';

const render = (source: string, context: unknown, options: Partial<RenderOptions> = {}) =>
	renderTemplate(parseTemplate(source, 'test'), context, {
		target: 'html',
		policy: 'strict',
		...options,
	});
const html = (source: string, context: unknown) => render(source, context).output;

const HOSTILE = {
	first_name: '<script>alert("x")</script>',
	company: `O'Brien & "Sons"`,
	nested: '{{nested}}',
	triple: '{{{ first_name }}}',
	block: '{{#each list}}x{{/each}}',
};

describe('rendering', () => {
	it('HTML-escapes every value in the HTML body, quotes included', () => {
		expect(html('<p title="{{ company }}">Hi {{ first_name }}</p>', HOSTILE)).toBe(
			'<p title="O&#39;Brien &amp; &quot;Sons&quot;">Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>',
		);
	});

	it('never reads a value as a tag: {{nested}} values come out literally, once', () => {
		expect(
			render('{{ nested }}|{{ triple }}|{{ block }}', HOSTILE, { target: 'text' }).output,
		).toBe('{{nested}}|{{{ first_name }}}|{{#each list}}x{{/each}}');
		expect(html('{{ nested }}', HOSTILE)).toBe('{{nested}}');
		expect(render('{{ nested }}', HOSTILE).missing).toEqual([]);
	});

	it('leaves plain-text values as they are, and puts subject values on one line', () => {
		expect(render('Hi {{ first_name }}', HOSTILE, { target: 'text' }).output).toBe(
			'Hi <script>alert("x")</script>',
		);
		expect(
			render('Hi {{ name }}!', { name: 'Ana\r\nBcc: evil@example.com' }, { target: 'subject' })
				.output,
		).toBe('Hi Ana Bcc: evil@example.com!');
	});

	it('percent-encodes values in a URL template', () => {
		expect(
			render(
				'https://x.test/u?c={{ id }}&e={{ email }}',
				{ id: 'a/b c&d', email: 'ana+1@x.test' },
				{ target: 'url' },
			).output,
		).toBe('https://x.test/u?c=a%2Fb%20c%26d&e=ana%2B1%40x.test');
	});

	it('reads own properties only: inherited names, __proto__ keys and prototypes are never reached', () => {
		const context = JSON.parse(
			'{"__proto__": {"polluted": "yes"}, "name": "Ana", "list": ["a"]}',
		) as Record<string, unknown>;
		expect(
			render('{{ polluted }}|{{ toString }}|{{ hasOwnProperty }}|{{ name }}', context, {
				policy: 'lenient',
			}),
		).toEqual({
			output: '|||Ana',
			missing: ['polluted', 'toString', 'hasOwnProperty'],
			defaulted: [],
		});
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		// A record whose value is "__proto__" is just text.
		expect(html('{{ name }}', { name: '__proto__' })).toBe('__proto__');
		expect(html('{{ name.length }}|{{ list.length }}', { name: 'Ana', list: ['a', 'b'] })).toBe(
			'|2',
		);
	});

	it('formats numbers and booleans as given, lists joined with commas; an object fails naming the variable', () => {
		expect(
			html('{{ a }} {{ b }} {{ c }} {{ d }} {{ e }}', {
				a: 42,
				b: 2.5,
				c: 0,
				d: false,
				e: ['x', null, 'y', ''],
			}),
		).toBe('42 2.5 0 false x, y');
		expect(() => html('{{ health }}', { health: { score: 42 } })).toThrow(
			new TemplateDataError(
				'Variable "health" holds an object: use one of its fields, such as {{ health.<field> }}',
				'health',
			),
		);
		expect(html('{{ health.score }}', { health: { score: 42 } })).toBe('42');
	});

	it('shows an {{#if}} section for present values, not for missing, blank, false, 0 or empty lists', () => {
		const source = '{{#if v}}yes{{else}}no{{/if}}';
		const results = [
			undefined,
			null,
			'',
			'  ',
			false,
			0,
			[],
			[null],
			'x',
			1,
			true,
			['a'],
			{ a: 1 },
		].map((v) => html(source, { v }));
		expect(results).toEqual([
			'no',
			'no',
			'no',
			'no',
			'no',
			'no',
			'no',
			'no',
			'yes',
			'yes',
			'yes',
			'yes',
			'yes',
		]);
		// A condition is never a missing variable.
		expect(render(source, {}).missing).toEqual([]);
	});

	it('walks {{#each}} over a list, the lines of a text, or a single value; this.field reads an entry', () => {
		const source = '<ul>{{#each items}}<li>{{ this }}</li>{{/each}}</ul>';
		expect(html(source, { items: ['<b>', 'two', null, ''] })).toBe(
			'<ul><li>&lt;b&gt;</li><li>two</li></ul>',
		);
		expect(html(source, { items: 'one\r\n\n  two  \n' })).toBe('<ul><li>one</li><li>two</li></ul>');
		expect(html(source, { items: 7 })).toBe('<ul><li>7</li></ul>');
		expect(
			render(
				'{{#each items}}{{ @number }}. {{ this }}\n{{/each}}',
				{ items: ['a', null, 'b'] },
				{ target: 'text' },
			).output,
		).toBe('1. a\n2. b\n');
		expect(
			html('{{#each people}}{{ this.name }} ({{ greeting }}); {{/each}}', {
				greeting: 'hi',
				people: [{ name: 'Ana' }, { name: 'Luis' }],
			}),
		).toBe('Ana (hi); Luis (hi); ');
	});

	it('names a missing field of a list entry by its index', () => {
		expect(
			render(
				'{{#each people}}{{ this.name }}{{/each}}',
				{ people: [{ name: 'Ana' }, { nick: 'L' }] },
				{ policy: 'lenient' },
			),
		).toEqual({
			output: 'Ana',
			missing: ['people.1.name'],
			defaulted: [],
		});
	});

	it('lists every missing variable once, in order of first use, whatever the policy', () => {
		const source = '{{ a }} {{ b.c }} {{ a }} {{#each list}}x{{/each}} {{#if d}}{{ e }}{{/if}}';
		expect(render(source, { b: {} })).toEqual({
			output: '    ',
			missing: ['a', 'b.c', 'list'],
			defaulted: [],
		});
		expect(render(source, { b: {}, d: true })).toEqual({
			output: '    ',
			missing: ['a', 'b.c', 'list', 'e'],
			defaulted: [],
		});
	});

	it('renders declared defaults in lenient mode only, escaped like any value', () => {
		const defaults = new Map([
			['a', '<A>'],
			['list', 'one\ntwo'],
		]);
		expect(
			render(
				'{{ a }}|{{#each list}}[{{ this }}]{{/each}}|{{ b }}',
				{},
				{ policy: 'lenient', defaults },
			),
		).toEqual({
			output: '&lt;A&gt;|[one][two]|',
			missing: ['b'],
			defaulted: ['a', 'list'],
		});
		expect(render('{{ a }}', {}, { policy: 'strict', defaults })).toEqual({
			output: '',
			missing: ['a'],
			defaulted: [],
		});
		// A present value wins over the default.
		expect(render('{{ a }}', { a: 'x' }, { policy: 'lenient', defaults }).output).toBe('x');
	});

	it('inserts a raw value unescaped (the caller decides which variables may be raw)', () => {
		expect(html('{{{ sig }}}|{{ sig }}', { sig: '<b>Ana</b>' })).toBe(
			'<b>Ana</b>|&lt;b&gt;Ana&lt;/b&gt;',
		);
	});

	it('accepts only http(s) and mailto URLs in {{ x | url }}', () => {
		expect(
			html('<a href="{{ link | url }}">x</a>', { link: "https://cal.test/a?b=1&c=it's" }),
		).toBe('<a href="https://cal.test/a?b=1&amp;c=it&#39;s">x</a>');
		expect(html('{{ link | url }}', { link: 'mailto:ana@x.test' })).toBe('mailto:ana@x.test');
		for (const link of [
			'javascript:alert(1)',
			'JavaScript:alert(1)',
			'data:text/html,<b>',
			'/relative',
			'https://x.test/a b',
			'https://x.test/"onmouseover',
			'vbscript:x',
		]) {
			expect(() => html('{{ link | url }}', { link })).toThrow(
				new TemplateDataError(
					`Variable "link" must be an http(s) or mailto URL such as "https://example.com/page" (got ${JSON.stringify(link)})`,
					'link',
				),
			);
		}
	});
});
