import {
	buildEventRouting,
	formatSignatureHeader,
	receiveEvent,
	retentionGenerations,
	idempotencyBucket,
	IDEMPOTENCY_BUCKETS,
	routeEvent,
	signPayload,
	idempotencyKey,
	isJsonContentType,
	type ReceiveSettings,
} from '../../../src/events';

const SECRET = 'whsec_receive_test_secret';
const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const T = NOW / 1000;
const signature: ReceiveSettings['authentication'] = {
	mode: 'signature',
	secrets: [SECRET],
	toleranceSeconds: 300,
};
const settings = (overrides: Partial<ReceiveSettings> = {}): ReceiveSettings => ({
	authentication: signature,
	routing: buildEventRouting(['*'], ''),
	outputPerEvent: false,
	...overrides,
});
const signed = (body: string, headers: Record<string, string> = {}) => ({
	rawBody: Buffer.from(body),
	headers: {
		'content-type': 'application/json',
		'cs-signature': formatSignatureHeader(T, [signPayload(SECRET, T, body)]),
		...headers,
	},
	query: {},
});
const envelope = JSON.stringify({
	event: 'subscription_created',
	eventId: 'evt-7',
	customer: { customer_id: 'c7', plan: 'pro' },
	data: { a: 1 },
});

describe('receiveEvent', () => {
	it('accepts a signed envelope: the item is the customer record plus the event fields', () => {
		const decision = receiveEvent(signed(envelope), settings(), NOW);
		expect(decision).toEqual({
			kind: 'accept',
			key: 'id:evt-7',
			output: 0,
			item: {
				customer_id: 'c7',
				plan: 'pro',
				event: 'subscription_created',
				eventId: 'evt-7',
				occurredAt: '2026-12-01T12:00:00.000Z',
				receivedAt: '2026-12-01T12:00:00.000Z',
				data: { a: 1 },
				payloadFormat: 'envelope',
			},
			acceptedBody: { accepted: true, event: 'subscription_created', eventId: 'evt-7' },
			duplicateBody: expect.objectContaining({ duplicate: true, eventId: 'evt-7' }),
		});
	});

	it('checks authentication before anything else: an unsigned non-JSON body is 401, not 415', () => {
		const decision = receiveEvent(
			{ rawBody: Buffer.from('<a/>'), headers: { 'content-type': 'text/xml' }, query: {} },
			settings(),
			NOW,
		);
		expect(decision).toMatchObject({
			kind: 'reject',
			status: 401,
			body: { error: 'unauthorized', reason: 'missing_signature' },
		});
	});

	it('answers 415 for a signed body that is not JSON, 400 for malformed JSON and for a schema error', () => {
		expect(
			receiveEvent(
				signed('a=b', { 'content-type': 'application/x-www-form-urlencoded' }),
				settings(),
				NOW,
			),
		).toMatchObject({
			status: 415,
			body: { error: 'unsupported_media_type' },
		});
		expect(receiveEvent(signed('{"event": '), settings(), NOW)).toMatchObject({
			status: 400,
			body: {
				error: 'invalid_payload',
				errors: [{ path: '', message: expect.stringContaining('not valid JSON') }],
			},
		});
		expect(receiveEvent(signed(''), settings(), NOW)).toMatchObject({
			status: 400,
			body: {
				errors: [{ path: '', message: 'The body is empty: send the event as a JSON object' }],
			},
		});
		expect(receiveEvent(signed('{"event":"login","customer":{}}'), settings(), NOW)).toMatchObject({
			status: 400,
			body: {
				errors: [
					{ path: 'customer.customer_id', message: 'must be a non-empty string or a number' },
				],
			},
		});
	});

	it('answers 200 ignored for an event that is not selected', () => {
		const routing = buildEventRouting(['login'], '');
		expect(receiveEvent(signed(envelope), settings({ routing }), NOW)).toEqual({
			kind: 'ignored',
			status: 200,
			body: {
				ignored: true,
				event: 'subscription_created',
				eventId: 'evt-7',
				message: 'This trigger does not listen for "subscription_created": nothing was started',
			},
		});
	});

	it('keys a body without eventId by its SHA-256 (seed payloads)', () => {
		const body = JSON.stringify({
			workflow: 'login',
			customerId: 'c1',
			timestamp: '2026-12-01T11:59:00.000Z',
		});
		const decision = receiveEvent(signed(body), settings(), NOW);
		expect(decision.kind).toBe('accept');
		if (decision.kind !== 'accept') return;
		// printf '%s' "$body" | sha256sum
		expect(decision.key).toBe(idempotencyKey(undefined, body));
		expect(decision.key).toMatch(/^sha256:[0-9a-f]{64}$/);
		expect(decision.item).toMatchObject({
			customer_id: 'c1',
			event: 'login',
			eventId: decision.key,
			occurredAt: '2026-12-01T11:59:00.000Z',
		});
	});

	it('header token: from the header, or from ?token= only when allowed', () => {
		const token = {
			mode: 'headerToken' as const,
			tokens: ['tok-1'],
			headerName: 'X-CS-Webhook-Token',
			allowQueryToken: false,
		};
		const request = (headers: Record<string, string>, query = {}) => ({
			rawBody: Buffer.from(envelope),
			headers: { 'content-type': 'application/json', ...headers },
			query,
		});
		expect(
			receiveEvent(
				request({ 'x-cs-webhook-token': 'tok-1' }),
				settings({ authentication: token }),
				NOW,
			).kind,
		).toBe('accept');
		expect(
			receiveEvent(
				request({ 'x-cs-webhook-token': 'tok-2' }),
				settings({ authentication: token }),
				NOW,
			),
		).toMatchObject({
			status: 401,
			body: { reason: 'token_mismatch' },
		});
		expect(
			receiveEvent(request({}, { token: 'tok-1' }), settings({ authentication: token }), NOW),
		).toMatchObject({
			status: 401,
			body: { reason: 'missing_token' },
		});
		const withQuery = { ...token, allowQueryToken: true };
		expect(
			receiveEvent(request({}, { token: 'tok-1' }), settings({ authentication: withQuery }), NOW)
				.kind,
		).toBe('accept');
	});

	it('none: accepts without credentials', () => {
		const request = {
			rawBody: Buffer.from(envelope),
			headers: { 'content-type': 'application/json' },
			query: {},
		};
		expect(receiveEvent(request, settings({ authentication: { mode: 'none' } }), NOW).kind).toBe(
			'accept',
		);
	});
});

describe('isJsonContentType', () => {
	it.each([
		['application/json', true],
		['application/json; charset=utf-8', true],
		['Application/JSON; charset="UTF-8"', true],
		['application/cloudevents+json', true],
		['application/json; charset=latin1', false],
		['text/plain', false],
		['application/x-www-form-urlencoded', false],
		['multipart/form-data; boundary=x', false],
		[undefined, false],
	])('%s: %s', (value, expected) => {
		expect(isJsonContentType(value)).toBe(expected);
	});
});

describe('event routing', () => {
	it('routes chosen events to their outputs in order, custom names after, the rest to "Other Events"', () => {
		const routing = buildEventRouting(
			['subscription_created', '*', 'login'],
			' trial_converted, seat_added ,,',
		);
		expect(routing).toEqual({
			any: true,
			names: ['subscription_created', 'login', 'trial_converted', 'seat_added'],
			outputs: ['subscription_created', 'login', 'trial_converted', 'seat_added', 'Other Events'],
		});
		expect(routeEvent(routing, 'login', true)).toBe(1);
		expect(routeEvent(routing, 'seat_added', true)).toBe(3);
		expect(routeEvent(routing, 'payment_failed', true)).toBe(4);
		expect(routeEvent(routing, 'payment_failed', false)).toBe(0);
	});

	it('without "All Events", other events are not routed', () => {
		const routing = buildEventRouting(['login'], '');
		expect(routeEvent(routing, 'login', true)).toBe(0);
		expect(routeEvent(routing, 'logout', true)).toBeUndefined();
		expect(routeEvent(routing, 'logout', false)).toBeUndefined();
	});

	it('refuses an empty filter and a custom name that is not an event name', () => {
		expect(() => buildEventRouting([], ' , ')).toThrow('Events: choose at least one event');
		expect(() => buildEventRouting(['login'], 'ok, not ok')).toThrow(
			'Custom Event Names: "not ok" is not an event name',
		);
	});
});

describe('retention generations', () => {
	const WEEK = 7 * 86_400;
	it('splits time into windows as long as the retention', () => {
		expect(retentionGenerations(0, WEEK)).toEqual({ current: 0, next: 1, expired: -1 });
		expect(retentionGenerations(WEEK * 1000 - 1, WEEK)).toEqual({
			current: 0,
			next: 1,
			expired: -1,
		});
		expect(retentionGenerations(WEEK * 1000, WEEK)).toEqual({ current: 1, next: 2, expired: 0 });
	});
});

describe('idempotency buckets', () => {
	it('puts a key in a fixed bucket (FNV-1a of the key, modulo 256), so a restart or an upgrade finds it again', () => {
		expect(IDEMPOTENCY_BUCKETS).toBe(256);
		expect(idempotencyBucket('')).toBe(0xc5);
		expect(idempotencyBucket('id:evt-1')).toBe(193);
		expect(idempotencyBucket('id:evt-2')).toBe(8);
		expect(idempotencyBucket(`sha256:${'0'.repeat(64)}`)).toBe(64);
	});

	it('spreads ids evenly, so no record holds much more than its share of a window', () => {
		const counts = new Array<number>(IDEMPOTENCY_BUCKETS).fill(0);
		for (let i = 0; i < 256 * 100; i++) counts[idempotencyBucket(`id:bench-${i}`)]++;
		expect(Math.min(...counts)).toBeGreaterThanOrEqual(60);
		expect(Math.max(...counts)).toBeLessThanOrEqual(140);
	});
});
