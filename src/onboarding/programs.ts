/**
 * The onboarding programmes as data: docs/sources.md#onboarding-programs (seed 002 §4.1 OnboardingProgram,
 * SELF_SERVE_ONBOARDING, MID_MARKET_ONBOARDING), with the seed's steps, required flags, estimates, resources,
 * completion criteria, milestones and celebration texts as written there (the self-serve celebrations are in
 * Spanish in the seed, and stay so: they are the product's own copy).
 */

export const STEP_TYPES = ['action', 'learning', 'meeting', 'integration'] as const;
export type OnboardingStepType = (typeof STEP_TYPES)[number];

export const RESOURCE_TYPES = ['video', 'guide', 'template', 'checklist'] as const;
export type OnboardingResourceType = (typeof RESOURCE_TYPES)[number];

export const TARGET_SEGMENTS = ['self_serve', 'smb', 'mid_market', 'enterprise'] as const;
export type OnboardingSegment = (typeof TARGET_SEGMENTS)[number];

/** The milestone criterion met when every required step is done (seed 002 §4.2 checkMilestones). */
export const ALL_REQUIRED_STEPS_COMPLETED = 'all_required_steps_completed';

export interface OnboardingResource {
	type: OnboardingResourceType;
	title: string;
	url: string;
}

export interface OnboardingStep {
	id: string;
	name: string;
	description: string;
	/** Position in the programme, 1 first; steps are kept sorted by it. */
	order: number;
	type: OnboardingStepType;
	required: boolean;
	estimatedMinutes: number;
	resources: OnboardingResource[];
	/** The product event that marks the step done (`chatbot_created`); a record may name a step by it or by its id. */
	completionCriteria: string;
}

export interface OnboardingMilestone {
	id: string;
	name: string;
	/** Calendar day of the onboarding by which the milestone is due: day 0 is the start day. */
	targetDay: number;
	/** Step ids or completion criteria, or `all_required_steps_completed`: all must be met. */
	criteria: string[];
	/** The message to celebrate with; null when the programme gives none (the seed's mid-market milestones). */
	celebration: string | null;
}

export interface OnboardingProgram {
	id: string;
	name: string;
	targetSegment: OnboardingSegment | null;
	/** Days the programme is planned to take. */
	duration: number;
	steps: OnboardingStep[];
	milestones: OnboardingMilestone[];
}

// seed 002 §4.1 SELF_SERVE_ONBOARDING
export const SELF_SERVE_ONBOARDING: OnboardingProgram = {
	id: 'self-serve-v1',
	name: 'Self-Serve Quick Start',
	targetSegment: 'self_serve',
	duration: 7,
	steps: [
		{
			id: 'welcome',
			name: 'Welcome & Account Setup',
			description: 'Complete your profile and account settings',
			order: 1,
			type: 'action',
			required: true,
			estimatedMinutes: 5,
			resources: [{ type: 'video', title: 'Welcome to MBC', url: '/videos/welcome' }],
			completionCriteria: 'profile_completed',
		},
		{
			id: 'first_chatbot',
			name: 'Create Your First Chatbot',
			description: 'Build a basic chatbot using our templates',
			order: 2,
			type: 'action',
			required: true,
			estimatedMinutes: 10,
			resources: [
				{ type: 'guide', title: 'Chatbot Builder Guide', url: '/docs/builder' },
				{ type: 'video', title: 'Creating Your First Bot', url: '/videos/first-bot' },
			],
			completionCriteria: 'chatbot_created',
		},
		{
			id: 'customize',
			name: 'Customize Your Chatbot',
			description: 'Add your branding and customize responses',
			order: 3,
			type: 'action',
			required: true,
			estimatedMinutes: 15,
			resources: [{ type: 'guide', title: 'Customization Guide', url: '/docs/customize' }],
			completionCriteria: 'chatbot_customized',
		},
		{
			id: 'install',
			name: 'Install on Your Website',
			description: 'Add the chatbot widget to your site',
			order: 4,
			type: 'integration',
			required: true,
			estimatedMinutes: 10,
			resources: [
				{ type: 'guide', title: 'Installation Guide', url: '/docs/install' },
				{ type: 'video', title: 'Widget Installation', url: '/videos/install' },
			],
			completionCriteria: 'widget_installed',
		},
		{
			id: 'first_conversation',
			name: 'Have Your First Conversation',
			description: 'Test your chatbot and handle your first conversation',
			order: 5,
			type: 'action',
			required: true,
			estimatedMinutes: 5,
			resources: [],
			completionCriteria: 'first_conversation_completed',
		},
		{
			id: 'connect_whatsapp',
			name: 'Connect WhatsApp (Optional)',
			description: 'Enable WhatsApp Business integration',
			order: 6,
			type: 'integration',
			required: false,
			estimatedMinutes: 20,
			resources: [{ type: 'guide', title: 'WhatsApp Setup', url: '/docs/whatsapp' }],
			completionCriteria: 'whatsapp_connected',
		},
		{
			id: 'invite_team',
			name: 'Invite Team Members',
			description: 'Add your team to collaborate',
			order: 7,
			type: 'action',
			required: false,
			estimatedMinutes: 5,
			resources: [],
			completionCriteria: 'team_invited',
		},
	],
	milestones: [
		{
			id: 'day1',
			name: 'Day 1: First Bot Live',
			targetDay: 1,
			criteria: ['chatbot_created', 'widget_installed'],
			celebration: '🎉 Tu primer chatbot está activo!',
		},
		{
			id: 'day3',
			name: 'Day 3: First Value',
			targetDay: 3,
			criteria: ['first_conversation_completed'],
			celebration: '🚀 Has atendido tu primera conversación automática!',
		},
		{
			id: 'day7',
			name: 'Day 7: Fully Onboarded',
			targetDay: 7,
			criteria: [ALL_REQUIRED_STEPS_COMPLETED],
			celebration: '⭐ Onboarding completado! Ya eres un pro.',
		},
	],
};

// seed 002 §4.1 MID_MARKET_ONBOARDING (its milestones have no celebration text)
export const MID_MARKET_ONBOARDING: OnboardingProgram = {
	id: 'mid-market-v1',
	name: 'Mid-Market Success Program',
	targetSegment: 'mid_market',
	duration: 30,
	steps: [
		{
			id: 'kickoff',
			name: 'Kickoff Call',
			description: 'Meet your Customer Success Manager and align on goals',
			order: 1,
			type: 'meeting',
			required: true,
			estimatedMinutes: 45,
			resources: [{ type: 'template', title: 'Kickoff Agenda', url: '/templates/kickoff' }],
			completionCriteria: 'kickoff_completed',
		},
		{
			id: 'discovery',
			name: 'Discovery & Requirements',
			description: 'Document use cases, integrations, and success criteria',
			order: 2,
			type: 'meeting',
			required: true,
			estimatedMinutes: 60,
			resources: [
				{ type: 'template', title: 'Discovery Questionnaire', url: '/templates/discovery' },
			],
			completionCriteria: 'requirements_documented',
		},
		{
			id: 'implementation',
			name: 'Implementation & Configuration',
			description: 'Set up chatbots, integrations, and workflows',
			order: 3,
			type: 'action',
			required: true,
			estimatedMinutes: 180,
			resources: [{ type: 'guide', title: 'Implementation Guide', url: '/docs/implementation' }],
			completionCriteria: 'implementation_completed',
		},
		{
			id: 'training',
			name: 'Team Training',
			description: 'Train your team on using the platform',
			order: 4,
			type: 'meeting',
			required: true,
			estimatedMinutes: 60,
			resources: [{ type: 'video', title: 'Training Series', url: '/training' }],
			completionCriteria: 'training_completed',
		},
		{
			id: 'go_live',
			name: 'Go Live',
			description: 'Launch to production with CS support',
			order: 5,
			type: 'action',
			required: true,
			estimatedMinutes: 30,
			resources: [{ type: 'checklist', title: 'Go-Live Checklist', url: '/templates/go-live' }],
			completionCriteria: 'live_in_production',
		},
		{
			id: 'review_30',
			name: '30-Day Review',
			description: 'Review progress and optimize',
			order: 6,
			type: 'meeting',
			required: true,
			estimatedMinutes: 30,
			resources: [],
			completionCriteria: '30_day_review_completed',
		},
	],
	milestones: [
		{
			id: 'week1',
			name: 'Week 1: Aligned',
			targetDay: 7,
			criteria: ['kickoff_completed', 'requirements_documented'],
			celebration: null,
		},
		{
			id: 'week2',
			name: 'Week 2: Configured',
			targetDay: 14,
			criteria: ['implementation_completed'],
			celebration: null,
		},
		{
			id: 'week3',
			name: 'Week 3: Trained & Live',
			targetDay: 21,
			criteria: ['training_completed', 'live_in_production'],
			celebration: null,
		},
		{
			id: 'week4',
			name: 'Week 4: Optimized',
			targetDay: 30,
			criteria: ['30_day_review_completed'],
			celebration: null,
		},
	],
};

export const BUILTIN_PROGRAMS: readonly OnboardingProgram[] = [
	SELF_SERVE_ONBOARDING,
	MID_MARKET_ONBOARDING,
];

/**
 * A segment as CRMs write it ("Mid-Market", " ENTERPRISE ") in the seed's form ("mid_market", "enterprise"):
 * trimmed, lower case, spaces and hyphens as underscores.
 */
export function normalizeSegment(segment: string): string {
	return segment
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
}

/**
 * seed 002 §4.2 selectProgram (docs/sources.md#onboarding-programs): enterprise and mid_market get the mid-market
 * programme, every other segment (and none) the self-serve one. The segment is compared after normalizeSegment.
 */
export function selectProgram(segment: string | null | undefined): OnboardingProgram {
	switch (segment === null || segment === undefined ? '' : normalizeSegment(segment)) {
		case 'enterprise':
		case 'mid_market':
			return MID_MARKET_ONBOARDING;
		default:
			return SELF_SERVE_ONBOARDING;
	}
}
