import {
	customerColumns,
	ensureTables,
	freshCustomer,
	emailStep,
	enrol,
	logStep,
	planTasks,
	recordEnrolment,
	stillEnrolled,
	upsertCustomer,
	waitFor,
} from '../blocks';
import {
	csTrigger,
	DEFAULT_CSM_SETTINGS,
	eventRoute,
	expr,
	ifNode,
	LINK_SETTINGS,
	noOp,
	SENDER_SETTINGS,
	setFields,
	setting,
	settingsNode,
	switchNode,
} from '../nodes';
import { Template } from '../template';

/**
 * Welcome and onboarding: docs/sources.md#cs-workflows CS_WORKFLOWS onboarding.welcome_sequence (welcome email, CSM assignment,
 * success plan, kickoff, checklist on day 2, first-value check on day 3, tips on day 5, 30-day review on day 7), its
 * stalled_onboarding branch (no progress for 3 days: help email, CSM task, help call the next day), and docs/sources.md#first-value-48h
 * first-value goal (the first key action within 48 hours).
 */
export function welcomeTemplate(): Template {
	const t = new Template({
		file: 'cs-01-welcome-onboarding',
		id: 'csTplWelcome0001',
		name: 'CS 01 · Welcome and onboarding',
		trigger:
			'Customer Success Trigger: subscription_created (also onboarding_step_completed, onboarding_stalled)',
		does: 'Welcome email, CSM tasks (success plan, kickoff, first-value check, 30-day review), checklist on day 2, first-value nudge on day 3 when the first key action has not happened, tips on day 5, 30-day review invitation on day 7; help email and help call when onboarding stalls',
		configure:
			'Settings (sender, product, CSM, links, days), the SMTP credential, the webhook credential',
		follows:
			'onboarding and the CS workflows welcome_sequence and stalled_onboarding; first value within 48 hours (docs/sources.md#onboarding, #cs-workflows, #first-value-48h)',
		tables: ['cs_customers', 'cs_enrolments', 'cs_tasks'],
	});
	const id = t.info.id;

	const trigger = t.add(
		csTrigger([0, 0], {
			path: 'customer-success/onboarding',
			events: ['subscription_created', 'onboarding_step_completed', 'onboarding_stalled'],
		}),
	);
	const settings = t.add(
		settingsNode(
			[1, 0],
			{
				...SENDER_SETTINGS,
				...DEFAULT_CSM_SETTINGS,
				...LINK_SETTINGS,
				delay_unit: 'days',
				checklist_day: 2,
				first_value_day: 3,
				tips_day: 5,
				review_day: 7,
				stalled_after_days: 3,
			},
			id,
		),
	);
	const route = t.add(
		switchNode('Event', [2, 0], id, [
			eventRoute('subscription_created'),
			eventRoute('onboarding_step_completed'),
			eventRoute('onboarding_stalled'),
		]),
	);
	t.chain(trigger, settings, route);
	t.connect(settings, ensureTables(t, [2, -5], t.info.tables));

	// subscription_created: record the customer, enrol, plan the CSM's tasks, welcome.
	const start = t.add(
		setFields(
			'New customer',
			[3, 0],
			{
				subscription_status: expr("$json.subscription_status || 'active'"),
				signup_date: expr('$json.signup_date || $json.occurredAt'),
			},
			id,
		),
	);
	t.connect(route, start, 0);
	const enrolled = enrol(t, [4, 0], { sequence: 'welcome' });
	t.connect(start, enrolled);
	const columns = customerColumns(t, 'Customer fields', [5, -4]);
	const upsert = upsertCustomer(t, 'Save customer', [6, -4]);
	t.connect(enrolled, columns).connect(columns, upsert);
	const record = recordEnrolment(t, 'Record enrolment', [5, -3]);
	t.connect(enrolled, record);
	const plan = planTasks(t, [5, -2], 'onboarding.welcome_sequence', 'welcome');
	t.connect(enrolled, plan);

	const welcome = emailStep(t, 'welcome email', [5, 0], 'welcome_email');
	t.connect(enrolled, welcome);
	const log1 = logStep(t, 'Log: welcome sent', [6, -1], 1, 'send_welcome_email');
	t.connect(welcome, log1);

	// Day 2: checklist.
	const wait2 = waitFor(t, 'Wait until the checklist day', [6, 0], setting('checklist_day'));
	const gate2 = stillEnrolled(t, 'Still onboarding? (day 2)', [7, 0]);
	const checklist = emailStep(t, 'checklist', [8, 0], 'onboarding_checklist');
	const log2 = logStep(t, 'Log: checklist sent', [9, -1], 2, 'send_onboarding_checklist');
	t.connect(welcome, wait2).chain(wait2, gate2, checklist).connect(checklist, log2);

	// Day 3: first value (docs/sources.md#first-value-48h: the first key action within 48 hours) and stalled onboarding (docs/sources.md#stalled-onboarding: no
	// progress for 3 days). Both read the customer's current row; their branches sit above the main path so they run
	// before the sequence waits again.
	const wait3 = waitFor(
		t,
		'Wait until the first-value day',
		[9, 0],
		`${setting('first_value_day')} - ${setting('checklist_day')}`,
	);
	const gate3 = stillEnrolled(t, 'Still onboarding? (day 3)', [10, 0]);
	const current = freshCustomer(t, 'customer (day 3)', [11, 0]);
	t.connect(checklist, wait3).chain(wait3, gate3, current.first);
	const noFirstValue = t.add(
		ifNode('No key action yet?', [13, -5], id, [
			{
				left: expr('$json.last_key_action_at'),
				operator: { type: 'string', operation: 'empty', singleValue: true },
			},
		]),
	);
	const nudge = emailStep(t, 'first-value nudge', [14, -5], 'onboarding_first_value_nudge');
	t.connect(current.last, noFirstValue).connect(noFirstValue, nudge, 0);
	const stalled = t.add(
		ifNode('No progress lately?', [13, -3], id, [
			{
				left: expr(
					`!$json.onboarding_last_progress_at || DateTime.fromISO($json.onboarding_last_progress_at) < $now.minus({ [${setting('delay_unit')}]: ${setting('stalled_after_days')} })`,
				),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	t.connect(current.last, stalled);

	// Stalled onboarding (docs/sources.md#stalled-onboarding stalled_onboarding): help email, the CSM's task and the help call the next day.
	// Reached from the day-3 check, or from an onboarding_stalled event sent by the product.
	const help = emailStep(t, 'stalled help email', [15, -3], 'onboarding_stalled_help');
	const stalledPlan = planTasks(
		t,
		[14, -2.5],
		'onboarding.stalled_onboarding',
		'stalled onboarding',
	);
	t.connect(stalled, help, 0).connect(stalled, stalledPlan, 0);
	const stalledEvent = t.add(
		setFields(
			'Stalled customer',
			[3, 3],
			{
				csm_email: expr(`$json.csm_email || ${setting('default_csm_email')}`),
				csm_name: expr(`$json.csm_name || ${setting('default_csm_name')}`),
			},
			id,
		),
	);
	t.connect(route, stalledEvent, 2).connect(stalledEvent, help).connect(stalledEvent, stalledPlan);

	// Day 5: tips. Day 7: 30-day review invitation; the sequence is complete.
	const wait5 = waitFor(
		t,
		'Wait until the tips day',
		[13, 0],
		`${setting('tips_day')} - ${setting('first_value_day')}`,
	);
	const gate5 = stillEnrolled(t, 'Still onboarding? (day 5)', [14, 0]);
	const tips = emailStep(t, 'tips', [15, 0], 'onboarding_tips');
	const log5 = logStep(t, 'Log: tips sent', [16, -1], 5, 'send_tips_email');
	t.connect(current.last, wait5).chain(wait5, gate5, tips).connect(tips, log5);
	const wait7 = waitFor(
		t,
		'Wait until the review day',
		[16, 0],
		`${setting('review_day')} - ${setting('tips_day')}`,
	);
	const gate7 = stillEnrolled(t, 'Still onboarding? (day 7)', [17, 0]);
	const review = emailStep(t, '30-day review invitation', [18, 0], 'onboarding_30_day_review');
	const log7 = logStep(
		t,
		'Log: onboarding sequence complete',
		[19, -1],
		7,
		'schedule_30_day_review',
		'completed',
	);
	const done = t.add(noOp('Sequence complete', [19, 0]));
	t.connect(tips, wait7).chain(wait7, gate7, review).connect(review, log7).connect(review, done);

	// onboarding_step_completed: progress (and the key action, when the event says so) on the customer row.
	const progress = t.add(
		setFields(
			'Onboarding progress',
			[3, 2],
			{
				onboarding_last_progress_at: expr('$json.occurredAt'),
				onboarding_steps_completed: [
					expr('$json.data.steps_completed ?? $json.onboarding_steps_completed'),
					'number',
				],
				last_key_action_at: expr(
					'$json.data.key_action === true ? $json.occurredAt : $json.last_key_action_at',
				),
			},
			id,
		),
	);
	const progressColumns = customerColumns(t, 'Progress fields', [4, 2]);
	const saveProgress = upsertCustomer(t, 'Save progress', [5, 2]);
	t.connect(route, progress, 1).chain(progress, progressColumns, saveProgress);

	t.sticky(
		[
			'## Welcome and onboarding',
			'Starts when your billing system or product posts **subscription_created** to this trigger’s URL (see the trigger’s *Production URL*).',
			'',
			'**Configure**: the **Settings** node (sender, product, CSM, links and the days of each step; `delay_unit` = `seconds` runs the whole sequence in seconds for a trial), the SMTP credential of the *Send* nodes, and the webhook credential of the trigger.',
			'',
			'The data tables it uses are created on the first run (top row) when they are missing.',
		].join('\n'),
		[0, -4],
		[3.6, -2.2],
		4,
	);
	t.sticky(
		'### Progress events\n`onboarding_step_completed` updates the customer: `occurredAt` is the progress time; `data.steps_completed` the count; `data.key_action: true` marks the first key action (the first-value goal).\n\n`onboarding_stalled` from your product starts the stalled branch directly.',
		[3, 1.4],
		[5, 3],
		6,
	);
	t.sticky(
		'### Every step\nwaits, then checks in `cs_enrolments` that the customer is still in the sequence (another template stops it, e.g. on a cancellation), then sends and logs.',
		[6, 1.2],
		[9, 1.6],
	);
	return t;
}
