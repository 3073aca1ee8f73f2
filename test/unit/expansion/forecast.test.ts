import { DateTime } from 'luxon';

import { fitUsageLine, forecastLimit } from '../../../src/expansion';
import { expand } from './helpers';

/** Midnight UTC, so history dates fall on whole days before the reference. */
const MIDNIGHT = DateTime.fromISO('2026-11-23T00:00:00Z', { zone: 'UTC' });
const at = (item: Record<string, unknown>, settings = {}, reference = MIDNIGHT) =>
	expand(item, settings, reference);

describe('limit forecast from usage_growth_per_month (beyond the seeds)', () => {
	it.each([
		// usage, growth per 30 days, days to 1.0
		[0.5, 0.1, 150, '2027-04-22'], // 0.5 / 0.1 * 30
		[0.7, 0.15, 60, '2027-01-22'], // 0.3 / 0.15 * 30
		[0.75, 0.25, 30, '2026-12-23'], // 0.25 / 0.25 * 30
	])('usage %p growing %p a month reaches the limit in %p days', (usage, growth, days, date) => {
		expect(at({ usage_vs_limit: usage, usage_growth_per_month: growth }).limitForecast).toEqual({
			method: 'growth_rate',
			daysToLimit: days,
			projectedDate: date,
			growthPerMonth: growth,
			reason: null,
		});
	});

	it('counts calendar days to the projected instant: 31.25 days from midnight is day 31', () => {
		// 0.25 / 0.24 * 30 = 31.25 days -> 2026-12-24T06:00Z
		expect(at({ usage_vs_limit: 0.75, usage_growth_per_month: 0.24 }).limitForecast).toMatchObject({
			daysToLimit: 31,
			projectedDate: '2026-12-24',
		});
	});

	it('has no projection for flat or falling usage, and none without the current usage', () => {
		expect(at({ usage_vs_limit: 0.5, usage_growth_per_month: 0 }).limitForecast).toEqual({
			method: 'growth_rate',
			daysToLimit: null,
			projectedDate: null,
			growthPerMonth: 0,
			reason: 'usage is flat or falling',
		});
		expect(at({ usage_vs_limit: 0.5, usage_growth_per_month: -0.1 }).limitForecast).toMatchObject({
			daysToLimit: null,
			growthPerMonth: -0.1,
			reason: 'usage is flat or falling',
		});
		expect(at({ usage_growth_per_month: 0.1 }).limitForecast).toEqual({
			method: 'growth_rate',
			daysToLimit: null,
			projectedDate: null,
			growthPerMonth: 0.1,
			reason: 'usage_vs_limit is absent: a growth rate needs the current usage',
		});
		expect(at({ usage_vs_limit: 0.5, usage_growth_per_month: 'fast' }).limitForecast).toMatchObject(
			{
				daysToLimit: null,
				growthPerMonth: null,
				reason: 'usage_growth_per_month must be a number from -10 to 10 (got "fast")',
			},
		);
	});

	it('is 0 days, today, when usage is already at or over the limit and still growing', () => {
		expect(at({ usage_vs_limit: 1.1, usage_growth_per_month: 0.05 }).limitForecast).toMatchObject({
			daysToLimit: 0,
			projectedDate: '2026-11-23',
		});
	});

	it('is null when neither a history nor a growth rate is given', () => {
		expect(at({ usage_vs_limit: 0.5 }).limitForecast).toBeNull();
	});
});

describe('limit forecast from usage_vs_limit_history (least squares, luxon dates)', () => {
	it('fits a straight line: 0.4, 0.5, 0.6 every 15 days reach 1.0 in 60 days', () => {
		const history = [
			{ date: '2026-10-24', value: 0.4 },
			{ date: '2026-11-08', value: 0.5 },
			{ date: '2026-11-23', value: 0.6 },
		];
		expect(at({ usage_vs_limit_history: history }).limitForecast).toEqual({
			method: 'history',
			daysToLimit: 60,
			projectedDate: '2027-01-22',
			growthPerMonth: 0.2,
			reason: null,
		});
	});

	it('least squares over scattered points: slope 0.006 a day, 0.59 today, limit in 68.33 days', () => {
		// x = -30, -20, -10, 0; y = 0.4, 0.5, 0.5, 0.6: mean x -15, mean y 0.5, Sxy 3, Sxx 500.
		const history = [
			{ date: '2026-11-23T00:00:00Z', value: 0.6 },
			{ date: '2026-10-24T00:00:00Z', value: 0.4 },
			{ date: '2026-11-03T00:00:00Z', value: '0.5' },
			{ date: '2026-11-13T00:00:00Z', value: 0.5 },
		];
		const line = fitUsageLine(
			history.map((p) => ({
				at: DateTime.fromISO(p.date, { zone: 'UTC' }),
				value: Number(p.value),
			})),
			MIDNIGHT,
		);
		expect(line?.slopePerDay).toBeCloseTo(0.006, 12);
		expect(line?.atReference).toBeCloseTo(0.59, 12);
		// 0.41 / 0.006 = 68.33 days -> 2027-01-30T08:00Z
		expect(at({ usage_vs_limit_history: history }).limitForecast).toEqual({
			method: 'history',
			daysToLimit: 68,
			projectedDate: '2027-01-30',
			growthPerMonth: 0.18,
			reason: null,
		});
	});

	it('gives the projected date in the customer time zone', () => {
		const history = [
			{ date: '2026-11-03T00:00:00Z', value: 0.5 },
			{ date: '2026-11-23T00:00:00Z', value: 0.7 },
		];
		// 0.3 / 0.01 = 30 days -> 2026-12-23T00:00Z, which is still 2026-12-22 in Los Angeles (and so is the reference's day).
		expect(
			at({ usage_vs_limit_history: history, timezone: 'America/Los_Angeles' }).limitForecast,
		).toMatchObject({
			daysToLimit: 30,
			projectedDate: '2026-12-22',
		});
	});

	it('flat or falling history has no projection', () => {
		const flat = [
			{ date: '2026-11-01', value: 0.7 },
			{ date: '2026-11-20', value: 0.7 },
		];
		const falling = [
			{ date: '2026-11-01', value: 0.7 },
			{ date: '2026-11-20', value: 0.6 },
		];
		expect(at({ usage_vs_limit_history: flat }).limitForecast).toMatchObject({
			daysToLimit: null,
			growthPerMonth: 0,
			reason: 'usage is flat or falling',
		});
		expect(at({ usage_vs_limit_history: falling }).limitForecast).toMatchObject({
			daysToLimit: null,
			reason: 'usage is flat or falling',
		});
	});

	it('needs two points on different dates; falls back to usage_growth_per_month when that is given', () => {
		const one = [{ date: '2026-11-20', value: 0.7 }];
		const sameDay = [
			{ date: '2026-11-20', value: 0.6 },
			{ date: '2026-11-20', value: 0.7 },
		];
		for (const history of [[], one, sameDay]) {
			expect(at({ usage_vs_limit_history: history }).limitForecast).toEqual({
				method: 'history',
				daysToLimit: null,
				projectedDate: null,
				growthPerMonth: null,
				reason: 'usage_vs_limit_history needs at least two points on different dates',
			});
		}
		expect(
			at({ usage_vs_limit_history: one, usage_vs_limit: 0.7, usage_growth_per_month: 0.3 })
				.limitForecast,
		).toMatchObject({
			method: 'growth_rate',
			daysToLimit: 30,
		});
	});

	it('prefers the history over the growth rate when both can project', () => {
		const history = [
			{ date: '2026-10-24', value: 0.4 },
			{ date: '2026-11-23', value: 0.6 },
		];
		expect(
			at({ usage_vs_limit_history: history, usage_vs_limit: 0.6, usage_growth_per_month: 0.4 })
				.limitForecast,
		).toMatchObject({
			method: 'history',
			daysToLimit: 60,
		});
	});

	it('fails the item on a malformed history, naming the entry', () => {
		expect(() =>
			at({
				usage_vs_limit_history: [
					{ date: '2026-11-01', value: 0.5 },
					{ date: 'last week', value: 0.6 },
				],
			}),
		).toThrow(
			'usage_vs_limit_history.1.date: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "last week")',
		);
		expect(() => at({ usage_vs_limit_history: [{ date: '2026-11-01', value: 'high' }] })).toThrow(
			'usage_vs_limit_history.0.value: must be a number from 0 to 10 (got "high")',
		);
		expect(() => at({ usage_vs_limit_history: [{ value: 0.5 }] })).toThrow(
			'usage_vs_limit_history.0.date: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got nothing)',
		);
		expect(() => at({ usage_vs_limit_history: { date: '2026-11-01', value: 0.5 } })).toThrow(
			'usage_vs_limit_history: must be an array of { "date", "value" } points (got an object)',
		);
	});

	it('forecastLimit returns null without inputs', () => {
		expect(forecastLimit({ usage: 0.5 }, MIDNIGHT, 'UTC')).toBeNull();
	});
});

describe('approaching_limit raised early by the forecast', () => {
	it('fires early at exactly the 30-day horizon, with the projection in its description', () => {
		const result = at({
			plan: 'starter',
			mrr: 400,
			usage_vs_limit: 0.75,
			usage_growth_per_month: 0.25,
		});
		expect(result.signals).toEqual([
			{
				type: 'approaching_limit',
				weight: 0.9,
				description:
					'Using 75% of plan limits, projected to reach the plan limit in 30 days (2026-12-23)',
				metric: 'usage_vs_limit',
				value: 0.75,
				threshold: 0.8,
				early: true,
			},
		]);
		expect(result.probability).toBe(0.2);
		expect(result.opportunities).toEqual([
			{
				type: 'upsell',
				product: 'growth',
				estimatedValue: 200,
				probability: 0.2,
				recommendedAction: 'Present upgrade to higher plan',
				timing: 'now',
				signals: [
					'Using 75% of plan limits, projected to reach the plan limit in 30 days (2026-12-23)',
				],
				basis: '50% of mrr 400',
				note: null,
			},
		]);
	});

	it('does not fire at 31 days with the default horizon, and does with a 31-day horizon', () => {
		const record = { usage_vs_limit: 0.75, usage_growth_per_month: 0.24 }; // 31 days
		expect(at(record).signals).toEqual([]);
		expect(at(record).notEvaluated.map((entry) => entry.type)).not.toContain('approaching_limit');
		expect(at(record, { forecastHorizonDays: 31 }).signals[0]).toMatchObject({
			type: 'approaching_limit',
			early: true,
		});
	});

	it('is not early when usage is already above 0.8: the seed rule fires and the forecast is still reported', () => {
		const result = at({ usage_vs_limit: 0.85, usage_growth_per_month: 0.1 });
		expect(result.signals[0]).toMatchObject({
			description: 'Using 80%+ of plan limits',
			value: 0.85,
			early: false,
		});
		expect(result.limitForecast).toMatchObject({ daysToLimit: 45, projectedDate: '2027-01-07' }); // 0.15 / 0.1 * 30
	});

	it('fires from a history alone, without usage_vs_limit, with value null', () => {
		const history = [
			{ date: '2026-11-03', value: 0.5 },
			{ date: '2026-11-23', value: 0.7 },
		];
		expect(at({ usage_vs_limit_history: history }).signals).toEqual([
			{
				type: 'approaching_limit',
				weight: 0.9,
				description: 'Projected to reach the plan limit in 30 days (2026-12-23)',
				metric: 'usage_vs_limit',
				value: null,
				threshold: 0.8,
				early: true,
			},
		]);
	});

	it('without usage_vs_limit, a projection beyond the horizon evaluates the signal (quiet); no projection leaves it not evaluated', () => {
		const slow = [
			{ date: '2026-10-24', value: 0.4 },
			{ date: '2026-11-23', value: 0.6 },
		];
		expect(at({ usage_vs_limit_history: slow }).notEvaluated.map((e) => e.type)).not.toContain(
			'approaching_limit',
		);
		const falling = [
			{ date: '2026-10-24', value: 0.6 },
			{ date: '2026-11-23', value: 0.4 },
		];
		expect(at({ usage_vs_limit_history: falling }).notEvaluated[0]).toEqual({
			type: 'approaching_limit',
			fields: ['usage_vs_limit'],
			reason: 'usage_vs_limit is absent',
		});
	});

	it('a horizon of 0 raises it early only when the limit is reached today', () => {
		expect(
			at({ usage_vs_limit: 0.75, usage_growth_per_month: 0.25 }, { forecastHorizonDays: 0 })
				.signals,
		).toEqual([]);
		const history = [
			{ date: '2026-11-13', value: 0.9 },
			{ date: '2026-11-23', value: 1 },
		];
		expect(
			at({ usage_vs_limit_history: history, usage_vs_limit: 0.8 }, { forecastHorizonDays: 0 })
				.signals[0],
		).toMatchObject({
			early: true,
			description:
				'Using 80% of plan limits, projected to reach the plan limit in 0 days (2026-11-23)',
		});
	});
});
