import { DateTime } from 'luxon';

import {
	businessHoursPreset,
	parseBusinessHours,
	parsePlaybooks,
	PlaybookCatalog,
	planCustomerPlaybook,
} from '../../../src/playbooks';

/** Issue 11 for CS Playbook: non-finite results and crash-style messages. */

const now = DateTime.fromISO('2026-11-18T12:00:00Z', { zone: 'UTC' });
const catalog = new PlaybookCatalog();
const plan = (startTime: unknown, playbookId = 'winback.campaign') =>
	planCustomerPlaybook(
		{ timezone: 'Europe/Madrid' },
		{ catalog, playbookId, now, defaultTimeZone: 'UTC', startTime },
	);

function message(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		return (error as Error).message;
	}
	return 'no error';
}

describe('start times (class 1 and 2)', () => {
	it.each([
		[
			'+200000-01-01',
			'Start Time: must be a date from the year 1900 to 9999 (got "+200000-01-01")',
		],
		[
			'2026-11-18T10:00:00+99:00',
			'Start Time: must have a UTC offset from -14:00 to +14:00 (got "2026-11-18T10:00:00+99:00")',
		],
		[
			Number.POSITIVE_INFINITY,
			'Start Time: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got Infinity)',
		],
	])('%p fails naming Start Time (it gave dueAt: null)', (start, expected) => {
		expect(message(() => plan(start))).toBe(expected);
	});

	it('reads epoch seconds as seconds', () => {
		expect(plan(Date.UTC(2026, 10, 18, 9) / 1000).startAt).toBe('2026-11-18T10:00:00+01:00');
	});

	it('the latest start allowed still gives every due time, none null', () => {
		const steps = plan('9999-12-31T12:00:00Z').steps;
		expect(steps.map((step) => step.dueAt)).toEqual([
			'+010000-01-01T13:00:00+01:00',
			'+010000-01-07T13:00:00+01:00',
			'+010000-01-14T13:00:00+01:00',
			'+010000-01-21T13:00:00+01:00',
		]);
	});
});

describe('crash-style messages (class 3)', () => {
	it('playbooks that contain themselves or are nested 10,000 deep are clear errors, not a stack overflow', () => {
		const loop: Record<string, unknown> = { id: 'loop' };
		loop.steps = [loop];
		expect(message(() => parsePlaybooks(loop))).toBe(
			'Custom Playbooks (JSON): contains itself (an object or list inside it refers back to it), which JSON cannot hold',
		);
		expect(message(() => parsePlaybooks(`${'['.repeat(10_000)}${']'.repeat(10_000)}`))).toBe(
			'Custom Playbooks (JSON): is nested more than 64 levels deep (got [[[[…]]]])',
		);
	});

	it('names an unknown business-hours preset and shows a huge playbook id briefly', () => {
		expect(message(() => businessHoursPreset('always' as never))).toBe(
			'Business Hours: must be one of none, custom, weekdays_9_17 (got "always")',
		);
		expect(message(() => parseBusinessHours([null]))).toBe(
			'Business Hours are invalid: 0: Expected object, received null',
		);
		const id = 'x'.repeat(1_000_000);
		expect(
			message(() => catalog.get(id, 'churn.playbook')).startsWith(
				`Unknown playbook "${'x'.repeat(60)}…" (1,000,000 characters) (from churn.playbook). Valid ids: save.no_login_7_days, `,
			),
		).toBe(true);
	});
});
