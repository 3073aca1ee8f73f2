export * from './timing';
export * from './model';
export * from './businessHours';
export * from './schedule';
export * from './catalog';
export * from './plan';
export {
	BUILT_IN_PLAYBOOKS,
	BUILT_IN_PLAYBOOK_IDS,
	CS_WORKFLOW_PLAYBOOKS,
	SAVE_PLAYBOOKS,
	INTERVENTION_WINBACK_PLAYBOOKS,
} from './builtins';
