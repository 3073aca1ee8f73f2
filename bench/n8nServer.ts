/**
 * The benchmarks that need a real n8n (2.x, as installed by scripts/install-n8n.sh, with the packed package installed
 * as a community package): the Health Score node's scoring cost against a Code node with the seed's formula pasted
 * in, memory on 100,000 customers in one execution, and the webhook path under load.
 */
import { execFileSync, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { N8nServer, packPackage } from '../test/e2e/n8n-server';
import { median, record } from './measure';

const PACKAGE = 'n8n-nodes-customer-success';
export const SECRET = 'bench-webhook-secret-0123456789abcdef';

// Customers generated inside n8n by a Code node, as a user would test a flow: the fifteen metrics of the default
// model and a few other fields, from a seeded generator so every variant scores the same customers.
const GENERATE = `const count = $input.first().json.body.count;
let state = 2026;
const random = () => { state = (state + 0x6d2b79f5) >>> 0; let t = state; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const items = [];
for (let i = 0; i < count; i++) {
	const health = [1, 0.7, 0.45, 0.2][Math.floor(random() * 4)];
	items.push({ json: {
		customer_id: 'cust-' + i, email: 'c' + i + '@example.com', first_name: 'Ana', company: 'Company ' + i, plan: 'growth', mrr: 199,
		dau_mau_ratio: 0.5 * health, feature_adoption: 0.8 * health, conversations_per_week: Math.round(120 * health),
		days_since_last_login: Math.round(30 * (1 - health)), logins_per_week: 6 * health, features_used_this_month: Math.round(11 * health),
		open_tickets: Math.round(5 * (1 - health)), avg_csat: 5 * health, escalations: Math.round(2 * (1 - health)), nps_score: Math.round(10 * health),
		meetings_attended: Math.round(2 * health), responses_to_outreach: Math.round(health), payment_health: health, growth_potential: random(), contract_length: 12,
		previous_health_score: Math.round(100 * random()),
	} });
}
return items;`;

// docs/sources.md#health-score-formula HealthScoreCalculator.calculate, pasted into a Code node as the seed writes it.
const SEED_FORMULA = `const config = { components: [
	{ name: 'Product Usage', weight: 0.30, metrics: [{ name: 'dau_mau_ratio', ideal: 0.5, weight: 0.4 }, { name: 'feature_adoption', ideal: 0.7, weight: 0.3 }, { name: 'conversations_per_week', ideal: 100, weight: 0.3 }] },
	{ name: 'Engagement', weight: 0.25, metrics: [{ name: 'days_since_last_login', ideal: 1, inverse: true, weight: 0.4 }, { name: 'logins_per_week', ideal: 5, weight: 0.3 }, { name: 'features_used_this_month', ideal: 10, weight: 0.3 }] },
	{ name: 'Support', weight: 0.15, metrics: [{ name: 'open_tickets', ideal: 0, inverse: true, weight: 0.4 }, { name: 'avg_csat', ideal: 5, weight: 0.4 }, { name: 'escalations', ideal: 0, inverse: true, weight: 0.2 }] },
	{ name: 'Relationship', weight: 0.15, metrics: [{ name: 'nps_score', ideal: 10, weight: 0.5 }, { name: 'meetings_attended', ideal: 1, weight: 0.3 }, { name: 'responses_to_outreach', ideal: 1, weight: 0.2 }] },
	{ name: 'Financial', weight: 0.15, metrics: [{ name: 'payment_health', ideal: 1, weight: 0.4 }, { name: 'growth_potential', ideal: 1, weight: 0.3 }, { name: 'contract_length', ideal: 12, weight: 0.3 }] },
], thresholds: { A: 80, B: 60, C: 40, D: 20 } };
return $input.all().map((item) => {
	const metrics = item.json;
	const components = [];
	let total = 0;
	for (const component of config.components) {
		let componentScore = 0;
		for (const metric of component.metrics) {
			const value = metrics[metric.name] || 0;
			const normalized = metric.inverse ? Math.max(0, 100 - (value / metric.ideal) * 100) : Math.min(100, (value / metric.ideal) * 100);
			componentScore += normalized * metric.weight;
		}
		componentScore = Math.round(componentScore);
		components.push({ name: component.name, weight: component.weight, score: componentScore });
		total += componentScore * component.weight;
	}
	const score = Math.round(total);
	const grade = score >= 80 ? 'A' : score >= 60 ? 'B' : score >= 40 ? 'C' : score >= 20 ? 'D' : 'F';
	return { json: { ...metrics, health: { score, grade, components } } };
});`;

const COUNT = 'return [{ json: { count: $input.all().length } }];';

type WorkflowNode = Record<string, unknown>;

function webhookWorkflow(
	id: string,
	webhookPath: string,
	middle: WorkflowNode[],
): Record<string, unknown> {
	const nodes: WorkflowNode[] = [
		{
			id: `${id}-w`,
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', options: {} },
		},
		{
			id: `${id}-g`,
			name: 'Generate',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: GENERATE },
		},
		...middle.map((node, index) => ({ position: [400 + index * 200, 0], ...node })),
		{
			id: `${id}-c`,
			name: 'Count',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [400 + middle.length * 200, 0],
			parameters: { jsCode: COUNT },
		},
	];
	const connections: Record<string, unknown> = {};
	nodes.slice(0, -1).forEach((node, index) => {
		connections[node.name as string] = {
			main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]],
		};
	});
	return {
		id,
		name: `bench ${webhookPath}`,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

const health = (id: string, detail: 'full' | 'summary'): WorkflowNode => ({
	id,
	name: 'Customer Health Score',
	type: `${PACKAGE}.customerHealthScore`,
	typeVersion: 1,
	parameters: {
		options: {
			referenceTime: '2026-12-01T12:00:00Z',
			timezone: 'UTC',
			...(detail === 'summary' ? { outputDetail: 'summary' } : {}),
		},
	},
});

export const VARIANTS = [
	{ path: 'bench-none', workflow: webhookWorkflow('benchNone0000001', 'bench-none', []) },
	{
		path: 'bench-code',
		workflow: webhookWorkflow('benchCode0000001', 'bench-code', [
			{
				id: 'f',
				name: 'Seed formula',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: SEED_FORMULA },
			},
		]),
	},
	{
		path: 'bench-node',
		workflow: webhookWorkflow('benchNode0000001', 'bench-node', [health('h', 'full')]),
	},
	{
		path: 'bench-node-summary',
		workflow: webhookWorkflow('benchNodeSumm001', 'bench-node-summary', [health('h', 'summary')]),
	},
];

export const TRIGGER_WORKFLOW = {
	id: 'benchTrigger0001',
	name: 'bench trigger -> churn -> playbook',
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 't',
			name: 'Customer Success Trigger',
			type: `${PACKAGE}.customerSuccessTrigger`,
			typeVersion: 1,
			position: [0, 0],
			webhookId: randomUUID(),
			credentials: { customerSuccessWebhookApi: { id: 'benchWebhookCred', name: 'bench secret' } },
			parameters: { path: 'bench-events', events: ['*'], settings: {} },
		},
		{
			id: 'c',
			name: 'Churn Signals',
			type: `${PACKAGE}.customerChurnSignals`,
			typeVersion: 1,
			position: [200, 0],
			parameters: {},
		},
		{
			id: 'p',
			name: 'CS Playbook',
			type: `${PACKAGE}.customerPlaybook`,
			typeVersion: 1,
			position: [400, 0],
			parameters: { outputMode: 'allSteps', options: {} },
		},
	],
	connections: {
		'Customer Success Trigger': { main: [[{ node: 'Churn Signals', type: 'main', index: 0 }]] },
		'Churn Signals': { main: [[{ node: 'CS Playbook', type: 'main', index: 0 }]] },
	},
};

export const BARE_WORKFLOW = {
	id: 'benchBareHook001',
	name: 'bench webhook -> no-op',
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'w',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: { httpMethod: 'POST', path: 'bench-bare', options: {} },
		},
		{
			id: 'n',
			name: 'No Operation',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [200, 0],
			parameters: {},
		},
	],
	connections: { Webhook: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
};

/**
 * The same bare path started by the least a trigger outside n8n's own package can be (bench/floor, loaded as a custom
 * extension): what n8n itself charges any community trigger per request.
 */
export const FLOOR_WORKFLOW = {
	id: 'benchFloorHook01',
	name: 'bench floor trigger -> no-op',
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'f',
			name: 'Bench Floor Trigger',
			type: 'CUSTOM.benchFloorTrigger',
			typeVersion: 1.1,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: { path: 'bench-floor' },
		},
		{
			id: 'n',
			name: 'No Operation',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [200, 0],
			parameters: {},
		},
	],
	connections: {
		'Bench Floor Trigger': { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] },
	},
};

/** n8n's settings for the benchmark server: large request bodies, and the floor trigger of bench/floor. */
export function benchServerEnv(engine?: string): Record<string, string> {
	return {
		N8N_PAYLOAD_SIZE_MAX: '64',
		N8N_CUSTOM_EXTENSIONS: path.join(__dirname, 'floor'),
		...(engine ? { N8N_EXPRESSION_ENGINE: engine } : {}),
	};
}

/** Resident memory (VmRSS) of a process and its children now, in MiB. */
function rssMiB(pid: number): number {
	return [pid, ...childPids(pid)].reduce((sum, id) => {
		try {
			const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${id}/status`, 'utf8'));
			return sum + (rss ? Number(rss[1]) / 1024 : 0);
		} catch {
			return sum;
		}
	}, 0);
}

/** Runs `work` while sampling the resident memory of n8n (and its task runner) every 20 ms; returns the peak. */
async function peakDuring<T>(
	pid: number,
	work: () => Promise<T>,
): Promise<{ peak: number; before: number; result: T }> {
	const before = rssMiB(pid);
	let peak = before;
	const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 20);
	try {
		const result = await work();
		peak = Math.max(peak, rssMiB(pid));
		return { peak, before, result };
	} finally {
		clearInterval(timer);
	}
}

function childPids(pid: number): number[] {
	try {
		return fs
			.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
			.trim()
			.split(/\s+/)
			.filter(Boolean)
			.map(Number)
			.flatMap((child) => [child, ...childPids(child)]);
	} catch {
		return [];
	}
}

const SCORING_NODE: Record<string, string> = {
	'bench-code': 'Seed formula',
	'bench-node': 'Customer Health Score',
	'bench-node-summary': 'Customer Health Score',
};

async function lastNodeTime(server: N8nServer, workflowId: string, node: string): Promise<number> {
	const executions = await server.waitForExecutions(workflowId, 1, { settleMs: 0 });
	const last = executions.at(-1);
	if (!last) throw new Error(`no execution of ${workflowId}`);
	await server.waitForExecution(last.id);
	const { resultData } = await server.executionData(last.id);
	const time = resultData.runData[node]?.[0]?.executionTime;
	if (typeof time !== 'number') throw new Error(`no run of "${node}" in execution ${last.id}`);
	return time;
}

async function post(
	server: N8nServer,
	webhookPath: string,
	body: unknown,
	timeoutMs = 120_000,
): Promise<number> {
	const start = process.hrtime.bigint();
	const response = await server.postWebhookWhenRegistered(webhookPath, body, timeoutMs);
	if (response.status !== 200)
		throw new Error(`${webhookPath}: ${response.status} ${response.text.slice(0, 500)}`);
	return Number(process.hrtime.bigint() - start) / 1e6;
}

export interface N8nBenchOptions {
	customers: number;
	memoryCustomers: number;
	runs: number;
	requests: number;
	connections: number;
}

export async function benchN8n(options: N8nBenchOptions): Promise<void> {
	// The pinned n8n, as the end-to-end tests install it (a no-op once installed).
	execFileSync('bash', [path.join(__dirname, '..', 'scripts', 'install-n8n.sh')], {
		stdio: 'inherit',
	});
	const server = new N8nServer('bench');
	await server.setUp();
	try {
		await server.installPackage(await packPackage());
		const credentials = path.join(server.userFolder, 'bench-credentials.json');
		fs.writeFileSync(
			credentials,
			JSON.stringify([
				{
					id: 'benchWebhookCred',
					name: 'bench secret',
					type: 'customerSuccessWebhookApi',
					data: { secret: SECRET },
				},
			]),
		);
		await server.cli(['import:credentials', `--input=${credentials}`]);
		for (const variant of VARIANTS) await server.addWorkflow(variant.workflow);
		await server.addWorkflow(TRIGGER_WORKFLOW);
		await server.addWorkflow(BARE_WORKFLOW);
		await server.addWorkflow(FLOOR_WORKFLOW);
		await server.start({ env: benchServerEnv() });
		const pid = serverPid(server);

		// Scoring cost: every variant against the same workflow without scoring, interleaved so load changes hit all.
		const times = new Map<string, number[]>(VARIANTS.map((variant) => [variant.path, []]));
		// The scoring node's own time, as n8n records it in the execution (executionTime of its run).
		const nodeTimes = new Map<string, number[]>(VARIANTS.map((variant) => [variant.path, []]));
		for (const variant of VARIANTS) await post(server, variant.path, { count: options.customers }); // warm-up
		for (let run = 0; run < options.runs; run++) {
			for (const variant of VARIANTS) {
				times
					.get(variant.path)!
					.push(await post(server, variant.path, { count: options.customers }));
				const scoring = SCORING_NODE[variant.path];
				if (scoring)
					nodeTimes
						.get(variant.path)!
						.push(await lastNodeTime(server, String(variant.workflow.id), scoring));
			}
		}
		const ms = (name: string) => median(times.get(name)!);
		const none = ms('bench-none');
		const codeCost = ms('bench-code') - none;
		const codeNode = median(nodeTimes.get('bench-code')!);
		for (const [name, label] of [
			['bench-node', 'full breakdown'],
			['bench-node-summary', 'summary output'],
		] as const) {
			const own = median(nodeTimes.get(name)!);
			record({
				group: 'real n8n',
				name: `Health Score node's own execution time, ${options.customers.toLocaleString('en-US')} customers (${label})`,
				value: own,
				unit: 'ms',
				note: `the Code node with the seed's formula: ${Math.round(codeNode)} ms; ratio ${(own / codeNode).toFixed(2)}; goal ≤ 0.10`,
				met: own / codeNode <= 0.1,
			});
		}
		for (const [name, label] of [
			['bench-node', 'full breakdown'],
			['bench-node-summary', 'summary output'],
		] as const) {
			const cost = ms(name) - none;
			record({
				group: 'real n8n',
				name: `Health Score scoring cost, ${options.customers.toLocaleString('en-US')} customers (${label})`,
				value: cost,
				unit: 'ms',
				note: `end to end minus the workflow without scoring (${Math.round(none)} ms); the Code node with the seed's formula: ${Math.round(codeCost)} ms; ratio ${(cost / codeCost).toFixed(2)}; goal ≤ 0.10`,
				met: cost / codeCost <= 0.1,
			});
		}

		// Memory: 100,000 customers through the node in one execution, default settings otherwise. The answer comes
		// after n8n has saved the execution (hundreds of MB of data with the full breakdown), which can take minutes.
		for (const [name, label] of [
			['bench-node', 'full breakdown'],
			['bench-node-summary', 'summary output'],
		] as const) {
			const {
				peak,
				before,
				result: elapsed,
			} = await peakDuring(pid, () =>
				post(server, name, { count: options.memoryCustomers }, 900_000),
			);
			record({
				group: 'real n8n',
				name: `peak memory, ${options.memoryCustomers.toLocaleString('en-US')} customers in one execution (${label})`,
				value: peak,
				unit: 'MiB',
				note: `n8n and its task runner (resident, sampled every 20 ms); ${Math.round(before)} MiB before; the run took ${Math.round(elapsed)} ms`,
			});
		}

		// The webhook path under load, from a second process: trigger -> Churn Signals -> CS Playbook vs Webhook -> No-op,
		// with n8n's default expression engine (isolates) and with its in-process one; and the floor trigger, because n8n
		// 2 gives its own Webhook node a cheaper path than any other trigger (see bench/floor).
		for (const engine of ['vm (default)', 'legacy'] as const) {
			if (engine === 'legacy') {
				await server.stop();
				await server.start({ env: benchServerEnv('legacy') });
				await server.postWebhookWhenRegistered('bench-bare', {}, 120_000);
			}
			const bare = await load(server, 'bench-bare', options, false);
			const floor = await load(server, 'bench-floor', options, false);
			const trigger = await load(server, 'bench-events', options, true);
			for (const [label, result] of [
				['Webhook -> No Operation', bare],
				['floor trigger (a community trigger that does nothing) -> No Operation', floor],
				['Customer Success Trigger -> Churn Signals -> CS Playbook', trigger],
			] as const) {
				record({
					group: 'real n8n',
					name: `webhook throughput, expression engine ${engine}: ${label}`,
					value: result.rps,
					unit: 'requests/s',
					note: `p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.requests} requests at ${options.connections} connections, ${result.non2xx} non-2xx`,
				});
			}
			record({
				group: 'real n8n',
				name: `webhook throughput of the trigger path against the bare webhook, expression engine ${engine}`,
				value: trigger.rps / bare.rps,
				unit: 'x',
				note: `goal ≥ 0.8; the floor trigger against the bare webhook: ${(floor.rps / bare.rps).toFixed(2)}, the trigger path against the floor trigger: ${(trigger.rps / floor.rps).toFixed(2)}`,
				met: trigger.rps / bare.rps >= 0.8,
			});
		}
	} finally {
		await server.dispose();
	}
}

function serverPid(server: N8nServer): number {
	const child = (server as unknown as { child?: { pid?: number } }).child;
	if (!child?.pid) throw new Error('n8n is not running');
	return child.pid;
}

interface LoadResult {
	rps: number;
	p50: number;
	p99: number;
	requests: number;
	non2xx: number;
}

/** Runs bench/load.js in a second process (autocannon), signed and with a new event id per request where asked. */
export function load(
	server: N8nServer,
	webhookPath: string,
	options: N8nBenchOptions,
	signed: boolean,
): Promise<LoadResult> {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'load.js'), [], {
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		child.once('message', (message) => resolve(message as LoadResult));
		child.once('error', reject);
		child.once('exit', (code) =>
			code ? reject(new Error(`bench/load.js exited with ${code}`)) : undefined,
		);
		child.send({
			url: `${server.baseUrl}/webhook/${webhookPath}`,
			requests: options.requests,
			connections: options.connections,
			secret: signed ? SECRET : undefined,
		});
	});
}
