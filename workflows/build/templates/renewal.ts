import {
	emailStep,
	enrolBy,
	ensureTables,
	logStep,
	perItem,
	planTasks,
	postedEvent,
	readCustomerOver,
	recordEnrolment,
	recordTask,
	stillEnrolled,
	stopSequence,
	waitFor,
} from '../blocks';
import { internalAlert } from '../blocks-renewal';
import {
	csNode,
	csTrigger,
	DEFAULT_CSM_SETTINGS,
	equals,
	expr,
	filterNode,
	LINK_SETTINGS,
	scheduleTrigger,
	SENDER_SETTINGS,
	setFields,
	setting,
	settingsNode,
	startedBySwitch,
	switchNode,
	tableGet,
	tableRowNotExists,
} from '../nodes';
import { Template } from '../template';

/** The customer's name for internal notes: company, else first name, else id. */
const WHO = '($json.company || $json.first_name || $json.customer_id)';
/** The monthly price shown to the customer and the CSM. */
const PRICE = `($json.mrr != null && $json.mrr !== '' ? ${setting('currency_symbol')} + $json.mrr : '')`;

/**
 * Renewal: docs/sources.md#cs-workflows CS_WORKFLOWS renewal.renewal_90_days (calculate_renewal_health, create_renewal_opp,
 * notify_csm), renewal.renewal_60_days (send_renewal_email with docs/sources.md#cs-email-templates renewal_60_days, schedule_renewal_call
 * after 3 days, prepare_qbr after 7 days: the CS Playbook's due times) and renewal.renewal_30_days
 * (send_renewal_reminder, escalate_if_no_response after 7 days), and docs/sources.md#renewal-sequence renewal checklist (renewal call
 * scheduled, forecast). Starts every day from cs_customers (the customers whose renewal_date is exactly 90, 60 or 30
 * calendar days away in their time zone) and from the renewal_in_90_days / _60_ / _30_ events; once per customer,
 * window and renewal date. renewal_answered and renewal_completed stop the customer's running renewal sequences, so
 * the 30-day escalation does not happen.
 */
export function renewalTemplate(): Template {
	const t = new Template({
		file: 'cs-03-renewal',
		id: 'csTplRenewal0001',
		name: 'CS 03 · Renewal',
		trigger:
			'Schedule Trigger every day at 08:00 (renewal_date exactly 90, 60 or 30 days away in cs_customers); Customer Success Trigger on customer-success/renewal: renewal_in_90_days, renewal_in_60_days, renewal_in_30_days, and renewal_answered, renewal_completed',
		does: '90 days before: scores the customer (Customer Health Score), records the renewal opportunity and alerts the CSM with the renewal health; 60 days before: the renewal email, the renewal call (due in 3 days) and the QBR preparation (due in 7 days) as tasks; 30 days before: the reminder email, and after 7 days without an answer an escalation email and task for the CS manager. Each customer once per window and renewal date; renewal_answered / renewal_completed stop it',
		configure:
			'Settings (sender, product, CSM fallback, CS manager, links, currency, the three windows, escalation days), the SMTP credential, the webhook credential',
		follows:
			'the CS workflows renewal.renewal_90_days, renewal_60_days and renewal_30_days, the renewal_60_days email, the health score and the renewal checklist (docs/sources.md#renewal-sequence)',
		tables: ['cs_customers', 'cs_enrolments', 'cs_tasks'],
	});
	const id = t.info.id;

	// ----- Triggers, Settings and the route -----
	const schedule = t.add(scheduleTrigger('Every day at 08:00', [0, 0], { hour: 8 }));
	const trigger = t.add(
		csTrigger([0, 2], {
			path: 'customer-success/renewal',
			events: ['renewal_in_90_days', 'renewal_in_60_days', 'renewal_in_30_days'],
			customEvents: 'renewal_answered, renewal_completed',
		}),
	);
	const settings = t.add(
		settingsNode(
			[1, 0],
			{
				...SENDER_SETTINGS,
				team_language: 'en',
				...DEFAULT_CSM_SETTINGS,
				manager_name: 'CS manager',
				manager_email: 'cs-manager@acme.example',
				...LINK_SETTINGS,
				currency_symbol: '$',
				delay_unit: 'days',
				first_notice_days: 90,
				renewal_email_days: 60,
				reminder_days: 30,
				escalate_after_days: 7,
			},
			id,
		),
	);
	t.connect(schedule, settings).connect(trigger, settings);
	t.connect(settings, ensureTables(t, [2, -12], t.info.tables));
	const startedBy = t.add(startedBySwitch([2, 0], id, 'daily run'));
	t.connect(settings, startedBy);

	// ----- Daily run: every customer; the window is worked out below -----
	const readAll = t.add({
		...tableGet('Read customers', [3, 0], 'cs_customers', []),
		executeOnce: true,
	});
	t.connect(startedBy, readAll, 0);

	// ----- Events: the customer fields they carry are saved (leaf, first), then the route by event -----
	const event = postedEvent(t, [3, 3], startedBy, 1);
	const eventType = t.add(
		switchNode('Event type', [4, 3], id, [
			{
				output: 'renewal window',
				condition: {
					left: expr('/^renewal_in_\\d+_days$/.test($json.event)'),
					operator: { type: 'boolean', operation: 'true', singleValue: true },
				},
			},
			{
				output: 'answer',
				condition: {
					left: expr("['renewal_answered', 'renewal_completed'].includes($json.event)"),
					operator: { type: 'boolean', operation: 'true', singleValue: true },
				},
			},
		]),
	);
	t.connect(event, eventType);
	const eventRow = readCustomerOver(t, 'customer (event)', [5, 3], 'Event', {
		alwaysOutputData: true,
	});
	t.connect(eventType, eventRow.first, 0);

	// An answer ends the renewal sequences that are still running (in practice the 30-day one, waiting to escalate).
	const answer = t.add(
		setFields(
			'Answer',
			[5, 5],
			{ renewal_stop_reason: expr("$json.event === 'renewal_completed' ? 'renewed' : 'answered'") },
			id,
		),
	);
	t.connect(eventType, answer, 1);
	const stops = ['renewal_90', 'renewal_60', 'renewal_30'].map((sequence, index) =>
		stopSequence(
			t,
			`Stop ${sequence}`,
			[6, 4.5 + index * 0.75],
			sequence,
			expr('$json.renewal_stop_reason'),
		),
	);
	t.connect(answer, stops);

	// ----- The window: days to renewal in the customer's calendar, as the package's nodes derive days_to_renewal -----
	const window = perItem(
		t,
		'Renewal window',
		[7, 0],
		[
			'// The renewal date in the customer’s calendar (its timezone, else the workflow’s), counted in whole calendar',
			'// days from today as every node of the package derives days_to_renewal; the daily run takes the customers',
			'// exactly 90, 60 or 30 days away (Settings), an event names its window itself.',
			'const row = {};',
			"for (const [key, value] of Object.entries($json)) if (!['id', 'createdAt', 'updatedAt'].includes(key) && value !== null) row[key] = value;",
			'const windows = {',
			"\trenewal_90: Number($('Settings').first().json.first_notice_days),",
			"\trenewal_60: Number($('Settings').first().json.renewal_email_days),",
			"\trenewal_30: Number($('Settings').first().json.reminder_days),",
			'};',
			"const byEvent = { renewal_in_90_days: 'renewal_90', renewal_in_60_days: 'renewal_60', renewal_in_30_days: 'renewal_30' };",
			'const zone = row.timezone || $now.zoneName;',
			"const today = $now.setZone(zone).startOf('day');",
			'let renewal = null;',
			'if (row.renewal_date) {',
			'\tconst parsed = DateTime.fromJSDate(new Date(row.renewal_date)).setZone(zone);',
			"\tif (parsed.isValid) renewal = parsed.startOf('day');",
			'}',
			'let sequence = null;',
			'if (row.event) {',
			'\tsequence = byEvent[row.event] || null;',
			'\tif (sequence && !renewal) renewal = today.plus({ days: windows[sequence] });',
			'}',
			"const days = renewal ? Math.round(renewal.diff(today, 'days').days) : null;",
			'if (!row.event && days !== null) sequence = Object.keys(windows).find((key) => windows[key] === days) || null;',
			'return {',
			'\tjson: {',
			'\t\t...row,',
			'\t\tdays_to_renewal: days,',
			'\t\trenewal_sequence: sequence,',
			'\t\trenewal_day: renewal ? renewal.toISODate() : null,',
			'\t\trenewal_at: renewal ? renewal.toISO() : null,',
			"\t\trenewal_date_text: renewal ? renewal.setLocale(String(row.locale || 'en')).toLocaleString(DateTime.DATE_FULL) : null,",
			'\t},',
			'};',
		].join('\n'),
	);
	t.connect(readAll, window).connect(eventRow.last, window);
	const inWindow = t.add(
		filterNode('In a renewal window?', [8, 0], id, [
			{
				left: expr(
					"Boolean($json.renewal_sequence) && !['cancelled', 'canceled'].includes(String($json.subscription_status || '').toLowerCase())",
				),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	t.connect(window, inWindow);

	// ----- Enrol once per window and renewal date, and never twice at the same time -----
	const enrolled = enrolBy(
		t,
		[9, 0],
		expr('$json.renewal_sequence'),
		expr("$json.renewal_sequence + ':' + $json.customer_id + ':' + $json.renewal_day"),
	);
	const notYet = t.add(
		tableRowNotExists('Not enrolled for this renewal yet', [10, 0], 'cs_enrolments', [
			{ column: 'enrolment_id', value: expr('$json.enrolment_id') },
		]),
	);
	const notNow = t.add(
		tableRowNotExists('Not in this window now', [11, 0], 'cs_enrolments', [
			{ column: 'customer_id', value: expr('String($json.customer_id)') },
			{ column: 'sequence', value: expr('$json.sequence') },
			{ column: 'status', value: 'active' },
		]),
	);
	t.chain(inWindow, enrolled, notYet, notNow);
	const record = recordEnrolment(t, 'Record enrolment', [12, -11]);
	const route = t.add(
		switchNode('Window', [12, 0], id, [
			{ output: '90 days', condition: equals('$json.sequence', 'renewal_90') },
			{ output: '60 days', condition: equals('$json.sequence', 'renewal_60') },
			{ output: '30 days', condition: equals('$json.sequence', 'renewal_30') },
		]),
	);
	t.connect(notNow, [record, route]);

	// ----- 90 days: renewal health, the renewal opportunity, the CSM alert -----
	const health = t.add({
		...csNode('Renewal health score', 'customerHealthScore', [13, -9], {
			model: 'default',
			outputMode: 'single',
			options: {},
		}),
		onError: 'continueRegularOutput',
	});
	t.connect(route, health, 0);
	const healthText = t.add(
		setFields(
			'Renewal health',
			[14, -9],
			{
				renewal_health: expr(
					"$json.health && typeof $json.health.score === 'number' ? 'Health score ' + $json.health.score + ' (grade ' + $json.health.grade + ', ' + $json.health.category.replace('_', ' ') + ')' : $json.error ? 'Health score: not computed (' + ($json.error.message || $json.error) + ')' : 'Health score: not enough data to score'",
				),
				renewal_risks: [
					expr('$json.health && $json.health.riskFactors ? $json.health.riskFactors : []'),
					'array',
				],
				renewal_priority: expr(
					"!$json.health || typeof $json.health.score !== 'number' ? 'high' : $json.health.category === 'critical' ? 'urgent' : $json.health.category === 'at_risk' ? 'high' : 'normal'",
				),
			},
			id,
		),
	);
	t.connect(health, healthText);
	const opportunity = recordTask(t, 'Record renewal opportunity', [15, -10], {
		id: expr("$json.enrolment_id + ':opportunity'"),
		type: 'task',
		title: expr(`'Renewal opportunity: ' + ${WHO} + ' renews on ' + $json.renewal_day`),
		details: expr(
			`$json.renewal_health + '. ' + ($json.plan ? 'Plan ' + $json.plan + ', ' : '') + ($json.mrr != null ? ${PRICE} + '/month. ' : '') + ($json.renewal_risks.length ? 'Risks: ' + $json.renewal_risks.join('; ') + '. ' : '') + 'CS workflow renewal.renewal_90_days (create_renewal_opp).'`,
		),
		owner: 'csm',
		ownerEmail: expr('$json.csm_email'),
		priority: expr('$json.renewal_priority'),
		dueAt: expr('$json.renewal_at'),
		source: 'renewal 90: create_renewal_opp',
	});
	const csmAlert = internalAlert(t, 'CSM renewal alert', [15, -9], {
		to: expr('$json.csm_email'),
		title: expr(`'Renewal in ' + $json.days_to_renewal + ' days: ' + ${WHO}`),
		reason: expr(
			`${WHO} + ' renews on ' + $json.renewal_date_text + ($json.plan ? ' (' + $json.plan + ($json.mrr != null ? ', ' + ${PRICE} + '/month' : '') + ')' : '') + '. ' + $json.renewal_health + '.' + ($json.renewal_risks.length ? ' Risks: ' + $json.renewal_risks.join('; ') + '.' : '')`,
		),
		actions: expr(
			`['Review the renewal opportunity in your tasks and update the renewal forecast', $json.renewal_risks.length ? 'Work on the risks before the renewal conversation' : 'Look for expansion opportunities before the renewal conversation', 'The renewal email goes to the customer ' + ${setting('renewal_email_days')} + ' days before the renewal']`,
		),
		severity: expr(
			"$json.renewal_priority === 'urgent' ? 'High' : $json.renewal_priority === 'high' ? 'Medium' : 'Low'",
		),
		dueAt: expr('$json.renewal_at'),
	});
	t.connect(healthText, [opportunity, csmAlert]);
	const log90 = logStep(
		t,
		'Log: 90-day renewal steps done',
		[17, -10],
		3,
		'notify_csm',
		'completed',
	);
	t.connect('Render CSM renewal alert', log90);

	// ----- 60 days: the renewal email; the renewal call (3 days) and the QBR preparation (7 days) as tasks -----
	const plan60 = planTasks(t, [13, -7], 'renewal.renewal_60_days', 'renewal 60');
	const email60 = emailStep(t, 'renewal email', [13, -5], 'renewal_60_days', {
		renewal_date: expr('$json.renewal_date_text'),
		current_price: expr(PRICE),
	});
	t.connect(route, [plan60, email60], 1);
	const log60 = logStep(
		t,
		'Log: renewal email sent, call and QBR planned',
		[14, -6],
		3,
		'prepare_qbr',
		'completed',
	);
	t.connect(email60, log60);

	// ----- 30 days: the reminder; after 7 days without an answer, the CS manager -----
	const email30 = emailStep(t, 'renewal reminder', [13, 0], 'renewal_30_days_reminder', {
		renewal_date: expr('$json.renewal_date_text'),
		current_price: expr(PRICE),
	});
	t.connect(route, email30, 2);
	const log30 = logStep(t, 'Log: renewal reminder sent', [14, -1], 1, 'send_renewal_reminder', {
		next: setting('escalate_after_days'),
	});
	const wait30 = waitFor(t, 'Wait for an answer', [14, 0], setting('escalate_after_days'));
	const gate30 = stillEnrolled(t, 'Still no answer?', [15, 0]);
	t.connect(email30, [log30, wait30]).connect(wait30, gate30);
	const managerAlert = internalAlert(t, 'manager escalation', [16, -3], {
		to: expr(setting('manager_email')),
		title: expr(`'Renewal escalation: no answer from ' + ${WHO}`),
		reason: expr(
			`${WHO} + ' renews on ' + $json.renewal_date_text + ' and has not answered the renewal reminder sent ' + ${setting('escalate_after_days')} + ' ' + ${setting('delay_unit')} + ' ago. CSM: ' + $json.csm_name + ' (' + $json.csm_email + ').'`,
		),
		actions: expr(
			"['Review the renewal with ' + $json.csm_name + ' today', 'Reach the customer’s decision maker before the renewal date', 'Record the answer: post renewal_answered or renewal_completed to the renewal trigger']",
		),
		severity: 'High',
		dueAt: expr('$now.toUTC().toISO()'),
	});
	const escalationTask = recordTask(t, 'Record escalation task', [16, -1], {
		id: expr("$json.enrolment_id + ':escalation'"),
		type: 'task',
		title: 'escalate if no response',
		details: expr(
			`'No answer ' + ${setting('escalate_after_days')} + ' ' + ${setting('delay_unit')} + ' after the renewal reminder; renewal on ' + $json.renewal_day + '. CSM: ' + $json.csm_name + '. CS workflow renewal.renewal_30_days (escalate_if_no_response).'`,
		),
		owner: 'cs_manager',
		ownerEmail: expr(setting('manager_email')),
		priority: 'urgent',
		source: 'renewal 30: escalate_if_no_response',
	});
	const escalated = logStep(
		t,
		'Log: escalated to the CS manager',
		[16, 0],
		2,
		'escalate_if_no_response',
		'completed',
	);
	t.connect(gate30, [managerAlert, escalationTask, escalated]);

	// ----- Notes -----
	t.sticky(
		[
			'## Renewal',
			'Starts **every day at 08:00**: reads `cs_customers` and takes the customers whose `renewal_date` is exactly 90, 60 or 30 calendar days away in their `timezone` (Settings: `first_notice_days`, `renewal_email_days`, `reminder_days`). Also starts when your billing system or CRM posts **renewal_in_90_days**, **renewal_in_60_days** or **renewal_in_30_days** to this trigger’s URL (see its *Production URL*). A customer goes through each window once per renewal date. A `renewal_date` without a time counts as midnight in n8n’s time zone; give it with its offset (`2027-03-01T09:00:00-06:00`) to be exact in the customer’s.',
			'',
			'**Configure**: the **Settings** node (sender, product, CSM fallback, the CS manager, links, currency, the windows and `escalate_after_days`; `delay_unit` = `seconds` for a trial), the SMTP credential of the *Send* nodes and the webhook credential of the trigger.',
			'',
			'The data tables it uses are created on the first run (top row) when they are missing.',
		].join('\n'),
		[0, -10],
		[1.5, -2],
		4,
	);
	t.sticky(
		'### Events\n`customer` with at least `customer_id`; its other fields (e.g. `renewal_date`) update the customer first. Without a `renewal_date` the renewal is taken to be the window’s days from today.\n\n**renewal_answered** (the customer replied) and **renewal_completed** (renewed) stop the running renewal sequences (`stop_reason` answered / renewed): no escalation.',
		[7, 4.4],
		[9.5, 6],
		6,
	);
	t.sticky(
		'### Once per window\n`enrolment_id` is `<window>:<customer>:<renewal day>`: a second run the same day, or the event and the daily run together, enrol nobody twice. Cancelled subscriptions are skipped.',
		[8, 1.2],
		[11, 2],
	);
	t.sticky(
		'### 90 days\nCustomer Health Score (default model) on the customer’s row, the renewal opportunity in `cs_tasks` (due on the renewal date, priority by health), and the CSM’s alert with the renewal health.',
		[13, -12.4],
		[16, -11.6],
	);
	t.sticky(
		'### 60 days\nThe renewal email (template `renewal_60_days`); CS Playbook `renewal.renewal_60_days` puts the renewal call (due in 3 days) and the QBR preparation (due in 7 days) in `cs_tasks`.',
		[16, -6.6],
		[18, -5.8],
	);
	t.sticky(
		'### 30 days\nThe reminder, then `escalate_after_days` later, unless an answer stopped it: the CS manager’s email and an urgent task.',
		[17, -1.2],
		[19, 0.4],
	);
	return t;
}
