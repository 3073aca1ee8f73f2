import type { PlaybookInput } from '../model';

/**
 * docs/sources.md#save-playbooks SAVE_PLAYBOOKS, verbatim: signal (our `trigger`), timeline, owner, escalationPath and the actions
 * with order, action, channel, template, timing and condition. Only the ids (`save.<signal>`) and names are ours;
 * the names are the seed's CHURN_SIGNALS descriptions.
 */
const source = (name: string) => `Save playbook: ${name} (docs/sources.md#save-playbooks)`;

export const SAVE_PLAYBOOKS: PlaybookInput[] = [
	{
		id: 'save.no_login_7_days',
		name: 'Save playbook: no login in 7+ days',
		source: source('no login 7 days'),
		trigger: 'no_login_7_days',
		timeline: '48 hours',
		owner: 'csm',
		escalationPath: ['csm', 'cs_manager'],
		steps: [
			{
				order: 1,
				action: 'Send re-engagement email',
				channel: 'email',
				template: 'reengagement_7_days',
				timing: 'Immediately',
			},
			{
				order: 2,
				action: 'In-app notification on next login',
				channel: 'in_app',
				timing: 'On next login',
			},
			{
				order: 3,
				action: 'Personal check-in call',
				channel: 'call',
				timing: 'If no response in 48h',
			},
		],
	},
	{
		id: 'save.no_login_14_days',
		name: 'Save playbook: no login in 14+ days',
		source: source('no login 14 days'),
		trigger: 'no_login_14_days',
		timeline: '24 hours',
		owner: 'csm',
		escalationPath: ['csm', 'cs_manager', 'executive'],
		steps: [
			{ order: 1, action: 'Urgent check-in call', channel: 'call', timing: 'Same day' },
			{
				order: 2,
				action: 'Send value recap email',
				channel: 'email',
				template: 'value_recap_urgent',
				timing: 'After call',
			},
			{ order: 3, action: 'Offer training session', channel: 'meeting', timing: 'Within 48h' },
		],
	},
	{
		id: 'save.nps_detractor',
		name: 'Save playbook: NPS detractor',
		source: source('NPS detractor'),
		trigger: 'nps_detractor',
		timeline: '24 hours',
		owner: 'csm',
		escalationPath: ['csm', 'cs_manager', 'product'],
		steps: [
			{
				order: 1,
				action: 'Personal call to understand concerns',
				channel: 'call',
				timing: 'Within 24h',
			},
			{
				order: 2,
				action: 'Document feedback and create action plan',
				channel: 'in_app',
				timing: 'After call',
			},
			{
				order: 3,
				action: 'Follow-up with resolution',
				channel: 'email',
				template: 'nps_followup',
				timing: 'Within 72h',
			},
		],
	},
	{
		id: 'save.cancellation_request',
		name: 'Save playbook: cancellation requested',
		source: source('cancellation request'),
		trigger: 'cancellation_request',
		timeline: 'Immediate',
		owner: 'csm',
		escalationPath: ['csm', 'cs_manager', 'executive'],
		steps: [
			{ order: 1, action: 'Immediate call to customer', channel: 'call', timing: 'Within 2 hours' },
			{
				order: 2,
				action: 'Understand reasons and document',
				channel: 'call',
				timing: 'During call',
			},
			{
				order: 3,
				action: 'Present save offer if appropriate',
				channel: 'call',
				timing: 'During call',
				condition: 'If customer is open to discussion',
			},
			{
				order: 4,
				action: 'Escalate to CS Manager if needed',
				channel: 'meeting',
				timing: 'If save offer rejected',
			},
		],
	},
];
