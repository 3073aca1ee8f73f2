import { emailStep } from './blocks';
import { setFields, type FieldValue } from './nodes';
import type { Template } from './template';

/**
 * An internal alert: an email to someone on the team (the CSM, the manager, the executive) with the built-in template
 * csm_alert, as a leaf. Each template family puts the recipient and the customer's address on the item in its own way
 * (blocks-health, blocks-nps, blocks-reengagement, blocks-renewal); what the alert says and how it is sent is here.
 */

type At = [number, number];

export interface InternalAlert {
	/** Expression of the recipient's address (the CSM, the manager, the executive, the CS team). */
	to: string;
	title: string;
	reason: string;
	/** Expression giving the list of actions. */
	actions: string;
	severity: string;
	/** Expression of the due time shown in the alert. */
	dueAt: string;
}

/** The csm_alert variables of `alert`, as Set node fields. */
export function alertVariables(alert: InternalAlert): Record<string, FieldValue> {
	return {
		alert_title: alert.title,
		alert_reason: alert.reason,
		alert_actions: [alert.actions, 'array'],
		alert_severity: alert.severity,
		due_at: alert.dueAt,
	};
}

/**
 * The Set node `setName` puts `fields` on the item (the recipient in `email`: on this branch only, hence a leaf), then
 * csm_alert is rendered and sent. Returns the Set node (connect the branch to it) and the render node.
 */
export function alertLeaf(
	t: Template,
	setName: string,
	label: string,
	at: At,
	fields: Record<string, FieldValue>,
): { set: string; render: string } {
	const set = t.add(setFields(setName, at, fields, t.info.id));
	const render = emailStep(t, label, [at[0] + 1, at[1]], 'csm_alert');
	t.connect(set, render);
	return { set, render };
}
