/**
 * What each customer record field may hold: the one table every node reads a field through (src/customer/fields.ts).
 * A value outside its rule either fails the item, with a message naming the field, the rule and the value ('fail'),
 * or is left out like a missing value, with that message as the reason ('omit': a churn signal or expansion signal
 * is then not evaluated, a health metric missing). Absent values (undefined, null, empty or blank text) are missing
 * in every case and never reach a rule.
 *
 * The choice: a field that decides a score, a seed signal, a lifecycle stage or a due time fails, because an
 * impossible value there is bad data someone must fix, and quietly dropping it would change the result. Only the
 * optional extras beyond the seeds leave a bad value out: the limit forecast's growth rate and docs/sources.md#expansion-add-ons add-on
 * triggers (off by default), which raise an opportunity and nothing else.
 *
 * Fields not in the table (your own fields in a custom health model or custom churn signal) must be a number when
 * they are read as one, with no range, and fail otherwise.
 */

export type Outside = 'fail' | 'omit';

export interface NumberRule {
	kind: 'number';
	min?: number;
	max?: number;
	/** A whole number (counts, NPS answers). */
	whole?: boolean;
	/** The rule in words, as error messages give it: "a whole number from 0 to 10". */
	expected: string;
	outside: Outside;
	/** Where the range comes from. */
	source: string;
}

export interface FlagRule {
	kind: 'flag';
	expected: string;
	outside: Outside;
	source: string;
}

export interface DateRule {
	kind: 'date';
	/** A past event (a login, a signup, a survey): it may not lie more than a day after the reference time. */
	past: boolean;
	expected: string;
	outside: 'fail';
	source: string;
}

export type FieldRule = NumberRule | FlagRule | DateRule;

/** The longest span any day count or date may cover, before or after the reference time: 100 years of days. */
export const MAX_DAYS = 36_525;
/** A past event stamped up to a day after the reference time is clock skew between systems: it counts as that day. */
export const PAST_EVENT_TOLERANCE_DAYS = 1;

function describe(
	min: number | undefined,
	max: number | undefined,
	whole: boolean,
	unit: string,
): string {
	const kind = whole ? `a whole ${unit}` : `a ${unit}`;
	if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
	if (min !== undefined) return `${kind} of ${min} or more`;
	if (max !== undefined) return `${kind} of ${max} or less`;
	return kind;
}

function numberRule(
	range: { min?: number; max?: number; whole?: boolean; unit?: string },
	source: string,
	outside: Outside = 'fail',
): NumberRule {
	const { min, max, whole = false, unit = 'number' } = range;
	return {
		kind: 'number',
		min,
		max,
		whole,
		expected: describe(min, max, whole, unit),
		outside,
		source,
	};
}

const flagRule = (source: string, outside: Outside = 'fail'): FlagRule => ({
	kind: 'flag',
	expected: 'true or false',
	outside,
	source,
});

const dateRule = (past: boolean, source: string): DateRule => ({
	kind: 'date',
	past,
	expected: past
		? `a date no more than ${PAST_EVENT_TOLERANCE_DAYS} day after the reference time and within 100 years before it`
		: 'a date within 100 years of the reference time',
	outside: 'fail',
	source,
});

const RECORD = 'README "The customer record"';
const count = (source = RECORD) => numberRule({ min: 0, whole: true }, source);
const ratio = (source = RECORD) => numberRule({ min: 0, max: 1 }, source);
const nonNegative = (source = RECORD) => numberRule({ min: 0 }, source);
const daysSince = (source: string) =>
	numberRule({ min: 0, max: MAX_DAYS, unit: 'number of days' }, source);
const daysUntil = (source: string) =>
	numberRule({ min: -MAX_DAYS, max: MAX_DAYS, unit: 'number of days' }, source);
const healthScore = (source: string) =>
	numberRule({ min: 0, max: 100, unit: 'health score' }, source);
const PERCENT_CHANGE = 'a change cannot take away more than all of it: -100 %';

export const NPS_SCORE_RULE = numberRule(
	{ min: 0, max: 10, whole: true },
	'NPS segments: the 0-10 "likely to recommend" answer, whole steps only (docs/sources.md#nps-segments)',
);
export const HEALTH_SCORE_RULE = healthScore(
	'health scoring: the score is 0-100 (docs/sources.md#health-score-formula)',
);
export const ONBOARDING_PERCENT_RULE: NumberRule = {
	...numberRule(
		{ min: 0, max: 100 },
		'the stage rules compare onboardingCompletion with 80 and 50 percent (docs/sources.md#lifecycle-transitions)',
	),
	expected:
		'a percentage from 0 to 100 (set Onboarding Completion Scale to "Fraction (0-1)" for values such as 0.85)',
};
export const ONBOARDING_FRACTION_RULE: NumberRule = {
	...numberRule({ min: 0, max: 1 }, 'the node option Onboarding Completion Scale: Fraction (0-1)'),
	expected:
		'a fraction from 0 to 1 (set Onboarding Completion Scale to "Percent (0-100)" for values such as 85)',
};
/** Any number: the rule of a field the table does not list. */
export const ANY_NUMBER_RULE = numberRule({}, 'fields outside the table: any finite number');
export const PAST_DATE_RULE = dateRule(
	true,
	'a past event cannot be later than now (a day of clock skew allowed)',
);
export const ANY_DATE_RULE = dateRule(false, 'dates within 100 years of the reference time');

export const FIELD_RULES: Readonly<Record<string, FieldRule>> = {
	// Identity, contact: money is never negative.
	mrr: nonNegative('money: a monthly amount is 0 or more'),
	seats: count(),

	// Usage (README: dau_mau_ratio and feature_adoption 0-1; DAU can never exceed MAU).
	dau_mau_ratio: ratio(
		'default health model, ideal 0.5; daily users are a share of monthly users (docs/sources.md#health-default-weights)',
	),
	feature_adoption: ratio(
		'README: feature_adoption (0-1); high-risk indicator "< 30 %" (docs/sources.md#high-risk-indicators)',
	),
	conversations_per_week: nonNegative(),
	days_since_last_login: daysSince(
		'churn signals and the at-risk check; 100 years at most (docs/sources.md#churn-signal-catalogue, #at-risk-check)',
	),
	logins_per_week: nonNegative(),
	features_used_this_month: count(),
	usage_change_percent: numberRule(
		{ min: -100, unit: 'percentage' },
		`churn signal usage_drop_50; ${PERCENT_CHANGE} (docs/sources.md#churn-signal-catalogue)`,
	),
	avg_session_minutes: nonNegative(),
	// 1 is the plan limit; above it, over a soft limit (the forecast counts that as reached). Beyond 10 times the limit
	// is a unit mistake, such as a percentage (85 for 85 %).
	usage_vs_limit: numberRule(
		{ min: 0, max: 10 },
		'expansion signal above 0.8; 1 = at the plan limit (docs/sources.md#expansion-signals)',
	),
	blocked_feature_attempts: count(
		'expansion signal feature_attempts (docs/sources.md#expansion-signals)',
	),
	team_size_change: numberRule(
		{ min: -1 },
		`expansion signal, 0.2 = +20 %; ${PERCENT_CHANGE} (docs/sources.md#expansion-signals)`,
	),
	days_since_key_action: daysSince(
		'intervention playbook "no booking in 14 days" (docs/sources.md#intervention-playbook)',
	),

	// Support, relationship.
	open_tickets: count(
		'churn signal multiple_support_tickets (docs/sources.md#churn-signal-catalogue)',
	),
	avg_csat: numberRule({ min: 1, max: 5 }, 'README: avg_csat (1-5)'),
	escalations: count(),
	high_severity_tickets: count('the at-risk check (docs/sources.md#at-risk-check)'),
	tickets_last_30_days: count(),
	nps_score: NPS_SCORE_RULE,
	rating: numberRule(
		{ min: 1, max: 5 },
		'README: rating (1-5); intervention playbook "rating < 4.0" (docs/sources.md#intervention-playbook)',
	),
	meetings_attended: count(),
	responses_to_outreach: count(),

	// Money, contract.
	payment_health: ratio('README: payment_health (0-1)'),
	growth_potential: ratio('README: growth_potential (0-1)'),
	contract_length: numberRule(
		{ min: 0, max: 1200, unit: 'number of months' },
		'README: months; 100 years at most',
	),
	failed_payments: count('churn signal failed_payment (docs/sources.md#churn-signal-catalogue)'),
	days_to_renewal: daysUntil(
		'expansion signals and the stage rules; negative once the renewal date has passed (docs/sources.md#expansion-signals, #lifecycle-transitions)',
	),
	trial_days_remaining: daysUntil(
		'intervention playbook; negative once the trial has ended (docs/sources.md#intervention-playbook)',
	),

	// Events.
	cancellation_requested: flagRule(
		'churn signal catalogue (docs/sources.md#churn-signal-catalogue)',
	),
	competitor_mentioned: flagRule('churn signal catalogue (docs/sources.md#churn-signal-catalogue)'),

	// History and lifecycle.
	previous_health_score: HEALTH_SCORE_RULE,
	health_score: HEALTH_SCORE_RULE,
	days_since_signup: daysSince(
		'the stage rules daysAsCustomer, tenure stages (docs/sources.md#lifecycle-transitions, #tenure-stages)',
	),
	// Whole days: the survey throttle counts calendar days (docs/sources.md#nps-survey-throttle "once per quarter").
	days_since_last_nps_survey: numberRule(
		{ min: 0, max: MAX_DAYS, whole: true, unit: 'number of days' },
		'survey at most once a quarter (docs/sources.md#nps-survey-throttle)',
	),
	onboarding_completion: ONBOARDING_PERCENT_RULE,
	expansion_opportunity: flagRule(
		'the stage rules expansionOpportunity (docs/sources.md#lifecycle-transitions)',
	),
	expansion_closed: flagRule(
		'the stage rules expansionClosed (docs/sources.md#lifecycle-transitions)',
	),

	// Expansion Signals (docs/sources.md#expansion-signals): the engagement score is 0-100; outcomes and targets any number.
	engagement_score: numberRule(
		{ min: 0, max: 100, unit: 'score' },
		'expansion signal engagementScore > 80; the Engagement Score node scores 0-100 (docs/sources.md#expansion-signals, #engagement-score)',
	),
	business_outcomes: ANY_NUMBER_RULE,
	business_targets: ANY_NUMBER_RULE,
	// Engagement Score (docs/sources.md#engagement-score): this month's activity, and last month's for the change.
	logins_this_month: count(
		'engagement score: 30 logins a month score 100 (docs/sources.md#engagement-score)',
	),
	logins_last_month: count('engagement change of logins (docs/sources.md#engagement-change)'),
	active_users: count(
		'engagement score: 5 active users score 100 (docs/sources.md#engagement-score)',
	),
	actions_this_month: count(
		'engagement score: 100 actions a month score 100 (docs/sources.md#engagement-score)',
	),
	actions_last_month: count('engagement change of usage (docs/sources.md#engagement-change)'),
	// A share: above 1 counts as 1 (docs/sources.md#diff-engagement-clamp); above 2 is a unit mistake (85 for 85 %).
	automation_rate: numberRule(
		{ min: 0, max: 2 },
		'engagement score: automation rate 0-1, above 1 counted as 1 (docs/sources.md#engagement-score)',
	),
	avg_csat_last_month: numberRule(
		{ min: 1, max: 5 },
		'engagement change of satisfaction, as avg_csat (docs/sources.md#engagement-change)',
	),
	previous_engagement_score: numberRule(
		{ min: 0, max: 100, unit: 'score' },
		'engagement change of the score (docs/sources.md#engagement-change)',
	),

	// Beyond the seeds and optional: left out with the reason, never failing the item.
	usage_growth_per_month: numberRule(
		{ min: -10, max: 10 },
		'the change of usage_vs_limit (0-10) in 30 days',
		'omit',
	),
	analytics_views_per_week: numberRule(
		{ min: 0 },
		'add-on trigger, off by default (docs/sources.md#expansion-add-ons)',
		'omit',
	),
	integration_requested: flagRule(
		'add-on trigger, off by default (docs/sources.md#expansion-add-ons)',
		'omit',
	),
	branding_mentioned: flagRule(
		'add-on trigger, off by default (docs/sources.md#expansion-add-ons)',
		'omit',
	),
	large_event_scheduled: flagRule(
		'add-on trigger, off by default (docs/sources.md#expansion-add-ons)',
		'omit',
	),

	// The fields of the banded model (docs/sources.md#banded-health-model) and docs/sources.md#four-component-health-model (README "The models").
	campaigns_per_month: nonNegative('banded health model (docs/sources.md#banded-health-model)'),
	roi_percent: numberRule(
		{ min: -100, unit: 'percentage' },
		`banded health model; ${PERCENT_CHANGE} (docs/sources.md#banded-health-model)`,
	),
	open_rate: ratio('banded health model "open rate > 30 %" (docs/sources.md#banded-health-model)'),
	click_rate: ratio('banded health model "click rate > 6 %" (docs/sources.md#banded-health-model)'),
	conversion_rate: ratio(
		'banded health model "conversion rate > 10 %" (docs/sources.md#banded-health-model)',
	),
	revenue_increase_percent: numberRule(
		{ min: -100, unit: 'percentage' },
		`banded health model; ${PERCENT_CHANGE} (docs/sources.md#banded-health-model)`,
	),
	support_rating: numberRule(
		{ min: 0, max: 10 },
		'banded health model: support rating out of 10 (docs/sources.md#banded-health-model)',
	),
	goal_achievement: ratio(
		'four-component health model: goal achievement, 80 % the target (docs/sources.md#four-component-health-model)',
	),

	// Dates (ISO 8601 or epoch numbers, see src/shared/dates.ts), against the reference time.
	last_login_at: PAST_DATE_RULE,
	last_key_action_at: PAST_DATE_RULE,
	signup_date: PAST_DATE_RULE,
	last_nps_survey_at: PAST_DATE_RULE,
	nps_responded_at: PAST_DATE_RULE,
	renewal_date: ANY_DATE_RULE,
	trial_ends_at: ANY_DATE_RULE,
};

const NUMBER_RULES = new Map<string, NumberRule>();
const FLAG_RULES = new Map<string, FlagRule>();
const DATE_RULES = new Map<string, DateRule>();
for (const [field, rule] of Object.entries(FIELD_RULES)) {
	if (rule.kind === 'number') NUMBER_RULES.set(field, rule);
	else if (rule.kind === 'flag') FLAG_RULES.set(field, rule);
	else DATE_RULES.set(field, rule);
}

/** The numeric rule of a field, or undefined when the table does not list it as a number. */
export function numberRuleFor(field: string): NumberRule | undefined {
	return NUMBER_RULES.get(field);
}

export function flagRuleFor(field: string): FlagRule | undefined {
	return FLAG_RULES.get(field);
}

export function dateRuleFor(field: string): DateRule | undefined {
	return DATE_RULES.get(field);
}
