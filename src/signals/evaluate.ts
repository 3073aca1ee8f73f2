import type { DateTime } from 'luxon';

import { readCustomer } from '../customer/read';
import { CustomerInputError } from '../customer/locate';
import { isoDate } from '../playbooks/zonedTime';
import { referenceMillis } from '../shared/dates';
import { previewValue } from '../shared/preview';
import { type AtRiskReason, assessAtRisk, AT_RISK_FIELDS } from './atRisk';
import { recommendedPlaybook } from './catalogue';
import { cooldownUntil, type CooldownDecision } from './cooldown';
import { judgeRule, readField, type DetectedSignal, type SignalRule } from './rules';
import { activeSnoozes, SNOOZE_FIELD } from './snooze';

/**
 * Churn signals of one item, in two steps so the node can consult n8n's processed-data store in between:
 * `assessChurn` (pure, per item) detects the signals, applies snoozes and the at-risk check; `finalizeChurn`
 * takes the cooldown decisions for the detected signals and yields the tier and the playbook.
 */

export const INTERVENTION_TIERS = ['immediate', 'urgent', 'monitor', 'none'] as const;
export type InterventionTier = (typeof INTERVENTION_TIERS)[number];

export interface SuppressedSignal {
	type: string;
	reason: 'cooldown' | 'snoozed';
	/** ISO 8601 instant the suppression ends; null for a snooze without an end. */
	until: string | null;
}

export interface ChurnResult {
	tier: InterventionTier;
	atRisk: boolean;
	atRiskReasons: AtRiskReason[];
	/** The raised signals: detected and neither snoozed nor cooled down. */
	signals: DetectedSignal[];
	playbook: string | null;
	suppressed: SuppressedSignal[];
	notEvaluated: Array<{ type: string; field: string }>;
}

export interface ChurnConfig {
	rules: readonly SignalRule[];
	/** Dotted path of the customer record inside the item; empty for the item's top level. */
	customerPath?: string;
	reference: DateTime;
	/** Zone for calendar days when the record has no `timezone`. */
	defaultTimeZone: string;
	/** Cooldown length in days; 0 = off. */
	cooldownDays?: number;
}

export interface ChurnAssessment {
	/** `customer_id` as text, null when absent. */
	customerId: string | null;
	/** The reference day in the customer's time zone (yyyy-MM-dd): the cooldown's calendar. */
	day: string;
	timeZone: string;
	/** Every detected signal, in rule order, whether or not it is snoozed. */
	detected: DetectedSignal[];
	/** Types of detected signals that are snoozed, with the snooze's end. */
	snoozed: Map<string, string | null>;
	notEvaluated: Array<{ type: string; field: string }>;
	atRisk: boolean;
	atRiskReasons: AtRiskReason[];
}

// The fields the rules and the at-risk check read: only those days_* are derived (a date nobody reads is not parsed).
// Worked out once per rule list (a node resolves its rules once).
const fieldsByRules = new WeakMap<readonly SignalRule[], ReadonlySet<string>>();
function fieldsRead(rules: readonly SignalRule[]): ReadonlySet<string> {
	let fields = fieldsByRules.get(rules);
	if (!fields) {
		fields = new Set([...rules.map((rule) => rule.field), ...AT_RISK_FIELDS]);
		fieldsByRules.set(rules, fields);
	}
	return fields;
}

export function assessChurn(item: Record<string, unknown>, config: ChurnConfig): ChurnAssessment {
	const { record, derived } = readCustomer(item, {
		path: config.customerPath,
		reference: config.reference,
		defaultTimeZone: config.defaultTimeZone,
		dayFields: fieldsRead(config.rules),
	});
	const days = derived.values;

	const rawId = record.customer_id;
	const customerId =
		rawId === undefined || rawId === null || String(rawId).trim() === ''
			? null
			: String(rawId).trim();
	if ((config.cooldownDays ?? 0) > 0 && customerId === null) {
		throw new CustomerInputError(
			`customer_id: is required when Cooldown (Days) is set, to remember which customer was alerted (got ${previewValue(rawId ?? null)})`,
			'customer_id',
		);
	}

	const detected: DetectedSignal[] = [];
	const notEvaluated: Array<{ type: string; field: string }> = [];
	for (const rule of config.rules) {
		const outcome = judgeRule(readField(record, days, rule.field), rule);
		if (outcome.status === 'detected') detected.push(outcome.signal);
		if (outcome.status === 'not_evaluated')
			notEvaluated.push({ type: rule.type, field: rule.field });
	}

	const snoozes = activeSnoozes(record[SNOOZE_FIELD], config.reference, derived.timeZone);
	const snoozed = new Map(
		detected
			.filter((signal) => snoozes.has(signal.type))
			.map((signal) => [signal.type, snoozes.get(signal.type) ?? null]),
	);

	return {
		customerId,
		day: isoDate(referenceMillis(config.reference), derived.timeZone),
		timeZone: derived.timeZone,
		detected,
		snoozed,
		notEvaluated,
		...assessAtRisk(item, record, days),
	};
}

/** The detected signals that go to the cooldown check: the ones not snoozed. */
export function cooldownCandidates(assessment: ChurnAssessment): DetectedSignal[] {
	return assessment.detected.filter((signal) => !assessment.snoozed.has(signal.type));
}

/**
 * docs/sources.md#intervention-tiers early_warning_signals.intervention_triggers: immediate for a payment failure (and, as the issue adds,
 * a cancellation request), urgent for 2+ warning signals, monitor for 1. Only raised signals count.
 */
export function interventionTier(
	raised: readonly Pick<DetectedSignal, 'type'>[],
): InterventionTier {
	if (
		raised.some(
			(signal) => signal.type === 'failed_payment' || signal.type === 'cancellation_request',
		)
	) {
		return 'immediate';
	}
	if (raised.length >= 2) return 'urgent';
	return raised.length === 1 ? 'monitor' : 'none';
}

/**
 * The result of one item. `cooldown` holds one decision per signal of `cooldownCandidates(assessment)`, in the
 * same order, or is omitted when the cooldown is off.
 */
export function finalizeChurn(
	assessment: ChurnAssessment,
	cooldown?: readonly CooldownDecision[],
): ChurnResult {
	const candidates = cooldownCandidates(assessment);
	if (cooldown && cooldown.length !== candidates.length) {
		throw new Error(`Expected ${candidates.length} cooldown decisions, got ${cooldown.length}`);
	}
	const cooled = new Map<string, string>();
	candidates.forEach((signal, index) => {
		const decision = cooldown?.[index];
		if (decision?.cooledDown)
			cooled.set(signal.type, cooldownUntil(decision.untilDay, assessment.timeZone));
	});

	const signals: DetectedSignal[] = [];
	const suppressed: SuppressedSignal[] = [];
	for (const signal of assessment.detected) {
		if (assessment.snoozed.has(signal.type)) {
			suppressed.push({
				type: signal.type,
				reason: 'snoozed',
				until: assessment.snoozed.get(signal.type) ?? null,
			});
		} else if (cooled.has(signal.type)) {
			suppressed.push({
				type: signal.type,
				reason: 'cooldown',
				until: cooled.get(signal.type) as string,
			});
		} else {
			signals.push(signal);
		}
	}
	return {
		tier: interventionTier(signals),
		atRisk: assessment.atRisk,
		atRiskReasons: assessment.atRiskReasons,
		signals,
		playbook: recommendedPlaybook(signals.map((signal) => signal.type)),
		suppressed,
		notEvaluated: assessment.notEvaluated,
	};
}

/** Detects and finalizes in one go, without cooldown (for callers that keep no state). */
export function evaluateChurn(item: Record<string, unknown>, config: ChurnConfig): ChurnResult {
	return finalizeChurn(assessChurn(item, { ...config, cooldownDays: 0 }));
}
