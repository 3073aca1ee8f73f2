/** Issue 11 properties for src/playbooks: custom playbooks, timings, business hours, due times per customer. */
import fc from 'fast-check';

import {
	BUILT_IN_PLAYBOOK_IDS,
	businessHoursPreset,
	isWithinBusinessHoursAt,
	parseBusinessHours,
	parsePlaybooks,
	parseTiming,
	planCustomerPlaybook,
	PlaybookCatalog,
	readPlaybookId,
	type BusinessWindow,
	type ScheduledPlaybook,
} from '../../../src/playbooks';
import {
	anyJson,
	anyParameter,
	customerItem,
	hostileKey,
	oddDate,
	pathParameterValue,
	toJsonText,
	validZone,
	zoneName,
} from './arbitraries';
import { expect_, inRange, isoDate, propertiesOf, REFERENCE } from './harness';

const SEED = 0x11_0006;
const RUNS = 120;

// ---------------------------------------------------------------------------------------------------------------
// Generators

/** Timings of the grammar (README "Timing"), at their extremes, and text outside it. */
const timing: fc.Arbitrary<unknown> = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.constantFrom(
			'Immediately',
			'Same day',
			0,
			'Within 2 hours',
			'Within 48h',
			'If no response in 48h',
			'After call',
			'During call',
			'If save offer rejected',
			'On next login',
			'When paid',
			'3 days',
			'9999 weeks',
			'9999 weeks later',
			'9999 w after previous step',
			'Day 9999',
			'If still idle in 9999 weeks',
			'1 minute later',
			'Day 7 (post-churn)',
		),
	},
	{
		weight: 1,
		arbitrary: fc.constantFrom(
			'10000 weeks',
			'Day -1',
			'1 fortnight',
			1,
			-0,
			'',
			'On',
			'If',
			'x'.repeat(2000),
		),
	},
	{ weight: 1, arbitrary: anyJson },
);

const stepJson = fc.record(
	{
		action: fc.oneof(fc.constantFrom('Call', 'Send email'), anyJson),
		channel: fc.oneof(fc.constantFrom('email', 'call', 'in_app', 'custom_channel'), anyJson),
		timing,
		template: fc.oneof(fc.constantFrom('welcome_email', null), anyJson),
		condition: fc.oneof(fc.constantFrom('no_response', null), anyJson),
		owner: fc.oneof(fc.constantFrom('csm', 'head_of_sales'), anyJson),
		order: fc.oneof(fc.integer({ min: 1, max: 5 }), anyJson),
	},
	{ requiredKeys: ['action', 'channel', 'timing'] },
);

const playbookJson = fc.record(
	{
		id: fc.oneof(
			fc.constantFrom(
				'custom.trial_rescue',
				'save.no_login_7_days',
				'x',
				'__proto__',
				'constructor',
			),
			anyJson,
		),
		name: fc.oneof(fc.constant('Trial rescue'), anyJson),
		owner: fc.oneof(fc.constant('csm'), anyJson),
		timeline: fc.oneof(fc.constantFrom('3 days', null), anyJson),
		escalationPath: fc.oneof(fc.constant(['csm', 'cs_manager']), anyJson),
		steps: fc.oneof(
			{ weight: 5, arbitrary: fc.array(stepJson, { minLength: 1, maxLength: 4 }) },
			{ weight: 1, arbitrary: anyJson },
		),
	},
	{ requiredKeys: ['id', 'steps'] },
);

/** A valid custom playbook whose steps wait 9999 weeks after one another: due times run past the year 9999. */
const longChain = fc.integer({ min: 1, max: 200 }).map((count) => chain(count)[0]);

function chain(count: number) {
	return [
		{
			id: 'custom.long_wait',
			steps: Array.from({ length: count }, (_, index) => ({
				action: `Step ${index + 1}`,
				channel: 'email',
				timing: index === 0 ? 'Immediately' : '9999 weeks later',
			})),
		},
	];
}

const customPlaybooksValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 3, arbitrary: fc.constant('') },
	{ weight: 3, arbitrary: fc.array(playbookJson, { maxLength: 2 }) },
	{ weight: 1, arbitrary: playbookJson.map((playbook) => toJsonText(playbook)) },
	{ weight: 1, arbitrary: longChain.map((playbook) => [playbook]) },
	{ weight: 1, arbitrary: anyParameter },
);

const windowRow = fc.record(
	{
		days: fc.oneof(
			fc.array(
				fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom('mon', 'Monday', 'sun', 'x', '7')),
				{ maxLength: 3 },
			),
			fc.integer({ min: 1, max: 7 }),
			anyJson,
		),
		start: fc.oneof(
			fc.constantFrom('09:00', '00:00', '22:00', '02:30', '24:00', '9:00', '23:59'),
			anyJson,
		),
		end: fc.oneof(fc.constantFrom('17:00', '24:00', '02:00', '09:00', '23:59'), anyJson),
	},
	{ requiredKeys: [] },
);
const businessHoursValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 3, arbitrary: fc.constant(null) },
	{ weight: 2, arbitrary: fc.constant('weekdays_9_17') },
	{ weight: 3, arbitrary: fc.array(windowRow, { minLength: 1, maxLength: 3 }) },
	{ weight: 1, arbitrary: anyParameter },
);

const planInput = fc.record({
	target: customerItem,
	custom: customPlaybooksValue,
	playbookId: fc.oneof(
		{
			weight: 4,
			arbitrary: fc.constantFrom(
				...BUILT_IN_PLAYBOOK_IDS,
				'custom.trial_rescue',
				'custom.long_wait',
				' save.no_login_7_days ',
			),
		},
		{ weight: 1, arbitrary: fc.oneof(hostileKey, anyParameter) },
	),
	businessHours: businessHoursValue,
	startTime: fc.oneof(
		{ weight: 3, arbitrary: fc.constant('') },
		{ weight: 2, arbitrary: oddDate },
		{ weight: 1, arbitrary: anyParameter },
	),
	customerPath: fc.oneof(
		{ weight: 4, arbitrary: fc.constant(undefined) },
		{ weight: 1, arbitrary: pathParameterValue },
	),
	zone: fc.oneof({ weight: 4, arbitrary: validZone }, { weight: 1, arbitrary: zoneName }),
});
type PlanInput = typeof planInput extends fc.Arbitrary<infer T> ? T : never;

function windowsOf(value: unknown): BusinessWindow[] | null {
	if (value === null || value === undefined || value === '' || value === 'none') return null;
	if (typeof value === 'string') return businessHoursPreset(value as 'weekdays_9_17');
	return parseBusinessHours(value, 'Business Hours Windows');
}

// ---------------------------------------------------------------------------------------------------------------
// Documented shape (README "CS Playbook": dueAt ISO 8601 with the customer's offset, null only for event-driven steps).

function validatePlan(
	plan: ScheduledPlaybook,
	input: PlanInput,
	catalog: PlaybookCatalog,
	windows: BusinessWindow[] | null,
): void {
	isoDate(plan.startAt, 'playbook.startAt');
	const definition = catalog.get(plan.id);
	// Property 2: one scheduled step per step of the playbook, in its order.
	expect_(
		plan.stepCount === plan.steps.length && plan.steps.length === definition.steps.length,
		`stepCount ${plan.stepCount}, ${plan.steps.length} steps, the playbook has ${definition.steps.length}`,
	);
	plan.steps.forEach((step, index) => {
		const at = `playbook.steps.${index}`;
		expect_(
			step.order === definition.steps[index].order &&
				step.action === definition.steps[index].action,
			`${at} is not the playbook's step ${index}`,
		);
		inRange(step.order, 1, Number.MAX_SAFE_INTEGER, `${at}.order`);
		const rule = definition.steps[index].rule;
		const eventDriven =
			rule.kind === 'event' ||
			(rule.from === 'previous' && index > 0 && plan.steps[index - 1].dueAt === null);
		// null stands for "event-driven", never for a due time that could not be written.
		isoDate(step.dueAt, `${at}.dueAt`, eventDriven);
		expect_(
			(step.dueAt === null) === eventDriven,
			`${at}.dueAt is ${step.dueAt} for a ${eventDriven ? 'event-driven' : 'timed'} step`,
		);
		isoDate(step.deferredFrom, `${at}.deferredFrom`, true);
		if (!windows) expect_(step.deferredFrom === null, `${at} was deferred without business hours`);
		if (windows && step.dueAt !== null) {
			const ms = Date.parse(step.dueAt);
			if (Number.isFinite(ms))
				expect_(
					isWithinBusinessHoursAt(ms, plan.timezone, windows),
					`${at}.dueAt ${step.dueAt} is outside business hours`,
				);
		}
	});
	void input;
}

// ---------------------------------------------------------------------------------------------------------------

describe('playbooks properties (issue 11)', () => {
	propertiesOf<PlanInput, ScheduledPlaybook | null>(
		'planCustomerPlaybook (custom playbooks, business hours, start time)',
		planInput,
		{
			call: (input) => {
				const catalog = new PlaybookCatalog(parsePlaybooks(input.custom));
				const id = readPlaybookId(input.playbookId, 'Playbook ID');
				if (id === null) return null;
				return planCustomerPlaybook(input.target.item, {
					catalog,
					playbookId: id,
					playbookField: 'Playbook ID',
					customerPath: (input.customerPath ?? input.target.path) as string,
					startTime: input.startTime,
					now: REFERENCE,
					defaultTimeZone: input.zone,
					businessHours: windowsOf(input.businessHours),
				});
			},
			validate: (plan, input) => {
				if (plan)
					validatePlan(
						plan,
						input,
						new PlaybookCatalog(parsePlaybooks(input.custom)),
						windowsOf(input.businessHours),
					);
			},
			measure: (input) => [
				input.target.item,
				input.custom,
				input.playbookId,
				input.businessHours,
				input.startTime,
				input.customerPath,
			],
		},
		{ seed: SEED, numRuns: RUNS },
	);

	// Custom playbooks whose steps wait 9999 weeks after each other, from a start anywhere in the readable years: the due
	// times run far past the year 9999 (a schema with no limit on steps lets an expression give thousands).
	propertiesOf(
		'planCustomerPlaybook (long waiting chains, late starts)',
		fc.record({
			// Step counts around the one (1,430 × 9999 weeks from 2026) where due times leave luxon's range (year 275760).
			count: fc.constantFrom(1, 52, 1429, 1430),
			startTime: fc.constantFrom(
				'',
				'9999-12-31T23:59:59Z',
				'1900-01-01T00:00:00Z',
				'2026-11-23T09:00:00Z',
			),
			zone: validZone,
			businessHours: fc.constantFrom(null, 'weekdays_9_17'),
		}),
		{
			call: (input) => {
				const catalog = new PlaybookCatalog(parsePlaybooks(chain(input.count)));
				return planCustomerPlaybook(
					{ customer_id: 'c1' },
					{
						catalog,
						playbookId: 'custom.long_wait',
						startTime: input.startTime,
						now: REFERENCE,
						defaultTimeZone: input.zone,
						businessHours: windowsOf(input.businessHours),
					},
				);
			},
			validate: (plan) => {
				isoDate(plan.startAt, 'playbook.startAt');
				plan.steps.forEach((step, index) => isoDate(step.dueAt, `playbook.steps.${index}.dueAt`));
			},
			// The custom playbooks JSON is the parameter that holds the steps.
			measure: (input) => [chain(input.count), input.startTime, input.zone, input.businessHours],
		},
		{
			seed: SEED + 5,
			numRuns: 4,
			examples: [
				{ count: 1429, startTime: '', zone: 'Europe/Madrid', businessHours: null },
				{ count: 1430, startTime: '', zone: 'Europe/Madrid', businessHours: null },
			],
		},
	);

	propertiesOf(
		'parsePlaybooks (P2: one playbook per definition)',
		customPlaybooksValue,
		{
			call: (input) => parsePlaybooks(input),
			validate: (playbooks, input) => {
				const given =
					typeof input === 'string' ? (input.trim() === '' ? [] : JSON.parse(input)) : input;
				const count =
					given === null || given === undefined ? 0 : Array.isArray(given) ? given.length : 1;
				expect_(
					playbooks.length === count,
					`${playbooks.length} playbooks for ${count} definitions`,
				);
			},
		},
		{ seed: SEED + 1, numRuns: RUNS },
	);

	propertiesOf(
		'parseTiming',
		timing,
		{ call: (value) => parseTiming(value as string) },
		{ seed: SEED + 2, numRuns: RUNS },
	);

	propertiesOf(
		'parseBusinessHours / businessHoursPreset',
		fc.oneof(businessHoursValue, hostileKey, fc.constantFrom('weekdays_9_17', 'none', 'custom')),
		{
			call: (value) => windowsOf(value),
			validate: (windows) => {
				for (const window of windows ?? []) {
					inRange(window.weekday, 1, 7, 'window.weekday');
					inRange(window.start, 0, 24 * 60 - 1, 'window.start');
					inRange(window.end, window.start + 1, 24 * 60, 'window.end');
				}
			},
		},
		{ seed: SEED + 3, numRuns: RUNS },
	);

	propertiesOf(
		'readPlaybookId',
		anyParameter,
		{ call: (value) => readPlaybookId(value, 'churn.playbook') },
		{ seed: SEED + 4, numRuns: RUNS },
	);
});
