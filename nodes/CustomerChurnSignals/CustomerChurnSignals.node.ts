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
	assessChurn,
	builtInRules,
	cooldownCandidates,
	customRules,
	decideCooldowns,
	finalizeChurn,
	parseCooldownDays,
	type ChurnAssessment,
	type CooldownDecision,
	type CooldownRequest,
	type SignalRule,
} from '../../src/signals';
import { ItemParameters } from '../shared/itemParameters';
import { processItems } from '../shared/processItems';
import { processedDataLedgers } from './cooldownLedgers';
import { churnSignalsProperties, TIER_OUTPUT_NAMES, TIER_OUTPUTS } from './description';

// One output, or one per intervention tier (in TIER_OUTPUTS order, by urgency) so a flow branches directly.
const OUTPUTS_BY_MODE: `={{${string}}}` = `={{ $parameter["outputMode"] === "byTier" ? [${TIER_OUTPUT_NAMES.map(
	(displayName) => `{ "type": "${NodeConnectionTypes.Main}", "displayName": "${displayName}" }`,
).join(', ')}] : [{ "type": "${NodeConnectionTypes.Main}" }] }}`;

const RULE_PARAMETERS = ['signals', 'customSignals', 'options.thresholds'];

/** The signal rules of one item; parsed once per distinct configuration. */
function resolveRules(parameters: ItemParameters, itemIndex: number, cache: Map<string, SignalRule[]>): SignalRule[] {
	const enabled = parameters.get<string[]>('signals', itemIndex, []);
	const rows = parameters.get<unknown[]>('customSignals.signal', itemIndex, []);
	const thresholds = parameters.get<{ values?: Record<string, unknown> }>('options.thresholds', itemIndex, {}).values ?? {};
	const key = JSON.stringify([enabled, rows, thresholds]);
	let rules = cache.get(key);
	if (!rules) {
		rules = [...builtInRules(enabled, thresholds), ...customRules(rows)];
		cache.set(key, rules);
	}
	return rules;
}

interface Assessed {
	assessment: ChurnAssessment;
	cooldownDays: number;
}

export class CustomerChurnSignals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Churn Signals',
		name: 'customerChurnSignals',
		icon: { light: 'file:customerChurnSignals.svg', dark: 'file:customerChurnSignals.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["outputMode"] === "byTier" ? "One output per tier" : "Detect churn signals" }}',
		description:
			'Detect early churn-warning signals per customer, with severity, intervention tier, at-risk flag, recommended save playbook and alert cooldown',
		defaults: { name: 'Churn Signals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS_BY_MODE,
		properties: churnSignalsProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const byTier = this.getNodeParameter('outputMode', 0) === 'byTier';
		const items = this.getInputData();
		const rulesCache = new Map<string, SignalRule[]>();
		const now = DateTime.now();
		const parameters = new ItemParameters(this);
		// The rules are the same for every item unless one of their parameters is an expression.
		const perItemRules = RULE_PARAMETERS.some((name) => parameters.isPerItem(name));
		let sharedRules: SignalRule[] | undefined;

		// 1. Detect, per item (pure). Errors are kept and re-thrown per item by processItems below.
		const assessed: Array<Assessed | { error: unknown }> = items.map((item, itemIndex) => {
			try {
				const zone = parameters.defaultTimeZone(itemIndex);
				const cooldownDays = parseCooldownDays(parameters.get<unknown>('options.cooldownDays', itemIndex, ''));
				const rules = perItemRules ? resolveRules(parameters, itemIndex, rulesCache) : (sharedRules ??= resolveRules(parameters, itemIndex, rulesCache));
				const assessment = assessChurn(item.json, {
					rules,
					customerPath: parameters.get<string>('customerPath', itemIndex, ''),
					reference: parameters.referenceInstant(itemIndex, now, zone),
					defaultTimeZone: zone,
					cooldownDays,
				});
				return { assessment, cooldownDays };
			} catch (error) {
				return { error };
			}
		});

		// 2. Cooldown, for all items at once. Nothing is recorded when the node is about to stop on an error:
		// a signal that never left the node must not be cooled down.
		const failed = assessed.some((entry) => 'error' in entry);
		const decisions = new Map<number, CooldownDecision[]>();
		if (!failed || this.continueOnFail()) {
			const requests: CooldownRequest[] = [];
			const owners: number[] = [];
			assessed.forEach((entry, itemIndex) => {
				if ('error' in entry || entry.cooldownDays === 0) return;
				decisions.set(itemIndex, []);
				for (const signal of cooldownCandidates(entry.assessment)) {
					requests.push({
						customerId: entry.assessment.customerId as string,
						type: signal.type,
						day: entry.assessment.day,
						days: entry.cooldownDays,
					});
					owners.push(itemIndex);
				}
			});
			if (requests.length) {
				try {
					const ledgers = processedDataLedgers(this.getWorkflow().id as string, this.getNode());
					const answers = await decideCooldowns(ledgers, requests);
					answers.forEach((decision, index) => decisions.get(owners[index])?.push(decision));
				} catch (error) {
					throw new NodeOperationError(this.getNode(), error as Error, {
						message: `Cooldown: n8n's processed-data store failed: ${(error as Error).message}`,
						description:
							'The cooldown is kept in n8n’s processed-data store (the one Remove Duplicates uses). Set Cooldown (Days) to 0 to run without it.',
					});
				}
			}
		}

		// 3. Results and routing; processItems re-throws the kept errors (or passes them on with Continue On Fail).
		return processItems(this, byTier ? TIER_OUTPUTS.length : 1, (item, itemIndex) => {
			const entry = assessed[itemIndex];
			if ('error' in entry) throw entry.error;
			const churn = finalizeChurn(entry.assessment, decisions.get(itemIndex));
			return {
				json: { ...item.json, churn: churn as unknown as IDataObject },
				output: byTier ? TIER_OUTPUTS.indexOf(churn.tier) : 0,
			};
		});
	}
}
