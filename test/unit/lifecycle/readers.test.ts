import { z } from 'zod';

import { flagValue, numberWithin } from '../../../src/customer/fields';
import { FIELD_RULES, type NumberRule } from '../../../src/customer/fieldRules';

/**
 * The lifecycle metrics are read by the shared field readers (src/customer/fields.ts), which are plain checks. They
 * replaced zod schemas built per read; these are the schemas of the rules now (decimal text only, finite, the field's
 * range, whole where the rule says so), compared with the plain checks over many generated values: the same values
 * pass, with the same result. (This file compared the old readers, which took Infinity as a number of days and "0x10"
 * as 16.)
 */

/** What Number() reads that is no decimal number: hex, binary, octal, Infinity, and blank text (which it reads as 0). */
const NOT_DECIMAL = /^[+-]?(?:0[xob]|infinity)|^$/i;

function zodNumber(rule: NumberRule) {
	let schema = z.number().finite();
	if (rule.min !== undefined) schema = schema.min(rule.min);
	if (rule.max !== undefined) schema = schema.max(rule.max);
	if (rule.whole) schema = schema.int();
	const text = (value: string) => value.trim();
	return z.preprocess(
		(value) =>
			typeof value === 'string' && value.length <= 40 && !NOT_DECIMAL.test(text(value))
				? Number(text(value))
				: value,
		schema,
	);
}
const zodFlag = z
	.union([
		z.boolean(),
		z
			.string()
			.trim()
			.toLowerCase()
			.pipe(z.enum(['true', 'false'])),
	])
	.transform((value) => value === true || value === 'true');

const RULES = [
	'days_since_last_login',
	'days_to_renewal',
	'high_severity_tickets',
	'nps_score',
	'onboarding_completion',
	'feature_adoption',
].map((field) => [field, FIELD_RULES[field] as NumberRule] as const);

/** Numbers, numeric and other strings, and every other kind of value, with edge cases of each. */
function generatedValues(): unknown[] {
	const values: unknown[] = [
		0,
		-0,
		1,
		-1,
		10,
		10.000001,
		100,
		100.5,
		1,
		1.0000001,
		-0.0000001,
		NaN,
		Infinity,
		-Infinity,
		Number.MAX_VALUE,
		Number.MIN_VALUE,
		Number.EPSILON,
		2 ** 53,
		1e308,
		'0',
		'-0',
		'10',
		'11',
		' 5 ',
		'5.5',
		'1e2',
		'1e400',
		'0x10',
		'0X1F',
		'0b11',
		'0o17',
		'-0x10',
		'',
		' ',
		'abc',
		'Infinity',
		'-Infinity',
		'NaN',
		'12abc',
		'1,5',
		'.5',
		'5.',
		'+3',
		'1_000',
		'1'.repeat(41),
		'true',
		'false',
		'TRUE',
		' true',
		'True',
		'yes',
		true,
		false,
		null,
		undefined,
		{},
		[],
		[3],
		['3'],
		new Date(0),
		() => 1,
		Symbol('s'),
		3n,
		{ valueOf: () => 3 },
	];
	let seed = 7;
	const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
	for (let i = 0; i < 3000; i++) {
		const number = (random() - 0.3) * 10 ** Math.floor(random() * 5);
		values.push(
			number,
			String(number),
			Math.round(number),
			String(Math.round(number)),
			` ${number.toFixed(3)} `,
		);
	}
	return values;
}

describe('field readers: the plain checks accept exactly what the zod schemas of the rules accept', () => {
	const values = generatedValues();

	it.each(RULES)('numbers: %s', (_, rule) => {
		const schema = zodNumber(rule);
		for (const value of values) {
			const parsed = schema.safeParse(value);
			expect([value, numberWithin(value, rule)]).toEqual([
				value,
				parsed.success ? parsed.data : undefined,
			]);
		}
	});

	it('flags', () => {
		for (const value of values) {
			const parsed = zodFlag.safeParse(value);
			expect([value, flagValue(value)]).toEqual([value, parsed.success ? parsed.data : undefined]);
		}
	});
});
