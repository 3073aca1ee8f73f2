import {
	calculateProgress,
	compileProgram,
	MID_MARKET_COMPILED,
	parseOnboardingProgram,
	SELF_SERVE_COMPILED,
} from '../../../src/onboarding';
import { SELF_SERVE_REQUIRED, track } from './helpers';

/** docs/sources.md#stalled-onboarding (seed 002 §4.2): progress, current step, milestones, status, hand-off. */

const STARTED = { signup_date: '2026-11-22T09:00:00Z' };

describe('progress: Math.round(required steps done / required steps × 100), optional steps left out', () => {
	it.each([
		[0, 0],
		[1, 20],
		[2, 40],
		[3, 60],
		[4, 80],
		[5, 100],
	])('self-serve: %i of 5 required -> %i', (count, progress) => {
		const done = new Set(SELF_SERVE_REQUIRED.slice(0, count));
		expect(calculateProgress(SELF_SERVE_COMPILED, done)).toBe(progress);
	});

	it.each([
		[1, 17],
		[2, 33],
		[3, 50],
		[4, 67],
		[5, 83],
		[6, 100],
	])('mid-market: %i of 6 required -> %i', (count, progress) => {
		const ids = MID_MARKET_COMPILED.requiredStepIds.slice(0, count);
		expect(calculateProgress(MID_MARKET_COMPILED, new Set(ids))).toBe(progress);
	});

	it('optional steps do not count: both optional self-serve steps and nothing else is 0', () => {
		const result = track({
			...STARTED,
			onboarding_completed_steps: ['connect_whatsapp', 'invite_team'],
		});
		expect(result.progress).toBe(0);
		expect(result.completedSteps).toEqual(['connect_whatsapp', 'invite_team']);
		expect(result.remainingRequired).toEqual(SELF_SERVE_REQUIRED);
	});

	it('1 of 8 required is 12.5, rounded up to 13 as Math.round does', () => {
		const compiled = compileProgram(
			parseOnboardingProgram({
				id: 'eight',
				duration: 10,
				steps: Array.from({ length: 8 }, (_, i) => ({ id: `s${i + 1}`, name: `Step ${i + 1}` })),
			}),
		);
		expect(calculateProgress(compiled, new Set(['s1']))).toBe(13);
		expect(calculateProgress(compiled, new Set(['s1', 's2', 's3', 's4', 's5', 's6', 's7']))).toBe(
			88,
		);
	});
});

describe('completed steps: step ids or completion criteria', () => {
	it('reads criteria names as their steps, case-insensitively, each once, and reports the rest', () => {
		const result = track({
			...STARTED,
			onboarding_completed_steps: [
				'Chatbot_Created',
				'widget_installed',
				'first_chatbot',
				'logged_in',
				' ',
				'logged_in',
			],
		});
		expect(result.completedSteps).toEqual(['first_chatbot', 'install']);
		expect(result.unrecognizedSteps).toEqual(['logged_in']);
		expect(result.progress).toBe(40);
	});

	it('accepts JSON list text and comma-separated text (what a Data Table column holds)', () => {
		const json = track({
			...STARTED,
			onboarding_completed_steps: '["welcome", "chatbot_created"]',
		});
		const comma = track({ ...STARTED, onboarding_completed_steps: 'welcome, chatbot_created' });
		expect(json.completedSteps).toEqual(['welcome', 'first_chatbot']);
		expect(comma.completedSteps).toEqual(['welcome', 'first_chatbot']);
	});
});

describe('current step: the first step not done, in the programme’s order', () => {
	it('steps done out of order: the earliest undone step (the seed would move past it)', () => {
		const result = track({
			...STARTED,
			onboarding_completed_steps: ['welcome', 'customize', 'install'],
		});
		expect(result.currentStep).toEqual({
			id: 'first_chatbot',
			name: 'Create Your First Chatbot',
			description: 'Build a basic chatbot using our templates',
			order: 2,
			type: 'action',
			required: true,
			estimatedMinutes: 10,
			resources: [
				{ type: 'guide', title: 'Chatbot Builder Guide', url: '/docs/builder' },
				{ type: 'video', title: 'Creating Your First Bot', url: '/videos/first-bot' },
			],
			completionCriteria: 'chatbot_created',
		});
	});

	it('all required done: the first optional step left; everything done: null', () => {
		const required = track({ ...STARTED, onboarding_completed_steps: SELF_SERVE_REQUIRED });
		expect(required.status).toBe('completed');
		expect(required.currentStep?.id).toBe('connect_whatsapp');
		const all = track({
			...STARTED,
			onboarding_completed_steps: [...SELF_SERVE_REQUIRED, 'invite_team', 'connect_whatsapp'],
		});
		expect(all.currentStep).toBeNull();
	});

	it('nothing done: the first step', () => {
		expect(track(STARTED).currentStep?.id).toBe('welcome');
	});
});

describe('milestones: newly reached with their celebration, criteria mapped to steps', () => {
	it('day 1 from the two steps its criteria name', () => {
		const result = track({
			...STARTED,
			onboarding_completed_steps: ['welcome', 'first_chatbot', 'install'],
		});
		expect(result.newMilestones).toEqual([
			{
				id: 'day1',
				name: 'Day 1: First Bot Live',
				targetDay: 1,
				celebration: '🎉 Tu primer chatbot está activo!',
			},
		]);
		expect(result.milestonesReached).toEqual(['day1']);
	});

	it('all_required_steps_completed: 4 of 5 required plus both optional is not enough', () => {
		const result = track({
			...STARTED,
			onboarding_completed_steps: [
				...SELF_SERVE_REQUIRED.slice(0, 4),
				'connect_whatsapp',
				'invite_team',
			],
		});
		expect(result.milestonesReached).toEqual(['day1']);
		expect(result.status).not.toBe('completed');
	});

	it('all_required_steps_completed: the five required steps, with day 1 and day 3 already celebrated', () => {
		const result = track({
			...STARTED,
			onboarding_completed_steps: SELF_SERVE_REQUIRED,
			onboarding_milestones_reached: ['day1', 'DAY3', 'old_milestone'],
		});
		expect(result.newMilestones).toEqual([
			{
				id: 'day7',
				name: 'Day 7: Fully Onboarded',
				targetDay: 7,
				celebration: '⭐ Onboarding completado! Ya eres un pro.',
			},
		]);
		expect(result.milestonesReached).toEqual(['day1', 'day3', 'day7']);
	});

	it('mid-market milestones have no celebration text: null', () => {
		const result = track({
			...STARTED,
			segment: 'enterprise',
			onboarding_completed_steps: ['kickoff_completed', 'requirements_documented'],
		});
		expect(result.programId).toBe('mid-market-v1');
		expect(result.newMilestones).toEqual([
			{ id: 'week1', name: 'Week 1: Aligned', targetDay: 7, celebration: null },
		]);
	});

	it('a milestone the record already has stays reached, and is neither new nor overdue', () => {
		const result = track(
			{
				signup_date: '2026-11-01T09:00:00Z',
				onboarding_milestones_reached: 'day1',
				onboarding_last_progress_at: '2026-11-23T09:00:00Z',
			},
			{},
		);
		expect(result.milestonesReached).toEqual(['day1']);
		expect(result.newMilestones).toEqual([]);
		expect(result.overdueMilestones.map((m) => m.id)).toEqual(['day3', 'day7']);
	});
});

describe('status: not_started, in_progress, stalled (no progress for 3 days), completed', () => {
	const LAST = '2026-11-20T12:00:00Z';
	const record = {
		signup_date: '2026-11-19T08:00:00Z',
		onboarding_completed_steps: ['welcome'],
		onboarding_last_progress_at: LAST,
	};

	it.each([
		['2 days 23 hours', '2026-11-23T11:00:00Z', 'in_progress', 2],
		['1 ms before 3 days', '2026-11-23T11:59:59.999Z', 'in_progress', 2],
		['exactly 3 days', '2026-11-23T12:00:00Z', 'stalled', 3],
		['4 days', '2026-11-24T12:00:00Z', 'stalled', 4],
	])('%s without progress -> %s', (_, reference, status, days) => {
		const result = track(record, { reference });
		expect(result.status).toBe(status);
		expect(result.daysWithoutProgress).toBe(days);
		expect(result.lastProgressAt).toBe('2026-11-20T12:00:00Z');
	});

	it('the threshold is a parameter: 5 days keeps 4 days in progress', () => {
		const result = track(record, { reference: '2026-11-24T12:00:00Z', stalledAfterDays: 5 });
		expect(result).toMatchObject({ status: 'in_progress', stalledAfterDays: 5 });
	});

	it('without a last progress, stalling counts from the start; a last progress before the start counts from the start', () => {
		const noProgress = { signup_date: '2026-11-20T12:00:00Z' };
		expect(track(noProgress).status).toBe('stalled');
		expect(track(noProgress, { reference: '2026-11-23T11:00:00Z' }).status).toBe('in_progress');
		const early = track({ ...noProgress, onboarding_last_progress_at: '2026-11-01T00:00:00Z' });
		expect(early.lastProgressAt).toBe('2026-11-20T12:00:00Z');
	});

	it('3 days in the customer’s zone across a DST change: 71 hours in New York in March', () => {
		const ny = {
			timezone: 'America/New_York',
			signup_date: '2026-03-05T10:00:00-05:00',
			onboarding_last_progress_at: '2026-03-06T10:00:00-05:00',
		};
		// 2026-03-08 02:00 EST -> 03:00 EDT. Monday 10:00 EDT is 71 hours after Friday 10:00 EST.
		expect(track(ny, { reference: '2026-03-09T09:59:00-04:00' })).toMatchObject({
			status: 'in_progress',
			daysWithoutProgress: 2,
		});
		expect(track(ny, { reference: '2026-03-09T10:00:00-04:00' })).toMatchObject({
			status: 'stalled',
			daysWithoutProgress: 3,
			lastProgressAt: '2026-03-06T10:00:00-05:00',
		});
	});

	it('not_started: a start planned after the reference time and nothing done', () => {
		const result = track({ onboarding_started_at: '2026-11-25T09:00:00Z' });
		expect(result).toMatchObject({
			status: 'not_started',
			daysSinceStart: 0,
			daysWithoutProgress: 0,
			overdueMilestones: [],
			handOff: null,
		});
		expect(result.firstValue.status).toBe('pending');
		// A step done before the planned start: in progress.
		const early = track({
			onboarding_started_at: '2026-11-25T09:00:00Z',
			onboarding_completed_steps: 'welcome',
		});
		expect(early.status).toBe('in_progress');
	});

	it('completed whatever the time: all required steps done 30 days in, no progress since', () => {
		const result = track({
			signup_date: '2026-10-01T09:00:00Z',
			onboarding_completed_steps: SELF_SERVE_REQUIRED,
		});
		expect(result.status).toBe('completed');
		expect(result.overdueMilestones).toEqual([]);
	});
});

describe('overdue milestones: the target day is over in the customer’s calendar and the criteria are not met', () => {
	it('day 0 is the start day; a day-1 milestone is overdue from local midnight after day 1', () => {
		const record = {
			signup_date: '2026-11-21T22:00:00Z',
			onboarding_last_progress_at: '2026-11-23T08:00:00Z',
		};
		// Day 0 = 21 Nov, day 1 = 22 Nov: overdue from 23 Nov 00:00 UTC.
		expect(track(record, { reference: '2026-11-22T23:59:59Z' }).overdueMilestones).toEqual([]);
		expect(track(record, { reference: '2026-11-23T00:00:00Z' }).overdueMilestones).toEqual([
			{
				id: 'day1',
				name: 'Day 1: First Bot Live',
				targetDay: 1,
				dueAt: '2026-11-23T00:00:00Z',
				daysOverdue: 1,
			},
		]);
	});

	it('across the spring DST change in Madrid (29 March 2026 has 23 hours)', () => {
		const record = {
			timezone: 'Europe/Madrid',
			onboarding_started_at: '2026-03-26T18:00:00+01:00',
			onboarding_completed_steps: ['welcome'],
			onboarding_last_progress_at: '2026-03-29T20:00:00+02:00',
		};
		// Day 3 is 29 March; it ends at 30 March 00:00 CEST = 29 March 22:00 UTC (24 h earlier would be 23:00 UTC).
		const before = track(record, { reference: '2026-03-29T21:59:59Z' });
		expect(before.daysSinceStart).toBe(3);
		expect(before.overdueMilestones).toEqual([
			{
				id: 'day1',
				name: 'Day 1: First Bot Live',
				targetDay: 1,
				dueAt: '2026-03-28T00:00:00+01:00',
				daysOverdue: 2,
			},
		]);
		const after = track(record, { reference: '2026-03-29T22:00:00Z' });
		expect(after.daysSinceStart).toBe(4);
		expect(after.overdueMilestones).toEqual([
			{
				id: 'day1',
				name: 'Day 1: First Bot Live',
				targetDay: 1,
				dueAt: '2026-03-28T00:00:00+01:00',
				daysOverdue: 3,
			},
			{
				id: 'day3',
				name: 'Day 3: First Value',
				targetDay: 3,
				dueAt: '2026-03-30T00:00:00+02:00',
				daysOverdue: 1,
			},
		]);
	});

	it('the same instant in UTC: the start day is 26 March there too, but day 3 ends at 30 March 00:00Z', () => {
		const record = {
			timezone: 'UTC',
			onboarding_started_at: '2026-03-26T17:00:00Z',
			onboarding_last_progress_at: '2026-03-29T18:00:00Z',
		};
		expect(
			track(record, { reference: '2026-03-29T22:00:00Z' }).overdueMilestones.map((m) => m.id),
		).toEqual(['day1']);
		expect(
			track(record, { reference: '2026-03-30T00:00:00Z' }).overdueMilestones.map((m) => m.id),
		).toEqual(['day1', 'day3']);
	});
});

describe('first value (seed 000 §1): the first key action within 48 hours of the start', () => {
	const START = {
		signup_date: '2026-11-20T09:00:00Z',
		onboarding_last_progress_at: '2026-11-22T09:00:00Z',
	};
	const firstValue = (
		record: Record<string, unknown>,
		reference = '2026-11-22T12:00:00Z',
		hours?: number,
	) => track({ ...START, ...record }, { reference, firstValueHours: hours }).firstValue;

	it('at exactly 48 hours: met', () => {
		expect(firstValue({ first_key_action_at: '2026-11-22T09:00:00Z' })).toEqual({
			status: 'met',
			windowHours: 48,
			dueAt: '2026-11-22T09:00:00Z',
			achievedAt: '2026-11-22T09:00:00Z',
			hours: 48,
		});
	});

	it('after 48 hours: missed, with the hours it took', () => {
		expect(firstValue({ first_key_action_at: '2026-11-22T09:30:00Z' })).toMatchObject({
			status: 'missed',
			hours: 48.5,
		});
	});

	it('no key action yet: pending up to the due time inclusive, missed a millisecond later', () => {
		expect(firstValue({}, '2026-11-22T09:00:00Z')).toEqual({
			status: 'pending',
			windowHours: 48,
			dueAt: '2026-11-22T09:00:00Z',
			achievedAt: null,
			hours: null,
		});
		expect(firstValue({}, '2026-11-22T09:00:00.001Z').status).toBe('missed');
	});

	it('a key action before the start counts as met at 0 hours; the window is a parameter', () => {
		expect(firstValue({ first_key_action_at: '2026-11-19T09:00:00Z' })).toMatchObject({
			status: 'met',
			hours: 0,
		});
		expect(
			firstValue({ first_key_action_at: '2026-11-21T10:00:00Z' }, undefined, 24),
		).toMatchObject({
			status: 'missed',
			windowHours: 24,
			dueAt: '2026-11-21T09:00:00Z',
			hours: 25,
		});
	});
});

describe('hand-off when onboarding completes (seed 002 §4.2 onboardingCompleted)', () => {
	it('adopting, the onboarding_completed workflow and a check-in 30 days after the reference time', () => {
		const result = track({ ...STARTED, onboarding_completed_steps: SELF_SERVE_REQUIRED });
		expect(result).toMatchObject({ status: 'completed', previousStatus: null, changed: true });
		expect(result.handOff).toEqual({
			nextStage: 'adopting',
			workflows: ['onboarding_completed'],
			checkInDays: 30,
			checkInAt: '2026-12-23T12:00:00Z',
		});
	});

	it('none when the record already says completed (the hand-off happened on an earlier run)', () => {
		const result = track({
			...STARTED,
			onboarding_completed_steps: SELF_SERVE_REQUIRED,
			onboarding_status: 'Completed',
		});
		expect(result).toMatchObject({ previousStatus: 'completed', changed: false, handOff: null });
	});

	it('30 days in the customer’s calendar: same local time after the spring DST change', () => {
		const result = track(
			{
				timezone: 'Europe/Madrid',
				signup_date: '2026-03-05T10:00:00+01:00',
				onboarding_completed_steps: SELF_SERVE_REQUIRED,
			},
			{ reference: '2026-03-10T12:00:00+01:00' },
		);
		expect(result.handOff?.checkInAt).toBe('2026-04-09T12:00:00+02:00');
	});

	it('a stalled onboarding that was in progress has changed; one that was stalled has not', () => {
		const stalled = { signup_date: '2026-11-10T09:00:00Z' };
		expect(track({ ...stalled, onboarding_status: 'in_progress' })).toMatchObject({
			status: 'stalled',
			changed: true,
			handOff: null,
		});
		expect(track({ ...stalled, onboarding_status: 'stalled' }).changed).toBe(false);
	});
});
