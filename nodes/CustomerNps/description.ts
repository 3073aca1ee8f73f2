import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_LAST_SURVEY_FIELD,
	DEFAULT_MIN_DAYS_BETWEEN_SURVEYS,
	DEFAULT_MINIMUM_SAMPLE,
	DEFAULT_RESPONSE_TIME_FIELD,
	DEFAULT_SCORE_FIELD,
} from '../../src/nps';
import type { Route } from '../shared/adapter/routes';

/** The parameters of NPS: docs/sources.md#nps NPS Program, docs/sources.md#nps-follow-up-by-segment, docs/sources.md#rules-kept-exactly NPS rules. */

export const CLASSIFY = 'classify';
export const AGGREGATE = 'aggregate';
export const THROTTLE = 'throttle';

/** The outputs of "One Output per Segment" (Classify) and of Survey Throttle. */
export const SEGMENT_ROUTES: readonly Route[] = [
	{ key: 'promoter', name: 'Promoters' },
	{ key: 'passive', name: 'Passives' },
	{ key: 'detractor', name: 'Detractors' },
];
export const THROTTLE_ROUTES: readonly Route[] = [
	{ key: 'eligible', name: 'Eligible' },
	{ key: 'recentlySurveyed', name: 'Recently Surveyed' },
];

export const npsProperties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		default: CLASSIFY,
		options: [
			{
				name: 'Aggregate NPS',
				value: AGGREGATE,
				description:
					'One item for the whole batch: NPS, counts and percentages per segment, response rate, small-sample warning and a 95% confidence interval',
				action: 'Aggregate NPS over all items',
			},
			{
				name: 'Classify Responses',
				value: CLASSIFY,
				description:
					'Per response: promoter (9-10), passive (7-8) or detractor (0-6), with the follow-up actions and their due times',
				action: 'Classify each NPS response',
			},
			{
				name: 'Survey Throttle',
				value: THROTTLE,
				description:
					'Pass only the customers not surveyed within the last N days; the others leave by a second output with the date they become eligible',
				action: 'Throttle NPS surveys',
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
			'Where the customer record is inside each item, with dots for nesting. Leave empty when the fields (nps_score, timezone, …) are at the top level.',
	},
	{
		displayName: 'Score Field',
		name: 'scoreField',
		type: 'string',
		default: DEFAULT_SCORE_FIELD,
		placeholder: 'e.g. nps_score',
		description:
			'Field of the customer record with the 0-10 answer (dots for nesting). A score that is not a whole number from 0 to 10 fails the item.',
		displayOptions: { show: { mode: [CLASSIFY, AGGREGATE] } },
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
				description: 'Every classified response leaves by one output',
			},
			{
				name: 'One Output per Segment',
				value: 'bySegment',
				description: 'Promoters, Passives and Detractors, so a flow branches without an If node',
			},
		],
		displayOptions: { show: { mode: [CLASSIFY] } },
	},
	{
		displayName: 'Minimum Days Between Surveys',
		name: 'minDaysBetweenSurveys',
		type: 'number',
		default: DEFAULT_MIN_DAYS_BETWEEN_SURVEYS,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description:
			'A customer surveyed fewer than this many calendar days ago (in their time zone) is not surveyed again. Default: once per quarter, 90.',
		displayOptions: { show: { mode: [THROTTLE] } },
	},
	{
		displayName: 'Last Survey Field',
		name: 'lastSurveyField',
		type: 'string',
		default: DEFAULT_LAST_SURVEY_FIELD,
		placeholder: 'e.g. last_nps_survey_at',
		description:
			'Field of the customer record with when the last NPS survey was sent (ISO 8601). Absent means never surveyed, unless days_since_last_nps_survey is set.',
		displayOptions: { show: { mode: [THROTTLE] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Minimum Sample Size',
				name: 'minimumSample',
				type: 'number',
				default: DEFAULT_MINIMUM_SAMPLE,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description:
					'Fewer responses than this add a sampleWarning to the result (never report an NPS with n < 30 unflagged)',
				displayOptions: { show: { '/mode': [AGGREGATE] } },
			},
			{
				displayName: 'Reference Time',
				name: 'referenceTime',
				type: 'dateTime',
				default: '',
				description:
					'The moment used as "now": due times of responses without a response time, and days since the last survey. Empty means now; set it for reproducible runs.',
				displayOptions: { show: { '/mode': [CLASSIFY, THROTTLE] } },
			},
			{
				displayName: 'Response Time Field',
				name: 'responseTimeField',
				type: 'string',
				default: DEFAULT_RESPONSE_TIME_FIELD,
				description:
					'Field of the customer record with when the customer answered (ISO 8601). Follow-up due times count from it; without it, from the reference time.',
				displayOptions: { show: { '/mode': [CLASSIFY] } },
			},
			{
				displayName: 'Skip Items Without a Score',
				name: 'skipMissingScore',
				type: 'boolean',
				default: false,
				description:
					'Whether an item whose score field is empty counts as not answered (reported in "unanswered") instead of failing',
				displayOptions: { show: { '/mode': [AGGREGATE] } },
			},
			{
				displayName: 'Surveys Sent',
				name: 'surveysSent',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description:
					'How many surveys were sent in the period, for the response rate. 0 means unknown (no response rate).',
				displayOptions: { show: { '/mode': [AGGREGATE] } },
			},
			{
				displayName: 'Time Zone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Madrid',
				description:
					'Time zone for due times and calendar days when a record has no "timezone" field. Empty means the workflow’s time zone.',
				displayOptions: { show: { '/mode': [CLASSIFY, THROTTLE] } },
			},
		],
	},
];
