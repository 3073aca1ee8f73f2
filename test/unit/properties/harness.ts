/**
 * The checks behind the issue 11 properties, shared by every area's property file:
 * 1. a call either throws one of src's own errors (short message naming a field or parameter) or returns an output
 *    whose numbers are finite, in range, and with no NaN/Infinity (not even as text) where the input had none;
 * 3. Object.prototype is untouched;
 * 4. every call returns within a generous hang guard, and its output is at most a small multiple of its input;
 * 5. the same input gives the same output (or the same error).
 * Property 2 (batches keep count and pairing) is written in each area's file, where the batch functions are.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';

import { toJsonText } from './arbitraries';

import { CustomerInputError } from '../../../src/customer/errors';
import { InvalidCustomerRecordError } from '../../../src/customer/record';
import { InvalidEventFilterError } from '../../../src/events/filter';
import { InvalidRetentionError } from '../../../src/events/idempotency';
import { InvalidExpansionSettingsError } from '../../../src/expansion/settings';
import { InvalidHealthModelError } from '../../../src/health/model';
import { MissingHealthMetricsError, NonFiniteHealthError } from '../../../src/health/score';
import { NpsBatchItemError } from '../../../src/nps/batch';
import { InvalidBusinessHoursError } from '../../../src/playbooks/businessHours';
import { InvalidPlaybookError } from '../../../src/playbooks/model';
import { InvalidTimingError } from '../../../src/playbooks/timing';
import { InvalidDateError } from '../../../src/shared/dates';
import { InvalidParameterError } from '../../../src/shared/parameters';
import { InvalidDataError } from '../../../src/shared/plainData';
import { InvalidSignalConfigError } from '../../../src/signals/catalogue';
import { InvalidCooldownError } from '../../../src/signals/cooldown';
import { InvalidVariableError } from '../../../src/templates/context';
import { UnknownTemplateError } from '../../../src/templates/catalog';
import { DeliveryConfigError } from '../../../src/templates/delivery';
import { MissingVariablesError } from '../../../src/templates/email';
import { TemplateDataError, TemplateLimitError } from '../../../src/templates/errors';
import { TemplateSyntaxError } from '../../../src/templates/syntax';

/** Every error class src defines: a thrown error must be one of these (never TypeError, RangeError or a bare Error). */
export const DOMAIN_ERRORS: ReadonlyArray<new (...args: never[]) => Error> = [
	CustomerInputError,
	InvalidCustomerRecordError,
	InvalidEventFilterError,
	InvalidRetentionError,
	InvalidExpansionSettingsError,
	InvalidHealthModelError,
	MissingHealthMetricsError,
	NonFiniteHealthError,
	NpsBatchItemError,
	InvalidBusinessHoursError,
	InvalidPlaybookError,
	InvalidTimingError,
	InvalidDateError,
	InvalidParameterError,
	InvalidDataError,
	InvalidSignalConfigError,
	InvalidCooldownError,
	InvalidVariableError,
	UnknownTemplateError,
	DeliveryConfigError,
	MissingVariablesError,
	TemplateDataError,
	TemplateLimitError,
	TemplateSyntaxError,
];

/** Issue 11: "its message … is shorter than ~500 characters". */
export const MAX_MESSAGE_LENGTH = 500;
/**
 * A second, looser bound kept apart from the one above: some messages list every valid id on purpose (unknown
 * template, unknown playbook), which the ~500 rule flags first; this one finds messages that grow with the input.
 */
export const MAX_MESSAGE_GROWTH = 2000;
/** Hang guard: a call that takes longer than this is a failure (generous: nothing here should take 10 ms). */
export const MAX_CALL_MS = 1000;
/** Output size bound: a small multiple of the input plus a constant (JSON characters). */
export const OUTPUT_FACTOR = 10;
export const OUTPUT_CONSTANT = 20_000;
/** Time allowed to find again and shrink a counterexample the first pass found. */
export const SHRINK_MS = 3000;

/** The fixed reference time of every deterministic run. */
export const REFERENCE = DateTime.fromISO('2026-11-23T09:00:00Z', { zone: 'UTC' });

export type Outcome<T> =
	| { ok: true; value: T; ms: number }
	| { ok: false; error: unknown; ms: number };

/** Runs `call`, timing it, and catches whatever it throws. */
export function attempt<T>(call: () => T): Outcome<T> {
	const start = performance.now();
	try {
		const value = call();
		return { ok: true, value, ms: performance.now() - start };
	} catch (error) {
		return { ok: false, error, ms: performance.now() - start };
	}
}

function describeError(error: unknown): string {
	if (error instanceof Error)
		return `${error.constructor.name}(${JSON.stringify(error.message.slice(0, 300))}${error.message.length > 300 ? `… ${error.message.length} chars` : ''})`;
	return `non-Error ${String(error)}`;
}

/** A failure of a property, with what went wrong; fast-check prints it with the counterexample. */
export class PropertyViolation extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PropertyViolation';
	}
}

function fail(message: string): never {
	throw new PropertyViolation(message);
}

/** Property 1, error half: one of src's own error classes, naming a field or parameter. */
export function assertDomainError(error: unknown): void {
	if (!(error instanceof Error)) fail(`threw a non-Error: ${String(error)}`);
	if (!DOMAIN_ERRORS.some((type) => error instanceof type))
		fail(`threw ${describeError(error)}: not one of src's own error classes`);
	// A batch error wraps the item's error: that one must be a domain error too.
	if (
		error instanceof NpsBatchItemError &&
		!DOMAIN_ERRORS.some((type) => error.cause instanceof type)
	) {
		fail(
			`NpsBatchItemError wraps ${describeError(error.cause)}: not one of src's own error classes`,
		);
	}
	// "names a field or parameter": every message of src starts with, or contains, "<field or label>:" or a quoted name.
	if (!/[\w)][\w.\])"]*\s*:|"[^"]+"/.test(error.message))
		fail(`${describeError(error)}: the message names no field or parameter`);
}

/** Property 1, the message-length half, kept apart so it does not hide the rest. */
export function assertShortMessage(error: unknown, limit = MAX_MESSAGE_LENGTH): void {
	if (error instanceof Error && error.message.length >= limit) {
		fail(`${describeError(error)}: message is ${error.message.length} characters (limit ${limit})`);
	}
}

// ("undefined" is left out: prose such as "the NPS is undefined without a response" uses it as a word.)
const BAD_WORDS = /\b(NaN|Infinity)\b|\[object Object\]/;

/**
 * Property 1, output half: walks the output; every number finite, no NaN/Infinity/"[object Object]" in
 * text unless the input had that word (then it may be echoed). `check` adds the area's range and null rules.
 */
export function assertCleanOutput(output: unknown, inputText: string): void {
	const allowed = new Set<string>();
	for (const match of inputText.matchAll(new RegExp(BAD_WORDS, 'g'))) allowed.add(match[0]);
	const stack: Array<{ value: unknown; path: string }> = [{ value: output, path: '$' }];
	const seen = new Set<object>();
	while (stack.length > 0) {
		const { value, path } = stack.pop() as { value: unknown; path: string };
		if (typeof value === 'number') {
			if (!Number.isFinite(value)) fail(`${path} is ${value}`);
		} else if (typeof value === 'string') {
			const match = BAD_WORDS.exec(value);
			if (match && !allowed.has(match[0]))
				fail(`${path} has "${match[0]}" in its text: ${JSON.stringify(value.slice(0, 200))}`);
		} else if (
			typeof value === 'bigint' ||
			typeof value === 'function' ||
			typeof value === 'symbol'
		) {
			fail(`${path} is a ${typeof value}`);
		} else if (value !== null && typeof value === 'object') {
			if (seen.has(value)) continue;
			seen.add(value);
			if (value instanceof Map) {
				for (const [key, entry] of value)
					stack.push({ value: entry, path: `${path}<${String(key)}>` });
				continue;
			}
			for (const key of Object.keys(value))
				stack.push({ value: (value as Record<string, unknown>)[key], path: `${path}.${key}` });
		}
	}
}

/** A number in [min, max] (null allowed only when `nullable`). */
export function inRange(
	value: unknown,
	min: number,
	max: number,
	path: string,
	nullable = false,
): void {
	if (value === null && nullable) return;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		fail(
			`${path} is ${typeof value === 'number' ? value : JSON.stringify(value)}, outside ${min}…${max}${nullable ? ' (or null)' : ''}`,
		);
	}
}

/** An ISO 8601 date or date-time luxon can read (null allowed only when `nullable`). */
export function isoDate(value: unknown, path: string, nullable = false): void {
	if (value === null && nullable) return;
	if (typeof value !== 'string' || !DateTime.fromISO(value, { setZone: true }).isValid) {
		fail(`${path} is ${JSON.stringify(value)}, not a parseable ISO 8601 date`);
	}
}

export function expect_(condition: boolean, message: string): void {
	if (!condition) fail(message);
}

/** Safe JSON text of any value (cycles, BigInt, undefined never throw). */
export function jsonText(value: unknown): string {
	try {
		return (
			JSON.stringify(value, (_key, entry) => (typeof entry === 'bigint' ? `${entry}n` : entry)) ??
			'undefined'
		);
	} catch {
		// Too deep for JSON.stringify's recursion: the iterative writer.
		return toJsonText(value);
	}
}

/** A `String(number)`-faithful text of the input, so NaN and Infinity given as parameters count as "in the input". */
export function inputText(...inputs: unknown[]): string {
	const parts: string[] = [];
	const stack: unknown[] = [...inputs];
	let budget = 200_000;
	while (stack.length > 0 && budget-- > 0) {
		const value = stack.pop();
		if (typeof value === 'number' || typeof value === 'boolean' || value === undefined)
			parts.push(String(value));
		else if (typeof value === 'string') parts.push(value);
		else if (value !== null && typeof value === 'object') {
			if (DateTime.isDateTime(value)) parts.push(value.toISO() ?? 'null');
			else
				for (const key of Object.keys(value)) {
					parts.push(key);
					stack.push((value as Record<string, unknown>)[key]);
				}
		}
	}
	return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------------------------
// Property 3: Object.prototype untouched.

const PROTOTYPES: Array<[string, object]> = [
	['Object.prototype', Object.prototype],
	['Array.prototype', Array.prototype],
	['Function.prototype', Function.prototype],
];
const baseline = new Map(
	PROTOTYPES.map(([name, prototype]) => [name, new Set(Reflect.ownKeys(prototype))]),
);

export function assertPrototypesClean(): void {
	for (const [name, prototype] of PROTOTYPES) {
		const known = baseline.get(name) as Set<string | symbol>;
		const added = Reflect.ownKeys(prototype).filter((key) => !known.has(key));
		if (added.length) {
			for (const key of added) delete (prototype as Record<string | symbol, unknown>)[key];
			fail(`${name} gained ${added.map(String).join(', ')}`);
		}
	}
	const probe = {} as Record<string, unknown>;
	if (probe.polluted !== undefined) fail(`({}).polluted is ${jsonText(probe.polluted)}`);
	if (Object.getPrototypeOf(probe) !== Object.prototype)
		fail('a fresh object no longer inherits from Object.prototype');
}

// ---------------------------------------------------------------------------------------------------------------
// Property 4: time and size.

export function assertBoundedTime(outcome: Outcome<unknown>, what: string): void {
	if (outcome.ms > MAX_CALL_MS)
		fail(`${what} took ${Math.round(outcome.ms)} ms (hang guard ${MAX_CALL_MS} ms)`);
}

export function assertBoundedSize(outcome: Outcome<unknown>, inputs: unknown): void {
	if (!outcome.ok) return;
	const inSize = jsonText(inputs).length;
	const outSize = jsonText(outcome.value).length;
	const limit = OUTPUT_FACTOR * inSize + OUTPUT_CONSTANT;
	if (outSize > limit)
		fail(
			`output is ${outSize} JSON characters for ${inSize} of input (limit ${OUTPUT_FACTOR} × input + ${OUTPUT_CONSTANT} = ${limit})`,
		);
}

// ---------------------------------------------------------------------------------------------------------------
// Property 5: determinism.

/**
 * Runs `call` with the wall clock 25 hours later (Date.now, which luxon's "now" reads): with a fixed reference time an
 * output must not depend on when it is computed, so the second call of the determinism check runs at another "now".
 */
export function atShiftedClock<T>(call: () => T): T {
	const realNow = Date.now;
	Date.now = () => realNow() + 25 * 3_600_000;
	try {
		return call();
	} finally {
		Date.now = realNow;
	}
}

/** Same value, -0 and 0 told apart (JSON would not). */
function sameValue(a: unknown, b: unknown, path: string): string | null {
	if (Object.is(a, b)) return null;
	if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object')
		return `${path}: ${jsonText(a)} then ${jsonText(b)}`;
	if (a instanceof Map && b instanceof Map) return sameValue([...a], [...b], path);
	if (DateTime.isDateTime(a) && DateTime.isDateTime(b))
		return a.toISO() === b.toISO() ? null : `${path}: ${a.toISO()} then ${b.toISO()}`;
	const keysA = Object.keys(a as object);
	const keysB = Object.keys(b as object);
	if (keysA.join('\u0000') !== keysB.join('\u0000'))
		return `${path}: keys ${keysA.join(',')} then ${keysB.join(',')}`;
	for (const key of keysA) {
		const difference = sameValue(
			(a as Record<string, unknown>)[key],
			(b as Record<string, unknown>)[key],
			`${path}.${key}`,
		);
		if (difference) return difference;
	}
	return null;
}

export function assertSameOutcome(first: Outcome<unknown>, second: Outcome<unknown>): void {
	if (first.ok !== second.ok) {
		fail(
			`first call ${first.ok ? 'returned' : `threw ${describeError(first.error)}`}, second ${second.ok ? 'returned' : `threw ${describeError(second.error)}`}`,
		);
	}
	if (!first.ok && !second.ok) {
		const a = first.error as Error;
		const b = second.error as Error;
		if (a?.constructor !== b?.constructor || a?.message !== b?.message)
			fail(`errors differ: ${describeError(a)} then ${describeError(b)}`);
		return;
	}
	const difference = sameValue(
		(first as { value: unknown }).value,
		(second as { value: unknown }).value,
		'$',
	);
	if (difference) fail(`outputs differ at ${difference}`);
}

// ---------------------------------------------------------------------------------------------------------------
// The per-call properties, for one entry point.

export interface EntryCheck<I, O> {
	/** Calls the entry point (must be pure for determinism: build fresh inputs inside if the entry mutates). */
	call: (input: I) => O;
	/** The area's range and null rules on a returned output (property 1). */
	validate?: (output: O, input: I) => void;
	/** What counts as the input's size and text (default: the input itself). */
	measure?: (input: I) => unknown;
}

type Category = 'outcome' | 'message' | 'messageGrowth' | 'prototype' | 'bounds' | 'determinism';

/** Each property's check, on the outcomes of two calls with the same input (the second only for determinism). */
const CHECKS: Record<
	Category,
	<I, O>(
		entry: EntryCheck<I, O>,
		input: I,
		first: Outcome<O>,
		second: () => Outcome<O>,
		name: string,
	) => void
> = {
	outcome: (entry, input, first) => {
		if (!first.ok) return assertDomainError(first.error);
		assertCleanOutput(first.value, inputText(entry.measure ? entry.measure(input) : input));
		entry.validate?.(first.value, input);
	},
	message: (_entry, _input, first) => {
		if (!first.ok) assertShortMessage(first.error);
	},
	messageGrowth: (_entry, _input, first) => {
		if (!first.ok) assertShortMessage(first.error, MAX_MESSAGE_GROWTH);
	},
	prototype: () => assertPrototypesClean(),
	bounds: (entry, input, first, _second, name) => {
		assertBoundedTime(first, name);
		assertBoundedSize(first, entry.measure ? entry.measure(input) : input);
	},
	determinism: (_entry, _input, first, second) => assertSameOutcome(first, second()),
};

const TITLES: Record<Category, string> = {
	outcome: 'P1: throws a domain error naming a field, or returns finite, in-range output',
	message: `P1: an error message is shorter than ${MAX_MESSAGE_LENGTH} characters`,
	messageGrowth: `P1: an error message stays under ${MAX_MESSAGE_GROWTH} characters whatever the input (no echo of unbounded input)`,
	prototype: 'P3: leaves Object.prototype untouched',
	bounds: `P4: returns within ${MAX_CALL_MS} ms, output at most ${OUTPUT_FACTOR} × input + ${OUTPUT_CONSTANT}`,
	determinism:
		'P5: the same input (fixed reference time) gives the same output, also at another wall-clock time',
};

/**
 * fast-check settings: a fixed seed per entry, so CI runs are reproducible. PROPERTIES_SEED_SHIFT (unset in CI) moves
 * every seed, to explore other inputs by hand; a failure then prints its seed to reproduce it.
 */
const SEED_SHIFT = Number(process.env.PROPERTIES_SEED_SHIFT ?? 0) || 0;
export function runs(seed: number, numRuns: number) {
	return { seed: seed + SEED_SHIFT, numRuns } as const;
}

/**
 * The per-call properties of one entry point, each its own test so one failing property does not hide another.
 * Generating hostile records is most of the cost, so one pass over the inputs runs every check; a property that
 * fails there is then run on its own with the same seed (the same inputs), so fast-check shrinks its counterexample.
 */
export function propertiesOf<I, O>(
	name: string,
	arbitrary: fc.Arbitrary<I>,
	entry: EntryCheck<I, O>,
	options: { seed: number; numRuns: number; examples?: I[] },
): void {
	// Examples (known edges) run before the generated inputs.
	const settings = {
		...runs(options.seed, options.numRuns),
		examples: (options.examples ?? []).map((example) => [example] as [I]),
	};
	const run = (category: Category, input: I): void => {
		const first = attempt(() => entry.call(input));
		CHECKS[category](
			entry,
			input,
			first,
			() => atShiftedClock(() => attempt(() => entry.call(input))),
			name,
		);
	};
	let failing: Set<Category> | undefined;
	const survey = (): Set<Category> => {
		if (failing) return failing;
		const found = new Set<Category>();
		fc.check(
			fc.property(arbitrary, (input) => {
				const first = attempt(() => entry.call(input));
				let second: Outcome<O> | undefined;
				const again = () => (second ??= atShiftedClock(() => attempt(() => entry.call(input))));
				for (const category of Object.keys(CHECKS) as Category[]) {
					if (found.has(category)) continue;
					try {
						CHECKS[category](entry, input, first, again, name);
					} catch {
						found.add(category);
					}
				}
				return true;
			}),
			settings,
		);
		failing = found;
		return found;
	};
	describe(name, () => {
		for (const category of Object.keys(TITLES) as Category[]) {
			it(TITLES[category], () => {
				if (!survey().has(category)) return;
				// Shrinking is bounded in time: past the limit fast-check reports the smallest counterexample so far.
				fc.assert(
					fc.property(arbitrary, (input) => run(category, input)),
					{ ...settings, interruptAfterTimeLimit: SHRINK_MS },
				);
			});
		}
	});
}
