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
	evaluateExpansion,
	resolveExpansionSettings,
	type AddOnPrices,
	type ExpansionSettings,
	type ExpansionThresholds,
} from '../../src/expansion';
import { ItemParameters } from '../shared/itemParameters';
import { processItems } from '../shared/processItems';
import { expansionSignalsProperties, OPPORTUNITY_OUTPUTS } from './description';

// One output, or "Opportunity" / "No Opportunity" so a flow branches without an If node.
const OUTPUTS_BY_MODE: `={{${string}}}` = `={{ $parameter["outputMode"] === "byOpportunity" ? [${OPPORTUNITY_OUTPUTS.map(
	(displayName) => `{ "type": "${NodeConnectionTypes.Main}", "displayName": "${displayName}" }`,
).join(', ')}] : [{ "type": "${NodeConnectionTypes.Main}" }] }}`;

interface ExpansionOptions {
	addOnPrices?: { values?: Partial<AddOnPrices> };
	featureAddOnPrice?: number;
	forecastHorizonDays?: number;
	planLadder?: string;
	thresholds?: { values?: Partial<ExpansionThresholds> };
	upsellShareOfMrr?: number;
}

// Every option but the Reference Time and the Time Zone is a setting.
const SETTING_PARAMETERS = [
	'addOnTriggers',
	'options.addOnPrices',
	'options.featureAddOnPrice',
	'options.forecastHorizonDays',
	'options.planLadder',
	'options.thresholds',
	'options.upsellShareOfMrr',
];

/** Resolves the settings of one item; each distinct combination is validated once. */
function resolveSettings(
	parameters: ItemParameters,
	itemIndex: number,
	cache: Map<string, ExpansionSettings>,
): ExpansionSettings {
	const options = parameters.get<ExpansionOptions>('options', itemIndex, {});
	const input = {
		addOnTriggers: parameters.get<boolean>('addOnTriggers', itemIndex, false),
		addOnPrices: options.addOnPrices?.values,
		featureAddOnPrice: options.featureAddOnPrice,
		forecastHorizonDays: options.forecastHorizonDays,
		planLadder: options.planLadder,
		thresholds: options.thresholds?.values,
		upsellShareOfMrr: options.upsellShareOfMrr,
	};
	const key = JSON.stringify(input);
	let settings = cache.get(key);
	if (!settings) {
		settings = resolveExpansionSettings(input);
		cache.set(key, settings);
	}
	return settings;
}

export class CustomerExpansionSignals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Expansion Signals',
		name: 'customerExpansionSignals',
		icon: { light: 'file:customerExpansionSignals.svg', dark: 'file:customerExpansionSignals.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["outputMode"] === "byOpportunity" ? "Route by opportunity" : "Detect expansion" }}',
		description:
			'Detect expansion signals (plan limits, team growth, blocked features, promoters…), the expansion probability and typed upsell, seat and add-on opportunities with estimated value',
		defaults: { name: 'Expansion Signals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS_BY_MODE,
		properties: expansionSignalsProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const byOpportunity = this.getNodeParameter('outputMode', 0) === 'byOpportunity';
		const cache = new Map<string, ExpansionSettings>();
		const now = DateTime.now();
		const parameters = new ItemParameters(this);
		// The settings are the same for every item unless one of them is an expression.
		const perItemSettings = SETTING_PARAMETERS.some((name) => parameters.isPerItem(name));
		let sharedSettings: ExpansionSettings | undefined;

		return processItems(this, byOpportunity ? OPPORTUNITY_OUTPUTS.length : 1, (item, itemIndex) => {
			const zone = parameters.defaultTimeZone(itemIndex);
			const settings = perItemSettings
				? resolveSettings(parameters, itemIndex, cache)
				: (sharedSettings ??= resolveSettings(parameters, itemIndex, cache));
			const expansion = evaluateExpansion(item.json, {
				customerPath: parameters.get<string>('customerPath', itemIndex, ''),
				settings,
				reference: parameters.referenceInstant(itemIndex, now, zone),
				defaultTimeZone: zone,
			});
			return {
				json: { ...item.json, expansion: expansion as unknown as IDataObject },
				output: byOpportunity && expansion.opportunities.length === 0 ? 1 : 0,
			};
		});
	}
}
