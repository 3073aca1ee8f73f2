import {
	InvalidOnboardingProgramError,
	parseOnboardingProgram,
	parseStalledAfterDays,
	parseFirstValueHours,
} from '../../../src/onboarding';
import { track } from './helpers';

const STARTED = { signup_date: '2026-11-22T09:00:00Z' };

describe('custom programmes: the seed’s shape, validated with every bad path named', () => {
	const valid = {
		id: 'trial-quick-start',
		name: 'Trial Quick Start',
		duration: 14,
		steps: [
			{ id: 'profile', name: 'Complete your profile', completionCriteria: 'profile_completed' },
			{
				id: 'first_booking',
				name: 'Make your first booking',
				completionCriteria: 'booking_created',
			},
			{ id: 'invite_team', name: 'Invite your team', required: false },
		],
		milestones: [
			{
				id: 'first_value',
				name: 'First value',
				targetDay: 2,
				criteria: ['booking_created'],
				celebration: 'Your first booking is in!',
			},
			{
				id: 'done',
				name: 'Fully onboarded',
				targetDay: 14,
				criteria: ['all_required_steps_completed'],
			},
		],
	};

	it('fills the defaults: order by list position, type action, required, 0 minutes, no resources, criterion = id', () => {
		const program = parseOnboardingProgram(JSON.stringify(valid));
		expect(program.steps[2]).toEqual({
			id: 'invite_team',
			name: 'Invite your team',
			description: '',
			order: 3,
			type: 'action',
			required: false,
			estimatedMinutes: 0,
			resources: [],
			completionCriteria: 'invite_team',
		});
		expect(program).toMatchObject({ id: 'trial-quick-start', targetSegment: null, duration: 14 });
		expect(program.milestones[1].celebration).toBeNull();
	});

	it('sorts the steps by order', () => {
		const program = parseOnboardingProgram({
			...valid,
			steps: valid.steps.map((step, index) => ({ ...step, order: 3 - index })),
		});
		expect(program.steps.map((step) => step.id)).toEqual([
			'invite_team',
			'first_booking',
			'profile',
		]);
	});

	it('tracks a customer through it', () => {
		const program = parseOnboardingProgram(valid);
		const result = track(
			{ ...STARTED, onboarding_completed_steps: ['booking_created'] },
			{ program },
		);
		expect(result).toMatchObject({
			programId: 'trial-quick-start',
			programName: 'Trial Quick Start',
			progress: 50,
			completedSteps: ['first_booking'],
			newMilestones: [
				{
					id: 'first_value',
					name: 'First value',
					targetDay: 2,
					celebration: 'Your first booking is in!',
				},
			],
		});
		expect(result.currentStep?.id).toBe('profile');
	});

	it.each([
		[
			'a milestone criterion that names no step',
			{
				...valid,
				milestones: [{ id: 'm', name: 'M', targetDay: 1, criteria: ['profile', 'booked'] }],
			},
			'Custom Program (JSON) is invalid: milestones.0.criteria.1: "booked" is neither a step id, a step\'s completionCriteria nor "all_required_steps_completed"',
		],
		[
			'two steps named alike',
			{ ...valid, steps: [...valid.steps, { id: 'x', name: 'X', completionCriteria: 'Profile' }] },
			'Custom Program (JSON) is invalid: steps.3.completionCriteria: "Profile" already names steps.0',
		],
		[
			'no required step',
			{ ...valid, steps: [{ id: 'a', name: 'A', required: false }], milestones: [] },
			'Custom Program (JSON) is invalid: steps: at least one step must be required (progress is the share of required steps)',
		],
		[
			'order on some steps only',
			{ ...valid, steps: [{ ...valid.steps[0], order: 1 }, valid.steps[1]] },
			'Custom Program (JSON) is invalid: steps: give "order" on every step or on none (then the list order counts)',
		],
		[
			'a step type the seed does not have',
			{ ...valid, steps: [{ ...valid.steps[0], type: 'webinar' }] },
			"Custom Program (JSON) is invalid: steps.0.type: Invalid enum value. Expected 'action' | 'learning' | 'meeting' | 'integration', received 'webinar'",
		],
		[
			'a negative target day',
			{ ...valid, milestones: [{ ...valid.milestones[0], targetDay: -1 }] },
			'Custom Program (JSON) is invalid: milestones.0.targetDay: Number must be greater than or equal to 0 (got -1)',
		],
		[
			'an unknown key',
			{ ...valid, length: 14 },
			"Custom Program (JSON) is invalid: (root): Unrecognized key(s) in object: 'length'",
		],
	])('%s', (_, input, message) => {
		expect(() => parseOnboardingProgram(input)).toThrow(message);
	});

	it('JSON that does not parse, and an empty text, name the parameter', () => {
		const error = (() => {
			try {
				parseOnboardingProgram('{ "id": ');
			} catch (caught) {
				return caught as InvalidOnboardingProgramError;
			}
			return undefined;
		})();
		expect(error).toBeInstanceOf(InvalidOnboardingProgramError);
		expect(error?.parameter).toBe('Custom Program (JSON)');
		expect(error?.message).toMatch(/^Custom Program \(JSON\) is not valid JSON: /);
		expect(() => parseOnboardingProgram('  ')).toThrow(
			'Custom Program (JSON): is empty; give a programme as JSON',
		);
	});
});

describe('record fields: bad values fail naming the field', () => {
	it.each([
		[{}, 'onboarding_started_at: is missing; onboarding progress needs its start (or signup_date)'],
		[
			{ ...STARTED, onboarding_completed_steps: 5 },
			'onboarding_completed_steps: must be a list of names such as ["welcome", "first_chatbot"] (got 5)',
		],
		[
			{ ...STARTED, onboarding_completed_steps: ['welcome', 7] },
			'onboarding_completed_steps.1: must be a step or milestone name of at most 200 characters (got 7)',
		],
		[
			{ ...STARTED, onboarding_completed_steps: '["welcome"' },
			'onboarding_completed_steps: must be a list of names such as ["welcome", "first_chatbot"] or the text "welcome, first_chatbot" (got "[\\"welcome\\"")',
		],
		[
			{ ...STARTED, onboarding_status: 'done' },
			'onboarding_status: must be one of not_started, in_progress, stalled, completed (got "done")',
		],
		[
			{ ...STARTED, segment: 3 },
			'segment: must be a segment such as "self_serve", "smb", "mid_market" or "enterprise" (got 3)',
		],
		[
			{ ...STARTED, onboarding_last_progress_at: '2026-11-25T12:00:00Z' },
			'onboarding_last_progress_at: must be a past date, no more than 1 day after the reference time 2026-11-23T12:00:00.000Z (got "2026-11-25T12:00:00Z")',
		],
		[
			{ ...STARTED, first_key_action_at: 'yesterday' },
			'first_key_action_at: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "yesterday")',
		],
		[
			{ signup_date: '2026-11-22T09:00:00Z', timezone: 'Mars/Olympus' },
			'Invalid customer record: timezone: must be a valid IANA time zone such as "Europe/Madrid" (got "Mars/Olympus")',
		],
	])('%p', (record, message) => {
		expect(() => track(record)).toThrow(message);
	});

	it('a list longer than 1000 entries is refused', () => {
		const steps = Array.from({ length: 1001 }, () => 'welcome');
		expect(() => track({ ...STARTED, onboarding_completed_steps: steps })).toThrow(
			'onboarding_completed_steps: must have at most 1000 entries (got 1001)',
		);
	});

	it('the start: onboarding_started_at before signup_date; it may lie ahead, a signup may not', () => {
		expect(
			track({ onboarding_started_at: '2026-11-20T09:00:00Z', signup_date: '2026-11-01T09:00:00Z' })
				.startedAt,
		).toBe('2026-11-20T09:00:00Z');
		expect(track({ onboarding_started_at: '2026-12-01' }).status).toBe('not_started');
		expect(() => track({ signup_date: '2026-12-01' })).toThrow(/^signup_date: must be a past date/);
	});

	it('the segment field is configurable and may be nested; the record path too', () => {
		expect(
			track({ ...STARTED, account: { tier: 'Mid-Market' } }, { segmentField: 'account.tier' })
				.programId,
		).toBe('mid-market-v1');
		expect(
			track({ customer: { ...STARTED, segment: 'enterprise' } }, { customerPath: 'customer' })
				.programId,
		).toBe('mid-market-v1');
	});
});

describe('parameters', () => {
	it('Stalled After (Days): a whole number from 1 to 365, 3 when empty', () => {
		expect(parseStalledAfterDays(undefined)).toBe(3);
		expect(parseStalledAfterDays('7')).toBe(7);
		expect(() => parseStalledAfterDays(0)).toThrow(
			'Stalled After (Days): must be a number from 1 to 365 (got 0)',
		);
		expect(() => parseStalledAfterDays(2.5)).toThrow(
			'Stalled After (Days): must be a whole number from 1 to 365 (got 2.5)',
		);
	});

	it('First Value Window (Hours): from 1 to 8760, 48 when empty', () => {
		expect(parseFirstValueHours('')).toBe(48);
		expect(parseFirstValueHours(12.5)).toBe(12.5);
		expect(() => parseFirstValueHours(-1)).toThrow(
			'First Value Window (Hours): must be a number from 1 to 8760 (got -1)',
		);
	});
});
