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
	type HealthModel,
	type HealthModelPreset,
	type MetricRow,
	type MissingDataPolicy,
} from '../../src/health';
import { processItems } from '../shared/processItems';
import { defaultTimeZone, referenceInstant } from '../shared/parameters';
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

/** Resolves the model parameters of one item; models are parsed once per distinct definition. */
function resolveModel(context: IExecuteFunctions, itemIndex: number, cache: Map<string, HealthModel>): HealthModel {
	const choice = context.getNodeParameter('model', itemIndex) as string;
	let definition: unknown;
	if (choice === 'customJson') definition = context.getNodeParameter('modelJson', itemIndex);
	if (choice === 'customUi') {
		const components = context.getNodeParameter('components.component', itemIndex, []) as ComponentRow[];
		const metrics = context.getNodeParameter('metrics.metric', itemIndex, []) as MetricRow[];
		definition = { components, metrics };
	}
	const options = context.getNodeParameter('options', itemIndex, {}) as {
		gradeThresholds?: { values?: GradeThresholds };
		categoryThresholds?: { values?: CategoryThresholds };
	};
	const grades = options.gradeThresholds?.values;
	const categories = options.categoryThresholds?.values;
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

		return processItems(this, byCategory ? CATEGORY_OUTPUTS.length : 1, (item, itemIndex) => {
			const zone = defaultTimeZone(this, itemIndex);
			const health = evaluateCustomerHealth(item.json, {
				model: resolveModel(this, itemIndex, models),
				metricsPath: this.getNodeParameter('customerPath', itemIndex, '') as string,
				previousScoreField: this.getNodeParameter('options.previousScoreField', itemIndex, '') as string,
				missingData: this.getNodeParameter('options.missingData', itemIndex, 'reweight') as MissingDataPolicy,
				minCoverage: this.getNodeParameter('options.minCoverage', itemIndex, 0.5) as number,
				reference: referenceInstant(this, itemIndex, now.setZone(zone)),
				defaultTimeZone: zone,
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
