/**
 * CS 04 · NPS (workflows/cs-04-nps.json) in a real n8n 2.x, driven through its real triggers: the quarterly Schedule
 * Trigger (made to fire every few seconds), signed nps_response / nps_followed_up events on customer-success/nps, and
 * the monthly report Schedule Trigger; delays in seconds. Asserts what a user sees: the emails (recipients, exact
 * subjects, links, order), the Data Table rows and the executions.
 */
import { DateTime } from 'luxon';

import { SETUP_TIMEOUT_MS, testWithServerLog } from './n8n-server';
import { everySeconds, TemplateEnv, type Email } from './template-env';

const FILE = 'cs-04-nps';
const PATH = 'customer-success/nps';
const SETTINGS = {
	delay_unit: 'seconds',
	reminder_day: 20,
	close_day: 30,
	escalate_after_days: 15,
	advocacy_invite_day: 8,
	// The responses of this test are answered now: report the current month (the template's default is the previous one).
	report_month: 'current',
};
const SURVEY_EVERY_SECONDS = 4;
const REPORT_EVERY_SECONDS = 30;
const DAY_MS = 86_400_000;
// n8n's default time zone (the test n8n sets none): the report's month and the due times are in it.
const N8N_ZONE = process.env.GENERIC_TIMEZONE || 'America/New_York';

const env = new TemplateEnv('templates-nps', { [FILE]: SETTINGS }, (_file, workflow) => {
	everySeconds(workflow, SURVEY_EVERY_SECONDS);
	// Each report run emails the CS team: fire it less often than the survey.
	workflow.nodes.find(
		(node: { name: string }) => node.name === 'Every month',
	).parameters.rule.interval[0].secondsInterval = REPORT_EVERY_SECONDS;
	return workflow;
});
const test = testWithServerLog(env.server);

const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
const TEN_DAYS_AGO = daysAgo(10);

interface Customer {
	customer_id: string;
	email: string;
	first_name: string;
	company: string;
	[field: string]: unknown;
}
const customer = (id: string, first: string, extra: Record<string, unknown> = {}): Customer => ({
	customer_id: `nps-${id}`,
	email: `${first.toLowerCase()}@${id}.example`,
	first_name: first,
	company: `${first} Co`,
	subscription_status: 'active',
	...extra,
});
// Surveyed 10 days ago (the throttle holds them back): Ann answers an older survey later (a detractor, followed up).
const ANN = customer('ann', 'Ann', { last_nps_survey_at: TEN_DAYS_AGO });
const BEA = customer('bea', 'Bea', { last_nps_survey_at: TEN_DAYS_AGO });
// Never surveyed: Cid answers 3 (detractor, never followed up), Dee 8 (passive), Eve 10 (promoter).
const CID = customer('cid', 'Cid');
const DEE = customer('dee', 'Dee', { timezone: 'Europe/Madrid' });
const EVE = customer('eve', 'Eve');
// Surveyed 120 days ago: surveyed again, never answers.
const GUS = customer('gus', 'Gus', { last_nps_survey_at: daysAgo(120) });
// Never surveyed but cancelled: not surveyed.
const ZED = customer('zed', 'Zed', { subscription_status: 'cancelled' });
const SURVEYED = [CID, DEE, EVE, GUS];

const subjects = {
	survey: (c: Customer) => `${c.first_name}, one quick question about Acme`,
	reminder: (c: Customer) => `${c.first_name}, 10 seconds to help us improve Acme?`,
	detractorFollowUp: (c: Customer) => `${c.first_name}, thank you for your feedback - can we talk?`,
	csmAlert: (c: Customer, score: number) =>
		`[Urgent] NPS detractor: ${c.company} answered ${score}`,
	escalation: (c: Customer) => `[Urgent] Escalation: NPS detractor ${c.company} not followed up`,
	interview: (c: Customer) => `${c.first_name}, what would make Acme a 10 for you?`,
	thanks: (c: Customer) => `Thank you, ${c.first_name}!`,
	advocacy: (c: Customer) => `${c.first_name}, would you share your experience with Acme?`,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until<T>(
	what: string,
	probe: () => Promise<T | undefined | false> | T | undefined | false,
	timeoutMs = 60_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(250);
	}
}

const mailTo = (c: Customer | string) =>
	env.emails().filter((email) => email.to.includes(typeof c === 'string' ? c : c.email));
const withSubject = (subject: string) => env.emails().filter((email) => email.subject === subject);
const indexOf = (email: Email) =>
	env
		.emails()
		.findIndex(
			(candidate) => candidate.subject === email.subject && candidate.to.join() === email.to.join(),
		);
const rowsOf = async (table: string, c: Customer) =>
	(await env.rows(table)).filter((row) => row.customer_id === c.customer_id);
const enrolment = async (c: Customer, sequence: string) =>
	(await rowsOf('cs_enrolments', c)).filter((row) => row.sequence === sequence);
/** Data Table dates come back from SQLite as "YYYY-MM-DD HH:MM:SS.mmm" in UTC. */
const instant = (value: unknown) => Date.parse(`${String(value).replace(' ', 'T')}Z`);

const answeredAt: Record<string, number> = {};
async function answer(c: Customer, score: number, comment?: string) {
	const occurredAt = new Date().toISOString();
	answeredAt[c.customer_id] = Date.parse(occurredAt);
	const response = await env.sendEvent(PATH, {
		event: 'nps_response',
		eventId: `nps-response-${c.customer_id}`,
		occurredAt,
		// A survey tool knows the customer's id (from the survey link) and nothing else.
		customer: { customer_id: c.customer_id },
		data: { score, ...(comment ? { comment } : {}) },
	});
	expect(response.status).toBe(202);
}

beforeAll(async () => {
	await env.start();
	await env.seedCustomers([ANN, BEA, CID, DEE, EVE, GUS, ZED]);
}, SETUP_TIMEOUT_MS);
afterAll(() => env.dispose(), 60_000);

describe('quarterly survey', () => {
	test('goes to exactly the customers the throttle allows (not surveyed in 90 days, not cancelled), each with their own link', async () => {
		await until(
			'four surveys',
			() => SURVEYED.every((c) => withSubject(subjects.survey(c)).length > 0),
			90_000,
		);
		// Nobody else (the last test checks again after dozens of runs of the schedule). No pause here: the answers
		// below must come before the reminder day.
		const surveys = env
			.emails()
			.filter((email) => / one quick question about Acme$/.test(email.subject));
		expect(surveys.map((email) => [email.to, email.subject]).sort()).toEqual(
			SURVEYED.map((c) => [[c.email], subjects.survey(c)]).sort(),
		);
		for (const c of SURVEYED) {
			const [email] = withSubject(subjects.survey(c));
			expect(email.from).toBe('success@acme.example');
			expect(email.text).toContain(
				`0: https://survey.acme.example/nps?customer_id=${c.customer_id}&score=0`,
			);
			expect(email.text).toContain(
				`10: https://survey.acme.example/nps?customer_id=${c.customer_id}&score=10`,
			);
			expect(email.text).toContain(
				`open the survey (https://survey.acme.example/nps?customer_id=${c.customer_id})`,
			);
			expect(email.html).toContain(
				`href="https://survey.acme.example/nps?customer_id=${c.customer_id}&amp;score=7"`,
			);
		}
		const customers = await env.rows('cs_customers');
		const lastSurvey = (c: Customer) =>
			instant(customers.find((row) => row.customer_id === c.customer_id)?.last_nps_survey_at);
		for (const c of SURVEYED) expect(Date.now() - lastSurvey(c)).toBeLessThan(120_000);
		for (const c of [ANN, BEA]) expect(lastSurvey(c)).toBe(Date.parse(TEN_DAYS_AGO));
		expect(
			customers.find((row) => row.customer_id === ZED.customer_id)?.last_nps_survey_at,
		).toBeNull();
		const enrolments = (await env.rows('cs_enrolments')).filter(
			(row) => row.sequence === 'nps_survey',
		);
		expect(enrolments.map((row) => [row.customer_id, row.status, row.step_name]).sort()).toEqual(
			SURVEYED.map((c) => [c.customer_id, 'active', 'send_nps_survey']).sort(),
		);
	});
});

describe('answers', () => {
	test('detractor (3): urgent call task and CSM alert at once, then the follow-up email; the answer stops the survey', async () => {
		await answer(CID, 3, 'Setting up took far too long');
		const followUp = await env.waitForEmail(
			(email) => email.subject === subjects.detractorFollowUp(CID),
		);
		expect(followUp.to).toEqual([CID.email]);
		expect(followUp.text).toContain('https://cal.example.com/acme-cs');
		const [alert] = withSubject(subjects.csmAlert(CID, 3));
		expect(alert.to).toEqual(['csm@acme.example']);
		expect(indexOf(alert)).toBeLessThan(indexOf(followUp));
		expect(alert.text).toContain('Cid Co answered 3 out of 10: "Setting up took far too long"');
		expect(alert.text).toContain(`Email: ${CID.email}`);
		const due = /Due: (\S+)/.exec(alert.text)?.[1];
		expect(Date.parse(due ?? '')).toBe(answeredAt[CID.customer_id] + DAY_MS);

		const tasks = await rowsOf('cs_tasks', CID);
		expect(tasks).toHaveLength(1);
		expect(tasks[0]).toMatchObject({
			type: 'call',
			title: 'Call Cid Co about their NPS answer (3)',
			owner: 'csm',
			owner_email: 'csm@acme.example',
			priority: 'urgent',
			status: 'open',
			source: 'nps_detractor: call_customer',
		});
		// Within 24 hours of the answer: the NPS node's call_customer due time.
		expect(instant(tasks[0].due_at)).toBe(answeredAt[CID.customer_id] + DAY_MS);

		const [response] = await rowsOf('cs_nps_responses', CID);
		expect(response).toMatchObject({
			score: 3,
			segment: 'detractor',
			comment: 'Setting up took far too long',
			followed_up: 0,
		});
		expect(instant(response.responded_at)).toBe(answeredAt[CID.customer_id]);
		const [row] = await rowsOf('cs_customers', CID);
		// The score is written; the rest of the customer row stays as it was (the event carried only the id).
		expect(row).toMatchObject({
			nps_score: 3,
			email: CID.email,
			first_name: 'Cid',
			csm_email: null,
		});
		expect(await enrolment(CID, 'nps_survey')).toMatchObject([
			{ status: 'stopped', stop_reason: 'survey answered' },
		]);
		expect(await enrolment(CID, 'nps_detractor')).toMatchObject([
			{ status: 'active', step: 1, step_name: 'send_followup_email' },
		]);
	});

	test('passive (8): the 15-minute interview request, no task', async () => {
		await answer(DEE, 8);
		const email = await env.waitForEmail(
			(candidate) => candidate.subject === subjects.interview(DEE),
		);
		expect(email.to).toEqual([DEE.email]);
		expect(email.text).toContain('15 minutes');
		expect(email.text).toContain('your score of 8');
		expect(email.text).toContain('https://cal.example.com/acme-cs');
		expect(await rowsOf('cs_nps_responses', DEE)).toMatchObject([
			{ score: 8, segment: 'passive', followed_up: 0 },
		]);
		expect(await rowsOf('cs_tasks', DEE)).toEqual([]);
		expect(
			(await rowsOf('cs_enrolments', DEE)).map((row) => [
				row.sequence,
				row.status,
				row.stop_reason,
			]),
		).toEqual([['nps_survey', 'stopped', 'survey answered']]);
	});

	test('promoter (10): the thank-you at once', async () => {
		await answer(EVE, 10, 'Love the new inbox');
		const email = await env.waitForEmail((candidate) => candidate.subject === subjects.thanks(EVE));
		expect(email.to).toEqual([EVE.email]);
		expect(email.text).toContain('your score of 10');
		expect(withSubject(subjects.advocacy(EVE))).toEqual([]);
		expect(await rowsOf('cs_nps_responses', EVE)).toMatchObject([
			{ score: 10, segment: 'promoter', comment: 'Love the new inbox' },
		]);
		expect(await enrolment(EVE, 'nps_promoter')).toMatchObject([
			{ status: 'active', step: 1, step_name: 'send_thank_you' },
		]);
	});

	test('detractor (6) followed up: nps_followed_up marks the answer, closes the call task and stops the escalation', async () => {
		await answer(ANN, 6);
		await env.waitForEmail((email) => email.subject === subjects.detractorFollowUp(ANN));
		expect(withSubject(subjects.csmAlert(ANN, 6)).map((email) => email.to)).toEqual([
			['csm@acme.example'],
		]);
		const response = await env.sendEvent(PATH, {
			event: 'nps_followed_up',
			eventId: 'nps-followed-up-ann',
			customer: { customer_id: ANN.customer_id },
		});
		expect(response.status).toBe(202);
		await until(
			'Ann followed up',
			async () => (await rowsOf('cs_nps_responses', ANN))[0]?.followed_up === 1,
		);
		expect(await enrolment(ANN, 'nps_detractor')).toMatchObject([
			{ status: 'stopped', stop_reason: 'followed up' },
		]);
		await until(
			'Ann’s call task done',
			async () => (await rowsOf('cs_tasks', ANN))[0]?.status === 'done',
		);
		// Ann was surveyed 10 days ago, outside this run: no survey enrolment to stop.
		expect(await enrolment(ANN, 'nps_survey')).toEqual([]);
	});
});

describe('later steps', () => {
	test('promoter: the advocacy invite after advocacy_invite_day, after the thank-you', async () => {
		const invite = await env.waitForEmail(
			(email) => email.subject === subjects.advocacy(EVE),
			60_000,
		);
		expect(invite.to).toEqual([EVE.email]);
		expect(invite.text).toContain('Join our advocacy program (https://acme.example/advocates)');
		expect(invite.text).toContain('case study');
		expect(indexOf(withSubject(subjects.thanks(EVE))[0])).toBeLessThan(indexOf(invite));
		const waited = Date.now() - answeredAt[EVE.customer_id];
		expect(waited).toBeGreaterThanOrEqual(SETTINGS.advocacy_invite_day * 1000);
		await until(
			'the promoter enrolment complete',
			async () => (await enrolment(EVE, 'nps_promoter'))[0]?.status === 'completed',
		);
		expect(await enrolment(EVE, 'nps_promoter')).toMatchObject([
			{ step: 2, step_name: 'send_advocacy_invite' },
		]);
	});

	test('survey: the reminder for the silent customer only, then the survey closes', async () => {
		const reminder = await env.waitForEmail(
			(email) => email.subject === subjects.reminder(GUS),
			60_000,
		);
		expect(reminder.to).toEqual([GUS.email]);
		expect(reminder.text).toContain(
			`9: https://survey.acme.example/nps?customer_id=${GUS.customer_id}&score=9`,
		);
		await until(
			'Gus’s survey closed',
			async () => (await enrolment(GUS, 'nps_survey'))[0]?.status === 'completed',
			60_000,
		);
		expect(await enrolment(GUS, 'nps_survey')).toMatchObject([
			{ step: 3, step_name: 'close_survey', stop_reason: 'closed' },
		]);
		// Those who answered in time get no reminder.
		expect(
			env
				.emails()
				.filter((email) => email.subject.includes('10 seconds to help us improve'))
				.map((email) => email.to),
		).toEqual([[GUS.email]]);
		for (const c of [CID, DEE, EVE])
			expect(await enrolment(c, 'nps_survey')).toMatchObject([
				{ status: 'stopped', stop_reason: 'survey answered', step: 1 },
			]);
		// Gus got the survey, then the reminder: two emails in all.
		expect(mailTo(GUS).map((email) => email.subject)).toEqual([
			subjects.survey(GUS),
			subjects.reminder(GUS),
		]);
	});

	test('detractor: escalation to the manager after escalate_after_days without follow-up, none after nps_followed_up', async () => {
		const escalation = await env.waitForEmail(
			(email) => email.subject === subjects.escalation(CID),
			60_000,
		);
		expect(escalation.to).toEqual(['cs-manager@acme.example']);
		expect(escalation.text).toContain(
			'no follow-up has been recorded after 15 seconds: "Setting up took far too long"',
		);
		expect(Date.now() - answeredAt[CID.customer_id]).toBeGreaterThanOrEqual(
			SETTINGS.escalate_after_days * 1000,
		);
		const tasks = await rowsOf('cs_tasks', CID);
		expect(
			tasks.map((task) => [task.type, task.owner, task.owner_email, task.priority, task.source]),
		).toEqual([
			['call', 'csm', 'csm@acme.example', 'urgent', 'nps_detractor: call_customer'],
			[
				'task',
				'cs_manager',
				'cs-manager@acme.example',
				'urgent',
				'nps_detractor: escalate_to_manager',
			],
		]);
		expect(tasks[1].title).toBe('Escalation: Cid Co (NPS 3) has not been followed up');
		expect(await enrolment(CID, 'nps_detractor')).toMatchObject([
			{ status: 'completed', step: 2, step_name: 'escalate_to_manager' },
		]);
		// Cid himself got the survey and the follow-up only (the alert went to the CSM, the escalation to the manager).
		expect(mailTo(CID).map((email) => email.subject)).toEqual([
			subjects.survey(CID),
			subjects.detractorFollowUp(CID),
		]);

		// Ann's escalation would be due now (plus a margin): it never comes.
		await until(
			'Ann’s escalation time to pass',
			() => Date.now() > answeredAt[ANN.customer_id] + (SETTINGS.escalate_after_days + 5) * 1000,
			60_000,
		);
		expect(mailTo('cs-manager@acme.example').map((email) => email.subject)).toEqual([
			subjects.escalation(CID),
		]);
		expect((await rowsOf('cs_tasks', ANN)).map((task) => [task.source, task.status])).toEqual([
			['nps_detractor: call_customer', 'done'],
		]);
		expect(await enrolment(ANN, 'nps_detractor')).toMatchObject([
			{ status: 'stopped', stop_reason: 'followed up', step: 1 },
		]);
	});

	test('monthly report: the NPS of the answers, its 95 % interval and the sample warning, to the CS team', async () => {
		await until(
			'the four answers saved',
			async () => (await env.rows('cs_nps_responses')).length === 4,
		);
		// A report run that started before the last answer was saved may still be sending: skip what arrives now.
		await sleep(3000);
		const mark = env.emails().length;
		const report = await until(
			'a monthly report',
			() =>
				env
					.emails()
					.slice(mark)
					.find((email) => email.to.includes('cs-team@acme.example')),
			(REPORT_EVERY_SECONDS + 30) * 1000,
		);
		// By hand: 3, 8, 10 and 6 are 1 promoter, 1 passive and 2 detractors.
		const [promoters, passives, detractors] = [1, 1, 2];
		const n = promoters + passives + detractors;
		const nps = Math.round(((promoters - detractors) / n) * 100);
		expect(nps).toBe(-25);
		// Adjusted Wald (README, NPS): 3 pseudo-observations, 3/4 detractor, 3/2 passive, 3/4 promoter.
		const n2 = n + 3;
		const p = (promoters + 0.75) / n2;
		const d = (detractors + 0.75) / n2;
		const margin = 1.959964 * Math.sqrt((p + d - (p - d) ** 2) / n2);
		const [lower, upper] = [(p - d - margin) * 100, (p - d + margin) * 100].map(
			(value) => Math.round(value * 10) / 10,
		);
		const month = DateTime.now().setZone(N8N_ZONE).toFormat('LLLL yyyy');
		expect(report.subject).toBe(`NPS ${month}: ${nps} (${n} responses)`);
		expect(report.to).toEqual(['cs-team@acme.example']);
		expect(report.text).toContain(`NPS for ${month}: ${nps}`);
		expect(report.text).toContain(`95% confidence interval: ${lower} to ${upper}.`);
		expect([lower, upper]).toEqual([-72.7, 44.2]);
		expect(report.text).toContain(
			`Small sample: ${n} responses, fewer than the 30 needed to report this NPS as reliable.`,
		);
		expect(report.text).toContain('Promoters (9-10): 1 (25%)');
		expect(report.text).toContain('Passives (7-8): 1 (25%)');
		expect(report.text).toContain('Detractors (0-6): 2 (50%)');
		// Four surveys went out this month (Cid, Dee, Eve, Gus); four answers came in (Ann's to an older survey).
		expect(report.text).toContain('Response rate: 100% of 4 surveys sent.');
	}, 120_000);

	test('every run of the schedule surveyed nobody twice, and every execution succeeded', async () => {
		// Let the survey schedule (every few seconds) run at least 16 times in all, however slow the machine is.
		const deadline = Date.now() + 120_000;
		while (
			(await env.executions(FILE)).filter((execution) => execution.mode === 'trigger').length <=
				15 &&
			Date.now() < deadline
		) {
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		for (const c of SURVEYED) expect(withSubject(subjects.survey(c))).toHaveLength(1);
		for (const c of [ANN, BEA, ZED])
			expect(mailTo(c).filter((email) => email.subject === subjects.survey(c))).toEqual([]);
		expect(
			(await env.rows('cs_enrolments')).filter((row) => row.sequence === 'nps_survey'),
		).toHaveLength(SURVEYED.length);
		const executions = await env.executions(FILE);
		const scheduled = executions.filter((execution) => execution.mode === 'trigger');
		// The survey schedule ran every few seconds for the whole test (the report one every 30 s).
		expect(scheduled.length).toBeGreaterThan(15);
		expect(executions.filter((execution) => execution.mode === 'webhook')).toHaveLength(5);
		expect(
			executions.filter(
				(execution) => !['success', 'running', 'waiting', 'new'].includes(execution.status),
			),
		).toEqual([]);
		const finished = await env.server.waitForExecutions(env.workflowId(FILE), 0, { settleMs: 0 });
		expect(
			finished
				.filter((execution) => execution.mode === 'webhook')
				.map((execution) => execution.status),
		).toEqual(Array(5).fill('success'));
	}, 180_000);
});
