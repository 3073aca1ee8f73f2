import type { INodeProperties } from 'n8n-workflow';

import type { Route } from '../shared/adapter/routes';

/** The parameters of Customer Health Score, defaults from docs/sources.md#health-default-weights, docs/sources.md#email-platform-guide (docs/sources.md#rules-kept-exactly). */

/** The outputs of "One Output per Category", in order (the SaaS retention strategy's churned band leaves by Critical). */
export const CATEGORY_ROUTES: readonly Route[] = [
	{ key: 'healthy', name: 'Healthy' },
	{ key: 'at_risk', name: 'At Risk' },
	{ key: 'critical', name: 'Critical' },
	{ key: 'insufficient_data', name: 'Insufficient Data' },
];

export const healthScoreProperties: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		default: 'default',
		description: 'How the 0-100 score is computed',
		options: [
			{
				name: 'Banded Points (100-Point Tables)',
				value: 'seed001_banded',
				description:
					'Point tables for engagement (30), results (40) and relationship (30) that add up to the score',
			},
			{
				name: 'Custom (Build Here)',
				value: 'customUi',
				description: 'Components and metrics defined in the tables below',
			},
			{ name: 'Custom (JSON)', value: 'customJson', description: 'A whole model pasted as JSON' },
			{
				name: 'Default (Standard Weighted Model)',
				value: 'default',
				description:
					'Product usage 30%, engagement 25%, support, relationship and financial 15% each; inverse metrics fixed',
			},
			{
				name: 'Five Components with Churned Band',
				value: 'seed003',
				description:
					'Usage intensity, feature adoption, support, payment history, engagement; adds a churned band below 40',
			},
			{
				name: 'Four Components (Usage, Adoption, Performance, NPS)',
				value: 'seed004',
				description: 'Usage 30%, adoption 25%, performance 25%, satisfaction (NPS) 20%',
			},
		],
	},
	{
		displayName: 'Components',
		name: 'components',
		type: 'fixedCollection',
		placeholder: 'Add Component',
		typeOptions: { multipleValues: true },
		default: {},
		description:
			'The parts of the score and their weights (weights are normalised, so 30/25/45 works)',
		displayOptions: { show: { model: ['customUi'] } },
		options: [
			{
				displayName: 'Component',
				name: 'component',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. Product Usage',
						required: true,
						description: 'Name of the component',
					},
					{
						displayName: 'Weight',
						name: 'weight',
						type: 'number',
						default: 1,
						typeOptions: { minValue: 0, numberPrecision: 4 },
						description: 'Relative weight of the component',
					},
				],
			},
		],
	},
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'fixedCollection',
		placeholder: 'Add Metric',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Each metric belongs to a component by name and is scored 0-100',
		displayOptions: { show: { model: ['customUi'] } },
		options: [
			{
				displayName: 'Metric',
				name: 'metric',
				values: [
					{
						displayName: 'Component',
						name: 'component',
						type: 'string',
						default: '',
						placeholder: 'e.g. Product Usage',
						required: true,
						description: 'Name of the component this metric belongs to',
					},
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						default: 'higher',
						options: [
							{
								name: 'Higher Is Better',
								value: 'higher',
								description: '100 at or above the ideal, proportional below',
							},
							{
								name: 'Lower Is Better',
								value: 'lower',
								description: '100 at or below the ideal, 0 at or beyond the worst, linear between',
							},
						],
					},
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'e.g. logins_per_week',
						required: true,
						description: 'Field of the customer record (dots for nested fields)',
					},
					{
						displayName: 'Ideal',
						name: 'ideal',
						type: 'number',
						default: 1,
						description: 'The value that earns the full score',
					},
					{
						displayName: 'Weight',
						name: 'weight',
						type: 'number',
						default: 1,
						description: 'Relative weight inside its component',
					},
					{
						displayName: 'Worst',
						name: 'worst',
						type: 'number',
						default: 30,
						description: 'For lower-is-better metrics:	the value that earns 0',
					},
				],
			},
		],
	},
	{
		displayName: 'Model (JSON)',
		name: 'modelJson',
		type: 'json',
		default:
			'{\n  "components": [\n    {\n      "key": "usage", "name": "Usage", "weight": 0.6,\n      "metrics": [\n        { "key": "logins_per_week", "type": "higher", "ideal": 5, "weight": 1 },\n        { "key": "days_since_last_login", "type": "lower", "ideal": 1, "worst": 30, "weight": 1 }\n      ]\n    },\n    {\n      "key": "support", "name": "Support", "weight": 0.4,\n      "metrics": [ { "key": "avg_csat", "type": "higher", "ideal": 5, "weight": 1 } ]\n    }\n  ]\n}',
		description:
			'A model with components and metrics of type "higher" (ideal), "lower" (ideal, worst) or "bands" (gte/gt/equals with points). See the README for the full schema.',
		displayOptions: { show: { model: ['customJson'] } },
	},
	{
		displayName: 'Customer Record Path',
		name: 'customerPath',
		type: 'string',
		default: '',
		placeholder: 'e.g. customer',
		description:
			'Where the customer record is inside each item, with dots for nesting. Leave empty when the fields (dau_mau_ratio, nps_score, …) are at the top level.',
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
				name: 'One Output per Category',
				value: 'byCategory',
				description:
					'Healthy, At Risk, Critical (also the five-component model’s churned band) and Insufficient Data, so a flow branches without an If node',
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
				displayName: 'Category Thresholds',
				name: 'categoryThresholds',
				type: 'fixedCollection',
				default: {},
				description: 'Minimum score of each category (standard: healthy 80, at risk 60)',
				options: [
					{
						displayName: 'Thresholds',
						name: 'values',
						values: [
							{
								displayName: 'Healthy From',
								name: 'healthy',
								type: 'number',
								default: 80,
								description: 'Minimum score of the healthy category',
							},
							{
								displayName: 'At Risk From',
								name: 'at_risk',
								type: 'number',
								default: 60,
								description: 'Minimum score of the at-risk category',
							},
							{
								displayName: 'Critical From (Five-Component Model Only)',
								name: 'critical',
								type: 'number',
								default: 40,
								description:
									'Minimum score of the critical category when the model has a churned band below it',
							},
						],
					},
				],
			},
			{
				displayName: 'Grade Thresholds',
				name: 'gradeThresholds',
				type: 'fixedCollection',
				default: {},
				description: 'Minimum score of each grade (standard: A 80, B 60, C 40, D 20, else F)',
				options: [
					{
						displayName: 'Thresholds',
						name: 'values',
						values: [
							{
								displayName: 'A From',
								name: 'A',
								type: 'number',
								default: 80,
								description: 'Minimum score of grade A',
							},
							{
								displayName: 'B From',
								name: 'B',
								type: 'number',
								default: 60,
								description: 'Minimum score of grade B',
							},
							{
								displayName: 'C From',
								name: 'C',
								type: 'number',
								default: 40,
								description: 'Minimum score of grade C',
							},
							{
								displayName: 'D From',
								name: 'D',
								type: 'number',
								default: 20,
								description: 'Minimum score of grade D',
							},
						],
					},
				],
			},
			{
				displayName: 'Minimum Coverage',
				name: 'minCoverage',
				type: 'number',
				default: 0.5,
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				description:
					'Share of the model’s weight that must have data (0-1). Below it the customer is category insufficient_data with no score, instead of a misleading number.',
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
							'A missing or non-numeric metric is left out and the rest of its component carries its weight',
					},
					{
						name: 'Treat as Zero (Unfixed Original)',
						value: 'zero',
						description:
							'The original formula’s behaviour: a missing metric counts as 0 (a missing login gap then scores 100)',
					},
					{
						name: 'Fail the Item',
						value: 'fail',
						description: 'A missing metric is an error that names the fields',
					},
				],
			},
			{
				displayName: 'Output Detail',
				name: 'outputDetail',
				type: 'options',
				default: 'full',
				options: [
					{
						name: 'Full Breakdown',
						value: 'full',
						description:
							'Every component with every metric: value, normalised score, points earned and lost',
					},
					{
						name: 'Summary',
						value: 'summary',
						description:
							'Score, grade, category, trend, coverage, alerts, drivers, risk factors and opportunities, without the component and metric breakdown: lighter on memory and faster downstream for large runs',
					},
				],
				description: 'How much of the scoring each item carries in health',
			},
			{
				displayName: 'Previous Score Field',
				name: 'previousScoreField',
				type: 'string',
				default: 'previous_health_score',
				description:
					'Field of the customer record holding the last score, for trend and drop alerts',
			},
			{
				displayName: 'Reference Time',
				name: 'referenceTime',
				type: 'dateTime',
				default: '',
				description:
					'The moment "days since last login" and other dates are measured against. Empty means now; set it for reproducible runs.',
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
