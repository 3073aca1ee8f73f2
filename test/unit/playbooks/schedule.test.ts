import { DateTime } from 'luxon';

import {
	BUILT_IN_PLAYBOOK_IDS,
	businessHoursPreset,
	parseBusinessHours,
	parsePlaybook,
	PlaybookCatalog,
	schedulePlaybook,
	type BusinessWindow,
	type Playbook,
} from '../../../src/playbooks';

const catalog = new PlaybookCatalog();
const MADRID = 'Europe/Madrid';
const NEW_YORK = 'America/New_York';
const WEEKDAYS_9_17 = businessHoursPreset('weekdays_9_17');

function dueTimes(
	playbook: Playbook | string,
	startIso: string,
	zone: string,
	businessHours?: BusinessWindow[],
) {
	const definition = typeof playbook === 'string' ? catalog.get(playbook) : playbook;
	const start = DateTime.fromISO(startIso, { zone });
	return schedulePlaybook(definition, { start, timeZone: zone, businessHours }).steps.map(
		(step) => step.dueAt,
	);
}

const hoursBetween = (a: string, b: string) =>
	DateTime.fromISO(b).diff(DateTime.fromISO(a), 'hours').hours;

// Madrid leaves summer time on Sunday 2026-10-25 at 03:00 CEST (+02:00) -> 02:00 CET (+01:00).
// "N days" keeps 09:00 on the wall clock; "Nh" is elapsed time, so 24h after Saturday 09:00 CEST is Sunday 08:00 CET.
const SAT = '2026-10-24T09:00:00+02:00';
const SUN = '2026-10-25T09:00:00+01:00';
const MON = '2026-10-26T09:00:00+01:00';
const TUE = '2026-10-27T09:00:00+01:00';
const WED = '2026-10-28T09:00:00+01:00';
const THU = '2026-10-29T09:00:00+01:00';
const SAT31 = '2026-10-31T09:00:00+01:00';

describe('every built-in playbook from Saturday 2026-10-24 09:00 in Madrid (the day before DST ends), any time', () => {
	const expected: Record<string, Array<string | null>> = {
		'save.no_login_7_days': [SAT, null, '2026-10-26T08:00:00+01:00'],
		'save.no_login_14_days': [SAT, SAT, '2026-10-26T08:00:00+01:00'],
		'save.nps_detractor': [
			'2026-10-25T08:00:00+01:00',
			'2026-10-25T08:00:00+01:00',
			'2026-10-27T08:00:00+01:00',
		],
		'save.cancellation_request': Array(4).fill('2026-10-24T11:00:00+02:00'),
		'onboarding.welcome_sequence': [SAT, SAT, SUN, SUN, MON, TUE, THU, SAT31],
		'onboarding.stalled_onboarding': [SAT, SAT, SUN],
		'engagement.low_usage_alert': [SAT, SUN, TUE],
		'engagement.no_login_7_days': [SAT, SAT, MON],
		'renewal.renewal_90_days': [SAT, SAT, SAT],
		'renewal.renewal_60_days': [SAT, TUE, SAT31],
		'renewal.renewal_30_days': [SAT, SAT31],
		'nps.nps_survey': [SAT, TUE, SAT31],
		'nps.nps_detractor': [SAT, SAT, SUN, TUE],
		'nps.nps_promoter': [SAT, SAT, SAT31],
		'expansion.expansion_opportunity': [SAT, SAT, TUE],
		'expansion.approaching_limits': [SAT, SAT, TUE],
		'at_risk.health_score_drop': [SAT, SAT, SUN, TUE],
		'at_risk.cancellation_request': [SAT, SAT, SAT, SAT, SUN],
		'intervention.no_login_7_days': [SAT],
		'intervention.no_key_action_14_days': [SAT],
		'intervention.low_rating': [SAT],
		'intervention.trial_expiring': [SAT],
		'winback.campaign': [SUN, SAT31, '2026-11-07T09:00:00+01:00', '2026-11-14T09:00:00+01:00'],
	};

	it('covers every built-in', () =>
		expect(Object.keys(expected)).toEqual([...BUILT_IN_PLAYBOOK_IDS]));

	it.each(Object.entries(expected))('%s', (id, times) => {
		expect(dueTimes(id, '2026-10-24T09:00', MADRID)).toEqual(times);
	});

	it('a day is 25 hours across the change, 24h stays 24 hours', () => {
		const [, , call] = dueTimes('onboarding.stalled_onboarding', '2026-10-24T09:00', MADRID);
		expect(hoursBetween(SAT, call as string)).toBe(25);
		const [first] = dueTimes('save.nps_detractor', '2026-10-24T09:00', MADRID);
		expect(hoursBetween(SAT, first as string)).toBe(24);
	});
});

// With Weekdays 09:00-17:00 from Friday 2026-10-23 18:00 CEST: the first step moves to Monday 09:00 CET, and every
// later step moves by the same wall-clock shift (63 h), again to the next opening when that lands outside.
const NOV2 = '2026-11-02T09:00:00+01:00';
describe('every built-in playbook from Friday 2026-10-23 18:00 in Madrid with business hours Weekdays 9-17', () => {
	const expected: Record<string, Array<string | null>> = {
		// 48h after Fri 18:00 CEST is Sun 17:00 CET; + 63 h = Wed 08:00 -> Wed 09:00.
		'save.no_login_7_days': [MON, null, WED],
		'save.no_login_14_days': [MON, MON, WED],
		// 24h -> Sat 18:00 CEST -> Mon 09:00 (shift 39 h); 72h -> Mon 17:00 CET + 39 h = Wed 08:00 -> Wed 09:00.
		'save.nps_detractor': [MON, MON, WED],
		'save.cancellation_request': [MON, MON, MON, MON],
		// 5 days -> Wed 18:00 + 63 h = Sat 09:00 -> Mon Nov 2 (shift 111 h); 7 days -> Fri 30 18:00 + 111 h = Wed Nov 4.
		'onboarding.welcome_sequence': [
			MON,
			MON,
			TUE,
			TUE,
			WED,
			THU,
			NOV2,
			'2026-11-04T09:00:00+01:00',
		],
		'onboarding.stalled_onboarding': [MON, MON, TUE],
		'engagement.low_usage_alert': [MON, TUE, THU],
		'engagement.no_login_7_days': [MON, MON, WED],
		'renewal.renewal_90_days': [MON, MON, MON],
		'renewal.renewal_60_days': [MON, THU, NOV2],
		'renewal.renewal_30_days': [MON, NOV2],
		'nps.nps_survey': [MON, THU, NOV2],
		'nps.nps_detractor': [MON, MON, TUE, THU],
		'nps.nps_promoter': [MON, MON, NOV2],
		'expansion.expansion_opportunity': [MON, MON, THU],
		'expansion.approaching_limits': [MON, MON, THU],
		'at_risk.health_score_drop': [MON, MON, TUE, THU],
		'at_risk.cancellation_request': [MON, MON, MON, MON, TUE],
		'intervention.no_login_7_days': [MON],
		'intervention.no_key_action_14_days': [MON],
		'intervention.low_rating': [MON],
		'intervention.trial_expiring': [MON],
		// Day 1 = Sat 18:00 -> Mon 09:00 (39 h); Day 7 = Fri 30 18:00 + 39 h = Sun 09:00 -> Mon Nov 2 (63 h); then + 63 h.
		'winback.campaign': [MON, NOV2, '2026-11-09T09:00:00+01:00', '2026-11-16T09:00:00+01:00'],
	};

	it('covers every built-in', () =>
		expect(Object.keys(expected)).toEqual([...BUILT_IN_PLAYBOOK_IDS]));

	it.each(Object.entries(expected))('%s', (id, times) => {
		expect(dueTimes(id, '2026-10-23T18:00', MADRID, WEEKDAYS_9_17)).toEqual(times);
	});

	it('reports where a moved step was due before business hours', () => {
		const plan = schedulePlaybook(catalog.get('save.no_login_7_days'), {
			start: DateTime.fromISO('2026-10-23T18:00', { zone: MADRID }),
			timeZone: MADRID,
			businessHours: WEEKDAYS_9_17,
		});
		expect(plan.steps.map((step) => step.deferredFrom)).toEqual([
			'2026-10-23T18:00:00+02:00',
			null,
			'2026-10-25T17:00:00+01:00',
		]);
		expect(plan.startAt).toBe('2026-10-23T18:00:00+02:00');
	});
});

describe('New York across both DST changes of 2026', () => {
	it('ends summer time on Sunday 2026-11-01: 1 day keeps 09:00 (25 h later), 24h is 08:00', () => {
		const [, followUpEmail] = dueTimes('engagement.low_usage_alert', '2026-10-31T09:00', NEW_YORK);
		expect(followUpEmail).toBe('2026-11-01T09:00:00-05:00');
		expect(hoursBetween('2026-10-31T09:00:00-04:00', followUpEmail as string)).toBe(25);
		expect(dueTimes('save.nps_detractor', '2026-10-31T09:00', NEW_YORK)).toEqual([
			'2026-11-01T08:00:00-05:00',
			'2026-11-01T08:00:00-05:00',
			'2026-11-03T08:00:00-05:00',
		]);
	});

	it('starts summer time on Sunday 2026-03-08: 1 day keeps 09:00 (23 h later), 24h is 10:00', () => {
		const [, followUpEmail, call] = dueTimes(
			'engagement.low_usage_alert',
			'2026-03-07T09:00',
			NEW_YORK,
		);
		expect(followUpEmail).toBe('2026-03-08T09:00:00-04:00');
		expect(hoursBetween('2026-03-07T09:00:00-05:00', followUpEmail as string)).toBe(23);
		expect(call).toBe('2026-03-10T09:00:00-04:00');
		expect(dueTimes('save.nps_detractor', '2026-03-07T09:00', NEW_YORK)).toEqual([
			'2026-03-08T10:00:00-04:00',
			'2026-03-08T10:00:00-04:00',
			'2026-03-10T10:00:00-04:00',
		]);
	});

	it('moves a Friday-evening start to Monday 09:00 across the November change and keeps later steps at 09:00', () => {
		expect(
			dueTimes('onboarding.stalled_onboarding', '2026-10-30T18:00', NEW_YORK, WEEKDAYS_9_17),
		).toEqual([
			'2026-11-02T09:00:00-05:00',
			'2026-11-02T09:00:00-05:00',
			'2026-11-03T09:00:00-05:00',
		]);
	});

	it('moves a Friday-evening start to Monday 09:00 across the March change and keeps later steps at 09:00', () => {
		expect(
			dueTimes('renewal.renewal_60_days', '2026-03-06T18:00', NEW_YORK, WEEKDAYS_9_17),
		).toEqual([
			'2026-03-09T09:00:00-04:00',
			'2026-03-12T09:00:00-04:00',
			'2026-03-16T09:00:00-04:00',
		]);
	});
});

describe('business hours at and around the edges', () => {
	const first = (startIso: string, windows: BusinessWindow[], zone = MADRID) =>
		dueTimes('intervention.low_rating', startIso, zone, windows)[0];

	it('keeps a step inside a window and moves one at or after its end to the next opening', () => {
		expect(first('2026-11-18T09:00', WEEKDAYS_9_17)).toBe('2026-11-18T09:00:00+01:00');
		expect(first('2026-11-18T16:59:59', WEEKDAYS_9_17)).toBe('2026-11-18T16:59:59+01:00');
		expect(first('2026-11-18T17:00', WEEKDAYS_9_17)).toBe('2026-11-19T09:00:00+01:00');
		expect(first('2026-11-18T08:59', WEEKDAYS_9_17)).toBe('2026-11-18T09:00:00+01:00');
		expect(first('2026-11-20T17:00', WEEKDAYS_9_17)).toBe('2026-11-23T09:00:00+01:00');
		expect(first('2026-11-22T23:59', WEEKDAYS_9_17)).toBe('2026-11-23T09:00:00+01:00');
	});

	it('uses several windows a day and per-day windows', () => {
		const split = parseBusinessHours([
			{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '13:00' },
			{ days: [1, 2, 3, 4], start: '15:00', end: '18:30' },
			{ days: 'saturday', start: '10:00', end: '12:00' },
		]);
		expect(first('2026-11-18T13:30', split)).toBe('2026-11-18T15:00:00+01:00');
		expect(first('2026-11-18T18:30', split)).toBe('2026-11-19T09:00:00+01:00');
		expect(first('2026-11-20T13:00', split)).toBe('2026-11-21T10:00:00+01:00');
		expect(first('2026-11-21T12:00', split)).toBe('2026-11-23T09:00:00+01:00');
	});

	it('opens at the first valid time when a window starts inside the spring-forward gap', () => {
		const night = parseBusinessHours([{ days: ['sunday'], start: '02:30', end: '06:00' }]);
		expect(first('2026-03-08T01:00', night, NEW_YORK)).toBe('2026-03-08T03:30:00-04:00');
	});

	it('leaves event-driven steps without a due time and their anchored successors waiting for the same event', () => {
		const playbook = parsePlaybook({
			id: 'custom.login_follow_up',
			steps: [
				{ action: 'Welcome back banner', channel: 'in_app', timing: 'On next login' },
				{ action: 'Ask how it went', channel: 'email', timing: 'After call' },
				{ action: 'Check-in', channel: 'call', timing: '2 days' },
			],
		});
		const plan = schedulePlaybook(playbook, {
			start: DateTime.fromISO('2026-11-20T18:00', { zone: MADRID }),
			timeZone: MADRID,
			businessHours: WEEKDAYS_9_17,
		});
		expect(plan.steps.map((step) => [step.dueAt, step.condition, step.deferredFrom])).toEqual([
			[null, 'next_login', null],
			[null, 'next_login', null],
			['2026-11-23T09:00:00+01:00', null, '2026-11-22T18:00:00+01:00'],
		]);
	});

	it('counts "after previous" steps from the previous step and keeps the spacing after a move', () => {
		const playbook = parsePlaybook({
			id: 'custom.chain',
			owner: 'support',
			steps: [
				{ action: 'Ticket review', channel: 'task', timing: '2 hours' },
				{ action: 'Reply', channel: 'email', timing: '3 hours after previous step' },
				{
					action: 'Escalate',
					channel: 'task',
					timing: '1 day after previous',
					owner: 'cs_manager',
				},
			],
		});
		const plan = schedulePlaybook(playbook, {
			start: DateTime.fromISO('2026-11-18T15:30', { zone: MADRID }),
			timeZone: MADRID,
			businessHours: WEEKDAYS_9_17,
		});
		// 17:30 -> Thu 09:00 (shift 15h30); reply raw 20:30 -> Thu 12:00; escalate raw Thu 20:30 -> Fri 12:00.
		expect(plan.steps.map((step) => [step.dueAt, step.owner])).toEqual([
			['2026-11-19T09:00:00+01:00', 'support'],
			['2026-11-19T12:00:00+01:00', 'support'],
			['2026-11-20T12:00:00+01:00', 'cs_manager'],
		]);
	});
});

describe('the scheduled playbook', () => {
	it('carries the playbook header and every step field', () => {
		const plan = schedulePlaybook(catalog.get('save.no_login_7_days'), {
			start: DateTime.fromISO('2026-11-18T10:15:30.250', { zone: MADRID }),
			timeZone: MADRID,
		});
		expect(plan).toEqual({
			id: 'save.no_login_7_days',
			name: 'Save playbook: no login in 7+ days',
			source: 'Save playbook: no login 7 days (docs/sources.md#save-playbooks)',
			trigger: 'no_login_7_days',
			owner: 'csm',
			timeline: '48 hours',
			escalationPath: ['csm', 'cs_manager'],
			timezone: MADRID,
			startAt: '2026-11-18T10:15:30.250+01:00',
			stepCount: 3,
			steps: [
				{
					order: 1,
					action: 'Send re-engagement email',
					channel: 'email',
					template: 'reengagement_7_days',
					timing: 'Immediately',
					dueAt: '2026-11-18T10:15:30.250+01:00',
					condition: null,
					owner: 'csm',
					deferredFrom: null,
				},
				{
					order: 2,
					action: 'In-app notification on next login',
					channel: 'in_app',
					template: null,
					timing: 'On next login',
					dueAt: null,
					condition: 'next_login',
					owner: 'csm',
					deferredFrom: null,
				},
				{
					order: 3,
					action: 'Personal check-in call',
					channel: 'call',
					template: null,
					timing: 'If no response in 48h',
					dueAt: '2026-11-20T10:15:30.250+01:00',
					condition: 'no_response',
					owner: 'csm',
					deferredFrom: null,
				},
			],
		});
	});

	it('uses the win-back day-21 call’s own owner', () => {
		const plan = schedulePlaybook(catalog.get('winback.campaign'), {
			start: DateTime.fromISO('2026-11-18T10:00', { zone: MADRID }),
			timeZone: MADRID,
		});
		expect(plan.steps.map((step) => step.owner)).toEqual(['csm', 'csm', 'csm', 'head_of_sales']);
	});
});
