import { DateTime } from 'luxon';

import { CustomerInputError } from '../../../src/customer/locate';
import { InvalidParameterError } from '../../../src/shared/parameters';
import {
	DeliveryConfigError,
	describeTemplateVariables,
	InvalidVariableError,
	MissingVariablesError,
	renderCustomerEmail,
	TemplateDataError,
	UnknownTemplateError,
	type EmailConfig,
} from '../../../src/templates';
import { builtIn, config, FULL_ITEM, FULL_PARAMETERS } from './fixtures';
import { customConfig, ITEM, thrown } from './hostile';

/**
 * Issue 11, class 3 (headers and fields) and class 4 (messages): header fields carry no control characters; every
 * field of the item is read as an own property; every error names the field and shows a short preview of the value.
 */

describe('header fields', () => {
	it('the subject has no NUL, NEL (U+0085), line or paragraph separator, CR or LF, from values or from the template', () => {
		const email = renderCustomerEmail(
			{ ...ITEM, first_name: 'A\u0000na\u0085Bcc: eve@evil.test\u2028x\u2029y\r\nz\u0007' },
			customConfig({ subject: 'Hi\u0000 {{ first_name }}\u0085!' }),
		);
		expect(email.subject).toBe('Hi Ana Bcc: eve@evil.test x y z !');
		expect(JSON.stringify(email.subject)).not.toMatch(/\\u00|\\r|\\n/);
		// Built-in subjects are unchanged.
		expect(renderCustomerEmail(FULL_ITEM, config(builtIn('welcome_email'))).subject).toBe(
			'Welcome to Chatly, Ana!',
		);
	});

	it('the sender name loses its control characters too', () => {
		const from = (senderName: string) =>
			renderCustomerEmail(
				ITEM,
				customConfig({}, { parameters: { ...FULL_PARAMETERS, senderName } }),
			).from;
		expect(from('Marta\u0000 \u0085Ruiz\u2029')).toBe('Marta  Ruiz <marta@chatly.test>');
	});

	it('the recipient, the sender address and the unsubscribe URL refuse control characters', () => {
		for (const email of ['ana\u0000@acme.test', 'ana@acme.test\u0085', 'ana\u2028@acme.test']) {
			expect(thrown(() => renderCustomerEmail({ ...ITEM, email }, customConfig({})))).toEqual(
				new CustomerInputError(
					`Field "email" must be one email address such as "ana@example.com" (got ${JSON.stringify(email).replace('\u0085', '\\u0085').replace('\u2028', '\\u2028')})`,
					'email',
				),
			);
		}
		expect(
			thrown(() =>
				renderCustomerEmail(
					ITEM,
					customConfig({}, { parameters: { senderEmail: 'cs\u0000@chatly.test' } }),
				),
			),
		).toBeInstanceOf(DeliveryConfigError);
		const unsubscribe = thrown(() =>
			renderCustomerEmail(
				{ ...ITEM, customer_id: 'c1' },
				customConfig({}, { unsubscribeUrl: 'https://x.test/u?c={{customer_id}}\u0085' }),
			),
		);
		expect(unsubscribe).toEqual(
			new DeliveryConfigError(
				'Unsubscribe URL: must render to an https URL such as "https://app.example.com/unsubscribe?c=cust-1" (RFC 8058 one-click unsubscribe needs https) (got "https://x.test/u?c=c1\\u0085")',
				'Unsubscribe URL',
			),
		);
	});
});

describe('own properties only', () => {
	it('an inherited email is never the recipient', () => {
		const item = Object.assign(
			Object.create({ email: 'eve@evil.test', locale: 'es', customer_id: 'evil' }) as Record<
				string,
				unknown
			>,
			{ first_name: 'Ana' },
		);
		expect(
			renderCustomerEmail(item, customConfig({}, { missingVariables: 'lenient' })).to,
		).toBeNull();
		expect(thrown(() => renderCustomerEmail(item, customConfig({})))).toEqual(
			new CustomerInputError(
				'Field "email" is missing: it is the email\'s recipient (to). Add it to the customer record, or set Missing Variables to Lenient to render without a recipient',
				'email',
			),
		);
		// Nor its locale (the Default Language is used) or customer id (the idempotency key needs an own one).
		expect(
			renderCustomerEmail({ ...item, email: 'ana@acme.test' }, config(builtIn('welcome_email')))
				.locale,
		).toBe('en');
		const { customer_id: _own, ...withoutId } = FULL_ITEM;
		expect(
			thrown(() =>
				renderCustomerEmail(
					Object.assign(Object.create({ customer_id: 'evil' }) as object, withoutId),
					config({ ...builtIn('welcome_email'), idempotency: 'once' }),
				),
			).message,
		).toBe(
			'Field "customer_id" is missing: the idempotency key (template/customer/period) needs the customer\'s ID (got null)',
		);
	});

	it('a polluted Object.prototype gives no recipient and no variable', () => {
		const prototype = Object.prototype as Record<string, unknown>;
		prototype.email = 'eve@evil.test';
		prototype.first_name = 'Eve';
		try {
			const email = renderCustomerEmail(
				{ locale: 'en' },
				customConfig({ html: '<p>{{ first_name }}</p>' }, { missingVariables: 'lenient' }),
			);
			expect([email.to, email.html, email.missingVariables]).toEqual([
				null,
				'<p></p>',
				['first_name'],
			]);
		} finally {
			delete prototype.email;
			delete prototype.first_name;
		}
	});

	it('keys named __proto__, constructor and prototype in an item are plain data', () => {
		const item = JSON.parse(
			'{"email":"ana@acme.test","first_name":"Ana","__proto__":{"email":"eve@evil.test"},"constructor":"c","prototype":{"x":1}}',
		) as Record<string, unknown>;
		const email = renderCustomerEmail(item, customConfig({ html: '<p>{{ first_name }}</p>' }));
		expect([email.to, email.html]).toEqual(['ana@acme.test', '<p>Ana</p>']);
		expect(({} as Record<string, unknown>).email).toBeUndefined();
	});

	it('the other nodes’ outputs and the ratios are own fields of the item too', () => {
		const item = Object.assign(
			Object.create({ health: { score: 1 }, open_rate: 0.5 }) as object,
			ITEM,
		);
		const email = renderCustomerEmail(
			item,
			customConfig(
				{ html: '<p>{{ health.score }} {{ open_rate_percent }}</p>' },
				{ missingVariables: 'lenient' },
			),
		);
		expect(email.missingVariables).toEqual(['health.score', 'open_rate_percent']);
	});
});

describe('messages', () => {
	it('a recipient that contains itself is described, never stringified', () => {
		const cyclic: Record<string, unknown> = { a: 1 };
		cyclic.self = cyclic;
		expect(
			thrown(() => renderCustomerEmail({ ...ITEM, email: cyclic }, customConfig({}))).message,
		).toBe(
			'Field "email" must be one email address such as "ana@example.com" (got {"a":1,"self":"[a cycle]"})',
		);
	});

	it('long values are cut to a short preview', () => {
		const link = `javascript:${'a'.repeat(1_000_000)}`;
		const error = thrown(() =>
			renderCustomerEmail({ ...ITEM, link }, customConfig({ html: '<a href="{{ link }}">t</a>' })),
		);
		expect(error).toBeInstanceOf(TemplateDataError);
		expect(error.message).toBe(
			`Variable "link" starts the link in href (Custom HTML: {{ link }} at line 1, column 10) and must be an http(s), mailto or tel URL or a relative link, never javascript:, data: or vbscript: (got "javascript:${'a'.repeat(69)}"… (1,000,011 characters))`,
		);
		const id = thrown(() =>
			renderCustomerEmail(
				ITEM,
				config({ template: { kind: 'builtIn', id: 'x'.repeat(1_000_000), field: 'Template ID' } }),
			),
		);
		expect(id).toBeInstanceOf(UnknownTemplateError);
		expect(
			id.message.startsWith(
				`Unknown template "${'x'.repeat(60)}… (1,000,000 characters)" (from Template ID). Valid IDs: welcome_email,`,
			),
		).toBe(true);
	});

	it('thousands of missing variables are counted, not all listed', () => {
		const people = Array.from({ length: 5000 }, () => ({}));
		const error = thrown(() =>
			renderCustomerEmail(
				{ ...ITEM, people },
				customConfig({ html: '{{#each people}}{{ this.name }}{{/each}}' }),
			),
		);
		expect(error).toBeInstanceOf(MissingVariablesError);
		expect((error as MissingVariablesError).variables).toHaveLength(5000);
		expect(error.message).toBe(
			'Template "hostile" (en) is missing 5000 variables: people.0.name, people.1.name, people.2.name, people.3.name, people.4.name, people.5.name, people.6.name, people.7.name, people.8.name, people.9.name, people.10.name, people.11.name, people.12.name and 4987 more. Add them to the item, the node\'s parameters or Extra Variables, or set Missing Variables to Lenient',
		);
	});

	it('an invalid date is a data error, not a RangeError', () => {
		expect(
			thrown(() =>
				renderCustomerEmail(
					{ ...ITEM, d: new Date(Number.NaN) },
					customConfig({ html: '{{ d }}' }),
				),
			),
		).toEqual(new TemplateDataError('Variable "d" holds an invalid date', 'd'));
	});

	it('an Extra Variables row that is not a name and a value names the parameter', () => {
		const extraVariables = [null, { value: 1 }] as unknown as EmailConfig['extraVariables'];
		expect(thrown(() => renderCustomerEmail(ITEM, customConfig({}, { extraVariables })))).toEqual(
			new InvalidVariableError(
				'Extra Variables: null is not a valid variable name (letters, digits and _, not starting with a digit, such as "offer_code")',
				'Extra Variables',
			),
		);
	});

	it('a configuration an expression got wrong names the parameter, instead of "x.trim is not a function"', () => {
		const wrong: Array<[Partial<Record<keyof EmailConfig, unknown>>, string]> = [
			[{ customerPath: 5 }, 'Customer Record Path: must be text (got 5)'],
			[
				{ missingVariables: 'sometimes' },
				'Missing Variables: must be one of "strict", "lenient" (got "sometimes")',
			],
			[
				{ defaultLocale: 'x'.repeat(5000) },
				`Default Language: must be one of "en", "es" (got "${'x'.repeat(80)}"… (5,000 characters))`,
			],
			[
				{ idempotency: { period: 'day' } },
				'Idempotency Key: must be one of "off", "once", "day", "week", "month" (got {"period":"day"})',
			],
			[{ parameters: { senderEmail: 42 } }, 'Sender Email: must be text (got 42)'],
			[{ rawVariables: 'signature' }, 'Raw Variables: must be a list (got "signature")'],
			[
				{ reference: '2026-01-01' },
				'Reference Time: must be a valid date and time (got "2026-01-01")',
			],
		];
		for (const [override, message] of wrong) {
			const error = thrown(() =>
				renderCustomerEmail(ITEM, customConfig({}, override as Partial<EmailConfig>)),
			);
			expect(error).toBeInstanceOf(InvalidParameterError);
			expect(error.message).toBe(message);
		}
		expect(
			thrown(() =>
				describeTemplateVariables(
					ITEM,
					customConfig({}, { customerPath: [] as unknown as string }),
				),
			).message,
		).toBe('Customer Record Path: must be text (got [])');
		// A valid configuration is checked once, and still renders.
		expect(
			renderCustomerEmail(
				ITEM,
				customConfig({}, { reference: DateTime.fromISO('2026-01-01T00:00:00Z') }),
			).subject,
		).toBe('Hi Ana');
	});
});
