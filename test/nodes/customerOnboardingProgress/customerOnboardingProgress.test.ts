import { NodeHelpers, Workflow, type INode } from 'n8n-workflow';

import { CustomerOnboardingProgress } from '../../../nodes/CustomerOnboardingProgress/CustomerOnboardingProgress.node';
import { createNodeTypes, loadWorkflow, runWorkflow, type WorkflowJson } from '../harness';

const nodeTypes = createNodeTypes({ customerOnboardingProgress: new CustomerOnboardingProgress() });
const run = async (workflow: WorkflowJson) => runWorkflow(workflow, { nodeTypes });
const load = (file: string) => loadWorkflow(__dirname, file);
const NODE = 'Onboarding Progress';

type Item = { json: Record<string, unknown>; pairedItem?: unknown };
const onboarding = (item: Item) => item.json.onboarding as Record<string, unknown>;
const ids = (items: Item[]) => items.map((item) => item.json.customer_id);

const BAD_STEPS =
	'onboarding_completed_steps: must be a list of names such as ["welcome", "first_chatbot"] (got 42)';

describe('Onboarding Progress node, through n8n-core', () => {
	it('declares one output, or one per status and Failed (the outputs expression, as n8n resolves it)', () => {
		const node = new CustomerOnboardingProgress();
		const outputsFor = (parameters: Record<string, string>) => {
			const onboardingNode: INode = {
				id: 'n1',
				name: NODE,
				type: 'n8n-nodes-customer-success.customerOnboardingProgress',
				typeVersion: 1,
				position: [0, 0],
				parameters,
			};
			const workflow = new Workflow({
				nodes: [onboardingNode],
				connections: {},
				active: false,
				nodeTypes,
			});
			return NodeHelpers.getNodeOutputs(workflow, onboardingNode, node.description).map((output) =>
				typeof output === 'string' ? output : (output.displayName ?? output.type),
			);
		};
		expect(outputsFor({})).toEqual(['main']);
		expect(outputsFor({ outputMode: 'byStatus' })).toEqual([
			'Not Started',
			'In Progress',
			'Stalled',
			'Completed',
			'Failed',
		]);
		expect(node.description).toMatchObject({
			name: 'customerOnboardingProgress',
			displayName: 'Onboarding Progress',
			version: 1,
			usableAsTool: true,
		});
	});

	it('tracks each customer in the program of its segment, keeps its fields and pairing', async () => {
		const result = await run(load('defaults.workflow.json'));
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(ids(items)).toEqual(['cust-new', 'cust-stalled', 'cust-done', 'cust-later']);
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items[0].json.email).toBe('ana@example.com');
		expect(items[1].json.onboarding_completed_steps).toBe('kickoff, discovery');

		// Self-serve, a day in: three steps done (two of them by their completion criteria), day 1 reached.
		expect(onboarding(items[0])).toEqual({
			programId: 'self-serve-v1',
			programName: 'Self-Serve Quick Start',
			status: 'in_progress',
			previousStatus: null,
			changed: true,
			progress: 60,
			currentStep: {
				id: 'customize',
				name: 'Customize Your Chatbot',
				description: 'Add your branding and customize responses',
				order: 3,
				type: 'action',
				required: true,
				estimatedMinutes: 15,
				resources: [{ type: 'guide', title: 'Customization Guide', url: '/docs/customize' }],
				completionCriteria: 'chatbot_customized',
			},
			completedSteps: ['welcome', 'first_chatbot', 'install'],
			remainingRequired: ['customize', 'first_conversation'],
			unrecognizedSteps: [],
			milestonesReached: ['day1'],
			newMilestones: [
				{
					id: 'day1',
					name: 'Day 1: First Bot Live',
					targetDay: 1,
					celebration: '🎉 Tu primer chatbot está activo!',
				},
			],
			overdueMilestones: [],
			startedAt: '2026-11-22T09:00:00Z',
			lastProgressAt: '2026-11-23T08:00:00Z',
			daysSinceStart: 1,
			daysWithoutProgress: 0,
			stalledAfterDays: 3,
			firstValue: {
				status: 'met',
				windowHours: 48,
				dueAt: '2026-11-24T09:00:00Z',
				achievedAt: '2026-11-22T15:30:00Z',
				hours: 6.5,
			},
			handOff: null,
			timezone: 'UTC',
		});

		// Enterprise gets the mid-market program; in Madrid, 3 days 21 hours without progress: stalled.
		expect(onboarding(items[1])).toMatchObject({
			programId: 'mid-market-v1',
			status: 'stalled',
			previousStatus: 'in_progress',
			changed: true,
			progress: 33,
			completedSteps: ['kickoff', 'discovery'],
			milestonesReached: ['week1'],
			newMilestones: [],
			overdueMilestones: [
				{
					id: 'week2',
					name: 'Week 2: Configured',
					targetDay: 14,
					dueAt: '2026-11-17T00:00:00+01:00',
					daysOverdue: 7,
				},
			],
			startedAt: '2026-11-02T10:00:00+01:00',
			lastProgressAt: '2026-11-19T16:00:00+01:00',
			daysSinceStart: 21,
			daysWithoutProgress: 3,
			firstValue: {
				status: 'missed',
				windowHours: 48,
				dueAt: '2026-11-04T10:00:00+01:00',
				achievedAt: null,
				hours: null,
			},
			handOff: null,
			timezone: 'Europe/Madrid',
		});
		expect((onboarding(items[1]).currentStep as { id: string }).id).toBe('implementation');

		// Every required step done (JSON list text): day 7 reached, hand-off to adopting.
		expect(onboarding(items[2])).toMatchObject({
			programId: 'self-serve-v1',
			status: 'completed',
			progress: 100,
			remainingRequired: [],
			milestonesReached: ['day1', 'day3', 'day7'],
			newMilestones: [
				{
					id: 'day7',
					name: 'Day 7: Fully Onboarded',
					targetDay: 7,
					celebration: '⭐ Onboarding completado! Ya eres un pro.',
				},
			],
			firstValue: { status: 'missed', hours: 72 },
			handOff: {
				nextStage: 'adopting',
				workflows: ['onboarding_completed'],
				checkInDays: 30,
				checkInAt: '2026-12-23T12:00:00Z',
			},
		});
		expect((onboarding(items[2]).currentStep as { id: string }).id).toBe('connect_whatsapp');

		// A start a week ahead: not started.
		expect(onboarding(items[3])).toMatchObject({
			status: 'not_started',
			progress: 0,
			daysSinceStart: 0,
			firstValue: { status: 'pending', dueAt: '2026-12-02T09:00:00Z' },
		});
	});

	it('routes each customer by its status, and a bad item by Failed', async () => {
		const result = await run(load('by-status.workflow.json'));
		expect(result.status).toBe('success');
		const outputs = result.outputs(NODE);
		expect(outputs.map(ids)).toEqual([
			['cust-later'],
			['cust-new'],
			['cust-stalled'],
			['cust-done'],
			['cust-bad'],
		]);
		expect(outputs[4][0].json).toEqual({
			customer_id: 'cust-bad',
			signup_date: '2026-11-22T09:00:00Z',
			onboarding_completed_steps: 42,
			error: BAD_STEPS,
		});
		expect(outputs.map((items) => items.map((item) => item.pairedItem))).toEqual([
			[{ item: 4 }],
			[{ item: 0 }],
			[{ item: 1 }],
			[{ item: 3 }],
			[{ item: 2 }],
		]);
	});

	it('with Continue On Fail, a bad item leaves by the single output with its error', async () => {
		const result = await run(load('continue-on-fail.workflow.json'));
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(ids(items)).toEqual(['cust-new', 'cust-bad']);
		expect(onboarding(items[0]).status).toBe('in_progress');
		expect(items[1].json.error).toBe(BAD_STEPS);
		expect(items[1].json.onboarding).toBeUndefined();
	});

	it('without it, the node stops naming the item and the field', async () => {
		const result = await run(load('stop-on-error.workflow.json'));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`Item 1: ${BAD_STEPS}`);
		expect(result.error?.description).toBe(
			'Check the field "onboarding_completed_steps" of this item.',
		);
	});

	it('runs a custom program with its own stall threshold and first-value window', async () => {
		const result = await run(load('custom.workflow.json'));
		expect(result.status).toBe('success');
		const [[item]] = result.outputs(NODE);
		expect(onboarding(item)).toMatchObject({
			programId: 'trial-quick-start',
			programName: 'Trial Quick Start',
			status: 'in_progress',
			progress: 50,
			completedSteps: ['first_booking'],
			remainingRequired: ['profile'],
			newMilestones: [
				{
					id: 'first_value',
					name: 'First value',
					targetDay: 2,
					celebration: 'Your first booking is in!',
				},
			],
			overdueMilestones: [],
			daysWithoutProgress: 2,
			stalledAfterDays: 5,
			firstValue: {
				status: 'missed',
				windowHours: 24,
				dueAt: '2026-11-21T09:00:00Z',
				achievedAt: '2026-11-21T11:00:00Z',
				hours: 26,
			},
		});
		expect((onboarding(item).currentStep as { id: string }).id).toBe('profile');
	});

	const BAD_PROGRAM =
		'Custom Program (JSON) is invalid: milestones.0.criteria.0: "booking_done" is neither a step id, a step\'s completionCriteria nor "all_required_steps_completed"';

	it('a bad custom program fails every item naming the path in the JSON (Continue On Fail)', async () => {
		const result = await run(load('bad-custom.workflow.json'));
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(items.map((item) => item.json.error)).toEqual([BAD_PROGRAM, BAD_PROGRAM]);
	});

	it('a bad custom program stops the node naming the parameter', async () => {
		const workflow = load('bad-custom.workflow.json');
		delete workflow.nodes[1].onError;
		const result = await run(workflow);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`Item 0: ${BAD_PROGRAM}`);
		expect(result.error?.description).toBe(
			'Check the parameter "Custom Program (JSON)" of this node.',
		);
	});
});
