/** The `expansion` object an evaluated item carries (docs/sources.md#output-shapes, plus explanations). */

/** docs/sources.md#expansion-signals EXPANSION_SIGNALS, in the seed's order. */
export type ExpansionSignalType =
	| 'approaching_limit'
	| 'feature_attempts'
	| 'high_engagement'
	| 'team_growth'
	| 'success_metrics'
	| 'nps_promoter'
	| 'renewal_approaching';

/** docs/sources.md#expansion-add-ons upsell triggers, evaluated only when the add-on triggers are switched on. */
export type AddOnSignalType =
	| 'analytics_dashboard_usage'
	| 'integration_requested'
	| 'branding_mentioned'
	| 'large_event_scheduled';

export type OpportunityType = 'upsell' | 'cross_sell' | 'add_seats' | 'add_features';

/** docs/sources.md#expansion-opportunities ExpansionOpportunity.timing. */
export type OpportunityTiming = 'now' | 'next_quarter' | 'at_renewal';

/** One fired signal. */
export interface ExpansionSignalResult {
	type: ExpansionSignalType | AddOnSignalType;
	/** The weight (docs/sources.md#expansion-signals); 0 for an add-on trigger (docs/sources.md#expansion-add-ons), which adds opportunities but not probability. */
	weight: number;
	description: string;
	/** The field read (e.g. "usage_vs_limit", "engagement.score", "health.score"). */
	metric: string;
	/** Its value, or null when the signal fired without it (approaching_limit raised early by the forecast). */
	value: number | boolean | null;
	threshold: number | boolean | null;
	/** approaching_limit only: true when raised by the limit forecast while usage is still at or under the threshold. */
	early?: boolean;
	/** The date field a derived value came from (days_to_renewal from renewal_date). */
	derivedFrom?: string;
	/**
	 * high_engagement only: which score it read. `engagement`: the engagement score (`engagement.score`, else
	 * `engagement_score`); `health_stand_in`: the health score, used when no engagement score is present.
	 */
	source?: EngagementSource;
}

/** Where high_engagement's score came from (docs/sources.md#expansion-signals). */
export type EngagementSource = 'engagement' | 'health_stand_in';

export interface ExpansionOpportunityResult {
	type: OpportunityType;
	/** The plan or product offered; null when it cannot be known (a plan that is not on the ladder). */
	product: string | null;
	/** Monthly value, 2 decimals; null when an input of the estimate is missing (see `basis`). */
	estimatedValue: number | null;
	probability: number;
	recommendedAction: string;
	timing: OpportunityTiming;
	/** docs/sources.md#expansion-opportunities: the descriptions of every fired signal. */
	signals: string[];
	/** How the value was estimated, or why it is null. */
	basis: string;
	/** Anything else the CSM should know (e.g. the plan is not on the ladder); null when nothing. */
	note: string | null;
}

/** An opportunity a fired signal would have produced but that does not apply to this customer. */
export interface SkippedOpportunity {
	type: OpportunityType;
	product: string | null;
	reason: string;
}

/** A signal whose input was absent or unusable: it did not fire, and it was not read as 0. */
export interface NotEvaluatedSignal {
	type: ExpansionSignalType | AddOnSignalType;
	fields: string[];
	reason: string;
}

/** Beyond the seeds: when usage_vs_limit will reach 1.0 (the plan limit) at its current pace. */
export interface LimitForecast {
	/** "history": least squares over usage_vs_limit_history; "growth_rate": usage_growth_per_month. */
	method: 'history' | 'growth_rate';
	/** Calendar days from the reference time to the projected date, in the customer's time zone; null without a projection. */
	daysToLimit: number | null;
	/** ISO date (customer's time zone) on which usage reaches the limit; null without a projection. */
	projectedDate: string | null;
	/** Change of usage_vs_limit per 30 days used for the projection, 4 decimals. */
	growthPerMonth: number | null;
	/** Why there is no projection (flat or falling usage, too few points, no current usage); null when there is one. */
	reason: string | null;
}

export interface ExpansionResult {
	/** docs/sources.md#expansion-probability calculateProbability: fired weights / all seven weights, 2 decimals. */
	probability: number;
	signals: ExpansionSignalResult[];
	opportunities: ExpansionOpportunityResult[];
	notEvaluated: NotEvaluatedSignal[];
	/** Null when neither usage_vs_limit_history nor usage_growth_per_month is given. */
	limitForecast: LimitForecast | null;
	skippedOpportunities: SkippedOpportunity[];
}
