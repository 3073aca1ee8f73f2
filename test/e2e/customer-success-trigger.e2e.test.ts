/**
 * End to end: the Customer Success Trigger in a real n8n 2.x, with the packed package installed as a community
 * package and its credential imported. Executions are counted in n8n's database, not taken from the responses.
 */
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

import {
	N8nServer,
	packPackage,
	PROJECT_ROOT,
	SETUP_TIMEOUT_MS,
	testWithServerLog,
} from './n8n-server';
import { postRaw, signBody } from './webhook-client';

const execFileAsync = promisify(execFile);

const SECRET = 'e2e-signing-secret-5f1c0a9e3b7d4c2a8e6f';
const SIGNED = { id: 'csE2eTrigSigned1', path: 'cs-events' };
const LAST_NODE = { id: 'csE2eTrigLastNd1', path: 'cs-welcome' };
const URL_TOKEN = { id: 'csE2eTrigUrlTok1', path: 'cs-seed' };
const MISCONFIGURED = { id: 'csE2eTrigBadCfg1', path: 'cs-misconfigured' };

const server = new N8nServer('cs-trigger');
const test = testWithServerLog(server);

const sign = (body: string, t?: number, secret = SECRET) => signBody(body, secret, t);
const post = (webhookPath: string, body: string, headers: Record<string, string>) =>
	postRaw(server, webhookPath, body, headers);
const postSigned = (webhookPath: string, body: string, signature = sign(body)) =>
	post(webhookPath, body, { 'content-type': 'application/json', 'cs-signature': signature });

const envelope = (eventId: string, extra: Record<string, unknown> = {}) =>
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
		...extra,
	});

/** The code block the README marks with <!-- signing-example:NAME -->, exactly as printed. */
function readmeExample(name: string): string {
	const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
	const match = readme.match(
		new RegExp(`<!-- signing-example:${name} -->\\n\`\`\`[a-z]+\\n([\\s\\S]*?)\\n\`\`\``),
	);
	if (!match) throw new Error(`README.md has no <!-- signing-example:${name} --> code block`);
	return match[1];
}

beforeAll(async () => {
	await server.setUp();
	await server.installPackage(await packPackage());
	const credentials = path.join(server.userFolder, 'webhook-credential.json');
	fs.writeFileSync(
		credentials,
		JSON.stringify([
			{
				id: 'csE2eWebhookCred01',
				name: 'E2E webhook secret',
				type: 'customerSuccessWebhookApi',
				data: { secret: SECRET, previousSecret: '', headerName: 'X-CS-Webhook-Token' },
			},
		]),
	);
	await server.cli(['import:credentials', `--input=${credentials}`]);
	for (const file of [
		'trigger-signed.json',
		'trigger-last-node.json',
		'trigger-url-token.json',
		'trigger-misconfigured.json',
	]) {
		await server.addWorkflow(path.join('workflows', file));
	}
	await server.start();
	// Published webhooks are registered a few seconds after start-up; an unsigned request is refused without running.
	const probe = await server.postWebhookWhenRegistered(SIGNED.path, {});
	if (probe.status !== 401)
		throw new Error(`the trigger answered ${probe.status}: ${probe.text}\n${server.logTail()}`);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await server.dispose();
}, 60_000);

describe('installed as a community package', () => {
	test('n8n loaded the trigger and its credential type', async () => {
		const types = await server.loadedNodeTypes();
		const trigger = types.find(
			(type) => type.name === 'n8n-nodes-customer-success.customerSuccessTrigger',
		);
		expect(trigger).toMatchObject({ displayName: 'Customer Success Trigger' });
		const credentialTypes = JSON.parse(
			fs.readFileSync(
				path.join(server.userFolder, '.cache', 'n8n', 'public', 'types', 'credentials.json'),
				'utf8',
			),
		) as Array<{ name: string }>;
		expect(credentialTypes.map((type) => type.name)).toContain('customerSuccessWebhookApi');
	});

	test('activating the workflow registers nothing remotely, and n8n’s log tells the user to give the URL by hand', async () => {
		// n8n names its own host (localhost) in the URL it logs; the port is this server's.
		const port = new URL(server.baseUrl).port;
		expect(server.readLog()).toContain(
			`serving http://localhost:${port}/webhook/${SIGNED.path}; give this URL to the calling system by hand (nothing is registered remotely)`,
		);
	});
});

describe('the README’s signing examples, run exactly as printed', () => {
	const env = () => ({
		...process.env,
		CS_WEBHOOK_URL: `${server.baseUrl}/webhook/${SIGNED.path}`,
		CS_WEBHOOK_SECRET: SECRET,
	});

	test('curl + openssl: 202 accepted, then 200 duplicate, and one execution', async () => {
		const script = readmeExample('curl');
		const before = (await server.executions(SIGNED.id)).length;
		const first = await execFileAsync('bash', ['-c', `set -euo pipefail\n${script}`], {
			env: env(),
		});
		expect(JSON.parse(first.stdout)).toEqual({
			accepted: true,
			event: 'subscription_created',
			eventId: 'evt_1001',
		});
		const second = await execFileAsync('bash', ['-c', `set -euo pipefail\n${script}`], {
			env: env(),
		});
		expect(JSON.parse(second.stdout)).toMatchObject({ duplicate: true, eventId: 'evt_1001' });
		const executions = await server.waitForExecutions(SIGNED.id, before + 1);
		expect(executions.length - before).toBe(1);
		expect(executions.at(-1)).toMatchObject({ status: 'success', mode: 'webhook' });
	});

	test('Node.js: prints 202 and the accepted answer', async () => {
		const file = path.join(server.userFolder, 'send-event.mjs');
		fs.writeFileSync(file, readmeExample('node'));
		const { stdout } = await execFileAsync(process.execPath, [file], { env: env() });
		const [status, ...rest] = stdout.trim().split(' ');
		expect(status).toBe('202');
		expect(JSON.parse(rest.join(' '))).toMatchObject({
			accepted: true,
			event: 'subscription_created',
		});
	});
});

describe('a signed subscription_created envelope', () => {
	test('starts one execution whose item carries the customer record at the top level', async () => {
		const body = envelope('evt-welcome-1');
		const response = await postSigned(LAST_NODE.path, body);
		expect(response.status).toBe(200);
		expect(response.json).toEqual({
			customer_id: 'cust-evt-welcome-1',
			email: 'ana@example.com',
			first_name: 'Ana',
			plan: 'growth',
			mrr: 490,
			event: 'subscription_created',
			eventId: 'evt-welcome-1',
			occurredAt: '2026-12-01T09:30:00.000Z',
			receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			data: { source: 'e2e' },
			payloadFormat: 'envelope',
		});
		const executions = await server.waitForExecutions(LAST_NODE.id, 1);
		expect(executions).toEqual([expect.objectContaining({ status: 'success', mode: 'webhook' })]);
	});

	test('an event the trigger does not listen for is answered 200 ignored and starts nothing', async () => {
		const before = (await server.executions(LAST_NODE.id)).length;
		const response = await postSigned(
			LAST_NODE.path,
			JSON.stringify({ event: 'login', eventId: 'evt-login-1', customer: { customer_id: 'c1' } }),
		);
		expect(response.status).toBe(200);
		expect(response.json).toMatchObject({ ignored: true, event: 'login' });
		expect((await server.waitForExecutions(LAST_NODE.id, before)).length).toBe(before);
	});
});

describe('the agent specification’s own payloads, sent as the seed sends them (Content-Type only, token in the URL)', () => {
	// What the agent specification's fetch calls send: JSON.stringify of these objects with 'Content-Type: application/json'.
	const triggerCSWorkflow = {
		workflow: 'no_login_7_days',
		customerId: 'cust-seed-1',
		data: { daysInactive: 8 },
		timestamp: new Date().toISOString(),
	};
	const triggerN8nWorkflow = {
		workflow: 'win_back_sequence',
		customer: { id: 'cust-seed-2', name: 'Acme', email: 'ops@acme.test', plan: 'growth', mrr: 490 },
		timestamp: new Date().toISOString(),
	};

	test('both start an execution; a retry of the same body is a duplicate', async () => {
		const url = `${URL_TOKEN.path}?token=${encodeURIComponent(SECRET)}`;
		const headers = { 'Content-Type': 'application/json' };
		const first = await post(url, JSON.stringify(triggerCSWorkflow), headers);
		expect([first.status, first.json]).toEqual([
			202,
			{
				accepted: true,
				event: 'no_login_7_days',
				eventId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
			},
		]);
		const second = await post(url, JSON.stringify(triggerN8nWorkflow), headers);
		expect([second.status, second.json.event]).toEqual([202, 'win_back_sequence']);
		const retry = await post(url, JSON.stringify(triggerN8nWorkflow), headers);
		expect([retry.status, retry.json.duplicate]).toEqual([200, true]);
		const executions = await server.waitForExecutions(URL_TOKEN.id, 2);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
	});

	test('without the token they are refused with 401', async () => {
		const response = await post(
			URL_TOKEN.path,
			JSON.stringify({ ...triggerCSWorkflow, customerId: 'cust-seed-3' }),
			{ 'Content-Type': 'application/json' },
		);
		expect([response.status, response.json.reason]).toEqual([401, 'missing_token']);
	});
});

describe('refused requests start nothing', () => {
	let before: number;
	beforeAll(async () => {
		before = (await server.waitForExecutions(SIGNED.id, 0)).length;
	});

	test('a bad signature, a stale timestamp, a future one and a missing header: 401 with a reason, no expected value', async () => {
		const body = envelope('evt-refused-1');
		// Each timestamp is taken just before its request and sits a minute beyond the 300 s window: a slow
		// machine's delay between signing and arrival must not carry a "future" timestamp back inside it
		// (the exact edges are unit-tested).
		const seconds = () => Math.floor(Date.now() / 1000);
		const cases = [
			[() => sign(body, seconds(), 'not-the-secret'), 'signature_mismatch'],
			[() => sign(body, seconds() - 360), 'timestamp_too_old'],
			[() => sign(body, seconds() + 360), 'timestamp_in_future'],
			[() => 't=abc,v1=xyz', 'malformed_signature'],
		] as const;
		for (const [signature, reason] of cases) {
			const now = seconds();
			const response = await postSigned(SIGNED.path, body, signature());
			expect([response.status, response.json.error, response.json.reason]).toEqual([
				401,
				'unauthorized',
				reason,
			]);
			expect(response.text).not.toContain(
				createHmac('sha256', SECRET).update(`${now}.${body}`).digest('hex'),
			);
		}
		const missing = await post(SIGNED.path, body, { 'content-type': 'application/json' });
		expect([missing.status, missing.json.reason]).toEqual([401, 'missing_signature']);
	});

	test('malformed JSON and a rejected schema: 400 with paths; another content type: 415', async () => {
		const malformed = '{"event": "login", ';
		const notJson = await postSigned(SIGNED.path, malformed);
		expect(notJson.status).toBe(400);
		expect(notJson.json).toEqual({
			error: 'invalid_payload',
			errors: [{ path: '', message: expect.stringContaining('The body is not valid JSON') }],
		});
		const invalid = JSON.stringify({
			event: 'login',
			occurredAt: 'yesterday',
			customer: { customer_id: 'c1', timezone: 'Mars/Olympus' },
		});
		const schema = await postSigned(SIGNED.path, invalid);
		expect(schema.status).toBe(400);
		expect(schema.json.errors).toEqual([
			{
				path: 'occurredAt',
				message: 'must be an ISO 8601 date-time such as "2026-12-01T09:30:00Z"',
			},
			{
				path: 'customer.timezone',
				message: 'must be a valid IANA time zone such as "Europe/Madrid"',
			},
		]);
		const form = 'event=login';
		const media = await post(SIGNED.path, form, {
			'content-type': 'application/x-www-form-urlencoded',
			'cs-signature': sign(form),
		});
		expect([media.status, media.json.error]).toEqual([415, 'unsupported_media_type']);
	});

	test('a body over n8n’s payload limit (16 MiB): 413', async () => {
		const huge = envelope('evt-huge', { data: { blob: 'x'.repeat(17 * 1024 * 1024) } });
		const response = await postSigned(SIGNED.path, huge);
		expect([response.status, response.json.error]).toEqual([413, 'payload_too_large']);
	});

	test('and n8n recorded no execution for any of them', async () => {
		expect((await server.waitForExecutions(SIGNED.id, before)).length).toBe(before);
	});
});

describe('duplicates', () => {
	test('the same eventId twice starts one execution', async () => {
		const before = (await server.waitForExecutions(SIGNED.id, 0)).length;
		const body = envelope('evt-twice');
		expect((await postSigned(SIGNED.path, body)).status).toBe(202);
		const again = await postSigned(SIGNED.path, body);
		expect([again.status, again.json.duplicate]).toEqual([200, true]);
		expect((await server.waitForExecutions(SIGNED.id, before + 1)).length).toBe(before + 1);
	});

	test('twenty concurrent copies of one event start one execution', async () => {
		const before = (await server.waitForExecutions(SIGNED.id, 0)).length;
		const body = envelope('evt-twenty');
		const responses = await Promise.all(
			Array.from({ length: 20 }, () => postSigned(SIGNED.path, body)),
		);
		expect(responses.filter((r) => r.status === 202)).toHaveLength(1);
		expect(responses.filter((r) => r.status === 200 && r.json.duplicate === true)).toHaveLength(19);
		expect((await server.waitForExecutions(SIGNED.id, before + 1, { settleMs: 3000 })).length).toBe(
			before + 1,
		);
	});

	test('the accepted ids survive a restart of n8n', async () => {
		await server.stop();
		await server.start();
		const again = await server.postWebhookWhenRegistered(
			SIGNED.path,
			JSON.parse(envelope('evt-twice')),
			60_000,
			{
				'cs-signature': sign(envelope('evt-twice')),
			},
		);
		expect([again.status, (again.json as { duplicate?: boolean }).duplicate]).toEqual([200, true]);
	}, 240_000);
});

describe('configuration errors', () => {
	test('an invalid custom event name: n8n answers 500 and records a failed execution naming it', async () => {
		const body = JSON.stringify({ event: 'login', customer: { customer_id: 'c1' } });
		const response = await postSigned(MISCONFIGURED.path, body);
		expect(response.status).toBe(500);
		const executions = await server.waitForExecutions(MISCONFIGURED.id, 1);
		expect(executions.map((execution) => execution.status)).toEqual(['error']);
		const rows = await server.sql('select data from execution_data where executionId = ?', [
			executions[0].id,
		]);
		expect(String(rows[0].data)).toContain(
			'Custom Event Names: \\"seat added\\" is not an event name',
		);
	});
});
