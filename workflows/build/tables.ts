/**
 * The data model the templates share, kept in n8n's Data Tables: the tables, their columns and what each means.
 * The setup template creates them from this list, workflows/README.md documents them from it, and a test checks
 * that every column a template writes exists here.
 */

export type ColumnType = 'string' | 'number' | 'boolean' | 'date';

export interface Column {
	name: string;
	type: ColumnType;
	meaning: string;
}

export interface Table {
	name: string;
	meaning: string;
	key: string;
	columns: Column[];
}

const s = (name: string, meaning: string): Column => ({ name, type: 'string', meaning });
const n = (name: string, meaning: string): Column => ({ name, type: 'number', meaning });
const b = (name: string, meaning: string): Column => ({ name, type: 'boolean', meaning });
const d = (name: string, meaning: string): Column => ({ name, type: 'date', meaning });

export const CUSTOMERS: Table = {
	name: 'cs_customers',
	meaning:
		'One row per customer: the customer record every node reads, kept current by the events the templates receive and by the daily health scoring.',
	key: 'customer_id',
	columns: [
		s('customer_id', 'Your id of the customer (the key)'),
		s('email', 'Where customer emails go'),
		s('first_name', 'For greetings'),
		s('company', 'Company name'),
		s('plan', 'Plan: starter, growth, pro or enterprise'),
		n('mrr', 'Monthly recurring revenue'),
		n('seats', 'Seats in use'),
		s('locale', 'Language for emails: en, es, es-MX, ...'),
		s('timezone', 'IANA time zone for calendar days and due times, e.g. Europe/Madrid'),
		s('csm_name', 'The customer success manager (falls back to the Settings node)'),
		s('csm_email', 'Where CSM tasks and alerts go (falls back to the Settings node)'),
		s('subscription_status', 'trialing, active or cancelled'),
		s('lifecycle_stage', 'The last lifecycle stage the Lifecycle Stage node gave'),
		d('signup_date', 'When the subscription started'),
		d('renewal_date', 'Next renewal'),
		d('last_login_at', 'Last login (a login event updates it)'),
		d(
			'last_key_action_at',
			'Last key action, e.g. the first booking: the onboarding first-value goal',
		),
		d('cancelled_at', 'When the subscription ended'),
		d('last_nps_survey_at', 'When the last NPS survey was sent'),
		n('dau_mau_ratio', 'Health metric: daily / monthly active users (0-1)'),
		n('feature_adoption', 'Health metric: share of key features used (0-1)'),
		n('conversations_per_week', 'Health metric: product usage per week'),
		n('logins_per_week', 'Health metric and churn signal'),
		n('features_used_this_month', 'Health metric'),
		n('open_tickets', 'Health metric and churn signal: open support tickets'),
		n('avg_csat', 'Health metric: average CSAT (1-5)'),
		n('escalations', 'Health metric: support escalations'),
		n('nps_score', 'Last NPS answer (0-10)'),
		n('meetings_attended', 'Health metric: meetings attended with the CSM'),
		n('responses_to_outreach', 'Health metric: answers to outreach'),
		n('payment_health', 'Health metric: 0-1 (1 = every payment on time)'),
		n('growth_potential', 'Health metric: 0-1'),
		n('contract_length', 'Health metric: contract length in months'),
		n('usage_change_percent', 'Churn signal: usage change against last month, in %'),
		n('avg_session_minutes', 'Churn signal: average session length'),
		n('failed_payments', 'Churn signal: failed payment attempts'),
		n('rating', 'Churn signal: average rating (1-5)'),
		b('cancellation_requested', 'Churn signal: the customer asked to cancel'),
		b('competitor_mentioned', 'Churn signal: a competitor came up'),
		n('usage_vs_limit', 'Expansion signal: usage against the plan limit (0-1)'),
		n('blocked_feature_attempts', 'Expansion signal: attempts to use features of a higher plan'),
		n('team_size_change', 'Expansion signal: team growth (0.2 = +20 %)'),
		n('health_score', 'Last health score (0-100), written by the daily health scoring'),
		s('health_category', 'Last health category: healthy, at_risk or critical'),
		n('previous_health_score', 'The score before the last one: trends and drop alerts'),
		d('health_scored_at', 'When the last score was computed'),
		n('onboarding_steps_completed', 'Onboarding steps completed so far'),
		d('onboarding_last_progress_at', 'Last onboarding progress (stalled after 3 days without it)'),
		s(
			'segment',
			'Customer segment: self_serve, smb, mid_market or enterprise (Onboarding Progress chooses the program by it)',
		),
		d('onboarding_started_at', 'When onboarding started (without it, signup_date counts)'),
		s(
			'onboarding_completed_steps',
			'Onboarding steps done, as JSON list text of step ids or completion criteria, e.g. ["welcome","chatbot_created"]',
		),
		d(
			'first_key_action_at',
			'The first key action: the first-value goal (within 48 hours of the start)',
		),
		s(
			'onboarding_status',
			'not_started, in_progress, stalled or completed, as Onboarding Progress last gave it',
		),
		n('onboarding_progress', 'Share of the required onboarding steps done, 0-100'),
		s(
			'onboarding_milestones_reached',
			'Onboarding milestones reached (and celebrated), as JSON list text of milestone ids',
		),
		n('logins_this_month', 'Engagement metric: logins this month'),
		n('logins_last_month', 'Engagement metric: logins last month (the change)'),
		n('active_users', 'Engagement metric: active users this month'),
		s('features_used', 'Engagement metric: the features used this month, comma-separated names'),
		n('actions_this_month', 'Engagement metric: actions performed this month'),
		n('actions_last_month', 'Engagement metric: actions last month (the change)'),
		n('automation_rate', 'Engagement metric: share of the work automated (0-1)'),
		n('avg_csat_last_month', 'Engagement metric: last month’s average CSAT (1-5)'),
		n('previous_engagement_score', 'Last month’s engagement score (0-100), for the change'),
		n(
			'engagement_score',
			'Last engagement score (0-100), written by the expansion template’s daily run',
		),
		s('engagement_level', 'Last engagement level: high, medium or low'),
		s(
			'success_plan',
			'The success plan as JSON text: { "start_date", "goals": [{ "name", "baseline", "target", "current", "deadline" }] } (Business Review)',
		),
		s(
			'last_monthly_review',
			'First day (YYYY-MM-DD) of the month the last monthly business review covered: one review per month',
		),
		d(
			'advocacy_approached_at',
			'When the customer was invited to the advocacy program (never twice)',
		),
		s('own_referral_code', 'The customer’s own referral code, sent with the advocacy invitation'),
		s(
			'referred_by',
			'customer_id of the customer whose referral code this customer signed up with',
		),
		n('successful_referrals', 'Referred customers who signed up with this customer’s code'),
		n('advocacy_points', 'Advocacy points earned (a referral gives 500)'),
	],
};

export const HEALTH_HISTORY: Table = {
	name: 'cs_health_history',
	meaning:
		'One row per customer and day: the score of that day, for trends and previous_health_score.',
	key: 'history_id',
	columns: [
		s('history_id', '<customer_id>:<YYYY-MM-DD> (the key: one score per customer and day)'),
		s('customer_id', 'The customer'),
		s('day', 'The calendar day scored, YYYY-MM-DD'),
		n('score', 'Health score 0-100'),
		s('grade', 'A-F'),
		s('category', 'healthy, at_risk or critical'),
		n('coverage', 'Share of the model that had data (0-1)'),
		s('trend', 'improving, stable or declining'),
		d('scored_at', 'When it was computed'),
	],
};

export const ENROLMENTS: Table = {
	name: 'cs_enrolments',
	meaning:
		'One row per customer and sequence run: where the customer stands in the sequence, when the next step is due and why it stopped. Every step reads it first and stops when the status is no longer active.',
	key: 'enrolment_id',
	columns: [
		s('enrolment_id', '<sequence>:<customer_id>:<start time> (the key)'),
		s('customer_id', 'The customer'),
		s('sequence', 'welcome, reengagement, renewal_60, winback, nps_detractor, ...'),
		n('step', 'The last step done (0 before the first)'),
		s('step_name', 'What the last step did'),
		s('status', 'active, completed or stopped'),
		s('stop_reason', 'Why it stopped, e.g. "logged in", "reactivated", "survey answered"'),
		d('started_at', 'When the customer entered the sequence'),
		d('next_step_at', 'When the next step is due'),
		d('last_step_at', 'When the last step ran'),
		s('execution_id', 'The n8n execution that runs the sequence (open it to see where it waits)'),
		s(
			'episode',
			'What the run answers, for sequences that start once per occurrence: re-engagement writes "last login <ISO time>" (or "last login never"), so one stretch of inactivity starts its playbook once',
		),
	],
};

export const TASKS: Table = {
	name: 'cs_tasks',
	meaning:
		'Calls, meetings, reviews and follow-ups for the CS team, with due times from the CS Playbook node.',
	key: 'task_id',
	columns: [
		s('task_id', '<sequence or playbook>:<customer_id>:<step>:<time> (the key)'),
		s('customer_id', 'The customer'),
		s('company', 'Company, for the task list'),
		s('type', 'call, meeting, review, task or alert'),
		s('title', 'What to do'),
		s('details', 'Why, and what to prepare'),
		s('owner', 'csm, cs_manager, executive or head_of_sales'),
		s('owner_email', 'Who gets it'),
		s('priority', 'urgent, high or normal'),
		d(
			'due_at',
			'When it is due (in the customer’s time zone, business hours where the playbook says so)',
		),
		s('status', 'open or done'),
		s('source', 'The template and step that created it'),
	],
};

export const NPS_RESPONSES: Table = {
	name: 'cs_nps_responses',
	meaning: 'One row per NPS answer: the monthly report aggregates them.',
	key: 'response_id',
	columns: [
		s('response_id', '<customer_id>:<answer time> (the key)'),
		s('customer_id', 'The customer'),
		n('score', 'The answer, 0-10'),
		s('segment', 'promoter, passive or detractor'),
		s('comment', 'What the customer wrote'),
		d('responded_at', 'When'),
		b('followed_up', 'Whether the CSM has followed up (detractors: the escalation checks it)'),
	],
};

export const TABLES: readonly Table[] = [
	CUSTOMERS,
	HEALTH_HISTORY,
	ENROLMENTS,
	TASKS,
	NPS_RESPONSES,
];

export function tableByName(name: string): Table {
	const table = TABLES.find((candidate) => candidate.name === name);
	if (!table) throw new Error(`No data table ${name} in workflows/build/tables.ts`);
	return table;
}
