import { DateTime } from 'luxon';

import {
	BUILT_IN_PLAYBOOKS,
	businessHoursPreset,
	parseBusinessHours,
	schedulePlaybook,
	type BusinessWindow,
	type Playbook,
	type TimingOffset,
} from '../../../src/playbooks';

/**
 * schedulePlaybook computes due times on epoch milliseconds (zonedTime.ts); it did so with luxon DateTimes. The luxon
 * version is kept here and both are compared on every built-in playbook, from many starts in zones with DST (starts
 * near the changes included), with and without business hours: the plans must be identical.
 */

function luxonSchedule(
	playbook: Playbook,
	start: DateTime,
	zone: string,
	windows: readonly BusinessWindow[] | null,
) {
	const wallClock = (time: DateTime) => time.setZone('UTC', { keepLocalTime: true }).toMillis();
	const fromWallClock = (millis: number) =>
		DateTime.fromMillis(millis, { zone: 'UTC' }).setZone(zone, { keepLocalTime: true });
	const toIso = (time: DateTime) => time.toISO({ suppressMilliseconds: true });
	const minutesOfDay = (time: DateTime) =>
		time.hour * 60 + time.minute + time.second / 60 + time.millisecond / 60000;
	const within = (time: DateTime, list: readonly BusinessWindow[]) =>
		list.some(
			(w) =>
				w.weekday === time.weekday && w.start <= minutesOfDay(time) && minutesOfDay(time) < w.end,
		);
	const nextOpening = (time: DateTime, list: readonly BusinessWindow[]): DateTime => {
		if (within(time, list)) return time;
		for (let offset = 0; offset <= 7; offset++) {
			const day = time.startOf('day').plus({ days: offset });
			for (const w of list) {
				if (w.weekday !== day.weekday) continue;
				const opening = day.set({ hour: Math.floor(w.start / 60), minute: w.start % 60 });
				if (opening > time) return opening;
			}
		}
		throw new Error('no opening');
	};
	const first = start.setZone(zone);
	const raw: Array<DateTime | null> = [];
	playbook.steps.forEach((step, index) => {
		if (step.rule.kind === 'event') {
			raw.push(null);
			return;
		}
		const anchor = step.rule.from === 'start' || index === 0 ? first : raw[index - 1];
		const offset: TimingOffset = step.rule.offset;
		raw.push(anchor ? anchor.plus({ [offset.unit]: offset.amount }) : null);
	});
	let shift = 0;
	return {
		startAt: toIso(first),
		steps: playbook.steps.map((step, index) => {
			const time = raw[index];
			let due = time;
			if (time && windows) {
				const shifted = shift === 0 ? time : fromWallClock(wallClock(time) + shift);
				due = nextOpening(shifted, windows);
				shift += wallClock(due) - wallClock(shifted);
			}
			return [
				due ? toIso(due) : null,
				time && due && due.toMillis() !== time.toMillis() ? toIso(time) : null,
			];
		}),
	};
}

const ZONES = [
	'UTC',
	'Europe/Madrid',
	'America/Los_Angeles',
	'America/Sao_Paulo',
	'Australia/Lord_Howe',
];
const WINDOWS: Array<BusinessWindow[] | null> = [
	null,
	businessHoursPreset('weekdays_9_17'),
	parseBusinessHours([
		{ days: ['saturday', 'sunday'], start: '02:30', end: '04:00' },
		{ days: [1, 3], start: '00:00', end: '01:00' },
		{ days: 5, start: '22:00', end: '24:00' },
	]),
];

function starts(): number[] {
	let state = 11;
	const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
	const list: number[] = [];
	for (let i = 0; i < 8; i++)
		list.push(
			Math.floor(Date.UTC(2000, 0, 1) + random() * (Date.UTC(2040, 0, 1) - Date.UTC(2000, 0, 1))),
		);
	// Around the 2026 DST changes of Europe and the US, and Brazil's last one (2018), every 7 hours 13 minutes.
	for (const change of [
		Date.UTC(2026, 2, 29, 1),
		Date.UTC(2026, 2, 8, 10),
		Date.UTC(2026, 9, 25, 1),
		Date.UTC(2026, 10, 1, 9),
		Date.UTC(2018, 10, 4, 3),
	]) {
		for (let ms = change - 3 * 86_400_000; ms <= change + 86_400_000; ms += 433 * 60_000)
			list.push(ms);
	}
	return list;
}

describe('schedulePlaybook on milliseconds gives the plans the luxon version gave', () => {
	const instants = starts();
	it.each(ZONES)('%s', (zone) => {
		const differences: unknown[] = [];
		for (const playbook of BUILT_IN_PLAYBOOKS) {
			for (const windows of WINDOWS) {
				for (const ms of instants) {
					const start = DateTime.fromMillis(ms, { zone: 'UTC' });
					const plan = schedulePlaybook(playbook, {
						start,
						timeZone: zone,
						businessHours: windows,
					});
					const ours = {
						startAt: plan.startAt,
						steps: plan.steps.map((step) => [step.dueAt, step.deferredFrom]),
					};
					const theirs = luxonSchedule(playbook, start, zone, windows);
					if (JSON.stringify(ours) !== JSON.stringify(theirs))
						differences.push({ playbook: playbook.id, ms, ours, theirs });
				}
			}
		}
		expect(differences).toEqual([]);
	});
});
