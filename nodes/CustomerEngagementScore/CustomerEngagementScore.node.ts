import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { evaluateCustomerEngagement, summarisePortfolio } from '../../src/engagement';
import { defineNode, eachItem, summary, type Run } from '../shared/adapter';
import { engagementScoreProperties, LEVEL_ROUTES, PORTFOLIO, SCORE } from './description';

interface EngagementOptions {
	minCoverage?: number;
	missingData?: string;
}

/** Score Each Customer: `engagement` on every item, routed by level when asked (docs/sources.md#engagement-score). */
const score = () =>
	eachItem((item, scope) => {
		const options = scope.get<EngagementOptions>('options', {});
		const engagement = evaluateCustomerEngagement(item.json, {
			customerPath: scope.customerPath,
			missingData: options.missingData,
			minCoverage: options.minCoverage,
		});
		return {
			json: { ...item.json, engagement: engagement as unknown as IDataObject },
			route: engagement.level,
		};
	});

/**
 * Portfolio Summary (docs/sources.md#engagement-portfolio): one item for the whole batch, paired with every input
 * item; parameters read at the first item. A bad item stops the node naming it, or with Continue On Fail is listed
 * in `invalid`.
 */
function portfolio(run: Run) {
	return summary((items) => {
		const options = run.parameters.get<EngagementOptions>('options', 0, {});
		const result = summarisePortfolio(
			items.map((item) => item.json),
			{
				customerPath: run.parameters.get<string>('customerPath', 0, ''),
				missingData: options.missingData,
				minCoverage: options.minCoverage,
				invalidItems: run.continueOnFail ? 'report' : 'fail',
			},
		);
		return { engagementPortfolio: result as unknown as IDataObject };
	});
}

const NODE = defineNode({
	outputs: [{ when: { operation: SCORE, outputMode: 'byLevel' }, routes: LEVEL_ROUTES }],
	pipeline(run) {
		return run.choice<string>('operation', SCORE) === PORTFOLIO ? portfolio(run) : score();
	},
});

export class CustomerEngagementScore implements INodeType {
	/** The adapter this node is built on: its output modes and routes, and what it does per execution. */
	static readonly adapter = NODE;

	description: INodeTypeDescription = {
		displayName: 'Engagement Score',
		name: 'customerEngagementScore',
		icon: {
			light: 'file:customerEngagementScore.svg',
			dark: 'file:customerEngagementScore.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["operation"] === "portfolio" ? "Portfolio summary" : "Score each customer" }}',
		description:
			'Score each customer’s product engagement 0-100 from logins, active users, features, actions, automation and satisfaction, with its level and the change against last month, or summarise engagement per CSM',
		defaults: { name: 'Engagement Score' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: NODE.outputs,
		properties: engagementScoreProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await NODE.execute(this);
	}
}
