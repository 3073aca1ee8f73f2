import type { DateTime } from 'luxon';

import { readCustomer } from '../customer/read';
import { referenceMillis } from '../shared/dates';
import { forecastLimit } from './forecast';
import { isAbsent, readNumber, readUsageHistory } from './inputs';
import { buildOpportunities } from './opportunities';
import type { ExpansionResult, ExpansionSignalResult, NotEvaluatedSignal } from './result';
import { resolveExpansionSettings, type ExpansionSettings } from './settings';
import {
	checkAddOnSignals,
	checkExpansionSignals,
	expansionProbability,
	type SignalCheck,
} from './signals';

/** The one derived day this node reads: days to renewal, from renewal_date. */
const EXPANSION_DAY_FIELDS: ReadonlySet<string> = new Set(['days_to_renewal']);

/** Evaluates one customer record as it arrives in an item: locate it, derive days, forecast, detect, value. */

export interface CustomerExpansionConfig {
	/** Dotted path of the customer record inside the item; empty for the item's top level. */
	customerPath?: string;
	settings?: ExpansionSettings;
	/** The instant days_to_renewal and the limit forecast are measured from. */
	reference: DateTime;
	/** Zone for calendar days when the record has no `timezone`. */
	defaultTimeZone: string;
}

export function evaluateExpansion(
	item: Record<string, unknown>,
	config: CustomerExpansionConfig,
): ExpansionResult {
	const settings = config.settings ?? resolveExpansionSettings();
	referenceMillis(config.reference);
	// Only the days this node reads are derived, so a malformed date it does not use cannot fail the item.
	const { derived, merged: source } = readCustomer(item, {
		path: config.customerPath,
		reference: config.reference,
		defaultTimeZone: config.defaultTimeZone,
		dayFields: EXPANSION_DAY_FIELDS,
	});

	const usage = readNumber(source, 'usage_vs_limit');
	const growth = isAbsent(source.usage_growth_per_month)
		? undefined
		: readNumber(source, 'usage_growth_per_month');
	const forecast = forecastLimit(
		{
			usage: usage.ok ? usage.value : undefined,
			usageProblem: usage.ok ? undefined : usage.reason,
			history: readUsageHistory(
				source,
				'usage_vs_limit_history',
				derived.timeZone,
				config.reference,
			),
			growthPerMonth: growth,
		},
		config.reference,
		derived.timeZone,
	);

	const inputs = {
		record: source,
		item,
		thresholds: settings.thresholds,
		forecast,
		forecastHorizonDays: settings.forecastHorizonDays,
		derivedFrom: derived.sources,
	};
	const checks: SignalCheck[] = checkExpansionSignals(inputs).map(([, check]) => check);
	if (settings.addOnTriggers) checks.push(...checkAddOnSignals(inputs).map(([, check]) => check));

	const fired: ExpansionSignalResult[] = [];
	const notEvaluated: NotEvaluatedSignal[] = [];
	for (const check of checks) {
		if (check.status === 'fired') fired.push(check.signal);
		if (check.status === 'not_evaluated') notEvaluated.push(check.missing);
	}
	// docs/sources.md#expansion-probability: the probability is over its seven signals; add-on triggers weigh 0.
	const probability = expansionProbability(fired);
	const { opportunities, skipped } = buildOpportunities({
		record: source,
		settings,
		probability,
		fired,
	});

	return {
		probability,
		signals: fired,
		opportunities,
		notEvaluated,
		limitForecast: forecast,
		skippedOpportunities: skipped,
	};
}
