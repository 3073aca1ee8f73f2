import { logEnrolmentStep, type StepOutcome } from './blocks';
import { alertLeaf, alertVariables, type InternalAlert } from './blocks-alert';
import { expr, setFields } from './nodes';
import type { Template } from './template';

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

/** Records a step of the enrolment made by the node `enrolNode` (and, with `outcome`, what comes next). */
export function logStepOf(
	t: Template,
	enrolNode: string,
	name: string,
	at: At,
	step: number,
	stepName: string,
	outcome?: StepOutcome,
	reason?: string,
): string {
	return logEnrolmentStep(
		t,
		expr(`$('${enrolNode}').item.json.enrolment_id`),
		name,
		at,
		step,
		stepName,
		outcome,
		reason,
	);
}

/**
 * An internal alert (built-in template csm_alert) as a leaf: a Set node puts the recipient in `email` (on this branch
 * only) and the alert variables on the item, then render and send. Returns the Set node.
 */
export function alertStep(t: Template, label: string, at: At, alert: InternalAlert): string {
	return alertLeaf(t, `Prepare ${label}`, label, at, {
		email: alert.to,
		customer_email: expr(
			"$json.email && typeof $json.email === 'object' ? $json.email.to : $json.email",
		),
		...alertVariables(alert),
	}).set;
}
