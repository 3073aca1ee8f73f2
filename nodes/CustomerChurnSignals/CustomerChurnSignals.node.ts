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
} from '../../src/signals';
import { defineNode, phased, type Assessed, type Run } from '../shared/adapter';
import { processedDataLedgers } from './cooldownLedgers';
import { churnSignalsProperties, TIER_ROUTES } from './description';

interface Assessment {
	assessment: ChurnAssessment;
	cooldownDays: number;
}

/**
 * The cooldowns of all assessed items at once, in n8n's processed-data store. Items with Cooldown (Days) 0 get none
 * (undefined); the adapter runs this only when the node is going to output, so a signal that never left the node is
 * never cooled down.
 */
async function cooldowns(
	run: Run,
	assessed: ReadonlyArray<Assessed<Assessment>>,
): Promise<Array<CooldownDecision[] | undefined>> {
	const decisions: Array<CooldownDecision[] | undefined> = assessed.map(({ value }) =>
		value.cooldownDays === 0 ? undefined : [],
	);
	const requests: CooldownRequest[] = [];
	const owners: number[] = [];
	assessed.forEach(({ value }, position) => {
		if (value.cooldownDays === 0) return;
		for (const signal of cooldownCandidates(value.assessment)) {
			requests.push({
				customerId: value.assessment.customerId as string,
				type: signal.type,
				day: value.assessment.day,
				days: value.cooldownDays,
			});
			owners.push(position);
		}
	});
	if (requests.length === 0) return decisions;
	try {
		const ledgers = processedDataLedgers(
			run.context.getWorkflow().id as string,
			run.context.getNode(),
		);
		const answers = await decideCooldowns(ledgers, requests);
		answers.forEach((decision, index) => decisions[owners[index]]?.push(decision));
	} catch (error) {
		throw new NodeOperationError(run.context.getNode(), error as Error, {
			message: `Cooldown: n8n's processed-data store failed: ${(error as Error).message}`,
			description:
				'The cooldown is kept in n8n’s processed-data store (the one Remove Duplicates uses). Set Cooldown (Days) to 0 to run without it.',
		});
	}
	return decisions;
}

const NODE = defineNode({
	outputs: [{ when: { outputMode: 'byTier' }, routes: TIER_ROUTES }],
	pipeline(run) {
		const rulesOf = run.derived({
			parameters: ['signals', 'customSignals', 'options.thresholds'],
			read: (scope) => ({
				enabled: scope.get<string[]>('signals', []),
				rows: scope.get<unknown[]>('customSignals.signal', []),
				thresholds:
					scope.get<{ values?: Record<string, unknown> }>('options.thresholds', {}).values ?? {},
			}),
			build: ({ enabled, rows, thresholds }) => [
				...builtInRules(enabled, thresholds),
				...customRules(rows),
			],
		});
		return phased<Assessment, CooldownDecision[] | undefined>({
			// 1. Detect, per item (pure).
			assess(item, scope) {
				const cooldownDays = parseCooldownDays(scope.get<unknown>('options.cooldownDays', ''));
				const assessment = assessChurn(item.json, {
					rules: rulesOf(scope),
					customerPath: scope.customerPath,
					reference: scope.reference,
					defaultTimeZone: scope.zone,
					cooldownDays,
				});
				return { assessment, cooldownDays };
			},
			// 2. Cooldown, for all items at once.
			batch: async (assessed) => await cooldowns(run, assessed),
			// 3. The result and its tier.
			finish(item, { assessment }, decisions) {
				const churn = finalizeChurn(assessment, decisions);
				return {
					json: { ...item.json, churn: churn as unknown as IDataObject },
					route: churn.tier,
				};
			},
		});
	},
});

export class CustomerChurnSignals implements INodeType {
	/** The adapter this node is built on: its output modes and routes, and what it does per execution. */
	static readonly adapter = NODE;

	description: INodeTypeDescription = {
		displayName: 'Churn Signals',
		name: 'customerChurnSignals',
		icon: { light: 'file:customerChurnSignals.svg', dark: 'file:customerChurnSignals.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["outputMode"] === "byTier" ? "One output per tier" : "Detect churn signals" }}',
		description:
			'Detect early churn-warning signals per customer, with severity, intervention tier, at-risk flag, recommended save playbook and alert cooldown',
		defaults: { name: 'Churn Signals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: NODE.outputs,
		properties: churnSignalsProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await NODE.execute(this);
	}
}
