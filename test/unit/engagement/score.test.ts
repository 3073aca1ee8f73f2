import {
	ENGAGEMENT_METRICS,
	engagementLevel,
	evaluateCustomerEngagement,
	MissingEngagementMetricsError,
	percentChange,
	scoreEngagement,
	type EngagementReadings,
} from '../../../src/engagement';

/** docs/sources.md#engagement-score (seed 002 §6 calculateEngagementScore), worked by hand. */

const FULL = {
	logins_this_month: 30,
	active_users: 5,
	features_used: 10,
	actions_this_month: 100,
	automation_rate: 1,
	avg_csat: 5,
};
const score = (record: Record<string, unknown>, options: Record<string, unknown> = {}) =>
	evaluateCustomerEngagement(record, options);
const points = (record: Record<string, unknown>) =>
	score(record).components.map((component) => [
		component.key,
		component.normalized,
		component.points,
	]);

describe('the seed weights and full marks', () => {
	it('six metrics in the seed order, weights .15 .15 .2 .2 .15 .15 summing to 1', () => {
		expect(
			ENGAGEMENT_METRICS.map((spec) => [spec.key, spec.field, spec.weight, spec.fullAt]),
		).toEqual([
			['logins', 'logins_this_month', 0.15, 30],
			['activeUsers', 'active_users', 0.15, 5],
			['featuresUsed', 'features_used', 0.2, 10],
			['actionsPerformed', 'actions_this_month', 0.2, 100],
			['automationRate', 'automation_rate', 0.15, 1],
			['satisfaction', 'avg_csat', 0.15, 5],
		]);
		expect(ENGAGEMENT_METRICS.reduce((sum, spec) => sum + spec.weight, 0)).toBe(1);
	});

	it('full marks everywhere: 100, high, with every component in the output', () => {
		expect(score({ ...FULL, customer_id: 'c-1' })).toEqual({
			score: 100,
			level: 'high',
			coverage: 1,
			components: [
				{
					key: 'logins',
					field: 'logins_this_month',
					value: 30,
					normalized: 100,
					weight: 0.15,
					points: 15,
					missing: false,
				},
				{
					key: 'activeUsers',
					field: 'active_users',
					value: 5,
					normalized: 100,
					weight: 0.15,
					points: 15,
					missing: false,
				},
				{
					key: 'featuresUsed',
					field: 'features_used',
					value: 10,
					normalized: 100,
					weight: 0.2,
					points: 20,
					missing: false,
				},
				{
					key: 'actionsPerformed',
					field: 'actions_this_month',
					value: 100,
					normalized: 100,
					weight: 0.2,
					points: 20,
					missing: false,
				},
				{
					key: 'automationRate',
					field: 'automation_rate',
					value: 1,
					normalized: 100,
					weight: 0.15,
					points: 15,
					missing: false,
				},
				{
					key: 'satisfaction',
					field: 'avg_csat',
					value: 5,
					normalized: 100,
					weight: 0.15,
					points: 15,
					missing: false,
				},
			],
			change: { logins: null, usage: null, satisfaction: null, score: null },
			previousScore: null,
			missing: [],
		});
	});

	it('a worked example: 15 + 15 + 10 + 10 + 7.5 + 12 = 69.5, rounded to 70: high', () => {
		const record = {
			logins_this_month: 30,
			active_users: 5,
			features_used: 5,
			actions_this_month: 50,
			automation_rate: 0.5,
			avg_csat: 4,
		};
		expect(points(record)).toEqual([
			['logins', 100, 15],
			['activeUsers', 100, 15],
			['featuresUsed', 50, 10],
			['actionsPerformed', 50, 10],
			['automationRate', 50, 7.5],
			['satisfaction', 80, 12],
		]);
		expect(score(record)).toMatchObject({ score: 70, level: 'high' });
		// CSAT 3.96: 79.2 × 0.15 = 11.88, sum 69.38 -> 69: medium.
		expect(score({ ...record, avg_csat: 3.96 })).toMatchObject({ score: 69, level: 'medium' });
	});
});

describe('levels: high from 70, medium from 40 (edges inclusive, seed getEngagementLevel)', () => {
	it.each([
		[100, 'high'],
		[70, 'high'],
		[69, 'medium'],
		[40, 'medium'],
		[39, 'low'],
		[0, 'low'],
	])('%p is %p', (value, level) => {
		expect(engagementLevel(value)).toBe(level);
	});

	// 15 + 15 + 20 + actions/100 × 20 + 0 + 15.
	it('70 (actions 25) is high, 69 (actions 20) is medium', () => {
		const base = { ...FULL, automation_rate: 0 };
		expect(score({ ...base, actions_this_month: 25 })).toMatchObject({ score: 70, level: 'high' });
		expect(score({ ...base, actions_this_month: 20 })).toMatchObject({
			score: 69,
			level: 'medium',
		});
	});

	// 0 + 0 + 20 + actions/100 × 20 + 0 + 15.
	it('40 (actions 25) is medium, 39 (actions 20) is low, 39.5 (one login more) rounds up to 40', () => {
		const base = { ...FULL, logins_this_month: 0, active_users: 0, automation_rate: 0 };
		expect(score({ ...base, actions_this_month: 25 })).toMatchObject({
			score: 40,
			level: 'medium',
		});
		expect(score({ ...base, actions_this_month: 20 })).toMatchObject({ score: 39, level: 'low' });
		// 1 / 30 × 100 × 0.15 = 0.5 point: 39.5 rounds half up, as the seed’s Math.round does.
		const halfUp = score({ ...base, actions_this_month: 20, logins_this_month: 1 });
		expect(halfUp).toMatchObject({ score: 40, level: 'medium' });
		expect(halfUp.components[0]).toMatchObject({ normalized: 3.33, points: 0.5 });
	});
});

describe('normalisation caps at 30 logins, 5 users, 10 features, 100 actions', () => {
	it.each([
		['logins_this_month', 29, 96.67],
		['logins_this_month', 30, 100],
		['logins_this_month', 31, 100],
		['logins_this_month', 300, 100],
		['active_users', 4, 80],
		['active_users', 5, 100],
		['active_users', 6, 100],
		['features_used', 9, 90],
		['features_used', 10, 100],
		['features_used', 11, 100],
		['actions_this_month', 99, 99],
		['actions_this_month', 100, 100],
		['actions_this_month', 101, 100],
		['actions_this_month', 1e308, 100],
	])('%s %p normalises to %p', (field, value, normalized) => {
		const component = score({ ...FULL, [field]: value }).components.find((c) => c.field === field);
		expect(component?.normalized).toBe(normalized);
	});

	it('a full record with every count over its cap still scores 100', () => {
		expect(
			score({
				...FULL,
				logins_this_month: 90,
				active_users: 50,
				features_used: 40,
				actions_this_month: 1000,
			}).score,
		).toBe(100);
	});
});

describe('automation rate and satisfaction are clamped to 100 (the seed does not cap them)', () => {
	it('automation_rate 1.2 scores 100 (15 points), not the seed’s 120 (18 points)', () => {
		const result = score({ ...FULL, automation_rate: 1.2 });
		expect(result.components[4]).toEqual({
			key: 'automationRate',
			field: 'automation_rate',
			value: 1.2,
			normalized: 100,
			weight: 0.15,
			points: 15,
			missing: false,
		});
		// The seed: 85 + 18 = 103, a score above 100.
		expect(result.score).toBe(100);
	});

	it('automation_rate above 2 is a unit mistake (a percentage) and fails the item', () => {
		expect(() => score({ ...FULL, automation_rate: 85 })).toThrow(
			'automation_rate: must be a number from 0 to 2 (got 85)',
		);
		expect(() => score({ ...FULL, automation_rate: -0.1 })).toThrow(
			'automation_rate: must be a number from 0 to 2 (got -0.1)',
		);
	});

	it('a CSAT of 6 given to the formula itself scores 100; in a record avg_csat must be 1-5', () => {
		const readings = Object.fromEntries(
			ENGAGEMENT_METRICS.map((spec) => [spec.key, { value: spec.fullAt, field: spec.field }]),
		) as unknown as EngagementReadings;
		const six = scoreEngagement(
			{ ...readings, satisfaction: { value: 6, field: 'avg_csat' } },
			{ logins: null, usage: null, satisfaction: null, score: null },
		);
		expect(six.components[5]).toMatchObject({ normalized: 100, points: 15 });
		expect(six.score).toBe(100);
		expect(() => score({ ...FULL, avg_csat: 6 })).toThrow(
			'avg_csat: must be a number from 1 to 5 (got 6)',
		);
	});

	it('CSAT 1, the lowest answer, still scores 20 (1 / 5 × 100), as the seed normalises it', () => {
		expect(score({ ...FULL, avg_csat: 1 }).components[5]).toMatchObject({
			normalized: 20,
			points: 3,
		});
	});
});

describe('change against last month (seed calculateChange) and of the score', () => {
	it('percent change of logins, actions and CSAT; the score in points', () => {
		const result = score({
			...FULL,
			logins_this_month: 36,
			logins_last_month: 30,
			actions_this_month: 45,
			actions_last_month: 50,
			avg_csat: 4,
			avg_csat_last_month: 5,
			previous_engagement_score: 80,
		});
		// 15 + 15 + 20 + 9 + 15 + 12 = 86.
		expect(result.score).toBe(86);
		expect(result.change).toEqual({ logins: 20, usage: -10, satisfaction: -20, score: 6 });
		expect(result.previousScore).toBe(80);
	});

	it('previous 0 gives 0, the seed’s quirk kept (a rise from 0 to 12 logins reads as no change)', () => {
		expect(score({ ...FULL, logins_this_month: 12, logins_last_month: 0 }).change.logins).toBe(0);
		expect(percentChange(12, 0)).toBe(0);
	});

	it('a missing value on either side gives null, not the seed’s 0', () => {
		expect(score({ ...FULL, logins_last_month: null }).change.logins).toBeNull();
		const noCurrent = score({ ...FULL, logins_this_month: '', logins_last_month: 10 });
		expect(noCurrent.change.logins).toBeNull();
		expect(percentChange(null, 10)).toBeNull();
	});

	it('halves round away from zero: 7 vs 8 is -12.5 -> -13, 9 vs 8 is 12.5 -> 13', () => {
		expect(percentChange(7, 8)).toBe(-13);
		expect(percentChange(9, 8)).toBe(13);
		expect(percentChange(8, 8)).toBe(0);
		expect(Object.is(percentChange(99.999, 100), 0)).toBe(true);
	});

	it('the score change needs a score: null under insufficient data', () => {
		expect(score({ logins_this_month: 30, previous_engagement_score: 50 }).change.score).toBeNull();
		expect(score({ ...FULL, previous_engagement_score: 100 }).change.score).toBe(0);
		expect(score({ ...FULL, previous_engagement_score: 72.5 }).change.score).toBe(27.5);
	});

	it('a previous value outside its rule fails naming the field', () => {
		expect(() => score({ ...FULL, previous_engagement_score: 101 })).toThrow(
			'previous_engagement_score: must be a score from 0 to 100 (got 101)',
		);
		expect(() => score({ ...FULL, logins_last_month: -3 })).toThrow(
			'logins_last_month: must be a whole number of 0 or more (got -3)',
		);
		expect(() => score({ ...FULL, avg_csat_last_month: 0 })).toThrow(
			'avg_csat_last_month: must be a number from 1 to 5 (got 0)',
		);
	});

	it('a change too large to be a finite percentage fails naming it', () => {
		expect(() => percentChange(1e308, 1e-300, 'change.logins')).toThrow(
			'change.logins: the change from 1e-300 to 1e+308 is too large to be a finite percentage',
		);
	});
});

describe('missing metrics: re-weight (default), treat as zero, fail', () => {
	// logins 15 -> 50 × 0.15 = 7.5; users 5 -> 15; features 5 -> 10: 32.5 over the weight 0.5 with data.
	const partial = { logins_this_month: 15, active_users: 5, features_used: 5 };

	it('re-weights: 32.5 / 0.5 = 65, medium, coverage 0.5, the missing fields listed', () => {
		const result = score(partial);
		expect(result).toMatchObject({
			score: 65,
			level: 'medium',
			coverage: 0.5,
			missing: ['actions_this_month', 'automation_rate', 'avg_csat'],
		});
		expect(
			result.components.map((c) => [c.key, c.value, c.normalized, c.points, c.missing]),
		).toEqual([
			['logins', 15, 50, 15, false],
			['activeUsers', 5, 100, 30, false],
			['featuresUsed', 5, 50, 20, false],
			['actionsPerformed', null, null, null, true],
			['automationRate', null, null, null, true],
			['satisfaction', null, null, null, true],
		]);
	});

	it('treat as zero: the seed’s sum, 32.5 -> 33, low', () => {
		const result = score(partial, { missingData: 'zero' });
		expect(result).toMatchObject({ score: 33, level: 'low', coverage: 0.5 });
		expect(result.components[3]).toMatchObject({
			value: null,
			normalized: 0,
			points: 0,
			missing: true,
		});
	});

	it('fail: an error naming every missing field', () => {
		expect(() => score(partial, { missingData: 'fail' })).toThrow(MissingEngagementMetricsError);
		expect(() => score(partial, { missingData: 'fail' })).toThrow(
			'Missing engagement metrics: actions_this_month, automation_rate, avg_csat (Missing Data is set to fail the item)',
		);
		expect(score(FULL, { missingData: 'fail' }).score).toBe(100);
	});

	it('under the minimum coverage (0.5 by default): no score, level insufficient_data', () => {
		const result = score({ logins_this_month: 30, active_users: 5 });
		expect(result).toMatchObject({ score: null, level: 'insufficient_data', coverage: 0.3 });
		expect(score({ logins_this_month: 30, active_users: 5 }, { minCoverage: 0.3 })).toMatchObject({
			score: 100,
			level: 'high',
		});
		expect(score({}, { minCoverage: 0 })).toMatchObject({ score: null, coverage: 0 });
		expect(score({}, { minCoverage: 0, missingData: 'zero' })).toMatchObject({
			score: 0,
			level: 'low',
		});
	});

	it('null, empty and blank text are missing, never 0', () => {
		expect(score({ ...FULL, avg_csat: null, automation_rate: ' ' }).missing).toEqual([
			'automation_rate',
			'avg_csat',
		]);
	});

	it('bad parameters name the parameter', () => {
		expect(() => score(FULL, { missingData: 'ignore' })).toThrow(
			'Missing Data: must be one of reweight, zero, fail (got "ignore")',
		);
		expect(() => score(FULL, { minCoverage: 2 })).toThrow(
			'Minimum Coverage: must be a number from 0 to 1 (got 2)',
		);
	});
});

describe('reading the record', () => {
	it('features_used: a list counted once each (case-insensitive), comma-separated text, or a number', () => {
		const features = (value: unknown) => score({ ...FULL, features_used: value }).components[2];
		expect(features(['inbox', 'Inbox', 'bots', ' reports '])).toMatchObject({
			field: 'features_used',
			value: 3,
			normalized: 30,
		});
		expect(features('inbox, bots, inbox')).toMatchObject({ value: 2, normalized: 20 });
		expect(features('7')).toMatchObject({ value: 7, normalized: 70 });
		expect(features([])).toMatchObject({ value: 0, normalized: 0, missing: false });
	});

	it('without features_used, features_used_this_month (the health model’s count)', () => {
		const { features_used: _ignored, ...rest } = FULL;
		expect(score({ ...rest, features_used_this_month: 4 }).components[2]).toMatchObject({
			field: 'features_used_this_month',
			value: 4,
			normalized: 40,
		});
		expect(score(rest).missing).toEqual(['features_used_this_month']);
	});

	it('a bad features_used fails naming the field', () => {
		expect(() => score({ ...FULL, features_used: [1, 2] })).toThrow(
			'features_used: must be a list of feature names, one comma-separated text, or their number (got [1,2])',
		);
		expect(() => score({ ...FULL, features_used: 2.5 })).toThrow(
			'features_used: must be a whole number of 0 or more (got 2.5)',
		);
	});

	it('counts must be whole numbers of 0 or more; numeric text is read', () => {
		expect(() => score({ ...FULL, logins_this_month: 2.5 })).toThrow(
			'logins_this_month: must be a whole number of 0 or more (got 2.5)',
		);
		expect(() => score({ ...FULL, active_users: 'many' })).toThrow(
			'active_users: must be a whole number of 0 or more (got "many")',
		);
		expect(score({ ...FULL, logins_this_month: '15' }).components[0]).toMatchObject({
			value: 15,
			normalized: 50,
		});
	});

	it('reads a nested record by Customer Record Path', () => {
		expect(
			evaluateCustomerEngagement(
				{ account: { ...FULL, active_users: 1 } },
				{ customerPath: 'account' },
			).score,
		).toBe(88);
		expect(() => evaluateCustomerEngagement({ account: 'x' }, { customerPath: 'account' })).toThrow(
			'Field "account" must hold the customer record as an object (got string "x")',
		);
	});
});
