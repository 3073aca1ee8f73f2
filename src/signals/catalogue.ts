import { z } from 'zod';

import { describeIssues } from '../customer/record';
import { roundTo } from '../shared/numbers';
import { previewValue } from '../shared/preview';
import type { Operator, Severity, SignalRule } from './rules';

/**
 * The built-in churn signals (docs/sources.md#churn-signal-catalogue). Every threshold is configurable; the
 * defaults, operators and severities are the seeds'. The description follows the threshold, so with the default
 * threshold it is the seed's text word for word. What each field may hold (feature_adoption 0-1, nps_score 0-10…) is
 * the field's rule in src/customer/fieldRules.ts, the same for every node.
 */

interface BuiltInSignal {
	type: string;
	field: string;
	operator: Operator;
	/** Default threshold; null for the boolean signals. */
	threshold: number | null;
	atLeast?: number;
	severity: Severity;
	describe: (threshold: number) => string;
	source: string;
}

const oneDecimal = (value: number) => (Number.isInteger(value) ? value.toFixed(1) : String(value));

export const BUILT_IN_SIGNALS = [
	// docs/sources.md#churn-signal-catalogue CHURN_SIGNALS (detect, severity and description as in the seed).
	{
		type: 'no_login_7_days',
		field: 'days_since_last_login',
		operator: 'gt',
		threshold: 7,
		severity: 'medium',
		describe: (t) => `No login in ${t}+ days`,
		source: 'Churn signal catalogue (docs/sources.md#churn-signal-catalogue)',
	},
	{
		type: 'no_login_14_days',
		field: 'days_since_last_login',
		operator: 'gt',
		threshold: 14,
		severity: 'high',
		describe: (t) => `No login in ${t}+ days`,
		source: 'Churn signal catalogue (docs/sources.md#churn-signal-catalogue)',
	},
	{
		type: 'usage_drop_50',
		field: 'usage_change_percent',
		operator: 'lt',
		threshold: -50,
		severity: 'high',
		describe: (t) =>
			t <= 0
				? `Usage dropped ${-t}%+ vs last month`
				: `Usage changed by less than +${t}% vs last month`,
		source: 'Churn signal catalogue (docs/sources.md#churn-signal-catalogue)',
	},
	{
		type: 'nps_detractor',
		field: 'nps_score',
		operator: 'lte',
		threshold: 6,
		severity: 'high',
		describe: () => 'NPS detractor score',
		source: 'Churn signal catalogue (docs/sources.md#churn-signal-catalogue)',
	},
	{
		type: 'multiple_support_tickets',
		field: 'open_tickets',
		operator: 'gte',
		threshold: 3,
		severity: 'medium',
		describe: (t) => `${t}+ open support tickets`,
		source: 'Churn signal catalogue (docs/sources.md#churn-signal-catalogue)',
	},
	{
		type: 'failed_payment',
		field: 'failed_payments',
		operator: 'gt',
		threshold: 0,
		severity: 'high',
		describe: () => 'Failed payment attempt',
		source: 'Churn signal catalogue (docs/sources.md#churn-signal-catalogue)',
	},
	{
		type: 'cancellation_request',
		field: 'cancellation_requested',
		operator: 'isTrue',
		threshold: null,
		severity: 'high',
		describe: () => 'Cancellation requested',
		source: 'Churn signal catalogue (docs/sources.md#churn-signal-catalogue)',
	},
	{
		type: 'competitor_mention',
		field: 'competitor_mentioned',
		operator: 'isTrue',
		threshold: null,
		severity: 'medium',
		describe: () => 'Mentioned competitor in support ticket',
		source: 'Churn signal catalogue (docs/sources.md#churn-signal-catalogue)',
	},
	// docs/sources.md#churn-signal-catalogue early-warning signals. The seed gives no severities: they follow its interventions (a call
	// for "no booking in 14 days" and for an expiring trial, as the agent specification does for its high signals; a credit
	// offer for a low rating, a medium-level response).
	{
		type: 'low_rating',
		field: 'rating',
		operator: 'lt',
		threshold: 4,
		severity: 'medium',
		describe: (t) => `Average rating below ${oneDecimal(t)}`,
		source: 'Intervention playbook (docs/sources.md#intervention-playbook)',
	},
	{
		type: 'trial_expiring',
		field: 'trial_days_remaining',
		operator: 'lte',
		// The retention playbook (docs/sources.md#intervention-playbook) offers a 7-day extension when the trial is expiring: a week's notice.
		threshold: 7,
		// A trial that already ended (negative days) is not "expiring": it converted or churned.
		atLeast: 0,
		severity: 'high',
		describe: (t) => `Trial ends in ${t} days or less`,
		source: 'Intervention playbook (docs/sources.md#intervention-playbook)',
	},
	{
		type: 'no_key_action_14_days',
		field: 'days_since_key_action',
		operator: 'gt',
		threshold: 14,
		severity: 'high',
		describe: (t) => `No key action (e.g. a booking) in ${t}+ days`,
		source: 'Intervention playbook (docs/sources.md#intervention-playbook)',
	},
	// docs/sources.md#high-risk-indicators: all three are high-risk, so severity high.
	{
		type: 'low_login_frequency',
		field: 'logins_per_week',
		operator: 'lt',
		threshold: 2,
		severity: 'high',
		describe: (t) => `Fewer than ${t} logins a week`,
		source: 'High-risk indicators (docs/sources.md#high-risk-indicators)',
	},
	{
		type: 'short_sessions',
		field: 'avg_session_minutes',
		operator: 'lt',
		threshold: 5,
		severity: 'high',
		describe: (t) => `Average session shorter than ${t} minutes`,
		source: 'High-risk indicators (docs/sources.md#high-risk-indicators)',
	},
	{
		type: 'low_feature_adoption',
		field: 'feature_adoption',
		operator: 'lt',
		threshold: 0.3,
		severity: 'high',
		describe: (t) => `Feature adoption below ${roundTo(t * 100, 2)}%`,
		source: 'High-risk indicators (docs/sources.md#high-risk-indicators)',
	},
] as const satisfies readonly BuiltInSignal[];

export type BuiltInSignalType = (typeof BUILT_IN_SIGNALS)[number]['type'];
export const BUILT_IN_SIGNAL_TYPES = BUILT_IN_SIGNALS.map(
	(signal) => signal.type,
) as BuiltInSignalType[];

/** The built-in signals that have a numeric threshold (all but the two boolean events). */
export const THRESHOLD_SIGNAL_TYPES = BUILT_IN_SIGNALS.filter(
	(signal) => signal.threshold !== null,
).map((signal) => signal.type) as BuiltInSignalType[];

export type SignalThresholds = Partial<Record<BuiltInSignalType, number>>;

export const DEFAULT_THRESHOLDS = Object.fromEntries(
	BUILT_IN_SIGNALS.filter((signal) => signal.threshold !== null).map((signal) => [
		signal.type,
		signal.threshold,
	]),
) as Record<BuiltInSignalType, number>;

export class InvalidSignalConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidSignalConfigError';
	}
}

const thresholdsSchema = z
	.object(
		Object.fromEntries(
			THRESHOLD_SIGNAL_TYPES.map((type) => [
				type,
				z.number({ invalid_type_error: 'must be a number' }).finite().optional(),
			]),
		) as Record<BuiltInSignalType, z.ZodOptional<z.ZodNumber>>,
	)
	.strict();

/** The built-in signals to run: `enabled` in catalogue order, each with its threshold (the seed's by default). */
export function builtInRules(enabled: unknown, thresholdInput: unknown = {}): SignalRule[] {
	// Both may come from expressions: anything but a list of names and an object of numbers is named, never a TypeError.
	if (!Array.isArray(enabled))
		throw new InvalidSignalConfigError(
			`Signals: must be a list of signal types (got ${previewValue(enabled)})`,
		);
	const thresholds = (thresholdInput ?? {}) as Record<string, unknown>;
	if (typeof thresholds !== 'object' || Array.isArray(thresholds)) {
		throw new InvalidSignalConfigError(
			`Thresholds: must be a set of numbers by signal (got ${previewValue(thresholds)})`,
		);
	}
	const unknown = enabled.filter((type) => !(BUILT_IN_SIGNAL_TYPES as unknown[]).includes(type));
	if (unknown.length) {
		throw new InvalidSignalConfigError(
			`Signals: unknown signal ${unknown
				.slice(0, 3)
				.map((type) => previewValue(type))
				.join(', ')} (known: ${BUILT_IN_SIGNAL_TYPES.join(', ')})`,
		);
	}
	const extra = Object.keys(thresholds).filter(
		(type) => !(THRESHOLD_SIGNAL_TYPES as string[]).includes(type),
	);
	if (extra.length) {
		throw new InvalidSignalConfigError(
			`Thresholds: ${extra
				.slice(0, 3)
				.map((type) => previewValue(type))
				.join(', ')} has no threshold (signals with one: ${THRESHOLD_SIGNAL_TYPES.join(', ')})`,
		);
	}
	const parsed = thresholdsSchema.safeParse(thresholds);
	if (!parsed.success)
		throw new InvalidSignalConfigError(
			`Thresholds: ${describeIssues(parsed.error, '', thresholds)}`,
		);
	return BUILT_IN_SIGNALS.filter((signal) => enabled.includes(signal.type)).map(
		(signal): SignalRule => {
			const threshold =
				signal.threshold === null
					? null
					: (parsed.data[signal.type as BuiltInSignalType] ?? signal.threshold);
			return {
				type: signal.type,
				field: signal.field,
				operator: signal.operator,
				threshold,
				...('atLeast' in signal ? { atLeast: signal.atLeast } : {}),
				severity: signal.severity,
				description: signal.describe(threshold ?? 0),
				builtIn: true,
			};
		},
	);
}

/**
 * The recommended save playbook (`churn.playbook`): the playbook of the first raised signal in this priority
 * order that has one. Ids are the shared contract with the CS Playbook node: docs/sources.md#save-playbooks SAVE_PLAYBOOKS
 * (`save.*`), docs/sources.md#cs-workflows CS_WORKFLOWS (`engagement.low_usage_alert`) and docs/sources.md#intervention-playbook intervention playbook
 * (`intervention.*`). A failed payment has no save playbook in any seed (it is billing's dunning, not a CSM play),
 * so it maps to null and the next raised signal decides.
 */
export const PLAYBOOK_PRIORITY: ReadonlyArray<readonly [BuiltInSignalType, string | null]> = [
	['cancellation_request', 'save.cancellation_request'],
	['failed_payment', null],
	['no_login_14_days', 'save.no_login_14_days'],
	['nps_detractor', 'save.nps_detractor'],
	['usage_drop_50', 'engagement.low_usage_alert'],
	['no_login_7_days', 'save.no_login_7_days'],
	['trial_expiring', 'intervention.trial_expiring'],
	['low_rating', 'intervention.low_rating'],
	['no_key_action_14_days', 'intervention.no_key_action_14_days'],
];

export function recommendedPlaybook(raisedTypes: readonly string[]): string | null {
	for (const [type, playbook] of PLAYBOOK_PRIORITY) {
		if (playbook !== null && raisedTypes.includes(type)) return playbook;
	}
	return null;
}
