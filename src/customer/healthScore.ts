import { toFiniteNumber } from '../shared/numbers';
import { getPath, isPlainObject } from '../shared/path';
import { CustomerInputError } from './locate';

/** Where a customer's health score is read from, once for every node that uses it. */

export const HEALTH_SCORE_FIELD = 'health_score';

export interface HealthScoreReading {
	field: 'health.score' | typeof HEALTH_SCORE_FIELD;
	value: number;
}

function isAbsent(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function parseScore(raw: unknown, field: HealthScoreReading['field']): HealthScoreReading {
	const value = toFiniteNumber(raw);
	if (value === undefined || value < 0 || value > 100) {
		throw new CustomerInputError(`${field}: must be a health score from 0 to 100 (got ${JSON.stringify(raw)})`, field);
	}
	return { field, value };
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
	if (isPlainObject(health) && !isAbsent(health.score)) return parseScore(health.score, 'health.score');
	const raw = getPath(record, HEALTH_SCORE_FIELD);
	return isAbsent(raw) ? null : parseScore(raw, HEALTH_SCORE_FIELD);
}
