import type { INodeProperties } from 'n8n-workflow';

import type { Route } from '../shared/adapter/routes';

/** The parameters of Expansion Signals; defaults from docs/sources.md#expansion-signals, docs/sources.md#expansion-add-ons (docs/sources.md#rules-kept-exactly). */

/** The outputs of "Opportunity / No Opportunity". */
export const OPPORTUNITY_ROUTES: readonly Route[] = [
	{ key: 'opportunity', name: 'Opportunity' },
	{ key: 'noOpportunity', name: 'No Opportunity' },
];

export const expansionSignalsProperties: INodeProperties[] = [
	{
		displayName: 'Customer Record Path',
		name: 'customerPath',
		type: 'string',
		default: '',
		placeholder: 'e.g. customer',
		description:
			'Where the customer record is inside each item, with dots for nesting. Leave empty when the fields (usage_vs_limit, team_size_change, …) are at the top level.',
	},
	{
		displayName: 'Add-on Triggers (Pro Plan, API, White-Label, Support)',
		name: 'addOnTriggers',
		type: 'boolean',
		default: false,
		description:
			'Whether to also detect the add-on triggers: analytics dashboard used more than 3 times a week (Pro Plan), integration requested (API Access), branding mentioned (White-Label), large event scheduled (Premium Support). They add opportunities, not probability.',
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
				name: 'Opportunity / No Opportunity',
				value: 'byOpportunity',
				description:
					'Customers with at least one opportunity leave by the first output, the others by the second',
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
				displayName: 'Add-on Prices',
				name: 'addOnPrices',
				type: 'fixedCollection',
				default: {},
				description: 'Monthly price of each add-on, its estimated value when its trigger fires',
				options: [
					{
						displayName: 'Prices',
						name: 'values',
						values: [
							{
								displayName: 'API Access',
								name: 'apiAccess',
								type: 'number',
								default: 200,
								typeOptions: { minValue: 0 },
								description: 'Monthly price of API Access (integration requested)',
							},
							{
								displayName: 'Premium Support',
								name: 'premiumSupport',
								type: 'number',
								default: 100,
								typeOptions: { minValue: 0 },
								description: 'Monthly price of Premium Support (large event scheduled)',
							},
							{
								displayName: 'Pro Plan',
								name: 'proPlan',
								type: 'number',
								default: 499,
								typeOptions: { minValue: 0 },
								description: 'Monthly price of the Pro Plan (heavy analytics use)',
							},
							{
								displayName: 'White-Label',
								name: 'whiteLabel',
								type: 'number',
								default: 500,
								typeOptions: { minValue: 0 },
								description: 'Monthly price of White-Label (branding mentioned)',
							},
						],
					},
				],
			},
			{
				displayName: 'Feature Add-on Price',
				name: 'featureAddOnPrice',
				type: 'number',
				default: 50,
				typeOptions: { minValue: 0 },
				description: 'Value of each blocked feature in blocked_features (default 50)',
			},
			{
				displayName: 'Limit Forecast Horizon (Days)',
				name: 'forecastHorizonDays',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 0 },
				description:
					'Raise approaching_limit early when usage_vs_limit_history or usage_growth_per_month projects the plan limit within this many days',
			},
			{
				displayName: 'Plan Ladder',
				name: 'planLadder',
				type: 'string',
				default: 'starter, growth, pro, enterprise',
				description:
					'Plans from lowest to highest, comma-separated; an upsell offers the plan after the customer’s',
			},
			{
				displayName: 'Reference Time',
				name: 'referenceTime',
				type: 'dateTime',
				default: '',
				description:
					'The moment days to renewal and the limit forecast are measured from. Empty means now; set it for reproducible runs.',
			},
			{
				displayName: 'Signal Thresholds',
				name: 'thresholds',
				type: 'fixedCollection',
				default: {},
				description: 'When each signal fires (standard defaults)',
				options: [
					{
						displayName: 'Thresholds',
						name: 'values',
						values: [
							{
								displayName: 'Analytics Views per Week Above',
								name: 'analyticsViewsPerWeek',
								type: 'number',
								default: 3,
								description:
									'The Pro Plan add-on trigger fires when analytics_views_per_week is above this',
							},
							{
								displayName: 'Blocked Feature Attempts Above',
								name: 'blockedFeatureAttempts',
								type: 'number',
								default: 3,
								description:
									'The feature_attempts signal fires when blocked_feature_attempts is above this',
							},
							{
								displayName: 'Days to Renewal at Most',
								name: 'daysToRenewal',
								type: 'number',
								default: 60,
								description:
									'The renewal_approaching signal fires when days_to_renewal (or renewal_date) is at most this many days away',
							},
							{
								displayName: 'Engagement Score Above',
								name: 'engagementScore',
								type: 'number',
								default: 80,
								description:
									'The high_engagement signal fires when health.score (or engagement_score) is above this',
							},
							{
								displayName: 'NPS Score at Least',
								name: 'npsScore',
								type: 'number',
								default: 9,
								description: 'The nps_promoter signal fires when nps_score is at or above this',
							},
							{
								displayName: 'Team Size Change Above',
								name: 'teamSizeChange',
								type: 'number',
								default: 0.2,
								typeOptions: { numberPrecision: 4 },
								description:
									'The team_growth signal fires when team_size_change is above this (0.2 = +20 %)',
							},
							{
								displayName: 'Usage vs Limit Above',
								name: 'usageVsLimit',
								type: 'number',
								default: 0.8,
								typeOptions: { numberPrecision: 4 },
								description:
									'The approaching_limit signal fires when usage_vs_limit is above this (0.8 = 80 % of the plan limit)',
							},
						],
					},
				],
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
			{
				displayName: 'Upsell Share of MRR',
				name: 'upsellShareOfMrr',
				type: 'number',
				default: 0.5,
				typeOptions: { minValue: 0, numberPrecision: 4 },
				description:
					'Estimated value of a plan upgrade as a share of the current MRR (default 0.5 = +50 %)',
			},
		],
	},
];
