import { emailStep } from './blocks';
import { code, expr, setFields, tableUpdate, type FieldValue, type Match } from './nodes';
import { CUSTOMERS, tableByName } from './tables';
import type { Template } from './template';
import type { SettingValue } from './nodes';

/**
 * Pieces of the NPS template (cs-04) that the shared blocks do not have. The NPS template runs three sequences in one
 * workflow (nps_survey, nps_detractor, nps_promoter), so each has its own enrolment node, and the step log names it
 * (the shared `enrol` / `logStep` use one node called "Enrol").
 */

type At = [number, number];

/** A Set node adding enrolment_id and sequence (as the shared `enrol`), under its own name. */
export function enrolAs(t: Template, name: string, at: At, sequence: string): string {
	return t.add(
		setFields(
			name,
			at,
			{
				enrolment_id: expr(`'${sequence}:' + $json.customer_id + ':' + $now.toUTC().toISO()`),
				sequence,
			},
			t.info.id,
		),
	);
}

/** Records a step of the enrolment made by the node `enrolNode` (and, with `status`, that the sequence ended). */
export function logStepOf(
	t: Template,
	enrolNode: string,
	name: string,
	at: At,
	step: number,
	stepName: string,
	status?: 'completed' | 'stopped',
	reason?: string,
): string {
	const values: Record<string, SettingValue | null> = {
		step,
		step_name: stepName,
		last_step_at: expr('$now.toUTC().toISO()'),
	};
	if (status) values.status = status;
	if (reason) values.stop_reason = reason;
	return t.add(tableUpdate(name, at, 'cs_enrolments', [{ column: 'enrolment_id', value: expr(`$('${enrolNode}').item.json.enrolment_id`) }], values));
}

/** Data Table rowNotExists: passes the items for which no row matches every condition (equals only, rule 3). */
export function noRowLike(t: Template, name: string, at: At, table: string, matches: Match[]): string {
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

export interface Alert {
	/** Expression of the recipient's address (the CSM, the manager, the CS team). */
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
 * An internal alert (built-in template csm_alert) as a leaf: a Set node puts the recipient in `email` (on this branch
 * only) and the alert variables on the item, then render and send. Returns the Set node.
 */
export function alertStep(t: Template, label: string, at: At, alert: Alert): string {
	const fields: Record<string, FieldValue> = {
		email: alert.to,
		customer_email: expr("$json.email && typeof $json.email === 'object' ? $json.email.to : $json.email"),
		alert_title: alert.title,
		alert_reason: alert.reason,
		alert_actions: [alert.actions, 'array'],
		alert_severity: alert.severity,
		due_at: alert.dueAt,
	};
	const set = t.add(setFields(`Prepare ${label}`, at, fields, t.info.id));
	const render = emailStep(t, label, [at[0] + 1, at[1]], 'csm_alert');
	t.connect(set, render);
	return set;
}

/**
 * The customer columns of the item `node` made (as the shared `customerColumns`, which reads the current item): the
 * fields the event itself carried, so an upsert writes what the event said and never a fallback added on the way
 * (e.g. the Settings CSM). `node` runs once per execution with one item (a trigger's event).
 */
export function customerColumnsOf(t: Template, name: string, at: At, node: string): string {
	const columns = JSON.stringify(CUSTOMERS.columns.map((column) => column.name));
	return t.add(
		code(
			name,
			at,
			[
				`const columns = ${columns};`,
				`const source = $('${node}').first().json;`,
				'const row = {};',
				'for (const column of columns) {',
				"\tif (source[column] !== undefined && source[column] !== null && source[column] !== '') row[column] = source[column];",
				'}',
				'row.customer_id = String(source.customer_id);',
				'return { json: row };',
			].join('\n'),
			'runOnceForEachItem',
		),
	);
}
