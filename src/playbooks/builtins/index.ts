import { parsePlaybook, type Playbook } from '../model';
import { CS_WORKFLOW_PLAYBOOKS } from './workflows';
import { SAVE_PLAYBOOKS } from './save';
import { INTERVENTION_WINBACK_PLAYBOOKS } from './interventionAndWinback';

export { CS_WORKFLOW_PLAYBOOKS, SAVE_PLAYBOOKS, INTERVENTION_WINBACK_PLAYBOOKS };

/** Every built-in playbook, validated by the same schema as custom ones (a typo here fails at load time). */
export const BUILT_IN_PLAYBOOKS: readonly Playbook[] = [
	...SAVE_PLAYBOOKS,
	...CS_WORKFLOW_PLAYBOOKS,
	...INTERVENTION_WINBACK_PLAYBOOKS,
].map((definition) =>
	parsePlaybook(definition, `Built-in playbook "${definition.id}"`, definition.source),
);

export const BUILT_IN_PLAYBOOK_IDS: readonly string[] = BUILT_IN_PLAYBOOKS.map(
	(playbook) => playbook.id,
);
