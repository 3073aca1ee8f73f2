import { DateTime } from 'luxon';

import { EXPANSION_SIGNALS, TOTAL_SIGNAL_WEIGHT } from '../../../src/expansion';
import { expand, firedTypes } from './helpers';

describe('docs/sources.md#expansion-signals EXPANSION_SIGNALS: types, weights, descriptions', () => {
	it('has the seven signals with the seed weights, summing to 4.6', () => {
		expect(EXPANSION_SIGNALS.map((signal) => [signal.type, signal.weight])).toEqual([
			['approaching_limit', 0.9],
			['feature_attempts', 0.8],
			['high_engagement', 0.6],
			['team_growth', 0.7],
			['success_metrics', 0.7],
			['nps_promoter', 0.5],
			['renewal_approaching', 0.4],
		]);
		expect(TOTAL_SIGNAL_WEIGHT).toBeCloseTo(4.6, 12);
	});

	it('reports each fired signal with the seed description, the metric, its value and threshold', () => {
		const result = expand({
			usage_vs_limit: 0.9,
			blocked_feature_attempts: 4,
			engagement_score: 81,
			team_size_change: 0.25,
			business_outcomes: 120,
			business_targets: 100,
			nps_score: 9,
			days_to_renewal: 60,
		});
		expect(result.signals).toEqual([
			{
				type: 'approaching_limit',
				weight: 0.9,
				description: 'Using 80%+ of plan limits',
				metric: 'usage_vs_limit',
				value: 0.9,
				threshold: 0.8,
				early: false,
			},
			{
				type: 'feature_attempts',
				weight: 0.8,
				description: 'Attempting to use premium features',
				metric: 'blocked_feature_attempts',
				value: 4,
				threshold: 3,
			},
			{
				type: 'high_engagement',
				weight: 0.6,
				description: 'Very high product engagement',
				metric: 'engagement_score',
				value: 81,
				threshold: 80,
				source: 'engagement',
			},
			{
				type: 'team_growth',
				weight: 0.7,
				description: 'Team has grown 20%+',
				metric: 'team_size_change',
				value: 0.25,
				threshold: 0.2,
			},
			{
				type: 'success_metrics',
				weight: 0.7,
				description: 'Exceeding success metrics',
				metric: 'business_outcomes',
				value: 120,
				threshold: 100,
			},
			{
				type: 'nps_promoter',
				weight: 0.5,
				description: 'NPS promoter',
				metric: 'nps_score',
				value: 9,
				threshold: 9,
			},
			{
				type: 'renewal_approaching',
				weight: 0.4,
				description: 'Renewal within 60 days',
				metric: 'days_to_renewal',
				value: 60,
				threshold: 60,
			},
		]);
		expect(result.probability).toBe(1);
		expect(result.notEvaluated).toEqual([]);
	});
});

describe('each signal at and around its threshold', () => {
	it.each([
		[0.79, false],
		[0.8, false],
		[0.8001, true],
		[0.81, true],
		['0.85', true],
		[1.2, true],
	])('approaching_limit: usage_vs_limit %p fires: %p (> 0.8)', (value, fires) => {
		expect(firedTypes({ usage_vs_limit: value })).toEqual(fires ? ['approaching_limit'] : []);
	});

	it.each([
		[2, false],
		[3, false],
		[4, true],
		['5', true],
	])('feature_attempts: blocked_feature_attempts %p fires: %p (> 3)', (value, fires) => {
		expect(firedTypes({ blocked_feature_attempts: value })).toEqual(
			fires ? ['feature_attempts'] : [],
		);
	});

	it.each([
		[79, false],
		[80, false],
		[80.5, true],
		[81, true],
	])('high_engagement: engagement_score %p fires: %p (> 80)', (value, fires) => {
		expect(firedTypes({ engagement_score: value })).toEqual(fires ? ['high_engagement'] : []);
	});

	it.each([
		[0.19, false],
		[0.2, false],
		[0.21, true],
		[-0.3, false],
	])('team_growth: team_size_change %p fires: %p (> 0.2)', (value, fires) => {
		expect(firedTypes({ team_size_change: value })).toEqual(fires ? ['team_growth'] : []);
	});

	it.each([
		[99, false],
		[100, false],
		[100.01, true],
	])(
		'success_metrics: business_outcomes %p against business_targets 100 fires: %p (>)',
		(value, fires) => {
			expect(firedTypes({ business_outcomes: value, business_targets: 100 })).toEqual(
				fires ? ['success_metrics'] : [],
			);
		},
	);

	it.each([
		[8, false],
		['8', false],
		[9, true],
		[10, true],
	])('nps_promoter: nps_score %p fires: %p (>= 9)', (value, fires) => {
		expect(firedTypes({ nps_score: value })).toEqual(fires ? ['nps_promoter'] : []);
	});

	it.each([
		[61, false],
		[60, true],
		[59, true],
		[0, true],
		[-1, false],
		[-300, false],
	])(
		'renewal_approaching: days_to_renewal %p fires: %p (0 <= days <= 60; a past renewal does not)',
		(value, fires) => {
			expect(firedTypes({ days_to_renewal: value })).toEqual(fires ? ['renewal_approaching'] : []);
		},
	);
});

describe('renewal_approaching from renewal_date (deriveDays, calendar days in the customer zone)', () => {
	it('derives 60 days from renewal_date and reports where the value came from', () => {
		const result = expand({ renewal_date: '2027-01-22T09:00:00Z' });
		expect(result.signals).toEqual([
			{
				type: 'renewal_approaching',
				weight: 0.4,
				description: 'Renewal within 60 days',
				metric: 'days_to_renewal',
				value: 60,
				threshold: 60,
				derivedFrom: 'renewal_date',
			},
		]);
		expect(result.probability).toBe(0.09);
	});

	it('does not fire at 61 days, and an explicit days_to_renewal wins over the date', () => {
		expect(firedTypes({ renewal_date: '2027-01-23' })).toEqual([]);
		expect(firedTypes({ renewal_date: '2027-01-22', days_to_renewal: 90 })).toEqual([]);
	});

	it('counts calendar days in the customer time zone', () => {
		// 23:30 UTC on 2026-11-23 is already 2026-11-24 in Madrid: 2027-01-23 is then 60 days away there, 61 in UTC.
		const late = DateTime.fromISO('2026-11-23T23:30:00Z', { zone: 'UTC' });
		expect(
			expand({ renewal_date: '2027-01-23T12:00:00Z', timezone: 'Europe/Madrid' }, {}, late).signals,
		).toHaveLength(1);
		expect(expand({ renewal_date: '2027-01-23T12:00:00Z' }, {}, late).signals).toHaveLength(0);
	});

	it('fails the item on a malformed renewal_date, but ignores a malformed date it does not read', () => {
		expect(() => expand({ renewal_date: 'soon' })).toThrow(
			'renewal_date: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "soon")',
		);
		expect(expand({ last_login_at: 'yesterday', nps_score: 9 }).signals.map((s) => s.type)).toEqual(
			['nps_promoter'],
		);
	});
});

describe('high_engagement reads the engagement score, with the health score as a stand-in', () => {
	const signal = (value: number, metric: string, source: string) => ({
		type: 'high_engagement',
		weight: 0.6,
		description: 'Very high product engagement',
		metric,
		value,
		threshold: 80,
		source,
	});

	it('uses engagement.score at the item top level (Engagement Score node) first', () => {
		const result = expand({
			engagement: { score: 81, level: 'high' },
			engagement_score: 10,
			health: { score: 10 },
		});
		expect(result.signals).toEqual([signal(81, 'engagement.score', 'engagement')]);
	});

	it('engagement.score wins even when it does not fire (80 is not above 80)', () => {
		expect(
			firedTypes({ engagement: { score: 80 }, engagement_score: 95, health: { score: 95 } }),
		).toEqual([]);
	});

	it('then the record field engagement_score, before the health score', () => {
		const result = expand({ engagement_score: 81, health: { score: 10 } });
		expect(result.signals).toEqual([signal(81, 'engagement_score', 'engagement')]);
		expect(firedTypes({ engagement_score: 80, health: { score: 95 } })).toEqual([]);
	});

	it('an engagement.score of null (insufficient data) falls through to engagement_score', () => {
		expect(
			expand({ engagement: { score: null, level: 'insufficient_data' }, engagement_score: 95 })
				.signals[0],
		).toEqual(signal(95, 'engagement_score', 'engagement'));
	});

	it('without an engagement score, health.score stands in and says so', () => {
		expect(expand({ health: { score: 81, grade: 'A' } }).signals).toEqual([
			signal(81, 'health.score', 'health_stand_in'),
		]);
		expect(
			expand({ engagement: { score: null }, engagement_score: '', health: { score: 81 } })
				.signals[0],
		).toEqual(signal(81, 'health.score', 'health_stand_in'));
		expect(firedTypes({ health: { score: 80 } })).toEqual([]);
	});

	it('a score that is not used is not read: a bad health.score does not fail an item with an engagement score', () => {
		expect(firedTypes({ engagement: { score: 90 }, health: { score: 'great' } })).toEqual([
			'high_engagement',
		]);
	});

	it('a used score outside 0-100 fails the item naming its field', () => {
		expect(() => expand({ engagement: { score: 140 } })).toThrow(
			'engagement.score: must be a score from 0 to 100 (got 140)',
		);
		expect(() => expand({ engagement_score: -1 })).toThrow(
			'engagement_score: must be a score from 0 to 100 (got -1)',
		);
		expect(() => expand({ health: { score: 101 } })).toThrow(
			'health.score: must be a health score from 0 to 100 (got 101)',
		);
	});

	it('is not evaluated when none is there, naming the three', () => {
		expect(expand({ health: { score: null }, engagement: 'high' }).notEvaluated).toContainEqual({
			type: 'high_engagement',
			fields: ['engagement.score', 'engagement_score', 'health.score'],
			reason: 'engagement.score is absent, engagement_score is absent and health.score is absent',
		});
	});
});

describe('a missing input never fires and is listed as not evaluated (never read as 0)', () => {
	it('lists all seven for an empty record, with probability 0 and no opportunity', () => {
		const result = expand({ customer_id: 'c-1' });
		expect(result).toEqual({
			probability: 0,
			signals: [],
			opportunities: [],
			notEvaluated: [
				{
					type: 'approaching_limit',
					fields: ['usage_vs_limit'],
					reason: 'usage_vs_limit is absent',
				},
				{
					type: 'feature_attempts',
					fields: ['blocked_feature_attempts'],
					reason: 'blocked_feature_attempts is absent',
				},
				{
					type: 'high_engagement',
					fields: ['engagement.score', 'engagement_score', 'health.score'],
					reason:
						'engagement.score is absent, engagement_score is absent and health.score is absent',
				},
				{ type: 'team_growth', fields: ['team_size_change'], reason: 'team_size_change is absent' },
				{
					type: 'success_metrics',
					fields: ['business_outcomes', 'business_targets'],
					reason: 'business_outcomes is absent and business_targets is absent',
				},
				{ type: 'nps_promoter', fields: ['nps_score'], reason: 'nps_score is absent' },
				{
					type: 'renewal_approaching',
					fields: ['days_to_renewal'],
					reason: 'days_to_renewal is absent',
				},
			],
			limitForecast: null,
			skippedOpportunities: [],
		});
	});

	// Was: "n/a" for usage_vs_limit was "not evaluated". A value outside its field's rule now fails the item in every
	// node (src/customer/fieldRules.ts); only the optional extras (the growth rate, the add-on triggers) are left out.
	it('treats null and blank strings as absent, and fails a value outside its field’s rule', () => {
		expect(() => expand({ usage_vs_limit: 'n/a' })).toThrow(
			'usage_vs_limit: must be a number from 0 to 10 (got "n/a")',
		);
		const result = expand({
			nps_score: null,
			days_to_renewal: '',
			usage_vs_limit: '  ',
			business_outcomes: 5,
		});
		expect(
			result.notEvaluated.filter((entry) =>
				['nps_promoter', 'renewal_approaching', 'approaching_limit', 'success_metrics'].includes(
					entry.type,
				),
			),
		).toEqual([
			{ type: 'approaching_limit', fields: ['usage_vs_limit'], reason: 'usage_vs_limit is absent' },
			{
				type: 'success_metrics',
				fields: ['business_outcomes', 'business_targets'],
				reason: 'business_targets is absent',
			},
			{ type: 'nps_promoter', fields: ['nps_score'], reason: 'nps_score is absent' },
			{
				type: 'renewal_approaching',
				fields: ['days_to_renewal'],
				reason: 'days_to_renewal is absent',
			},
		]);
	});

	it('an evaluated signal that does not fire is neither a signal nor "not evaluated"', () => {
		const result = expand({ nps_score: 3 });
		expect(result.signals).toEqual([]);
		expect(result.notEvaluated.map((entry) => entry.type)).not.toContain('nps_promoter');
	});
});

describe('configurable thresholds', () => {
	it('moves each threshold and the descriptions that name it', () => {
		const thresholds = { usageVsLimit: 0.9, teamSizeChange: 0.5, daysToRenewal: 30, npsScore: 10 };
		expect(
			firedTypes(
				{ usage_vs_limit: 0.85, team_size_change: 0.4, days_to_renewal: 45, nps_score: 9 },
				{ thresholds },
			),
		).toEqual([]);
		const result = expand(
			{ usage_vs_limit: 0.95, team_size_change: 0.55, days_to_renewal: 30, nps_score: 10 },
			{ thresholds },
		);
		expect(result.signals.map((signal) => [signal.description, signal.threshold])).toEqual([
			['Using 90%+ of plan limits', 0.9],
			['Team has grown 50%+', 0.5],
			['NPS promoter', 10],
			['Renewal within 30 days', 30],
		]);
	});
});
