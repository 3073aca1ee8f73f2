import { expansionProbability, EXPANSION_SIGNALS } from '../../../src/expansion';
import { expand } from './helpers';

/** One record field per signal that makes it fire. */
const FIRES: Record<string, Record<string, unknown>> = {
	approaching_limit: { usage_vs_limit: 0.9 },
	feature_attempts: { blocked_feature_attempts: 4 },
	high_engagement: { engagement_score: 90 },
	team_growth: { team_size_change: 0.3 },
	success_metrics: { business_outcomes: 2, business_targets: 1 },
	nps_promoter: { nps_score: 10 },
	renewal_approaching: { days_to_renewal: 10 },
};
const record = (...types: string[]) => Object.assign({}, ...types.map((type) => FIRES[type]));

describe('docs/sources.md#expansion-probability calculateProbability: round(fired weights / 4.6 * 100) / 100', () => {
	it.each([
		['approaching_limit', 0.2], // 0.9 / 4.6 = 0.1957
		['feature_attempts', 0.17], // 0.8 / 4.6 = 0.1739
		['high_engagement', 0.13], // 0.6 / 4.6 = 0.1304
		['team_growth', 0.15], // 0.7 / 4.6 = 0.1522
		['success_metrics', 0.15], // 0.7 / 4.6 = 0.1522
		['nps_promoter', 0.11], // 0.5 / 4.6 = 0.1087
		['renewal_approaching', 0.09], // 0.4 / 4.6 = 0.0870
	])('%s alone: %p', (type, probability) => {
		expect(expand(record(type)).probability).toBe(probability);
	});

	it.each([
		[[], 0],
		[['approaching_limit', 'feature_attempts'], 0.37], // 1.7 / 4.6 = 0.3696
		[['approaching_limit', 'feature_attempts', 'high_engagement'], 0.5], // 2.3 / 4.6 = 0.5 exactly
		[['approaching_limit', 'team_growth', 'nps_promoter'], 0.46], // 2.1 / 4.6 = 0.4565
		[['team_growth', 'success_metrics'], 0.3], // 1.4 / 4.6 = 0.3043
		[['nps_promoter', 'renewal_approaching'], 0.2], // 0.9 / 4.6 = 0.1957
		[
			[
				'feature_attempts',
				'high_engagement',
				'team_growth',
				'success_metrics',
				'nps_promoter',
				'renewal_approaching',
			],
			0.8,
		], // 3.7 / 4.6 = 0.8043
		[Object.keys(FIRES), 1],
	])('%j: %p', (types, probability) => {
		expect(expand(record(...types)).probability).toBe(probability);
	});

	it('is computed over all seven even when some are not evaluated (the seed denominator)', () => {
		const result = expand({ usage_vs_limit: 0.95 });
		expect(result.notEvaluated).toHaveLength(6);
		expect(result.probability).toBe(0.2);
	});

	it('gives every opportunity the customer probability', () => {
		const result = expand({
			...record('approaching_limit', 'team_growth', 'feature_attempts'),
			plan: 'starter',
			mrr: 100,
			seats: 10,
		});
		expect(result.probability).toBe(0.52); // 2.4 / 4.6 = 0.5217
		expect(result.opportunities.map((o) => o.probability)).toEqual([0.52, 0.52, 0.52]);
	});

	it('expansionProbability sums the weights it is given', () => {
		expect(expansionProbability(EXPANSION_SIGNALS)).toBe(1);
		expect(expansionProbability([{ weight: 0.9 }, { weight: 0 }])).toBe(0.2);
		expect(expansionProbability([])).toBe(0);
	});
});
