import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import {
	businessHoursPreset,
	parseBusinessHours,
	parsePlaybooks,
	planCustomerPlaybook,
	PlaybookCatalog,
	readPlaybookId,
	type ScheduledPlaybook,
} from '../../src/playbooks';
import { getPath } from '../../src/shared/path';
import { defineNode, eachItem, type ItemResult, type ItemScope } from '../shared/adapter';
import {
	BY_ID,
	DEFAULT_PLAYBOOK_FIELD,
	FROM_FIELD,
	PLAYBOOK_ROUTES,
	playbookProperties,
} from './description';

interface WindowRow {
	days?: string[];
	start?: string;
	end?: string;
}

/** The playbook's fields without the steps: what every per-step item repeats. */
function header(plan: ScheduledPlaybook): IDataObject {
	const rest: Partial<ScheduledPlaybook> = { ...plan };
	delete rest.steps;
	return rest as unknown as IDataObject;
}

/** The playbook id of an item and the field it came from (for errors); null when a per-item field holds none. */
function playbookIdOf(
	choice: string,
	item: INodeExecutionData,
	scope: ItemScope,
): { id: string | null; field: string } {
	if (choice === FROM_FIELD) {
		const field =
			String(scope.get<string>('playbookField', DEFAULT_PLAYBOOK_FIELD) ?? '').trim() ||
			DEFAULT_PLAYBOOK_FIELD;
		return { id: readPlaybookId(getPath(item.json, field), field), field };
	}
	if (choice === BY_ID)
		return {
			id: readPlaybookId(scope.get<unknown>('playbookId', ''), 'Playbook ID'),
			field: 'Playbook ID',
		};
	return { id: choice, field: 'Playbook' };
}

const NODE = defineNode({
	// A playbook read per item may be missing: such items leave untouched by No Playbook instead of being dropped.
	// A playbook chosen in the list always exists: one output.
	outputs: [{ when: { playbook: [FROM_FIELD, BY_ID] }, routes: PLAYBOOK_ROUTES }],
	pipeline(run) {
		const choice = run.choice('playbook', FROM_FIELD);
		const perStep = run.choice('outputMode', 'perStep') === 'perStep';
		const catalogOf = run.derived({
			parameters: ['options.customPlaybooks'],
			read: (scope) => scope.get<unknown>('options.customPlaybooks', '') ?? '',
			build: (custom) => new PlaybookCatalog(parsePlaybooks(custom)),
		});
		const windowsOf = run.derived({
			parameters: ['businessHours', 'businessHoursWindows'],
			read(scope) {
				const mode = scope.get<string>('businessHours', 'none');
				return {
					mode,
					rows: mode === 'custom' ? scope.get<WindowRow[]>('businessHoursWindows.window', []) : [],
				};
			},
			build({ mode, rows }) {
				if (mode === 'none') return null;
				if (mode === 'custom') return parseBusinessHours(rows, 'Business Hours Windows');
				return businessHoursPreset(mode as 'weekdays_9_17');
			},
		});

		return eachItem((item, scope) => {
			const { id: playbookId, field: playbookField } = playbookIdOf(choice, item, scope);
			if (playbookId === null) return { json: item.json, route: 'noPlaybook' };

			const plan = planCustomerPlaybook(item.json, {
				catalog: catalogOf(scope),
				playbookId,
				playbookField,
				customerPath: scope.customerPath,
				startTime: scope.get<unknown>('options.referenceTime', ''),
				now: run.now,
				defaultTimeZone: scope.zone,
				businessHours: windowsOf(scope),
			});
			if (!perStep)
				return {
					json: { ...item.json, playbook: plan as unknown as IDataObject },
					route: 'playbook',
				};
			const base = header(plan);
			return plan.steps.map(
				(step): ItemResult => ({
					json: { ...item.json, playbook: { ...base, step: step as unknown as IDataObject } },
					route: 'playbook',
				}),
			);
		});
	},
});

export class CustomerPlaybook implements INodeType {
	/** The adapter this node is built on: its output modes and routes, and what it does per execution. */
	static readonly adapter = NODE;

	description: INodeTypeDescription = {
		displayName: 'CS Playbook',
		name: 'customerPlaybook',
		icon: { light: 'file:customerPlaybook.svg', dark: 'file:customerPlaybook.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["playbook"] === "fromField" ? "From " + $parameter["playbookField"] : $parameter["playbook"] === "byId" ? "By ID" : $parameter["playbook"] }}',
		description:
			'Turn a churn signal or CS trigger into the ordered steps of its playbook, each with channel, template, owner and a due time in the customer’s time zone',
		defaults: { name: 'CS Playbook' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: NODE.outputs,
		properties: playbookProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await NODE.execute(this);
	}
}
