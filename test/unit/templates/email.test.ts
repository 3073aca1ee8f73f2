import { DateTime } from 'luxon';

import { CustomerInputError } from '../../../src/customer/locate';
import {
	DeliveryConfigError,
	describeTemplateVariables,
	InvalidVariableError,
	MissingVariablesError,
	renderCustomerEmail,
	TemplateDataError,
	TemplateSyntaxError,
	UnknownTemplateError,
	type EmailTemplate,
} from '../../../src/templates';
import { builtIn, config, FULL_ITEM, FULL_PARAMETERS } from './fixtures';

const WRAPPER =
	'<div style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2937;">';
const NO_SENDER = { productName: 'Chatly' };

const thrown = (run: () => unknown): Error => {
	try {
		run();
	} catch (error) {
		return error as Error;
	}
	throw new Error('did not throw');
};

const custom = (
	content: Partial<EmailTemplate['locales'][string]>,
	defaults: Record<string, string> = {},
) => ({
	template: {
		kind: 'custom' as const,
		template: {
			id: 'trial_tips',
			name: 'Custom template',
			source: 'custom',
			trigger: null,
			locales: {
				en: {
					subject: 'Tips for {{ first_name }}',
					html: '<p>Hi {{ first_name }}</p>',
					text: null,
					...content,
				},
			},
			defaults: { en: defaults },
		},
	},
});

describe('rendering a customer email', () => {
	it('renders welcome_email in Spanish for an es-MX customer, HTML and text exactly', () => {
		const email = renderCustomerEmail(
			{
				first_name: 'Ana',
				email: 'ana@acme.test',
				csm_name: 'Luis',
				csm_email: 'luis@vendor.test',
				locale: 'es-MX',
				next_steps: 'Completa tu perfil\nInvita a tu equipo',
			},
			config(builtIn('welcome_email')),
		);
		expect(email).toEqual({
			templateId: 'welcome_email',
			locale: 'es',
			to: 'ana@acme.test',
			from: 'Marta Ruiz <marta@chatly.test>',
			subject: '¡Bienvenido a Chatly, Ana!',
			html: [
				WRAPPER,
				'<p>Hola Ana,</p>',
				'<p>¡Gracias por confiar en Chatly! Estamos encantados de tenerte.</p>',
				'<p>Tu Customer Success Manager es Luis y estará disponible para ayudarte en todo lo que necesites.</p>',
				'',
				'<p><strong>Próximos pasos:</strong></p>',
				'<ol>',
				'<li>Completa tu perfil</li>',
				'<li>Invita a tu equipo</li>',
				'</ol>',
				'',
				'<p>Luis te contactará pronto para agendar tu llamada de kickoff.</p>',
				'<p>¿Preguntas? Responde a este email o contacta con luis@vendor.test.</p>',
				'<p>¡Bienvenido!</p>',
				'<p>Luis<br>Customer Success Manager</p>',
				'',
				'</div>',
			].join('\n'),
			text: [
				'Hola Ana,',
				'',
				'¡Gracias por confiar en Chatly! Estamos encantados de tenerte.',
				'',
				'Tu Customer Success Manager es Luis y estará disponible para ayudarte en todo lo que necesites.',
				'',
				'Próximos pasos:',
				'1. Completa tu perfil',
				'2. Invita a tu equipo',
				'',
				'Luis te contactará pronto para agendar tu llamada de kickoff.',
				'',
				'¿Preguntas? Responde a este email o contacta con luis@vendor.test.',
				'',
				'¡Bienvenido!',
				'',
				'Luis',
				'Customer Success Manager',
			].join('\n'),
			missingVariables: [],
			defaultedVariables: [],
			headers: {},
			idempotencyKey: null,
		});
	});

	it('renders nps_followup (alias) in English with a link, the unsubscribe footer and headers', () => {
		const email = renderCustomerEmail(
			{ customer_id: 'cust 1/ñ', first_name: 'Ana', email: 'ana@acme.test', csm_name: 'Luis' },
			config({
				...builtIn('nps_followup'),
				unsubscribeUrl: 'https://app.chatly.test/unsubscribe?c={{customer_id}}&t={{ first_name }}',
			}),
		);
		const link = 'https://app.chatly.test/unsubscribe?c=cust%201%2F%C3%B1&t=Ana';
		expect(email.templateId).toBe('nps_followup_detractor');
		expect(email.headers).toEqual({
			'List-Unsubscribe': `<${link}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
		});
		expect(email.html).toBe(
			[
				WRAPPER,
				'<p>Hi Ana,</p>',
				"<p>Thank you for taking the time to complete our NPS survey. I can see your experience hasn't been what you expected, and I want to make sure I understand better how we can improve.</p>",
				"<p><strong>I'd like to schedule a short call with you to:</strong></p>",
				'<ul>',
				'<li>Better understand your concerns</li>',
				'<li>Look for concrete solutions</li>',
				"<li>Make sure you're getting the most value</li>",
				'</ul>',
				'<p>Do you have 15 minutes this week? <a href="https://cal.test/luis">Book here</a></p>',
				'<p>Your feedback is very important to us.</p>',
				'<p>Luis</p>',
				'',
				`<p style="font-size: 12px; color: #6b7280;"><a href="${link.replace('&', '&amp;')}">Unsubscribe</a></p>`,
				'',
				'</div>',
			].join('\n'),
		);
		expect(email.text).toBe(
			[
				'Hi Ana,',
				'',
				"Thank you for taking the time to complete our NPS survey. I can see your experience hasn't been what you expected, and I want to make sure I understand better how we can improve.",
				'',
				"I'd like to schedule a short call with you to:",
				'- Better understand your concerns',
				'- Look for concrete solutions',
				"- Make sure you're getting the most value",
				'',
				'Do you have 15 minutes this week? Book here (https://cal.test/luis)',
				'',
				'Your feedback is very important to us.',
				'',
				'Luis',
				'',
				`Unsubscribe: ${link}`,
			].join('\n'),
		);
	});

	describe('missing variables', () => {
		const item = { email: 'ana@acme.test', locale: 'es' };

		it('strict (default): fails the item listing every missing variable of subject, HTML and text', () => {
			const error = thrown(() =>
				renderCustomerEmail(item, config({ ...builtIn('welcome_email'), parameters: NO_SENDER })),
			);
			expect(error).toBeInstanceOf(MissingVariablesError);
			expect(error.message).toBe(
				'Template "welcome_email" (es) is missing 3 variables: first_name, csm_name, csm_email. Add them to the item, the node\'s parameters or Extra Variables, or set Missing Variables to Lenient',
			);
			expect((error as MissingVariablesError).variables).toEqual([
				'first_name',
				'csm_name',
				'csm_email',
			]);
		});

		it('strict: one missing variable is named alone, even when it has a default', () => {
			const error = thrown(() =>
				renderCustomerEmail(
					{ ...FULL_ITEM, offer: '' },
					config({ ...builtIn('intervention_low_rating_offer') }),
				),
			);
			expect(error.message).toBe(
				'Template "intervention_low_rating_offer" (en) is missing 1 variable: offer. Add it to the item, the node\'s parameters or Extra Variables, or set Missing Variables to Lenient',
			);
		});

		it('lenient: renders the declared default and lists it; a variable without default renders empty and is listed', () => {
			const email = renderCustomerEmail(
				{ email: 'ana@acme.test', locale: 'es' },
				config({
					...builtIn('intervention_low_rating_offer'),
					missingVariables: 'lenient',
					parameters: NO_SENDER,
				}),
			);
			expect(email.subject).toBe(', lo sentimos: queremos compensarte');
			expect(email.missingVariables).toEqual(['first_name']);
			expect(email.defaultedVariables).toEqual(['offer', 'csm_name']);
			expect(email.html).toContain(
				'<p>Para compensarte, queremos ofrecerte <strong>$50 de crédito para tu próximo viaje o un descuento en la comisión</strong>.</p>',
			);
			expect(email.text).toContain('Un saludo,\nTu equipo de Customer Success');
			expect(email.text.startsWith('Hola ,\n\n')).toBe(true);
		});

		it('lenient: the seed offer of winback_offer in English', () => {
			const email = renderCustomerEmail(
				{ ...FULL_ITEM, offer: null },
				config({ ...builtIn('winback_offer'), missingVariables: 'lenient' }),
			);
			expect(email.defaultedVariables).toEqual(['offer']);
			expect(email.missingVariables).toEqual([]);
			expect(email.text).toContain(
				'\n\na $100 credit to come back, or 3 months of the Pro plan at the Basic price\n\n',
			);
		});

		it('an empty list is missing; a section whose condition is absent is not', () => {
			const error = thrown(() =>
				renderCustomerEmail(
					{ ...FULL_ITEM, recent_features: [] },
					config(builtIn('reengagement_7_days')),
				),
			);
			expect((error as MissingVariablesError).variables).toEqual(['recent_features']);
			const email = renderCustomerEmail(
				{ ...FULL_ITEM, next_steps: undefined },
				config(builtIn('welcome_email')),
			);
			expect(email.html).not.toContain('Next steps');
			expect(email.missingVariables).toEqual([]);
		});
	});

	describe('recipient and sender', () => {
		it('fails a missing email in strict mode naming the field (with the record path), and leaves to null in lenient', () => {
			const error = thrown(() =>
				renderCustomerEmail(
					{ customer: { ...FULL_ITEM, email: ' ' } },
					config({ ...builtIn('welcome_email'), customerPath: 'customer' }),
				),
			);
			expect(error).toEqual(
				new CustomerInputError(
					'Field "customer.email" is missing: it is the email\'s recipient (to). Add it to the customer record, or set Missing Variables to Lenient to render without a recipient',
					'customer.email',
				),
			);
			const email = renderCustomerEmail(
				{ ...FULL_ITEM, email: undefined },
				config({ ...builtIn('welcome_email'), missingVariables: 'lenient' }),
			);
			expect(email.to).toBeNull();
		});

		it('refuses a recipient that is not one address, in both modes (no header injection, no extra recipients)', () => {
			for (const address of [
				'ana',
				'ana@acme.test, eve@evil.test',
				'Ana <ana@acme.test>',
				'ana@acme.test\r\nBcc: eve@evil.test',
			]) {
				for (const missingVariables of ['strict', 'lenient'] as const) {
					const error = thrown(() =>
						renderCustomerEmail(
							{ ...FULL_ITEM, email: address },
							config({ ...builtIn('welcome_email'), missingVariables }),
						),
					);
					expect(error).toEqual(
						new CustomerInputError(
							`Field "email" must be one email address such as "ana@example.com" (got ${JSON.stringify(address)})`,
							'email',
						),
					);
				}
			}
		});

		it('formats from as "Name <address>", quoting names that need it; no Sender Email, no from', () => {
			const from = (senderName: string, senderEmail = 'cs@chatly.test') =>
				renderCustomerEmail(
					FULL_ITEM,
					config({
						...builtIn('welcome_email'),
						parameters: { ...FULL_PARAMETERS, senderName, senderEmail },
					}),
				).from;
			expect(from('Marta Ruiz')).toBe('Marta Ruiz <cs@chatly.test>');
			expect(from('Ruiz, Marta (CS)')).toBe('"Ruiz, Marta (CS)" <cs@chatly.test>');
			expect(from('Say "hi" \\ bye')).toBe('"Say \\"hi\\" \\\\ bye" <cs@chatly.test>');
			expect(from('Line\r\nBcc: x')).toBe('"Line Bcc: x" <cs@chatly.test>');
			expect(from('')).toBe('cs@chatly.test');
			expect(from('Marta', '')).toBeNull();
			expect(thrown(() => from('Marta', 'not an address'))).toEqual(
				new DeliveryConfigError(
					'Sender Email: must be one email address such as "cs@example.com" (got "not an address")',
					'Sender Email',
				),
			);
		});
	});

	it('escapes hostile record values in HTML, keeps them literal in text and subject, and never evaluates them', () => {
		// As JSON.parse (and so n8n items) gives them: "__proto__" and "constructor" as own keys.
		const item = {
			...FULL_ITEM,
			first_name: '<script>alert(1)</script>{{csm_email}}',
			company: `"Quotes" & 'Co' {{{ first_name }}}`,
			...(JSON.parse('{"__proto__": {"csm_name": "polluted"}, "constructor": "x"}') as object),
		} as Record<string, unknown>;
		expect(Object.keys(item)).toContain('__proto__');
		const email = renderCustomerEmail(item, config(builtIn('winback_we_miss_you')));
		expect(email.subject).toBe('We miss you, <script>alert(1)</script>{{csm_email}}');
		expect(email.html).toContain('<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;{{csm_email}},</p>');
		expect(email.html).toContain(
			"<p>We're sorry to see &quot;Quotes&quot; &amp; &#39;Co&#39; {{{ first_name }}} leave Chatly.</p>",
		);
		expect(email.html).toContain('<p>Best regards,<br>Luis Pérez</p>');
		expect(email.text).toContain(
			"Hi <script>alert(1)</script>{{csm_email}},\n\nWe're sorry to see \"Quotes\" & 'Co' {{{ first_name }}} leave Chatly.",
		);
		expect(({} as Record<string, unknown>).csm_name).toBeUndefined();
	});

	it('picks the language: es-MX → es, an unknown language → the Default Language', () => {
		const localeOf = (locale: unknown, defaultLocale: 'en' | 'es' = 'en') =>
			renderCustomerEmail(
				{ ...FULL_ITEM, locale },
				config({ ...builtIn('winback_we_miss_you'), defaultLocale }),
			);
		expect(
			[
				localeOf('es-MX'),
				localeOf('ES_ar'),
				localeOf('en-GB'),
				localeOf('fr-FR'),
				localeOf(undefined),
				localeOf('fr', 'es'),
			].map((email) => [email.locale, email.subject]),
		).toEqual([
			['es', 'Te echamos de menos, Ana'],
			['es', 'Te echamos de menos, Ana'],
			['en', 'We miss you, Ana'],
			['en', 'We miss you, Ana'],
			['en', 'We miss you, Ana'],
			['es', 'Te echamos de menos, Ana'],
		]);
	});

	describe('unsubscribe URL', () => {
		it('requires every variable of the URL, even in lenient mode', () => {
			const error = thrown(() =>
				renderCustomerEmail(
					{ ...FULL_ITEM, customer_id: undefined },
					config({
						...builtIn('welcome_email'),
						missingVariables: 'lenient',
						unsubscribeUrl: 'https://x.test/u?c={{customer_id}}',
					}),
				),
			);
			expect(error.message).toBe(
				'Unsubscribe URL is missing 1 variable: customer_id (every variable of the unsubscribe URL is required, whatever Missing Variables says)',
			);
		});

		it('must render to an https URL (RFC 8058)', () => {
			for (const url of [
				'http://x.test/u?c={{customer_id}}',
				'javascript:alert(1)//{{customer_id}}',
				'x.test/u',
			]) {
				const error = thrown(() =>
					renderCustomerEmail(
						FULL_ITEM,
						config({ ...builtIn('welcome_email'), unsubscribeUrl: url }),
					),
				);
				expect(error).toBeInstanceOf(DeliveryConfigError);
				expect(error.message).toBe(
					`Unsubscribe URL: must render to an https URL such as "https://app.example.com/unsubscribe?c=cust-1" (RFC 8058 one-click unsubscribe needs https) (got ${JSON.stringify(url.replace('{{customer_id}}', 'cust-1'))})`,
				);
			}
		});
	});

	describe('idempotency key (template/customer/period)', () => {
		const key = (
			period: 'once' | 'day' | 'week' | 'month',
			reference: string,
			item: Record<string, unknown>,
			id = 'winback_offer',
		) =>
			renderCustomerEmail(
				item,
				config({
					...builtIn(id),
					idempotency: period,
					reference: DateTime.fromISO(reference, { zone: 'UTC' }),
					defaultTimeZone: 'America/New_York',
				}),
			).idempotencyKey;
		const madrid = { ...FULL_ITEM, timezone: 'Europe/Madrid' };
		const newYork = { ...FULL_ITEM, timezone: undefined };

		it('counts the period in the customer time zone: Sunday 23:30 UTC is Monday in Madrid, Sunday in New York', () => {
			const sunday = '2026-11-29T23:30:00Z';
			expect(
				['day', 'week', 'month'].map((period) => key(period as 'day', sunday, madrid)),
			).toEqual([
				'winback_offer/cust-1/2026-11-30',
				'winback_offer/cust-1/2026-W49',
				'winback_offer/cust-1/2026-11',
			]);
			expect(
				['day', 'week', 'month'].map((period) => key(period as 'day', sunday, newYork)),
			).toEqual([
				'winback_offer/cust-1/2026-11-29',
				'winback_offer/cust-1/2026-W48',
				'winback_offer/cust-1/2026-11',
			]);
		});

		it('changes month at local midnight, and has no period when sent once', () => {
			expect(key('month', '2026-11-30T23:30:00Z', madrid)).toBe('winback_offer/cust-1/2026-12');
			expect(key('month', '2026-11-30T23:30:00Z', newYork)).toBe('winback_offer/cust-1/2026-11');
			expect(key('once', '2026-11-30T23:30:00Z', madrid, 'nps_followup')).toBe(
				'nps_followup_detractor/cust-1',
			);
		});

		it('encodes the customer id and needs one', () => {
			expect(key('day', '2026-11-29T12:00:00Z', { ...madrid, customer_id: 'a/b' })).toBe(
				'winback_offer/a%2Fb/2026-11-29',
			);
			expect(key('day', '2026-11-29T12:00:00Z', { ...madrid, customer_id: 42 })).toBe(
				'winback_offer/42/2026-11-29',
			);
			expect(
				thrown(() => key('day', '2026-11-29T12:00:00Z', { ...madrid, customer_id: null })),
			).toEqual(
				new CustomerInputError(
					'Field "customer_id" is missing: the idempotency key (template/customer/period) needs the customer\'s ID (got null)',
					'customer_id',
				),
			);
		});
	});

	describe('overrides of a built-in', () => {
		it('replaces the subject in every language', () => {
			const email = renderCustomerEmail(
				{ ...FULL_ITEM, locale: 'es' },
				config({
					...builtIn('renewal_60_days'),
					overrides: { subject: '{{ first_name }}: {{ plan }} renews on {{ renewal_date }}' },
				}),
			);
			expect(email.subject).toBe('Ana: Growth renews on 2027-01-15');
			expect(email.text.startsWith('Hola Ana,')).toBe(true);
		});

		it('replaces the HTML and then generates the text from it, unless a text override is given', () => {
			const html =
				'<p>Hi {{ first_name }} &amp; team,</p><ul>{{#each recent_features}}<li>{{ this }}</li>{{/each}}</ul><p><a href="{{ calendar_link | url }}">Book</a></p>';
			const generated = renderCustomerEmail(
				{ ...FULL_ITEM, first_name: '<Ana>' },
				config({ ...builtIn('reengagement_7_days'), overrides: { html } }),
			);
			expect(generated.html).toBe(
				'<p>Hi &lt;Ana&gt; &amp; team,</p><ul><li>Shared inbox</li><li>Reports</li></ul><p><a href="https://cal.test/luis">Book</a></p>',
			);
			expect(generated.text).toBe(
				'Hi <Ana> & team,\n\n- Shared inbox\n- Reports\n\nBook (https://cal.test/luis)',
			);
			expect(generated.subject).toBe('<Ana>, is everything OK? 🤔');
			const written = renderCustomerEmail(
				FULL_ITEM,
				config({
					...builtIn('reengagement_7_days'),
					overrides: { html, text: 'Hi {{ first_name }}\n\n\n\nBye  ' },
				}),
			);
			expect(written.text).toBe('Hi Ana\n\nBye');
		});

		it('reports a syntax error in an override by its name', () => {
			expect(
				thrown(() =>
					renderCustomerEmail(
						FULL_ITEM,
						config({
							...builtIn('welcome_email'),
							overrides: { subject: 'Hi {{#if first_name}}' },
						}),
					),
				),
			).toEqual(
				new TemplateSyntaxError(
					'Subject Override: {{#if}} opened at line 1, column 4 is never closed with {{/if}}',
					'Subject Override',
				),
			);
		});
	});

	describe('custom templates', () => {
		it('renders the pasted template, generating the text from the HTML, in the Default Language', () => {
			const email = renderCustomerEmail(
				{ ...FULL_ITEM, locale: 'es' },
				config({
					...custom({
						html: '<p>Hi {{ first_name }},</p><p>Your score: {{ health.score }}.<br>{{ company }}</p>',
					}),
				}),
			);
			expect(email).toMatchObject({
				templateId: 'trial_tips',
				locale: 'en',
				subject: 'Tips for Ana',
				html: '<p>Hi Ana,</p><p>Your score: 42.<br>Acme</p>',
				text: 'Hi Ana,\n\nYour score: 42.\nAcme',
			});
		});

		it('needs a subject and an HTML body', () => {
			expect(
				thrown(() => renderCustomerEmail(FULL_ITEM, config(custom({ subject: '  ' })))),
			).toEqual(
				new TemplateSyntaxError(
					'Custom Subject: is empty; a template needs a subject and an HTML body',
					'Custom Subject',
				),
			);
			expect(
				thrown(() => renderCustomerEmail(FULL_ITEM, config(custom({ html: '' })))).message,
			).toBe('Custom HTML: is empty; a template needs a subject and an HTML body');
		});

		it('uses its own defaults in lenient mode', () => {
			const email = renderCustomerEmail(
				{ email: 'x@y.test' },
				config({
					...custom({ subject: 'Hi {{ first_name }} {{ last_name }}' }, { first_name: 'there' }),
					missingVariables: 'lenient',
				}),
			);
			expect([email.subject, email.defaultedVariables, email.missingVariables]).toEqual([
				'Hi there',
				['first_name'],
				['last_name'],
			]);
		});

		it('inserts a raw variable only when Raw Variables lists it', () => {
			const template = custom({ html: '<p>{{{ signature_html }}}</p><p>{{ signature_html }}</p>' });
			const item = { ...FULL_ITEM, signature_html: '<b>Luis</b>' };
			expect(
				renderCustomerEmail(item, config({ ...template, rawVariables: ['signature_html'] })).html,
			).toBe('<p><b>Luis</b></p><p>&lt;b&gt;Luis&lt;/b&gt;</p>');
			expect(
				thrown(() => renderCustomerEmail(item, config({ ...template, rawVariables: ['other'] }))),
			).toEqual(
				new TemplateSyntaxError(
					'Template "trial_tips" inserts {{{ signature_html }}} without HTML escaping, but it is not listed in Options > Raw Variables. List it there only if the value is trusted HTML, or use {{ signature_html }}',
					'Raw Variables',
				),
			);
		});

		it('fails on a link that is not a safe URL, naming the variable', () => {
			const template = custom({ html: '<a href="{{ offer_link | url }}">Offer</a>' });
			expect(
				thrown(() =>
					renderCustomerEmail(
						{ ...FULL_ITEM, offer_link: 'javascript:alert(document.cookie)' },
						config(template),
					),
				),
			).toEqual(
				new TemplateDataError(
					'Variable "offer_link" must be an http(s) or mailto URL such as "https://example.com/page" (got "javascript:alert(document.cookie)")',
					'offer_link',
				),
			);
		});
	});

	describe('where variables come from', () => {
		const probe = (html: string) => custom({ subject: 'x', html, text: html });
		const text = (
			item: Record<string, unknown>,
			html: string,
			extra: Partial<Parameters<typeof config>[0]> = {},
		) =>
			renderCustomerEmail(
				{ email: 'x@y.test', ...item },
				config({ ...probe(html), missingVariables: 'lenient', ...extra }),
			).text;

		it('Sender Name and Email sign when the record has no csm_name / csm_email', () => {
			expect(text({}, '{{ csm_name }} {{ csm_email }} {{ sender_name }}')).toBe(
				'Marta Ruiz marta@chatly.test Marta Ruiz',
			);
			expect(text({ csm_name: 'Luis', csm_email: '' }, '{{ csm_name }} {{ csm_email }}')).toBe(
				'Luis marta@chatly.test',
			);
		});

		it('parameters win over record fields of the same name; Extra Variables win over everything but never blank a value', () => {
			const extraVariables = [
				{ name: 'company', value: 'Extra Co' },
				{ name: 'first_name', value: '' },
				{ name: 'list', value: ['a', 'b'] },
			];
			expect(
				text(
					{ product_name: 'Record Product', company: 'Acme', first_name: 'Ana' },
					'{{ product_name }} {{ company }} {{ first_name }} {{ list }}',
					{ extraVariables },
				),
			).toBe('Chatly Extra Co Ana a, b');
		});

		it('reads the record at the Customer Record Path and the other nodes’ outputs at the top level', () => {
			const item = {
				customer: { first_name: 'Ana', email: 'ana@acme.test' },
				first_name: 'Top',
				health: { score: 81 },
				churn: { tier: 'monitor' },
			};
			expect(
				text(item, '{{ first_name }} {{ health.score }} {{ churn.tier }}', {
					customerPath: 'customer',
				}),
			).toBe('Ana 81 monitor');
			expect(
				thrown(() => text({ customer: 'nope' }, 'x', { customerPath: 'customer' })).message,
			).toBe('Field "customer" must hold the customer record as an object (got string "nope")');
		});

		it('derives <ratio>_percent from 0-1 ratios, and days_* from dates only when the template uses them', () => {
			expect(
				text(
					{
						open_rate: 0.3249,
						click_rate: '0.06',
						feature_adoption: 'n/a',
						open_rate_percent: undefined,
					},
					'{{ open_rate_percent }} {{ click_rate_percent }} {{ feature_adoption_percent }}',
				),
			).toBe('32.5 6');
			expect(text({ open_rate: 0.5, open_rate_percent: 49 }, '{{ open_rate_percent }}')).toBe('49');
			const reference = DateTime.fromISO('2026-11-23T22:30:00Z', { zone: 'UTC' });
			// 23:30 on the 23rd in Madrid; the trial ends at 00:00 on the 28th there: 5 calendar days.
			expect(
				text(
					{ timezone: 'Europe/Madrid', trial_ends_at: '2026-11-28T00:00:00+01:00' },
					'{{ trial_days_remaining }}',
					{ reference },
				),
			).toBe('5');
			// A malformed date the template does not use does not matter; one it uses fails naming it.
			expect(text({ renewal_date: 'soon' }, 'ok')).toBe('ok');
			expect(thrown(() => text({ renewal_date: 'soon' }, '{{ days_to_renewal }}')).message).toBe(
				'renewal_date: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "soon")',
			);
		});

		it('refuses Extra Variables with names that are not plain identifiers', () => {
			for (const name of ['__proto__', 'constructor', 'prototype', 'a.b', '1x', '', 'a b', null]) {
				expect(thrown(() => text({}, 'x', { extraVariables: [{ name, value: 'v' }] }))).toEqual(
					new InvalidVariableError(
						`Extra Variables: ${JSON.stringify(name)} is not a valid variable name (letters, digits and _, not starting with a digit, such as "offer_code")`,
						'Extra Variables',
					),
				);
			}
			expect(
				text({}, '{{ offer_code }}', { extraVariables: [{ name: ' offer_code ', value: 'X1' }] }),
			).toBe('X1');
		});
	});

	it('reads the address of an item whose email is an earlier CS Email Template output (its to)', () => {
		const first = renderCustomerEmail(FULL_ITEM, config(builtIn('welcome_email')));
		const second = renderCustomerEmail(
			{ ...FULL_ITEM, email: first },
			config(builtIn('winback_we_miss_you')),
		);
		expect([second.to, second.subject]).toEqual(['ana@acme.test', 'We miss you, Ana']);
		const lenient = renderCustomerEmail(
			{ ...FULL_ITEM, email: { ...first, to: null } },
			config({ ...builtIn('winback_we_miss_you'), missingVariables: 'lenient' }),
		);
		expect(lenient.to).toBeNull();
		// Any other object in email is not an address.
		expect(
			thrown(() =>
				renderCustomerEmail(
					{ ...FULL_ITEM, email: { address: 'ana@acme.test' } },
					config(builtIn('welcome_email')),
				),
			).message,
		).toBe(
			'Field "email" must be one email address such as "ana@example.com" (got {"address":"ana@acme.test"})',
		);
	});

	it('fails an unknown template id naming the nearest one and the first valid ones', () => {
		const error = thrown(() =>
			renderCustomerEmail(
				FULL_ITEM,
				config({ template: { kind: 'builtIn', id: 'welcome', field: 'Template ID' } }),
			),
		);
		expect(error).toBeInstanceOf(UnknownTemplateError);
		expect(error.message).toBe(
			'Unknown template "welcome" (from Template ID). Did you mean "welcome_email"? Valid IDs: welcome_email, reengagement_7_days, value_recap_monthly, value_recap_urgent, renewal_60_days, nps_followup_detractor, onboarding_checklist, onboarding_first_value_nudge, onboarding_tips, onboarding_30_day_review, onboarding_stalled_help and 28 more',
		);
	});
});

describe('listing the variables of a template', () => {
	it('lists each variable with usage, requiredness, default and whether the item provides it', () => {
		const description = describeTemplateVariables(
			{ first_name: 'Ana', locale: 'es-MX' },
			config({ ...builtIn('intervention_low_rating_offer'), parameters: NO_SENDER }),
		);
		expect(description).toEqual({
			templateId: 'intervention_low_rating_offer',
			name: 'Intervention: Low Rating Offer',
			source: 'Intervention playbook: rating below 4.0 (docs/sources.md#intervention-playbook)',
			locale: 'es',
			locales: ['en', 'es'],
			variables: [
				{
					name: 'first_name',
					usage: 'value',
					required: true,
					raw: false,
					default: null,
					provided: true,
				},
				{
					name: 'product_name',
					usage: 'value',
					required: true,
					raw: false,
					default: null,
					provided: true,
				},
				{
					name: 'offer',
					usage: 'value',
					required: true,
					raw: false,
					default: '$50 de crédito para tu próximo viaje o un descuento en la comisión',
					provided: false,
				},
				{
					name: 'offer_link',
					usage: 'value',
					required: false,
					raw: false,
					default: null,
					provided: false,
				},
				{
					name: 'csm_name',
					usage: 'value',
					required: true,
					raw: false,
					default: 'Tu equipo de Customer Success',
					provided: false,
				},
				{
					name: 'unsubscribe_link',
					usage: 'value',
					required: false,
					raw: false,
					default: null,
					provided: false,
				},
			],
			missingVariables: ['offer', 'csm_name'],
		});
	});

	it('counts the unsubscribe link as provided when the URL renders', () => {
		const listed = (item: Record<string, unknown>) =>
			describeTemplateVariables(
				item,
				config({
					...builtIn('welcome_email'),
					unsubscribeUrl: 'https://x.test/u?c={{ customer_id }}',
				}),
			).variables.find((variable) => variable.name === 'unsubscribe_link')?.provided;
		expect([listed({ customer_id: 'c1' }), listed({})]).toEqual([true, false]);
	});
});
