/** The two lifecycle models: the agent specification's nine stages with their transitions, and the support strategy's four tenure stages. */

// docs/sources.md#lifecycle-stages LifecycleStage, in the seed's order (this is also the order of the node's outputs).
export const LIFECYCLE_STAGES = [
	'trial',
	'onboarding',
	'adopting',
	'growing',
	'renewing',
	'expanding',
	'advocating',
	'at_risk',
	'churned',
] as const;

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

// docs/sources.md#lifecycle-stages LIFECYCLE_STAGES[stage].name
export const LIFECYCLE_STAGE_NAMES: Record<LifecycleStage, string> = {
	trial: 'Trial',
	onboarding: 'Onboarding',
	adopting: 'Adopting',
	growing: 'Growing',
	renewing: 'Renewing',
	expanding: 'Expanding',
	advocating: 'Advocating',
	at_risk: 'At Risk',
	churned: 'Churned',
};

// docs/sources.md#stage-workflows LifecycleManager.triggerStageWorkflows: the workflows a customer entering each stage triggers.
export const STAGE_WORKFLOWS: Record<LifecycleStage, readonly string[]> = {
	trial: ['trial_welcome_sequence'],
	onboarding: ['onboarding_kickoff', 'assign_csm'],
	adopting: ['adoption_check_in', '30_day_review'],
	growing: ['qbr_scheduling', 'success_story_outreach'],
	renewing: ['renewal_sequence', 'value_recap'],
	expanding: ['expansion_proposal'],
	advocating: ['advocacy_program_invite'],
	at_risk: ['at_risk_intervention', 'executive_escalation'],
	churned: ['exit_interview', 'win_back_sequence'],
};

// docs/sources.md#tenure-stages: Onboarding (days 1-30), Adoption (31-90), Growth (91-180), Expansion (181+).
export const TENURE_STAGES = ['onboarding', 'adoption', 'growth', 'expansion'] as const;

export type TenureStage = (typeof TENURE_STAGES)[number];

export interface TenureStageDefinition {
	name: string;
	/** First day of the stage, counted in calendar days since signup (inclusive). */
	fromDay: number;
	/** Last day of the stage (inclusive), null for the open-ended last stage. */
	toDay: number | null;
	/** One workflow id per "Key Activity" the seed lists for the stage, in the seed's order. */
	workflows: readonly string[];
}

/**
 * The support strategy's tenure stages. The seed counts from day 1; day 0 (the signup day itself) belongs to onboarding,
 * so `fromDay` of onboarding is 0. The workflow ids are ours: the seed names activities, not workflows.
 */
export const TENURE_STAGE_DEFINITIONS: Record<TenureStage, TenureStageDefinition> = {
	onboarding: {
		name: 'Onboarding',
		fromDay: 0,
		toDay: 30,
		// Welcome sequence and setup; Feature walkthrough and training; First content generation success;
		// Goal setting and planning; Regular check-ins.
		workflows: [
			'onboarding_welcome_sequence',
			'onboarding_feature_walkthrough',
			'onboarding_first_value_check',
			'onboarding_goal_setting',
			'onboarding_check_ins',
		],
	},
	adoption: {
		name: 'Adoption',
		fromDay: 31,
		toDay: 90,
		// Advanced feature training; Best practices sharing; Performance optimization; Use case expansion;
		// Community engagement.
		workflows: [
			'adoption_advanced_training',
			'adoption_best_practices',
			'adoption_performance_optimization',
			'adoption_use_case_expansion',
			'adoption_community_invite',
		],
	},
	growth: {
		name: 'Growth',
		fromDay: 91,
		toDay: 180,
		// Advanced training sessions; Team collaboration setup; Performance analysis; Optimization recommendations;
		// Success story development.
		workflows: [
			'growth_advanced_training',
			'growth_team_setup',
			'growth_performance_analysis',
			'growth_optimization_recommendations',
			'growth_success_story',
		],
	},
	expansion: {
		name: 'Expansion',
		fromDay: 181,
		toDay: null,
		// Enterprise feature adoption; White-label implementation; Referral program participation;
		// Case study development; Advocacy program.
		workflows: [
			'expansion_enterprise_features',
			'expansion_white_label',
			'expansion_referral_program',
			'expansion_case_study',
			'expansion_advocacy_program',
		],
	},
};

/**
 * A stage as people and systems write it ("At Risk", "at-risk", " GROWING ") in the form the model uses
 * ("at_risk", "growing"): trimmed, lower case, spaces and hyphens as underscores.
 */
export function normalizeStageName(value: string): string {
	return value
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
}
