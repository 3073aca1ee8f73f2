import {
	customerColumns,
	emailStep,
	ensureTables,
	freshCustomer,
	logStep,
	perItem,
	planTasks,
	postedEvent,
	readCustomerOver,
	recordEnrolment,
	recordTask,
	stillEnrolled,
	stopSequence,
	upsertCustomer,
	waitFor,
	WITHOUT_ROW_META,
} from '../blocks';
import { notice } from '../blocks-health';
import {
	code,
	csNode,
	csTrigger,
	DEFAULT_CSM_SETTINGS,
	equals,
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
	tableRowNotExists,
	tableUpdate,
} from '../nodes';
import { Template } from '../template';

const name = '($json.company || $json.customer_id)';
const pct = '($json.usage_percent != null ? $json.usage_percent : 80)';

/**
 * Expansion: docs/sources.md#cs-workflows CS_WORKFLOWS expansion.expansion_opportunity (expansion_signal_detected:
 * create_expansion_opp, notify_csm, prepare_proposal after 3 days) and expansion.approaching_limits
 * (usage_at_80_percent: send_usage_alert, notify_csm, send_upgrade_info after 3 days), found every day by Expansion
 * Signals (docs/sources.md#expansion-signals EXPANSION_SIGNALS and identifyOpportunities) over cs_customers, or started by those events.
 * Engagement Score (docs/sources.md#engagement-score) runs first, so high_engagement reads the customer's engagement
 * score; the stored health score stands in for a customer without enough engagement data.
 *
 * A customer at or above `limit_share` of the plan limit (or whose limit Expansion Signals forecasts within its
 * horizon) is in approaching_limits; the other opportunities (more seats, feature add-ons) are expansion
 * opportunities: the upgrade that approaching limits already offers is not a second one. Once per episode: an
 * approaching-limits episode is the plan (a new one after an upgrade), an expansion episode the plan and the kinds of
 * opportunity; never while the customer is in the same sequence.
 */
export function expansionTemplate(): Template {
	const t = new Template({
		file: 'cs-08-expansion',
		id: 'csTplExpansion01',
		name: 'CS 08 · Expansion opportunity and approaching limits',
		trigger:
			'Customer Success Trigger: expansion_signal_detected, usage_at_80_percent (and plan_upgraded, which ends approaching limits); and a Schedule Trigger every day at 08:00 (Expansion Signals over cs_customers)',
		does: 'Approaching limits: usage alert to the customer and notice to the CSM, upgrade information 3 days later unless the customer upgraded. Expansion opportunity: opportunity task and notice to the CSM, proposal task due in 3 days',
		configure:
			'Settings (sender, product, CSM, links, usage share, days), the SMTP credential, the webhook credential',
		follows:
			'the CS workflows expansion.expansion_opportunity and expansion.approaching_limits, the expansion signals and opportunities, the engagement score for high_engagement (docs/sources.md#cs-workflows, #expansion-signals, #expansion-opportunities, #engagement-score)',
		tables: ['cs_customers', 'cs_enrolments', 'cs_tasks'],
	});
	const id = t.info.id;

	const schedule = t.add(scheduleTrigger('Every day at 08:00', [0, 0], { hour: 8 }));
	const trigger = t.add(
		csTrigger([0, 1], {
			path: 'customer-success/expansion',
			events: ['expansion_signal_detected', 'usage_at_80_percent'],
			customEvents: 'plan_upgraded',
		}),
	);
	const settings = t.add(
		settingsNode(
			[1, 0],
			{
				...SENDER_SETTINGS,
				...DEFAULT_CSM_SETTINGS,
				...LINK_SETTINGS,
				upgrade_link: 'https://app.acme.example/billing/upgrade',
				delay_unit: 'days',
				limit_share: 0.8,
				upgrade_info_day: 3,
			},
			id,
		),
	);
	t.connect(schedule, settings).connect(trigger, settings);
	t.connect(settings, ensureTables(t, [1.5, -8], t.info.tables));
	const startedBy = t.add(
		switchNode('Started by', [2, 0], id, [
			{
				output: 'signal event',
				condition: {
					left: expr("['expansion_signal_detected', 'usage_at_80_percent'].includes($json.event)"),
					operator: { type: 'boolean', operation: 'true', singleValue: true },
				},
			},
			eventRoute('plan_upgraded'),
			{
				output: 'daily run',
				condition: {
					left: expr('$json.event'),
					operator: { type: 'string', operation: 'empty', singleValue: true },
				},
			},
		]),
	);
	t.connect(settings, startedBy);

	// A signal event: the event as posted, its customer fields saved first (leaf), then the customer's whole row.
	const event = postedEvent(t, [3, -1], startedBy, 0);
	const eventRow = readCustomerOver(t, 'customer (event)', [4, -1], 'Event');
	t.connect(event, eventRow.first);

	// plan_upgraded: the new plan on the customer, and the approaching-limits sequence stops (no upgrade info).
	const upgradeEvent = t.add(
		setJson('Upgrade event', [3, 3], "$('Customer Success Trigger').item.json"),
	);
	t.connect(startedBy, upgradeEvent, 1);
	const stop = stopSequence(t, 'Stop approaching limits', [4, 3], 'approaching_limits', 'upgraded');
	const upgradeColumns = customerColumns(t, 'Upgraded customer fields', [4, 4]);
	const saveUpgrade = upsertCustomer(t, 'Save upgraded customer', [5, 4]);
	t.connect(upgradeEvent, [stop, upgradeColumns]).connect(upgradeColumns, saveUpgrade);

	// Daily run: every customer.
	const readAll = t.add({
		...tableGet('Read customers', [4, 1], 'cs_customers', []),
		executeOnce: true,
	});
	t.connect(startedBy, readAll, 2);

	// The customer record: the row, with its stored health score as a Customer Health Score result (`health`), which
	// Expansion Signals' high_engagement reads only when there is no engagement score (the stand-in).
	const input = t.add(
		setJson(
			'Customer record',
			[5, 0],
			`{ ...${WITHOUT_ROW_META}, ...(typeof $json.health_score === 'number' && !$json.health ? { health: { score: $json.health_score } } : {}) }`,
		),
	);
	t.connect(eventRow.last, input).connect(readAll, input);
	// Engagement Score (docs/sources.md#engagement-score) from the record's engagement fields (logins_this_month,
	// active_users, features_used, actions_this_month, automation_rate, avg_csat): high_engagement reads it. Below half
	// the weight with data there is no score (insufficient_data) and the health score stands in. A record whose
	// engagement fields the node cannot read goes on without a score (engagement_error says why).
	const engagement = t.add({
		...csNode('Engagement Score', 'customerEngagementScore', [6, 0], {
			operation: 'score',
			outputMode: 'single',
			options: {},
		}),
		onError: 'continueRegularOutput',
	});
	const withoutError = perItem(
		t,
		'Engagement or stand-in',
		[7, 0],
		[
			'const { error, ...customer } = $json;',
			'return { json: error === undefined ? customer : { ...customer, engagement_error: error } };',
		].join('\n'),
	);
	t.chain(input, engagement, withoutError);
	// The score and level on the customer row (a leaf above), for the customers with a score.
	const scored = t.add(
		filterNode('Engagement scored?', [7, -2], id, [
			{
				left: expr("!!$json.engagement && typeof $json.engagement.score === 'number'"),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	const saveEngagement = t.add(
		tableUpdate(
			'Save engagement score',
			[8, -2],
			'cs_customers',
			[{ column: 'customer_id', value: expr('String($json.customer_id)') }],
			{
				engagement_score: expr('$json.engagement.score'),
				engagement_level: expr('$json.engagement.level'),
			},
		),
	);
	t.connect(engagement, scored).connect(scored, saveEngagement);
	// A record the node cannot read leaves with `error` and no `expansion`: it starts nothing; the others go on.
	const signals = t.add({
		...csNode('Expansion Signals', 'customerExpansionSignals', [8, 0], {
			outputMode: 'single',
			options: {},
		}),
		onError: 'continueRegularOutput',
	});
	t.connect(withoutError, signals);

	// Which sequences each customer is for, and the episode that makes an enrolment once only.
	const episodes = t.add(
		code(
			'Sequences and episodes',
			[9, 0],
			[
				`const limitShare = Number($('Settings').first().json.limit_share);`,
				'const out = [];',
				'$input.all().forEach((item, index) => {',
				'\tconst customer = item.json;',
				'\tif (customer.error) return;',
				'\tconst expansion = customer.expansion || {};',
				'\tconst signals = expansion.signals || [];',
				'\tconst usage = customer.usage_vs_limit === null || customer.usage_vs_limit === undefined || customer.usage_vs_limit === "" ? NaN : Number(customer.usage_vs_limit);',
				"\tconst approaching = customer.event === 'usage_at_80_percent' || usage >= limitShare || signals.some((signal) => signal.type === 'approaching_limit');",
				'\tconst plan = customer.plan || "no plan";',
				'\tconst upsell = (expansion.opportunities || []).find((opportunity) => opportunity.type === "upsell");',
				'\tif (approaching) {',
				'\t\tout.push({',
				'\t\t\tjson: {',
				'\t\t\t\t...customer,',
				'\t\t\t\t// usage_at_80_percent without a usage figure: the event says 80 % (the limit share).',
				'\t\t\t\tusage_vs_limit: Number.isFinite(usage) ? usage : limitShare,',
				"\t\t\t\tsequence: 'approaching_limits',",
				'\t\t\t\tepisode: plan,',
				'\t\t\t\tusage_percent: Math.round((Number.isFinite(usage) ? usage : limitShare) * 100),',
				'\t\t\t\tnext_plan: upsell && upsell.product ? upsell.product : null,',
				'\t\t\t},',
				'\t\t\tpairedItem: { item: index },',
				'\t\t});',
				'\t}',
				'\t// The upgrade an approaching customer is offered is that sequence; the rest are expansion opportunities.',
				"\tconst others = (expansion.opportunities || []).filter((opportunity) => !(approaching && opportunity.type === 'upsell'));",
				"\tif (others.length > 0 || (customer.event === 'expansion_signal_detected' && !approaching)) {",
				'\t\tconst kinds = [...new Set(others.map((opportunity) => opportunity.type))].sort();',
				"\t\tconst signalName = customer.data && customer.data.signal ? String(customer.data.signal) : 'reported';",
				'\t\tconst value = others.reduce((sum, opportunity) => sum + (typeof opportunity.estimatedValue === "number" ? opportunity.estimatedValue : 0), 0);',
				'\t\tout.push({',
				'\t\t\tjson: {',
				'\t\t\t\t...customer,',
				"\t\t\t\tsequence: 'expansion_opportunity',",
				"\t\t\t\tepisode: plan + ':' + (kinds.length ? kinds.join('+') : 'signal ' + signalName),",
				"\t\t\t\topportunity_products: others.length ? others.map((opportunity) => opportunity.product || opportunity.type) : [signalName.replace(/_/g, ' ')],",
				'\t\t\t\topportunity_lines: others.length',
				"\t\t\t\t\t? others.map((opportunity) => `${opportunity.product || opportunity.type}: ${opportunity.recommendedAction} (estimated ${opportunity.estimatedValue === null ? 'value unknown' : opportunity.estimatedValue + ' a month'}${opportunity.basis ? ', ' + opportunity.basis : ''})`)",
				'\t\t\t\t\t: [`Signal reported: ${signalName}`],',
				'\t\t\t\topportunity_value: value,',
				'\t\t\t\t// high_engagement says which score it read: the engagement score, or the health score standing in.',
				"\t\t\t\topportunity_signals: signals.map((signal) => signal.type !== 'high_engagement' ? signal.description : `${signal.description} (${signal.source === 'health_stand_in' ? 'health score ' + signal.value + ', standing in for the engagement score' : 'engagement score ' + signal.value})`),",
				'\t\t\t},',
				'\t\t\tpairedItem: { item: index },',
				'\t\t});',
				'\t}',
				'});',
				'return out;',
			].join('\n'),
		),
	);
	t.connect(signals, episodes);

	const enrolled = t.add(
		setFields(
			'Enrol',
			[10, 0],
			{
				enrolment_id: expr("$json.sequence + ':' + $json.customer_id + ':' + $now.toUTC().toISO()"),
				csm_name: expr(`$json.csm_name || ${setting('default_csm_name')}`),
				csm_email: expr(`$json.csm_email || ${setting('default_csm_email')}`),
				enrolled_plan: expr("$json.plan || ''"),
			},
			id,
		),
	);
	const notRunning = t.add(
		tableRowNotExists('Not in this sequence now', [11, 0], 'cs_enrolments', [
			{ column: 'customer_id', value: expr('String($json.customer_id)') },
			{ column: 'sequence', value: expr('$json.sequence') },
			{ column: 'status', value: 'active' },
		]),
	);
	const notThisEpisode = t.add(
		tableRowNotExists('Not enrolled in this episode', [12, 0], 'cs_enrolments', [
			{ column: 'customer_id', value: expr('String($json.customer_id)') },
			{ column: 'sequence', value: expr('$json.sequence') },
			{ column: 'episode', value: expr('$json.episode') },
		]),
	);
	t.chain(episodes, enrolled, notRunning, notThisEpisode);
	const record = recordEnrolment(t, 'Record enrolment', [13, -9], {
		episode: expr('$json.episode'),
	});
	const sequence = t.add(
		switchNode('Sequence', [13, 0], id, [
			{
				output: 'expansion_opportunity',
				condition: equals('$json.sequence', 'expansion_opportunity'),
			},
			{ output: 'approaching_limits', condition: equals('$json.sequence', 'approaching_limits') },
		]),
	);
	t.connect(notThisEpisode, [record, sequence]);

	// Expansion opportunity (above: it has no Wait, so it is done before approaching limits waits).
	const opportunity = recordTask(t, 'Record expansion opportunity', [14, -8], {
		id: expr("$json.enrolment_id + ':opportunity'"),
		type: 'task',
		title: expr("'Expansion opportunity: ' + $json.opportunity_products.join(', ')"),
		details: expr(
			"$json.opportunity_lines.join('; ') + '. Probability ' + ($json.expansion && $json.expansion.probability) + '. Signals: ' + ($json.opportunity_signals.join(', ') || 'reported by your systems') + '. CS workflow expansion.expansion_opportunity (create_expansion_opp).'",
		),
		owner: 'csm',
		ownerEmail: expr('$json.csm_email'),
		priority: expr("$json.expansion && $json.expansion.probability >= 0.5 ? 'high' : 'normal'"),
		source: 'expansion: create_expansion_opp',
	});
	const proposal = planTasks(t, [14, -7], 'expansion.expansion_opportunity', 'expansion');
	const opportunityNotice = notice(t, 'CSM: expansion opportunity', [14, -5], {
		to: expr('$json.csm_email'),
		title: expr(`'Expansion opportunity: ' + ${name}`),
		reason: expr(
			"$json.opportunity_signals.length ? 'Expansion Signals found: ' + $json.opportunity_signals.join(', ') + ' (expansion probability ' + $json.expansion.probability + ').' : 'Your systems reported an expansion signal' + ($json.data && $json.data.signal ? ': ' + $json.data.signal : '') + '.'",
		),
		actions: expr(
			"[...$json.opportunity_lines, 'Prepare the proposal: it is in your tasks, due in 3 days']",
		),
		severity: 'Opportunity',
		dueAt: expr('$now.plus({ days: 3 }).toFormat("yyyy-MM-dd HH:mm ZZZZ")'),
	});
	t.connect(sequence, [opportunity, proposal, opportunityNotice], 0);
	const opportunityDone = logStep(
		t,
		'Log: opportunity handed to the CSM',
		[17, -5],
		3,
		'prepare_proposal_planned',
		'completed',
	);
	t.connect('Render CSM: expansion opportunity', opportunityDone);

	// Approaching limits: usage alert to the customer, notice to the CSM, then upgrade information on day 3.
	const approaching = t.add(noOp('Approaching limits', [14, 0]));
	t.connect(sequence, approaching, 1);
	const usageAlert = emailStep(t, 'usage alert', [15, -2.5], 'usage_limit_approaching', {
		upgrade_link: expr(setting('upgrade_link')),
	});
	const log1 = logStep(t, 'Log: usage alert sent', [17.5, -3], 1, 'send_usage_alert', {
		next: setting('upgrade_info_day'),
	});
	t.connect(approaching, usageAlert).connect(usageAlert, log1);
	const limitsNotice = notice(t, 'CSM: approaching limits', [15, -1], {
		to: expr('$json.csm_email'),
		title: expr(`${name} + ' is at ' + ${pct} + '% of the plan limit'`),
		reason: expr(
			`${name} + ' uses ' + ${pct} + '% of the ' + ($json.plan || 'current') + ' plan limit. The customer got the usage alert today; upgrade information follows in ' + ${setting('upgrade_info_day')} + ' ' + ${setting('delay_unit')} + ' unless they upgrade.'`,
		),
		actions: expr(
			"['Offer the upgrade' + ($json.next_plan ? ' to ' + $json.next_plan : ' to the next plan'), 'Check whether the team needs more seats or features']",
		),
		severity: 'Upgrade',
		dueAt: expr(
			`$now.plus({ [${setting('delay_unit')}]: ${setting('upgrade_info_day')} }).toFormat("yyyy-MM-dd HH:mm ZZZZ")`,
		),
	});
	t.connect(approaching, limitsNotice);
	const log2 = logStep(t, 'Log: CSM notified', [17, -1], 2, 'notify_csm', {
		next: setting('upgrade_info_day'),
	});
	t.connect('Render CSM: approaching limits', log2);

	const waitDays = waitFor(
		t,
		'Wait until the upgrade-info day',
		[15, 0],
		setting('upgrade_info_day'),
	);
	const gate = stillEnrolled(t, 'Still approaching limits?', [16, 0]);
	const current = freshCustomer(t, 'customer (upgrade-info day)', [17, 0]);
	t.connect(approaching, waitDays).chain(waitDays, gate, current.first);
	const notUpgraded = t.add(
		ifNode('Still on the same plan?', [19, 0], id, [
			{
				left: expr("($json.plan || '') === ($json.enrolled_plan || '')"),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	t.connect(current.last, notUpgraded);
	const upgradeInfo = emailStep(t, 'upgrade info', [20, 0], 'upgrade_info', {
		upgrade_link: expr(setting('upgrade_link')),
	});
	const log3 = logStep(t, 'Log: upgrade info sent', [21, -1], 3, 'send_upgrade_info', 'completed');
	t.connect(notUpgraded, upgradeInfo, 0).connect(upgradeInfo, log3);
	const upgraded = logStep(
		t,
		'Log: upgraded, no upgrade info',
		[20, 2],
		3,
		'send_upgrade_info',
		'stopped',
		'upgraded',
	);
	t.connect(notUpgraded, upgraded, 1);

	t.sticky(
		[
			'## Expansion opportunity and approaching limits',
			'Runs every day at 08:00 over the customers in `cs_customers` (Engagement Score, then Expansion Signals, docs/sources.md#expansion-signals), and starts when your product posts **usage_at_80_percent** or **expansion_signal_detected** to this trigger’s URL. **plan_upgraded** (with the new `plan`) ends approaching limits before the upgrade information.',
			'',
			'**Configure**: the **Settings** node (sender, product, CSM fallback, links, `limit_share` = the share of the plan limit that counts as approaching, `upgrade_info_day`; `delay_unit` = `seconds` for a trial), the SMTP credential of the *Send* nodes and the webhook credential of the trigger.',
			'',
			'The data tables it uses are created on the first run (top row) when they are missing.',
		].join('\n'),
		[0, -6],
		[4, -4.4],
		4,
	);
	t.sticky(
		'### Engagement\n**Engagement Score** scores the row’s `logins_this_month`, `active_users`, `features_used`, `actions_this_month`, `automation_rate` and `avg_csat` (last month’s values give the change) and saves `engagement_score` and `engagement_level` on the row. Expansion Signals’ *high_engagement* reads that score; without enough engagement data the stored `health_score` stands in (the signal’s `source` says which, and so does the CSM’s notice).',
		[5, -3.4],
		[8, -1.6],
		5,
	);
	t.sticky(
		'### Once per episode\n`cs_enrolments` holds one enrolment per customer, sequence and episode: approaching limits once per plan (again after an upgrade), an expansion opportunity once per plan and kind of opportunity (seats, features). Never while the customer is in the same sequence.',
		[9, 1.6],
		[12, 2.4],
		6,
	);
	t.sticky(
		'### Expansion opportunity\nOpportunity task, the CSM’s notice, and the proposal task due in 3 days (CS Playbook `expansion.expansion_opportunity`).',
		[14, -10.2],
		[17, -9.6],
	);
	t.sticky(
		'### Approaching limits\nUsage alert (customer), notice (CSM); on `upgrade_info_day` the upgrade information, unless the plan changed or plan_upgraded arrived.',
		[15, 1.6],
		[18, 2.2],
	);
	return t;
}
