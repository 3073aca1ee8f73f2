import { DateTime } from 'luxon';

import {
	aggregateItems,
	classifyResponse,
	planFollowUpAt,
	surveyEligibility,
} from '../../../src/nps';

/** Issue 11 for NPS: impossible values, non-finite results, crash-style messages. */

const reference = DateTime.fromISO('2026-03-10T12:00:00Z', { zone: 'UTC' });
const config = { reference, defaultTimeZone: 'UTC' };

function message(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		return (error as Error).message;
	}
	return 'no error';
}

describe('impossible values (class 1)', () => {
	it.each([
		[1e308, 'nps_score: must be a whole number from 0 to 10 (got 1e+308)'],
		['0x9', 'nps_score: must be a whole number from 0 to 10 (got "0x9")'],
		['Infinity', 'nps_score: must be a whole number from 0 to 10 (got "Infinity")'],
	])('score %p fails', (score, expected) => {
		expect(message(() => classifyResponse({ nps_score: score }, config))).toBe(expected);
	});

	it('a response time after the reference time (more than a day) fails; epoch seconds are seconds', () => {
		expect(
			message(() =>
				classifyResponse({ nps_score: 3, nps_responded_at: '2099-01-01T00:00:00Z' }, config),
			),
		).toBe(
			'nps_responded_at: must be a past date, no more than 1 day after the reference time 2026-03-10T12:00:00.000Z (got "2099-01-01T00:00:00Z")',
		);
		const seconds = Date.UTC(2026, 2, 10, 8, 15) / 1000;
		expect(
			classifyResponse({ nps_score: 3, nps_responded_at: seconds }, config).followUp.respondedAt,
		).toBe('2026-03-10T08:15:00Z');
	});

	it('an offset of +99:00 fails', () => {
		expect(
			message(() =>
				classifyResponse({ nps_score: 3, nps_responded_at: '2026-03-10T08:15:00+99:00' }, config),
			),
		).toBe(
			'nps_responded_at: must have a UTC offset from -14:00 to +14:00 (got "2026-03-10T08:15:00+99:00")',
		);
	});

	it('the throttle refuses a day count or a wait that no calendar holds', () => {
		expect(message(() => surveyEligibility({ days_since_last_nps_survey: -4 }, config))).toBe(
			'days_since_last_nps_survey: must be a whole number of days from 0 to 36525 (got -4)',
		);
		expect(message(() => surveyEligibility({}, { ...config, minDaysBetweenSurveys: 1e15 }))).toBe(
			'Minimum Days Between Surveys: must be a whole number from 0 to 36525 (got 1000000000000000)',
		);
	});

	it('aggregate lists an impossible score as invalid, never as a promoter', () => {
		const result = aggregateItems([{ nps_score: 10 }, { nps_score: 1e308 }, { nps_score: '0x9' }], {
			invalidItems: 'report',
		});
		expect(result).toMatchObject({
			responses: 1,
			promoters: { count: 1, percentage: 100 },
			invalid: [
				{ item: 1, reason: 'nps_score: must be a whole number from 0 to 10 (got 1e+308)' },
				{ item: 2, reason: 'nps_score: must be a whole number from 0 to 10 (got "0x9")' },
			],
		});
	});
});

describe('non-finite results (class 2)', () => {
	it('a response at the end of the dates luxon can write fails, never dueAt: null', () => {
		expect(
			message(() => classifyResponse({ nps_score: 3, nps_responded_at: '+275760-09-13' }, config)),
		).toBe('nps_responded_at: must be a date from the year 1900 to 9999 (got "+275760-09-13")');
		// Below the readers: a due time beyond luxon's range is an error naming it.
		expect(
			message(() => planFollowUpAt('promoter', 8.64e15 - 3_600_000, 'UTC', 'nps_responded_at')),
		).toBe(
			'nps.followUp.actions.2.dueAt: is beyond the dates that can be written as ISO 8601 (got 8640000601200000 ms since 1970)',
		);
	});

	it('the latest date allowed still gives every due time', () => {
		const late = DateTime.fromISO('9999-12-31T12:00:00Z', { zone: 'UTC' });
		const actions = classifyResponse({ nps_score: 10 }, { reference: late, defaultTimeZone: 'UTC' })
			.followUp.actions;
		expect(actions.map((action) => action.dueAt)).toEqual([
			'9999-12-31T12:00:00Z',
			'9999-12-31T12:00:00Z',
			'+010000-01-07T12:00:00Z',
		]);
	});
});

describe('crash-style messages (class 3)', () => {
	it('a field parameter that is not text is named, not "field.trim is not a function"', () => {
		expect(
			message(() =>
				classifyResponse({ nps_score: 3 }, { ...config, scoreField: 7 as unknown as string }),
			),
		).toBe(
			'Score Field: must be a field name or dotted path such as "customer", at most 256 characters (got 7)',
		);
		expect(
			message(() =>
				surveyEligibility({}, { ...config, lastSurveyField: ['a'] as unknown as string }),
			),
		).toBe(
			'Last Survey Field: must be a field name or dotted path such as "customer", at most 256 characters (got ["a"])',
		);
		expect(
			message(() => aggregateItems([{ nps_score: 3 }], { customerPath: 5 as unknown as string })),
		).toBe(
			'Customer Record Path: must be a field name or dotted path such as "customer", at most 256 characters (got 5)',
		);
		expect(message(() => aggregateItems([{ nps_score: 3 }], { surveysSent: 'many' }))).toBe(
			'Surveys Sent: must be a whole number of 0 or more (got "many")',
		);
	});
});
