import { emailStep } from './blocks';
import { code, csNode, expr, filterNode, setFields, setJson, setting, tableGet, tableInsert, tableUpdate, type FieldValue, type Match, type SettingValue } from './nodes';
import { tableByName } from './tables';
import type { Template } from './template';

/**
 * Pieces of the renewal (cs-03) and cancellation-save (cs-06) templates that the shared blocks do not have: an
 * enrolment whose sequence and key are expressions (one Enrol node serves the 90-, 60- and 30-day windows), a
 * "no such row" gate on any equality conditions, an internal alert (csm_alert) as a leaf, the step log of an
 * enrolment named by the item itself (for a step reached from two paths), stopping a customer's active enrolments
 * on an exit event, and recording chosen steps of a CS Playbook plan as tasks.
 */

type At = [number, number];

/** The Data Table's own columns, which a row read from it carries and a customer record does not need. */
export const WITHOUT_ROW_META =
	"Object.fromEntries(Object.entries($json).filter(([key, value]) => !['id', 'createdAt', 'updatedAt'].includes(key) && value !== null))";

/**
 * A Set node called "Enrol" (the shared logStep and freshCustomer read it) adding enrolment_id and sequence, both
 * expressions, with the CSM fallback from Settings.
 */
export function enrolBy(t: Template, at: At, sequence: string, enrolmentId: string): string {
	return t.add(
		setFields(
			'Enrol',
			at,
			{
				enrolment_id: enrolmentId,
				sequence,
				csm_name: expr(`$json.csm_name || ${setting('default_csm_name')}`),
				csm_email: expr(`$json.csm_email || ${setting('default_csm_email')}`),
			},
			t.info.id,
		),
	);
}

/** Data Table rowNotExists: passes the items for which no row matches every condition (equals only). */
export function noSuchRow(t: Template, name: string, at: At, table: string, matches: Array<Required<Pick<Match, 'column' | 'value'>>>): string {
	const known = tableByName(table);
	for (const match of matches) {
		if (!known.columns.some((column) => column.name === match.column)) throw new Error(`Data table ${table} has no column "${match.column}"`);
	}
	return t.add({
		name,
		type: 'n8n-nodes-base.dataTable',
		typeVersion: 1,
		at,
		parameters: {
			operation: 'rowNotExists',
			dataTableId: { __rl: true, mode: 'name', value: known.name },
			matchType: 'allConditions',
			filters: { conditions: matches.map((match) => ({ keyName: match.column, condition: 'eq', keyValue: match.value })) },
		},
	});
}

export interface InternalAlert {
	/** Expression of the recipient's address (the CSM, the manager, the executive). */
	to: string;
	title: string;
	reason: string;
	/** Expression giving the list of actions. */
	actions: string;
	severity: string;
	/** Expression of the due time shown in the alert. */
	dueAt: string;
}

/**
 * An internal alert with the built-in template csm_alert, as a leaf: a Set node puts the recipient in `email` (on this
 * branch only), the customer's address in `customer_email`, the Settings node's `team_language` in `locale` and the
 * alert variables on the item, then render and send. Returns the Set node.
 */
export function internalAlert(t: Template, label: string, at: At, alert: InternalAlert): string {
	const fields: Record<string, FieldValue> = {
		// The customer's address for the alert's customer list (after a CS Email Template node it is in email.to).
		customer_email: expr("typeof $json.email === 'string' ? $json.email : ($json.email && $json.email.to) || ''"),
		email: alert.to,
		// The team's language, not the customer's.
		locale: expr(setting('team_language')),
		alert_title: alert.title,
		alert_reason: alert.reason,
		alert_actions: [alert.actions, 'array'],
		alert_severity: alert.severity,
		due_at: alert.dueAt,
	};
	const set = t.add(setFields(`To: ${label}`, at, fields, t.info.id));
	const render = emailStep(t, label, [at[0] + 1, at[1]], 'csm_alert');
	t.connect(set, render);
	return set;
}

/** Records a step of the enrolment the item names in `enrolment_id` (and, with `status`, that it ended). */
export function logEnrolmentStep(t: Template, name: string, at: At, step: number, stepName: string, status?: 'completed' | 'stopped', reason?: string): string {
	const values: Record<string, SettingValue | null> = { step, step_name: stepName, last_step_at: expr('$now.toUTC().toISO()') };
	if (status) values.status = status;
	if (reason) values.stop_reason = reason;
	return t.add(tableUpdate(name, at, 'cs_enrolments', [{ column: 'enrolment_id', value: expr('$json.enrolment_id') }], values));
}

/**
 * Marks the customer's active enrolments in `sequence` stopped with `reason` (an expression or a text), so the next
 * gate of that sequence ends it. A leaf: it replaces the items with the rows it updated.
 */
export function stopEnrolments(t: Template, name: string, at: At, sequence: string, reason: string): string {
	return t.add(
		tableUpdate(
			name,
			at,
			'cs_enrolments',
			[
				{ column: 'customer_id', value: expr('String($json.customer_id)') },
				{ column: 'sequence', value: sequence },
				{ column: 'status', value: 'active' },
			],
			{ status: 'stopped', stop_reason: reason, last_step_at: expr('$now.toUTC().toISO()') },
		),
	);
}

/**
 * Reads the customer's row from cs_customers and continues with it merged over the fields of `base` (a node before,
 * paired by item): the row's values win. A customer without a row continues with the fields of `base`.
 */
export function readCustomerOver(t: Template, label: string, at: At, base: string): { first: string; last: string } {
	const read = t.add(
		tableGet(`Read ${label}`, at, 'cs_customers', [{ column: 'customer_id', value: expr('String($json.customer_id)') }], { alwaysOutputData: true }),
	);
	const merge = t.add(setJson(`Current ${label}`, [at[0] + 1, at[1]], `{ ...$('${base}').item.json, ...${WITHOUT_ROW_META} }`));
	t.connect(read, merge);
	return { first: read, last: merge };
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
export function recordPlannedTasks(t: Template, at: At, spec: PlannedTasks): { plan: string; steps: string; record: string } {
	const plan = t.add(csNode(`Plan ${spec.source}`, 'customerPlaybook', at, { playbook: spec.playbook, outputMode: 'perStep', options: {} }));
	const steps = t.add(
		filterNode(`Steps for people (${spec.source})`, [at[0] + 1, at[1]], t.info.id, [
			{ left: expr(spec.steps), operator: { type: 'boolean', operation: 'true', singleValue: true } },
		]),
	);
	const record = t.add(
		tableInsert(`Record ${spec.source} tasks`, [at[0] + 2, at[1] - 0.5], 'cs_tasks', {
			task_id: expr("$json.playbook.id + ':' + $json.customer_id + ':' + $json.playbook.step.order + ':' + $json.playbook.startAt"),
			customer_id: expr('String($json.customer_id)'),
			company: expr("$json.company || ''"),
			type: expr('$json.playbook.step.channel'),
			title: expr('$json.playbook.step.action.replace(/_/g, \' \')'),
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

/** A Code node (once per item) running `body` (plain JavaScript statements that return `{ json }`). */
export function perItemCode(t: Template, name: string, at: At, body: string): string {
	return t.add(code(name, at, body, 'runOnceForEachItem'));
}
