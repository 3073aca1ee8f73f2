import {
	EngagementBatchItemError,
	summarisePortfolio,
	type EngagementPortfolio,
} from '../../../src/engagement';

/** docs/sources.md#engagement-portfolio (seed 002 §6 getPortfolioEngagement), per CSM. */

const FULL = {
	logins_this_month: 30,
	active_users: 5,
	features_used: 10,
	actions_this_month: 100,
	automation_rate: 1,
	avg_csat: 5,
};
// 15 + 15 + 20 + 20 + 15 + 15 = 100; each change below lowers the score by hand.
const customer = (
	id: string,
	csm: Record<string, unknown>,
	change: Record<string, unknown> = {},
) => ({
	customer_id: id,
	...csm,
	...FULL,
	...change,
});
const ANA = { csm_email: 'ana@example.com', csm_name: 'Ana' };
const LEO = { csm_email: 'leo@example.com', csm_name: 'Leo' };
const LOW_30 = {
	logins_this_month: 0,
	active_users: 0,
	features_used: 0,
	actions_this_month: 0,
	automation_rate: 0.4,
	avg_csat: 5,
}; // 6 + 15 = 21
const items = [
	customer('a-high', ANA), // 100
	customer('a-medium', ANA, { automation_rate: 0, avg_csat: 1, features_used: 0 }), // 15 + 15 + 0 + 20 + 0 + 3 = 53
	customer('a-low', ANA, LOW_30), // 21
	customer(
		'l-low',
		{ csm_email: 'LEO@example.com', csm_name: 'Leo' },
		{ ...LOW_30, automation_rate: 0 },
	), // 15
	customer('l-insufficient', LEO, {
		actions_this_month: null,
		automation_rate: null,
		avg_csat: null,
		features_used: null,
	}), // coverage 0.3
	customer('a-low-2', ANA, { ...LOW_30, automation_rate: 0.2 }), // 3 + 15 = 18
	customer('nobody', {}, { avg_csat: 3 }), // 100 - 15 + 9 = 94
	{},
];

describe('summarisePortfolio', () => {
	it('groups by CSM (email, case-insensitive), counts levels, lists low customers lowest first, averages scores', () => {
		expect(summarisePortfolio(items)).toEqual<EngagementPortfolio>({
			csms: [
				{
					csmEmail: 'ana@example.com',
					csmName: 'Ana',
					totalCustomers: 4,
					high: 1,
					medium: 1,
					low: 2,
					insufficientData: 0,
					// (100 + 53 + 21 + 18) / 4 = 48
					averageScore: 48,
					atRisk: [
						{ customerId: 'a-low-2', item: 5, score: 18 },
						{ customerId: 'a-low', item: 2, score: 21 },
					],
				},
				{
					csmEmail: 'LEO@example.com',
					csmName: 'Leo',
					totalCustomers: 2,
					high: 0,
					medium: 0,
					low: 1,
					insufficientData: 1,
					averageScore: 15,
					atRisk: [{ customerId: 'l-low', item: 3, score: 15 }],
				},
				{
					csmEmail: null,
					csmName: null,
					totalCustomers: 1,
					high: 1,
					medium: 0,
					low: 0,
					insufficientData: 0,
					averageScore: 94,
					atRisk: [],
				},
			],
			// (100 + 53 + 21 + 15 + 18 + 94) / 6 = 50.1666…
			overall: {
				totalCustomers: 7,
				high: 2,
				medium: 1,
				low: 3,
				insufficientData: 1,
				averageScore: 50.2,
			},
			invalid: [],
		});
	});

	it('groups by csm_name when there is no email; numeric customer ids as text, none as null', () => {
		const result = summarisePortfolio([
			{
				...FULL,
				csm_name: 'Mia',
				customer_id: 42,
				avg_csat: 1,
				automation_rate: 0,
				features_used: 0,
				actions_this_month: 0,
			},
			{
				...FULL,
				csm_name: 'Mia',
				logins_this_month: 0,
				active_users: 0,
				features_used: 0,
				actions_this_month: 0,
				automation_rate: 0,
				avg_csat: 1,
			},
		]);
		expect(result.csms).toHaveLength(1);
		expect(result.csms[0]).toMatchObject({
			csmEmail: null,
			csmName: 'Mia',
			low: 2,
			// 15 + 15 + 3 = 33 and 3
			averageScore: 18,
			atRisk: [
				{ customerId: null, item: 1, score: 3 },
				{ customerId: '42', item: 0, score: 33 },
			],
		});
	});

	it('an empty batch: no CSMs, null average', () => {
		expect(summarisePortfolio([{}])).toEqual({
			csms: [],
			overall: {
				totalCustomers: 0,
				high: 0,
				medium: 0,
				low: 0,
				insufficientData: 0,
				averageScore: null,
			},
			invalid: [],
		});
	});

	it('a bad item stops the summary naming the item and field, or is listed in invalid', () => {
		const batch = [customer('ok', ANA), customer('bad', ANA, { active_users: -1 })];
		let error: unknown;
		try {
			summarisePortfolio(batch);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(EngagementBatchItemError);
		expect(error).toMatchObject({
			itemIndex: 1,
			field: 'active_users',
			message: 'active_users: must be a whole number of 0 or more (got -1)',
		});
		const reported = summarisePortfolio(batch, { invalidItems: 'report' });
		expect(reported.invalid).toEqual([
			{ item: 1, reason: 'active_users: must be a whole number of 0 or more (got -1)' },
		]);
		expect(reported.overall).toMatchObject({ totalCustomers: 1, high: 1, averageScore: 100 });
	});

	it('applies the missing-data policy and minimum coverage to every customer', () => {
		const batch = [customer('partial', ANA, { automation_rate: null, avg_csat: null })];
		// Re-weighted: 70 / 0.7 = 100; as zero: 70; failing: an error.
		expect(summarisePortfolio(batch).overall.averageScore).toBe(100);
		expect(summarisePortfolio(batch, { missingData: 'zero' }).overall).toMatchObject({
			high: 1,
			averageScore: 70,
		});
		expect(() => summarisePortfolio(batch, { missingData: 'fail' })).toThrow(
			'Missing engagement metrics: automation_rate, avg_csat',
		);
		expect(summarisePortfolio(batch, { minCoverage: 0.8 }).overall).toMatchObject({
			insufficientData: 1,
			averageScore: null,
		});
	});

	it('bad parameters fail before any item is read', () => {
		expect(() => summarisePortfolio([{ active_users: -1 }], { missingData: 'x' })).toThrow(
			'Missing Data: must be one of reweight, zero, fail (got "x")',
		);
	});
});
