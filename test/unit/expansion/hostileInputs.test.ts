import { evaluateExpansion } from '../../../src/expansion';
import { expand, REFERENCE } from './helpers';

/** Issue 11 for Expansion Signals: impossible values, non-finite results, crash-style messages. */

function message(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		return (error as Error).message;
	}
	return 'no error';
}

/** The paths of every number that is NaN or infinite (JSON.stringify would hide them as null). */
function nonFinite(value: unknown, path = 'expansion'): string[] {
	if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, child]) => nonFinite(child, `${path}.${key}`));
}

describe('impossible values (class 1)', () => {
	it('an NPS of 12 is no promoter: the item fails', () => {
		expect(message(() => expand({ nps_score: 12 }))).toBe(
			'nps_score: must be a whole number from 0 to 10 (got 12)',
		);
	});

	it('a negative mrr gives no negative upsell value: the item fails', () => {
		expect(message(() => expand({ usage_vs_limit: 0.9, plan: 'growth', mrr: -490 }))).toBe(
			'mrr: must be a number of 0 or more (got -490)',
		);
	});

	it('a growth rate outside its rule is left out with the reason (an optional extra), never failing the item', () => {
		expect(expand({ usage_vs_limit: 0.5, usage_growth_per_month: '0x10' }).limitForecast).toEqual({
			method: 'growth_rate',
			daysToLimit: null,
			projectedDate: null,
			growthPerMonth: null,
			reason: 'usage_growth_per_month must be a number from -10 to 10 (got "0x10")',
		});
	});

	it('a history point after the reference time, or with an impossible value, fails naming the entry', () => {
		expect(
			message(() =>
				expand({
					usage_vs_limit_history: [
						{ date: '2026-11-01', value: 0.5 },
						{ date: '2099-01-01', value: 0.6 },
					],
				}),
			),
		).toBe(
			'usage_vs_limit_history.1.date: must be a past date, no more than 1 day after the reference time 2026-11-23T12:00:00.000Z (got "2099-01-01")',
		);
		expect(
			message(() =>
				expand({
					usage_vs_limit_history: [
						{ date: '2026-11-01', value: 1e308 },
						{ date: '2026-11-20', value: 0.6 },
					],
				}),
			),
		).toBe('usage_vs_limit_history.0.value: must be a number from 0 to 10 (got 1e+308)');
	});
});

describe('non-finite results (class 2)', () => {
	it('an upsell value that overflows fails naming the estimate, never estimatedValue: Infinity', () => {
		expect(
			message(() =>
				expand({ usage_vs_limit: 0.9, plan: 'growth', mrr: 1e308 }, { upsellShareOfMrr: 2 }),
			),
		).toBe(
			'estimatedValue of upsell: is not a finite amount for mrr 1e+308 at 200% of mrr (got Infinity)',
		);
	});

	it('so does a seat count that overflows', () => {
		expect(message(() => expand({ team_size_change: 1e308, seats: 10, mrr: 100 }))).toBe(
			'estimatedValue of add_seats: is not a finite amount for 10 -> Infinity seats (+Infinity) at mrr 100 / 10 seats (got Infinity)',
		);
	});

	it('a limit more than 100 years away is no projection, with the reason (it gave daysToLimit NaN)', () => {
		expect(expand({ usage_vs_limit: 0, usage_growth_per_month: 1e-7 }).limitForecast).toEqual({
			method: 'growth_rate',
			daysToLimit: null,
			projectedDate: null,
			growthPerMonth: 0,
			reason: 'at this pace the limit is more than 100 years away',
		});
	});

	it('every number of a hostile but valid customer is finite', () => {
		const result = expand({
			usage_vs_limit: 10,
			usage_growth_per_month: 10,
			team_size_change: 1e300,
			seats: 1,
			mrr: 1,
			plan: 'starter',
			blocked_feature_attempts: 9,
			blocked_features: ['a'],
			nps_score: '10',
			days_to_renewal: -36525,
		});
		expect(nonFinite(result)).toEqual([]);
		expect(
			result.opportunities.map((opportunity) => [opportunity.type, opportunity.estimatedValue]),
		).toEqual([
			['upsell', 0.5],
			['add_seats', 1e300],
			['add_features', 50],
		]);
	});
});

describe('crash-style messages (class 3)', () => {
	it('settings zod refuses name the value', () => {
		expect(message(() => expand({}, { planLadder: 5 as unknown as string[] }))).toBe(
			'Expansion settings are invalid: planLadder: Expected array, received number (got 5)',
		);
	});

	it('a Customer Record Path that is not text is named, not "path.trim is not a function"', () => {
		expect(
			message(() =>
				evaluateExpansion(
					{},
					{ customerPath: 5 as unknown as string, reference: REFERENCE, defaultTimeZone: 'UTC' },
				),
			),
		).toBe(
			'Customer Record Path: must be a field name or dotted path such as "customer", at most 256 characters (got 5)',
		);
	});
});
