import { parseInstantMs } from '../shared/dates';
import { toFiniteNumber } from '../shared/numbers';
import { previewValue } from '../shared/preview';
import { CustomerInputError } from './errors';
import {
	ANY_DATE_RULE,
	ANY_NUMBER_RULE,
	dateRuleFor,
	flagRuleFor,
	MAX_DAYS,
	numberRuleFor,
	PAST_EVENT_TOLERANCE_DAYS,
	type DateRule,
	type FieldRule,
	type FlagRule,
	type NumberRule,
} from './fieldRules';

/**
 * The one reader of each customer field, for every node: a value is absent (undefined), valid (returned), or outside
 * its rule in FIELD_RULES, which fails the item with a CustomerInputError or, for an 'omit' field, gives an
 * OmittedValue whose reason the node reports where it reports a missing value.
 */

export class OmittedValue {
	constructor(
		readonly field: string,
		/** "analytics_views_per_week must be a number of 0 or more (got -3)". */
		readonly reason: string,
	) {}
}

/** Absent: undefined, null, or text that is empty or blank. */
export function isAbsentValue(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** `field: must be <rule> [for <purpose>] (got <value>)`: the message of every value outside its rule. */
export function outsideRuleMessage(
	field: string,
	expected: string,
	raw: unknown,
	purpose?: string,
): string {
	return `${field}: must be ${expected}${purpose ? ` for ${purpose}` : ''} (got ${previewValue(raw)})`;
}

function outside(
	field: string,
	rule: FieldRule,
	raw: unknown,
	purpose: string | undefined,
): OmittedValue {
	if (rule.outside === 'omit')
		return new OmittedValue(field, `${field} must be ${rule.expected} (got ${previewValue(raw)})`);
	throw new CustomerInputError(outsideRuleMessage(field, rule.expected, raw, purpose), field);
}

/** The number when `raw` is one inside `rule`, else undefined (numbers as decimal text count: see toFiniteNumber). */
export function numberWithin(raw: unknown, rule: NumberRule): number | undefined {
	const value = toFiniteNumber(raw);
	if (value === undefined) return undefined;
	if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max))
		return undefined;
	if (rule.whole && !Number.isInteger(value)) return undefined;
	return value;
}

/**
 * A numeric field: its number, undefined when absent, an OmittedValue or a thrown error outside its rule. `rule` when it
 * is not the field's own (a configurable field holding an NPS answer: NPS_SCORE_RULE); `purpose` is what the value is
 * read for, named in the error ("signal \"nps_detractor\""). Plain arguments, no options object: this runs for every
 * field of every item.
 */
export function readNumberField(
	raw: unknown,
	field: string,
	rule?: NumberRule,
	purpose?: string,
): number | undefined | OmittedValue {
	if (isAbsentValue(raw)) return undefined;
	const used = rule ?? numberRuleFor(field) ?? ANY_NUMBER_RULE;
	const value = numberWithin(raw, used);
	return value !== undefined ? value : outside(field, used, raw, purpose);
}

const FLAG_RULE_DEFAULT: FlagRule = {
	kind: 'flag',
	expected: 'true or false',
	outside: 'fail',
	source: 'any flag',
};

/** true/false, or the text "true"/"false" in any case and spacing (CRMs and webhooks send text). */
export function flagValue(raw: unknown): boolean | undefined {
	if (typeof raw === 'boolean') return raw;
	if (typeof raw === 'string' && raw.length <= 10) {
		const text = raw.trim().toLowerCase();
		if (text === 'true') return true;
		if (text === 'false') return false;
	}
	return undefined;
}

/** A true/false field: its value, undefined when absent, an OmittedValue or a thrown error otherwise. */
export function readFlagField(
	raw: unknown,
	field: string,
	rule?: FlagRule,
	purpose?: string,
): boolean | undefined | OmittedValue {
	if (typeof raw === 'boolean') return raw;
	if (isAbsentValue(raw)) return undefined;
	const value = flagValue(raw);
	if (value !== undefined) return value;
	return outside(field, rule ?? flagRuleFor(field) ?? FLAG_RULE_DEFAULT, raw, purpose);
}

const DAY_MS = 86_400_000;
/** A date as far as this from the reference still gives at most MAX_DAYS calendar days in any zone. */
const MAX_SPAN_MS = (MAX_DAYS - 1) * DAY_MS;

function referenceText(referenceMs: number): string {
	return new Date(referenceMs).toISOString();
}

/**
 * A date field as epoch milliseconds, undefined when absent. Its form is checked by parseInstantMs (ISO 8601 or epoch
 * seconds/milliseconds, offsets within ±14:00, years 1900-9999); its place against the reference time by its rule:
 * within 100 years, and a past event (a login, a signup) no more than a day after it.
 */
export function readDateField(
	raw: unknown,
	field: string,
	zone: string,
	referenceMs: number,
	rule?: DateRule,
	purpose?: string,
): number | undefined {
	if (isAbsentValue(raw)) return undefined;
	const used = rule ?? dateRuleFor(field) ?? ANY_DATE_RULE;
	const ms = parseInstantMs(raw, zone, field);
	if (used.past && ms > referenceMs + PAST_EVENT_TOLERANCE_DAYS * DAY_MS) {
		throw new CustomerInputError(
			outsideRuleMessage(
				field,
				`a past date, no more than ${PAST_EVENT_TOLERANCE_DAYS} day after the reference time ${referenceText(referenceMs)}`,
				raw,
				purpose,
			),
			field,
		);
	}
	if (Math.abs(ms - referenceMs) > MAX_SPAN_MS) {
		throw new CustomerInputError(
			outsideRuleMessage(
				field,
				`a date within 100 years of the reference time ${referenceText(referenceMs)}`,
				raw,
				purpose,
			),
			field,
		);
	}
	return ms;
}
