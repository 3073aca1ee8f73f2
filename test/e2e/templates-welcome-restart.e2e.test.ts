/**
 * A sequence's long wait survives an n8n restart: n8n keeps every wait longer than 65 seconds in its database and
 * resumes it after start-up. The welcome sequence waits 70 s for its checklist; n8n is stopped and started again
 * in the middle; the checklist still arrives, once, from the same execution. Rae signs up now, so the onboarding checks
 * (real days and hours) find her in progress with the first value still pending: no nudge, no stalled help.
 */
import { SETUP_TIMEOUT_MS, testWithServerLog } from './n8n-server';
import { TemplateEnv } from './template-env';

const FILE = 'cs-01-welcome-onboarding';
const env = new TemplateEnv('templates-welcome-restart', {
	[FILE]: {
		delay_unit: 'seconds',
		checklist_day: 70,
		first_value_day: 71,
		tips_day: 72,
		review_day: 73,
	},
});
const test = testWithServerLog(env.server);

beforeAll(() => env.start(), SETUP_TIMEOUT_MS);
afterAll(() => env.dispose(), 60_000);

test('the checklist arrives after a restart during the 70-second wait', async () => {
	const customer = {
		customer_id: 'cust-restart',
		email: 'restart@example.com',
		first_name: 'Rae',
	};
	expect(
		(
			await env.sendEvent('customer-success/onboarding', {
				event: 'subscription_created',
				eventId: 'sub-restart',
				customer,
			})
		).status,
	).toBe(202);
	await env.waitForEmail((email) => email.subject === 'Welcome to Acme, Rae!', 30_000);
	const [waiting] = await env.executions(FILE);
	expect(await env.server.waitForExecution(waiting.id, 30_000)).toBe('waiting');

	await env.server.stop();
	await env.server.start();

	const checklist = await env.waitForEmail(
		(email) => email.subject === 'Rae, your Acme onboarding checklist',
		150_000,
	);
	expect(checklist.to).toEqual(['restart@example.com']);
	const review = await env.waitForEmail(
		(email) => email.subject === "Rae, let's schedule your 30-day review",
		30_000,
	);
	expect(review.to).toEqual(['restart@example.com']);
	// Once each; no first-value nudge (48 hours have not passed) and no stalled help (a minute without progress).
	expect(env.emails().map((email) => email.subject)).toEqual([
		'Welcome to Acme, Rae!',
		'Rae, your Acme onboarding checklist',
		'Rae, a few tips to get more out of Acme',
		"Rae, let's schedule your 30-day review",
	]);
	const [row] = await env.rows('cs_customers');
	expect(row).toMatchObject({
		customer_id: 'cust-restart',
		onboarding_status: 'in_progress',
		onboarding_progress: 0,
	});
	const executions = await env.executions(FILE);
	expect(executions.map((execution) => [execution.id, execution.status])).toEqual([
		[waiting.id, 'success'],
	]);
	const [enrolment] = await env.rows('cs_enrolments');
	expect(enrolment).toMatchObject({
		customer_id: 'cust-restart',
		status: 'completed',
		step: 7,
		execution_id: waiting.id,
	});
}, 400_000);
