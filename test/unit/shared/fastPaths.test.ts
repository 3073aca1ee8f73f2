/**
 * The fast paths of src/shared give exactly what the slow, obviously-right versions give: rounding via 12 significant
 * digits, ISO parsing and calendar days via luxon. Checked over many seeded values, edges included.
 */
import { DateTime } from 'luxon';

import { calendarDaysBetweenMs, parseInstant, parseInstantMs } from '../../../src/shared/dates';
import { roundTo } from '../../../src/shared/numbers';
import { getPath } from '../../../src/shared/path';
import { seededRandom } from '../../fixtures/customers';

const referenceRound = (value: number, decimals = 0) => {
	const factor = 10 ** decimals;
	return (
		(Math.sign(value) * Math.round(Number((Math.abs(value) * factor).toPrecision(12)))) / factor
	);
};

describe('roundTo', () => {
	it('matches rounding at 12 significant digits on 200,000 seeded values, halves and near-halves included', () => {
		const random = seededRandom(42);
		let differences = 0;
		for (let i = 0; i < 200_000; i++) {
			const decimals = i % 5;
			let value = (random() - 0.5) * [1, 100, 1e4, 1e7, 1e12][i % 5];
			if (i % 3 === 0) value = Math.round(value * 10 ** decimals * 2) / 2 / 10 ** decimals;
			if (i % 7 === 0)
				value = ((Math.round(value * 1000) + 0.5) / 1000) * (1 + (random() - 0.5) * 1e-13);
			if (roundTo(value, decimals) !== referenceRound(value, decimals)) differences++;
		}
		expect(differences).toBe(0);
	});

	it.each([
		[1.005, 2, 1.01],
		[2.675, 2, 2.68],
		[0.5, 0, 1],
		[-0.5, 0, -1],
		[100.49999999999999, 0, 101],
		[1.4999999, 0, 1],
		[57.5, 0, 58],
	])('roundTo(%p, %p) is %p', (value, decimals, expected) => {
		expect(roundTo(value, decimals)).toBe(expected);
	});
});

describe('parseInstantMs', () => {
	const ZONES = [
		'UTC',
		'Europe/Madrid',
		'America/New_York',
		'Asia/Kolkata',
		'Australia/Lord_Howe',
		'Pacific/Kiritimati',
	];
	it('gives luxon’s instant for ISO strings with and without offsets, fractions and odd forms', () => {
		const random = seededRandom(7);
		for (let i = 0; i < 5000; i++) {
			const ms = Date.UTC(2000, 0, 1) + Math.floor(random() * 40 * 365 * 86_400_000);
			const zone = ZONES[i % ZONES.length];
			const local = DateTime.fromMillis(ms, { zone });
			const forms = [
				new Date(ms).toISOString(),
				local.toISO()!,
				local.toISO({ suppressMilliseconds: true })!,
				local.toISO({ includeOffset: false })!,
				local.toISODate()!,
				`${local.toISO({ includeOffset: false })!.slice(0, 19)}.123456789Z`,
			];
			for (const form of forms)
				expect([form, zone, parseInstantMs(form, zone, 'f')]).toEqual([
					form,
					zone,
					parseInstant(form, zone, 'f').toMillis(),
				]);
		}
	});

	it('refuses what luxon refuses, with the same error', () => {
		for (const bad of ['2026-02-30T10:00:00Z', '2026-13-01T00:00:00Z', 'yesterday', '']) {
			expect(() => parseInstantMs(bad, 'UTC', 'last_login_at')).toThrow(
				/last_login_at: must be an ISO 8601 date/,
			);
		}
		expect(parseInstantMs(1_700_000_000_000, 'UTC', 'f')).toBe(1_700_000_000_000);
		// Forms the fast path leaves to luxon still get luxon's answer (24:00 is the next midnight there).
		expect(parseInstantMs('2026-01-01T24:00:00Z', 'UTC', 'f')).toBe(Date.UTC(2026, 0, 2));
	});
});

describe('calendarDaysBetweenMs', () => {
	it('counts calendar days as luxon’s startOf(day) difference does, across DST changes and zones', () => {
		const random = seededRandom(11);
		const zones = [
			'UTC',
			'Europe/Madrid',
			'America/New_York',
			'America/Sao_Paulo',
			'Australia/Lord_Howe',
			'Asia/Kathmandu',
			'Pacific/Chatham',
		];
		for (let i = 0; i < 20_000; i++) {
			const zone = zones[i % zones.length];
			const from = Date.UTC(2018, 0, 1) + Math.floor(random() * 9 * 365 * 86_400_000);
			const to = from + Math.floor((random() - 0.3) * 400 * 86_400_000);
			const start = DateTime.fromMillis(from, { zone }).startOf('day');
			const end = DateTime.fromMillis(to, { zone }).startOf('day');
			expect(calendarDaysBetweenMs(from, to, zone)).toBe(Math.round(end.diff(start, 'days').days));
		}
	});
});

describe('getPath', () => {
	it('reads a plain field or a dotted path, own properties only', () => {
		const inherited = Object.create({ email: 'proto@example.com' });
		expect(getPath({ a: 1 }, 'a')).toBe(1);
		expect(getPath({ a: { b: 2 } }, 'a.b')).toBe(2);
		expect(getPath({ a: { b: 2 } }, ' a . b ')).toBe(2);
		expect(getPath(inherited, 'email')).toBeUndefined();
		expect(getPath({ __proto__: { x: 1 } }, '__proto__')).toBeUndefined();
		expect(getPath(null, 'a')).toBeUndefined();
	});
});
