/** Issue 11 properties for src/expansion: signals, probability, opportunities, limit forecast, settings. */
import fc from 'fast-check';

import {
	evaluateExpansion,
	expansionProbability,
	forecastLimit,
	readFeatureList,
	readUsageHistory,
	resolveExpansionSettings,
	type ExpansionResult,
	type ExpansionSettings,
} from '../../../src/expansion';
import { parseInstant } from '../../../src/shared/dates';
import {
	anyJson,
	anyParameter,
	customerFields,
	customerItem,
	hostileNumber,
	numericString,
	oddDate,
	pathParameterValue,
	referenceValue,
	validZone,
	zoneName,
} from './arbitraries';
import { expect_, inRange, isoDate, propertiesOf, REFERENCE } from './harness';

const SEED = 0x11_0003;
const RUNS = 120;

// ---------------------------------------------------------------------------------------------------------------
// Generators: settings as the node's options give them (any part may be an expression).

const settingNumber = fc.oneof(
	{ weight: 3, arbitrary: hostileNumber },
	{ weight: 1, arbitrary: anyParameter },
);
const settingsInput = fc.oneof(
	{ weight: 4, arbitrary: fc.constant({}) },
	{
		weight: 2,
		arbitrary: fc.record(
			{
				addOnTriggers: fc.constant(true),
				featureAddOnPrice: fc.constantFrom(50, 1e307, Number.MAX_VALUE),
				upsellShareOfMrr: fc.constantFrom(0.5, 2, 1e300),
			},
			{ requiredKeys: ['addOnTriggers'] },
		),
	},
	{
		weight: 3,
		arbitrary: fc.record(
			{
				thresholds: fc.oneof(
					fc.record(
						{
							usageVsLimit: settingNumber,
							blockedFeatureAttempts: settingNumber,
							engagementScore: settingNumber,
							teamSizeChange: settingNumber,
							npsScore: settingNumber,
							daysToRenewal: settingNumber,
							analyticsViewsPerWeek: settingNumber,
						},
						{ requiredKeys: [] },
					),
					anyParameter,
				),
				planLadder: fc.oneof(
					fc.constantFrom('starter, growth, pro, enterprise', 'a,b', 'pro,PRO', ''),
					fc.array(fc.string({ maxLength: 6 }), { maxLength: 4 }),
					anyParameter,
				),
				upsellShareOfMrr: settingNumber,
				featureAddOnPrice: settingNumber,
				addOnTriggers: fc.oneof(fc.boolean(), anyParameter),
				addOnPrices: fc.oneof(
					fc.record(
						{
							proPlan: settingNumber,
							apiAccess: settingNumber,
							whiteLabel: settingNumber,
							premiumSupport: settingNumber,
						},
						{ requiredKeys: [] },
					),
					anyParameter,
				),
				forecastHorizonDays: settingNumber,
			},
			{ requiredKeys: [] },
		),
	},
	{ weight: 1, arbitrary: fc.record({ addOnTriggers: fc.constant(true) }) },
);

/** Records aimed at the opportunity estimates: limits reached, teams grown, features blocked, extreme money. */
const expansionRecord = fc
	.record(
		{
			plan: fc.constantFrom('starter', 'growth', 'pro', 'legacy', 'ENTERPRISE'),
			mrr: fc.oneof(
				fc.integer({ min: 0, max: 10_000 }),
				fc.constantFrom(1e300, 1e307, 1e308, Number.MAX_VALUE, 5e-324, '1e300'),
			),
			seats: fc.oneof(
				fc.integer({ min: 0, max: 50 }),
				fc.constantFrom(1e300, Number.MAX_SAFE_INTEGER + 2, '12'),
			),
			usage_vs_limit: fc.double({ min: 0.7, max: 10, noNaN: true }),
			team_size_change: fc.oneof(
				fc.double({ min: 0.2, max: 3, noNaN: true }),
				fc.constantFrom(1e300, Number.MAX_VALUE),
			),
			blocked_feature_attempts: fc.integer({ min: 3, max: 10 }),
			blocked_features: customerFields.blocked_features,
			usage_growth_per_month: customerFields.usage_growth_per_month,
			analytics_views_per_week: customerFields.analytics_views_per_week,
			integration_requested: customerFields.integration_requested,
		},
		{ requiredKeys: [] },
	)
	.map((record) => ({ item: record as Record<string, unknown>, path: '' }));

const expansionInput = fc.record({
	target: fc.oneof(customerItem, expansionRecord),
	settings: settingsInput,
	customerPath: fc.oneof(
		{ weight: 4, arbitrary: fc.constant(undefined) },
		{ weight: 1, arbitrary: pathParameterValue },
	),
	zone: fc.oneof({ weight: 4, arbitrary: validZone }, { weight: 1, arbitrary: zoneName }),
	reference: fc.oneof(
		{ weight: 3, arbitrary: fc.constant(undefined) },
		{ weight: 1, arbitrary: referenceValue },
	),
});
type ExpansionInput = typeof expansionInput extends fc.Arbitrary<infer T> ? T : never;

function referenceOf(input: { reference: unknown; zone: string }) {
	return input.reference === undefined
		? REFERENCE.setZone(input.zone)
		: parseInstant(input.reference, input.zone, 'Reference Time');
}

// ---------------------------------------------------------------------------------------------------------------
// Documented ranges (README "Expansion Signals"): probability 0-1, money >= 0 with 2 decimals, days >= 0, ISO dates.

const SIGNAL_WEIGHTS: Record<string, number> = {
	approaching_limit: 0.9,
	feature_attempts: 0.8,
	high_engagement: 0.6,
	team_growth: 0.7,
	success_metrics: 0.7,
	nps_promoter: 0.5,
	renewal_approaching: 0.4,
};

export function validateExpansion(expansion: ExpansionResult): void {
	inRange(expansion.probability, 0, 1, 'expansion.probability');
	const expected = expansionProbability(expansion.signals);
	expect_(
		expansion.probability === expected,
		`expansion.probability ${expansion.probability}, the signals give ${expected}`,
	);
	expansion.signals.forEach((signal, index) => {
		const at = `expansion.signals.${index}`;
		inRange(signal.weight, 0, 1, `${at}.weight`);
		expect_(
			(SIGNAL_WEIGHTS[signal.type] ?? 0) === signal.weight,
			`${at}.weight ${signal.weight} for ${signal.type}`,
		);
		// null only for approaching_limit raised early by the forecast, without a current usage.
		expect_(
			signal.value !== null || (signal.type === 'approaching_limit' && signal.early === true),
			`${at}.value is null for ${signal.type}`,
		);
	});
	expansion.opportunities.forEach((opportunity, index) => {
		const at = `expansion.opportunities.${index}`;
		inRange(opportunity.estimatedValue, 0, Number.MAX_VALUE, `${at}.estimatedValue`, true);
		if (opportunity.estimatedValue !== null) {
			expect_(
				Math.round(opportunity.estimatedValue * 100) / 100 === opportunity.estimatedValue ||
					opportunity.estimatedValue > 1e15,
				`${at}.estimatedValue ${opportunity.estimatedValue} has more than 2 decimals`,
			);
		}
		inRange(opportunity.probability, 0, 1, `${at}.probability`);
		expect_(
			opportunity.probability === expansion.probability,
			`${at}.probability differs from the customer's`,
		);
		expect_(
			typeof opportunity.basis === 'string' && opportunity.basis.length > 0,
			`${at}.basis is empty: a value (or its absence) must be explained`,
		);
		expect_(
			opportunity.product !== null || opportunity.type === 'upsell',
			`${at}.product is null for ${opportunity.type}`,
		);
		expect_(
			opportunity.product !== null || typeof opportunity.note === 'string',
			`${at}: product null without a note saying why`,
		);
	});
	const forecast = expansion.limitForecast;
	if (forecast) {
		inRange(forecast.daysToLimit, 0, 36_525, 'limitForecast.daysToLimit', true);
		isoDate(forecast.projectedDate, 'limitForecast.projectedDate', true);
		inRange(
			forecast.growthPerMonth,
			-Number.MAX_VALUE,
			Number.MAX_VALUE,
			'limitForecast.growthPerMonth',
			true,
		);
		// A projection, or the reason there is none: never both missing.
		expect_(
			(forecast.daysToLimit === null) === (forecast.reason !== null),
			`limitForecast.daysToLimit ${forecast.daysToLimit} with reason ${JSON.stringify(forecast.reason)}`,
		);
		expect_(
			(forecast.daysToLimit === null) === (forecast.projectedDate === null),
			`limitForecast.daysToLimit ${forecast.daysToLimit} with projectedDate ${forecast.projectedDate}`,
		);
	}
}

// ---------------------------------------------------------------------------------------------------------------

describe('expansion properties (issue 11)', () => {
	propertiesOf<ExpansionInput, ExpansionResult>(
		'evaluateExpansion',
		expansionInput,
		{
			call: (input) =>
				evaluateExpansion(input.target.item, {
					customerPath: (input.customerPath ?? input.target.path) as string,
					settings: resolveExpansionSettings(input.settings as never),
					reference: referenceOf(input),
					defaultTimeZone: input.zone,
				}),
			validate: validateExpansion,
			measure: (input) => [input.target.item, input.settings, input.customerPath, input.reference],
		},
		{ seed: SEED, numRuns: RUNS },
	);

	propertiesOf<unknown, ExpansionSettings>(
		'resolveExpansionSettings',
		settingsInput,
		{
			call: (input) => resolveExpansionSettings(input as never),
			validate: (settings) => {
				inRange(settings.upsellShareOfMrr, 0, Number.MAX_VALUE, 'upsellShareOfMrr');
				inRange(settings.featureAddOnPrice, 0, Number.MAX_VALUE, 'featureAddOnPrice');
				inRange(settings.forecastHorizonDays, 0, Number.MAX_VALUE, 'forecastHorizonDays');
				for (const [name, price] of Object.entries(settings.addOnPrices))
					inRange(price, 0, Number.MAX_VALUE, `addOnPrices.${name}`);
			},
		},
		{ seed: SEED + 1, numRuns: RUNS },
	);

	propertiesOf(
		'readUsageHistory + forecastLimit',
		fc.record({
			history: fc.oneof(
				customerFields.usage_vs_limit_history,
				fc.array(fc.record({ date: oddDate, value: fc.oneof(hostileNumber, numericString) }), {
					maxLength: 5,
				}),
				anyJson,
			),
			usage: fc.oneof(fc.constant(undefined), fc.double({ min: 0, max: 10, noNaN: true })),
			growth: fc.oneof(fc.constant(undefined), fc.double({ min: -10, max: 10, noNaN: true })),
			zone: validZone,
		}),
		{
			call: (input) => {
				const reference = REFERENCE.setZone(input.zone);
				const history = readUsageHistory({ h: input.history }, 'h', input.zone, reference);
				return forecastLimit(
					{
						usage: input.usage,
						history,
						growthPerMonth:
							input.growth === undefined ? undefined : { ok: true, value: input.growth },
					},
					reference,
					input.zone,
				);
			},
			validate: (forecast) => {
				if (!forecast) return;
				inRange(forecast.daysToLimit, 0, 36_525, 'daysToLimit', true);
				isoDate(forecast.projectedDate, 'projectedDate', true);
				expect_(
					(forecast.daysToLimit === null) === (forecast.reason !== null),
					`daysToLimit ${forecast.daysToLimit} with reason ${JSON.stringify(forecast.reason)}`,
				);
			},
		},
		{ seed: SEED + 2, numRuns: RUNS },
	);

	propertiesOf(
		'readFeatureList',
		fc.oneof(
			customerFields.blocked_features,
			anyJson,
			fc.array(fc.string({ maxLength: 5 }), { maxLength: 6 }),
		),
		{
			call: (raw) => readFeatureList({ blocked_features: raw }, 'blocked_features'),
			validate: (features) => {
				if (!features) return;
				const lower = features.map((name) => name.toLowerCase());
				expect_(
					new Set(lower).size === lower.length,
					`features are not distinct: ${JSON.stringify(features)}`,
				);
			},
		},
		{ seed: SEED + 3, numRuns: RUNS },
	);
});
