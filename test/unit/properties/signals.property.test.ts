/** Issue 11 properties for src/signals: churn signals, custom rows, thresholds, snoozes, cooldowns. */
import fc from 'fast-check';

import { numberRuleFor } from '../../../src/customer/fieldRules';
import { parseInstant } from '../../../src/shared/dates';
import {
	activeSnoozes,
	assessAtRisk,
	assessChurn,
	BUILT_IN_SIGNAL_TYPES,
	builtInRules,
	cooldownCandidates,
	customRules,
	decideCooldowns,
	evaluateChurn,
	finalizeChurn,
	INTERVENTION_TIERS,
	OPERATORS,
	parseCooldownDays,
	recommendedPlaybook,
	SEVERITIES,
	THRESHOLD_SIGNAL_TYPES,
	type ChurnResult,
	type CooldownLedgerStore,
	type CooldownRequest,
} from '../../../src/signals';
import {
	anyJson,
	anyParameter,
	customerFields,
	customerItem,
	customerRecord,
	hostileKey,
	hostileNumber,
	numericString,
	oddDate,
	pathParameterValue,
	referenceValue,
	validZone,
	zoneName,
} from './arbitraries';
import {
	assertCleanOutput,
	assertDomainError,
	attempt,
	expect_,
	inputText,
	inRange,
	isoDate,
	propertiesOf,
	REFERENCE,
} from './harness';

const SEED = 0x11_0002;
const RUNS = 120;

// ---------------------------------------------------------------------------------------------------------------
// Generators

const thresholdsValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 2, arbitrary: fc.constant({}) },
	{
		weight: 3,
		arbitrary: fc.dictionary(
			fc.constantFrom(...THRESHOLD_SIGNAL_TYPES),
			fc.oneof(hostileNumber, numericString),
			{ maxKeys: 4 },
		),
	},
	{ weight: 1, arbitrary: anyParameter },
);

const enabledValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 4, arbitrary: fc.constant([...BUILT_IN_SIGNAL_TYPES]) },
	{ weight: 2, arbitrary: fc.subarray([...BUILT_IN_SIGNAL_TYPES]) },
	{
		weight: 1,
		arbitrary: fc.array(fc.oneof(fc.constantFrom(...BUILT_IN_SIGNAL_TYPES), hostileKey), {
			maxLength: 3,
		}),
	},
	{ weight: 1, arbitrary: anyParameter },
);

const customRow = fc.record(
	{
		type: fc.oneof(
			fc.constantFrom('big_drop', 'vip', 'x:1', 'no_login_7_days', 'has space'),
			hostileKey,
			anyJson,
		),
		field: fc.oneof(
			fc.constantFrom(...Object.keys(customerFields), 'usage.idle_days', 'a..b'),
			hostileKey,
			anyJson,
		),
		operator: fc.oneof(fc.constantFrom(...OPERATORS), anyJson),
		value: fc.oneof(
			hostileNumber,
			numericString,
			fc.boolean(),
			fc.constantFrom('true', 'abc', ''),
			anyJson,
		),
		severity: fc.oneof(fc.constantFrom(...SEVERITIES), anyJson),
		description: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 20 }), anyJson),
	},
	{ requiredKeys: [] },
);
const customRowsValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 3, arbitrary: fc.constant([]) },
	{ weight: 3, arbitrary: fc.array(customRow, { maxLength: 3 }) },
	{ weight: 1, arbitrary: anyParameter },
);

// The rule parameters' own hostile values are builtInRules' and customRules' properties (below): here, rules the
// node accepts, so the item's hostile values reach the detection.
const validRules = fc.record({
	enabled: fc.oneof(
		fc.constant([...BUILT_IN_SIGNAL_TYPES]),
		fc.subarray([...BUILT_IN_SIGNAL_TYPES]),
	),
	thresholds: fc.oneof(
		fc.constant({}),
		fc.dictionary(fc.constantFrom(...THRESHOLD_SIGNAL_TYPES), hostileNumber, { maxKeys: 4 }),
	),
	rows: fc.oneof(
		fc.constant([]),
		fc
			.array(
				fc.record({
					type: fc.constantFrom('big_drop', 'vip', 'x:1'),
					field: fc.constantFrom(
						...Object.keys(customerFields),
						'usage.idle_days',
						'__proto__',
						'constructor',
					),
					operator: fc.constantFrom(...OPERATORS),
					value: fc.oneof(hostileNumber, fc.constantFrom('3', 'true', 'abc')),
					severity: fc.constantFrom(...SEVERITIES),
				}),
				{ maxLength: 3 },
			)
			.map((rows) =>
				rows.filter((row, index) => rows.findIndex((other) => other.type === row.type) === index),
			),
	),
});

const churnInput = fc.record({
	target: customerItem,
	rules: validRules,
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
type ChurnInput = typeof churnInput extends fc.Arbitrary<infer T> ? T : never;

function referenceOf(input: { reference: unknown; zone: string }) {
	return input.reference === undefined
		? REFERENCE.setZone(input.zone)
		: parseInstant(input.reference, input.zone, 'Reference Time');
}

function rulesOf(input: ChurnInput) {
	return [
		...builtInRules(input.rules.enabled, input.rules.thresholds as Record<string, unknown>),
		...customRules(input.rules.rows),
	];
}

// ---------------------------------------------------------------------------------------------------------------
// Documented ranges (README "Churn Signals").

/** A value the record gave for a field with a rule in src/customer/fieldRules.ts stays inside that rule. */
function withinFieldRule(metric: string, value: unknown, path: string): void {
	const rule = numberRuleFor(metric);
	if (!rule || typeof value !== 'number') return;
	inRange(
		value,
		rule.min ?? -Number.MAX_VALUE,
		rule.max ?? Number.MAX_VALUE,
		`${path} (${metric})`,
	);
}

export function validateChurn(churn: ChurnResult): void {
	expect_(
		(INTERVENTION_TIERS as readonly string[]).includes(churn.tier),
		`churn.tier is ${JSON.stringify(churn.tier)}`,
	);
	expect_(
		(churn.tier === 'none') === (churn.signals.length === 0),
		`churn.tier ${churn.tier} with ${churn.signals.length} raised signals`,
	);
	expect_(
		churn.atRisk === churn.atRiskReasons.length > 0,
		`churn.atRisk ${churn.atRisk} with ${churn.atRiskReasons.length} reasons`,
	);
	churn.atRiskReasons.forEach((reason, index) => {
		inRange(
			reason.value,
			-Number.MAX_VALUE,
			Number.MAX_VALUE,
			`churn.atRiskReasons.${index}.value`,
		);
		withinFieldRule(
			reason.metric === 'health.score' ? 'health_score' : reason.metric,
			reason.value,
			`churn.atRiskReasons.${index}.value`,
		);
	});
	churn.signals.forEach((signal, index) => {
		expect_(
			(SEVERITIES as readonly string[]).includes(signal.severity),
			`churn.signals.${index}.severity is ${JSON.stringify(signal.severity)}`,
		);
		expect_(
			['number', 'string', 'boolean'].includes(typeof signal.value),
			`churn.signals.${index}.value is ${JSON.stringify(signal.value)}`,
		);
		withinFieldRule(signal.metric, signal.value, `churn.signals.${index}.value`);
	});
	// null playbook means "no raised signal has one", never a failed lookup.
	const expected = recommendedPlaybook(churn.signals.map((signal) => signal.type));
	expect_(
		churn.playbook === expected,
		`churn.playbook is ${JSON.stringify(churn.playbook)}, the raised signals give ${JSON.stringify(expected)}`,
	);
	churn.suppressed.forEach((entry, index) => {
		expect_(
			entry.reason === 'snoozed' || entry.reason === 'cooldown',
			`churn.suppressed.${index}.reason is ${JSON.stringify(entry.reason)}`,
		);
		// A null end is "snoozed until removed"; a cooldown always ends.
		isoDate(entry.until, `churn.suppressed.${index}.until`, entry.reason === 'snoozed');
	});
}

// ---------------------------------------------------------------------------------------------------------------
// In-memory cooldown ledgers (the node uses n8n's processed-data store with the same contract).

function memoryStore(): CooldownLedgerStore & { rows: Map<string, number> } {
	const rows = new Map<string, number>();
	return {
		rows,
		count: async (ledger) => rows.get(ledger) ?? 0,
		create: async (ledger, entries) => {
			if (rows.has(ledger)) return 'exists';
			rows.set(ledger, entries);
			return 'created';
		},
		remove: async (ledger) => {
			rows.delete(ledger);
		},
		shrink: async (ledger, entries) => {
			if ((rows.get(ledger) ?? 0) > entries) rows.set(ledger, entries);
		},
	};
}

// ---------------------------------------------------------------------------------------------------------------

describe('signals properties (issue 11)', () => {
	propertiesOf<ChurnInput, ChurnResult>(
		'evaluateChurn (built-in and custom rules)',
		churnInput,
		{
			call: (input) =>
				evaluateChurn(input.target.item, {
					rules: rulesOf(input),
					customerPath: (input.customerPath ?? input.target.path) as string,
					reference: referenceOf(input),
					defaultTimeZone: input.zone,
				}),
			validate: validateChurn,
			measure: (input) => [input.target.item, input.rules, input.customerPath, input.reference],
		},
		{ seed: SEED, numRuns: RUNS },
	);

	propertiesOf(
		'builtInRules',
		fc.record({ enabled: enabledValue, thresholds: thresholdsValue }),
		{
			call: (input) =>
				builtInRules(input.enabled as string[], input.thresholds as Record<string, unknown>),
			validate: (rules) =>
				rules.forEach((rule, index) =>
					inRange(
						rule.threshold,
						-Number.MAX_VALUE,
						Number.MAX_VALUE,
						`rules.${index}.threshold`,
						rule.operator === 'isTrue',
					),
				),
		},
		{ seed: SEED + 1, numRuns: RUNS },
	);

	propertiesOf(
		'customRules',
		customRowsValue,
		{
			call: (rows) => customRules(rows),
			validate: (rules, rows) => {
				// Property 2: one rule per row, in row order.
				const count = Array.isArray(rows) ? rows.length : 0;
				expect_(rules.length === count, `${rules.length} rules for ${count} rows`);
			},
		},
		{ seed: SEED + 2, numRuns: RUNS },
	);

	propertiesOf(
		'parseCooldownDays',
		fc.oneof(
			fc.integer({ min: -2, max: 400 }),
			anyParameter,
			fc.string({ maxLength: 4 }).map((text) => text.repeat(200)),
		),
		{
			call: (value) => parseCooldownDays(value),
			validate: (days) => inRange(days, 0, 366, 'cooldownDays'),
		},
		{ seed: SEED + 3, numRuns: RUNS },
	);

	propertiesOf(
		'activeSnoozes',
		fc.record({
			value: fc.oneof(
				customerFields.snoozed_signals,
				fc.array(
					fc.record(
						{ type: fc.oneof(fc.constantFrom(...BUILT_IN_SIGNAL_TYPES), anyJson), until: oddDate },
						{ requiredKeys: [] },
					),
					{ maxLength: 4 },
				),
				anyJson,
			),
			zone: validZone,
		}),
		{
			call: (input) => activeSnoozes(input.value, REFERENCE.setZone(input.zone), input.zone),
			validate: (snoozes) => {
				for (const [type, until] of snoozes) isoDate(until, `snoozes.${type}`, true);
			},
		},
		{ seed: SEED + 4, numRuns: RUNS },
	);

	propertiesOf(
		'assessAtRisk',
		fc.tuple(customerItem, fc.oneof(customerRecord, anyJson)),
		{
			call: ([target, record]) =>
				assessAtRisk(target.item, (record ?? {}) as Record<string, unknown>),
			validate: (result) =>
				result.atRiskReasons.forEach((reason, index) =>
					withinFieldRule(
						reason.metric === 'health.score' ? 'health_score' : reason.metric,
						reason.value,
						`atRiskReasons.${index}.value`,
					),
				),
		},
		{ seed: SEED + 5, numRuns: RUNS },
	);

	// Property 1 through the cooldown path, and property 2: one decision per request, in request order, each pair
	// decided in sequence (the second identical request of a day is cooled down, never raised twice).
	it('P1/P2: assess, decide cooldowns, finalize: clean results, one decision per request, paired in order', async () => {
		const rules = builtInRules([...BUILT_IN_SIGNAL_TYPES]);
		await fc.assert(
			fc.asyncProperty(
				// Cooldown (Days) from its valid range: its hostile values are parseCooldownDays' property above.
				fc.array(
					fc.tuple(
						customerItem,
						fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom(1, 7, 366, '', null)),
					),
					{ minLength: 1, maxLength: 6 },
				),
				async (entries) => {
					const store = memoryStore();
					const assessed = entries.map(([target, days]) =>
						attempt(() => {
							const cooldownDays = parseCooldownDays(days);
							return {
								cooldownDays,
								assessment: assessChurn(target.item, {
									rules,
									customerPath: target.path,
									reference: REFERENCE,
									defaultTimeZone: 'UTC',
									cooldownDays,
								}),
							};
						}),
					);
					const requests: CooldownRequest[] = [];
					const owners: number[] = [];
					assessed.forEach((outcome, index) => {
						if (!outcome.ok) return assertDomainError(outcome.error);
						if (outcome.value.cooldownDays === 0) return;
						for (const signal of cooldownCandidates(outcome.value.assessment)) {
							requests.push({
								customerId: outcome.value.assessment.customerId as string,
								type: signal.type,
								day: outcome.value.assessment.day,
								days: outcome.value.cooldownDays,
							});
							owners.push(index);
						}
					});
					// Each request twice: the second of a pair on the same day must be cooled down.
					const doubled = requests.flatMap((request) => [request, request]);
					let decisions;
					try {
						decisions = await decideCooldowns(store, doubled);
					} catch (error) {
						return assertDomainError(error);
					}
					expect_(
						decisions.length === doubled.length,
						`${decisions.length} decisions for ${doubled.length} requests`,
					);
					for (let index = 1; index < doubled.length; index += 2) {
						expect_(
							decisions[index].cooledDown,
							`request ${index} (${doubled[index].type}) repeated the same day was not cooled down`,
						);
					}
					assessed.forEach((outcome, index) => {
						if (!outcome.ok) return;
						const mine = decisions.filter(
							(_decision, at) => at % 2 === 0 && owners[at / 2] === index,
						);
						const result = attempt(() =>
							finalizeChurn(
								outcome.value.assessment,
								outcome.value.cooldownDays === 0 ? undefined : mine,
							),
						);
						if (!result.ok) return assertDomainError(result.error);
						assertCleanOutput(result.value, inputText(entries[index]));
						validateChurn(result.value);
					});
				},
			),
			{ seed: SEED + 6, numRuns: 40 },
		);
	});
});
