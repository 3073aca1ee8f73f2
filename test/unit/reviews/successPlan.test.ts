import { DateTime } from 'luxon';

import {
	evaluateSuccessPlan,
	goalStatus,
	parseSuccessPlan,
	type GoalDirection,
} from '../../../src/reviews';

/** Goal status, docs/sources.md#success-plans: linear progress from the start day (0) to the deadline day (10). */
const up = { baseline: 0, target: 100, direction: 'increase' as GoalDirection };
const down = { baseline: 120, target: 20, direction: 'decrease' as GoalDirection };
const status = (goal: typeof up, current: number, today: number, start = 0, deadline = 10) =>
	goalStatus({ ...goal, current }, start, deadline, today);

describe('goal status on the reference day (seed 002 §10.1 statuses, our linear rule)', () => {
	it('on the line is on track, a hair below it is at risk', () => {
		expect(status(up, 50, 5)).toBe('on_track');
		expect(status(up, 49.99, 5)).toBe('at_risk');
		expect(status(up, 10, 1)).toBe('on_track');
		expect(status(up, 9.99, 1)).toBe('at_risk');
	});

	it('binary fractions exactly on the line count as on it (0.1 → 0.3, halfway at 0.2)', () => {
		expect(
			goalStatus({ baseline: 0.1, target: 0.3, current: 0.2, direction: 'increase' }, 0, 10, 5),
		).toBe('on_track');
	});

	it('the deadline day itself is still open: not achieved by then is at risk, the day after missed', () => {
		expect(status(up, 99.9, 10)).toBe('at_risk');
		expect(status(up, 100, 10)).toBe('achieved');
		expect(status(up, 99.9, 11)).toBe('missed');
		expect(status(up, 100, 11)).toBe('achieved');
		expect(status(up, 150, 30)).toBe('achieved');
	});

	it('before the start any progress that is not backwards is on track', () => {
		expect(status(up, 0, -3)).toBe('on_track');
		expect(status(up, -1, -3)).toBe('at_risk');
		expect(status(up, 0, 0)).toBe('on_track');
	});

	it('a goal that decreases: reached at or below the target, linear from the baseline down', () => {
		expect(status(down, 70, 5)).toBe('on_track');
		expect(status(down, 70.01, 5)).toBe('at_risk');
		expect(status(down, 20, 2)).toBe('achieved');
		expect(status(down, 19, 12)).toBe('achieved');
		expect(status(down, 21, 11)).toBe('missed');
		expect(status(down, 130, 0)).toBe('at_risk');
	});

	it('a one-day goal (start = deadline): on track before the day, at risk on it, missed after it', () => {
		expect(status(up, 0, -1, 0, 0)).toBe('on_track');
		expect(status(up, 50, 0, 0, 0)).toBe('at_risk');
		expect(status(up, 50, 1, 0, 0)).toBe('missed');
		expect(status(up, 100, 0, 0, 0)).toBe('achieved');
	});
});

const plan = (goals: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) =>
	parseSuccessPlan({ start_date: '2026-01-01', goals, ...extra }, 'success_plan');
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).toMillis();
const context = (iso: string, zone = 'UTC') => ({
	field: 'success_plan',
	zone,
	referenceMs: at(iso),
});

describe('success plan in the customer’s calendar', () => {
	const goals = [
		{ name: 'Tickets automated', baseline: 15, target: 60, current: 40, deadline: '2026-06-30' },
	];

	it('New York: 23:00 on the deadline day is still the deadline day; midnight after it is missed', () => {
		const zone = 'America/New_York';
		const onTheDay = evaluateSuccessPlan(plan(goals), context('2026-07-01T03:59:59Z', zone));
		expect(onTheDay.goals[0]).toMatchObject({
			status: 'at_risk',
			daysLeft: 0,
			expectedProgress: 100,
		});
		const after = evaluateSuccessPlan(plan(goals), context('2026-07-01T04:00:00Z', zone));
		expect(after.goals[0]).toMatchObject({ status: 'missed', daysLeft: -1 });
	});

	it('reports progress, expected progress and days left exactly, and counts each status', () => {
		// Start 1 Jan, deadline 30 Jun: 180 days; 1 Apr is day 90 (50 %). 40 of 15 → 60 is 25 / 45 = 55.6 %.
		const result = evaluateSuccessPlan(
			plan([
				...goals,
				{
					name: 'Response time',
					unit: 'min',
					baseline: 120,
					target: 5,
					current: 5,
					deadline: '2026-03-31',
				},
				{ name: 'CSAT', baseline: 3.8, target: 4.5, current: 4, deadline: '2026-03-31' },
			]),
			context('2026-04-01T10:00:00Z'),
		);
		expect(result.goals).toEqual([
			{
				id: null,
				name: 'Tickets automated',
				metric: null,
				unit: null,
				direction: 'increase',
				baseline: 15,
				target: 60,
				current: 40,
				startDate: '2026-01-01',
				deadline: '2026-06-30',
				progress: 55.6,
				expectedProgress: 50,
				daysLeft: 90,
				status: 'on_track',
			},
			expect.objectContaining({
				name: 'Response time',
				direction: 'decrease',
				progress: 100,
				expectedProgress: 100,
				daysLeft: -1,
				status: 'achieved',
			}),
			expect.objectContaining({
				name: 'CSAT',
				progress: 28.6,
				daysLeft: -1,
				status: 'missed',
			}),
		]);
		expect(result.counts).toEqual({ achieved: 1, on_track: 1, at_risk: 0, missed: 1 });
		expect(result.startDate).toBe('2026-01-01');
	});

	it('a goal’s own start_date wins over the plan’s; initiatives are split into completed and planned', () => {
		const result = evaluateSuccessPlan(
			parseSuccessPlan(
				{
					goals: [
						{
							name: 'Adoption',
							baseline: 0,
							target: 10,
							current: 5,
							start_date: '2026-03-01',
							deadline: '2026-03-11',
						},
					],
					initiatives: [
						{ name: 'FAQ chatbot', status: 'completed' },
						{ name: 'ERP integration', status: 'planned' },
						{ name: 'SSO', status: 'in_progress' },
					],
				},
				'success_plan',
			),
			context('2026-03-06T12:00:00Z'),
		);
		expect(result.goals[0]).toMatchObject({ startDate: '2026-03-01', expectedProgress: 50 });
		expect(result.goals[0].status).toBe('on_track');
		expect(result.startDate).toBeNull();
		expect(result.completedInitiatives).toEqual(['FAQ chatbot']);
		expect(result.upcomingInitiatives).toEqual(['ERP integration']);
	});

	it('no plan: no goals, every count 0', () => {
		expect(evaluateSuccessPlan(null, context('2026-04-01T00:00:00Z'))).toEqual({
			startDate: null,
			goals: [],
			counts: { achieved: 0, on_track: 0, at_risk: 0, missed: 0 },
			completedInitiatives: [],
			upcomingInitiatives: [],
		});
	});
});

describe('success plan validation names the field', () => {
	const evaluate = (raw: unknown) =>
		evaluateSuccessPlan(parseSuccessPlan(raw, 'success_plan'), context('2026-04-01T00:00:00Z'));
	const goal = { name: 'G', baseline: 0, target: 10, current: 5, deadline: '2026-06-30' };

	it.each([
		[
			{ start_date: '2026-01-01', goals: [goal, { ...goal, baseline: 'lots' }] },
			'success_plan.goals.1.baseline: must be a number (got "lots")',
		],
		[
			{ start_date: '2026-01-01', goals: [{ ...goal, name: '' }] },
			'success_plan.goals.0.name: must not be empty',
		],
		[
			{ start_date: '2026-01-01', goals: 'G' },
			'success_plan.goals: must be a list of goals (got "G")',
		],
		[
			{ start_date: '2026-01-01', goals: [{ ...goal, deadline: 'next summer' }] },
			'success_plan.goals.0.deadline: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "next summer")',
		],
		[
			{ goals: [goal] },
			"success_plan.start_date: is missing; give the plan's start_date (or a start_date on every goal) so progress can be measured against time",
		],
		[
			{ start_date: '2026-07-01', goals: [goal] },
			"success_plan.goals.0.deadline: must not be before the goal's start 2026-07-01 (got 2026-06-30)",
		],
		[
			{ start_date: '2026-01-01', goals: [{ ...goal, target: 0 }] },
			'success_plan.goals.0.direction: is needed when the target equals the baseline (0): "increase" (keep it at or above) or "decrease" (at or below)',
		],
		[
			{ start_date: '2026-01-01', goals: [{ ...goal, direction: 'decrease' }] },
			'success_plan.goals.0.direction: is "decrease", but the target 10 is above the baseline 0',
		],
		[
			{ start_date: '2026-01-01', initiatives: [{ name: 'X', status: 'done' }] },
			'success_plan.initiatives.0.status: must be one of planned, in_progress, completed, blocked (got "done")',
		],
		[
			'{ "goals": [',
			'success_plan: must be a success plan such as { "start_date": "2026-01-01", "goals": [ … ] } or its JSON text (got "{ \\"goals\\": [")',
		],
	])('%j', (raw, message) => {
		expect(() => evaluate(raw)).toThrow(message);
	});

	it('the error carries the path of the bad value, for "Check the field"', () => {
		try {
			evaluate({ start_date: '2026-01-01', goals: [goal, { ...goal, current: null }] });
			throw new Error('no error');
		} catch (error) {
			expect((error as { field: string }).field).toBe('success_plan.goals.1.current');
		}
	});

	it('accepts the plan as JSON text and numbers as decimal text; a kept target with a direction', () => {
		const result = evaluate(
			JSON.stringify({
				start_date: '2026-01-01',
				goals: [{ ...goal, baseline: '4.5', target: '4.5', current: '4.6', direction: 'increase' }],
			}),
		);
		expect(result.goals[0]).toMatchObject({
			baseline: 4.5,
			target: 4.5,
			current: 4.6,
			progress: 100,
			status: 'achieved',
		});
	});
});
