import {
	healthModelPreset,
	InvalidHealthModelError,
	modelFromTables,
	scoreHealth,
	withThresholds,
} from '../../../src/health';
import { MIXED_CUSTOMER } from './fixtures';

describe('docs/sources.md#five-component-health-model five components with four bands', () => {
	const model = healthModelPreset('seed003');
	const record = {
		logins_per_week: 3.5, // 100
		avg_session_minutes: 7.5, // 50
		dau_mau_ratio: 0.45, // 100 -> usage intensity 85
		feature_adoption: 0.375, // 50
		tickets_last_30_days: 2, // 50
		avg_csat: 4.7, // 100 -> support 75
		failed_payments: 0, // 100
		payment_health: 0.5, // 50 -> payment 75
		days_since_last_login: 7.5, // (14 - 7.5) / 13 = 50
		responses_to_outreach: 1, // 100
		meetings_attended: 0, // 0 -> engagement 50
	};

	it('scores 85*.30 + 50*.25 + 75*.20 + 75*.15 + 50*.10 = 69.25 -> 69, at_risk', () => {
		const result = scoreHealth(record, model);
		expect(result.components.map((c) => c.score)).toEqual([85, 50, 75, 75, 50]);
		expect(result).toMatchObject({ model: 'seed003', score: 69, category: 'at_risk', grade: 'B' });
	});

	it('puts 40-59 in critical and 0-39 in churned', () => {
		const critical = scoreHealth(
			{ ...record, logins_per_week: 0, avg_session_minutes: 0, dau_mau_ratio: 0.2 },
			model,
		);
		expect(critical.score).toBe(48);
		expect(critical.category).toBe('critical');
		const churned = scoreHealth(
			{
				...record,
				logins_per_week: 0,
				avg_session_minutes: 0,
				dau_mau_ratio: 0,
				feature_adoption: 0,
				payment_health: 0,
				failed_payments: 2,
			},
			model,
		);
		// 0*.30 + 0*.25 + 75*.20 + 0*.15 + 50*.10 = 20
		expect(churned.score).toBe(20);
		expect(churned.category).toBe('churned');
	});
});

describe('docs/sources.md#four-component-health-model four components', () => {
	it('scores 75*.30 + 75*.25 + 50*.25 + 80*.20 = 69.75 -> 70, at_risk', () => {
		const result = scoreHealth(
			{
				logins_per_week: 5,
				dau_mau_ratio: 0.25,
				feature_adoption: 0.3,
				features_used_this_month: 3,
				goal_achievement: 0.4,
				usage_change_percent: 35,
				nps_score: 8,
			},
			healthModelPreset('seed004'),
		);
		expect(result.components.map((c) => c.score)).toEqual([75, 75, 50, 80]);
		expect(result).toMatchObject({ model: 'seed004', score: 70, category: 'at_risk' });
	});
});

describe('threshold overrides', () => {
	const model = healthModelPreset('default');

	it('moves the category and grade edges', () => {
		const lenient = withThresholds(
			model,
			{ A: 58, B: 40, C: 30, D: 10 },
			{ healthy: 55, at_risk: 50 },
		);
		expect(scoreHealth(MIXED_CUSTOMER, lenient)).toMatchObject({
			score: 58,
			grade: 'A',
			category: 'healthy',
		});
	});

	it('rejects category thresholds that do not decrease', () => {
		expect(() => withThresholds(model, undefined, { healthy: 50, at_risk: 60 })).toThrow(
			'Category thresholds must decrease: healthy (50) must be above at_risk (60)',
		);
	});

	it('rejects grade thresholds that do not decrease', () => {
		expect(() => withThresholds(model, { A: 50, B: 60, C: 40, D: 20 })).toThrow(
			InvalidHealthModelError,
		);
	});
});

describe('custom model from the node tables', () => {
	const components = [
		{ name: 'Usage', weight: 3 },
		{ name: 'Support', weight: 1 },
	];

	it('builds a model: 50 * .75 + 75 * .25 = 56.25 -> 56', () => {
		const model = modelFromTables(components, [
			{ component: 'usage', field: 'logins_per_week', direction: 'higher', ideal: 5, weight: 1 },
			{
				component: 'Support',
				field: 'open_tickets',
				direction: 'lower',
				ideal: 0,
				worst: 4,
				weight: 1,
			},
		]);
		const result = scoreHealth({ logins_per_week: 2.5, open_tickets: 1 }, model);
		expect(result.components.map((c) => [c.key, c.weight, c.score])).toEqual([
			['usage', 0.75, 50],
			['support', 0.25, 75],
		]);
		expect(result.score).toBe(56);
	});

	it('names a metric whose component is not in the table', () => {
		expect(() =>
			modelFromTables(components, [
				{ component: 'Billing', field: 'mrr', direction: 'higher', ideal: 1, weight: 1 },
			]),
		).toThrow(
			'Custom model: metric 1 ("mrr") names component "Billing", which is not in the components table (Usage, Support)',
		);
	});

	it('names a component left without metrics', () => {
		expect(() =>
			modelFromTables(components, [
				{ component: 'Usage', field: 'logins_per_week', direction: 'higher', ideal: 5, weight: 1 },
			]),
		).toThrow(
			'Custom model is invalid: components.1.metrics: Array must contain at least 1 element(s)',
		);
	});
});
