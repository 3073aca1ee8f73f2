import type { DateTime } from 'luxon';

import { customerTimeZone } from '../customer/derive';
import { PAST_DATE_RULE } from '../customer/fieldRules';
import { readDateField } from '../customer/fields';
import { locateCustomerRecord } from '../customer/locate';
import { referenceMillis } from '../shared/dates';
import { pathParameter } from '../shared/parameters';
import { getPath } from '../shared/path';
import { planFollowUpAt, type FollowUp } from './followUp';
import {
	DEFAULT_SCORE_FIELD,
	isAbsentValue,
	parseNpsScore,
	segmentOf,
	type NpsSegment,
} from './segments';

/** Classify mode: one response -> its segment and follow-up (docs/sources.md#nps-response-handling processResponse, docs/sources.md#nps-follow-up-by-segment). */

export const DEFAULT_RESPONSE_TIME_FIELD = 'nps_responded_at';

export interface NpsClassifyConfig {
	/** Dotted path of the customer record inside the item; empty for the item's top level. */
	customerPath?: string;
	/** Field of the record holding the 0-10 score (dots for nesting). */
	scoreField?: string;
	/** Field of the record holding when the customer answered; due times count from it when present. */
	responseTimeField?: string;
	/** Due times count from here when the record has no response time (now, unless the node fixes it). */
	reference: DateTime;
	/** Zone for due times when the record has no `timezone`. */
	defaultTimeZone: string;
}

export interface NpsClassification {
	score: number;
	segment: NpsSegment;
	followUp: FollowUp;
}

/** A field parameter (Score Field, Response Time Field…): its path, else `fallback` when empty. */
export function fieldOrDefault(field: unknown, fallback: string, label = 'Field'): string {
	return pathParameter(field, label) || fallback;
}

export function classifyResponse(
	item: Record<string, unknown>,
	config: NpsClassifyConfig,
): NpsClassification {
	const record = locateCustomerRecord(item, config.customerPath);
	const scoreField = fieldOrDefault(config.scoreField, DEFAULT_SCORE_FIELD, 'Score Field');
	const score = parseNpsScore(getPath(record, scoreField), scoreField);
	const segment = segmentOf(score);
	const timeZone = customerTimeZone(record, config.defaultTimeZone);

	// The agent specification (docs/sources.md#nps-response-handling) counts the detractor's 24 hours from when the server processes the response (Date.now()).
	// Ours: from when the customer answered, if the record says so; a batch processed a day late is then overdue,
	// which is the truth, rather than silently given another 24 hours.
	// The answer is a past event (nps_responded_at's rule, whatever field holds it): no more than a day after the reference.
	const responseField = fieldOrDefault(
		config.responseTimeField,
		DEFAULT_RESPONSE_TIME_FIELD,
		'Response Time Field',
	);
	const referenceMs = referenceMillis(config.reference);
	const rawResponse = getPath(record, responseField);
	const fromRecord = !isAbsentValue(rawResponse);
	const respondedAt = fromRecord
		? (readDateField(rawResponse, responseField, timeZone, referenceMs, PAST_DATE_RULE) as number)
		: referenceMs;

	return {
		score,
		segment,
		followUp: planFollowUpAt(
			segment,
			respondedAt,
			timeZone,
			fromRecord ? responseField : 'referenceTime',
		),
	};
}
