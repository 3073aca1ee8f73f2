/**
 * The failure policy, the same for every node that routes: a failed item never leaves by an output that means "all is
 * well". One good and one broken item through each routed node, under the three On Error settings.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { CustomerChurnSignals } from '../../../nodes/CustomerChurnSignals/CustomerChurnSignals.node';
import { CustomerExpansionSignals } from '../../../nodes/CustomerExpansionSignals/CustomerExpansionSignals.node';
import { CustomerHealthScore } from '../../../nodes/CustomerHealthScore/CustomerHealthScore.node';
import { CustomerLifecycleStage } from '../../../nodes/CustomerLifecycleStage/CustomerLifecycleStage.node';
import { CustomerNps } from '../../../nodes/CustomerNps/CustomerNps.node';
import { CustomerPlaybook } from '../../../nodes/CustomerPlaybook/CustomerPlaybook.node';
import { createNodeTypes, resetProcessedData } from '../harness';
import { picture, runNode, type NodeUnderTest } from './build';

const nodeTypes = createNodeTypes({
	customerChurnSignals: new CustomerChurnSignals(),
	customerExpansionSignals: new CustomerExpansionSignals(),
	customerHealthScore: new CustomerHealthScore(),
	customerLifecycleStage: new CustomerLifecycleStage(),
	customerNps: new CustomerNps(),
	customerPlaybook: new CustomerPlaybook(),
});

beforeEach(resetProcessedData);

const isoError = (field: string, value: string) =>
	`${field}: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "${value}")`;

interface Case {
	label: string;
	node: NodeUnderTest;
	/** The output names of the routed mode, in order, without Failed. */
	routes: string[];
	good: IDataObject;
	/** The route the good item leaves by. */
	goodRoute: string;
	broken: IDataObject;
	message: string;
	field: string;
}

const CASES: Case[] = [
	{
		label: 'Customer Health Score, one output per category',
		node: {
			type: 'customerHealthScore',
			name: 'Customer Health Score',
			parameters: { outputMode: 'byCategory', options: { referenceTime: '2026-11-23T12:00:00Z' } },
		},
		routes: ['Healthy', 'At Risk', 'Critical', 'Insufficient Data'],
		good: {
			customer_id: 'cust-at-risk',
			dau_mau_ratio: 0.25,
			feature_adoption: 0.35,
			conversations_per_week: 50,
			days_since_last_login: 15.5,
			logins_per_week: 2.5,
			features_used_this_month: 5,
			open_tickets: 0,
			avg_csat: 5,
			escalations: 0,
			nps_score: 5,
			meetings_attended: 1,
			responses_to_outreach: 1,
			payment_health: 1,
			growth_potential: 0.5,
			contract_length: 6,
		},
		goodRoute: 'At Risk',
		broken: {
			customer_id: 'cust-broken',
			dau_mau_ratio: 0.9,
			feature_adoption: 0.9,
			last_login_at: 'yesterday',
		},
		message: isoError('last_login_at', 'yesterday'),
		field: 'last_login_at',
	},
	{
		label: 'Churn Signals, one output per tier',
		node: {
			type: 'customerChurnSignals',
			name: 'Churn Signals',
			parameters: { outputMode: 'byTier', options: { referenceTime: '2026-03-10T12:00:00.000Z' } },
		},
		routes: ['Immediate', 'Urgent', 'Monitor', 'None'],
		good: { customer_id: 'cust-monitor', nps_score: 9, last_login_at: '2026-03-01T09:00:00Z' },
		goodRoute: 'Monitor',
		broken: { customer_id: 'cust-broken', nps_score: 9, last_login_at: 'yesterday' },
		message: isoError('last_login_at', 'yesterday'),
		field: 'last_login_at',
	},
	{
		label: 'Expansion Signals, Opportunity / No Opportunity',
		node: {
			type: 'customerExpansionSignals',
			name: 'Expansion Signals',
			parameters: {
				outputMode: 'byOpportunity',
				options: { referenceTime: '2026-11-23T12:00:00Z', timezone: 'UTC' },
			},
		},
		routes: ['Opportunity', 'No Opportunity'],
		good: { customer_id: 'cust-promoter', plan: 'pro', nps_score: 9, days_to_renewal: 30 },
		goodRoute: 'No Opportunity',
		broken: {
			customer_id: 'cust-broken',
			plan: 'starter',
			usage_vs_limit: 0.9,
			renewal_date: 'soon',
		},
		message: isoError('renewal_date', 'soon'),
		field: 'renewal_date',
	},
	{
		label: 'Lifecycle Stage, one output per stage',
		node: {
			type: 'customerLifecycleStage',
			name: 'Lifecycle Stage',
			parameters: {
				outputMode: 'byStage',
				options: { referenceTime: '2026-11-23T12:00:00Z', timezone: 'UTC' },
			},
		},
		routes: [
			'Trial',
			'Onboarding',
			'Adopting',
			'Growing',
			'Renewing',
			'Expanding',
			'Advocating',
			'At Risk',
			'Churned',
		],
		good: {
			customer_id: 'cust-onboarded',
			lifecycle_stage: 'onboarding',
			onboarding_completion: 90,
			health_score: 75,
			days_since_last_login: 1,
			high_severity_tickets: 0,
			nps_score: 8,
		},
		goodRoute: 'Adopting',
		broken: {
			customer_id: 'cust-broken',
			lifecycle_stage: 'trial',
			subscription_status: 'trialing',
			trial_ends_at: 'next month',
		},
		message: isoError('trial_ends_at', 'next month'),
		field: 'trial_ends_at',
	},
	{
		label: 'NPS Classify, one output per segment',
		node: {
			type: 'customerNps',
			name: 'NPS',
			parameters: {
				outputMode: 'bySegment',
				options: { referenceTime: '2026-03-10T12:00:00.000Z', timezone: 'UTC' },
			},
		},
		routes: ['Promoters', 'Passives', 'Detractors'],
		good: { customer_id: 'c-pas', nps_score: '7' },
		goodRoute: 'Passives',
		broken: { customer_id: 'c-broken', nps_score: 9, nps_responded_at: 'yesterday' },
		message: isoError('nps_responded_at', 'yesterday'),
		field: 'nps_responded_at',
	},
	{
		label: 'NPS Survey Throttle, Eligible / Recently Surveyed',
		node: {
			type: 'customerNps',
			name: 'NPS',
			parameters: {
				mode: 'throttle',
				options: { referenceTime: '2026-05-30T12:00:00.000Z', timezone: 'UTC' },
			},
		},
		routes: ['Eligible', 'Recently Surveyed'],
		good: {
			customer_id: 'la',
			timezone: 'America/Los_Angeles',
			last_nps_survey_at: '2026-03-02T07:30:00Z',
		},
		goodRoute: 'Eligible',
		broken: { customer_id: 'c-broken', last_nps_survey_at: 'last spring' },
		message: isoError('last_nps_survey_at', 'last spring'),
		field: 'last_nps_survey_at',
	},
	{
		label: 'CS Playbook, playbook from a field: Playbook / No Playbook',
		node: {
			type: 'customerPlaybook',
			name: 'CS Playbook',
			parameters: { outputMode: 'allSteps', options: { referenceTime: '2026-11-18T10:00:00' } },
		},
		routes: ['Playbook', 'No Playbook'],
		good: { customer_id: 'cust-none', churn: { playbook: null } },
		goodRoute: 'No Playbook',
		broken: { customer_id: 'cust-number', churn: { playbook: 42 } },
		message: 'churn.playbook: must be a playbook id such as "save.no_login_7_days" (got number 42)',
		field: 'churn.playbook',
	},
];

/** Every output empty but the ones given. */
function only(names: string[], filled: Record<string, Array<[unknown, unknown, unknown]>>) {
	return Object.fromEntries(names.map((name) => [name, filled[name] ?? []]));
}

describe.each(CASES)('$label', ({ node, routes, good, goodRoute, broken, message, field }) => {
	it('Continue (regular output): the broken item leaves by Failed with its fields and `error`, the good one by its route', async () => {
		const routed = await runNode(nodeTypes, { ...node, onError: 'continueRegularOutput' }, [
			good,
			broken,
		]);
		expect(routed.result.status).toBe('success');
		expect(routed.names).toEqual([...routes, 'Failed']);
		expect(picture(routed)).toEqual(
			only(routed.names, {
				[goodRoute]: [[good.customer_id, null, { item: 0 }]],
				Failed: [[broken.customer_id, message, { item: 1 }]],
			}),
		);
		const [failed] = routed.byName.Failed;
		// The input's fields, untouched, plus the message.
		expect(failed.json).toEqual({ ...broken, error: message });
	});

	it('Continue (using error output): the broken item leaves by n8n’s Error output, Failed stays empty', async () => {
		const routed = await runNode(nodeTypes, { ...node, onError: 'continueErrorOutput' }, [
			good,
			broken,
		]);
		expect(routed.result.status).toBe('success');
		expect(routed.names).toEqual([...routes, 'Failed', 'Error']);
		expect(picture(routed)).toEqual(
			only(routed.names, {
				[goodRoute]: [[good.customer_id, null, { item: 0 }]],
				Error: [[broken.customer_id, message, { item: 1 }]],
			}),
		);
		// Exactly what Failed carries under Continue (regular output): n8n-core merged the input's fields back.
		const [failed] = routed.byName.Error;
		expect(failed.json).toEqual({ ...broken, error: message });
	});

	it('stop: the node fails naming the item and the field', async () => {
		const routed = await runNode(nodeTypes, node, [good, broken]);
		expect(routed.result.status).toBe('error');
		const error = routed.result.error as unknown as NodeOperationError;
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(`Item 1: ${message}`);
		expect(error.context.itemIndex).toBe(1);
		expect(error.description).toBe(`Check the field "${field}" of this item.`);
	});
});

describe('a node in single-output mode', () => {
	const node: NodeUnderTest = {
		type: 'customerHealthScore',
		name: 'Customer Health Score',
		parameters: { options: { referenceTime: '2026-11-23T12:00:00Z' } },
	};
	const [good, broken] = [CASES[0].good, CASES[0].broken];

	it('Continue (regular output): the broken item leaves by the one output with `error`, as before', async () => {
		const routed = await runNode(nodeTypes, { ...node, onError: 'continueRegularOutput' }, [
			good,
			broken,
		]);
		expect(routed.names).toEqual(['main']);
		expect(picture(routed)).toEqual({
			main: [
				['cust-at-risk', null, { item: 0 }],
				['cust-broken', CASES[0].message, { item: 1 }],
			],
		});
	});

	it('Continue (using error output): Success and Error, the broken item on Error', async () => {
		const routed = await runNode(nodeTypes, { ...node, onError: 'continueErrorOutput' }, [
			good,
			broken,
		]);
		expect(routed.names).toEqual(['Success', 'Error']);
		expect(picture(routed)).toEqual({
			Success: [['cust-at-risk', null, { item: 0 }]],
			Error: [['cust-broken', CASES[0].message, { item: 1 }]],
		});
	});
});

describe('NPS Aggregate (one item for the batch)', () => {
	const node: NodeUnderTest = {
		type: 'customerNps',
		name: 'NPS',
		parameters: { mode: 'aggregate', options: { surveysSent: '={{ -3 }}' } },
	};
	const items = [{ nps_score: 9 }, { nps_score: 3 }];
	const message = 'Surveys Sent: must be a whole number of 0 or more (got -3)';

	it('a bad option under Continue (using error output) sends the one error item, paired with every input, to Error', async () => {
		const routed = await runNode(nodeTypes, { ...node, onError: 'continueErrorOutput' }, items);
		expect(routed.names).toEqual(['Success', 'Error']);
		expect(routed.byName.Success).toEqual([]);
		const [failed] = routed.byName.Error;
		// n8n-core merges the first paired input item into an error item it moves.
		expect(failed.json).toEqual({ nps_score: 9, error: message });
		expect(failed.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('a bad score without Continue On Fail stops naming the item', async () => {
		const routed = await runNode(
			nodeTypes,
			{ type: 'customerNps', name: 'NPS', parameters: { mode: 'aggregate' } },
			[{ nps_score: 9 }, { nps_score: 11 }],
		);
		expect(routed.result.status).toBe('error');
		expect(routed.result.error?.message).toBe(
			'Item 1: nps_score: must be a whole number from 0 to 10 (got 11)',
		);
		expect((routed.result.error as unknown as NodeOperationError).context.itemIndex).toBe(1);
		expect(routed.result.error?.description).toBe('Check the field "nps_score" of this item.');
	});
});
