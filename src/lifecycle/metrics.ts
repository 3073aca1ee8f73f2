import { z } from 'zod';

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

/** Numbers may arrive as numeric strings; anything else must be a finite number inside the rule's range. */
function numberSchema(rule: NumberRule) {
	let schema = z.number();
	if (rule.min !== undefined) schema = schema.min(rule.min);
	if (rule.max !== undefined) schema = schema.max(rule.max);
	return z.preprocess((value) => toFiniteNumber(value) ?? value, schema);
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

const statusSchema = z.string();
const flagSchema = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((value) => value === true || value === 'true');

export function readNumber(source: unknown, field: string, rule: NumberRule, label = field): number | undefined {
	const raw = getPath(source, field);
	if (isAbsent(raw)) return undefined;
	const parsed = numberSchema(rule).safeParse(raw);
	if (!parsed.success) throw new CustomerInputError(`${label}: must be ${rule.expected} ${got(raw)}`, label);
	return parsed.data as number;
}

/** A status compared as the seed's string literals: trimmed and lower case ("Active " is "active"). */
function readStatus(source: unknown, field: string): string | undefined {
	const raw = getPath(source, field);
	if (isAbsent(raw)) return undefined;
	const parsed = statusSchema.safeParse(raw);
	if (!parsed.success) throw new CustomerInputError(`${field}: must be text such as "active" ${got(raw)}`, field);
	const status = parsed.data.trim().toLowerCase();
	return status === '' ? undefined : status;
}

function readFlag(source: unknown, field: string, label = field): boolean | undefined {
	const raw = getPath(source, field);
	if (isAbsent(raw)) return undefined;
	const parsed = flagSchema.safeParse(raw);
	if (!parsed.success) throw new CustomerInputError(`${label}: must be true or false ${got(raw)}`, label);
	return parsed.data;
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

/**
 * Reads the seed's metrics. `record` is the customer record with derived days_* fields already merged in;
 * `item` is the whole item json (where other nodes wrote `health` and `expansion`).
 */
export function readLifecycleMetrics(
	item: Record<string, unknown>,
	record: Record<string, unknown>,
	scale: OnboardingCompletionScale = 'percent',
): LifecycleMetrics {
	const completion = readNumber(record, 'onboarding_completion', scale === 'fraction' ? FRACTION : PERCENT);
	return {
		subscriptionStatus: { value: readStatus(record, 'subscription_status'), fields: ['subscription_status'] },
		renewalStatus: { value: readStatus(record, 'renewal_status'), fields: ['renewal_status'] },
		trialDaysRemaining: {
			value: readNumber(record, 'trial_days_remaining', DAYS),
			fields: ['trial_days_remaining', 'trial_ends_at'],
		},
		onboardingCompletion: {
			value: completion === undefined || scale === 'percent' ? completion : roundTo(completion * 100, 6),
			fields: ['onboarding_completion'],
		},
		daysAsCustomer: { value: readNumber(record, 'days_since_signup', DAYS), fields: ['days_since_signup', 'signup_date'] },
		healthScore: { value: readHealthScore(item, record)?.value, fields: ['health.score', 'health_score'] },
		daysUntilRenewal: { value: readNumber(record, 'days_to_renewal', DAYS), fields: ['days_to_renewal', 'renewal_date'] },
		expansionOpportunity: {
			value: readExpansionOpportunity(item, record),
			fields: ['expansion_opportunity', 'expansion.opportunities'],
		},
		npsScore: { value: readNumber(record, 'nps_score', NPS), fields: ['nps_score'] },
		expansionClosed: { value: readFlag(record, 'expansion_closed'), fields: ['expansion_closed'] },
		daysWithoutLogin: {
			value: readNumber(record, 'days_since_last_login', DAYS),
			fields: ['days_since_last_login', 'last_login_at'],
		},
		supportTicketsSeverityHigh: {
			value: readNumber(record, 'high_severity_tickets', COUNT),
			fields: ['high_severity_tickets'],
		},
	};
}
