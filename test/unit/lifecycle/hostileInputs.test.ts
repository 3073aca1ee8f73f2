import { evaluate, fromStage } from './helpers';

/** Issue 11 for Lifecycle Stage: impossible values and crash-style messages. */

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
		['nps_score', 8.5, 'nps_score: must be a whole number from 0 to 10 (got 8.5)'],
		[
			'high_severity_tickets',
			'0x3',
			'high_severity_tickets: must be a whole number of 0 or more (got "0x3")',
		],
		[
			'days_to_renewal',
			'Infinity',
			'days_to_renewal: must be a number of days from -36525 to 36525 (got "Infinity")',
		],
		['expansion_closed', 'yes', 'expansion_closed: must be true or false (got "yes")'],
	])('%s %p fails the item', (field, value, expected) => {
		expect(message(() => fromStage('growing', { [field]: value }))).toBe(expected);
	});

	it('a signup in 2099 fails in tenure mode, naming the date (it gave a negative tenure)', () => {
		expect(message(() => evaluate({ signup_date: '2099-01-01' }, { mode: 'tenure' }))).toBe(
			'signup_date: must be a past date, no more than 1 day after the reference time 2026-11-23T12:00:00.000Z (got "2099-01-01")',
		);
	});

	it('a signup stamped a few hours after the reference time is the signup day (day 0)', () => {
		expect(evaluate({ signup_date: '2026-11-24T06:00:00Z' }, { mode: 'tenure' })).toMatchObject({
			stage: 'onboarding',
		});
	});
});

describe('crash-style messages (class 3)', () => {
	it.each([
		[
			{ defaultStage: 'later' },
			{},
			'Default Current Stage: must be one of trial, onboarding, adopting, growing, renewing, expanding, advocating, at_risk, churned (got "later")',
		],
		[
			{ onboardingCompletionScale: 'ratio' },
			{ lifecycle_stage: 'onboarding' },
			'Onboarding Completion Scale: must be one of percent, fraction (got "ratio")',
		],
		[
			{ stageField: 5 },
			{},
			'Current Stage Field: must be a field name or dotted path such as "customer", at most 256 characters (got 5)',
		],
		[
			{ customerPath: true },
			{},
			'Customer Record Path: must be a field name or dotted path such as "customer", at most 256 characters (got true)',
		],
		[{ mode: 'both' }, {}, 'Mode: must be one of transitions, tenure (got "both")'],
	])('an option %p an expression gave is named, never a TypeError', (config, item, expected) => {
		expect(message(() => evaluate(item, config as never))).toBe(expected);
	});
});
