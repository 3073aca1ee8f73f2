import { enrolBy, NO_NEXT_STEP } from './blocks';
import { alertLeaf, alertVariables, type InternalAlert } from './blocks-alert';
import { executeThisWorkflow, expr, loopOverItems, tableUpdate, type Match } from './nodes';
import type { Template } from './template';

/**
 * Pieces of the re-engagement (cs-02) and win-back (cs-05) templates that the shared blocks do not have: an "Enrol"
 * node whose sequence may be an expression, stopping enrolments, an internal notice (csm_alert), and a hand-off that
 * starts one execution per customer.
 */

type At = [number, number];

/**
 * The node "Enrol" (the shared enrolBy, with the CSM fallback from Settings) for a sequence given as a name
 * ("winback") or as `{ code }`, JavaScript giving it per item (`$json.sequence`).
 */
export function enrolCustomer(t: Template, at: At, sequence: string | { code: string }): string {
	const code = typeof sequence === 'string' ? `'${sequence}'` : sequence.code;
	return enrolBy(
		t,
		at,
		typeof sequence === 'string' ? sequence : expr(code),
		expr(`${code} + ':' + $json.customer_id + ':' + $now.toUTC().toISO()`),
	);
}

/**
 * Marks the customer's active enrolments stopped with `reason`: of one sequence, or (sequence omitted) of every
 * sequence. The gate before each step of those sequences then ends them.
 */
export function stopEnrolments(
	t: Template,
	name: string,
	at: At,
	reason: string,
	sequence?: string,
): string {
	const matches: Match[] = [{ column: 'customer_id', value: expr('String($json.customer_id)') }];
	if (sequence) matches.push({ column: 'sequence', value: sequence });
	matches.push({ column: 'status', value: 'active' });
	return t.add(
		tableUpdate(name, at, 'cs_enrolments', matches, {
			status: 'stopped',
			stop_reason: reason,
			next_step_at: NO_NEXT_STEP,
		}),
	);
}

/**
 * An internal notice with the csm_alert template: a Set node puts the recipient in `email` (the customer's address
 * moves to `customer_email`) and the alert variables on the item (on this branch only), then render and send.
 * Returns [the Set node, the render node].
 */
export function noticeTo(
	t: Template,
	label: string,
	at: At,
	alert: InternalAlert,
): [string, string] {
	const { set, render } = alertLeaf(t, `To: ${label}`, label, at, {
		email: alert.to,
		customer_email: expr('$json.email'),
		...alertVariables(alert),
	});
	return [set, render];
}

/**
 * Starts this workflow once per item (its Execute Workflow Trigger), without waiting: each customer's sequence runs
 * in its own execution, so one customer's Wait nodes never hold up another's, and a failure stays with its customer.
 * Returns the loop node (connect the items to it).
 */
export function oneExecutionPerItem(
	t: Template,
	loopName: string,
	startName: string,
	doneName: string,
	at: At,
): string {
	const loop = t.add(loopOverItems(loopName, at));
	const start = t.add(executeThisWorkflow(startName, [at[0] + 1, at[1] + 1]));
	const done = t.add({
		name: doneName,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		at: [at[0] + 1, at[1] - 1],
		parameters: {},
	});
	t.connect(loop, done, 0).connect(loop, start, 1).connect(start, loop);
	return loop;
}
