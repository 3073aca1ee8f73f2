import { DateTime } from 'luxon';

import {
	BUILT_IN_SIGNAL_TYPES,
	builtInRules,
	customRules,
	evaluateChurn,
	type ChurnConfig,
} from '../../../src/signals';

/** Issue 11 for Churn Signals' domain core: impossible values and crash-style messages. */

const config: ChurnConfig = {
	rules: builtInRules(BUILT_IN_SIGNAL_TYPES),
	reference: DateTime.fromISO('2026-03-10T12:00:00Z', { zone: 'UTC' }),
	defaultTimeZone: 'UTC',
};

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
		[
			'open_tickets',
			-5,
			'open_tickets: must be a whole number of 0 or more for signal "multiple_support_tickets" (got -5)',
		],
		[
			'nps_score',
			1e308,
			'nps_score: must be a whole number from 0 to 10 for signal "nps_detractor" (got 1e+308)',
		],
		[
			'failed_payments',
			'0x1',
			'failed_payments: must be a whole number of 0 or more for signal "failed_payment" (got "0x1")',
		],
		[
			'avg_session_minutes',
			'Infinity',
			'avg_session_minutes: must be a number of 0 or more for signal "short_sessions" (got "Infinity")',
		],
		[
			'last_login_at',
			'2099-01-01',
			'last_login_at: must be a past date, no more than 1 day after the reference time 2026-03-10T12:00:00.000Z (got "2099-01-01")',
		],
		[
			'trial_ends_at',
			'2026-03-17T00:00:00+15:00',
			'trial_ends_at: must have a UTC offset from -14:00 to +14:00 (got "2026-03-17T00:00:00+15:00")',
		],
	])('%s %p fails the item', (field, value, expected) => {
		expect(message(() => evaluateChurn({ [field]: value }, config))).toBe(expected);
	});

	it('a custom signal on a field of the table follows the field’s rule', () => {
		const rules = customRules([
			{ type: 'angry', field: 'nps_score', operator: 'equals', value: 0 },
		]);
		expect(message(() => evaluateChurn({ nps_score: -0.5 }, { ...config, rules }))).toBe(
			'nps_score: must be a whole number from 0 to 10 for signal "angry" (got -0.5)',
		);
		expect(
			evaluateChurn({ nps_score: '0' }, { ...config, rules }).signals.map((signal) => signal.type),
		).toEqual(['angry']);
	});
});

describe('crash-style messages (class 3)', () => {
	it('custom signal rows an expression made null or text are named, not "rows.map is not a function"', () => {
		expect(customRules(null)).toEqual([]);
		expect(message(() => customRules('seat_contraction'))).toBe(
			'Custom Signals: must be a list of rows (got "seat_contraction")',
		);
		const type = `bad type ${'x'.repeat(100_000)}`;
		const shown = `"${type.slice(0, 60)}…" (100,009 characters)`;
		expect(message(() => customRules([{ type, field: 'seats', operator: 'gt', value: 1 }]))).toBe(
			`Custom signal 1 (${shown}): type: must use only letters, digits, "_", "-", "." and ":" (no spaces) (got ${shown})`,
		);
	});

	it('a Customer Record Path that is not text is named', () => {
		expect(
			message(() => evaluateChurn({}, { ...config, customerPath: 3 as unknown as string })),
		).toBe(
			'Customer Record Path: must be a field name or dotted path such as "customer", at most 256 characters (got 3)',
		);
	});
});
