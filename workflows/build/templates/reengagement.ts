import {
	emailStep,
	ensureTables,
	logStep,
	planTasks,
	recordEnrolment,
	recordTask,
	stillEnrolled,
	waitFor,
} from '../blocks';
import {
	enrolCustomer,
	noticeTo,
	oneExecutionPerItem,
	stopEnrolments,
} from '../blocks-reengagement';
import {
	csNode,
	csTrigger,
	DEFAULT_CSM_SETTINGS,
	equals,
	executeWorkflowTrigger,
	expr,
	filterNode,
	LINK_SETTINGS,
	noOp,
	scheduleTrigger,
	SENDER_SETTINGS,
	setFields,
	setting,
	settingsNode,
	switchNode,
	tableGet,
	tableRowNotExists,
	tableUpdate,
	type Condition,
} from '../nodes';
import { Template } from '../template';

const isTrue = (code: string): Condition => ({
	left: expr(code),
	operator: { type: 'boolean', operation: 'true', singleValue: true },
});

/** The enrolment's episode: the customer's last login, so one stretch of inactivity starts its playbook once. */
const EPISODE =
	"'last login ' + ($json.last_login_at ? new Date($json.last_login_at).toISOString() : 'never')";

/**
 * Re-engagement: a daily run (08:00) scores every customer of cs_customers (Customer Health Score, default model) and
 * looks for the two login signals of docs/sources.md#churn-signal-catalogue CHURN_SIGNALS (Churn Signals: no_login_7_days, no_login_14_days,
 * with a cooldown), then starts one execution per customer found (this workflow calling itself), which runs:
 *
 * - no_login_7_days: docs/sources.md#save-playbooks SAVE_PLAYBOOKS.no_login_7_days and docs/sources.md#cs-workflows CS_WORKFLOWS engagement.no_login_7_days
 *   (re-engagement email `reengagement_7_days` at once; the in-app notification, recorded as a cs_tasks row of type
 *   `in_app` for the CSM to post in the in-app messenger, shown at the next login; a CSM call task when the customer
 *   is still inactive after 48 hours), followed by docs/sources.md#reengagement-campaign campaign_sequence (friendly
 *   check-in day 1, feature spotlight day 3, success story day 7, personal outreach call day 14 as a CSM task, last
 *   chance day 21).
 *   How the two line up: one timeline counted from the day the signal is raised (day 0). The agent specification's playbook takes
 *   the first 48 hours (email and in-app note on day 0, the call check on day 2), and the SaaS retention strategy's "Day N" is N days
 *   after that same start, as the CS Playbook node reads the retention playbook's "Día N": the check-in (day 1) comes the day after
 *   the agent specification's email and the 48-hour call check falls between the check-in and the spotlight (day 3). The SaaS retention strategy's
 *   campaign thus carries on the agent specification's playbook instead of restarting it: no day sends two emails.
 * - no_login_14_days: docs/sources.md#save-playbooks SAVE_PLAYBOOKS.no_login_14_days: the urgent check-in call (same day) and the
 *   training offer (within 48 hours) as cs_tasks from the built-in CS Playbook `save.no_login_14_days`, a csm_alert
 *   to the CSM, and the value recap email `value_recap_urgent` after the call (`value_recap_after_hours` later: the
 *   email thanks the customer for the call). Past 14 days both signals are raised; the urgent playbook wins (Churn
 *   Signals' recommended playbook) and the 7-day sequence is not started for that customer.
 *
 * Alerted once per episode: the cooldown keeps Churn Signals from raising a login signal for the same customer more
 * than once a week (7 days: shorter than the shortest new episode, which needs a login and then 8 days without one,
 * so it never hides one), and each enrolment records its episode (the last login): a customer already in an active
 * enrolment of the playbook, or enrolled in it for this same stretch of inactivity, is not enrolled again.
 *
 * A `login` event (Customer Success Trigger, path customer-success/engagement) updates last_login_at in cs_customers
 * and stops the customer's active re-engagement enrolments (stop_reason "logged in"): the gate before each step ends
 * the sequence.
 */
export function reengagementTemplate(): Template {
	const t = new Template({
		file: 'cs-02-reengagement',
		id: 'csTplReengage001',
		name: 'CS 02 · Re-engagement',
		trigger:
			'Schedule: every day at 08:00 (scores cs_customers); Customer Success Trigger: login (ends the sequence)',
		does: 'Finds customers without a login for 7 or 14 days (Churn Signals, with a cooldown) and runs, per customer: after 7 days the re-engagement email, an in-app note, a CSM call task when still inactive after 48 hours, then the check-in (day 1), feature spotlight (day 3), success story (day 7), personal call task (day 14) and last-chance email (day 21); after 14 days the urgent playbook: call and training tasks, an alert to the CSM and the value recap email after the call. A login stops it',
		configure:
			'Settings (sender, product, default CSM, links, features, success story, value highlights, days, cooldown), the SMTP credential, the webhook credential',
		follows:
			'the churn signals and save playbooks no_login_7_days and no_login_14_days, the CS workflow engagement.no_login_7_days and the re-engagement campaign (docs/sources.md#churn-signal-catalogue, #save-playbooks, #cs-workflows, #reengagement-campaign)',
		tables: ['cs_customers', 'cs_enrolments', 'cs_tasks'],
	});
	const id = t.info.id;

	// ----- Triggers and Settings -----
	const daily = t.add(scheduleTrigger('Every day at 08:00', [0, 0], { hour: 8 }));
	const trigger = t.add(
		csTrigger([0, 2], { path: 'customer-success/engagement', events: ['login'] }),
	);
	const called = t.add(executeWorkflowTrigger('One customer’s playbook', [0, 4]));
	const settings = t.add(
		settingsNode(
			[1, 2],
			{
				...SENDER_SETTINGS,
				...DEFAULT_CSM_SETTINGS,
				...LINK_SETTINGS,
				recent_features:
					'Shared inbox for your whole team\nWeekly performance report\nOne-click CRM sync',
				spotlight_feature: 'the weekly performance report',
				spotlight_benefit:
					'Every Monday it tells you what worked last week and what to fix, without building a single chart.',
				spotlight_link: 'https://help.acme.example/weekly-report',
				story_company: 'Northwind Traders',
				story_summary:
					'Northwind’s team of four answers twice as many customers as a year ago, in half the time, since they set up automated replies.',
				story_link: 'https://acme.example/customers/northwind',
				value_highlights:
					'Your automations handled 1,240 conversations last quarter\nYour team saved about 35 hours a month\nYour response time fell from 6 hours to 40 minutes',
				cooldown_days: 7,
				delay_unit: 'days',
				checkin_day: 1,
				call_check_day: 2,
				spotlight_day: 3,
				story_day: 7,
				personal_call_day: 14,
				last_chance_day: 21,
				value_recap_after_hours: 8,
			},
			id,
		),
	);
	t.connect(daily, settings).connect(trigger, settings).connect(called, settings);
	t.connect(settings, ensureTables(t, [2, -2], t.info.tables));
	const start = t.add(
		switchNode('What started this run?', [2, 2], id, [
			{
				output: 'Daily run',
				condition: isTrue('$json.event === undefined && $json.sequence === undefined'),
			},
			{ output: 'Login', condition: equals('$json.event', 'login') },
			{
				output: 'One customer’s playbook',
				condition: isTrue("$json.event === undefined && typeof $json.sequence === 'string'"),
			},
		]),
	);
	t.connect(settings, start);

	// ----- Daily run: score every customer, find the login signals, hand each customer found to its own execution -----
	const read = t.add({
		...tableGet('Read customers', [3, 0], 'cs_customers', []),
		executeOnce: true,
	});
	const subscribed = t.add(
		filterNode('Subscribed customers', [4, 0], id, [
			isTrue("$json.subscription_status !== 'cancelled'"),
		]),
	);
	const health = t.add({
		...csNode('Customer Health Score', 'customerHealthScore', [5, 0], { model: 'default' }),
		onError: 'continueRegularOutput',
	});
	const churn = t.add({
		...csNode('Churn Signals', 'customerChurnSignals', [6, 0], {
			signals: ['no_login_7_days', 'no_login_14_days'],
			options: { cooldownDays: expr(setting('cooldown_days')) },
		}),
		onError: 'continueRegularOutput',
	});
	const found = t.add(
		filterNode('No login for 7 or 14 days', [7, 0], id, [
			isTrue("['save.no_login_7_days', 'save.no_login_14_days'].includes($json.churn?.playbook)"),
		]),
	);
	const which = t.add(
		setFields(
			'Playbook and episode',
			[8, 0],
			{
				sequence: expr(
					"$json.churn.playbook === 'save.no_login_14_days' ? 'reengagement_urgent' : 'reengagement'",
				),
				episode: expr(EPISODE),
			},
			id,
		),
	);
	const notActive = t.add(
		tableRowNotExists('Not in this playbook now?', [9, 0], 'cs_enrolments', [
			{ column: 'customer_id', value: expr('String($json.customer_id)') },
			{ column: 'sequence', value: expr('$json.sequence') },
			{ column: 'status', value: 'active' },
		]),
	);
	const notThisEpisode = t.add(
		tableRowNotExists('Not for this inactivity yet?', [10, 0], 'cs_enrolments', [
			{ column: 'customer_id', value: expr('String($json.customer_id)') },
			{ column: 'sequence', value: expr('$json.sequence') },
			{ column: 'episode', value: expr('$json.episode') },
		]),
	);
	const perCustomer = oneExecutionPerItem(
		t,
		'One customer at a time',
		'Start the customer’s playbook',
		'Every customer started',
		[11, 0],
	);
	t.connect(start, read, 0).chain(
		read,
		subscribed,
		health,
		churn,
		found,
		which,
		notActive,
		notThisEpisode,
		perCustomer,
	);

	// ----- login: the last login, and the end of the re-engagement sequences -----
	const saveLogin = t.add(
		tableUpdate(
			'Save last login',
			[3, 3.5],
			'cs_customers',
			[{ column: 'customer_id', value: expr('String($json.customer_id)') }],
			{
				last_login_at: expr('$json.occurredAt'),
			},
		),
	);
	const stopReengagement = stopEnrolments(
		t,
		'Stop re-engagement',
		[4, 3.5],
		'logged in',
		'reengagement',
	);
	const stopUrgent = stopEnrolments(
		t,
		'Stop urgent re-engagement',
		[5, 3.5],
		'logged in',
		'reengagement_urgent',
	);
	t.connect(start, [saveLogin, stopReengagement, stopUrgent], 1);

	// ----- One customer's playbook (its own execution) -----
	const enrolled = enrolCustomer(t, [3, 9], { code: '$json.sequence' });
	t.connect(start, enrolled, 2);
	const record = recordEnrolment(t, 'Record enrolment', [4, 8], { episode: expr('$json.episode') });
	const playbook = t.add(
		switchNode('Which playbook?', [4, 9], id, [
			{ output: 'No login for 7 days', condition: equals('$json.sequence', 'reengagement') },
			{
				output: 'No login for 14 days',
				condition: equals('$json.sequence', 'reengagement_urgent'),
			},
		]),
	);
	t.connect(enrolled, [record, playbook]);

	// No login for 7 days, day 0 (docs/sources.md#save-playbooks): the re-engagement email and the in-app note.
	const inApp = recordTask(t, 'In-app note for the next login', [5, 7], {
		type: 'in_app',
		title: 'In-app notification on next login',
		details: expr(
			"'Save playbook no_login_7_days, step 2: post an in-app message that ' + ($json.first_name || 'the customer') + ' sees at the next login (welcome back, and what is new: ' + " +
				`${setting('recent_features')}.split('\\n').join(', ')` +
				" + '), in your in-app messaging tool; mark this task done when it is in place.'",
		),
		owner: 'csm',
		ownerEmail: expr('$json.csm_email'),
		priority: 'normal',
		source: 'reengagement: in-app note',
	});
	const first = emailStep(t, 're-engagement email', [5, 9], 'reengagement_7_days', {
		recent_features: expr(setting('recent_features')),
	});
	const log1 = logStep(t, 'Log: re-engagement email sent', [6, 8], 1, 'send_reengagement_email', {
		next: setting('checkin_day'),
	});
	t.connect(playbook, [inApp, first], 0).connect(first, log1);

	// Day 1 (docs/sources.md#reengagement-campaign email_1): friendly check-in.
	const waitCheckin = waitFor(t, 'Wait until the check-in day', [6, 9], setting('checkin_day'));
	const gateCheckin = stillEnrolled(t, 'Still inactive? (check-in)', [7, 9]);
	const checkin = emailStep(t, 'check-in', [8, 9], 'reengagement_day1_checkin');
	const log2 = logStep(t, 'Log: check-in sent', [9, 8], 2, 'send_checkin_email', {
		next: `${setting('call_check_day')} - ${setting('checkin_day')}`,
	});
	t.connect(first, waitCheckin).chain(waitCheckin, gateCheckin, checkin).connect(checkin, log2);

	// Day 2 (docs/sources.md#save-playbooks: "If no response in 48h", CS_WORKFLOWS still_no_login): the CSM's check-in call.
	const waitCall = waitFor(
		t,
		'Wait 48 hours',
		[9, 9],
		`${setting('call_check_day')} - ${setting('checkin_day')}`,
	);
	const gateCall = stillEnrolled(t, 'Still inactive after 48 hours?', [10, 9]);
	const call = recordTask(t, 'CSM call: still inactive after 48 hours', [11, 8], {
		type: 'call',
		title: 'Personal check-in call',
		details: expr(
			"'No login in the 48 hours since the re-engagement email (save playbook no_login_7_days, step 3: if no response in 48h). Last login: ' + ($json.last_login_at ? new Date($json.last_login_at).toISOString().slice(0, 10) : 'never') + '.'",
		),
		owner: 'csm',
		ownerEmail: expr('$json.csm_email'),
		priority: 'high',
		source: 'reengagement: 48-hour call',
	});
	const log3 = logStep(t, 'Log: call task created', [12, 8], 3, 'create_csm_task', {
		next: `${setting('spotlight_day')} - ${setting('call_check_day')}`,
	});
	t.connect(checkin, waitCall).chain(waitCall, gateCall).connect(gateCall, [call, log3]);

	// Day 3 (docs/sources.md#reengagement-campaign email_2): feature spotlight.
	const waitSpotlight = waitFor(
		t,
		'Wait until the spotlight day',
		[11, 9],
		`${setting('spotlight_day')} - ${setting('call_check_day')}`,
	);
	const gateSpotlight = stillEnrolled(t, 'Still inactive? (spotlight)', [12, 9]);
	const spotlight = emailStep(
		t,
		'feature spotlight',
		[13, 9],
		'reengagement_day3_feature_spotlight',
		{
			feature_name: expr(setting('spotlight_feature')),
			feature_benefit: expr(setting('spotlight_benefit')),
			feature_link: expr(setting('spotlight_link')),
		},
	);
	const log4 = logStep(t, 'Log: spotlight sent', [14, 8], 4, 'send_feature_spotlight', {
		next: `${setting('story_day')} - ${setting('spotlight_day')}`,
	});
	t.connect(gateCall, waitSpotlight)
		.chain(waitSpotlight, gateSpotlight, spotlight)
		.connect(spotlight, log4);

	// Day 7 (docs/sources.md#reengagement-campaign email_3): success story.
	const waitStory = waitFor(
		t,
		'Wait until the success-story day',
		[14, 9],
		`${setting('story_day')} - ${setting('spotlight_day')}`,
	);
	const gateStory = stillEnrolled(t, 'Still inactive? (success story)', [15, 9]);
	const story = emailStep(t, 'success story', [16, 9], 'reengagement_day7_success_story', {
		story_company: expr(setting('story_company')),
		story_summary: expr(setting('story_summary')),
		story_link: expr(setting('story_link')),
	});
	const log5 = logStep(t, 'Log: success story sent', [17, 8], 5, 'send_success_story', {
		next: `${setting('personal_call_day')} - ${setting('story_day')}`,
	});
	t.connect(spotlight, waitStory).chain(waitStory, gateStory, story).connect(story, log5);

	// Day 14 (docs/sources.md#reengagement-campaign phone_call): personal outreach, a call task for the CSM.
	const waitOutreach = waitFor(
		t,
		'Wait until the personal-call day',
		[17, 9],
		`${setting('personal_call_day')} - ${setting('story_day')}`,
	);
	const gateOutreach = stillEnrolled(t, 'Still inactive? (personal call)', [18, 9]);
	const outreach = recordTask(t, 'CSM call: personal outreach', [19, 8], {
		type: 'call',
		title: 'Personal outreach call',
		details: expr(
			"'Re-engagement campaign, day 14 (phone_call: personal outreach): still no login since ' + ($json.last_login_at ? new Date($json.last_login_at).toISOString().slice(0, 10) : 'never') + ' after the check-in, spotlight and success-story emails.'",
		),
		owner: 'csm',
		ownerEmail: expr('$json.csm_email'),
		priority: 'high',
		source: 'reengagement: day 14 call',
	});
	const log6 = logStep(
		t,
		'Log: personal call task created',
		[20, 8],
		6,
		'create_personal_call_task',
		{ next: `${setting('last_chance_day')} - ${setting('personal_call_day')}` },
	);
	t.connect(story, waitOutreach)
		.chain(waitOutreach, gateOutreach)
		.connect(gateOutreach, [outreach, log6]);

	// Day 21 (docs/sources.md#reengagement-campaign final_email): last chance; the sequence is complete.
	const waitLast = waitFor(
		t,
		'Wait until the last-chance day',
		[19, 9],
		`${setting('last_chance_day')} - ${setting('personal_call_day')}`,
	);
	const gateLast = stillEnrolled(t, 'Still inactive? (last chance)', [20, 9]);
	const last = emailStep(t, 'last chance', [21, 9], 'reengagement_day21_last_chance');
	const log7 = logStep(
		t,
		'Log: re-engagement complete',
		[22, 8],
		7,
		'send_last_chance',
		'completed',
	);
	const done = t.add(noOp('Re-engagement complete', [22, 9]));
	t.connect(gateOutreach, waitLast).chain(waitLast, gateLast, last).connect(last, [log7, done]);

	// No login for 14 days (docs/sources.md#churn-signal-catalogue no_login_14_days): call and training tasks, the CSM alert, then the recap.
	const urgentTasks = planTasks(t, [5, 11], 'save.no_login_14_days', 'urgent re-engagement');
	const [alert, alertRender] = noticeTo(t, 'alert to the CSM', [5, 13], {
		to: expr('$json.csm_email'),
		title: expr(
			"($json.company || $json.first_name || $json.customer_id) + ' has not logged in for ' + $json.churn.signals.find((signal) => signal.type === 'no_login_14_days').value + ' days'",
		),
		reason: expr(
			"'No login since ' + ($json.last_login_at ? new Date($json.last_login_at).toISOString().slice(0, 10) : 'signup') + ' (save playbook no_login_14_days, high severity). Health score: ' + ($json.health?.score ?? 'not enough data') + '.'",
		),
		actions: expr(
			`['Call ' + ($json.first_name || 'the customer') + ' today: urgent check-in call (a task in cs_tasks)', 'After the call the value recap email goes out by itself, ' + ${setting('value_recap_after_hours')} + ' hours after this alert, unless the customer logs in first', 'Offer a training session within 48 hours (a task in cs_tasks)']`,
		),
		severity: 'Urgent',
		dueAt: expr("'Today, ' + $now.setZone($json.timezone || 'UTC').toFormat('d LLL yyyy')"),
	});
	const logUrgent = logStep(
		t,
		'Log: urgent tasks planned, CSM alerted',
		[7, 12],
		1,
		'plan_urgent_call_and_training',
		{ next: `${setting('value_recap_after_hours')} / 24` },
	);
	t.connect(alertRender, logUrgent);
	const waitRecap = waitFor(
		t,
		'Wait until after the call',
		[5, 14],
		`${setting('value_recap_after_hours')} / 24`,
	);
	const gateRecap = stillEnrolled(t, 'Still inactive? (value recap)', [6, 14]);
	const recap = emailStep(t, 'value recap', [7, 14], 'value_recap_urgent', {
		value_highlights: expr(setting('value_highlights')),
	});
	const logRecap = logStep(
		t,
		'Log: urgent playbook complete',
		[8, 13],
		2,
		'send_value_recap_email',
		'completed',
	);
	const urgentDone = t.add(noOp('Urgent playbook complete', [8, 14]));
	t.connect(playbook, [urgentTasks, alert, waitRecap], 1)
		.chain(waitRecap, gateRecap, recap)
		.connect(recap, [logRecap, urgentDone]);

	// ----- Notes -----
	t.sticky(
		[
			'## Re-engagement',
			'Starts **every day at 08:00**: scores every customer of the `cs_customers` data table and starts a playbook for those without a login for **7 days** or **14 days**. Send **login** events to this trigger’s URL (*Production URL*) so a login ends the sequence.',
			'',
			'**Configure**: the **Settings** node (sender, product, default CSM, links, the features, success story and value highlights the emails show, the days of each step, the cooldown; `delay_unit` = `seconds` runs a sequence in seconds for a trial), the SMTP credential of the *Send* nodes, the webhook credential of the trigger.',
			'',
			'The data tables it uses are created on the first run (top row) when they are missing.',
		].join('\n'),
		[0, -5],
		[4, -3.3],
		4,
	);
	t.sticky(
		'### Daily run\nCustomer Health Score (default model) and Churn Signals (`no_login_7_days`, `no_login_14_days`; cooldown `cooldown_days`). Past 14 days the urgent playbook wins. A customer already in the playbook, or enrolled in it since the same last login (`episode`), is skipped: one playbook per stretch of inactivity. Each customer found gets **its own execution** (this workflow calls itself), so one customer’s waits never hold up another’s.',
		[5, -2],
		[12, -1.3],
	);
	t.sticky(
		'### login\nUpdates `last_login_at` and stops the customer’s active re-engagement enrolments (`stop_reason` "logged in"): the next step’s gate ends the sequence.',
		[6, 3],
		[10, 3.6],
		6,
	);
	t.sticky(
		[
			'### No login for 7 days: one timeline from the day the signal is raised (day 0)',
			'The save playbook takes the first 48 hours: the `reengagement_7_days` email and the in-app note on day 0, the CSM’s call on day 2 if there is still no login. The re-engagement campaign counts its days from the same start: check-in day 1, spotlight day 3, success story day 7, personal call (a CSM task) day 14, last chance day 21. So no day sends two emails.',
			'',
			'**In-app note**: n8n cannot show a message inside your product, so it is a `cs_tasks` row of type `in_app` for the CSM to post in your in-app messenger (Intercom, …), shown at the next login.',
		].join('\n'),
		[6, 5.4],
		[13, 6.4],
	);
	t.sticky(
		'### No login for 14 days\nCS Playbook `save.no_login_14_days`: urgent call (same day) and training offer (within 48 h) as tasks, an alert to the CSM, then the `value_recap_urgent` email after the call (`value_recap_after_hours`), unless the customer logs in first.',
		[9, 12.2],
		[13, 13],
		3,
	);
	return t;
}
