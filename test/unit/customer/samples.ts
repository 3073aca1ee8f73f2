/** More numeric-looking values for the record checks. */
export const numericFieldSamples: unknown[] = [
	'0x1F',
	'1e3',
	'-0',
	1e308,
	-0,
	Number.MIN_VALUE,
	new Map(),
	new Set(),
	/re/,
	Promise.resolve(1),
	Object.create(null),
];
