/**
 * CS 03 · Renewal and CS 06 · Cancellation save in one real n8n 2.x, driven through their real triggers: the daily
 * Schedule Trigger made to fire every few seconds over customers seeded into cs_customers, and signed events. Days
 * of waiting last seconds (delay_unit seconds); due times of tasks are the CS Playbook's, in real days and hours.
 *
 * Renewal: Nina (90 days, healthy) gets her CSM's renewal alert and opportunity; Sam (60 days, Spanish) the renewal
 * email, the call and the QBR preparation; Tia, Uma and Rex (30 days) the reminder, after which Tia, who never
 * answers, is escalated to the CS manager, while Uma answers (renewal_answered) and Rex renews (renewal_completed) in
 * time and are not; Fay (45 days) and Carl (30 days, cancelled) get nothing; repeated runs change nothing. Eve comes
 * through the trigger: renewal_in_60_days.
 *
 * Cancellation: Kim asks to cancel and never accepts: the CSM's urgent alert, the invitation to the save call, the
 * tasks (the call within 2 hours), the executive after the delay; asking again changes nothing. Leo accepts the save
 * in time (saved), Mia rejects it (the executive at once, once), Ned's subscription ends (cancelled).
 */
import { DateTime } from 'luxon';

import { SETUP_TIMEOUT_MS, testWithServerLog } from './n8n-server';
import { everySeconds, TemplateEnv, type Email } from './template-env';

const RENEWAL = 'cs-03-renewal';
const CANCELLATION = 'cs-06-cancellation-save';
const SCHEDULE_SECONDS = 5;
const RENEWAL_ESCALATE_SECONDS = 12;
const CANCELLATION_ESCALATE_SECONDS = 10;
const SAVE_OFFER = '3 months at 50% off';

const env = new TemplateEnv(
	'templates-renewal',
	{
		[RENEWAL]: { delay_unit: 'seconds', escalate_after_days: RENEWAL_ESCALATE_SECONDS },
		[CANCELLATION]: {
			delay_unit: 'seconds',
			escalate_after_days: CANCELLATION_ESCALATE_SECONDS,
			save_offer: SAVE_OFFER,
		},
	},
	(file, workflow) => (file === RENEWAL ? everySeconds(workflow, SCHEDULE_SECONDS) : workflow),
);
const test = testWithServerLog(env.server);

beforeAll(() => env.start(), SETUP_TIMEOUT_MS);
afterAll(() => env.dispose(), 60_000);

const CSM = 'csm@acme.example';
const CARLA = 'carla@acme.example';
const MANAGER = 'cs-manager@acme.example';
const EXECUTIVE = 'vp-cs@acme.example';

type Json = Record<string, any>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const to = (address: string) => (email: Email) => email.to.includes(address);
const mail = (email: Email) => [email.to.join(','), email.subject];
/** A date column as n8n's database holds it ("2027-03-01 06:00:00.000", UTC), in milliseconds. */
const ms = (value: unknown) => new Date(`${String(value).replace(' ', 'T')}Z`).getTime();

async function until<T>(
	what: string,
	check: () => Promise<T | undefined | false> | T | undefined | false,
	timeoutMs = 90_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline)
			throw new Error(
				`timed out waiting for ${what}; emails: ${JSON.stringify(env.emails().map(mail))}`,
			);
		await sleep(250);
	}
}

const rowsOf = async (table: string, customer: string) =>
	(await env.rows(table)).filter((row) => row.customer_id === customer);

/** Finished executions of a template; and that none failed. */
async function finished(file: string, mode?: string) {
	const executions = (await env.executions(file)).filter(
		(execution) => !mode || execution.mode === mode,
	);
	return executions.filter(
		(execution) => !['new', 'running', 'waiting'].includes(execution.status),
	);
}
async function expectNoFailedExecutions(file: string) {
	for (const execution of await finished(file)) {
		if (execution.status === 'success') continue;
		const { resultData } = await env.server.executionData(execution.id);
		throw new Error(
			`${file} execution ${execution.id} ${execution.status}: ${resultData.error?.node?.name}: ${resultData.error?.message}`,
		);
	}
}

// ----- Renewal -----

/** A renewal `days` calendar days ahead in the customer's zone, at noon there. */
const renewalIn = (days: number, zone: string) =>
	DateTime.now()
		.setZone(zone)
		.plus({ days })
		.set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
const dateText = (date: DateTime, locale = 'en') =>
	date.setLocale(locale).toLocaleString(DateTime.DATE_FULL);

const MEXICO = 'America/Mexico_City';
const MADRID = 'Europe/Madrid';
const TOKYO = 'Asia/Tokyo';
const NEW_YORK = 'America/New_York';
const LONDON = 'Europe/London';

const NINA_RENEWAL = renewalIn(90, MEXICO);
const SAM_RENEWAL = renewalIn(60, MADRID);
const THIRTY = renewalIn(30, TOKYO);
const FAY_RENEWAL = renewalIn(45, MADRID);
const CARL_RENEWAL = renewalIn(30, NEW_YORK);

// Nina's metrics give 85 with the default model: product usage 50 (half of each ideal), the rest 100.
const NINA = {
	customer_id: 'cust-nina',
	email: 'nina@nina.example',
	first_name: 'Nina',
	company: 'Nina Corp',
	plan: 'pro',
	mrr: 900,
	timezone: MEXICO,
	csm_name: 'Carla Diaz',
	csm_email: CARLA,
	subscription_status: 'active',
	renewal_date: NINA_RENEWAL.toISO(),
	dau_mau_ratio: 0.25,
	feature_adoption: 0.35,
	conversations_per_week: 50,
	last_login_at: new Date(Date.now() - 3600_000).toISOString(),
	logins_per_week: 5,
	features_used_this_month: 10,
	open_tickets: 0,
	avg_csat: 5,
	escalations: 0,
	nps_score: 10,
	meetings_attended: 1,
	responses_to_outreach: 1,
	payment_health: 1,
	growth_potential: 1,
	contract_length: 12,
};
const SAM = {
	customer_id: 'cust-sam',
	email: 'sam@sam.example',
	first_name: 'Sam',
	company: 'Sam SL',
	plan: 'growth',
	mrr: 490,
	locale: 'es',
	timezone: MADRID,
	subscription_status: 'active',
	renewal_date: SAM_RENEWAL.toISO(),
};
const TIA = {
	customer_id: 'cust-tia',
	email: 'tia@tia.example',
	first_name: 'Tia',
	company: 'Tia KK',
	plan: 'starter',
	mrr: 99,
	timezone: TOKYO,
	subscription_status: 'active',
	renewal_date: THIRTY.toISO(),
};
const UMA = {
	customer_id: 'cust-uma',
	email: 'uma@uma.example',
	first_name: 'Uma',
	company: 'Uma KK',
	plan: 'growth',
	mrr: 490,
	timezone: TOKYO,
	subscription_status: 'active',
	renewal_date: THIRTY.toISO(),
};
const REX = {
	customer_id: 'cust-rex',
	email: 'rex@rex.example',
	first_name: 'Rex',
	company: 'Rex KK',
	plan: 'pro',
	mrr: 900,
	timezone: TOKYO,
	subscription_status: 'active',
	renewal_date: THIRTY.toISO(),
};
const FAY = {
	customer_id: 'cust-fay',
	email: 'fay@fay.example',
	first_name: 'Fay',
	company: 'Fay SA',
	timezone: MADRID,
	subscription_status: 'active',
	renewal_date: FAY_RENEWAL.toISO(),
};
const CARL = {
	customer_id: 'cust-carl',
	email: 'carl@carl.example',
	first_name: 'Carl',
	company: 'Carl Inc',
	timezone: NEW_YORK,
	subscription_status: 'cancelled',
	renewal_date: CARL_RENEWAL.toISO(),
};
const RENEWAL_CUSTOMERS = [NINA, SAM, TIA, UMA, REX, FAY, CARL];
const EVE = {
	customer_id: 'cust-eve',
	email: 'eve@eve.example',
	first_name: 'Eve',
	company: 'Eve Ltd',
	plan: 'growth',
	mrr: 490,
	timezone: LONDON,
};

const reminder = (name: string) => `${name}, your Acme renewal is on ${dateText(THIRTY)}`;
const RENEWAL_EMAILS = [
	[CARLA, '[Low] Renewal in 90 days: Nina Corp'],
	[SAM.email, 'Sam, tu renovación se acerca'],
	[TIA.email, reminder('Tia')],
	[UMA.email, reminder('Uma')],
	[REX.email, reminder('Rex')],
];
const renewalRecipients = [CARLA, MANAGER, ...RENEWAL_CUSTOMERS.map((customer) => customer.email)];
const renewalEmails = () =>
	env.emails().filter((email) => renewalRecipients.some((address) => email.to.includes(address)));

describe('CS 03 · Renewal', () => {
	let tiaRemindedAt = 0;

	test('the daily run mails the 90-, 60- and 30-day customers, in that order, and nobody else', async () => {
		await env.seedCustomers(RENEWAL_CUSTOMERS);
		// (A run may read the customers while they are being seeded: Tia's reminder can come a run before Uma's.)
		await until('Tia’s reminder', () => env.emails().some(to(TIA.email)));
		tiaRemindedAt = Date.now();
		await until('the three reminders', () => renewalEmails().length >= RENEWAL_EMAILS.length);
		// Uma answers and Rex renews, well within the escalation delay.
		for (const [customer, event] of [
			[UMA, 'renewal_answered'],
			[REX, 'renewal_completed'],
		] as const) {
			const response = await env.sendEvent('customer-success/renewal', {
				event,
				eventId: `${event}-${customer.customer_id}`,
				customer: { customer_id: customer.customer_id },
			});
			expect([event, response.status]).toEqual([event, 202]);
		}
		expect(renewalEmails().map(mail)).toEqual(RENEWAL_EMAILS);

		const nina = renewalEmails()[0];
		expect(nina.text).toContain(
			`Nina Corp renews on ${dateText(NINA_RENEWAL)} (pro, $900/month). Health score 85 (grade A, healthy).`,
		);
		expect(nina.text).toContain(
			'Review the renewal opportunity in your tasks and update the renewal forecast',
		);
		expect(nina.text).toContain(
			'The renewal email goes to the customer 60 days before the renewal',
		);
		expect(nina.text).toContain('Email: nina@nina.example');
		const sam = renewalEmails()[1];
		expect(sam.text).toContain(
			`Tu suscripción a Acme se renueva el ${dateText(SAM_RENEWAL, 'es')}.`,
		);
		expect(sam.text).toContain('Precio: $490/mes');
		expect(renewalEmails()[2].text).toContain(`Your plan: starter`);
	});

	test('after the delay without an answer, Tia alone is escalated to the CS manager', async () => {
		const escalation = await until('Tia’s escalation', () => env.emails().find(to(MANAGER)));
		expect(escalation.subject).toBe('[High] Renewal escalation: no answer from Tia KK');
		expect(escalation.text).toContain(
			`Tia KK renews on ${dateText(THIRTY)} and has not answered the renewal reminder sent ${RENEWAL_ESCALATE_SECONDS} seconds ago.`,
		);
		expect(Date.now() - tiaRemindedAt).toBeGreaterThan((RENEWAL_ESCALATE_SECONDS - 1) * 1000);
		// Uma's and Rex's waits have ended too (same run, or at most a few seconds later).
		await sleep(4000);
		expect(renewalEmails().map(mail)).toEqual([
			...RENEWAL_EMAILS,
			[MANAGER, '[High] Renewal escalation: no answer from Tia KK'],
		]);
	});

	test('the enrolments: one per customer and window, stopped by the answers', async () => {
		const enrolments = await env.rows('cs_enrolments');
		const of = (customer: { customer_id: string }) =>
			enrolments
				.filter((row) => row.customer_id === customer.customer_id)
				.map((row) => ({
					enrolment_id: row.enrolment_id,
					sequence: row.sequence,
					status: row.status,
					step: row.step,
					step_name: row.step_name,
					stop_reason: row.stop_reason,
				}));
		expect(of(NINA)).toEqual([
			{
				enrolment_id: `renewal_90:cust-nina:${NINA_RENEWAL.toISODate()}`,
				sequence: 'renewal_90',
				status: 'completed',
				step: 3,
				step_name: 'notify_csm',
				stop_reason: null,
			},
		]);
		expect(of(SAM)).toEqual([
			{
				enrolment_id: `renewal_60:cust-sam:${SAM_RENEWAL.toISODate()}`,
				sequence: 'renewal_60',
				status: 'completed',
				step: 3,
				step_name: 'prepare_qbr',
				stop_reason: null,
			},
		]);
		const thirty = (customer: { customer_id: string }) =>
			`renewal_30:${customer.customer_id}:${THIRTY.toISODate()}`;
		expect(of(TIA)).toEqual([
			{
				enrolment_id: thirty(TIA),
				sequence: 'renewal_30',
				status: 'completed',
				step: 2,
				step_name: 'escalate_if_no_response',
				stop_reason: null,
			},
		]);
		expect(of(UMA)).toEqual([
			{
				enrolment_id: thirty(UMA),
				sequence: 'renewal_30',
				status: 'stopped',
				step: 1,
				step_name: 'send_renewal_reminder',
				stop_reason: 'answered',
			},
		]);
		expect(of(REX)).toEqual([
			{
				enrolment_id: thirty(REX),
				sequence: 'renewal_30',
				status: 'stopped',
				step: 1,
				step_name: 'send_renewal_reminder',
				stop_reason: 'renewed',
			},
		]);
		expect(of(FAY)).toEqual([]);
		expect(of(CARL)).toEqual([]);
	});

	test('the tasks: the opportunity, the renewal call in 3 days, the QBR preparation in 7, the manager’s escalation', async () => {
		const task = (row: Json) => ({
			type: row.type,
			title: row.title,
			owner: row.owner,
			owner_email: row.owner_email,
			priority: row.priority,
			status: row.status,
			source: row.source,
		});

		const [opportunity, ...moreNina] = await rowsOf('cs_tasks', NINA.customer_id);
		expect(moreNina).toEqual([]);
		expect(task(opportunity)).toEqual({
			type: 'task',
			title: `Renewal opportunity: Nina Corp renews on ${NINA_RENEWAL.toISODate()}`,
			owner: 'csm',
			owner_email: CARLA,
			priority: 'normal',
			status: 'open',
			source: 'renewal 90: create_renewal_opp',
		});
		expect(opportunity.details).toContain(
			'Health score 85 (grade A, healthy). Plan pro, $900/month.',
		);
		expect(ms(opportunity.due_at)).toBe(NINA_RENEWAL.startOf('day').toMillis());

		const samTasks = await rowsOf('cs_tasks', SAM.customer_id);
		// The playbook's start is in the task id; due times are calendar days after it in the customer's zone.
		const started = DateTime.fromISO(String(samTasks[0].task_id).split(':').slice(3).join(':'), {
			zone: MADRID,
		});
		const [enrolledSam] = await rowsOf('cs_enrolments', SAM.customer_id);
		expect(Math.abs(started.toMillis() - ms(enrolledSam.started_at))).toBeLessThan(15_000);
		expect(samTasks.map(task)).toEqual([
			{
				type: 'call',
				title: 'schedule renewal call',
				owner: 'csm',
				owner_email: CSM,
				priority: 'normal',
				status: 'open',
				source: 'renewal 60: schedule_renewal_call',
			},
			{
				type: 'task',
				title: 'prepare qbr',
				owner: 'csm',
				owner_email: CSM,
				priority: 'normal',
				status: 'open',
				source: 'renewal 60: prepare_qbr',
			},
		]);
		expect(ms(samTasks[0].due_at)).toBe(started.plus({ days: 3 }).toMillis());
		expect(ms(samTasks[1].due_at)).toBe(started.plus({ days: 7 }).toMillis());

		const [escalation, ...moreTia] = await rowsOf('cs_tasks', TIA.customer_id);
		expect(moreTia).toEqual([]);
		expect(task(escalation)).toEqual({
			type: 'task',
			title: 'escalate if no response',
			owner: 'cs_manager',
			owner_email: MANAGER,
			priority: 'urgent',
			status: 'open',
			source: 'renewal 30: escalate_if_no_response',
		});
		const [enrolledTia] = await rowsOf('cs_enrolments', TIA.customer_id);
		expect(ms(escalation.due_at) - ms(enrolledTia.started_at)).toBeGreaterThanOrEqual(
			RENEWAL_ESCALATE_SECONDS * 1000,
		);
		for (const customer of [UMA, REX, FAY, CARL])
			expect([customer.customer_id, await rowsOf('cs_tasks', customer.customer_id)]).toEqual([
				customer.customer_id,
				[],
			]);
	});

	test('the renewal_in_60_days event enrols its customer once; later runs and a repeated event change nothing', async () => {
		const before = (await finished(RENEWAL, 'trigger')).length;
		const eventsBefore = (await finished(RENEWAL, 'webhook')).length;
		const first = await env.sendEvent('customer-success/renewal', {
			event: 'renewal_in_60_days',
			eventId: 'eve-60-1',
			customer: EVE,
		});
		expect(first.status).toBe(202);
		const email = await until('Eve’s renewal email', () => env.emails().find(to(EVE.email)));
		const renewal = DateTime.now().setZone(LONDON).startOf('day').plus({ days: 60 });
		expect(email.subject).toBe('Eve, your renewal is coming up');
		expect(email.text).toContain(`Your Acme subscription renews on ${dateText(renewal)}.`);
		const again = await env.sendEvent('customer-success/renewal', {
			event: 'renewal_in_60_days',
			eventId: 'eve-60-2',
			customer: EVE,
		});
		expect(again.status).toBe(202);
		await until(
			'both events to finish',
			async () => (await finished(RENEWAL, 'webhook')).length >= eventsBefore + 2,
		);
		// At least three more daily runs over everybody.
		await until(
			'three more daily runs',
			async () => (await finished(RENEWAL, 'trigger')).length >= before + 3,
			60_000,
		);

		expect(env.emails().filter(to(EVE.email)).map(mail)).toEqual([
			[EVE.email, 'Eve, your renewal is coming up'],
		]);
		expect(
			(await rowsOf('cs_enrolments', EVE.customer_id)).map((row) => [row.enrolment_id, row.status]),
		).toEqual([[`renewal_60:cust-eve:${renewal.toISODate()}`, 'completed']]);
		expect((await rowsOf('cs_tasks', EVE.customer_id)).map((row) => row.title)).toEqual([
			'schedule renewal call',
			'prepare qbr',
		]);
		expect(
			(await rowsOf('cs_customers', EVE.customer_id)).map((row) => [row.email, row.timezone]),
		).toEqual([[EVE.email, LONDON]]);

		// Nobody was enrolled or mailed twice by the repeated runs.
		expect(renewalEmails().map(mail)).toEqual([
			...RENEWAL_EMAILS,
			[MANAGER, '[High] Renewal escalation: no answer from Tia KK'],
		]);
		const enrolments = await env.rows('cs_enrolments');
		expect(enrolments.filter((row) => String(row.sequence).startsWith('renewal_')).length).toBe(6);
		await expectNoFailedExecutions(RENEWAL);
	});
});

// ----- Cancellation save -----

const KIM = {
	customer_id: 'cust-kim',
	email: 'kim@kim.example',
	first_name: 'Kim',
	company: 'Kim GmbH',
	plan: 'pro',
	mrr: 900,
	timezone: 'Europe/Berlin',
	csm_name: 'Carla Diaz',
	csm_email: CARLA,
};
const LEO = {
	customer_id: 'cust-leo',
	email: 'leo@leo.example',
	first_name: 'Leo',
	company: 'Leo BV',
	timezone: 'Europe/Amsterdam',
};
const MIA = {
	customer_id: 'cust-mia',
	email: 'mia@mia.example',
	first_name: 'Mia',
	company: 'Mia AB',
	timezone: 'Europe/Stockholm',
};
const NED = {
	customer_id: 'cust-ned',
	email: 'ned@ned.example',
	first_name: 'Ned',
	company: 'Ned Oy',
	timezone: 'Europe/Helsinki',
};
const CANCEL_PATH = 'customer-success/cancellation';
const alertSubject = (company: string) => `[Critical] Cancellation request: ${company}`;
const escalationSubject = (company: string) => `[Critical] Cancellation escalation: ${company}`;
const invitation = (name: string) => `${name}, before you go: can we talk?`;

describe('CS 06 · Cancellation save', () => {
	const requestedAt: Record<string, number> = {};
	const cancellationMail = () =>
		env
			.emails()
			.filter((email) => /Cancellation (request|escalation)|before you go/.test(email.subject));

	async function request(
		customer: { customer_id: string; email: string; first_name: string },
		reason?: string,
	) {
		requestedAt[customer.customer_id] = Date.now();
		const response = await env.sendEvent(CANCEL_PATH, {
			event: 'cancellation_requested',
			eventId: `cancel-${customer.customer_id}`,
			customer,
			...(reason ? { data: { reason } } : {}),
		});
		expect(response.status).toBe(202);
		await until(`${customer.first_name}’s invitation`, () =>
			env
				.emails()
				.find(
					(email) =>
						email.to.includes(customer.email) && email.subject === invitation(customer.first_name),
				),
		);
	}

	test('a request: the CSM’s urgent alert with the call due in 2 hours, then the customer’s invitation with the offer', async () => {
		await request(KIM, 'too expensive');
		expect(cancellationMail().map(mail)).toEqual([
			[CARLA, alertSubject('Kim GmbH')],
			[KIM.email, invitation('Kim')],
		]);
		const [alert, customerEmail] = cancellationMail();
		const [call] = (await rowsOf('cs_tasks', KIM.customer_id)).filter(
			(row) => row.title === 'Immediate call to customer',
		);
		const due = DateTime.fromMillis(ms(call.due_at), { zone: KIM.timezone });
		expect(alert.text).toContain(
			'Kim GmbH asked to cancel (too expensive). Keep the cancellation on hold until you have called. Plan pro, 900/month.',
		);
		expect(alert.text).toContain(
			`Call Kim GmbH before ${due.toFormat('yyyy-MM-dd HH:mm')} (Europe/Berlin time): the save call is in your tasks`,
		);
		expect(alert.text).toContain(
			`Present the save offer (${SAVE_OFFER}) if the customer is open to it`,
		);
		expect(alert.text).toContain(`Due: ${due.toISO()}`);
		expect(customerEmail.text).toContain(
			`And if it helps you stay, I can offer you ${SAVE_OFFER}.`,
		);
		expect(customerEmail.text).toContain('Carla Diaz');

		const [customer] = await rowsOf('cs_customers', KIM.customer_id);
		expect(Boolean(customer.cancellation_requested)).toBe(true);
	});

	test('the tasks: the save call within 2 hours and its agenda (docs/sources.md#save-playbooks), the offer to prepare now (docs/sources.md#cs-workflows)', async () => {
		const tasks = await rowsOf('cs_tasks', KIM.customer_id);
		expect(
			tasks.map((row) => ({
				type: row.type,
				title: row.title,
				owner: row.owner,
				owner_email: row.owner_email,
				priority: row.priority,
				source: row.source,
			})),
		).toEqual([
			{
				type: 'call',
				title: 'Immediate call to customer',
				owner: 'csm',
				owner_email: CARLA,
				priority: 'urgent',
				source: 'save call: Immediate call to customer',
			},
			{
				type: 'call',
				title: 'Understand reasons and document',
				owner: 'csm',
				owner_email: CARLA,
				priority: 'urgent',
				source: 'save call: Understand reasons and document',
			},
			{
				type: 'call',
				title: 'Present save offer if appropriate',
				owner: 'csm',
				owner_email: CARLA,
				priority: 'urgent',
				source: 'save call: Present save offer if appropriate',
			},
			{
				type: 'task',
				title: 'prepare save offer',
				owner: 'csm',
				owner_email: CARLA,
				priority: 'urgent',
				source: 'save offer: prepare_save_offer',
			},
		]);
		// The playbook's start is in the task id; the call is due exactly 2 hours later, its agenda with it.
		const start = DateTime.fromISO(
			String(tasks[0].task_id).split(':').slice(3).join(':'),
		).toMillis();
		expect(Math.abs(start - requestedAt[KIM.customer_id])).toBeLessThan(15_000);
		for (const row of tasks.slice(0, 3)) expect(ms(row.due_at) - start).toBe(2 * 3600_000);
		expect(tasks[2].details).toContain('Only if: If customer is open to discussion');
		expect(Math.abs(ms(tasks[3].due_at) - start)).toBeLessThan(3000);
	});

	test('Leo accepts, Mia rejects (the executive at once), Ned cancels; Kim asks again: nothing new', async () => {
		await request(LEO);
		expect(
			(
				await env.sendEvent(CANCEL_PATH, {
					event: 'save_accepted',
					eventId: 'saved-leo',
					customer: { customer_id: LEO.customer_id },
				})
			).status,
		).toBe(202);
		await request(MIA);
		expect(
			(
				await env.sendEvent(CANCEL_PATH, {
					event: 'save_rejected',
					eventId: 'rejected-mia',
					customer: { customer_id: MIA.customer_id },
					data: { reason: 'moving to a competitor' },
				})
			).status,
		).toBe(202);
		const miaEscalation = await until('Mia’s escalation', () =>
			env.emails().find((email) => email.subject === escalationSubject('Mia AB')),
		);
		expect(Date.now() - requestedAt[MIA.customer_id]).toBeLessThan(
			CANCELLATION_ESCALATE_SECONDS * 1000,
		);
		expect(miaEscalation.to).toEqual([EXECUTIVE]);
		expect(miaEscalation.text).toContain(
			'The customer rejected the save offer: moving to a competitor. CSM: Your CSM (csm@acme.example).',
		);
		await request(NED);
		expect(
			(
				await env.sendEvent(CANCEL_PATH, {
					event: 'subscription_cancelled',
					eventId: 'cancelled-ned',
					customer: { customer_id: NED.customer_id },
				})
			).status,
		).toBe(202);
		const again = await env.sendEvent(CANCEL_PATH, {
			event: 'cancellation_requested',
			eventId: 'cancel-kim-again',
			customer: { customer_id: KIM.customer_id },
		});
		expect(again.status).toBe(202);
		await until(
			'every event to arrive',
			async () => (await env.executions(CANCELLATION)).length >= 8,
		);
	});

	test('after the delay only Kim is escalated; the sequences ended as they should', async () => {
		const kimEscalation = await until('Kim’s escalation', () =>
			env.emails().find((email) => email.subject === escalationSubject('Kim GmbH')),
		);
		expect(kimEscalation.to).toEqual([EXECUTIVE]);
		expect(kimEscalation.text).toContain(
			`No accepted save ${CANCELLATION_ESCALATE_SECONDS} seconds after the cancellation request. CSM: Carla Diaz (carla@acme.example).`,
		);
		expect(Date.now() - requestedAt[KIM.customer_id]).toBeGreaterThanOrEqual(
			CANCELLATION_ESCALATE_SECONDS * 1000,
		);
		// Wait until the last waits (Ned's) are over.
		await until(
			'every save sequence to end',
			async () =>
				(await finished(CANCELLATION)).length === (await env.executions(CANCELLATION)).length,
			(CANCELLATION_ESCALATE_SECONDS + 30) * 1000,
		);
		await sleep(1000);

		// Kim's escalation comes when her delay is over, somewhere among the others' emails.
		const kimsEscalation = (email: Email) => email.subject === escalationSubject('Kim GmbH');
		expect(cancellationMail().filter(kimsEscalation).map(mail)).toEqual([
			[EXECUTIVE, escalationSubject('Kim GmbH')],
		]);
		expect(
			cancellationMail()
				.filter((email) => !kimsEscalation(email))
				.map(mail),
		).toEqual([
			[CARLA, alertSubject('Kim GmbH')],
			[KIM.email, invitation('Kim')],
			[CSM, alertSubject('Leo BV')],
			[LEO.email, invitation('Leo')],
			[CSM, alertSubject('Mia AB')],
			[MIA.email, invitation('Mia')],
			[EXECUTIVE, escalationSubject('Mia AB')],
			[CSM, alertSubject('Ned Oy')],
			[NED.email, invitation('Ned')],
		]);

		const enrolment = async (customer: { customer_id: string }) =>
			(await rowsOf('cs_enrolments', customer.customer_id)).map((row) => ({
				sequence: row.sequence,
				status: row.status,
				step: row.step,
				step_name: row.step_name,
				stop_reason: row.stop_reason,
			}));
		expect(await enrolment(KIM)).toEqual([
			{
				sequence: 'cancellation_save',
				status: 'completed',
				step: 5,
				step_name: 'escalate_to_executive',
				stop_reason: 'not saved in time',
			},
		]);
		expect(await enrolment(LEO)).toEqual([
			{
				sequence: 'cancellation_save',
				status: 'stopped',
				step: 4,
				step_name: 'prepare_save_offer',
				stop_reason: 'saved',
			},
		]);
		expect(await enrolment(MIA)).toEqual([
			{
				sequence: 'cancellation_save',
				status: 'completed',
				step: 5,
				step_name: 'escalate_to_executive',
				stop_reason: 'save rejected',
			},
		]);
		expect(await enrolment(NED)).toEqual([
			{
				sequence: 'cancellation_save',
				status: 'stopped',
				step: 4,
				step_name: 'prepare_save_offer',
				stop_reason: 'cancelled',
			},
		]);

		const escalations = (await env.rows('cs_tasks')).filter(
			(row) => row.title === 'escalate to executive',
		);
		expect(
			escalations.map((row) => [
				row.customer_id,
				row.type,
				row.owner,
				row.owner_email,
				row.priority,
			]),
		).toEqual([
			[MIA.customer_id, 'task', 'executive', EXECUTIVE, 'urgent'],
			[KIM.customer_id, 'task', 'executive', EXECUTIVE, 'urgent'],
		]);
		const kimTask = escalations[1];
		expect(ms(kimTask.due_at) - requestedAt[KIM.customer_id]).toBeGreaterThanOrEqual(
			CANCELLATION_ESCALATE_SECONDS * 1000,
		);

		const customer = async (row: { customer_id: string }) =>
			(await rowsOf('cs_customers', row.customer_id))[0];
		expect(Boolean((await customer(KIM)).cancellation_requested)).toBe(true);
		expect(Boolean((await customer(LEO)).cancellation_requested)).toBe(false);
		expect((await customer(NED)).subscription_status).toBe('cancelled');
		expect((await customer(NED)).cancelled_at).toBeTruthy();

		// 4 requests, Kim's second, and the three answers.
		expect((await env.executions(CANCELLATION)).map((execution) => execution.status)).toEqual(
			Array(8).fill('success'),
		);
		await expectNoFailedExecutions(RENEWAL);
	});
});
