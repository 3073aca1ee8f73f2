/**
 * Helpers for end-to-end tests against a real n8n server (the pinned version installed by
 * scripts/install-n8n.sh, run under its own Node 24).
 *
 * Typical use in a test file:
 *
 *   const server = new N8nServer('health-score');
 *   beforeAll(async () => {
 *     await server.setUp();                                   // temp user folder
 *     await server.installPackage(await packPackage());      // as n8n's Community Nodes installer does
 *     await server.addWorkflow('workflows/a.json');          // import + publish (n8n stopped)
 *     await server.addWorkflow('workflows/b.json');          // several workflows, one server
 *     await server.start();                                  // free ports, waits until ready
 *   }, SETUP_TIMEOUT_MS);
 *   afterAll(() => server.dispose(), 60_000);                // kills n8n's process group
 *   const test = testWithServerLog(server);                  // prints n8n's log when a test fails
 *   test('...', async () => { const res = await server.postWebhook('path', body); ... });
 *
 * Workflow file paths are relative to test/e2e. To add workflows to a running server: stop(),
 * addWorkflow(...), start() (new ports; the database and the package stay).
 *
 * `new N8nServer('label', { line: 1 })` runs the pinned n8n 1.x instead (installed beside 2.x by install-n8n.sh):
 * the same helpers, with 1.x's way of switching a workflow on (update:workflow --active=true instead of publish).
 *
 * Environment variables:
 *   CS_E2E_TARBALL  use this package tarball instead of running `npm pack` (test/e2e/run.sh sets it)
 *   CS_E2E_KEEP=1   keep the temporary n8n user folders (they are also kept when a test failed)
 *   CS_N8N_HOME     where install-n8n.sh put Node 24 and n8n (see scripts/n8n-env.sh)
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const ENV_SCRIPT = path.join(PROJECT_ROOT, 'scripts', 'n8n-env.sh');

/** Timeout for a beforeAll that packs, installs, imports and boots n8n (first boot migrates: ~40 s). */
export const SETUP_TIMEOUT_MS = 10 * 60_000;

const MAX_BUFFER = 64 * 1024 * 1024;
// The execution data of a large run (the benchmark's 20,000 scored customers) is hundreds of MiB.
const SQL_MAX_BUFFER = 1024 * 1024 * 1024;

export interface N8nInstall {
	nodeBinDir: string;
	n8nBin: string;
	n8nVersion: string;
	/** The folder n8n is installed in (its node_modules hold the sqlite3 module n8n uses). */
	n8nDir: string;
}

/** Runs a bash snippet after sourcing scripts/n8n-env.sh; extra args are "$1", "$2", ... */
export async function runWithN8nEnv(
	snippet: string,
	args: string[] = [],
	env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
	try {
		const { stdout } = await execFileAsync(
			'bash',
			['-c', `set -eo pipefail; source "${ENV_SCRIPT}"; ${snippet}`, 'n8n-env', ...args],
			{ cwd: PROJECT_ROOT, env, maxBuffer: MAX_BUFFER },
		);
		return stdout;
	} catch (error) {
		throw commandError(`bash: ${snippet}`, error);
	}
}

/** The n8n line a server runs: 2 (the pinned 2.x, the default) or 1 (the pinned last 1.x). */
export type N8nLine = 1 | 2;

const installPromises = new Map<N8nLine, Promise<N8nInstall>>();

/** Where the pinned Node 24 and n8n are; fails with a hint if scripts/install-n8n.sh did not complete. */
export function getN8nInstall(line: N8nLine = 2): Promise<N8nInstall> {
	let installPromise = installPromises.get(line);
	// The line is always given to n8n-env.sh, so a CS_N8N_LINE in the caller's environment does not change the default.
	installPromise ??= runWithN8nEnv(
		'cs_require_n8n; printf "%s\\n%s\\n%s\\n%s\\n" "$CS_NODE24_BIN" "$CS_N8N_BIN" "$CS_N8N_VERSION" "$CS_N8N_DIR"',
		[],
		{ ...process.env, CS_N8N_LINE: String(line) },
	).then((out) => {
		const [nodeBinDir, n8nBin, n8nVersion, n8nDir] = out.trim().split('\n');
		return { nodeBinDir, n8nBin, n8nVersion, n8nDir };
	});
	installPromises.set(line, installPromise);
	return installPromise;
}

let packPromise: Promise<string> | undefined;
const packDirs: string[] = [];

// Importing this module from a test file removes what packPackage() packed once the file is done.
if (typeof afterAll === 'function') {
	afterAll(async () => {
		for (const dir of packDirs.splice(0)) await fsp.rm(dir, { recursive: true, force: true });
		packPromise = undefined;
	});
}

/**
 * The package tarball to install: $CS_E2E_TARBALL if set, else `npm pack` of this repository
 * (its prepack script builds dist/) into a temporary folder, once per test file.
 */
export function packPackage(): Promise<string> {
	packPromise ??= (async () => {
		const given = process.env.CS_E2E_TARBALL;
		if (given) {
			const tarball = path.resolve(PROJECT_ROOT, given);
			if (!fs.existsSync(tarball)) throw new Error(`CS_E2E_TARBALL=${given}: no such file`);
			return tarball;
		}
		const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'cs-e2e-pack-'));
		packDirs.push(dir);
		try {
			await execFileAsync('npm', ['pack', '--pack-destination', dir, '--loglevel=error'], {
				cwd: PROJECT_ROOT,
				maxBuffer: MAX_BUFFER,
			});
		} catch (error) {
			throw commandError('npm pack', error);
		}
		const tarballs = (await fsp.readdir(dir)).filter((f) => f.endsWith('.tgz'));
		if (tarballs.length !== 1)
			throw new Error(`npm pack produced ${tarballs.length} tarballs in ${dir}`);
		return path.join(dir, tarballs[0]);
	})();
	return packPromise;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.unref();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

/** Two distinct free ports. */
async function freePorts(count: number): Promise<number[]> {
	const ports = new Set<number>();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}

export interface HttpResult {
	status: number;
	headers: Headers;
	text: string;
	/** The parsed JSON body, or undefined when the body is not JSON. */
	json: unknown;
}

/** Matches the harmless log noise n8n produces without internet access. */
const NOISE = /ENOTFOUND\s+api\.n8n\.io|api\.n8n\.io/;

/**
 * Drops n8n's `getaddrinfo ENOTFOUND api.n8n.io` errors together with the stack trace and
 * error-object lines that follow each of them.
 */
export function filterLogNoise(log: string): string {
	const out: string[] = [];
	let skipping = false;
	for (const line of log.split('\n')) {
		if (NOISE.test(line)) {
			skipping = true;
			continue;
		}
		if (skipping && (/^\s+/.test(line) || /^[{}\]]/.test(line) || line === '')) continue;
		skipping = false;
		out.push(line);
	}
	return out.join('\n');
}

export interface StartOptions {
	/** How long to wait for /healthz/readiness and the "Editor is now accessible" line. */
	timeoutMs?: number;
	/** Extra environment variables for n8n (e.g. SMTP settings for a test's own server). */
	env?: NodeJS.ProcessEnv;
}

export interface N8nServerOptions {
	/** Which pinned n8n to run: 2 (default) or 1. */
	line?: N8nLine;
}

/**
 * One n8n instance with its own temporary user folder (SQLite database, .n8n/nodes, log file).
 * Several workflows can be added before start(); add more later with stop(), addWorkflow(), start().
 */
export class N8nServer {
	userFolder = '';
	logFile = '';
	port = 0;
	brokerPort = 0;
	/** Set by testWithServerLog when a test failed: the user folder is then kept for inspection. */
	failed = false;

	private child: ChildProcess | undefined;
	private exited: Promise<void> | undefined;
	private extraEnv: NodeJS.ProcessEnv = {};

	readonly line: N8nLine;

	constructor(
		readonly label = 'e2e',
		{ line = 2 }: N8nServerOptions = {},
	) {
		this.line = line;
	}

	/** Creates the temporary user folder. */
	async setUp(): Promise<this> {
		await getN8nInstall(this.line);
		this.userFolder = await fsp.mkdtemp(path.join(os.tmpdir(), `cs-n8n-${this.label}-`));
		this.logFile = path.join(this.userFolder, 'n8n.log');
		return this;
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get isRunning(): boolean {
		return (
			this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
		);
	}

	/** The environment n8n runs with (CLI commands and the server). */
	async env(): Promise<NodeJS.ProcessEnv> {
		const { nodeBinDir } = await getN8nInstall(this.line);
		return {
			...process.env,
			...this.extraEnv,
			PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
			// jest sets NODE_ENV=test, which n8n treats as its own unit tests (it then refuses to load nodes).
			NODE_ENV: 'production',
			N8N_USER_FOLDER: this.userFolder,
			DB_TYPE: 'sqlite',
			N8N_PORT: String(this.port || 5678),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort || 5679),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			// The CLI's output is how import and publish are checked; the node-test harness quiets n8n in its own process.
			N8N_LOG_LEVEL: 'info',
		};
	}

	/** Installs a package tarball into .n8n/nodes as n8n's Community Nodes installer does. */
	async installPackage(tarball: string): Promise<void> {
		this.assertSetUp();
		await runWithN8nEnv('cs_install_package_tarball "$1" "$2"', [tarball, this.userFolder]);
	}

	/** Runs an n8n CLI command (e.g. ['import:workflow', '--input=x.json']) and returns its output. */
	async cli(args: string[]): Promise<string> {
		this.assertSetUp();
		const { n8nBin } = await getN8nInstall(this.line);
		try {
			const { stdout, stderr } = await execFileAsync(n8nBin, args, {
				cwd: this.userFolder,
				env: await this.env(),
				maxBuffer: MAX_BUFFER,
				timeout: 5 * 60_000,
			});
			return filterLogNoise(`${stdout}\n${stderr}`);
		} catch (error) {
			throw commandError(`n8n ${args.join(' ')}`, error);
		}
	}

	/**
	 * Imports a workflow (a JSON file, relative to test/e2e, or an object) and returns its id. The
	 * workflow must carry an `id`: importing the same id again overwrites it instead of adding a copy
	 * (and unpublishes it: publish again before the next start()).
	 */
	async importWorkflow(workflow: string | Record<string, unknown>): Promise<string> {
		this.assertSetUp();
		let file: string;
		let data: Record<string, unknown>;
		if (typeof workflow === 'string') {
			file = path.resolve(__dirname, workflow);
			data = JSON.parse(await fsp.readFile(file, 'utf8'));
		} else {
			data = workflow;
			file = path.join(this.userFolder, `workflow-${String(data.id)}.json`);
			await fsp.writeFile(file, JSON.stringify(data, null, 2));
		}
		const id = data.id;
		if (typeof id !== 'string' || id === '') throw new Error(`workflow ${file} has no "id"`);
		const out = await this.cli(['import:workflow', `--input=${file}`]);
		if (!/Successfully imported 1 workflow/.test(out)) {
			throw new Error(`n8n import:workflow did not import ${file}:\n${out}`);
		}
		return id;
	}

	/** Publishes (activates) the workflow's current version. n8n must be stopped. */
	async publishWorkflow(id: string): Promise<void> {
		if (this.isRunning) throw new Error('publish:workflow only takes effect while n8n is stopped');
		if (this.line === 1) return await this.activateWorkflowInN8n1(id);
		// A failed publish exits with code 1, which cli() turns into an error.
		const out = await this.cli(['publish:workflow', `--id=${id}`]);
		if (!out.includes(`Publishing workflow with ID: ${id}`)) {
			throw new Error(`n8n publish:workflow --id=${id} printed something unexpected:\n${out}`);
		}
	}

	/**
	 * n8n 1.x has no publish:workflow: update:workflow --active=true (n8n stopped) switches the workflow on. It logs its
	 * errors without failing, so the database is read to see that it did.
	 */
	private async activateWorkflowInN8n1(id: string): Promise<void> {
		const out = await this.cli(['update:workflow', `--id=${id}`, '--active=true']);
		const [row] = await this.sql(
			'select active, activeVersionId from workflow_entity where id = ?',
			[id],
		);
		if (
			!out.includes(`Activating workflow with ID: ${id}`) ||
			!row?.active ||
			!row.activeVersionId
		) {
			throw new Error(
				`n8n update:workflow --id=${id} --active=true did not switch it on (${JSON.stringify(row)}):\n${out}`,
			);
		}
	}

	/** Imports and publishes a workflow; n8n must be stopped. Returns its id. */
	async addWorkflow(workflow: string | Record<string, unknown>): Promise<string> {
		const id = await this.importWorkflow(workflow);
		await this.publishWorkflow(id);
		return id;
	}

	/** Starts `n8n start` on free ports and waits until it serves requests and activated workflows. */
	async start(options: StartOptions = {}): Promise<void> {
		this.assertSetUp();
		if (this.isRunning) throw new Error('n8n is already running');
		const timeoutMs = options.timeoutMs ?? 3 * 60_000;
		this.extraEnv = options.env ?? {};
		[this.port, this.brokerPort] = await freePorts(2);
		const { n8nBin } = await getN8nInstall(this.line);
		const logOffset = fs.existsSync(this.logFile) ? fs.statSync(this.logFile).size : 0;
		const logFd = fs.openSync(this.logFile, 'a');
		try {
			// detached: n8n leads its own process group (it forks task runners), so stop() can kill them all.
			this.child = spawn(n8nBin, ['start'], {
				cwd: this.userFolder,
				env: await this.env(),
				detached: true,
				stdio: ['ignore', logFd, logFd],
			});
		} finally {
			fs.closeSync(logFd);
		}
		const child = this.child;
		this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
		child.once('error', () => undefined);

		const deadline = Date.now() + timeoutMs;
		let ready = false;
		while (Date.now() < deadline) {
			if (!this.isRunning) {
				throw new Error(
					`n8n exited during start-up (code ${child.exitCode}, signal ${child.signalCode}).\n${this.logTail()}`,
				);
			}
			if (!ready) {
				ready = await this.get('/healthz/readiness')
					.then((res) => res.status === 200)
					.catch(() => false);
			}
			// Readiness comes before the active workflows' webhooks are registered; this line comes after.
			if (ready && this.readLog(logOffset).includes('Editor is now accessible via')) return;
			await sleep(500);
		}
		throw new Error(`n8n did not become ready within ${timeoutMs / 1000} s.\n${this.logTail()}`);
	}

	/** Stops n8n: SIGTERM to its process group, SIGKILL if it has not exited after 20 s. */
	async stop(): Promise<void> {
		const child = this.child;
		if (!child?.pid) return;
		const group = -child.pid;
		if (this.isRunning) {
			signalGroup(group, 'SIGTERM');
			let timer: NodeJS.Timeout | undefined;
			const stopped = await Promise.race([
				this.exited!.then(() => true),
				new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 20_000))),
			]);
			clearTimeout(timer);
			if (!stopped) {
				signalGroup(group, 'SIGKILL');
				await this.exited;
			}
		}
		// Whatever n8n forked and left behind (task runners) goes too.
		signalGroup(group, 'SIGKILL');
		this.child = undefined;
	}

	/** Stops n8n and deletes the user folder (kept when a test failed or CS_E2E_KEEP=1). */
	async dispose(): Promise<void> {
		await this.stop();
		if (!this.userFolder) return;
		if (this.failed || process.env.CS_E2E_KEEP === '1') {
			console.log(`n8n user folder kept for inspection: ${this.userFolder} (log: ${this.logFile})`);
			return;
		}
		await fsp.rm(this.userFolder, { recursive: true, force: true });
	}

	/** POSTs a JSON body to a production webhook (/webhook/<path>). */
	postWebhook(
		webhookPath: string,
		body: unknown,
		headers: Record<string, string> = {},
	): Promise<HttpResult> {
		return this.request('POST', `/webhook/${webhookPath.replace(/^\//, '')}`, body, headers);
	}

	/**
	 * POSTs once the published workflow's webhook is registered. n8n 2.x registers published webhooks through a
	 * reconciler that runs every 10 s after start-up, so a first request can meet a 404 "not registered"; a 404
	 * ran nothing, so retrying it is safe.
	 */
	async postWebhookWhenRegistered(
		webhookPath: string,
		body: unknown,
		timeoutMs = 60_000,
		headers: Record<string, string> = {},
	): Promise<HttpResult> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const response = await this.postWebhook(webhookPath, body, headers);
			if (response.status !== 404 || Date.now() > deadline) return response;
			await sleep(1000);
		}
	}

	get(urlPath: string, headers: Record<string, string> = {}): Promise<HttpResult> {
		return this.request('GET', urlPath, undefined, headers);
	}

	async request(
		method: string,
		urlPath: string,
		body?: unknown,
		headers: Record<string, string> = {},
	): Promise<HttpResult> {
		if (!this.port) throw new Error('n8n has not been started');
		const response = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		const text = await response.text();
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, headers: response.headers, text, json };
	}

	/**
	 * The node types the running server loaded: the types file it writes at start-up for its editor
	 * (<user folder>/.cache/n8n/public/types/nodes.json, served as /types/nodes.json).
	 */
	async loadedNodeTypes(): Promise<
		Array<{ name: string; version: number | number[]; displayName: string }>
	> {
		const file = path.join(this.userFolder, '.cache', 'n8n', 'public', 'types', 'nodes.json');
		const deadline = Date.now() + 30_000;
		for (;;) {
			try {
				return JSON.parse(await fsp.readFile(file, 'utf8'));
			} catch (error) {
				// n8n writes the file asynchronously after start-up.
				if (Date.now() > deadline) throw error;
				await sleep(500);
			}
		}
	}

	/** The node types `n8n export:nodes` lists (a separate n8n process loading the same folders). */
	async exportNodes(): Promise<Array<{ name: string; version: number | number[] }>> {
		const file = path.join(this.userFolder, 'exported-nodes.json');
		await this.cli(['export:nodes', `--output=${file}`]);
		return JSON.parse(await fsp.readFile(file, 'utf8'));
	}

	/**
	 * Runs a read-only SQL query on the server's SQLite database (with the sqlite3 module of n8n's own install, under
	 * Node 24), so a test counts what n8n recorded rather than trusting a response.
	 */
	async sql(query: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
		this.assertSetUp();
		const { nodeBinDir, n8nDir } = await getN8nInstall(this.line);
		const script = `
			const sqlite3 = require(${JSON.stringify(path.join(n8nDir, 'node_modules', 'sqlite3'))});
			const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);
			db.all(process.argv[2], JSON.parse(process.argv[3]), (error, rows) => {
				if (error) { console.error(error.message); process.exit(1); }
				process.stdout.write(JSON.stringify(rows));
				db.close();
			});`;
		const database = path.join(this.userFolder, '.n8n', 'database.sqlite');
		try {
			const { stdout } = await execFileAsync(
				path.join(nodeBinDir, 'node'),
				['-e', script, database, query, JSON.stringify(params)],
				{
					maxBuffer: SQL_MAX_BUFFER,
				},
			);
			return JSON.parse(stdout);
		} catch (error) {
			throw commandError(`sql ${query}`, error);
		}
	}

	/**
	 * An execution's run data as n8n stores it (the `flatted` format of execution_data), parsed: `resultData` holds
	 * `runData` per node, `error` and `lastNodeExecuted`.
	 */
	async executionData(executionId: string): Promise<{
		resultData: {
			error?: { message?: string; node?: { name?: string } };
			lastNodeExecuted?: string;
			runData: Record<string, any[]>;
		};
	}> {
		const [row] = await this.sql('select data from execution_data where executionId = ?', [
			executionId,
		]);
		if (!row) throw new Error(`no execution data for execution ${executionId}`);
		const { n8nDir } = await getN8nInstall(this.line);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const flatted = require(path.join(n8nDir, 'node_modules', 'flatted'));
		return flatted.parse(String(row.data));
	}

	/** The executions n8n recorded for a workflow, oldest first. */
	async executions(
		workflowId: string,
	): Promise<Array<{ id: string; status: string; mode: string }>> {
		const rows = await this.sql(
			'select id, status, mode from execution_entity where workflowId = ? order by cast(id as integer)',
			[workflowId],
		);
		return rows.map((row) => ({
			id: String(row.id),
			status: String(row.status),
			mode: String(row.mode),
		}));
	}

	/**
	 * Waits until n8n has recorded `count` finished executions of a workflow, then `settleMs` longer to see that no
	 * more arrive; returns them all.
	 */
	async waitForExecutions(
		workflowId: string,
		count: number,
		{ timeoutMs = 30_000, settleMs = 1500 } = {},
	): Promise<Array<{ id: string; status: string; mode: string }>> {
		const deadline = Date.now() + timeoutMs;
		let executions = await this.executions(workflowId);
		const finished = () =>
			executions.filter((e) => !['new', 'running', 'waiting'].includes(e.status)).length;
		while (finished() < count && Date.now() < deadline) {
			await sleep(250);
			executions = await this.executions(workflowId);
		}
		await sleep(settleMs);
		return await this.executions(workflowId);
	}

	private sessionCookie: string | undefined;

	/** The owner account the tests use for n8n's REST API and editor (created on first use). */
	static readonly OWNER = {
		email: 'owner@cs-e2e.example',
		password: 'Cs-e2e-Passw0rd!',
		firstName: 'CS',
		lastName: 'Owner',
	};

	/** A session cookie of the instance owner: sets the owner up on a fresh instance, else logs in. */
	async ownerCookie(): Promise<string> {
		if (this.sessionCookie) return this.sessionCookie;
		const { email, password, firstName, lastName } = N8nServer.OWNER;
		const cookieOf = (response: Response) => {
			const cookie = (
				response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie') ?? '']
			).find((c) => c.startsWith('n8n-auth='));
			return cookie?.split(';')[0];
		};
		const json = { 'content-type': 'application/json' };
		let response = await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: json,
			body: JSON.stringify({ email, password, firstName, lastName }),
		});
		let cookie = response.ok ? cookieOf(response) : undefined;
		if (!cookie) {
			response = await fetch(`${this.baseUrl}/rest/login`, {
				method: 'POST',
				headers: json,
				body: JSON.stringify({ emailOrLdapLoginId: email, password }),
			});
			cookie = cookieOf(response);
		}
		if (!cookie)
			throw new Error(
				`could not log in to n8n as the owner: ${response.status} ${await response.text()}`,
			);
		this.sessionCookie = cookie;
		return cookie;
	}

	/**
	 * Runs a workflow from one of its triggers the way the editor's *Execute workflow* does (n8n's REST API), so a
	 * manual or schedule trigger runs on demand. Returns the execution id.
	 */
	async runFromTrigger(workflowId: string, triggerName: string): Promise<string> {
		const cookie = await this.ownerCookie();
		const response = await fetch(`${this.baseUrl}/rest/workflows/${workflowId}/run`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie },
			body: JSON.stringify({ triggerToStartFrom: { name: triggerName } }),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`running ${workflowId} from "${triggerName}": ${response.status} ${text}`);
		const executionId = JSON.parse(text)?.data?.executionId;
		if (!executionId)
			throw new Error(`running ${workflowId} from "${triggerName}" gave no execution id: ${text}`);
		return String(executionId);
	}

	/** Waits until an execution has finished and returns its status. */
	async waitForExecution(executionId: string, timeoutMs = 120_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const [row] = await this.sql('select status from execution_entity where id = ?', [
				executionId,
			]);
			const status = row ? String(row.status) : 'new';
			if (!['new', 'running'].includes(status) || Date.now() > deadline) return status;
			await sleep(250);
		}
	}

	/** The whole log from `offset` on, unfiltered. */
	readLog(offset = 0): string {
		try {
			const buffer = fs.readFileSync(this.logFile);
			return buffer.subarray(offset).toString('utf8');
		} catch {
			return '';
		}
	}

	/** The last lines of the log without the ENOTFOUND api.n8n.io noise. */
	logTail(lines = 80): string {
		const filtered = filterLogNoise(this.readLog()).trimEnd().split('\n');
		return `--- last ${Math.min(lines, filtered.length)} lines of ${this.logFile} (ENOTFOUND api.n8n.io noise removed) ---\n${filtered
			.slice(-lines)
			.join('\n')}\n--- end of n8n log ---`;
	}

	private assertSetUp(): void {
		if (!this.userFolder) throw new Error('call setUp() first');
	}
}

/** What testWithServerLog reports on when a test fails: an N8nServer, or a QueueCluster (all its processes). */
export interface LoggedServer {
	readonly label: string;
	/** Set when a test failed: the folder is then kept for inspection. */
	failed: boolean;
	logTail(): string;
}

/**
 * Wraps jest's `test` so that a failing test prints the tail of the server's n8n log and keeps its
 * user folder.
 */
export function testWithServerLog(...servers: LoggedServer[]) {
	const wrapped = (name: string, fn: () => Promise<unknown>, timeout = 120_000) =>
		test(
			name,
			async () => {
				try {
					await fn();
				} catch (error) {
					for (const server of servers) {
						server.failed = true;
						console.error(
							`Test "${name}" failed; n8n server "${server.label}":\n${server.logTail()}`,
						);
					}
					throw error;
				}
			},
			timeout,
		);
	return wrapped;
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
	try {
		process.kill(group, signal);
	} catch {
		// the group is gone already
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function commandError(command: string, error: unknown): Error {
	const e = error as { message?: string; stdout?: string; stderr?: string; code?: unknown };
	const output = filterLogNoise(`${e.stdout ?? ''}\n${e.stderr ?? ''}`).trim();
	return new Error(
		`${command} failed (exit code ${String(e.code)}): ${e.message ?? ''}\n${output}`,
	);
}
