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
	evaluateCustomerHealth,
	healthModelPreset,
	modelFromTables,
	parseHealthModel,
	withThresholds,
	type CategoryThresholds,
	type ComponentRow,
	type GradeThresholds,
	type HealthDetail,
	type HealthModel,
	type HealthModelPreset,
	type MetricRow,
	type MissingDataPolicy,
} from '../../src/health';
import { processItems } from '../shared/processItems';
import { ItemParameters } from '../shared/itemParameters';
import { CATEGORY_OUTPUTS, healthScoreProperties } from './description';

// One output, or one per category (in CATEGORY_OUTPUTS order) so a flow branches without an If node.
const OUTPUTS_BY_MODE: `={{${string}}}` = `={{ $parameter["outputMode"] === "byCategory" ? [${[
	'Healthy',
	'At Risk',
	'Critical',
	'Insufficient Data',
]
	.map((displayName) => `{ "type": "${NodeConnectionTypes.Main}", "displayName": "${displayName}" }`)
	.join(', ')}] : [{ "type": "${NodeConnectionTypes.Main}" }] }}`;

const MODEL_PARAMETERS = ['model', 'modelJson', 'components', 'metrics', 'options.gradeThresholds', 'options.categoryThresholds'];

/** Resolves the model parameters of one item; models are parsed once per distinct definition. */
function resolveModel(parameters: ItemParameters, itemIndex: number, cache: Map<string, HealthModel>): HealthModel {
	const choice = parameters.get<string>('model', itemIndex);
	let definition: unknown;
	if (choice === 'customJson') definition = parameters.get('modelJson', itemIndex);
	if (choice === 'customUi') {
		const components = parameters.get<ComponentRow[]>('components.component', itemIndex, []);
		const metrics = parameters.get<MetricRow[]>('metrics.metric', itemIndex, []);
		definition = { components, metrics };
	}
	const grades = parameters.get<{ values?: GradeThresholds }>('options.gradeThresholds', itemIndex, {}).values;
	const categories = parameters.get<{ values?: CategoryThresholds }>('options.categoryThresholds', itemIndex, {}).values;
	const cacheKey = JSON.stringify([choice, definition, grades, categories]);
	let model = cache.get(cacheKey);
	if (model) return model;

	if (choice === 'customJson') model = parseHealthModel(definition, 'Model (JSON)');
	else if (choice === 'customUi') {
		const { components, metrics } = definition as { components: ComponentRow[]; metrics: MetricRow[] };
		model = modelFromTables(components, metrics);
	} else model = healthModelPreset(choice as HealthModelPreset);
	model = withThresholds(model, grades, categories);
	cache.set(cacheKey, model);
	return model;
}

export class CustomerHealthScore implements INodeType {
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
		outputs: OUTPUTS_BY_MODE,
		properties: healthScoreProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const byCategory = this.getNodeParameter('outputMode', 0) === 'byCategory';
		const models = new Map<string, HealthModel>();
		const now = DateTime.now();
		const parameters = new ItemParameters(this);
		// The model is the same for every item unless one of its parameters is an expression.
		const perItemModel = MODEL_PARAMETERS.some((name) => parameters.isPerItem(name));
		let sharedModel: HealthModel | undefined;

		return processItems(this, byCategory ? CATEGORY_OUTPUTS.length : 1, (item, itemIndex) => {
			const zone = parameters.defaultTimeZone(itemIndex);
			const model = perItemModel ? resolveModel(parameters, itemIndex, models) : (sharedModel ??= resolveModel(parameters, itemIndex, models));
			const health = evaluateCustomerHealth(item.json, {
				model,
				metricsPath: parameters.get<string>('customerPath', itemIndex, ''),
				previousScoreField: parameters.get<string>('options.previousScoreField', itemIndex, ''),
				missingData: parameters.get<MissingDataPolicy>('options.missingData', itemIndex, 'reweight'),
				minCoverage: parameters.get<number>('options.minCoverage', itemIndex, 0.5),
				reference: parameters.referenceInstant(itemIndex, now, zone),
				defaultTimeZone: zone,
				detail: parameters.get<HealthDetail>('options.outputDetail', itemIndex, 'full'),
			});
			// Seed 003's churned band is the worst one: it leaves with Critical.
			const category = health.category === 'churned' ? 'critical' : health.category;
			return {
				json: { ...item.json, health: health as unknown as IDataObject },
				output: byCategory ? CATEGORY_OUTPUTS.indexOf(category) : 0,
			};
		});
	}
}
