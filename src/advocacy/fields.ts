import { numberRuleFor, NPS_SCORE_RULE, type NumberRule } from '../customer/fieldRules';
import {
	isAbsentValue,
	OmittedValue,
	outsideRuleMessage,
	readFlagField,
	readNumberField,
} from '../customer/fields';
import { CustomerInputError } from '../customer/errors';
import { getPath, isPlainObject } from '../shared/path';
import { previewValue } from '../shared/preview';
import { ADVOCACY_ACTIVITY_IDS } from './program';

/**
 * The customer-record fields of advocacy and loyalty (docs/sources.md#customer-record): their names and rules, and
 * readers that fail naming the field. None of them is required: a customer the record says nothing about has 0 points,
 * no tier above the first, and is not a known promoter.
 */

export const ADVOCACY_FIELDS = {
	/** Points earned in the advocacy programme (the tier is decided by these). */
	points: 'advocacy_points',
	/** Completed advocacy activities (ids, as a list or comma-separated text); points when advocacy_points is absent. */
	activities: 'advocacy_activities',
	/** Advocacy points already spent on rewards. */
	redeemed: 'advocacy_points_redeemed',
	/** When the customer was first asked to be an advocate: present means approached. */
	approachedAt: 'advocacy_approached_at',
	/** Seed 002 §13 `advocacyStatus`: "none" (or absent) means not approached. */
	status: 'advocacy_status',
	hasReview: 'has_review',
	hasCaseStudy: 'has_case_study',
	hasReferrals: 'has_referrals',
	hasSuccessStory: 'has_success_story',
} as const;

export const LOYALTY_FIELDS = {
	monthsActive: 'months_active',
	featuresAdopted: 'features_adopted',
	successfulReferrals: 'successful_referrals',
	feedbackSubmissions: 'feedback_submissions',
	/** Loyalty points earned in all, when a ledger keeps them (else computed from the earning rules). */
	points: 'loyalty_points',
	redeemed: 'loyalty_points_redeemed',
} as const;

export const REFERRAL_FIELDS = {
	customerId: 'customer_id',
	code: 'referral_code',
	referrerId: 'referrer_id',
	referrerReferrals: 'referrer_successful_referrals',
	referrerReferralsThisYear: 'referrer_referrals_this_year',
} as const;

const MAX_POINTS = 1_000_000_000;

const rule = (
	min: number,
	max: number,
	expected: string,
	source: string,
	whole = true,
): NumberRule => ({ kind: 'number', min, max, whole, expected, outside: 'fail', source });

export const POINTS_RULE = rule(
	0,
	MAX_POINTS,
	`a whole number of points from 0 to ${MAX_POINTS}`,
	'points are whole: every activity, reward and earning rule is a whole number (docs/sources.md#advocacy-program, #loyalty-points)',
);
export const COUNT_RULE = rule(0, 1_000_000, 'a whole number from 0 to 1000000', 'a count');
export const MONTHS_RULE = rule(
	0,
	1200,
	'a whole number of months from 0 to 1200',
	'months active; 100 years at most',
);
export const MRR_RULE = numberRuleFor('mrr') as NumberRule;
export const FEATURE_ADOPTION_RULE = numberRuleFor('feature_adoption') as NumberRule;
export const ENGAGEMENT_SCORE_RULE = numberRuleFor('engagement_score') as NumberRule;

/** A number field through `rule`: the number, or null when absent; outside the rule fails naming the field. */
export function readNumber(
	record: Record<string, unknown>,
	field: string,
	used: NumberRule,
): number | null {
	const value = readNumberField(getPath(record, field), field, used);
	if (value instanceof OmittedValue) throw new CustomerInputError(value.reason, field);
	return value ?? null;
}

export function readFlag(record: Record<string, unknown>, field: string): boolean | null {
	const value = readFlagField(getPath(record, field), field);
	if (value instanceof OmittedValue) throw new CustomerInputError(value.reason, field);
	return value ?? null;
}

export interface ScoreReading {
	field: string;
	value: number;
}

/**
 * The `score` a node of this package wrote at the item's top level (`nps` by NPS, `engagement` by Engagement Score),
 * else the record's own field, else null. A null `score` written by a node falls through to the record field.
 */
export function readNodeScore(
	item: Record<string, unknown>,
	record: Record<string, unknown>,
	key: string,
	recordField: string,
	used: NumberRule,
): ScoreReading | null {
	const written = item[key];
	if (isPlainObject(written) && !isAbsentValue(written.score)) {
		const field = `${key}.score`;
		return { field, value: readNumberField(written.score, field, used) as number };
	}
	const value = readNumber(record, recordField, used);
	return value === null ? null : { field: recordField, value };
}

export const readNpsScore = (item: Record<string, unknown>, record: Record<string, unknown>) =>
	readNodeScore(item, record, 'nps', 'nps_score', NPS_SCORE_RULE);

export const readEngagementScore = (
	item: Record<string, unknown>,
	record: Record<string, unknown>,
) => readNodeScore(item, record, 'engagement', 'engagement_score', ENGAGEMENT_SCORE_RULE);

/** At most this many activities in one list: more is not one customer's history. */
const MAX_ACTIVITIES = 10_000;

/**
 * The completed advocacy activities: a list of activity ids, or text with the ids separated by commas. Each must be
 * one of the programme's ids (an unknown one fails naming its position, e.g. `advocacy_activities.2`).
 */
export function readActivities(record: Record<string, unknown>): string[] | null {
	const field = ADVOCACY_FIELDS.activities;
	const raw = getPath(record, field);
	if (isAbsentValue(raw)) return null;
	let list: unknown[];
	if (typeof raw === 'string') list = raw.split(',').map((id) => id.trim());
	else if (Array.isArray(raw)) list = raw;
	else
		throw new CustomerInputError(
			outsideRuleMessage(field, 'a list of activity ids, or the ids separated by commas', raw),
			field,
		);
	if (list.length > MAX_ACTIVITIES) {
		throw new CustomerInputError(
			`${field}: must hold at most ${MAX_ACTIVITIES} activities (got ${list.length})`,
			field,
		);
	}
	return list.map((id, index) => {
		const text = typeof id === 'string' ? id.trim() : id;
		if (typeof text !== 'string' || !ADVOCACY_ACTIVITY_IDS.includes(text)) {
			const at = typeof raw === 'string' ? field : `${field}.${index}`;
			throw new CustomerInputError(
				`${at}: must be one of ${ADVOCACY_ACTIVITY_IDS.join(', ')} (got ${previewValue(id)})`,
				at,
			);
		}
		return text;
	});
}
