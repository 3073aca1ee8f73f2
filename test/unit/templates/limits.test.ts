import {
	parseTemplate,
	renderCustomerEmail,
	renderTemplate,
	TEMPLATE_LIMITS,
	TemplateDataError,
	TemplateLimitError,
	type RenderOptions,
} from '../../../src/templates';
import {
	customConfig,
	entries,
	HANG_GUARD_MS,
	ITEM,
	nestedList,
	thrown,
	thrownIn,
	timed,
} from './hostile';

/**
 * Issue 11, class 1: one item must never take the process down. Each attack used to end in a V8 abort ("invalid
 * size", exit 133), a RangeError "Maximum call stack size exceeded", or seconds of work and megabytes of HTML; now it
 * fails its own item, fast, with TemplateLimitError naming the limit, its value and where.
 */

const html = (source: string, context: unknown, options: Partial<RenderOptions> = {}) =>
	renderTemplate(parseTemplate(source, 'Custom HTML'), context, {
		target: 'html',
		policy: 'strict',
		...options,
	}).output;

describe('the limits', () => {
	it('are named constants with realistic values', () => {
		expect(TEMPLATE_LIMITS).toEqual({
			MAX_TEMPLATE_LENGTH: 1_000_000,
			MAX_BLOCK_DEPTH: 50,
			MAX_OUTPUT_LENGTH: 5_000_000,
			MAX_LOOP_ITERATIONS: 200_000,
			MAX_RENDER_STEPS: 2_000_000,
			MAX_DATA_DEPTH: 32,
			MAX_HTML_STATES: 8,
			MAX_HTML_CHECK_PASSES: 16,
		});
		expect(Object.isFrozen(TEMPLATE_LIMITS)).toBe(true);
	});
});

describe('loops', () => {
	it('15,000 × 15,000 nested {{#each}} fails fast with the loop limit, naming the inner block', () => {
		const { error, ms } = thrownIn(() =>
			renderCustomerEmail(
				{ ...ITEM, a: entries(15_000), b: entries(15_000) },
				customConfig({ html: '{{#each a}}{{#each b}}<td>{{ this }}</td>{{/each}}{{/each}}' }),
			),
		);
		expect(error).toBeInstanceOf(TemplateLimitError);
		expect(error).toMatchObject({
			field: 'Custom HTML',
			limit: 'MAX_LOOP_ITERATIONS',
			max: 200_000,
		});
		// The outer list (15,000) and 12 inner ones (180,000) fit; the 13th inner one would pass 200,000.
		expect(error.message).toBe(
			'Custom HTML: {{#each b}} at line 1, column 12: the loops of the email would walk more than 200,000 entries ("b" has 15,000, after 195,000 already walked) (limit MAX_LOOP_ITERATIONS = 200,000)',
		);
		expect(ms).toBeLessThan(HANG_GUARD_MS);
	});

	it('10,000 × 10,000 fails the same way before any large output is made', () => {
		const { error, ms } = thrownIn(() =>
			renderCustomerEmail(
				{ ...ITEM, a: entries(10_000), b: entries(10_000) },
				customConfig({ html: '{{#each a}}{{#each b}}x{{/each}}{{/each}}' }),
			),
		);
		expect(error.message).toBe(
			'Custom HTML: {{#each b}} at line 1, column 12: the loops of the email would walk more than 200,000 entries ("b" has 10,000, after 200,000 already walked) (limit MAX_LOOP_ITERATIONS = 200,000)',
		);
		expect(ms).toBeLessThan(HANG_GUARD_MS);
	});

	it('counts the loops of every part of one email together, and lets exactly the limit through', () => {
		expect(html('{{#each a}}{{/each}}', { a: entries(200_000) })).toBe('');
		const error = thrown(() =>
			renderCustomerEmail(
				{ ...ITEM, a: entries(100_001) },
				customConfig({ html: '{{#each a}}{{/each}}', text: '{{#each a}}{{/each}}' }),
			),
		);
		expect(error.message).toBe(
			'Custom Text: {{#each a}} at line 1, column 1: the loops of the email would walk more than 200,000 entries ("a" has 100,001, after 100,001 already walked) (limit MAX_LOOP_ITERATIONS = 200,000)',
		);
	});

	it('a text of 300,000 lines in {{#each}} is refused without splitting it all', () => {
		const { error, ms } = thrownIn(() =>
			html('{{#each a}}{{ this }}{{/each}}', { a: 'line\n'.repeat(300_000) }),
		);
		expect(error.message).toBe(
			'Custom HTML: {{#each a}} at line 1, column 1: the loops of the email would walk more than 200,000 entries ("a" has more than 200,000, after 0 already walked) (limit MAX_LOOP_ITERATIONS = 200,000)',
		);
		expect(ms).toBeLessThan(HANG_GUARD_MS);
	});

	it('bounds loops whose bodies print nothing by the rendering steps', () => {
		const body = '{{#if nope}}x{{/if}}'.repeat(20);
		const { error, ms } = thrownIn(() =>
			html(`{{#each a}}{{#each b}}${body}{{/each}}{{/each}}`, {
				a: entries(1000),
				b: entries(199),
			}),
		);
		expect(error).toBeInstanceOf(TemplateLimitError);
		expect(error).toMatchObject({ limit: 'MAX_RENDER_STEPS', max: 2_000_000 });
		expect(error.message).toMatch(
			/^Custom HTML: \{\{#if nope\}\} at line 1, column \d+: the email needs more than 2,000,000 template pieces rendered \(limit MAX_RENDER_STEPS = 2,000,000\)$/,
		);
		expect(ms).toBeLessThan(HANG_GUARD_MS);
	});

	it('a 1,000-row table with ten columns is far inside every limit', () => {
		const rows = Array.from({ length: 1000 }, (_row, row) =>
			Object.fromEntries(
				Array.from({ length: 10 }, (_cell, column) => [`c${column}`, `r${row}c${column}`]),
			),
		);
		const cells = Array.from(
			{ length: 10 },
			(_cell, column) => `<td>{{ this.c${column} }}</td>`,
		).join('');
		const { value: email, ms } = timed(() =>
			renderCustomerEmail(
				{ ...ITEM, rows },
				customConfig({ html: `<table>{{#each rows}}<tr>${cells}</tr>\n{{/each}}</table>` }),
			),
		);
		expect(email.html.startsWith('<table><tr><td>r0c0</td><td>r0c1</td>')).toBe(true);
		expect(email.text.split('\n')).toHaveLength(1000);
		expect(email.text.split('\n')[999]).toBe(
			'r999c0 r999c1 r999c2 r999c3 r999c4 r999c5 r999c6 r999c7 r999c8 r999c9',
		);
		expect(ms).toBeLessThan(HANG_GUARD_MS);
	});
});

describe('block nesting', () => {
	it('10,000-deep {{#if}} fails at parse time at the 51st block, with its position', () => {
		const source = `${'{{#if a}}'.repeat(10_000)}x${'{{/if}}'.repeat(10_000)}`;
		const { error, ms } = thrownIn(() => parseTemplate(source, 'Custom HTML'));
		expect(error).toBeInstanceOf(TemplateLimitError);
		expect(error).toMatchObject({ field: 'Custom HTML', limit: 'MAX_BLOCK_DEPTH', max: 50 });
		expect(error.message).toBe(
			'Custom HTML: {{#if a}} at line 1, column 451 opens a block inside 50 others, deeper than blocks may be nested (limit MAX_BLOCK_DEPTH = 50)',
		);
		expect(ms).toBeLessThan(HANG_GUARD_MS);
		// Through the node's entry point too: the item fails, nothing overflows.
		expect(
			thrown(() => renderCustomerEmail({ ...ITEM, a: 1 }, customConfig({ html: source }))),
		).toBeInstanceOf(TemplateLimitError);
	});

	it('50 nested blocks (the limit) parse and render', () => {
		expect(
			html(`${'{{#if a}}{{#each b}}'.repeat(25)}{{ this }}${'{{/each}}{{/if}}'.repeat(25)}`, {
				a: 1,
				b: ['x'],
			}),
		).toBe('x');
	});
});

describe('data', () => {
	it('lists nested 10,000 deep fail with the data depth limit and the data path, wherever they are used', () => {
		const deep = nestedList(10_000);
		const message = `Variable "a" holds lists nested too deep (at a${'.0'.repeat(32)}) (limit MAX_DATA_DEPTH = 32)`;
		for (const source of [
			'<p>{{ a }}</p>',
			'{{#if a}}yes{{/if}}',
			'{{#each a}}{{ this }}{{/each}}',
		]) {
			const error = thrown(() =>
				renderCustomerEmail({ ...ITEM, a: deep }, customConfig({ html: source })),
			);
			expect(error).toBeInstanceOf(TemplateLimitError);
			expect(error).toMatchObject({ field: 'a', limit: 'MAX_DATA_DEPTH', max: 32 });
			expect(error.message).toBe(message);
		}
		// 31 levels inside the value are fine.
		expect(html('{{ a }}', { a: nestedList(31) })).toBe('x');
	});

	it('a list that contains itself fails naming where, directly or further down', () => {
		const direct: unknown[] = ['x'];
		direct.push(direct);
		const error = thrown(() =>
			renderCustomerEmail({ ...ITEM, a: direct }, customConfig({ html: '<p>{{ a }}</p>' })),
		);
		expect(error).toEqual(
			new TemplateDataError(
				'Variable "a" holds a list that contains itself (a.1 is a again), which cannot be shown',
				'a',
			),
		);
		const inner: unknown[] = ['y'];
		const outer = ['x', inner];
		inner.push(outer);
		expect(thrown(() => html('{{#each a}}{{ this }}{{/each}}', { a: outer })).message).toBe(
			'Variable "a.1" holds a list that contains itself (a.1.1.1 is a.1 again), which cannot be shown',
		);
	});

	it('a value longer than the email may be fails before it is escaped or copied', () => {
		const { error, ms } = thrownIn(() =>
			renderCustomerEmail(
				{ ...ITEM, v: 'y'.repeat(6_000_000) },
				customConfig({ html: '<p>{{ v }}</p>' }),
			),
		);
		expect(error).toBeInstanceOf(TemplateLimitError);
		expect(error.message).toBe(
			'Custom HTML: {{ v }} at line 1, column 4: the email would be longer than 5,000,000 characters (limit MAX_OUTPUT_LENGTH = 5,000,000)',
		);
		expect(ms).toBeLessThan(HANG_GUARD_MS);
		// A list whose text is too long is stopped while it is joined.
		expect(
			thrown(() => html('{{ a }}', { a: Array.from({ length: 60 }, () => 'z'.repeat(100_000)) })),
		).toMatchObject({ limit: 'MAX_OUTPUT_LENGTH' });
	});

	it('the text made from the HTML counts towards the length of the email', () => {
		const item = { ...ITEM, a: 'w'.repeat(2_600_000) };
		expect(
			thrown(() => renderCustomerEmail(item, customConfig({ html: '<p>{{ a }}</p>' }))).message,
		).toBe(
			'Custom HTML (the text made from it): the email would be longer than 5,000,000 characters (limit MAX_OUTPUT_LENGTH = 5,000,000)',
		);
	});
});

describe('template size', () => {
	it('a template over 1,000,000 characters fails before it is parsed', () => {
		const { error, ms } = thrownIn(() =>
			renderCustomerEmail(ITEM, customConfig({ html: `<p>${'x'.repeat(1_000_000)}</p>` })),
		);
		expect(error).toBeInstanceOf(TemplateLimitError);
		expect(error.message).toBe(
			'Custom HTML: the template is 1,000,007 characters long, more than a template may be (limit MAX_TEMPLATE_LENGTH = 1,000,000)',
		);
		expect(ms).toBeLessThan(HANG_GUARD_MS);
	});
});

describe('the HTML check', () => {
	it('follows the states blocks leave the HTML in, up to MAX_HTML_STATES', () => {
		// After k of these blocks the HTML may be in text, or inside a tag named p, p<p, p<p<p…: k + 1 states.
		expect(html('{{#if a}}<p{{/if}}'.repeat(7), { a: '' })).toBe('');
		const error = thrown(() => html('{{#if a}}<p{{/if}}'.repeat(8), { a: '' }));
		expect(error).toBeInstanceOf(TemplateLimitError);
		expect(error.message).toBe(
			'Custom HTML: {{#if a}} at line 1, column 127: the blocks around it can leave the HTML in 9 different states (inside a tag, an attribute, a comment…), more than the check follows (limit MAX_HTML_STATES = 8)',
		);
	});
});
