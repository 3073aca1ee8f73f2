import { CustomerInputError } from '../customer/locate';
import { describeType } from '../customer/record';
import { closestChoice, listChoices, previewValue } from '../shared/preview';
import { BUILT_IN_PLAYBOOKS } from './builtins';
import type { Playbook } from './model';

/** " Did you mean …?" for a near miss such as a mistyped day count, else nothing. */
function didYouMean(id: string, ids: readonly string[]): string {
	const closest = closestChoice(id, ids);
	return closest === undefined ? '' : ` Did you mean "${closest}"?`;
}

/**
 * The playbooks a node can run: the built-ins plus custom ones. A custom playbook with a built-in id replaces it, so
 * a team can adapt, say, `save.no_login_7_days` and still receive it from Churn Signals' `churn.playbook`.
 */
export class PlaybookCatalog {
	private readonly byId = new Map<string, Playbook>();

	constructor(custom: readonly Playbook[] = []) {
		for (const playbook of [...BUILT_IN_PLAYBOOKS, ...custom]) this.byId.set(playbook.id, playbook);
	}

	get ids(): string[] {
		return [...this.byId.keys()];
	}

	/** The playbook with `id`; an unknown id throws naming it, where it came from, and every valid id. */
	get(id: string, field = 'playbook'): Playbook {
		const playbook = this.byId.get(id);
		if (!playbook) {
			throw new CustomerInputError(
				`Unknown playbook ${previewValue(id)} (from ${field}).${didYouMean(id, this.ids)} Valid ids: ${listChoices(this.ids)}`,
				field,
			);
		}
		return playbook;
	}
}

/**
 * Reads a playbook id: a non-empty string (trimmed), or null for "no playbook" (null, undefined or an empty
 * string, e.g. `churn.playbook` of a customer with no signal). Anything else throws naming the field.
 */
export function readPlaybookId(value: unknown, field: string): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
	throw new CustomerInputError(
		`${field}: must be a playbook id such as "save.no_login_7_days" (got ${describeType(value)})`,
		field,
	);
}
