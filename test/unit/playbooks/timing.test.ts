import {
	conditionKey,
	InvalidTimingError,
	parseTiming,
	SAVE_PLAYBOOK_TIMINGS,
} from '../../../src/playbooks';

const start = (unit: string, amount: number, condition: string | null = null) => ({
	kind: 'offset',
	from: 'start',
	offset: { unit, amount },
	condition,
});
const previous = (unit: string, amount: number, condition: string | null = null) => ({
	kind: 'offset',
	from: 'previous',
	offset: { unit, amount },
	condition,
});

describe('step timings', () => {
	it('maps every timing text of docs/sources.md#save-playbooks SAVE_PLAYBOOKS (the README table)', () => {
		const table = Object.fromEntries(
			SAVE_PLAYBOOK_TIMINGS.map((text) => [text, parseTiming(text)]),
		);
		expect(table).toEqual({
			Immediately: start('minutes', 0),
			'Within 2 hours': start('hours', 2),
			'Within 24h': start('hours', 24),
			'Within 48h': start('hours', 48),
			'Within 72h': start('hours', 72),
			'Same day': start('minutes', 0),
			'If no response in 48h': start('hours', 48, 'no_response'),
			'After call': previous('minutes', 0),
			'During call': previous('minutes', 0),
			'On next login': { kind: 'event', condition: 'next_login' },
			'If save offer rejected': previous('minutes', 0, 'save_offer_rejected'),
		});
	});

	it('maps docs/sources.md#cs-workflows CS_WORKFLOWS delays: 0 and "N day(s)" from the start, in calendar days', () => {
		expect(parseTiming(0)).toEqual(start('minutes', 0));
		expect(parseTiming('1 day')).toEqual(start('days', 1));
		expect(parseTiming('2 days')).toEqual(start('days', 2));
		expect(parseTiming('3 days')).toEqual(start('days', 3));
		expect(parseTiming('5 days')).toEqual(start('days', 5));
		expect(parseTiming('7 days')).toEqual(start('days', 7));
	});

	it('maps docs/sources.md#winback-campaign "Día N" (written "Day N", with or without a remark) to N calendar days', () => {
		expect(parseTiming('Day 1 (post-churn)')).toEqual(start('days', 1));
		expect(parseTiming('Day 7')).toEqual(start('days', 7));
		expect(parseTiming('day 21')).toEqual(start('days', 21));
		expect(parseTiming('Day 0')).toEqual(start('days', 0));
	});

	it('reads the generic forms of custom playbooks', () => {
		expect(parseTiming('30 minutes')).toEqual(start('minutes', 30));
		expect(parseTiming('45m')).toEqual(start('minutes', 45));
		expect(parseTiming('in 3 hrs')).toEqual(start('hours', 3));
		expect(parseTiming('After 2 weeks')).toEqual(start('weeks', 2));
		expect(parseTiming('  WITHIN   4 d ')).toEqual(start('days', 4));
		expect(parseTiming('Now')).toEqual(start('minutes', 0));
		expect(parseTiming('2 days after previous step')).toEqual(previous('days', 2));
		expect(parseTiming('3h later')).toEqual(previous('hours', 3));
		expect(parseTiming('After meeting')).toEqual(previous('minutes', 0));
		expect(parseTiming('If no login within 3 days')).toEqual(start('days', 3, 'no_login'));
		expect(parseTiming('If the customer declines')).toEqual(
			previous('minutes', 0, 'the_customer_declines'),
		);
		expect(parseTiming('When invoice is paid')).toEqual({
			kind: 'event',
			condition: 'invoice_is_paid',
		});
	});

	it('rejects what it does not understand, naming the text and the accepted forms', () => {
		for (const bad of [
			'tomorrow-ish',
			'3 fortnights',
			'',
			'Within soon',
			1,
			-1,
			'Day -1',
			'If ',
			'On !!',
		]) {
			expect(() => parseTiming(bad)).toThrow(InvalidTimingError);
		}
		expect(() => parseTiming('tomorrow-ish')).toThrow(
			'"tomorrow-ish" is not a timing this node understands; use e.g. "Immediately", "2 hours", "Within 48h", "3 days", "Day 7", "If no response in 48h", "After call", "If save offer rejected" or "On next login"',
		);
	});

	it('turns words into snake_case condition keys', () => {
		expect(conditionKey('no response')).toBe('no_response');
		expect(conditionKey(' Save-offer  REJECTED! ')).toBe('save_offer_rejected');
	});
});
