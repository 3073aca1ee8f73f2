/** Issue 11 properties for src/events: the Customer Success Trigger's decisions on hostile requests. */
import fc from 'fast-check';

import {
	buildEventRouting,
	EVENT_CATALOG,
	EVENT_NAME_PATTERN,
	formatSignatureHeader,
	idempotencyBucket,
	IDEMPOTENCY_BUCKETS,
	parsePayload,
	parseSignatureHeader,
	receiveEvent,
	retentionGenerations,
	retentionSeconds,
	signPayload,
	verifyToken,
	type Authentication,
	type ReceiveDecision,
} from '../../../src/events';
import {
	anyJson,
	anyParameter,
	customerRecord,
	hostileKey,
	hostileNumber,
	objectOf,
	oddDate,
	toJsonText,
} from './arbitraries';
import { expect_, inRange, isoDate, propertiesOf } from './harness';

const SEED = 0x11_0008;
const RUNS = 120;
const NOW_MS = Date.parse('2026-12-01T09:30:01.204Z');
const SECRET = 'a-secret-of-at-least-16-characters';

// ---------------------------------------------------------------------------------------------------------------
// Generators: bodies in the three documented shapes (README "The contract"), hostile ones, and raw bytes.

const eventName = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.constantFrom(...EVENT_CATALOG.map((event) => event.name), 'custom.event:1'),
	},
	{ weight: 1, arbitrary: anyJson },
);
const identifier = fc.oneof(
	{ weight: 4, arbitrary: fc.oneof(fc.stringMatching(/^[a-z_0-9]{1,12}$/), fc.integer()) },
	{ weight: 1, arbitrary: fc.oneof(hostileNumber, anyJson, fc.constant('x'.repeat(201))) },
);
const when = fc.oneof(
	{ weight: 3, arbitrary: fc.constant('2026-12-01T09:30:00Z') },
	{ weight: 2, arbitrary: oddDate },
);

const envelope = fc.record(
	{
		event: eventName,
		eventId: identifier,
		occurredAt: when,
		customer: fc.oneof(
			{
				weight: 4,
				arbitrary: fc
					.tuple(customerRecord, identifier)
					.map(([record, id]) => ({ ...record, customer_id: id })),
			},
			{ weight: 1, arbitrary: anyJson },
		),
		data: fc.oneof(objectOf(anyJson, 3), anyJson),
	},
	{ requiredKeys: ['event', 'customer'] },
);
const seedCsWorkflow = fc.record(
	{
		workflow: eventName,
		customerId: identifier,
		data: fc.oneof(objectOf(anyJson, 3), anyJson),
		timestamp: when,
	},
	{ requiredKeys: ['workflow', 'customerId'] },
);
const seedLifecycle = fc.record(
	{
		workflow: eventName,
		customer: fc.tuple(customerRecord, identifier).map(([record, id]) => ({ ...record, id })),
		timestamp: when,
	},
	{ requiredKeys: ['workflow', 'customer'] },
);
/** A body: one of the shapes, with unknown (and prototype) top-level fields beside it now and then. */
const body = fc
	.tuple(
		fc.oneof(
			{ weight: 3, arbitrary: envelope },
			{ weight: 2, arbitrary: seedCsWorkflow },
			{ weight: 2, arbitrary: seedLifecycle },
			{ weight: 1, arbitrary: anyJson },
		),
		fc.oneof(
			{ weight: 3, arbitrary: fc.constant({}) },
			{ weight: 1, arbitrary: objectOf(anyJson, 3) },
		),
	)
	.map(([shape, extra]) =>
		shape !== null && typeof shape === 'object' && !Array.isArray(shape)
			? Object.fromEntries([...Object.entries(extra), ...Object.entries(shape)])
			: shape,
	);

const rawBody = fc.oneof(
	{ weight: 6, arbitrary: body.map((value) => toJsonText(value)) },
	{
		weight: 1,
		arbitrary: fc.constantFrom(
			'',
			'   ',
			'\ufeff{"event":"login","customer":{"customer_id":"c1"}}',
			'{"event":',
			'[]',
			'null',
			'{"__proto__":{"polluted":1},"event":"login","customer":{"customer_id":"c1","__proto__":{"polluted":2}}}',
			'['.repeat(100_000),
		),
	},
	{
		weight: 1,
		arbitrary: fc
			.uint8Array({ maxLength: 40 })
			.map((bytes) => Buffer.from(bytes).toString('latin1')),
	},
);

const authentication: fc.Arbitrary<Authentication> = fc.oneof(
	fc.constant<Authentication>({ mode: 'none' }),
	fc.oneof(fc.constantFrom(300, 1, 86_400), hostileNumber).map(
		(toleranceSeconds): Authentication => ({
			mode: 'signature',
			secrets: [SECRET],
			toleranceSeconds,
		}),
	),
	fc.tuple(fc.constantFrom('X-CS-Webhook-Token', 'x-cs-webhook-token'), fc.boolean()).map(
		([headerName, allowQueryToken]): Authentication => ({
			mode: 'headerToken',
			tokens: [SECRET],
			headerName,
			allowQueryToken,
		}),
	),
);

const requestInput = fc.record({
	raw: rawBody,
	contentType: fc.oneof(
		fc.constantFrom(
			'application/json',
			'application/json; charset=utf-8',
			'application/cloudevents+json',
			'text/plain',
			'application/json; charset=latin1',
			undefined,
		),
		fc.string({ maxLength: 10 }),
	),
	signature: fc.oneof(
		fc.constantFrom('valid', 'valid-old', 'valid-future', 'absent'),
		fc.constantFrom(
			't=1,v1=zz',
			't=,v1=',
			`t=${Math.floor(NOW_MS / 1000)},v1=${'0'.repeat(64)}`,
			'v1='.repeat(1000),
			't=1'.padEnd(3000, ','),
		),
		fc.string({ maxLength: 20 }),
	),
	token: fc.oneof(fc.constantFrom(SECRET, '', undefined), fc.string({ maxLength: 10 })),
	queryToken: fc.oneof(fc.constantFrom(SECRET, undefined), anyJson),
	authentication,
	// The filter's own hostile parameters are buildEventRouting's property (below): here a filter the node accepts.
	selected: fc.oneof(
		{ weight: 2, arbitrary: fc.constant(['*']) },
		{
			weight: 1,
			arbitrary: fc.subarray(['*', 'login', 'subscription_created', 'no_login_7_days'], {
				minLength: 1,
			}),
		},
	),
	custom: fc.constantFrom('', 'custom.event:1', 'a, b ,,c'),
	outputPerEvent: fc.boolean(),
});
type RequestInput = typeof requestInput extends fc.Arbitrary<infer T> ? T : never;

function requestOf(input: RequestInput) {
	const raw = Buffer.from(input.raw, 'utf8');
	const seconds = Math.floor(NOW_MS / 1000);
	const signed = (t: number) => formatSignatureHeader(t, [signPayload(SECRET, t, raw)]);
	const signature =
		input.signature === 'valid'
			? signed(seconds)
			: input.signature === 'valid-old'
				? signed(seconds - 100_000)
				: input.signature === 'valid-future'
					? signed(seconds + 100_000)
					: input.signature === 'absent'
						? undefined
						: input.signature;
	return {
		rawBody: raw,
		headers: {
			'content-type': input.contentType,
			'cs-signature': signature,
			'x-cs-webhook-token': input.token,
		},
		query: { token: input.queryToken },
	};
}

function routingOf(input: RequestInput) {
	return {
		authentication: input.authentication,
		routing: buildEventRouting(input.selected as string[], input.custom as string),
		outputPerEvent: input.outputPerEvent,
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Documented answers (README "Answers").

export function validateDecision(decision: ReceiveDecision, input: RequestInput): void {
	const statuses = { reject: [400, 401, 415], ignored: [200], accept: [] as number[] };
	expect_(decision.kind in statuses, `decision.kind ${decision.kind}`);
	if (decision.kind !== 'accept') {
		expect_(
			statuses[decision.kind].includes(decision.status),
			`status ${decision.status} for ${decision.kind}`,
		);
		if (decision.status === 400) {
			const errors = decision.body.errors as Array<{ path: string; message: string }>;
			expect_(
				Array.isArray(errors) && errors.length >= 1 && errors.length <= 20,
				`400 with ${Array.isArray(errors) ? errors.length : 'no'} errors`,
			);
			errors.forEach((error, index) => {
				expect_(
					typeof error.path === 'string' && typeof error.message === 'string',
					`errors.${index} is not { path, message }`,
				);
				expect_(
					error.message.length < 500,
					`errors.${index}.message is ${error.message.length} characters`,
				);
			});
		}
		if (decision.status === 401)
			expect_(!JSON.stringify(decision.body).includes(SECRET), 'a 401 answer shows the secret');
		return;
	}
	const item = decision.item;
	expect_(
		typeof item.event === 'string' && EVENT_NAME_PATTERN.test(item.event as string),
		`item.event is ${JSON.stringify(item.event)}`,
	);
	expect_(
		typeof item.customer_id === 'string' || typeof item.customer_id === 'number',
		`item.customer_id is ${JSON.stringify(item.customer_id)}`,
	);
	isoDate(item.occurredAt, 'item.occurredAt');
	isoDate(item.receivedAt, 'item.receivedAt');
	const outputs = routingOf(input).routing.outputs.length;
	inRange(
		decision.output,
		0,
		input.outputPerEvent ? Math.max(0, outputs - 1) : 0,
		'decision.output',
	);
	expect_(
		['envelope', 'seedCsWorkflow', 'seedLifecycleWorkflow'].includes(item.payloadFormat as string),
		`item.payloadFormat ${item.payloadFormat}`,
	);
	expect_(typeof decision.key === 'string' && decision.key.length > 0, 'no idempotency key');
}

// ---------------------------------------------------------------------------------------------------------------

describe('events properties (issue 11)', () => {
	propertiesOf<RequestInput, ReceiveDecision>(
		'receiveEvent',
		requestInput,
		{
			call: (input) => receiveEvent(requestOf(input), routingOf(input), NOW_MS),
			validate: validateDecision,
			measure: (input) => [
				input.raw,
				input.contentType,
				input.signature,
				input.token,
				input.queryToken,
				input.selected,
				input.custom,
			],
		},
		{ seed: SEED, numRuns: RUNS },
	);

	propertiesOf(
		'parsePayload',
		fc.oneof(body, anyJson),
		{ call: (value) => parsePayload(value) },
		{ seed: SEED + 1, numRuns: RUNS },
	);

	propertiesOf(
		'buildEventRouting',
		fc.record({
			selected: fc.oneof(
				fc.array(fc.oneof(fc.constantFrom('*', 'login'), hostileKey), { maxLength: 4 }),
				anyParameter,
			),
			custom: fc.oneof(fc.constantFrom('', 'a,b', 'bad name'), anyParameter),
		}),
		{ call: (input) => buildEventRouting(input.selected as string[], input.custom as string) },
		{ seed: SEED + 2, numRuns: RUNS },
	);

	propertiesOf(
		'parseSignatureHeader / verifyToken',
		fc.tuple(
			fc.oneof(
				fc.string({ maxLength: 80 }),
				fc.constantFrom(
					't=1,v1=' + 'a'.repeat(64),
					't=99999999999999,v1=' + 'a'.repeat(64),
					`t=1,${'v1='.concat('a'.repeat(64)).concat(',').repeat(9)}`,
				),
			),
			fc.oneof(fc.string({ maxLength: 20 }), fc.constant(undefined)),
		),
		{
			call: ([header, token]) => ({
				parsed: parseSignatureHeader(header) ?? null,
				token: verifyToken(token, [SECRET]),
			}),
			validate: (result) => {
				if (result.parsed) {
					inRange(result.parsed.timestamp, 0, 999_999_999_999, 'timestamp');
					inRange(result.parsed.signatures.length, 1, 8, 'signatures');
				}
			},
		},
		{ seed: SEED + 3, numRuns: RUNS },
	);

	propertiesOf(
		'idempotencyBucket / retentionGenerations',
		fc.record({
			key: fc.string({ maxLength: 30 }),
			nowMs: fc.oneof(fc.constant(NOW_MS), hostileNumber),
			retentionDays: fc.oneof(fc.constantFrom(7, 1, 365, 0.5), hostileNumber, anyParameter),
		}),
		{
			// The node computes the window from its Duplicate Retention option with retentionSeconds.
			call: (input) => ({
				bucket: idempotencyBucket(input.key),
				generations: retentionGenerations(input.nowMs, retentionSeconds(input.retentionDays)),
			}),
			validate: (result) => {
				inRange(result.bucket, 0, IDEMPOTENCY_BUCKETS - 1, 'bucket');
				for (const [name, generation] of Object.entries(result.generations)) {
					expect_(
						Number.isSafeInteger(generation),
						`generations.${name} is ${generation}, not a whole number`,
					);
				}
			},
		},
		{ seed: SEED + 4, numRuns: RUNS },
	);

	// README "The contract": fields the contract does not name are kept, at the top level under `extra`.
	it('P2: every unknown top-level field of an accepted body is kept under extra, none lost', () => {
		fc.assert(
			fc.property(
				fc.tuple(
					fc.oneof(envelope, fc.constant({ event: 'login', customer: { customer_id: 'c1' } })),
					objectOf(anyJson, 4),
				),
				([shape, extra]) => {
					const value = Object.fromEntries([...Object.entries(extra), ...Object.entries(shape)]);
					const result = parsePayload(JSON.parse(toJsonText(value)));
					if (!result.ok) return;
					const named = ['event', 'eventId', 'occurredAt', 'customer', 'data'];
					const expected = Object.keys(value).filter((key) => !named.includes(key));
					const kept = Object.keys(result.event.extra);
					expect_(
						JSON.stringify(kept) === JSON.stringify(expected),
						`extra keeps ${JSON.stringify(kept)} of ${JSON.stringify(expected)}`,
					);
				},
			),
			{ seed: SEED + 5, numRuns: RUNS },
		);
	});
});
