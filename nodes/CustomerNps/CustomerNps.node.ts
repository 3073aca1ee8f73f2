import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import {
	aggregateItems,
	classifyResponse,
	DEFAULT_MIN_DAYS_BETWEEN_SURVEYS,
	surveyEligibility,
} from '../../src/nps';
import { defineNode, eachItem, summary, type Run } from '../shared/adapter';
import {
	AGGREGATE,
	CLASSIFY,
	npsProperties,
	SEGMENT_ROUTES,
	THROTTLE,
	THROTTLE_ROUTES,
} from './description';

interface NpsOptions {
	minimumSample?: number;
	skipMissingScore?: boolean;
	surveysSent?: number;
}

/**
 * Aggregate: one item for the whole batch, paired with every input item; parameters read at the first item. An
 * invalid score stops the node naming the item, or with Continue On Fail is listed in `invalid`.
 */
function aggregate(run: Run) {
	return summary((items) => {
		const options = run.parameters.get<NpsOptions>('options', 0, {});
		const result = aggregateItems(
			items.map((item) => item.json),
			{
				customerPath: run.parameters.get<string>('customerPath', 0, ''),
				scoreField: run.parameters.get<string>('scoreField', 0, ''),
				skipMissingScore: options.skipMissingScore === true,
				surveysSent: options.surveysSent,
				minimumSample: options.minimumSample,
				invalidItems: run.continueOnFail ? 'report' : 'fail',
			},
		);
		return { nps: result as unknown as IDataObject };
	});
}

/** Survey Throttle: Eligible, or Recently Surveyed with the day the customer becomes eligible. */
const throttle = () =>
	eachItem((item, scope) => {
		const nps = surveyEligibility(item.json, {
			customerPath: scope.customerPath,
			lastSurveyField: scope.get<string>('lastSurveyField', ''),
			minDaysBetweenSurveys: scope.get<unknown>(
				'minDaysBetweenSurveys',
				DEFAULT_MIN_DAYS_BETWEEN_SURVEYS,
			),
			reference: scope.reference,
			defaultTimeZone: scope.zone,
		});
		return {
			json: { ...item.json, nps: nps as unknown as IDataObject },
			route: nps.eligible ? 'eligible' : 'recentlySurveyed',
		};
	});

/** Classify: the segment and its follow-up, per response. */
const classify = () =>
	eachItem((item, scope) => {
		const nps = classifyResponse(item.json, {
			customerPath: scope.customerPath,
			scoreField: scope.get<string>('scoreField', ''),
			responseTimeField: scope.get<string>('options.responseTimeField', ''),
			reference: scope.reference,
			defaultTimeZone: scope.zone,
		});
		return { json: { ...item.json, nps: nps as unknown as IDataObject }, route: nps.segment };
	});

const NODE = defineNode({
	outputs: [
		{ when: { mode: THROTTLE }, routes: THROTTLE_ROUTES },
		{ when: { mode: CLASSIFY, outputMode: 'bySegment' }, routes: SEGMENT_ROUTES },
	],
	pipeline(run) {
		const mode = run.choice<string>('mode', CLASSIFY);
		if (mode === AGGREGATE) return aggregate(run);
		return mode === THROTTLE ? throttle() : classify();
	},
});

export class CustomerNps implements INodeType {
	/** The adapter this node is built on: its output modes and routes, and what it does per execution. */
	static readonly adapter = NODE;

	description: INodeTypeDescription = {
		displayName: 'NPS',
		name: 'customerNps',
		icon: { light: 'file:customerNps.svg', dark: 'file:customerNps.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["mode"] === "aggregate" ? "Aggregate NPS" : $parameter["mode"] === "throttle" ? "Survey throttle" : "Classify responses" }}',
		description:
			'Classify NPS responses into promoters, passives and detractors with their follow-up, aggregate the NPS of a batch with a confidence interval, or throttle surveys',
		defaults: { name: 'NPS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: NODE.outputs,
		properties: npsProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await NODE.execute(this);
	}
}
