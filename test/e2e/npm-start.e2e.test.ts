/**
 * `npm start` as a newcomer runs it: a local n8n with the package, every template imported, the demo credentials and
 * the mail sink; pressing Execute workflow on "CS 00 · Try it" (here through n8n's REST API, as the editor does)
 * loads the sample customers and the emails appear in the mail sink.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort, N8nServer, PROJECT_ROOT, SETUP_TIMEOUT_MS } from './n8n-server';

const server = new N8nServer('npm-start');
let child: ChildProcess;
let log = '';
let mailPort = 0;

beforeAll(async () => {
	await server.setUp();
	const folder = server.userFolder;
	[server.port, mailPort] = [await freePort(), await freePort()];
	const smtpPort = await freePort();
	child = spawn('bash', ['scripts/start.sh'], {
		cwd: PROJECT_ROOT,
		detached: true,
		env: {
			...process.env,
			NODE_ENV: 'production',
			CS_N8N_LOCAL_FOLDER: folder,
			N8N_PORT: String(server.port),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			CS_MAIL_SMTP_PORT: String(smtpPort),
			CS_MAIL_HTTP_PORT: String(mailPort),
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout!.on('data', (chunk) => (log += chunk));
	child.stderr!.on('data', (chunk) => (log += chunk));
	const deadline = Date.now() + 8 * 60_000;
	while (!log.includes('Editor is now accessible via')) {
		if (child.exitCode !== null)
			throw new Error(`npm start exited with ${child.exitCode}:\n${log}`);
		if (Date.now() > deadline) throw new Error(`npm start did not get ready:\n${log}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	if (child?.pid) {
		process.kill(-child.pid, 'SIGINT');
		await new Promise((resolve) => setTimeout(resolve, 5000));
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// gone
		}
	}
	await fsp.rm(server.userFolder, { recursive: true, force: true });
}, 60_000);

test('imports every template in workflows/ and says where to start', async () => {
	const templates = fs
		.readdirSync(path.join(PROJECT_ROOT, 'workflows'))
		.filter((file) => file.endsWith('.json'));
	const ids = templates.map(
		(file) => JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'workflows', file), 'utf8')).id,
	);
	const rows = await server.sql('select id from workflow_entity');
	expect(rows.map((row) => row.id).sort()).toEqual([...ids].sort());
	expect(log).toContain(`Importing ${templates.length} workflow template(s)`);
	expect(log).toContain("open the workflow 'CS 00 · Try it' and press Execute workflow");
});

test('creates the credentials the templates name, with random webhook and referral secrets kept in the local folder', async () => {
	const rows = await server.sql('select id, type from credentials_entity order by id');
	expect(rows).toEqual([
		{ id: 'csDemoMailSink01', type: 'smtp' },
		{ id: 'csDemoReferral01', type: 'customerSuccessReferralApi' },
		{ id: 'csDemoWebhook001', type: 'customerSuccessWebhookApi' },
	]);
	expect(fs.readFileSync(path.join(server.userFolder, 'cs-referral-secret'), 'utf8')).toMatch(
		/^[0-9a-f]{64}$/,
	);
	expect(fs.readFileSync(path.join(server.userFolder, 'cs-webhook-secret'), 'utf8')).toMatch(
		/^[0-9a-f]{64}$/,
	);
});

test('Try it: the sample customers are scored and the emails appear in the mail sink', async () => {
	const executionId = await server.runFromTrigger(
		'csTplTryIt000001',
		'When clicking ‘Execute workflow’',
	);
	expect(await server.waitForExecution(executionId)).toBe('success');
	const mailDir = path.join(server.userFolder, 'mail');
	const deadline = Date.now() + 30_000;
	while (fs.readdirSync(mailDir).length === 0 && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 500));
	const files = fs.readdirSync(mailDir).filter((file) => file.endsWith('.eml'));
	expect(files.length).toBeGreaterThan(0);
	const page = await (await fetch(`http://127.0.0.1:${mailPort}/`)).text();
	expect(page).toContain(`${files.length} message(s)`);
	const first = await (
		await fetch(`http://127.0.0.1:${mailPort}/message/${encodeURIComponent(files[0])}`)
	).text();
	expect(first).toContain('Plain text');
}, 180_000);

test('uses no file outside its local folder and ~/.cache', () => {
	expect(os.homedir()).not.toBe(server.userFolder);
	expect(fs.existsSync(path.join(server.userFolder, '.n8n', 'database.sqlite'))).toBe(true);
});
