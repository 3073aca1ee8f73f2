import { NPS_SCORE_RULE } from '../customer/fieldRules';
import { isAbsentValue as isAbsent, readNumberField } from '../customer/fields';
import { CustomerInputError } from '../customer/locate';

/**
 * NPS segments (docs/sources.md#nps-segments, docs/sources.md#nps-aggregate calculateMetrics, docs/sources.md#nps-segments):
 * promoters 9-10, passives 7-8, detractors 0-6, on the 0-10 "likely to recommend" scale.
 */

export type NpsSegment = 'promoter' | 'passive' | 'detractor';

/** In the order the node's per-segment outputs use. */
export const NPS_SEGMENTS: readonly NpsSegment[] = ['promoter', 'passive', 'detractor'];

export const DEFAULT_SCORE_FIELD = 'nps_score';

export const MIN_SCORE = 0;
export const MAX_SCORE = 10;

/** A valid score's segment: 9-10 promoter, 7-8 passive, 0-6 detractor. */
export function segmentOf(score: number): NpsSegment {
	if (score >= 9) return 'promoter';
	if (score >= 7) return 'passive';
	return 'detractor';
}

export const isAbsentValue = isAbsent;

/**
 * Reads one NPS answer: a whole number from 0 to 10, as a number or a numeric string ("9", as CRMs and survey
 * tools export it): nps_score's rule (src/customer/fieldRules.ts), whatever field holds the answer. The seed's scale
 * has 11 whole steps, so 8.5 is not an answer anyone could give: it fails rather than being rounded into a segment
 * (rounding 8.5 up would make a passive a promoter). The seed does not validate at all (an 11 would count as a
 * promoter, -1 as a detractor); we fail the item and name the field.
 */
export function parseNpsScore(value: unknown, field: string): number {
	if (isAbsent(value)) {
		throw new CustomerInputError(
			`${field}: is missing; an NPS response needs a whole number from 0 to 10 (got ${JSON.stringify(value ?? null)})`,
			field,
		);
	}
	return readNumberField(value, field, NPS_SCORE_RULE) as number;
}
