import {
	expr,
	setting,
	setFields,
	sendEmail,
	renderEmail,
	tableInsert,
	tableUpdate,
	wait,
	csNode,
	filterNode,
	code,
	tableCreate,
	tableGet,
	setJson,
	type SettingValue,
} from './nodes';
import { CUSTOMERS } from './tables';
import type { Template } from './template';

/**
 * The pieces every sequence template is made of. Side effects (sending, writing a table row) are leaf branches
 * placed above the main path: n8n (execution order v1) runs the upper branch to its end first, so an email is sent
 * and logged before the sequence moves on to its next Wait.
 */

type At = [number, number];

/**
 * Keeps only the fields the customers table has and that the item carries, so an upsert never blanks a column the
 * event did not mention (a Set node would write the missing ones as empty).
 */
export function customerColumns(t: Template, name: string, at: At): string {
	const columns = JSON.stringify(CUSTOMERS.columns.map((column) => column.name));
	return t.add(
		code(
			name,
			at,
			[
				`const columns = ${columns};`,
				'const row = {};',
				'for (const column of columns) {',
				"\tif ($json[column] !== undefined && $json[column] !== null && $json[column] !== '') row[column] = $json[column];",
				'}',
				'row.customer_id = String($json.customer_id);',
				'return { json: row };',
			].join('\n'),
			'runOnceForEachItem',
		),
	);
}

/** Writes the customer into cs_customers (insert or update by customer_id), mapping the item's own fields. */
export function upsertCustomer(t: Template, name: string, at: At): string {
	return t.add({
		name,
		type: 'n8n-nodes-base.dataTable',
		typeVersion: 1,
		at,
		parameters: {
			operation: 'upsert',
			dataTableId: { __rl: true, mode: 'name', value: CUSTOMERS.name },
			matchType: 'allConditions',
			filters: { conditions: [{ keyName: 'customer_id', condition: 'eq', keyValue: expr('$json.customer_id') }] },
			columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: [], schema: [], attemptToConvertTypes: false, convertFieldsToString: false },
			options: {},
		},
	});
}

export interface Enrolment {
	/** The enrolment table's `sequence` value, e.g. "welcome". */
	sequence: string;
}

/** Adds enrolment_id and sequence to the item, with the CSM fallback from Settings. */
export function enrol(t: Template, at: At, { sequence }: Enrolment): string {
	return t.add(
		setFields(
			'Enrol',
			at,
			{
				enrolment_id: expr(`'${sequence}:' + $json.customer_id + ':' + $now.toUTC().toISO()`),
				sequence,
				csm_name: expr(`$json.csm_name || ${setting('default_csm_name')}`),
				csm_email: expr(`$json.csm_email || ${setting('default_csm_email')}`),
			},
			t.info.id,
		),
	);
}

/** Records the enrolment (step 0, active) in cs_enrolments. */
export function recordEnrolment(t: Template, name: string, at: At): string {
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
		}),
	);
}

/** Passes the items whose enrolment is still active; the others end here (their exit condition was met). */
export function stillEnrolled(t: Template, name: string, at: At): string {
	return t.add({
		name,
		type: 'n8n-nodes-base.dataTable',
		typeVersion: 1,
		at,
		parameters: {
			operation: 'rowExists',
			dataTableId: { __rl: true, mode: 'name', value: 'cs_enrolments' },
			matchType: 'allConditions',
			filters: {
				conditions: [
					{ keyName: 'enrolment_id', condition: 'eq', keyValue: expr('$json.enrolment_id') },
					{ keyName: 'status', condition: 'eq', keyValue: 'active' },
				],
			},
		},
	});
}

/** Records that a step ran (and, with `status`, that the sequence ended). */
export function logStep(t: Template, name: string, at: At, step: number, stepName: string, status?: 'completed' | 'stopped', reason?: string): string {
	const values: Record<string, SettingValue | null> = {
		step,
		step_name: stepName,
		last_step_at: expr('$now.toUTC().toISO()'),
	};
	if (status) values.status = status;
	if (reason) values.stop_reason = reason;
	return t.add(tableUpdate(name, at, 'cs_enrolments', [{ column: 'enrolment_id', value: expr("$('Enrol').item.json.enrolment_id") }], values));
}

/** Render -> (send, above) -> main path continues from the render node; returns the render node's name. */
export function emailStep(
	t: Template,
	label: string,
	at: At,
	template: string,
	extra: Record<string, string> = {},
	links: Record<string, string> = {},
): string {
	const render = t.add(renderEmail(`Render ${label}`, at, template, extra, { missingVariables: 'lenient', links }));
	const send = t.add(sendEmail(`Send ${label}`, [at[0], at[1] - 1]));
	t.connect(render, send);
	return render;
}

/** A Wait of `days` (an expression over Settings) in the Settings node's delay unit. */
export function waitFor(t: Template, name: string, at: At, amount: string): string {
	return t.add(wait(name, at, amount));
}

/**
 * Plans the playbook's steps with due times (CS Playbook) and records those for people (task, call, meeting) as tasks
 * in cs_tasks. A step with a condition (e.g. escalate_to_manager if no_improvement) is not recorded up front: the
 * template records it when its condition holds.
 */
export function planTasks(
	t: Template,
	at: At,
	playbook: string,
	source: string,
	{ priority = 'normal' }: { priority?: 'urgent' | 'high' | 'normal' } = {},
): string {
	const plan = t.add(
		csNode(`Plan ${source} tasks`, 'customerPlaybook', at, {
			playbook,
			outputMode: 'perStep',
			options: {},
		}),
	);
	const people = t.add(
		filterNode(`People steps (${source})`, [at[0] + 1, at[1]], t.info.id, [
			{
				left: expr('["task", "call", "meeting"].includes($json.playbook.step.channel) && !$json.playbook.step.condition'),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	const record = t.add(
		tableInsert(`Record ${source} tasks`, [at[0] + 2, at[1]], 'cs_tasks', {
			task_id: expr("$json.playbook.id + ':' + $json.customer_id + ':' + $json.playbook.step.order + ':' + $json.playbook.startAt"),
			customer_id: expr('String($json.customer_id)'),
			company: expr("$json.company || ''"),
			type: expr('$json.playbook.step.channel'),
			title: expr("$json.playbook.step.action.replace(/_/g, ' ')"),
			details: expr("$json.playbook.name + ' (' + $json.playbook.source + ')'"),
			owner: expr('$json.playbook.owner'),
			owner_email: expr('$json.csm_email'),
			priority,
			due_at: expr('$json.playbook.step.dueAt'),
			status: 'open',
			source: expr(`'${source}: ' + $json.playbook.step.action`),
		}),
	);
	t.chain(plan, people, record);
	return plan;
}

/**
 * Creates the data tables a template uses when they are missing (and leaves existing ones and their rows alone), once
 * per execution, before anything else runs. A race with another template creating the same table at the same moment
 * is harmless: the loser's error is ignored and the table exists.
 */
export function ensureTables(t: Template, at: At, tables: string[]): string {
	const names = tables.map((table, index) =>
		t.add({ ...tableCreate(`Table ${table}`, [at[0] + index, at[1]], table), executeOnce: true, onError: 'continueRegularOutput' }),
	);
	t.chain(...names);
	return names[0];
}

/**
 * Reads the customer's current row from cs_customers and continues with it, keeping the sequence's own fields
 * (enrolment_id, settings, the event): a condition on the customer's state then sees what other events changed
 * since the sequence started.
 */
export function freshCustomer(t: Template, label: string, at: At): { first: string; last: string } {
	const read = t.add(tableGet(`Read ${label}`, at, 'cs_customers', [{ column: 'customer_id', value: expr('String($json.customer_id)') }]));
	const merge = t.add(
		setJson(
			`Current ${label}`,
			[at[0] + 1, at[1]],
			"{ ...$('Enrol').item.json, ...Object.fromEntries(Object.entries($json).filter(([key, value]) => !['id', 'createdAt', 'updatedAt'].includes(key) && value !== null)) }",
		),
	);
	t.connect(read, merge);
	return { first: read, last: merge };
}
