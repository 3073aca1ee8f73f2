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
	evaluateLifecycle,
	LIFECYCLE_STAGES,
	TENURE_STAGES,
	type LifecycleMode,
	type LifecycleStage,
	type OnboardingCompletionScale,
} from '../../src/lifecycle';
import { ItemParameters } from '../shared/itemParameters';
import { processItems } from '../shared/processItems';
import { lifecycleStageProperties, TENURE_OUTPUT_NAMES, TRANSITION_OUTPUT_NAMES } from './description';

const outputList = (names: readonly string[]) =>
	`[${names.map((displayName) => `{ "type": "${NodeConnectionTypes.Main}", "displayName": "${displayName}" }`).join(', ')}]`;

// One output, or one per stage of the chosen mode (nine for seed 002, four for seed 004's tenure stages).
const OUTPUTS_BY_MODE: `={{${string}}}` = `={{ $parameter["outputMode"] === "byStage" ? ($parameter["mode"] === "tenure" ? ${outputList(
	TENURE_OUTPUT_NAMES,
)} : ${outputList(TRANSITION_OUTPUT_NAMES)}) : [{ "type": "${NodeConnectionTypes.Main}" }] }}`;

export class CustomerLifecycleStage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lifecycle Stage',
		name: 'customerLifecycleStage',
		icon: { light: 'file:customerLifecycleStage.svg', dark: 'file:customerLifecycleStage.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["mode"] === "tenure" ? "Tenure stages" : "Stage transitions" }}',
		description:
			'Move each customer to its next lifecycle stage (trial, onboarding, adopting, … at risk, churned) or place it by tenure, with the reason and the workflows the new stage triggers',
		defaults: { name: 'Lifecycle Stage' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS_BY_MODE,
		properties: lifecycleStageProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const mode = this.getNodeParameter('mode', 0) as LifecycleMode;
		const byStage = this.getNodeParameter('outputMode', 0) === 'byStage';
		const stages: readonly string[] = mode === 'tenure' ? TENURE_STAGES : LIFECYCLE_STAGES;
		const now = DateTime.now();
		const parameters = new ItemParameters(this);

		return processItems(this, byStage ? stages.length : 1, (item, itemIndex) => {
			const zone = parameters.defaultTimeZone(itemIndex);
			const lifecycle = evaluateLifecycle(item.json, {
				mode,
				customerPath: parameters.get<string>('customerPath', itemIndex, ''),
				stageField: parameters.get<string>('stageField', itemIndex, ''),
				defaultStage: parameters.get<LifecycleStage | ''>('options.defaultStage', itemIndex, '') || undefined,
				onboardingCompletionScale: parameters.get<OnboardingCompletionScale | null>('options.onboardingCompletionScale', itemIndex, 'percent') ?? 'percent',
				reference: parameters.referenceInstant(itemIndex, now, zone),
				defaultTimeZone: zone,
			});
			return {
				json: { ...item.json, lifecycle: lifecycle as unknown as IDataObject },
				output: byStage ? stages.indexOf(lifecycle.stage) : 0,
			};
		});
	}
}
