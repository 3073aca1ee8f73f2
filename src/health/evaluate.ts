import type { DateTime } from 'luxon';

import { readCustomer } from '../customer/read';
import { HEALTH_SCORE_RULE } from '../customer/fieldRules';
import { readNumberField } from '../customer/fields';
import { pathParameter } from '../shared/parameters';
import { getPath } from '../shared/path';
import type { HealthModel } from './model';
import type { HealthDetail, HealthResult, MissingDataPolicy } from './result';
import { scoreHealth } from './score';

/** Scores one customer record as it arrives in an item: locate the metrics, derive days from dates, score. */

export interface CustomerHealthConfig {
	model: HealthModel;
	/** Dotted path of the customer record inside the item; empty for the item's top level. */
	metricsPath?: string;
	/** Path, inside the customer record, of the previous health score (for trend and alerts). */
	previousScoreField?: string;
	missingData?: MissingDataPolicy;
	minCoverage?: number;
	/** The instant relative metrics are measured against (days since last login, …). */
	reference: DateTime;
	/** Zone for calendar days when the record has no `timezone`. */
	defaultTimeZone: string;
	/** 'summary' leaves out the per-metric breakdown. */
	detail?: HealthDetail;
}

export const DEFAULT_PREVIOUS_SCORE_FIELD = 'previous_health_score';

// The days_* fields a model reads (its metrics, and the risk factor on days since last login): only those are derived
// from dates. Worked out once per model object.
const fieldsByModel = new WeakMap<HealthModel, ReadonlySet<string>>();
function fieldsRead(model: HealthModel): ReadonlySet<string> {
	let fields = fieldsByModel.get(model);
	if (!fields) {
		fields = new Set([
			'days_since_last_login',
			...model.components.flatMap((c) => c.metrics.map((m) => m.field ?? m.key)),
		]);
		fieldsByModel.set(model, fields);
	}
	return fields;
}

export function evaluateCustomerHealth(
	item: Record<string, unknown>,
	config: CustomerHealthConfig,
): HealthResult {
	const { derived, merged: source } = readCustomer(item, {
		path: config.metricsPath,
		reference: config.reference,
		defaultTimeZone: config.defaultTimeZone,
		dayFields: fieldsRead(config.model),
	});

	const previousField =
		pathParameter(config.previousScoreField, 'Previous Score Field') ||
		DEFAULT_PREVIOUS_SCORE_FIELD;
	// Whatever field holds it, the previous score is a health score (0-100): previous_health_score's rule.
	const previous = readNumberField(
		getPath(source, previousField),
		previousField,
		HEALTH_SCORE_RULE,
	);
	const previousScore = typeof previous === 'number' ? previous : null;

	return scoreHealth(source, config.model, {
		missingData: config.missingData,
		minCoverage: config.minCoverage,
		previousScore,
		derivedFrom: derived.sources,
		detail: config.detail,
	});
}
