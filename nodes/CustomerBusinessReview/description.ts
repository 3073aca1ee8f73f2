import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_SUCCESS_PLAN_FIELD } from '../../src/reviews';

/** The parameters of Business Review: which review, its language, where the success plan is, and the shared options. */

export const businessReviewProperties: INodeProperties[] = [
	{
		displayName: 'Review',
		name: 'reviewKind',
		type: 'options',
		default: 'monthly',
		description: 'Which review to build for each customer',
		options: [
			{
				name: 'Monthly Results',
				value: 'monthly',
				description:
					'The monthly business review of the last complete month: results, value, usage, support, success plan and next steps',
			},
			{
				name: 'Quarterly Business Review',
				value: 'quarterly',
				description:
					'The QBR of the last complete quarter: executive summary, value delivered, product usage, support review, success plan review, next quarter planning, open discussion',
			},
		],
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		default: 'en',
		description:
			'Language of the review when the record’s locale is absent or has no translation (es-MX → es → this)',
		options: [
			{ name: 'English', value: 'en' },
			{ name: 'Spanish', value: 'es' },
		],
	},
	{
		displayName: 'Success Plan Field',
		name: 'successPlanField',
		type: 'string',
		default: DEFAULT_SUCCESS_PLAN_FIELD,
		placeholder: 'e.g. success_plan',
		description:
			'Field of the customer record holding the success plan: { "start_date": "2026-01-01", "goals": [{ "name", "baseline", "target", "current", "deadline" }] }, as an object or JSON text. Without one the review says there are no goals yet.',
	},
	{
		displayName: 'Customer Record Path',
		name: 'customerPath',
		type: 'string',
		default: '',
		placeholder: 'e.g. customer',
		description:
			'Where the customer record is inside each item, with dots for nesting. Leave empty when the fields (first_name, active_users, success_plan, …) are at the top level. health, churn and expansion are always read from the top level.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Calendar Link',
				name: 'calendarLink',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://cal.example.com/your-csm',
				description:
					'A booking page for the call the review ends with. Empty means the record’s calendar_link, if any.',
			},
			{
				displayName: 'Reference Time',
				name: 'referenceTime',
				type: 'dateTime',
				default: '',
				description:
					'The moment the review is made at: it covers the last complete month or quarter before it, and goals are measured against their deadlines on that day. Empty means now; set it for reproducible runs.',
			},
			{
				displayName: 'Time Zone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Madrid',
				description:
					'Time zone of the calendar (periods, deadline days) when a record has no "timezone" field. Empty means the workflow’s time zone.',
			},
		],
	},
];
