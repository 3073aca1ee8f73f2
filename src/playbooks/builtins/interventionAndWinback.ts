import type { PlaybookInput } from '../model';

/**
 * docs/sources.md#intervention-playbook: one playbook per early-warning signal, one step each
 * (the seed's intervention, translated), and docs/sources.md#winback-campaign "Win-back campaigns" (emails on days 1, 7 and 14 after the churn,
 * a call from the Head of Sales on day 21).
 * The seed gives the channel, the content and, for two steps, who acts (the CS Specialist calls about no booking;
 * the Head of Sales calls about an expiring trial and on win-back day 21). Ours, marked `// ours:`:
 * - owner "csm" elsewhere (docs/sources.md#cs-roles: the CS Specialist (CSM) owns onboarding, MBRs and upsell);
 * - escalation path csm -> cco (docs/sources.md#cs-roles: the CSM reports to the Chief Customer Officer, who owns churn and NPS);
 *   the Head of Sales' trial call has only its owner (the retention playbook (docs/sources.md#cs-roles) does not say whom the Head of Sales reports to);
 * - intervention timing "Immediately" (the seed gives none); win-back "Day N" = N calendar days after the start
 *   (the churn), "Día 1 (Post-Churn)" read as one day after it;
 * - template ids (the seed names the emails but gives no ids); the low-rating offer goes by email;
 * - timeline null (the seed gives none).
 */
const INTERVENTION = 'Intervention playbook (docs/sources.md#intervention-playbook)';
const WINBACK = 'Win-back campaign (docs/sources.md#winback-campaign)';
const CSM_TO_CCO = ['csm', 'cco']; // ours: docs/sources.md#cs-roles reporting line

export const INTERVENTION_WINBACK_PLAYBOOKS: PlaybookInput[] = [
	{
		id: 'intervention.no_login_7_days',
		name: 'Intervention: no login in 7 days',
		source: INTERVENTION,
		trigger: 'no_login_7_days',
		owner: 'csm', // ours
		escalationPath: CSM_TO_CCO,
		steps: [
			{
				action:
					'Email: "We noticed you have not used the product. Do you need help with the setup?" (re-engagement)',
				channel: 'email',
				template: 'intervention_no_login_7_days', // ours
				timing: 'Immediately', // ours
			},
		],
	},
	{
		id: 'intervention.no_key_action_14_days',
		name: 'Intervention: no key action (booking) in 14 days',
		source: INTERVENTION,
		trigger: 'no_key_action_14_days',
		owner: 'csm', // seed: "CS Specialist llama"
		escalationPath: CSM_TO_CCO,
		steps: [
			{
				action:
					'Call: understand the pain point and offer a walkthrough of a key feature (adoption barrier)',
				channel: 'call',
				timing: 'Immediately', // ours
			},
		],
	},
	{
		id: 'intervention.low_rating',
		name: 'Intervention: low rating (< 4.0)',
		source: INTERVENTION,
		trigger: 'low_rating',
		owner: 'csm', // ours
		escalationPath: CSM_TO_CCO,
		steps: [
			{
				action: 'Offer: $50 credit for the next trip or a commission discount (rebuild trust)',
				channel: 'email', // ours
				template: 'intervention_low_rating_offer', // ours
				timing: 'Immediately', // ours
			},
		],
	},
	{
		id: 'intervention.trial_expiring',
		name: 'Intervention: trial expiring',
		source: INTERVENTION,
		trigger: 'trial_expiring',
		owner: 'head_of_sales', // seed: "Llamada del Head of Sales"
		escalationPath: ['head_of_sales'], // ours
		steps: [
			{
				action:
					'Call from the Head of Sales: offer a 7-day extension or a flexible payment plan (convert the trial)',
				channel: 'call',
				timing: 'Immediately', // ours
			},
		],
	},
	{
		id: 'winback.campaign',
		name: 'Win-back campaign',
		source: WINBACK,
		trigger: 'churned', // ours: the seed's "Post-Churn"
		owner: 'csm', // ours
		escalationPath: CSM_TO_CCO,
		steps: [
			{
				action:
					'Email 1 "We Miss You": ask the reason for cancelling, with a direct link to the churn survey',
				channel: 'email',
				template: 'winback_we_miss_you', // ours
				timing: 'Day 1 (post-churn)',
			},
			{
				action:
					'Email 2 "Here\'s What\'s New": the 3 most important features launched since the cancellation',
				channel: 'email',
				template: 'winback_whats_new', // ours
				timing: 'Day 7',
			},
			{
				action:
					'Email 3 "The Offer": $100 credit to come back or 3 months of the Pro plan at the Basic price',
				channel: 'email',
				template: 'winback_offer', // ours
				timing: 'Day 14',
			},
			{
				action: 'Phone call "Personal Touch": the Head of Sales offers a personalised solution',
				channel: 'call',
				owner: 'head_of_sales', // seed
				timing: 'Day 21',
			},
		],
	},
];
