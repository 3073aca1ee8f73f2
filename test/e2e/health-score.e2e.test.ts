/**
 * End to end: this package, installed into a real n8n 2.x exactly as the Community Nodes installer
 * installs it, scores customers posted to a published webhook workflow
 * (Webhook -> Split Out -> Customer Health Score with default parameters).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { MIXED_METRICS, PERFECT_METRICS } from './customers';
import { N8nServer, packPackage, SETUP_TIMEOUT_MS, testWithServerLog } from './n8n-server';

const PACKAGE = 'n8n-nodes-customer-success';
const NODE_TYPE = `${PACKAGE}.customerHealthScore`;
const WEBHOOK_PATH = 'cs-health';

const perfect = { customer_id: 'cust-perfect', ...PERFECT_METRICS };
const mixed = { customer_id: 'cust-mixed', ...MIXED_METRICS };

interface HealthComponent {
	name: string;
	score: number;
}
interface ScoredItem {
	customer_id: string;
	health: {
		model: unknown;
		score: number;
		grade: string;
		category: string;
		coverage: number;
		components: HealthComponent[];
	};
}

const server = new N8nServer('health-score');
const test = testWithServerLog(server);

beforeAll(async () => {
	await server.setUp();
	await server.installPackage(await packPackage());
	await server.addWorkflow(path.join('workflows', 'health-score-webhook.json'));
	await server.start();
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await server.dispose();
}, 60_000);

describe('installed like n8n’s Community Nodes installer', () => {
	const packageDir = () => path.join(server.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE);

	test('the package lives in .n8n/nodes/node_modules without dev, peer or optional dependencies', async () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(packageDir(), 'package.json'), 'utf8'));
		expect(pkg.name).toBe(PACKAGE);
		expect(pkg).not.toHaveProperty('devDependencies');
		expect(pkg).not.toHaveProperty('peerDependencies');
		expect(pkg).not.toHaveProperty('optionalDependencies');
		expect(pkg.dependencies ?? {}).toEqual({});

		const ledger = JSON.parse(
			fs.readFileSync(path.join(server.userFolder, '.n8n', 'nodes', 'package.json'), 'utf8'),
		);
		expect(ledger).toEqual({
			name: 'installed-nodes',
			private: true,
			dependencies: { [PACKAGE]: pkg.version },
		});
	});

	test('luxon, zod and n8n-workflow are not installed with the package (they come from n8n)', async () => {
		for (const dependency of ['luxon', 'zod', 'n8n-workflow']) {
			expect(fs.existsSync(path.join(packageDir(), 'node_modules', dependency))).toBe(false);
			expect(
				fs.existsSync(path.join(server.userFolder, '.n8n', 'nodes', 'node_modules', dependency)),
			).toBe(false);
		}
	});

	test(`the running server loaded ${NODE_TYPE}`, async () => {
		const types = await server.loadedNodeTypes();
		const node = types.find((t) => t.name === NODE_TYPE);
		expect(node).toBeDefined();
		expect(node!.displayName).toBe('Customer Health Score');
		expect([node!.version].flat()).toContain(1);
		expect(server.readLog()).not.toMatch(/Failed to load package|Unrecognized node type/);
	});
});

describe('Webhook -> Split Out -> Customer Health Score (default model)', () => {
	let items: ScoredItem[];

	beforeAll(async () => {
		const response = await server.postWebhookWhenRegistered(WEBHOOK_PATH, {
			customers: [perfect, mixed],
		});
		if (response.status !== 200) {
			throw new Error(`webhook answered ${response.status}: ${response.text}\n${server.logTail()}`);
		}
		items = response.json as ScoredItem[];
	}, 120_000);

	test('answers one scored item per customer, keeping the input fields', async () => {
		expect(Array.isArray(items)).toBe(true);
		expect(items.map((item) => item.customer_id)).toEqual(['cust-perfect', 'cust-mixed']);
		expect(items[0]).toMatchObject(perfect);
		expect(items[1]).toMatchObject(mixed);
	});

	test('a customer at every ideal scores 100, grade A, healthy, full coverage', async () => {
		expect(items[0].health).toMatchObject({
			score: 100,
			grade: 'A',
			category: 'healthy',
			coverage: 1,
		});
		for (const component of items[0].health.components) expect(component.score).toBe(100);
	});

	test('a mixed customer scores 58, grade C, critical, with the expected component scores', async () => {
		const { health } = items[1];
		expect(health).toMatchObject({ score: 58, grade: 'C', category: 'critical', coverage: 1 });
		const byName = Object.fromEntries(health.components.map((c) => [c.name, c.score]));
		expect(byName).toEqual({
			'Product Usage': 50,
			Engagement: 50,
			Support: 80,
			Relationship: 55,
			Financial: 70,
		});
	});
});
