import { alertLeaf, alertVariables, type InternalAlert } from './blocks-alert';
import { csNode, expr, filterNode, setting, tableInsert } from './nodes';
import type { Template } from './template';

/**
 * Pieces of the renewal (cs-03) and cancellation-save (cs-06) templates that the shared blocks do not have: an
 * internal alert (csm_alert) as a leaf in the team's language, and recording chosen steps of a CS Playbook plan as
 * tasks.
 */

type At = [number, number];

/**
 * An internal alert with the built-in template csm_alert, as a leaf: a Set node puts the recipient in `email` (on this
 * branch only), the customer's address in `customer_email`, the Settings node's `team_language` in `locale` and the
 * alert variables on the item, then render and send. Returns the Set node.
 */
export function internalAlert(t: Template, label: string, at: At, alert: InternalAlert): string {
	return alertLeaf(t, `To: ${label}`, label, at, {
		// The customer's address for the alert's customer list (after a CS Email Template node it is in email.to).
		customer_email: expr(
			"typeof $json.email === 'string' ? $json.email : ($json.email && $json.email.to) || ''",
		),
		email: alert.to,
		// The team's language, not the customer's.
		locale: expr(setting('team_language')),
		...alertVariables(alert),
	}).set;
}

export interface PlannedTasks {
	/** The built-in playbook id. */
	playbook: string;
	/** The `source` prefix of the tasks, e.g. "cancellation save". */
	source: string;
	/** Expression over `$json.playbook.step` choosing the steps that become tasks. */
	steps: string;
	priority: 'urgent' | 'high' | 'normal';
}

/**
 * CS Playbook (one item per step, due times in the customer's time zone) -> the chosen steps -> cs_tasks. Returns
 * the plan node and the filter (to hang more leaves on the chosen steps).
 */
export function recordPlannedTasks(
	t: Template,
	at: At,
	spec: PlannedTasks,
): { plan: string; steps: string; record: string } {
	const plan = t.add(
		csNode(`Plan ${spec.source}`, 'customerPlaybook', at, {
			playbook: spec.playbook,
			outputMode: 'perStep',
			options: {},
		}),
	);
	const steps = t.add(
		filterNode(`Steps for people (${spec.source})`, [at[0] + 1, at[1]], t.info.id, [
			{
				left: expr(spec.steps),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	const record = t.add(
		tableInsert(`Record ${spec.source} tasks`, [at[0] + 2, at[1] - 0.5], 'cs_tasks', {
			task_id: expr(
				"$json.playbook.id + ':' + $json.customer_id + ':' + $json.playbook.step.order + ':' + $json.playbook.startAt",
			),
			customer_id: expr('String($json.customer_id)'),
			company: expr("$json.company || ''"),
			type: expr('$json.playbook.step.channel'),
			title: expr("$json.playbook.step.action.replace(/_/g, ' ')"),
			details: expr(
				"$json.playbook.name + ' (' + $json.playbook.source + ')' + ($json.playbook.step.condition ? '. Only if: ' + $json.playbook.step.condition.replace(/_/g, ' ') : '')",
			),
			owner: expr('$json.playbook.step.owner || $json.playbook.owner'),
			owner_email: expr('$json.csm_email'),
			priority: spec.priority,
			due_at: expr('$json.playbook.step.dueAt'),
			status: 'open',
			source: expr(`'${spec.source}: ' + $json.playbook.step.action`),
		}),
	);
	t.chain(plan, steps, record);
	return { plan, steps, record };
}
