import {
	customerColumns,
	ensureTables,
	freshCustomer,
	emailStep,
	enrol,
	logStep,
	perItem,
	planTasks,
	recordEnrolment,
	stillEnrolled,
	upsertCustomer,
	waitFor,
} from '../blocks';
import {
	csNode,
	csTrigger,
	DEFAULT_CSM_SETTINGS,
	eventRoute,
	expr,
	filterNode,
	ifNode,
	LINK_SETTINGS,
	noOp,
	SENDER_SETTINGS,
	setFields,
	setting,
	settingsNode,
	switchNode,
	tableGet,
	tableUpdate,
} from '../nodes';
import { notice } from '../blocks-health';
import { Template } from '../template';

/**
 * Welcome and onboarding: docs/sources.md#cs-workflows CS_WORKFLOWS onboarding.welcome_sequence (welcome email, CSM assignment,
 * success plan, kickoff, checklist on day 2, first-value check on day 3, tips on day 5, 30-day review on day 7), its
 * stalled_onboarding branch (no progress for 3 days: help email, CSM task, help call the next day), and docs/sources.md#first-value-48h
 * first-value goal (the first key action within 48 hours).
 */
type At = [number, number];

/**
 * What an onboarding_step_completed event does to the customer's row (the row read before it, empty when there is
 * none): `data.step` (a step id or completion criterion of the program) is added to onboarding_completed_steps
 * unless it is there already (compared case-insensitively); onboarding_last_progress_at is the event's occurredAt
 * (the later one, should events arrive out of order); `data.key_action: true` sets last_key_action_at, and
 * first_key_action_at unless an earlier one is recorded. `data.steps_completed`, a count, is kept as sent.
 */
const RECORD_STEP = [
	"const event = $('Customer Success Trigger').first().json;",
	'const row = $json;',
	'const data = event.data || {};',
	'const time = (value) => (value ? new Date(value).getTime() : NaN);',
	'const later = (a, b) => (!(time(a) >= time(b)) ? b : a);',
	'let steps = [];',
	'const stored = row.onboarding_completed_steps;',
	"if (typeof stored === 'string' && stored.trim() !== '') {",
	'	try {',
	'		const list = JSON.parse(stored);',
	'		steps = Array.isArray(list) ? list.map(String) : [];',
	'	} catch (error) {',
	"		steps = stored.split(',').map((step) => step.trim()).filter(Boolean);",
	'	}',
	'}',
	"const step = data.step === undefined || data.step === null ? '' : String(data.step).trim();",
	'if (step && !steps.some((done) => done.toLowerCase() === step.toLowerCase())) steps.push(step);',
	'const out = {',
	'	...event,',
	'	customer_id: String(event.customer_id),',
	'	onboarding_completed_steps: JSON.stringify(steps),',
	"	onboarding_steps_completed: typeof data.steps_completed === 'number' ? data.steps_completed : steps.length,",
	'	onboarding_last_progress_at: later(row.onboarding_last_progress_at, event.occurredAt),',
	'};',
	'if (data.key_action === true) {',
	'	out.last_key_action_at = later(row.last_key_action_at, event.occurredAt);',
	'	out.first_key_action_at = time(row.first_key_action_at) <= time(event.occurredAt) ? row.first_key_action_at : event.occurredAt;',
	'}',
	'return { json: out };',
].join('\n');

/**
 * A check of the onboarding after the enrolment gate `gate` of day `day`: the customer's current row goes through
 * Onboarding Progress (program by segment; stalled after `stalled_after_days` calendar days without progress; first
 * value within `first_value_hours`), whose status, progress and milestones are saved back to the row (a leaf above).
 * Returns the Onboarding Progress node: the sequence continues from it. A row the node cannot read (no signup date,
 * a malformed date, an unknown status) leaves with `error` instead of `onboarding`: nothing is saved and no branch
 * runs, the sequence goes on, and the CSM gets an alert naming the customer and the field to fix.
 */
function onboardingCheck(t: Template, day: number, at: At, gate: string): string {
	const current = freshCustomer(t, `customer (day ${day})`, at);
	t.connect(gate, current.first);
	const check = t.add({
		...csNode(
			`Onboarding progress (day ${day})`,
			'customerOnboardingProgress',
			[at[0] + 2, at[1]],
			{
				program: 'bySegment',
				stalledAfterDays: expr(setting('stalled_after_days')),
				firstValueHours: expr(setting('first_value_hours')),
				options: {},
			},
		),
		onError: 'continueRegularOutput',
	});
	t.connect(current.last, check);
	const evaluated = t.add(
		filterNode(`Evaluated? (day ${day})`, [at[0] + 3, at[1] - 9], t.info.id, [
			{
				left: expr('!!$json.onboarding'),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	const save = t.add(
		tableUpdate(
			`Save onboarding (day ${day})`,
			[at[0] + 4, at[1] - 9],
			'cs_customers',
			[{ column: 'customer_id', value: expr('String($json.customer_id)') }],
			{
				onboarding_status: expr('$json.onboarding.status'),
				onboarding_progress: expr('$json.onboarding.progress'),
				onboarding_milestones_reached: expr('JSON.stringify($json.onboarding.milestonesReached)'),
			},
		),
	);
	t.connect(check, evaluated).connect(evaluated, save);
	const unreadable = t.add(
		filterNode(`Unreadable? (day ${day})`, [at[0] + 3, at[1] - 7.5], t.info.id, [
			{
				left: expr('!$json.onboarding && !!$json.error'),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	const alert = notice(t, `onboarding data alert (day ${day})`, [at[0] + 4, at[1] - 7.5], {
		to: expr(`$json.csm_email || ${setting('default_csm_email')}`),
		title: expr(
			`'Onboarding of ' + ($json.company || $json.customer_id) + ' could not be checked'`,
		),
		reason: expr('$json.error'),
		actions: expr(
			`['Correct the field the reason names in the cs_customers row of ' + $json.customer_id + '; the next check reads it again']`,
		),
		severity: 'medium',
		dueAt: expr('$now.toUTC().toISO()'),
	});
	t.connect(check, unreadable).connect(unreadable, alert);
	return check;
}

/**
 * The stalled branch (`targets`) for the customers whose onboarding has just become stalled at the check of day
 * `day`: the status is stalled and it was not before (the row's onboarding_status), so it runs once per stall.
 */
function connectNewlyStalled(t: Template, day: number, check: string, targets: string[]): void {
	const stalled = t.add(
		ifNode(`Newly stalled? (day ${day})`, [day === 3 ? 15 : day === 5 ? 21 : 28, -5], t.info.id, [
			{
				left: expr(
					"!!$json.onboarding && $json.onboarding.status === 'stalled' && $json.onboarding.changed === true",
				),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	t.connect(check, stalled);
	for (const target of targets) t.connect(stalled, target, 0);
}

export function welcomeTemplate(): Template {
	const t = new Template({
		file: 'cs-01-welcome-onboarding',
		id: 'csTplWelcome0001',
		name: 'CS 01 · Welcome and onboarding',
		trigger:
			'Customer Success Trigger: subscription_created (also onboarding_step_completed, onboarding_stalled)',
		does: 'Welcome email, CSM tasks (success plan, kickoff, first-value check, 30-day review), checklist on day 2, first-value nudge on day 3 when the first key action did not come within 48 hours (Onboarding Progress), tips on day 5, 30-day review invitation on day 7; on days 3, 5 and 7 the onboarding status, progress and milestones go to the customer row, and an onboarding that has just stalled (3 days without progress) gets the help email, a CSM task and a help call the next day',
		configure:
			'Settings (sender, product, CSM, links, days, stalled_after_days, first_value_hours), the SMTP credential, the webhook credential',
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
				first_value_hours: 48,
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
	// Each step's log also says when the next step is due (next_step_at): the delay of the Wait that follows it.
	const toChecklist = setting('checklist_day');
	const log1 = logStep(t, 'Log: welcome sent', [6, -1], 1, 'send_welcome_email', {
		next: toChecklist,
	});
	t.connect(welcome, log1);

	// Day 2: checklist.
	const wait2 = waitFor(t, 'Wait until the checklist day', [6, 0], toChecklist);
	const gate2 = stillEnrolled(t, 'Still onboarding? (day 2)', [7, 0]);
	const checklist = emailStep(t, 'checklist', [8, 0], 'onboarding_checklist');
	const toFirstValue = `${setting('first_value_day')} - ${setting('checklist_day')}`;
	const log2 = logStep(t, 'Log: checklist sent', [9, -1], 2, 'send_onboarding_checklist', {
		next: toFirstValue,
	});
	t.connect(welcome, wait2).chain(wait2, gate2, checklist).connect(checklist, log2);

	// Days 3, 5 and 7: after the enrolment check, the customer's current row goes through Onboarding Progress
	// (docs/sources.md#onboarding): its status, progress and milestones are saved back to the row (a leaf above), the
	// stalled branch runs when the onboarding has just become stalled (the row's previous onboarding_status was not
	// stalled: once per stall), and on day 3 the first-value nudge goes out when the first key action did not come
	// within first_value_hours of the start (docs/sources.md#first-value-48h). Stalled and first value count calendar
	// days and hours of real time, whatever delay_unit says. The branches sit above the main path so they run before
	// the sequence waits again.
	const wait3 = waitFor(t, 'Wait until the first-value day', [9, 0], toFirstValue);
	const gate3 = stillEnrolled(t, 'Still onboarding? (day 3)', [10, 0]);
	t.connect(checklist, wait3).connect(wait3, gate3);
	const check3 = onboardingCheck(t, 3, [11, 0], gate3);
	const noFirstValue = t.add(
		ifNode('First value missed?', [15, -7], id, [
			{
				left: expr("!!$json.onboarding && $json.onboarding.firstValue.status === 'missed'"),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	const nudge = emailStep(t, 'first-value nudge', [16, -7], 'onboarding_first_value_nudge');
	t.connect(check3, noFirstValue).connect(noFirstValue, nudge, 0);

	// Stalled onboarding (docs/sources.md#stalled-onboarding stalled_onboarding): help email, the CSM's task and the help call the next day.
	// Reached from the checks of days 3, 5 and 7, or from an onboarding_stalled event sent by the product.
	const help = emailStep(t, 'stalled help email', [17, -4.5], 'onboarding_stalled_help');
	const stalledPlan = planTasks(
		t,
		[17, -3.5],
		'onboarding.stalled_onboarding',
		'stalled onboarding',
	);
	connectNewlyStalled(t, 3, check3, [help, stalledPlan]);
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
	// The product's word is saved as the row's onboarding_status, so the next check does not send the help again.
	const markStalled = t.add(
		tableUpdate(
			'Mark onboarding stalled',
			[4, 2.5],
			'cs_customers',
			[{ column: 'customer_id', value: expr('String($json.customer_id)') }],
			{ onboarding_status: 'stalled' },
		),
	);
	t.connect(route, stalledEvent, 2)
		.connect(stalledEvent, markStalled)
		.connect(stalledEvent, help)
		.connect(stalledEvent, stalledPlan);

	// Day 5: tips. Day 7: 30-day review invitation; the sequence is complete.
	const toTips = `${setting('tips_day')} - ${setting('first_value_day')}`;
	const log3 = logStep(t, 'Log: first-value check done', [15, -1], 3, 'check_first_value', {
		next: toTips,
	});
	t.connect(check3, log3);
	const wait5 = waitFor(t, 'Wait until the tips day', [15, 0], toTips);
	const gate5 = stillEnrolled(t, 'Still onboarding? (day 5)', [16, 0]);
	t.connect(check3, wait5).connect(wait5, gate5);
	const check5 = onboardingCheck(t, 5, [17, 0], gate5);
	connectNewlyStalled(t, 5, check5, [help, stalledPlan]);
	const tips = emailStep(t, 'tips', [21, 0], 'onboarding_tips');
	const toReview = `${setting('review_day')} - ${setting('tips_day')}`;
	const log5 = logStep(t, 'Log: tips sent', [22, -1], 5, 'send_tips_email', { next: toReview });
	t.connect(check5, tips).connect(tips, log5);
	const wait7 = waitFor(t, 'Wait until the review day', [22, 0], toReview);
	const gate7 = stillEnrolled(t, 'Still onboarding? (day 7)', [23, 0]);
	t.connect(tips, wait7).connect(wait7, gate7);
	const check7 = onboardingCheck(t, 7, [24, 0], gate7);
	connectNewlyStalled(t, 7, check7, [help, stalledPlan]);
	const review = emailStep(t, '30-day review invitation', [28, 0], 'onboarding_30_day_review');
	const log7 = logStep(
		t,
		'Log: onboarding sequence complete',
		[29, -1],
		7,
		'schedule_30_day_review',
		'completed',
	);
	const done = t.add(noOp('Sequence complete', [29, 0]));
	t.connect(check7, review).connect(review, log7).connect(review, done);

	// onboarding_step_completed: the step joins the row's onboarding_completed_steps (once), the progress time, and the
	// first key action when the event says it is one. Read, then written: the row as it is now, with the step added.
	const readRow = t.add(
		tableGet(
			'Read customer (progress)',
			[3, 1.8],
			'cs_customers',
			[{ column: 'customer_id', value: expr('String($json.customer_id)') }],
			{ alwaysOutputData: true },
		),
	);
	const recordStep = perItem(t, 'Record the step', [4, 1.8], RECORD_STEP);
	const progressColumns = customerColumns(t, 'Progress fields', [5, 1.8]);
	const saveProgress = upsertCustomer(t, 'Save progress', [6, 1.8]);
	t.connect(route, readRow, 1).chain(readRow, recordStep, progressColumns, saveProgress);

	t.sticky(
		[
			'## Welcome and onboarding',
			'Starts when your billing system or product posts **subscription_created** to this trigger’s URL (see the trigger’s *Production URL*).',
			'',
			'**Configure**: the **Settings** node (sender, product, CSM, links and the days of each step; `delay_unit` = `seconds` runs the whole sequence in seconds for a trial; `stalled_after_days` and `first_value_hours` are always real days and hours), the SMTP credential of the *Send* nodes, and the webhook credential of the trigger.',
			'',
			'The data tables it uses are created on the first run (top row) when they are missing.',
		].join('\n'),
		[0, -4],
		[3.6, -2.2],
		4,
	);
	t.sticky(
		'### Progress events\n`onboarding_step_completed` updates the customer row: `data.step` (a step id such as `first_chatbot`, or its completion criterion such as `chatbot_created`) joins `onboarding_completed_steps` once; `occurredAt` is the progress time; `data.key_action: true` marks a key action (the first one is `first_key_action_at`, the first-value goal).\n\n`onboarding_stalled` from your product starts the stalled branch directly and marks the row stalled.',
		[3, 1.2],
		[6, 3],
		6,
	);
	t.sticky(
		'### Onboarding checks (days 3, 5 and 7)\n**Onboarding Progress** reads the customer row (program by `segment`: self-serve, or mid-market for `mid_market` and `enterprise`) and saves `onboarding_status`, `onboarding_progress` and `onboarding_milestones_reached` back. Day 3: the first-value nudge when the first key action did not come within `first_value_hours` (48) of the start (`onboarding_started_at`, else `signup_date`). Any check: an onboarding that has just become **stalled** (`stalled_after_days` = 3 calendar days without progress) gets the help email, a CSM task and the help call the next day, once per stall. These two rules count real days and hours, whatever `delay_unit` says. A row the node cannot read (say, an unknown `onboarding_status`) is not checked: the customer’s CSM gets an alert naming the field to fix, and the sequence goes on.',
		[13, -10.2],
		[19, -3],
		5,
	);
	t.sticky(
		'### Every step\nwaits, then checks in `cs_enrolments` that the customer is still in the sequence (another template stops it, e.g. on a cancellation), then sends and logs: `step`, and `next_step_at` = when the next step is due (empty once the sequence ends).',
		[7, 1.2],
		[10, 1.6],
	);
	return t;
}
