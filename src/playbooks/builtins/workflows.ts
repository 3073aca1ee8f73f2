import type { PlaybookInput } from '../model';

/**
 * docs/sources.md#cs-workflows CS_WORKFLOWS, one playbook per workflow (id `<group>.<key>`): the seed's trigger, and per step its
 * action, delay (kept as `timing`: 0 or "N days", counted from the start, see the README) and condition.
 * The seed gives no owner, escalation path, timeline, channel or template for these; ours are marked `// ours:`:
 * - owner "csm" throughout: the retention playbook (docs/sources.md#cs-roles) gives the CS Specialist (CSM) onboarding, MBRs and upsell, and the agent specification (docs/sources.md#save-playbooks) owns every save playbook by the CSM;
 * - escalation paths follow docs/sources.md#save-playbooks where a save playbook covers the same signal (no_login_7_days,
 *   nps_detractor, cancellation_request), else csm -> cs_manager, plus executive where the workflow escalates to one
 *   or is the last month before renewal;
 * - channel from the action's name: send_* emails, schedule_*call calls, schedule_kickoff/_review meetings,
 *   in_app_notification in-app; CSM work (create_*task, prepare_*, check_*, escalate_*) is "task"; alerts to the
 *   team (notify_csm*, create_*alert) are "notification"; record changes (assign_csm, create_*opp, calculate_*,
 *   pause_cancellation, close_survey, add_to_*) are "system";
 * - template only where docs/sources.md#cs-email-templates CS_EMAIL_TEMPLATES has one for the same trigger (welcome_email,
 *   reengagement_7_days, renewal_60_days);
 * - timeline null (the seed gives none).
 */
const source = (name: string) => `CS workflow: ${name} (docs/sources.md#cs-workflows)`;

export const CS_WORKFLOW_PLAYBOOKS: PlaybookInput[] = [
	// Onboarding workflows
	{
		id: 'onboarding.welcome_sequence',
		name: 'Onboarding: welcome sequence',
		source: source('onboarding, welcome sequence'),
		trigger: 'subscription_created',
		owner: 'csm', // ours
		escalationPath: ['csm', 'cs_manager'], // ours
		steps: [
			{ action: 'send_welcome_email', channel: 'email', template: 'welcome_email', timing: 0 },
			{ action: 'assign_csm', channel: 'system', timing: 0 },
			{ action: 'create_success_plan', channel: 'task', timing: '1 day' },
			{ action: 'schedule_kickoff', channel: 'meeting', timing: '1 day' },
			{ action: 'send_onboarding_checklist', channel: 'email', timing: '2 days' },
			{ action: 'check_first_value', channel: 'task', timing: '3 days' },
			{ action: 'send_tips_email', channel: 'email', timing: '5 days' },
			{ action: 'schedule_30_day_review', channel: 'meeting', timing: '7 days' },
		],
	},
	{
		id: 'onboarding.stalled_onboarding',
		name: 'Onboarding: stalled onboarding',
		source: source('onboarding, stalled onboarding'),
		trigger: 'onboarding_stalled',
		owner: 'csm', // ours
		escalationPath: ['csm', 'cs_manager'], // ours
		steps: [
			{ action: 'send_help_email', channel: 'email', timing: 0 },
			{ action: 'create_csm_task', channel: 'task', timing: 0 },
			{ action: 'schedule_help_call', channel: 'call', timing: '1 day' },
		],
	},
	// Engagement workflows
	{
		id: 'engagement.low_usage_alert',
		name: 'Engagement: low usage alert',
		source: source('engagement, low usage alert'),
		trigger: 'usage_dropped_50_percent',
		owner: 'csm', // ours
		escalationPath: ['csm', 'cs_manager'], // ours
		steps: [
			{ action: 'create_csm_alert', channel: 'notification', timing: 0 },
			{ action: 'send_checkin_email', channel: 'email', timing: '1 day' },
			{ action: 'schedule_call', channel: 'call', timing: '3 days', condition: 'no_response' },
		],
	},
	{
		id: 'engagement.no_login_7_days',
		name: 'Engagement: no login in 7 days',
		source: source('engagement, no login 7 days'),
		trigger: 'no_login_7_days',
		owner: 'csm', // ours (as docs/sources.md#save-playbooks SAVE_PLAYBOOKS.no_login_7_days)
		escalationPath: ['csm', 'cs_manager'], // ours (as docs/sources.md#save-playbooks SAVE_PLAYBOOKS.no_login_7_days)
		steps: [
			{
				action: 'send_reengagement_email',
				channel: 'email',
				template: 'reengagement_7_days',
				timing: 0,
			},
			{ action: 'in_app_notification', channel: 'in_app', timing: 0 },
			{ action: 'create_csm_task', channel: 'task', timing: '2 days', condition: 'still_no_login' },
		],
	},
	// Renewal workflows
	{
		id: 'renewal.renewal_90_days',
		name: 'Renewal: 90 days before',
		source: source('renewal, 90 days before'),
		trigger: 'renewal_in_90_days',
		owner: 'csm', // ours
		escalationPath: ['csm', 'cs_manager'], // ours
		steps: [
			{ action: 'calculate_renewal_health', channel: 'system', timing: 0 },
			{ action: 'create_renewal_opp', channel: 'system', timing: 0 },
			{ action: 'notify_csm', channel: 'notification', timing: 0 },
		],
	},
	{
		id: 'renewal.renewal_60_days',
		name: 'Renewal: 60 days before',
		source: source('renewal, 60 days before'),
		trigger: 'renewal_in_60_days',
		owner: 'csm', // ours
		escalationPath: ['csm', 'cs_manager'], // ours
		steps: [
			{ action: 'send_renewal_email', channel: 'email', template: 'renewal_60_days', timing: 0 },
			{ action: 'schedule_renewal_call', channel: 'call', timing: '3 days' },
			{ action: 'prepare_qbr', channel: 'task', timing: '7 days' },
		],
	},
	{
		id: 'renewal.renewal_30_days',
		name: 'Renewal: 30 days before',
		source: source('renewal, 30 days before'),
		trigger: 'renewal_in_30_days',
		owner: 'csm', // ours
		escalationPath: ['csm', 'cs_manager', 'executive'], // ours
		steps: [
			{ action: 'send_renewal_reminder', channel: 'email', timing: 0 },
			// ours: the condition is implied by the action's name
			{
				action: 'escalate_if_no_response',
				channel: 'task',
				timing: '7 days',
				condition: 'no_response',
			},
		],
	},
	// NPS workflows
	{
		id: 'nps.nps_survey',
		name: 'NPS: survey',
		source: source('NPS, survey'),
		trigger: 'quarterly_nps',
		owner: 'csm', // ours
		escalationPath: ['csm', 'cs_manager'], // ours
		steps: [
			{ action: 'send_nps_survey', channel: 'email', timing: 0 },
			// ours: the condition is implied by the action's name
			{
				action: 'reminder_if_no_response',
				channel: 'email',
				timing: '3 days',
				condition: 'no_response',
			},
			{ action: 'close_survey', channel: 'system', timing: '7 days' },
		],
	},
	{
		id: 'nps.nps_detractor',
		name: 'NPS: detractor (score 0-6)',
		source: source('NPS, detractor'),
		trigger: 'nps_score_lte_6',
		owner: 'csm', // ours (as docs/sources.md#save-playbooks SAVE_PLAYBOOKS.nps_detractor)
		escalationPath: ['csm', 'cs_manager', 'product'], // ours (as docs/sources.md#save-playbooks SAVE_PLAYBOOKS.nps_detractor)
		steps: [
			{ action: 'create_urgent_task', channel: 'task', timing: 0 },
			{ action: 'notify_csm', channel: 'notification', timing: 0 },
			{ action: 'schedule_followup_call', channel: 'call', timing: '1 day' },
			{
				action: 'escalate_to_manager',
				channel: 'task',
				timing: '3 days',
				condition: 'no_followup',
			},
		],
	},
	{
		id: 'nps.nps_promoter',
		name: 'NPS: promoter (score 9-10)',
		source: source('NPS, promoter'),
		trigger: 'nps_score_gte_9',
		owner: 'csm', // ours
		escalationPath: ['csm', 'cs_manager'], // ours
		steps: [
			{ action: 'add_to_advocacy_pipeline', channel: 'system', timing: 0 },
			{ action: 'send_thank_you', channel: 'email', timing: 0 },
			{ action: 'send_advocacy_invite', channel: 'email', timing: '7 days' },
		],
	},
	// Expansion workflows
	{
		id: 'expansion.expansion_opportunity',
		name: 'Expansion: opportunity detected',
		source: source('expansion, opportunity'),
		trigger: 'expansion_signal_detected',
		owner: 'csm', // ours
		escalationPath: ['csm', 'cs_manager'], // ours
		steps: [
			{ action: 'create_expansion_opp', channel: 'system', timing: 0 },
			{ action: 'notify_csm', channel: 'notification', timing: 0 },
			{ action: 'prepare_proposal', channel: 'task', timing: '3 days' },
		],
	},
	{
		id: 'expansion.approaching_limits',
		name: 'Expansion: approaching plan limits',
		source: source('expansion, approaching limits'),
		trigger: 'usage_at_80_percent',
		owner: 'csm', // ours
		escalationPath: ['csm', 'cs_manager'], // ours
		steps: [
			{ action: 'send_usage_alert', channel: 'email', timing: 0 },
			{ action: 'notify_csm', channel: 'notification', timing: 0 },
			{ action: 'send_upgrade_info', channel: 'email', timing: '3 days' },
		],
	},
	// At-risk workflows
	{
		id: 'at_risk.health_score_drop',
		name: 'At risk: health score drop',
		source: source('at risk, health score drop'),
		trigger: 'health_score_dropped_20',
		owner: 'csm', // ours
		escalationPath: ['csm', 'cs_manager'], // ours
		steps: [
			{ action: 'create_at_risk_alert', channel: 'notification', timing: 0 },
			{ action: 'notify_csm', channel: 'notification', timing: 0 },
			{ action: 'schedule_intervention_call', channel: 'call', timing: '1 day' },
			{
				action: 'escalate_to_manager',
				channel: 'task',
				timing: '3 days',
				condition: 'no_improvement',
			},
		],
	},
	{
		id: 'at_risk.cancellation_request',
		name: 'At risk: cancellation requested',
		source: source('at risk, cancellation request'),
		trigger: 'cancellation_requested',
		owner: 'csm', // ours (as docs/sources.md#save-playbooks SAVE_PLAYBOOKS.cancellation_request)
		escalationPath: ['csm', 'cs_manager', 'executive'], // ours (as docs/sources.md#save-playbooks SAVE_PLAYBOOKS.cancellation_request)
		steps: [
			{ action: 'pause_cancellation', channel: 'system', timing: 0 },
			{ action: 'notify_csm_urgent', channel: 'notification', timing: 0 },
			{ action: 'schedule_save_call', channel: 'call', timing: 0 },
			{ action: 'prepare_save_offer', channel: 'task', timing: 0 },
			{
				action: 'escalate_to_executive',
				channel: 'task',
				timing: '1 day',
				condition: 'save_rejected',
			},
		],
	},
];
