import { ANY_NUMBER_RULE, flagRuleFor, numberRuleFor } from '../customer/fieldRules';
import {
	flagValue,
	isAbsentValue,
	numberWithin,
	OmittedValue,
	readFlagField,
	readNumberField,
} from '../customer/fields';
import { CustomerInputError } from '../customer/locate';
import { toFiniteNumber } from '../shared/numbers';
import { getPath } from '../shared/path';

/**
 * A churn signal as data: one field of the customer record compared with a threshold. Built-in signals
 * (catalogue.ts) and the ones a user builds in the node's UI (custom.ts) are both SignalRules, so one
 * detector runs them all.
 */

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Parameter values of the operators (the node's UI) and the symbols the output shows. */
export const OPERATOR_SYMBOLS = {
	gt: '>',
	gte: '>=',
	lt: '<',
	lte: '<=',
	equals: '=',
	notEquals: '!=',
	isTrue: 'is true',
	isFalse: 'is false',
} as const;
export type Operator = keyof typeof OPERATOR_SYMBOLS;
export type OperatorSymbol = (typeof OPERATOR_SYMBOLS)[Operator];
export const OPERATORS = Object.keys(OPERATOR_SYMBOLS) as Operator[];

export const NUMERIC_OPERATORS: readonly Operator[] = ['gt', 'gte', 'lt', 'lte'];
export const BOOLEAN_OPERATORS: readonly Operator[] = ['isTrue', 'isFalse'];

export interface SignalRule {
	type: string;
	/** Field of the customer record (dots for nested fields). */
	field: string;
	operator: Operator;
	/** A number for >, >=, <, <=; a number or text for = and !=; null for is true / is false. */
	threshold: number | string | null;
	/** Optional inclusive lower bound besides the threshold (trial_expiring: a trial that already ended is not expiring). */
	atLeast?: number;
	severity: Severity;
	description: string;
	builtIn: boolean;
}

/** A detected signal as the node outputs it (docs/sources.md#churn-signal-catalogue ChurnSignal, without detectedAt). */
export interface DetectedSignal {
	type: string;
	severity: Severity;
	description: string;
	metric: string;
	value: number | string | boolean;
	threshold: number | string | null;
	operator: OperatorSymbol;
}

export type RuleOutcome =
	| { status: 'detected'; signal: DetectedSignal }
	| { status: 'clear' }
	| { status: 'not_evaluated' };

export const isAbsent = isAbsentValue;

/**
 * A number from the record through the field's rule (src/customer/fieldRules.ts; a field the table does not list is
 * any number): a bad value is never read as 0 nor skipped, it fails naming the field. Undefined when absent, or when
 * the field's rule leaves a bad value out.
 */
export function readNumber(value: unknown, field: string, purpose: string): number | undefined {
	const number = readNumberField(value, field, undefined, purpose);
	return number instanceof OmittedValue ? undefined : number;
}

/** true/false, also as the text "true"/"false" in any case (CRMs and webhooks send text); undefined when absent. */
export function readBoolean(value: unknown, field: string, purpose: string): boolean | undefined {
	const flag = readFlagField(value, field, undefined, purpose);
	return flag instanceof OmittedValue ? undefined : flag;
}

function compareNumbers(operator: Operator, value: number, threshold: number): boolean {
	switch (operator) {
		case 'gt':
			return value > threshold;
		case 'gte':
			return value >= threshold;
		case 'lt':
			return value < threshold;
		case 'lte':
			return value <= threshold;
		case 'equals':
			return value === threshold;
		case 'notEquals':
			return value !== threshold;
		default:
			return false;
	}
}

/**
 * A field of the customer record with the days_* fields derived from its dates (`derived`, only those the record does
 * not give) laid over it: what `{ ...record, ...derived }` would hold, without copying the record for every item.
 */
export function readField(
	record: Record<string, unknown>,
	derived: Readonly<Record<string, unknown>>,
	field: string,
): unknown {
	return Object.prototype.hasOwnProperty.call(derived, field)
		? derived[field]
		: getPath(record, field);
}

/**
 * Runs one rule on a record. A missing field (absent, null, empty text) is not evaluated: it never counts as 0
 * or false. A value of the wrong kind (text where a number belongs) throws CustomerInputError naming the field.
 */
export function evaluateRule(record: Record<string, unknown>, rule: SignalRule): RuleOutcome {
	return judgeRule(getPath(record, rule.field), rule);
}

const purposeOf = (rule: SignalRule) => `signal "${rule.type}"`;

/** evaluateRule on the value of the rule's field. */
export function judgeRule(raw: unknown, rule: SignalRule): RuleOutcome {
	if (isAbsent(raw)) return { status: 'not_evaluated' };
	const operator = OPERATOR_SYMBOLS[rule.operator];
	let detected: boolean;
	let value: number | string | boolean;

	if (rule.operator === 'isTrue' || rule.operator === 'isFalse') {
		// The error's wording (and its purpose text) only for a value outside the rule: this runs for every rule of every item.
		const flag = flagValue(raw) ?? readBoolean(raw, rule.field, purposeOf(rule));
		if (flag === undefined) return { status: 'not_evaluated' };
		value = flag;
		detected = rule.operator === 'isTrue' ? value : !value;
	} else if (
		rule.operator === 'gt' ||
		rule.operator === 'gte' ||
		rule.operator === 'lt' ||
		rule.operator === 'lte'
	) {
		const number =
			numberWithin(raw, numberRuleFor(rule.field) ?? ANY_NUMBER_RULE) ??
			readNumber(raw, rule.field, purposeOf(rule));
		if (number === undefined) return { status: 'not_evaluated' };
		value = number;
		detected =
			compareNumbers(rule.operator, value, rule.threshold as number) &&
			(rule.atLeast === undefined || value >= rule.atLeast);
	} else {
		// = and !=: a field the table lists is read by its rule first; then numbers compare as numbers ("3" = 3),
		// anything else as trimmed text ("true" = true).
		const expected = rule.threshold;
		let known: unknown = raw;
		if (numberRuleFor(rule.field)) known = readNumber(raw, rule.field, purposeOf(rule));
		else if (flagRuleFor(rule.field)) known = readBoolean(raw, rule.field, purposeOf(rule));
		if (known === undefined) return { status: 'not_evaluated' };
		const number = toFiniteNumber(known);
		const expectedNumber = toFiniteNumber(expected);
		if (number !== undefined && expectedNumber !== undefined) {
			value = number;
			detected = compareNumbers(rule.operator, number, expectedNumber);
		} else {
			if (typeof known === 'object') {
				throw new CustomerInputError(
					`${rule.field}: must be a number, text or true/false for ${purposeOf(rule)} (got ${Array.isArray(known) ? 'an array' : 'an object'})`,
					rule.field,
				);
			}
			value = typeof known === 'string' ? known.trim() : (known as number | boolean);
			const same = String(value) === String(expected).trim();
			detected = rule.operator === 'equals' ? same : !same;
		}
	}

	if (!detected) return { status: 'clear' };
	return {
		status: 'detected',
		signal: {
			type: rule.type,
			severity: rule.severity,
			description: rule.description,
			metric: rule.field,
			value,
			threshold: rule.threshold,
			operator,
		},
	};
}
