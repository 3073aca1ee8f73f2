import { DateTime } from 'luxon';

import { surveyEligibility, type SurveyThrottleConfig } from '../../../src/nps';

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });
const check = (
	item: Record<string, unknown>,
	reference: string,
	overrides: Partial<SurveyThrottleConfig> = {},
) => surveyEligibility(item, { reference: at(reference), defaultTimeZone: 'UTC', ...overrides });

/**
 * Surveyed at 23:30 on 1 March in Los Angeles (PST), which is already 07:30 on 2 March in UTC. Calendar days in
 * the customer's zone: local day 1 March + 90 days = 30 May, so eligible from 2026-05-30T00:00-07:00 (PDT).
 */
const LA = {
	customer_id: 'la',
	timezone: 'America/Los_Angeles',
	last_nps_survey_at: '2026-03-02T07:30:00Z',
};

describe('survey throttle: N-1, N and N+1 calendar days in the customer’s time zone (N = 90 by default)', () => {
	it.each([
		['N-1: 29 May, noon local', '2026-05-29T12:00:00-07:00', 89, false],
		['N-1: 29 May, 23:59 local (already 30 May in UTC)', '2026-05-30T06:59:00Z', 89, false],
		['N: 30 May, 00:00 local', '2026-05-30T07:00:00Z', 90, true],
		['N: 30 May, 05:00 local (12:00 UTC)', '2026-05-30T12:00:00Z', 90, true],
		['N+1: 31 May', '2026-05-31T12:00:00-07:00', 91, true],
	])('%s -> %i days, eligible %s', (_, reference, days, eligible) => {
		expect(check(LA, reference)).toEqual({
			eligible,
			lastSurveyAt: '2026-03-01T23:30:00-08:00',
			daysSinceLastSurvey: days,
			minDaysBetweenSurveys: 90,
			eligibleAt: '2026-05-30T00:00:00-07:00',
			basis: 'last_nps_survey_at',
			timezone: 'America/Los_Angeles',
		});
	});

	it('the same instant counts one day less for a customer in UTC (surveyed on 2 March there)', () => {
		const utc = { ...LA, timezone: 'UTC' };
		expect(check(utc, '2026-05-30T12:00:00Z')).toMatchObject({
			eligible: false,
			daysSinceLastSurvey: 89,
			eligibleAt: '2026-05-31T00:00:00Z',
		});
		expect(check(utc, '2026-05-31T00:00:00Z')).toMatchObject({
			eligible: true,
			daysSinceLastSurvey: 90,
		});
	});

	it('east of UTC: surveyed at 05:00 on 2 March in Tokyo (20:00 UTC on 1 March)', () => {
		const tokyo = { timezone: 'Asia/Tokyo', last_nps_survey_at: '2026-03-01T20:00:00Z' };
		expect(check(tokyo, '2026-05-30T14:59:00Z')).toMatchObject({
			eligible: false,
			daysSinceLastSurvey: 89,
			eligibleAt: '2026-05-31T00:00:00+09:00',
		});
		expect(check(tokyo, '2026-05-30T15:00:00Z')).toMatchObject({
			eligible: true,
			daysSinceLastSurvey: 90,
		});
	});

	it('uses the default zone when the record has none, and a date-only value as local midnight', () => {
		const dateOnly = { last_nps_survey_at: '2026-03-01' };
		const zone = { defaultTimeZone: 'America/Los_Angeles' };
		expect(check(dateOnly, '2026-05-30T06:59:00Z', zone)).toMatchObject({
			eligible: false,
			daysSinceLastSurvey: 89,
		});
		expect(check(dateOnly, '2026-05-30T07:00:00Z', zone)).toMatchObject({
			eligible: true,
			lastSurveyAt: '2026-03-01T00:00:00-08:00',
			eligibleAt: '2026-05-30T00:00:00-07:00',
		});
	});

	it('takes another N (30 for a monthly survey, docs/sources.md#nps-survey-throttle): N-1, N, N+1', () => {
		const item = { last_nps_survey_at: '2026-03-10T09:00:00Z' };
		const monthly = { minDaysBetweenSurveys: 30 };
		expect(check(item, '2026-04-08T23:00:00Z', monthly)).toMatchObject({
			eligible: false,
			daysSinceLastSurvey: 29,
		});
		expect(check(item, '2026-04-09T00:00:00Z', monthly)).toMatchObject({
			eligible: true,
			daysSinceLastSurvey: 30,
			eligibleAt: '2026-04-09T00:00:00Z',
		});
		expect(check(item, '2026-04-10T00:00:00Z', monthly)).toMatchObject({
			eligible: true,
			daysSinceLastSurvey: 31,
		});
	});

	// Was: a survey dated two days in the future gave daysSinceLastSurvey -2. A survey is a past event
	// (src/customer/fieldRules.ts): up to a day after the reference time is clock skew and counts as today; later fails.
	it('0 days lets a customer surveyed earlier today through; a survey dated in the future holds them back or fails', () => {
		expect(
			check({ last_nps_survey_at: '2026-03-10T08:00:00Z' }, '2026-03-10T12:00:00Z', {
				minDaysBetweenSurveys: 0,
			}),
		).toMatchObject({
			eligible: true,
			daysSinceLastSurvey: 0,
		});
		expect(
			check({ last_nps_survey_at: '2026-03-11T08:00:00Z' }, '2026-03-10T12:00:00Z'),
		).toMatchObject({
			eligible: false,
			daysSinceLastSurvey: 0,
			eligibleAt: '2026-06-09T00:00:00Z',
		});
		expect(() =>
			check({ last_nps_survey_at: '2026-03-12T08:00:00Z' }, '2026-03-10T12:00:00Z'),
		).toThrow(
			'last_nps_survey_at: must be a past date, no more than 1 day after the reference time 2026-03-10T12:00:00.000Z (got "2026-03-12T08:00:00Z")',
		);
	});
});

describe('survey throttle: other inputs', () => {
	it('never surveyed is eligible', () => {
		expect(check({ customer_id: 'new' }, '2026-03-10T12:00:00Z')).toEqual({
			eligible: true,
			lastSurveyAt: null,
			daysSinceLastSurvey: null,
			minDaysBetweenSurveys: 90,
			eligibleAt: null,
			basis: 'never_surveyed',
			timezone: 'UTC',
		});
		expect(check({ last_nps_survey_at: null }, '2026-03-10T12:00:00Z').eligible).toBe(true);
	});

	it('falls back on days_since_last_nps_survey when the date is absent, so a known survey is never ignored', () => {
		expect(check({ days_since_last_nps_survey: 89 }, '2026-03-10T12:00:00Z')).toEqual({
			eligible: false,
			lastSurveyAt: null,
			daysSinceLastSurvey: 89,
			minDaysBetweenSurveys: 90,
			eligibleAt: '2026-03-11T00:00:00Z',
			basis: 'days_since_last_nps_survey',
			timezone: 'UTC',
		});
		expect(check({ days_since_last_nps_survey: '90' }, '2026-03-10T12:00:00Z')).toMatchObject({
			eligible: true,
			eligibleAt: '2026-03-10T00:00:00Z',
		});
		expect(() => check({ days_since_last_nps_survey: 'soon' }, '2026-03-10T12:00:00Z')).toThrow(
			'days_since_last_nps_survey: must be a whole number of days from 0 to 36525 (got "soon")',
		);
	});

	it('reads a custom field inside a nested record', () => {
		const item = {
			customer: { timezone: 'Europe/Madrid', surveys: { last: '2026-01-01T10:00:00+01:00' } },
		};
		expect(
			check(item, '2026-03-31T12:00:00Z', {
				customerPath: 'customer',
				lastSurveyField: 'surveys.last',
			}),
		).toMatchObject({
			eligible: false,
			lastSurveyAt: '2026-01-01T10:00:00+01:00',
			daysSinceLastSurvey: 89, // 31 (January) + 28 (February) + 30
			eligibleAt: '2026-04-01T00:00:00+02:00', // 1 January + 90 days, in summer time
			basis: 'surveys.last',
			timezone: 'Europe/Madrid',
		});
	});

	it('fails a malformed date naming the field, and a bad N', () => {
		expect(() => check({ last_nps_survey_at: 'last spring' }, '2026-03-10T12:00:00Z')).toThrow(
			'last_nps_survey_at: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "last spring")',
		);
		expect(() => check({ last_nps_survey_at: true }, '2026-03-10T12:00:00Z')).toThrow(
			'last_nps_survey_at:',
		);
		expect(() => check({}, '2026-03-10T12:00:00Z', { minDaysBetweenSurveys: -1 })).toThrow(
			'Minimum Days Between Surveys: must be a whole number from 0 to 36525 (got -1)',
		);
		expect(() => check({}, '2026-03-10T12:00:00Z', { minDaysBetweenSurveys: 1.5 })).toThrow(
			'(got 1.5)',
		);
	});
});
