import {
	customerColumns,
	emailStep,
	enrol,
	ensureTables,
	logEnrolmentStep,
	logStep,
	nextStepAt,
	readCustomerOver,
	recordEnrolment,
	recordTask,
	stillEnrolled,
	stopSequence,
	upsertCustomer,
	waitFor,
	WITHOUT_ROW_META,
} from '../blocks';
import { internalAlert, recordPlannedTasks } from '../blocks-renewal';
import {
	csTrigger,
	DEFAULT_CSM_SETTINGS,
	eventRoute,
	expr,
	filterNode,
	LINK_SETTINGS,
	noOp,
	SENDER_SETTINGS,
	setFields,
	setJson,
	setting,
	settingsNode,
	switchNode,
	tableGet,
	tableRowNotExists,
} from '../nodes';
import { Template } from '../template';

const SEQUENCE = 'cancellation_save';
/** The customer's name for internal notes: company, else first name, else id. */
const WHO = '($json.company || $json.first_name || $json.customer_id)';

/**
 * Cancellation save: docs/sources.md#cs-workflows CS_WORKFLOWS at_risk.cancellation_request (pause_cancellation, notify_csm_urgent,
 * schedule_save_call, prepare_save_offer, escalate_to_executive after 1 day if the save is rejected) with docs/sources.md#save-playbooks SAVE_PLAYBOOKS.cancellation_request behind it (immediate call within 2 hours, understand the reasons, present
 * the save offer if the customer is open to it; escalation path csm -> cs_manager -> executive). A
 * cancellation_requested event records the request on the customer, alerts the CSM with the call's due time, plans
 * the call and the offer as tasks (CS Playbook due times), offers the customer the save call, and after a day
 * escalates to the executive unless the save was accepted. save_accepted ends it (saved), save_rejected escalates at
 * once, subscription_cancelled ends it (cancelled).
 */
export function cancellationTemplate(): Template {
	const t = new Template({
		file: 'cs-06-cancellation-save',
		id: 'csTplCancelSave1',
		name: 'CS 06 · Cancellation save',
		trigger:
			'Customer Success Trigger on customer-success/cancellation: cancellation_requested (also save_accepted, save_rejected, subscription_cancelled)',
		does: 'Records the cancellation request on the customer, sends the CSM an urgent alert with the save call due within 2 hours, records the save call, its agenda and the save-offer preparation as tasks (CS Playbook due times), emails the customer the save-call invitation with the save offer, and after 1 day without an accepted save escalates to the executive (email and urgent task); save_accepted stops it, save_rejected escalates at once, subscription_cancelled stops it',
		configure:
			'Settings (sender, product, CSM fallback, executive, save offer, links, escalation days), the SMTP credential, the webhook credential',
		follows:
			'the CS workflow at_risk.cancellation_request, the cancellation_request save playbook and churn signal (docs/sources.md#cs-workflows, #save-playbooks, #churn-signal-catalogue)',
		tables: ['cs_customers', 'cs_enrolments', 'cs_tasks'],
	});
	const id = t.info.id;

	// ----- Trigger, Settings and the route -----
	const trigger = t.add(
		csTrigger([0, 0], {
			path: 'customer-success/cancellation',
			events: ['cancellation_requested', 'subscription_cancelled'],
			customEvents: 'save_accepted, save_rejected',
		}),
	);
	const settings = t.add(
		settingsNode(
			[1, 0],
			{
				...SENDER_SETTINGS,
				team_language: 'en',
				...DEFAULT_CSM_SETTINGS,
				executive_name: 'VP Customer Success',
				executive_email: 'vp-cs@acme.example',
				save_offer: 'two months at half price',
				...LINK_SETTINGS,
				delay_unit: 'days',
				escalate_after_days: 1,
			},
			id,
		),
	);
	t.chain(trigger, settings);
	t.connect(settings, ensureTables(t, [2, -12], t.info.tables));
	// The event as posted, without the Settings fields.
	const event = t.add(setJson('Event', [2, 0], "$('Customer Success Trigger').item.json"));
	t.connect(settings, event);
	const route = t.add(
		switchNode('Event type', [3, 0], id, [
			eventRoute('cancellation_requested'),
			eventRoute('save_accepted'),
			eventRoute('save_rejected'),
			eventRoute('subscription_cancelled'),
		]),
	);
	t.connect(event, route);

	// ----- cancellation_requested: pause_cancellation (the request on the customer), then the customer's row -----
	const request = t.add(
		setFields(
			'Cancellation request',
			[4, 0],
			{ cancellation_requested: ['={{ true }}', 'boolean'] },
			id,
		),
	);
	t.connect(route, request, 0);
	const requestColumns = customerColumns(t, 'Request fields', [5, -11]);
	const saveRequest = upsertCustomer(t, 'Save the request', [6, -11]);
	t.chain(request, requestColumns, saveRequest);
	const current = readCustomerOver(t, 'customer (request)', [5, 0], 'Cancellation request', {
		alwaysOutputData: true,
	});
	t.connect(request, current.first);
	const enrolled = enrol(t, [7, 0], { sequence: SEQUENCE });
	const notRunning = t.add(
		tableRowNotExists('Not in a save already', [8, 0], 'cs_enrolments', [
			{ column: 'customer_id', value: expr('String($json.customer_id)') },
			{ column: 'sequence', value: SEQUENCE },
			{ column: 'status', value: 'active' },
		]),
	);
	t.chain(current.last, enrolled, notRunning);

	// Now (above the main path): the enrolment, the save call and its agenda as tasks (docs/sources.md#save-playbooks: the call within
	// 2 hours), the CSM's urgent alert with that due time, the save-offer preparation (docs/sources.md#cs-workflows), the customer's email.
	const record = recordEnrolment(t, 'Record enrolment', [9, -10], {
		next_step_at: nextStepAt(setting('escalate_after_days')),
	});
	const call = recordPlannedTasks(t, [9, -9], {
		playbook: 'save.cancellation_request',
		source: 'save call',
		steps: "$json.playbook.step.channel === 'call'",
		priority: 'urgent',
	});
	const firstCall = t.add(
		filterNode('The save call', [11, -8], id, [
			{
				left: expr('$json.playbook.step.order === 1'),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	t.connect(call.steps, firstCall);
	const csmAlert = internalAlert(t, 'CSM urgent alert', [12, -8], {
		to: expr('$json.csm_email'),
		title: expr(`'Cancellation request: ' + ${WHO}`),
		reason: expr(
			`${WHO} + ' asked to cancel' + ($json.data && $json.data.reason ? ' (' + $json.data.reason + ')' : '') + '. Keep the cancellation on hold until you have called.' + ($json.plan ? ' Plan ' + $json.plan + ($json.mrr != null ? ', ' + $json.mrr + '/month' : '') + '.' : '')`,
		),
		actions: expr(
			`['Call ' + ${WHO} + ' before ' + DateTime.fromISO($json.playbook.step.dueAt).setZone($json.playbook.timezone).toFormat("yyyy-MM-dd HH:mm '('z' time)'") + ': the save call is in your tasks', 'Understand the reasons and document them', 'Present the save offer (' + ${setting('save_offer')} + ') if the customer is open to it', 'Post save_accepted or save_rejected to the cancellation trigger; without a save this goes to ' + ${setting('executive_name')} + ' in ' + ${setting('escalate_after_days')} + ' ' + ${setting('delay_unit')}]`,
		),
		severity: 'Critical',
		dueAt: expr('$json.playbook.step.dueAt'),
	});
	t.connect(firstCall, csmAlert);
	const offer = recordPlannedTasks(t, [9, -6], {
		playbook: 'at_risk.cancellation_request',
		source: 'save offer',
		steps: "$json.playbook.step.action === 'prepare_save_offer'",
		priority: 'urgent',
	});
	const customerEmail = emailStep(t, 'save call invitation', [9, -3], 'cancellation_save_call', {
		save_offer: expr(setting('save_offer')),
	});
	const logEmail = logStep(
		t,
		'Log: CSM alerted, save call planned',
		[10, -4],
		4,
		'prepare_save_offer',
		{ next: setting('escalate_after_days') },
	);
	t.connect(notRunning, [record, call.plan, offer.plan, customerEmail]).connect(
		customerEmail,
		logEmail,
	);

	// After escalate_after_days: unless the save was accepted (or the subscription ended), the executive.
	const waitDays = waitFor(t, 'Wait for the save', [9, 0], setting('escalate_after_days'));
	const gate = stillEnrolled(t, 'Still not saved?', [10, 0]);
	const noSave = t.add(
		setFields(
			'No save yet',
			[11, 0],
			{
				escalation_outcome: 'not saved in time',
				escalation_reason: expr(
					`'No accepted save ' + ${setting('escalate_after_days')} + ' ' + ${setting('delay_unit')} + ' after the cancellation request'`,
				),
			},
			id,
		),
	);
	t.connect(notRunning, waitDays).chain(waitDays, gate, noSave);

	// save_rejected: the active save, with the customer's row, escalates at once (and ends, so the wait above stops).
	const active = t.add(
		tableGet('Active save', [4, 4], 'cs_enrolments', [
			{ column: 'customer_id', value: expr('String($json.customer_id)') },
			{ column: 'sequence', value: SEQUENCE },
			{ column: 'status', value: 'active' },
		]),
	);
	t.connect(route, active, 2);
	const readRejected = t.add(
		tableGet(
			'Read customer (rejected)',
			[5, 4],
			'cs_customers',
			[{ column: 'customer_id', value: expr('String($json.customer_id)') }],
			{ alwaysOutputData: true },
		),
	);
	const rejected = t.add(
		setJson(
			'Save rejected',
			[6, 4],
			`{ ...$('Event').first().json, ...${WITHOUT_ROW_META}, enrolment_id: $('Active save').item.json.enrolment_id, customer_id: $('Active save').item.json.customer_id, csm_name: $json.csm_name || ${setting('default_csm_name')}, csm_email: $json.csm_email || ${setting('default_csm_email')}, escalation_outcome: 'save rejected', escalation_reason: 'The customer rejected the save offer' + ($('Event').first().json.data && $('Event').first().json.data.reason ? ': ' + $('Event').first().json.data.reason : '') }`,
		),
	);
	t.chain(active, readRejected, rejected);

	// The escalation to the executive (docs/sources.md#cs-workflows escalate_to_executive), from either path.
	const escalate = t.add(noOp('Escalate to the executive', [12, 0]));
	t.connect(noSave, escalate).connect(rejected, escalate);
	const executiveAlert = internalAlert(t, 'executive escalation', [13, -2], {
		to: expr(setting('executive_email')),
		title: expr(`'Cancellation escalation: ' + ${WHO}`),
		reason: expr(
			`$json.escalation_reason + '. CSM: ' + $json.csm_name + ' (' + $json.csm_email + ').'`,
		),
		actions: expr(
			`['Call ' + ${WHO} + ' today as the executive sponsor', 'Agree with ' + $json.csm_name + ' whether to go beyond the save offer (' + ${setting('save_offer')} + ')']`,
		),
		severity: 'Critical',
		dueAt: expr('$now.toUTC().toISO()'),
	});
	const executiveTask = recordTask(t, 'Record executive escalation', [13, -1], {
		id: expr("$json.enrolment_id + ':escalate_to_executive'"),
		type: 'task',
		title: 'escalate to executive',
		details: expr(
			`$json.escalation_reason + '. CSM: ' + $json.csm_name + '. CS workflow at_risk.cancellation_request (escalate_to_executive).'`,
		),
		owner: 'executive',
		ownerEmail: expr(setting('executive_email')),
		priority: 'urgent',
		source: 'cancellation save: escalate_to_executive',
	});
	const escalated = logEnrolmentStep(
		t,
		expr('$json.enrolment_id'),
		'Log: escalated to the executive',
		[13, 0],
		5,
		'escalate_to_executive',
		'completed',
		expr('$json.escalation_outcome'),
	);
	t.connect(escalate, [executiveAlert, executiveTask, escalated]);

	// save_accepted: saved; the request is withdrawn on the customer. subscription_cancelled: the save ended.
	const saved = t.add(
		setFields('Saved', [4, 2], { cancellation_requested: ['={{ false }}', 'boolean'] }, id),
	);
	t.connect(route, saved, 1);
	const savedColumns = customerColumns(t, 'Saved fields', [5, 1.5]);
	const saveSaved = upsertCustomer(t, 'Save the customer (saved)', [6, 1.5]);
	t.chain(saved, savedColumns, saveSaved);
	const stopSaved = stopSequence(t, 'Stop the save (saved)', [5, 2.5], SEQUENCE, 'saved');
	t.connect(saved, stopSaved);

	const cancelled = t.add(
		setFields(
			'Cancelled',
			[4, 6],
			{
				subscription_status: 'cancelled',
				cancelled_at: expr('$json.cancelled_at || $json.occurredAt'),
			},
			id,
		),
	);
	t.connect(route, cancelled, 3);
	const cancelledColumns = customerColumns(t, 'Cancelled fields', [5, 5.5]);
	const saveCancelled = upsertCustomer(t, 'Save the customer (cancelled)', [6, 5.5]);
	t.chain(cancelled, cancelledColumns, saveCancelled);
	const stopCancelled = stopSequence(
		t,
		'Stop the save (cancelled)',
		[5, 6.5],
		SEQUENCE,
		'cancelled',
	);
	t.connect(cancelled, stopCancelled);

	// ----- Notes -----
	t.sticky(
		[
			'## Cancellation save',
			'Starts when your billing system or product posts **cancellation_requested** to this trigger’s URL (see its *Production URL*), with `customer.customer_id` (and optionally `data.reason`). A customer already in a save is not enrolled again.',
			'',
			'**Configure**: the **Settings** node (sender, product, CSM fallback, the executive, the `save_offer` text, links, `escalate_after_days`; `delay_unit` = `seconds` for a trial), the SMTP credential of the *Send* nodes and the webhook credential of the trigger.',
			'',
			'The data tables it uses are created on the first run (top row) when they are missing.',
		].join('\n'),
		[0, -10],
		[1.5, -2],
		4,
	);
	t.sticky(
		'### Answers\n**save_accepted**: saved (`stop_reason` saved, `cancellation_requested` false on the customer). **save_rejected**: the executive at once. **subscription_cancelled**: the save ends (`stop_reason` cancelled), the customer is marked cancelled.',
		[3, 7.8],
		[6, 8.6],
		6,
	);
	t.sticky(
		'### Now\nThe request on the customer (`cancellation_requested` true; holding the cancellation itself is up to your billing system), the save call within 2 hours and its agenda (CS Playbook `save.cancellation_request`), the CSM’s urgent alert with the call’s due time, the save-offer preparation (`at_risk.cancellation_request`), and the customer’s invitation to the save call with the offer. Due times are at any hour: set *Business Hours* on the two *Plan* nodes to keep them in working hours.',
		[13, -11.4],
		[16, -10.4],
	);
	t.sticky(
		'### Escalation\nAfter `escalate_after_days` unless saved, or at once on save_rejected: the executive’s email and an urgent task; the save ends.',
		[14, 0.6],
		[16, 1.4],
	);
	return t;
}
