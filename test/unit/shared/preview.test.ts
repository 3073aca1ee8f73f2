import { assertPlainData, InvalidDataError, MAX_DATA_DEPTH } from '../../../src/shared/plainData';
import { previewValue } from '../../../src/shared/preview';

/** Issue 11, class 3: an error message shows any value, briefly, and never crashes doing so. */

function cyclic(): Record<string, unknown> {
	const value: Record<string, unknown> = { id: 'x' };
	value.self = value;
	return value;
}

function nested(depth: number): unknown {
	let value: unknown = [];
	for (let level = 0; level < depth; level++) value = [value];
	return value;
}

describe('previewValue', () => {
	it.each([
		['yesterday', '"yesterday"'],
		[11, '11'],
		[1e308, '1e+308'],
		[Number.NaN, 'NaN'],
		[-Infinity, '-Infinity'],
		[null, 'null'],
		[undefined, 'nothing'],
		[true, 'true'],
		[BigInt(3), '3n'],
		[new Date('2026-11-23T09:00:00Z'), '2026-11-23T09:00:00.000Z'],
		[new Date('nope'), 'an invalid Date'],
		[{ a: 1, b: [1, 'x'] }, '{"a":1,"b":[1,"x"]}'],
		[[[[[[1]]]]], '[[[[…]]]]'],
	])('%p is %s', (value, expected) => {
		expect(previewValue(value)).toBe(expected);
	});

	it('cuts text at 60 characters and says how long it was', () => {
		expect(previewValue('x'.repeat(5_000_000))).toBe(`"${'x'.repeat(60)}…" (5,000,000 characters)`);
	});

	it('shows an object that contains itself, an array nested 10,000 deep and a huge array without walking them', () => {
		expect(previewValue(cyclic())).toBe('{"id":"x","self":[Circular]}');
		expect(previewValue(nested(10_000))).toBe('[[[[…]]]]');
		const preview = previewValue(Array.from({ length: 1_000_000 }, (_, index) => index));
		expect(preview.length).toBeLessThanOrEqual(61);
		expect(preview.endsWith('…')).toBe(true);
	});
});

describe('assertPlainData', () => {
	it('passes plain data, shared references included', () => {
		const shared = { points: 1 };
		expect(() =>
			assertPlainData({ a: shared, b: [shared, shared], c: new Date() }, 'Model (JSON)'),
		).not.toThrow();
		expect(() => assertPlainData(nested(MAX_DATA_DEPTH - 1), 'Model (JSON)')).not.toThrow();
	});

	it('names the parameter for an object that contains itself, and for nesting 10,000 deep, instead of overflowing the stack', () => {
		expect(() => assertPlainData(cyclic(), 'Model (JSON)')).toThrow(
			new InvalidDataError(
				'Model (JSON): contains itself (an object or list inside it refers back to it), which JSON cannot hold',
				'Model (JSON)',
			),
		);
		expect(() => assertPlainData(nested(10_000), 'Custom Playbooks (JSON)')).toThrow(
			'Custom Playbooks (JSON): is nested more than 64 levels deep (got [[[[…]]]])',
		);
	});
});
