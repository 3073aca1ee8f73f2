import { LIFECYCLE_STAGE_NAMES, STAGE_WORKFLOWS, type LifecycleStage } from '../lifecycle/stages';

/**
 * The event names the seeds trigger customer-success work with. The trigger node offers them as a filter;
 * callers may send any other name too (the node's custom event names).
 */
export interface CatalogEvent {
	name: string;
	description: string;
	/** Where the name comes from (docs/sources.md). */
	source: string;
}

export const PRODUCT_EVENTS: readonly CatalogEvent[] = [
	// docs/sources.md#cs-workflows CS_WORKFLOWS triggers, and the events docs/sources.md#onboarding, docs/sources.md#first-value-48h build onboarding on.
	{
		name: 'subscription_created',
		description: 'A new subscription: starts the welcome and onboarding sequence',
		source: 'CS workflows (docs/sources.md#cs-workflows)',
	},
	{
		name: 'onboarding_step_completed',
		description: 'The customer completed an onboarding step',
		source: 'Onboarding (docs/sources.md#onboarding)',
	},
	{
		name: 'onboarding_stalled',
		description: 'No onboarding progress for 3 days',
		source: 'Onboarding, CS workflows (docs/sources.md#onboarding, #cs-workflows)',
	},
	{
		name: 'onboarding_completed',
		description: 'Onboarding finished: hand-off to the adopting stage',
		source: 'Onboarding (docs/sources.md#onboarding)',
	},
	{
		name: 'login',
		description: 'The customer logged in (ends re-engagement sequences)',
		source: 'Re-engagement campaign (docs/sources.md#reengagement-campaign)',
	},
	{
		name: 'no_login_7_days',
		description: 'No login for more than 7 days',
		source:
			'Churn signal catalogue, CS workflows (docs/sources.md#churn-signal-catalogue, #cs-workflows)',
	},
	{
		name: 'no_login_14_days',
		description: 'No login for more than 14 days',
		source: 'Churn signal catalogue (docs/sources.md#churn-signal-catalogue)',
	},
	{
		name: 'usage_dropped_50_percent',
		description: 'Usage fell by more than half against the last month',
		source: 'CS workflows (docs/sources.md#cs-workflows)',
	},
	{
		name: 'usage_at_80_percent',
		description: 'Usage reached 80 % of the plan limit',
		source: 'CS workflows (docs/sources.md#cs-workflows)',
	},
	{
		name: 'nps_response',
		description: 'An NPS survey was answered',
		source: 'NPS (docs/sources.md#nps)',
	},
	{
		name: 'quarterly_nps',
		description: 'Time for the quarterly NPS survey',
		source: 'CS workflows (docs/sources.md#cs-workflows)',
	},
	{
		name: 'nps_score_lte_6',
		description: 'An NPS answer of 6 or less (detractor)',
		source: 'CS workflows (docs/sources.md#cs-workflows)',
	},
	{
		name: 'nps_score_gte_9',
		description: 'An NPS answer of 9 or 10 (promoter)',
		source: 'CS workflows (docs/sources.md#cs-workflows)',
	},
	{
		name: 'cancellation_requested',
		description: 'The customer asked to cancel: starts the save playbook',
		source:
			'Churn signal catalogue, CS workflows (docs/sources.md#churn-signal-catalogue, #cs-workflows)',
	},
	{
		name: 'payment_failed',
		description: 'A payment attempt failed',
		source: 'Churn signal catalogue (docs/sources.md#churn-signal-catalogue)',
	},
	{
		name: 'subscription_cancelled',
		description: 'The subscription ended: starts win-back',
		source: 'Win-back campaign (docs/sources.md#winback-campaign)',
	},
	{
		name: 'subscription_reactivated',
		description: 'A churned customer came back (ends win-back)',
		source: 'Win-back campaign (docs/sources.md#winback-campaign)',
	},
	{
		name: 'renewal_in_90_days',
		description: 'The renewal date is 90 days away',
		source: 'CS workflows (docs/sources.md#cs-workflows)',
	},
	{
		name: 'renewal_in_60_days',
		description: 'The renewal date is 60 days away',
		source: 'CS workflows (docs/sources.md#cs-workflows)',
	},
	{
		name: 'renewal_in_30_days',
		description: 'The renewal date is 30 days away',
		source: 'CS workflows (docs/sources.md#cs-workflows)',
	},
	{
		name: 'health_score_dropped_20',
		description: 'The health score fell by 20 points or more',
		source: 'CS workflows (docs/sources.md#cs-workflows)',
	},
	{
		name: 'expansion_signal_detected',
		description: 'An expansion signal fired',
		source: 'CS workflows (docs/sources.md#cs-workflows)',
	},
];

/** docs/sources.md#stage-workflows: the workflows `LifecycleManager.triggerN8nWorkflow` posts when a customer enters a stage. */
export const LIFECYCLE_WORKFLOW_EVENTS: readonly CatalogEvent[] = (
	Object.entries(STAGE_WORKFLOWS) as Array<[LifecycleStage, readonly string[]]>
).flatMap(([stage, workflows]) =>
	workflows.map((name) => ({
		name,
		description: `Lifecycle workflow for a customer entering the ${LIFECYCLE_STAGE_NAMES[stage]} stage`,
		source: 'Workflows on entering a stage (docs/sources.md#stage-workflows)',
	})),
);

export const EVENT_CATALOG: readonly CatalogEvent[] = dedupeByName([
	...PRODUCT_EVENTS,
	...LIFECYCLE_WORKFLOW_EVENTS,
]);

/** The filter value that lets every event through. */
export const ANY_EVENT = '*';

// Event names are identifiers: letters, digits and a few separators, as the seeds write them.
export const EVENT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

function dedupeByName(events: CatalogEvent[]): CatalogEvent[] {
	const seen = new Set<string>();
	return events.filter((event) => !seen.has(event.name) && seen.add(event.name));
}
