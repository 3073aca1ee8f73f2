import {
	customerColumns,
	emailStep,
	ensureTables,
	recordEnrolment,
	recordTask,
	stillEnrolled,
	stopSequence,
	upsertCustomer,
	waitFor,
} from '../blocks';
import { alertStep, enrolAs, logStepOf } from '../blocks-nps';
import {
	code,
	csNode,
	csTrigger,
	DEFAULT_CSM_SETTINGS,
	eventRoute,
	expr,
	filterNode,
	ifNode,
	LINK_SETTINGS,
	noOp,
	scheduleTrigger,
	SENDER_SETTINGS,
	setFields,
	setJson,
	setting,
	settingsNode,
	switchNode,
	tableGet,
	tableInsert,
	tableRowNotExists,
	tableUpdate,
} from '../nodes';
import { Template } from '../template';

/** The survey link of the item's customer: the Settings link with `customer_id=<id>` appended, so the answer can be matched. */
const SURVEY_LINK = `${setting('survey_link')} + (${setting('survey_link')}.includes('?') ? '&' : '?') + 'customer_id=' + encodeURIComponent($json.customer_id)`;
/** The customer's name for internal notes: company, else first name, else id. */
const WHO = '($json.company || $json.first_name || $json.customer_id)';
/** The NPS node's follow-up action of a detractor (Classify Responses mode). */
const action = (name: string) =>
	`$json.nps.followUp.actions.find((step) => step.action === '${name}')`;

/**
 * NPS: docs/sources.md#nps NPS Program (survey at most once per quarter, the response saved and written on the customer,
 * the detractor task within 24 hours and the CSM alert, the promoter advocacy pipeline, the monthly metrics) and docs/sources.md#cs-workflows
 * CS_WORKFLOWS nps.nps_survey (send, reminder if no response after 3 days, close after 7), nps.nps_detractor (urgent
 * task, CSM alert, follow-up call within a day, escalation to the manager after 3 days without follow-up) and
 * nps.nps_promoter (advocacy pipeline, thank-you, advocacy invite after 7 days); docs/sources.md#nps-follow-up-by-segment (segments and their
 * asks: the detractor call within 24 hours, the passive's 15-minute interview, the promoter's case study, testimonial
 * and referral). docs/sources.md#nps-reporting-rules: never report an NPS with fewer than 30 responses without saying so (the sample warning).
 */
export function npsTemplate(): Template {
	const t = new Template({
		file: 'cs-04-nps',
		id: 'csTplNps00000001',
		name: 'CS 04 · NPS',
		trigger:
			'Schedule every quarter (survey), Customer Success Trigger on customer-success/nps: nps_response and nps_followed_up, Schedule every month (report)',
		does: 'Surveys the customers not surveyed in the last 90 days (reminder after 3 days without an answer, closed after 7); classifies each answer, saves it and the score; detractors: urgent CSM call task, CSM alert, follow-up email, escalation to the manager after 3 days without follow-up; passives: 15-minute interview request; promoters: thank-you and advocacy invite after 7 days; a monthly NPS report with its 95 % confidence interval and the sample warning to the CS team',
		configure:
			'Settings (sender, product, CSM, manager and CS team addresses, survey and advocacy links, days), the SMTP credential, the webhook credential; your survey tool posts nps_response with data.score and data.comment',
		follows:
			'the NPS programme, the CS workflows nps_survey, nps_detractor and nps_promoter, the reporting rules (no NPS with n < 30 unflagged) and the NPS follow-up per segment (docs/sources.md#nps, #cs-workflows, #nps-reporting-rules, #nps-follow-up-by-segment)',
		tables: ['cs_customers', 'cs_enrolments', 'cs_tasks', 'cs_nps_responses'],
	});
	const id = t.info.id;

	// ----- Triggers, Settings and the route -----
	const quarterly = scheduleTrigger('Every quarter', [0, 0], {
		hour: 9,
		field: 'months',
		monthDay: 1,
	});
	(
		quarterly.parameters.rule as { interval: Array<Record<string, unknown>> }
	).interval[0].monthsInterval = 3;
	const everyQuarter = t.add(quarterly);
	const surveyRun = t.add(setFields('Quarterly survey', [1, 0], { event: 'quarterly_nps' }, id));
	const trigger = t.add(
		csTrigger([0, 4], {
			path: 'customer-success/nps',
			events: ['nps_response'],
			customEvents: 'nps_followed_up',
		}),
	);
	const everyMonth = t.add(
		scheduleTrigger('Every month', [0, 26], { hour: 8, field: 'months', monthDay: 1 }),
	);
	const reportRun = t.add(
		setFields('Monthly report', [1, 26], { event: 'monthly_nps_report' }, id),
	);
	const settings = t.add(
		settingsNode(
			[2, 4],
			{
				...SENDER_SETTINGS,
				...DEFAULT_CSM_SETTINGS,
				manager_email: 'cs-manager@acme.example',
				cs_team_email: 'cs-team@acme.example',
				...LINK_SETTINGS,
				survey_link: 'https://survey.acme.example/nps',
				advocacy_link: 'https://acme.example/advocates',
				delay_unit: 'days',
				survey_every_days: 90,
				reminder_day: 3,
				close_day: 7,
				escalate_after_days: 3,
				advocacy_invite_day: 7,
				report_month: 'previous',
				report_minimum_sample: 30,
			},
			id,
		),
	);
	const route = t.add(
		switchNode('Event', [3, 4], id, [
			eventRoute('quarterly_nps'),
			eventRoute('nps_response'),
			eventRoute('nps_followed_up'),
			eventRoute('monthly_nps_report'),
		]),
	);
	t.chain(everyQuarter, surveyRun, settings)
		.chain(trigger, settings)
		.chain(everyMonth, reportRun, settings)
		.connect(settings, route);
	t.connect(settings, ensureTables(t, [2.5, -7], t.info.tables));

	// ----- Quarterly survey (nps_survey) -----
	const customers = t.add(tableGet('Read customers', [4, 0], 'cs_customers', []));
	const reachable = t.add(
		filterNode('Active, with an email', [5, 0], id, [
			{
				left: expr('$json.email'),
				operator: { type: 'string', operation: 'notEmpty', singleValue: true },
			},
			{
				left: expr("$json.subscription_status || ''"),
				operator: { type: 'string', operation: 'notEquals' },
				right: 'cancelled',
			},
		]),
	);
	const throttle = t.add(
		csNode('Survey throttle', 'customerNps', [6, 0], {
			mode: 'throttle',
			minDaysBetweenSurveys: expr(setting('survey_every_days')),
			lastSurveyField: 'last_nps_survey_at',
			options: {},
		}),
	);
	const recent = t.add(noOp('Surveyed lately: not now', [7, 1.5]));
	const notInSurvey = t.add(
		tableRowNotExists('Not in a survey already', [7, 0], 'cs_enrolments', [
			{ column: 'customer_id', value: expr('String($json.customer_id)') },
			{ column: 'sequence', value: 'nps_survey' },
			{ column: 'status', value: 'active' },
		]),
	);
	const enrolSurvey = enrolAs(t, 'Enrol in the survey', [8, 0], 'nps_survey');
	t.connect(route, customers, 0);
	t.chain(customers, reachable, throttle)
		.connect(throttle, notInSurvey, 0)
		.connect(throttle, recent, 1)
		.chain(notInSurvey, enrolSurvey);
	const recordSurvey = recordEnrolment(t, 'Record survey enrolment', [9, -3]);
	const surveyed = t.add(
		tableUpdate(
			'Mark surveyed',
			[9, -2],
			'cs_customers',
			[{ column: 'customer_id', value: expr('String($json.customer_id)') }],
			{
				last_nps_survey_at: expr('$now.toUTC().toISO()'),
			},
		),
	);
	const survey = emailStep(
		t,
		'survey',
		[9, 0],
		'nps_survey',
		{},
		{ surveyLink: expr(SURVEY_LINK) },
	);
	t.connect(enrolSurvey, [recordSurvey, surveyed, survey]);
	const logSurvey = logStepOf(
		t,
		'Enrol in the survey',
		'Log: survey sent',
		[10, -1],
		1,
		'send_nps_survey',
		{ next: setting('reminder_day') },
	);
	const waitReminder = waitFor(t, 'Wait until the reminder day', [10, 0], setting('reminder_day'));
	const gateReminder = stillEnrolled(t, 'No answer yet? (reminder)', [11, 0]);
	const reminder = emailStep(
		t,
		'survey reminder',
		[12, 0],
		'nps_survey_reminder',
		{},
		{ surveyLink: expr(SURVEY_LINK) },
	);
	const logReminder = logStepOf(
		t,
		'Enrol in the survey',
		'Log: reminder sent',
		[13, -1],
		2,
		'reminder_if_no_response',
		{ next: `${setting('close_day')} - ${setting('reminder_day')}` },
	);
	t.connect(survey, [logSurvey, waitReminder]).chain(waitReminder, gateReminder, reminder);
	const waitClose = waitFor(
		t,
		'Wait until the survey closes',
		[13, 0],
		`${setting('close_day')} - ${setting('reminder_day')}`,
	);
	const gateClose = stillEnrolled(t, 'No answer yet? (close)', [14, 0]);
	const close = logStepOf(
		t,
		'Enrol in the survey',
		'Close the survey',
		[15, 0],
		3,
		'close_survey',
		'completed',
		'closed',
	);
	t.connect(reminder, [logReminder, waitClose]).chain(waitClose, gateClose, close);

	// ----- nps_response: the answer -----
	// The event as the trigger gave it (the Settings node adds its own fields, e.g. product_name, to the item it passes on).
	const answer = t.add(
		setJson(
			'NPS answer',
			[4, 10],
			[
				"{ ...$('Customer Success Trigger').first().json",
				"response_id: String($json.customer_id) + ':' + $json.occurredAt",
				'nps_score: ($json.data || {}).score',
				"nps_comment: ($json.data || {}).comment ?? ''",
				'nps_responded_at: $json.occurredAt }',
			].join(', '),
		),
	);
	const readCustomer = t.add(
		tableGet(
			'Read the customer',
			[5, 10],
			'cs_customers',
			[{ column: 'customer_id', value: expr('String($json.customer_id)') }],
			{ alwaysOutputData: true },
		),
	);
	const withCustomer = t.add(
		setJson(
			'Customer and answer',
			[6, 10],
			[
				`{ csm_name: ${setting('default_csm_name')}, csm_email: ${setting('default_csm_email')}`,
				"...Object.fromEntries(Object.entries($json).filter(([key, value]) => !['id', 'createdAt', 'updatedAt'].includes(key) && value !== null && value !== ''))",
				"...Object.fromEntries(Object.entries($('NPS answer').first().json).filter(([key, value]) => value !== null && value !== undefined && value !== '')) }",
			].join(', '),
		),
	);
	t.connect(route, answer, 1);
	t.chain(answer, readCustomer, withCustomer);
	const stopSurvey = stopSequence(t, 'Stop the survey', [7, 7], 'nps_survey', 'survey answered');
	const classify = t.add(
		csNode('Classify the answer', 'customerNps', [7, 10], {
			mode: 'classify',
			scoreField: 'nps_score',
			outputMode: 'bySegment',
			options: { responseTimeField: 'nps_responded_at' },
		}),
	);
	t.connect(withCustomer, [stopSurvey, classify]);
	const saveResponse = t.add(
		tableInsert('Save the response', [8, 7], 'cs_nps_responses', {
			response_id: expr('$json.response_id'),
			customer_id: expr('String($json.customer_id)'),
			score: expr('$json.nps.score'),
			segment: expr('$json.nps.segment'),
			comment: expr('$json.nps_comment'),
			responded_at: expr('$json.nps_responded_at'),
			followed_up: false,
		}),
	);
	const scoreColumns = customerColumns(t, 'Score fields', [8, 8], 'NPS answer');
	const saveScore = upsertCustomer(t, 'Save the NPS score', [9, 8]);
	t.connect(scoreColumns, saveScore);
	// One output per segment (Promoters, Passives, Detractors); each also saves the response and the score (above).
	for (const output of [0, 1, 2]) t.connect(classify, [saveResponse, scoreColumns], output);

	// Promoters (nps_promoter): the advocacy pipeline (the enrolment), thank-you now, advocacy invite after 7 days.
	const enrolPromoter = enrolAs(t, 'Enrol promoter', [8, 12], 'nps_promoter');
	t.connect(classify, enrolPromoter, 0);
	const recordPromoter = recordEnrolment(t, 'Record promoter enrolment', [9, 10]);
	const thanks = emailStep(t, 'thank-you', [9, 12], 'nps_promoter_thanks');
	t.connect(enrolPromoter, [recordPromoter, thanks]);
	const logThanks = logStepOf(
		t,
		'Enrol promoter',
		'Log: thank-you sent',
		[10, 11],
		1,
		'send_thank_you',
		{ next: setting('advocacy_invite_day') },
	);
	const waitInvite = waitFor(
		t,
		'Wait until the advocacy invite',
		[10, 12],
		setting('advocacy_invite_day'),
	);
	const gateInvite = stillEnrolled(t, 'Still in the advocacy pipeline?', [11, 12]);
	const invite = emailStep(
		t,
		'advocacy invite',
		[12, 12],
		'nps_advocacy_invite',
		{},
		{ advocacyLink: expr(setting('advocacy_link')) },
	);
	const logInvite = logStepOf(
		t,
		'Enrol promoter',
		'Log: advocacy invite sent',
		[13, 12],
		2,
		'send_advocacy_invite',
		'completed',
	);
	t.connect(thanks, [logThanks, waitInvite]).chain(waitInvite, gateInvite, invite, logInvite);

	// Passives: the 15-minute interview request (docs/sources.md#nps-follow-up-by-segment).
	const interview = emailStep(t, 'interview request', [8, 15], 'nps_passive_interview');
	t.connect(classify, interview, 1);

	// Detractors (nps_detractor): urgent call task and CSM alert now, the follow-up email, escalation after 3 days.
	const enrolDetractor = enrolAs(t, 'Enrol detractor', [8, 21], 'nps_detractor');
	t.connect(classify, enrolDetractor, 2);
	const recordDetractor = recordEnrolment(t, 'Record detractor enrolment', [9, 17]);
	const callTask = recordTask(t, 'Urgent call task', [9, 18], {
		id: expr(
			"'nps_detractor:' + $json.customer_id + ':call_customer:' + $json.nps.followUp.respondedAt",
		),
		type: 'call',
		title: expr(`'Call ' + ${WHO} + ' about their NPS answer (' + $json.nps.score + ')'`),
		details: expr(
			`${action('call_customer')}.description + ($json.nps_comment ? '. They wrote: "' + $json.nps_comment + '"' : '')`,
		),
		owner: 'csm',
		ownerEmail: expr('$json.csm_email'),
		priority: 'urgent',
		dueAt: expr(`${action('call_customer')}.dueAt`),
		source: 'nps_detractor: call_customer',
	});
	const csmAlert = alertStep(t, 'CSM alert', [9, 19], {
		to: expr('$json.csm_email'),
		title: expr(`'NPS detractor: ' + ${WHO} + ' answered ' + $json.nps.score`),
		reason: expr(
			`${WHO} + ' answered ' + $json.nps.score + ' out of 10' + ($json.nps_comment ? ': "' + $json.nps_comment + '"' : ' (no comment)')`,
		),
		actions: expr(
			`['Call ' + ${WHO} + ' by ' + ${action('call_customer')}.dueAt + ' to understand and solve the problem, and offer compensation where it is due', 'A follow-up email asking for a call goes to ' + $json.email + ' now', 'When you have followed up, send nps_followed_up; without it this escalates to the CS manager after ' + ${setting('escalate_after_days')} + ' ' + ${setting('delay_unit')}]`,
		),
		severity: 'Urgent',
		dueAt: expr(`${action('call_customer')}.dueAt`),
	});
	const followUp = emailStep(t, 'detractor follow-up', [9, 21], 'nps_followup_detractor');
	t.connect(enrolDetractor, [recordDetractor, callTask, csmAlert, followUp]);
	const logFollowUp = logStepOf(
		t,
		'Enrol detractor',
		'Log: follow-up sent',
		[10, 20],
		1,
		'send_followup_email',
		{ next: setting('escalate_after_days') },
	);
	const waitEscalation = waitFor(
		t,
		'Wait for the follow-up',
		[10, 21],
		setting('escalate_after_days'),
	);
	const gateEscalation = stillEnrolled(t, 'Not followed up? (enrolment)', [11, 21]);
	const readResponse = t.add(
		tableGet('Read the response', [12, 21], 'cs_nps_responses', [
			{ column: 'response_id', value: expr('$json.response_id') },
		]),
	);
	const response = t.add(
		setJson(
			'Response followed up?',
			[13, 21],
			"{ ...$('Enrol detractor').item.json, followed_up: $json.followed_up === true }",
		),
	);
	const noFollowUp = t.add(
		ifNode('No follow-up recorded?', [14, 21], id, [
			{
				left: expr('$json.followed_up'),
				operator: { type: 'boolean', operation: 'false', singleValue: true },
			},
		]),
	);
	t.connect(followUp, [logFollowUp, waitEscalation]).chain(
		waitEscalation,
		gateEscalation,
		readResponse,
		response,
		noFollowUp,
	);
	const escalationTask = recordTask(t, 'Escalation task', [15, 19], {
		id: expr(
			"'nps_detractor:' + $json.customer_id + ':escalate_to_manager:' + $json.nps.followUp.respondedAt",
		),
		type: 'task',
		title: expr(
			`'Escalation: ' + ${WHO} + ' (NPS ' + $json.nps.score + ') has not been followed up'`,
		),
		details: expr(
			`${action('escalate_to_manager')}.description + ': answered ' + $json.nps.score + ' on ' + $json.nps.followUp.respondedAt + ', CSM ' + $json.csm_name + ' <' + $json.csm_email + '>' + ($json.nps_comment ? '. They wrote: "' + $json.nps_comment + '"' : '')`,
		),
		owner: 'cs_manager',
		ownerEmail: expr(setting('manager_email')),
		priority: 'urgent',
		source: 'nps_detractor: escalate_to_manager',
	});
	const managerAlert = alertStep(t, 'manager escalation', [15, 20], {
		to: expr(setting('manager_email')),
		title: expr(`'Escalation: NPS detractor ' + ${WHO} + ' not followed up'`),
		reason: expr(
			`${WHO} + ' answered ' + $json.nps.score + ' out of 10 on ' + $json.nps.followUp.respondedAt + ' and no follow-up has been recorded after ' + ${setting('escalate_after_days')} + ' ' + ${setting('delay_unit')} + ($json.nps_comment ? ': "' + $json.nps_comment + '"' : '')`,
		),
		actions: expr(
			`['Check with ' + $json.csm_name + ' (' + $json.csm_email + ') and make sure ' + ${WHO} + ' gets a call today', 'Send nps_followed_up when done']`,
		),
		severity: 'Urgent',
		dueAt: expr('$now.toUTC().toISO()'),
	});
	const logEscalated = logStepOf(
		t,
		'Enrol detractor',
		'Log: escalated',
		[15, 21],
		2,
		'escalate_to_manager',
		'completed',
	);
	t.connect(noFollowUp, [escalationTask, managerAlert, logEscalated], 0);
	const logFollowedUp = logStepOf(
		t,
		'Enrol detractor',
		'Log: followed up',
		[15, 22.5],
		2,
		'followed_up',
		'stopped',
		'followed up',
	);
	t.connect(noFollowUp, logFollowedUp, 1);

	// ----- nps_followed_up: the CSM followed the detractor up -----
	const followedUp = t.add(
		tableUpdate(
			'Mark followed up',
			[4, 24],
			'cs_nps_responses',
			[
				{ column: 'customer_id', value: expr('String($json.customer_id)') },
				{ column: 'segment', value: 'detractor' },
			],
			{ followed_up: true },
		),
	);
	const stopEscalation = stopSequence(
		t,
		'Stop the escalation',
		[5, 24],
		'nps_detractor',
		'followed up',
	);
	const closeTask = t.add(
		tableUpdate(
			'Close the call task',
			[6, 24],
			'cs_tasks',
			[
				{ column: 'customer_id', value: expr('String($json.customer_id)') },
				{ column: 'source', value: 'nps_detractor: call_customer' },
				{ column: 'status', value: 'open' },
			],
			{ status: 'done' },
		),
	);
	t.connect(route, followedUp, 2);
	t.chain(followedUp, stopEscalation, closeTask);

	// ----- Monthly report -----
	const period = t.add(
		setFields(
			'Report period',
			[4, 27],
			{
				period_start: expr(
					`$now.startOf('month').minus({ months: ${setting('report_month')} === 'current' ? 0 : 1 }).toISO()`,
				),
				period_end: expr(
					`$now.startOf('month').plus({ months: ${setting('report_month')} === 'current' ? 1 : 0 }).toISO()`,
				),
			},
			id,
			true,
		),
	);
	// Surveys sent in the period (nps_survey enrolments started in it), for the response rate.
	const readSurveys = t.add(
		tableGet(
			'Read survey enrolments',
			[5, 27],
			'cs_enrolments',
			[{ column: 'sequence', value: 'nps_survey' }],
			{ alwaysOutputData: true },
		),
	);
	const surveysSent = t.add(
		code(
			'Surveys sent',
			[6, 27],
			[
				"const { period_start, period_end } = $('Report period').first().json;",
				'const start = new Date(period_start).getTime();',
				'const end = new Date(period_end).getTime();',
				'const sent = $input.all().filter((item) => {',
				'\tconst at = item.json.started_at ? new Date(item.json.started_at).getTime() : NaN;',
				'\treturn at >= start && at < end;',
				'}).length;',
				'return [{ json: { surveys_sent: sent } }];',
			].join('\n'),
		),
	);
	const readResponses = t.add({
		...tableGet('Read responses', [7, 27], 'cs_nps_responses', []),
		alwaysOutputData: true,
	});
	const inPeriod = t.add({
		...filterNode('Answered in the period', [8, 27], id, [
			{
				left: expr(
					"!!$json.responded_at && new Date($json.responded_at) >= new Date($('Report period').first().json.period_start) && new Date($json.responded_at) < new Date($('Report period').first().json.period_end)",
				),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
		alwaysOutputData: true,
	});
	const aggregate = t.add(
		csNode('NPS of the period', 'customerNps', [9, 27], {
			mode: 'aggregate',
			scoreField: 'score',
			options: {
				minimumSample: expr(setting('report_minimum_sample')),
				surveysSent: expr("$('Surveys sent').first().json.surveys_sent"),
			},
		}),
	);
	const report = t.add(
		setFields(
			'To: the CS team',
			[10, 27],
			{
				email: expr(setting('cs_team_email')),
				month: expr(
					"DateTime.fromISO($('Report period').first().json.period_start).toFormat('LLLL yyyy')",
				),
			},
			id,
		),
	);
	const renderReport = emailStep(t, 'monthly report', [11, 27], 'nps_monthly_report');
	t.connect(route, period, 3);
	t.chain(
		period,
		readSurveys,
		surveysSent,
		readResponses,
		inPeriod,
		aggregate,
		report,
		renderReport,
	);

	// ----- Notes -----
	t.sticky(
		[
			'## NPS',
			'Three parts in one workflow: the **quarterly survey** (Schedule, top), the **answers** from your survey tool (Customer Success Trigger, `customer-success/nps`: see its *Production URL*), and the **monthly report** (Schedule, bottom).',
			'',
			'**Configure**: the **Settings** node (sender, product, CSM, `manager_email`, `cs_team_email`, `survey_link`, `advocacy_link`, the days; `delay_unit` = `seconds` runs the sequences in seconds for a trial), the SMTP credential of the *Send* nodes, and the webhook credential of the trigger.',
			'',
			'The data tables it uses are created on the first run (top row) when they are missing.',
		].join('\n'),
		[0, -11],
		[4, -8.6],
		4,
	);
	t.sticky(
		"### Quarterly survey\nReads `cs_customers`, skips cancelled customers and anyone surveyed in the last `survey_every_days` (90; the NPS node's throttle, from `last_nps_survey_at`), sends `nps_survey` with `survey_link?customer_id=<id>`, records `last_nps_survey_at`, reminds after `reminder_day` and closes the survey on `close_day`. An answer (`nps_response`) stops the reminders.",
		[1, 1.2],
		[5, 2.6],
		6,
	);
	t.sticky(
		'### Answers\nPost `nps_response` with the customer (at least `customer_id`) and `data.score` (0-10), `data.comment`; `occurredAt` is when they answered. The NPS node classifies it; the answer goes to `cs_nps_responses` and `nps_score` to the customer.\n\n**Detractors** (0-6): urgent call task (due in 24 h), CSM alert, follow-up email; after `escalate_after_days` without follow-up, a task and an alert for `manager_email`. Post the custom event **`nps_followed_up`** (or tick `followed_up` in `cs_nps_responses`) when the CSM has followed up.\n\n**Passives** (7-8): the 15-minute interview request. **Promoters** (9-10): thank-you now, advocacy invite after `advocacy_invite_day`.',
		[1.5, 13],
		[6.5, 17],
		6,
	);
	t.sticky(
		'### Monthly report\nOn the 1st: the NPS of the previous month (`report_month` = `current` reports the month so far) from `cs_nps_responses`, with its 95 % confidence interval and a warning below `report_minimum_sample` responses (30), emailed to `cs_team_email`.',
		[2, 28.6],
		[6, 29.6],
		6,
	);
	return t;
}
