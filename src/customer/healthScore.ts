import { getPath, isPlainObject } from '../shared/path';
import { HEALTH_SCORE_RULE } from './fieldRules';
import { isAbsentValue, readNumberField } from './fields';

/** Where a customer's health score is read from, once for every node that uses it. */

export const HEALTH_SCORE_FIELD = 'health_score';

export interface HealthScoreReading {
	field: 'health.score' | typeof HEALTH_SCORE_FIELD;
	value: number;
}

function parseScore(raw: unknown, field: HealthScoreReading['field']): HealthScoreReading {
	// HEALTH_SCORE_RULE fails outside 0-100, so a present value is always a number here.
	return { field, value: readNumberField(raw, field, HEALTH_SCORE_RULE) as number };
}

/**
 * The `health.score` a Customer Health Score node wrote at the item's top level (whatever the record path), else the
 * record's `health_score`, else null. A null `health.score` (insufficient data) falls through to the record field;
 * a present value that is not a score from 0 to 100 is an error naming its field.
 */
export function readHealthScore(
	item: Record<string, unknown>,
	record: Record<string, unknown>,
): HealthScoreReading | null {
	const health = item.health;
	if (isPlainObject(health) && !isAbsentValue(health.score))
		return parseScore(health.score, 'health.score');
	const raw = getPath(record, HEALTH_SCORE_FIELD);
	return isAbsentValue(raw) ? null : parseScore(raw, HEALTH_SCORE_FIELD);
}
