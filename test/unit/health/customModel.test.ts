import { InvalidHealthModelError, parseHealthModel, scoreHealth } from '../../../src/health';

const valid = {
	id: 'my-model',
	components: [
		{
			key: 'usage',
			name: 'Usage',
			weight: 60,
			metrics: [
				{ key: 'logins', field: 'usage.logins', type: 'higher', ideal: 20, weight: 1 },
				{ key: 'idle', field: 'usage.idle_days', type: 'lower', ideal: 2, worst: 12, weight: 1 },
			],
		},
		{
			key: 'support',
			name: 'Support',
			weight: 40,
			metrics: [
				{
					key: 'csat',
					type: 'bands',
					weight: 1,
					bands: [
						{ gte: 4, points: 2 },
						{ gte: 3, points: 1 },
					],
				},
			],
		},
	],
};

describe('custom models', () => {
	it('normalises weights and reads nested fields: (75*.5 + 50*.5)=62.5 -> 63 * .6 + 50 * .4 = 57.8 -> 58', () => {
		const model = parseHealthModel(valid);
		const result = scoreHealth({ usage: { logins: 15, idle_days: 7 }, csat: 3.5 }, model);
		expect(result.components.map((c) => [c.weight, c.score])).toEqual([
			[0.6, 63],
			[0.4, 50],
		]);
		expect(result.score).toBe(58);
		expect(result.model).toBe('my-model');
		expect(result.category).toBe('critical');
	});

	it('parses a model given as a JSON string', () => {
		expect(parseHealthModel(JSON.stringify(valid)).components).toHaveLength(2);
	});

	it.each([
		[
			'a negative component weight',
			{ ...valid, components: [{ ...valid.components[0], weight: -1 }] },
			'Health model is invalid: components.0.weight: Number must be greater than 0',
		],
		[
			'worst not above ideal',
			{
				components: [
					{
						key: 'c',
						name: 'C',
						weight: 1,
						metrics: [{ key: 'm', type: 'lower', ideal: 5, worst: 5, weight: 1 }],
					},
				],
			},
			'Health model is invalid: components.0.metrics.0.worst: "worst" must be greater than "ideal" for a lower-is-better metric',
		],
		[
			'an ideal of 0 for a higher-is-better metric',
			{
				components: [
					{
						key: 'c',
						name: 'C',
						weight: 1,
						metrics: [{ key: 'm', type: 'higher', ideal: 0, weight: 1 }],
					},
				],
			},
			'Health model is invalid: components.0.metrics.0.ideal: Number must be greater than 0',
		],
		[
			'a duplicate metric key',
			{
				components: [
					{
						key: 'a',
						name: 'A',
						weight: 1,
						metrics: [{ key: 'm', type: 'higher', ideal: 1, weight: 1 }],
					},
					{
						key: 'b',
						name: 'B',
						weight: 1,
						metrics: [{ key: 'm', type: 'higher', ideal: 1, weight: 1 }],
					},
				],
			},
			'Health model is invalid: components.1.metrics.0.key: metric key "m" is already used at components.0.metrics.0',
		],
		[
			'no components',
			{ components: [] },
			'Health model is invalid: components: Array must contain at least 1 element(s)',
		],
		[
			'a band with two edges',
			{
				components: [
					{
						key: 'c',
						name: 'C',
						weight: 1,
						metrics: [
							{ key: 'm', type: 'bands', weight: 1, bands: [{ gte: 1, gt: 2, points: 1 }] },
						],
					},
				],
			},
			'Health model is invalid: components.0.metrics.0.bands.0: a band needs exactly one of "gte", "gt" or "equals"',
		],
		[
			'categories without a floor',
			{ ...valid, categories: [{ key: 'healthy', min: 50 }] },
			'Health model is invalid: categories: the lowest category must start at 0 so every score has a category',
		],
	])('rejects %s, naming the path', (_label, input, message) => {
		expect(() => parseHealthModel(input)).toThrow(InvalidHealthModelError);
		expect(() => parseHealthModel(input)).toThrow(message);
	});

	it('rejects malformed JSON with the parser message', () => {
		expect(() => parseHealthModel('{"components": [')).toThrow(/^Health model is not valid JSON: /);
	});
});
