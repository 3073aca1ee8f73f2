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
	type LifecycleMode,
	type LifecycleStage,
	type OnboardingCompletionScale,
} from '../../src/lifecycle';
import { defineNode, eachItem } from '../shared/adapter';
import { lifecycleStageProperties, TENURE_ROUTES, TRANSITION_ROUTES } from './description';

const NODE = defineNode({
	// One output, or one per stage of the chosen mode (nine for docs/sources.md#lifecycle-transitions, four for the support strategy's tenure stages).
	outputs: [
		{ when: { outputMode: 'byStage', mode: 'tenure' }, routes: TENURE_ROUTES },
		{ when: { outputMode: 'byStage' }, routes: TRANSITION_ROUTES },
	],
	pipeline(run) {
		const mode = run.choice<LifecycleMode>('mode', 'transitions');
		return eachItem((item, scope) => {
			const lifecycle = evaluateLifecycle(item.json, {
				mode,
				customerPath: scope.customerPath,
				stageField: scope.get<string>('stageField', ''),
				defaultStage: scope.get<LifecycleStage | ''>('options.defaultStage', '') || undefined,
				onboardingCompletionScale:
					scope.get<OnboardingCompletionScale | null>(
						'options.onboardingCompletionScale',
						'percent',
					) ?? 'percent',
				reference: scope.reference,
				defaultTimeZone: scope.zone,
			});
			return {
				json: { ...item.json, lifecycle: lifecycle as unknown as IDataObject },
				route: lifecycle.stage,
			};
		});
	},
});

export class CustomerLifecycleStage implements INodeType {
	/** The adapter this node is built on: its output modes and routes, and what it does per execution. */
	static readonly adapter = NODE;

	description: INodeTypeDescription = {
		displayName: 'Lifecycle Stage',
		name: 'customerLifecycleStage',
		icon: {
			light: 'file:customerLifecycleStage.svg',
			dark: 'file:customerLifecycleStage.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["mode"] === "tenure" ? "Tenure stages" : "Stage transitions" }}',
		description:
			'Move each customer to its next lifecycle stage (trial, onboarding, adopting, … at risk, churned) or place it by tenure, with the reason and the workflows the new stage triggers',
		defaults: { name: 'Lifecycle Stage' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: NODE.outputs,
		properties: lifecycleStageProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await NODE.execute(this);
	}
}
