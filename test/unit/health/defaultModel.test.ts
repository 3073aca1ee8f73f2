import { DateTime } from 'luxon';

import {
	evaluateCustomerHealth,
	healthModelPreset,
	MissingHealthMetricsError,
	scoreHealth,
	type HealthResult,
} from '../../../src/health';
import { MIXED_CUSTOMER, PERFECT_CUSTOMER, SPARSE_CUSTOMER, WEAK_CUSTOMER } from './fixtures';

const model = healthModelPreset('default');
const reference = DateTime.fromISO('2026-11-23T12:00:00Z', { zone: 'UTC' });
const score = (record: Record<string, unknown>, options: Parameters<typeof scoreHealth>[2] = {}) =>
	scoreHealth(record, model, options);
const componentScores = (result: HealthResult) =>
	Object.fromEntries(result.components.map((c) => [c.key, c.score]));

describe('default model (docs/sources.md#health-default-weights HEALTH_SCORE_CONFIG, fixed)', () => {
	it('scores a perfect customer 100, grade A, healthy', () => {
		const result = score(PERFECT_CUSTOMER);
		expect(result).toMatchObject({
			model: 'default',
			score: 100,
			grade: 'A',
			category: 'healthy',
			trend: null,
			previousScore: null,
			coverage: 1,
			riskFactors: [],
			opportunities: ['Advocacy candidate', 'Expansion opportunity'],
			alerts: [],
			drivers: ['Every metric with data is at or beyond its ideal'],
		});
		expect(componentScores(result)).toEqual({
			product_usage: 100,
			engagement: 100,
			support: 100,
			relationship: 100,
			financial: 100,
		});
	});

	it('scores a mixed customer 58 (50*.30 + 50*.25 + 80*.15 + 55*.15 + 70*.15 = 58.25), grade C, critical', () => {
		const result = score(MIXED_CUSTOMER);
		expect(componentScores(result)).toEqual({
			product_usage: 50,
			engagement: 50,
			support: 80,
			relationship: 55,
			financial: 70,
		});
		expect(result.score).toBe(58);
		expect(result.grade).toBe('C');
		expect(result.category).toBe('critical');
		expect(result.riskFactors).toEqual(['No login in 15.5 days', 'NPS detractor (score: 5)']);
		expect(result.opportunities).toEqual(['Feature adoption training opportunity']);
		expect(result.alerts).toEqual([]);
	});

	it('explains a mixed customer: points lost per metric and the three biggest drivers', () => {
		const result = score(MIXED_CUSTOMER);
		const usage = result.components[0].metrics;
		expect(usage.map((m) => [m.key, m.normalized, m.points, m.maxPoints, m.pointsLost])).toEqual([
			['dau_mau_ratio', 50, 6, 12, 6],
			['feature_adoption', 50, 4.5, 9, 4.5],
			['conversations_per_week', 50, 4.5, 9, 4.5],
		]);
		const lost = result.components.flatMap((c) => c.metrics.map((m) => m.pointsLost ?? 0));
		expect(lost.reduce((a, b) => a + b, 0)).toBeCloseTo(100 - 58.25, 10);
		expect(result.drivers).toEqual([
			'DAU/MAU ratio (Product Usage) is 0.25: costs 6 of its 12 points',
			'Days since last login (Engagement) is 15.5: costs 5 of its 10 points',
			'Feature adoption (Product Usage) is 0.35: costs 4.5 of its 9 points',
		]);
	});

	it('scores a weak customer 16 (17, 12, 16, 10, 26), grade F, with the at-risk alert and risk factors', () => {
		const result = score(WEAK_CUSTOMER);
		expect(componentScores(result)).toEqual({
			product_usage: 17,
			engagement: 12,
			support: 16,
			relationship: 10,
			financial: 26,
		});
		expect(result.score).toBe(16);
		expect(result.grade).toBe('F');
		expect(result.category).toBe('critical');
		expect(result.alerts).toEqual([
			{
				type: 'customer_at_risk',
				severity: 'critical',
				message: 'Customer is now at-risk with grade F',
			},
		]);
		expect(result.riskFactors).toEqual([
			'Low Product Usage score (17)',
			'Low Engagement score (12)',
			'Low Support score (16)',
			'Low Relationship score (10)',
			'Low Financial score (26)',
			'No login in 30 days',
			'4 open support tickets',
			'NPS detractor (score: 2)',
		]);
	});

	it('accepts numeric strings as numbers', () => {
		const asStrings = Object.fromEntries(
			Object.entries(MIXED_CUSTOMER).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]),
		);
		expect(score(asStrings).score).toBe(58);
	});
});

describe('inverse metrics (docs/sources.md#diff-inverse-metrics fix: 100 at or below ideal, 0 at or beyond worst)', () => {
	const engagementOf = (days: number) =>
		score({ ...PERFECT_CUSTOMER, days_since_last_login: days }).components[1].metrics[0];

	it.each([
		[0, 100],
		[1, 100],
		[15.5, 50],
		[22.75, 25],
		[30, 0],
		[45, 0],
	])('days_since_last_login %p scores %p', (days, expected) => {
		expect(engagementOf(days).normalized).toBe(expected);
	});

	// Tickets and escalations are counts: whole numbers (src/customer/fieldRules.ts).
	it.each([
		[0, 100],
		[2, 60],
		[5, 0],
		[9, 0],
	])('open_tickets %p scores %p (ideal 0, worst 5: no division by zero)', (tickets, expected) => {
		expect(
			score({ ...PERFECT_CUSTOMER, open_tickets: tickets }).components[2].metrics[0].normalized,
		).toBe(expected);
	});

	it.each([
		[0, 100],
		[1, 66.67],
		[3, 0],
	])('escalations %p scores %p (ideal 0, worst 3)', (escalations, expected) => {
		expect(score({ ...PERFECT_CUSTOMER, escalations }).components[2].metrics[2].normalized).toBe(
			expected,
		);
	});
});

describe('missing data', () => {
	it('re-weights by default: the present metrics carry their component, coverage 0.45 is insufficient', () => {
		const result = score(SPARSE_CUSTOMER);
		expect(result.coverage).toBe(0.45);
		expect(result.score).toBeNull();
		expect(result.grade).toBeNull();
		expect(result.category).toBe('insufficient_data');
		expect(result.alerts).toEqual([]);
		expect(result.drivers[0]).toMatch(
			/^Not enough data: 45% of the model's weight had data, 50% is required\. Missing: days_since_last_login, open_tickets/,
		);
	});

	it('re-weights with a lower minimum coverage: (50*.30 + 100*.25) / .55 = 72.7 -> 73', () => {
		const result = score(SPARSE_CUSTOMER, { minCoverage: 0.4 });
		expect(result.score).toBe(73);
		expect(result.grade).toBe('B');
		expect(result.category).toBe('at_risk');
		expect(componentScores(result)).toEqual({
			product_usage: 50,
			engagement: 100,
			support: null,
			relationship: null,
			financial: null,
		});
		const days = result.components[1].metrics[0];
		expect(days).toMatchObject({
			key: 'days_since_last_login',
			missing: true,
			reason: 'absent',
			value: null,
			points: null,
			maxPoints: 0,
		});
		expect(result.components[1].coverage).toBe(0.6);
		// Engagement carries .25/.55 of the score; logins carry half of what Engagement has left: 100 * .4545 * .5.
		expect(result.components[1].metrics[1].maxPoints).toBe(22.73);
	});

	it("treats missing as zero when asked (the seed's behaviour: a missing login gap scores 100): 49", () => {
		const result = score(SPARSE_CUSTOMER, { missingData: 'zero', minCoverage: 0 });
		expect(componentScores(result)).toEqual({
			product_usage: 50,
			engagement: 100,
			support: 60,
			relationship: 0,
			financial: 0,
		});
		expect(result.score).toBe(49);
		expect(result.coverage).toBe(0.45);
		expect(result.components[1].metrics[0]).toMatchObject({ missing: true, normalized: 100 });
	});

	it('fails the record when asked, naming every missing field', () => {
		expect(() => score(SPARSE_CUSTOMER, { missingData: 'fail' })).toThrow(
			MissingHealthMetricsError,
		);
		expect(() =>
			score(
				{ ...PERFECT_CUSTOMER, meetings_attended: null, escalations: undefined },
				{ missingData: 'fail' },
			),
		).toThrow(
			'Missing or unusable health metrics: escalations (absent), meetings_attended (absent)',
		);
	});

	// Was: "reports a non-numeric value as missing, with the reason, and re-weights". A value outside its field's rule
	// now fails the item in every node (src/customer/fieldRules.ts): "ten" is no NPS answer, whatever the policy.
	it('fails a value outside its field’s rule, whatever the missing-data policy', () => {
		for (const missingData of ['reweight', 'zero', 'fail'] as const) {
			expect(() => score({ ...PERFECT_CUSTOMER, nps_score: 'ten' }, { missingData })).toThrow(
				'nps_score: must be a whole number from 0 to 10 (got "ten")',
			);
		}
	});

	it('has no data at all: insufficient, never NaN', () => {
		const result = score({});
		expect(result).toMatchObject({ score: null, coverage: 0, category: 'insufficient_data' });
	});
});

describe('trend and alerts (docs/sources.md#health-trend determineTrend, checkAlerts)', () => {
	it.each([
		[52, 'improving'],
		[53, 'stable'],
		[63, 'stable'],
		[64, 'declining'],
	])('previous %p -> score 58 is %p', (previous, trend) => {
		expect(score(MIXED_CUSTOMER, { previousScore: previous }).trend).toBe(trend);
	});

	it('raises health_score_drop only for a fall of more than 15', () => {
		expect(score(MIXED_CUSTOMER, { previousScore: 73 }).alerts).toEqual([]);
		expect(score(MIXED_CUSTOMER, { previousScore: 74 }).alerts).toEqual([
			{
				type: 'health_score_drop',
				severity: 'high',
				message: 'Health score dropped from 74 to 58',
			},
		]);
	});

	it('raises customer_at_risk on entering D or F, not while already there', () => {
		const fromD = score(WEAK_CUSTOMER, { previousScore: 35 });
		expect(fromD.alerts).toEqual([
			{
				type: 'health_score_drop',
				severity: 'high',
				message: 'Health score dropped from 35 to 16',
			},
		]);
		const fromC = score(WEAK_CUSTOMER, { previousScore: 40 });
		expect(fromC.alerts.map((a) => a.type)).toEqual(['health_score_drop', 'customer_at_risk']);
	});
});

describe('evaluateCustomerHealth (item level)', () => {
	const config = { model, reference, defaultTimeZone: 'UTC' };

	it('reads the previous score field and a nested record path', () => {
		const item = { customer: { ...MIXED_CUSTOMER, last_score: 52 } };
		const result = evaluateCustomerHealth(item, {
			...config,
			metricsPath: 'customer',
			previousScoreField: 'last_score',
		});
		expect(result).toMatchObject({ score: 58, previousScore: 52, trend: 'improving' });
	});

	it('derives days_since_last_login from last_login_at in the customer time zone', () => {
		const { days_since_last_login: _omit, ...rest } = MIXED_CUSTOMER;
		const atLogin = (zone?: string) =>
			evaluateCustomerHealth(
				{ ...rest, last_login_at: '2026-11-22T23:00:00Z', ...(zone ? { timezone: zone } : {}) },
				{ ...config, reference: DateTime.fromISO('2026-11-23T05:00:00Z') },
			).components[1].metrics[0];
		// 17:00 and 23:00 on the 22nd in Mexico City: the same calendar day.
		expect(atLogin('America/Mexico_City')).toMatchObject({
			value: 0,
			normalized: 100,
			derivedFrom: 'last_login_at',
		});
		// In UTC the login was on the 22nd and the reference is the 23rd.
		expect(atLogin()).toMatchObject({ value: 1, normalized: 100 });
		const older = evaluateCustomerHealth(
			{ ...rest, last_login_at: '2026-11-08T10:00:00Z' },
			config,
		);
		expect(older.components[1].metrics[0]).toMatchObject({
			value: 15,
			derivedFrom: 'last_login_at',
		});
	});

	it('keeps an explicit days_since_last_login over the date', () => {
		const result = evaluateCustomerHealth(
			{ ...MIXED_CUSTOMER, last_login_at: '2026-11-23T00:00:00Z' },
			config,
		);
		expect(result.components[1].metrics[0].value).toBe(15.5);
	});

	it('fails with the field named for a bad date, time zone, previous score or path', () => {
		expect(() => evaluateCustomerHealth({ last_login_at: 'yesterday' }, config)).toThrow(
			/^last_login_at: must be an ISO 8601 date/,
		);
		expect(() => evaluateCustomerHealth({ timezone: 'Mars/Olympus' }, config)).toThrow(
			/timezone: must be a valid IANA time zone/,
		);
		expect(() => evaluateCustomerHealth({ previous_health_score: 'high' }, config)).toThrow(
			'previous_health_score: must be a health score from 0 to 100 (got "high")',
		);
		expect(() =>
			evaluateCustomerHealth({ customer: 3 }, { ...config, metricsPath: 'customer' }),
		).toThrow('Field "customer" must hold the customer record as an object (got number 3)');
	});
});
