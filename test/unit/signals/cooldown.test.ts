import {
	cooldownKey,
	cooldownKeys,
	cooldownUntil,
	coverageDays,
	parseCooldownDays,
	resolveCooldowns,
	type CooldownRequest,
} from '../../../src/signals';

const request = (day: string, overrides: Partial<CooldownRequest> = {}): CooldownRequest => ({
	customerId: 'c1',
	type: 'nps_detractor',
	day,
	days: 3,
	...overrides,
});

/** Simulates n8n's store across executions: check-and-record every key, then remove the strays. */
function runDays(store: Set<string>, requests: CooldownRequest[]) {
	const keys = cooldownKeys(requests);
	const before = new Set(keys.filter((key) => store.has(key)));
	keys.forEach((key) => store.add(key));
	const resolution = resolveCooldowns(requests, before);
	resolution.strays.forEach((key) => store.delete(key));
	return resolution;
}

describe('cooldown window (pure)', () => {
	it('covers the raise day and the N-1 days after it, across month and year ends', () => {
		expect(coverageDays('2026-12-30', 4)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
		expect(coverageDays('2028-02-28', 2)).toEqual(['2028-02-28', '2028-02-29']);
		expect(coverageDays('2026-03-28', 3)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
		expect(cooldownKey('c-1', 'nps_detractor', '2026-03-01')).toBe('c-1|nps_detractor|2026-03-01');
	});

	it('asks about each key once, in request order', () => {
		expect(cooldownKeys([request('2026-03-01', { days: 2 }), request('2026-03-02', { days: 2 })])).toEqual([
			'c1|nps_detractor|2026-03-01',
			'c1|nps_detractor|2026-03-02',
			'c1|nps_detractor|2026-03-03',
		]);
	});

	it('raises when the day is not covered, and keeps the whole coverage recorded', () => {
		const resolution = resolveCooldowns([request('2026-03-01')], new Set());
		expect(resolution).toEqual({ decisions: [{ cooledDown: false }], strays: [] });
	});

	it('cools down while the day is covered; until is the first free day; the new keys are strays', () => {
		const recorded = new Set(['c1|nps_detractor|2026-03-01', 'c1|nps_detractor|2026-03-02', 'c1|nps_detractor|2026-03-03']);
		expect(resolveCooldowns([request('2026-03-02')], recorded)).toEqual({
			decisions: [{ cooledDown: true, untilDay: '2026-03-04' }],
			strays: ['c1|nps_detractor|2026-03-04'],
		});
		expect(resolveCooldowns([request('2026-03-03')], recorded)).toEqual({
			decisions: [{ cooledDown: true, untilDay: '2026-03-04' }],
			strays: ['c1|nps_detractor|2026-03-04', 'c1|nps_detractor|2026-03-05'],
		});
		expect(resolveCooldowns([request('2026-03-04')], recorded)).toEqual({ decisions: [{ cooledDown: false }], strays: [] });
	});

	it('with a cooldown of N days, raises on day D, holds D+1 … D+N-1 and raises again on D+N', () => {
		const store = new Set<string>();
		const days = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-07', '2026-03-08'];
		const decisions = days.map((day) => runDays(store, [request(day)]).decisions[0]);
		expect(decisions).toEqual([
			{ cooledDown: false },
			{ cooledDown: true, untilDay: '2026-03-04' },
			{ cooledDown: true, untilDay: '2026-03-04' },
			{ cooledDown: false },
			{ cooledDown: true, untilDay: '2026-03-07' },
			{ cooledDown: false },
			{ cooledDown: true, untilDay: '2026-03-10' },
		]);
		// Only the coverage of the three raises is left: no stray extends a cooldown.
		expect([...store].sort()).toEqual(
			['03-01', '03-02', '03-03', '03-04', '03-05', '03-06', '03-07', '03-08', '03-09'].map((d) => `c1|nps_detractor|2026-${d}`),
		);
	});

	it('a cooldown of 1 day raises at most once per calendar day', () => {
		const store = new Set<string>();
		const one = (day: string) => runDays(store, [request(day, { days: 1 })]).decisions[0];
		expect([one('2026-03-01'), one('2026-03-01'), one('2026-03-02')]).toEqual([
			{ cooledDown: false },
			{ cooledDown: true, untilDay: '2026-03-02' },
			{ cooledDown: false },
		]);
	});

	it('keeps customers and signal types apart', () => {
		const store = new Set<string>();
		runDays(store, [request('2026-03-01')]);
		const next = runDays(store, [
			request('2026-03-02'),
			request('2026-03-02', { customerId: 'c2' }),
			request('2026-03-02', { type: 'low_rating' }),
		]);
		expect(next.decisions).toEqual([
			{ cooledDown: true, untilDay: '2026-03-04' },
			{ cooledDown: false },
			{ cooledDown: false },
		]);
	});

	it('raises a customer listed twice in one execution once', () => {
		const resolution = resolveCooldowns([request('2026-03-01'), request('2026-03-01')], new Set());
		expect(resolution).toEqual({
			decisions: [{ cooledDown: false }, { cooledDown: true, untilDay: '2026-03-04' }],
			strays: [],
		});
	});

	it('when a longer cooldown is running, reports day + N as the earliest end', () => {
		const recorded = new Set(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'].map((d) => `c1|nps_detractor|${d}`));
		expect(resolveCooldowns([request('2026-03-02', { days: 2 })], recorded).decisions).toEqual([
			{ cooledDown: true, untilDay: '2026-03-04' },
		]);
	});

	it('ends a cooldown at the start of the day in the customer’s time zone', () => {
		expect(cooldownUntil('2026-03-04', 'Europe/Madrid')).toBe('2026-03-04T00:00:00.000+01:00');
		expect(cooldownUntil('2026-07-04', 'America/Mexico_City')).toBe('2026-07-04T00:00:00.000-06:00');
		expect(cooldownUntil('2026-03-04', 'UTC')).toBe('2026-03-04T00:00:00.000Z');
	});

	it.each([
		[undefined, 0],
		['', 0],
		[0, 0],
		[7, 7],
		[366, 366],
	])('reads Cooldown (Days) %p as %p', (value, days) => {
		expect(parseCooldownDays(value)).toBe(days);
	});

	it.each([-1, 2.5, 367, '7'])('rejects Cooldown (Days) %p', (value) => {
		expect(() => parseCooldownDays(value)).toThrow(
			`Cooldown (Days): must be a whole number from 0 to 366 (got ${JSON.stringify(value)})`,
		);
	});
});
