/**
 * End to end in n8n 1.x: the last 1.x line (CS_N8N1_VERSION in scripts/n8n-env.sh, installed beside 2.x by
 * scripts/install-n8n.sh), with the packed package installed as a community package. One server holds every bundled
 * template (imported and switched on as a 1.x user does) and the test workflows of test/e2e/workflows:
 *   - every node the package declares loads;
 *   - every template imports and is switched on, and says that it does not run in 1.x, which an event shows;
 *   - the Customer Success Trigger's contract: signed, refused, invalid, duplicate;
 *   - the package's nodes end to end: the decision chain, and an email rendered and sent over SMTP.
 * Executions are counted in n8n's database, not taken from the responses.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { n8n as declared, name as PACKAGE } from '../../package.json';
import { DATA_TABLES_NOT_IN_N8N1 } from '../../workflows/build/template';
import {
	getN8nInstall,
	N8nServer,
	PROJECT_ROOT,
	SETUP_TIMEOUT_MS,
	testWithServerLog,
} from './n8n-server';
import { decodeHeader, header, mimePart } from './smtp-sink';
import { TemplateEnv } from './template-env';
import { postRaw, signBody } from './webhook-client';
import { CANCELLING_CUSTOMER } from './customers';

const N8N1_VERSION = '1.123.81';

/** The template environment of the 2.x template tests, on n8n 1.x. */
class TemplateEnvInN8n1 extends TemplateEnv {
	override readonly server = new N8nServer('n8n-1x', { line: 1 });
}

const TEMPLATES = fs
	.readdirSync(path.join(PROJECT_ROOT, 'workflows'))
	.filter((file) => file.endsWith('.json'))
	.map((file) => file.replace(/\.json$/, ''));
const template = (file: string) =>
	JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'workflows', `${file}.json`), 'utf8'));

const env = new TemplateEnvInN8n1(
	'n8n-1x',
	Object.fromEntries(TEMPLATES.map((file) => [file, {}])),
);
const server = env.server;
const test = testWithServerLog(server);

// The test workflows' credentials (test/e2e/workflows name them by these ids).
const SECRET = 'e2e-n8n1-signing-secret-3c7a91d0e5b2';
const SIGNED = { id: 'csE2eTrigSigned1', path: 'cs-events' };
const DECISION_CHAIN = { id: 'csE2eDecisionRun', path: 'cs-decide' };
const EMAIL = { id: 'csE2eEmailSmtp01', path: 'cs-email' };

type Json = Record<string, any>;

const sign = (body: string, secret = SECRET) => signBody(body, secret);
const post = (webhookPath: string, body: string, headers: Record<string, string>) =>
	postRaw(server, webhookPath, body, headers);
const postSigned = (webhookPath: string, body: string, signature = sign(body)) =>
	post(webhookPath, body, { 'content-type': 'application/json', 'cs-signature': signature });

const envelope = (eventId: string) =>
	JSON.stringify({
		event: 'subscription_created',
		eventId,
		occurredAt: '2026-12-01T09:30:00Z',
		customer: {
			customer_id: `cust-${eventId}`,
			email: 'ana@example.com',
			first_name: 'Ana',
			plan: 'growth',
			mrr: 490,
		},
		data: { source: 'e2e' },
	});

beforeAll(async () => {
	// The templates, their two credentials and the SMTP sink, as for the 2.x template tests; n8n starts once.
	await env.start();
	// Then the test workflows: n8n stopped, their credentials and workflows added, started again.
	await server.stop();
	const credentials = path.join(server.userFolder, 'test-credentials.json');
	fs.writeFileSync(
		credentials,
		JSON.stringify([
			{
				id: 'csE2eWebhookCred01',
				name: 'E2E webhook secret',
				type: 'customerSuccessWebhookApi',
				data: { secret: SECRET, previousSecret: '', headerName: 'X-CS-Webhook-Token' },
			},
			{
				id: 'csE2eSmtpCred001',
				name: 'E2E SMTP sink',
				type: 'smtp',
				data: {
					user: '',
					password: '',
					host: '127.0.0.1',
					port: env.smtp.port,
					secure: false,
					disableStartTls: true,
				},
			},
		]),
	);
	await server.cli(['import:credentials', `--input=${credentials}`]);
	for (const file of [
		'trigger-signed.json',
		'decision-chain-webhook.json',
		'email-smtp-webhook.json',
	]) {
		await server.addWorkflow(path.join('workflows', file));
	}
	await server.start();
	// Activated webhooks can answer 404 for a few seconds after start-up; an unsigned request is refused without running.
	const probe = await server.postWebhookWhenRegistered(SIGNED.path, {});
	if (probe.status !== 401)
		throw new Error(`the trigger answered ${probe.status}: ${probe.text}\n${server.logTail()}`);
}, SETUP_TIMEOUT_MS);

afterAll(() => env.dispose(), 60_000);

test(`the server is n8n ${N8N1_VERSION}, run by Node 24`, async () => {
	const install = await getN8nInstall(1);
	expect(install.n8nVersion).toBe(N8N1_VERSION);
	expect(server.readLog()).toContain(`Version: ${N8N1_VERSION}`);
	const settings = await server.get('/rest/settings', { cookie: await server.ownerCookie() });
	expect([settings.status, (settings.json as Json).data.versionCli]).toEqual([200, N8N1_VERSION]);
	const node = await server.cli(['--version']);
	expect(node.trim().split('\n').at(-1)).toBe(N8N1_VERSION);
});

describe('installed as a community package', () => {
	// Each node package.json declares, as its class in nodes/ describes it (name, versions, usable as an AI tool).
	const expected = declared.nodes.map((file) => {
		const className = path.basename(file, '.node.js');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const NodeClass = require(path.join(PROJECT_ROOT, 'nodes', className, `${className}.node`))[
			className
		];
		const { name, version, usableAsTool } = new NodeClass().description as {
			name: string;
			version: number | number[];
			usableAsTool?: boolean;
		};
		return { className, name, versions: [version].flat(), usableAsTool: usableAsTool === true };
	});

	test('n8n loaded every node of package.json’s n8n.nodes, under the package’s name, with its versions', async () => {
		expect(expected.map(({ className, name }) => [className, name])).toEqual(
			expected.map(({ className }) => [className, className[0].toLowerCase() + className.slice(1)]),
		);
		const loaded = new Map<string, number[]>();
		for (const type of await server.loadedNodeTypes()) {
			if (type.name.startsWith(`${PACKAGE}.`))
				loaded.set(type.name, [...(loaded.get(type.name) ?? []), ...[type.version].flat()]);
		}
		// n8n also offers every node marked usableAsTool as a tool for its AI agents: <node>Tool, same versions.
		const wanted = new Map<string, number[]>();
		for (const { name, versions, usableAsTool } of expected) {
			wanted.set(`${PACKAGE}.${name}`, versions);
			if (usableAsTool) wanted.set(`${PACKAGE}.${name}Tool`, versions);
		}
		const sorted = (map: Map<string, number[]>) =>
			[...map].map(([name, versions]) => [name, [...versions].sort()]).sort();
		expect(sorted(loaded)).toEqual(sorted(wanted));
		expect(expected).toHaveLength(12);
	});

	test('and its credential types', async () => {
		const credentialTypes = JSON.parse(
			fs.readFileSync(
				path.join(server.userFolder, '.cache', 'n8n', 'public', 'types', 'credentials.json'),
				'utf8',
			),
		) as Array<{ name: string }>;
		for (const name of ['customerSuccessWebhookApi', 'customerSuccessReferralApi']) {
			expect(credentialTypes.filter((type) => type.name === name)).toHaveLength(1);
		}
	});
});

describe('the bundled templates', () => {
	const withTrigger = TEMPLATES.filter((file) => file !== 'cs-00-try-it');

	test('every template imports; every one with a trigger is switched on, and n8n activated it without an error', async () => {
		const rows = await server.sql('select id, name, active from workflow_entity');
		const byId = new Map(rows.map((row) => [String(row.id), row]));
		for (const file of TEMPLATES) {
			const { id, name } = template(file);
			expect([file, byId.get(id)?.name, Boolean(byId.get(id)?.active)]).toEqual([
				file,
				name,
				file !== 'cs-00-try-it',
			]);
		}
		// n8n logs each workflow it activated at start-up, and an "Issue on initial workflow activation" for each it could not.
		const log = server.readLog();
		for (const file of withTrigger) {
			const { id, name } = template(file);
			expect([file, log.includes(`Activated workflow "${name}" (ID: ${id})`)]).toEqual([
				file,
				true,
			]);
		}
		expect(log).not.toContain('Issue on initial workflow activation');
		// The editor's list of active workflows leaves out any with an activation error.
		const cookie = await server.ownerCookie();
		const active = (await server.get('/rest/active-workflows', { cookie })).json as {
			data: string[];
		};
		for (const file of withTrigger)
			expect([file, active.data.includes(template(file).id)]).toEqual([file, true]);
	});

	test('each says, in its first sticky note and in workflows/README.md, that it does not run in n8n 1.x', async () => {
		const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'workflows', 'README.md'), 'utf8');
		for (const file of TEMPLATES) {
			const { name, nodes } = template(file);
			const [first] = nodes.filter((node: Json) => node.type === 'n8n-nodes-base.stickyNote');
			expect([
				file,
				first.parameters.content.endsWith(`\n\n**n8n 1.x**: ${DATA_TABLES_NOT_IN_N8N1}`),
			]).toEqual([file, true]);
			const section = readme.slice(readme.indexOf(`### ${name}\n`)).split('\n### ')[0];
			expect([file, section.includes(`**n8n 1.x**: ${DATA_TABLES_NOT_IN_N8N1}`)]).toEqual([
				file,
				true,
			]);
		}
	});

	test('as a welcome event shows: accepted, one execution, which stops at the first step that uses a data table; no email', async () => {
		const file = 'cs-01-welcome-onboarding';
		const response = await env.sendEvent('customer-success/onboarding', {
			event: 'subscription_created',
			eventId: 'sub-n8n1',
			customer: { customer_id: 'cust-n8n1', email: 'ana@example.com', first_name: 'Ana' },
		});
		expect(response).toEqual({
			status: 202,
			json: { accepted: true, event: 'subscription_created', eventId: 'sub-n8n1' },
		});
		const executions = await server.waitForExecutions(env.workflowId(file), 1);
		expect(executions.map(({ status, mode }) => [status, mode])).toEqual([['error', 'webhook']]);
		const { resultData } = await server.executionData(executions[0].id);
		// The steps that create the tables fail (1.x has no such operation) and go on, as they are set to; the first step
		// that writes to one then finds no table of that name.
		expect(resultData.runData['Table cs_customers'][0].error.message).toBe(
			'Could not get parameter',
		);
		expect({ node: resultData.lastNodeExecuted, message: resultData.error?.message }).toEqual({
			node: 'Save customer',
			message: "Could not find the data table: 'cs_customers'",
		});
		expect(env.emails()).toEqual([]);
	});
});

describe('the Customer Success Trigger', () => {
	test('a signed event: 202 accepted, exactly one execution, whose item is the customer record with the event', async () => {
		const response = await postSigned(SIGNED.path, envelope('evt-n8n1-1'));
		expect([response.status, response.json]).toEqual([
			202,
			{ accepted: true, event: 'subscription_created', eventId: 'evt-n8n1-1' },
		]);
		const executions = await server.waitForExecutions(SIGNED.id, 1);
		expect(executions.map(({ status, mode }) => [status, mode])).toEqual([['success', 'webhook']]);
		const { resultData } = await server.executionData(executions[0].id);
		expect(resultData.runData.Received[0].data.main[0].map((item: Json) => item.json)).toEqual([
			{
				customer_id: 'cust-evt-n8n1-1',
				email: 'ana@example.com',
				first_name: 'Ana',
				plan: 'growth',
				mrr: 490,
				event: 'subscription_created',
				eventId: 'evt-n8n1-1',
				occurredAt: '2026-12-01T09:30:00.000Z',
				receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
				data: { source: 'e2e' },
				payloadFormat: 'envelope',
			},
		]);
	});

	test('a bad or missing signature: 401 with the reason, and nothing runs', async () => {
		const before = (await server.waitForExecutions(SIGNED.id, 0)).length;
		const body = envelope('evt-n8n1-refused');
		const mismatch = await postSigned(SIGNED.path, body, sign(body, 'not-the-secret'));
		expect([mismatch.status, mismatch.json]).toEqual([
			401,
			{
				error: 'unauthorized',
				reason: 'signature_mismatch',
				message:
					'No v1 signature in CS-Signature matches the body: sign exactly the bytes you send, as "<t>.<body>", with the shared secret',
			},
		]);
		const missing = await post(SIGNED.path, body, { 'content-type': 'application/json' });
		expect([missing.status, missing.json]).toEqual([
			401,
			{
				error: 'unauthorized',
				reason: 'missing_signature',
				message:
					'The CS-Signature header is missing: sign the body and send t=<unix seconds>,v1=<hex>',
			},
		]);
		expect((await server.waitForExecutions(SIGNED.id, before)).length).toBe(before);
	});

	test('malformed JSON and an invalid event: 400 with the paths, and nothing runs', async () => {
		const before = (await server.waitForExecutions(SIGNED.id, 0)).length;
		const notJson = await postSigned(SIGNED.path, '{"event": "login", ');
		expect([
			notJson.status,
			notJson.json.error,
			notJson.json.errors.map((e: Json) => e.path),
		]).toEqual([400, 'invalid_payload', ['']]);
		expect(notJson.json.errors[0].message).toMatch(/^The body is not valid JSON: /);
		const invalid = await postSigned(
			SIGNED.path,
			JSON.stringify({
				event: 'login',
				occurredAt: 'yesterday',
				customer: { customer_id: 'c1', timezone: 'Mars/Olympus' },
			}),
		);
		expect([invalid.status, invalid.json]).toEqual([
			400,
			{
				error: 'invalid_payload',
				errors: [
					{
						path: 'occurredAt',
						message: 'must be an ISO 8601 date-time such as "2026-12-01T09:30:00Z"',
					},
					{
						path: 'customer.timezone',
						message: 'must be a valid IANA time zone such as "Europe/Madrid"',
					},
				],
			},
		]);
		expect((await server.waitForExecutions(SIGNED.id, before)).length).toBe(before);
	});

	test('the same eventId twice: one execution, the second answered 200 duplicate', async () => {
		const before = (await server.waitForExecutions(SIGNED.id, 0)).length;
		const body = envelope('evt-n8n1-twice');
		const first = await postSigned(SIGNED.path, body);
		expect([first.status, first.json]).toEqual([
			202,
			{ accepted: true, event: 'subscription_created', eventId: 'evt-n8n1-twice' },
		]);
		const again = await postSigned(SIGNED.path, body);
		expect([again.status, again.json]).toEqual([
			200,
			{
				duplicate: true,
				event: 'subscription_created',
				eventId: 'evt-n8n1-twice',
				message: 'This event was accepted before: nothing new was started',
			},
		]);
		const executions = await server.waitForExecutions(SIGNED.id, before + 1);
		expect(executions.slice(before).map(({ status }) => status)).toEqual(['success']);
	});
});

describe('the package’s nodes end to end', () => {
	test('the decision chain: Health Score -> Churn -> Expansion -> Lifecycle -> Playbook gives the agent specification’s answer', async () => {
		const customer = CANCELLING_CUSTOMER;
		const response = await server.postWebhookWhenRegistered(DECISION_CHAIN.path, {
			customers: [customer],
		});
		expect(response.status).toBe(200);
		const [item] = response.json as Json[];
		expect([item.health.score, item.health.grade, item.health.category]).toEqual([
			58,
			'C',
			'critical',
		]);
		expect([item.churn.tier, item.churn.atRisk, item.churn.playbook]).toEqual([
			'immediate',
			true,
			'save.cancellation_request',
		]);
		expect([
			item.expansion.probability,
			item.expansion.opportunities.map((o: Json) => [o.type, o.estimatedValue]),
		]).toEqual([
			0.35,
			[
				['upsell', 500],
				['add_seats', 300],
			],
		]);
		expect([item.lifecycle.stage, item.lifecycle.previousStage]).toEqual(['at_risk', 'growing']);
		expect(
			item.playbook.steps.map((step: Json) => [step.order, step.action, Date.parse(step.dueAt)]),
		).toEqual([
			[1, 'Immediate call to customer', Date.parse('2026-11-23T14:00:00Z')],
			[2, 'Understand reasons and document', Date.parse('2026-11-23T14:00:00Z')],
			[3, 'Present save offer if appropriate', Date.parse('2026-11-23T14:00:00Z')],
			[4, 'Escalate to CS Manager if needed', Date.parse('2026-11-23T14:00:00Z')],
		]);
		const executions = await server.waitForExecutions(DECISION_CHAIN.id, 1);
		expect(executions.map(({ status }) => status)).toEqual(['success']);
	});

	test('CS Email Template -> n8n’s Send Email: the rendered welcome email arrives over SMTP', async () => {
		const before = env.smtp.messages.length;
		const customers = [
			{
				customer_id: 'cust-es',
				email: 'ana@cliente.test',
				first_name: 'Ana',
				locale: 'es-MX',
				csm_name: 'Lucía <b>Pérez</b>',
				csm_email: 'lucia@acme.test',
			},
		];
		const response = await server.postWebhookWhenRegistered(EMAIL.path, { customers });
		expect(response.status).toBe(200);
		await env.smtp.waitForMessages(before + 1);
		const [message] = env.smtp.messages.slice(before);
		expect([message.from, message.to, decodeHeader(header(message.raw, 'Subject') ?? '')]).toEqual([
			'success@acme.test',
			['ana@cliente.test'],
			'¡Bienvenido a Acme CS, Ana!',
		]);
		expect(mimePart(message.raw, 'text/html')).toContain('Lucía &lt;b&gt;Pérez&lt;/b&gt;');
		const executions = await server.waitForExecutions(EMAIL.id, 1);
		expect(executions.map(({ status }) => status)).toEqual(['success']);
	});
});
