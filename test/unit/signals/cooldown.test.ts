import {
	cooldownPair,
	cooldownUntil,
	dayFromEpoch,
	decideCooldown,
	decideCooldowns,
	epochDay,
	ledgerEntries,
	ledgerName,
	parseCooldownDays,
	raisedDay,
	type CooldownLedgerStore,
	type CooldownRequest,
} from '../../../src/signals';

const request = (day: string, overrides: Partial<CooldownRequest> = {}): CooldownRequest => ({
	customerId: 'c1',
	type: 'nps_detractor',
	day,
	days: 3,
	...overrides,
});

/**
 * Ledgers the way n8n's processed-data store keeps them in a database: a create inserts a row, and a second insert
 * of the same key fails; an optional pause sits between reading and inserting, as a database round trip does, so
 * tests can start many callers at the same moment.
 */
class LedgerTable implements CooldownLedgerStore {
	readonly rows = new Map<string, number>();
	inserts = 0;
	conflicts = 0;
	constructor(private readonly pauseMs = 0) {}

	private pause() {
		return this.pauseMs > 0
			? new Promise((resolve) => setTimeout(resolve, this.pauseMs))
			: Promise.resolve();
	}

	async count(ledger: string) {
		await this.pause();
		return this.rows.get(ledger) ?? 0;
	}

	async create(ledger: string, entries: number) {
		const existed = this.rows.has(ledger);
		await this.pause();
		if (existed) return 'exists' as const;
		if (this.rows.has(ledger)) {
			// The database refuses the second insert; the store answers as the node's adapter does after re-reading.
			this.conflicts++;
			return 'exists' as const;
		}
		this.inserts++;
		this.rows.set(ledger, entries);
		return 'created' as const;
	}

	async remove(ledger: string) {
		this.rows.delete(ledger);
	}

	async shrink(ledger: string, entries: number) {
		if ((this.rows.get(ledger) ?? 0) > entries) this.rows.set(ledger, entries);
	}
}

describe('cooldown ledgers (pure parts)', () => {
	it('numbers calendar days from 1970-01-01, across month, year and leap-day ends', () => {
		expect(epochDay('1970-01-01')).toBe(0);
		expect(epochDay('2026-03-01')).toBe(20513);
		expect(dayFromEpoch(20513)).toBe('2026-03-01');
		expect(epochDay('2028-02-29') - epochDay('2028-02-28')).toBe(1);
		expect(epochDay('2027-01-01') - epochDay('2026-12-31')).toBe(1);
		expect(dayFromEpoch(epochDay('2028-02-28') + 2)).toBe('2028-03-01');
		expect(() => epochDay('2026-3-1')).toThrow('Cooldown: not a calendar date: 2026-3-1');
	});

	it('a ledger of k entries in block B of N-day blocks records day B·N + k - 1, and a raise writes that count', () => {
		// 2026-03-01 is day 20513; with N = 3 it is in block 6837 (days 20511 … 20513), the block's third day.
		expect(Math.floor(20513 / 3)).toBe(6837);
		expect(ledgerEntries(20513, 3)).toBe(3);
		expect(raisedDay(6837, 3, 3)).toBe(20513);
		expect(ledgerEntries(20511, 3)).toBe(1);
		expect(ledgerEntries(20513, 1)).toBe(1);
		expect(ledgerEntries(20513, 366)).toBe(20513 - 56 * 366 + 1);
		for (const days of [1, 2, 7, 30, 366]) {
			for (let day = 20400; day < 20800; day += 13) {
				expect(raisedDay(Math.floor(day / days), days, ledgerEntries(day, days))).toBe(day);
				expect(ledgerEntries(day, days)).toBeGreaterThanOrEqual(1);
				expect(ledgerEntries(day, days)).toBeLessThanOrEqual(days);
			}
		}
	});

	it('names a ledger by length, block and a fixed-size hash of customer and signal', () => {
		expect(cooldownPair('c1', 'nps_detractor')).toBe(cooldownPair('c1', 'nps_detractor'));
		expect(cooldownPair('c1', 'nps_detractor')).toHaveLength(22);
		expect(cooldownPair('x'.repeat(5000), 'nps_detractor')).toHaveLength(22);
		// The separator keeps ("ab", "c") and ("a", "bc") apart.
		expect(cooldownPair('ab', 'c')).not.toBe(cooldownPair('a', 'bc'));
		expect(ledgerName('PAIR', 7, 2930)).toBe('7d:2930:PAIR');
	});
});

describe('cooldown decisions against a ledger store', () => {
	it('with a cooldown of N days, raises on day D, holds D+1 … D+N-1 and raises again on D+N', async () => {
		const table = new LedgerTable();
		const days = [
			'2026-03-01',
			'2026-03-02',
			'2026-03-03',
			'2026-03-04',
			'2026-03-05',
			'2026-03-07',
			'2026-03-08',
		];
		const decisions = [];
		for (const day of days) decisions.push(await decideCooldown(table, request(day)));
		expect(decisions).toEqual([
			{ cooledDown: false },
			{ cooledDown: true, untilDay: '2026-03-04' },
			{ cooledDown: true, untilDay: '2026-03-04' },
			{ cooledDown: false },
			{ cooledDown: true, untilDay: '2026-03-07' },
			{ cooledDown: false },
			{ cooledDown: true, untilDay: '2026-03-10' },
		]);
		// At rest one ledger per customer and signal: each raise deleted the one before it.
		expect(table.rows.size).toBe(1);
		expect(table.inserts).toBe(3);
	});

	it.each([1, 2, 3, 7, 30, 60, 366])(
		'for N = %p, matches the day-by-day definition over two years of random checks',
		async (days) => {
			const table = new LedgerTable();
			let seed = days * 7919;
			const random = () => {
				seed = (seed * 1103515245 + 12345) % 2147483648;
				return seed / 2147483648;
			};
			let coveredUntil = -Infinity; // first day the signal may be raised again
			let raises = 0;
			for (let day = epochDay('2026-01-01'); day < epochDay('2028-01-01'); day++) {
				if (random() < 0.5) continue; // the signal is not detected every day
				const expected =
					day < coveredUntil
						? { cooledDown: true, untilDay: dayFromEpoch(coveredUntil) }
						: { cooledDown: false };
				expect(await decideCooldown(table, request(dayFromEpoch(day), { days }))).toEqual(expected);
				if (!expected.cooledDown) {
					coveredUntil = day + days;
					raises++;
				}
			}
			// A raise deletes the ledger of the block before it; one after a quiet block leaves the older one in place.
			expect(table.rows.size).toBeGreaterThanOrEqual(1);
			expect(table.rows.size).toBeLessThanOrEqual(raises);
		},
	);

	it('when the customer’s calendar moves back before the raise day (a new time zone), raises once there, then holds', async () => {
		const table = new LedgerTable();
		// N = 7: 2026-03-06 and 2026-03-07 (days 20518, 20519) are in one block (20517 … 20523).
		expect(await decideCooldown(table, request('2026-03-07', { days: 7 }))).toEqual({
			cooledDown: false,
		});
		expect(await decideCooldown(table, request('2026-03-06', { days: 7 }))).toEqual({
			cooledDown: false,
		});
		expect(await decideCooldown(table, request('2026-03-06', { days: 7 }))).toEqual({
			cooledDown: true,
			untilDay: '2026-03-13',
		});
		expect(await decideCooldown(table, request('2026-03-07', { days: 7 }))).toEqual({
			cooledDown: true,
			untilDay: '2026-03-13',
		});
	});

	it('a cooldown of 1 day raises at most once per calendar day', async () => {
		const table = new LedgerTable();
		const one = (day: string) => decideCooldown(table, request(day, { days: 1 }));
		expect([await one('2026-03-01'), await one('2026-03-01'), await one('2026-03-02')]).toEqual([
			{ cooledDown: false },
			{ cooledDown: true, untilDay: '2026-03-02' },
			{ cooledDown: false },
		]);
	});

	it('keeps customers and signal types apart', async () => {
		const table = new LedgerTable();
		await decideCooldown(table, request('2026-03-01'));
		expect(
			await decideCooldowns(table, [
				request('2026-03-02'),
				request('2026-03-02', { customerId: 'c2' }),
				request('2026-03-02', { type: 'low_rating' }),
			]),
		).toEqual([
			{ cooledDown: true, untilDay: '2026-03-04' },
			{ cooledDown: false },
			{ cooledDown: false },
		]);
	});

	it('raises a customer listed twice in one execution once, in item order', async () => {
		const table = new LedgerTable(2);
		expect(await decideCooldowns(table, [request('2026-03-01'), request('2026-03-01')])).toEqual([
			{ cooledDown: false },
			{ cooledDown: true, untilDay: '2026-03-04' },
		]);
	});

	it('twenty callers deciding the same customer and signal at the same moment raise it once', async () => {
		const table = new LedgerTable(5);
		const decisions = await Promise.all(
			Array.from({ length: 20 }, () => decideCooldown(table, request('2026-03-02'))),
		);
		expect(decisions.filter((decision) => !decision.cooledDown)).toHaveLength(1);
		expect(decisions.filter((decision) => decision.cooledDown)).toEqual(
			Array.from({ length: 19 }, () => ({ cooledDown: true, untilDay: '2026-03-05' })),
		);
		expect(table.inserts).toBe(1);
		expect(table.conflicts).toBeGreaterThan(0);
	});

	it('twenty callers at the same moment after an earlier cooldown ended raise it once and leave one ledger', async () => {
		const table = new LedgerTable(5);
		await decideCooldown(table, request('2026-03-01'));
		// 2026-03-04 is in the block after 2026-03-01's, so the raise deletes the earlier ledger.
		const decisions = await Promise.all(
			Array.from({ length: 20 }, () => decideCooldown(table, request('2026-03-04'))),
		);
		expect(decisions.filter((decision) => !decision.cooledDown)).toHaveLength(1);
		expect(table.rows.size).toBe(1);
	});

	it('2,000 customers × 2 signals, a 60-day cooldown, every day for a year: one ledger per pair, nothing forgotten', async () => {
		const table = new LedgerTable();
		const customers = Array.from({ length: 2000 }, (_, index) => `cust-${index}`);
		let raised = 0;
		for (let day = epochDay('2026-01-01'); day < epochDay('2027-01-01'); day++) {
			const requests = customers.flatMap((customerId) =>
				['nps_detractor', 'no_login_14_days'].map((type) =>
					request(dayFromEpoch(day), { customerId, type, days: 60 }),
				),
			);
			const decisions = await decideCooldowns(table, requests);
			raised += decisions.filter((decision) => !decision.cooledDown).length;
		}
		// 365 days / 60 → raised on days 0, 60, …, 360: 7 times per pair.
		expect(raised).toBe(4000 * 7);
		expect(table.rows.size).toBe(4000);
		expect(Math.max(...table.rows.values())).toBeLessThanOrEqual(60);
	});

	it('ends a cooldown at the start of the day in the customer’s time zone', () => {
		expect(cooldownUntil('2026-03-04', 'Europe/Madrid')).toBe('2026-03-04T00:00:00.000+01:00');
		expect(cooldownUntil('2026-07-04', 'America/Mexico_City')).toBe(
			'2026-07-04T00:00:00.000-06:00',
		);
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
