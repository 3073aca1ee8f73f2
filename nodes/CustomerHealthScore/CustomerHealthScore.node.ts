import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import {
	evaluateCustomerHealth,
	healthModelPreset,
	modelFromTables,
	parseHealthModel,
	withThresholds,
	type CategoryThresholds,
	type ComponentRow,
	type GradeThresholds,
	type HealthDetail,
	type HealthModelPreset,
	type MetricRow,
	type MissingDataPolicy,
} from '../../src/health';
import { defineNode, eachItem, type ItemScope } from '../shared/adapter';
import { CATEGORY_ROUTES, healthScoreProperties } from './description';

interface ModelParameters {
	choice: string;
	definition: unknown;
	grades: GradeThresholds | undefined;
	categories: CategoryThresholds | undefined;
}

function readModel(scope: ItemScope): ModelParameters {
	const choice = scope.get<string>('model');
	let definition: unknown;
	if (choice === 'customJson') definition = scope.get('modelJson');
	if (choice === 'customUi') {
		definition = {
			components: scope.get<ComponentRow[]>('components.component', []),
			metrics: scope.get<MetricRow[]>('metrics.metric', []),
		};
	}
	const grades = scope.get<{ values?: GradeThresholds }>('options.gradeThresholds', {}).values;
	const categories = scope.get<{ values?: CategoryThresholds }>(
		'options.categoryThresholds',
		{},
	).values;
	return { choice, definition, grades, categories };
}

function buildModel({ choice, definition, grades, categories }: ModelParameters) {
	let model;
	if (choice === 'customJson') model = parseHealthModel(definition, 'Model (JSON)');
	else if (choice === 'customUi') {
		const { components, metrics } = definition as {
			components: ComponentRow[];
			metrics: MetricRow[];
		};
		model = modelFromTables(components, metrics);
	} else model = healthModelPreset(choice as HealthModelPreset);
	return withThresholds(model, grades, categories);
}

const NODE = defineNode({
	outputs: [{ when: { outputMode: 'byCategory' }, routes: CATEGORY_ROUTES }],
	pipeline(run) {
		const modelOf = run.derived({
			parameters: [
				'model',
				'modelJson',
				'components',
				'metrics',
				'options.gradeThresholds',
				'options.categoryThresholds',
			],
			read: readModel,
			build: buildModel,
		});
		return eachItem((item, scope) => {
			const health = evaluateCustomerHealth(item.json, {
				model: modelOf(scope),
				metricsPath: scope.customerPath,
				previousScoreField: scope.get<string>('options.previousScoreField', ''),
				missingData: scope.get<MissingDataPolicy>('options.missingData', 'reweight'),
				minCoverage: scope.get<number>('options.minCoverage', 0.5),
				reference: scope.reference,
				defaultTimeZone: scope.zone,
				detail: scope.get<HealthDetail>('options.outputDetail', 'full'),
			});
			// The SaaS retention strategy's churned band is the worst one: it leaves with Critical.
			const route = health.category === 'churned' ? 'critical' : health.category;
			return { json: { ...item.json, health: health as unknown as IDataObject }, route };
		});
	},
});

export class CustomerHealthScore implements INodeType {
	/** The adapter this node is built on: its output modes and routes, and what it does per execution. */
	static readonly adapter = NODE;

	description: INodeTypeDescription = {
		displayName: 'Customer Health Score',
		name: 'customerHealthScore',
		icon: { light: 'file:customerHealthScore.svg', dark: 'file:customerHealthScore.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["model"] === "default" ? "Default model" : $parameter["model"] }}',
		description:
			'Score each customer 0-100 from usage, engagement, support, relationship and financial data, with grade, category, trend, alerts and what drives the score',
		defaults: { name: 'Customer Health Score' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: NODE.outputs,
		properties: healthScoreProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await NODE.execute(this);
	}
}
