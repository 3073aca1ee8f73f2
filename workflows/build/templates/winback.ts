import {
	customerColumns,
	emailStep,
	ensureTables,
	freshCustomer,
	logStep,
	nextStepAt,
	recordEnrolment,
	recordTask,
	stillEnrolled,
	upsertCustomer,
	waitFor,
} from '../blocks';
import { enrolCustomer, stopEnrolments } from '../blocks-reengagement';
import {
	csTrigger,
	DEFAULT_CSM_SETTINGS,
	eventRoute,
	expr,
	LINK_SETTINGS,
	noOp,
	SENDER_SETTINGS,
	setFields,
	setting,
	settingsNode,
	switchNode,
	tableRowNotExists,
} from '../nodes';
import { Template } from '../template';

/**
 * Win-back: docs/sources.md#winback-campaign. A subscription_cancelled event records the cancellation on the customer
 * (subscription_status cancelled, cancelled_at), stops the customer's other active enrolments (stop_reason
 * "cancelled": no other sequence goes on mailing a customer who left), enrols, and runs: day 1 "We miss you"
 * (`winback_we_miss_you`, with the churn survey link), day 7 "Here's what's new" (`winback_whats_new`, the three
 * features from Settings), day 14 "The offer" (`winback_offer`), day 21 the Head of Sales' personal call (a cs_tasks
 * row, owner head_of_sales). Days count from the cancellation, as the CS Playbook node's `winback.campaign` reads
 * "Día N (Post-Churn)". A subscription_reactivated event sets the customer active again and stops the win-back
 * enrolment (stop_reason "reactivated"): the gate before each step ends it, so nobody gets a win-back email after
 * coming back.
 */
export function winbackTemplate(): Template {
	const t = new Template({
		file: 'cs-05-winback',
		id: 'csTplWinback0001',
		name: 'CS 05 · Win-back',
		trigger:
			'Customer Success Trigger: subscription_cancelled (also subscription_reactivated, which ends it)',
		does: 'Records the cancellation, stops the customer’s other sequences, then sends "We miss you" with the churn survey (day 1), "Here’s what’s new" with three new features (day 7) and the offer (day 14), and gives the Head of Sales a call task (day 21); a reactivation stops it',
		configure:
			'Settings (sender, product, default CSM, Head of Sales, churn survey and reactivation links, new features, offer, days), the SMTP credential, the webhook credential',
		follows:
			'the win-back campaign: emails on days 1, 7 and 14, the Head of Sales’ call on day 21 (docs/sources.md#winback-campaign)',
		tables: ['cs_customers', 'cs_enrolments', 'cs_tasks'],
	});
	const id = t.info.id;

	const trigger = t.add(
		csTrigger([0, 0], {
			path: 'customer-success/winback',
			events: ['subscription_cancelled', 'subscription_reactivated'],
		}),
	);
	const settings = t.add(
		settingsNode(
			[1, 0],
			{
				...SENDER_SETTINGS,
				...DEFAULT_CSM_SETTINGS,
				head_of_sales_name: 'Head of Sales',
				head_of_sales_email: 'sales@acme.example',
				churn_survey_link: 'https://acme.example/why-you-left',
				reactivation_link: 'https://app.acme.example/reactivate',
				...LINK_SETTINGS,
				new_features: 'Advanced analytics\nWhite-label dashboards\nSmart scheduling',
				winback_offer: 'a $100 credit to come back, or 3 months of the Pro plan at the Basic price',
				delay_unit: 'days',
				we_miss_you_day: 1,
				whats_new_day: 7,
				offer_day: 14,
				sales_call_day: 21,
			},
			id,
		),
	);
	const route = t.add(
		switchNode('Event', [2, 0], id, [
			eventRoute('subscription_cancelled'),
			eventRoute('subscription_reactivated'),
		]),
	);
	t.chain(trigger, settings, route);
	t.connect(settings, ensureTables(t, [2, -6], t.info.tables));

	// subscription_cancelled: the cancellation on the customer row, then (once) the win-back sequence.
	const cancelled = t.add(
		setFields(
			'Cancellation',
			[3, 0],
			{
				subscription_status: 'cancelled',
				cancelled_at: expr('$json.data?.cancelled_at || $json.cancelled_at || $json.occurredAt'),
			},
			id,
		),
	);
	t.connect(route, cancelled, 0);
	const columns = customerColumns(t, 'Customer fields', [4, -5]);
	const save = upsertCustomer(t, 'Save cancellation', [5, -5]);
	t.connect(cancelled, columns).connect(columns, save);
	const notYet = t.add(
		tableRowNotExists('Not in win-back yet?', [4, 0], 'cs_enrolments', [
			{ column: 'customer_id', value: expr('String($json.customer_id)') },
			{ column: 'sequence', value: 'winback' },
			{ column: 'status', value: 'active' },
		]),
	);
	const enrolled = enrolCustomer(t, [5, 0], 'winback');
	t.connect(cancelled, notYet).connect(notYet, enrolled);
	// Above the enrolment row, so it runs first and leaves the new win-back enrolment alone.
	const stopOthers = stopEnrolments(t, 'Stop the customer’s other sequences', [6, -4], 'cancelled');
	const toMissYou = setting('we_miss_you_day');
	const record = recordEnrolment(t, 'Record enrolment', [6, -3], {
		next_step_at: nextStepAt(toMissYou),
	});
	// The customer's row as saved (the event may carry only some fields), with the enrolment's fields.
	const current = freshCustomer(t, 'customer', [6, 0]);
	t.connect(enrolled, [stopOthers, record, current.first]);

	// Day 1: "We miss you", with the churn survey.
	const wait1 = waitFor(t, 'Wait until the we-miss-you day', [8, 0], toMissYou);
	const gate1 = stillEnrolled(t, 'Still cancelled? (day 1)', [9, 0]);
	const missYou = emailStep(
		t,
		'we miss you',
		[10, 0],
		'winback_we_miss_you',
		{},
		{ churnSurveyLink: expr(setting('churn_survey_link')) },
	);
	const toWhatsNew = `${setting('whats_new_day')} - ${setting('we_miss_you_day')}`;
	const log1 = logStep(t, 'Log: we miss you sent', [11, -1], 1, 'send_we_miss_you', {
		next: toWhatsNew,
	});
	t.connect(current.last, wait1).chain(wait1, gate1, missYou).connect(missYou, log1);

	// Day 7: "Here's what's new", three features.
	const wait7 = waitFor(t, 'Wait until the what’s-new day', [11, 0], toWhatsNew);
	const gate7 = stillEnrolled(t, 'Still cancelled? (day 7)', [12, 0]);
	const whatsNew = emailStep(
		t,
		'what’s new',
		[13, 0],
		'winback_whats_new',
		{ new_features: expr(setting('new_features')) },
		{ reactivationLink: expr(setting('reactivation_link')) },
	);
	const toOffer = `${setting('offer_day')} - ${setting('whats_new_day')}`;
	const log7 = logStep(t, 'Log: what’s new sent', [14, -1], 2, 'send_whats_new', {
		next: toOffer,
	});
	t.connect(missYou, wait7).chain(wait7, gate7, whatsNew).connect(whatsNew, log7);

	// Day 14: the offer.
	const wait14 = waitFor(t, 'Wait until the offer day', [14, 0], toOffer);
	const gate14 = stillEnrolled(t, 'Still cancelled? (day 14)', [15, 0]);
	const offer = emailStep(
		t,
		'offer',
		[16, 0],
		'winback_offer',
		{ offer: expr(setting('winback_offer')) },
		{ reactivationLink: expr(setting('reactivation_link')) },
	);
	const toCall = `${setting('sales_call_day')} - ${setting('offer_day')}`;
	const log14 = logStep(t, 'Log: offer sent', [17, -1], 3, 'send_offer', { next: toCall });
	t.connect(whatsNew, wait14).chain(wait14, gate14, offer).connect(offer, log14);

	// Day 21: the Head of Sales calls; the sequence is complete.
	const wait21 = waitFor(t, 'Wait until the call day', [17, 0], toCall);
	const gate21 = stillEnrolled(t, 'Still cancelled? (day 21)', [18, 0]);
	const call = recordTask(t, 'Head of Sales: personal call', [19, -2], {
		type: 'call',
		title: 'Personal call from the Head of Sales',
		details: expr(
			"'Win-back campaign, day 21 (Personal Touch): offer ' + ($json.company || $json.first_name || 'the customer') + ' a personalised solution to come back. Cancelled on ' + new Date($json.cancelled_at).toISOString().slice(0, 10) + '; they received the we-miss-you, what’s-new and offer emails.'",
		),
		owner: 'head_of_sales',
		ownerEmail: expr(setting('head_of_sales_email')),
		priority: 'high',
		source: 'winback: day 21 call',
	});
	const log21 = logStep(
		t,
		'Log: win-back complete',
		[19, -1],
		4,
		'head_of_sales_call',
		'completed',
	);
	const done = t.add(noOp('Win-back complete', [19, 0]));
	t.connect(offer, wait21).chain(wait21, gate21).connect(gate21, [call, log21, done]);

	// subscription_reactivated: active again, and no more win-back emails.
	const reactivated = t.add(
		setFields('Reactivation', [3, 3], { subscription_status: 'active' }, id),
	);
	const reactivatedColumns = customerColumns(t, 'Reactivation fields', [4, 3]);
	const saveReactivation = upsertCustomer(t, 'Save reactivation', [5, 3]);
	const stopWinback = stopEnrolments(t, 'Stop win-back', [4, 4], 'reactivated', 'winback');
	t.connect(route, reactivated, 1)
		.chain(reactivated, reactivatedColumns, saveReactivation)
		.connect(reactivated, stopWinback);

	t.sticky(
		[
			'## Win-back',
			'Starts when your billing system posts **subscription_cancelled** to this trigger’s URL (*Production URL*); **subscription_reactivated** ends it.',
			'',
			'**Configure**: the **Settings** node (sender, product, default CSM, the Head of Sales’ address, the churn survey and reactivation links, the three new features, the offer and the day of each step; `delay_unit` = `seconds` runs the whole sequence in seconds for a trial), the SMTP credential of the *Send* nodes, and the webhook credential of the trigger.',
			'',
			'The data tables it uses are created on the first run (top row) when they are missing.',
		].join('\n'),
		[-1.5, -4.5],
		[0, -1.2],
		4,
	);
	t.sticky(
		'### On cancellation\nThe customer row gets `subscription_status` cancelled and `cancelled_at` (`data.cancelled_at`, else the event time). Every other active enrolment of the customer (welcome, re-engagement, …) is stopped with `stop_reason` "cancelled", so no other sequence mails a customer who left. A customer already in win-back is not enrolled twice.',
		[7, -5],
		[10.5, -4.1],
		6,
	);
	t.sticky(
		'### Win-back campaign, days from the cancellation\nDay 1 we miss you (churn survey), day 7 what’s new (three features), day 14 the offer, day 21 a call task for the Head of Sales in `cs_tasks`. Each step first checks that the enrolment is still active: a reactivation stops it (`stop_reason` "reactivated"). The enrolment row’s `next_step_at` says when the next step is due (empty once it ends).',
		[9, 1.3],
		[13, 1.7],
	);
	t.sticky(
		'### Reactivation\nSets the customer active again and stops the win-back enrolment.',
		[6, 3],
		[7.5, 3.3],
		6,
	);
	return t;
}
