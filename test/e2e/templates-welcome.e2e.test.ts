/**
 * CS 01 · Welcome and onboarding in a real n8n, driven through its Customer Success Trigger with second-long days:
 * the emails each customer gets, in order, the onboarding checks of days 3, 5 and 7 (Onboarding Progress: the
 * first-value nudge, the stalled branch once per stall, the status, progress and milestones saved on the row), the
 * onboarding_step_completed events, the tasks for the CSM, the enrolment rows (with when the next step is due), the
 * onboarding_stalled event, and the exit condition: a cancellation (posted to CS 05 · Win-back, which stops the
 * customer's other sequences) ends the welcome sequence before its next step.
 *
 * The sequence's days are seconds (delay_unit), but stalled (3 days without progress) and first value (the first key
 * action within 48 hours) are real days and hours: the customers' signup dates and steps lie days in the past, so
 * Onboarding Progress decides them as it would in production.
 */
import { SETUP_TIMEOUT_MS, testWithServerLog } from './n8n-server';
import { TemplateEnv, type Email } from './template-env';

const FILE = 'cs-01-welcome-onboarding';
const WINBACK = 'cs-05-winback';
// Seconds instead of days: checklist at 3, first-value check at 8, tips at 10, review at 12. Stalled after 3 real days
// without progress, first value within 48 real hours (the defaults, set here to say so).
const DAYS = {
	checklist_day: 3,
	first_value_day: 8,
	tips_day: 10,
	review_day: 12,
	stalled_after_days: 3,
	first_value_hours: 48,
};
// Win-back keeps its days: it only stops Dee's welcome here.
const env = new TemplateEnv('templates-welcome', {
	[FILE]: { delay_unit: 'seconds', ...DAYS },
	[WINBACK]: {},
});
const test = testWithServerLog(env.server);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PATH = 'customer-success/onboarding';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
/** When the test started: the customers' past dates count back from it. */
const T0 = Date.now();

// Ana signed up 4 days ago and has done nothing since: first value missed (no key action within 48 hours) and
// stalled (4 days without progress) at the day-3 check.
const ana = {
	customer_id: 'cust-ana',
	email: 'ana@example.com',
	first_name: 'Ana',
	company: 'Norte Dental',
	plan: 'growth',
	mrr: 490,
	timezone: 'Europe/Madrid',
	signup_date: iso(T0 - 4 * DAY),
};
// Bo signed up 4 days ago too, but did the key action 10 hours in and his last step 2 hours ago: first value met,
// in progress, not stalled.
const BO_START = T0 - 4 * DAY;
const bo = {
	customer_id: 'cust-bo',
	email: 'bo@example.com',
	first_name: 'Bo',
	company: 'Atlas Labs',
	locale: 'es',
	timezone: 'America/Mexico_City',
	signup_date: iso(BO_START),
};
const cy = {
	customer_id: 'cust-cy',
	email: 'cy@example.com',
	first_name: 'Cy',
	company: 'Brisa Foods',
};
// Dee cancels after the checklist, before the day-3 check: the welcome sequence stops there.
const dee = {
	customer_id: 'cust-dee',
	email: 'dee@example.com',
	first_name: 'Dee',
	company: 'Delta Dairy',
};
// Eve signed up 6 days ago and did every required step of the self-serve program in her first two days, nothing
// since (4 days): completed, so never stalled.
const EVE_START = T0 - 6 * DAY;
const eve = {
	customer_id: 'cust-eve',
	email: 'eve@example.com',
	first_name: 'Eve',
	company: 'Eco Vans',
	segment: 'smb',
	signup_date: iso(EVE_START),
};
// Fay's record carries an onboarding status the node does not know: every check fails for her, and her CSM is told
// which field to fix at each; the sequence itself goes on.
const fay = {
	customer_id: 'cust-fay',
	email: 'fay@example.com',
	first_name: 'Fay',
	company: 'Fjord Bikes',
	csm_email: 'lena@acme.example',
	csm_name: 'Lena',
	signup_date: iso(T0 - 4 * DAY),
	onboarding_status: 'paused',
};
/** The steps posted as onboarding_step_completed before the subscriptions: [customer, step, time, key action]. */
const STEPS: Array<[string, string, number, boolean]> = [
	['cust-bo', 'welcome', BO_START + 10 * HOUR, true],
	['cust-bo', 'chatbot_created', BO_START + DAY, false],
	// A later key action: first_key_action_at stays the first one.
	['cust-bo', 'install', T0 - 2 * HOUR, true],
	// Done again (spelled differently): the list keeps it once; it is still progress.
	['cust-bo', 'Welcome', T0 - HOUR, false],
	['cust-eve', 'welcome', EVE_START + 2 * HOUR, true],
	['cust-eve', 'first_chatbot', EVE_START + DAY, false],
	['cust-eve', 'chatbot_customized', EVE_START + DAY + 2 * HOUR, false],
	['cust-eve', 'install', EVE_START + DAY + 4 * HOUR, false],
	['cust-eve', 'first_conversation', EVE_START + 2 * DAY, false],
];

let startedAt: number;
/** Events posted to the welcome trigger and accepted: one execution each. */
let posted = 0;
/** Dee's enrolment row right after the checklist was logged, and when it was read. */
let deeAfterChecklist: { row: Record<string, any>; readAt: number };
/** A Data Table date as n8n's SQLite stores it (UTC, "YYYY-MM-DD HH:mm:ss.SSS"). */
const utc = (value: string) => new Date(`${value.replace(' ', 'T')}Z`).getTime();
const enrolmentOf = async (customer: string) =>
	(await env.rows('cs_enrolments')).find(
		(row) => row.customer_id === customer && row.sequence === 'welcome',
	);
const customerRow = async (customer: string) =>
	(await env.rows('cs_customers')).find((row) => row.customer_id === customer);

const to = (address: string) => (email: Email) => email.to.includes(address);
const subjects = (address: string) =>
	env
		.emails()
		.filter(to(address))
		.map((email) => email.subject);

async function post(event: Record<string, unknown>): Promise<void> {
	const response = await env.sendEvent(PATH, event);
	if (response.status !== 202)
		throw new Error(
			`${String(event.eventId)}: ${response.status} ${JSON.stringify(response.json)}`,
		);
	posted++;
}

/** What Onboarding Progress gave at the check of `day` in the customer's welcome execution. */
async function onboardingAt(customer: string, day: number): Promise<Record<string, any>> {
	const { execution_id: execution } = (await enrolmentOf(customer))!;
	const { resultData } = await env.server.executionData(String(execution));
	const [run] = resultData.runData[`Onboarding progress (day ${day})`];
	return run.data.main[0][0].json.onboarding;
}

beforeAll(async () => {
	await env.start();
	// The steps first, one at a time (each reads the row the one before wrote): when a step is on the row, the next.
	for (const [customer, step, at, keyAction] of STEPS) {
		await post({
			event: 'onboarding_step_completed',
			eventId: `step-${customer}-${posted}`,
			occurredAt: iso(at),
			customer: { customer_id: customer },
			data: keyAction ? { step, key_action: true } : { step },
		});
		const deadline = Date.now() + 30_000;
		for (;;) {
			const row = await customerRow(customer);
			if (row?.onboarding_last_progress_at && utc(row.onboarding_last_progress_at) === at) break;
			if (Date.now() > deadline) throw new Error(`${customer}: step ${step} never reached the row`);
			await sleep(100);
		}
	}
	startedAt = Date.now();
	for (const customer of [ana, bo, dee, eve, fay])
		await post({
			event: 'subscription_created',
			eventId: `sub-${customer.first_name.toLowerCase()}`,
			customer,
		});
	// Dee cancels once the checklist is logged (well before the day-3 check at 8 s).
	const deeCancels = (async () => {
		await env.waitForEmail(
			(email) => to('dee@example.com')(email) && email.subject.includes('checklist'),
			30_000,
		);
		for (;;) {
			const row = await enrolmentOf('cust-dee');
			if (row?.step === 2) {
				deeAfterChecklist = { row, readAt: Date.now() };
				break;
			}
			await sleep(100);
		}
		const cancel = await env.sendEvent('customer-success/winback', {
			event: 'subscription_cancelled',
			eventId: 'cancel-dee',
			customer: { customer_id: 'cust-dee' },
		});
		if (cancel.status !== 202)
			throw new Error(`cancelling Dee: ${cancel.status} ${JSON.stringify(cancel.json)}`);
	})();
	// The product says Cy's onboarding stalled.
	await post({ event: 'onboarding_stalled', eventId: 'stall-cy', customer: cy });
	await deeCancels;
	await env.waitForEmail(
		(email) => to('ana@example.com')(email) && email.subject.includes('30-day review'),
		90_000,
	);
	await env.waitForEmail(
		(email) => to('bo@example.com')(email) && email.subject.includes('revisión de los 30 días'),
		30_000,
	);
	await env.waitForEmail(
		(email) => to('eve@example.com')(email) && email.subject.includes('30-day review'),
		30_000,
	);
	await env.waitForEmail(
		(email) => to('fay@example.com')(email) && email.subject.includes('30-day review'),
		30_000,
	);
	await sleep(2000);
}, SETUP_TIMEOUT_MS);

afterAll(() => env.dispose(), 60_000);

test('Ana, 4 days in with no progress, gets the first-value nudge and the stalled help once, in order', async () => {
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
	// Day 3: the first key action never came within 48 hours, and 4 days without progress is stalled (new).
	expect(await onboardingAt('cust-ana', 3)).toMatchObject({
		programId: 'self-serve-v1',
		status: 'stalled',
		previousStatus: null,
		changed: true,
		progress: 0,
		daysWithoutProgress: 4,
		firstValue: { status: 'missed', windowHours: 48, achievedAt: null },
	});
	// Days 5 and 7: still stalled, but not newly: no second help email.
	for (const day of [5, 7])
		expect(await onboardingAt('cust-ana', day)).toMatchObject({
			status: 'stalled',
			previousStatus: 'stalled',
			changed: false,
		});
	expect(await customerRow('cust-ana')).toMatchObject({
		onboarding_status: 'stalled',
		onboarding_progress: 0,
		onboarding_milestones_reached: '[]',
		onboarding_completed_steps: null,
		first_key_action_at: null,
	});
});

test('Bo did the key action 10 hours in and a step 2 hours ago: no nudge, no stalled help, everything in Spanish', async () => {
	expect(subjects('bo@example.com')).toEqual([
		'¡Bienvenido a Acme, Bo!',
		'Bo, tu checklist de onboarding de Acme',
		'Bo, algunos consejos para sacar más partido a Acme',
		'Bo, agendemos tu revisión de los 30 días',
	]);
	expect(await onboardingAt('cust-bo', 3)).toMatchObject({
		status: 'in_progress',
		progress: 60,
		completedSteps: ['welcome', 'first_chatbot', 'install'],
		newMilestones: [{ id: 'day1' }],
		daysWithoutProgress: 0,
		firstValue: { status: 'met', hours: 10 },
	});
	const row = (await customerRow('cust-bo'))!;
	// The steps once each, as the events named them; the first key action stays the first.
	expect(row).toMatchObject({
		onboarding_completed_steps: '["welcome","chatbot_created","install"]',
		onboarding_steps_completed: 3,
		onboarding_status: 'in_progress',
		onboarding_progress: 60,
		onboarding_milestones_reached: '["day1"]',
		email: 'bo@example.com',
		subscription_status: 'active',
	});
	expect(utc(row.first_key_action_at)).toBe(BO_START + 10 * HOUR);
	expect(utc(row.last_key_action_at)).toBe(T0 - 2 * HOUR);
	expect(utc(row.onboarding_last_progress_at)).toBe(T0 - HOUR);
	expect(utc(row.signup_date)).toBe(BO_START);
});

test('Eve did every required step, the last 4 days ago: completed, never stalled, no nudge', async () => {
	expect(subjects('eve@example.com')).toEqual([
		'Welcome to Acme, Eve!',
		'Eve, your Acme onboarding checklist',
		'Eve, a few tips to get more out of Acme',
		"Eve, let's schedule your 30-day review",
	]);
	expect(await onboardingAt('cust-eve', 3)).toMatchObject({
		status: 'completed',
		progress: 100,
		daysWithoutProgress: 4,
		firstValue: { status: 'met', hours: 2 },
		handOff: { nextStage: 'adopting' },
	});
	expect(await customerRow('cust-eve')).toMatchObject({
		onboarding_completed_steps:
			'["welcome","first_chatbot","chatbot_customized","install","first_conversation"]',
		onboarding_status: 'completed',
		onboarding_progress: 100,
		onboarding_milestones_reached: '["day1","day3","day7"]',
	});
});

test('Fay’s unknown onboarding status: her CSM is alerted at each check with the field to fix; no nudge, no stalled help, the sequence goes on', async () => {
	const alerts = env.emails().filter(to('lena@acme.example'));
	expect(alerts.map((email) => email.subject)).toEqual([
		expect.stringContaining('Onboarding of Fjord Bikes could not be checked'),
		expect.stringContaining('Onboarding of Fjord Bikes could not be checked'),
		expect.stringContaining('Onboarding of Fjord Bikes could not be checked'),
	]);
	for (const alert of alerts) expect(alert.text).toContain('onboarding_status');
	expect(subjects('fay@example.com')).toEqual([
		'Welcome to Acme, Fay!',
		'Fay, your Acme onboarding checklist',
		'Fay, a few tips to get more out of Acme',
		"Fay, let's schedule your 30-day review",
	]);
	expect((await customerRow('cust-fay'))?.onboarding_status).toBe('paused');
	expect((await enrolmentOf('cust-fay'))?.status).toBe('completed');
});

test('the onboarding_stalled event sends Cy the help email at once, without enrolling Cy', async () => {
	expect(subjects('cy@example.com')).toEqual(['Cy, can I help you finish setting up Acme?']);
	expect((await env.rows('cs_enrolments')).map((row) => row.customer_id)).not.toContain('cust-cy');
});

test('Ana’s, Bo’s, Eve’s and Fay’s enrolments ran every step and completed, with no next step due', async () => {
	const rows = (await env.rows('cs_enrolments')).filter((row) => row.sequence === 'welcome');
	expect(
		rows.map((row) => [
			row.customer_id,
			row.sequence,
			row.status,
			row.step,
			row.step_name,
			row.next_step_at,
		]),
	).toEqual([
		['cust-ana', 'welcome', 'completed', 7, 'schedule_30_day_review', null],
		['cust-bo', 'welcome', 'completed', 7, 'schedule_30_day_review', null],
		['cust-dee', 'welcome', 'stopped', 2, 'send_onboarding_checklist', null],
		['cust-eve', 'welcome', 'completed', 7, 'schedule_30_day_review', null],
		['cust-fay', 'welcome', 'completed', 7, 'schedule_30_day_review', null],
	]);
});

test('while the sequence waits, next_step_at is when the next step is due: the checklist’s log plus the 5 s to the day-3 check', async () => {
	const { row, readAt } = deeAfterChecklist;
	expect(row).toMatchObject({ status: 'active', step: 2, step_name: 'send_onboarding_checklist' });
	// first_value_day - checklist_day = 5 seconds (delay_unit), counted from the moment the step was logged.
	const delay = (DAYS.first_value_day - DAYS.checklist_day) * 1000;
	expect(Math.abs(utc(row.next_step_at) - utc(row.last_step_at) - delay)).toBeLessThan(250);
	expect(utc(row.next_step_at)).toBeGreaterThan(readAt);
	expect(utc(row.next_step_at)).toBeLessThan(readAt + delay + 1000);
});

test('a cancellation stops the welcome sequence before its next step: Dee gets no first-value nudge, stalled help, tips or review', async () => {
	// The day-3 check (8 s), tips (10 s) and review (12 s) of Ana, who started with Dee, have all passed.
	expect(subjects('dee@example.com')).toEqual([
		'Welcome to Acme, Dee!',
		'Dee, your Acme onboarding checklist',
	]);
	expect(await enrolmentOf('cust-dee')).toMatchObject({
		status: 'stopped',
		stop_reason: 'cancelled',
		step: 2,
		next_step_at: null,
	});
	// Only the planned welcome tasks: the stalled branch (day 3) never ran for Dee.
	expect(
		(await env.rows('cs_tasks'))
			.filter((row) => row.customer_id === 'cust-dee')
			.map((row) => row.title),
	).toEqual([
		'create success plan',
		'schedule kickoff',
		'check first value',
		'schedule 30 day review',
	]);
	// Dee's welcome execution ended at its day-3 gate, successfully; win-back enrolled her instead.
	const executions = await env.executions(FILE);
	expect(executions.map((execution) => execution.status)).not.toContain('waiting');
	expect(
		(await env.rows('cs_enrolments'))
			.filter((row) => row.customer_id === 'cust-dee')
			.map((row) => [row.sequence, row.status]),
	).toEqual([
		['welcome', 'stopped'],
		['winback', 'active'],
	]);
});

test('the CSM gets the welcome tasks with the playbook’s due days, and the stalled tasks once for Ana and Cy', async () => {
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
	expect(of('cust-eve')).toEqual(welcomeTasks);
	expect(of('cust-cy')).toEqual(stalledTasks);
});

test('every execution n8n recorded succeeded, one per event', async () => {
	const executions = await env.executions(FILE);
	expect(executions.map((execution) => execution.status)).toEqual(
		Array.from({ length: posted }, () => 'success'),
	);
	// 9 steps, 5 subscriptions, 1 stalled event.
	expect(posted).toBe(15);
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
