import {
	htmlToText,
	parseTemplate,
	renderCustomerEmail,
	TemplateSyntaxError,
} from '../../../src/templates';
import { customConfig, entries, HANG_GUARD_MS, ITEM, thrown, timed } from './hostile';

/**
 * Issue 11, class 2: the parser and htmlToText are linear. Before the fix, 20,000 sequential {{#if}} took 4 s to parse
 * and 50,000 took 41 s; the plain text of a 20,000-entry list took 14 s and of a 100,000-entry list 309 s. The real
 * figures are in bench/templates-hostile.ts; the time bounds here only guard against a hang.
 */

describe('the parser', () => {
	it('parses 50,000 sequential {{#if}} blocks, one a line, and renders them', () => {
		const source = '{{#if a}}x{{/if}}\n'.repeat(50_000);
		const { value: nodes, ms } = timed(() => parseTemplate(source, 'Custom HTML'));
		expect(nodes).toHaveLength(100_000);
		expect(nodes.slice(99_998)).toEqual([
			{ kind: 'if', path: ['a'], then: [{ kind: 'text', text: 'x' }], otherwise: [] },
			{ kind: 'text', text: '\n' },
		]);
		expect(ms).toBeLessThan(HANG_GUARD_MS);
		const email = timed(() =>
			renderCustomerEmail({ ...ITEM, a: true }, customConfig({ html: source })),
		);
		expect(email.value.html).toBe('x\n'.repeat(50_000));
		expect(email.ms).toBeLessThan(HANG_GUARD_MS);
	});

	it('still reports positions exactly after 50,000 blocks on many lines', () => {
		const source = `${'{{#if a}}x{{/if}}\n'.repeat(50_000)}  {{#if b}}`;
		const { value: error, ms } = timed(() => thrown(() => parseTemplate(source, 'Custom HTML')));
		expect(error).toEqual(
			new TemplateSyntaxError(
				'Custom HTML: {{#if}} opened at line 50001, column 3 is never closed with {{/if}}',
				'Custom HTML',
			),
		);
		expect(ms).toBeLessThan(HANG_GUARD_MS);
	});

	it('cuts a megabyte-long tag to a short preview in its error', () => {
		const error = thrown(() =>
			parseTemplate(`{{ ${'a'.repeat(900_000)}.constructor }}`, 'Custom HTML'),
		);
		expect(error.message).toBe(
			`Custom HTML: "${'a'.repeat(60)}… (900,012 characters)" in {{ ${'a'.repeat(57)}… (900,018 characters) uses "constructor", which is not allowed in a variable name at line 1, column 1`,
		);
	});
});

describe('plain text from HTML', () => {
	it('converts a 100,000-entry list rendered by a custom template', () => {
		const { value: email, ms } = timed(() =>
			renderCustomerEmail(
				{ ...ITEM, items: entries(100_000) },
				customConfig({ html: '<ul>{{#each items}}<li>{{ this }}</li>\n{{/each}}</ul>' }),
			),
		);
		const lines = email.text.split('\n');
		expect(lines).toHaveLength(100_000);
		expect([lines[0], lines[50_000], lines[99_999]]).toEqual([
			'- entry 0',
			'- entry 50000',
			'- entry 99999',
		]);
		expect(ms).toBeLessThan(HANG_GUARD_MS);
	});

	it('converts 100,000 linked entries, with their addresses', () => {
		const html = `<ol>${entries(100_000)
			.map((entry, index) => `<li><a href="https://x.test/${index}">${entry}</a></li>`)
			.join('')}</ol>`;
		const { value: text, ms } = timed(() => htmlToText(html));
		const lines = text.split('\n');
		expect(lines).toHaveLength(100_000);
		expect(lines[99_999]).toBe('100000. entry 99999 (https://x.test/99999)');
		expect(ms).toBeLessThan(HANG_GUARD_MS);
	});

	it('is linear on openers that are never closed: comments, scripts, tags without ">", links', () => {
		const cases: Array<[string, string, string]> = [
			['<!--', '<!--x'.repeat(50_000), `${'<!--x'.repeat(50_000)}`],
			['<script>', '<script>x'.repeat(50_000), 'x'.repeat(50_000)],
			['<a ', `${'<a '.repeat(50_000)}end`, `${'<a '.repeat(50_000)}end`],
			// Each label is read when its link closes: 50,000 nested links around one label and 50,000 line breaks.
			[
				'<a href>',
				`${'<a href="u">'.repeat(50_000)}u${'<br>'.repeat(50_000)}${'</a>'.repeat(50_000)}`,
				'u',
			],
			[
				'<a href>',
				`${'<a href="https://x.test">'.repeat(50_000)}label${'</a>'.repeat(50_000)}`,
				`label ${Array(50_000).fill('(https://x.test)').join(' ')}`,
			],
		];
		for (const [name, html, expected] of cases) {
			const { value: text, ms } = timed(() => htmlToText(html));
			expect([name, text.slice(0, 200), text.length]).toEqual([
				name,
				expected.slice(0, 200),
				expected.length,
			]);
			expect(ms).toBeLessThan(HANG_GUARD_MS);
		}
	});
});
