import { isAtRisk, LIFECYCLE_STAGES, readLifecycleMetrics } from '../../../src/lifecycle';
import { evaluate, fromStage, NOT_AT_RISK } from './helpers';

/**
 * docs/sources.md#at-risk-check isAtRisk: healthScore < 40 || daysWithoutLogin > 14 || supportTicketsSeverityHigh > 2 ||
 * npsScore <= 6, checked first from any stage but churned. "expanding" with the expansion not closed is a stage
 * whose own rule never fires here, so any move is the at-risk check's.
 */
const expanding = (fields: Record<string, unknown>) =>
	fromStage('expanding', { expansion_closed: false, ...fields });
const CHECK = '(at-risk check)';

describe('isAtRisk at each edge', () => {
	it.each([
		[{ health_score: 39 }, 'at_risk', `Health score 39 is below 40 ${CHECK}`],
		[{ health_score: 40 }, 'expanding', 'No transition from expanding: expansion not closed'],
		[{ days_since_last_login: 15 }, 'at_risk', `Days since last login 15 is above 14 ${CHECK}`],
		[
			{ days_since_last_login: 14 },
			'expanding',
			'No transition from expanding: expansion not closed',
		],
		[{ high_severity_tickets: 3 }, 'at_risk', `High-severity tickets 3 is above 2 ${CHECK}`],
		[
			{ high_severity_tickets: 2 },
			'expanding',
			'No transition from expanding: expansion not closed',
		],
		[{ nps_score: 6 }, 'at_risk', `NPS score 6 is 6 or less ${CHECK}`],
		[{ nps_score: 7 }, 'expanding', 'No transition from expanding: expansion not closed'],
	])('%j -> %s', (fields, stage, reason) => {
		const result = expanding(fields);
		expect([result.stage, result.reason, result.changed]).toEqual([
			stage,
			reason,
			stage !== 'expanding',
		]);
		expect(result.workflows).toEqual(
			stage === 'at_risk' ? ['at_risk_intervention', 'executive_escalation'] : [],
		);
	});

	it('reads fractional values as they are: 39.9 is below 40, 14.5 days is above 14', () => {
		expect(expanding({ health_score: 39.9 }).reason).toBe(`Health score 39.9 is below 40 ${CHECK}`);
		expect(expanding({ days_since_last_login: 14.5 }).reason).toBe(
			`Days since last login 14.5 is above 14 ${CHECK}`,
		);
	});

	it('names every at-risk condition that holds, in the seed’s order', () => {
		const result = expanding({
			health_score: 10,
			days_since_last_login: 30,
			high_severity_tickets: 5,
			nps_score: 0,
		});
		expect(result.reason).toBe(
			`Health score 10 is below 40; days since last login 30 is above 14; high-severity tickets 5 is above 2; NPS score 0 is 6 or less ${CHECK}`,
		);
	});

	it('isAtRisk() itself: true at 39/15/3/6, false at 40/14/2/7 and with nothing known', () => {
		const atRisk = (record: Record<string, unknown>) =>
			isAtRisk(readLifecycleMetrics(record, record));
		expect([
			atRisk({ ...NOT_AT_RISK, health_score: 39 }),
			atRisk({ ...NOT_AT_RISK, days_since_last_login: 15 }),
			atRisk({ ...NOT_AT_RISK, high_severity_tickets: 3 }),
			atRisk({ ...NOT_AT_RISK, nps_score: 6 }),
		]).toEqual([true, true, true, true]);
		expect(
			atRisk({
				health_score: 40,
				days_since_last_login: 14,
				high_severity_tickets: 2,
				nps_score: 7,
			}),
		).toBe(false);
		expect(atRisk({})).toBe(false);
	});
});

describe('the at-risk check comes first, from any stage but churned', () => {
	it.each(LIFECYCLE_STAGES.filter((stage) => stage !== 'churned'))(
		'%s -> at_risk with a health score of 35',
		(stage) => {
			const result = fromStage(stage, { health_score: 35 });
			expect(result).toMatchObject({
				stage: 'at_risk',
				previousStage: stage,
				changed: stage !== 'at_risk',
			});
		},
	);

	it('beats the stage’s own rules: an active trial with NPS 3 goes to at_risk, not onboarding', () => {
		expect(fromStage('trial', { subscription_status: 'active', nps_score: 3 })).toMatchObject({
			stage: 'at_risk',
			reason: `NPS score 3 is 6 or less ${CHECK}`,
		});
	});

	it('is skipped for churned: a churned customer with every at-risk condition stays churned', () => {
		const result = evaluate({
			lifecycle_stage: 'churned',
			health_score: 10,
			days_since_last_login: 60,
			high_severity_tickets: 4,
			nps_score: 0,
			subscription_status: 'cancelled',
		});
		expect(result).toMatchObject({
			stage: 'churned',
			changed: false,
			workflows: [],
			notEvaluated: [],
		});
	});

	it('seed quirk: an at_risk customer whose health recovered to 65 stays at_risk while NPS is 5', () => {
		expect(fromStage('at_risk', { health_score: 65, nps_score: 5 })).toEqual({
			stage: 'at_risk',
			previousStage: 'at_risk',
			changed: false,
			reason:
				'Still at risk: NPS score 5 is 6 or less (at-risk check, runs before the exits of at_risk)',
			workflows: [],
			mode: 'transitions',
			notEvaluated: [],
		});
		expect(fromStage('at_risk', { health_score: 35 }).reason).toBe(
			'Still at risk: health score 35 is below 40 (at-risk check, runs before the exits of at_risk)',
		);
	});
});

describe('a missing input never makes a condition true, and is listed in notEvaluated', () => {
	const ALL_AT_RISK_UNKNOWN = [
		{
			rule: 'at-risk check',
			condition: 'healthScore < 40',
			missing: ['health.score', 'health_score'],
		},
		{
			rule: 'at-risk check',
			condition: 'daysWithoutLogin > 14',
			missing: ['days_since_last_login', 'last_login_at'],
		},
		{
			rule: 'at-risk check',
			condition: 'supportTicketsSeverityHigh > 2',
			missing: ['high_severity_tickets'],
		},
		{ rule: 'at-risk check', condition: 'npsScore <= 6', missing: ['nps_score'] },
	];

	it('no at-risk input: not at risk (the seed’s `undefined <= 6` is false too), four conditions not evaluated', () => {
		const result = evaluate({ lifecycle_stage: 'expanding', expansion_closed: false });
		expect(result).toMatchObject({ stage: 'expanding', changed: false });
		expect(result.notEvaluated).toEqual(ALL_AT_RISK_UNKNOWN);
	});

	it('null and "" count as missing, like an absent field', () => {
		const result = evaluate({
			lifecycle_stage: 'expanding',
			expansion_closed: false,
			health_score: null,
			days_since_last_login: '',
			high_severity_tickets: null,
			nps_score: '',
		});
		expect(result.stage).toBe('expanding');
		expect(result.notEvaluated).toEqual(ALL_AT_RISK_UNKNOWN);
	});

	it('at risk by NPS alone: the other three conditions are still listed as not evaluated', () => {
		const result = evaluate({ lifecycle_stage: 'growing', nps_score: 3 });
		expect(result.stage).toBe('at_risk');
		expect(result.notEvaluated).toEqual(ALL_AT_RISK_UNKNOWN.slice(0, 3));
	});

	it('trial with no status and no trial end: stays trial, both rules not evaluated', () => {
		const result = fromStage('trial');
		expect(result).toMatchObject({
			stage: 'trial',
			changed: false,
			reason:
				'No transition from trial: subscription status is missing (subscription_status); trial days remaining is missing (trial_days_remaining or trial_ends_at)',
		});
		expect(result.notEvaluated).toEqual([
			{
				rule: 'trial -> onboarding',
				condition: "subscriptionStatus === 'active'",
				missing: ['subscription_status'],
			},
			{
				rule: 'trial -> churned',
				condition: 'trialDaysRemaining <= 0',
				missing: ['trial_days_remaining', 'trial_ends_at'],
			},
		]);
	});

	it('an AND with a known false part is evaluated (false); with only unknown parts left it is not', () => {
		const early = fromStage('onboarding', { days_since_signup: 20 });
		expect(early.notEvaluated).toEqual([
			{
				rule: 'onboarding -> adopting',
				condition: 'onboardingCompletion >= 80',
				missing: ['onboarding_completion'],
			},
		]);
		const late = fromStage('onboarding', { days_since_signup: 31 });
		expect(late.stage).toBe('onboarding');
		expect(late.notEvaluated).toEqual([
			{
				rule: 'onboarding -> adopting',
				condition: 'onboardingCompletion >= 80',
				missing: ['onboarding_completion'],
			},
			{
				rule: 'onboarding -> at_risk',
				condition: 'daysAsCustomer > 30 && onboardingCompletion < 50',
				missing: ['onboarding_completion'],
			},
		]);
		expect(late.reason).toBe(
			'No transition from onboarding: onboarding completion is missing (onboarding_completion)',
		);
	});

	it('rules after the one that fires are not reached and not listed', () => {
		const result = fromStage('growing', { days_to_renewal: 30 });
		expect(result).toMatchObject({ stage: 'renewing', notEvaluated: [] });
		const missingRenewal = fromStage('growing', { expansion_opportunity: true });
		expect(missingRenewal).toMatchObject({ stage: 'expanding' });
		expect(missingRenewal.notEvaluated).toEqual([
			{
				rule: 'growing -> renewing',
				condition: 'daysUntilRenewal <= 60',
				missing: ['days_to_renewal', 'renewal_date'],
			},
		]);
	});

	it('advocating needs both NPS and health: a missing NPS keeps the customer growing', () => {
		const result = evaluate({
			lifecycle_stage: 'growing',
			health_score: 90,
			days_since_last_login: 1,
			high_severity_tickets: 0,
			days_to_renewal: 200,
			expansion_opportunity: false,
		});
		expect(result.stage).toBe('growing');
		expect(result.notEvaluated).toEqual([
			{ rule: 'at-risk check', condition: 'npsScore <= 6', missing: ['nps_score'] },
			{
				rule: 'growing -> advocating',
				condition: 'npsScore >= 9 && healthScore >= 80',
				missing: ['nps_score'],
			},
		]);
	});
});
