import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_FIRST_VALUE_HOURS,
	DEFAULT_STALLED_AFTER_DAYS,
	type OnboardingStatus,
} from '../../src/onboarding';
import type { Route } from '../shared/adapter/routes';

/** The parameters of Onboarding Progress: the onboarding programmes, stalled onboarding and the 48-hour first-value check. */

export type ProgramChoice = 'bySegment' | 'selfServe' | 'midMarket' | 'customJson';

const STATUS_NAMES: Record<OnboardingStatus, string> = {
	not_started: 'Not Started',
	in_progress: 'In Progress',
	stalled: 'Stalled',
	completed: 'Completed',
};

/** The outputs of "One Output per Status", in the order an onboarding goes through them. */
export const STATUS_ROUTES: readonly Route[] = (
	['not_started', 'in_progress', 'stalled', 'completed'] as const
).map((status) => ({ key: status, name: STATUS_NAMES[status] }));

const EXAMPLE_PROGRAM = `{
  "id": "trial-quick-start",
  "name": "Trial Quick Start",
  "duration": 14,
  "steps": [
    { "id": "profile", "name": "Complete your profile", "required": true, "completionCriteria": "profile_completed" },
    { "id": "first_booking", "name": "Make your first booking", "required": true, "completionCriteria": "booking_created" },
    { "id": "invite_team", "name": "Invite your team", "required": false }
  ],
  "milestones": [
    { "id": "first_value", "name": "First value", "targetDay": 2, "criteria": ["booking_created"], "celebration": "Your first booking is in!" },
    { "id": "done", "name": "Fully onboarded", "targetDay": 14, "criteria": ["all_required_steps_completed"] }
  ]
}`;

export const onboardingProgressProperties: INodeProperties[] = [
	{
		displayName: 'Program',
		name: 'program',
		type: 'options',
		noDataExpression: true,
		default: 'bySegment',
		description: 'Which onboarding program each customer follows',
		options: [
			{
				name: 'By Segment',
				value: 'bySegment',
				description:
					'Mid-Market Success Program for the enterprise and mid_market segments, Self-Serve Quick Start for every other segment (and none)',
			},
			{
				name: 'Self-Serve Quick Start',
				value: 'selfServe',
				description:
					'7 days: account setup, first chatbot, customization, installation, first conversation (WhatsApp and team invites optional)',
			},
			{
				name: 'Mid-Market Success Program',
				value: 'midMarket',
				description:
					'30 days: kickoff call, discovery, implementation, team training, go-live, 30-day review',
			},
			{
				name: 'Custom JSON',
				value: 'customJson',
				description: 'Your own program: steps and milestones as JSON',
			},
		],
	},
	{
		displayName: 'Segment Field',
		name: 'segmentField',
		type: 'string',
		default: 'segment',
		description:
			'Field of the customer record holding the segment (self_serve, smb, mid_market, enterprise; spelling such as "Mid-Market" is accepted). Empty or missing means self-serve.',
		displayOptions: { show: { program: ['bySegment'] } },
	},
	{
		displayName: 'Custom Program (JSON)',
		name: 'programJson',
		type: 'json',
		default: EXAMPLE_PROGRAM,
		description:
			'A program with ID, name, duration (days), steps (ID, name, order, type, required, estimatedMinutes, resources, completionCriteria) and milestones (ID, name, targetDay, criteria, celebration). See the README for the full schema.',
		displayOptions: { show: { program: ['customJson'] } },
	},
	{
		displayName: 'Customer Record Path',
		name: 'customerPath',
		type: 'string',
		default: '',
		placeholder: 'e.g. customer',
		description:
			'Where the customer record is inside each item, with dots for nesting. Leave empty when the fields (onboarding_completed_steps, signup_date, …) are at the top level.',
	},
	{
		displayName: 'Stalled After (Days)',
		name: 'stalledAfterDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 365, numberPrecision: 0 },
		default: DEFAULT_STALLED_AFTER_DAYS,
		description:
			'An onboarding in progress with no progress for this many days is stalled (3 days after Friday 10:00 is Monday 10:00 in the customer’s time zone)',
	},
	{
		displayName: 'First Value Window (Hours)',
		name: 'firstValueHours',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 8760 },
		default: DEFAULT_FIRST_VALUE_HOURS,
		description:
			'The first key action (first_key_action_at) should come within this many hours of the start: met, missed or still pending',
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
				name: 'One Output per Status',
				value: 'byStatus',
				description:
					'Each customer leaves by the output of its status: Not Started, In Progress, Stalled or Completed',
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
				displayName: 'Reference Time',
				name: 'referenceTime',
				type: 'dateTime',
				default: '',
				description:
					'The moment progress, stalling, overdue milestones and the first-value window are measured against. Empty means now; set it for reproducible runs.',
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
