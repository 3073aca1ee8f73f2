/**
 * Every bundled template in one real n8n 2.x, imported and published as a user does: n8n knows every node type and
 * version they use, and the demo (CS 00 · Try it) works as a newcomer sees it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { DEMO_CUSTOMERS } from '../../workflows/build/templates/tryIt';
import { PROJECT_ROOT, SETUP_TIMEOUT_MS, testWithServerLog } from './n8n-server';
import { TemplateEnv } from './template-env';

const TEMPLATES = fs
	.readdirSync(path.join(PROJECT_ROOT, 'workflows'))
	.filter((file) => file.endsWith('.json'))
	.map((file) => file.replace(/\.json$/, ''));

const env = new TemplateEnv(
	'templates-catalog',
	Object.fromEntries(TEMPLATES.map((file) => [file, {}])),
);
const test = testWithServerLog(env.server);

beforeAll(() => env.start(), SETUP_TIMEOUT_MS);
afterAll(() => env.dispose(), 60_000);

test('n8n has every node type and version the templates use', async () => {
	const loaded = await env.server.loadedNodeTypes();
	// nodes.json lists a node type once per group of versions.
	const versions = new Map<string, number[]>();
	for (const type of loaded)
		versions.set(type.name, [...(versions.get(type.name) ?? []), ...[type.version].flat()]);
	for (const file of TEMPLATES) {
		const workflow = JSON.parse(
			fs.readFileSync(path.join(PROJECT_ROOT, 'workflows', `${file}.json`), 'utf8'),
		);
		for (const node of workflow.nodes as Array<{
			name: string;
			type: string;
			typeVersion: number;
		}>) {
			expect({
				file,
				node: node.name,
				type: node.type,
				known: versions.get(node.type)?.includes(node.typeVersion) ?? false,
			}).toEqual({
				file,
				node: node.name,
				type: node.type,
				known: true,
			});
		}
	}
});

test('every template with a trigger is published (active) after import', async () => {
	const rows = await env.server.sql('select id, active from workflow_entity');
	const active = new Map(rows.map((row) => [String(row.id), Boolean(row.active)]));
	for (const file of TEMPLATES.filter((name) => name !== 'cs-00-try-it'))
		expect([file, active.get(env.workflowId(file))]).toEqual([file, true]);
});

describe('CS 00 · Try it', () => {
	let status: string;
	let executionId: string;
	beforeAll(async () => {
		({ status, executionId } = await env.runTrigger(
			'cs-00-try-it',
			'When clicking ‘Execute workflow’',
		));
	}, 180_000);

	test('runs to the end', async () => {
		const { resultData } = await env.server.executionData(executionId);
		expect({
			status,
			error: resultData.error?.message,
			node: resultData.error?.node?.name,
		}).toEqual({ status: 'success', error: undefined, node: undefined });
	});

	test(`loads the ${DEMO_CUSTOMERS} sample customers into cs_customers`, async () => {
		const rows = await env.rows('cs_customers');
		expect(rows).toHaveLength(DEMO_CUSTOMERS);
		expect(rows[0]).toMatchObject({ customer_id: 'cust-0001', subscription_status: 'active' });
	});

	test('scores every customer and sends the first email of each save playbook to the mail sink', async () => {
		const [execution] = (await env.executions('cs-00-try-it')).slice(-1);
		const { resultData } = await env.server.executionData(execution.id);
		const items = (node: string, output = 0) =>
			resultData.runData[node][0].data.main[output] as Array<{ json: Record<string, any> }>;
		const scored = items('Lifecycle Stage');
		expect(scored).toHaveLength(DEMO_CUSTOMERS);
		for (const { json } of scored) {
			expect(json.health.score).toBeGreaterThanOrEqual(0);
			expect(json.health.score).toBeLessThanOrEqual(100);
			expect(['none', 'monitor', 'urgent', 'immediate']).toContain(json.churn.tier);
			expect(typeof json.lifecycle.stage).toBe('string');
		}
		const withPlaybookEmail = new Set(
			items('One per customer').map(({ json }) => json.email as string),
		);
		expect(withPlaybookEmail.size).toBeGreaterThan(0);
		const mail = await env.waitForEmails(withPlaybookEmail.size);
		expect(new Set(mail.flatMap((email) => email.to))).toEqual(withPlaybookEmail);
		for (const email of mail) expect(email.subject).not.toBe('');
	});
});
