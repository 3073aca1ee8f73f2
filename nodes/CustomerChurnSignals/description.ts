import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';

import { BUILT_IN_SIGNALS, BUILT_IN_SIGNAL_TYPES, DEFAULT_THRESHOLDS } from '../../src/signals';
import type { Route } from '../shared/adapter/routes';

/** The parameters of Churn Signals: catalogue, thresholds and severities from docs/sources.md#churn-signal-catalogue, docs/sources.md#high-risk-indicators. */

/** The outputs of "One Output per Tier", by urgency. */
export const TIER_ROUTES: readonly Route[] = [
	{ key: 'immediate', name: 'Immediate' },
	{ key: 'urgent', name: 'Urgent' },
	{ key: 'monitor', name: 'Monitor' },
	{ key: 'none', name: 'None' },
];

const SIGNAL_LABELS: Record<(typeof BUILT_IN_SIGNAL_TYPES)[number], string> = {
	no_login_7_days: 'No Login 7 Days',
	no_login_14_days: 'No Login 14 Days',
	usage_drop_50: 'Usage Drop 50%',
	nps_detractor: 'NPS Detractor',
	multiple_support_tickets: 'Multiple Support Tickets',
	failed_payment: 'Failed Payment',
	cancellation_request: 'Cancellation Request',
	competitor_mention: 'Competitor Mention',
	low_rating: 'Low Rating',
	trial_expiring: 'Trial Expiring',
	no_key_action_14_days: 'No Key Action 14 Days',
	low_login_frequency: 'Low Login Frequency',
	short_sessions: 'Short Sessions',
	low_feature_adoption: 'Low Feature Adoption',
};

const SYMBOLS = { gt: '>', gte: '>=', lt: '<', lte: '<=', isTrue: 'is true' } as const;

function ruleText(signal: (typeof BUILT_IN_SIGNALS)[number]): string {
	const condition =
		signal.threshold === null
			? `${signal.field} is true`
			: `${signal.field} ${SYMBOLS[signal.operator as keyof typeof SYMBOLS]} ${signal.threshold}`;
	return `${condition}; ${signal.severity} (${signal.source})`;
}

const signalOptions: INodePropertyOptions[] = BUILT_IN_SIGNALS.map((signal) => ({
	name: SIGNAL_LABELS[signal.type],
	value: signal.type,
	description: ruleText(signal),
})).sort((a, b) => a.name.localeCompare(b.name));

const THRESHOLD_HELP: Partial<
	Record<(typeof BUILT_IN_SIGNAL_TYPES)[number], { name: string; help: string }>
> = {
	no_login_7_days: {
		name: 'No Login 7 Days: More Than (Days)',
		help: 'Raised when days_since_last_login is above this',
	},
	no_login_14_days: {
		name: 'No Login 14 Days: More Than (Days)',
		help: 'Raised when days_since_last_login is above this',
	},
	usage_drop_50: {
		name: 'Usage Drop 50%: Change Below (%)',
		help: 'Raised when usage_change_percent is below this (-50 = dropped more than half)',
	},
	nps_detractor: {
		name: 'NPS Detractor: Score at Most',
		help: 'Raised when nps_score is at or below this',
	},
	multiple_support_tickets: {
		name: 'Multiple Support Tickets: At Least',
		help: 'Raised when open_tickets is at or above this',
	},
	failed_payment: {
		name: 'Failed Payment: More Than',
		help: 'Raised when failed_payments is above this',
	},
	low_rating: { name: 'Low Rating: Below', help: 'Raised when rating (1-5) is below this' },
	trial_expiring: {
		name: 'Trial Expiring: Days Left at Most',
		help: 'Raised when trial_days_remaining is between 0 and this',
	},
	no_key_action_14_days: {
		name: 'No Key Action 14 Days: More Than (Days)',
		help: 'Raised when days_since_key_action is above this',
	},
	low_login_frequency: {
		name: 'Low Login Frequency: Logins per Week Below',
		help: 'Raised when logins_per_week is below this',
	},
	short_sessions: {
		name: 'Short Sessions: Minutes Below',
		help: 'Raised when avg_session_minutes is below this',
	},
	low_feature_adoption: {
		name: 'Low Feature Adoption: Below (0-1)',
		help: 'Raised when feature_adoption (0-1) is below this',
	},
};

const thresholdFields: INodeProperties[] = Object.entries(DEFAULT_THRESHOLDS)
	.map(([type, threshold]): INodeProperties => {
		const label = THRESHOLD_HELP[type as keyof typeof THRESHOLD_HELP] ?? { name: type, help: type };
		return {
			displayName: label.name,
			name: type,
			type: 'number',
			default: threshold,
			typeOptions: { numberPrecision: 2 },
			description: `${label.help}. Default: ${threshold}.`,
		};
	})
	.sort((a, b) => a.displayName.localeCompare(b.displayName));

export const churnSignalsProperties: INodeProperties[] = [
	{
		displayName: 'Signals',
		name: 'signals',
		type: 'multiOptions',
		default: [...BUILT_IN_SIGNAL_TYPES],
		options: signalOptions,
		description:
			'The built-in signals to look for. A signal whose field is missing from the record is not evaluated (listed in churn.notEvaluated), never read as 0.',
	},
	{
		displayName: 'Custom Signals',
		name: 'customSignals',
		type: 'fixedCollection',
		placeholder: 'Add Custom Signal',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Your own signals: a field of the customer record compared with a value',
		options: [
			{
				displayName: 'Signal',
				name: 'signal',
				values: [
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						placeholder: 'e.g. Seats shrank by more than 20%',
						description:
							'Text shown with the signal. Empty: the condition, e.g. "team_size_change < -0.2".',
					},
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'e.g. team_size_change',
						required: true,
						description: 'Field of the customer record (dots for nested fields)',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						default: 'lt',
						options: [
							{ name: '!= (Not Equal)', value: 'notEquals' },
							{ name: '< (Below)', value: 'lt' },
							{ name: '<= (At Most)', value: 'lte' },
							{ name: '= (Equal)', value: 'equals' },
							{ name: '> (Above)', value: 'gt' },
							{ name: '>= (At Least)', value: 'gte' },
							{ name: 'Is False', value: 'isFalse' },
							{ name: 'Is True', value: 'isTrue' },
						],
						description: 'How the field is compared with the value',
					},
					{
						displayName: 'Severity',
						name: 'severity',
						type: 'options',
						default: 'medium',
						options: [
							{ name: 'High', value: 'high' },
							{ name: 'Low', value: 'low' },
							{ name: 'Medium', value: 'medium' },
						],
						description: 'Severity reported with the signal',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'string',
						default: '',
						placeholder: 'e.g. seat_contraction',
						required: true,
						description:
							'Name of the signal in the output, unique and not a built-in name: letters, digits, underscores, dashes, dots and colons only',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. -0.2',
						description:
							'The value to compare with: a number for Below, At Most, Above and At Least; a number or text for Equal and Not Equal',
						displayOptions: { hide: { operator: ['isTrue', 'isFalse'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Customer Record Path',
		name: 'customerPath',
		type: 'string',
		default: '',
		placeholder: 'e.g. customer',
		description:
			'Where the customer record is inside each item, with dots for nesting. Leave empty when the fields (days_since_last_login, nps_score, …) are at the top level.',
	},
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		noDataExpression: true,
		default: 'single',
		options: [
			{
				name: 'Single Output',
				value: 'single',
				description: 'Every customer leaves by one output',
			},
			{
				name: 'One Output per Tier',
				value: 'byTier',
				description:
					'Immediate, Urgent, Monitor and None (the intervention tiers), so a flow branches without an If node',
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
				displayName: 'Cooldown (Days)',
				name: 'cooldownDays',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, maxValue: 366, numberPrecision: 0 },
				description:
					'Do not raise the same signal for the same customer again within this many days (0 = off). Needs customer_id. Kept in n8n’s database, so it holds across executions and queue-mode workers, also when they run at the same moment; a cooled-down signal is listed in churn.suppressed. Changing this number starts every cooldown afresh.',
			},
			{
				displayName: 'Reference Time',
				name: 'referenceTime',
				type: 'dateTime',
				default: '',
				description:
					'The moment "days since last login" and other dates, snoozes and the cooldown are measured against. Empty means now; set it for reproducible runs.',
			},
			{
				displayName: 'Thresholds',
				name: 'thresholds',
				type: 'fixedCollection',
				default: {},
				description: 'Thresholds of the built-in signals; each default is the catalogue’s',
				options: [{ displayName: 'Thresholds', name: 'values', values: thresholdFields }],
			},
			{
				displayName: 'Time Zone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Madrid',
				description:
					'Time zone for counting calendar days when a record has no "timezone" field. Empty means the workflow’s time zone.',
			},
		],
	},
];
