import { DateTime } from 'luxon';

import { NPS_FOLLOW_UPS, NPS_SEGMENTS, planFollowUp, surveyEligibility } from '../../../src/nps';
import { calendarDaysBetween } from '../../../src/shared/dates';

/**
 * The follow-up due times and the survey throttle are computed on epoch milliseconds (src/playbooks/zonedTime.ts);
 * they were computed with luxon DateTimes. The luxon versions are kept here and compared with the new ones over many
 * generated instants (near DST changes too), zones and periods: the text must be identical.
 */

const ZONES = [
	'UTC',
	'Europe/Madrid',
	'America/Los_Angeles',
	'America/Sao_Paulo',
	'Australia/Lord_Howe',
	'Asia/Kathmandu',
];
const iso = (time: DateTime) => time.toISO({ suppressMilliseconds: true });

function instants(): number[] {
	let state = 5;
	const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
	const list: number[] = [];
	for (let i = 0; i < 150; i++)
		list.push(
			Math.floor(Date.UTC(1990, 0, 1) + random() * (Date.UTC(2045, 0, 1) - Date.UTC(1990, 0, 1))),
		);
	for (const change of [
		Date.UTC(2026, 2, 29, 1),
		Date.UTC(2026, 2, 8, 10),
		Date.UTC(2026, 9, 25, 1),
		Date.UTC(2018, 10, 4, 3),
		Date.UTC(2026, 3, 5, 15),
	]) {
		for (let ms = change - 4 * 86_400_000; ms <= change + 86_400_000; ms += 71 * 60_000 + 17_000)
			list.push(ms);
	}
	return list;
}

describe('NPS follow-up due times equal the luxon ones', () => {
	it.each(ZONES)('%s', (zone) => {
		const differences: unknown[] = [];
		for (const ms of instants()) {
			const respondedAt = DateTime.fromMillis(ms, { zone: 'UTC' });
			for (const segment of NPS_SEGMENTS) {
				const plan = planFollowUp(segment, respondedAt, zone, 'referenceTime');
				const start = respondedAt.setZone(zone);
				const theirs = [
					iso(start),
					...NPS_FOLLOW_UPS[segment].actions.map((action) => iso(start.plus(action.offset))),
				];
				const ours = [plan.respondedAt, ...plan.actions.map((action) => action.dueAt)];
				if (JSON.stringify(ours) !== JSON.stringify(theirs))
					differences.push({ ms, segment, ours, theirs });
			}
		}
		expect(differences).toEqual([]);
	});
});

describe('the survey throttle equals the luxon one', () => {
	const references = [
		Date.UTC(2026, 2, 29, 0, 30),
		Date.UTC(2026, 10, 1, 8, 15),
		Date.UTC(2031, 6, 15, 23, 59),
	];

	it.each(ZONES)('%s', (zone) => {
		const differences: unknown[] = [];
		for (const referenceMs of references) {
			const reference = DateTime.fromMillis(referenceMs, { zone: 'UTC' });
			for (const minDays of [0, 1, 30, 90]) {
				for (const ms of instants()) {
					// A survey after the reference time is refused now (a past event: test/unit/customer/fieldRules.test.ts).
					if (ms > referenceMs) continue;
					const config = { minDaysBetweenSurveys: minDays, reference, defaultTimeZone: zone };
					const ours = surveyEligibility(
						{ last_nps_survey_at: new Date(ms).toISOString() },
						config,
					);
					const last = DateTime.fromMillis(ms, { zone });
					const days = calendarDaysBetween(last, reference, zone);
					const theirs = {
						...ours,
						lastSurveyAt: iso(last),
						daysSinceLastSurvey: days,
						eligibleAt: iso(last.startOf('day').plus({ days: minDays })),
					};
					if (JSON.stringify(ours) !== JSON.stringify(theirs))
						differences.push({ ms, minDays, ours, theirs });

					// A record with only the day count: eligible again minDays after the survey day, from today's midnight.
					const count = Math.round((referenceMs - ms) / 86_400_000);
					const byCount = surveyEligibility({ days_since_last_nps_survey: count }, config);
					const today = reference.setZone(zone).startOf('day');
					const expected = iso(today.plus({ days: minDays - count }));
					if (byCount.eligibleAt !== expected)
						differences.push({ count, minDays, ours: byCount.eligibleAt, theirs: expected });
				}
			}
		}
		expect(differences).toEqual([]);
	});
});
