import { CustomerInputError } from '../../../src/customer/locate';
import { TENURE_STAGE_DEFINITIONS, tenureStage } from '../../../src/lifecycle';
import { evaluate } from './helpers';

/** docs/sources.md#tenure-stages tenure stages: onboarding days 1-30, adoption 31-90, growth 91-180, expansion 181+ (day 0: onboarding). */

const tenure = (record: Record<string, unknown>, config = {}) =>
	evaluate(record, { mode: 'tenure', ...config });

describe('tenureStage at each edge', () => {
	it.each([
		[0, 'onboarding'],
		[1, 'onboarding'],
		[30, 'onboarding'],
		[30.5, 'adoption'],
		[31, 'adoption'],
		[90, 'adoption'],
		[91, 'growth'],
		[180, 'growth'],
		[181, 'expansion'],
		[3650, 'expansion'],
	])('day %d -> %s', (days, stage) => {
		expect(tenureStage(days)).toBe(stage);
	});

	it('refuses a negative day count', () => {
		expect(() => tenureStage(-1)).toThrow(
			'days_since_signup: must be a number of days from 0 to 36525 (got -1)',
		);
	});
});

describe('tenure mode on a record', () => {
	it.each([
		[0, 'onboarding', 'Signup day (day 0) counts as onboarding (days 1-30, tenure stages)'],
		[30, 'onboarding', 'Day 30 since signup is in onboarding (days 1-30, tenure stages)'],
		[31, 'adoption', 'Day 31 since signup is in adoption (days 31-90, tenure stages)'],
		[90, 'adoption', 'Day 90 since signup is in adoption (days 31-90, tenure stages)'],
		[91, 'growth', 'Day 91 since signup is in growth (days 91-180, tenure stages)'],
		[180, 'growth', 'Day 180 since signup is in growth (days 91-180, tenure stages)'],
		[181, 'expansion', 'Day 181 since signup is in expansion (days 181+, tenure stages)'],
	])('day %d: %s', (days, stage, reason) => {
		expect(tenure({ days_since_signup: days })).toEqual({
			stage,
			previousStage: null,
			changed: true,
			reason,
			workflows: [
				...TENURE_STAGE_DEFINITIONS[stage as keyof typeof TENURE_STAGE_DEFINITIONS].workflows,
			],
			mode: 'tenure',
			notEvaluated: [],
		});
	});

	it('triggers the stage’s workflows only when the record’s stage differs', () => {
		expect(tenure({ days_since_signup: 31, lifecycle_stage: 'onboarding' })).toMatchObject({
			stage: 'adoption',
			previousStage: 'onboarding',
			changed: true,
			workflows: [
				'adoption_advanced_training',
				'adoption_best_practices',
				'adoption_performance_optimization',
				'adoption_use_case_expansion',
				'adoption_community_invite',
			],
		});
		expect(tenure({ days_since_signup: 45, lifecycle_stage: 'Adoption' })).toMatchObject({
			stage: 'adoption',
			previousStage: 'adoption',
			changed: false,
			workflows: [],
		});
	});

	it('defines one workflow per key activity of docs/sources.md#tenure-stages', () => {
		expect(TENURE_STAGE_DEFINITIONS.onboarding.workflows).toEqual([
			'onboarding_welcome_sequence',
			'onboarding_feature_walkthrough',
			'onboarding_first_value_check',
			'onboarding_goal_setting',
			'onboarding_check_ins',
		]);
		expect(TENURE_STAGE_DEFINITIONS.growth.workflows).toHaveLength(5);
		expect(TENURE_STAGE_DEFINITIONS.expansion.workflows).toContain('expansion_referral_program');
	});

	it('ignores the signals (docs/sources.md#at-risk-check): a customer with health 10 is still placed by tenure', () => {
		expect(tenure({ days_since_signup: 100, health_score: 10, nps_score: 0 }).stage).toBe('growth');
	});

	it('derives days from signup_date in the customer’s time zone: 30 days in UTC, 31 in Los Angeles', () => {
		const record = { signup_date: '2026-10-24T03:00:00Z' };
		expect(tenure(record).reason).toBe(
			'Day 30 since signup is in onboarding (days 1-30, tenure stages)',
		);
		expect(tenure({ ...record, timezone: 'America/Los_Angeles' }).reason).toBe(
			'Day 31 since signup is in adoption (days 31-90, tenure stages)',
		);
		expect(tenure(record, { defaultTimeZone: 'America/Los_Angeles' }).stage).toBe('adoption');
	});

	it('a missing signup, a signup after the reference time, or a stage of the other mode is an error naming the field', () => {
		const errors = [
			() => tenure({ customer_id: 'c1' }),
			() => tenure({ signup_date: '2026-11-26' }),
			() => tenure({ days_since_signup: -2 }),
			() => tenure({ days_since_signup: 40, lifecycle_stage: 'growing' }),
		].map((run) => {
			try {
				run();
			} catch (error) {
				return [(error as CustomerInputError).message, (error as CustomerInputError).field];
			}
			return 'no error';
		});
		expect(errors).toEqual([
			[
				'signup_date: is missing; tenure stages need the signup date (or days_since_signup)',
				'signup_date',
			],
			// A signup is a past event (src/customer/fieldRules.ts): up to a day after the reference time is clock skew.
			[
				'signup_date: must be a past date, no more than 1 day after the reference time 2026-11-23T12:00:00.000Z (got "2026-11-26")',
				'signup_date',
			],
			['days_since_signup: must be a number of days from 0 to 36525 (got -2)', 'days_since_signup'],
			[
				'lifecycle_stage: must be one of onboarding, adoption, growth, expansion (got "growing")',
				'lifecycle_stage',
			],
		]);
	});
});
