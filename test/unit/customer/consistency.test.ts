import { DateTime } from 'luxon';

import { evaluateExpansion, resolveExpansionSettings } from '../../../src/expansion';
import { evaluateCustomerHealth, healthModelPreset } from '../../../src/health';
import { evaluateLifecycle } from '../../../src/lifecycle';
import { classifyResponse } from '../../../src/nps';
import { BUILT_IN_SIGNAL_TYPES, builtInRules, evaluateChurn } from '../../../src/signals';

/**
 * Issue 11, class 1: a field is read by one reader, so an impossible value gets the same answer in every node that reads
 * it: the item fails, naming the field, the rule and the value (Churn Signals adds what it read the field for).
 */

const reference = DateTime.fromISO('2026-11-23T09:00:00Z', { zone: 'UTC' });
const defaultTimeZone = 'UTC';
const rules = builtInRules([...BUILT_IN_SIGNAL_TYPES]);
const CORES = {
	health: (item: Record<string, unknown>) =>
		evaluateCustomerHealth(item, {
			model: healthModelPreset('default'),
			reference,
			defaultTimeZone,
		}),
	churn: (item: Record<string, unknown>) =>
		evaluateChurn(item, { rules, reference, defaultTimeZone }),
	expansion: (item: Record<string, unknown>) =>
		evaluateExpansion(item, { settings: resolveExpansionSettings(), reference, defaultTimeZone }),
	lifecycle: (item: Record<string, unknown>) =>
		evaluateLifecycle(
			{ lifecycle_stage: 'growing', ...item },
			{ mode: 'transitions', reference, defaultTimeZone },
		),
	tenure: (item: Record<string, unknown>) =>
		evaluateLifecycle(
			{ days_since_signup: 10, ...item },
			{ mode: 'tenure', reference, defaultTimeZone },
		),
	nps: (item: Record<string, unknown>) =>
		classifyResponse({ nps_score: 5, ...item }, { reference, defaultTimeZone }),
};
type Core = keyof typeof CORES;

function failure(core: Core, item: Record<string, unknown>): string {
	try {
		CORES[core](item);
	} catch (error) {
		return (error as Error).message;
	}
	return 'no error';
}

describe.each<[string, unknown, Core[], string]>([
	[
		'nps_score',
		1e308,
		['health', 'churn', 'expansion', 'lifecycle', 'nps'],
		'nps_score: must be a whole number from 0 to 10',
	],
	[
		'nps_score',
		12,
		['health', 'churn', 'expansion', 'lifecycle', 'nps'],
		'nps_score: must be a whole number from 0 to 10',
	],
	['open_tickets', -5, ['health', 'churn'], 'open_tickets: must be a whole number of 0 or more'],
	['dau_mau_ratio', 12, ['health'], 'dau_mau_ratio: must be a number from 0 to 1'],
	[
		'feature_adoption',
		'0x1F',
		['health', 'churn'],
		'feature_adoption: must be a number from 0 to 1',
	],
	['usage_vs_limit', 85, ['health', 'expansion'], 'usage_vs_limit: must be a number from 0 to 10'],
	['mrr', -100, ['expansion'], 'mrr: must be a number of 0 or more'],
	[
		'high_severity_tickets',
		2.5,
		['churn', 'lifecycle'],
		'high_severity_tickets: must be a whole number of 0 or more',
	],
	[
		'days_since_last_login',
		-2,
		['health', 'churn', 'lifecycle'],
		'days_since_last_login: must be a number of days from 0 to 36525',
	],
])('%s %p', (field, value, cores, rule) => {
	it.each(cores)('fails the item in %s, naming the field, the rule and the value', (core) => {
		const message = failure(core, {
			[field]: value,
			...(field === 'mrr' ? { usage_vs_limit: 0.9 } : {}),
		});
		expect(message.startsWith(rule)).toBe(true);
		expect(
			message.endsWith(
				`(got ${typeof value === 'string' ? JSON.stringify(value) : String(value)})`,
			),
		).toBe(true);
	});
});

describe('a last login in 2099 (it used to give negative days and a perfect login score)', () => {
	const message =
		'last_login_at: must be a past date, no more than 1 day after the reference time 2026-11-23T09:00:00.000Z (got "2099-01-01T00:00:00Z")';
	it.each<Core>(['health', 'churn', 'lifecycle'])('fails the item in %s', (core) => {
		expect(failure(core, { last_login_at: '2099-01-01T00:00:00Z' })).toBe(message);
	});
});

describe('a date whose UTC offset is +99:00', () => {
	it.each<[Core, string]>([
		['lifecycle', 'renewal_date'],
		['expansion', 'renewal_date'],
		['tenure', 'signup_date'],
	])('fails the item in %s (%s)', (core, field) => {
		const item = {
			[field]: '2026-11-20T09:00:00+99:00',
			...(core === 'tenure' ? { days_since_signup: null } : {}),
		};
		expect(failure(core, item)).toBe(
			`${field}: must have a UTC offset from -14:00 to +14:00 (got "2026-11-20T09:00:00+99:00")`,
		);
	});
});

describe('epoch seconds are seconds', () => {
	it('a signup as epoch seconds gives the same tenure as its ISO date', () => {
		const seconds = Date.UTC(2026, 7, 25) / 1000;
		expect(CORES.tenure({ days_since_signup: null, signup_date: seconds }).reason).toBe(
			CORES.tenure({ days_since_signup: null, signup_date: '2026-08-25T00:00:00Z' }).reason,
		);
		expect(CORES.tenure({ days_since_signup: null, signup_date: seconds }).reason).toBe(
			'Day 90 since signup is in adoption (days 31-90, tenure stages)',
		);
	});
});
