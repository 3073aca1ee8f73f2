import { DateTime } from 'luxon';
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
	type BusinessWindow,
	type ScheduledPlaybook,
} from '../../src/playbooks';
import { getPath } from '../../src/shared/path';
import { ItemParameters } from '../shared/itemParameters';
import { processItems, type ItemOutcome } from '../shared/processItems';
import { BY_ID, DEFAULT_PLAYBOOK_FIELD, FROM_FIELD, playbookProperties } from './description';

// A playbook read per item may be missing (churn.playbook is null without a signal): such items leave untouched by
// a second output, "No Playbook", instead of being dropped. A playbook chosen in the list always exists: one output.
const OUTPUTS_BY_MODE: `={{${string}}}` = `={{ ["${FROM_FIELD}", "${BY_ID}"].includes($parameter["playbook"]) ? [{ "type": "${NodeConnectionTypes.Main}", "displayName": "Playbook" }, { "type": "${NodeConnectionTypes.Main}", "displayName": "No Playbook" }] : [{ "type": "${NodeConnectionTypes.Main}" }] }}`;

const NO_PLAYBOOK_OUTPUT = 1;

interface WindowRow {
	days?: string[];
	start?: string;
	end?: string;
}

function cached<T>(cache: Map<string, T>, key: unknown, build: () => T): T {
	const cacheKey = typeof key === 'string' ? key : JSON.stringify(key ?? null);
	let value = cache.get(cacheKey);
	if (value === undefined) {
		value = build();
		cache.set(cacheKey, value);
	}
	return value;
}

/** The playbook's fields without the steps: what every per-step item repeats. */
function header(plan: ScheduledPlaybook): IDataObject {
	const rest: Partial<ScheduledPlaybook> = { ...plan };
	delete rest.steps;
	return rest as unknown as IDataObject;
}

export class CustomerPlaybook implements INodeType {
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
		outputs: OUTPUTS_BY_MODE,
		properties: playbookProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const choice = this.getNodeParameter('playbook', 0) as string;
		const perItemId = choice === FROM_FIELD || choice === BY_ID;
		const perStep = this.getNodeParameter('outputMode', 0) === 'perStep';
		const catalogs = new Map<string, PlaybookCatalog>();
		const windowSets = new Map<string, BusinessWindow[] | null>();
		const now = DateTime.now();
		const parameters = new ItemParameters(this);
		// The catalog and the windows are the same for every item unless their parameters are expressions.
		const perItemCatalog = parameters.isPerItem('options.customPlaybooks');
		const perItemWindows = parameters.isPerItem('businessHours') || parameters.isPerItem('businessHoursWindows');
		let sharedCatalog: PlaybookCatalog | undefined;
		let sharedWindows: { value: BusinessWindow[] | null } | undefined;

		const catalogOf = (itemIndex: number) => {
			const custom = parameters.get<unknown>('options.customPlaybooks', itemIndex, '');
			return cached(catalogs, custom ?? '', () => new PlaybookCatalog(parsePlaybooks(custom)));
		};
		const windowsOf = (itemIndex: number) => {
			const mode = parameters.get<string>('businessHours', itemIndex, 'none');
			const rows = mode === 'custom' ? parameters.get<WindowRow[]>('businessHoursWindows.window', itemIndex, []) : [];
			return cached(windowSets, [mode, rows], () => {
				if (mode === 'none') return null;
				if (mode === 'custom') return parseBusinessHours(rows, 'Business Hours Windows');
				return businessHoursPreset(mode as 'weekdays_9_17');
			});
		};

		return processItems(this, perItemId ? 2 : 1, (item, itemIndex) => {
			let playbookId: string | null = choice;
			let playbookField = 'Playbook';
			if (choice === FROM_FIELD) {
				const field = String(parameters.get<string>('playbookField', itemIndex, DEFAULT_PLAYBOOK_FIELD) ?? '').trim();
				playbookField = field || DEFAULT_PLAYBOOK_FIELD;
				playbookId = readPlaybookId(getPath(item.json, playbookField), playbookField);
			} else if (choice === BY_ID) {
				playbookField = 'Playbook ID';
				playbookId = readPlaybookId(parameters.get<unknown>('playbookId', itemIndex, ''), playbookField);
			}
			if (playbookId === null) return { json: item.json, output: NO_PLAYBOOK_OUTPUT };

			const catalog = perItemCatalog ? catalogOf(itemIndex) : (sharedCatalog ??= catalogOf(itemIndex));
			const businessHours = perItemWindows ? windowsOf(itemIndex) : (sharedWindows ??= { value: windowsOf(itemIndex) }).value;

			const plan = planCustomerPlaybook(item.json, {
				catalog,
				playbookId,
				playbookField,
				customerPath: parameters.get<string>('customerPath', itemIndex, ''),
				startTime: parameters.get<unknown>('options.referenceTime', itemIndex, ''),
				now,
				defaultTimeZone: parameters.defaultTimeZone(itemIndex),
				businessHours,
			});

			if (!perStep) return { json: { ...item.json, playbook: plan as unknown as IDataObject }, output: 0 };
			const base = header(plan);
			return plan.steps.map(
				(step): ItemOutcome => ({
					json: { ...item.json, playbook: { ...base, step: step as unknown as IDataObject } },
					output: 0,
				}),
			);
		});
	}
}
