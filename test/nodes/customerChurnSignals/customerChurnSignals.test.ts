import type { IDataObject } from 'n8n-workflow';

import { CustomerChurnSignals } from '../../../nodes/CustomerChurnSignals/CustomerChurnSignals.node';
import { CustomerHealthScore } from '../../../nodes/CustomerHealthScore/CustomerHealthScore.node';
import {
	createNodeTypes,
	loadWorkflow,
	resetProcessedData,
	runWorkflow,
	setProcessedDataLatency,
	type WorkflowJson,
} from '../harness';

const nodeTypes = createNodeTypes({
	customerChurnSignals: new CustomerChurnSignals(),
	customerHealthScore: new CustomerHealthScore(),
});
const run = async (workflow: string | WorkflowJson) =>
	runWorkflow(typeof workflow === 'string' ? loadWorkflow(__dirname, workflow) : workflow, {
		nodeTypes,
	});
const NODE = 'Churn Signals';
const TRIGGER = "When clicking 'Execute workflow'";

interface Churn {
	tier: string;
	atRisk: boolean;
	atRiskReasons: unknown[];
	signals: Array<{ type: string } & Record<string, unknown>>;
	playbook: string | null;
	suppressed: unknown[];
	notEvaluated: Array<{ type: string; field: string }>;
}
const churn = (item: { json: Record<string, unknown> }) => item.json.churn as Churn;
const signalTypes = (item: { json: Record<string, unknown> }) =>
	churn(item).signals.map((signal) => signal.type);

/** A fixture with its reference time moved, its pinned items replaced, or both. */
function variant(
	file: string,
	changes: { referenceTime?: string; items?: IDataObject[] },
): WorkflowJson {
	const workflow = loadWorkflow(__dirname, file);
	const node = workflow.nodes.find((candidate) => candidate.name === NODE)!;
	if (changes.referenceTime)
		(node.parameters.options as Record<string, unknown>).referenceTime = changes.referenceTime;
	if (changes.items) workflow.pinData![TRIGGER] = changes.items.map((json) => ({ json }));
	return workflow;
}

beforeEach(resetProcessedData);

describe('Churn Signals node, through n8n-core', () => {
	it('detects signals on every item, with tier, at-risk, playbook, and keeps fields and pairing', async () => {
		const result = await run('defaults.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(
			items.map((item) => [
				item.json.customer_id,
				churn(item).tier,
				signalTypes(item),
				churn(item).playbook,
			]),
		).toEqual([
			['cust-healthy', 'none', [], null],
			['cust-monitor', 'monitor', ['no_login_7_days'], 'save.no_login_7_days'],
			[
				'cust-urgent',
				'urgent',
				['nps_detractor', 'multiple_support_tickets', 'low_rating'],
				'save.nps_detractor',
			],
			[
				'cust-immediate',
				'immediate',
				['failed_payment', 'cancellation_request'],
				'save.cancellation_request',
			],
			['cust-sparse', 'none', [], null],
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(items[2].json.company).toBe('Acme');
		expect(churn(items[2])).toEqual({
			tier: 'urgent',
			atRisk: true,
			atRiskReasons: [{ metric: 'nps_score', operator: '<=', threshold: 6, value: 4 }],
			signals: [
				{
					type: 'nps_detractor',
					severity: 'high',
					description: 'NPS detractor score',
					metric: 'nps_score',
					value: 4,
					threshold: 6,
					operator: '<=',
				},
				{
					type: 'multiple_support_tickets',
					severity: 'medium',
					description: '3+ open support tickets',
					metric: 'open_tickets',
					value: 3,
					threshold: 3,
					operator: '>=',
				},
				{
					type: 'low_rating',
					severity: 'medium',
					description: 'Average rating below 4.0',
					metric: 'rating',
					value: 3.5,
					threshold: 4,
					operator: '<',
				},
			],
			playbook: 'save.nps_detractor',
			suppressed: [],
			notEvaluated: [],
		});
		// days_since_last_login derived from last_login_at: 2026-03-01 to 2026-03-10 is 9 calendar days.
		expect(churn(items[1]).signals[0]).toMatchObject({ metric: 'days_since_last_login', value: 9 });
		// "true"/"1" strings read as a flag and a number.
		expect(churn(items[3]).signals.map((signal) => signal.value)).toEqual([1, true]);
		// Missing fields are listed, never read as 0 (a missing open_tickets is not "0 tickets", nor a failed payment).
		expect(churn(items[4]).notEvaluated.map((entry) => entry.type)).toEqual([
			'no_login_7_days',
			'no_login_14_days',
			'usage_drop_50',
			'multiple_support_tickets',
			'failed_payment',
			'cancellation_request',
			'competitor_mention',
			'low_rating',
			'trial_expiring',
			'no_key_action_14_days',
			'low_login_frequency',
			'short_sessions',
			'low_feature_adoption',
		]);
		expect(churn(items[0]).notEvaluated).toEqual([]);
		expect(result.outputs('Signals')[0]).toHaveLength(5);
	});

	it('routes each customer to the output of its tier, by urgency', async () => {
		const result = await run('by-tier.workflow.json');
		expect(result.status).toBe('success');
		const all = result.outputs(NODE);
		// The routes, then Failed (empty: no item failed).
		expect(all).toHaveLength(5);
		expect(all[4]).toEqual([]);
		const outputs = all.slice(0, 4);
		expect(
			outputs.map((items) => items.map((item) => [item.json.customer_id, item.pairedItem])),
		).toEqual([
			[['cust-immediate', { item: 3 }]],
			[['cust-urgent', { item: 2 }]],
			[['cust-monitor', { item: 1 }]],
			[
				['cust-healthy', { item: 0 }],
				['cust-sparse', { item: 4 }],
			],
		]);
		expect(
			['Immediate', 'Urgent', 'Monitor', 'None'].map((sink) => result.outputs(sink)[0].length),
		).toEqual([1, 1, 1, 2]);
		expect(churn(result.outputs('Immediate')[0][0]).tier).toBe('immediate');
	});

	it('cools a signal down across executions, per customer and signal type, and reports it as suppressed', async () => {
		const ids = (items: Array<{ json: Record<string, unknown> }>) =>
			items.map((item) => item.json.customer_id);

		// Run 1 (2026-03-10): c1 and c2 raise; c1 listed a second time in the same batch is already cooled down.
		const first = await run('cooldown.workflow.json');
		expect(first.status).toBe('success');
		let [immediate, urgent, monitor, none] = first.outputs(NODE);
		expect([ids(immediate), ids(urgent), ids(monitor), ids(none)]).toEqual([
			['c2'],
			['c1'],
			[],
			['c1'],
		]);
		expect(signalTypes(urgent[0])).toEqual(['no_login_7_days', 'nps_detractor']);
		expect(churn(urgent[0]).suppressed).toEqual([]);
		expect(churn(none[0])).toMatchObject({
			tier: 'none',
			signals: [],
			playbook: null,
			atRisk: true,
			suppressed: [
				{ type: 'no_login_7_days', reason: 'cooldown', until: '2026-03-17T00:00:00.000+01:00' },
				{ type: 'nps_detractor', reason: 'cooldown', until: '2026-03-17T00:00:00.000+01:00' },
			],
		});
		expect(none[0].pairedItem).toEqual({ item: 2 });

		// Run 2, same day, a new execution: everything already raised is suppressed and leaves by None.
		const second = await run('cooldown.workflow.json');
		[immediate, urgent, monitor, none] = second.outputs(NODE);
		expect([ids(immediate), ids(urgent), ids(monitor), ids(none)]).toEqual([
			[],
			[],
			[],
			['c1', 'c2', 'c1'],
		]);
		expect(churn(none[1]).suppressed).toEqual([
			{ type: 'failed_payment', reason: 'cooldown', until: '2026-03-17T00:00:00.000Z' },
		]);

		// Run 3 (2026-03-16, day 7 of the cooldown): still suppressed; a signal type new for c1 is raised.
		const third = await run(
			variant('cooldown.workflow.json', {
				referenceTime: '2026-03-16T12:00:00.000Z',
				items: [
					{
						customer_id: 'c1',
						timezone: 'Europe/Madrid',
						days_since_last_login: 15,
						nps_score: 3,
						open_tickets: 5,
					},
					{ customer_id: 'c2', failed_payments: 1 },
				],
			}),
		);
		[immediate, urgent, monitor, none] = third.outputs(NODE);
		expect([ids(immediate), ids(urgent), ids(monitor), ids(none)]).toEqual([
			[],
			['c1'],
			[],
			['c2'],
		]);
		expect(signalTypes(urgent[0])).toEqual(['no_login_14_days', 'multiple_support_tickets']);
		expect(churn(urgent[0]).playbook).toBe('save.no_login_14_days');
		expect(churn(urgent[0]).suppressed).toEqual([
			{ type: 'no_login_7_days', reason: 'cooldown', until: '2026-03-17T00:00:00.000+01:00' },
			{ type: 'nps_detractor', reason: 'cooldown', until: '2026-03-17T00:00:00.000+01:00' },
		]);

		// Run 4 (2026-03-17): the first cooldown is over, the ones raised on the 16th are not.
		const fourth = await run(
			variant('cooldown.workflow.json', {
				referenceTime: '2026-03-17T12:00:00.000Z',
				items: [
					{
						customer_id: 'c1',
						timezone: 'Europe/Madrid',
						days_since_last_login: 16,
						nps_score: 3,
						open_tickets: 5,
					},
					{ customer_id: 'c2', failed_payments: 1 },
				],
			}),
		);
		[immediate, urgent, monitor, none] = fourth.outputs(NODE);
		expect([ids(immediate), ids(urgent), ids(monitor), ids(none)]).toEqual([
			['c2'],
			['c1'],
			[],
			[],
		]);
		expect(signalTypes(urgent[0])).toEqual(['no_login_7_days', 'nps_detractor']);
		expect(churn(urgent[0]).suppressed).toEqual([
			{ type: 'no_login_14_days', reason: 'cooldown', until: '2026-03-23T00:00:00.000+01:00' },
			{
				type: 'multiple_support_tickets',
				reason: 'cooldown',
				until: '2026-03-23T00:00:00.000+01:00',
			},
		]);
		expect(signalTypes(immediate[0])).toEqual(['failed_payment']);
	});

	it('twenty executions checking one customer at the same moment raise the signal once', async () => {
		// Each store call waits 5 ms between reading and writing, as a database round trip does, so all twenty
		// executions read before any of them writes: deciding by update would raise twenty times.
		setProcessedDataLatency(5);
		const workflow = variant('cooldown.workflow.json', {
			items: [{ customer_id: 'c-race', nps_score: 3 }],
		});
		const results = await Promise.all(Array.from({ length: 20 }, () => run(workflow)));
		expect(results.map((result) => result.status)).toEqual(Array(20).fill('success'));
		const outcomes = results.map((result) => {
			const item = result.outputs(NODE).flat()[0];
			return churn(item).signals.length ? 'raised' : JSON.stringify(churn(item).suppressed);
		});
		expect(outcomes.filter((outcome) => outcome === 'raised')).toHaveLength(1);
		expect(outcomes.filter((outcome) => outcome !== 'raised')).toEqual(
			Array(19).fill(
				JSON.stringify([
					{ type: 'nps_detractor', reason: 'cooldown', until: '2026-03-17T00:00:00.000Z' },
				]),
			),
		);
	});

	it('keeps no cooldown state when Cooldown (Days) is off', async () => {
		const workflow = loadWorkflow(__dirname, 'cooldown.workflow.json');
		const node = workflow.nodes.find((candidate) => candidate.name === NODE)!;
		(node.parameters.options as Record<string, unknown>).cooldownDays = 0;
		for (let runIndex = 0; runIndex < 2; runIndex++) {
			const [immediate, urgent, monitor, none] = (await run(workflow)).outputs(NODE);
			expect([immediate.length, urgent.length, monitor.length, none.length]).toEqual([1, 2, 0, 0]);
		}
	});

	it('with Continue On Fail, passes bad items on with an error and records cooldowns for the good ones only', async () => {
		const result = await run('continue-on-fail.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(
			items.map((item) => [
				item.json.customer_id ?? null,
				item.json.error ?? null,
				item.pairedItem,
			]),
		).toEqual([
			['c1', null, { item: 0 }],
			[
				null,
				'customer_id: is required when Cooldown (Days) is set, to remember which customer was alerted (got null)',
				{ item: 1 },
			],
			[
				'c3',
				'open_tickets: must be a whole number of 0 or more for signal "multiple_support_tickets" (got "many")',
				{ item: 2 },
			],
		]);
		expect(signalTypes(items[0])).toEqual(['nps_detractor']);
		expect(items[1].json.churn).toBeUndefined();
		expect(items[1].json.email).toBe('no-id@example.com');

		const again = await run('continue-on-fail.workflow.json');
		expect(churn(again.outputs(NODE)[0][0]).suppressed).toEqual([
			{
				type: 'nps_detractor',
				reason: 'cooldown',
				until: expect.stringMatching(/^2026-03-17T00:00:00\.000/),
			},
		]);
	});

	it('without Continue On Fail, stops naming the item and the field, and records no cooldown', async () => {
		const result = await run('stop-on-error.workflow.json');
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'Item 1: open_tickets: must be a whole number of 0 or more for signal "multiple_support_tickets" (got "many")',
		);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(
			1,
		);
		expect(result.error?.description).toBe('Check the field "open_tickets" of this item.');

		// Item 0's signal never left the node, so it is raised (not cooled down) once the data is fixed.
		const fixed = await run(
			variant('stop-on-error.workflow.json', {
				items: [
					{ customer_id: 'c1', nps_score: 3 },
					{ customer_id: 'c2', open_tickets: 4 },
				],
			}),
		);
		expect(fixed.status).toBe('success');
		const [items] = fixed.outputs(NODE);
		expect(items.map(signalTypes)).toEqual([['nps_detractor'], ['multiple_support_tickets']]);
		expect(items.map((item) => churn(item).suppressed)).toEqual([[], []]);
	});

	it('runs the chosen built-in signals with edited thresholds and custom signals built in the UI', async () => {
		const result = await run('custom-ui.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(churn(items[0])).toEqual({
			tier: 'urgent',
			atRisk: false,
			atRiskReasons: [],
			signals: [
				{
					type: 'seat_contraction',
					severity: 'high',
					description: 'team_size_change < -0.2',
					metric: 'team_size_change',
					value: -0.25,
					threshold: -0.2,
					operator: '<',
				},
				{
					type: 'champion_left',
					severity: 'medium',
					description: 'Champion left the company',
					metric: 'account.champion_left',
					value: true,
					threshold: null,
					operator: 'is true',
				},
			],
			playbook: null,
			suppressed: [],
			notEvaluated: [],
		});
		// Threshold 10 instead of 7: 9 days is quiet, 11 days raises; low_rating is off (rating 1 ignored).
		expect(churn(items[1])).toMatchObject({
			tier: 'monitor',
			playbook: 'save.no_login_7_days',
			signals: [
				{ type: 'no_login_7_days', description: 'No login in 10+ days', value: 11, threshold: 10 },
			],
			notEvaluated: [{ type: 'champion_left', field: 'account.champion_left' }],
		});
	});

	it('reports a malformed custom signal naming the row', async () => {
		const result = await run('bad-custom.workflow.json');
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Item 0: Custom signal 1 ("seat_contraction"): value: must be a number for operator ">" (got "abc")',
		);
	});

	it('uses health.score from a Customer Health Score node that ran before', async () => {
		const result = await run('after-health-score.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect((items[0].json.health as { score: number }).score).toBe(16);
		expect(churn(items[0])).toMatchObject({
			tier: 'urgent',
			atRisk: true,
			atRiskReasons: [
				{ metric: 'health.score', operator: '<', threshold: 40, value: 16 },
				{ metric: 'days_since_last_login', operator: '>', threshold: 14, value: 30 },
				{ metric: 'nps_score', operator: '<=', threshold: 6, value: 2 },
			],
			playbook: 'save.no_login_14_days',
		});
		expect(signalTypes(items[0])).toEqual([
			'no_login_7_days',
			'no_login_14_days',
			'nps_detractor',
			'multiple_support_tickets',
			'low_login_frequency',
			'low_feature_adoption',
		]);
		// health.score 100 wins over the record's stale health_score of 10.
		expect(churn(items[1])).toMatchObject({ tier: 'none', atRisk: false, atRiskReasons: [] });
	});
});
