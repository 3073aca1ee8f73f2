import type { DateTime } from 'luxon';

import { customerTimeZone } from '../customer/derive';
import { PAST_DATE_RULE } from '../customer/fieldRules';
import { isAbsentValue, outsideRuleMessage, readDateField } from '../customer/fields';
import { readHealthScore } from '../customer/healthScore';
import { CustomerInputError, locateCustomerRecord } from '../customer/locate';
import { isoTime } from '../playbooks/zonedTime';
import { referenceMillis } from '../shared/dates';
import { numberParameter } from '../shared/parameters';
import { getPath } from '../shared/path';
import {
	ADVOCACY_FIELDS,
	POINTS_RULE,
	readActivities,
	readFlag,
	readNpsScore,
	readNumber,
} from './fields';
import {
	ADVOCACY_ACTIVITIES,
	advocacyTierFor,
	affordableAdvocacyRewards,
	nextAdvocacyTier,
	pointsForActivities,
	type AdvocacyActivityType,
	type AdvocacyRewardType,
	type AdvocacyTierId,
	type NextTier,
} from './program';
import { pointsBalance } from './redeem';

/**
 * Evaluate Advocate: one customer's place in the advocacy programme (docs/sources.md#advocacy-program, seed 002 §13):
 * points and tier, whether they are an advocacy candidate, the activities to suggest, the rewards they can afford.
 *
 * Candidate (seed 002 §13 `getAdvocacyCandidates`): a promoter (NPS 9 or more) with a health score of 70 or more who
 * has not been approached. Fields, in the order they are looked for:
 * - NPS: the `nps.score` an NPS node wrote at the item's top level, else the record's `nps_score`;
 * - health: the `health.score` a Customer Health Score node wrote, else the record's `health_score`;
 * - approached: `advocacy_approached_at` (a date: present means approached) or `advocacy_status` (the seed's
 *   `advocacyStatus`: "none" or absent means not approached; any other value, e.g. "invited", means approached).
 * A missing NPS or health score is not an error: the customer is not a known promoter, or not known to be healthy, and
 * so not a candidate, with the reason said. The seed also sorts candidates by MRR and keeps 20: a workflow does that
 * with n8n's Sort and Limit nodes.
 */

export const DEFAULT_MIN_PROMOTER_SCORE = 9;
export const DEFAULT_MIN_HEALTH_SCORE = 70;

export interface AdvocateConfig {
	customerPath?: string;
	/** NPS from which a customer is a promoter; default 9. */
	minPromoterScore?: unknown;
	/** Health score from which a customer counts as healthy; default 70. */
	minHealthScore?: unknown;
	reference: DateTime;
	defaultTimeZone: string;
}

export interface Criterion {
	met: boolean;
	/** Where the value was read; null when no field gave one. */
	field: string | null;
	value: number | string | null;
	threshold: number | null;
}

export interface SuggestedActivity {
	id: string;
	name: string;
	type: AdvocacyActivityType;
	points: number;
	reason: string;
}

export interface AffordableReward {
	id: string;
	name: string;
	type: AdvocacyRewardType;
	pointsCost: number;
}

export interface AdvocateResult {
	candidate: boolean;
	/** Why, in one sentence. */
	reason: string;
	criteria: { promoter: Criterion; healthy: Criterion; notApproached: Criterion };
	points: number;
	/** advocacy_points, advocacy_activities, or none (no points yet). */
	pointsFrom: string;
	pointsRedeemed: number;
	balance: number;
	tier: AdvocacyTierId;
	tierName: string;
	benefits: string[];
	nextTier: NextTier | null;
	/** Only for candidates: the seed suggests activities to the customers it approaches. */
	suggestedActivities: SuggestedActivity[];
	affordableRewards: AffordableReward[];
}

interface Approach {
	approached: boolean;
	field: string | null;
	value: string | null;
}

function readApproach(
	record: Record<string, unknown>,
	zone: string,
	referenceMs: number,
): Approach {
	const atField = ADVOCACY_FIELDS.approachedAt;
	const rawAt = getPath(record, atField);
	if (!isAbsentValue(rawAt)) {
		const ms = readDateField(rawAt, atField, zone, referenceMs, PAST_DATE_RULE) as number;
		return { approached: true, field: atField, value: isoTime(ms, zone, true) };
	}
	const statusField = ADVOCACY_FIELDS.status;
	const status = getPath(record, statusField);
	if (isAbsentValue(status)) return { approached: false, field: null, value: null };
	if (typeof status !== 'string') {
		throw new CustomerInputError(
			outsideRuleMessage(statusField, 'text such as "none" or "invited"', status),
			statusField,
		);
	}
	const text = status.trim().toLowerCase();
	return { approached: text !== 'none', field: statusField, value: text };
}

/** Activities done, from the list and the has_* flags. */
interface History {
	done: ReadonlySet<string>;
	hasSuccessStory: boolean;
}

function readHistory(record: Record<string, unknown>, activities: string[] | null): History {
	const done = new Set(activities ?? []);
	if (readFlag(record, ADVOCACY_FIELDS.hasReview)) done.add('g2_review');
	if (readFlag(record, ADVOCACY_FIELDS.hasCaseStudy)) done.add('case_study');
	if (readFlag(record, ADVOCACY_FIELDS.hasReferrals)) done.add('referral');
	return { done, hasSuccessStory: readFlag(record, ADVOCACY_FIELDS.hasSuccessStory) === true };
}

function suggestion(id: string, reason: string): SuggestedActivity {
	const activity = ADVOCACY_ACTIVITIES.find((entry) => entry.id === id)!;
	return { id, name: activity.name, type: activity.type, points: activity.points, reason };
}

/**
 * Seed 002 §13 `suggestActivities`, its three rules in its order:
 * - a promoter without a review: g2_review;
 * - a customer with a success story and no case study: case_study;
 * - a customer who has not referred anyone: referral.
 * "Has a review / case study / referral" is a completed activity in advocacy_activities or the flag has_review,
 * has_case_study, has_referrals; "has a success story" is has_success_story. The seed never suggests a webinar or a
 * testimonial; neither do we.
 */
export function suggestActivities(
	npsScore: number,
	minPromoterScore: number,
	history: History,
): SuggestedActivity[] {
	const suggestions: SuggestedActivity[] = [];
	if (npsScore >= minPromoterScore && !history.done.has('g2_review'))
		suggestions.push(suggestion('g2_review', 'A promoter who has not written a review yet'));
	if (history.hasSuccessStory && !history.done.has('case_study'))
		suggestions.push(suggestion('case_study', 'Has a success story and no case study yet'));
	if (!history.done.has('referral'))
		suggestions.push(suggestion('referral', 'Has not referred anyone yet'));
	return suggestions;
}

function describeCandidate(result: AdvocateResult['criteria']): string {
	const { promoter, healthy, notApproached } = result;
	const reasons: string[] = [];
	if (!promoter.met) {
		reasons.push(
			promoter.value === null
				? 'no NPS score (nps_score) to tell a promoter'
				: `NPS ${promoter.value} is below ${promoter.threshold} (not a promoter)`,
		);
	}
	if (!healthy.met) {
		reasons.push(
			healthy.value === null
				? 'no health score (health.score or health_score)'
				: `health score ${healthy.value} is below ${healthy.threshold}`,
		);
	}
	if (!notApproached.met)
		reasons.push(`already approached (${notApproached.field} ${notApproached.value})`);
	if (reasons.length === 0) {
		return `Advocacy candidate: promoter (NPS ${promoter.value}), health score ${healthy.value}, not approached yet`;
	}
	return `Not a candidate: ${reasons.join('; ')}`;
}

export interface AdvocacyPoints {
	points: number;
	pointsFrom: string;
	redeemed: number;
	balance: number;
	activities: string[] | null;
}

/** Points earned (advocacy_points, else the sum of advocacy_activities, else 0), spent and left. */
export function readAdvocacyPoints(record: Record<string, unknown>): AdvocacyPoints {
	const activities = readActivities(record);
	const field = readNumber(record, ADVOCACY_FIELDS.points, POINTS_RULE);
	let points = 0;
	let pointsFrom = 'none';
	if (field !== null) {
		points = field;
		pointsFrom = ADVOCACY_FIELDS.points;
	} else if (activities !== null) {
		points = pointsForActivities(activities);
		pointsFrom = ADVOCACY_FIELDS.activities;
	}
	const redeemed = readNumber(record, ADVOCACY_FIELDS.redeemed, POINTS_RULE) ?? 0;
	const balance = pointsBalance({
		earned: points,
		redeemed,
		earnedFrom: pointsFrom,
		redeemedField: ADVOCACY_FIELDS.redeemed,
	});
	return { points, pointsFrom, redeemed, balance, activities };
}

export function evaluateAdvocate(
	item: Record<string, unknown>,
	config: AdvocateConfig,
): AdvocateResult {
	const minPromoterScore = numberParameter(
		config.minPromoterScore,
		'Minimum Promoter Score',
		DEFAULT_MIN_PROMOTER_SCORE,
		0,
		10,
	);
	const minHealthScore = numberParameter(
		config.minHealthScore,
		'Minimum Health Score',
		DEFAULT_MIN_HEALTH_SCORE,
		0,
		100,
	);
	const record = locateCustomerRecord(item, config.customerPath);
	const zone = customerTimeZone(record, config.defaultTimeZone);

	const nps = readNpsScore(item, record);
	const health = readHealthScore(item, record);
	const approach = readApproach(record, zone, referenceMillis(config.reference));
	const criteria: AdvocateResult['criteria'] = {
		promoter: {
			met: nps !== null && nps.value >= minPromoterScore,
			field: nps?.field ?? null,
			value: nps?.value ?? null,
			threshold: minPromoterScore,
		},
		healthy: {
			met: health !== null && health.value >= minHealthScore,
			field: health?.field ?? null,
			value: health?.value ?? null,
			threshold: minHealthScore,
		},
		notApproached: {
			met: !approach.approached,
			field: approach.field,
			value: approach.value,
			threshold: null,
		},
	};
	const candidate = criteria.promoter.met && criteria.healthy.met && criteria.notApproached.met;

	const ledger = readAdvocacyPoints(record);
	const history = readHistory(record, ledger.activities);
	const tier = advocacyTierFor(ledger.points);
	return {
		candidate,
		reason: describeCandidate(criteria),
		criteria,
		points: ledger.points,
		pointsFrom: ledger.pointsFrom,
		pointsRedeemed: ledger.redeemed,
		balance: ledger.balance,
		tier: tier.id,
		tierName: tier.name,
		benefits: [...tier.benefits],
		nextTier: nextAdvocacyTier(ledger.points),
		suggestedActivities: candidate ? suggestActivities(nps!.value, minPromoterScore, history) : [],
		affordableRewards: affordableAdvocacyRewards(ledger.balance).map((reward) => ({
			id: reward.id,
			name: reward.name,
			type: reward.type,
			pointsCost: reward.pointsCost,
		})),
	};
}
