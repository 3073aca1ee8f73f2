import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { CustomerNps } from '../../../nodes/CustomerNps/CustomerNps.node';
import { createNodeTypes, loadWorkflow, runWorkflow, type WorkflowJson } from '../harness';

const nodeTypes = createNodeTypes({ customerNps: new CustomerNps() });
const run = async (workflow: string | WorkflowJson) =>
	runWorkflow(typeof workflow === 'string' ? loadWorkflow(__dirname, workflow) : workflow, {
		nodeTypes,
	});
const NODE = 'NPS';
const TRIGGER = "When clicking 'Execute workflow'";

type Item = INodeExecutionData;
const nps = (item: Item) =>
	item.json.nps as IDataObject & {
		followUp: { actions: Array<{ action: string; dueAt: string }> } & IDataObject;
	};
const ids = (items: Item[]) => items.map((item) => item.json.customer_id);
const dueTimes = (item: Item) =>
	nps(item).followUp.actions.map((action) => [action.action, action.dueAt]);

/** A fixture with its node's parameters changed, or its onError setting removed (stop on error). */
function variant(
	file: string,
	change: (node: WorkflowJson['nodes'][number]) => void,
): WorkflowJson {
	const workflow = loadWorkflow(__dirname, file);
	change(workflow.nodes.find((node) => node.name === NODE)!);
	return workflow;
}
const stopOnError = (node: WorkflowJson['nodes'][number]) => {
	delete node.onError;
};

describe('NPS node, Classify mode, through n8n-core', () => {
	it('classifies every response with its follow-up, keeps the fields and the pairing', async () => {
		const result = await run('classify.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(
			items.map((item) => [
				item.json.customer_id,
				nps(item).score,
				nps(item).segment,
				item.pairedItem,
			]),
		).toEqual([
			['c-det', 6, 'detractor', { item: 0 }],
			['c-pas', 7, 'passive', { item: 1 }],
			['c-pro', 9, 'promoter', { item: 2 }],
			['c-edge', 8, 'passive', { item: 3 }],
			['c-top', 10, 'promoter', { item: 4 }],
			['c-zero', 0, 'detractor', { item: 5 }],
		]);
		expect(items[0].json.first_name).toBe('Ana');
		expect(items[1].json.nps_score).toBe('7');

		// Detractor in Madrid, no response time: due from the reference time (12:00 UTC = 13:00 CET).
		expect(nps(items[0]).followUp).toMatchObject({
			playbook: 'nps.nps_detractor',
			priority: 'high',
			respondedAt: '2026-03-10T13:00:00+01:00',
			dueFrom: 'referenceTime',
			timezone: 'Europe/Madrid',
		});
		expect(dueTimes(items[0])).toEqual([
			['notify_csm', '2026-03-10T13:00:00+01:00'],
			['send_followup_email', '2026-03-10T13:00:00+01:00'],
			['call_customer', '2026-03-11T13:00:00+01:00'],
			['escalate_to_manager', '2026-03-13T13:00:00+01:00'],
		]);
		expect((nps(items[0]).followUp.actions[1] as IDataObject).template).toBe(
			'nps_followup_detractor',
		);
		// Passive, Time Zone option UTC.
		expect(dueTimes(items[1])).toEqual([['request_interview', '2026-03-13T12:00:00Z']]);
		// Promoter in New York who answered the day before (after the DST change).
		expect(nps(items[2]).followUp).toMatchObject({
			respondedAt: '2026-03-09T14:00:00-04:00',
			dueFrom: 'nps_responded_at',
		});
		expect(dueTimes(items[2])).toEqual([
			['add_to_advocacy_pipeline', '2026-03-09T14:00:00-04:00'],
			['send_thank_you', '2026-03-09T14:00:00-04:00'],
			['send_advocacy_invite', '2026-03-16T14:00:00-04:00'],
		]);
		// Detractor who answered before the DST change: 24 real hours later is 11:00 EDT.
		expect(dueTimes(items[5]).slice(2)).toEqual([
			['call_customer', '2026-03-08T11:00:00-04:00'],
			['escalate_to_manager', '2026-03-10T10:00:00-04:00'],
		]);
		expect(result.outputs('Responses')[0]).toHaveLength(6);
	});

	it('routes each response to the output of its segment: Promoters, Passives, Detractors', async () => {
		const result = await run('by-segment.workflow.json');
		expect(result.status).toBe('success');
		const all = result.outputs(NODE);
		// The three segments, then Failed (empty: no item failed).
		expect(all).toHaveLength(4);
		expect(all[3]).toEqual([]);
		const outputs = all.slice(0, 3);
		expect(
			outputs.map((items) => items.map((item) => [item.json.customer_id, item.pairedItem])),
		).toEqual([
			[
				['c-pro', { item: 2 }],
				['c-top', { item: 4 }],
			],
			[
				['c-pas', { item: 1 }],
				['c-edge', { item: 3 }],
			],
			[
				['c-det', { item: 0 }],
				['c-zero', { item: 5 }],
			],
		]);
		expect(
			['Promoters', 'Passives', 'Detractors'].map((sink) => ids(result.outputs(sink)[0])),
		).toEqual([
			['c-pro', 'c-top'],
			['c-pas', 'c-edge'],
			['c-det', 'c-zero'],
		]);
	});

	it('reads a nested record, a custom score field and a custom response-time field', async () => {
		const result = await run('classify-nested.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(items.map((item) => [item.json.ticket, nps(item).score, nps(item).segment])).toEqual([
			['T-1', 7, 'passive'],
			['T-2', 2, 'detractor'],
		]);
		expect(nps(items[0]).followUp).toMatchObject({
			dueFrom: 'survey.answered_at',
			timezone: 'Asia/Tokyo',
		});
		expect(dueTimes(items[0])).toEqual([['request_interview', '2026-03-13T09:00:00+09:00']]);
		expect(nps(items[1]).followUp).toMatchObject({
			respondedAt: '2026-03-10T21:00:00+09:00',
			dueFrom: 'referenceTime',
		});
		expect(dueTimes(items[1])[2]).toEqual(['call_customer', '2026-03-11T21:00:00+09:00']);
	});

	it('with Continue On Fail, passes failed items on with an error that names the field', async () => {
		const result = await run('classify-continue-on-fail.workflow.json');
		expect(result.status).toBe('success');
		const [promoters, passives, detractors, failed] = result.outputs(NODE);
		expect(
			promoters.map((item) => [item.json.customer_id, item.json.error ?? null, item.pairedItem]),
		).toEqual([['ok', null, { item: 0 }]]);
		// A failed item never leaves by a segment: it leaves by Failed.
		expect(
			failed.map((item) => [item.json.customer_id, item.json.error ?? null, item.pairedItem]),
		).toEqual([
			['too-high', 'nps_score: must be a whole number from 0 to 10 (got 11)', { item: 1 }],
			['half', 'nps_score: must be a whole number from 0 to 10 (got 8.5)', { item: 2 }],
			[
				'blank',
				'nps_score: is missing; an NPS response needs a whole number from 0 to 10 (got null)',
				{ item: 3 },
			],
			[
				'bad-date',
				'nps_responded_at: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "yesterday")',
				{ item: 4 },
			],
		]);
		expect(nps(promoters[0]).segment).toBe('promoter');
		expect(failed[0].json.nps).toBeUndefined();
		expect([passives, detractors]).toEqual([[], []]);
	});

	it('without Continue On Fail, stops naming the item and the field', async () => {
		const result = await run(variant('classify-continue-on-fail.workflow.json', stopOnError));
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'Item 1: nps_score: must be a whole number from 0 to 10 (got 11)',
		);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(
			1,
		);
		expect(result.error?.description).toBe('Check the field "nps_score" of this item.');
	});
});

describe('NPS node, Aggregate mode, through n8n-core', () => {
	it('outputs one item for the whole batch, paired with every input item', async () => {
		const result = await run('aggregate.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual(Array.from({ length: 10 }, (_, item) => ({ item })));
		// Scores 10, 9, 9, 8, 7, 6, 5, 0, 10, 3: 4 promoters, 2 passives, 4 detractors.
		// Interval: n' = 13, p' = d' = 4.75 / 13, Var = 9.5 / 13 = 0.730769, SE = 0.237093, z·SE = 0.464694 -> ±46.5.
		expect(items[0].json).toEqual({
			nps: {
				nps: 0,
				responses: 10,
				promoters: { count: 4, percentage: 40 },
				passives: { count: 2, percentage: 20 },
				detractors: { count: 4, percentage: 40 },
				sampleWarning:
					'Only 10 responses (fewer than 30): too small a sample to report this NPS as reliable',
				minimumSample: 30,
				surveysSent: 20,
				responseRate: 50,
				confidenceInterval: { level: 0.95, lower: -46.5, upper: 46.5, method: 'adjusted-wald' },
				unanswered: 0,
				invalid: [],
			},
		});
		expect(result.outputs('Report')[0]).toHaveLength(1);
	});

	it('with Continue On Fail, leaves invalid scores out and lists them; empty scores count as unanswered', async () => {
		const result = await run('aggregate-continue-on-fail.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
		// Valid: 10, 7, 4. n' = 6, p' = d' = 1.75 / 6, Var = 3.5 / 6, SE = 0.311805, z·SE = 0.611127 -> ±61.1.
		expect(items[0].json.nps).toEqual({
			nps: 0,
			responses: 3,
			promoters: { count: 1, percentage: 33.3 },
			passives: { count: 1, percentage: 33.3 },
			detractors: { count: 1, percentage: 33.3 },
			sampleWarning:
				'Only 3 responses (fewer than 30): too small a sample to report this NPS as reliable',
			minimumSample: 30,
			surveysSent: null,
			responseRate: null,
			confidenceInterval: { level: 0.95, lower: -61.1, upper: 61.1, method: 'adjusted-wald' },
			unanswered: 1,
			invalid: [
				{ item: 1, reason: 'nps_score: must be a whole number from 0 to 10 (got "-1")' },
				{ item: 4, reason: 'nps_score: must be a whole number from 0 to 10 (got 9.5)' },
			],
		});
	});

	it('without Continue On Fail, stops at the first invalid score naming the item and the field', async () => {
		const result = await run(variant('aggregate-continue-on-fail.workflow.json', stopOnError));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Item 1: nps_score: must be a whole number from 0 to 10 (got "-1")',
		);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(
			1,
		);
		expect(result.error?.description).toBe('Check the field "nps_score" of this item.');
	});

	it('fails a missing score unless told to skip it, and a bad option without naming an item', async () => {
		const workflow = variant('aggregate-continue-on-fail.workflow.json', (node) => {
			stopOnError(node);
			node.parameters.options = {};
		});
		workflow.pinData![TRIGGER] = [
			{ json: { nps_score: 9 } },
			{ json: { customer_id: 'd', nps_score: '' } },
		];
		const missing = await run(workflow);
		expect(missing.status).toBe('error');
		expect(missing.error?.message).toBe(
			'Item 1: nps_score: is missing; an NPS response needs a whole number from 0 to 10 (got "")',
		);

		const badOption = await run(
			variant('aggregate.workflow.json', (node) => {
				node.parameters.options = { surveysSent: '={{ -3 }}' };
			}),
		);
		expect(badOption.status).toBe('error');
		expect(badOption.error?.message).toBe(
			'Surveys Sent: must be a whole number of 0 or more (got -3)',
		);

		const continued = await run(
			variant('aggregate.workflow.json', (node) => {
				node.parameters.options = { surveysSent: '={{ -3 }}' };
				node.onError = 'continueRegularOutput';
			}),
		);
		expect(continued.status).toBe('success');
		const [items] = continued.outputs(NODE);
		expect(items.map((item) => [item.json, (item.pairedItem as unknown[]).length])).toEqual([
			[{ error: 'Surveys Sent: must be a whole number of 0 or more (got -3)' }, 10],
		]);
	});

	it('after a node that output nothing with Always Output Data: a clear "no responses" result', async () => {
		const result = await run('aggregate-empty.workflow.json');
		expect(result.status).toBe('success');
		expect(result.executedNodes).toEqual([
			"When clicking 'Execute workflow'",
			'Throttle',
			'NPS Aggregate',
			'Report',
		]);
		const [items] = result.outputs('NPS Aggregate');
		expect(items).toHaveLength(1);
		expect(items[0].json.nps).toEqual({
			nps: null,
			responses: 0,
			promoters: { count: 0, percentage: null },
			passives: { count: 0, percentage: null },
			detractors: { count: 0, percentage: null },
			sampleWarning: 'No responses: the NPS is undefined without at least one response',
			minimumSample: 30,
			surveysSent: null,
			responseRate: null,
			confidenceInterval: null,
			unanswered: 0,
			invalid: [],
		});
		expect(items[0].pairedItem).toEqual([{ item: 0 }]);
	});
});

describe('NPS node, Survey Throttle mode, through n8n-core', () => {
	it('passes the eligible customers by the first output and holds the others back with their date', async () => {
		const result = await run('throttle.workflow.json');
		expect(result.status).toBe('success');
		const [eligible, recent] = result.outputs(NODE);
		expect(eligible.map((item) => [item.json.customer_id, item.pairedItem])).toEqual([
			['la', { item: 0 }],
			['new', { item: 2 }],
		]);
		expect(recent.map((item) => [item.json.customer_id, item.pairedItem])).toEqual([
			['utc', { item: 1 }],
			['tokyo', { item: 3 }],
			['recent', { item: 4 }],
		]);
		// Same instant, 07:30 UTC on 2 March: 23:30 on 1 March in Los Angeles (90 days ago), 2 March in UTC (89).
		expect(eligible[0].json.nps).toEqual({
			eligible: true,
			lastSurveyAt: '2026-03-01T23:30:00-08:00',
			daysSinceLastSurvey: 90,
			minDaysBetweenSurveys: 90,
			eligibleAt: '2026-05-30T00:00:00-07:00',
			basis: 'last_nps_survey_at',
			timezone: 'America/Los_Angeles',
		});
		expect(
			recent.map((item) => [
				(item.json.nps as IDataObject).daysSinceLastSurvey,
				(item.json.nps as IDataObject).eligibleAt,
			]),
		).toEqual([
			[89, '2026-05-31T00:00:00Z'],
			[89, '2026-05-31T00:00:00+09:00'],
			[29, '2026-07-30T00:00:00Z'],
		]);
		expect(eligible[1].json).toMatchObject({
			email: 'new@example.com',
			nps: { eligible: true, basis: 'never_surveyed', eligibleAt: null },
		});
		expect(ids(result.outputs('Eligible')[0])).toEqual(['la', 'new']);
		expect(ids(result.outputs('Recently Surveyed')[0])).toEqual(['utc', 'tokyo', 'recent']);
	});

	it('takes Minimum Days Between Surveys from the parameter', async () => {
		const result = await run(
			variant('throttle.workflow.json', (node) => {
				node.parameters.minDaysBetweenSurveys = 89;
			}),
		);
		const [eligible, recent] = result.outputs(NODE);
		expect([ids(eligible), ids(recent)]).toEqual([['la', 'utc', 'new', 'tokyo'], ['recent']]);
		expect((eligible[1].json.nps as IDataObject).eligibleAt).toBe('2026-05-30T00:00:00Z');
	});

	it('with Continue On Fail, a customer whose last survey cannot be read leaves by Failed, never surveyed', async () => {
		const result = await run('throttle-continue-on-fail.workflow.json');
		expect(result.status).toBe('success');
		const [eligible, recent, failed] = result.outputs(NODE);
		expect(ids(eligible)).toEqual(['ok']);
		expect(ids(recent)).toEqual(['recent']);
		expect(
			failed.map((item) => [item.json.customer_id, item.json.error ?? null, item.pairedItem]),
		).toEqual([
			[
				'bad',
				'last_nps_survey_at: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "last spring")',
				{ item: 1 },
			],
		]);
		expect(failed[0].json.nps).toBeUndefined();
	});

	it('without Continue On Fail, stops naming the item and the field', async () => {
		const result = await run(variant('throttle-continue-on-fail.workflow.json', stopOnError));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Item 1: last_nps_survey_at: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "last spring")',
		);
		expect(result.error?.description).toBe('Check the field "last_nps_survey_at" of this item.');
	});
});
