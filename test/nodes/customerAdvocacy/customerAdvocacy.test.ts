import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { CustomerAdvocacy } from '../../../nodes/CustomerAdvocacy/CustomerAdvocacy.node';
import { createReferralCode } from '../../../src/advocacy';
import { createNodeTypes, loadWorkflow, runWorkflow, type WorkflowJson } from '../harness';

// The harness's runWorkflow gives no credentials; this test gives the referral credential to every run.
const mockCredentials: { data: Record<string, IDataObject> } = { data: {} };
jest.mock('../harness/additional-data', () => {
	const actual = jest.requireActual('../harness/additional-data');
	return {
		...actual,
		createAdditionalData: (hooks: unknown, options: Record<string, unknown>) =>
			actual.createAdditionalData(hooks, { ...options, credentials: mockCredentials.data }),
	};
});

const SECRET = 'node-test-secret-0123456789abcdef';
const OLD_SECRET = 'old-node-test-secret-0123456789ab';
beforeEach(() => {
	mockCredentials.data = {
		customerSuccessReferralApi: { secret: SECRET, previousSecret: OLD_SECRET },
	};
});

const nodeTypes = createNodeTypes({ customerAdvocacy: new CustomerAdvocacy() });
const run = async (workflow: string | WorkflowJson) =>
	runWorkflow(typeof workflow === 'string' ? loadWorkflow(__dirname, workflow) : workflow, {
		nodeTypes,
	});
const TRIGGER = "When clicking 'Execute workflow'";

type Item = INodeExecutionData;
const ids = (items: Item[]) => items.map((item) => item.json.customer_id);
const key = (item: Item, name: string) => item.json[name] as IDataObject;

function variant(
	file: string,
	node: string,
	change: (n: WorkflowJson['nodes'][number]) => void,
): WorkflowJson {
	const workflow = loadWorkflow(__dirname, file);
	change(workflow.nodes.find((entry) => entry.name === node)!);
	return workflow;
}
const stopOnError = (node: WorkflowJson['nodes'][number]) => {
	delete node.onError;
};

describe('Advocacy and Loyalty, Evaluate Advocate, through n8n-core', () => {
	it('routes candidates and the others, with tier, points, suggestions and rewards; a bad item leaves by Failed', async () => {
		const result = await run('evaluate-by-candidate.workflow.json');
		expect(result.status).toBe('success');
		const [candidates, others, failed] = result.outputs('Advocacy');
		expect(candidates.map((item) => [item.json.customer_id, item.pairedItem])).toEqual([
			['c-edge', { item: 0 }],
			['c-champ', { item: 4 }],
		]);
		expect(ids(others)).toEqual(['c-nps8', 'c-h69', 'c-asked']);
		expect(candidates[0].json.first_name).toBe('Ana');
		expect(key(candidates[1], 'advocacy')).toEqual({
			candidate: true,
			reason: 'Advocacy candidate: promoter (NPS 10), health score 88, not approached yet',
			criteria: {
				promoter: { met: true, field: 'nps_score', value: 10, threshold: 9 },
				healthy: { met: true, field: 'health_score', value: 88, threshold: 70 },
				notApproached: { met: true, field: null, value: null, threshold: null },
			},
			points: 450,
			pointsFrom: 'advocacy_points',
			pointsRedeemed: 100,
			balance: 350,
			tier: 'champion',
			tierName: 'Champion',
			benefits: ['Everything in Fan', 'Private community access', 'Priority support'],
			nextTier: { tier: 'ambassador', name: 'Ambassador', minPoints: 800, pointsNeeded: 350 },
			suggestedActivities: [
				{
					id: 'referral',
					name: 'Refer a customer',
					type: 'referral',
					points: 500,
					reason: 'Has not referred anyone yet',
				},
			],
			affordableRewards: [
				{ id: 'credit_100', name: '€100 credit', type: 'credit', pointsCost: 200 },
				{ id: 'swag_pack', name: 'Merchandise pack', type: 'swag', pointsCost: 150 },
				{ id: 'early_access', name: 'Early access to features', type: 'feature', pointsCost: 300 },
			],
		});
		expect(others.map((item) => key(item, 'advocacy').reason)).toEqual([
			'Not a candidate: NPS 8 is below 9 (not a promoter)',
			'Not a candidate: health score 69 is below 70',
			'Not a candidate: already approached (advocacy_approached_at 2026-02-01T09:00:00Z)',
		]);
		expect(failed.map((item) => [item.json.customer_id, item.json.error, item.pairedItem])).toEqual(
			[
				[
					'c-bad',
					'advocacy_points: must be a whole number of points from 0 to 1000000000 (got -20)',
					{ item: 5 },
				],
			],
		);
		expect(failed[0].json.advocacy).toBeUndefined();
		expect(ids(result.outputs('Candidates')[0])).toEqual(['c-edge', 'c-champ']);
	});

	it('without Continue On Fail, stops naming the item and the field', async () => {
		const result = await run(
			variant('evaluate-by-candidate.workflow.json', 'Advocacy', stopOnError),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Item 5: advocacy_points: must be a whole number of points from 0 to 1000000000 (got -20)',
		);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(
			5,
		);
		expect(result.error?.description).toBe('Check the field "advocacy_points" of this item.');
	});

	it('one output per tier, at the edges 299/300 and 799/800', async () => {
		const result = await run('evaluate-by-tier.workflow.json');
		expect(result.status).toBe('success');
		const [ambassador, champion, fan, failed] = result.outputs('Advocacy');
		expect([ids(ambassador), ids(champion), ids(fan), failed]).toEqual([
			['e'],
			['c', 'd'],
			['a', 'b'],
			[],
		]);
	});
});

describe('Advocacy and Loyalty, Loyalty Tier, through n8n-core', () => {
	it('routes Gold, Silver, Bronze and No Tier, with the points; a bad value leaves by Failed', async () => {
		const result = await run('loyalty-by-tier.workflow.json');
		expect(result.status).toBe('success');
		const [gold, silver, bronze, none, failed] = result.outputs('Loyalty');
		expect([ids(gold), ids(silver), ids(bronze), ids(none)]).toEqual([
			['g'],
			['s'],
			['s-no', 'b'],
			['n'],
		]);
		expect(key(silver[0], 'loyalty')).toMatchObject({
			tier: 'silver',
			facts: { monthsActive: 6, monthsActiveFrom: 'signup_date', featureAdoption: 0.8 },
			points: { earned: 320, earnedFrom: 'earning_rules', redeemed: 100, balance: 220 },
			redemptionOptions: [{ id: 'service_credits', name: '$10 service credit', pointsCost: 100 }],
		});
		expect(key(gold[0], 'loyalty')).toMatchObject({
			tier: 'gold',
			benefits: [
				'Dedicated success manager',
				'Custom integrations',
				'30% discount on all services',
				'Co-marketing opportunities',
			],
			points: { earned: 900, balance: 900 },
		});
		expect(failed.map((item) => [item.json.customer_id, item.json.error, item.pairedItem])).toEqual(
			[['bad', 'feature_adoption: must be a number from 0 to 1 (got 80)', { item: 5 }]],
		);
	});
});

describe('Advocacy and Loyalty, Redeem Reward, through n8n-core', () => {
	it('gives the balance after; an insufficient balance is refused with a clear error (Continue On Fail)', async () => {
		const result = await run('redeem-continue-on-fail.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs('Redeem');
		expect(items.map((item) => [item.json.customer_id, item.pairedItem])).toEqual([
			['rich', { item: 0 }],
			['exact', { item: 1 }],
			['short', { item: 2 }],
		]);
		expect(key(items[0], 'redemption')).toEqual({
			program: 'advocacy',
			reward: 'early_access',
			rewardName: 'Early access to features',
			quantity: 1,
			unitCost: 300,
			pointsCost: 300,
			balanceBefore: 350,
			balanceAfter: 50,
			pointsRedeemedBefore: 100,
			pointsRedeemedAfter: 400,
			value: { kind: 'advocacy_reward', type: 'feature', quantity: 1 },
			redeemedField: 'advocacy_points_redeemed',
		});
		expect(key(items[1], 'redemption')).toMatchObject({
			balanceAfter: 0,
			pointsRedeemedAfter: 300,
		});
		expect(items[2].json.redemption).toBeUndefined();
		expect(items[2].json.error).toBe(
			'advocacy_points_redeemed: the balance of 299 points (299 earned, 0 already redeemed) cannot pay for early_access (300 points): 1 more point needed',
		);
	});

	it('without Continue On Fail, stops naming the item and the field', async () => {
		const result = await run(
			variant('redeem-continue-on-fail.workflow.json', 'Redeem', stopOnError),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/^Item 2: advocacy_points_redeemed: the balance of 299 points/,
		);
		expect(result.error?.description).toBe(
			'Check the field "advocacy_points_redeemed" of this item.',
		);
	});

	it('loyalty points: 3 service credits', async () => {
		const workflow = variant('redeem-continue-on-fail.workflow.json', 'Redeem', (node) => {
			node.parameters = {
				operation: 'redeemReward',
				program: 'loyalty',
				loyaltyReward: 'service_credits',
				quantity: 3,
			};
		});
		workflow.pinData![TRIGGER] = [
			{ json: { customer_id: 'l', loyalty_points: 450, loyalty_points_redeemed: 50 } },
		];
		const [items] = (await run(workflow)).outputs('Redeem');
		expect(key(items[0], 'redemption')).toMatchObject({
			reward: 'service_credits',
			pointsCost: 300,
			balanceAfter: 100,
			pointsRedeemedAfter: 350,
			value: { kind: 'credit', amount: 30, currency: 'USD' },
		});
	});
});

describe('Advocacy and Loyalty, referral codes, through n8n-core', () => {
	it('creates a signed code per customer and verifies it back to the referrer; a self-referral is invalid', async () => {
		const result = await run('referral-codes.workflow.json');
		expect(result.status).toBe('success');
		const [created] = result.outputs('Create Code');
		const code = createReferralCode('c-001', SECRET);
		expect(key(created[0], 'referral')).toMatchObject({
			code,
			referrerId: 'c-001',
			link: `https://example.com/signup?ref=${code}`,
		});
		const [valid, invalid, failed] = result.outputs('Verify Code');
		expect(
			valid.map((item) => [
				key(item, 'referral').referrerId,
				key(item, 'referral').secret,
				item.pairedItem,
			]),
		).toEqual([
			['c-001', 'current', { item: 0 }],
			['123e4567-e89b-12d3-a456-426614174000', 'current', { item: 2 }],
		]);
		expect(
			invalid.map((item) => [key(item, 'referral').reason, key(item, 'referral').message]),
		).toEqual([
			[
				'self_referral',
				"referral.code: is the customer's own referral code (new_customer_id c-002)",
			],
		]);
		expect(failed).toEqual([]);
	});

	it('verifies typed-in codes: any case, the previous secret; tampered, foreign and missing codes are invalid', async () => {
		const code = createReferralCode('c-001', SECRET);
		const tampered = code.slice(0, 2) + (code[2] === 'A' ? 'B' : 'A') + code.slice(3);
		const workflow = loadWorkflow(__dirname, 'verify-codes.workflow.json');
		workflow.pinData![TRIGGER] = [
			{ json: { customer_id: 'n-1', referral_code: code.toLowerCase() } },
			{ json: { customer_id: 'n-2', referral_code: createReferralCode('c-009', OLD_SECRET) } },
			{ json: { customer_id: 'n-3', referral_code: tampered } },
			{
				json: {
					customer_id: 'n-4',
					referral_code: createReferralCode('c-001', 'someone-elses-secret-000000'),
				},
			},
			{ json: { customer_id: 'n-5' } },
			{ json: { customer_id: 'n-6', referral_code: { code } } },
		];
		const result = await run(workflow);
		expect(result.status).toBe('success');
		const [valid, invalid, failed] = result.outputs('Verify Code');
		expect(
			valid.map((item) => [
				item.json.customer_id,
				key(item, 'referral').referrerId,
				key(item, 'referral').secret,
			]),
		).toEqual([
			['n-1', 'c-001', 'current'],
			['n-2', 'c-009', 'previous'],
		]);
		expect(key(valid[0], 'referral')).toMatchObject({
			valid: true,
			code,
			referredIncentives: { firstYearDiscountPercent: 20, premiumFreeMonths: 3 },
		});
		expect(invalid.map((item) => [item.json.customer_id, key(item, 'referral').reason])).toEqual([
			['n-3', 'checksum'],
			['n-4', 'signature'],
			['n-5', 'missing'],
		]);
		expect(failed.map((item) => [item.json.customer_id, item.json.error, item.pairedItem])).toEqual(
			[
				[
					'n-6',
					`referral_code: must be text (the referral code) (got {"code":"${code}"})`,
					{ item: 5 },
				],
			],
		);
	});

	it('a short secret in the credential stops the node before any item', async () => {
		mockCredentials.data = { customerSuccessReferralApi: { secret: 'short' } };
		const result = await run('referral-codes.workflow.json');
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Secret of the referral credential: must be at least 16 characters (use a long random value, e.g. openssl rand -hex 32)',
		);
		expect(result.error?.description).toBe(
			'Edit the Customer Success Referral Codes credential of this node.',
		);
	});
});

describe('Advocacy and Loyalty, Referral Reward, through n8n-core', () => {
	it('the referrer’s reward for a converted referral, with the commission rate option', async () => {
		const workflow = variant('redeem-continue-on-fail.workflow.json', 'Redeem', (node) => {
			node.parameters = { operation: 'referralReward', options: { commissionPercent: 30 } };
		});
		workflow.pinData![TRIGGER] = [
			{
				json: {
					customer_id: 'new',
					mrr: 200,
					referrer_id: 'c-001',
					referrer_successful_referrals: 5,
					referrer_referrals_this_year: 5,
				},
			},
		];
		const result = await run(workflow);
		expect(result.status).toBe('success');
		expect(key(result.outputs('Redeem')[0][0], 'referralReward')).toEqual({
			referrerId: 'c-001',
			freeMonths: 1,
			commission: { percent: 30, months: 12, monthlyAmount: 60, totalAmount: 720 },
			milestoneBonus: { reached: true, referrals: 5, amount: 500, currency: 'USD' },
			annualBonus: { reached: false, referrals: 20, amount: 2000, currency: 'USD' },
			bonusTotal: 500,
			currency: 'USD',
			advocacyPoints: 500,
			loyaltyPoints: 100,
			referredIncentives: {
				firstYearDiscountPercent: 20,
				premiumFreeMonths: 3,
				prioritySupport: 'Expedited support queue',
			},
		});
	});
});
