import {
	BUILT_IN_PLAYBOOK_IDS,
	BUILT_IN_PLAYBOOKS,
	PlaybookCatalog,
	type Playbook,
} from '../../../src/playbooks';
import { PLAYBOOK_PRIORITY } from '../../../src/signals';

const byId = (id: string): Playbook =>
	BUILT_IN_PLAYBOOKS.find((playbook) => playbook.id === id) as Playbook;
const steps = (id: string) =>
	byId(id).steps.map(({ order, action, channel, template, timing, condition, owner }) => ({
		order,
		action,
		channel,
		template,
		timing,
		condition,
		owner,
	}));
const workflowSteps = (id: string) =>
	byId(id).steps.map((step) => [step.action, step.timing, step.condition]);

describe('built-in playbooks', () => {
	it('has exactly the ids of the shared contract, in catalogue order', () => {
		expect(BUILT_IN_PLAYBOOK_IDS).toEqual([
			'save.no_login_7_days',
			'save.no_login_14_days',
			'save.nps_detractor',
			'save.cancellation_request',
			'onboarding.welcome_sequence',
			'onboarding.stalled_onboarding',
			'engagement.low_usage_alert',
			'engagement.no_login_7_days',
			'renewal.renewal_90_days',
			'renewal.renewal_60_days',
			'renewal.renewal_30_days',
			'nps.nps_survey',
			'nps.nps_detractor',
			'nps.nps_promoter',
			'expansion.expansion_opportunity',
			'expansion.approaching_limits',
			'at_risk.health_score_drop',
			'at_risk.cancellation_request',
			'intervention.no_login_7_days',
			'intervention.no_key_action_14_days',
			'intervention.low_rating',
			'intervention.trial_expiring',
			'winback.campaign',
		]);
	});

	it('knows every playbook Churn Signals can recommend (churn.playbook)', () => {
		const catalog = new PlaybookCatalog();
		for (const [, id] of PLAYBOOK_PRIORITY) if (id !== null) expect(catalog.get(id).id).toBe(id);
	});

	it('keeps docs/sources.md#save-playbooks SAVE_PLAYBOOKS.no_login_7_days verbatim', () => {
		expect(byId('save.no_login_7_days')).toMatchObject({
			trigger: 'no_login_7_days',
			timeline: '48 hours',
			owner: 'csm',
			escalationPath: ['csm', 'cs_manager'],
			source: 'Save playbook: no login 7 days (docs/sources.md#save-playbooks)',
		});
		expect(steps('save.no_login_7_days')).toEqual([
			{
				order: 1,
				action: 'Send re-engagement email',
				channel: 'email',
				template: 'reengagement_7_days',
				timing: 'Immediately',
				condition: null,
				owner: null,
			},
			{
				order: 2,
				action: 'In-app notification on next login',
				channel: 'in_app',
				template: null,
				timing: 'On next login',
				condition: null,
				owner: null,
			},
			{
				order: 3,
				action: 'Personal check-in call',
				channel: 'call',
				template: null,
				timing: 'If no response in 48h',
				condition: null,
				owner: null,
			},
		]);
	});

	it('keeps docs/sources.md#save-playbooks SAVE_PLAYBOOKS.no_login_14_days verbatim', () => {
		expect(byId('save.no_login_14_days')).toMatchObject({
			timeline: '24 hours',
			owner: 'csm',
			escalationPath: ['csm', 'cs_manager', 'executive'],
		});
		expect(
			steps('save.no_login_14_days').map((s) => [
				s.order,
				s.action,
				s.channel,
				s.template,
				s.timing,
			]),
		).toEqual([
			[1, 'Urgent check-in call', 'call', null, 'Same day'],
			[2, 'Send value recap email', 'email', 'value_recap_urgent', 'After call'],
			[3, 'Offer training session', 'meeting', null, 'Within 48h'],
		]);
	});

	it('keeps docs/sources.md#save-playbooks SAVE_PLAYBOOKS.nps_detractor verbatim', () => {
		expect(byId('save.nps_detractor')).toMatchObject({
			timeline: '24 hours',
			owner: 'csm',
			escalationPath: ['csm', 'cs_manager', 'product'],
		});
		expect(
			steps('save.nps_detractor').map((s) => [s.order, s.action, s.channel, s.template, s.timing]),
		).toEqual([
			[1, 'Personal call to understand concerns', 'call', null, 'Within 24h'],
			[2, 'Document feedback and create action plan', 'in_app', null, 'After call'],
			[3, 'Follow-up with resolution', 'email', 'nps_followup', 'Within 72h'],
		]);
	});

	it('keeps docs/sources.md#save-playbooks SAVE_PLAYBOOKS.cancellation_request verbatim, with its one seed condition', () => {
		expect(byId('save.cancellation_request')).toMatchObject({
			timeline: 'Immediate',
			owner: 'csm',
			escalationPath: ['csm', 'cs_manager', 'executive'],
		});
		expect(
			steps('save.cancellation_request').map((s) => [
				s.order,
				s.action,
				s.channel,
				s.timing,
				s.condition,
			]),
		).toEqual([
			[1, 'Immediate call to customer', 'call', 'Within 2 hours', null],
			[2, 'Understand reasons and document', 'call', 'During call', null],
			[
				3,
				'Present save offer if appropriate',
				'call',
				'During call',
				'If customer is open to discussion',
			],
			[4, 'Escalate to CS Manager if needed', 'meeting', 'If save offer rejected', null],
		]);
	});

	it('keeps docs/sources.md#cs-workflows CS_WORKFLOWS triggers, actions, delays and conditions verbatim', () => {
		expect(byId('onboarding.welcome_sequence').trigger).toBe('subscription_created');
		expect(workflowSteps('onboarding.welcome_sequence')).toEqual([
			['send_welcome_email', 0, null],
			['assign_csm', 0, null],
			['create_success_plan', '1 day', null],
			['schedule_kickoff', '1 day', null],
			['send_onboarding_checklist', '2 days', null],
			['check_first_value', '3 days', null],
			['send_tips_email', '5 days', null],
			['schedule_30_day_review', '7 days', null],
		]);
		expect(byId('onboarding.stalled_onboarding').trigger).toBe('onboarding_stalled');
		expect(workflowSteps('onboarding.stalled_onboarding')).toEqual([
			['send_help_email', 0, null],
			['create_csm_task', 0, null],
			['schedule_help_call', '1 day', null],
		]);
		expect(byId('engagement.low_usage_alert').trigger).toBe('usage_dropped_50_percent');
		expect(workflowSteps('engagement.low_usage_alert')).toEqual([
			['create_csm_alert', 0, null],
			['send_checkin_email', '1 day', null],
			['schedule_call', '3 days', 'no_response'],
		]);
		expect(byId('engagement.no_login_7_days').trigger).toBe('no_login_7_days');
		expect(workflowSteps('engagement.no_login_7_days')).toEqual([
			['send_reengagement_email', 0, null],
			['in_app_notification', 0, null],
			['create_csm_task', '2 days', 'still_no_login'],
		]);
		expect(byId('renewal.renewal_90_days').trigger).toBe('renewal_in_90_days');
		expect(workflowSteps('renewal.renewal_90_days')).toEqual([
			['calculate_renewal_health', 0, null],
			['create_renewal_opp', 0, null],
			['notify_csm', 0, null],
		]);
		expect(byId('renewal.renewal_60_days').trigger).toBe('renewal_in_60_days');
		expect(workflowSteps('renewal.renewal_60_days')).toEqual([
			['send_renewal_email', 0, null],
			['schedule_renewal_call', '3 days', null],
			['prepare_qbr', '7 days', null],
		]);
		expect(byId('renewal.renewal_30_days').trigger).toBe('renewal_in_30_days');
		// no_response: ours, implied by the action's name
		expect(workflowSteps('renewal.renewal_30_days')).toEqual([
			['send_renewal_reminder', 0, null],
			['escalate_if_no_response', '7 days', 'no_response'],
		]);
		expect(byId('nps.nps_survey').trigger).toBe('quarterly_nps');
		expect(workflowSteps('nps.nps_survey')).toEqual([
			['send_nps_survey', 0, null],
			['reminder_if_no_response', '3 days', 'no_response'],
			['close_survey', '7 days', null],
		]);
		expect(byId('nps.nps_detractor').trigger).toBe('nps_score_lte_6');
		expect(workflowSteps('nps.nps_detractor')).toEqual([
			['create_urgent_task', 0, null],
			['notify_csm', 0, null],
			['schedule_followup_call', '1 day', null],
			['escalate_to_manager', '3 days', 'no_followup'],
		]);
		expect(byId('nps.nps_promoter').trigger).toBe('nps_score_gte_9');
		expect(workflowSteps('nps.nps_promoter')).toEqual([
			['add_to_advocacy_pipeline', 0, null],
			['send_thank_you', 0, null],
			['send_advocacy_invite', '7 days', null],
		]);
		expect(byId('expansion.expansion_opportunity').trigger).toBe('expansion_signal_detected');
		expect(workflowSteps('expansion.expansion_opportunity')).toEqual([
			['create_expansion_opp', 0, null],
			['notify_csm', 0, null],
			['prepare_proposal', '3 days', null],
		]);
		expect(byId('expansion.approaching_limits').trigger).toBe('usage_at_80_percent');
		expect(workflowSteps('expansion.approaching_limits')).toEqual([
			['send_usage_alert', 0, null],
			['notify_csm', 0, null],
			['send_upgrade_info', '3 days', null],
		]);
		expect(byId('at_risk.health_score_drop').trigger).toBe('health_score_dropped_20');
		expect(workflowSteps('at_risk.health_score_drop')).toEqual([
			['create_at_risk_alert', 0, null],
			['notify_csm', 0, null],
			['schedule_intervention_call', '1 day', null],
			['escalate_to_manager', '3 days', 'no_improvement'],
		]);
		expect(byId('at_risk.cancellation_request').trigger).toBe('cancellation_requested');
		expect(workflowSteps('at_risk.cancellation_request')).toEqual([
			['pause_cancellation', 0, null],
			['notify_csm_urgent', 0, null],
			['schedule_save_call', 0, null],
			['prepare_save_offer', 0, null],
			['escalate_to_executive', '1 day', 'save_rejected'],
		]);
	});

	it('gives CS_WORKFLOWS our channels, and templates only where the agent specification (docs/sources.md#cs-email-templates) has one for the trigger', () => {
		const channels = BUILT_IN_PLAYBOOKS.filter((p) => p.source.startsWith('CS workflow: ')).flatMap(
			(p) =>
				p.steps.map(
					(step) => `${step.action}:${step.channel}${step.template ? `:${step.template}` : ''}`,
				),
		);
		expect(channels.filter((entry) => entry.split(':').length === 3)).toEqual([
			'send_welcome_email:email:welcome_email',
			'send_reengagement_email:email:reengagement_7_days',
			'send_renewal_email:email:renewal_60_days',
		]);
		for (const entry of channels) {
			const [action, channel] = entry.split(':');
			if (action.startsWith('send_')) expect(channel).toBe('email');
			else if (/^schedule_.*call$/.test(action)) expect(channel).toBe('call');
			else if (/^(notify_csm|create_.*alert)/.test(action)) expect(channel).toBe('notification');
		}
		expect(byId('onboarding.welcome_sequence').steps.map((s) => s.channel)).toEqual([
			'email',
			'system',
			'task',
			'meeting',
			'email',
			'task',
			'email',
			'meeting',
		]);
	});

	it('gives CS_WORKFLOWS our owners and escalation paths, copying docs/sources.md#save-playbooks where it covers the signal', () => {
		expect(
			BUILT_IN_PLAYBOOKS.filter((p) => p.source.startsWith('CS workflow: ')).map((p) => [
				p.id,
				p.owner,
				p.escalationPath.join('>'),
				p.timeline,
			]),
		).toEqual([
			['onboarding.welcome_sequence', 'csm', 'csm>cs_manager', null],
			['onboarding.stalled_onboarding', 'csm', 'csm>cs_manager', null],
			['engagement.low_usage_alert', 'csm', 'csm>cs_manager', null],
			['engagement.no_login_7_days', 'csm', 'csm>cs_manager', null],
			['renewal.renewal_90_days', 'csm', 'csm>cs_manager', null],
			['renewal.renewal_60_days', 'csm', 'csm>cs_manager', null],
			['renewal.renewal_30_days', 'csm', 'csm>cs_manager>executive', null],
			['nps.nps_survey', 'csm', 'csm>cs_manager', null],
			['nps.nps_detractor', 'csm', 'csm>cs_manager>product', null],
			['nps.nps_promoter', 'csm', 'csm>cs_manager', null],
			['expansion.expansion_opportunity', 'csm', 'csm>cs_manager', null],
			['expansion.approaching_limits', 'csm', 'csm>cs_manager', null],
			['at_risk.health_score_drop', 'csm', 'csm>cs_manager', null],
			['at_risk.cancellation_request', 'csm', 'csm>cs_manager>executive', null],
		]);
	});

	it('has docs/sources.md#intervention-playbook intervention playbooks, one step per signal, and the win-back campaign (docs/sources.md#winback-campaign)', () => {
		const summary = (id: string) => {
			const p = byId(id);
			return [
				p.trigger,
				p.owner,
				p.escalationPath,
				p.steps.map((s) => [s.channel, s.template, s.timing, s.owner]),
			];
		};
		expect(summary('intervention.no_login_7_days')).toEqual([
			'no_login_7_days',
			'csm',
			['csm', 'cco'],
			[['email', 'intervention_no_login_7_days', 'Immediately', null]],
		]);
		expect(summary('intervention.no_key_action_14_days')).toEqual([
			'no_key_action_14_days',
			'csm',
			['csm', 'cco'],
			[['call', null, 'Immediately', null]],
		]);
		expect(summary('intervention.low_rating')).toEqual([
			'low_rating',
			'csm',
			['csm', 'cco'],
			[['email', 'intervention_low_rating_offer', 'Immediately', null]],
		]);
		expect(summary('intervention.trial_expiring')).toEqual([
			'trial_expiring',
			'head_of_sales',
			['head_of_sales'],
			[['call', null, 'Immediately', null]],
		]);
		expect(byId('intervention.trial_expiring').steps[0].action).toMatch(
			/Head of Sales.*7-day extension or a flexible payment plan/,
		);
		expect(byId('intervention.low_rating').steps[0].action).toMatch(/\$50 credit/);
		expect(summary('winback.campaign')).toEqual([
			'churned',
			'csm',
			['csm', 'cco'],
			[
				['email', 'winback_we_miss_you', 'Day 1 (post-churn)', null],
				['email', 'winback_whats_new', 'Day 7', null],
				['email', 'winback_offer', 'Day 14', null],
				['call', null, 'Day 21', 'head_of_sales'],
			],
		]);
		expect(byId('winback.campaign').steps.map((s) => s.action.split(':')[0])).toEqual([
			'Email 1 "We Miss You"',
			'Email 2 "Here\'s What\'s New"',
			'Email 3 "The Offer"',
			'Phone call "Personal Touch"',
		]);
	});

	it('numbers CS_WORKFLOWS and docs/sources.md#intervention-playbook steps 1..n in the seed’s order', () => {
		for (const playbook of BUILT_IN_PLAYBOOKS) {
			expect(playbook.steps.map((step) => step.order)).toEqual(
				playbook.steps.map((_, index) => index + 1),
			);
		}
	});
});
