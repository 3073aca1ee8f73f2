import { readHealthScore } from '../customer/healthScore';
import { CustomerInputError } from '../customer/locate';
import { toFiniteNumber, roundTo } from '../shared/numbers';
import { getPath, isPlainObject } from '../shared/path';

/**
 * Seed 002 §3.2 reads `customer.*` and `metrics.*` (CustomerMetrics); we read them from the customer record
 * (DESIGN.md vocabulary) and from what our other nodes wrote into the item:
 *
 * | seed                               | where we read it                                                      |
 * |------------------------------------|-----------------------------------------------------------------------|
 * | customer.subscriptionStatus        | `subscription_status` ('active', 'cancelled', 'trialing', …)          |
 * | customer.renewalStatus             | `renewal_status` ('completed', …)                                     |
 * | metrics.trialDaysRemaining         | `trial_days_remaining`, else derived from `trial_ends_at`             |
 * | metrics.onboardingCompletion       | `onboarding_completion`, 0-100 (or 0-1 with the fraction scale)       |
 * | metrics.daysAsCustomer             | `days_since_signup`, else derived from `signup_date`                  |
 * | metrics.healthScore                | the item's `health.score` (Customer Health Score node), else `health_score` |
 * | metrics.daysUntilRenewal           | `days_to_renewal`, else derived from `renewal_date`                   |
 * | metrics.expansionOpportunity       | `expansion_opportunity` true, or the item's `expansion.opportunities` non-empty (Expansion Signals node) |
 * | metrics.npsScore                   | `nps_score`                                                           |
 * | metrics.expansionClosed            | `expansion_closed`                                                    |
 * | metrics.daysWithoutLogin           | `days_since_last_login`, else derived from `last_login_at`            |
 * | metrics.supportTicketsSeverityHigh | `high_severity_tickets`                                               |
 *
 * A value that is absent (undefined, null, "") stays undefined: the rules never let it make a condition true.
 * A value that is present but unusable ("soon", an NPS of 11) is an error naming the field.
 */

export type OnboardingCompletionScale = 'percent' | 'fraction';

/** One input of the rules: its value (undefined when missing) and where it was looked for. */
export interface Metric<T> {
	value: T | undefined;
	fields: string[];
}

export interface LifecycleMetrics {
	subscriptionStatus: Metric<string>;
	renewalStatus: Metric<string>;
	trialDaysRemaining: Metric<number>;
	/** Always a percentage 0-100 here, whatever the scale of the record. */
	onboardingCompletion: Metric<number>;
	daysAsCustomer: Metric<number>;
	healthScore: Metric<number>;
	daysUntilRenewal: Metric<number>;
	expansionOpportunity: Metric<boolean>;
	npsScore: Metric<number>;
	expansionClosed: Metric<boolean>;
	daysWithoutLogin: Metric<number>;
	supportTicketsSeverityHigh: Metric<number>;
}

export function isAbsent(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

function got(value: unknown): string {
	return `(got ${JSON.stringify(value) ?? String(value)})`;
}

export interface NumberRule {
	min?: number;
	max?: number;
	/** How the expected value is described in an error, e.g. "a number from 0 to 10". */
	expected: string;
}

export const DAYS: NumberRule = { expected: 'a number of days' };
const COUNT: NumberRule = { min: 0, expected: 'a count of 0 or more' };
const NPS: NumberRule = { min: 0, max: 10, expected: 'an NPS score from 0 to 10' };
const PERCENT: NumberRule = {
	min: 0,
	max: 100,
	expected: 'a percentage from 0 to 100 (set Onboarding Completion Scale to "Fraction (0-1)" for values such as 0.85)',
};
const FRACTION: NumberRule = {
	min: 0,
	max: 1,
	expected: 'a fraction from 0 to 1 (set Onboarding Completion Scale to "Percent (0-100)" for values such as 85)',
};

/**
 * A number as the rules read it: a number or a numeric string ("12"), not NaN, inside the rule's range. Plain checks
 * (these run for every metric of every item): the same rules as the zod schema `z.preprocess(toFiniteNumber, z.number()
 * .min().max())` they replace (test/unit/lifecycle/readers.test.ts compares them), so Infinity is still a number of days.
 */
export function ruleNumber(raw: unknown, rule: NumberRule): number | undefined {
	const value = toFiniteNumber(raw) ?? raw;
	if (typeof value !== 'number' || Number.isNaN(value)) return undefined;
	if (rule.min !== undefined && value < rule.min) return undefined;
	if (rule.max !== undefined && value > rule.max) return undefined;
	return value;
}

export function readNumber(source: unknown, field: string, rule: NumberRule, label = field): number | undefined {
	const raw = getPath(source, field);
	if (isAbsent(raw)) return undefined;
	const value = ruleNumber(raw, rule);
	if (value === undefined) throw new CustomerInputError(`${label}: must be ${rule.expected} ${got(raw)}`, label);
	return value;
}

/** A status compared as the seed's string literals: trimmed and lower case ("Active " is "active"). */
function readStatus(source: unknown, field: string): string | undefined {
	const raw = getPath(source, field);
	if (isAbsent(raw)) return undefined;
	if (typeof raw !== 'string') throw new CustomerInputError(`${field}: must be text such as "active" ${got(raw)}`, field);
	const status = raw.trim().toLowerCase();
	return status === '' ? undefined : status;
}

/** true/false, or exactly the strings "true"/"false". */
export function ruleFlag(raw: unknown): boolean | undefined {
	if (typeof raw === 'boolean') return raw;
	if (raw === 'true') return true;
	if (raw === 'false') return false;
	return undefined;
}

function readFlag(source: unknown, field: string, label = field): boolean | undefined {
	const raw = getPath(source, field);
	if (isAbsent(raw)) return undefined;
	const value = ruleFlag(raw);
	if (value === undefined) throw new CustomerInputError(`${label}: must be true or false ${got(raw)}`, label);
	return value;
}

/**
 * The record's `expansion_opportunity`, or the item's `expansion.opportunities` written by Expansion Signals:
 * true when either says so, false when one is present and neither says so, missing when both are absent.
 */
function readExpansionOpportunity(item: Record<string, unknown>, record: Record<string, unknown>): boolean | undefined {
	const flag = readFlag(record, 'expansion_opportunity');
	let fromSignals: boolean | undefined;
	const expansion = item.expansion;
	if (isPlainObject(expansion) && !isAbsent(expansion.opportunities)) {
		if (!Array.isArray(expansion.opportunities)) {
			throw new CustomerInputError(
				`expansion.opportunities: must be the list written by Expansion Signals ${got(expansion.opportunities)}`,
				'expansion.opportunities',
			);
		}
		fromSignals = expansion.opportunities.length > 0;
	}
	if (flag === true || fromSignals === true) return true;
	if (flag === false || fromSignals === false) return false;
	return undefined;
}

/** The days_* fields the rules read, each derived from its date when the record does not give it. */
export const LIFECYCLE_DAY_FIELDS: ReadonlySet<string> = new Set([
	'trial_days_remaining',
	'days_since_signup',
	'days_to_renewal',
	'days_since_last_login',
]);

/** A days_* field: the one derived from its date (`derived`, laid over the record without copying it), else the record's. */
export function readDays(record: Record<string, unknown>, derived: Readonly<Record<string, number>>, field: string, label = field): number | undefined {
	if (Object.prototype.hasOwnProperty.call(derived, field)) return derived[field];
	return readNumber(record, field, DAYS, label);
}

/**
 * Reads the seed's metrics. `record` is the customer record; `derived` the days_* fields derived from its dates (or
 * already merged into `record`); `item` is the whole item json (where other nodes wrote `health` and `expansion`).
 */
export function readLifecycleMetrics(
	item: Record<string, unknown>,
	record: Record<string, unknown>,
	scale: OnboardingCompletionScale = 'percent',
	derived: Readonly<Record<string, number>> = {},
): LifecycleMetrics {
	const completion = readNumber(record, 'onboarding_completion', scale === 'fraction' ? FRACTION : PERCENT);
	return {
		subscriptionStatus: { value: readStatus(record, 'subscription_status'), fields: ['subscription_status'] },
		renewalStatus: { value: readStatus(record, 'renewal_status'), fields: ['renewal_status'] },
		trialDaysRemaining: {
			value: readDays(record, derived, 'trial_days_remaining'),
			fields: ['trial_days_remaining', 'trial_ends_at'],
		},
		onboardingCompletion: {
			value: completion === undefined || scale === 'percent' ? completion : roundTo(completion * 100, 6),
			fields: ['onboarding_completion'],
		},
		daysAsCustomer: { value: readDays(record, derived, 'days_since_signup'), fields: ['days_since_signup', 'signup_date'] },
		healthScore: { value: readHealthScore(item, record)?.value, fields: ['health.score', 'health_score'] },
		daysUntilRenewal: { value: readDays(record, derived, 'days_to_renewal'), fields: ['days_to_renewal', 'renewal_date'] },
		expansionOpportunity: {
			value: readExpansionOpportunity(item, record),
			fields: ['expansion_opportunity', 'expansion.opportunities'],
		},
		npsScore: { value: readNumber(record, 'nps_score', NPS), fields: ['nps_score'] },
		expansionClosed: { value: readFlag(record, 'expansion_closed'), fields: ['expansion_closed'] },
		daysWithoutLogin: {
			value: readDays(record, derived, 'days_since_last_login'),
			fields: ['days_since_last_login', 'last_login_at'],
		},
		supportTicketsSeverityHigh: {
			value: readNumber(record, 'high_severity_tickets', COUNT),
			fields: ['high_severity_tickets'],
		},
	};
}
