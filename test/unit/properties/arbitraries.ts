/**
 * Shared generators for the property-based tests of issue 11: hostile JSON, odd numbers and dates, prototype keys,
 * and realistic customer records with some fields replaced by hostile values.
 *
 * Objects are always built with Object.fromEntries (CreateDataProperty), so a key "__proto__" is an own data
 * property, exactly as JSON.parse makes it in an item that arrives over HTTP or from a Code node.
 */
import fc from 'fast-check';

/** Keys that touch prototypes, or that code often treats specially. */
export const HOSTILE_KEYS = [
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'valueOf',
	'hasOwnProperty',
	'__defineGetter__',
	'polluted',
	'',
	' ',
	'a.b',
	'0',
	'length',
] as const;

export const hostileKey: fc.Arbitrary<string> = fc.constantFrom(...HOSTILE_KEYS);

/** Numbers that break naive code: signed zero, extremes, subnormals, unsafe integers, values at and past edges. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
	fc.constantFrom(
		0,
		-0,
		1,
		-1,
		0.5,
		0.1 + 0.2,
		1e-7,
		5e-324,
		-5e-324,
		1e21,
		-1e21,
		1e308,
		-1e308,
		Number.MAX_VALUE,
		-Number.MAX_VALUE,
		Number.MAX_SAFE_INTEGER,
		Number.MAX_SAFE_INTEGER + 2,
		2 ** 40,
		6,
		7,
		9,
		10,
		11,
		-50.5,
		99.99999999999999,
		100,
		100.5,
		101,
		-100,
		-101,
		36525,
		36526,
		1e11 - 1,
		1e11,
		8.64e15,
		-8.64e15,
		8.64e15 + 1,
	),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.integer({ min: -1000, max: 1000 }),
);

/** Numbers an expression can give although JSON cannot carry them (parameters only). */
export const nonFiniteNumber: fc.Arbitrary<number> = fc.constantFrom(
	Number.NaN,
	Infinity,
	-Infinity,
);

/** Text that looks numeric to someone, and only sometimes to the code. */
export const numericString: fc.Arbitrary<string> = fc.oneof(
	fc.constantFrom(
		'0x1F',
		'1e400',
		'-1e400',
		'1e-400',
		' 42 ',
		'42',
		'-0',
		'+5',
		'.5',
		'5.',
		'1_000',
		'1,5',
		'Infinity',
		'-Infinity',
		'NaN',
		'0b101',
		'0o17',
		'0017',
		'',
		'   ',
		'\u0663',
		'\uff11\uff12',
		'12abc',
		'1e21',
		'9'.repeat(39),
		'9'.repeat(41),
		'100.0000000001',
		'\t7\n',
	),
	hostileNumber.map((value) => String(value)),
);

/** Dates as text in odd formats, extreme years and offsets, and epoch numbers around the documented edges. */
export const oddDate: fc.Arbitrary<string | number> = fc.oneof(
	fc.constantFrom<string | number>(
		'2026-11-23',
		'2026-11-23T09:00:00Z',
		'2026-11-23T09:00:00.123456789+05:45',
		'2026-11-23T09:00:00+99:00',
		'2026-11-23T09:00:00+14:00',
		'2026-11-23T09:00:00+14:01',
		'2026-11-23T09:00:00-14:00',
		'2026-11-23T09:00',
		'2026-11-23 09:00',
		'2026-11-23T24:00:00Z',
		'2026-02-30',
		'2026-W48-1',
		'2026-327',
		'20261123T090000Z',
		'+275760-09-13T00:00:00Z',
		'-271821-04-20T00:00:00Z',
		'+010000-01-01T00:00:00Z',
		'0000-01-01',
		'0099-12-31T00:00:00Z',
		'1899-12-31T23:59:59Z',
		'1900-01-01T00:00:00+14:00',
		'1900-01-01T00:00:00Z',
		'9999-12-31T23:59:59.999-14:00',
		'9999-12-31T23:59:59Z',
		'9999-12-31',
		'1926-11-24T09:00:00Z',
		'2126-11-23T09:00:00Z',
		'2026-11-24T10:00:00Z',
		'2026-11-25T10:00:00Z',
		'yesterday',
		'Mon, 23 Nov 2026 09:00:00 GMT',
		'1e400',
		' 2026-11-23T09:00:00Z ',
		'2026-11-23T09:00:00Z\u0000',
		'x'.repeat(65),
		0,
		-0,
		1e11 - 1,
		1e11,
		-1e11,
		8.64e15,
		-8.64e15,
		253402300799999,
		253402300800000,
		-2208988800000,
		-2208988800001,
		1795424400,
		1795424400000,
	),
	fc
		.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
		.map((date) => date.toISOString()),
	fc
		.date({
			min: new Date('2020-01-01T00:00:00Z'),
			max: new Date('2030-01-01T00:00:00Z'),
			noInvalidDate: true,
		})
		.map((date) => date.toISOString()),
);

/** Time zone names: valid, odd but valid, and invalid. */
export const zoneName: fc.Arbitrary<string> = fc.constantFrom(
	'Europe/Madrid',
	'America/Mexico_City',
	'America/Los_Angeles',
	'America/Santiago',
	'Pacific/Kiritimati',
	'Pacific/Pago_Pago',
	'Asia/Kathmandu',
	'Australia/Lord_Howe',
	'UTC',
	'Etc/GMT+12',
	'EST5EDT',
	'utc',
	' UTC ',
	'Mars/Olympus',
	'+05:00',
	'Europe/Madrid\n',
	'',
);

/** Valid zones only (for the default time zone a node always resolves). */
export const validZone: fc.Arbitrary<string> = fc.constantFrom(
	'Europe/Madrid',
	'America/Mexico_City',
	'Pacific/Kiritimati',
	'Pacific/Pago_Pago',
	'Asia/Kathmandu',
	'Australia/Lord_Howe',
	'UTC',
);

const plainString: fc.Arbitrary<string> = fc.oneof(
	{ weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
	{
		weight: 1,
		arbitrary: fc.constantFrom(
			'<script>alert(1)</script>',
			'{{nested}}',
			'{{{raw}}}',
			'javascript:alert(1)',
			'a\r\nBcc: x@evil.test',
			'\u2028',
			'"\'<>&',
			'x'.repeat(5000),
			'undefined',
			'null',
			'true',
			'false',
			' TRUE ',
		),
	},
);

/** Any scalar a JSON item can carry, weighted towards the hostile ones. */
export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
	fc.constant(null),
	fc.boolean(),
	hostileNumber,
	numericString,
	oddDate,
	plainString,
	hostileKey,
);

/** An object whose keys are hostile or arbitrary; `__proto__` ends up an own property. */
export function objectOf(
	value: fc.Arbitrary<unknown>,
	maxKeys = 5,
): fc.Arbitrary<Record<string, unknown>> {
	return fc
		.array(fc.tuple(fc.oneof(hostileKey, fc.string({ maxLength: 8 })), value), {
			maxLength: maxKeys,
		})
		.map((entries) => Object.fromEntries(entries));
}

/** An array or object nested `depth` levels deep around `leaf`. */
export function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
	let value = leaf;
	for (let level = 0; level < depth; level++)
		value = asArray ? [value] : Object.fromEntries([['a', value]]);
	// fast-check prints a counterexample recursively: a hidden (non-enumerable symbol) printer keeps it from
	// overflowing the stack. JSON, Object.keys, spreads and zod never see it.
	const shown = `nested(${depth}, ${typeof leaf === 'string' ? JSON.stringify(leaf.slice(0, 40)) : String(leaf)}, ${asArray ? 'array' : 'object'})`;
	Object.defineProperty(value, fc.toStringMethod, { value: () => shown, enumerable: false });
	return value;
}

/** Deep nesting: arrays and objects from 20 to 5,000 levels. */
export const deeplyNested: fc.Arbitrary<unknown> = fc
	.tuple(fc.integer({ min: 20, max: 5000 }), hostileScalar, fc.boolean())
	.map(([depth, leaf, asArray]) => nested(depth, leaf, asArray));

/** Any JSON value: scalars, small containers with hostile keys, and deep nesting. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		{ weight: 6, arbitrary: hostileScalar },
		{ weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
		{ weight: 2, arbitrary: objectOf(tie('value'), 4) },
		{ weight: 1, arbitrary: deeplyNested },
	),
})).value;

/** Any value a parameter can take through an n8n expression: JSON, plus NaN and ±Infinity. */
export const anyParameter: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 8, arbitrary: anyJson },
	{ weight: 1, arbitrary: nonFiniteNumber },
	{ weight: 1, arbitrary: fc.constant(undefined) },
);

/**
 * A realistic value, or now and then an edge value that still passes the record schema (a number or numeric text at
 * or past the field's range, an extreme magnitude). Wholly hostile values are put in by `customerRecord`.
 */
function sometimesHostile<T>(realistic: fc.Arbitrary<T>, edgeWeight = 1): fc.Arbitrary<unknown> {
	return fc.oneof(
		{ weight: 6, arbitrary: realistic as fc.Arbitrary<unknown> },
		{ weight: edgeWeight, arbitrary: fc.oneof(hostileNumber, numericString) },
	);
}

/** A value for one field of a record: any JSON, often a scalar of the wrong kind. */
export const hostileFieldValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 3, arbitrary: hostileScalar },
	{ weight: 1, arbitrary: anyJson },
);

const count = (max: number) => fc.integer({ min: 0, max });
const ratio = fc.double({ min: 0, max: 1, noNaN: true });
const recentPast = fc
	.date({
		min: new Date('2025-11-23T00:00:00Z'),
		max: new Date('2026-11-23T09:00:00Z'),
		noInvalidDate: true,
	})
	.map((date) => date.toISOString());
const nearFuture = fc
	.date({
		min: new Date('2026-11-23T09:00:00Z'),
		max: new Date('2027-11-23T00:00:00Z'),
		noInvalidDate: true,
	})
	.map((date) => date.toISOString().slice(0, 10));

/** The fields README "The customer record" documents, each realistic or hostile, each possibly absent. */
export const customerFields = {
	customer_id: sometimesHostile(
		fc.oneof(fc.stringMatching(/^cust-[0-9]{1,4}$/), fc.integer({ min: 1, max: 9999 })),
	),
	email: sometimesHostile(fc.constantFrom('ana@example.com', 'luis@acme.test', 'x@y.z')),
	first_name: sometimesHostile(fc.constantFrom('Ana', 'Luis', 'Zoë', "O'Brien")),
	company: sometimesHostile(fc.constantFrom('Acme', 'Chatly', 'Initech & Co')),
	plan: sometimesHostile(
		fc.constantFrom('starter', 'growth', 'pro', 'enterprise', 'Pro', 'legacy'),
	),
	mrr: sometimesHostile(
		fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(1e300, 1e308, Number.MAX_VALUE)),
	),
	seats: sometimesHostile(fc.integer({ min: 0, max: 500 })),
	locale: sometimesHostile(fc.constantFrom('en', 'es', 'es-MX', 'es_MX', 'fr', 'EN-us')),
	timezone: sometimesHostile(zoneName),
	csm_name: sometimesHostile(fc.constantFrom('Marta', 'Luis')),
	csm_email: sometimesHostile(fc.constantFrom('marta@chatly.test')),
	dau_mau_ratio: sometimesHostile(ratio),
	feature_adoption: sometimesHostile(ratio),
	conversations_per_week: sometimesHostile(count(500)),
	days_since_last_login: sometimesHostile(count(60)),
	logins_per_week: sometimesHostile(count(20)),
	features_used_this_month: sometimesHostile(count(20)),
	usage_change_percent: sometimesHostile(fc.integer({ min: -100, max: 300 })),
	avg_session_minutes: sometimesHostile(count(120)),
	usage_vs_limit: sometimesHostile(fc.double({ min: 0, max: 1.5, noNaN: true })),
	blocked_feature_attempts: sometimesHostile(count(10)),
	blocked_features: sometimesHostile(
		fc.oneof(fc.array(fc.constantFrom('sso', 'audit_log', 'SSO', 'api')), fc.constant('sso, api')),
	),
	team_size_change: sometimesHostile(fc.double({ min: -1, max: 2, noNaN: true })),
	days_since_key_action: sometimesHostile(count(60)),
	open_tickets: sometimesHostile(count(10)),
	avg_csat: sometimesHostile(fc.double({ min: 1, max: 5, noNaN: true })),
	escalations: sometimesHostile(count(5)),
	high_severity_tickets: sometimesHostile(count(5)),
	tickets_last_30_days: sometimesHostile(count(10)),
	nps_score: sometimesHostile(fc.integer({ min: 0, max: 10 })),
	rating: sometimesHostile(fc.double({ min: 1, max: 5, noNaN: true })),
	meetings_attended: sometimesHostile(count(5)),
	responses_to_outreach: sometimesHostile(count(5)),
	payment_health: sometimesHostile(ratio),
	growth_potential: sometimesHostile(ratio),
	contract_length: sometimesHostile(fc.constantFrom(1, 6, 12, 24, 36)),
	failed_payments: sometimesHostile(count(3)),
	days_to_renewal: sometimesHostile(fc.integer({ min: -30, max: 400 })),
	trial_days_remaining: sometimesHostile(fc.integer({ min: -10, max: 30 })),
	cancellation_requested: sometimesHostile(fc.constantFrom(true, false, 'true', 'FALSE')),
	competitor_mentioned: sometimesHostile(fc.constantFrom(true, false, 'true', 'false')),
	previous_health_score: sometimesHostile(count(100)),
	health_score: sometimesHostile(count(100)),
	last_login_at: sometimesHostile(fc.oneof(recentPast, oddDate), 2),
	last_key_action_at: sometimesHostile(fc.oneof(recentPast, oddDate), 2),
	signup_date: sometimesHostile(fc.oneof(recentPast, oddDate), 2),
	renewal_date: sometimesHostile(fc.oneof(nearFuture, oddDate), 2),
	trial_ends_at: sometimesHostile(fc.oneof(nearFuture, oddDate), 2),
	last_nps_survey_at: sometimesHostile(fc.oneof(recentPast, oddDate), 2),
	nps_responded_at: sometimesHostile(fc.oneof(recentPast, oddDate), 2),
	snoozed_signals: sometimesHostile(
		fc.oneof(
			fc.constant(['nps_detractor']),
			fc.constant('low_rating, no_login_7_days'),
			fc.array(fc.record({ type: fc.constantFrom('nps_detractor', 'low_rating'), until: oddDate })),
		),
	),
	lifecycle_stage: sometimesHostile(
		fc.constantFrom(
			'trial',
			'onboarding',
			'adopting',
			'growing',
			'renewing',
			'expanding',
			'advocating',
			'at_risk',
			'churned',
			'At Risk',
			'adoption',
			'growth',
		),
	),
	subscription_status: sometimesHostile(
		fc.constantFrom('active', 'cancelled', 'canceled', 'trialing', 'Active '),
	),
	renewal_status: sometimesHostile(fc.constantFrom('completed', 'pending')),
	onboarding_completion: sometimesHostile(fc.oneof(count(100), ratio)),
	expansion_opportunity: sometimesHostile(fc.boolean()),
	expansion_closed: sometimesHostile(fc.boolean()),
	engagement_score: sometimesHostile(count(100)),
	business_outcomes: sometimesHostile(count(100)),
	business_targets: sometimesHostile(count(100)),
	usage_growth_per_month: sometimesHostile(fc.double({ min: -0.5, max: 0.5, noNaN: true })),
	usage_vs_limit_history: sometimesHostile(
		fc.array(
			fc.record({
				date: fc.oneof({ weight: 5, arbitrary: recentPast }, { weight: 1, arbitrary: oddDate }),
				value: fc.oneof({ weight: 5, arbitrary: ratio }, { weight: 1, arbitrary: numericString }),
			}),
			{ maxLength: 5 },
		),
	),
	analytics_views_per_week: sometimesHostile(count(10)),
	integration_requested: sometimesHostile(fc.boolean()),
	branding_mentioned: sometimesHostile(fc.boolean()),
	large_event_scheduled: sometimesHostile(fc.boolean()),
};

const FIELD_NAMES = Object.keys(customerFields);

/**
 * A customer record: any subset of the documented fields (realistic or at their edges), with 0 to 3 of them replaced
 * by hostile values, plus now and then unknown or prototype keys. Mostly valid, so the rules behind the schema run.
 */
export const customerRecord: fc.Arbitrary<Record<string, unknown>> = fc
	.tuple(
		fc.record(customerFields, { requiredKeys: [] }),
		fc.oneof(
			{ weight: 5, arbitrary: fc.constant([] as Array<[string, unknown]>) },
			{
				weight: 4,
				arbitrary: fc.array(fc.tuple(fc.constantFrom(...FIELD_NAMES), hostileFieldValue), {
					minLength: 1,
					maxLength: 3,
				}),
			},
		),
		fc.oneof(
			{ weight: 3, arbitrary: fc.constant({}) },
			{ weight: 1, arbitrary: objectOf(anyJson, 3) },
		),
	)
	.map(([fields, replaced, extra]) =>
		Object.fromEntries([...Object.entries(extra), ...Object.entries(fields), ...replaced]),
	);

/** Output keys of the other nodes, as a later node finds them at the item's top level (sometimes hostile). */
export const nodeOutputs = fc.record(
	{
		health: fc.oneof(fc.record({ score: fc.oneof(count(100), fc.constant(null)) }), anyJson),
		expansion: fc.oneof(
			fc.record({ opportunities: fc.array(fc.constant({ type: 'upsell' }), { maxLength: 2 }) }),
			anyJson,
		),
		churn: fc.oneof(
			fc.record({ playbook: fc.constantFrom('save.no_login_7_days', null) }),
			anyJson,
		),
	},
	{ requiredKeys: [] },
);

/** An item as a node receives it: the record at the top level or under `customer`, maybe with other nodes' outputs. */
export const customerItem: fc.Arbitrary<{ item: Record<string, unknown>; path: string }> = fc.oneof(
	{
		weight: 3,
		arbitrary: fc
			.tuple(customerRecord, nodeOutputs)
			.map(([record, outputs]) => ({ item: { ...record, ...outputs }, path: '' })),
	},
	{
		weight: 1,
		arbitrary: fc.tuple(customerRecord, nodeOutputs).map(([record, outputs]) => ({
			item: Object.fromEntries([['customer', record], ...Object.entries(outputs)]),
			path: 'customer',
		})),
	},
	{
		weight: 1,
		arbitrary: fc
			.tuple(objectOf(anyJson, 6), fc.oneof(fc.constant(''), hostileKey))
			.map(([item, path]) => ({ item, path })),
	},
);

/** A path parameter (Customer Record Path, Score Field, …): usual values, hostile keys, or any value an expression gives. */
export const pathParameterValue: fc.Arbitrary<unknown> = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.constantFrom(
			'',
			'customer',
			' customer ',
			'data.account',
			'customer.__proto__',
			'__proto__',
			'constructor.prototype',
		),
	},
	{ weight: 1, arbitrary: anyParameter },
);

/** A reference time as an option would give it: usual instants and hostile ones (parsed by the caller). */
export const referenceValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 4, arbitrary: fc.constant('2026-11-23T09:00:00Z') },
	{ weight: 2, arbitrary: oddDate },
	{ weight: 1, arbitrary: anyParameter },
);

/**
 * JSON text of a value without recursion (JSON.stringify overflows the stack on the deep nests above): what an
 * expression or an HTTP body gives as text.
 */
export function toJsonText(root: unknown): string {
	const out: string[] = [];
	const work: Array<{ value: unknown } | { text: string }> = [{ value: root }];
	while (work.length > 0) {
		const next = work.pop() as { value: unknown } | { text: string };
		if ('text' in next) {
			out.push(next.text);
			continue;
		}
		const { value } = next;
		if (value === null || typeof value !== 'object') {
			out.push(JSON.stringify(value ?? null) ?? 'null');
			continue;
		}
		const pieces: Array<{ value: unknown } | { text: string }> = [];
		if (Array.isArray(value)) {
			pieces.push({ text: '[' });
			value.forEach((entry, index) => {
				if (index > 0) pieces.push({ text: ',' });
				pieces.push({ value: entry });
			});
			pieces.push({ text: ']' });
		} else {
			pieces.push({ text: '{' });
			Object.keys(value).forEach((key, index) => {
				pieces.push({ text: `${index > 0 ? ',' : ''}${JSON.stringify(key)}:` });
				pieces.push({ value: (value as Record<string, unknown>)[key] });
			});
			pieces.push({ text: '}' });
		}
		for (let index = pieces.length - 1; index >= 0; index--) work.push(pieces[index]);
	}
	return out.join('');
}
