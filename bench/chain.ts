/**
 * The whole decision chain in one in-process n8n-core run, as a daily scoring flow runs it: Customer Health Score ->
 * Churn Signals -> Expansion Signals -> Lifecycle Stage -> CS Email Template. Items per second end to end, and each
 * node's share of the time.
 */
import { createNodeTypes } from '../test/nodes/harness';
import { record } from './measure';
import { builtNode, chainWorkflow, nodeTimes } from './nodes';

const REFERENCE = { referenceTime: '2026-12-01T12:00:00Z', timezone: 'UTC' };

export async function benchChain(
	records: Array<Record<string, unknown>>,
	runs: number,
): Promise<void> {
	const nodeTypes = createNodeTypes({
		customerHealthScore: builtNode('CustomerHealthScore'),
		customerChurnSignals: builtNode('CustomerChurnSignals'),
		customerExpansionSignals: builtNode('CustomerExpansionSignals'),
		customerLifecycleStage: builtNode('CustomerLifecycleStage'),
		customerEmailTemplate: builtNode('CustomerEmailTemplate'),
	});
	const steps = [
		{
			name: 'Customer Health Score',
			key: 'customerHealthScore',
			parameters: { options: REFERENCE },
		},
		{ name: 'Churn Signals', key: 'customerChurnSignals', parameters: { options: REFERENCE } },
		{
			name: 'Expansion Signals',
			key: 'customerExpansionSignals',
			parameters: { options: REFERENCE },
		},
		{ name: 'Lifecycle Stage', key: 'customerLifecycleStage', parameters: { options: REFERENCE } },
		{
			name: 'CS Email Template',
			key: 'customerEmailTemplate',
			parameters: {
				template: 'reengagement_7_days',
				productName: 'Acme',
				missingVariables: 'lenient',
			},
		},
	];
	const times = await nodeTimes(chainWorkflow(steps, records), nodeTypes, runs);
	const total = [...times.values()].reduce((sum, ms) => sum + ms, 0);
	record({
		group: 'decision chain',
		name: `Health Score -> Churn -> Expansion -> Lifecycle -> Email, ${records.length.toLocaleString('en-US')} customers`,
		value: (records.length / total) * 1000,
		unit: 'customers/s',
		note: `the five nodes' executionTime summed: ${Math.round(total)} ms`,
	});
	for (const step of steps) {
		const ms = times.get(step.name) as number;
		record({
			group: 'decision chain',
			name: `share of ${step.name}`,
			value: (ms / total) * 100,
			unit: '%',
			note: `${Math.round(ms)} ms`,
		});
	}
}
