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
	type ExpansionThresholds,
} from '../../src/expansion';
import { defineNode, eachItem } from '../shared/adapter';
import { expansionSignalsProperties, OPPORTUNITY_ROUTES } from './description';

interface ExpansionOptions {
	addOnPrices?: { values?: Partial<AddOnPrices> };
	featureAddOnPrice?: number;
	forecastHorizonDays?: number;
	planLadder?: string;
	thresholds?: { values?: Partial<ExpansionThresholds> };
	upsellShareOfMrr?: number;
}

const NODE = defineNode({
	outputs: [{ when: { outputMode: 'byOpportunity' }, routes: OPPORTUNITY_ROUTES }],
	pipeline(run) {
		// Every option but the Reference Time and the Time Zone is a setting.
		const settingsOf = run.derived({
			parameters: [
				'addOnTriggers',
				'options.addOnPrices',
				'options.featureAddOnPrice',
				'options.forecastHorizonDays',
				'options.planLadder',
				'options.thresholds',
				'options.upsellShareOfMrr',
			],
			read(scope) {
				const options = scope.get<ExpansionOptions>('options', {});
				return {
					addOnTriggers: scope.get<boolean>('addOnTriggers', false),
					addOnPrices: options.addOnPrices?.values,
					featureAddOnPrice: options.featureAddOnPrice,
					forecastHorizonDays: options.forecastHorizonDays,
					planLadder: options.planLadder,
					thresholds: options.thresholds?.values,
					upsellShareOfMrr: options.upsellShareOfMrr,
				};
			},
			build: resolveExpansionSettings,
		});
		return eachItem((item, scope) => {
			const expansion = evaluateExpansion(item.json, {
				customerPath: scope.customerPath,
				settings: settingsOf(scope),
				reference: scope.reference,
				defaultTimeZone: scope.zone,
			});
			return {
				json: { ...item.json, expansion: expansion as unknown as IDataObject },
				route: expansion.opportunities.length > 0 ? 'opportunity' : 'noOpportunity',
			};
		});
	},
});

export class CustomerExpansionSignals implements INodeType {
	/** The adapter this node is built on: its output modes and routes, and what it does per execution. */
	static readonly adapter = NODE;

	description: INodeTypeDescription = {
		displayName: 'Expansion Signals',
		name: 'customerExpansionSignals',
		icon: {
			light: 'file:customerExpansionSignals.svg',
			dark: 'file:customerExpansionSignals.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["outputMode"] === "byOpportunity" ? "Route by opportunity" : "Detect expansion" }}',
		description:
			'Detect expansion signals (plan limits, team growth, blocked features, promoters…), the expansion probability and typed upsell, seat and add-on opportunities with estimated value',
		defaults: { name: 'Expansion Signals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: NODE.outputs,
		properties: expansionSignalsProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await NODE.execute(this);
	}
}
