import { DateTime } from 'luxon';
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import {
	aggregateItems,
	DEFAULT_MIN_DAYS_BETWEEN_SURVEYS,
	classifyResponse,
	NPS_SEGMENTS,
	NpsBatchItemError,
	surveyEligibility,
	type NpsAggregate,
} from '../../src/nps';
import { ItemParameters } from '../shared/itemParameters';
import { processItems } from '../shared/processItems';
import { AGGREGATE, CLASSIFY, npsProperties, SEGMENT_OUTPUT_NAMES, THROTTLE, THROTTLE_OUTPUT_NAMES } from './description';

const outputList = (names: string[]) =>
	`[${names.map((displayName) => `{ "type": "${NodeConnectionTypes.Main}", "displayName": "${displayName}" }`).join(', ')}]`;

// Throttle: Eligible and Recently Surveyed. Classify: one output, or one per segment. Aggregate: one output.
const OUTPUTS_BY_MODE: `={{${string}}}` = `={{ $parameter["mode"] === "${THROTTLE}" ? ${outputList(
	THROTTLE_OUTPUT_NAMES,
)} : $parameter["mode"] === "${CLASSIFY}" && $parameter["outputMode"] === "bySegment" ? ${outputList(
	SEGMENT_OUTPUT_NAMES,
)} : [{ "type": "${NodeConnectionTypes.Main}" }] }}`;

const RECENTLY_SURVEYED = 1;

interface NpsOptions {
	minimumSample?: number;
	referenceTime?: string;
	responseTimeField?: string;
	skipMissingScore?: boolean;
	surveysSent?: number;
	timezone?: string;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Runs `compute`, keeping a thrown error as a value. */
function attempt<T>(compute: () => T): { value: T } | { error: unknown } {
	try {
		return { value: compute() };
	} catch (error) {
		return { error };
	}
}

function fieldHint(field: string | undefined): string | undefined {
	return field ? `Check the field "${field}" of this item.` : undefined;
}

export class CustomerNps implements INodeType {
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
		outputs: OUTPUTS_BY_MODE,
		properties: npsProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const mode = this.getNodeParameter('mode', 0) as string;
		const now = DateTime.now();

		if (mode === AGGREGATE) return [[aggregate(this)]];
		const parameters = new ItemParameters(this);

		if (mode === THROTTLE) {
			return processItems(this, THROTTLE_OUTPUT_NAMES.length, (item, itemIndex) => {
				const outcome = attempt(() => {
					const zone = parameters.defaultTimeZone(itemIndex);
					return surveyEligibility(item.json, {
						customerPath: parameters.get<string>('customerPath', itemIndex, ''),
						lastSurveyField: parameters.get<string>('lastSurveyField', itemIndex, ''),
						minDaysBetweenSurveys: parameters.get<unknown>('minDaysBetweenSurveys', itemIndex, DEFAULT_MIN_DAYS_BETWEEN_SURVEYS),
						reference: parameters.referenceInstant(itemIndex, now, zone),
						defaultTimeZone: zone,
					});
				});
				if ('error' in outcome) {
					// The safe side: a customer whose last survey cannot be read is not surveyed. With Continue On Fail
					// the item leaves by Recently Surveyed with `error`, never by Eligible; otherwise processItems stops.
					if (!this.continueOnFail()) throw outcome.error;
					return { json: { ...item.json, error: messageOf(outcome.error) }, output: RECENTLY_SURVEYED };
				}
				const nps = outcome.value;
				return {
					json: { ...item.json, nps: nps as unknown as IDataObject },
					output: nps.eligible ? 0 : RECENTLY_SURVEYED,
				};
			});
		}

		const bySegment = this.getNodeParameter('outputMode', 0, 'single') === 'bySegment';
		return processItems(this, bySegment ? NPS_SEGMENTS.length : 1, (item, itemIndex) => {
			const zone = parameters.defaultTimeZone(itemIndex);
			const nps = classifyResponse(item.json, {
				customerPath: parameters.get<string>('customerPath', itemIndex, ''),
				scoreField: parameters.get<string>('scoreField', itemIndex, ''),
				responseTimeField: parameters.get<string>('options.responseTimeField', itemIndex, ''),
				reference: parameters.referenceInstant(itemIndex, now, zone),
				defaultTimeZone: zone,
			});
			return {
				json: { ...item.json, nps: nps as unknown as IDataObject },
				output: bySegment ? NPS_SEGMENTS.indexOf(nps.segment) : 0,
			};
		});
	}
}

/**
 * Aggregate mode: one item for the whole batch, paired with every input item. Parameters are read once, at the
 * first item. An invalid score stops the node naming the item, or with Continue On Fail is listed in `invalid`.
 */
function aggregate(context: IExecuteFunctions): INodeExecutionData {
	const items = context.getInputData();
	const pairedItem = items.map((_, item) => ({ item }));
	let result: NpsAggregate;
	try {
		const options = context.getNodeParameter('options', 0, {}) as NpsOptions;
		result = aggregateItems(
			items.map((item) => item.json),
			{
				customerPath: context.getNodeParameter('customerPath', 0, '') as string,
				scoreField: context.getNodeParameter('scoreField', 0, '') as string,
				skipMissingScore: options.skipMissingScore === true,
				surveysSent: options.surveysSent,
				minimumSample: options.minimumSample,
				invalidItems: context.continueOnFail() ? 'report' : 'fail',
			},
		);
	} catch (error) {
		if (error instanceof NpsBatchItemError) {
			throw new NodeOperationError(context.getNode(), error.cause as Error, {
				itemIndex: error.itemIndex,
				message: `Item ${error.itemIndex}: ${error.message}`,
				description: fieldHint(error.field),
			});
		}
		const message = messageOf(error);
		if (context.continueOnFail()) return { json: { error: message }, pairedItem };
		throw new NodeOperationError(context.getNode(), error as Error, { message });
	}
	return { json: { nps: result as unknown as IDataObject }, pairedItem };
}
