import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MIN_COVERAGE } from '../../src/engagement';
import type { Route } from '../shared/adapter/routes';

/** The parameters of Engagement Score: docs/sources.md#engagement-score (seed 002 §6), kept exactly. */

export const SCORE = 'score';
export const PORTFOLIO = 'portfolio';

/** The outputs of "One Output per Level", in order. */
export const LEVEL_ROUTES: readonly Route[] = [
	{ key: 'high', name: 'High' },
	{ key: 'medium', name: 'Medium' },
	{ key: 'low', name: 'Low' },
	{ key: 'insufficient_data', name: 'Insufficient Data' },
];

export const engagementScoreProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: SCORE,
		options: [
			{
				name: 'Portfolio Summary',
				value: PORTFOLIO,
				description:
					'One item for the whole batch: per CSM, how many customers are high, medium and low, the low ones as at risk, and the average score',
				action: 'Summarise engagement per CSM',
			},
			{
				name: 'Score Each Customer',
				value: SCORE,
				description:
					'Per customer: the 0-100 engagement score, its level (high from 70, medium from 40), what each metric contributed and the change against last month',
				action: 'Score the engagement of each customer',
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
			'Where the customer record is inside each item, with dots for nesting. Leave empty when the fields (logins_this_month, active_users, …) are at the top level.',
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
				description: 'Every scored customer leaves by one output',
			},
			{
				name: 'One Output per Level',
				value: 'byLevel',
				description:
					'High, Medium, Low and Insufficient Data, so a flow branches without an If node',
			},
		],
		displayOptions: { show: { operation: [SCORE] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Minimum Coverage',
				name: 'minCoverage',
				type: 'number',
				default: DEFAULT_MIN_COVERAGE,
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				description:
					'Share of the weight whose metrics must have data (0-1). Below it the customer has no score and level insufficient_data, instead of a misleading number.',
			},
			{
				displayName: 'Missing Data',
				name: 'missingData',
				type: 'options',
				default: 'reweight',
				options: [
					{
						name: 'Leave Out and Re-Weight',
						value: 'reweight',
						description:
							'A missing metric is left out and the metrics with data carry the whole weight',
					},
					{
						name: 'Treat as Zero',
						value: 'zero',
						description: 'A missing metric scores 0, as the original formula computes it',
					},
					{
						name: 'Fail the Item',
						value: 'fail',
						description: 'A missing metric is an error that names the fields',
					},
				],
			},
		],
	},
];
