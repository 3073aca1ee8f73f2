import { z } from 'zod';

import { CustomerInputError } from '../customer/errors';
import { numberRuleFor, type NumberRule } from '../customer/fieldRules';
import { isAbsentValue, readNumberField } from '../customer/fields';
import { locateCustomerRecord } from '../customer/locate';
import { toFiniteNumber } from '../shared/numbers';
import { getPath } from '../shared/path';
import { previewValue } from '../shared/preview';
import { ENGAGEMENT_METRICS, FEATURES_COUNT_FIELD, PREVIOUS_FIELDS } from './model';
import {
	scoreEngagement,
	type EngagementReading,
	type EngagementReadings,
	type EngagementResult,
	type EngagementScoringOptions,
	type PreviousPeriod,
} from './score';

/**
 * Scores one customer record as it arrives in an item (docs/sources.md#engagement-score): locate the record
 * (Customer Record Path), read each metric through its field's rule (src/customer/fieldRules.ts: a value outside it
 * fails the item naming the field), then score.
 */

export interface CustomerEngagementConfig extends EngagementScoringOptions {
	/** Dotted path of the customer record inside the item; empty for the item's top level. */
	customerPath?: unknown;
}

function numberOf(record: Record<string, unknown>, field: string): number | null {
	const value = readNumberField(getPath(record, field), field);
	// No engagement field's rule leaves a value out ('omit'); one that did (an OmittedValue) would make it missing.
	return typeof value === 'number' ? value : null;
}

const FEATURE_COUNT_RULE = numberRuleFor(FEATURES_COUNT_FIELD) as NumberRule;
const FEATURES_FIELD = 'features_used';

const featureNames = z.array(z.string().trim().min(1), {
	errorMap: () => ({ message: 'must be a list of feature names' }),
});

/**
 * `features_used`: the list of features used this month (the seed's `featuresUsed: string[]`, counted once each,
 * case-insensitively; one comma-separated text is accepted) or their number; else `features_used_this_month` (a
 * count, the health model's field). Null when neither is there.
 */
export function readFeaturesUsed(record: Record<string, unknown>): EngagementReading {
	const raw = getPath(record, FEATURES_FIELD);
	if (isAbsentValue(raw)) {
		return { value: numberOf(record, FEATURES_COUNT_FIELD), field: FEATURES_COUNT_FIELD };
	}
	if (typeof raw === 'number' || (typeof raw === 'string' && toFiniteNumber(raw) !== undefined)) {
		return {
			value: readNumberField(raw, FEATURES_FIELD, FEATURE_COUNT_RULE) as number,
			field: FEATURES_FIELD,
		};
	}
	const list = typeof raw === 'string' ? raw.split(',').filter((name) => name.trim() !== '') : raw;
	const parsed = featureNames.safeParse(list);
	if (!parsed.success) {
		throw new CustomerInputError(
			`${FEATURES_FIELD}: must be a list of feature names, one comma-separated text, or their number (got ${previewValue(raw)})`,
			FEATURES_FIELD,
		);
	}
	const distinct = new Set(parsed.data.map((name) => name.toLowerCase()));
	return { value: distinct.size, field: FEATURES_FIELD };
}

/** The six metrics of a record, each with the field it came from. */
export function readEngagementMetrics(record: Record<string, unknown>): EngagementReadings {
	const readings = {} as Record<string, EngagementReading>;
	for (const spec of ENGAGEMENT_METRICS) {
		readings[spec.key] =
			spec.key === 'featuresUsed'
				? readFeaturesUsed(record)
				: { value: numberOf(record, spec.field), field: spec.field };
	}
	return readings as EngagementReadings;
}

/** Last month's logins, actions and CSAT, and the previous engagement score (docs/sources.md#engagement-change). */
export function readPreviousPeriod(record: Record<string, unknown>): PreviousPeriod {
	return {
		logins: numberOf(record, PREVIOUS_FIELDS.logins),
		usage: numberOf(record, PREVIOUS_FIELDS.usage),
		satisfaction: numberOf(record, PREVIOUS_FIELDS.satisfaction),
		score: numberOf(record, PREVIOUS_FIELDS.score),
	};
}

export function evaluateCustomerEngagement(
	item: Record<string, unknown>,
	config: CustomerEngagementConfig = {},
): EngagementResult {
	const record = locateCustomerRecord(item, config.customerPath);
	return scoreEngagement(readEngagementMetrics(record), readPreviousPeriod(record), {
		missingData: config.missingData,
		minCoverage: config.minCoverage,
	});
}
