/**
 * The email template engine against hostile input (issue 11): how long each attack takes to be refused, and how long
 * the large but legitimate cases take. Prints figures; asserts nothing (the unit tests assert the behaviour).
 *
 *   node -r ts-node/register/transpile-only bench/templates-hostile.ts
 *
 * Each case runs `RUNS` times (a fresh template text each run, so no parse is cached) and reports the median and
 * the slowest run.
 */
import { DateTime } from 'luxon';

import {
	BUILT_IN_TEMPLATES,
	htmlToText,
	parseTemplate,
	renderCustomerEmail,
	renderTemplate,
	TEMPLATE_LIMITS,
	type EmailConfig,
} from '../src/templates';

const RUNS = Number(process.env.RUNS ?? 5);
const REFERENCE = DateTime.fromISO('2026-11-23T10:00:00Z', { zone: 'UTC' });
let fresh = 0;

/** A custom template; a comment with a counter makes each run's source new. */
function custom(html: string, text: string | null = null): EmailConfig {
	fresh += 1;
	return {
		template: {
			kind: 'custom',
			template: {
				id: 'bench',
				name: 'bench',
				source: 'custom',
				trigger: null,
				locales: { en: { subject: 'Hi {{ first_name }}', html: `{{! ${fresh} }}${html}`, text } },
				defaults: { en: {} },
			},
		},
		missingVariables: 'strict',
		defaultLocale: 'en',
		parameters: { productName: 'Chatly' },
		reference: REFERENCE,
		defaultTimeZone: 'UTC',
	};
}

const ITEM = { email: 'ana@acme.test', first_name: 'Ana' };
const entries = (count: number) =>
	Array.from({ length: count }, (_value, index) => `entry ${index}`);

interface Outcome {
	result: string;
	ms: number[];
}

function measure(work: () => string): Outcome {
	const ms: number[] = [];
	let result = '';
	for (let run = 0; run < RUNS; run++) {
		const start = process.hrtime.bigint();
		try {
			result = work();
		} catch (error) {
			result = `${(error as Error).name}: ${(error as Error).message}`;
		}
		ms.push(Number(process.hrtime.bigint() - start) / 1e6);
	}
	return { result, ms };
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const cut = (text: string, length = 150) =>
	text.length > length ? `${text.slice(0, length)}…` : text;

const cyclic: unknown[] = ['x'];
cyclic.push(cyclic);
let deep: unknown = 'x';
for (let level = 0; level < 10_000; level++) deep = [deep];
const table = Array.from({ length: 1000 }, (_value, row) =>
	Object.fromEntries(
		Array.from({ length: 10 }, (_cell, column) => [`c${column}`, `r${row}c${column}`]),
	),
);
const tableRow = Array.from(
	{ length: 10 },
	(_cell, column) => `<td>{{ this.c${column} }}</td>`,
).join('');
const list100k = entries(100_000);
const html100k = `<ul>${list100k.map((entry) => `<li><a href="https://x.test/${entry}">${entry}</a></li>`).join('\n')}</ul>`;
const html20k = `<ul>${list100k
	.slice(0, 20_000)
	.map((entry) => `<li>${entry}</li>`)
	.join('\n')}</ul>`;
const steps = '{{#if nope}}x{{/if}}'.repeat(20);

const CASES: Array<[string, () => string]> = [
	[
		'15,000 x 15,000 nested {{#each}}',
		() =>
			renderCustomerEmail(
				{ ...ITEM, a: entries(15_000), b: entries(15_000) },
				custom('{{#each a}}{{#each b}}<td>{{ this }}</td>{{/each}}{{/each}}'),
			).html,
	],
	[
		'10,000 x 10,000 nested {{#each}}',
		() =>
			renderCustomerEmail(
				{ ...ITEM, a: entries(10_000), b: entries(10_000) },
				custom('{{#each a}}{{#each b}}x{{/each}}{{/each}}'),
			).html,
	],
	[
		'1,000 x 199 loops of 20 empty {{#if}}',
		() =>
			renderCustomerEmail(
				{ ...ITEM, a: entries(1000), b: entries(199) },
				custom(`{{#each a}}{{#each b}}${steps}{{/each}}{{/each}}`),
			).html,
	],
	[
		'10,000-deep {{#if}} nesting',
		() =>
			renderCustomerEmail(
				{ ...ITEM, a: 1 },
				custom(`${'{{#if a}}'.repeat(10_000)}x${'{{/if}}'.repeat(10_000)}`),
			).html,
	],
	[
		'data lists nested 10,000 deep',
		() => renderCustomerEmail({ ...ITEM, a: deep }, custom('<p>{{ a }}</p>')).html,
	],
	[
		'a list that contains itself',
		() =>
			renderCustomerEmail({ ...ITEM, a: cyclic }, custom('{{#each a}}{{ this }}{{/each}}')).html,
	],
	[
		'a 6,000,000-character value',
		() => renderCustomerEmail({ ...ITEM, v: 'y'.repeat(6_000_000) }, custom('<p>{{ v }}</p>')).html,
	],
	[
		'a 1,000,001-character template',
		() => renderCustomerEmail(ITEM, custom('x'.repeat(1_000_001))).html,
	],
	[
		'50,000 sequential {{#if}}: parse only',
		() =>
			`${parseTemplate(`{{! ${++fresh} }}${'{{#if a}}x{{/if}}'.repeat(50_000)}`, 'Custom HTML').length} nodes`,
	],
	[
		'50,000 sequential {{#if}}: email',
		() =>
			`${renderCustomerEmail({ ...ITEM, a: 1 }, custom('{{#if a}}x{{/if}}'.repeat(50_000))).html.length} characters of HTML`,
	],
	[
		'100,000-entry list: email, text from HTML',
		() => {
			const email = renderCustomerEmail(
				{ ...ITEM, items: list100k },
				custom('<ul>{{#each items}}<li>{{ this }}</li>\n{{/each}}</ul>'),
			);
			return `${email.html.length} characters of HTML, ${email.text.length} of text`;
		},
	],
	[
		'100,000-entry list: HTML render only',
		() =>
			`${renderTemplate(parseTemplate(`{{! ${++fresh} }}<ul>{{#each items}}<li>{{ this }}</li>\n{{/each}}</ul>`, 'Custom HTML'), { items: list100k }, { target: 'html', policy: 'strict' }).output.length} characters`,
	],
	[
		'htmlToText: 100,000 linked entries',
		() => `${htmlToText(html100k).length} characters from ${html100k.length}`,
	],
	[
		'htmlToText: 20,000 entries',
		() => `${htmlToText(html20k).length} characters from ${html20k.length}`,
	],
	[
		'1,000-row x 10-column table email',
		() => {
			const email = renderCustomerEmail(
				{ ...ITEM, rows: table },
				custom(`<table>{{#each rows}}<tr>${tableRow}</tr>\n{{/each}}</table>`),
			);
			return `${email.html.length} characters of HTML, ${email.text.length} of text`;
		},
	],
	[
		'unquoted attribute injection',
		() =>
			renderCustomerEmail(
				{ ...ITEM, x: 'a onmouseover=alert(1)' },
				custom('<a title={{ x }}>t</a>'),
			).html,
	],
	[
		'javascript: in href without | url',
		() =>
			renderCustomerEmail(
				{ ...ITEM, link: ' JaVaScRiPt:alert(1)' },
				custom('<a href="{{ link }}">t</a>'),
			).html,
	],
	[
		'NUL and U+0085 in the subject',
		() =>
			JSON.stringify(
				renderCustomerEmail({ ...ITEM, first_name: 'Ana\u0000\u0085Bcc: x@y' }, custom('<p>x</p>'))
					.subject,
			),
	],
];

function builtInRate(): string {
	const welcome = BUILT_IN_TEMPLATES.find((template) => template.id === 'welcome_email');
	if (!welcome) return 'no welcome_email';
	const config: EmailConfig = {
		template: { kind: 'builtIn', id: 'welcome_email', field: 'Template' },
		missingVariables: 'strict',
		defaultLocale: 'en',
		parameters: { productName: 'Chatly', senderName: 'Marta', senderEmail: 'marta@chatly.test' },
		reference: REFERENCE,
		defaultTimeZone: 'UTC',
	};
	const item = {
		...ITEM,
		customer_id: 'c1',
		csm_name: 'Luis',
		csm_email: 'luis@chatly.test',
		next_steps: ['Profile', 'Team'],
	};
	const count = 20_000;
	const start = process.hrtime.bigint();
	for (let index = 0; index < count; index++) renderCustomerEmail(item, config);
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	return `${Math.round(count / seconds).toLocaleString('en-US')} emails/s`;
}

console.log(
	`Template engine against hostile input; ${RUNS} runs per case; Node ${process.version}`,
);
console.log(
	`Limits: ${Object.entries(TEMPLATE_LIMITS)
		.map(([name, value]) => `${name} ${value.toLocaleString('en-US')}`)
		.join(', ')}\n`,
);
console.log('| case | median ms | slowest ms | result |');
console.log('|---|---:|---:|---|');
for (const [name, work] of CASES) {
	const { result, ms } = measure(work);
	console.log(
		`| ${name} | ${median(ms).toFixed(1)} | ${Math.max(...ms).toFixed(1)} | ${cut(result).replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`,
	);
}
builtInRate();
console.log(`\nwelcome_email, built-in, after warm-up: ${builtInRate()}`);
