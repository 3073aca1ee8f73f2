import { DateTime } from 'luxon';

import type { EmailConfig, TemplateParameters } from '../../../src/templates';

/** A customer item carrying every variable any built-in template uses. */
export const FULL_ITEM: Record<string, unknown> = {
	customer_id: 'cust-1',
	email: 'ana@acme.test',
	first_name: 'Ana',
	company: 'Acme',
	plan: 'Growth',
	renewal_date: '2027-01-15',
	csm_name: 'Luis Pérez',
	csm_email: 'luis@vendor.test',
	csm_phone: '+34 600 000 000',
	timezone: 'Europe/Madrid',
	open_rate: 0.32,
	click_rate: 0.061,
	conversion_rate: 0.12,
	roi_percent: 320,
	trial_days_remaining: 5,
	health: { score: 42, category: 'critical' },
	// docs/sources.md#cs-email-templates
	next_steps: ['Complete your profile', 'Invite your team'],
	recent_features: ['Shared inbox', 'Reports'],
	conversations_handled: 1250,
	automation_rate: 68,
	hours_saved: 42,
	leads_captured: 87,
	satisfaction_rate: 94,
	recommendation: 'Turn on the weekend flows.',
	current_price: '€99',
	value_highlights: ['1,250 conversations automated', '42 hours saved'],
	// the email platform guide
	industry_open_rate_percent: 21,
	industry_conversion_rate_percent: 2.5,
	revenue_generated: '$12,400',
	new_feature: 'Smart segments',
	expansion_recommendation: 'add the Sales team',
	issues: ['Low open rate: clean the list', 'Few clicks: shorter emails'],
	action_plan: ['Clean the list - Due: 2026-12-01', 'A/B test subjects - Due: 2026-12-08'],
	main_issues: ['No login in 20 days', '3 open tickets'],
	action_today: 'Call with your team',
	action_this_week: 'Fix the import',
	action_next_week: 'Review results',
	revenue_impact: '$30,000',
	expansion_opportunity: 'roll out to your support team',
	expansion_value: '$1,200/month',
	benefits: ['One inbox for everyone', 'Faster answers'],
	// the SaaS retention strategy
	feature_name: 'Auto-replies',
	feature_benefit: 'They answer the common questions for you, day and night.',
	feature_link: 'https://chatly.test/auto-replies',
	story_company: 'Globex',
	story_summary: 'Globex cut its response time by 60 % in two months.',
	story_link: 'https://chatly.test/stories/globex',
	// the retention playbook
	key_feature: 'the booking calendar',
	offer: 'a $50 credit',
	offer_link: 'https://chatly.test/offer',
	new_features: ['Advanced analytics', 'White label', 'API access'],
};

export const FULL_PARAMETERS: TemplateParameters = {
	productName: 'Chatly',
	senderName: 'Marta Ruiz',
	senderEmail: 'marta@chatly.test',
	links: {
		calendarLink: 'https://cal.test/luis',
		dashboardLink: 'https://app.chatly.test',
		helpLink: 'https://help.chatly.test/setup',
		churnSurveyLink: 'https://forms.chatly.test/why',
		reactivationLink: 'https://app.chatly.test/reactivate',
	},
};

export const REFERENCE = DateTime.fromISO('2026-11-23T10:00:00Z', { zone: 'UTC' });

export function config(overrides: Partial<EmailConfig> = {}): EmailConfig {
	return {
		template: { kind: 'builtIn', id: 'welcome_email', field: 'Template' },
		missingVariables: 'strict',
		defaultLocale: 'en',
		parameters: FULL_PARAMETERS,
		reference: REFERENCE,
		defaultTimeZone: 'UTC',
		...overrides,
	};
}

export const builtIn = (id: string) => ({
	template: { kind: 'builtIn' as const, id, field: 'Template' },
});
