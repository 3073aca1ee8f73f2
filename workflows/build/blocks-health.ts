import { alertLeaf, alertVariables, type InternalAlert } from './blocks-alert';
import { expr } from './nodes';
import type { Template } from './template';

/**
 * Pieces of the health, intervention and expansion templates (cs-07, cs-08, cs-09) that the shared blocks do not
 * have: their internal notice to the CSM or manager (csm_alert).
 */

type At = [number, number];

/**
 * An internal notice with the csm_alert template: a Set node puts the recipient in `email` and the alert variables on
 * the item, then render and send (a leaf: the Set node replaces the customer's address only on this branch).
 * Returns the Set node (connect the branch to it).
 */
export function notice(t: Template, label: string, at: At, alert: InternalAlert): string {
	return alertLeaf(t, `To: ${label}`, label, at, {
		email: alert.to,
		...alertVariables(alert),
		// csm_alert shows the customer's own address as customer_email (email is the recipient).
		customer_email: expr("typeof $json.email === 'string' ? $json.email : ''"),
	}).set;
}
