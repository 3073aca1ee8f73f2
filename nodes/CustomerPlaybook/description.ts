import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { BUILT_IN_PLAYBOOKS, WEEKDAYS } from '../../src/playbooks';
import type { Route } from '../shared/adapter/routes';

/** The parameters of CS Playbook: built-in playbooks of docs/sources.md#save-playbooks, docs/sources.md#cs-workflows, docs/sources.md#intervention-playbook, docs/sources.md#winback-campaign. */

/** Playbook choices that read the id per item (and so may find none: the "No Playbook" output). */
export const FROM_FIELD = 'fromField';
export const BY_ID = 'byId';
export const DEFAULT_PLAYBOOK_FIELD = 'churn.playbook';

/** The outputs when the playbook is read per item: it may be missing (churn.playbook is null without a signal). */
export const PLAYBOOK_ROUTES: readonly Route[] = [
	{ key: 'playbook', name: 'Playbook' },
	{ key: 'noPlaybook', name: 'No Playbook' },
];

export const PLAYBOOK_LABELS: Record<string, string> = {
	'save.no_login_7_days': 'Save Playbook: No Login 7+ Days',
	'save.no_login_14_days': 'Save Playbook: No Login 14+ Days',
	'save.nps_detractor': 'Save Playbook: NPS Detractor',
	'save.cancellation_request': 'Save Playbook: Cancellation Request',
	'onboarding.welcome_sequence': 'Workflow: Onboarding Welcome Sequence',
	'onboarding.stalled_onboarding': 'Workflow: Stalled Onboarding',
	'engagement.low_usage_alert': 'Workflow: Low Usage Alert',
	'engagement.no_login_7_days': 'Workflow: No Login 7 Days',
	'renewal.renewal_90_days': 'Workflow: Renewal in 90 Days',
	'renewal.renewal_60_days': 'Workflow: Renewal in 60 Days',
	'renewal.renewal_30_days': 'Workflow: Renewal in 30 Days',
	'nps.nps_survey': 'Workflow: NPS Survey',
	'nps.nps_detractor': 'Workflow: NPS Detractor',
	'nps.nps_promoter': 'Workflow: NPS Promoter',
	'expansion.expansion_opportunity': 'Workflow: Expansion Opportunity',
	'expansion.approaching_limits': 'Workflow: Approaching Limits',
	'at_risk.health_score_drop': 'Workflow: Health Score Drop',
	'at_risk.cancellation_request': 'Workflow: Cancellation Request',
	'intervention.no_login_7_days': 'Intervention: No Login 7 Days',
	'intervention.no_key_action_14_days': 'Intervention: No Key Action 14 Days',
	'intervention.low_rating': 'Intervention: Low Rating',
	'intervention.trial_expiring': 'Intervention: Trial Expiring',
	'winback.campaign': 'Win-Back Campaign',
};

const builtInOptions: INodePropertyOptions[] = BUILT_IN_PLAYBOOKS.map((playbook) => ({
	name: PLAYBOOK_LABELS[playbook.id] ?? playbook.id,
	value: playbook.id,
	description: `${playbook.id} (${playbook.source}): ${playbook.steps
		.map((step) => `${step.action} [${step.timing === 0 ? 'at once' : step.timing}]`)
		.join('; ')}`,
}));

const playbookOptions: INodePropertyOptions[] = [
	{
		name: 'By ID (Expression or Custom Playbook)',
		value: BY_ID,
		description: 'A playbook ID typed or computed per item, e.g. one of your custom playbooks',
	},
	{
		name: 'From Item Field (Churn Signals)',
		value: FROM_FIELD,
		description:
			'The ID in a field of each item: by default churn.playbook, the save playbook Churn Signals recommends',
	},
	...builtInOptions,
].sort((a, b) => a.name.localeCompare(b.name));

const LABEL_OF_DAY: Record<(typeof WEEKDAYS)[number], string> = {
	monday: 'Monday',
	tuesday: 'Tuesday',
	wednesday: 'Wednesday',
	thursday: 'Thursday',
	friday: 'Friday',
	saturday: 'Saturday',
	sunday: 'Sunday',
};

const dayOptions: INodePropertyOptions[] = WEEKDAYS.map((day) => ({
	name: LABEL_OF_DAY[day],
	value: day,
})).sort((a, b) => a.name.localeCompare(b.name));

const CUSTOM_PLAYBOOKS_EXAMPLE = `[
  {
    "id": "custom.trial_rescue",
    "name": "Trial rescue",
    "owner": "csm",
    "timeline": "3 days",
    "escalationPath": ["csm", "cs_manager"],
    "steps": [
      { "action": "Send trial tips email", "channel": "email", "template": "trial_tips", "timing": "Immediately" },
      { "action": "Check-in call", "channel": "call", "timing": "If no response in 48h" },
      { "action": "Offer extension", "channel": "email", "timing": "3 days", "condition": "still_inactive" }
    ]
  }
]`;

export const playbookProperties: INodeProperties[] = [
	{
		displayName: 'Playbook',
		name: 'playbook',
		type: 'options',
		noDataExpression: true,
		default: FROM_FIELD,
		description:
			'Which playbook to plan for each customer. "From Item Field" follows Churn Signals’ recommendation; items with none leave by the No Playbook output.',
		options: playbookOptions,
	},
	{
		displayName: 'Playbook Field',
		name: 'playbookField',
		type: 'string',
		default: DEFAULT_PLAYBOOK_FIELD,
		placeholder: 'e.g. churn.playbook',
		description:
			'Field of each item holding the playbook ID, with dots for nesting. Churn Signals writes churn.playbook (null when no signal has a playbook).',
		displayOptions: { show: { playbook: [FROM_FIELD] } },
	},
	{
		displayName: 'Playbook ID',
		name: 'playbookId',
		type: 'string',
		default: '',
		placeholder: 'e.g. save.no_login_7_days',
		description:
			'A built-in ID (save.no_login_7_days, onboarding.welcome_sequence, winback.campaign, …) or the ID of a playbook in Options > Custom Playbooks. Empty sends the item to No Playbook.',
		displayOptions: { show: { playbook: [BY_ID] } },
	},
	{
		displayName: 'Customer Record Path',
		name: 'customerPath',
		type: 'string',
		default: '',
		placeholder: 'e.g. customer',
		description:
			'Where the customer record (with its timezone) is inside each item, with dots for nesting. Leave empty when the fields are at the top level.',
	},
	{
		displayName: 'Business Hours',
		name: 'businessHours',
		type: 'options',
		default: 'none',
		description:
			'Send windows in the customer’s time zone. A step due outside them moves to the next opening, and the steps after it move by the same amount.',
		options: [
			{ name: 'Any Time', value: 'none', description: 'Due times are not moved' },
			{ name: 'Custom Windows', value: 'custom', description: 'The windows below' },
			{
				name: 'Weekdays 9:00-17:00',
				value: 'weekdays_9_17',
				description: 'Monday to Friday, 09:00 to 17:00',
			},
		],
	},
	{
		displayName: 'Business Hours Windows',
		name: 'businessHoursWindows',
		type: 'fixedCollection',
		placeholder: 'Add Window',
		typeOptions: { multipleValues: true },
		default: {},
		description:
			'One row per window: the days it applies to and its opening and closing time (HH:mm, 24-hour clock)',
		displayOptions: { show: { businessHours: ['custom'] } },
		options: [
			{
				displayName: 'Window',
				name: 'window',
				values: [
					{
						displayName: 'Days',
						name: 'days',
						type: 'multiOptions',
						default: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
						options: dayOptions,
						description: 'Weekdays this window applies to',
					},
					{
						displayName: 'End',
						name: 'end',
						type: 'string',
						default: '17:00',
						placeholder: 'e.g. 17:00',
						description:
							'Closing time, HH:mm (not included: a step due at 17:00 moves); 24:00 for midnight',
					},
					{
						displayName: 'Start',
						name: 'start',
						type: 'string',
						default: '09:00',
						placeholder: 'e.g. 09:00',
						description: 'Opening time, HH:mm; a moved step is due at this time',
					},
				],
			},
		],
	},
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		noDataExpression: true,
		default: 'perStep',
		options: [
			{
				name: 'One Item per Customer (All Steps)',
				value: 'allSteps',
				description:
					'Each customer once, with playbook.steps holding every step: for storing the plan in a CRM or table',
			},
			{
				name: 'One Item per Step',
				value: 'perStep',
				description:
					'Each step its own item with playbook.step, so a Wait node (until playbook.step.dueAt) and a Switch on its channel act on it',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Custom Playbooks (JSON)',
				name: 'customPlaybooks',
				type: 'json',
				default: CUSTOM_PLAYBOOKS_EXAMPLE,
				description:
					'Your own playbooks: one object or an array of them, each with its ID, owner, timeline, escalationPath and steps (action, channel, template, timing, condition). A custom playbook with a built-in ID replaces it. See the README for the timing texts.',
			},
			{
				displayName: 'Start Time',
				name: 'referenceTime',
				type: 'dateTime',
				default: '',
				description:
					'When the playbook starts: every due time counts from here. Empty means now. A time without an offset is read in the customer’s time zone. Use an expression to start from an event of the item, such as its cancellation date.',
			},
			{
				displayName: 'Time Zone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Madrid',
				description:
					'Time zone of due times and business hours when a record has no "timezone" field. Empty means the workflow’s time zone.',
			},
		],
	},
];
