import { emailStep } from './blocks';
import {
	executeThisWorkflow,
	expr,
	loopOverItems,
	setFields,
	setting,
	tableInsert,
	tableUpdate,
	type FieldValue,
	type Match,
} from './nodes';
import { tableByName } from './tables';
import type { Template } from './template';

/**
 * Pieces of the re-engagement (cs-02) and win-back (cs-05) templates that the shared blocks do not have: an "Enrol"
 * node whose sequence may be an expression and whose CSM fallback comes from Settings fields that are not customer
 * columns, an enrolment row with its episode, "no such row" gates, stopping enrolments, tasks written directly into
 * cs_tasks, an internal notice (csm_alert), and a hand-off that starts one execution per customer.
 */

type At = [number, number];

/** Data Table rowNotExists: passes the items for which no row matches every condition (equals only, rule 3). */
export function noSuchRow(t: Template, name: string, at: At, table: string, matches: Match[]): string {
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

export interface EnrolSpec {
	/** The sequence: a name ("winback"), or `{ code }`, JavaScript giving it per item (`$json.sequence`). */
	sequence: string | { code: string };
	/** Settings fields with the CSM to use when the customer row names none. */
	csmNameSetting: string;
	csmEmailSetting: string;
}

/**
 * The node "Enrol" (the shared logStep and freshCustomer read it): enrolment_id, sequence and the customer's CSM,
 * falling back to Settings fields named so that they never overwrite a customer column on the item.
 */
export function enrolCustomer(t: Template, at: At, spec: EnrolSpec): string {
	const sequence = typeof spec.sequence === 'string' ? `'${spec.sequence}'` : spec.sequence.code;
	return t.add(
		setFields(
			'Enrol',
			at,
			{
				enrolment_id: expr(`${sequence} + ':' + $json.customer_id + ':' + $now.toUTC().toISO()`),
				sequence: typeof spec.sequence === 'string' ? spec.sequence : expr(spec.sequence.code),
				csm_name: expr(`$json.csm_name || ${setting(spec.csmNameSetting)}`),
				csm_email: expr(`$json.csm_email || ${setting(spec.csmEmailSetting)}`),
			},
			t.info.id,
		),
	);
}

/** Records the enrolment (step 0, active) in cs_enrolments, with extra columns (e.g. the episode). */
export function recordEnrolmentRow(t: Template, name: string, at: At, extra: Record<string, string> = {}): string {
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
			...extra,
		}),
	);
}

/**
 * Marks the customer's active enrolments stopped with `reason`: of one sequence, or (sequence omitted) of every
 * sequence. The gate before each step of those sequences then ends them.
 */
export function stopEnrolments(t: Template, name: string, at: At, reason: string, sequence?: string): string {
	const matches: Match[] = [{ column: 'customer_id', value: expr('String($json.customer_id)') }];
	if (sequence) matches.push({ column: 'sequence', value: sequence });
	matches.push({ column: 'status', value: 'active' });
	return t.add(tableUpdate(name, at, 'cs_enrolments', matches, { status: 'stopped', stop_reason: reason }));
}

export interface TaskSpec {
	/** call, meeting, in_app, task, ... */
	type: string;
	title: string;
	/** An expression or text: why, and what to prepare. */
	details: string;
	owner: string;
	/** An expression of the owner's address. */
	ownerEmail: string;
	priority: 'urgent' | 'high' | 'normal';
	/** The template and step, e.g. "reengagement: day 14 call" (also part of task_id). */
	source: string;
	/** An expression of the due time; now when omitted. */
	dueAt?: string;
}

/** A task for a person in cs_tasks, due when the step runs (or at `dueAt`). */
export function recordTask(t: Template, name: string, at: At, spec: TaskSpec): string {
	return t.add(
		tableInsert(name, at, 'cs_tasks', {
			task_id: expr(`'${spec.source}:' + $json.customer_id + ':' + $now.toUTC().toISO()`),
			customer_id: expr('String($json.customer_id)'),
			company: expr("$json.company || ''"),
			type: spec.type,
			title: spec.title,
			details: spec.details,
			owner: spec.owner,
			owner_email: spec.ownerEmail,
			priority: spec.priority,
			due_at: spec.dueAt ?? expr('$now.toUTC().toISO()'),
			status: 'open',
			source: spec.source,
		}),
	);
}

export interface Notice {
	/** Expression of the recipient's address (the CSM). */
	to: string;
	title: string;
	reason: string;
	/** Expression giving a list of actions. */
	actions: string;
	severity: string;
	/** Expression of the due time shown in the notice. */
	dueAt: string;
}

/**
 * An internal notice with the csm_alert template: a Set node puts the recipient in `email` (the customer's address
 * moves to `customer_email`) and the alert variables on the item (on this branch only), then render and send. Returns [the Set node, the render node].
 */
export function noticeTo(t: Template, label: string, at: At, spec: Notice): [string, string] {
	const fields: Record<string, FieldValue> = {
		email: spec.to,
		customer_email: expr('$json.email'),
		alert_title: spec.title,
		alert_reason: spec.reason,
		alert_actions: [spec.actions, 'array'],
		alert_severity: spec.severity,
		due_at: spec.dueAt,
	};
	const set = t.add(setFields(`To: ${label}`, at, fields, t.info.id));
	const render = emailStep(t, label, [at[0] + 1, at[1]], 'csm_alert');
	t.connect(set, render);
	return [set, render];
}

/**
 * Starts this workflow once per item (its Execute Workflow Trigger), without waiting: each customer's sequence runs
 * in its own execution, so one customer's Wait nodes never hold up another's, and a failure stays with its customer.
 * Returns the loop node (connect the items to it).
 */
export function oneExecutionPerItem(t: Template, loopName: string, startName: string, doneName: string, at: At): string {
	const loop = t.add(loopOverItems(loopName, at));
	const start = t.add(executeThisWorkflow(startName, [at[0] + 1, at[1] + 1]));
	const done = t.add({ name: doneName, type: 'n8n-nodes-base.noOp', typeVersion: 1, at: [at[0] + 1, at[1] - 1], parameters: {} });
	t.connect(loop, done, 0).connect(loop, start, 1).connect(start, loop);
	return loop;
}
