import {
	expr,
	setting,
	setFields,
	sendEmail,
	renderEmail,
	tableInsert,
	tableUpdate,
	tableUpsertItem,
	tableRowExists,
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
 * event did not mention (a Set node would write the missing ones as empty). With `node`, the fields of the item that
 * node made instead: what the event itself carried, never a fallback added on the way (e.g. the Settings CSM); `node`
 * runs once per execution with one item (a trigger's event).
 */
export function customerColumns(t: Template, name: string, at: At, node?: string): string {
	const columns = JSON.stringify(CUSTOMERS.columns.map((column) => column.name));
	const source = node ? 'source' : '$json';
	return t.add(
		code(
			name,
			at,
			[
				`const columns = ${columns};`,
				...(node ? [`const source = $('${node}').first().json;`] : []),
				'const row = {};',
				'for (const column of columns) {',
				`\tif (${source}[column] !== undefined && ${source}[column] !== null && ${source}[column] !== '') row[column] = ${source}[column];`,
				'}',
				`row.customer_id = String(${source}.customer_id);`,
				'return { json: row };',
			].join('\n'),
			'runOnceForEachItem',
		),
	);
}

/** Writes the customer into cs_customers (insert or update by customer_id), mapping the item's own fields. */
export function upsertCustomer(t: Template, name: string, at: At): string {
	return t.add(
		tableUpsertItem(name, at, CUSTOMERS.name, [
			{ column: 'customer_id', value: expr('$json.customer_id') },
		]),
	);
}

/**
 * The event as the trigger posted it (without the Settings fields), reached from `from`'s output `output`; what it
 * says about the customer is saved into cs_customers first (a leaf above). Returns the event node.
 */
export function postedEvent(t: Template, at: At, from: string, output: number): string {
	const event = t.add(setJson('Event', at, "$('Customer Success Trigger').item.json"));
	t.connect(from, event, output);
	const columns = customerColumns(t, 'Event customer fields', [at[0] + 1, at[1] - 1]);
	const save = upsertCustomer(t, 'Save event customer', [at[0] + 2, at[1] - 1]);
	t.chain(event, columns, save);
	return event;
}

export interface Enrolment {
	/** The enrolment table's `sequence` value, e.g. "welcome". */
	sequence: string;
}

/** Adds enrolment_id and sequence to the item, with the CSM fallback from Settings. */
export function enrol(t: Template, at: At, { sequence }: Enrolment): string {
	return enrolBy(
		t,
		at,
		sequence,
		expr(`'${sequence}:' + $json.customer_id + ':' + $now.toUTC().toISO()`),
	);
}

/**
 * A Set node called "Enrol" (logStep and freshCustomer read it) adding enrolment_id and sequence, either of them
 * may be an expression, with the CSM fallback from Settings.
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

/**
 * Records the enrolment (step 0, active) in cs_enrolments, with extra columns: e.g. the episode (`$json.episode`),
 * the occurrence it answers, which a template that starts once per occurrence checks before enrolling, or
 * next_step_at (`nextStepAt(...)`) when the sequence waits for its first step.
 */
export function recordEnrolment(
	t: Template,
	name: string,
	at: At,
	extra: Record<string, string> = {},
): string {
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

/** Passes the items whose enrolment is still active; the others end here (their exit condition was met). */
export function stillEnrolled(t: Template, name: string, at: At): string {
	return t.add(
		tableRowExists(name, at, 'cs_enrolments', [
			{ column: 'enrolment_id', value: expr('$json.enrolment_id') },
			{ column: 'status', value: 'active' },
		]),
	);
}

/**
 * What a logged step says about the sequence: it ended (`completed` or `stopped`: next_step_at is cleared), or it
 * waits for its next step, due after `next` (the amount of the Wait that follows, an expression in the Settings
 * node's `delay_unit`): next_step_at is set to that time. Without it, next_step_at is left as it is.
 */
export type StepOutcome = 'completed' | 'stopped' | { next: string };

/**
 * cs_enrolments.next_step_at of a step followed by a Wait of `amount` (the Wait's own expression, in the Settings
 * node's `delay_unit`): now plus that delay, as the Wait computes it.
 */
export function nextStepAt(amount: string): string {
	return expr(`$now.plus({ [${setting('delay_unit')}]: Number(${amount}) }).toUTC().toISO()`);
}

/** next_step_at of an enrolment that ended: empty. */
export const NO_NEXT_STEP = null;

/** Records a step of the enrolment made by the node "Enrol" (and, with `outcome`, what comes next). */
export function logStep(
	t: Template,
	name: string,
	at: At,
	step: number,
	stepName: string,
	outcome?: StepOutcome,
	reason?: string,
): string {
	return logEnrolmentStep(
		t,
		expr("$('Enrol').item.json.enrolment_id"),
		name,
		at,
		step,
		stepName,
		outcome,
		reason,
	);
}

/**
 * Records a step of the enrolment `enrolmentId` (an expression) names, e.g. the item's own `$json.enrolment_id` for a
 * step reached from two paths (and, with `outcome`, that the sequence ended or when its next step is due).
 */
export function logEnrolmentStep(
	t: Template,
	enrolmentId: string,
	name: string,
	at: At,
	step: number,
	stepName: string,
	outcome?: StepOutcome,
	reason?: string,
): string {
	const values: Record<string, SettingValue | null> = {
		step,
		step_name: stepName,
		last_step_at: expr('$now.toUTC().toISO()'),
	};
	if (typeof outcome === 'string') {
		values.status = outcome;
		values.next_step_at = NO_NEXT_STEP;
	} else if (outcome) {
		values.next_step_at = nextStepAt(outcome.next);
	}
	if (reason) values.stop_reason = reason;
	return t.add(
		tableUpdate(
			name,
			at,
			'cs_enrolments',
			[{ column: 'enrolment_id', value: enrolmentId }],
			values,
		),
	);
}

/**
 * Marks the customer's active enrolments in `sequence` stopped with `reason` (an expression or a text), so the next
 * gate of that sequence ends it. A leaf: it replaces the items with the rows it updated.
 */
export function stopSequence(
	t: Template,
	name: string,
	at: At,
	sequence: string,
	reason: string,
): string {
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
			{
				status: 'stopped',
				stop_reason: reason,
				last_step_at: expr('$now.toUTC().toISO()'),
				next_step_at: NO_NEXT_STEP,
			},
		),
	);
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
	const render = t.add(
		renderEmail(`Render ${label}`, at, template, extra, { missingVariables: 'lenient', links }),
	);
	const send = t.add(sendEmail(`Send ${label}`, [at[0], at[1] - 1]));
	t.connect(render, send);
	return render;
}

/** A Wait of `days` (an expression over Settings) in the Settings node's delay unit. */
export function waitFor(t: Template, name: string, at: At, amount: string): string {
	return t.add(wait(name, at, amount));
}

export interface TaskSpec {
	/** An expression of the task_id; by default the source, the customer and the time the step runs. */
	id?: string;
	/** call, meeting, in_app, task, alert, ... */
	type: string;
	title: string;
	/** An expression or text: why, and what to prepare. */
	details: string;
	owner: string;
	/** An expression of the owner's address. */
	ownerEmail: string;
	/** urgent, high or normal, or an expression giving one. */
	priority: string;
	/** An expression of the due time; now when omitted. */
	dueAt?: string;
	/** The template and step, e.g. "reengagement: day 14 call". */
	source: string;
}

/** A task for a person in cs_tasks, due when the step runs (or at `dueAt`). */
export function recordTask(t: Template, name: string, at: At, spec: TaskSpec): string {
	return t.add(
		tableInsert(name, at, 'cs_tasks', {
			task_id:
				spec.id ?? expr(`'${spec.source}:' + $json.customer_id + ':' + $now.toUTC().toISO()`),
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
				left: expr(
					'["task", "call", "meeting"].includes($json.playbook.step.channel) && !$json.playbook.step.condition',
				),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	const record = t.add(
		tableInsert(`Record ${source} tasks`, [at[0] + 2, at[1]], 'cs_tasks', {
			task_id: expr(
				"$json.playbook.id + ':' + $json.customer_id + ':' + $json.playbook.step.order + ':' + $json.playbook.startAt",
			),
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
		t.add({
			...tableCreate(`Table ${table}`, [at[0] + index, at[1]], table),
			executeOnce: true,
			onError: 'continueRegularOutput',
		}),
	);
	t.chain(...names);
	return names[0];
}

/** The Data Table's own columns, which a row read from it carries and a customer record does not need. */
export const WITHOUT_ROW_META =
	"Object.fromEntries(Object.entries($json).filter(([key, value]) => !['id', 'createdAt', 'updatedAt'].includes(key) && value !== null))";

/**
 * Reads the customer's current row from cs_customers and continues with it, keeping the sequence's own fields
 * (enrolment_id, settings, the event): a condition on the customer's state then sees what other events changed
 * since the sequence started.
 */
export function freshCustomer(t: Template, label: string, at: At): { first: string; last: string } {
	return readCustomerOver(t, label, at, 'Enrol');
}

/**
 * Reads the customer's row from cs_customers and continues with it merged over the fields of `base` (a node before,
 * paired by item): the row's values win where they are set. With `alwaysOutputData`, a customer without a row
 * continues with the fields of `base`; without it, such a customer ends here.
 */
export function readCustomerOver(
	t: Template,
	label: string,
	at: At,
	base: string,
	{ alwaysOutputData = false } = {},
): { first: string; last: string } {
	const read = t.add(
		tableGet(
			`Read ${label}`,
			at,
			'cs_customers',
			[{ column: 'customer_id', value: expr('String($json.customer_id)') }],
			{ alwaysOutputData },
		),
	);
	const merge = t.add(
		setJson(
			`Current ${label}`,
			[at[0] + 1, at[1]],
			`{ ...$('${base}').item.json, ...${WITHOUT_ROW_META} }`,
		),
	);
	t.connect(read, merge);
	return { first: read, last: merge };
}

/** A Code node (once per item) running `body` (plain JavaScript statements that return `{ json }`). */
export function perItem(t: Template, name: string, at: At, body: string): string {
	return t.add(code(name, at, body, 'runOnceForEachItem'));
}
