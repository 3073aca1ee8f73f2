import { NodeHelpers, Workflow } from 'n8n-workflow';

import { CustomerSuccessTrigger } from '../../../nodes/CustomerSuccessTrigger/CustomerSuccessTrigger.node';
import { CustomerChurnSignals } from '../../../nodes/CustomerChurnSignals/CustomerChurnSignals.node';
import { CustomerPlaybook } from '../../../nodes/CustomerPlaybook/CustomerPlaybook.node';
import { buildEventRouting, formatSignatureHeader, signPayload } from '../../../src/events';
import {
	callWebhook,
	createNodeTypes,
	loadWorkflow,
	resetProcessedData,
	runWorkflow,
	setProcessedDataLatency,
	type WebhookCallOptions,
} from '../harness';

const trigger = new CustomerSuccessTrigger();
const nodeTypes = createNodeTypes({
	customerSuccessTrigger: trigger,
	customerChurnSignals: new CustomerChurnSignals(),
	customerPlaybook: new CustomerPlaybook(),
});
const SECRET = 'node-test-secret-0123456789abcdef';
const credentials = {
	customerSuccessWebhookApi: {
		secret: SECRET,
		previousSecret: '',
		headerName: 'X-CS-Webhook-Token',
	},
};
const NOW = Date.parse('2026-12-01T12:00:00.000Z');

const signedHeaders = (body: string, nowMs = NOW, secret = SECRET) => {
	const t = Math.floor(nowMs / 1000);
	return {
		'content-type': 'application/json',
		'cs-signature': formatSignatureHeader(t, [signPayload(secret, t, body)]),
	};
};
const call = (file: string, body: string, options: Partial<WebhookCallOptions> = {}) =>
	callWebhook(loadWorkflow(__dirname, file), {
		nodeTypes,
		body,
		headers: signedHeaders(body),
		credentials,
		...options,
	});
const envelope = (overrides: Record<string, unknown> = {}) =>
	JSON.stringify({
		event: 'cancellation_requested',
		eventId: 'evt-100',
		occurredAt: '2026-12-01T11:58:00Z',
		customer: {
			customer_id: 'cust-1',
			email: 'ana@example.com',
			cancellation_requested: true,
			days_since_last_login: 2,
		},
		data: { reason: 'price' },
		...overrides,
	});

let now = NOW;
beforeEach(() => {
	resetProcessedData();
	now = NOW;
	jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

describe('Customer Success Trigger, through n8n-core’s WebhookContext', () => {
	it('accepts a signed event: one item with the customer record at the top level, answered 202 by n8n', async () => {
		const result = await call('trigger-to-playbook.workflow.json', envelope());
		expect(result.status).toBeUndefined(); // left to n8n: 202 from the webhook description
		expect(result.result.webhookResponse).toEqual({
			accepted: true,
			event: 'cancellation_requested',
			eventId: 'evt-100',
		});
		expect(result.result.workflowData).toEqual([
			[
				{
					json: {
						customer_id: 'cust-1',
						email: 'ana@example.com',
						cancellation_requested: true,
						days_since_last_login: 2,
						event: 'cancellation_requested',
						eventId: 'evt-100',
						occurredAt: '2026-12-01T11:58:00.000Z',
						receivedAt: '2026-12-01T12:00:00.000Z',
						data: { reason: 'price' },
						payloadFormat: 'envelope',
					},
				},
			],
		]);
	});

	it('feeds Churn Signals and CS Playbook with no mapping: a cancellation request becomes the save playbook', async () => {
		const accepted = await call('trigger-to-playbook.workflow.json', envelope());
		const workflow = loadWorkflow(__dirname, 'trigger-to-playbook.workflow.json');
		workflow.pinData = { 'Customer Success Trigger': accepted.result.workflowData![0] };
		const run = await runWorkflow(workflow, { nodeTypes, startNode: 'Customer Success Trigger' });
		expect(run.status).toBe('success');
		const [steps, none] = run.outputs('CS Playbook');
		expect(none).toEqual([]);
		expect(steps).toHaveLength(1);
		const { churn, playbook } = steps[0].json as Record<string, any>;
		expect(churn).toMatchObject({ tier: 'immediate', playbook: 'save.cancellation_request' });
		expect(playbook.id).toBe('save.cancellation_request');
		expect(playbook.steps.map((step: { action: string }) => step.action)).toEqual([
			// docs/sources.md#save-playbooks SAVE_PLAYBOOKS.cancellation_request
			'Immediate call to customer',
			'Understand reasons and document',
			'Present save offer if appropriate',
			'Escalate to CS Manager if needed',
		]);
		// "Within 2 hours" of the reference time (12:00 UTC in the fixture).
		expect(playbook.steps[0]).toMatchObject({ channel: 'call', dueAt: '2026-12-01T14:00:00Z' });
	});

	it('answers 401 and starts nothing for a wrong, missing or stale signature', async () => {
		const body = envelope();
		const wrong = await call('trigger-to-playbook.workflow.json', body, {
			headers: signedHeaders(body, NOW, 'another-secret'),
		});
		expect([wrong.status, wrong.json]).toEqual([
			401,
			expect.objectContaining({ reason: 'signature_mismatch' }),
		]);
		expect(wrong.result).toEqual({ noWebhookResponse: true });
		const missing = await call('trigger-to-playbook.workflow.json', body, {
			headers: { 'content-type': 'application/json' },
		});
		expect([missing.status, (missing.json as { reason: string }).reason]).toEqual([
			401,
			'missing_signature',
		]);
		const stale = await call('trigger-to-playbook.workflow.json', body, {
			headers: signedHeaders(body, NOW - 301_000),
		});
		expect([stale.status, (stale.json as { reason: string }).reason]).toEqual([
			401,
			'timestamp_too_old',
		]);
		expect(stale.headers['content-type']).toBe('application/json; charset=utf-8');
	});

	it('accepts the previous secret of the credential during a rotation', async () => {
		const body = envelope();
		const rotated = {
			customerSuccessWebhookApi: { secret: 'the-new-secret-0123456789', previousSecret: SECRET },
		};
		const result = await call('trigger-to-playbook.workflow.json', body, { credentials: rotated });
		expect(result.result.webhookResponse).toMatchObject({ accepted: true });
	});

	it('answers 400 with paths, and 415 for other content types', async () => {
		const bad = JSON.stringify({
			event: 'login',
			customer: { customer_id: 'c1', timezone: 'Nowhere/City' },
		});
		const invalid = await call('trigger-to-playbook.workflow.json', bad);
		expect([invalid.status, invalid.json]).toEqual([
			400,
			{
				error: 'invalid_payload',
				errors: [
					{
						path: 'customer.timezone',
						message: 'must be a valid IANA time zone such as "Europe/Madrid"',
					},
				],
			},
		]);
		const xml = await call('trigger-to-playbook.workflow.json', '<event/>', {
			headers: { ...signedHeaders('<event/>'), 'content-type': 'application/xml' },
		});
		expect(xml.status).toBe(415);
	});

	describe('duplicates', () => {
		it('answers the same eventId again with 200 duplicate and no items; another id is accepted', async () => {
			const first = await call('trigger-to-playbook.workflow.json', envelope());
			expect(first.result.workflowData).toBeDefined();
			const again = await call('trigger-to-playbook.workflow.json', envelope());
			expect([again.status, again.json]).toEqual([
				200,
				{
					duplicate: true,
					event: 'cancellation_requested',
					eventId: 'evt-100',
					message: 'This event was accepted before: nothing new was started',
				},
			]);
			expect(again.result).toEqual({ noWebhookResponse: true });
			const other = await call(
				'trigger-to-playbook.workflow.json',
				envelope({ eventId: 'evt-101' }),
			);
			expect(other.result.webhookResponse).toMatchObject({ accepted: true, eventId: 'evt-101' });
		});

		it('remembers an id for at least the retention window and forgets it within twice that', async () => {
			await call('trigger-to-playbook.workflow.json', envelope());
			now = NOW + 7 * 86_400_000 - 1000;
			expect(
				(
					await call('trigger-to-playbook.workflow.json', envelope(), {
						headers: signedHeaders(envelope(), now),
					})
				).status,
			).toBe(200);
			now = NOW + 14 * 86_400_000;
			const later = await call('trigger-to-playbook.workflow.json', envelope(), {
				headers: signedHeaders(envelope(), now),
			});
			expect(later.result.webhookResponse).toMatchObject({ accepted: true });
		});

		it('starts one execution for twenty copies arriving at once, although the store itself does not lock', async () => {
			setProcessedDataLatency(5);
			const calls = await Promise.all(
				Array.from({ length: 20 }, () => call('trigger-to-playbook.workflow.json', envelope())),
			);
			expect(calls.filter((c) => c.result.workflowData !== undefined)).toHaveLength(1);
			expect(
				calls.filter((c) => c.status === 200 && (c.json as { duplicate?: boolean }).duplicate),
			).toHaveLength(19);
		});

		it('never treats a test event from the editor as a duplicate', async () => {
			await call('trigger-to-playbook.workflow.json', envelope(), { mode: 'manual' });
			const again = await call('trigger-to-playbook.workflow.json', envelope(), { mode: 'manual' });
			expect(again.result.workflowData).toBeDefined();
		});

		it('keys seed payloads without an eventId by their body: the same body is a duplicate, a new timestamp is not', async () => {
			const seed = (timestamp: string) =>
				JSON.stringify({ workflow: 'no_login_7_days', customerId: 'cust-9', timestamp });
			const first = await call('token.workflow.json', seed('2026-12-01T11:00:00.000Z'), {
				query: { token: SECRET },
				headers: { 'content-type': 'application/json' },
			});
			expect(first.result.webhookResponse).toMatchObject({
				accepted: true,
				event: 'no_login_7_days',
			});
			const retry = await call('token.workflow.json', seed('2026-12-01T11:00:00.000Z'), {
				query: { token: SECRET },
				headers: { 'content-type': 'application/json' },
			});
			expect((retry.json as { duplicate?: boolean }).duplicate).toBe(true);
			const next = await call('token.workflow.json', seed('2026-12-01T11:05:00.000Z'), {
				query: { token: SECRET },
				headers: { 'content-type': 'application/json' },
			});
			expect(next.result.webhookResponse).toMatchObject({ accepted: true });
		});
	});

	describe('event filter and outputs', () => {
		const bodyFor = (event: string, eventId: string) =>
			JSON.stringify({ event, eventId, customer: { customer_id: 'c1' } });

		it('declares one output per chosen event, custom names after them, and "Other Events" last', () => {
			const json = loadWorkflow(__dirname, 'by-event.workflow.json');
			const workflow = new Workflow({
				nodes: json.nodes,
				connections: json.connections,
				active: false,
				nodeTypes,
			});
			const node = workflow.getNode('Customer Success Trigger')!;
			const outputs = NodeHelpers.getNodeOutputs(workflow, node, trigger.description);
			expect(
				outputs.map((output) => (typeof output === 'string' ? output : output.displayName)),
			).toEqual(
				buildEventRouting(['subscription_created', '*', 'login'], 'trial_converted').outputs,
			);
			expect(
				outputs.map((output) => (typeof output === 'string' ? output : output.displayName)),
			).toEqual(['subscription_created', 'login', 'trial_converted', 'Other Events']);
		});

		it.each([
			['subscription_created', 0],
			['login', 1],
			['trial_converted', 2],
			['payment_failed', 3],
		])('routes %s to output %i', async (event, output) => {
			const result = await call('by-event.workflow.json', bodyFor(event, `e-${event}`));
			const workflowData = result.result.workflowData!;
			expect(workflowData).toHaveLength(4);
			expect(workflowData.map((items) => items.length)).toEqual(
				[0, 1, 2, 3].map((index) => (index === output ? 1 : 0)),
			);
		});

		it('answers 200 ignored for an event it does not listen for, and records nothing', async () => {
			const body = JSON.stringify({
				event: 'login',
				eventId: 'e-1',
				customer: { customer_id: 'c1' },
			});
			const ignored = await call('no-auth.workflow.json', body, {
				headers: { 'content-type': 'application/json' },
			});
			expect([ignored.status, ignored.json]).toEqual([
				200,
				{
					ignored: true,
					event: 'login',
					eventId: 'e-1',
					message: 'This trigger does not listen for "login": nothing was started',
				},
			]);
		});
	});

	describe('configuration errors fail loudly', () => {
		it('names a bad custom event name', async () => {
			await expect(call('bad-custom-event.workflow.json', envelope())).rejects.toThrow(
				'Custom Event Names: "seat added" is not an event name',
			);
		});

		it('refuses a credential without a secret', async () => {
			await expect(
				call('trigger-to-playbook.workflow.json', envelope(), {
					credentials: { customerSuccessWebhookApi: { secret: '' } },
				}),
			).rejects.toThrow('The Customer Success Webhook credential has no secret');
		});
	});

	it('header token: in the header, or in the URL when the option allows it; anything else is 401', async () => {
		const body = envelope();
		const json = { 'content-type': 'application/json' };
		const header = await call('token.workflow.json', body, {
			headers: { ...json, 'X-CS-Webhook-Token': SECRET },
		});
		expect(header.result.webhookResponse).toMatchObject({ accepted: true });
		const wrong = await call('token.workflow.json', envelope({ eventId: 'e-2' }), {
			headers: { ...json, 'X-CS-Webhook-Token': 'nope' },
		});
		expect([wrong.status, (wrong.json as { reason: string }).reason]).toEqual([
			401,
			'token_mismatch',
		]);
		const url = await call('token.workflow.json', envelope({ eventId: 'e-3' }), {
			headers: json,
			query: { token: SECRET },
		});
		expect(url.result.webhookResponse).toMatchObject({ accepted: true });
	});

	it('tests a credential locally: length, a distinct previous secret, a valid header name', async () => {
		const test = (data: Record<string, unknown>) =>
			trigger.methods.credentialTest.customerSuccessWebhookSecret.call({} as never, {
				id: 'c',
				name: 'c',
				type: 'customerSuccessWebhookApi',
				data: data as never,
			});
		expect(await test({ secret: 'short' })).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('at least 16'),
		});
		expect(await test({ secret: SECRET, previousSecret: SECRET })).toMatchObject({
			status: 'Error',
		});
		expect(await test({ secret: SECRET, headerName: 'bad header' })).toMatchObject({
			status: 'Error',
		});
		expect(await test({ secret: SECRET, headerName: 'X-CS-Webhook-Token' })).toEqual({
			status: 'OK',
			message: 'The secret can be shared with the calling system',
		});
	});
	describe('webhook lifecycle: nothing is registered remotely, and the log says so', () => {
		const hooks = () => {
			const logged: string[] = [];
			const context = {
				logger: { info: (message: string) => logged.push(message) },
				getNode: () => ({ name: 'Billing events' }),
				getNodeWebhookUrl: () => 'https://n8n.example.com/webhook/cs/events',
			};
			return { logged, context };
		};

		it('never finds an existing registration, so n8n calls create on every activation', async () => {
			const { logged, context } = hooks();
			const methods = trigger.webhookMethods.default;
			expect(await methods.checkExists.call(context as never)).toBe(false);
			expect(logged).toEqual([]);
		});

		it('create registers nothing and tells the user to give the URL to the calling system by hand', async () => {
			const { logged, context } = hooks();
			expect(await trigger.webhookMethods.default.create.call(context as never)).toBe(true);
			expect(logged).toEqual([
				'Customer Success Trigger "Billing events": serving https://n8n.example.com/webhook/cs/events; give this URL to the calling system by hand (nothing is registered remotely)',
			]);
		});

		it('delete removes nothing and tells the user to remove the URL from the calling system', async () => {
			const { logged, context } = hooks();
			expect(await trigger.webhookMethods.default.delete.call(context as never)).toBe(true);
			expect(logged).toEqual([
				'Customer Success Trigger "Billing events": no longer serving its webhook URL; remove it from the calling system by hand',
			]);
		});
	});

	it('shows the warning about an open URL only when Authentication is None', () => {
		const warning = trigger.description.properties.find(
			(property) => property.name === 'noAuthenticationWarning',
		)!;
		const shown = (authentication: string) =>
			NodeHelpers.displayParameter(
				{ authentication },
				warning,
				{ typeVersion: 1 } as never,
				trigger.description,
			);
		expect(warning.type).toBe('notice');
		expect(warning.displayName).toContain('anyone who learns this URL can start the workflow');
		expect([shown('none'), shown('signature'), shown('headerToken')]).toEqual([true, false, false]);
	});
});
