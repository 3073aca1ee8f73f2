import { z } from 'zod';

import { ruleFlag, ruleNumber, type NumberRule } from '../../../src/lifecycle/metrics';
import { toFiniteNumber } from '../../../src/shared/numbers';

/**
 * The lifecycle metric readers are plain checks; they replaced zod schemas built per read. These are the schemas they
 * replaced, compared with the plain checks over many generated values: the same values pass, with the same result.
 */

function zodNumber(rule: NumberRule) {
	let schema = z.number();
	if (rule.min !== undefined) schema = schema.min(rule.min);
	if (rule.max !== undefined) schema = schema.max(rule.max);
	return z.preprocess((value) => toFiniteNumber(value) ?? value, schema);
}
const zodFlag = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((value) => value === true || value === 'true');

const RULES: NumberRule[] = [
	{ expected: 'a number of days' },
	{ min: 0, expected: 'a count' },
	{ min: 0, max: 10, expected: 'an NPS score' },
	{ min: 0, max: 100, expected: 'a percentage' },
	{ min: 0, max: 1, expected: 'a fraction' },
];

/** Numbers, numeric and other strings, and every other kind of value, with edge cases of each. */
function generatedValues(): unknown[] {
	const values: unknown[] = [
		0, -0, 1, -1, 10, 10.000001, 100, 100.5, 1, 1.0000001, -0.0000001, NaN, Infinity, -Infinity, Number.MAX_VALUE,
		Number.MIN_VALUE, Number.EPSILON, 2 ** 53, '0', '-0', '10', '11', ' 5 ', '5.5', '1e2', '0x10', '', ' ', 'abc',
		'Infinity', 'NaN', '12abc', 'true', 'false', 'TRUE', ' true', 'True', true, false, null, undefined, {}, [], [3],
		['3'], new Date(0), () => 1, Symbol('s'), 3n, { valueOf: () => 3 },
	];
	let seed = 7;
	const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
	for (let i = 0; i < 3000; i++) {
		const number = (random() - 0.3) * 10 ** Math.floor(random() * 5);
		values.push(number, String(number), Math.round(number), String(Math.round(number)), ` ${number.toFixed(3)} `);
	}
	return values;
}

describe('lifecycle readers: the plain checks accept exactly what the zod schemas accepted', () => {
	const values = generatedValues();

	it.each(RULES.map((rule) => [rule.expected, rule] as const))('numbers: %s', (_, rule) => {
		const schema = zodNumber(rule);
		for (const value of values) {
			const parsed = schema.safeParse(value);
			expect([value, ruleNumber(value, rule)]).toEqual([value, parsed.success ? parsed.data : undefined]);
		}
	});

	it('flags', () => {
		for (const value of values) {
			const parsed = zodFlag.safeParse(value);
			expect([value, ruleFlag(value)]).toEqual([value, parsed.success ? parsed.data : undefined]);
		}
	});
});
