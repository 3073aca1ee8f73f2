import { DateTime } from 'luxon';

import { CustomerPlaybook } from '../../../nodes/CustomerPlaybook/CustomerPlaybook.node';
import { BUILT_IN_PLAYBOOK_IDS } from '../../../src/playbooks';
import { createNodeTypes, loadWorkflow, runWorkflow } from '../harness';

const nodeTypes = createNodeTypes({ customerPlaybook: new CustomerPlaybook() });
const run = async (file: string) => runWorkflow(loadWorkflow(__dirname, file), { nodeTypes });
const NODE = 'CS Playbook';

type Step = {
	order: number;
	action: string;
	dueAt: string | null;
	condition: string | null;
	owner: string;
	deferredFrom: string | null;
};
type PerStep = Record<string, unknown> & { step: Step };
type AllSteps = Record<string, unknown> & { steps: Step[] };
const perStep = (item: { json: Record<string, unknown> }) => item.json.playbook as PerStep;
const allSteps = (item: { json: Record<string, unknown> }) => item.json.playbook as AllSteps;
// The first ids that fit in a short message, then how many more (every id is in the Playbook parameter's list).
const VALID_IDS = `${BUILT_IN_PLAYBOOK_IDS.slice(0, 9).join(', ')} and ${BUILT_IN_PLAYBOOK_IDS.length - 9} more`;

describe('CS Playbook node, through n8n-core', () => {
	it('plans the playbook in churn.playbook, one item per step, and passes items without one to No Playbook', async () => {
		const result = await run('from-churn.workflow.json');
		expect(result.status).toBe('success');
		const [steps, none] = result.outputs(NODE);
		expect(
			steps.map((item) => [
				item.json.customer_id,
				perStep(item).id,
				perStep(item).step.order,
				perStep(item).step.dueAt,
				perStep(item).step.condition,
			]),
		).toEqual([
			['cust-madrid', 'save.no_login_7_days', 1, '2026-10-23T18:00:00+02:00', null],
			['cust-madrid', 'save.no_login_7_days', 2, null, 'next_login'],
			// 48 real hours after Friday 18:00 CEST is Sunday 17:00 CET (summer time ends on the 25th).
			['cust-madrid', 'save.no_login_7_days', 3, '2026-10-25T17:00:00+01:00', 'no_response'],
			// No timezone on the record: the node's Time Zone option.
			['cust-ny', 'save.cancellation_request', 1, '2026-10-23T20:00:00-04:00', null],
			['cust-ny', 'save.cancellation_request', 2, '2026-10-23T20:00:00-04:00', null],
			[
				'cust-ny',
				'save.cancellation_request',
				3,
				'2026-10-23T20:00:00-04:00',
				'If customer is open to discussion',
			],
			[
				'cust-ny',
				'save.cancellation_request',
				4,
				'2026-10-23T20:00:00-04:00',
				'save_offer_rejected',
			],
		]);
		expect(steps.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
			{ item: 2 },
			{ item: 2 },
			{ item: 2 },
			{ item: 2 },
		]);
		expect(steps[0].json).toEqual({
			customer_id: 'cust-madrid',
			email: 'ana@example.com',
			timezone: 'Europe/Madrid',
			churn: { tier: 'monitor', atRisk: true, playbook: 'save.no_login_7_days' },
			playbook: {
				id: 'save.no_login_7_days',
				name: 'Save playbook: no login in 7+ days',
				source: 'Save playbook: no login 7 days (docs/sources.md#save-playbooks)',
				trigger: 'no_login_7_days',
				owner: 'csm',
				timeline: '48 hours',
				escalationPath: ['csm', 'cs_manager'],
				timezone: 'Europe/Madrid',
				startAt: '2026-10-23T18:00:00+02:00',
				stepCount: 3,
				step: {
					order: 1,
					action: 'Send re-engagement email',
					channel: 'email',
					template: 'reengagement_7_days',
					timing: 'Immediately',
					dueAt: '2026-10-23T18:00:00+02:00',
					condition: null,
					owner: 'csm',
					deferredFrom: null,
				},
			},
		});
		expect(none).toEqual([
			{
				json: { customer_id: 'cust-fine', churn: { tier: 'none', atRisk: false, playbook: null } },
				pairedItem: { item: 1 },
			},
		]);
		expect(result.outputs('Steps')[0]).toHaveLength(7);
		expect(result.outputs('No Playbook')[0]).toHaveLength(1);
	});

	it('plans a playbook chosen in the list with business hours, one item per customer with all steps', async () => {
		const result = await run('business-hours-all-steps.workflow.json');
		expect(result.status).toBe('success');
		const outputs = result.outputs(NODE);
		expect(outputs).toHaveLength(1);
		const [items] = outputs;
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		// Friday 18:00 moves to Monday 09:00; later steps keep their spacing, at 09:00 across the DST change.
		expect(allSteps(items[0]).steps.map((step) => step.dueAt)).toEqual([
			'2026-10-26T09:00:00+01:00',
			'2026-10-26T09:00:00+01:00',
			'2026-10-27T09:00:00+01:00',
			'2026-10-27T09:00:00+01:00',
			'2026-10-28T09:00:00+01:00',
			'2026-10-29T09:00:00+01:00',
			'2026-11-02T09:00:00+01:00',
			'2026-11-04T09:00:00+01:00',
		]);
		expect(allSteps(items[1]).steps.map((step) => step.dueAt)).toEqual([
			'2026-10-26T09:00:00-04:00',
			'2026-10-26T09:00:00-04:00',
			'2026-10-27T09:00:00-04:00',
			'2026-10-27T09:00:00-04:00',
			'2026-10-28T09:00:00-04:00',
			'2026-10-29T09:00:00-04:00',
			'2026-11-02T09:00:00-05:00',
			'2026-11-04T09:00:00-05:00',
		]);
		expect(items[0].json.customer_id).toBe('cust-madrid');
		expect(allSteps(items[0])).toMatchObject({
			id: 'onboarding.welcome_sequence',
			trigger: 'subscription_created',
			startAt: '2026-10-23T18:00:00+02:00',
			stepCount: 8,
		});
		expect(allSteps(items[0]).steps[0]).toEqual({
			order: 1,
			action: 'send_welcome_email',
			channel: 'email',
			template: 'welcome_email',
			timing: 0,
			dueAt: '2026-10-26T09:00:00+01:00',
			condition: null,
			owner: 'csm',
			deferredFrom: '2026-10-23T18:00:00+02:00',
		});
	});

	it('runs a custom playbook and a built-in by ID from expressions, with custom windows and a per-item start', async () => {
		const result = await run('custom-by-id.workflow.json');
		expect(result.status).toBe('success');
		const [steps, none] = result.outputs(NODE);
		expect(
			steps.map((item) => [
				perStep(item).id,
				perStep(item).step.dueAt,
				perStep(item).step.deferredFrom,
				perStep(item).step.owner,
				item.pairedItem,
			]),
		).toEqual([
			['custom.trial_rescue', '2026-11-18T11:30:00+01:00', null, 'csm', { item: 0 }],
			['custom.trial_rescue', '2026-11-20T11:30:00+01:00', null, 'csm', { item: 0 }],
			// Saturday 11:30 -> Monday's first window.
			[
				'custom.trial_rescue',
				'2026-11-23T08:00:00+01:00',
				'2026-11-21T11:30:00+01:00',
				'head_of_sales',
				{ item: 0 },
			],
			// Day 1 at 13:00 falls in the lunch gap -> 14:00; the next steps move by that hour.
			[
				'winback.campaign',
				'2026-11-19T14:00:00+01:00',
				'2026-11-19T13:00:00+01:00',
				'csm',
				{ item: 2 },
			],
			[
				'winback.campaign',
				'2026-11-25T14:00:00+01:00',
				'2026-11-25T13:00:00+01:00',
				'csm',
				{ item: 2 },
			],
			[
				'winback.campaign',
				'2026-12-02T14:00:00+01:00',
				'2026-12-02T13:00:00+01:00',
				'csm',
				{ item: 2 },
			],
			[
				'winback.campaign',
				'2026-12-09T14:00:00+01:00',
				'2026-12-09T13:00:00+01:00',
				'head_of_sales',
				{ item: 2 },
			],
		]);
		expect(perStep(steps[0])).toMatchObject({
			name: 'Trial rescue',
			source: 'custom',
			owner: 'csm',
			timeline: '3 days',
			escalationPath: ['csm', 'cs_manager'],
			stepCount: 3,
		});
		expect(perStep(steps[2]).step).toMatchObject({ condition: 'still_inactive', timing: '3 days' });
		expect(steps[0].json.customer).toEqual({ customer_id: 'cust-1', timezone: 'Europe/Madrid' });
		expect(none.map((item) => [item.json.playbook_id, item.pairedItem])).toEqual([
			['', { item: 1 }],
		]);
	});

	it('with Continue On Fail, passes bad items on with an error naming the id or field, and plans the others', async () => {
		const result = await run('continue-on-fail.workflow.json');
		expect(result.status).toBe('success');
		const [items, none, failed] = result.outputs(NODE);
		expect(
			items.map((item) => [item.json.customer_id, perStep(item).step.dueAt, item.pairedItem]),
		).toEqual([['cust-good', '2026-11-18T10:00:00+01:00', { item: 0 }]]);
		// A failed item never leaves by Playbook: it leaves by Failed.
		expect(failed.map((item) => [item.json.customer_id, item.json.error, item.pairedItem])).toEqual(
			[
				[
					'cust-unknown',
					`Unknown playbook "save.no_login_30_days" (from churn.playbook). Did you mean "save.no_login_7_days"? Valid ids: ${VALID_IDS}`,
					{ item: 1 },
				],
				[
					'cust-number',
					'churn.playbook: must be a playbook id such as "save.no_login_7_days" (got number 42)',
					{ item: 2 },
				],
				[
					'cust-zone',
					'Invalid customer record: timezone: must be a valid IANA time zone such as "Europe/Madrid" (got "Mars/Olympus")',
					{ item: 3 },
				],
			],
		);
		expect(failed[0].json.playbook).toBeUndefined();
		expect(none).toEqual([]);
	});

	it('without Continue On Fail, stops with a NodeOperationError naming the item, the field and the valid ids', async () => {
		const result = await run('stop-on-error.workflow.json');
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			`Item 1: Unknown playbook "save.no_login_30_days" (from churn.playbook). Did you mean "save.no_login_7_days"? Valid ids: ${VALID_IDS}`,
		);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(
			1,
		);
		expect(result.error?.description).toBe('Check the field "churn.playbook" of this item.');
	});

	it('reports malformed custom playbooks with the bad path, on every item', async () => {
		const result = await run('bad-custom.workflow.json');
		const [items] = result.outputs(NODE);
		const message =
			'Custom Playbooks (JSON) is invalid: 0.steps.1.timing: "whenever" is not a timing this node understands; use e.g. "Immediately", "2 hours", "Within 48h", "3 days", "Day 7", "If no response in 48h", "After call", "If save offer rejected" or "On next login"';
		expect(items.map((item) => item.json.error)).toEqual([message, message]);
	});

	it('starts now (one instant per execution) when no Start Time is set', async () => {
		const before = Date.now();
		const result = await run('now.workflow.json');
		const after = Date.now();
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		const [tokyo, madrid] = items.map((item) => allSteps(item));
		expect(tokyo.timezone).toBe('Asia/Tokyo');
		expect(madrid.timezone).toBe('Europe/Madrid');
		const started = DateTime.fromISO(tokyo.startAt as string).toMillis();
		expect(started).toBeGreaterThanOrEqual(before);
		expect(started).toBeLessThanOrEqual(after);
		expect(DateTime.fromISO(madrid.startAt as string).toMillis()).toBe(started);
		expect(tokyo.steps[0].dueAt).toBe(tokyo.startAt);
		expect(DateTime.fromISO(tokyo.steps[2].dueAt as string).toMillis() - started).toBe(
			48 * 3600 * 1000,
		);
		expect(tokyo.startAt).toMatch(/\+09:00$/);
	});
});
