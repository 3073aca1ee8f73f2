import type { INodeProperties } from 'n8n-workflow';

import {
	LIFECYCLE_STAGE_NAMES,
	LIFECYCLE_STAGES,
	TENURE_STAGE_DEFINITIONS,
	TENURE_STAGES,
} from '../../src/lifecycle';
import type { Route } from '../shared/adapter/routes';

/** The parameters of Lifecycle Stage: docs/sources.md#lifecycle-transitions (stage transitions) and docs/sources.md#tenure-stages (tenure stages). */

/** The outputs of "One Output per Stage", one per stage of the mode, in stage order. */
export const TRANSITION_ROUTES: readonly Route[] = LIFECYCLE_STAGES.map((stage) => ({
	key: stage,
	name: LIFECYCLE_STAGE_NAMES[stage],
}));
export const TENURE_ROUTES: readonly Route[] = TENURE_STAGES.map((stage) => ({
	key: stage,
	name: TENURE_STAGE_DEFINITIONS[stage].name,
}));

export const lifecycleStageProperties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		default: 'transitions',
		description: 'Which lifecycle model decides the stage',
		options: [
			{
				name: 'Stage Transitions (Nine Stages)',
				value: 'transitions',
				description:
					'Nine stages from trial to churned: moves the current stage on by its rules, with the at-risk check first',
			},
			{
				name: 'Tenure Stages (Days Since Signup)',
				value: 'tenure',
				description:
					'Onboarding days 1-30, adoption 31-90, growth 91-180, expansion 181+ since signup',
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
			'Where the customer record is inside each item, with dots for nesting. Leave empty when the fields (lifecycle_stage, subscription_status, …) are at the top level.',
	},
	{
		displayName: 'Current Stage Field',
		name: 'stageField',
		type: 'string',
		default: 'lifecycle_stage',
		description:
			'Field of the customer record holding the stage the customer is in now; it becomes previousStage. Required in Stage Transitions mode (or set Default Current Stage); optional in Tenure mode.',
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
				name: 'One Output per Stage',
				value: 'byStage',
				description:
					'Each customer leaves by the output of its new stage: nine outputs (Trial … Churned) for Stage Transitions, four (Onboarding, Adoption, Growth, Expansion) for Tenure Stages',
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
				displayName: 'Default Current Stage',
				name: 'defaultStage',
				type: 'options',
				default: '',
				description:
					'Stage Transitions mode: the stage to start from when the Current Stage Field is empty. None makes an empty field an error.',
				options: [
					{ name: 'None (Fail the Item)', value: '' },
					...LIFECYCLE_STAGES.map((stage) => ({
						name: LIFECYCLE_STAGE_NAMES[stage],
						value: stage,
					})),
				],
			},
			{
				displayName: 'Onboarding Completion Scale',
				name: 'onboardingCompletionScale',
				type: 'options',
				default: 'percent',
				description:
					'How onboarding_completion is written; the transition rules compare it with 80 and 50 (percent)',
				options: [
					{ name: 'Percent (0-100)', value: 'percent', description: '85 means 85 %' },
					{ name: 'Fraction (0-1)', value: 'fraction', description: '0.85 means 85 %' },
				],
			},
			{
				displayName: 'Reference Time',
				name: 'referenceTime',
				type: 'dateTime',
				default: '',
				description:
					'The moment days since signup, days to renewal and the other dates are measured against. Empty means now; set it for reproducible runs.',
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
