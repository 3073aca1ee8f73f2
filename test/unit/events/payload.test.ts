import { parsePayload } from '../../../src/events';

const ok = (body: unknown) => {
	const result = parsePayload(body);
	if (!result.ok) throw new Error(`expected a valid payload: ${JSON.stringify(result.errors)}`);
	return result.event;
};
const errors = (body: unknown) => {
	const result = parsePayload(body);
	if (result.ok) throw new Error('expected errors');
	return result.errors;
};

describe('the package envelope', () => {
	it('becomes an event with the customer record as sent, occurredAt in UTC', () => {
		expect(
			ok({
				event: 'subscription_created',
				eventId: 'evt_001',
				occurredAt: '2026-12-01T10:00:00+01:00',
				customer: {
					customer_id: 'cust-1',
					email: 'ana@example.com',
					plan: 'pro',
					mrr: '99',
					timezone: 'Europe/Madrid',
				},
				data: { source: 'billing' },
				trace: 'abc',
			}),
		).toEqual({
			format: 'envelope',
			event: 'subscription_created',
			eventId: 'evt_001',
			occurredAt: '2026-12-01T09:00:00.000Z',
			customer: {
				customer_id: 'cust-1',
				email: 'ana@example.com',
				plan: 'pro',
				mrr: '99',
				timezone: 'Europe/Madrid',
			},
			data: { source: 'billing' },
			extra: { trace: 'abc' },
		});
	});

	it('takes a numeric eventId and customer_id, and defaults data to {}', () => {
		const event = ok({ event: 'login', eventId: 42, customer: { customer_id: 7 } });
		expect(event).toMatchObject({
			eventId: '42',
			customer: { customer_id: 7 },
			data: {},
			occurredAt: undefined,
			extra: {},
		});
	});

	it('lists every problem with its path', () => {
		expect(
			errors({
				event: 'has spaces',
				eventId: '',
				occurredAt: 'yesterday',
				customer: { email: 5, timezone: 'Mars/Olympus', mrr: { amount: 1 } },
				data: [1],
			}),
		).toEqual(
			expect.arrayContaining([
				{ path: 'event', message: expect.stringContaining('letters, digits') },
				{ path: 'eventId', message: 'must not be empty' },
				{ path: 'customer.email', message: 'has the wrong type (got number 5)' },
				{ path: 'customer.mrr', message: 'has the wrong type (got an object)' },
				{ path: 'occurredAt', message: expect.stringContaining('ISO 8601') },
				{
					path: 'customer.timezone',
					message: 'must be a valid IANA time zone such as "Europe/Madrid"',
				},
				{ path: 'customer.customer_id', message: 'must be a non-empty string or a number' },
				{ path: 'data', message: 'must be an object' },
			]),
		);
	});

	it('checks the customer record’s dates, so a stored record never holds one nobody can read', () => {
		expect(
			errors({
				event: 'login',
				customer: { customer_id: 'c1', last_login_at: 'last tuesday', signup_date: '2026-01-05' },
			}),
		).toEqual([
			{
				path: 'customer.last_login_at',
				message: 'must be an ISO 8601 date such as "2026-11-23T09:00:00Z"',
			},
		]);
	});

	it('requires an event and a customer', () => {
		expect(errors({})).toEqual([
			{ path: 'event', message: 'is required' },
			{ path: 'customer', message: 'is required' },
		]);
	});

	it('refuses a body that is not an object', () => {
		expect(errors([{ event: 'login' }])).toEqual([
			{ path: '', message: 'The body must be a JSON object (got an array)' },
		]);
		expect(errors('login')).toEqual([
			{ path: '', message: 'The body must be a JSON object (got string)' },
		]);
		expect(errors(null)).toEqual([
			{ path: '', message: 'The body must be a JSON object (got null)' },
		]);
	});

	it('keeps a "__proto__" key as plain data, never as a prototype', () => {
		const body = JSON.parse(
			'{"event":"login","customer":{"customer_id":"c1","__proto__":{"polluted":true}}}',
		);
		const event = ok(body);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(event.customer)).toBe(Object.prototype);
	});
});

describe('docs/sources.md#app-webhook-payloads triggerCSWorkflow: { workflow, customerId, data, timestamp }', () => {
	it('becomes an event named by workflow, for customer_id = customerId', () => {
		expect(
			ok({
				workflow: 'no_login_7_days',
				customerId: 'cust-9',
				data: { daysInactive: 8 },
				timestamp: '2026-12-01T08:00:00.000Z',
			}),
		).toEqual({
			format: 'seedCsWorkflow',
			event: 'no_login_7_days',
			eventId: undefined,
			occurredAt: '2026-12-01T08:00:00.000Z',
			customer: { customer_id: 'cust-9' },
			data: { daysInactive: 8 },
			extra: {},
		});
	});

	it('accepts the seed’s undefined data (JSON.stringify drops it)', () => {
		expect(
			ok({ workflow: 'login', customerId: 'c', timestamp: '2026-12-01T08:00:00.000Z' }).data,
		).toEqual({});
	});

	it('names the missing customerId', () => {
		expect(errors({ workflow: 'login', timestamp: '2026-12-01T08:00:00.000Z' })).toEqual([
			{ path: 'customerId', message: 'must be a non-empty string or a number' },
		]);
	});
});

describe('docs/sources.md#app-webhook-payloads LifecycleManager.triggerN8nWorkflow: { workflow, customer: { id, name, email, plan, mrr }, timestamp }', () => {
	it('becomes an event whose customer record has customer_id = customer.id', () => {
		expect(
			ok({
				workflow: 'win_back_sequence',
				customer: { id: 'cust-3', name: 'Acme', email: 'ops@acme.test', plan: 'growth', mrr: 490 },
				timestamp: '2026-12-01T08:00:00.000Z',
			}),
		).toEqual({
			format: 'seedLifecycleWorkflow',
			event: 'win_back_sequence',
			eventId: undefined,
			occurredAt: '2026-12-01T08:00:00.000Z',
			customer: {
				customer_id: 'cust-3',
				name: 'Acme',
				email: 'ops@acme.test',
				plan: 'growth',
				mrr: 490,
			},
			data: {},
			extra: {},
		});
	});

	it('names customer.id when the seed passes a bare id (its onboarding_completed call does)', () => {
		expect(
			errors({
				workflow: 'onboarding_completed',
				customer: {},
				timestamp: '2026-12-01T08:00:00.000Z',
			}),
		).toEqual([{ path: 'customer.id', message: 'must be a non-empty string or a number' }]);
	});
});
