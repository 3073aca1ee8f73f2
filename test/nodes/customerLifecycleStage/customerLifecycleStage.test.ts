import { CustomerHealthScore } from '../../../nodes/CustomerHealthScore/CustomerHealthScore.node';
import { CustomerLifecycleStage } from '../../../nodes/CustomerLifecycleStage/CustomerLifecycleStage.node';
import { NodeHelpers, Workflow, type INode } from 'n8n-workflow';

import { createNodeTypes, loadWorkflow, runWorkflow } from '../harness';

const nodeTypes = createNodeTypes({
	customerLifecycleStage: new CustomerLifecycleStage(),
	customerHealthScore: new CustomerHealthScore(),
});
const run = async (file: string) => runWorkflow(loadWorkflow(__dirname, file), { nodeTypes });
const NODE = 'Lifecycle Stage';

type Item = { json: Record<string, unknown>; pairedItem?: unknown };
const lifecycle = (item: Item) => item.json.lifecycle as Record<string, unknown>;
const ids = (items: Item[]) => items.map((item) => item.json.customer_id);

const AT_RISK_UNKNOWN = [
	{
		rule: 'at-risk check',
		condition: 'healthScore < 40',
		missing: ['health.score', 'health_score'],
	},
	{
		rule: 'at-risk check',
		condition: 'daysWithoutLogin > 14',
		missing: ['days_since_last_login', 'last_login_at'],
	},
	{
		rule: 'at-risk check',
		condition: 'supportTicketsSeverityHigh > 2',
		missing: ['high_severity_tickets'],
	},
	{ rule: 'at-risk check', condition: 'npsScore <= 6', missing: ['nps_score'] },
];

describe('Lifecycle Stage node, through n8n-core', () => {
	it('declares one output, or one per stage of the chosen mode (the outputs expression, as n8n resolves it)', () => {
		const node = new CustomerLifecycleStage();
		const outputsFor = (parameters: Record<string, string>) => {
			const lifecycleNode: INode = {
				id: 'n1',
				name: NODE,
				type: 'n8n-nodes-customer-success.customerLifecycleStage',
				typeVersion: 1,
				position: [0, 0],
				parameters,
			};
			const workflow = new Workflow({
				nodes: [lifecycleNode],
				connections: {},
				active: false,
				nodeTypes,
			});
			return NodeHelpers.getNodeOutputs(workflow, lifecycleNode, node.description).map((output) =>
				typeof output === 'string' ? output : (output.displayName ?? output.type),
			);
		};
		expect(outputsFor({})).toEqual(['main']);
		expect(outputsFor({ mode: 'tenure' })).toEqual(['main']);
		expect(outputsFor({ outputMode: 'byStage' })).toEqual([
			'Trial',
			'Onboarding',
			'Adopting',
			'Growing',
			'Renewing',
			'Expanding',
			'Advocating',
			'At Risk',
			'Churned',
			'Failed',
		]);
		expect(outputsFor({ mode: 'tenure', outputMode: 'byStage' })).toEqual([
			'Onboarding',
			'Adoption',
			'Growth',
			'Expansion',
			'Failed',
		]);
	});

	it('moves each customer by the agent specification’s rules, keeps its fields and pairing, and explains itself', async () => {
		const result = await run('transitions.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(
			items.map((item) => [
				item.json.customer_id,
				lifecycle(item).previousStage,
				lifecycle(item).stage,
			]),
		).toEqual([
			['cust-trial-paid', 'trial', 'onboarding'],
			['cust-stalled', 'onboarding', 'at_risk'],
			['cust-renewal', 'growing', 'renewing'],
			['cust-steady', 'adopting', 'adopting'],
			['cust-sparse', 'expanding', 'expanding'],
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
			{ item: 4 },
		]);
		expect(lifecycle(items[0])).toEqual({
			stage: 'onboarding',
			previousStage: 'trial',
			changed: true,
			reason: 'Subscription status is active',
			workflows: ['onboarding_kickoff', 'assign_csm'],
			mode: 'transitions',
			notEvaluated: [],
		});
		// signup_date 2026-10-20 is 34 days before the reference time.
		expect(lifecycle(items[1])).toMatchObject({
			reason: 'Days as customer 34 is above 30 and onboarding completion 40% is below 50%',
			workflows: ['at_risk_intervention', 'executive_escalation'],
		});
		// renewal_date 2027-01-10 is 48 days after it.
		expect(lifecycle(items[2])).toMatchObject({
			reason: 'Days to renewal 48 is 60 or less',
			workflows: ['renewal_sequence', 'value_recap'],
		});
		expect(lifecycle(items[3])).toEqual({
			stage: 'adopting',
			previousStage: 'adopting',
			changed: false,
			reason: 'No transition from adopting: health score 65 is below 70',
			workflows: [],
			mode: 'transitions',
			notEvaluated: [],
		});
		expect(lifecycle(items[4])).toEqual({
			stage: 'expanding',
			previousStage: 'expanding',
			changed: false,
			reason: 'No transition from expanding: expansion closed is missing (expansion_closed)',
			workflows: [],
			mode: 'transitions',
			notEvaluated: [
				...AT_RISK_UNKNOWN,
				{
					rule: 'expanding -> growing',
					condition: 'expansionClosed',
					missing: ['expansion_closed'],
				},
			],
		});
		expect(items[2].json.renewal_date).toBe('2027-01-10');
		expect(result.outputs('Evaluated')[0]).toHaveLength(5);
	});

	it('routes each customer to the output of its new stage (nine outputs)', async () => {
		const result = await run('by-stage.workflow.json');
		expect(result.status).toBe('success');
		const all = result.outputs(NODE);
		// The nine stages, then Failed (empty: no item failed).
		expect(all).toHaveLength(10);
		expect(all[9]).toEqual([]);
		const outputs = all.slice(0, 9);
		expect(outputs.map(ids)).toEqual([
			['cust-trialing'],
			['cust-win-back'],
			['cust-onboarded'],
			[],
			[],
			['cust-upsell'],
			['cust-promoter'],
			['cust-still-at-risk'],
			['cust-lost'],
		]);
		expect(outputs.map((items) => items.map((item) => item.pairedItem))).toEqual([
			[{ item: 0 }],
			[{ item: 4 }],
			[{ item: 1 }],
			[],
			[],
			[{ item: 6 }],
			[{ item: 2 }],
			[{ item: 3 }],
			[{ item: 5 }],
		]);
		expect(lifecycle(result.outputs('At Risk')[0][0])).toMatchObject({
			stage: 'at_risk',
			changed: false,
			reason:
				'Still at risk: NPS score 5 is 6 or less (at-risk check, runs before the exits of at_risk)',
			workflows: [],
		});
		expect(lifecycle(result.outputs('Trial')[0][0]).reason).toBe(
			'No transition from trial: subscription status is trialing, not active; trial days remaining 8 is above 0',
		);
		expect(lifecycle(result.outputs('Advocating')[0][0])).toMatchObject({
			reason: 'NPS score 10 reached 9 and health score 88 reached 80',
			workflows: ['advocacy_program_invite'],
		});
		expect(lifecycle(result.outputs('Churned')[0][0]).reason).toBe(
			'Subscription status is canceled',
		);
		expect(lifecycle(result.outputs('Expanding')[0][0]).workflows).toEqual(['expansion_proposal']);
		// As in n8n, a node on an empty output does not run.
		expect(result.executedNodes).not.toContain('Growing');
		expect(result.executedNodes).not.toContain('Renewing');
		expect(result.executedNodes).toContain('Churned');
	});

	it('places customers by tenure (docs/sources.md#tenure-stages) on four outputs, counting days in their time zone', async () => {
		const result = await run('tenure.workflow.json');
		expect(result.status).toBe('success');
		const outputs = result.outputs(NODE);
		// The four tenure stages, then Failed (empty: no item failed).
		expect(outputs.map(ids)).toEqual([
			['cust-day-0', 'cust-day-30-utc'],
			['cust-day-31-la'],
			['cust-day-91'],
			['cust-day-181'],
			[],
		]);
		const [onboarding, adoption, growth, expansion] = outputs;
		expect(lifecycle(onboarding[0])).toEqual({
			stage: 'onboarding',
			previousStage: null,
			changed: true,
			reason: 'Signup day (day 0) counts as onboarding (days 1-30, tenure stages)',
			workflows: [
				'onboarding_welcome_sequence',
				'onboarding_feature_walkthrough',
				'onboarding_first_value_check',
				'onboarding_goal_setting',
				'onboarding_check_ins',
			],
			mode: 'tenure',
			notEvaluated: [],
		});
		expect(lifecycle(onboarding[1])).toMatchObject({
			previousStage: 'onboarding',
			changed: false,
			reason: 'Day 30 since signup is in onboarding (days 1-30, tenure stages)',
			workflows: [],
		});
		expect(lifecycle(adoption[0])).toMatchObject({
			previousStage: 'onboarding',
			changed: true,
			reason: 'Day 31 since signup is in adoption (days 31-90, tenure stages)',
		});
		expect(lifecycle(growth[0])).toMatchObject({
			changed: true,
			reason: 'Day 91 since signup is in growth (days 91-180, tenure stages)',
		});
		expect(lifecycle(expansion[0])).toMatchObject({ changed: false, workflows: [] });
		expect(outputs.map((items) => items.map((item) => item.pairedItem))).toEqual([
			[{ item: 0 }, { item: 1 }],
			[{ item: 2 }],
			[{ item: 3 }],
			[{ item: 4 }],
			[],
		]);
	});

	it('reads the health score the Customer Health Score node wrote before it', async () => {
		const result = await run('health-chain.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(items.map((item) => (item.json.health as { score: number }).score)).toEqual([100, 16]);
		// health.score 100 wins over the stale health_score 20 of the record.
		expect(lifecycle(items[0])).toMatchObject({
			previousStage: 'at_risk',
			stage: 'growing',
			reason: 'Health score 100 reached 60',
			workflows: ['qbr_scheduling', 'success_story_outreach'],
			notEvaluated: [],
		});
		expect(lifecycle(items[1])).toMatchObject({
			previousStage: 'growing',
			stage: 'at_risk',
			reason:
				'Health score 16 is below 40; days since last login 30 is above 14; NPS score 2 is 6 or less (at-risk check)',
			notEvaluated: [AT_RISK_UNKNOWN[2]],
		});
	});

	it('evaluates expressions and options: record path, stage field, default stage, fraction scale, reference time, zone', async () => {
		const result = await run('options.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		// Trial ends 02:00Z on the 24th = 20:00 on the 23rd in Mexico City, the day of the reference time there.
		expect(lifecycle(items[0])).toEqual({
			stage: 'churned',
			previousStage: 'trial',
			changed: true,
			reason:
				'Trial days remaining 0 is 0 or less (crm_stage was empty: Default Current Stage trial assumed)',
			workflows: ['exit_interview', 'win_back_sequence'],
			mode: 'transitions',
			notEvaluated: [],
		});
		expect(lifecycle(items[1])).toMatchObject({
			previousStage: 'onboarding',
			stage: 'adopting',
			reason: 'Onboarding completion 85% reached 80%',
		});
		expect((items[1].json.customer as Record<string, unknown>).onboarding_completion).toBe(0.85);
	});

	it('with Continue On Fail, passes a bad item on with an error and evaluates the others', async () => {
		const result = await run('continue-on-fail.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(
			items.map((item) => [
				item.json.customer_id,
				item.json.lifecycle === undefined,
				item.json.error,
			]),
		).toEqual([
			['cust-ok', false, undefined],
			[
				'cust-bad-stage',
				true,
				'lifecycle_stage: must be one of trial, onboarding, adopting, growing, renewing, expanding, advocating, at_risk, churned (got "adoption")',
			],
			['cust-bad-nps', true, 'nps_score: must be a whole number from 0 to 10 (got 11)'],
		]);
		expect(lifecycle(items[0]).stage).toBe('onboarding');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('without Continue On Fail, stops with a NodeOperationError naming the item and the field', async () => {
		const result = await run('stop-on-error.workflow.json');
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'Item 1: lifecycle_stage: must be one of trial, onboarding, adopting, growing, renewing, expanding, advocating, at_risk, churned (got "adoption")',
		);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(
			1,
		);
		expect(result.error?.description).toBe('Check the field "lifecycle_stage" of this item.');
	});
});
