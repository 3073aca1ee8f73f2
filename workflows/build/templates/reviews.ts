import { ensureTables, recordTask } from '../blocks';
import {
	code,
	csNode,
	DEFAULT_CSM_SETTINGS,
	expr,
	filterNode,
	scheduleTrigger,
	SENDER_SETTINGS,
	setFields,
	setting,
	settingsNode,
	SMTP_CREDENTIAL,
	tableGet,
	tableRowNotExists,
	tableUpdate,
} from '../nodes';
import { Template, type NodeSpec } from '../template';

type At = [number, number];

/** A condition that the expression `code` is true. */
const isTrue = (condition: string) => ({
	left: expr(condition),
	operator: { type: 'boolean' as const, operation: 'true', singleValue: true },
});

/**
 * n8n's Send Email over SMTP with the review the Business Review node wrote into `review.email` (its subject, HTML and
 * text), to `to` (an expression) with the subject `subject` (an expression).
 */
function sendReview(name: string, at: At, to: string, subject: string): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.emailSend',
		typeVersion: 2.1,
		at,
		credentials: SMTP_CREDENTIAL,
		parameters: {
			fromEmail: expr(`${setting('sender_name')} + ' <' + ${setting('sender_email')} + '>'`),
			toEmail: expr(to),
			subject: expr(subject),
			emailFormat: 'both',
			text: expr('$json.review.email.text'),
			html: expr('$json.review.email.html'),
			options: { appendAttribution: false },
		},
	};
}

/** The Business Review node: `kind` is monthly or quarterly; the language is the customer's locale, else Settings'. */
function businessReview(name: string, at: At, kind: 'monthly' | 'quarterly'): NodeSpec {
	return {
		...csNode(name, 'customerBusinessReview', at, {
			reviewKind: kind,
			language: expr(setting('default_language')),
			successPlanField: 'success_plan',
			customerPath: '',
			options: { calendarLink: expr(setting('calendar_link')) },
		}),
		// A customer whose record the node cannot read (a malformed success plan, say) leaves with `error` and is
		// skipped by the filter after it; the others get their review.
		onError: 'continueRegularOutput',
	};
}

/**
 * Business reviews (issue 12 part 4): docs/sources.md#monthly-business-review (seed 000 §7 MBR),
 * docs/sources.md#business-reviews (seed 002 §12.1 QBR) and docs/sources.md#health-category-emails (seed 001's monthly
 * results email for healthy customers) with the success plan of docs/sources.md#success-plans.
 *
 * Once a month, every customer in cs_customers (not cancelled) is scored with Customer Health Score (default model).
 * The customers in the Settings' categories (healthy by default) get their monthly results review (Business Review,
 * monthly: the last complete month, in the customer's locale) by email, once per month (cs_customers
 * last_monthly_review keeps the month's first day). Every scored customer whose renewal is at most
 * `qbr_days_before_renewal` days away gets the quarterly business review prepared: emailed to the customer's CSM (else
 * the Settings CSM) to go through with the customer before the renewal, and a "prepare the QBR" task in cs_tasks, once
 * per customer and renewal date (the task's id `qbr:<customer_id>:<renewal day>`).
 */
export function reviewsTemplate(): Template {
	const t = new Template({
		file: 'cs-10-business-reviews',
		id: 'csTplBizReview01',
		name: 'CS 10 · Business reviews',
		trigger: 'Schedule Trigger: the 1st of every month at 09:00',
		does: 'Scores every customer (Customer Health Score), emails the healthy ones their monthly results review (Business Review, in the customer’s language, once a month), and for each customer whose renewal is near emails the quarterly business review to the CSM with a “prepare the QBR” task in cs_tasks (once per renewal)',
		configure:
			'Settings (sender, CSM fallback, calendar link, language, which health categories get the monthly review, how many days before the renewal the QBR is prepared, category thresholds), the SMTP credential; success plans as JSON text in cs_customers.success_plan',
		follows:
			'the monthly business review, the quarterly business review with the success plan, and the monthly results email for healthy customers (docs/sources.md#monthly-business-review, #business-reviews, #success-plans, #health-category-emails)',
		tables: ['cs_customers', 'cs_tasks'],
	});
	const id = t.info.id;

	const trigger = t.add(
		scheduleTrigger('Every month on the 1st at 09:00', [0, 0], {
			hour: 9,
			field: 'months',
			monthDay: 1,
		}),
	);
	const settings = t.add(
		settingsNode(
			[1, 0],
			{
				...SENDER_SETTINGS,
				...DEFAULT_CSM_SETTINGS,
				calendar_link: 'https://cal.example.com/acme-cs',
				default_language: 'en',
				monthly_review_categories: 'healthy',
				qbr_days_before_renewal: 45,
				qbr_due_days_before_renewal: 7,
				healthy_from: 80,
				at_risk_from: 60,
			},
			id,
		),
	);
	t.chain(trigger, settings);
	t.connect(settings, ensureTables(t, [1.5, -5], t.info.tables));

	const read = t.add({
		...tableGet('Read customers', [2, 0], 'cs_customers', []),
		executeOnce: true,
	});
	// The customer record without the table's own columns and empty values, with the CSM fallback and the days to the
	// renewal in the customer's calendar (its timezone, else the workflow's); cancelled customers are left out.
	const customers = t.add(
		code(
			'Customers',
			[3, 0],
			[
				`const settings = $('Settings').first().json;`,
				'const out = [];',
				'$input.all().forEach(({ json }, index) => {',
				'\tif (json.customer_id === null || json.customer_id === undefined || json.customer_id === "") return;',
				"\tif (String(json.subscription_status || '').toLowerCase() === 'cancelled') return;",
				'\tconst record = {};',
				"\tfor (const [key, value] of Object.entries(json)) if (!['id', 'createdAt', 'updatedAt'].includes(key) && value !== null && value !== '') record[key] = value;",
				'\trecord.customer_id = String(json.customer_id);',
				'\trecord.csm_name = record.csm_name || settings.default_csm_name;',
				'\trecord.csm_email = record.csm_email || settings.default_csm_email;',
				'\tif (record.renewal_date) {',
				'\t\tconst zone = record.timezone || $now.zoneName;',
				'\t\tconst renewal = DateTime.fromJSDate(new Date(record.renewal_date)).setZone(zone);',
				'\t\tif (renewal.isValid) {',
				'\t\t\trecord.review_renewal_day = renewal.toISODate();',
				"\t\t\trecord.review_days_to_renewal = Math.round(renewal.startOf('day').diff($now.setZone(zone).startOf('day'), 'days').days);",
				'\t\t}',
				'\t}',
				'\tout.push({ json: record, pairedItem: { item: index } });',
				'});',
				'return out;',
			].join('\n'),
		),
	);
	const health = t.add({
		...csNode('Customer Health Score', 'customerHealthScore', [4, 0], {
			model: 'default',
			outputMode: 'single',
			options: {
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
			isTrue("!$json.error && typeof ($json.health && $json.health.score) === 'number'"),
		]),
	);
	t.chain(settings, read, customers, health, scored);

	// ----- Monthly results review: the customers in the Settings' categories, once a month -----
	const monthlyCategories = t.add(
		filterNode('In a monthly-review category', [6, 0], id, [
			isTrue(
				`String(${setting('monthly_review_categories')}).split(',').map((category) => category.trim()).includes($json.health.category) && typeof $json.email === 'string' && $json.email.trim() !== ''`,
			),
		]),
	);
	const monthly = t.add(businessReview('Monthly review', [7, 0], 'monthly'));
	const notYet = t.add(
		filterNode('Not sent for this month yet', [8, 0], id, [
			isTrue(
				'!$json.error && !!$json.review && !!$json.review.email.to && $json.last_monthly_review !== $json.review.period.start',
			),
		]),
	);
	const sendMonthly = t.add(
		sendReview(
			'Send the monthly review',
			[9, -1],
			'$json.review.email.to',
			'$json.review.email.subject',
		),
	);
	const recordMonthly = t.add(
		tableUpdate(
			'Record the monthly review',
			[9, 0],
			'cs_customers',
			[{ column: 'customer_id', value: expr('$json.customer_id') }],
			{ last_monthly_review: expr('$json.review.period.start') },
		),
	);
	t.chain(scored, monthlyCategories, monthly, notYet);
	// Sent first (the upper branch), then recorded: a failed send is not recorded and is tried again next month.
	t.connect(notYet, [sendMonthly, recordMonthly]);

	// ----- Quarterly business review before the renewal: to the CSM, with a task, once per renewal -----
	const nearRenewal = t.add(
		filterNode('Renewal within the QBR window', [6, 3], id, [
			isTrue(
				`typeof $json.review_days_to_renewal === 'number' && $json.review_days_to_renewal >= 0 && $json.review_days_to_renewal <= Number(${setting('qbr_days_before_renewal')})`,
			),
		]),
	);
	const qbrTask = t.add(
		setFields(
			'QBR task',
			[7, 3],
			{
				qbr_task_id: expr("'qbr:' + $json.customer_id + ':' + $json.review_renewal_day"),
			},
			id,
		),
	);
	const notPrepared = t.add(
		tableRowNotExists('QBR not prepared yet', [8, 3], 'cs_tasks', [
			{ column: 'task_id', value: expr('$json.qbr_task_id') },
		]),
	);
	const quarterly = t.add(businessReview('Quarterly review', [9, 3], 'quarterly'));
	const reviewed = t.add(
		filterNode('Reviewed', [10, 3], id, [isTrue('!$json.error && !!$json.review')]),
	);
	const sendQbr = t.add(
		sendReview(
			'Send the QBR to the CSM',
			[11, 2],
			'$json.csm_email',
			"'QBR to prepare before the renewal on ' + $json.review_renewal_day + ': ' + $json.review.email.subject",
		),
	);
	const task = recordTask(t, 'Record the QBR task', [11, 3], {
		id: expr('$json.qbr_task_id'),
		type: 'review',
		title: 'Prepare the quarterly business review',
		details: expr(
			"'Renewal on ' + $json.review_renewal_day + ' (in ' + $json.review_days_to_renewal + ' days). The quarterly business review of ' + $json.review.period.label + ' was emailed to ' + $json.csm_email + ': go through it with the customer before the renewal.'",
		),
		owner: 'csm',
		ownerEmail: expr('$json.csm_email'),
		priority: 'high',
		dueAt: expr(
			`DateTime.max($now, DateTime.fromISO($json.review_renewal_day, { zone: $json.timezone || $now.zoneName }).minus({ days: Number(${setting('qbr_due_days_before_renewal')}) })).toUTC().toISO()`,
		),
		source: 'business reviews: QBR before renewal',
	});
	t.connect(scored, nearRenewal);
	t.chain(nearRenewal, qbrTask, notPrepared, quarterly, reviewed);
	t.connect(reviewed, [sendQbr, task]);

	t.sticky(
		[
			'## Business reviews',
			'Runs on the 1st of every month at 09:00 (change it in the trigger) over every customer in the `cs_customers` data table, except cancelled ones.',
			'',
			'**Configure**: the **Settings** node (sender, `default_csm_email` = the CSM of customers whose row names none, `calendar_link`, `default_language` = the review’s language when the customer’s `locale` has none (English or Spanish), `monthly_review_categories` = the health categories that get the monthly review, comma-separated, `qbr_days_before_renewal`, `qbr_due_days_before_renewal`, the category thresholds) and the SMTP credential of the two *Send* nodes.',
			'',
			'Success plans: JSON text in `cs_customers.success_plan`, e.g. `{"start_date": "2026-01-01", "goals": [{"name": "Response time", "baseline": 120, "target": 5, "current": 30, "deadline": "2026-06-30", "unit": "min"}]}`. The data tables are created on the first run when they are missing.',
		].join('\n'),
		[0, -4],
		[3, -2.4],
		4,
	);
	t.sticky(
		'### Score\nCustomer Health Score, default model (docs/sources.md#health-default-weights), with the Settings’ category thresholds. Customers with too little data, or a record the node cannot read, are left out.',
		[3, 1.2],
		[5, 1.8],
	);
	t.sticky(
		'### Monthly results review\nThe customers in `monthly_review_categories` (healthy: 80 and more) with an email address get the Business Review node’s monthly review of the last complete month, in their language (`locale`), with their success plan’s goals, value, usage, support and next steps. Sent once a month: `last_monthly_review` keeps the month it covered.',
		[6, -2.6],
		[9, -2.2],
		6,
	);
	t.sticky(
		'### Quarterly business review before the renewal\nEvery scored customer whose `renewal_date` is at most `qbr_days_before_renewal` days away (in its time zone): the quarterly business review of the last complete quarter, emailed to the customer’s CSM (`csm_email`, else `default_csm_email`) to go through with the customer, and a task in `cs_tasks` due `qbr_due_days_before_renewal` days before the renewal. Once per customer and renewal date.',
		[6, 4.2],
		[11, 4.8],
		5,
	);
	return t;
}
