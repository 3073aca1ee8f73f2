import { ensureTables, postedEvent, WITHOUT_ROW_META } from '../blocks';
import {
	code,
	csNode,
	csTrigger,
	DEFAULT_CSM_SETTINGS,
	expr,
	filterNode,
	LINK_SETTINGS,
	noOp,
	renderEmail,
	scheduleTrigger,
	SENDER_SETTINGS,
	sendEmail,
	setJson,
	setting,
	settingsNode,
	startedBySwitch,
	tableGet,
	tableInsert,
	tableRowNotExists,
	tableUpdate,
} from '../nodes';
import { Template, type NodeSpec } from '../template';

type At = [number, number];

/** The referral secret `npm start` creates (scripts/start.sh); an imported template asks for the user's own. */
export const REFERRAL_CREDENTIAL = {
	customerSuccessReferralApi: { id: 'csDemoReferral01', name: 'CS referral secret' },
};

/** A condition that the expression `code` is true. */
const isTrue = (condition: string) => ({
	left: expr(condition),
	operator: { type: 'boolean' as const, operation: 'true', singleValue: true },
});

/** The Advocacy and Loyalty node doing `operation`, with the referral credential when the operation signs codes. */
function advocacy(
	name: string,
	at: At,
	operation: string,
	parameters: Record<string, unknown>,
	withSecret = false,
): NodeSpec {
	return {
		...csNode(name, 'customerAdvocacy', at, { operation, customerPath: '', ...parameters }),
		...(withSecret ? { credentials: REFERRAL_CREDENTIAL } : {}),
	};
}

/** The invitation: the customer's suggested activities (Evaluate Advocate) and own code (Create Referral Code). */
const INVITATION_SUBJECT =
	'{{#if first_name}}{{first_name}}, you{{else}}You{{/if}} are invited to the {{product_name}} advocacy program';
const INVITATION_HTML = [
	'<p>Hi{{#if first_name}} {{first_name}}{{/if}},</p>',
	'<p>You told us you would recommend {{product_name}}, and your team is getting great results with it: thank you! We would love to welcome you to our advocacy program, where customers like you earn points and rewards for helping other teams discover {{product_name}}.</p>',
	'{{#if advocacy.suggestedActivities}}<p>Here is how we think you could take part:</p>',
	'<ul>{{#each advocacy.suggestedActivities}}<li>{{ this.name }} ({{ this.points }} points)</li>{{/each}}</ul>{{/if}}',
	'<p>Your personal referral code is <strong>{{ referral.code }}</strong>.{{#if referral.link}} Share this link: <a href="{{ referral.link }}">{{ referral.link }}</a>{{/if}}</p>',
	'<p>For every new customer who signs up with it you get {{ referral.referrerIncentives.immediateFreeMonths }} free month of {{product_name}} and a {{ referral.referrerIncentives.commissionPercent }}% commission for {{ referral.referrerIncentives.commissionMonths }} months; they get {{ referral.referredIncentives.firstYearDiscountPercent }}% off their first year.</p>',
	'{{#if advocacy_link}}<p><a href="{{ advocacy_link }}">Join the advocacy program</a>, or simply reply to this email.</p>{{else}}<p>Simply reply to this email to join.</p>{{/if}}',
	'<p>Thank you for your support!<br>{{ csm_name }}</p>',
].join('\n');

/**
 * Advocacy and referrals (issue 12 part 3): docs/sources.md#advocacy-program (seed 002 §13 getAdvocacyCandidates and
 * suggestActivities) and docs/sources.md#referral-program (seed 003's referral program, seed 004's referrals).
 *
 * Every week, the advocacy candidates of cs_customers (promoters, NPS 9-10, with a health score of 70 or more, never
 * approached: the Advocacy and Loyalty node's Evaluate Advocate), the highest MRR first and at most
 * `max_invitations` a run as the seed keeps 20, get an invitation to the advocacy program with the activities
 * suggested to them and their own signed referral code (Create Referral Code); the customer's row records
 * advocacy_approached_at and own_referral_code, so nobody is invited twice.
 *
 * A `referral_signup` event (a new customer with the `referral_code` they signed up with) verifies the code (Verify
 * Referral Code) and records the referrer's reward (Referral Reward): the referrer's successful_referrals and
 * advocacy_points, the new customer's referred_by, and a task for the referrer's CSM to give the reward, once per new
 * customer (task `referral:<customer_id>`). A missing, mistyped or forged code, or the customer's own, rewards nobody.
 */
export function advocacyTemplate(): Template {
	const t = new Template({
		file: 'cs-11-advocacy-referrals',
		id: 'csTplAdvocacy001',
		name: 'CS 11 · Advocacy and referrals',
		trigger:
			'Schedule Trigger every Monday at 10:00; Customer Success Trigger on customer-success/advocacy: referral_signup',
		does: 'Invites the advocacy candidates (promoters with a health score of 70 or more, never approached) to the advocacy program with the activities suggested to them and their own signed referral code, once per customer; a referral_signup event verifies the referral code and records the referrer’s reward (referrals, advocacy points, a task for the CSM)',
		configure:
			'Settings (sender, CSM fallback, advocacy link, referral link, promoter and health thresholds, invitations per run), the SMTP credential, the webhook credential, the referral credential',
		follows:
			'the advocacy program’s candidates and suggested activities, and the referral program’s signed codes and referrer rewards (docs/sources.md#advocacy-program, #referral-program)',
		tables: ['cs_customers', 'cs_tasks'],
	});
	const id = t.info.id;

	// ----- Triggers, Settings and the route -----
	const schedule = t.add(
		scheduleTrigger('Every Monday at 10:00', [0, 0], { hour: 10, field: 'weeks', weekday: 1 }),
	);
	const trigger = t.add(
		csTrigger([0, 3], {
			path: 'customer-success/advocacy',
			events: [],
			customEvents: 'referral_signup',
		}),
	);
	const settings = t.add(
		settingsNode(
			[1, 0],
			{
				...SENDER_SETTINGS,
				...DEFAULT_CSM_SETTINGS,
				...LINK_SETTINGS,
				advocacy_link: 'https://acme.example/advocates',
				referral_link_prefix: 'https://acme.example/signup?ref=',
				min_promoter_score: 9,
				min_health_score: 70,
				max_invitations: 20,
			},
			id,
		),
	);
	t.connect(schedule, settings).connect(trigger, settings);
	t.connect(settings, ensureTables(t, [1.5, -5], t.info.tables));
	const startedBy = t.add(startedBySwitch([2, 0], id, 'weekly run'));
	t.connect(settings, startedBy);

	// ----- Weekly run: the candidates, invited once -----
	const read = t.add({
		...tableGet('Read customers', [3, 0], 'cs_customers', []),
		executeOnce: true,
	});
	t.connect(startedBy, read, 0);
	const record = t.add(
		setJson(
			'Customer record',
			[4, 0],
			`{ ...${WITHOUT_ROW_META}, customer_id: String($json.customer_id), csm_name: $json.csm_name || ${setting('default_csm_name')}, csm_email: $json.csm_email || ${setting('default_csm_email')} }`,
		),
	);
	const evaluate = t.add({
		...advocacy('Evaluate advocate', [5, 0], 'evaluateAdvocate', {
			advocateOutput: 'byCandidate',
			options: {
				minPromoterScore: expr(setting('min_promoter_score')),
				minHealthScore: expr(setting('min_health_score')),
			},
		}),
		// A record the node cannot read (a malformed date, say) leaves with `error`: the filter below drops it.
		onError: 'continueRegularOutput',
	});
	const candidates = t.add(
		filterNode('Candidates with an address', [6, 0], id, [
			isTrue(
				"!$json.error && !!$json.advocacy && $json.advocacy.candidate === true && typeof $json.email === 'string' && $json.email.trim() !== ''",
			),
		]),
	);
	// Seed 002 §13: the candidates with the highest MRR first, at most max_invitations (the seed keeps 20).
	const top = t.add(
		code(
			'Highest MRR first',
			[7, 0],
			[
				`const limit = Number($('Settings').first().json.max_invitations);`,
				'return $input',
				'\t.all()',
				'\t.map((item, index) => ({ json: item.json, pairedItem: { item: index } }))',
				'\t.sort((a, b) => (Number(b.json.mrr) || 0) - (Number(a.json.mrr) || 0))',
				'\t.slice(0, limit);',
			].join('\n'),
		),
	);
	const create = t.add(
		advocacy(
			'Create referral code',
			[8, 0],
			'createReferralCode',
			{ idField: 'customer_id', options: { linkPrefix: expr(setting('referral_link_prefix')) } },
			true,
		),
	);
	const render = t.add(
		renderEmail(
			'Render invitation',
			[9, 0],
			'custom',
			{},
			{
				customTemplateId: 'advocacy_invitation',
				customSubject: INVITATION_SUBJECT,
				customHtml: INVITATION_HTML,
				customText: '',
				missingVariables: 'lenient',
				links: { advocacyLink: expr(setting('advocacy_link')) },
			},
		),
	);
	const send = t.add(sendEmail('Send invitation', [10, -1]));
	const approached = t.add(
		tableUpdate(
			'Record the invitation',
			[10, 0],
			'cs_customers',
			[{ column: 'customer_id', value: expr('$json.customer_id') }],
			{
				advocacy_approached_at: expr('$now.toUTC().toISO()'),
				own_referral_code: expr('$json.referral.code'),
			},
		),
	);
	t.chain(read, record, evaluate);
	t.connect(evaluate, candidates, 0);
	t.chain(candidates, top, create, render);
	// Sent first (the upper branch), then recorded.
	t.connect(render, [send, approached]);

	// ----- referral_signup: verify the code, reward the referrer once -----
	const event = postedEvent(t, [3, 3], startedBy, 1);
	const verify = t.add(
		advocacy(
			'Verify referral code',
			[4, 3],
			'verifyReferralCode',
			{ verifyOutput: 'byValidity', codeField: 'referral_code', idField: 'customer_id' },
			true,
		),
	);
	t.connect(event, verify);
	const invalid = t.add(noOp('Not a valid code', [5, 4.4]));
	t.connect(verify, invalid, 1);
	const notRewarded = t.add(
		tableRowNotExists('Not rewarded yet', [5, 3], 'cs_tasks', [
			{ column: 'task_id', value: expr("'referral:' + $json.customer_id") },
		]),
	);
	t.connect(verify, notRewarded, 0);
	const referrer = t.add(
		tableGet('Read referrer', [6, 3], 'cs_customers', [
			{ column: 'customer_id', value: expr('$json.referral.referrerId') },
		]),
	);
	const referral = t.add(
		setJson(
			'Referral',
			[7, 3],
			`{ ...$('Verify referral code').item.json, referrer: ${WITHOUT_ROW_META}, referrer_successful_referrals: (Number($json.successful_referrals) || 0) + 1 }`,
		),
	);
	const reward = t.add(advocacy('Referral reward', [8, 3], 'referralReward', { options: {} }));
	t.chain(notRewarded, referrer, referral, reward);
	const task = t.add(
		tableInsert('Task: give the reward', [9, 2], 'cs_tasks', {
			task_id: expr("'referral:' + $json.customer_id"),
			customer_id: expr('$json.referralReward.referrerId'),
			company: expr("$json.referrer.company || ''"),
			type: 'task',
			title: 'Give the referral reward',
			details: expr(
				"($json.company || $json.customer_id) + ' signed up with the referral code of ' + ($json.referrer.company || $json.referralReward.referrerId) + '. Reward: ' + $json.referralReward.freeMonths + ' free month' + ($json.referralReward.commission ? ', ' + $json.referralReward.commission.percent + '% commission for ' + $json.referralReward.commission.months + ' months (' + $json.referralReward.commission.monthlyAmount + ' a month)' : '') + ($json.referralReward.bonusTotal ? ', a bonus of ' + $json.referralReward.bonusTotal + ' ' + $json.referralReward.currency : '') + ', ' + $json.referralReward.advocacyPoints + ' advocacy points.'",
			),
			owner: 'csm',
			owner_email: expr(`$json.referrer.csm_email || ${setting('default_csm_email')}`),
			priority: 'normal',
			due_at: expr('$now.toUTC().toISO()'),
			status: 'open',
			source: 'advocacy: referral_signup',
		}),
	);
	const credit = t.add(
		tableUpdate(
			'Credit the referrer',
			[9, 3],
			'cs_customers',
			[{ column: 'customer_id', value: expr('$json.referralReward.referrerId') }],
			{
				successful_referrals: expr('$json.referrer_successful_referrals'),
				advocacy_points: expr(
					'(Number($json.referrer.advocacy_points) || 0) + $json.referralReward.advocacyPoints',
				),
			},
		),
	);
	const referredBy = t.add(
		tableUpdate(
			'Record who referred',
			[9, 4],
			'cs_customers',
			[{ column: 'customer_id', value: expr('String($json.customer_id)') }],
			{ referred_by: expr('$json.referralReward.referrerId') },
		),
	);
	t.connect(reward, [task, credit, referredBy]);

	t.sticky(
		[
			'## Advocacy and referrals',
			'Every Monday at 10:00 (change it in the trigger) over the `cs_customers` data table; and on `referral_signup` events.',
			'',
			'**Configure**: the **Settings** node (sender, `default_csm_email` = the CSM of customers whose row names none, `advocacy_link`, `referral_link_prefix` = the sign-up link the code is added to, `min_promoter_score`, `min_health_score`, `max_invitations` per run), the SMTP credential of *Send invitation*, the webhook credential of the trigger and the **referral credential** (the secret that signs the codes; keep it: changing it invalidates the codes already sent) of *Create referral code* and *Verify referral code*.',
			'',
			'NPS answers (`nps_score`) come from the NPS template (CS 04), health scores (`health_score`) from the daily health scoring (CS 09). The data tables are created on the first run when they are missing.',
		].join('\n'),
		[0, -4],
		[3, -2.4],
		4,
	);
	t.sticky(
		'### Invite the candidates\nAdvocacy and Loyalty, Evaluate Advocate: promoters (NPS `min_promoter_score`+) with a health score of `min_health_score`+ never approached (`advocacy_approached_at` empty). The highest MRR first, at most `max_invitations` a run. Each gets an email with the activities suggested to them and their own referral code and link (Create Referral Code); `advocacy_approached_at` and `own_referral_code` are recorded, so nobody is invited twice. Edit the email in *Render invitation*.',
		[4, -2.6],
		[10, -2.2],
		6,
	);
	t.sticky(
		'### A referred customer signs up\nPOST `referral_signup` with the new customer (`customer_id`, `email`, `company`, `mrr`) and the `referral_code` they used. A valid code (not their own) rewards the referrer once per new customer: `successful_referrals` + 1, 500 `advocacy_points`, the new customer’s `referred_by`, and a task in `cs_tasks` for the referrer’s CSM with the reward (a free month, the commission, bonuses). Mistyped, forged or missing codes reward nobody.',
		[3, 5.2],
		[9, 5.8],
		5,
	);
	return t;
}
