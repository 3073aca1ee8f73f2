import { DateTime } from 'luxon';

import {
	evaluateCustomerHealth,
	healthModelPreset,
	InvalidHealthModelError,
	modelFromTables,
	parseHealthModel,
	scoreHealth,
} from '../../../src/health';
import { PERFECT_CUSTOMER } from './fixtures';

/** Issue 11 for Customer Health Score: impossible values, non-finite results, crash-style messages. */

const reference = DateTime.fromISO('2026-11-23T09:00:00Z', { zone: 'UTC' });
const config = { model: healthModelPreset('default'), reference, defaultTimeZone: 'UTC' };

function message(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		return (error as Error).message;
	}
	return 'no error';
}

function oneMetricModel(componentWeight: unknown, metricWeights: unknown[] = [1]) {
	return {
		id: 'huge',
		components: [
			{
				key: 'usage',
				name: 'Usage',
				weight: componentWeight,
				metrics: metricWeights.map((weight, index) => ({
					key: `m${index}`,
					type: 'higher',
					ideal: 5,
					weight,
				})),
			},
		],
	};
}

describe('impossible values (class 1)', () => {
	it.each([
		['nps_score', 1e308, 'nps_score: must be a whole number from 0 to 10 (got 1e+308)'],
		['open_tickets', -5, 'open_tickets: must be a whole number of 0 or more (got -5)'],
		['dau_mau_ratio', 12, 'dau_mau_ratio: must be a number from 0 to 1 (got 12)'],
		[
			'conversations_per_week',
			'0x1F',
			'conversations_per_week: must be a number of 0 or more (got "0x1F")',
		],
		[
			'last_login_at',
			'2099-01-01',
			'last_login_at: must be a past date, no more than 1 day after the reference time 2026-11-23T09:00:00.000Z (got "2099-01-01")',
		],
	])('%s %p fails the item instead of scoring', (field, value, expected) => {
		const record: Record<string, unknown> = { ...PERFECT_CUSTOMER, [field]: value };
		if (field === 'last_login_at') delete record.days_since_last_login;
		expect(message(() => evaluateCustomerHealth(record, config))).toBe(expected);
	});

	it('epoch seconds are seconds: a login 2 days ago given in seconds is 2 days ago', () => {
		const { days_since_last_login: _, ...record } = PERFECT_CUSTOMER;
		const seconds = reference.minus({ days: 2 }).toSeconds();
		const result = evaluateCustomerHealth({ ...record, last_login_at: seconds }, config);
		expect(result.components[1].metrics[0]).toMatchObject({
			value: 2,
			derivedFrom: 'last_login_at',
		});
	});

	it.each([
		[{ minCoverage: 'abc' }, 'Minimum Coverage: must be a number from 0 to 1 (got "abc")'],
		[{ minCoverage: 1.5 }, 'Minimum Coverage: must be a number from 0 to 1 (got 1.5)'],
		[{ missingData: 'ignore' }, 'Missing Data: must be one of reweight, zero, fail (got "ignore")'],
		[{ detail: 'tiny' }, 'Output Detail: must be one of full, summary (got "tiny")'],
		[
			{ previousScoreField: 5 },
			'Previous Score Field: must be a field name or dotted path such as "customer", at most 256 characters (got 5)',
		],
		[
			{ metricsPath: 5 },
			'Customer Record Path: must be a field name or dotted path such as "customer", at most 256 characters (got 5)',
		],
	])('an option %p an expression gave fails naming it, never silently', (options, expected) => {
		expect(
			message(() =>
				evaluateCustomerHealth(PERFECT_CUSTOMER, { ...config, ...(options as object) }),
			),
		).toBe(expected);
	});

	it('a numeric text Minimum Coverage is read', () => {
		expect(
			evaluateCustomerHealth(PERFECT_CUSTOMER, {
				...config,
				minCoverage: '0.9' as unknown as number,
			}).score,
		).toBe(100);
	});
});

describe('non-finite results (class 2)', () => {
	it('refuses weights that would make the score Infinity ("healthy") or the coverage NaN', () => {
		expect(message(() => parseHealthModel(oneMetricModel(1e308)))).toBe(
			'Health model is invalid: components.0.weight: Number must be less than or equal to 1000000 (got 1e+308)',
		);
		expect(message(() => parseHealthModel(oneMetricModel(1, [1e308, 1e308])))).toBe(
			'Health model is invalid: components.0.metrics.0.weight: Number must be less than or equal to 1000000 (got 1e+308); components.0.metrics.1.weight: Number must be less than or equal to 1000000 (got 1e+308)',
		);
	});

	it('scores the largest allowed weights to finite numbers', () => {
		const model = parseHealthModel(oneMetricModel(1e6, [1e6, 1e-300]));
		const result = scoreHealth({ m0: 5, m1: 1e300 }, model);
		expect(result).toMatchObject({ score: 100, coverage: 1, category: 'healthy' });
		expect(result.components[0].metrics.map((metric) => metric.points)).toEqual([100, 0]);
	});
});

describe('crash-style messages (class 3)', () => {
	function cyclic(): Record<string, unknown> {
		const model: Record<string, unknown> = { id: 'loop' };
		model.components = [model];
		return model;
	}

	it('a model that contains itself or is nested 10,000 deep is a clear error', () => {
		expect(message(() => parseHealthModel(cyclic(), 'Model (JSON)'))).toBe(
			'Model (JSON): contains itself (an object or list inside it refers back to it), which JSON cannot hold',
		);
		const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
		expect(message(() => parseHealthModel(deep, 'Model (JSON)'))).toBe(
			'Model (JSON): is nested more than 64 levels deep (got [[[[…]]]])',
		);
	});

	it('zod\'s "Invalid input" names the value', () => {
		const model = {
			components: [
				{
					key: 'c',
					name: 'C',
					weight: 1,
					metrics: [{ key: 'm', type: 'bands', weight: 1, bands: [{ equals: [{}], points: 1 }] }],
				},
			],
		};
		expect(message(() => parseHealthModel(model))).toBe(
			'Health model is invalid: components.0.metrics.0: has the wrong type (got {"key":"m","type":"bands","weight":1,"bands":[{"equals":[…],…)',
		);
	});

	it('UI table rows an expression made null, text or cyclic are errors naming the row, not "Cannot read properties of null"', () => {
		expect(message(() => modelFromTables([{ name: null, weight: 1 }], []))).toBe(
			'Custom model: component 1: name must be text (got null)',
		);
		expect(message(() => modelFromTables('Usage', []))).toBe(
			'Custom model: Components: must be a list of rows (got "Usage")',
		);
		expect(message(() => modelFromTables([{ name: 'Usage', weight: 1 }], [null]))).toBe(
			'Custom model: Metrics row 1: must be a row of the table (got null)',
		);
		const row: Record<string, unknown> = { name: 'Usage', weight: 1 };
		row.self = row;
		expect(message(() => modelFromTables([row], []))).toBe(
			'Custom model: Components: contains itself (an object or list inside it refers back to it), which JSON cannot hold',
		);
		expect(() =>
			modelFromTables([{ name: 'Usage', weight: 1 }], [{ component: 'Usage', field: 5 }]),
		).toThrow(InvalidHealthModelError);
	});
});
