import { NPS_SEGMENTS, parseNpsScore, segmentOf } from '../../../src/nps';

describe('NPS segments (docs/sources.md#nps-segments: promoters 9-10, passives 7-8, detractors 0-6)', () => {
	it.each([
		[0, 'detractor'],
		[5, 'detractor'],
		[6, 'detractor'],
		[7, 'passive'],
		[8, 'passive'],
		[9, 'promoter'],
		[10, 'promoter'],
	])('%i -> %s', (score, segment) => {
		expect(segmentOf(score)).toBe(segment);
	});

	it('lists the segments in the order of the per-segment outputs', () => {
		expect(NPS_SEGMENTS).toEqual(['promoter', 'passive', 'detractor']);
	});
});

describe('parseNpsScore', () => {
	it.each([
		[0, 0],
		[10, 10],
		['9', 9],
		[' 7 ', 7],
		['6.0', 6],
	])('reads %j as %i', (value, score) => {
		expect(parseNpsScore(value, 'nps_score')).toBe(score);
	});

	it.each([
		[11, 'nps_score: must be a whole number from 0 to 10 (got 11)'],
		[-1, 'nps_score: must be a whole number from 0 to 10 (got -1)'],
		[8.5, 'nps_score: must be a whole number from 0 to 10 (got 8.5)'],
		['8.5', 'nps_score: must be a whole number from 0 to 10 (got "8.5")'],
		['nine', 'nps_score: must be a whole number from 0 to 10 (got "nine")'],
		[true, 'nps_score: must be a whole number from 0 to 10 (got true)'],
		[[9], 'nps_score: must be a whole number from 0 to 10 (got [9])'],
		[
			undefined,
			'nps_score: is missing; an NPS response needs a whole number from 0 to 10 (got null)',
		],
		[null, 'nps_score: is missing; an NPS response needs a whole number from 0 to 10 (got null)'],
		['  ', 'nps_score: is missing; an NPS response needs a whole number from 0 to 10 (got "  ")'],
	])('fails %j clearly, naming the field', (value, message) => {
		expect(() => parseNpsScore(value, 'nps_score')).toThrow(message);
		try {
			parseNpsScore(value, 'survey.score');
		} catch (error) {
			expect((error as { field: string }).field).toBe('survey.score');
		}
	});
});
