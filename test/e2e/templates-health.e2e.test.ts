/**
 * End to end, in a real n8n with the packed package: the daily health scoring (cs-09), the health-drop intervention
 * (cs-07) and expansion (cs-08), driven through their real triggers: their Schedule Triggers fire every few seconds
 * (everySeconds) over customers seeded into cs_customers, and signed events reach their Customer Success Triggers.
 * Delays are seconds (delay_unit). The three run together, as in a real instance: the scoring's drops reach the
 * intervention's daily run.
 */
import { DateTime } from 'luxon';

import { MIXED_METRICS_NO_LOGIN, PERFECT_METRICS_NO_LOGIN } from './customers';
import { SETUP_TIMEOUT_MS, testWithServerLog } from './n8n-server';
import { everySeconds, TemplateEnv, type Email } from './template-env';

const SCORING = 'cs-09-daily-health-scoring';
const DROP = 'cs-07-health-drop-intervention';
const EXPANSION = 'cs-08-expansion';
const ESCALATE_AFTER = 15;
const UPGRADE_INFO_AFTER = 8;

const env = new TemplateEnv(
	'templates-health',
	{
		[SCORING]: { digest_email: 'cs-team@acme.test', default_csm_email: 'csm-default@acme.test' },
		[DROP]: {
			delay_unit: 'seconds',
			escalate_after_days: ESCALATE_AFTER,
			manager_email: 'maria@acme.test',
			manager_name: 'Maria',
		},
		[EXPANSION]: { delay_unit: 'seconds', upgrade_info_day: UPGRADE_INFO_AFTER },
	},
	(_file, workflow) => everySeconds(workflow, 5),
);
const test = testWithServerLog(env.server);

// The default model (docs/sources.md#health-default-weights), worked out by hand from the README's table; no login date, so the login metric
// is left out and re-weighted (coverage 0.9).
// Every ideal met: 100, A.
const PERFECT = PERFECT_METRICS_NO_LOGIN;
// Usage 50, engagement 50, support 80 (100/50/100), relationship 55 (25 + 30 + 0), financial 70 (40 + 15 + 15):
// 15 + 12.5 + 12 + 8.25 + 10.5 = 58.25 -> 58, C, critical.
const MIXED = MIXED_METRICS_NO_LOGIN;
// Usage 10, engagement 10, support 23 (8 + 8 + 6.67), relationship 10, financial 26 (20 + 3 + 2.5 = 25.5):
// 3 + 2.5 + 3.45 + 1.5 + 3.9 = 14.35 -> 14, F, critical.
const LOW = {
	dau_mau_ratio: 0.05,
	feature_adoption: 0.07,
	conversations_per_week: 10,
	logins_per_week: 0.5,
	features_used_this_month: 1,
	open_tickets: 4,
	avg_csat: 1,
	escalations: 2,
	nps_score: 2,
	meetings_attended: 0,
	responses_to_outreach: 0,
	payment_health: 0.5,
	growth_potential: 0.1,
	contract_length: 1,
};
// MIXED with 5 open tickets, 3 escalations and no meeting: support 20, relationship 25:
// 15 + 12.5 + 3 + 3.75 + 10.5 = 44.75 -> 45, C, critical.
const WORSE = { ...MIXED, open_tickets: 5, escalations: 3, meetings_attended: 0 };
const LONG_AGO = '2020-01-01T06:00:00Z';

const SCORED_CUSTOMERS = [
	{
		customer_id: 'cust-steady',
		company: 'Steady Ltd',
		email: 'sue@steady.test',
		csm_email: 'csm-sue@acme.test',
		health_score: 95,
		health_category: 'healthy',
		health_scored_at: LONG_AGO,
		...PERFECT,
	},
	{
		customer_id: 'cust-drop',
		company: 'Drop Ltd',
		email: 'dan@drop.test',
		csm_email: 'csm-dora@acme.test',
		health_score: 80,
		health_category: 'healthy',
		health_scored_at: LONG_AGO,
		...MIXED,
	},
	{
		customer_id: 'cust-falling',
		company: 'Falling Ltd',
		email: 'fay@falling.test',
		csm_email: 'csm-fred@acme.test',
		health_score: 65,
		health_category: 'at_risk',
		health_scored_at: LONG_AGO,
		...LOW,
	},
	{
		customer_id: 'cust-new',
		company: 'New Ltd',
		email: 'ned@new.test',
		csm_email: 'csm-nina@acme.test',
		...MIXED,
	},
	{
		customer_id: 'cust-known-risk',
		company: 'Known Risk Ltd',
		email: 'kim@known.test',
		csm_email: 'csm-kurt@acme.test',
		health_score: 62,
		health_category: 'at_risk',
		health_scored_at: LONG_AGO,
		...MIXED,
	},
	{
		customer_id: 'cust-nodata',
		company: 'Empty Ltd',
		email: 'em@empty.test',
		health_score: 70,
		health_category: 'at_risk',
		health_scored_at: LONG_AGO,
	},
	// Its row says 60 (e.g. written by your systems), its health history 75 yesterday (and 90 three days ago): the
	// previous score is the history's latest day before today, 75, so MIXED's 58 is a drop of 17 (more than 15; not
	// the 20 of the intervention, cs-07), and no newly at risk (75 is at risk already).
	{
		customer_id: 'cust-history',
		company: 'History Ltd',
		email: 'hy@history.test',
		csm_email: 'csm-hal@acme.test',
		health_score: 60,
		health_category: 'at_risk',
		health_scored_at: LONG_AGO,
		...MIXED,
	},
	// No CSM of its own: its alert goes to the Settings CSM (default_csm_email).
	{
		customer_id: 'cust-orphan',
		company: 'Orphan Ltd',
		email: 'olive@orphan.test',
		...MIXED,
	},
	// A record the nodes cannot read (no such time zone): skipped, the others are scored.
	{
		customer_id: 'cust-bad',
		company: 'Bad Zone Ltd',
		email: 'bo@bad.test',
		timezone: 'Mars/Olympus',
		health_score: 90,
		health_category: 'healthy',
		health_scored_at: LONG_AGO,
		...MIXED,
	},
];
const SEATS_ENGAGEMENT = {
	logins_this_month: 30,
	logins_last_month: 24,
	active_users: 5,
	features_used: 'inbox, bots, reports, api, flows, analytics, campaigns, crm',
	actions_this_month: 120,
	actions_last_month: 100,
	automation_rate: 0.9,
};
const EXPANSION_CUSTOMERS = [
	{
		customer_id: 'cust-limits',
		company: 'Limits Ltd',
		first_name: 'Lia',
		email: 'lia@limits.test',
		csm_email: 'csm-leo@acme.test',
		plan: 'growth',
		mrr: 500,
		usage_vs_limit: 0.85,
	},
	{
		customer_id: 'cust-upgrader',
		company: 'Upgrader Ltd',
		first_name: 'Uma',
		email: 'uma@upgrader.test',
		csm_email: 'csm-ula@acme.test',
		plan: 'starter',
		mrr: 100,
		usage_vs_limit: 0.9,
	},
	{
		customer_id: 'cust-seats',
		company: 'Seats Ltd',
		first_name: 'Sam',
		email: 'sam@seats.test',
		csm_email: 'csm-sam@acme.test',
		plan: 'pro',
		mrr: 1000,
		seats: 10,
		team_size_change: 0.3,
		blocked_feature_attempts: 5,
		// Engagement (docs/sources.md#engagement-score), no CSAT: 30 logins 100 x 0.15, 5 users 100 x 0.15, 8 features
		// 80 x 0.2, 120 actions 100 x 0.2, automation 0.9 90 x 0.15 = 79.5 over a weight of 0.85 = 93.53 -> 94, high.
		...SEATS_ENGAGEMENT,
	},
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A Data Table date as n8n's SQLite stores it (UTC, "YYYY-MM-DD HH:mm:ss.SSS"). */
const utc = (value: string) => new Date(`${value.replace(' ', 'T')}Z`).getTime();
const to = (address: string) => (email: Email) => email.to.includes(address);
const mailTo = (address: string) => env.emails().filter(to(address));
const subjects = (address: string) => mailTo(address).map((email) => email.subject);
const DIGEST = 'Daily health digest';
/** The health digests (CS 09) an address got, and the other emails (e.g. the intervention's alert, CS 07). */
const digestsTo = (address: string) =>
	mailTo(address).filter((email) => email.subject.startsWith(DIGEST));
const alertsTo = (address: string) =>
	subjects(address).filter((subject) => !subject.startsWith(DIGEST));
const rowsOf = async (table: string, customer: string) =>
	(await env.rows(table)).filter((row) => row.customer_id === customer);

/** Waits until `probe` gives a truthy value (bounded). */
async function until<T>(
	what: string,
	probe: () => Promise<T> | T,
	timeoutMs = 60_000,
): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value as NonNullable<T>;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(250);
	}
}

/** Waits for `count` more finished executions of a template (its schedule fires every 5 s). */
async function runs(file: string, count: number): Promise<void> {
	const finished = async () =>
		(await env.executions(file)).filter((e) => !['new', 'running', 'waiting'].includes(e.status))
			.length;
	const target = (await finished()) + count;
	await until(
		`${count} more runs of ${file}`,
		async () => (await finished()) >= target,
		20_000 * count,
	);
}

let seededAt = 0;
let today = '';
let daysAgo: (days: number) => string;

beforeAll(async () => {
	await env.start();
	const now = DateTime.now().setZone('America/New_York'); // n8n's default time zone
	today = now.toISODate()!;
	daysAgo = (days) => now.minus({ days }).toISODate()!;
	// Right after a scoring run (tables created), so the next run sees every seeded customer at once, with the
	// health history seeded before them.
	await runs(SCORING, 1);
	await env.seedHealthHistory(
		[
			[3, 90, 'A', 'healthy'],
			[1, 75, 'B', 'at_risk'],
		].map(([days, score, grade, category]) => ({
			history_id: `cust-history:${daysAgo(days as number)}`,
			customer_id: 'cust-history',
			day: daysAgo(days as number),
			score,
			grade,
			category,
			coverage: 0.9,
			trend: 'stable',
			scored_at: now
				.minus({ days: days as number })
				.toUTC()
				.toISO(),
		})),
	);
	await env.seedCustomers([...SCORED_CUSTOMERS, ...EXPANSION_CUSTOMERS]);
	seededAt = Date.now();

	// The events: a drop reported by your systems (twice: the second while the intervention runs), a customer at 80 %
	// of the limit, and an expansion signal.
	const drop = {
		event: 'health_score_dropped_20',
		customer: {
			customer_id: 'cust-event',
			company: 'Event Ltd',
			email: 'eve@event.test',
			csm_email: 'csm-eve@acme.test',
			health_score: 45,
			previous_health_score: 70,
		},
		data: { score: 45, previous_score: 70 },
	};
	expect(
		(await env.sendEvent('customer-success/health', { ...drop, eventId: 'drop-1' })).status,
	).toBe(202);
	expect(
		(
			await env.sendEvent('customer-success/expansion', {
				event: 'usage_at_80_percent',
				eventId: 'usage-1',
				customer: {
					customer_id: 'cust-eighty',
					company: 'Eighty Ltd',
					first_name: 'Eli',
					email: 'eli@eighty.test',
					csm_email: 'csm-eva@acme.test',
					plan: 'starter',
					usage_vs_limit: 0.8,
				},
			})
		).status,
	).toBe(202);
	expect(
		(
			await env.sendEvent('customer-success/expansion', {
				event: 'expansion_signal_detected',
				eventId: 'signal-1',
				customer: {
					customer_id: 'cust-signal',
					company: 'Signal Ltd',
					email: 'sid@signal.test',
					csm_email: 'csm-sid@acme.test',
					plan: 'growth',
				},
				data: { signal: 'champion_promoted' },
			})
		).status,
	).toBe(202);
	await env.waitForEmail((email) => to('csm-eve@acme.test')(email));
	expect(
		(await env.sendEvent('customer-success/health', { ...drop, eventId: 'drop-2' })).status,
	).toBe(202);

	// Changes the same day: Drop Ltd recovers (its metrics now meet every ideal) before its escalation day, Known Risk
	// Ltd gets worse (62 -> 45 against the same previous score); Upgrader Ltd upgrades before its upgrade information.
	// The intervention's alert (CS 07), not the CSM's digest (CS 09).
	await env.waitForEmail(
		(email) => to('csm-dora@acme.test')(email) && !email.subject.startsWith(DIGEST),
		90_000,
	);
	await env.waitForEmail(to('cs-team@acme.test'));
	await env.seedCustomers([
		{ customer_id: 'cust-drop', ...PERFECT },
		{ customer_id: 'cust-known-risk', ...WORSE },
	]);
	await env.waitForEmail(to('uma@upgrader.test'), 60_000);
	expect(
		(
			await env.sendEvent('customer-success/expansion', {
				event: 'plan_upgraded',
				eventId: 'upgrade-1',
				customer: { customer_id: 'cust-upgrader', plan: 'growth', usage_vs_limit: 0.45 },
			})
		).status,
	).toBe(202);
}, SETUP_TIMEOUT_MS);

afterAll(() => env.dispose(), 60_000);

describe('CS 09 · Daily health scoring', () => {
	test('one cs_health_history row per customer and day with the default model’s scores, also after more runs', async () => {
		await runs(SCORING, 2);
		const history = (await env.rows('cs_health_history')).filter(
			(row) => row.customer_id !== 'cust-drop' && row.day === today,
		);
		const view = history
			.map(({ history_id, customer_id, day, score, grade, category, coverage, trend }) => ({
				history_id,
				customer_id,
				day,
				score,
				grade,
				category,
				coverage,
				trend,
			}))
			.sort((a, b) => a.customer_id.localeCompare(b.customer_id));
		expect(view).toEqual([
			{
				history_id: `cust-falling:${today}`,
				customer_id: 'cust-falling',
				day: today,
				score: 14,
				grade: 'F',
				category: 'critical',
				coverage: 0.9,
				trend: 'declining',
			},
			{
				history_id: `cust-history:${today}`,
				customer_id: 'cust-history',
				day: today,
				score: 58,
				grade: 'C',
				category: 'critical',
				coverage: 0.9,
				trend: 'declining',
			},
			{
				history_id: `cust-known-risk:${today}`,
				customer_id: 'cust-known-risk',
				day: today,
				score: 45,
				grade: 'C',
				category: 'critical',
				coverage: 0.9,
				trend: 'declining',
			},
			{
				history_id: `cust-new:${today}`,
				customer_id: 'cust-new',
				day: today,
				score: 58,
				grade: 'C',
				category: 'critical',
				coverage: 0.9,
				trend: null,
			},
			{
				history_id: `cust-orphan:${today}`,
				customer_id: 'cust-orphan',
				day: today,
				score: 58,
				grade: 'C',
				category: 'critical',
				coverage: 0.9,
				trend: null,
			},
			{
				history_id: `cust-steady:${today}`,
				customer_id: 'cust-steady',
				day: today,
				score: 100,
				grade: 'A',
				category: 'healthy',
				coverage: 0.9,
				trend: 'stable',
			},
		]);
		// Drop Ltd: one row for the day, updated in place when it recovered (58, then 100 against the same previous 80).
		const drop = await rowsOf('cs_health_history', 'cust-drop');
		expect(drop).toHaveLength(1);
		expect(drop[0]).toMatchObject({
			history_id: `cust-drop:${today}`,
			day: today,
			score: 100,
			grade: 'A',
			category: 'healthy',
			trend: 'improving',
		});
		expect(utc(drop[0].updatedAt)).toBeGreaterThan(utc(drop[0].createdAt));
		// The earlier days are left as they were.
		expect(
			(await rowsOf('cs_health_history', 'cust-history'))
				.filter((row) => row.day !== today)
				.map(({ day, score }) => [day, score]),
		).toEqual([
			[daysAgo(3), 90],
			[daysAgo(1), 75],
		]);
		// No score without data (Empty Ltd) or from a record the node cannot read (Bad Zone Ltd).
		expect(await rowsOf('cs_health_history', 'cust-nodata')).toEqual([]);
		expect(await rowsOf('cs_health_history', 'cust-bad')).toEqual([]);
	});

	test('the customers’ health columns: the score, the previous score (the last day’s: from the history, else the row), the category, when', async () => {
		const customers = await env.rows('cs_customers');
		const health = Object.fromEntries(
			customers
				.filter(
					(row) =>
						row.customer_id.startsWith('cust-') &&
						SCORED_CUSTOMERS.some((c) => c.customer_id === row.customer_id),
				)
				.map((row) => [
					row.customer_id,
					[row.health_score, row.previous_health_score, row.health_category],
				]),
		);
		expect(health).toEqual({
			'cust-steady': [100, 95, 'healthy'],
			'cust-drop': [100, 80, 'healthy'],
			'cust-falling': [14, 65, 'critical'],
			'cust-new': [58, null, 'critical'],
			'cust-known-risk': [45, 62, 'critical'],
			// The history's latest day before today (75), not the row's 60 nor the older 90.
			'cust-history': [58, 75, 'critical'],
			'cust-orphan': [58, null, 'critical'],
			'cust-nodata': [70, null, 'at_risk'],
			'cust-bad': [90, null, 'healthy'],
		});
		const unscored = ['cust-nodata', 'cust-bad'];
		for (const row of customers.filter(
			(candidate) =>
				!unscored.includes(candidate.customer_id) &&
				SCORED_CUSTOMERS.some((c) => c.customer_id === candidate.customer_id),
		)) {
			expect(utc(row.health_scored_at)).toBeGreaterThanOrEqual(seededAt - 1000);
		}
		for (const id of unscored)
			expect(customers.find((row) => row.customer_id === id)!.health_scored_at).toMatch(
				/^2020-01-01/,
			);
	});

	test('one digest to the team: the three drops of more than 15 points and the four customers newly at risk', async () => {
		const digests = mailTo('cs-team@acme.test');
		expect(digests[0].subject).toBe('Daily health digest: drops 3, newly at risk 4');
		const { text } = digests[0];
		// The summary lines, then a section per list (its title is the last occurrence).
		expect(text).toContain('Health score drops: 3');
		expect(text).toContain('Newly at risk: 4');
		const drops = text.slice(
			text.lastIndexOf('Health score drops'),
			text.lastIndexOf('Newly at risk'),
		);
		expect(drops).toContain('Drop Ltd (cust-drop): 80 → 58');
		expect(drops).toContain('Falling Ltd (cust-falling): 65 → 14');
		// The drop from the history's yesterday (75), which the row's 60 would have hidden.
		expect(drops).toContain('History Ltd (cust-history): 75 → 58');
		const atRisk = text.slice(text.lastIndexOf('Newly at risk'));
		expect(atRisk).toContain('Drop Ltd (cust-drop): 58, critical');
		expect(atRisk).toContain('Falling Ltd (cust-falling): 14, critical');
		expect(atRisk).toContain('New Ltd (cust-new): 58, critical');
		expect(atRisk).toContain('Orphan Ltd (cust-orphan): 58, critical');
		expect(atRisk).not.toContain('History Ltd');
		for (const quiet of ['Steady Ltd', 'Known Risk Ltd', 'Empty Ltd', 'Bad Zone Ltd'])
			expect(text).not.toContain(quiet);
		expect(digests[0].from).toContain('success@acme.example');
	});

	test('each customer’s CSM gets one email with that CSM’s own customers; no CSM of its own: the Settings CSM', async () => {
		// Every CS 09 email of the first reporting run, by recipient (the team's is above).
		const firstDigest = (address: string) => {
			const digests = digestsTo(address);
			expect([address, digests.length]).toEqual([address, 1]);
			expect(digests[0].to).toEqual([address]);
			expect(digests[0].from).toContain('success@acme.example');
			return digests[0];
		};
		const expected: Array<[string, string, string[], string[]]> = [
			// [CSM, subject, drops, newly at risk]
			[
				'csm-dora@acme.test',
				'Daily health digest: drops 1, newly at risk 1',
				['Drop Ltd (cust-drop): 80 → 58'],
				['Drop Ltd (cust-drop): 58, critical'],
			],
			[
				'csm-fred@acme.test',
				'Daily health digest: drops 1, newly at risk 1',
				['Falling Ltd (cust-falling): 65 → 14'],
				['Falling Ltd (cust-falling): 14, critical'],
			],
			// The previous score from the history (75), so the drop alert is computed from it.
			[
				'csm-hal@acme.test',
				'Daily health digest: drops 1, newly at risk 0',
				['History Ltd (cust-history): 75 → 58'],
				[],
			],
			[
				'csm-nina@acme.test',
				'Daily health digest: drops 0, newly at risk 1',
				[],
				['New Ltd (cust-new): 58, critical'],
			],
			[
				'csm-default@acme.test',
				'Daily health digest: drops 0, newly at risk 1',
				[],
				['Orphan Ltd (cust-orphan): 58, critical'],
			],
		];
		const companies = ['Drop Ltd', 'Falling Ltd', 'History Ltd', 'New Ltd', 'Orphan Ltd'];
		for (const [csm, subject, drops, atRisk] of expected) {
			const { subject: got, text } = firstDigest(csm);
			expect([csm, got]).toEqual([csm, subject]);
			const lines = [...drops, ...atRisk];
			for (const line of lines) expect([csm, text]).toEqual([csm, expect.stringContaining(line)]);
			// Only this CSM's customers.
			const own = lines.map((line) => line.slice(0, line.indexOf(' (')));
			for (const other of companies.filter((company) => !own.includes(company)))
				expect([csm, text.includes(other)]).toEqual([csm, false]);
		}
		// A customer with nothing to report, and the team address, get no CSM email.
		expect(digestsTo('csm-sue@acme.test')).toEqual([]);
		expect(mailTo('cs-team@acme.test').every((email) => email.to.length === 1)).toBe(true);
	});

	test('later runs the same day report only a score that changed since: Known Risk Ltd, 62 -> 45', async () => {
		await until('the second digest', () => mailTo('cs-team@acme.test').length >= 2, 30_000);
		const digests = mailTo('cs-team@acme.test');
		expect(digests.map((email) => email.subject)).toEqual([
			'Daily health digest: drops 3, newly at risk 4',
			'Daily health digest: drops 1, newly at risk 0',
		]);
		const { text } = digests[1];
		expect(text.slice(text.lastIndexOf('Health score drops'))).toContain(
			'Known Risk Ltd (cust-known-risk): 62 → 45',
		);
		// Still critical (it was at risk already): not newly at risk. The others were reported already, or recovered.
		expect(text).not.toContain('⚠️ Newly at risk');
		for (const quiet of ['Drop Ltd', 'Falling Ltd', 'New Ltd', 'Steady Ltd', 'History Ltd'])
			expect(text).not.toContain(quiet);
		// Known Risk Ltd's CSM gets the same drop, alone.
		const kurt = await until('Kurt’s digest', () => digestsTo('csm-kurt@acme.test')[0], 30_000);
		expect(kurt.subject).toBe('Daily health digest: drops 1, newly at risk 0');
		expect(kurt.text).toContain('Known Risk Ltd (cust-known-risk): 62 → 45');
	});
});

describe('CS 07 · Health-score drop: at-risk intervention', () => {
	test('a drop found by the daily run: at-risk alert task, CSM alert, intervention call due a day later', async () => {
		expect(alertsTo('csm-dora@acme.test')).toEqual(['[High] Health score dropped: Drop Ltd']);
		const alert = mailTo('csm-dora@acme.test').find((email) => !email.subject.startsWith(DIGEST))!;
		expect(alert.text).toContain('fell from 80 to 58 (-22 points)');
		expect(alert.text).toContain('Call Drop Ltd within a day');
		expect(alert.text).toContain('dan@drop.test');

		const tasks = await rowsOf('cs_tasks', 'cust-drop');
		expect(
			tasks.map(({ type, title, owner, owner_email, priority, status }) => ({
				type,
				title,
				owner,
				owner_email,
				priority,
				status,
			})),
		).toEqual([
			{
				type: 'alert',
				title: 'At-risk alert: health score dropped from 80 to 58',
				owner: 'csm',
				owner_email: 'csm-dora@acme.test',
				priority: 'high',
				status: 'open',
			},
			{
				type: 'call',
				title: 'schedule intervention call',
				owner: 'csm',
				owner_email: 'csm-dora@acme.test',
				priority: 'high',
				status: 'open',
			},
		]);
		// The call is due a day after the start (docs/sources.md#cs-workflows: schedule_intervention_call, 1 day); the alert now.
		expect(Math.abs(utc(tasks[1].due_at) - utc(tasks[0].due_at) - 24 * 3600_000)).toBeLessThan(
			5_000,
		);
		expect(tasks[1].source).toBe('health drop: schedule_intervention_call');
	});

	test('escalation only without improvement: Falling Ltd goes to the manager, Drop Ltd (recovered) does not', async () => {
		const escalation = await env.waitForEmail(
			(email) => to('maria@acme.test')(email) && email.text.includes('Falling Ltd'),
			90_000,
		);
		expect(escalation.subject).toBe('[Critical] Escalation: Falling Ltd has not recovered');
		expect(escalation.text).toContain(
			`${ESCALATE_AFTER} seconds after its drop from 65 to 14, the health score of Falling Ltd is 14`,
		);
		const falling = await until('the escalation task', async () =>
			(await rowsOf('cs_tasks', 'cust-falling')).find(
				(task) => task.source === 'health drop: escalate_to_manager',
			),
		);
		expect(falling).toMatchObject({
			type: 'task',
			title: 'escalate to manager',
			owner: 'cs_manager',
			owner_email: 'maria@acme.test',
			priority: 'urgent',
			status: 'open',
		});
		expect(alertsTo('csm-fred@acme.test')).toEqual(['[High] Health score dropped: Falling Ltd']);
		// The CSM alert came first, the escalation ESCALATE_AFTER seconds later.
		const all = env.emails();
		expect(all.findIndex((email) => email.subject === escalation.subject)).toBeGreaterThan(
			all.findIndex(
				(email) =>
					to('csm-fred@acme.test')(email) &&
					email.subject === '[High] Health score dropped: Falling Ltd',
			),
		);

		const enrolments = async (customer: string) =>
			(await rowsOf('cs_enrolments', customer)).filter((row) => row.sequence === 'health_drop');
		await until(
			'both interventions to end',
			async () =>
				(await enrolments('cust-drop'))[0]?.status === 'completed' &&
				(await enrolments('cust-falling'))[0]?.status === 'completed',
			60_000,
		);
		expect(
			(await enrolments('cust-falling')).map(({ status, step_name, episode }) => ({
				status,
				step_name,
				episode,
			})),
		).toEqual([
			{
				status: 'completed',
				step_name: 'escalate_to_manager',
				episode: `drop 65 to 14 on ${today}`,
			},
		]);
		expect(
			(await enrolments('cust-drop')).map(({ status, step_name, episode }) => ({
				status,
				step_name,
				episode,
			})),
		).toEqual([
			{
				status: 'completed',
				step_name: 'no_escalation_score_improved',
				episode: `drop 80 to 58 on ${today}`,
			},
		]);
		expect((await rowsOf('cs_tasks', 'cust-drop')).map((task) => task.source)).not.toContain(
			'health drop: escalate_to_manager',
		);
		expect(
			env
				.emails()
				.filter(to('maria@acme.test'))
				.map((email) => email.subject),
		).not.toContain('[Critical] Escalation: Drop Ltd has not recovered');
	});

	test('health_score_dropped_20 from your systems: one intervention, a second event while it runs is ignored', async () => {
		expect(subjects('csm-eve@acme.test')).toEqual(['[High] Health score dropped: Event Ltd']);
		expect(mailTo('csm-eve@acme.test')[0].text).toContain('fell from 70 to 45 (-25 points)');
		const enrolments = (await rowsOf('cs_enrolments', 'cust-event')).filter(
			(row) => row.sequence === 'health_drop',
		);
		expect(enrolments.map(({ episode }) => episode)).toEqual(['drop 70 to 45']);
		const escalation = await env.waitForEmail(
			(email) => to('maria@acme.test')(email) && email.subject.includes('Event Ltd'),
			60_000,
		);
		expect(escalation.subject).toBe('[Critical] Escalation: Event Ltd has not recovered');
		const tasks = await rowsOf('cs_tasks', 'cust-event');
		expect(tasks.map((task) => task.source)).toEqual([
			'health drop: create_at_risk_alert',
			'health drop: schedule_intervention_call',
			'health drop: escalate_to_manager',
		]);
		// The event's customer fields were saved: the daily run sees the same drop and does not enrol it again.
		expect((await rowsOf('cs_customers', 'cust-event'))[0]).toMatchObject({
			health_score: 45,
			previous_health_score: 70,
			csm_email: 'csm-eve@acme.test',
		});
	});
});

describe('CS 08 · Expansion opportunity and approaching limits', () => {
	test('approaching limits (85 %): usage alert, CSM notice, then upgrade information, in that order', async () => {
		await until('the upgrade information', () => mailTo('lia@limits.test').length >= 2, 60_000);
		const info = mailTo('lia@limits.test')[1];
		expect(subjects('lia@limits.test')).toEqual([
			"Lia, you're using 85% of your growth plan",
			'Lia, more room to grow with Acme',
		]);
		expect(mailTo('lia@limits.test')[0].text).toContain('85%');
		expect(info.text).toContain('pro');
		expect(info.text).toContain('https://app.acme.example/billing/upgrade');
		expect(subjects('csm-leo@acme.test')).toEqual([
			'[Upgrade] Limits Ltd is at 85% of the plan limit',
		]);
		expect(mailTo('csm-leo@acme.test')[0].text).toContain('Offer the upgrade to pro');
		const enrolment = await until('the sequence to end', async () =>
			(await rowsOf('cs_enrolments', 'cust-limits')).find((row) => row.status === 'completed'),
		);
		expect(enrolment).toMatchObject({
			sequence: 'approaching_limits',
			step: 3,
			step_name: 'send_upgrade_info',
			episode: 'growth',
		});
		expect(utc(enrolment.last_step_at) - utc(enrolment.started_at)).toBeGreaterThanOrEqual(
			UPGRADE_INFO_AFTER * 1000 - 500,
		);
		// The upgrade it is offered is this sequence, not a second expansion opportunity.
		expect((await rowsOf('cs_enrolments', 'cust-limits')).map((row) => row.sequence)).toEqual([
			'approaching_limits',
		]);
	});

	test('plan_upgraded mid-sequence: the sequence stops, no upgrade information', async () => {
		const enrolment = await until('the stop', async () =>
			(await rowsOf('cs_enrolments', 'cust-upgrader')).find((row) => row.status !== 'active'),
		);
		expect(enrolment).toMatchObject({
			sequence: 'approaching_limits',
			status: 'stopped',
			stop_reason: 'upgraded',
			step: 2,
			episode: 'starter',
		});
		// The execution that enrolled her has run past the upgrade-info day (the gate ended it).
		const status = async () =>
			(await env.executions(EXPANSION)).find(
				(execution) => execution.id === String(enrolment.execution_id),
			)?.status;
		await until(
			'the sequence’s execution to end',
			async () => !['new', 'running', 'waiting', undefined].includes(await status()),
			60_000,
		);
		expect(await status()).toBe('success');
		expect(subjects('uma@upgrader.test')).toEqual(["Uma, you're using 90% of your starter plan"]);
		expect((await rowsOf('cs_customers', 'cust-upgrader'))[0]).toMatchObject({
			plan: 'growth',
			usage_vs_limit: 0.45,
		});
		expect((await rowsOf('cs_enrolments', 'cust-upgrader')).length).toBe(1);
	});

	test('expansion signals (team growth, blocked features): opportunity task, CSM notice, proposal task due in 3 days', async () => {
		const notice = await env.waitForEmail(to('csm-sam@acme.test'), 60_000);
		expect(notice.subject).toBe('[Opportunity] Expansion opportunity: Seats Ltd');
		expect(notice.text).toContain(
			'Additional seats: Offer team expansion package (estimated 300 a month',
		);
		expect(notice.text).toContain('Team has grown 20%+');
		expect(mailTo('sam@seats.test')).toEqual([]);
		const tasks = await rowsOf('cs_tasks', 'cust-seats');
		expect(
			tasks.map(({ type, title, owner_email, source }) => ({ type, title, owner_email, source })),
		).toEqual([
			{
				type: 'task',
				title: 'Expansion opportunity: Additional seats, Feature add-on',
				owner_email: 'csm-sam@acme.test',
				source: 'expansion: create_expansion_opp',
			},
			{
				type: 'task',
				title: 'prepare proposal',
				owner_email: 'csm-sam@acme.test',
				source: 'expansion: prepare_proposal',
			},
		]);
		expect(Math.abs(utc(tasks[1].due_at) - utc(tasks[0].due_at) - 3 * 24 * 3600_000)).toBeLessThan(
			5_000,
		);
		expect(
			(await rowsOf('cs_enrolments', 'cust-seats')).map(({ sequence, status, episode }) => ({
				sequence,
				status,
				episode,
			})),
		).toEqual([
			{
				sequence: 'expansion_opportunity',
				status: 'completed',
				episode: 'pro:add_features+add_seats',
			},
		]);
	});

	test('Engagement Score before Expansion Signals: high_engagement reads the engagement score where the record has engagement data, else the health score stands in', async () => {
		const seats = await until('the engagement score on the row', async () =>
			(await rowsOf('cs_customers', 'cust-seats')).find((row) => row.engagement_score !== null),
		);
		expect(seats).toMatchObject({ engagement_score: 94, engagement_level: 'high' });
		// Steady Ltd has only the health metrics (CSAT, features used: 35 % of the engagement weight): no engagement
		// score, nothing written.
		expect((await rowsOf('cs_customers', 'cust-steady'))[0]).toMatchObject({
			engagement_score: null,
			engagement_level: null,
		});
		// What the daily run's nodes gave (the latest run that saw both customers with a health score for Steady Ltd).
		const outputs = async () => {
			const executions = (await env.executions(EXPANSION)).filter((e) => e.status === 'success');
			for (const { id } of executions.reverse()) {
				const { runData } = (await env.server.executionData(id)).resultData;
				const items: Array<{ json: Record<string, any> }> =
					runData['Expansion Signals']?.[0]?.data?.main?.[0] ?? [];
				const of = (customer: string) =>
					items.find((item) => item.json.customer_id === customer)?.json;
				if (of('cust-seats') && of('cust-steady')?.health) return of;
			}
			return undefined;
		};
		const of = await until('a daily run over both customers', outputs);
		const highEngagement = (customer: Record<string, any>) =>
			customer.expansion.signals.find(
				(signal: { type: string }) => signal.type === 'high_engagement',
			);
		const sam = of('cust-seats')!;
		expect(sam.engagement).toMatchObject({
			score: 94,
			level: 'high',
			coverage: 0.85,
			change: { logins: 25, usage: 20, satisfaction: null, score: null },
			missing: ['avg_csat'],
		});
		expect(highEngagement(sam)).toMatchObject({
			metric: 'engagement.score',
			value: 94,
			threshold: 80,
			source: 'engagement',
		});
		const sue = of('cust-steady')!;
		expect(sue.engagement).toMatchObject({ score: null, level: 'insufficient_data' });
		expect(highEngagement(sue)).toMatchObject({
			metric: 'health.score',
			value: sue.health.score,
			threshold: 80,
			source: 'health_stand_in',
		});
		expect(sue.health.score).toBeGreaterThan(80);
		// The CSM reads which score it was in the opportunity notice and task.
		const notice = mailTo('csm-sam@acme.test')[0];
		expect(notice.text).toContain('Very high product engagement (engagement score 94)');
		expect((await rowsOf('cs_tasks', 'cust-seats'))[0].details).toContain(
			'Very high product engagement (engagement score 94)',
		);
	});

	test('the events: usage_at_80_percent starts approaching limits once (the daily run sees the same 80 %), expansion_signal_detected an opportunity', async () => {
		await until(
			'the upgrade information for Eli',
			() => mailTo('eli@eighty.test').length >= 2,
			60_000,
		);
		expect(subjects('eli@eighty.test')).toEqual([
			"Eli, you're using 80% of your starter plan",
			'Eli, more room to grow with Acme',
		]);
		expect(
			(await rowsOf('cs_enrolments', 'cust-eighty')).map(({ sequence, episode }) => ({
				sequence,
				episode,
			})),
		).toEqual([{ sequence: 'approaching_limits', episode: 'starter' }]);
		expect(subjects('csm-sid@acme.test')).toEqual([
			'[Opportunity] Expansion opportunity: Signal Ltd',
		]);
		expect(mailTo('csm-sid@acme.test')[0].text).toContain(
			'Your systems reported an expansion signal: champion_promoted.',
		);
		expect(mailTo('csm-sid@acme.test')[0].text).toContain('Signal reported: champion_promoted');
		expect((await rowsOf('cs_tasks', 'cust-signal')).map((task) => task.title)).toEqual([
			'Expansion opportunity: champion promoted',
			'prepare proposal',
		]);
	});
});

describe('all three', () => {
	test('nothing twice on repeated runs, and every execution succeeded', async () => {
		await Promise.all([runs(SCORING, 2), runs(DROP, 2), runs(EXPANSION, 2)]);
		const count = (address: string) => mailTo(address).length;
		expect({
			digest: count('cs-team@acme.test'),
			// The intervention's alert and the scoring's digest.
			dora: count('csm-dora@acme.test'),
			fred: count('csm-fred@acme.test'),
			// The scoring's digests only.
			hal: count('csm-hal@acme.test'),
			nina: count('csm-nina@acme.test'),
			kurt: count('csm-kurt@acme.test'),
			csmDefault: count('csm-default@acme.test'),
			eve: count('csm-eve@acme.test'),
			manager: count('maria@acme.test'),
			lia: count('lia@limits.test'),
			leo: count('csm-leo@acme.test'),
			uma: count('uma@upgrader.test'),
			sam: count('csm-sam@acme.test'),
			eli: count('eli@eighty.test'),
			sid: count('csm-sid@acme.test'),
			quiet: [
				'csm-sue@acme.test',
				'sue@steady.test',
				'dan@drop.test',
				'bo@bad.test',
				'hy@history.test',
				'olive@orphan.test',
			].map(count),
		}).toEqual({
			digest: 2,
			dora: 2,
			fred: 2,
			hal: 1,
			nina: 1,
			kurt: 1,
			csmDefault: 1,
			eve: 1,
			manager: 2,
			lia: 2,
			leo: 1,
			uma: 1,
			sam: 1,
			eli: 2,
			sid: 1,
			quiet: [0, 0, 0, 0, 0, 0],
		});
		const enrolments = await env.rows('cs_enrolments');
		const per = (sequence: string) =>
			enrolments
				.filter((row) => row.sequence === sequence)
				.map((row) => row.customer_id)
				.sort();
		expect(per('health_drop')).toEqual(['cust-drop', 'cust-event', 'cust-falling']);
		expect(per('approaching_limits')).toEqual(['cust-eighty', 'cust-limits', 'cust-upgrader']);
		expect(per('expansion_opportunity')).toEqual(['cust-seats', 'cust-signal']);
		for (const file of [SCORING, DROP, EXPANSION]) {
			const failed = (await env.executions(file)).filter(
				(execution) => !['success', 'running', 'waiting', 'new'].includes(execution.status),
			);
			const why = await Promise.all(
				failed.map(async ({ id }) => {
					const { resultData } = await env.server.executionData(id);
					return `${file} #${id}: ${resultData.error?.node?.name ?? resultData.lastNodeExecuted}: ${resultData.error?.message}`;
				}),
			);
			expect(why).toEqual([]);
		}
	});
});
