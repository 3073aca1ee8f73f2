import { emailStep, ensureTables } from '../blocks';
import {
	code,
	csNode,
	DEFAULT_CSM_SETTINGS,
	expr,
	filterNode,
	LINK_SETTINGS,
	scheduleTrigger,
	SENDER_SETTINGS,
	setJson,
	setting,
	settingsNode,
	tableGet,
	tableUpdate,
	tableUpsert,
} from '../nodes';
import { Template } from '../template';

/** The customer statuses the digest calls at risk (docs/sources.md#health-categories categories: at risk 60-79, critical below 60). */
const AT_RISK = "['at_risk', 'critical']";

/**
 * Daily health scoring: docs/sources.md#health-default-weights (HealthScoreEngine with HEALTH_SCORE_CONFIG, the default model of Customer
 * Health Score) for every customer in cs_customers, once a day. One cs_health_history row per customer and day
 * (history_id `<customer_id>:<YYYY-MM-DD>`, an upsert: a second run the same day updates it), the customer's
 * health_score, previous_health_score, health_category and health_scored_at, and docs/sources.md#health-alerts checkAlerts (a drop of more
 * than 15 points: health_score_drop; entering grade D or F: customer_at_risk) as csm_daily_digest emails: one to each
 * customer's CSM (the customer's csm_email, else the Settings CSM, else the digest address) listing that CSM's
 * customers, and one to the CS team (`digest_email`, optional) listing them all, with the customers newly in an
 * at-risk category; no email when there is nothing to report.
 *
 * The previous score is the customer's latest cs_health_history score before today (within history_days); without
 * one, the row's health_score, except on a second run the same day, which compares with the same previous score as
 * the first (the row's previous_health_score): re-running is idempotent and the drop stays visible to the
 * intervention template (cs-07). A customer is reported by the run that created the day's history row (the upsert's
 * createdAt, so two overlapping runs report it once), and again the same day only if the score changed.
 */
export function dailyScoringTemplate(): Template {
	const t = new Template({
		file: 'cs-09-daily-health-scoring',
		id: 'csTplDailyScore1',
		name: 'CS 09 · Daily health scoring',
		trigger: 'Schedule Trigger: every day at 06:00',
		does: 'Scores every customer in cs_customers with Customer Health Score (default model) against its last day’s score in cs_health_history, keeps one cs_health_history row per customer and day, updates the customer’s health columns, and alerts each customer’s CSM (one email per CSM) and the CS team (a daily digest) of score drops (more than 15 points) and customers newly at risk',
		configure:
			'Settings (sender, product, CSM fallback, team digest recipient, category thresholds, history days), the SMTP credential',
		follows:
			'the default health model and its alerts health_score_drop and customer_at_risk; the health categories healthy 80+, at risk 60-79, critical below 60 (docs/sources.md#health-default-weights, #health-alerts, #health-categories)',
		tables: ['cs_customers', 'cs_health_history'],
	});
	const id = t.info.id;

	const trigger = t.add(scheduleTrigger('Every day at 06:00', [0, 0], { hour: 6 }));
	const settings = t.add(
		settingsNode(
			[1, 0],
			{
				...SENDER_SETTINGS,
				...DEFAULT_CSM_SETTINGS,
				digest_email: 'cs-team@acme.example',
				...LINK_SETTINGS,
				healthy_from: 80,
				at_risk_from: 60,
				history_days: 31,
			},
			id,
		),
	);
	t.chain(trigger, settings);
	t.connect(settings, ensureTables(t, [1.5, -5], t.info.tables));

	// The day's rows before this run: a re-run the same day reports a customer again only if the score changed.
	const before = t.add({
		...tableGet(
			'Today’s scores so far',
			[2, -1.5],
			'cs_health_history',
			[{ column: 'day', value: expr('$now.toISODate()') }],
			{ alwaysOutputData: true },
		),
		executeOnce: true,
	});
	t.connect(settings, before);
	// The scores of the last history_days days before today: each customer's latest is its previous score.
	const recent = t.add({
		...tableGet(
			'Recent history',
			[3, -1.5],
			'cs_health_history',
			[
				{
					column: 'day',
					condition: 'gte',
					value: expr(`$now.minus({ days: ${setting('history_days')} }).toISODate()`),
				},
				{ column: 'day', condition: 'lt', value: expr('$now.toISODate()') },
			],
			{ alwaysOutputData: true },
		),
		executeOnce: true,
	});
	t.connect(settings, recent);
	const read = t.add({
		...tableGet('Read customers', [2, 0], 'cs_customers', []),
		executeOnce: true,
	});
	// The previous score: the customer's latest cs_health_history score before today; without one, the row's
	// health_score, or on a second run the same day the row's previous_health_score.
	const previous = t.add(
		code(
			'Previous score',
			[3, 0],
			[
				'const today = $now.toISODate();',
				'const latest = new Map();',
				`for (const { json: row } of $('Recent history').all()) {`,
				"\tif (!row.customer_id || typeof row.day !== 'string' || row.day >= today || typeof row.score !== 'number') continue;",
				'\tconst known = latest.get(String(row.customer_id));',
				'\tif (!known || row.day > known.day) latest.set(String(row.customer_id), row);',
				'}',
				'return $input.all().map(({ json }, index) => {',
				'\tconst scoredAt = json.health_scored_at ? DateTime.fromJSDate(new Date(json.health_scored_at)).setZone($now.zoneName) : null;',
				'\tconst scoredToday = Boolean(scoredAt && scoredAt.isValid && scoredAt.toISODate() === today);',
				'\tconst record = {};',
				"\tfor (const [key, value] of Object.entries(json)) if (!['id', 'createdAt', 'updatedAt'].includes(key) && value !== null) record[key] = value;",
				'\tconst last = latest.get(String(json.customer_id));',
				'\tconst previous = last ? last.score : scoredToday ? json.previous_health_score : json.health_score;',
				'\tdelete record.previous_health_score;',
				'\tif (previous !== null && previous !== undefined) record.previous_health_score = previous;',
				'\treturn { json: { ...record, day: today }, pairedItem: { item: index } };',
				'});',
			].join('\n'),
		),
	);
	// A record the node cannot read (a malformed date, an unknown time zone) leaves with `error` and is skipped below;
	// the other customers are scored.
	const health = t.add({
		...csNode('Customer Health Score', 'customerHealthScore', [4, 0], {
			model: 'default',
			outputMode: 'single',
			options: {
				previousScoreField: 'previous_health_score',
				categoryThresholds: {
					values: {
						healthy: expr(setting('healthy_from')),
						at_risk: expr(setting('at_risk_from')),
					},
				},
			},
		}),
		onError: 'continueRegularOutput',
	});
	const scored = t.add(
		filterNode('Scored', [5, 0], id, [
			{
				left: expr("!$json.error && typeof ($json.health && $json.health.score) === 'number'"),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	t.chain(settings, read, previous, health, scored);

	// The customer's health columns (a leaf above, so first), then the day's history row: an upsert, which tells (its
	// row's createdAt) whether this run created the day's row, so two runs that overlap report a customer once.
	const history = t.add(
		tableUpsert(
			'Save the day’s score',
			[6, 0],
			'cs_health_history',
			[{ column: 'history_id', value: expr("$json.customer_id + ':' + $json.day") }],
			{
				history_id: expr("$json.customer_id + ':' + $json.day"),
				customer_id: expr('String($json.customer_id)'),
				day: expr('$json.day'),
				score: expr('$json.health.score'),
				grade: expr('$json.health.grade'),
				category: expr('$json.health.category'),
				coverage: expr('$json.health.coverage'),
				trend: expr('$json.health.trend'),
				scored_at: expr('$now.toUTC().toISO()'),
			},
		),
	);
	const customer = t.add(
		tableUpdate(
			'Save health on the customer',
			[6, -2],
			'cs_customers',
			[{ column: 'customer_id', value: expr('String($json.customer_id)') }],
			{
				health_score: expr('$json.health.score'),
				previous_health_score: expr('$json.health.previousScore'),
				health_category: expr('$json.health.category'),
				health_scored_at: expr('$now.toUTC().toISO()'),
			},
		),
	);
	t.connect(scored, [customer, history]);
	const row = t.add(
		setJson(
			'With the day’s row',
			[7, 0],
			"{ ...$('Scored').item.json, created_the_day: new Date($json.createdAt).getTime() === new Date($json.updatedAt).getTime() }",
		),
	);
	t.connect(history, row);

	// The alerts: customers whose score dropped (docs/sources.md#health-alerts health_score_drop) and customers newly at
	// risk (docs/sources.md#health-alerts customer_at_risk, or a category newly at_risk or critical), each once a day unless
	// the score changes again. One digest per CSM with that CSM's customers (the customer's csm_email, else the Settings
	// CSM, else digest_email), and one with them all to digest_email when it is set.
	const digest = t.add(
		code(
			'Alerts per CSM',
			[8, 0],
			[
				`const settings = $('Settings').first().json;`,
				'const categoryOf = (score) => (score >= settings.healthy_from ? "healthy" : score >= settings.at_risk_from ? "at_risk" : "critical");',
				`const atRisk = ${AT_RISK};`,
				"const team = String(settings.digest_email || '').trim();",
				'const drops = [];',
				'const newAtRisk = [];',
				`const dayScores = new Map($('Today’s scores so far').all().filter((item) => item.json.customer_id).map((item) => [String(item.json.customer_id), item.json.score]));`,
				'for (const { json: customer } of $input.all()) {',
				'\tconst health = customer.health;',
				"\t// Reported by the run that created the day's row; a later run the same day only if the score changed since.",
				'\tconst id = String(customer.customer_id);',
				'\tif (!customer.created_the_day && (!dayScores.has(id) || dayScores.get(id) === health.score)) continue;',
				'\tconst alerts = (health.alerts || []).map((alert) => alert.type);',
				'\tconst csm = String(customer.csm_email || settings.default_csm_email || team).trim();',
				'\tconst who = { customer_id: id, company: customer.company || id, csm_email: csm };',
				"\tif (alerts.includes('health_score_drop')) {",
				'\t\tdrops.push({ ...who, previous_score: health.previousScore, score: health.score, change: health.score - health.previousScore });',
				'\t}',
				'\tconst before = health.previousScore === null ? null : categoryOf(health.previousScore);',
				"\tif (alerts.includes('customer_at_risk') || (atRisk.includes(health.category) && !atRisk.includes(before))) {",
				"\t\tnewAtRisk.push({ ...who, score: health.score, category: health.category.replace('_', ' '), grade: health.grade, previous_category: before });",
				'\t}',
				'}',
				'const digestFor = (email, recipient, dropsOf, atRiskOf) => ({',
				'\tjson: {',
				'\t\temail,',
				'\t\trecipient,',
				'\t\tdigest_date: $now.toISODate(),',
				'\t\tdrops: dropsOf,',
				'\t\tnew_at_risk: atRiskOf,',
				'\t\tdrop_count: dropsOf.length,',
				'\t\tat_risk_count: atRiskOf.length,',
				'\t},',
				'});',
				'const digests = [];',
				'const csms = [...new Set([...drops, ...newAtRisk].map((entry) => entry.csm_email))].filter((csm) => csm && csm !== team);',
				'for (const csm of csms) {',
				"\tdigests.push(digestFor(csm, 'csm', drops.filter((entry) => entry.csm_email === csm), newAtRisk.filter((entry) => entry.csm_email === csm)));",
				'}',
				"if (team && (drops.length || newAtRisk.length)) digests.push(digestFor(team, 'team', drops, newAtRisk));",
				'return digests;',
			].join('\n'),
		),
	);
	t.connect(row, digest);
	emailStep(t, 'health digest', [9, 0], 'csm_daily_digest');
	t.connect(digest, 'Render health digest');

	t.sticky(
		[
			'## Daily health scoring',
			'Runs every day at 06:00 (change it in the trigger) over every customer in the `cs_customers` data table: the rows your other templates and systems keep current (usage, support, NPS, payments).',
			'',
			'**Configure**: the **Settings** node (sender, product, `default_csm_email` = the CSM of customers whose row names none, `digest_email` = who gets the team digest (empty: none), the category thresholds, `history_days`) and the SMTP credential of *Send health digest*.',
			'',
			'The data tables it uses are created on the first run (top row) when they are missing.',
		].join('\n'),
		[0, -4],
		[3, -2.4],
		4,
	);
	t.sticky(
		'### Score\nCustomer Health Score, default model (docs/sources.md#health-default-weights). The previous score (drops, trend) is the customer’s latest `cs_health_history` score before today, looked up over the last `history_days` days; without one, the customer’s last `health_score`. A second run the same day gives the same result. Customers with too little data (`insufficient_data`) or a record the node cannot read (see its output) are left out.',
		[3, 1.2],
		[5, 1.8],
	);
	t.sticky(
		'### Keep and alert\nThe customer’s health columns, one `cs_health_history` row per customer and day (`<customer_id>:<day>`, updated by a re-run), then the alerts: the drops of more than 15 points and the customers newly at risk, one email to each CSM with that CSM’s customers (the customer’s `csm_email`, else `default_csm_email`, else `digest_email`) and one with them all to `digest_email` (leave it empty for none). A customer is reported once a day (again the same day only if the score changed); no email when there is nothing to report.',
		[6, 1.2],
		[9, 1.9],
		6,
	);
	return t;
}
