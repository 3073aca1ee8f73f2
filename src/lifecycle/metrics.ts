import {
	ONBOARDING_FRACTION_RULE,
	ONBOARDING_PERCENT_RULE,
	type NumberRule,
} from '../customer/fieldRules';
import { isAbsentValue, OmittedValue, readFlagField, readNumberField } from '../customer/fields';
import { readHealthScore } from '../customer/healthScore';
import { CustomerInputError } from '../customer/locate';
import { roundTo } from '../shared/numbers';
import { getPath, isPlainObject } from '../shared/path';
import { previewValue } from '../shared/preview';

/**
 * The agent specification (docs/sources.md#lifecycle-transitions) reads `customer.*` and `metrics.*` (CustomerMetrics); we read them from the customer record
 * (docs/sources.md#customer-record) and from what our other nodes wrote into the item:
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
 * A value that is present but outside its field's rule (src/customer/fieldRules.ts: "soon", an NPS of 11) is an error
 * naming the field.
 */

export type OnboardingCompletionScale = 'percent' | 'fraction';
export const ONBOARDING_COMPLETION_SCALES: readonly OnboardingCompletionScale[] = [
	'percent',
	'fraction',
];

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

export const isAbsent = isAbsentValue;

function got(value: unknown): string {
	return `(got ${previewValue(value)})`;
}

/**
 * A number through its field's rule (src/customer/fieldRules.ts, or `rule` for a field read under another's rule):
 * undefined when absent; a value outside the rule fails naming the field (every lifecycle field's rule fails).
 */
export function readNumber(
	source: unknown,
	field: string,
	rule?: NumberRule,
	label = field,
): number | undefined {
	const value = readNumberField(getPath(source, field), label, rule);
	return value instanceof OmittedValue ? undefined : value;
}

/** A status compared as the seed's string literals: trimmed and lower case ("Active " is "active"). */
function readStatus(source: unknown, field: string): string | undefined {
	const raw = getPath(source, field);
	if (isAbsent(raw)) return undefined;
	if (typeof raw !== 'string')
		throw new CustomerInputError(`${field}: must be text such as "active" ${got(raw)}`, field);
	const status = raw.trim().toLowerCase();
	return status === '' ? undefined : status;
}

function readFlag(source: unknown, field: string, label = field): boolean | undefined {
	const value = readFlagField(getPath(source, field), label);
	return value instanceof OmittedValue ? undefined : value;
}

/**
 * The record's `expansion_opportunity`, or the item's `expansion.opportunities` written by Expansion Signals:
 * true when either says so, false when one is present and neither says so, missing when both are absent.
 */
function readExpansionOpportunity(
	item: Record<string, unknown>,
	record: Record<string, unknown>,
): boolean | undefined {
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
export function readDays(
	record: Record<string, unknown>,
	derived: Readonly<Record<string, number>>,
	field: string,
	label = field,
): number | undefined {
	if (Object.prototype.hasOwnProperty.call(derived, field)) return derived[field];
	return readNumber(record, field, undefined, label);
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
	const completion = readNumber(
		record,
		'onboarding_completion',
		scale === 'fraction' ? ONBOARDING_FRACTION_RULE : ONBOARDING_PERCENT_RULE,
	);
	return {
		subscriptionStatus: {
			value: readStatus(record, 'subscription_status'),
			fields: ['subscription_status'],
		},
		renewalStatus: { value: readStatus(record, 'renewal_status'), fields: ['renewal_status'] },
		trialDaysRemaining: {
			value: readDays(record, derived, 'trial_days_remaining'),
			fields: ['trial_days_remaining', 'trial_ends_at'],
		},
		onboardingCompletion: {
			value:
				completion === undefined || scale === 'percent' ? completion : roundTo(completion * 100, 6),
			fields: ['onboarding_completion'],
		},
		daysAsCustomer: {
			value: readDays(record, derived, 'days_since_signup'),
			fields: ['days_since_signup', 'signup_date'],
		},
		healthScore: {
			value: readHealthScore(item, record)?.value,
			fields: ['health.score', 'health_score'],
		},
		daysUntilRenewal: {
			value: readDays(record, derived, 'days_to_renewal'),
			fields: ['days_to_renewal', 'renewal_date'],
		},
		expansionOpportunity: {
			value: readExpansionOpportunity(item, record),
			fields: ['expansion_opportunity', 'expansion.opportunities'],
		},
		npsScore: { value: readNumber(record, 'nps_score'), fields: ['nps_score'] },
		expansionClosed: { value: readFlag(record, 'expansion_closed'), fields: ['expansion_closed'] },
		daysWithoutLogin: {
			value: readDays(record, derived, 'days_since_last_login'),
			fields: ['days_since_last_login', 'last_login_at'],
		},
		supportTicketsSeverityHigh: {
			value: readNumber(record, 'high_severity_tickets'),
			fields: ['high_severity_tickets'],
		},
	};
}
