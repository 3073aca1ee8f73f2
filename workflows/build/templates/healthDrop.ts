import {
	enrol,
	ensureTables,
	freshCustomer,
	logStep,
	nextStepAt,
	planTasks,
	postedEvent,
	readCustomerOver,
	recordEnrolment,
	recordTask,
	stillEnrolled,
	waitFor,
	WITHOUT_ROW_META,
} from '../blocks';
import { notice } from '../blocks-health';
import {
	code,
	csTrigger,
	DEFAULT_CSM_SETTINGS,
	expr,
	filterNode,
	ifNode,
	LINK_SETTINGS,
	scheduleTrigger,
	SENDER_SETTINGS,
	setJson,
	setting,
	settingsNode,
	startedBySwitch,
	tableGet,
	tableRowNotExists,
} from '../nodes';
import { Template } from '../template';

const SEQUENCE = 'health_drop';
const name = '($json.company || $json.customer_id)';

/**
 * Health-score drop: docs/sources.md#cs-workflows CS_WORKFLOWS at_risk.health_score_drop (trigger health_score_dropped_20:
 * create_at_risk_alert, notify_csm, schedule_intervention_call after 1 day, escalate_to_manager after 3 days if there
 * is no improvement), with docs/sources.md#health-alerts alerts behind it. Starts from a health_score_dropped_20 event, or from its
 * own daily run over cs_customers (after the daily scoring, cs-09): a customer whose health_score is 20 or more
 * below previous_health_score. Once per drop, and never while the customer is already in the intervention.
 */
export function healthDropTemplate(): Template {
	const t = new Template({
		file: 'cs-07-health-drop-intervention',
		id: 'csTplHealthDrop1',
		name: 'CS 07 · Health-score drop: at-risk intervention',
		trigger:
			'Customer Success Trigger: health_score_dropped_20; and a Schedule Trigger every day at 07:00 (drops of 20+ points found in cs_customers)',
		does: 'At-risk alert task, alert email to the CSM, intervention call task due the next day; after 3 days re-reads the customer and, only if the score has not improved, escalates to the CS manager (alert email and task)',
		configure:
			'Settings (sender, product, CSM and manager, drop points, days), the SMTP credential, the webhook credential',
		follows:
			'the CS workflow at_risk.health_score_drop and the health alert health_score_drop (docs/sources.md#cs-workflows, #health-alerts)',
		tables: ['cs_customers', 'cs_enrolments', 'cs_tasks'],
	});
	const id = t.info.id;

	const schedule = t.add(scheduleTrigger('Every day at 07:00', [0, 0], { hour: 7 }));
	const trigger = t.add(
		csTrigger([0, 1], { path: 'customer-success/health', events: ['health_score_dropped_20'] }),
	);
	const settings = t.add(
		settingsNode(
			[1, 0],
			{
				...SENDER_SETTINGS,
				...DEFAULT_CSM_SETTINGS,
				manager_name: 'CS manager',
				manager_email: 'cs-manager@acme.example',
				...LINK_SETTINGS,
				delay_unit: 'days',
				drop_points: 20,
				escalate_after_days: 3,
				improvement_points: 5,
			},
			id,
		),
	);
	t.connect(schedule, settings).connect(trigger, settings);
	t.connect(settings, ensureTables(t, [1.5, -7], t.info.tables));
	const startedBy = t.add(startedBySwitch([2, 0], id, 'daily run', 'event first'));
	t.connect(settings, startedBy);

	// Event: the event as posted (without the Settings fields), what it says about the customer saved first (leaf),
	// then the customer's whole row.
	const event = postedEvent(t, [3, -1], startedBy, 0);
	const eventRow = readCustomerOver(t, 'customer (event)', [4, -1], 'Event');
	t.connect(event, eventRow.first);
	// The episode names the drop as the daily run does ("drop 70 to 45", with the day of the customer's last scoring),
	// so an event and the daily run that see the same drop enrol the customer once.
	const eventDrop = t.add(
		code(
			'Drop (event)',
			[6, -1],
			[
				'const data = $json.data || {};',
				'const to = data.score !== undefined && data.score !== null ? Number(data.score) : $json.health_score;',
				'const from = data.previous_score !== undefined && data.previous_score !== null ? Number(data.previous_score) : $json.previous_health_score;',
				"const day = $json.health_scored_at ? ' on ' + DateTime.fromJSDate(new Date($json.health_scored_at)).setZone($now.zoneName).toISODate() : '';",
				"return { json: { ...$json, score_at_drop: to, drop_from: from, episode: 'drop ' + from + ' to ' + to + day } };",
			].join('\n'),
			'runOnceForEachItem',
		),
	);
	t.connect(eventRow.last, eventDrop);

	// Daily run: the customers whose score fell by drop_points or more at their last scoring.
	const readAll = t.add({
		...tableGet('Read customers', [4, 1], 'cs_customers', []),
		executeOnce: true,
	});
	const fell = t.add(
		filterNode('Score fell by drop_points or more?', [5, 1], id, [
			{
				left: expr(
					`typeof $json.health_score === 'number' && typeof $json.previous_health_score === 'number' && $json.previous_health_score - $json.health_score >= ${setting('drop_points')}`,
				),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	const scheduleDrop = t.add(
		setJson(
			'Drop (daily run)',
			[6, 1],
			`{ ...${WITHOUT_ROW_META}, score_at_drop: $json.health_score, drop_from: $json.previous_health_score, episode: 'drop ' + $json.previous_health_score + ' to ' + $json.health_score + ($json.health_scored_at ? ' on ' + DateTime.fromJSDate(new Date($json.health_scored_at)).setZone($now.zoneName).toISODate() : '') }`,
		),
	);
	t.connect(startedBy, readAll, 1).chain(readAll, fell, scheduleDrop);

	// Enrol once per drop (the episode: "drop 80 to 58 on <day>", or the event), and not while an intervention runs.
	const enrolled = enrol(t, [7, 0], { sequence: SEQUENCE });
	t.connect(eventDrop, enrolled).connect(scheduleDrop, enrolled);
	const notRunning = t.add(
		tableRowNotExists('Not in an intervention already', [8, 0], 'cs_enrolments', [
			{ column: 'customer_id', value: expr('String($json.customer_id)') },
			{ column: 'sequence', value: SEQUENCE },
			{ column: 'status', value: 'active' },
		]),
	);
	const notThisDrop = t.add(
		tableRowNotExists('Not enrolled for this drop', [9, 0], 'cs_enrolments', [
			{ column: 'customer_id', value: expr('String($json.customer_id)') },
			{ column: 'sequence', value: SEQUENCE },
			{ column: 'episode', value: expr('$json.episode') },
		]),
	);
	t.chain(enrolled, notRunning, notThisDrop);

	// Day 0 (above the main path, so they happen now): enrolment, the at-risk alert, the intervention call, the CSM.
	const record = recordEnrolment(t, 'Record enrolment', [10, -7], {
		episode: expr('$json.episode'),
		next_step_at: nextStepAt(setting('escalate_after_days')),
	});
	const alert = recordTask(t, 'Record at-risk alert', [10, -6], {
		id: expr("$json.enrolment_id + ':at_risk_alert'"),
		type: 'alert',
		title: expr(
			"'At-risk alert: health score dropped from ' + $json.drop_from + ' to ' + $json.score_at_drop",
		),
		details: expr(
			`'CS workflow at_risk.health_score_drop (create_at_risk_alert). Escalation to the CS manager after ' + ${setting('escalate_after_days')} + ' ' + ${setting('delay_unit')} + ' if the score has not improved.'`,
		),
		owner: 'csm',
		ownerEmail: expr('$json.csm_email'),
		priority: 'high',
		source: 'health drop: create_at_risk_alert',
	});
	const call = planTasks(t, [10, -5], 'at_risk.health_score_drop', 'health drop', {
		priority: 'high',
	});
	const csm = notice(t, 'CSM alert', [10, -3], {
		to: expr('$json.csm_email'),
		title: expr(`'Health score dropped: ' + ${name}`),
		reason: expr(
			"'The health score of ' + " +
				name +
				" + ' fell from ' + $json.drop_from + ' to ' + $json.score_at_drop + ($json.drop_from != null ? ' (' + ($json.score_at_drop - $json.drop_from) + ' points)' : '') + '.'",
		),
		actions: expr(
			`['Call ' + ${name} + ' within a day: the intervention call is in your tasks', 'Look at what drove the score down and agree a recovery plan', 'Without improvement, this goes to ' + ${setting('manager_name')} + ' in ' + ${setting('escalate_after_days')} + ' ' + ${setting('delay_unit')}]`,
		),
		severity: 'High',
		dueAt: expr('$now.plus({ days: 1 }).toFormat("yyyy-MM-dd HH:mm ZZZZ")'),
	});
	t.connect(notThisDrop, [record, alert, call, csm]);
	const log1 = logStep(t, 'Log: CSM alerted', [12, -2], 2, 'notify_csm', {
		next: setting('escalate_after_days'),
	});
	t.connect('Render CSM alert', log1);

	// Day 3: re-read the customer; escalate only if the score has not improved.
	const waitDays = waitFor(
		t,
		'Wait until the escalation day',
		[11, 0],
		setting('escalate_after_days'),
	);
	const gate = stillEnrolled(t, 'Still in the intervention?', [12, 0]);
	const current = freshCustomer(t, 'customer (escalation day)', [13, 0]);
	t.connect(notThisDrop, waitDays).chain(waitDays, gate, current.first);
	const improved = t.add(
		ifNode('Score improved?', [15, 0], id, [
			{
				left: expr(
					`typeof $json.health_score === 'number' && $json.health_score - $json.score_at_drop > ${setting('improvement_points')}`,
				),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	t.connect(current.last, improved);
	const noEscalation = logStep(
		t,
		'Log: improved, no escalation',
		[16, -1],
		4,
		'no_escalation_score_improved',
		'completed',
	);
	t.connect(improved, noEscalation, 0);

	const manager = notice(t, 'manager escalation', [16, 1], {
		to: expr(setting('manager_email')),
		title: expr(`'Escalation: ' + ${name} + ' has not recovered'`),
		reason: expr(
			`${setting('escalate_after_days')} + ' ' + ${setting('delay_unit')} + ' after its drop from ' + $json.drop_from + ' to ' + $json.score_at_drop + ', the health score of ' + ${name} + ' is ' + $json.health_score + ': no improvement of more than ' + ${setting('improvement_points')} + ' points. CSM: ' + $json.csm_name + ' (' + $json.csm_email + ').'`,
		),
		actions: expr(
			"['Review the account with ' + $json.csm_name + ' today', 'Decide whether an executive sponsor should call the customer']",
		),
		severity: 'Critical',
		dueAt: expr("'Today, ' + $now.toFormat('yyyy-MM-dd HH:mm ZZZZ')"),
	});
	const escalationTask = recordTask(t, 'Record escalation task', [16, 3], {
		id: expr("$json.enrolment_id + ':escalation'"),
		type: 'task',
		title: 'escalate to manager',
		details: expr(
			`'No improvement ' + ${setting('escalate_after_days')} + ' ' + ${setting('delay_unit')} + ' after the drop from ' + $json.drop_from + ' to ' + $json.score_at_drop + ': the score is ' + $json.health_score + '. CS workflow at_risk.health_score_drop (escalate_to_manager, no_improvement).'`,
		),
		owner: 'cs_manager',
		ownerEmail: expr(setting('manager_email')),
		priority: 'urgent',
		source: 'health drop: escalate_to_manager',
	});
	const escalated = logStep(
		t,
		'Log: escalated to the manager',
		[17, 4],
		4,
		'escalate_to_manager',
		'completed',
	);
	t.connect(improved, [manager, escalationTask, escalated], 1);

	t.sticky(
		[
			'## Health-score drop: at-risk intervention',
			'Starts when your systems post **health_score_dropped_20** to this trigger’s URL (see its *Production URL*), and every day at 07:00 for the customers whose `health_score` in `cs_customers` is 20 or more below `previous_health_score` (the daily scoring, CS 09, writes both at 06:00). Once per drop; never while the customer is already in the intervention.',
			'',
			'**Configure**: the **Settings** node (sender, product, CSM fallback, the manager, `drop_points`, `escalate_after_days`, `improvement_points`; `delay_unit` = `seconds` for a trial), the SMTP credential of the *Send* nodes and the webhook credential of the trigger.',
			'',
			'The data tables it uses are created on the first run (top row) when they are missing.',
		].join('\n'),
		[0, -5],
		[4, -3.4],
		4,
	);
	t.sticky(
		'### The event\n`customer` with at least `customer_id` (its other fields update the customer), optional `data.score` and `data.previous_score`; without them the customer’s `health_score` and `previous_health_score` are used.',
		[3, 2],
		[6, 3.2],
		6,
	);
	t.sticky(
		'### Day 0\nAn `alert` task, the CSM’s email, and the intervention call (CS Playbook `at_risk.health_score_drop`, due a day later) in `cs_tasks`.',
		[10, -9.4],
		[13, -8.8],
	);
	t.sticky(
		'### Escalation day\nRe-reads the customer. Improved by more than `improvement_points`: done. Otherwise the manager gets an email and an urgent task.',
		[13, 1.6],
		[15, 2.2],
	);
	return t;
}
