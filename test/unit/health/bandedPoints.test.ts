import { healthModelPreset, readMetric, scoreHealth, type MetricSpec } from '../../../src/health';

const model = healthModelPreset('seed001_banded');
const metric = (key: string): MetricSpec => {
	const found = model.components.flatMap((c) => c.metrics).find((m) => m.key === key);
	if (!found) throw new Error(`no metric ${key}`);
	return found;
};
const points = (key: string, value: unknown) => readMetric(metric(key), value).bandPoints;

describe('docs/sources.md#banded-health-model banded model: every band edge (lower edge inclusive)', () => {
	it.each([
		['login_frequency', 'daily', 10],
		['login_frequency', 'Weekly', 7],
		['login_frequency', 'monthly', 3],
		['login_frequency', 'never', 0],
		['login_frequency', 'diario', 10],
		['feature_adoption', 0.8, 10],
		['feature_adoption', 0.79, 7],
		['feature_adoption', 0.6, 7],
		['feature_adoption', 0.59, 4],
		['feature_adoption', 0.4, 4],
		['feature_adoption', 0.39, 0],
		['campaigns_per_month', 5, 10],
		['campaigns_per_month', 4, 7],
		['campaigns_per_month', 3, 7],
		['campaigns_per_month', 2, 4],
		['campaigns_per_month', 1, 4],
		['campaigns_per_month', 0, 0],
		['roi_percent', 300, 15],
		['roi_percent', 299, 10],
		['roi_percent', 200, 10],
		['roi_percent', 199, 5],
		['roi_percent', 100, 5],
		['roi_percent', 99, 0],
		['open_rate', 0.3, 0],
		['open_rate', 0.31, 5],
		['click_rate', 0.06, 0],
		['click_rate', 0.061, 5],
		['conversion_rate', 0.1, 0],
		['conversion_rate', 0.11, 5],
		['revenue_increase_percent', 20, 10],
		['revenue_increase_percent', 19.99, 7],
		['revenue_increase_percent', 10, 7],
		['revenue_increase_percent', 9.99, 4],
		['revenue_increase_percent', 5, 4],
		['revenue_increase_percent', 4.99, 0],
		['support_rating', 9, 10],
		['support_rating', 8.99, 7],
		['support_rating', 7, 7],
		['support_rating', 6.99, 4],
		['support_rating', 5, 4],
		['support_rating', 4.99, 0],
		['communication_frequency', 'weekly', 10],
		['communication_frequency', 'monthly', 7],
		['communication_frequency', 'quarterly', 4],
		['communication_frequency', 'never', 0],
		['expansion_interest', 'very interested', 10],
		['expansion_interest', 'interested', 7],
		['expansion_interest', 'neutral', 4],
		['expansion_interest', 'not_interested', 0],
	])('%s = %p earns %p points', (key, value, expected) => {
		expect(points(key, value)).toBe(expected);
	});

	it('rejects a label outside the table as unusable, naming the allowed ones', () => {
		expect(readMetric(metric('login_frequency'), 'hourly')).toMatchObject({
			normalized: null,
			problem: 'invalid',
			problemDetail:
				'expected one of daily, diario, diaria, weekly, semanal, monthly, mensual, never, nunca',
		});
	});
});

const FULL_RECORD = {
	login_frequency: 'weekly', // 7
	feature_adoption: 0.65, // 7
	campaigns_per_month: 3, // 7  -> engagement 21 / 30
	roi_percent: 250, // 10
	open_rate: 0.35, // 5
	click_rate: 0.05, // 0
	conversion_rate: 0.12, // 5
	revenue_increase_percent: 12, // 7 -> results 27 / 40
	support_rating: 8, // 7
	communication_frequency: 'monthly', // 7
	expansion_interest: 'neutral', // 4 -> relationship 18 / 30
};

describe('docs/sources.md#banded-health-model banded model: points add up to the score', () => {
	it('scores 21 + 27 + 18 = 66, at_risk', () => {
		const result = scoreHealth(FULL_RECORD, model);
		expect(result.score).toBe(66);
		expect(result.category).toBe('at_risk');
		expect(result.grade).toBe('B');
		expect(result.coverage).toBe(1);
		expect(result.components.map((c) => c.score)).toEqual([70, 68, 60]);
		expect(result.components[1].metrics.map((m) => m.points)).toEqual([10, 5, 0, 5, 7]);
	});

	it('scores a perfect record 100 and an empty-handed one 0', () => {
		const perfect = {
			login_frequency: 'daily',
			feature_adoption: 0.9,
			campaigns_per_month: 6,
			roi_percent: 320,
			open_rate: 0.4,
			click_rate: 0.07,
			conversion_rate: 0.2,
			revenue_increase_percent: 25,
			support_rating: 10,
			communication_frequency: 'weekly',
			expansion_interest: 'very_interested',
		};
		expect(scoreHealth(perfect, model).score).toBe(100);
		const none = {
			...perfect,
			login_frequency: 'never',
			feature_adoption: 0,
			campaigns_per_month: 0,
			roi_percent: 0,
			open_rate: 0,
			click_rate: 0,
			conversion_rate: 0,
			revenue_increase_percent: 0,
			support_rating: 0,
			communication_frequency: 'never',
			expansion_interest: 'not_interested',
		};
		expect(scoreHealth(none, model)).toMatchObject({ score: 0, category: 'critical', grade: 'F' });
	});

	it('leaves a missing band out and rescales its component: 21 + 27/35*40 + 18 = 69.86 -> 70', () => {
		const { click_rate: _omit, ...rest } = FULL_RECORD;
		const result = scoreHealth(rest, model);
		expect(result.score).toBe(70);
		expect(result.coverage).toBe(0.95);
	});
});
