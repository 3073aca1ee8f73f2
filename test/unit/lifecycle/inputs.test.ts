import { CustomerInputError } from '../../../src/customer/locate';
import { DEFAULT_STAGE_FIELD } from '../../../src/lifecycle';
import { evaluate, fromStage, NOT_AT_RISK, REFERENCE } from './helpers';

/** Where the seed's metrics come from in the customer record and the item (src/lifecycle/metrics.ts). */

function errorOf(run: () => unknown): CustomerInputError {
	try {
		run();
	} catch (error) {
		if (error instanceof CustomerInputError) return error;
		throw error;
	}
	throw new Error('expected a CustomerInputError');
}

describe('health score: the item’s health.score (Customer Health Score node), else health_score', () => {
	it('prefers health.score written by the health node', () => {
		const result = fromStage('at_risk', { health: { score: 62 }, health_score: 30 });
		expect([result.stage, result.reason]).toEqual(['growing', 'Health score 62 reached 60']);
	});

	it('falls back to health_score when the health node had too little data (score null)', () => {
		const result = fromStage('at_risk', {
			health: { score: null, category: 'insufficient_data' },
			health_score: 30,
		});
		expect(result.stage).toBe('at_risk');
		expect(result.reason).toMatch(/^Still at risk: health score 30 is below 40/);
	});

	it('reads health at the item’s top level when the record is nested', () => {
		const result = evaluate(
			{
				health: { score: 85 },
				customer: {
					lifecycle_stage: 'adopting',
					days_since_signup: 120,
					nps_score: 9,
					days_since_last_login: 2,
					high_severity_tickets: 0,
				},
			},
			{ customerPath: 'customer' },
		);
		expect([result.stage, result.reason]).toEqual([
			'growing',
			'Health score 85 reached 70 and days as customer 120 is above 90',
		]);
	});

	it('rejects a health score outside 0-100, naming where it was read', () => {
		const error = errorOf(() => fromStage('growing', { health: { score: 150 } }));
		expect([error.message, error.field]).toEqual([
			'health.score: must be a health score from 0 to 100 (got 150)',
			'health.score',
		]);
		expect(errorOf(() => fromStage('growing', { health_score: 'good' })).message).toBe(
			'health_score: must be a health score from 0 to 100 (got "good")',
		);
	});
});

describe('expansion opportunity: expansion_opportunity, or the item’s expansion.opportunities (Expansion Signals node)', () => {
	const growing = (fields: Record<string, unknown>) =>
		fromStage('growing', { days_to_renewal: 200, ...fields });

	it('a non-empty expansion.opportunities is an opportunity', () => {
		const result = growing({
			expansion: { probability: 0.57, opportunities: [{ type: 'upgrade', product: 'pro' }] },
		});
		expect([result.stage, result.reason]).toEqual([
			'expanding',
			'Expansion opportunity identified',
		]);
	});

	it('an empty list is a known "no", not a missing input', () => {
		const result = growing({ expansion: { probability: 0, opportunities: [] } });
		expect(result.stage).toBe('growing');
		expect(result.notEvaluated).toEqual([]);
		expect(result.reason).toBe(
			'No transition from growing: days to renewal 200 is above 60; no expansion opportunity; NPS score 8 is below 9 and health score 75 is below 80',
		);
	});

	it('either source saying yes is enough (the record’s false does not hide the node’s opportunity)', () => {
		expect(
			growing({ expansion_opportunity: false, expansion: { opportunities: [{}] } }).stage,
		).toBe('expanding');
		expect(growing({ expansion_opportunity: 'true', expansion: { opportunities: [] } }).stage).toBe(
			'expanding',
		);
	});

	it('neither source: not evaluated', () => {
		expect(growing({}).notEvaluated).toEqual([
			{
				rule: 'growing -> expanding',
				condition: 'expansionOpportunity',
				missing: ['expansion_opportunity', 'expansion.opportunities'],
			},
		]);
	});

	it('rejects values that are not booleans or a list', () => {
		expect(errorOf(() => growing({ expansion_opportunity: 'maybe' })).message).toBe(
			'expansion_opportunity: must be true or false (got "maybe")',
		);
		expect(errorOf(() => growing({ expansion: { opportunities: 'upgrade' } })).message).toBe(
			'expansion.opportunities: must be the list written by Expansion Signals (got "upgrade")',
		);
		expect(errorOf(() => fromStage('expanding', { expansion_closed: 'yes' })).message).toBe(
			'expansion_closed: must be true or false (got "yes")',
		);
		expect(fromStage('expanding', { expansion_closed: 'true' }).stage).toBe('growing');
	});
});

describe('onboarding completion: percent by default, fraction on request', () => {
	it('percent: 80 reaches 80 %, 0.85 is 0.85 % (far from it)', () => {
		expect(fromStage('onboarding', { onboarding_completion: 80 }).stage).toBe('adopting');
		expect(fromStage('onboarding', { onboarding_completion: '85' }).reason).toBe(
			'Onboarding completion 85% reached 80%',
		);
		expect(fromStage('onboarding', { onboarding_completion: 0.85 }).stage).toBe('onboarding');
	});

	it('fraction: 0.8 is 80 %, 0.49 after 31 days is a stalled onboarding', () => {
		const fraction = { onboardingCompletionScale: 'fraction' as const };
		const record = { lifecycle_stage: 'onboarding', ...NOT_AT_RISK };
		expect(evaluate({ ...record, onboarding_completion: 0.8 }, fraction).reason).toBe(
			'Onboarding completion 80% reached 80%',
		);
		expect(evaluate({ ...record, onboarding_completion: 0.79 }, fraction).stage).toBe('onboarding');
		expect(
			evaluate({ ...record, onboarding_completion: 0.49, days_since_signup: 31 }, fraction).reason,
		).toBe('Days as customer 31 is above 30 and onboarding completion 49% is below 50%');
	});

	it('a value outside the scale is an error that points to the other scale', () => {
		expect(errorOf(() => fromStage('onboarding', { onboarding_completion: 120 })).message).toBe(
			'onboarding_completion: must be a percentage from 0 to 100 (set Onboarding Completion Scale to "Fraction (0-1)" for values such as 0.85) (got 120)',
		);
		const error = errorOf(() =>
			evaluate(
				{ lifecycle_stage: 'onboarding', onboarding_completion: 85 },
				{ onboardingCompletionScale: 'fraction' },
			),
		);
		expect(error.message).toBe(
			'onboarding_completion: must be a fraction from 0 to 1 (set Onboarding Completion Scale to "Percent (0-100)" for values such as 85) (got 85)',
		);
	});
});

describe('numbers and statuses from CRMs and webhooks', () => {
	it('reads numeric strings', () => {
		expect(fromStage('growing', { nps_score: '6' }).reason).toBe(
			'NPS score 6 is 6 or less (at-risk check)',
		);
	});

	it('rejects a number out of range or not a number, naming the field', () => {
		const nps = errorOf(() => fromStage('growing', { nps_score: 11 }));
		// The wording of every field's rule is src/customer/fieldRules.ts's, the same in every node.
		expect([nps.message, nps.field]).toEqual([
			'nps_score: must be a whole number from 0 to 10 (got 11)',
			'nps_score',
		]);
		expect(errorOf(() => fromStage('growing', { high_severity_tickets: -1 })).message).toBe(
			'high_severity_tickets: must be a whole number of 0 or more (got -1)',
		);
		expect(errorOf(() => fromStage('growing', { days_to_renewal: 'soon' })).message).toBe(
			'days_to_renewal: must be a number of days from -36525 to 36525 (got "soon")',
		);
		expect(errorOf(() => fromStage('trial', { subscription_status: 1 })).message).toBe(
			'subscription_status: must be text such as "active" (got 1)',
		);
	});
});

describe('the current stage', () => {
	it('is read from lifecycle_stage by default, normalised ("At Risk", "at-risk" are at_risk)', () => {
		expect(DEFAULT_STAGE_FIELD).toBe('lifecycle_stage');
		expect(fromStage('At Risk', { health_score: 60 })).toMatchObject({
			previousStage: 'at_risk',
			stage: 'growing',
		});
		expect(fromStage(' at-risk ', { health_score: 60 }).previousStage).toBe('at_risk');
	});

	it('can come from another field, nested with dots', () => {
		const result = evaluate(
			{ crm: { stage: 'renewing' }, renewal_status: 'completed' },
			{ stageField: 'crm.stage' },
		);
		expect(result).toMatchObject({ previousStage: 'renewing', stage: 'growing', changed: true });
	});

	it('missing: an error naming the field, unless a default stage is set', () => {
		const error = errorOf(() => evaluate({ ...NOT_AT_RISK, subscription_status: 'active' }));
		expect([error.message, error.field]).toEqual([
			'lifecycle_stage: the current lifecycle stage is missing; give one of trial, onboarding, adopting, growing, renewing, expanding, advocating, at_risk, churned or set Default Current Stage',
			'lifecycle_stage',
		]);
		const result = evaluate(
			{ ...NOT_AT_RISK, subscription_status: 'active', lifecycle_stage: '' },
			{ defaultStage: 'trial' },
		);
		expect(result).toMatchObject({
			previousStage: 'trial',
			stage: 'onboarding',
			changed: true,
			reason:
				'Subscription status is active (lifecycle_stage was empty: Default Current Stage trial assumed)',
		});
	});

	it('unknown: an error listing the stages', () => {
		expect(errorOf(() => fromStage('adoption')).message).toBe(
			'lifecycle_stage: must be one of trial, onboarding, adopting, growing, renewing, expanding, advocating, at_risk, churned (got "adoption")',
		);
		expect(errorOf(() => fromStage(3 as unknown as string)).message).toBe(
			'lifecycle_stage: must be one of trial, onboarding, adopting, growing, renewing, expanding, advocating, at_risk, churned (got number 3)',
		);
	});
});

describe('days derived from dates, in the customer’s time zone (reference 2026-11-23T12:00Z)', () => {
	it('trial_ends_at 02:00Z on the 24th: 1 day left in UTC, 0 in Mexico City where it is still the 23rd', () => {
		const reference = REFERENCE.set({ hour: 20 });
		const record = {
			lifecycle_stage: 'trial',
			subscription_status: 'trialing',
			trial_ends_at: '2026-11-24T02:00:00Z',
			...NOT_AT_RISK,
		};
		expect(evaluate(record, { reference }).stage).toBe('trial');
		expect(evaluate(record, { reference }).reason).toBe(
			'No transition from trial: subscription status is trialing, not active; trial days remaining 1 is above 0',
		);
		const mexico = evaluate({ ...record, timezone: 'America/Mexico_City' }, { reference });
		expect([mexico.stage, mexico.reason]).toEqual([
			'churned',
			'Trial days remaining 0 is 0 or less',
		]);
		const byOption = evaluate(record, { reference, defaultTimeZone: 'America/Mexico_City' });
		expect(byOption.stage).toBe('churned');
	});

	it('signup_date 2026-08-25T03:00Z: 90 days as customer in UTC (stays adopting), 91 in Los Angeles (growing)', () => {
		const record = {
			lifecycle_stage: 'adopting',
			signup_date: '2026-08-25T03:00:00Z',
			...NOT_AT_RISK,
			health_score: 70,
		};
		expect(evaluate(record).reason).toBe(
			'No transition from adopting: days as customer 90 is not above 90',
		);
		expect(evaluate({ ...record, timezone: 'America/Los_Angeles' }).reason).toBe(
			'Health score 70 reached 70 and days as customer 91 is above 90',
		);
	});

	it('renewal_date 60 days ahead is renewing, 61 is not', () => {
		expect(fromStage('growing', { renewal_date: '2027-01-22' }).reason).toBe(
			'Days to renewal 60 is 60 or less',
		);
		expect(
			fromStage('growing', { renewal_date: '2027-01-23', expansion_opportunity: false }).reason,
		).toBe(
			'No transition from growing: days to renewal 61 is above 60; no expansion opportunity; NPS score 8 is below 9 and health score 75 is below 80',
		);
	});

	it('last_login_at 15 days ago is at risk; a days_since_last_login given in the record wins over the date', () => {
		const record = {
			lifecycle_stage: 'expanding',
			expansion_closed: false,
			health_score: 75,
			high_severity_tickets: 0,
			nps_score: 8,
		};
		expect(evaluate({ ...record, last_login_at: '2026-11-08T09:00:00Z' }).reason).toBe(
			'Days since last login 15 is above 14 (at-risk check)',
		);
		expect(
			evaluate({ ...record, last_login_at: '2026-11-08T09:00:00Z', days_since_last_login: 2 })
				.stage,
		).toBe('expanding');
	});

	it('a malformed date is an error naming the field', () => {
		expect(() => fromStage('growing', { renewal_date: 'next spring' })).toThrow(
			'renewal_date: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "next spring")',
		);
	});
});
