import { customerRecordSchema, isValidCustomerRecord } from '../../../src/customer/record';
import { numericFieldSamples } from './samples';

/** The fast checks accept exactly what the zod schema accepts, field by field and value by value. */
const VALUES: unknown[] = [
	undefined,
	null,
	'',
	' ',
	'12',
	'abc',
	'true',
	'false',
	0,
	-1,
	1.5,
	Number.NaN,
	Infinity,
	-Infinity,
	true,
	false,
	new Date('2026-11-23T09:00:00Z'),
	new Date('nope'),
	[],
	[1],
	{},
	{ to: 'a@b.c' },
	{ to: 5 },
	{ to: null },
	{ other: 1 },
	'Europe/Madrid',
	'Mars/Olympus',
	'UTC',
	'2026-11-23T09:00:00Z',
	Symbol.for('x'),
	() => 1,
	BigInt(1),
];

describe('isValidCustomerRecord agrees with customerRecordSchema', () => {
	const fields = Object.keys(customerRecordSchema.shape);
	it.each(fields)('%s', (field) => {
		for (const value of [...VALUES, ...numericFieldSamples]) {
			const record = { customer_id: 'c', [field]: value };
			expect([field, value, isValidCustomerRecord(record)]).toEqual([
				field,
				value,
				customerRecordSchema.safeParse(record).success,
			]);
		}
	});

	it('accepts a record with every field valid and unknown fields', () => {
		expect(
			isValidCustomerRecord({
				customer_id: 1,
				email: 'a@b.c',
				timezone: 'Europe/Madrid',
				mrr: '10',
				extra: [1, 2],
			}),
		).toBe(true);
	});
});
