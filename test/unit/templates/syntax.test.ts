import { parseTemplate, TemplateSyntaxError } from '../../../src/templates';

const parse = (source: string) => parseTemplate(source, 'Custom HTML');
const error = (source: string) => {
	try {
		parse(source);
	} catch (caught) {
		expect(caught).toBeInstanceOf(TemplateSyntaxError);
		expect((caught as TemplateSyntaxError).field).toBe('Custom HTML');
		return (caught as Error).message;
	}
	throw new Error(`parsed without error: ${source}`);
};

describe('template syntax', () => {
	it('parses text, values, raw values, filters, sections and lists into a tree', () => {
		expect(parse('Hi {{ first_name }}, {{{sig}}} {{ calendar_link | url }}{{! note }}')).toEqual([
			{ kind: 'text', text: 'Hi ' },
			{ kind: 'value', path: ['first_name'], raw: false, url: false, source: '{{ first_name }}' },
			{ kind: 'text', text: ', ' },
			{ kind: 'value', path: ['sig'], raw: true, url: false, source: '{{{sig}}}' },
			{ kind: 'text', text: ' ' },
			{
				kind: 'value',
				path: ['calendar_link'],
				raw: false,
				url: true,
				source: '{{ calendar_link | url }}',
			},
		]);
		expect(
			parse(
				'{{#if health.score}}A{{else}}B{{/if}}{{#each issues}}<li>{{ this.title }}</li>{{/each}}',
			),
		).toEqual([
			{
				kind: 'if',
				path: ['health', 'score'],
				then: [{ kind: 'text', text: 'A' }],
				otherwise: [{ kind: 'text', text: 'B' }],
			},
			{
				kind: 'each',
				path: ['issues'],
				body: [
					{ kind: 'text', text: '<li>' },
					{
						kind: 'value',
						path: ['this', 'title'],
						raw: false,
						url: false,
						source: '{{ this.title }}',
					},
					{ kind: 'text', text: '</li>' },
				],
			},
		]);
	});

	it('reads array indexes as path segments', () => {
		expect(parse('{{ expansion.opportunities.0.product }}')).toEqual([
			{
				kind: 'value',
				path: ['expansion', 'opportunities', '0', 'product'],
				raw: false,
				url: false,
				source: '{{ expansion.opportunities.0.product }}',
			},
		]);
	});

	it('nests sections inside else branches and lists', () => {
		expect(parse('{{#if a}}{{else}}{{#if b}}B{{/if}}{{/if}}')).toEqual([
			{
				kind: 'if',
				path: ['a'],
				then: [],
				otherwise: [
					{ kind: 'if', path: ['b'], then: [{ kind: 'text', text: 'B' }], otherwise: [] },
				],
			},
		]);
	});

	it('refuses __proto__, constructor and prototype anywhere in a path', () => {
		expect(error('{{ __proto__ }}')).toBe(
			'Custom HTML: "__proto__" in {{ __proto__ }} uses "__proto__", which is not allowed in a variable name at line 1, column 1',
		);
		expect(error('x {{ health.constructor }}')).toBe(
			'Custom HTML: "health.constructor" in {{ health.constructor }} uses "constructor", which is not allowed in a variable name at line 1, column 3',
		);
		expect(error('{{#each a.prototype}}{{/each}}')).toBe(
			'Custom HTML: "a.prototype" in {{#each a.prototype}} uses "prototype", which is not allowed in a variable name at line 1, column 1',
		);
		expect(error('{{{ constructor }}}')).toBe(
			'Custom HTML: "constructor" in {{{ constructor }}} uses "constructor", which is not allowed in a variable name at line 1, column 1',
		);
	});

	it('refuses anything that is not a variable name: no expressions, calls or helpers', () => {
		expect(error('{{ a + b }}')).toBe(
			'Custom HTML: unknown tag {{ a + b }} (a tag holds one variable name, such as {{ first_name }}) at line 1, column 1',
		);
		expect(error('{{ alert(1) }}')).toBe(
			'Custom HTML: "alert(1)" in {{ alert(1) }} is not a valid variable name (letters, digits and _, not starting with a digit) at line 1, column 1',
		);
		expect(error('{{ $json.name }}')).toBe(
			'Custom HTML: "$json.name" in {{ $json.name }} is not a valid variable name (letters, digits and _, not starting with a digit) at line 1, column 1',
		);
		expect(error('{{ a..b }}')).toBe(
			'Custom HTML: "a..b" in {{ a..b }} is not a valid variable name at line 1, column 1',
		);
		expect(error('{{ a.b-c }}')).toBe(
			'Custom HTML: "a.b-c" in {{ a.b-c }} is not a valid variable name (letters, digits and _ separated by dots) at line 1, column 1',
		);
		expect(error('{{ }}')).toBe('Custom HTML: empty tag {{ }} at line 1, column 1');
		expect(error('{{ name | upper }}')).toBe(
			'Custom HTML: unknown filter "upper" in {{ name | upper }} (the only filter is "url") at line 1, column 1',
		);
		expect(error('{{{ link | url }}}')).toBe(
			'Custom HTML: filters are not allowed in a raw tag {{{ link | url }}} at line 1, column 1',
		);
		expect(error('{{#with a}}{{/with}}')).toBe(
			'Custom HTML: unknown block {{#with a}} (blocks are {{#if name}} and {{#each name}}) at line 1, column 1',
		);
	});

	it('allows "this" only inside {{#each}}', () => {
		expect(error('{{ this }}')).toBe(
			'Custom HTML: "this" in {{ this }} can only be used inside {{#each}} at line 1, column 1',
		);
		expect(parse('{{#each a}}{{#if this.ok}}{{ this }}{{/if}}{{/each}}')).toHaveLength(1);
		expect(error('{{ @number }}')).toBe(
			'Custom HTML: "@number" in {{ @number }} can only be used inside {{#each}} at line 1, column 1',
		);
		expect(error('{{#each a}}{{ @index }}{{/each}}')).toBe(
			'Custom HTML: "@index" in {{ @index }} is not a valid variable name (letters, digits and _, not starting with a digit) at line 1, column 12',
		);
	});

	it('reports unbalanced blocks and unclosed tags with their position', () => {
		expect(error('<p>\n  {{#if a}}\n</p>')).toBe(
			'Custom HTML: {{#if}} opened at line 2, column 3 is never closed with {{/if}}',
		);
		expect(error('{{#if a}}{{/each}}')).toBe(
			'Custom HTML: {{/each}} does not match the open {{#if}} (opened at line 1, column 1) at line 1, column 10',
		);
		expect(error('a {{/if}}')).toBe(
			'Custom HTML: {{/if}} closes a block that was never opened at line 1, column 3',
		);
		expect(error('{{else}}')).toBe(
			'Custom HTML: {{else}} is only allowed inside {{#if}} at line 1, column 1',
		);
		expect(error('{{#if a}}{{else}}{{else}}{{/if}}')).toBe(
			'Custom HTML: {{#if}} has a second {{else}} at line 1, column 18',
		);
		expect(error('Hi {{ first_name')).toBe(
			'Custom HTML: "{{" is never closed with "}}" at line 1, column 4',
		);
		expect(error('Hi {{{ first_name }}')).toBe(
			'Custom HTML: "{{{" is never closed with "}}}" at line 1, column 4',
		);
	});

	it('leaves single braces and text alone', () => {
		expect(parse('a { b } c }} d')).toEqual([{ kind: 'text', text: 'a { b } c }} d' }]);
		expect(parse('')).toEqual([]);
	});
});
