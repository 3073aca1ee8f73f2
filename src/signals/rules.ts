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

export interface ValueRange {
	min?: number;
	max?: number;
}

export interface SignalRule {
	type: string;
	/** Field of the customer record (dots for nested fields). */
	field: string;
	operator: Operator;
	/** A number for >, >=, <, <=; a number or text for = and !=; null for is true / is false. */
	threshold: number | string | null;
	/** Optional inclusive lower bound besides the threshold (trial_expiring: a trial that already ended is not expiring). */
	atLeast?: number;
	/** Valid range of the field's values: a value outside it is bad data (feature_adoption 45 meant as 45 %). */
	range?: ValueRange;
	severity: Severity;
	description: string;
	builtIn: boolean;
}

/** A detected signal as the node outputs it (seed 002 §7.1 ChurnSignal, without detectedAt). */
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

export function isAbsent(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function describeRange({ min, max }: ValueRange): string {
	if (min !== undefined && max !== undefined) return `a number from ${min} to ${max}`;
	if (min !== undefined) return `a number of ${min} or more`;
	return `a number of ${max} or less`;
}

/** A number from the record, or an error naming the field: a bad value is never read as 0 nor skipped. */
export function readNumber(value: unknown, field: string, purpose: string, range: ValueRange = {}): number {
	const number = toFiniteNumber(value);
	const outside =
		number !== undefined &&
		((range.min !== undefined && number < range.min) || (range.max !== undefined && number > range.max));
	if (number === undefined || outside) {
		const expected = range.min === undefined && range.max === undefined ? 'a number' : describeRange(range);
		throw new CustomerInputError(`${field}: must be ${expected} for ${purpose} (got ${JSON.stringify(value)})`, field);
	}
	return number;
}

/** true/false, also as the strings "true"/"false" (CRMs and webhooks send them). */
export function readBoolean(value: unknown, field: string, purpose: string): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (text === 'true') return true;
		if (text === 'false') return false;
	}
	throw new CustomerInputError(
		`${field}: must be true or false for ${purpose} (got ${JSON.stringify(value)})`,
		field,
	);
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
export function readField(record: Record<string, unknown>, derived: Readonly<Record<string, unknown>>, field: string): unknown {
	return Object.prototype.hasOwnProperty.call(derived, field) ? derived[field] : getPath(record, field);
}

/** The number, when it is one inside the range; undefined otherwise (readNumber then words the error). */
function numberInRange(value: unknown, range: ValueRange | undefined): number | undefined {
	const number = toFiniteNumber(value);
	if (number === undefined || !range) return number;
	if ((range.min !== undefined && number < range.min) || (range.max !== undefined && number > range.max)) return undefined;
	return number;
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
		value = typeof raw === 'boolean' ? raw : readBoolean(raw, rule.field, purposeOf(rule));
		detected = rule.operator === 'isTrue' ? value : !value;
	} else if (rule.operator === 'gt' || rule.operator === 'gte' || rule.operator === 'lt' || rule.operator === 'lte') {
		// The error (and its wording) only for a bad value: this runs for every rule of every item.
		value = numberInRange(raw, rule.range) ?? readNumber(raw, rule.field, purposeOf(rule), rule.range);
		detected =
			compareNumbers(rule.operator, value, rule.threshold as number) &&
			(rule.atLeast === undefined || value >= rule.atLeast);
	} else {
		// = and !=: numbers compare as numbers ("3" = 3), anything else as trimmed text ("true" = true).
		const expected = rule.threshold;
		const number = toFiniteNumber(raw);
		const expectedNumber = toFiniteNumber(expected);
		if (number !== undefined && expectedNumber !== undefined) {
			value = number;
			detected = compareNumbers(rule.operator, number, expectedNumber);
		} else {
			if (typeof raw === 'object') {
				throw new CustomerInputError(
					`${rule.field}: must be a number, text or true/false for ${purposeOf(rule)} (got ${Array.isArray(raw) ? 'an array' : 'an object'})`,
					rule.field,
				);
			}
			value = typeof raw === 'string' ? raw.trim() : (raw as number | boolean);
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
