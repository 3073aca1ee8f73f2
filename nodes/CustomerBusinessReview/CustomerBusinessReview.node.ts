import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { buildBusinessReview } from '../../src/reviews';
import { defineNode, eachItem } from '../shared/adapter';
import { businessReviewProperties } from './description';

const NODE = defineNode({
	outputs: [],
	pipeline() {
		return eachItem((item, scope) => {
			const review = buildBusinessReview(item.json, {
				kind: scope.get<unknown>('reviewKind', 'monthly'),
				language: scope.get<unknown>('language', 'en'),
				successPlanField: scope.get<unknown>('successPlanField', ''),
				customerPath: scope.customerPath,
				calendarLink: scope.get<unknown>('options.calendarLink', ''),
				reference: scope.reference,
				defaultTimeZone: scope.zone,
			});
			return { json: { ...item.json, review: review as unknown as IDataObject } };
		});
	},
});

export class CustomerBusinessReview implements INodeType {
	/** The adapter this node is built on: what it does per execution. */
	static readonly adapter = NODE;

	description: INodeTypeDescription = {
		displayName: 'Business Review',
		name: 'customerBusinessReview',
		icon: {
			light: 'file:customerBusinessReview.svg',
			dark: 'file:customerBusinessReview.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["reviewKind"] === "quarterly" ? "Quarterly business review" : "Monthly results" }}',
		description:
			'Build a monthly or quarterly business review from a customer’s metrics and success plan: executive summary, value delivered and ROI, usage, support, goal status and next steps, rendered as an email in English or Spanish',
		defaults: { name: 'Business Review' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: NODE.outputs,
		properties: businessReviewProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await NODE.execute(this);
	}
}
