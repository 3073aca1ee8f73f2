import { DateTime } from 'luxon';

import {
	fromWallClock,
	isoDate,
	isoTime,
	localTime,
	offsetAt,
	plusDays,
	setHourMinute,
	startOfDay,
	wallClock,
} from '../../../src/playbooks/zonedTime';

/**
 * zonedTime.ts replaces luxon DateTime arithmetic on epoch milliseconds. Each function is compared here with the luxon
 * expression it replaces, over many instants: random ones from 1850 to 2100 and every 20 minutes around each offset
 * change of the years below, in zones with DST, half-hour and 45-minute offsets, DST at midnight, a skipped day, and
 * the fractional-minute offsets of local mean time.
 */

const ZONES = [
	'UTC',
	'GMT',
	'Etc/UTC',
	'Europe/Madrid',
	'Europe/Amsterdam',
	'America/Los_Angeles',
	'America/Sao_Paulo',
	'America/Santiago',
	'America/Havana',
	'America/St_Johns',
	'Australia/Lord_Howe',
	'Asia/Kathmandu',
	'Asia/Gaza',
	'Africa/Casablanca',
	'Pacific/Apia',
	'Pacific/Chatham',
	'Antarctica/Troll',
];
const TRANSITION_YEARS = [1890, 1937, 2011, 2026];
const DAY = 86_400_000;

function seeded(seed: number): () => number {
	let state = seed;
	return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

/** Instants where the zone's offset changes (found day by day with luxon), and a quarter hour apart around them. */
function aroundTransitions(zone: string): number[] {
	const instants: number[] = [];
	for (const year of TRANSITION_YEARS) {
		const first = Date.UTC(year, 0, 1);
		for (let day = first; day < Date.UTC(year + 1, 0, 1); day += DAY) {
			const before = DateTime.fromMillis(day, { zone }).offset;
			if (DateTime.fromMillis(day + DAY - 1, { zone }).offset === before) continue;
			for (let ms = day - 3 * 3_600_000; ms < day + DAY + 3 * 3_600_000; ms += 20 * 60_000)
				instants.push(ms, ms + 37_123);
		}
	}
	return instants;
}

function instantsFor(zone: string): number[] {
	const random = seeded(zone.length * 7919 + 17);
	const instants = aroundTransitions(zone);
	for (let i = 0; i < 500; i++)
		instants.push(
			Math.floor(Date.UTC(1850, 0, 1) + random() * (Date.UTC(2100, 0, 1) - Date.UTC(1850, 0, 1))),
		);
	instants.push(
		0,
		-1,
		Date.UTC(9999, 11, 31, 23, 59, 59),
		Date.UTC(10000, 0, 1, 12),
		Date.UTC(-5, 5, 5),
		Date.UTC(50, 1, 28, 23),
	);
	return instants;
}

/** Every instant where `ours` and `luxon's` differ (an empty list is the pass). */
function differences<T>(
	instants: number[],
	ours: (ms: number) => T,
	luxons: (ms: number) => T,
): Array<[number, T, T]> {
	const found: Array<[number, T, T]> = [];
	for (const ms of instants) {
		const mine = ours(ms);
		const theirs = luxons(ms);
		if (JSON.stringify(mine) !== JSON.stringify(theirs)) found.push([ms, mine, theirs]);
	}
	return found;
}

describe.each(ZONES)('zonedTime in %s equals luxon', (zone) => {
	const instants = instantsFor(zone);
	const at = (ms: number) => DateTime.fromMillis(ms, { zone });

	it('offset, wall clock, local time and ISO text', () => {
		expect(
			differences(
				instants,
				(ms) => [
					offsetAt(ms, zone),
					wallClock(ms, zone),
					isoTime(ms, zone),
					isoTime(ms, zone, true),
					isoDate(ms, zone),
					localTime(ms, zone),
				],
				(ms) => {
					const dt = at(ms);
					const { year, month, day, hour, minute, second, millisecond, weekday } = dt;
					return [
						dt.offset,
						dt.setZone('UTC', { keepLocalTime: true }).toMillis(),
						dt.toISO(),
						dt.toISO({ suppressMilliseconds: true }),
						dt.toISODate(),
						{ year, month, day, hour, minute, second, millisecond, weekday },
					];
				},
			),
		).toEqual([]);
	});

	it('calendar days, start of day, hour and minute of the day, and from a wall clock', () => {
		const days = [1, 3, 7, 90, -1, -45];
		const times = [
			[0, 0],
			[2, 30],
			[9, 0],
			[23, 59],
		];
		expect(
			differences(
				instants,
				(ms) => [
					days.map((count) => plusDays(ms, zone, count)),
					startOfDay(ms, zone),
					times.map(([hour, minute]) => setHourMinute(ms, zone, hour, minute)),
					fromWallClock(ms, zone),
				],
				(ms) => [
					days.map((count) => at(ms).plus({ days: count }).toMillis()),
					at(ms).startOf('day').toMillis(),
					times.map(([hour, minute]) => at(ms).set({ hour, minute }).toMillis()),
					DateTime.fromMillis(ms, { zone: 'UTC' })
						.setZone(zone, { keepLocalTime: true })
						.toMillis(),
				],
			),
		).toEqual([]);
	});
});

it('out of luxon’s range there is no ISO text, as luxon gives none', () => {
	expect(isoTime(8.64e15 + 1, 'UTC')).toBeNull();
	expect(DateTime.fromMillis(8.64e15 + 1, { zone: 'UTC' }).toISO()).toBeNull();
});
