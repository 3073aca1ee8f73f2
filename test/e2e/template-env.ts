/**
 * A real n8n with the packed package, the bundled templates from workflows/ (imported and published as a user does),
 * the two credentials the templates name (SMTP pointing at a test SMTP server, the webhook secret), and helpers to
 * drive a template through its real trigger and read what a user would see: the emails that arrived, the Data Table
 * rows, the executions.
 *
 *   const env = new TemplateEnv('welcome', { 'cs-01-welcome-onboarding': { delay_unit: 'seconds' } });
 *   beforeAll(() => env.start(), SETUP_TIMEOUT_MS);
 *   afterAll(() => env.dispose(), 60_000);
 *   await env.sendEvent('customer-success/onboarding', { event: 'subscription_created', ... });
 *   const mail = await env.waitForEmails(3);
 *   const rows = await env.rows('cs_enrolments');
 *   await env.runTrigger('cs-09-daily-health-scoring', 'Every day at 08:00');   // a schedule or manual trigger, now
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { N8nServer, packPackage, PROJECT_ROOT } from './n8n-server';
import { decodeHeader, header, mimePart, SmtpSink } from './smtp-sink';
import { postSignedEvent } from './webhook-client';

export const WEBHOOK_SECRET = 'e2e-template-webhook-secret-7b1d93c2a4';
const SMTP_CREDENTIAL_ID = 'csDemoMailSink01';
const WEBHOOK_CREDENTIAL_ID = 'csDemoWebhook001';

export interface Email {
	from: string;
	to: string[];
	subject: string;
	html: string;
	text: string;
}

type SettingOverrides = Record<string, string | number | boolean>;

/** A template from workflows/, with values of its Settings node replaced. */
export function loadTemplate(file: string, settings: SettingOverrides = {}): Record<string, any> {
	const workflow = JSON.parse(
		fs.readFileSync(path.join(PROJECT_ROOT, 'workflows', `${file}.json`), 'utf8'),
	);
	const node = workflow.nodes.find((candidate: { name: string }) => candidate.name === 'Settings');
	for (const [name, value] of Object.entries(settings)) {
		if (!node) throw new Error(`${file} has no Settings node`);
		const assignment = node.parameters.assignments.assignments.find(
			(candidate: { name: string }) => candidate.name === name,
		);
		if (!assignment) throw new Error(`${file}: the Settings node has no "${name}"`);
		assignment.value = value;
	}
	return workflow;
}

/**
 * Makes every Schedule Trigger of a template fire every `seconds` seconds, so a test runs the template through its
 * real trigger without waiting for the day; the rest of the template is unchanged.
 */
export function everySeconds(workflow: Record<string, any>, seconds: number): Record<string, any> {
	const triggers = workflow.nodes.filter(
		(node: { type: string }) => node.type === 'n8n-nodes-base.scheduleTrigger',
	);
	if (triggers.length === 0) throw new Error(`${workflow.name} has no Schedule Trigger`);
	for (const trigger of triggers)
		trigger.parameters = { rule: { interval: [{ field: 'seconds', secondsInterval: seconds }] } };
	return workflow;
}

// A test-only workflow that writes rows into cs_customers (creating the table as the templates do), so a scheduled
// template has customers to work on; and, on a second webhook, rows into cs_health_history (a customer's past days).
const SEED_PATH = 'e2e-seed-customers';
const SEED_HISTORY_PATH = 'e2e-seed-health-history';
function seedWorkflow(): Record<string, unknown> {
	const template = (file: string) =>
		JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'workflows', `${file}.json`), 'utf8'));
	const welcome = template('cs-01-welcome-onboarding');
	const scoring = template('cs-09-daily-health-scoring');
	const pick = (name: string, from = welcome) => ({
		...from.nodes.find((node: { name: string }) => node.name === name),
	});
	// Above the split: n8n (execution order v1) creates the table first; in line, its output (the table) would replace
	// the posted customers.
	const table = { ...pick('Table cs_customers'), position: [200, -200] };
	const columns = { ...pick('Customer fields'), position: [600, 0] };
	const save = { ...pick('Save customer'), position: [800, 0] };
	const historyTable = {
		...pick('Table cs_health_history', scoring),
		id: 's5',
		position: [200, 200],
	};
	// The posted rows as they are (autoMap), one per history_id.
	const saveHistory = {
		...save,
		id: 's6',
		name: 'Save history row',
		position: [600, 400],
		parameters: {
			...save.parameters,
			dataTableId: { ...save.parameters.dataTableId, value: 'cs_health_history' },
			filters: {
				conditions: [
					{ keyName: 'history_id', condition: 'eq', keyValue: '={{ $json.history_id }}' },
				],
			},
		},
	};
	return {
		id: 'csE2eSeedCustmr1',
		name: 'E2E: seed customers',
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 's1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: 'e2e5eed0-0000-4000-8000-000000000001',
				parameters: {
					httpMethod: 'POST',
					path: SEED_PATH,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			table,
			{
				id: 's2',
				name: 'One item per customer',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'body.customers', options: {} },
			},
			columns,
			save,
			{
				id: 's3',
				name: 'Webhook (history)',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 400],
				webhookId: 'e2e5eed0-0000-4000-8000-000000000002',
				parameters: {
					httpMethod: 'POST',
					path: SEED_HISTORY_PATH,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			historyTable,
			{
				id: 's4',
				name: 'One item per history row',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 400],
				parameters: { fieldToSplitOut: 'body.rows', options: {} },
			},
			saveHistory,
		],
		connections: {
			Webhook: {
				main: [
					[
						{ node: table.name, type: 'main', index: 0 },
						{ node: 'One item per customer', type: 'main', index: 0 },
					],
				],
			},
			'One item per customer': { main: [[{ node: columns.name, type: 'main', index: 0 }]] },
			[columns.name]: { main: [[{ node: save.name, type: 'main', index: 0 }]] },
			'Webhook (history)': {
				main: [
					[
						{ node: historyTable.name, type: 'main', index: 0 },
						{ node: 'One item per history row', type: 'main', index: 0 },
					],
				],
			},
			'One item per history row': {
				main: [[{ node: saveHistory.name, type: 'main', index: 0 }]],
			},
		},
	};
}

export class TemplateEnv {
	readonly server: N8nServer;
	readonly smtp = new SmtpSink();
	private readonly ids: Record<string, string> = {};

	constructor(
		label: string,
		/** Template files (without .json) to import and publish, each with the Settings values to change. */
		private readonly templates: Record<string, SettingOverrides>,
		/** Changes a template's JSON before it is imported (e.g. `everySeconds`). */
		private readonly prepare: (
			file: string,
			workflow: Record<string, any>,
		) => Record<string, any> = (_file, workflow) => workflow,
	) {
		this.server = new N8nServer(label);
	}

	/** Writes customers (records of the customer vocabulary, each with customer_id) into cs_customers. */
	async seedCustomers(customers: Array<Record<string, unknown>>): Promise<void> {
		const response = await this.server.postWebhookWhenRegistered(SEED_PATH, { customers });
		if (response.status !== 200)
			throw new Error(
				`seeding customers: ${response.status} ${response.text}\n${this.server.logTail()}`,
			);
	}

	/** Writes rows (each with history_id) into cs_health_history, e.g. a customer's score on earlier days. */
	async seedHealthHistory(rows: Array<Record<string, unknown>>): Promise<void> {
		const response = await this.server.postWebhookWhenRegistered(SEED_HISTORY_PATH, { rows });
		if (response.status !== 200)
			throw new Error(
				`seeding health history: ${response.status} ${response.text}\n${this.server.logTail()}`,
			);
	}

	async start(): Promise<void> {
		const port = await this.smtp.start();
		await this.server.setUp();
		await this.server.installPackage(await packPackage());
		const credentials = path.join(this.server.userFolder, 'template-credentials.json');
		fs.writeFileSync(
			credentials,
			JSON.stringify([
				{
					id: SMTP_CREDENTIAL_ID,
					name: 'CS demo mail sink (SMTP)',
					type: 'smtp',
					data: {
						user: '',
						password: '',
						host: '127.0.0.1',
						port,
						secure: false,
						disableStartTls: true,
					},
				},
				{
					id: WEBHOOK_CREDENTIAL_ID,
					name: 'CS webhook secret',
					type: 'customerSuccessWebhookApi',
					data: { secret: WEBHOOK_SECRET, previousSecret: '', headerName: 'X-CS-Webhook-Token' },
				},
			]),
		);
		await this.server.cli(['import:credentials', `--input=${credentials}`]);
		for (const [file, settings] of Object.entries(this.templates)) {
			const workflow = this.prepare(file, loadTemplate(file, settings));
			// A workflow whose only trigger is the manual one (the demo) cannot be published; it is run on demand.
			const activatable = workflow.nodes.some(
				(node: { type: string }) =>
					/Trigger$/.test(node.type) && node.type !== 'n8n-nodes-base.manualTrigger',
			);
			this.ids[file] = activatable
				? await this.server.addWorkflow(workflow)
				: await this.server.importWorkflow(workflow);
		}
		await this.server.addWorkflow(seedWorkflow());
		await this.server.start();
	}

	async dispose(): Promise<void> {
		await this.server.dispose();
		await this.smtp.stop();
	}

	workflowId(file: string): string {
		const id = this.ids[file];
		if (!id) throw new Error(`${file} was not imported`);
		return id;
	}

	/** Posts a signed event to a trigger path, retrying while n8n has not registered the webhook yet. */
	async sendEvent(
		webhookPath: string,
		event: Record<string, unknown>,
	): Promise<{ status: number; json: any }> {
		const deadline = Date.now() + 60_000;
		for (;;) {
			const response = await postSignedEvent(this.server, webhookPath, event, WEBHOOK_SECRET);
			if (response.status !== 404 || Date.now() > deadline)
				return { status: response.status, json: response.json };
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}

	/** Every email received so far, oldest first. */
	emails(): Email[] {
		return this.smtp.messages.map((message) => ({
			from: message.from,
			to: message.to,
			subject: decodeHeader(header(message.raw, 'Subject') ?? ''),
			html: mimePart(message.raw, 'text/html') ?? '',
			text: mimePart(message.raw, 'text/plain') ?? '',
		}));
	}

	async waitForEmails(count: number, timeoutMs = 60_000): Promise<Email[]> {
		await this.smtp.waitForMessages(count, timeoutMs);
		return this.emails();
	}

	/** Waits until `predicate` holds for the emails, e.g. a subject arrived. */
	async waitForEmail(predicate: (email: Email) => boolean, timeoutMs = 60_000): Promise<Email> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = this.emails().find(predicate);
			if (found) return found;
			if (Date.now() > deadline) {
				throw new Error(
					`no such email after ${timeoutMs} ms; received: ${JSON.stringify(this.emails().map((e) => [e.to, e.subject]))}`,
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** The rows of a Data Table (by name), oldest first, read from n8n's database. */
	async rows(table: string): Promise<Array<Record<string, any>>> {
		const [meta] = await this.server.sql('select id from data_table where name = ?', [table]);
		if (!meta) return [];
		return await this.server.sql(`select * from "data_table_user_${String(meta.id)}" order by id`);
	}

	/** Runs a template from one of its triggers now (n8n's REST API, as Execute workflow does); returns its status. */
	async runTrigger(
		file: string,
		triggerName: string,
	): Promise<{ executionId: string; status: string }> {
		const executionId = await this.server.runFromTrigger(this.workflowId(file), triggerName);
		return { executionId, status: await this.server.waitForExecution(executionId) };
	}

	async executions(file: string) {
		return await this.server.executions(this.workflowId(file));
	}
}
