import { STAGE_WORKFLOWS } from '../../../src/lifecycle';
import { fromStage } from './helpers';

/** Every transition of docs/sources.md#lifecycle-transitions determineNextStage, each "stay", and the workflows each new stage triggers. */

describe('docs/sources.md#lifecycle-transitions determineNextStage: every transition', () => {
	const cases: Array<[string, string, Record<string, unknown>, string, string]> = [
		[
			'trial',
			'onboarding',
			{ subscription_status: 'active' },
			'onboarding',
			'Subscription status is active',
		],
		[
			'trial',
			'churned',
			{ subscription_status: 'trialing', trial_days_remaining: 0 },
			'churned',
			'Trial days remaining 0 is 0 or less',
		],
		[
			'trial',
			'churned (past the end)',
			{ subscription_status: 'trialing', trial_days_remaining: -3 },
			'churned',
			'Trial days remaining -3 is 0 or less',
		],
		[
			'onboarding',
			'adopting',
			{ onboarding_completion: 80 },
			'adopting',
			'Onboarding completion 80% reached 80%',
		],
		[
			'onboarding',
			'at_risk (stalled onboarding)',
			{ days_since_signup: 31, onboarding_completion: 49 },
			'at_risk',
			'Days as customer 31 is above 30 and onboarding completion 49% is below 50%',
		],
		[
			'adopting',
			'growing',
			{ health_score: 70, days_since_signup: 91 },
			'growing',
			'Health score 70 reached 70 and days as customer 91 is above 90',
		],
		[
			'growing',
			'renewing',
			{ days_to_renewal: 60 },
			'renewing',
			'Days to renewal 60 is 60 or less',
		],
		[
			'growing',
			'expanding',
			{ days_to_renewal: 61, expansion_opportunity: true },
			'expanding',
			'Expansion opportunity identified',
		],
		[
			'growing',
			'advocating',
			{ days_to_renewal: 61, expansion_opportunity: false, nps_score: 9, health_score: 80 },
			'advocating',
			'NPS score 9 reached 9 and health score 80 reached 80',
		],
		[
			'renewing',
			'growing',
			{ renewal_status: 'completed' },
			'growing',
			'Renewal status is completed',
		],
		[
			'renewing',
			'churned',
			{ renewal_status: 'pending', subscription_status: 'cancelled' },
			'churned',
			'Subscription status is cancelled',
		],
		['expanding', 'growing', { expansion_closed: true }, 'growing', 'Expansion closed'],
		['at_risk', 'growing', { health_score: 60 }, 'growing', 'Health score 60 reached 60'],
		[
			'at_risk',
			'churned',
			{ health_score: 59, subscription_status: 'cancelled' },
			'churned',
			'Subscription status is cancelled',
		],
		[
			'churned',
			'onboarding',
			{ subscription_status: 'active' },
			'onboarding',
			'Subscription status is active',
		],
	];

	it.each(cases)('%s -> %s', (from, _label, fields, to, reason) => {
		const result = fromStage(from, fields);
		expect(result).toEqual({
			stage: to,
			previousStage: from,
			changed: true,
			reason,
			workflows: [...STAGE_WORKFLOWS[to as keyof typeof STAGE_WORKFLOWS]],
			mode: 'transitions',
			notEvaluated: [],
		});
	});

	it('triggers the seed’s workflows of the stage entered', () => {
		expect(fromStage('trial', { subscription_status: 'active' }).workflows).toEqual([
			'onboarding_kickoff',
			'assign_csm',
		]);
		expect(fromStage('onboarding', { onboarding_completion: 95 }).workflows).toEqual([
			'adoption_check_in',
			'30_day_review',
		]);
		expect(fromStage('growing', { days_to_renewal: 10 }).workflows).toEqual([
			'renewal_sequence',
			'value_recap',
		]);
		expect(fromStage('growing', { expansion_opportunity: true }).workflows).toEqual([
			'expansion_proposal',
		]);
		expect(fromStage('growing', { nps_score: 10, health_score: 90 }).workflows).toEqual([
			'advocacy_program_invite',
		]);
		expect(fromStage('renewing', { renewal_status: 'completed' }).workflows).toEqual([
			'qbr_scheduling',
			'success_story_outreach',
		]);
		expect(fromStage('renewing', { subscription_status: 'cancelled' }).workflows).toEqual([
			'exit_interview',
			'win_back_sequence',
		]);
		expect(fromStage('adopting', { health_score: 35 }).workflows).toEqual([
			'at_risk_intervention',
			'executive_escalation',
		]);
		expect(STAGE_WORKFLOWS.trial).toEqual(['trial_welcome_sequence']);
	});
});

describe('docs/sources.md#lifecycle-transitions determineNextStage: every "stay"', () => {
	const stays: Array<[string, Record<string, unknown>, string]> = [
		[
			'trial',
			{ subscription_status: 'trialing', trial_days_remaining: 1 },
			'No transition from trial: subscription status is trialing, not active; trial days remaining 1 is above 0',
		],
		[
			'onboarding',
			{ onboarding_completion: 79, days_since_signup: 31 },
			'No transition from onboarding: onboarding completion 79% is below 80%; onboarding completion 79% is not below 50%',
		],
		[
			'onboarding',
			{ onboarding_completion: 49, days_since_signup: 30 },
			'No transition from onboarding: onboarding completion 49% is below 80%; days as customer 30 is not above 30',
		],
		[
			'onboarding',
			{ onboarding_completion: 50, days_since_signup: 31 },
			'No transition from onboarding: onboarding completion 50% is below 80%; onboarding completion 50% is not below 50%',
		],
		[
			'adopting',
			{ health_score: 69, days_since_signup: 91 },
			'No transition from adopting: health score 69 is below 70',
		],
		[
			'adopting',
			{ health_score: 70, days_since_signup: 90 },
			'No transition from adopting: days as customer 90 is not above 90',
		],
		[
			'adopting',
			{ health_score: 60, days_since_signup: 45 },
			'No transition from adopting: health score 60 is below 70 and days as customer 45 is not above 90',
		],
		[
			'growing',
			{ days_to_renewal: 61, expansion_opportunity: false, nps_score: 8, health_score: 80 },
			'No transition from growing: days to renewal 61 is above 60; no expansion opportunity; NPS score 8 is below 9',
		],
		[
			'growing',
			{ days_to_renewal: 200, expansion_opportunity: false, nps_score: 9, health_score: 79 },
			'No transition from growing: days to renewal 200 is above 60; no expansion opportunity; health score 79 is below 80',
		],
		[
			'renewing',
			{ renewal_status: 'pending', subscription_status: 'active' },
			'No transition from renewing: renewal status is pending, not completed; subscription status is active, not cancelled',
		],
		[
			'expanding',
			{ expansion_closed: false },
			'No transition from expanding: expansion not closed',
		],
		[
			'advocating',
			{ nps_score: 10, health_score: 95 },
			'No transition from advocating: the stage rules have no rule out of advocating other than the at-risk check, which did not hold',
		],
		[
			'at_risk',
			{ health_score: 59, subscription_status: 'active' },
			'No transition from at_risk: health score 59 is below 60; subscription status is active, not cancelled',
		],
		[
			'churned',
			{ subscription_status: 'cancelled' },
			'No transition from churned: subscription status is cancelled, not active',
		],
	];

	it.each(stays)('%s stays with %j', (stage, fields, reason) => {
		expect(fromStage(stage, fields)).toEqual({
			stage,
			previousStage: stage,
			changed: false,
			reason,
			workflows: [],
			mode: 'transitions',
			notEvaluated: [],
		});
	});
});

describe('rule order inside a stage follows the seed', () => {
	it('trial: an active subscription wins over an ended trial', () => {
		expect(
			fromStage('trial', { subscription_status: 'active', trial_days_remaining: 0 }).stage,
		).toBe('onboarding');
	});

	it('onboarding: 80 % completion wins even after 30 days', () => {
		expect(
			fromStage('onboarding', { onboarding_completion: 80, days_since_signup: 45 }).stage,
		).toBe('adopting');
	});

	it('growing: renewal within 60 days wins over an expansion opportunity and over advocacy', () => {
		const all = {
			days_to_renewal: 60,
			expansion_opportunity: true,
			nps_score: 10,
			health_score: 90,
		};
		expect(fromStage('growing', all).stage).toBe('renewing');
		expect(fromStage('growing', { ...all, days_to_renewal: 61 }).stage).toBe('expanding');
		expect(
			fromStage('growing', { ...all, days_to_renewal: 61, expansion_opportunity: false }).stage,
		).toBe('advocating');
	});

	it('growing: a renewal date already past (negative days) is also "60 or less", as in the seed', () => {
		expect(fromStage('growing', { days_to_renewal: -5 })).toMatchObject({
			stage: 'renewing',
			reason: 'Days to renewal -5 is 60 or less',
		});
	});

	it('renewing: a completed renewal wins over a cancelled subscription', () => {
		expect(
			fromStage('renewing', { renewal_status: 'completed', subscription_status: 'cancelled' })
				.stage,
		).toBe('growing');
	});

	it('at_risk: a health score of 60 wins over a cancelled subscription', () => {
		expect(fromStage('at_risk', { health_score: 60, subscription_status: 'cancelled' }).stage).toBe(
			'growing',
		);
	});
});

describe('statuses compare like the seed’s literals, tolerant of case, spaces and Stripe’s spelling', () => {
	it('reads " Active " as active and "CANCELED" (one l) as cancelled', () => {
		expect(fromStage('trial', { subscription_status: ' Active ' }).stage).toBe('onboarding');
		expect(fromStage('renewing', { subscription_status: 'CANCELED' })).toMatchObject({
			stage: 'churned',
			reason: 'Subscription status is canceled',
		});
		expect(fromStage('renewing', { renewal_status: 'Completed' }).stage).toBe('growing');
	});

	it('does not read "trialing" or "past_due" as active', () => {
		expect(fromStage('churned', { subscription_status: 'past_due' }).stage).toBe('churned');
		expect(fromStage('trial', { subscription_status: 'trialing' }).stage).toBe('trial');
	});
});
