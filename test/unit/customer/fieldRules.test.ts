import { DateTime } from 'luxon';

import { deriveDays } from '../../../src/customer/derive';
import { CustomerInputError } from '../../../src/customer/errors';
import { FIELD_RULES, NPS_SCORE_RULE } from '../../../src/customer/fieldRules';
import {
	OmittedValue,
	readDateField,
	readFlagField,
	readNumberField,
} from '../../../src/customer/fields';
import { InvalidDateError } from '../../../src/shared/dates';
import { toFiniteNumber } from '../../../src/shared/numbers';

/**
 * Issue 11, class 1: impossible values are never read silently. Each field's rule (src/customer/fieldRules.ts) either
 * fails the item, naming the field, the rule and the value, or leaves the value out with that reason.
 */

function failure(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		// CustomerInputError, or InvalidDateError for a date's form: both name the field for "Check the field …".
		expect(error instanceof CustomerInputError || error instanceof InvalidDateError).toBe(true);
		expect(typeof (error as { field?: unknown }).field).toBe('string');
		return (error as Error).message;
	}
	return 'no error';
}

describe('numeric text: plain decimal only', () => {
	it.each([
		['42', 42],
		['0.5', 0.5],
		[' 7 ', 7],
		['-3', -3],
		['+3', 3],
		['.5', 0.5],
		['1e3', 1000],
	])('%p is %p', (text, value) => {
		expect(toFiniteNumber(text)).toBe(value);
	});

	// Number() reads every one of these as a number (or 0): none is.
	it.each([
		'0x1F',
		'0X1f',
		'0b11',
		'0o17',
		'1e400',
		'Infinity',
		'-Infinity',
		'NaN',
		'',
		'   ',
		'1,5',
		'1_000',
		'12abc',
		'1'.repeat(41),
	])('%p is not a number', (text) => {
		expect(toFiniteNumber(text)).toBeUndefined();
	});

	it('"0x1F" is never 31: the field fails instead', () => {
		expect(failure(() => readNumberField('0x1F', 'open_tickets'))).toBe(
			'open_tickets: must be a whole number of 0 or more (got "0x1F")',
		);
	});
});

describe('numeric fields: inside the rule read, outside fail naming field, rule and value', () => {
	it.each([
		['nps_score', 1e308, 'nps_score: must be a whole number from 0 to 10 (got 1e+308)'],
		['nps_score', 12, 'nps_score: must be a whole number from 0 to 10 (got 12)'],
		['nps_score', 8.5, 'nps_score: must be a whole number from 0 to 10 (got 8.5)'],
		['nps_score', -1, 'nps_score: must be a whole number from 0 to 10 (got -1)'],
		['open_tickets', -5, 'open_tickets: must be a whole number of 0 or more (got -5)'],
		['open_tickets', 2.5, 'open_tickets: must be a whole number of 0 or more (got 2.5)'],
		['dau_mau_ratio', 12, 'dau_mau_ratio: must be a number from 0 to 1 (got 12)'],
		['feature_adoption', 45, 'feature_adoption: must be a number from 0 to 1 (got 45)'],
		['mrr', -50, 'mrr: must be a number of 0 or more (got -50)'],
		['seats', 1.5, 'seats: must be a whole number of 0 or more (got 1.5)'],
		['avg_csat', 0, 'avg_csat: must be a number from 1 to 5 (got 0)'],
		['rating', 6, 'rating: must be a number from 1 to 5 (got 6)'],
		['usage_vs_limit', 85, 'usage_vs_limit: must be a number from 0 to 10 (got 85)'],
		[
			'usage_change_percent',
			-101,
			'usage_change_percent: must be a percentage of -100 or more (got -101)',
		],
		['team_size_change', -2, 'team_size_change: must be a number of -1 or more (got -2)'],
		[
			'days_since_last_login',
			-3,
			'days_since_last_login: must be a number of days from 0 to 36525 (got -3)',
		],
		[
			'days_since_last_login',
			1e12,
			'days_since_last_login: must be a number of days from 0 to 36525 (got 1000000000000)',
		],
		[
			'days_to_renewal',
			40000,
			'days_to_renewal: must be a number of days from -36525 to 36525 (got 40000)',
		],
		[
			'contract_length',
			5000,
			'contract_length: must be a number of months from 0 to 1200 (got 5000)',
		],
		[
			'previous_health_score',
			101,
			'previous_health_score: must be a health score from 0 to 100 (got 101)',
		],
		['payment_health', '1.5', 'payment_health: must be a number from 0 to 1 (got "1.5")'],
		['escalations', Infinity, 'escalations: must be a whole number of 0 or more (got Infinity)'],
		['logins_per_week', Number.NaN, 'logins_per_week: must be a number of 0 or more (got NaN)'],
		['my_own_field', 'lots', 'my_own_field: must be a number (got "lots")'],
	])('%s %p fails', (field, value, message) => {
		expect(failure(() => readNumberField(value, field))).toBe(message);
	});

	it.each([
		['nps_score', '9', 9],
		['nps_score', 0, 0],
		['open_tickets', '3', 3],
		['dau_mau_ratio', 1, 1],
		['usage_vs_limit', 1.1, 1.1],
		['days_to_renewal', -30, -30],
		['days_since_signup', 30.5, 30.5],
		['team_size_change', -1, -1],
		['my_own_field', -1e300, -1e300],
	])('%s %p reads as %p', (field, value, expected) => {
		expect(readNumberField(value, field)).toBe(expected);
	});

	it.each([undefined, null, '', '   '])('%p is absent, never 0', (value) => {
		expect(readNumberField(value, 'nps_score')).toBeUndefined();
	});

	it('names the purpose when the reader gives one, and reads another field under a rule of its own', () => {
		expect(
			failure(() => readNumberField(11, 'nps_score', undefined, 'signal "nps_detractor"')),
		).toBe('nps_score: must be a whole number from 0 to 10 for signal "nps_detractor" (got 11)');
		expect(failure(() => readNumberField(11, 'survey.answer', NPS_SCORE_RULE))).toBe(
			'survey.answer: must be a whole number from 0 to 10 (got 11)',
		);
	});

	it('shows a huge value as a short preview with its length', () => {
		const message = failure(() => readNumberField('9'.repeat(5_000_000), 'nps_score'));
		expect(message).toBe(
			`nps_score: must be a whole number from 0 to 10 (got "${'9'.repeat(60)}…" (5,000,000 characters))`,
		);
	});
});

describe('fields whose bad value is left out with the reason (the optional extras)', () => {
	it.each([
		[
			'usage_growth_per_month',
			'fast',
			'usage_growth_per_month must be a number from -10 to 10 (got "fast")',
		],
		[
			'usage_growth_per_month',
			50,
			'usage_growth_per_month must be a number from -10 to 10 (got 50)',
		],
		[
			'analytics_views_per_week',
			-3,
			'analytics_views_per_week must be a number of 0 or more (got -3)',
		],
	])('%s %p', (field, value, reason) => {
		expect(readNumberField(value, field)).toEqual(new OmittedValue(field, reason));
	});

	it('flags too', () => {
		expect(readFlagField('yes', 'branding_mentioned')).toEqual(
			new OmittedValue(
				'branding_mentioned',
				'branding_mentioned must be true or false (got "yes")',
			),
		);
	});

	it('lists exactly these fields as left out; every other field fails', () => {
		const omitted = Object.entries(FIELD_RULES)
			.filter(([, rule]) => rule.outside === 'omit')
			.map(([field]) => field);
		expect(omitted).toEqual([
			'usage_growth_per_month',
			'analytics_views_per_week',
			'integration_requested',
			'branding_mentioned',
			'large_event_scheduled',
		]);
	});
});

describe('flags', () => {
	it.each([
		[true, true],
		['false', false],
		[' TRUE ', true],
		['False', false],
	])('%p is %p', (value, expected) => {
		expect(readFlagField(value, 'cancellation_requested')).toBe(expected);
	});

	it.each(['yes', 1, 'on'])('%p fails', (value) => {
		expect(failure(() => readFlagField(value, 'cancellation_requested'))).toBe(
			`cancellation_requested: must be true or false (got ${JSON.stringify(value)})`,
		);
	});
});

describe('dates', () => {
	const reference = Date.UTC(2026, 10, 23, 9);
	const read = (value: unknown, field = 'renewal_date') =>
		readDateField(value, field, 'UTC', reference);

	it('reads epoch numbers below 100,000,000,000 as seconds and larger ones as milliseconds', () => {
		expect(read(1_700_000_000)).toBe(1_700_000_000_000);
		expect(read(1_700_000_000_000)).toBe(1_700_000_000_000);
		// 100,000,000,000 is 3 March 1973 as milliseconds; one less is the year 5138 as seconds.
		expect(read(100_000_000_000)).toBe(100_000_000_000);
		expect(failure(() => read(99_999_999_999))).toMatch(
			/^renewal_date: must be a date within 100 years of the reference time/,
		);
	});

	it.each([
		['2026-11-23T09:00:00+14:00', Date.UTC(2026, 10, 22, 19)],
		['2026-11-23T09:00:00-12:00', Date.UTC(2026, 10, 23, 21)],
		['2026-11-23', Date.UTC(2026, 10, 23)],
	])('accepts %p', (value, ms) => {
		expect(read(value)).toBe(ms);
	});

	it.each([
		[
			'2026-11-23T09:00:00+99:00',
			'renewal_date: must have a UTC offset from -14:00 to +14:00 (got "2026-11-23T09:00:00+99:00")',
		],
		[
			'2026-11-23T09:00:00+14:30',
			'renewal_date: must have a UTC offset from -14:00 to +14:00 (got "2026-11-23T09:00:00+14:30")',
		],
		[
			'2026-11-23T09:00:00-1500',
			'renewal_date: must have a UTC offset from -14:00 to +14:00 (got "2026-11-23T09:00:00-1500")',
		],
		[
			'+275760-09-13',
			'renewal_date: must be a date from the year 1900 to 9999 (got "+275760-09-13")',
		],
		['1899-12-31', 'renewal_date: must be a date from the year 1900 to 9999 (got "1899-12-31")'],
		[
			1e15,
			'renewal_date: must be a date from the year 1900 to 9999 (a number is read as seconds since 1970 below 100,000,000,000, else as milliseconds) (got 1000000000000000)',
		],
		['soon', 'renewal_date: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "soon")'],
		[Number.NaN, 'renewal_date: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got NaN)'],
		[
			'2200-01-01',
			'renewal_date: must be a date within 100 years of the reference time 2026-11-23T09:00:00.000Z (got "2200-01-01")',
		],
	])('refuses %p', (value, message) => {
		expect(failure(() => read(value))).toBe(message);
	});

	it('a 5 MB date gives a short message, without parsing it', () => {
		const message = failure(() => read(`2026-11-23T${'0'.repeat(5_000_000)}`));
		expect(message).toBe(
			`renewal_date: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "2026-11-23T${'0'.repeat(49)}…" (5,000,011 characters))`,
		);
	});

	it('a past event (a login) may be at most a day after the reference time', () => {
		expect(failure(() => read('2099-01-01', 'last_login_at'))).toBe(
			'last_login_at: must be a past date, no more than 1 day after the reference time 2026-11-23T09:00:00.000Z (got "2099-01-01")',
		);
		expect(read('2026-11-24T09:00:00Z', 'last_login_at')).toBe(Date.UTC(2026, 10, 24, 9));
		expect(failure(() => read('2026-11-24T09:00:01Z', 'last_login_at'))).toMatch(
			/^last_login_at: must be a past date/,
		);
		// A renewal or a trial end may lie ahead.
		expect(read('2027-01-15', 'renewal_date')).toBe(Date.UTC(2027, 0, 15));
	});

	it('a login stamped up to a day ahead (clock skew) is 0 days ago, never negative; a 2099 login never scores as perfect', () => {
		const at = DateTime.fromMillis(reference, { zone: 'UTC' });
		expect(deriveDays({ last_login_at: '2026-11-24T08:00:00Z' }, at, 'UTC').values).toEqual({
			days_since_last_login: 0,
		});
		expect(() => deriveDays({ last_login_at: '2099-01-01T00:00:00Z' }, at, 'UTC')).toThrow(
			'last_login_at: must be a past date, no more than 1 day after the reference time 2026-11-23T09:00:00.000Z (got "2099-01-01T00:00:00Z")',
		);
	});
});
