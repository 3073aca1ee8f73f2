import { DateTime } from 'luxon';

import {
	activeSnoozes,
	assessAtRisk,
	assessChurn,
	BUILT_IN_SIGNAL_TYPES,
	builtInRules,
	customRules,
	evaluateChurn,
	finalizeChurn,
	interventionTier,
	type ChurnConfig,
} from '../../../src/signals';

const reference = DateTime.fromISO('2026-03-10T12:00:00Z', { zone: 'UTC' });
const config: ChurnConfig = {
	rules: builtInRules(BUILT_IN_SIGNAL_TYPES),
	reference,
	defaultTimeZone: 'UTC',
};
const churn = (item: Record<string, unknown>, overrides: Partial<ChurnConfig> = {}) =>
	evaluateChurn(item, { ...config, ...overrides });
const types = (item: Record<string, unknown>) => churn(item).signals.map((signal) => signal.type);

/** Every built-in field present and healthy: nothing fires, nothing is left unevaluated. */
const HEALTHY = {
	customer_id: 'cust-healthy',
	days_since_last_login: 1,
	usage_change_percent: 10,
	nps_score: 9,
	open_tickets: 0,
	failed_payments: 0,
	cancellation_requested: false,
	competitor_mentioned: 'false',
	rating: 4.8,
	trial_days_remaining: 20,
	days_since_key_action: 2,
	logins_per_week: 5,
	avg_session_minutes: 12,
	feature_adoption: 0.6,
	high_severity_tickets: 0,
};

describe('intervention tier (docs/sources.md#intervention-tiers intervention_triggers)', () => {
	it.each([
		[[], 'none'],
		[['low_rating'], 'monitor'],
		[['no_login_7_days'], 'monitor'],
		[['low_rating', 'short_sessions'], 'urgent'],
		[['no_login_7_days', 'no_login_14_days', 'nps_detractor'], 'urgent'],
		[['failed_payment'], 'immediate'],
		[['cancellation_request'], 'immediate'],
		[['low_rating', 'cancellation_request', 'nps_detractor'], 'immediate'],
	])('%j -> %s', (raised, tier) => {
		expect(interventionTier((raised as string[]).map((type) => ({ type })))).toBe(tier);
	});

	it('routes whole records: none, monitor, urgent, immediate', () => {
		expect(churn(HEALTHY)).toEqual({
			tier: 'none',
			atRisk: false,
			atRiskReasons: [],
			signals: [],
			playbook: null,
			suppressed: [],
			notEvaluated: [],
		});
		expect(churn({ ...HEALTHY, days_since_last_login: 8 })).toMatchObject({
			tier: 'monitor',
			playbook: 'save.no_login_7_days',
			signals: [
				{
					type: 'no_login_7_days',
					severity: 'medium',
					description: 'No login in 7+ days',
					metric: 'days_since_last_login',
					value: 8,
					threshold: 7,
					operator: '>',
				},
			],
		});
		// The agent specification fires both login signals past 14 days: two signals, urgent.
		expect(churn({ ...HEALTHY, days_since_last_login: 15 })).toMatchObject({
			tier: 'urgent',
			playbook: 'save.no_login_14_days',
			atRisk: true,
		});
		expect(types({ ...HEALTHY, days_since_last_login: 15 })).toEqual([
			'no_login_7_days',
			'no_login_14_days',
		]);
		expect(churn({ ...HEALTHY, failed_payments: 1 })).toMatchObject({
			tier: 'immediate',
			playbook: null,
		});
		expect(churn({ ...HEALTHY, cancellation_requested: 'true' })).toMatchObject({
			tier: 'immediate',
			playbook: 'save.cancellation_request',
		});
	});

	it('the SaaS retention strategy’s three high-risk indicators each raise one high signal', () => {
		const result = churn({
			...HEALTHY,
			logins_per_week: 1,
			avg_session_minutes: 3,
			feature_adoption: 0.1,
		});
		expect(result.signals.map((signal) => [signal.type, signal.severity, signal.value])).toEqual([
			['low_login_frequency', 'high', 1],
			['short_sessions', 'high', 3],
			['low_feature_adoption', 'high', 0.1],
		]);
		expect(result.tier).toBe('urgent');
		expect(result.playbook).toBeNull();
	});
});

describe('missing data', () => {
	it('lists every signal whose field is missing as not evaluated, and raises nothing from it', () => {
		const result = churn({ customer_id: 'cust-empty', nps_score: null, rating: '' });
		expect(result.tier).toBe('none');
		expect(result.signals).toEqual([]);
		expect(result.notEvaluated).toEqual([
			{ type: 'no_login_7_days', field: 'days_since_last_login' },
			{ type: 'no_login_14_days', field: 'days_since_last_login' },
			{ type: 'usage_drop_50', field: 'usage_change_percent' },
			{ type: 'nps_detractor', field: 'nps_score' },
			{ type: 'multiple_support_tickets', field: 'open_tickets' },
			{ type: 'failed_payment', field: 'failed_payments' },
			{ type: 'cancellation_request', field: 'cancellation_requested' },
			{ type: 'competitor_mention', field: 'competitor_mentioned' },
			{ type: 'low_rating', field: 'rating' },
			{ type: 'trial_expiring', field: 'trial_days_remaining' },
			{ type: 'no_key_action_14_days', field: 'days_since_key_action' },
			{ type: 'low_login_frequency', field: 'logins_per_week' },
			{ type: 'short_sessions', field: 'avg_session_minutes' },
			{ type: 'low_feature_adoption', field: 'feature_adoption' },
		]);
		expect(result.atRisk).toBe(false);
	});

	it('derives days from dates in the customer’s time zone (deriveDays) before detecting', () => {
		const result = churn({
			customer_id: 'cust-dates',
			timezone: 'America/Mexico_City',
			// 2026-03-02 18:30 in Mexico City (00:30 UTC on the 3rd): 8 calendar days before 2026-03-10 local.
			last_login_at: '2026-03-03T00:30:00Z',
			last_key_action_at: '2026-02-20T12:00:00Z',
			trial_ends_at: '2026-03-15',
		});
		expect(result.signals.map((signal) => [signal.type, signal.metric, signal.value])).toEqual([
			['no_login_7_days', 'days_since_last_login', 8],
			['trial_expiring', 'trial_days_remaining', 5],
			['no_key_action_14_days', 'days_since_key_action', 18],
		]);
		// The same login seen from UTC is 7 calendar days back: not above 7.
		expect(types({ customer_id: 'x', last_login_at: '2026-03-03T00:30:00Z' })).toEqual([]);
	});

	it('a field given beats the date it would be derived from', () => {
		expect(types({ days_since_last_login: 2, last_login_at: '2026-01-01T00:00:00Z' })).toEqual([]);
	});

	it('fails on a malformed date, naming the field', () => {
		expect(() => churn({ last_login_at: 'last week' })).toThrow(
			'last_login_at: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "last week")',
		);
	});

	it('reads the record at the Customer Record Path', () => {
		const result = churn(
			{ customer: { ...HEALTHY, open_tickets: 3 } },
			{ customerPath: 'customer' },
		);
		expect(result.signals.map((signal) => signal.type)).toEqual(['multiple_support_tickets']);
		expect(() => churn({ customer: 'x' }, { customerPath: 'customer' })).toThrow(
			'Field "customer" must hold the customer record as an object (got string "x")',
		);
	});
});

describe('at risk (docs/sources.md#at-risk-check isAtRisk)', () => {
	const atRisk = (item: Record<string, unknown>, record: Record<string, unknown> = item) =>
		assessAtRisk(item, record);

	it.each([
		[{ health_score: 39 }, true],
		[{ health_score: 40 }, false],
		[{ days_since_last_login: 15 }, true],
		[{ days_since_last_login: 14 }, false],
		[{ high_severity_tickets: 3 }, true],
		[{ high_severity_tickets: 2 }, false],
		[{ nps_score: 6 }, true],
		[{ nps_score: 7 }, false],
		[{}, false],
		[{ health_score: null, nps_score: '', high_severity_tickets: undefined }, false],
	])('%j -> %p', (record, expected) => {
		expect(atRisk(record).atRisk).toBe(expected);
	});

	it('explains which conditions hold', () => {
		expect(
			atRisk({
				health_score: '35',
				days_since_last_login: 20,
				high_severity_tickets: 3,
				nps_score: 2,
			}),
		).toEqual({
			atRisk: true,
			atRiskReasons: [
				{ metric: 'health_score', operator: '<', threshold: 40, value: 35 },
				{ metric: 'days_since_last_login', operator: '>', threshold: 14, value: 20 },
				{ metric: 'high_severity_tickets', operator: '>', threshold: 2, value: 3 },
				{ metric: 'nps_score', operator: '<=', threshold: 6, value: 2 },
			],
		});
	});

	it('prefers health.score written by Customer Health Score at the item’s top level', () => {
		const record = { health_score: 90 };
		expect(atRisk({ health: { score: 38 } }, record).atRiskReasons).toEqual([
			{ metric: 'health.score', operator: '<', threshold: 40, value: 38 },
		]);
		expect(atRisk({ health: { score: 80 } }, { health_score: 10 }).atRisk).toBe(false);
		// Insufficient data (score null): the record's field decides.
		expect(atRisk({ health: { score: null } }, { health_score: 10 }).atRiskReasons[0].metric).toBe(
			'health_score',
		);
		// With a record path, health stays at the item's top level.
		const result = churn(
			{ health: { score: 20 }, customer: { customer_id: 'x' } },
			{ customerPath: 'customer' },
		);
		expect(result.atRiskReasons).toEqual([
			{ metric: 'health.score', operator: '<', threshold: 40, value: 20 },
		]);
	});

	it('rejects scores out of range instead of guessing', () => {
		expect(() => atRisk({ health: { score: 140 } })).toThrow(
			'health.score: must be a health score from 0 to 100 (got 140)',
		);
		expect(() => atRisk({ nps_score: 'n/a' })).toThrow(
			'nps_score: must be a whole number from 0 to 10 for the at-risk check (got "n/a")',
		);
	});

	it('is independent of snoozes and cooldowns', () => {
		const result = churn({ ...HEALTHY, nps_score: 3, snoozed_signals: ['nps_detractor'] });
		expect(result).toMatchObject({ tier: 'none', atRisk: true, signals: [] });
	});
});

describe('snoozes (record field snoozed_signals)', () => {
	const zone = 'Europe/Madrid';

	it('accepts types, { type, until } and comma-separated text; only snoozes still in force count', () => {
		expect(
			activeSnoozes(
				[
					'low_rating',
					{ type: 'nps_detractor', until: '2026-03-11' },
					{ type: 'short_sessions', until: '2026-03-10T12:00:00Z' },
				],
				reference,
				zone,
			),
		).toEqual(
			new Map([
				['low_rating', null],
				['nps_detractor', '2026-03-11T00:00:00.000+01:00'],
			]),
		);
		expect(activeSnoozes('low_rating, nps_detractor', reference, zone)).toEqual(
			new Map([
				['low_rating', null],
				['nps_detractor', null],
			]),
		);
		expect(activeSnoozes(undefined, reference, zone)).toEqual(new Map());
		expect(activeSnoozes([], reference, zone)).toEqual(new Map());
	});

	it('keeps the longest snooze of a type listed twice', () => {
		const twice = [
			{ type: 'low_rating', until: '2026-04-01' },
			{ type: 'low_rating', until: '2026-03-20' },
		];
		expect(activeSnoozes(twice, reference, zone).get('low_rating')).toBe(
			'2026-04-01T00:00:00.000+02:00',
		);
		expect(activeSnoozes([...twice, 'low_rating'], reference, zone).get('low_rating')).toBeNull();
	});

	it('rejects malformed snoozes, naming the entry', () => {
		expect(() => activeSnoozes({ type: 'x' }, reference, zone)).toThrow(
			'snoozed_signals: must be a list of signal types or of { type, until } (got an object)',
		);
		expect(() => activeSnoozes([5], reference, zone)).toThrow(
			'snoozed_signals.0: must be a signal type such as "nps_detractor" (got number 5)',
		);
		expect(() => activeSnoozes(['a', { until: '2026-04-01' }], reference, zone)).toThrow(
			'snoozed_signals.1.type: must be a signal type such as "nps_detractor" (got nothing)',
		);
		expect(() => activeSnoozes([{ type: 'a', until: 'soon' }], reference, zone)).toThrow(
			'snoozed_signals.0.until: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "soon")',
		);
	});

	it('reports snoozed signals as suppressed, not raised, and not counted for the tier', () => {
		const result = churn({
			...HEALTHY,
			timezone: zone,
			nps_score: 4,
			rating: 3,
			failed_payments: 2,
			snoozed_signals: [
				{ type: 'failed_payment', until: '2026-03-12' },
				'low_rating',
				{ type: 'nps_detractor', until: '2026-03-01' },
			],
		});
		expect(result.signals.map((signal) => signal.type)).toEqual(['nps_detractor']);
		expect(result.suppressed).toEqual([
			{ type: 'failed_payment', reason: 'snoozed', until: '2026-03-12T00:00:00.000+01:00' },
			{ type: 'low_rating', reason: 'snoozed', until: null },
		]);
		expect(result.tier).toBe('monitor');
		expect(result.playbook).toBe('save.nps_detractor');
	});
});

describe('assess, then finalize with cooldown decisions', () => {
	it('needs customer_id when the cooldown is on', () => {
		expect(() => assessChurn({ nps_score: 3 }, { ...config, cooldownDays: 7 })).toThrow(
			'customer_id: is required when Cooldown (Days) is set, to remember which customer was alerted (got null)',
		);
		expect(
			assessChurn({ customer_id: 42, nps_score: 3 }, { ...config, cooldownDays: 7 }).customerId,
		).toBe('42');
	});

	it('gives the reference day in the customer’s zone, the cooldown’s calendar', () => {
		const late = DateTime.fromISO('2026-03-10T23:30:00Z', { zone: 'UTC' });
		expect(assessChurn({ timezone: 'Europe/Madrid' }, { ...config, reference: late }).day).toBe(
			'2026-03-11',
		);
		expect(assessChurn({}, { ...config, reference: late }).day).toBe('2026-03-10');
	});

	it('moves cooled-down signals to suppressed with their end, after snoozed ones are set aside', () => {
		const assessment = assessChurn(
			{
				...HEALTHY,
				customer_id: 'c1',
				timezone: 'Europe/Madrid',
				nps_score: 2,
				rating: 3,
				open_tickets: 4,
				snoozed_signals: ['low_rating'],
			},
			{ ...config, cooldownDays: 7 },
		);
		expect(assessment.detected.map((signal) => signal.type)).toEqual([
			'nps_detractor',
			'multiple_support_tickets',
			'low_rating',
		]);
		const result = finalizeChurn(assessment, [
			{ cooledDown: true, untilDay: '2026-03-15' },
			{ cooledDown: false },
		]);
		expect(result).toMatchObject({
			tier: 'monitor',
			signals: [{ type: 'multiple_support_tickets' }],
			playbook: null,
			suppressed: [
				{ type: 'nps_detractor', reason: 'cooldown', until: '2026-03-15T00:00:00.000+01:00' },
				{ type: 'low_rating', reason: 'snoozed', until: null },
			],
		});
		expect(() => finalizeChurn(assessment, [{ cooledDown: false }])).toThrow(
			'Expected 2 cooldown decisions, got 1',
		);
	});

	it('runs custom signals after the built-in ones; they count for the tier', () => {
		const rules = [
			...builtInRules(['nps_detractor']),
			...customRules([
				{
					type: 'seat_contraction',
					field: 'team_size_change',
					operator: 'lt',
					value: '-0.2',
					severity: 'high',
				},
			]),
		];
		const result = churn({ nps_score: 5, team_size_change: -0.25 }, { rules });
		expect(
			result.signals.map((signal) => [signal.type, signal.severity, signal.description]),
		).toEqual([
			['nps_detractor', 'high', 'NPS detractor score'],
			['seat_contraction', 'high', 'team_size_change < -0.2'],
		]);
		expect(result.tier).toBe('urgent');
		expect(churn({ nps_score: 5 }, { rules }).notEvaluated).toEqual([
			{ type: 'seat_contraction', field: 'team_size_change' },
		]);
	});
});
