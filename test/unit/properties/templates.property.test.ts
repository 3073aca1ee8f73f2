/** Issue 11 properties for src/templates: rendering built-in and custom emails from hostile items and parameters. */
import fc from 'fast-check';

import {
	BUILT_IN_TEMPLATE_IDS,
	builtInTemplate,
	describeTemplateVariables,
	htmlToText,
	parseTemplate,
	renderCustomerEmail,
	TEMPLATE_ALIASES,
	type EmailConfig,
	type RenderedEmail,
	type TemplateDescription,
} from '../../../src/templates';
import { parseInstant } from '../../../src/shared/dates';
import {
	anyJson,
	anyParameter,
	customerItem,
	hostileKey,
	hostileScalar,
	objectOf,
	pathParameterValue,
	referenceValue,
	validZone,
	zoneName,
} from './arbitraries';
import { expect_, propertiesOf, REFERENCE } from './harness';

const SEED = 0x11_0007;
const RUNS = 100;

// ---------------------------------------------------------------------------------------------------------------
// Generators: templates built from the language's pieces, some broken, some hostile HTML.

const variable = fc.constantFrom(
	'first_name',
	'company',
	'list',
	'link',
	'health.score',
	'expansion.opportunities.0.product',
	'this',
	'this.name',
	'@number',
	'__proto__',
	'constructor.prototype',
	'a..b',
	'csm_name',
	'days_to_renewal',
	'open_rate_percent',
);
const piece: fc.Arbitrary<string> = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.constantFrom('Hello ', '<p>', '</p>', ', ', '\n', '<br>', 'Tu equipo'),
	},
	{ weight: 4, arbitrary: variable.map((name) => `{{ ${name} }}`) },
	{ weight: 1, arbitrary: variable.map((name) => `{{{ ${name} }}}`) },
	{ weight: 1, arbitrary: variable.map((name) => `<a href="{{ ${name} | url }}">x</a>`) },
	{
		weight: 2,
		arbitrary: fc
			.tuple(variable, variable)
			.map(([a, b]) => `{{#if ${a}}}[{{ ${b} }}]{{else}}-{{/if}}`),
	},
	{
		weight: 2,
		arbitrary: fc
			.tuple(variable, variable)
			.map(([a, b]) => `{{#each ${a}}}<li>{{ ${b} }} {{ @number }}</li>{{/each}}`),
	},
	{ weight: 1, arbitrary: fc.constant('{{#each list}}{{#each list}}{{ this }}{{/each}}{{/each}}') },
	{
		weight: 1,
		arbitrary: fc.constantFrom(
			'{{',
			'}}',
			'{{#if}}',
			'{{/each}}',
			'{{! note }}',
			'{{ first_name ',
			'<script>{{ first_name }}</script>',
			'<style>p{color:{{ company }}}</style>',
			'<img onerror="{{ first_name }}">',
			'<!-- {{ first_name }} -->',
			'<a href="javascript:{{ link }}">',
			'{{#if a}}'.repeat(60),
		),
	},
);
const templateText = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(''));

const linkValue = fc.oneof(
	fc.constantFrom(
		'https://example.com/a?b=1',
		'mailto:a@b.c',
		'javascript:alert(1)',
		'data:text/html,x',
		' https://x.test ',
		'https://x.test/"><script>',
	),
	anyJson,
);
const listValue = fc.oneof(
	fc.array(fc.oneof(fc.string({ maxLength: 10 }), objectOf(hostileScalar, 2)), { maxLength: 6 }),
	fc
		.integer({ min: 0, max: 2000 })
		.map((count) => Array.from({ length: count }, (_, index) => `entry ${index}`)),
	fc.constant('line one\nline two\n\nline three'),
	anyJson,
);

/** An item: a customer record with the variables the generated templates use. */
const emailItem = fc
	.tuple(
		customerItem,
		fc.record(
			{
				list: listValue,
				link: linkValue,
				first_name: fc.oneof(
					fc.constantFrom('Ana', '<b>Ana</b>', '{{nested}}', 'x'.repeat(3000)),
					anyJson,
				),
			},
			{ requiredKeys: [] },
		),
	)
	.map(([target, extra]) => ({
		item:
			target.path === ''
				? { ...target.item, ...extra }
				: { ...target.item, customer: { ...(target.item.customer as object), ...extra } },
		path: target.path,
	}));

const templateChoice = fc.oneof(
	{
		weight: 3,
		arbitrary: fc
			.constantFrom(...BUILT_IN_TEMPLATE_IDS, ...Object.keys(TEMPLATE_ALIASES))
			.map((id) => ({ kind: 'builtIn' as const, id: id as unknown, field: 'Template' })),
	},
	{
		weight: 1,
		arbitrary: fc
			.oneof(hostileKey, anyParameter)
			.map((id) => ({ kind: 'builtIn' as const, id, field: 'Template ID' })),
	},
	{
		weight: 3,
		arbitrary: fc
			.record({
				subject: templateText,
				html: templateText,
				text: fc.option(templateText, { nil: null }),
				defaults: fc.dictionary(
					fc.constantFrom('first_name', 'list', 'company'),
					fc.string({ maxLength: 8 }),
					{ maxKeys: 2 },
				),
			})
			.map(({ subject, html, text, defaults }) => ({
				kind: 'custom' as const,
				template: {
					id: 'custom',
					name: 'Custom template',
					source: 'custom',
					trigger: null,
					locales: { en: { subject, html, text } },
					defaults: { en: defaults },
				},
			})),
	},
);

const emailInput = fc.record({
	target: emailItem,
	template: templateChoice,
	missingVariables: fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom('strict', 'lenient') },
		{ weight: 1, arbitrary: anyParameter },
	),
	defaultLocale: fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom('en', 'es') },
		{ weight: 1, arbitrary: anyParameter },
	),
	productName: fc.oneof(fc.constantFrom('', 'Chatly', '<Chatly>'), fc.string({ maxLength: 6 })),
	senderName: fc.oneof(
		fc.constantFrom('', 'Marta Ruiz', 'Marta "M" Ruiz', 'a\r\nBcc: x@evil.test'),
		fc.string({ maxLength: 6 }),
	),
	senderEmail: fc.oneof(
		fc.constantFrom('', 'marta@chatly.test', 'x', 'a@b.c, d@e.f'),
		fc.string({ maxLength: 6 }),
	),
	links: fc.oneof(
		fc.record(
			{ calendarLink: linkValue, surveyLink: linkValue, helpLink: linkValue },
			{ requiredKeys: [] },
		),
		anyParameter,
	),
	extraVariables: fc.oneof(
		fc.constant([]),
		fc.array(
			fc.record(
				{
					name: fc.oneof(fc.constantFrom('offer', 'list', 'first_name'), hostileKey, anyJson),
					value: anyJson,
				},
				{ requiredKeys: [] },
			),
			{ maxLength: 3 },
		),
	),
	rawVariables: fc.oneof(fc.constant([] as string[]), fc.constant(['first_name', 'list'])),
	overrides: fc.oneof(
		{ weight: 4, arbitrary: fc.constant({}) },
		{
			weight: 1,
			arbitrary: fc.record(
				{ subject: templateText, html: templateText, text: templateText },
				{ requiredKeys: [] },
			),
		},
	),
	unsubscribeUrl: fc.oneof(
		fc.constantFrom(
			undefined,
			'https://app.example.com/unsubscribe?c={{customer_id}}',
			'http://x.test/{{customer_id}}',
			'{{ link }}',
			'https://x.test/{{ first_name }}',
		),
		fc.string({ maxLength: 10 }),
	),
	idempotency: fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom('off', 'once', 'day', 'week', 'month') },
		{ weight: 1, arbitrary: anyParameter },
	),
	customerPath: fc.oneof(
		{ weight: 4, arbitrary: fc.constant(undefined) },
		{ weight: 1, arbitrary: pathParameterValue },
	),
	zone: fc.oneof({ weight: 4, arbitrary: validZone }, { weight: 1, arbitrary: zoneName }),
	reference: fc.oneof(
		{ weight: 3, arbitrary: fc.constant(undefined) },
		{ weight: 1, arbitrary: referenceValue },
	),
});
type EmailInput = typeof emailInput extends fc.Arbitrary<infer T> ? T : never;

function configOf(input: EmailInput): EmailConfig {
	return {
		template: input.template as EmailConfig['template'],
		customerPath: (input.customerPath ?? input.target.path) as string,
		missingVariables: input.missingVariables as never,
		defaultLocale: input.defaultLocale as never,
		parameters: {
			productName: input.productName,
			senderName: input.senderName,
			senderEmail: input.senderEmail,
			links: input.links as never,
		},
		extraVariables: input.extraVariables,
		rawVariables: input.rawVariables,
		overrides: input.overrides,
		unsubscribeUrl: input.unsubscribeUrl,
		idempotency: input.idempotency as never,
		reference:
			input.reference === undefined
				? REFERENCE.setZone(input.zone)
				: parseInstant(input.reference, input.zone, 'Reference Time'),
		defaultTimeZone: input.zone,
	};
}

const measure = (input: EmailInput) => [
	input.target.item,
	input.template,
	input.missingVariables,
	input.defaultLocale,
	input.productName,
	input.senderName,
	input.senderEmail,
	input.links,
	input.extraVariables,
	input.rawVariables,
	input.overrides,
	input.unsubscribeUrl,
	input.idempotency,
	input.customerPath,
	input.reference,
];

// ---------------------------------------------------------------------------------------------------------------
// Documented shape (README "CS Email Template").

const EMAIL = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+$/;

export function validateEmail(email: RenderedEmail, input: EmailInput): void {
	expect_(
		typeof email.subject === 'string' && !/[\r\n\u2028\u2029]/.test(email.subject),
		`email.subject has a line break: ${JSON.stringify(email.subject.slice(0, 80))}`,
	);
	expect_(email.to === null || EMAIL.test(email.to), `email.to is ${JSON.stringify(email.to)}`);
	// to is null only in lenient mode (strict mode fails without a recipient).
	expect_(
		email.to !== null || input.missingVariables === 'lenient',
		'email.to is null in strict mode',
	);
	expect_(
		email.from === null || !/[\r\n]/.test(email.from),
		`email.from has a line break: ${JSON.stringify(email.from)}`,
	);
	expect_(
		typeof email.html === 'string' && typeof email.text === 'string',
		'email.html and email.text are text',
	);
	expect_(
		!/<script/i.test(email.html) || /<script/i.test(JSON.stringify(measure(input))),
		'email.html has a <script> the template did not',
	);
	expect_(
		(email.idempotencyKey === null) ===
			(input.idempotency === 'off' || input.idempotency === undefined),
		`email.idempotencyKey ${JSON.stringify(email.idempotencyKey)} with idempotency ${JSON.stringify(input.idempotency)}`,
	);
	for (const [name, value] of Object.entries(email.headers))
		expect_(!/[\r\n]/.test(value), `email.headers.${name} has a line break`);
	expect_(
		input.missingVariables === 'lenient' || email.missingVariables.length === 0,
		'strict mode rendered with missing variables',
	);
}

// ---------------------------------------------------------------------------------------------------------------

describe('templates properties (issue 11)', () => {
	propertiesOf<EmailInput, RenderedEmail>(
		'renderCustomerEmail',
		emailInput,
		{
			call: (input) => renderCustomerEmail(input.target.item, configOf(input)),
			validate: validateEmail,
			measure,
		},
		{ seed: SEED, numRuns: RUNS },
	);

	propertiesOf<EmailInput, TemplateDescription>(
		'describeTemplateVariables',
		emailInput,
		{
			call: (input) => describeTemplateVariables(input.target.item, configOf(input)),
			validate: (description) => {
				const required = description.variables
					.filter((variable) => variable.required && !variable.provided)
					.map((variable) => variable.name);
				expect_(
					JSON.stringify(required) === JSON.stringify(description.missingVariables),
					'missingVariables disagree with the variables',
				);
			},
			measure,
		},
		{ seed: SEED + 1, numRuns: RUNS },
	);

	propertiesOf(
		'parseTemplate',
		fc.oneof(
			templateText,
			fc.string({ maxLength: 40 }),
			fc.constantFrom(
				'{{#if a}}'.repeat(51) + '{{/if}}'.repeat(51),
				'{{'.repeat(5000),
				'{{#each a}}'.repeat(49) + '{{/each}}'.repeat(49),
			),
		),
		{ call: (source) => parseTemplate(source, 'Custom HTML') },
		{ seed: SEED + 2, numRuns: RUNS },
	);

	propertiesOf(
		'htmlToText',
		fc.oneof(
			templateText,
			fc.string({ maxLength: 60 }),
			fc.constantFrom(
				'<p>'.repeat(5000),
				'<ul>'.repeat(3000) + '<li>x',
				'<a href="x">'.repeat(1000),
				'&#x1F600;&#0;&#xD800;&amp;&lt;',
				'<table><tr><td>a</td></tr></table>',
			),
		),
		{ call: (html) => htmlToText(html) },
		{ seed: SEED + 3, numRuns: RUNS },
	);

	propertiesOf(
		'builtInTemplate',
		fc.oneof(
			fc.constantFrom(...BUILT_IN_TEMPLATE_IDS, ' welcome_email ', 'nps_followup'),
			hostileKey,
			anyParameter,
		),
		{ call: (id) => builtInTemplate(id, 'Template ID').id },
		{ seed: SEED + 4, numRuns: 60 },
	);
});
