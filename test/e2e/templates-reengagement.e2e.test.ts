/**
 * CS 02 · Re-engagement and CS 05 · Win-back in one real n8n 2.x, driven through their real triggers: the daily
 * Schedule Trigger made to fire every few seconds over customers seeded into cs_customers, and signed events. Days
 * last seconds (delay_unit seconds, the seed's days times 2, so that an event sent right after an email lands well
 * before the next step).
 *
 * The story: Ana (8 days without a login) runs the whole 7-day playbook and sequence; Ugo (15 days) gets the urgent
 * playbook; Fay (active yesterday) gets nothing; Lea logs in after the spotlight and the sequence stops; Wes cancels
 * after the spotlight: his re-engagement stops and win-back runs to the Head of Sales' call; Rui cancels and
 * reactivates after the first win-back email. Meanwhile Ana and Ugo move to another time zone, which takes their
 * signals out of the cooldown's calendar day: the signals are raised again and the enrolment checks alone keep them
 * from a second playbook.
 */
import { SETUP_TIMEOUT_MS, testWithServerLog } from './n8n-server';
import { everySeconds, TemplateEnv, type Email } from './template-env';

const REENGAGE = 'cs-02-reengagement';
const WINBACK = 'cs-05-winback';
const SCHEDULE_SECONDS = 5;
const RECAP_WAIT_SECONDS = 70;

// Seconds stand for days: the seed's days × 2.
const REENGAGE_DAYS = {
	checkin_day: 2,
	call_check_day: 4,
	spotlight_day: 6,
	story_day: 14,
	personal_call_day: 28,
	last_chance_day: 42,
};
const WINBACK_DAYS = { we_miss_you_day: 2, whats_new_day: 14, offer_day: 28, sales_call_day: 42 };

const env = new TemplateEnv(
	'templates-reengagement',
	{
		// The value recap waits 70 s: longer than n8n keeps a Wait in memory (65 s), so that execution is saved as
		// waiting and resumed by n8n, as every real (days-long) wait is.
		[REENGAGE]: {
			delay_unit: 'seconds',
			...REENGAGE_DAYS,
			value_recap_after_hours: 24 * RECAP_WAIT_SECONDS,
		},
		[WINBACK]: { delay_unit: 'seconds', ...WINBACK_DAYS },
	},
	(file, workflow) => (file === REENGAGE ? everySeconds(workflow, SCHEDULE_SECONDS) : workflow),
);
const test = testWithServerLog(env.server);

const DAY_MS = 24 * 3600 * 1000;
const startedAt = Date.now();
const daysAgo = (days: number) => new Date(startedAt - days * DAY_MS).toISOString();

const KIRITIMATI = 'Pacific/Kiritimati'; // UTC+14
const PAGO_PAGO = 'Pacific/Pago_Pago'; // UTC-11: always an earlier calendar day than Kiritimati

const ANA = {
	customer_id: 'cust-ana',
	email: 'ana@alpha.example',
	first_name: 'Ana',
	company: 'Alpha Ltd',
	plan: 'growth',
	timezone: KIRITIMATI,
	subscription_status: 'active',
	csm_name: 'Carla Diaz',
	csm_email: 'carla@acme.example',
	last_login_at: daysAgo(8),
};
const UGO = {
	customer_id: 'cust-ugo',
	email: 'ugo@umbra.example',
	first_name: 'Ugo',
	company: 'Umbra SA',
	plan: 'pro',
	timezone: KIRITIMATI,
	subscription_status: 'active',
	last_login_at: daysAgo(15),
};
const FAY = {
	customer_id: 'cust-fay',
	email: 'fay@fable.example',
	first_name: 'Fay',
	company: 'Fable Inc',
	timezone: 'Europe/Madrid',
	subscription_status: 'active',
	last_login_at: daysAgo(1),
};
const LEA = {
	customer_id: 'cust-lea',
	email: 'lea@lumen.example',
	first_name: 'Lea',
	company: 'Lumen GmbH',
	timezone: 'Europe/Berlin',
	subscription_status: 'active',
	last_login_at: daysAgo(8),
};
const WES = {
	customer_id: 'cust-wes',
	email: 'wes@westwind.example',
	first_name: 'Wes',
	company: 'Westwind Co',
	timezone: 'America/Chicago',
	subscription_status: 'active',
	last_login_at: daysAgo(8),
};
const RUI = {
	customer_id: 'cust-rui',
	email: 'rui@rio.example',
	first_name: 'Rui',
	company: 'Rio Lda',
	timezone: 'Europe/Lisbon',
};

const CSM = 'csm@acme.example';
const HEAD_OF_SALES = 'sales@acme.example';

const SEVEN_DAY = (name: string) => [
	`${name}, is everything OK? 🤔`,
	`${name}, how are things going with Acme?`,
	`${name}, have you tried the weekly performance report?`,
];
const REST_OF_SEQUENCE = (name: string) => [
	'How Northwind Traders gets results with Acme',
	`${name}, my last note about Acme`,
];
const WINBACK_EMAILS = (name: string) => [
	`We miss you, ${name}`,
	`${name}, here's what's new in Acme`,
	`${name}, an offer to welcome you back to Acme`,
];

const to = (address: string) => (email: Email) => email.to.includes(address);
const subjectsTo = (address: string) =>
	env
		.emails()
		.filter(to(address))
		.map((email) => email.subject);
const mailTo = (address: string, subject: string) =>
	env.emails().find((email) => email.to.includes(address) && email.subject === subject);
/** A time read from a Data Table row ("2026-12-01 23:41:26.714", UTC) or an ISO string, in ms. */
const time = (value: string) =>
	Date.parse(/^\d{4}-\d\d-\d\d \d/.test(value) ? `${value.replace(' ', 'T')}Z` : value);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(
	what: string,
	check: () => Promise<T | undefined> | T | undefined,
	timeoutMs = 120_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline)
			throw new Error(
				`timed out waiting for ${what}; emails: ${JSON.stringify(env.emails().map((e) => [e.to, e.subject]))}`,
			);
		await sleep(500);
	}
}

type Json = Record<string, any>;
async function runData(executionId: string): Promise<Record<string, any[]>> {
	return (await env.server.executionData(executionId)).resultData.runData;
}
const outputOf = (data: Record<string, any[]>, node: string, output = 0): Json[] =>
	(data[node] ?? []).flatMap((run) =>
		(run.data?.main?.[output] ?? []).map((item: { json: Json }) => item.json),
	);

/** The daily runs (schedule-triggered executions) that started after `since`, finished. */
async function dailyRunsSince(since: number): Promise<string[]> {
	const rows = await env.server.sql(
		"select id from execution_entity where workflowId = ? and mode = 'trigger' and status = 'success' and startedAt >= ? order by cast(id as integer)",
		[env.workflowId(REENGAGE), new Date(since).toISOString().replace('T', ' ').replace('Z', '')],
	);
	return rows.map((row) => String(row.id));
}

const moments: Record<string, number> = {};
let leaLoginAt = '';
let wesCancelledAt = '';

beforeAll(async () => {
	try {
		await runTheStory();
	} catch (error) {
		env.server.failed = true;
		console.error(`Setting the story up failed; n8n server:\n${env.server.logTail()}`);
		throw error;
	}
}, SETUP_TIMEOUT_MS + 300_000);

async function runTheStory(): Promise<void> {
	await env.start();
	await env.seedCustomers([ANA, UGO, FAY, LEA, WES]);
	moments.seeded = Date.now();
	const cancelRui = await env.sendEvent('customer-success/winback', {
		event: 'subscription_cancelled',
		eventId: 'evt-rui-cancel',
		customer: RUI,
		data: { reason: 'too expensive' },
	});
	if (cancelRui.status !== 202)
		throw new Error(`cancelling Rui: ${cancelRui.status} ${JSON.stringify(cancelRui.json)}`);

	await Promise.all([
		// Ana is in her sequence: move Ana and Ugo to a time zone one calendar day earlier, so the cooldown (kept per
		// calendar day) no longer covers today and their signals are raised again.
		(async () => {
			await env.waitForEmail(
				(email) => to(ANA.email)(email) && email.subject === SEVEN_DAY('Ana')[1],
				90_000,
			);
			await env.waitForEmail((email) => to(CSM)(email), 30_000);
			await sleep(SCHEDULE_SECONDS * 1000 + 1000); // at least one daily run that sees them cooled down
			await env.seedCustomers([
				{ customer_id: ANA.customer_id, timezone: PAGO_PAGO },
				{ customer_id: UGO.customer_id, timezone: PAGO_PAGO },
			]);
		})(),
		// Lea logs in after the feature spotlight.
		(async () => {
			await env.waitForEmail(
				(email) => to(LEA.email)(email) && email.subject === SEVEN_DAY('Lea')[2],
				120_000,
			);
			leaLoginAt = new Date().toISOString();
			const login = await env.sendEvent('customer-success/engagement', {
				event: 'login',
				eventId: 'evt-lea-login',
				occurredAt: leaLoginAt,
				customer: { customer_id: LEA.customer_id },
			});
			if (login.status !== 202)
				throw new Error(`Lea's login: ${login.status} ${JSON.stringify(login.json)}`);
		})(),
		// Wes cancels after the feature spotlight of his re-engagement.
		(async () => {
			await env.waitForEmail(
				(email) => to(WES.email)(email) && email.subject === SEVEN_DAY('Wes')[2],
				120_000,
			);
			wesCancelledAt = new Date().toISOString();
			const cancel = await env.sendEvent('customer-success/winback', {
				event: 'subscription_cancelled',
				eventId: 'evt-wes-cancel',
				occurredAt: wesCancelledAt,
				customer: { customer_id: WES.customer_id },
			});
			if (cancel.status !== 202)
				throw new Error(`cancelling Wes: ${cancel.status} ${JSON.stringify(cancel.json)}`);
		})(),
		// Rui comes back after the first win-back email.
		(async () => {
			await env.waitForEmail(
				(email) => to(RUI.email)(email) && email.subject === WINBACK_EMAILS('Rui')[0],
				60_000,
			);
			const back = await env.sendEvent('customer-success/winback', {
				event: 'subscription_reactivated',
				eventId: 'evt-rui-back',
				customer: { customer_id: RUI.customer_id },
			});
			if (back.status !== 202)
				throw new Error(`reactivating Rui: ${back.status} ${JSON.stringify(back.json)}`);
		})(),
	]);

	// The ends: Ana's last email, Ugo's value recap, Wes's win-back call task; then a little longer, for anything
	// that should not come.
	await env.waitForEmail(
		(email) => to(ANA.email)(email) && email.subject === REST_OF_SEQUENCE('Ana')[1],
		120_000,
	);
	await env.waitForEmail((email) => to(UGO.email)(email), 120_000);
	await until("Wes's Head of Sales task", async () =>
		(await env.rows('cs_tasks')).find(
			(row) => row.customer_id === WES.customer_id && row.owner === 'head_of_sales',
		),
	);
	await sleep(5000);
}

afterAll(() => env.dispose(), 60_000);

describe('CS 02 · Re-engagement', () => {
	test('8 days without a login: the playbook email, then the SaaS retention strategy’s sequence, in order, each once', async () => {
		expect(subjectsTo(ANA.email)).toEqual([...SEVEN_DAY('Ana'), ...REST_OF_SEQUENCE('Ana')]);
		const first = mailTo(ANA.email, SEVEN_DAY('Ana')[0])!;
		expect(first.from).toBe('success@acme.example');
		expect(first.text).toContain("haven't logged in to Acme for a week");
		for (const feature of [
			'Shared inbox for your whole team',
			'Weekly performance report',
			'One-click CRM sync',
		])
			expect(first.html).toContain(feature);
		expect(first.text).toContain('Carla Diaz'); // the customer's own CSM signs
		expect(mailTo(ANA.email, SEVEN_DAY('Ana')[2])!.html).toContain(
			'https://help.acme.example/weekly-report',
		);
		expect(mailTo(ANA.email, REST_OF_SEQUENCE('Ana')[0])!.text).toContain('Alpha Ltd');
	});

	test('8 days: the in-app note, the 48-hour call and the day-14 call are tasks for the customer’s CSM; the enrolment completes', async () => {
		const tasks = (await env.rows('cs_tasks')).filter((row) => row.customer_id === ANA.customer_id);
		expect(
			tasks.map((row) => [row.type, row.title, row.owner, row.owner_email, row.status]),
		).toEqual([
			['in_app', 'In-app notification on next login', 'csm', 'carla@acme.example', 'open'],
			['call', 'Personal check-in call', 'csm', 'carla@acme.example', 'open'],
			['call', 'Personal outreach call', 'csm', 'carla@acme.example', 'open'],
		]);
		for (const row of tasks)
			expect(Math.abs(time(row.due_at) - time(row.createdAt))).toBeLessThan(60_000);
		const enrolments = (await env.rows('cs_enrolments')).filter(
			(row) => row.customer_id === ANA.customer_id,
		);
		expect(
			enrolments.map((row) => [row.sequence, row.status, row.step, row.step_name, row.episode]),
		).toEqual([
			['reengagement', 'completed', 7, 'send_last_chance', `last login ${ANA.last_login_at}`],
		]);
	});

	test('15 days without a login: the urgent playbook (call and training tasks, an alert to the CSM, the value recap), not the 7-day sequence', async () => {
		expect(subjectsTo(UGO.email)).toEqual(['Ugo, what Acme does for Umbra SA']);
		const recap = mailTo(UGO.email, 'Ugo, what Acme does for Umbra SA')!;
		expect(recap.html).toContain('Your team saved about 35 hours a month');
		expect(subjectsTo(CSM)).toEqual(['[Urgent] Umbra SA has not logged in for 15 days']);
		const alert = mailTo(CSM, '[Urgent] Umbra SA has not logged in for 15 days')!;
		expect(alert.text).toContain('cust-ugo');
		expect(alert.text).toContain('ugo@umbra.example');
		expect(alert.text).toContain('Call Ugo today: urgent check-in call');
		// The alert comes first; the recap follows the call.
		const position = (subject: string) =>
			env.emails().findIndex((email) => email.subject === subject);
		expect(position(alert.subject)).toBeLessThan(position(recap.subject));
		const [urgent] = (await env.rows('cs_enrolments')).filter(
			(row) => row.customer_id === UGO.customer_id,
		);
		expect(time(urgent.last_step_at) - time(urgent.started_at)).toBeGreaterThanOrEqual(
			(RECAP_WAIT_SECONDS - 1) * 1000,
		);

		const tasks = (await env.rows('cs_tasks')).filter((row) => row.customer_id === UGO.customer_id);
		expect(tasks.map((row) => [row.type, row.title, row.owner, row.owner_email])).toEqual([
			['call', 'Urgent check-in call', 'csm', CSM],
			['meeting', 'Offer training session', 'csm', CSM],
		]);
		const [enrolment] = (await env.rows('cs_enrolments')).filter(
			(row) => row.customer_id === UGO.customer_id,
		);
		const start = time(enrolment.started_at);
		expect(Math.abs(time(tasks[0].due_at) - start)).toBeLessThan(60_000); // same day: due at once
		expect(time(tasks[1].due_at) - time(tasks[0].due_at)).toBe(48 * 3600 * 1000); // within 48 h
		expect(
			(await env.rows('cs_enrolments'))
				.filter((row) => row.customer_id === UGO.customer_id)
				.map((row) => [row.sequence, row.status, row.step]),
		).toEqual([['reengagement_urgent', 'completed', 2]]);
	});

	test('a customer active yesterday gets nothing', async () => {
		expect(subjectsTo(FAY.email)).toEqual([]);
		expect(
			(await env.rows('cs_enrolments')).filter((row) => row.customer_id === FAY.customer_id),
		).toEqual([]);
		expect(
			(await env.rows('cs_tasks')).filter((row) => row.customer_id === FAY.customer_id),
		).toEqual([]);
	});

	test('a login mid-sequence stops it: no further email, enrolment stopped "logged in", last_login_at updated', async () => {
		expect(subjectsTo(LEA.email)).toEqual(SEVEN_DAY('Lea'));
		const enrolments = (await env.rows('cs_enrolments')).filter(
			(row) => row.customer_id === LEA.customer_id,
		);
		expect(enrolments.map((row) => [row.sequence, row.status, row.stop_reason, row.step])).toEqual([
			['reengagement', 'stopped', 'logged in', 4],
		]);
		const tasks = (await env.rows('cs_tasks')).filter((row) => row.customer_id === LEA.customer_id);
		expect(tasks.map((row) => row.title)).toEqual([
			'In-app notification on next login',
			'Personal check-in call',
		]);
		const [lea] = (await env.rows('cs_customers')).filter(
			(row) => row.customer_id === LEA.customer_id,
		);
		expect(time(lea.last_login_at)).toBe(Date.parse(leaLoginAt));
	});

	test('repeated daily runs enrol and mail nobody twice: the cooldown holds the signals, and when they are raised again the enrolment checks stop them', async () => {
		const runs = await dailyRunsSince(moments.seeded);
		expect(runs.length).toBeGreaterThanOrEqual(8);
		// One enrolment per customer.
		const enrolments = await env.rows('cs_enrolments');
		const reengagement = enrolments.filter((row) => row.sequence.startsWith('reengagement'));
		expect(reengagement.map((row) => row.customer_id).sort()).toEqual(
			[ANA, LEA, UGO, WES].map((c) => c.customer_id).sort(),
		);

		// Ana's signal is cooled down after the run that raised it; after the move to Pago Pago both signals are raised
		// again, and the enrolment checks keep both customers out.
		let cooled = false;
		const raisedAgain: { ana?: string; ugo?: string } = {};
		for (const id of runs) {
			const data = await runData(id);
			const ana = outputOf(data, 'Churn Signals').find(
				(item) => item.customer_id === ANA.customer_id,
			);
			const ugo = outputOf(data, 'Churn Signals').find(
				(item) => item.customer_id === UGO.customer_id,
			);
			if (
				ana?.churn.suppressed.some(
					(s: Json) => s.type === 'no_login_7_days' && s.reason === 'cooldown',
				)
			)
				cooled = true;
			const raised = (item: Json | undefined, type: string) =>
				item?.churn.signals.some((s: Json) => s.type === type);
			const started = outputOf(data, 'Start the customer’s playbook').map(
				(item) => item.customer_id,
			);
			if (raised(ana, 'no_login_7_days') && ana!.timezone === PAGO_PAGO) {
				raisedAgain.ana = id;
				expect(
					outputOf(data, 'Playbook and episode').find(
						(item) => item.customer_id === ANA.customer_id,
					)?.sequence,
				).toBe('reengagement');
				expect(
					outputOf(data, 'Not for this inactivity yet?').map((item) => item.customer_id),
				).not.toContain(ANA.customer_id);
				expect(started).not.toContain(ANA.customer_id);
			}
			if (raised(ugo, 'no_login_14_days') && ugo!.timezone === PAGO_PAGO) {
				raisedAgain.ugo = id;
				expect(
					outputOf(data, 'Not for this inactivity yet?').map((item) => item.customer_id),
				).not.toContain(UGO.customer_id);
				expect(started).not.toContain(UGO.customer_id);
			}
		}
		expect(cooled).toBe(true);
		expect(raisedAgain).toEqual({ ana: expect.any(String), ugo: expect.any(String) });
	});

	test('every execution succeeded: one execution per customer started, one for the login', async () => {
		const executions = await env.executions(REENGAGE);
		const finished = executions.filter((e) => !['new', 'running'].includes(e.status));
		expect(finished.filter((e) => e.status !== 'success')).toEqual([]);
		const modes = finished.reduce<Record<string, number>>(
			(count, e) => ({ ...count, [e.mode]: (count[e.mode] ?? 0) + 1 }),
			{},
		);
		expect(modes).toMatchObject({ integrated: 4, webhook: 1 });
	});
});

describe('CS 05 · Win-back', () => {
	test('a cancellation stops the customer’s re-engagement and runs the three emails and the Head of Sales’ call, in order', async () => {
		expect(subjectsTo(WES.email)).toEqual([...SEVEN_DAY('Wes'), ...WINBACK_EMAILS('Wes')]);
		const missYou = mailTo(WES.email, WINBACK_EMAILS('Wes')[0])!;
		expect(missYou.html).toContain('https://acme.example/why-you-left');
		expect(missYou.text).toContain('Westwind Co'); // from the customer row: the event carried only the id
		const whatsNew = mailTo(WES.email, WINBACK_EMAILS('Wes')[1])!;
		for (const feature of ['Advanced analytics', 'White-label dashboards', 'Smart scheduling'])
			expect(whatsNew.html).toContain(feature);
		expect(whatsNew.html).toContain('https://app.acme.example/reactivate');
		expect(mailTo(WES.email, WINBACK_EMAILS('Wes')[2])!.text).toContain(
			'a $100 credit to come back, or 3 months of the Pro plan at the Basic price',
		);

		const enrolments = (await env.rows('cs_enrolments')).filter(
			(row) => row.customer_id === WES.customer_id,
		);
		expect(enrolments.map((row) => [row.sequence, row.status, row.stop_reason, row.step])).toEqual([
			['reengagement', 'stopped', 'cancelled', 4],
			['winback', 'completed', null, 4],
		]);
		const tasks = (await env.rows('cs_tasks')).filter((row) => row.customer_id === WES.customer_id);
		expect(tasks.map((row) => [row.type, row.title, row.owner, row.owner_email])).toEqual([
			['in_app', 'In-app notification on next login', 'csm', CSM],
			['call', 'Personal check-in call', 'csm', CSM],
			['call', 'Personal call from the Head of Sales', 'head_of_sales', HEAD_OF_SALES],
		]);
		const [wes] = (await env.rows('cs_customers')).filter(
			(row) => row.customer_id === WES.customer_id,
		);
		expect(wes.subscription_status).toBe('cancelled');
		expect(time(wes.cancelled_at)).toBe(Date.parse(wesCancelledAt));
		// The call task comes on day 21 (42 s here) after the cancellation.
		expect(time(tasks[2].createdAt) - Date.parse(wesCancelledAt)).toBeGreaterThanOrEqual(
			(WINBACK_DAYS.sales_call_day - 1) * 1000,
		);
	});

	test('a reactivation mid-sequence stops it: no further email, enrolment stopped "reactivated", the customer active', async () => {
		expect(subjectsTo(RUI.email)).toEqual([WINBACK_EMAILS('Rui')[0]]);
		const enrolments = (await env.rows('cs_enrolments')).filter(
			(row) => row.customer_id === RUI.customer_id,
		);
		expect(enrolments.map((row) => [row.sequence, row.status, row.stop_reason, row.step])).toEqual([
			['winback', 'stopped', 'reactivated', 1],
		]);
		expect(
			(await env.rows('cs_tasks')).filter((row) => row.customer_id === RUI.customer_id),
		).toEqual([]);
		const [rui] = (await env.rows('cs_customers')).filter(
			(row) => row.customer_id === RUI.customer_id,
		);
		expect(rui).toMatchObject({
			subscription_status: 'active',
			email: RUI.email,
			company: RUI.company,
		});
		expect(rui.cancelled_at).toBeTruthy();
	});

	test('every execution succeeded: one per event', async () => {
		const executions = await env.executions(WINBACK);
		expect(executions.map((e) => [e.mode, e.status])).toEqual([
			['webhook', 'success'],
			['webhook', 'success'],
			['webhook', 'success'],
		]);
	});
});
