/**
 * CS 01 · Welcome and onboarding in a real n8n, driven through its Customer Success Trigger with second-long days:
 * the emails each customer gets, in order, the first-value and stalled branches, the tasks for the CSM, the
 * enrolment rows, and the onboarding_stalled event.
 */
import { SETUP_TIMEOUT_MS, testWithServerLog } from './n8n-server';
import { TemplateEnv, type Email } from './template-env';

const FILE = 'cs-01-welcome-onboarding';
// Seconds instead of days: checklist at 3, first-value check at 8, tips at 10, review at 12; stalled after 6 without progress.
const DAYS = {
	checklist_day: 3,
	first_value_day: 8,
	tips_day: 10,
	review_day: 12,
	stalled_after_days: 6,
};
const env = new TemplateEnv('templates-welcome', { [FILE]: { delay_unit: 'seconds', ...DAYS } });
const test = testWithServerLog(env.server);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ana = {
	customer_id: 'cust-ana',
	email: 'ana@example.com',
	first_name: 'Ana',
	company: 'Norte Dental',
	plan: 'growth',
	mrr: 490,
	timezone: 'Europe/Madrid',
};
const bo = {
	customer_id: 'cust-bo',
	email: 'bo@example.com',
	first_name: 'Bo',
	company: 'Atlas Labs',
	locale: 'es',
	timezone: 'America/Mexico_City',
};
const cy = {
	customer_id: 'cust-cy',
	email: 'cy@example.com',
	first_name: 'Cy',
	company: 'Brisa Foods',
};
let startedAt: number;

const to = (address: string) => (email: Email) => email.to.includes(address);
const subjects = (address: string) =>
	env
		.emails()
		.filter(to(address))
		.map((email) => email.subject);

beforeAll(async () => {
	await env.start();
	startedAt = Date.now();
	expect(
		(
			await env.sendEvent('customer-success/onboarding', {
				event: 'subscription_created',
				eventId: 'sub-ana',
				customer: ana,
			})
		).status,
	).toBe(202);
	expect(
		(
			await env.sendEvent('customer-success/onboarding', {
				event: 'subscription_created',
				eventId: 'sub-bo',
				customer: bo,
			})
		).status,
	).toBe(202);
	// Bo reaches the key action (the first-value goal) after the checklist and before the day-3 check.
	await env.waitForEmail(
		(email) => to('bo@example.com')(email) && email.subject.includes('checklist'),
		30_000,
	);
	expect(
		(
			await env.sendEvent('customer-success/onboarding', {
				event: 'onboarding_step_completed',
				eventId: 'step-bo-1',
				customer: { customer_id: 'cust-bo' },
				data: { steps_completed: 1, key_action: true },
			})
		).status,
	).toBe(202);
	// The product says Cy's onboarding stalled.
	expect(
		(
			await env.sendEvent('customer-success/onboarding', {
				event: 'onboarding_stalled',
				eventId: 'stall-cy',
				customer: cy,
			})
		).status,
	).toBe(202);
	await env.waitForEmail(
		(email) => to('ana@example.com')(email) && email.subject.includes('30-day review'),
		90_000,
	);
	await env.waitForEmail(
		(email) => to('bo@example.com')(email) && email.subject.includes('revisión de los 30 días'),
		30_000,
	);
	await sleep(2000);
}, SETUP_TIMEOUT_MS);

afterAll(() => env.dispose(), 60_000);

test('Ana, with no progress, gets the whole sequence with the first-value nudge and the stalled help, in order', async () => {
	expect(subjects('ana@example.com')).toEqual([
		'Welcome to Acme, Ana!',
		'Ana, your Acme onboarding checklist',
		"Ana, let's get you to your first result with Acme",
		'Ana, can I help you finish setting up Acme?',
		'Ana, a few tips to get more out of Acme',
		"Ana, let's schedule your 30-day review",
	]);
	const welcome = env.emails().find(to('ana@example.com'))!;
	expect(welcome.from).toBe('success@acme.example');
	expect(welcome.html).toContain('Your CSM');
	expect(welcome.text).toContain('Your Customer Success Manager is Your CSM');
});

test('Bo reached the key action in time: no nudge, no stalled help, and everything in Spanish', async () => {
	expect(subjects('bo@example.com')).toEqual([
		'¡Bienvenido a Acme, Bo!',
		'Bo, tu checklist de onboarding de Acme',
		'Bo, algunos consejos para sacar más partido a Acme',
		'Bo, agendemos tu revisión de los 30 días',
	]);
	const [row] = (await env.rows('cs_customers')).filter(
		(customer) => customer.customer_id === 'cust-bo',
	);
	expect(row).toMatchObject({
		onboarding_steps_completed: 1,
		email: 'bo@example.com',
		subscription_status: 'active',
	});
	expect(row.last_key_action_at).not.toBeNull();
	expect(row.onboarding_last_progress_at).not.toBeNull();
});

test('the onboarding_stalled event sends Cy the help email at once, without enrolling Cy', async () => {
	expect(subjects('cy@example.com')).toEqual(['Cy, can I help you finish setting up Acme?']);
	expect((await env.rows('cs_enrolments')).map((row) => row.customer_id)).not.toContain('cust-cy');
});

test('both enrolments ran every step and completed', async () => {
	const rows = await env.rows('cs_enrolments');
	expect(
		rows.map((row) => [row.customer_id, row.sequence, row.status, row.step, row.step_name]),
	).toEqual([
		['cust-ana', 'welcome', 'completed', 7, 'schedule_30_day_review'],
		['cust-bo', 'welcome', 'completed', 7, 'schedule_30_day_review'],
	]);
});

test('the CSM gets the welcome tasks with the playbook’s due days, and the stalled tasks for Ana and Cy', async () => {
	const tasks = await env.rows('cs_tasks');
	const days = (row: Record<string, any>) =>
		Math.round((Date.parse(`${String(row.due_at).replace(' ', 'T')}Z`) - startedAt) / 86_400_000);
	const of = (customer: string) =>
		tasks
			.filter((row) => row.customer_id === customer)
			.map((row) => [row.type, row.title, days(row), row.owner, row.owner_email, row.status]);
	// docs/sources.md#cs-workflows welcome_sequence: success plan and kickoff after 1 day, first-value check after 3, review after 7.
	const welcomeTasks = [
		['task', 'create success plan', 1, 'csm', 'csm@acme.example', 'open'],
		['meeting', 'schedule kickoff', 1, 'csm', 'csm@acme.example', 'open'],
		['task', 'check first value', 3, 'csm', 'csm@acme.example', 'open'],
		['meeting', 'schedule 30 day review', 7, 'csm', 'csm@acme.example', 'open'],
	];
	// docs/sources.md#stalled-onboarding stalled_onboarding: the CSM task at once, the help call the next day.
	const stalledTasks = [
		['task', 'create csm task', 0, 'csm', 'csm@acme.example', 'open'],
		['call', 'schedule help call', 1, 'csm', 'csm@acme.example', 'open'],
	];
	expect(of('cust-ana')).toEqual([...welcomeTasks, ...stalledTasks]);
	expect(of('cust-bo')).toEqual(welcomeTasks);
	expect(of('cust-cy')).toEqual(stalledTasks);
});

test('every execution n8n recorded succeeded, one per event', async () => {
	const executions = await env.executions(FILE);
	expect(executions.map((execution) => execution.status)).toEqual([
		'success',
		'success',
		'success',
		'success',
	]);
});

test('a second subscription_created with the same eventId is a duplicate and enrols nobody again', async () => {
	const response = await env.sendEvent('customer-success/onboarding', {
		event: 'subscription_created',
		eventId: 'sub-ana',
		customer: ana,
	});
	expect([response.status, response.json.duplicate]).toEqual([200, true]);
	expect(
		(await env.rows('cs_enrolments')).filter((row) => row.customer_id === 'cust-ana'),
	).toHaveLength(1);
});
