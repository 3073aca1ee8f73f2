/**
 * End to end, issue 3: the decision half of the package in a real n8n 2.x, installed as a community package.
 * Webhook -> Split Out -> Customer Health Score -> Churn Signals -> Expansion Signals -> Lifecycle Stage
 * -> CS Playbook (all steps in one item), every node with a fixed reference time so the answer is exact.
 */
import * as path from 'node:path';

import { CANCELLING_CUSTOMER } from './customers';
import { N8nServer, packPackage, SETUP_TIMEOUT_MS, testWithServerLog } from './n8n-server';

const customer = CANCELLING_CUSTOMER;

type Json = Record<string, any>;

const server = new N8nServer('decision-chain');
const test = testWithServerLog(server);
let item: Json;

beforeAll(async () => {
	await server.setUp();
	await server.installPackage(await packPackage());
	await server.addWorkflow(path.join('workflows', 'decision-chain-webhook.json'));
	await server.start();
	const response = await server.postWebhookWhenRegistered('cs-decide', { customers: [customer] });
	if (response.status !== 200)
		throw new Error(`webhook answered ${response.status}: ${response.text}\n${server.logTail()}`);
	const items = response.json as Json[];
	expect(items).toHaveLength(1);
	item = items[0];
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await server.dispose();
}, 60_000);

describe('the four decision nodes, loaded from the installed package', () => {
	test('are all registered in the running server', async () => {
		const names = (await server.loadedNodeTypes()).map((type) => type.name);
		for (const node of [
			'customerChurnSignals',
			'customerExpansionSignals',
			'customerLifecycleStage',
			'customerPlaybook',
		]) {
			expect(names).toContain(`n8n-nodes-customer-success.${node}`);
		}
	});
});

describe('one customer through Health -> Churn -> Expansion -> Lifecycle -> Playbook', () => {
	test('health: 58, critical (docs/sources.md#health-scoring)', async () => {
		expect(item.health).toMatchObject({ score: 58, grade: 'C', category: 'critical' });
	});

	test('churn: login 7 and 14 days, NPS detractor, cancellation request -> immediate, at risk, save playbook', async () => {
		expect(item.churn.signals.map((s: Json) => [s.type, s.severity]).sort()).toEqual(
			[
				['cancellation_request', 'high'],
				['no_login_14_days', 'high'],
				['no_login_7_days', 'medium'],
				['nps_detractor', 'high'],
			].sort(),
		);
		expect(item.churn.tier).toBe('immediate');
		expect(item.churn.atRisk).toBe(true);
		expect(item.churn.playbook).toBe('save.cancellation_request');
	});

	test('expansion: approaching limit (0.9) + team growth (0.7) of 4.6 -> 0.35; upsell to pro 500, 3 seats 300', async () => {
		expect(item.expansion.probability).toBe(0.35);
		expect(item.expansion.signals.map((s: Json) => s.type).sort()).toEqual([
			'approaching_limit',
			'team_growth',
		]);
		const opportunities = item.expansion.opportunities.map((o: Json) => [
			o.type,
			o.product,
			o.estimatedValue,
		]);
		expect(opportunities).toEqual([
			['upsell', 'pro', 500],
			['add_seats', 'Additional seats', 300],
		]);
	});

	test('lifecycle: growing -> at_risk (no login for more than 14 days, docs/sources.md#lifecycle-transitions)', async () => {
		expect(item.lifecycle).toMatchObject({
			stage: 'at_risk',
			previousStage: 'growing',
			changed: true,
		});
		expect(item.lifecycle.workflows).toEqual(['at_risk_intervention', 'executive_escalation']);
	});

	test('playbook: the four steps of save.cancellation_request, the call due 2 hours after the start', async () => {
		const playbook = item.playbook;
		expect(playbook.id).toBe('save.cancellation_request');
		expect(playbook.owner).toBe('csm');
		expect(playbook.escalationPath).toEqual(['csm', 'cs_manager', 'executive']);
		expect(playbook.steps.map((s: Json) => [s.order, s.action, s.channel])).toEqual([
			[1, 'Immediate call to customer', 'call'],
			[2, 'Understand reasons and document', 'call'],
			[3, 'Present save offer if appropriate', 'call'],
			[4, 'Escalate to CS Manager if needed', 'meeting'],
		]);
		expect(Date.parse(playbook.steps[0].dueAt)).toBe(Date.parse('2026-11-23T14:00:00Z'));
		expect(Date.parse(playbook.steps[1].dueAt)).toBe(Date.parse('2026-11-23T14:00:00Z'));
		expect(playbook.steps[2].condition).toBe('If customer is open to discussion');
	});
});
