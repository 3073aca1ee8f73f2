import { DateTime } from 'luxon';

import {
	DEFAULT_ADD_ON_PRICES,
	DEFAULT_THRESHOLDS,
	evaluateExpansion,
	InvalidExpansionSettingsError,
	resolveExpansionSettings,
} from '../../../src/expansion';

describe('expansion settings', () => {
	it('defaults to the seed values', () => {
		expect(resolveExpansionSettings()).toEqual({
			thresholds: {
				usageVsLimit: 0.8,
				blockedFeatureAttempts: 3,
				engagementScore: 80,
				teamSizeChange: 0.2,
				npsScore: 9,
				daysToRenewal: 60,
				analyticsViewsPerWeek: 3,
			},
			planLadder: ['starter', 'growth', 'pro', 'enterprise'],
			upsellShareOfMrr: 0.5,
			featureAddOnPrice: 50,
			addOnTriggers: false,
			addOnPrices: { proPlan: 499, apiAccess: 200, whiteLabel: 500, premiumSupport: 100 },
			forecastHorizonDays: 30,
		});
		expect(DEFAULT_THRESHOLDS.usageVsLimit).toBe(0.8);
		expect(DEFAULT_ADD_ON_PRICES.proPlan).toBe(499);
	});

	it('merges partial overrides and keeps the rest', () => {
		const settings = resolveExpansionSettings({
			thresholds: { npsScore: 10, usageVsLimit: undefined },
			addOnPrices: { whiteLabel: 450 },
			planLadder: ' free , starter,pro ',
		});
		expect(settings.thresholds).toMatchObject({ npsScore: 10, usageVsLimit: 0.8 });
		expect(settings.addOnPrices).toEqual({
			proPlan: 499,
			apiAccess: 200,
			whiteLabel: 450,
			premiumSupport: 100,
		});
		expect(settings.planLadder).toEqual(['free', 'starter', 'pro']);
	});

	it.each([
		[
			{ planLadder: 'pro' },
			'Expansion settings are invalid: planLadder: name at least two plans, lowest first',
		],
		[
			{ planLadder: 'pro, , enterprise' },
			'Expansion settings are invalid: planLadder.1: a plan name may not be empty',
		],
		[
			{ planLadder: 'pro, Pro' },
			'Expansion settings are invalid: planLadder: each plan may appear once',
		],
		[
			{ addOnPrices: { proPlan: -1 } },
			'Expansion settings are invalid: addOnPrices.proPlan: Number must be greater than or equal to 0',
		],
		[
			{ thresholds: { npsScore: Number.NaN } },
			'Expansion settings are invalid: thresholds.npsScore: Expected number, received nan',
		],
		[
			{ forecastHorizonDays: -5 },
			'Expansion settings are invalid: forecastHorizonDays: Number must be greater than or equal to 0',
		],
	])('rejects %j', (input, message) => {
		expect(() => resolveExpansionSettings(input)).toThrow(InvalidExpansionSettingsError);
		expect(() => resolveExpansionSettings(input)).toThrow(message);
	});
});

describe('evaluateExpansion: locating the record', () => {
	const reference = DateTime.fromISO('2026-11-23T12:00:00Z', { zone: 'UTC' });

	it('reads a nested record by path, and the health score at the item top level', () => {
		const result = evaluateExpansion(
			{ customer: { nps_score: 9, plan: 'pro' }, health: { score: 85 } },
			{ customerPath: 'customer', reference, defaultTimeZone: 'UTC' },
		);
		expect(result.signals.map((s) => [s.type, s.metric])).toEqual([
			['high_engagement', 'health.score'],
			['nps_promoter', 'nps_score'],
		]);
	});

	it('names the path when it does not hold an object, and validates the shared vocabulary', () => {
		expect(() =>
			evaluateExpansion(
				{ customer: 'x' },
				{ customerPath: 'customer', reference, defaultTimeZone: 'UTC' },
			),
		).toThrow('Field "customer" must hold the customer record as an object (got string "x")');
		expect(() =>
			evaluateExpansion({ timezone: 'Mars/Olympus' }, { reference, defaultTimeZone: 'UTC' }),
		).toThrow(
			'Invalid customer record: timezone: must be a valid IANA time zone such as "Europe/Madrid"',
		);
	});
});
