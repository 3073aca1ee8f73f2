/**
 * A queue-mode n8n cluster for end-to-end tests, started with the script users run (scripts/start-queue.sh, as
 * `npm run start:queue`): one main, one webhook process, two workers, all on PostgreSQL (a database of its own per
 * run, dropped afterwards) and Redis (key prefixes of their own, deleted afterwards), with the packed package in
 * the shared user folder.
 *
 *   const cluster = new QueueCluster('queue-mode');
 *   beforeAll(() => cluster.start({ smtpPort, publish: ['workflows/queue-email.json'] }), SETUP_TIMEOUT_MS);
 *   afterAll(() => cluster.dispose(), 180_000);
 *
 * What a test reads is what n8n recorded: execution_entity rows in PostgreSQL, the processes' logs, the pid files
 * the script writes (queue/<name>.pid, each the leader of its process group).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import { filterLogNoise, freePort, packPackage, PROJECT_ROOT, runWithN8nEnv } from './n8n-server';

export const QUEUE_WEBHOOK_SECRET = 'e2e-queue-webhook-secret-5c0f8a91d2';

const FINISHED = (status: string) => !['new', 'running', 'waiting'].includes(status);

interface PgClient {
	connect(): Promise<void>;
	query(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
	end(): Promise<void>;
}

interface Install {
	n8nDir: string;
}

let installPromise: Promise<Install> | undefined;

/** Where the pinned n8n 2.x is (its node_modules give the pg, ioredis and flatted modules n8n itself uses). */
function n8nInstall(): Promise<Install> {
	installPromise ??= runWithN8nEnv('cs_require_n8n; printf "%s" "$CS_N8N_DIR"', [], {
		...process.env,
		CS_N8N_LINE: '2',
	}).then((n8nDir) => ({ n8nDir: n8nDir.trim() }));
	return installPromise;
}

async function n8nModule<T>(name: string): Promise<T> {
	const { n8nDir } = await n8nInstall();
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(path.join(n8nDir, 'node_modules', name)) as T;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface ClusterStartOptions {
	/** The SMTP server the demo SMTP credential points at (the test's own). */
	smtpPort: number;
	/** Workflow files (relative to test/e2e) the script imports and publishes before the processes start. */
	publish: string[];
	/** Extra environment for every n8n process. */
	env?: NodeJS.ProcessEnv;
}

export class QueueCluster {
	folder = '';
	database = '';
	ports = {
		main: 0,
		mainBroker: 0,
		webhook: 0,
		webhookBroker: 0,
		workers: [0, 0],
		workerBrokers: [0, 0],
	};
	/** Set when a test failed: the folder is then kept for inspection. */
	failed = false;

	private script: ChildProcess | undefined;
	private scriptExited: Promise<void> | undefined;
	private pg: PgClient | undefined;

	constructor(readonly label = 'queue') {}

	get runDir(): string {
		return path.join(this.folder, 'queue');
	}

	get scriptLog(): string {
		return path.join(this.folder, 'start-queue.log');
	}

	get webhookUrl(): string {
		return `http://127.0.0.1:${this.ports.webhook}/webhook`;
	}

	/** Runs scripts/start-queue.sh and waits until it says every process is ready. */
	async start({ smtpPort, publish, env = {} }: ClusterStartOptions): Promise<void> {
		const tarball = await packPackage();
		this.folder = await fsp.mkdtemp(path.join(os.tmpdir(), `cs-n8n-${this.label}-`));
		// start.sh creates the webhook credential from this file.
		await fsp.writeFile(path.join(this.folder, 'cs-webhook-secret'), QUEUE_WEBHOOK_SECRET, {
			mode: 0o600,
		});
		this.database = `cs_n8n_queue_e2e_${process.pid}_${Date.now().toString(36)}`;
		const ports = new Set<number>();
		while (ports.size < 8) ports.add(await freePort());
		const [main, mainBroker, webhook, webhookBroker, w1, w1b, w2, w2b] = [...ports];
		this.ports = {
			main,
			mainBroker,
			webhook,
			webhookBroker,
			workers: [w1, w2],
			workerBrokers: [w1b, w2b],
		};

		const logFd = fs.openSync(this.scriptLog, 'a');
		try {
			this.script = spawn('bash', [path.join(PROJECT_ROOT, 'scripts', 'start-queue.sh')], {
				cwd: PROJECT_ROOT,
				// detached: the script leads its own process group; it stops the n8n processes (each in a group of its own).
				detached: true,
				stdio: ['ignore', logFd, logFd],
				env: {
					...process.env,
					// jest sets NODE_ENV=test, which n8n takes for its own unit tests (it then loads no nodes).
					NODE_ENV: 'production',
					CS_N8N_LOCAL_FOLDER: this.folder,
					CS_PACKAGE_TARBALL: tarball,
					CS_MAIL_SINK: '0',
					CS_MAIL_SMTP_PORT: String(smtpPort),
					CS_QUEUE_PUBLISH_WORKFLOWS: publish
						.map((file) => path.resolve(__dirname, file))
						.join(' '),
					DB_POSTGRESDB_DATABASE: this.database,
					N8N_PORT: String(main),
					N8N_RUNNERS_BROKER_PORT: String(mainBroker),
					CS_QUEUE_WEBHOOK_PORT: String(webhook),
					CS_QUEUE_WEBHOOK_BROKER_PORT: String(webhookBroker),
					CS_QUEUE_WORKER_PORTS: `${w1} ${w2}`,
					CS_QUEUE_WORKER_BROKER_PORTS: `${w1b} ${w2b}`,
					// Loopback only.
					N8N_LISTEN_ADDRESS: '127.0.0.1',
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					N8N_TEMPLATES_ENABLED: 'false',
					N8N_LOG_LEVEL: 'info',
					...env,
				},
			});
		} finally {
			fs.closeSync(logFd);
		}
		const script = this.script;
		this.scriptExited = new Promise((resolve) => script.once('exit', () => resolve()));
		script.once('error', () => undefined);

		const deadline = Date.now() + 9 * 60_000;
		while (!fs.existsSync(path.join(this.runDir, 'ready'))) {
			if (script.exitCode !== null || script.signalCode !== null) {
				throw new Error(
					`scripts/start-queue.sh exited (code ${script.exitCode}) before the cluster was ready.\n${this.logTail()}`,
				);
			}
			if (Date.now() > deadline)
				throw new Error(
					`the queue-mode cluster was not ready within 9 minutes.\n${this.logTail()}`,
				);
			await sleep(500);
		}
	}

	/** The pid of a process (main, webhook, worker-1, worker-2), as the script recorded it. */
	pid(name: string): number {
		return Number(fs.readFileSync(path.join(this.runDir, `${name}.pid`), 'utf8').trim());
	}

	/** A process's log (the script appends each restart to the same file). */
	log(name: string): string {
		try {
			return fs.readFileSync(path.join(this.runDir, `${name}.log`), 'utf8');
		} catch {
			return '';
		}
	}

	/** Kills a process and everything in its process group (its task runners) at once, as a crash would. */
	kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): number {
		const pid = this.pid(name);
		process.kill(-pid, signal);
		return pid;
	}

	/** Waits until the script has started a worker again after `oldPid` died and the new one answers readiness. */
	async waitForWorkerRestart(index: 1 | 2, oldPid: number, timeoutMs = 120_000): Promise<number> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			let pid = oldPid;
			try {
				pid = this.pid(`worker-${index}`);
			} catch {
				// between the old pid file and the new one
			}
			if (pid !== oldPid) {
				const ready = await fetch(
					`http://127.0.0.1:${this.ports.workers[index - 1]}/healthz/readiness`,
					{ signal: AbortSignal.timeout(5000) },
				)
					.then((response) => response.ok)
					.catch(() => false);
				if (ready) return pid;
			}
			if (Date.now() > deadline)
				throw new Error(
					`worker-${index} was not restarted within ${timeoutMs / 1000} s.\n${this.logTail()}`,
				);
			await sleep(500);
		}
	}

	/** A query on the cluster's PostgreSQL database (with n8n's own pg module). */
	async sql(query: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
		if (!this.pg) {
			const { Client } = await n8nModule<{ Client: new (options: object) => PgClient }>('pg');
			const client = new Client({
				host: '127.0.0.1',
				port: 5432,
				user: 'postgres',
				database: this.database,
			});
			await client.connect();
			this.pg = client;
		}
		return (await this.pg.query(query, params)).rows;
	}

	/** Executions of a workflow with an id above `afterId`, oldest first. */
	async executions(
		workflowId: string,
		afterId = 0,
	): Promise<Array<{ id: number; status: string }>> {
		const rows = await this.sql(
			'select id, status from execution_entity where "workflowId" = $1 and id > $2 order by id',
			[workflowId, afterId],
		);
		return rows.map((row) => ({ id: Number(row.id), status: String(row.status) }));
	}

	/** The highest execution id so far (0 without any). */
	async lastExecutionId(): Promise<number> {
		const [row] = await this.sql('select coalesce(max(id), 0) as id from execution_entity');
		return Number(row.id);
	}

	/**
	 * Waits until `count` executions of a workflow (above `afterId`) have finished, then `settleMs` more to see that
	 * no more arrive; returns them all.
	 */
	async waitForExecutions(
		workflowId: string,
		count: number,
		{ afterId = 0, timeoutMs = 240_000, settleMs = 3000 } = {},
	) {
		const deadline = Date.now() + timeoutMs;
		let executions = await this.executions(workflowId, afterId);
		while (
			executions.filter((execution) => FINISHED(execution.status)).length < count &&
			Date.now() < deadline
		) {
			await sleep(500);
			executions = await this.executions(workflowId, afterId);
		}
		await sleep(settleMs);
		return await this.executions(workflowId, afterId);
	}

	/** An execution's stored run data, parsed (n8n stores it in the `flatted` format). */
	async executionData(executionId: number): Promise<any> {
		const [row] = await this.sql('select data from execution_data where "executionId" = $1', [
			executionId,
		]);
		if (!row) throw new Error(`no execution data for execution ${executionId}`);
		const flatted = await n8nModule<{ parse: (text: string) => unknown }>('flatted');
		return flatted.parse(String(row.data));
	}

	/** Stops the cluster the way a user does (TERM to the script); kills what is left after 90 s. */
	async stop(): Promise<void> {
		const script = this.script;
		if (!script?.pid) return;
		if (script.exitCode === null && script.signalCode === null) {
			process.kill(script.pid, 'SIGTERM');
			let timer: NodeJS.Timeout | undefined;
			const stopped = await Promise.race([
				this.scriptExited!.then(() => true),
				new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 90_000))),
			]);
			clearTimeout(timer);
			if (!stopped)
				console.error(
					`scripts/start-queue.sh did not stop within 90 s; killing what is left.\n${this.logTail()}`,
				);
		}
		for (const file of fs.existsSync(this.runDir) ? fs.readdirSync(this.runDir) : []) {
			if (!file.endsWith('.pid')) continue;
			const pid = Number(fs.readFileSync(path.join(this.runDir, file), 'utf8'));
			for (const target of [-pid, pid]) {
				try {
					process.kill(target, 'SIGKILL');
				} catch {
					// gone already
				}
			}
		}
		try {
			process.kill(-script.pid, 'SIGKILL');
		} catch {
			// gone already
		}
		this.script = undefined;
	}

	/** Stops the cluster, drops its database, deletes its Redis keys and its folder (kept when a test failed). */
	async dispose(): Promise<void> {
		await this.stop();
		await this.pg?.end().catch(() => undefined);
		this.pg = undefined;
		if (this.database) {
			const { Client } = await n8nModule<{ Client: new (options: object) => PgClient }>('pg');
			const admin = new Client({
				host: '127.0.0.1',
				port: 5432,
				user: 'postgres',
				database: 'postgres',
			});
			await admin.connect();
			try {
				await admin.query(`drop database if exists "${this.database}" with (force)`);
			} finally {
				await admin.end();
			}
			const Redis = await n8nModule<new (options: object) => any>('ioredis');
			const redis = new Redis({
				host: '127.0.0.1',
				port: 6379,
				lazyConnect: true,
				maxRetriesPerRequest: 2,
			});
			try {
				await redis.connect();
				for (const prefix of [`bull-${this.database}`, `n8n-${this.database}`]) {
					let cursor = '0';
					do {
						const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
						if (keys.length) await redis.del(...keys);
						cursor = next;
					} while (cursor !== '0');
				}
			} finally {
				redis.disconnect();
			}
		}
		if (!this.folder) return;
		if (this.failed || process.env.CS_E2E_KEEP === '1') {
			console.log(`queue-mode cluster folder kept for inspection: ${this.folder}`);
			return;
		}
		await fsp.rm(this.folder, { recursive: true, force: true });
	}

	/** The script's output and the last lines of each process's log, without n8n's no-internet noise. */
	logTail(lines = 40): string {
		const parts = [
			`--- ${this.scriptLog} ---\n${this.readFile(this.scriptLog).trimEnd().split('\n').slice(-lines).join('\n')}`,
		];
		for (const name of ['main', 'webhook', 'worker-1', 'worker-2']) {
			const log = filterLogNoise(this.log(name)).trimEnd().split('\n').slice(-lines).join('\n');
			parts.push(`--- ${name} (${path.join(this.runDir, `${name}.log`)}) ---\n${log}`);
		}
		return `${parts.join('\n')}\n--- end of queue-mode logs ---`;
	}

	private readFile(file: string): string {
		try {
			return fs.readFileSync(file, 'utf8');
		} catch {
			return '';
		}
	}
}

/** Execution ids a worker's log says it started and (so far) never finished. */
export function unfinishedExecutions(log: string): number[] {
	const started = new Set(
		[...log.matchAll(/Worker started execution (\d+)/g)].map((match) => Number(match[1])),
	);
	for (const match of log.matchAll(/Worker finished execution (\d+)/g))
		started.delete(Number(match[1]));
	return [...started];
}

/** Execution ids a worker's log says it started. */
export function startedExecutions(log: string): number[] {
	return [...log.matchAll(/Worker started execution (\d+)/g)].map((match) => Number(match[1]));
}
