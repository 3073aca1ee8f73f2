import { emailStep } from './blocks';
import { code, expr, setFields, setJson, tableGet, tableInsert, type FieldValue, type Match } from './nodes';
import { tableByName } from './tables';
import type { Template } from './template';

/**
 * Pieces of the health, intervention and expansion templates (cs-07, cs-08, cs-09) that the shared blocks do not
 * have: a "no such row" gate on any columns, an internal notice to the CSM or manager (csm_alert), a plan that
 * records only the unconditional people steps of a playbook, and a customer re-read that keeps the fields of a
 * named node.
 */

type At = [number, number];

/** Data Table rowNotExists: passes the items for which no row matches every condition (equals only, rule 3). */
export function rowNotExists(t: Template, name: string, at: At, table: string, matches: Match[]): string {
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

export interface Notice {
	/** Expression of the recipient's address (the CSM, the manager). */
	to: string;
	title: string;
	reason: string;
	/** Expression giving a list of actions. */
	actions: string;
	severity: string;
	/** Expression of the due time shown in the notice. */
	dueAt?: string;
}

/**
 * An internal notice with the csm_alert template: a Set node puts the recipient in `email` and the alert variables on
 * the item, then render and send (a leaf: the Set node replaces the customer's address only on this branch).
 * Returns the Set node (connect the branch to it).
 */
export function notice(t: Template, label: string, at: At, spec: Notice): string {
	const fields: Record<string, FieldValue> = {
		email: spec.to,
		alert_title: spec.title,
		alert_reason: spec.reason,
		alert_actions: [spec.actions, 'array'],
		alert_severity: spec.severity,
	};
	if (spec.dueAt) fields.due_at = spec.dueAt;
	// csm_alert shows the customer's own address as customer_email (email is the recipient).
	fields.customer_email = expr("typeof $json.email === 'string' ? $json.email : ''");
	const set = t.add(setFields(`To: ${label}`, at, fields, t.info.id));
	const render = emailStep(t, label, [at[0] + 1, at[1]], 'csm_alert');
	t.connect(set, render);
	return set;
}

/**
 * Records the enrolment (step 0, active) in cs_enrolments with its episode (`$json.episode`), the occurrence it
 * answers: a template that starts once per occurrence checks customer_id + sequence + episode before enrolling.
 */
export function recordEnrolmentEpisode(t: Template, name: string, at: At): string {
	return t.add(
		tableInsert(name, at, 'cs_enrolments', {
			enrolment_id: expr('$json.enrolment_id'),
			customer_id: expr('String($json.customer_id)'),
			sequence: expr('$json.sequence'),
			step: 0,
			step_name: 'enrolled',
			status: 'active',
			started_at: expr('$now.toUTC().toISO()'),
			execution_id: expr('$execution.id'),
			episode: expr('$json.episode'),
		}),
	);
}

/** The Data Table's own columns, which a row read from it carries and a customer record does not need. */
export const WITHOUT_ROW_META = "Object.fromEntries(Object.entries($json).filter(([key, value]) => !['id', 'createdAt', 'updatedAt'].includes(key) && value !== null))";

/**
 * Reads the customer's row from cs_customers and continues with it merged over the fields of `base` (a node before,
 * paired by item): the row's values win where they are set.
 */
export function readCustomerOver(t: Template, label: string, at: At, base: string): { first: string; last: string } {
	const read = t.add(tableGet(`Read ${label}`, at, 'cs_customers', [{ column: 'customer_id', value: expr('String($json.customer_id)') }]));
	const merge = t.add(setJson(`Current ${label}`, [at[0] + 1, at[1]], `{ ...$('${base}').item.json, ...${WITHOUT_ROW_META} }`));
	t.connect(read, merge);
	return { first: read, last: merge };
}

/** A Code node (once per item) that returns the object `body` builds from `$json` (plain JavaScript statements). */
export function perItem(t: Template, name: string, at: At, body: string): string {
	return t.add(code(name, at, body, 'runOnceForEachItem'));
}
