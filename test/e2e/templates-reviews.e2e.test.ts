/**
 * CS 10 · Business reviews and CS 11 · Advocacy and referrals in one real n8n 2.x with the packed package, driven
 * through their real triggers: their Schedule Triggers fire every few seconds (everySeconds) over customers seeded into
 * cs_customers, and a signed referral_signup event reaches CS 11's Customer Success Trigger. Emails arrive in a real
 * SMTP sink.
 *
 * Business reviews: Hana, Sofía (Spanish) and Quinn, healthy, get their monthly results review of the last complete
 * month, once; Quinn's and Rita's renewals are near, so their CSMs (Quinn's own, Rita's the Settings CSM) get the
 * quarterly business review with a "prepare the QBR" task, once per renewal; Rita (critical), Carl (cancelled), Ned
 * (no data), Olga (reviewed this month already) and Ivo (renewal far away) get nothing more.
 *
 * Advocacy: Pia and Max (promoters, health 70+, never approached) are invited with their suggested activities and
 * their own referral code, once; Paul (health 60), Pat (NPS 8) and Ada (approached already) are not. A new customer
 * who signs up with Pia's code (retyped in lower case without the hyphen) rewards Pia once, however often the event
 * comes; a forged code rewards nobody.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { DateTime } from 'luxon';

import { createReferralCode } from '../../src/advocacy';
import { monthLabel, quarterLabel } from '../../src/reviews/text';
import { MIXED_METRICS_NO_LOGIN, PERFECT_METRICS_NO_LOGIN } from './customers';
import { SETUP_TIMEOUT_MS, testWithServerLog } from './n8n-server';
import { everySeconds, TemplateEnv, type Email } from './template-env';

const REVIEWS = 'cs-10-business-reviews';
const ADVOCACY = 'cs-11-advocacy-referrals';
const SCHEDULE_SECONDS = 6;
const REFERRAL_SECRET = 'e2e-referral-secret-4f2a9c71d0b3';

const env = new TemplateEnv(
	'templates-reviews',
	{ [REVIEWS]: {}, [ADVOCACY]: {} },
	(_file, workflow) => everySeconds(workflow, SCHEDULE_SECONDS),
);
const test = testWithServerLog(env.server);

beforeAll(async () => {
	await env.start();
	// The referral credential CS 11 names (scripts/start.sh creates it for npm start); TemplateEnv creates the SMTP and
	// webhook ones. Imported with n8n stopped, as TemplateEnv imports its own.
	await env.server.stop();
	const file = path.join(env.server.userFolder, 'referral-credential.json');
	fs.writeFileSync(
		file,
		JSON.stringify([
			{
				id: 'csDemoReferral01',
				name: 'CS referral secret',
				type: 'customerSuccessReferralApi',
				data: { secret: REFERRAL_SECRET, previousSecret: '' },
			},
		]),
	);
	await env.server.cli(['import:credentials', `--input=${file}`]);
	await env.server.start();
}, SETUP_TIMEOUT_MS);
afterAll(() => env.dispose(), 60_000);

type Json = Record<string, any>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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

const finished = async (file: string, mode?: string) =>
	(await env.executions(file)).filter(
		(execution) =>
			(!mode || execution.mode === mode) &&
			!['new', 'running', 'waiting'].includes(execution.status),
	);

/** Waits for `count` more finished scheduled runs of a template. */
async function runs(file: string, count: number): Promise<void> {
	const target = (await finished(file, 'trigger')).length + count;
	await until(
		`${count} more runs of ${file}`,
		async () => (await finished(file, 'trigger')).length >= target,
		(SCHEDULE_SECONDS + 20) * 1000 * count,
	);
}

async function expectNoFailedExecutions(file: string) {
	const all = await finished(file);
	expect(all.length).toBeGreaterThan(0);
	for (const execution of all) {
		if (execution.status === 'success') continue;
		const { resultData } = await env.server.executionData(execution.id);
		throw new Error(
			`${file} execution ${execution.id} ${execution.status}: ${resultData.error?.node?.name}: ${resultData.error?.message}`,
		);
	}
}

const rowOf = async (table: string, customer: string) =>
	(await env.rows(table)).find((row) => row.customer_id === customer);

// ----- CS 10 · Business reviews -----

const UTC = 'UTC';
const MADRID = 'Europe/Madrid';
/** Noon in `zone`, `days` calendar days from today there. */
const inDays = (days: number, zone: string) =>
	DateTime.now()
		.setZone(zone)
		.plus({ days })
		.set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
/** The last complete month before today in `zone`: its first day and its name. */
const lastMonth = (zone: string) =>
	DateTime.now().setZone(zone).startOf('month').minus({ months: 1 });
const lastQuarter = (zone: string) =>
	DateTime.now().setZone(zone).startOf('quarter').minus({ quarters: 1 });

const SUCCESS_PLAN = {
	start_date: '2026-01-01',
	goals: [
		{
			name: 'Response time',
			baseline: 120,
			target: 5,
			current: 30,
			deadline: '2099-06-30',
			unit: 'min',
		},
	],
};
const active = { subscription_status: 'active', timezone: UTC };

const HANA = {
	customer_id: 'cust-hana',
	email: 'hana@hana.test',
	first_name: 'Hana',
	company: 'Hana Ltd',
	csm_name: 'Carla Diaz',
	csm_email: 'carla@acme.test',
	mrr: 900,
	...active,
	renewal_date: inDays(200, UTC).toISO(),
	success_plan: JSON.stringify(SUCCESS_PLAN),
	...PERFECT_METRICS_NO_LOGIN,
};
const SOFIA = {
	customer_id: 'cust-sofia',
	email: 'sofia@sofia.test',
	first_name: 'Sofía',
	company: 'Sofía SL',
	csm_name: 'Carla Diaz',
	csm_email: 'carla@acme.test',
	locale: 'es',
	subscription_status: 'active',
	timezone: MADRID,
	...PERFECT_METRICS_NO_LOGIN,
};
const QUINN_RENEWAL = inDays(20, UTC);
const QUINN = {
	customer_id: 'cust-quinn',
	email: 'quinn@quinn.test',
	first_name: 'Quinn',
	company: 'Quinn Co',
	csm_name: 'Quentin',
	csm_email: 'quentin@acme.test',
	mrr: 490,
	...active,
	renewal_date: QUINN_RENEWAL.toISO(),
	...PERFECT_METRICS_NO_LOGIN,
};
// 58, critical: no monthly review; her renewal is near, so the Settings CSM gets her QBR.
const RITA_RENEWAL = inDays(30, UTC);
const RITA = {
	customer_id: 'cust-rita',
	email: 'rita@rita.test',
	first_name: 'Rita',
	company: 'Rita AG',
	...active,
	renewal_date: RITA_RENEWAL.toISO(),
	...MIXED_METRICS_NO_LOGIN,
};
const CARL = {
	customer_id: 'cust-carl',
	email: 'carl@carl.test',
	first_name: 'Carl',
	company: 'Carl Inc',
	subscription_status: 'cancelled',
	timezone: UTC,
	renewal_date: inDays(10, UTC).toISO(),
	...PERFECT_METRICS_NO_LOGIN,
};
const NED = {
	customer_id: 'cust-ned',
	email: 'ned@ned.test',
	company: 'Ned Ltd',
	...active,
	renewal_date: inDays(15, UTC).toISO(),
};
// Reviewed this month already (its last_monthly_review is the month the review covers).
const OLGA = {
	customer_id: 'cust-olga',
	email: 'olga@olga.test',
	first_name: 'Olga',
	company: 'Olga Oy',
	...active,
	last_monthly_review: lastMonth(UTC).toISODate(),
	...PERFECT_METRICS_NO_LOGIN,
};
// Renewal 46 days away: outside the 45-day QBR window; healthy, so the monthly review.
const IVO = {
	customer_id: 'cust-ivo',
	email: 'ivo@ivo.test',
	first_name: 'Ivo',
	company: 'Ivo BV',
	...active,
	renewal_date: inDays(46, UTC).toISO(),
	...PERFECT_METRICS_NO_LOGIN,
};

const REVIEW_CUSTOMERS = [HANA, SOFIA, QUINN, RITA, CARL, NED, OLGA, IVO];

const monthlySubject = (company: string, zone = UTC) => {
	const month = lastMonth(zone);
	return `📊 ${company} - Your results for ${monthLabel(month.year, month.month, 'en')}`;
};
const quarter = lastQuarter(UTC);
const qbrSubject = (renewal: DateTime, company: string) =>
	`QBR to prepare before the renewal on ${renewal.toISODate()}: ${company}: Quarterly business review, ${quarterLabel(quarter.year, quarter.quarter, 'en')}`;

const REVIEW_EMAILS = [
	['hana@hana.test', monthlySubject('Hana Ltd')],
	[
		'sofia@sofia.test',
		`📊 Sofía SL - Tus resultados de ${monthLabel(lastMonth(MADRID).year, lastMonth(MADRID).month, 'es')}`,
	],
	['quinn@quinn.test', monthlySubject('Quinn Co')],
	['ivo@ivo.test', monthlySubject('Ivo BV')],
	['quentin@acme.test', qbrSubject(QUINN_RENEWAL, 'Quinn Co')],
	['csm@acme.example', qbrSubject(RITA_RENEWAL, 'Rita AG')],
];
const isReview = (email: Email) =>
	email.subject.startsWith('📊') || email.subject.startsWith('QBR to prepare');
const reviewEmails = () => env.emails().filter(isReview);
const sorted = (list: string[][]) => [...list].sort((a, b) => a.join().localeCompare(b.join()));

describe('CS 10 · Business reviews', () => {
	test('healthy customers get their monthly review, the CSM the QBR before the renewal, with a task', async () => {
		// Right after a run (tables created), so the next run sees every seeded customer.
		await runs(REVIEWS, 1);
		await env.seedCustomers(REVIEW_CUSTOMERS);
		await until('the six review emails', () => reviewEmails().length >= REVIEW_EMAILS.length);
		await runs(REVIEWS, 2);
		expect(sorted(reviewEmails().map(mail))).toEqual(sorted(REVIEW_EMAILS));

		const email = (address: string) => reviewEmails().find((e) => e.to.includes(address))!;
		const hana = email('hana@hana.test');
		expect(hana.from).toBe('success@acme.example');
		expect(hana.text).toContain('Hi Hana,');
		expect(hana.text).toContain('Response time');
		expect(hana.text).toContain('Carla Diaz');
		expect(hana.html).toContain('https://cal.example.com/acme-cs');
		expect(email('sofia@sofia.test').text).toContain('Hola Sofía,');
		const qbr = email('quentin@acme.test');
		expect(qbr.text).toContain('Hi Quinn,');
		expect(qbr.text).toContain('Quentin');
		expect(email('csm@acme.example').text).toContain('Hi Rita,');

		// One monthly review per month: the month it covered, on the customer.
		for (const [customer, zone] of [
			[HANA, UTC],
			[SOFIA, MADRID],
			[QUINN, UTC],
			[IVO, UTC],
			[OLGA, UTC],
		] as Array<[Json, string]>) {
			const row = await rowOf('cs_customers', customer.customer_id);
			expect([customer.customer_id, row?.last_monthly_review]).toEqual([
				customer.customer_id,
				lastMonth(zone).toISODate(),
			]);
		}
		for (const customer of [RITA, CARL, NED]) {
			const row = await rowOf('cs_customers', customer.customer_id);
			expect([customer.customer_id, row?.last_monthly_review ?? null]).toEqual([
				customer.customer_id,
				null,
			]);
		}

		// The QBR tasks, once per renewal: due a week before the renewal (midnight there).
		const tasks = (await env.rows('cs_tasks')).filter((row) =>
			String(row.task_id).startsWith('qbr:'),
		);
		const task = (renewal: DateTime, customer: Json, owner: string, company: string) => ({
			task_id: `qbr:${customer.customer_id}:${renewal.toISODate()}`,
			customer_id: customer.customer_id,
			company,
			type: 'review',
			title: 'Prepare the quarterly business review',
			details: `Renewal on ${renewal.toISODate()} (in ${Math.round(renewal.startOf('day').diff(DateTime.now().setZone(UTC).startOf('day'), 'days').days)} days). The quarterly business review of ${quarterLabel(quarter.year, quarter.quarter, 'en')} was emailed to ${owner}: go through it with the customer before the renewal.`,
			owner: 'csm',
			owner_email: owner,
			priority: 'high',
			due_at: renewal.startOf('day').minus({ days: 7 }).toMillis(),
			status: 'open',
			source: 'business reviews: QBR before renewal',
		});
		expect(
			tasks
				.map((row) => ({
					task_id: row.task_id,
					customer_id: row.customer_id,
					company: row.company,
					type: row.type,
					title: row.title,
					details: row.details,
					owner: row.owner,
					owner_email: row.owner_email,
					priority: row.priority,
					due_at: ms(row.due_at),
					status: row.status,
					source: row.source,
				}))
				.sort((a, b) => a.task_id.localeCompare(b.task_id)),
		).toEqual([
			task(QUINN_RENEWAL, QUINN, 'quentin@acme.test', 'Quinn Co'),
			task(RITA_RENEWAL, RITA, 'csm@acme.example', 'Rita AG'),
		]);
		await expectNoFailedExecutions(REVIEWS);
	}, 300_000);
});

// ----- CS 11 · Advocacy and referrals -----

const codeOf = (id: string) => createReferralCode(id, REFERRAL_SECRET);
const promoter = { subscription_status: 'active', timezone: UTC, nps_score: 10 };
const PIA = {
	customer_id: 'cust-pia',
	email: 'pia@pia.test',
	first_name: 'Pia',
	company: 'Pia GmbH',
	csm_email: 'petra@acme.test',
	csm_name: 'Petra',
	mrr: 500,
	health_score: 85,
	...promoter,
};
// The lowest health a candidate may have (70); the higher MRR: invited first.
const MAX = {
	customer_id: 'cust-max',
	email: 'max@max.test',
	first_name: 'Max',
	company: 'Max AB',
	mrr: 900,
	health_score: 70,
	...promoter,
	nps_score: 9,
};
const PAUL = {
	customer_id: 'cust-paul',
	email: 'paul@paul.test',
	company: 'Paul SA',
	health_score: 60,
	...promoter,
};
const PAT = {
	customer_id: 'cust-pat',
	email: 'pat@pat.test',
	company: 'Pat SRL',
	health_score: 90,
	...promoter,
	nps_score: 8,
};
const ADA = {
	customer_id: 'cust-ada',
	email: 'ada@ada.test',
	company: 'Ada Ltd',
	health_score: 95,
	advocacy_approached_at: '2026-01-10T10:00:00.000Z',
	...promoter,
};
const INVITED = 'are invited to the Acme advocacy program';
const invitations = () => env.emails().filter((email) => email.subject.includes(INVITED));

describe('CS 11 · Advocacy and referrals', () => {
	test('promoters with health 70+ never approached are invited once, with their activities and own referral code', async () => {
		await env.seedCustomers([PIA, MAX, PAUL, PAT, ADA]);
		await until('two invitations', () => invitations().length >= 2);
		await runs(ADVOCACY, 2);
		expect(sorted(invitations().map(mail))).toEqual([
			['max@max.test', `Max, you ${INVITED}`],
			['pia@pia.test', `Pia, you ${INVITED}`],
		]);

		const max = invitations().find((email) => email.to.includes('max@max.test'))!;
		const pia = invitations().find((email) => email.to.includes('pia@pia.test'))!;
		const piaCode = codeOf('cust-pia');
		expect(pia.from).toBe('success@acme.example');
		expect(pia.html).toContain('<li>Write a G2 review (100 points)</li>');
		expect(pia.html).toContain('<li>Refer a customer (500 points)</li>');
		expect(pia.html).toContain(`Your personal referral code is <strong>${piaCode}</strong>.`);
		expect(pia.html).toContain(`href="https://acme.example/signup?ref=${piaCode}"`);
		expect(pia.html).toContain('href="https://acme.example/advocates"');
		expect(pia.html).toContain(
			'you get 1 free month of Acme and a 10% commission for 12 months; they get 20% off their first year.',
		);
		expect(pia.text).toContain('Petra');
		expect(max.html).toContain(
			'<ul><li>Write a G2 review (100 points)</li><li>Refer a customer (500 points)</li></ul>',
		);
		expect(max.html).toContain(codeOf('cust-max'));
		expect(max.text).toContain('Your CSM');

		for (const customer of [PIA, MAX]) {
			const row = await rowOf('cs_customers', customer.customer_id);
			expect(row?.own_referral_code).toBe(codeOf(customer.customer_id));
			expect(Date.now() - ms(row?.advocacy_approached_at)).toBeLessThan(5 * 60_000);
		}
		for (const customer of [PAUL, PAT]) {
			const row = await rowOf('cs_customers', customer.customer_id);
			expect([customer.customer_id, row?.advocacy_approached_at ?? null]).toEqual([
				customer.customer_id,
				null,
			]);
		}
		expect(ms((await rowOf('cs_customers', 'cust-ada'))?.advocacy_approached_at)).toBe(
			Date.parse(ADA.advocacy_approached_at),
		);
		await expectNoFailedExecutions(ADVOCACY);
	}, 300_000);

	test('a sign-up with a referral code rewards the referrer once; a forged code rewards nobody', async () => {
		const piaCode = codeOf('cust-pia');
		const newbie = {
			customer_id: 'cust-newbie',
			email: 'nora@newbie.test',
			company: 'Newbie Inc',
			mrr: 200,
			// Retyped: lower case, without the hyphen.
			referral_code: piaCode.replace('-', '').toLowerCase(),
		};
		const before = (await finished(ADVOCACY, 'webhook')).length;
		const first = await env.sendEvent('customer-success/advocacy', {
			event: 'referral_signup',
			eventId: 'signup-newbie-1',
			customer: newbie,
		});
		expect(first.status).toBe(202);
		const task = await until('the referral task', async () =>
			(await env.rows('cs_tasks')).find((row) => row.task_id === 'referral:cust-newbie'),
		);
		expect({
			customer_id: task.customer_id,
			company: task.company,
			type: task.type,
			title: task.title,
			details: task.details,
			owner: task.owner,
			owner_email: task.owner_email,
			priority: task.priority,
			status: task.status,
			source: task.source,
		}).toEqual({
			customer_id: 'cust-pia',
			company: 'Pia GmbH',
			type: 'task',
			title: 'Give the referral reward',
			details:
				'Newbie Inc signed up with the referral code of Pia GmbH. Reward: 1 free month, 10% commission for 12 months (20 a month), 500 advocacy points.',
			owner: 'csm',
			owner_email: 'petra@acme.test',
			priority: 'normal',
			status: 'open',
			source: 'advocacy: referral_signup',
		});

		// The same sign-up again (another event id, so the trigger takes it), and a forged code.
		const again = await env.sendEvent('customer-success/advocacy', {
			event: 'referral_signup',
			eventId: 'signup-newbie-2',
			customer: newbie,
		});
		expect(again.status).toBe(202);
		// Well formed, but signed with another secret.
		const forged = createReferralCode('cust-faker', 'not-the-referral-secret-0000');
		const fake = await env.sendEvent('customer-success/advocacy', {
			event: 'referral_signup',
			eventId: 'signup-faker-1',
			customer: {
				customer_id: 'cust-faker',
				email: 'fe@faker.test',
				mrr: 100,
				referral_code: forged,
			},
		});
		expect(fake.status).toBe(202);
		await until(
			'the three sign-ups',
			async () => (await finished(ADVOCACY, 'webhook')).length >= before + 3,
		);

		const referralTasks = (await env.rows('cs_tasks')).filter((row) =>
			String(row.task_id).startsWith('referral:'),
		);
		expect(referralTasks.map((row) => row.task_id)).toEqual(['referral:cust-newbie']);
		const pia = await rowOf('cs_customers', 'cust-pia');
		expect([pia?.successful_referrals, pia?.advocacy_points]).toEqual([1, 500]);
		expect((await rowOf('cs_customers', 'cust-newbie'))?.referred_by).toBe('cust-pia');
		const faker = await rowOf('cs_customers', 'cust-faker');
		expect(faker?.referred_by ?? null).toBeNull();
		// The new customers are not invited: they gave no NPS answer.
		await runs(ADVOCACY, 1);
		expect(invitations()).toHaveLength(2);
		await expectNoFailedExecutions(ADVOCACY);
	}, 300_000);
});
