import { DateTime } from 'luxon';

import {
	InvalidBusinessHoursError,
	InvalidPlaybookError,
	parseBusinessHours,
	parsePlaybooks,
	planCustomerPlaybook,
	PlaybookCatalog,
	readPlaybookId,
} from '../../../src/playbooks';

const VALID = {
	id: 'custom.trial_rescue',
	name: 'Trial rescue',
	owner: 'csm',
	timeline: '3 days',
	escalationPath: ['csm', 'cs_manager'],
	steps: [
		{
			action: 'Send trial tips email',
			channel: 'email',
			template: 'trial_tips',
			timing: 'Immediately',
		},
		{ action: 'Check-in call', channel: 'call', timing: 'If no response in 48h' },
	],
};

describe('custom playbooks (JSON)', () => {
	it('accepts one object, an array, a JSON string, and nothing', () => {
		expect(parsePlaybooks(VALID).map((p) => p.id)).toEqual(['custom.trial_rescue']);
		expect(parsePlaybooks([VALID, { ...VALID, id: 'custom.two' }]).map((p) => p.id)).toEqual([
			'custom.trial_rescue',
			'custom.two',
		]);
		expect(parsePlaybooks(JSON.stringify([VALID]))[0]).toMatchObject({
			name: 'Trial rescue',
			source: 'custom',
			trigger: null,
			owner: 'csm',
			timeline: '3 days',
		});
		expect(parsePlaybooks('')).toEqual([]);
		expect(parsePlaybooks('  ')).toEqual([]);
		expect(parsePlaybooks([])).toEqual([]);
		expect(parsePlaybooks(undefined)).toEqual([]);
	});

	it('fills defaults: name = id, owner csm, no timeline, empty escalation path, order from the list', () => {
		const [playbook] = parsePlaybooks({
			id: 'x',
			steps: [{ action: 'a', channel: 'email', timing: 0 }],
		});
		expect(playbook).toMatchObject({
			id: 'x',
			name: 'x',
			owner: 'csm',
			timeline: null,
			escalationPath: [],
		});
		expect(playbook.steps[0]).toMatchObject({
			order: 1,
			template: null,
			condition: null,
			owner: null,
		});
	});

	it('sorts steps by their order', () => {
		const [playbook] = parsePlaybooks({
			id: 'x',
			steps: [
				{ order: 2, action: 'second', channel: 'email', timing: '1 day' },
				{ order: 1, action: 'first', channel: 'email', timing: 0 },
			],
		});
		expect(playbook.steps.map((step) => step.action)).toEqual(['first', 'second']);
	});

	it('names the bad path in every error', () => {
		const fail = (input: unknown) => {
			try {
				parsePlaybooks(input);
			} catch (error) {
				expect(error).toBeInstanceOf(InvalidPlaybookError);
				return (error as Error).message;
			}
			throw new Error('expected an error');
		};
		expect(
			fail([
				{ ...VALID, steps: [{ ...VALID.steps[0] }, { ...VALID.steps[1], timing: 'tomorrow-ish' }] },
			]),
		).toBe(
			'Custom Playbooks (JSON) is invalid: 0.steps.1.timing: "tomorrow-ish" is not a timing this node understands; use e.g. "Immediately", "2 hours", "Within 48h", "3 days", "Day 7", "If no response in 48h", "After call", "If save offer rejected" or "On next login"',
		);
		expect(fail({ ...VALID, steps: [{ ...VALID.steps[0], channel: 'E-mail' }] })).toBe(
			'Custom Playbooks (JSON) is invalid: steps.0.channel: must be a lowercase channel name such as "email", "call", "in_app", "meeting", "task", "notification", "system" (got "E-mail")',
		);
		expect(fail([VALID, { ...VALID, id: 'bad id' }])).toBe(
			'Custom Playbooks (JSON) is invalid: 1.id: must be a playbook id of letters, digits, ".", "_", ":" or "-", such as "custom.trial_rescue" (got "bad id")',
		);
		expect(fail([VALID, VALID])).toBe(
			'Custom Playbooks (JSON) is invalid: 1.id: playbook id "custom.trial_rescue" is already used by playbook 0',
		);
		expect(fail({ ...VALID, steps: [] })).toBe(
			'Custom Playbooks (JSON) is invalid: steps: Array must contain at least 1 element(s) (got [])',
		);
		expect(fail({ ...VALID, stpes: [] })).toBe(
			"Custom Playbooks (JSON) is invalid: (root): Unrecognized key(s) in object: 'stpes'",
		);
		expect(fail({ ...VALID, steps: [{ ...VALID.steps[0], timing: { days: 1 } }] })).toBe(
			'Custom Playbooks (JSON) is invalid: steps.0.timing: must be a timing text such as "Within 48h" or "3 days", or the number 0 (got {"days":1})',
		);
		expect(
			fail({
				id: 'x',
				steps: [
					{ order: 1, action: 'a', channel: 'email', timing: 0 },
					{ order: 1, action: 'b', channel: 'email', timing: 0 },
					{ action: 'c', channel: 'email', timing: 0 },
				],
			}),
		).toBe(
			'Custom Playbooks (JSON) is invalid: steps: give "order" on every step or on none (then the list order counts); steps.1.order: order 1 is already used by steps.0',
		);
		expect(fail('[{"id": ')).toMatch(/^Custom Playbooks \(JSON\) is not valid JSON: /);
	});

	it('adds custom playbooks to the catalogue, and a built-in id replaces the built-in', () => {
		const catalog = new PlaybookCatalog(
			parsePlaybooks([
				VALID,
				{
					id: 'save.no_login_7_days',
					owner: 'support',
					steps: [{ action: 'Ping', channel: 'email', timing: 0 }],
				},
			]),
		);
		expect(catalog.get('custom.trial_rescue').name).toBe('Trial rescue');
		expect(catalog.get('save.no_login_7_days')).toMatchObject({
			owner: 'support',
			source: 'custom',
		});
		expect(catalog.ids).toHaveLength(24);
	});
});

describe('playbook ids', () => {
	it('reads null, undefined and blank as "no playbook", trims the rest, and rejects non-strings', () => {
		expect(readPlaybookId(null, 'churn.playbook')).toBeNull();
		expect(readPlaybookId(undefined, 'churn.playbook')).toBeNull();
		expect(readPlaybookId('  ', 'churn.playbook')).toBeNull();
		expect(readPlaybookId(' save.nps_detractor ', 'churn.playbook')).toBe('save.nps_detractor');
		expect(() => readPlaybookId(5, 'churn.playbook')).toThrow(
			'churn.playbook: must be a playbook id such as "save.no_login_7_days" (got number 5)',
		);
		expect(() => readPlaybookId({ id: 'x' }, 'churn.playbook')).toThrow('(got an object)');
	});

	it('names an unknown id, where it came from and every valid id', () => {
		expect(() => new PlaybookCatalog().get('save.no_login_30_days', 'churn.playbook')).toThrow(
			'Unknown playbook "save.no_login_30_days" (from churn.playbook). Did you mean "save.no_login_7_days"? Valid ids: save.no_login_7_days, save.no_login_14_days, save.nps_detractor, save.cancellation_request, onboarding.welcome_sequence, onboarding.stalled_onboarding, engagement.low_usage_alert, engagement.no_login_7_days, renewal.renewal_90_days and 14 more',
		);
	});
});

describe('business hours windows', () => {
	const fail = (input: unknown) => {
		try {
			parseBusinessHours(input, 'Business Hours Windows');
		} catch (error) {
			expect(error).toBeInstanceOf(InvalidBusinessHoursError);
			return (error as Error).message;
		}
		throw new Error('expected an error');
	};

	it('expands days to one window per weekday, sorted', () => {
		expect(
			parseBusinessHours([{ days: ['friday', 'mon', '3', 3], start: '08:30', end: '24:00' }]),
		).toEqual([
			{ weekday: 1, start: 510, end: 1440 },
			{ weekday: 3, start: 510, end: 1440 },
			{ weekday: 5, start: 510, end: 1440 },
		]);
	});

	it('names the bad row and field', () => {
		expect(
			fail([
				{ days: ['monday'], start: '09:00', end: '17:00' },
				{ days: ['monday'], start: '17:00', end: '09:00' },
			]),
		).toBe(
			'Business Hours Windows are invalid: 1.end: must be after the start (17:00); a window cannot cross midnight (got "09:00")',
		);
		expect(fail([{ days: ['someday'], start: '09:00', end: '17:00' }])).toBe(
			'Business Hours Windows are invalid: 0.days.0: must be a weekday: 1 (Monday) to 7 (Sunday), or a name such as "monday" or "mon" (got "someday")',
		);
		expect(fail([{ days: [], start: '9', end: '25:00' }])).toBe(
			'Business Hours Windows are invalid: 0.days: choose at least one day (got []); 0.start: must be a time of day as "HH:mm" such as "09:00" (24-hour clock; "24:00" for the end of the day) (got "9"); 0.end: must be a time of day as "HH:mm" such as "09:00" (24-hour clock; "24:00" for the end of the day) (got "25:00")',
		);
		expect(fail([])).toBe(
			'Business Hours Windows are invalid: (root): add at least one window (got [])',
		);
	});
});

describe('planning a customer’s playbook', () => {
	const catalog = new PlaybookCatalog();
	const now = DateTime.fromISO('2026-11-18T12:00:00Z', { zone: 'UTC' });
	const plan = (
		item: Record<string, unknown>,
		extra: Partial<Parameters<typeof planCustomerPlaybook>[1]> = {},
	) =>
		planCustomerPlaybook(item, {
			catalog,
			playbookId: 'save.nps_detractor',
			now,
			defaultTimeZone: 'UTC',
			...extra,
		});

	it('uses the record’s time zone, else the default, and now when no start is given', () => {
		expect(plan({ timezone: 'America/Mexico_City' })).toMatchObject({
			timezone: 'America/Mexico_City',
			startAt: '2026-11-18T06:00:00-06:00',
			steps: [{ dueAt: '2026-11-19T06:00:00-06:00' }, {}, { dueAt: '2026-11-21T06:00:00-06:00' }],
		});
		expect(plan({}, { defaultTimeZone: 'Asia/Tokyo' })).toMatchObject({
			timezone: 'Asia/Tokyo',
			startAt: '2026-11-18T21:00:00+09:00',
		});
	});

	it('reads a start time without an offset in the customer’s zone, and one with an offset as that instant', () => {
		expect(plan({ timezone: 'Europe/Madrid' }, { startTime: '2026-11-20T10:00' }).startAt).toBe(
			'2026-11-20T10:00:00+01:00',
		);
		expect(plan({ timezone: 'Europe/Madrid' }, { startTime: '2026-11-20T10:00:00Z' }).startAt).toBe(
			'2026-11-20T11:00:00+01:00',
		);
		expect(
			plan({ timezone: 'Europe/Madrid' }, { startTime: Date.UTC(2026, 10, 20, 10) }).startAt,
		).toBe('2026-11-20T11:00:00+01:00');
	});

	it('finds the record at a path, and fails on a bad start, zone or record', () => {
		expect(
			plan({ customer: { timezone: 'Europe/Madrid' } }, { customerPath: 'customer' }).timezone,
		).toBe('Europe/Madrid');
		expect(() => plan({}, { startTime: 'next week' })).toThrow(
			'Start Time: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "next week")',
		);
		expect(() => plan({ timezone: 'Mars/Olympus' })).toThrow(
			'Invalid customer record: timezone: must be a valid IANA time zone such as "Europe/Madrid"',
		);
		expect(() => plan({ customer: 'x' }, { customerPath: 'customer' })).toThrow(
			'Field "customer" must hold the customer record as an object (got string "x")',
		);
		expect(() => plan({}, { playbookId: 'nope', playbookField: 'Playbook ID' })).toThrow(
			'Unknown playbook "nope" (from Playbook ID)',
		);
	});
});
