import {
	aggregateItems,
	aggregateNps,
	collectScores,
	countSegments,
	npsConfidenceInterval,
	NpsBatchItemError,
	Z_95,
} from '../../../src/nps';

/** A batch of responses with these segment counts (scores 10 / 7 / 0), as items. */
const batch = (promoters: number, passives: number, detractors: number) => [
	...Array.from({ length: promoters }, () => ({ nps_score: 10 })),
	...Array.from({ length: passives }, () => ({ nps_score: 7 })),
	...Array.from({ length: detractors }, () => ({ nps_score: 0 })),
];

describe('NPS of known batches: round((promoters - detractors) / responses * 100)', () => {
	it('50 promoters, 30 passives, 20 detractors -> 30, with counts, percentages and the interval', () => {
		expect(aggregateNps({ promoters: 50, passives: 30, detractors: 20 })).toEqual({
			nps: 30,
			responses: 100,
			promoters: { count: 50, percentage: 50 },
			passives: { count: 30, percentage: 30 },
			detractors: { count: 20, percentage: 20 },
			sampleWarning: null,
			minimumSample: 30,
			surveysSent: null,
			responseRate: null,
			confidenceInterval: { level: 0.95, lower: 14.1, upper: 44.2, method: 'adjusted-wald' },
			unanswered: 0,
			invalid: [],
		});
	});

	it.each([
		// [promoters, passives, detractors, nps]
		[2, 2, 2, 0],
		[3, 0, 0, 100],
		[0, 0, 3, -100],
		[0, 5, 0, 0],
		[1, 2, 0, 33], // 33.33
		[2, 1, 0, 67], // 66.67
		[1, 7, 0, 13], // 12.5 -> 13
		[0, 7, 1, -13], // -12.5 -> -13 (half away from zero; Math.round would give -12)
		[0, 299, 1, 0], // -0.33 -> 0, not -0
		[7, 2, 1, 60],
	])('%i promoters, %i passives, %i detractors -> %i', (promoters, passives, detractors, nps) => {
		expect(aggregateNps({ promoters, passives, detractors }).nps).toBe(nps);
	});

	it('rounds percentages to 1 decimal (they need not add up to exactly 100)', () => {
		const result = aggregateNps({ promoters: 1, passives: 1, detractors: 1 });
		expect([result.promoters, result.passives, result.detractors]).toEqual([
			{ count: 1, percentage: 33.3 },
			{ count: 1, percentage: 33.3 },
			{ count: 1, percentage: 33.3 },
		]);
		expect(aggregateNps({ promoters: 2, passives: 1, detractors: 0 }).promoters.percentage).toBe(
			66.7,
		);
	});

	it('counts segments at every edge', () => {
		expect(countSegments([0, 6, 7, 8, 9, 10, 6, 9])).toEqual({
			promoters: 3,
			passives: 2,
			detractors: 3,
		});
	});
});

describe('empty batch: a clear result, never a division by zero', () => {
	it('has no NPS, no percentages, no interval, and says why', () => {
		expect(aggregateNps({ promoters: 0, passives: 0, detractors: 0 })).toEqual({
			nps: null,
			responses: 0,
			promoters: { count: 0, percentage: null },
			passives: { count: 0, percentage: null },
			detractors: { count: 0, percentage: null },
			sampleWarning: 'No responses: the NPS is undefined without at least one response',
			minimumSample: 30,
			surveysSent: null,
			responseRate: null,
			confidenceInterval: null,
			unanswered: 0,
			invalid: [],
		});
		expect(aggregateItems([])).toMatchObject({ nps: null, responses: 0 });
	});

	it('a response rate of 0 % when surveys were sent and nobody answered', () => {
		expect(
			aggregateNps({ promoters: 0, passives: 0, detractors: 0 }, { surveysSent: 50 }).responseRate,
		).toBe(0);
	});
});

describe('sample warning below 30 responses (docs/sources.md#nps-reporting-rules)', () => {
	it.each([
		[1, 'Only 1 response (fewer than 30): too small a sample to report this NPS as reliable'],
		[29, 'Only 29 responses (fewer than 30): too small a sample to report this NPS as reliable'],
		[30, null],
		[31, null],
	])('%i responses -> %j', (responses, warning) => {
		expect(aggregateNps({ promoters: responses, passives: 0, detractors: 0 }).sampleWarning).toBe(
			warning,
		);
	});

	it('takes another minimum; 0 warns only for an empty batch', () => {
		expect(
			aggregateNps({ promoters: 40, passives: 0, detractors: 9 }, { minimumSample: 50 })
				.sampleWarning,
		).toBe('Only 49 responses (fewer than 50): too small a sample to report this NPS as reliable');
		expect(
			aggregateNps({ promoters: 1, passives: 0, detractors: 0 }, { minimumSample: 0 })
				.sampleWarning,
		).toBeNull();
		expect(
			aggregateNps({ promoters: 0, passives: 0, detractors: 0 }, { minimumSample: 0 })
				.sampleWarning,
		).toMatch(/^No responses/);
	});

	it('fails a minimum that is not a whole number of 0 or more', () => {
		expect(() =>
			aggregateNps({ promoters: 1, passives: 0, detractors: 0 }, { minimumSample: -5 }),
		).toThrow('Minimum Sample Size: must be a whole number of 0 or more (got -5)');
	});
});

describe('response rate = responses / surveys sent * 100, to 1 decimal', () => {
	it.each([
		[400, 25],
		[300, 33.3],
		['150', 66.7],
		[0, null], // unknown: no division by zero (the seed reports 0)
		[undefined, null],
		['', null],
	])('100 responses, %j sent -> %j', (surveysSent, rate) => {
		const result = aggregateNps({ promoters: 50, passives: 30, detractors: 20 }, { surveysSent });
		expect(result.responseRate).toBe(rate);
	});

	it('reports the number sent, and fails one that is not a whole number of 0 or more', () => {
		expect(
			aggregateNps({ promoters: 1, passives: 0, detractors: 0 }, { surveysSent: '4' }).surveysSent,
		).toBe(4);
		expect(() =>
			aggregateNps({ promoters: 1, passives: 0, detractors: 0 }, { surveysSent: 2.5 }),
		).toThrow('Surveys Sent: must be a whole number of 0 or more (got 2.5)');
		expect(() =>
			aggregateNps({ promoters: 1, passives: 0, detractors: 0 }, { surveysSent: 'many' }),
		).toThrow('Surveys Sent: must be a whole number of 0 or more (got "many")');
	});
});

describe('95 % confidence interval, adjusted-Wald (Rocks, 2016)', () => {
	it('z is the 97.5th percentile of the standard normal', () => {
		expect(Z_95).toBeCloseTo(1.959964, 6);
	});

	it('matches the value worked out by hand for 50 promoters, 30 passives, 20 detractors', () => {
		// Add 3 pseudo-observations: 0.75 detractor, 1.5 passive, 0.75 promoter.
		//   n' = 103, p' = 50.75 / 103 = 0.492718, d' = 20.75 / 103 = 0.201456
		//   NPS' = p' - d' = 30 / 103 = 0.291262
		//   Var = p' + d' - NPS'^2 = 71.5 / 103 - 0.084834 = 0.694175 - 0.084834 = 0.609341
		//   SE = sqrt(0.609341 / 103) = sqrt(0.00591593) = 0.0769151
		//   z·SE = 1.959964 x 0.0769151 = 0.150751
		//   lower = 0.291262 - 0.150751 = 0.140511 -> 14.1;  upper = 0.291262 + 0.150751 = 0.442013 -> 44.2
		expect(npsConfidenceInterval({ promoters: 50, passives: 30, detractors: 20 })).toEqual({
			level: 0.95,
			lower: 14.1,
			upper: 44.2,
			method: 'adjusted-wald',
		});
	});

	it('keeps a width when every response is a promoter, and clips to 100', () => {
		// n' = 13, p' = 10.75 / 13, d' = 0.75 / 13, NPS' = 10 / 13 = 0.769231
		// Var = 11.5 / 13 - 0.591716 = 0.292899, SE = sqrt(0.292899 / 13) = 0.150102, z·SE = 0.294195
		// lower = 0.475036 -> 47.5; upper = 1.063426 -> 106.3, clipped to 100
		expect(npsConfidenceInterval({ promoters: 10, passives: 0, detractors: 0 })).toMatchObject({
			lower: 47.5,
			upper: 100,
		});
		expect(npsConfidenceInterval({ promoters: 0, passives: 0, detractors: 10 })).toMatchObject({
			lower: -100,
			upper: -47.5,
		});
	});

	it('is symmetric around 0 for a balanced batch, and null without responses', () => {
		// n' = 18, p' = d' = 5.75 / 18, NPS' = 0, Var = 11.5 / 18 = 0.638889, SE = sqrt(0.638889 / 18) = 0.188398
		// z·SE = 0.369253 -> ±36.9
		expect(npsConfidenceInterval({ promoters: 5, passives: 5, detractors: 5 })).toMatchObject({
			lower: -36.9,
			upper: 36.9,
		});
		expect(npsConfidenceInterval({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
	});

	it('narrows as the sample grows and always contains the NPS of the batch', () => {
		const small = npsConfidenceInterval({ promoters: 5, passives: 3, detractors: 2 })!;
		const large = npsConfidenceInterval({ promoters: 500, passives: 300, detractors: 200 })!;
		expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
		expect(large.lower).toBeLessThan(30);
		expect(large.upper).toBeGreaterThan(30);
	});
});

describe('a batch of items: invalid scores are never silently dropped', () => {
	const items = [
		{ nps_score: 10 },
		{ nps_score: 11 },
		{ nps_score: '7' },
		{ customer_id: 'no-score' },
		{ nps_score: 3 },
	];

	it('stops at the first invalid item, naming it and the field', () => {
		let caught: unknown;
		try {
			aggregateItems(items);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(NpsBatchItemError);
		expect(caught).toMatchObject({
			itemIndex: 1,
			field: 'nps_score',
			message: 'nps_score: must be a whole number from 0 to 10 (got 11)',
		});
	});

	it('with "report", leaves invalid items out and lists each with its reason', () => {
		expect(aggregateItems(items, { invalidItems: 'report' })).toMatchObject({
			nps: 0,
			responses: 3,
			promoters: { count: 1 },
			passives: { count: 1 },
			detractors: { count: 1 },
			invalid: [
				{ item: 1, reason: 'nps_score: must be a whole number from 0 to 10 (got 11)' },
				{
					item: 3,
					reason:
						'nps_score: is missing; an NPS response needs a whole number from 0 to 10 (got null)',
				},
			],
		});
	});

	it('counts items without a score as unanswered when told to (an invalid score still fails)', () => {
		const result = aggregateItems([{ nps_score: 9 }, { nps_score: '' }, { nps_score: null }, {}], {
			skipMissingScore: true,
		});
		expect(result).toMatchObject({ nps: 100, responses: 1, unanswered: 2, invalid: [] });
		expect(() => aggregateItems([{ nps_score: 'n/a' }], { skipMissingScore: true })).toThrow(
			'got "n/a"',
		);
	});

	it('ignores the empty item n8n’s Always Output Data sends: no responses, not a failure', () => {
		expect(aggregateItems([{}])).toMatchObject({
			nps: null,
			responses: 0,
			unanswered: 0,
			invalid: [],
		});
	});

	it('reads a nested record and a custom score field', () => {
		const nested = [{ customer: { survey: { score: 9 } } }, { customer: { survey: { score: 2 } } }];
		expect(
			collectScores(nested, { customerPath: 'customer', scoreField: 'survey.score' }).scores,
		).toEqual([9, 2]);
	});

	it('aggregates a batch of 100 items to the same result as its counts', () => {
		expect(aggregateItems(batch(50, 30, 20), { surveysSent: 250 })).toEqual(
			aggregateNps({ promoters: 50, passives: 30, detractors: 20 }, { surveysSent: 250 }),
		);
		expect(aggregateItems(batch(50, 30, 20), { surveysSent: 250 }).responseRate).toBe(40);
	});
});
