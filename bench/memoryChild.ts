/**
 * One measurement of bench/memory.ts, in a process of its own so its peak memory is its own: `count` customers
 * through the Health Score node in one n8n-core execution. Prints JSON: peak resident memory and time.
 */
import { createNodeTypes, runWorkflow } from '../test/nodes/harness';
import { completeCustomers } from '../test/fixtures/customers';
import { builtNode, chainWorkflow } from './nodes';

async function main(): Promise<void> {
	const count = Number(process.argv[2]);
	const detail = process.argv[3] === 'summary' ? 'summary' : 'full';
	const nodeTypes = createNodeTypes({ customerHealthScore: builtNode('CustomerHealthScore') });
	const records = completeCustomers(count, Date.parse('2026-12-01T12:00:00Z'));
	const baseline = process.memoryUsage().rss;
	const workflow = chainWorkflow(
		[
			{
				name: 'Node',
				key: 'customerHealthScore',
				parameters: {
					options: { referenceTime: '2026-12-01T12:00:00Z', timezone: 'UTC', outputDetail: detail },
				},
			},
		],
		records,
	);
	const started = Date.now();
	const result = await runWorkflow(workflow, { nodeTypes });
	if (result.status !== 'success') throw new Error(result.error?.message);
	const out = result.outputs('Node')[0].length;
	process.stdout.write(
		JSON.stringify({
			count,
			detail,
			out,
			peakMiB: process.resourceUsage().maxRSS / 1024,
			inputMiB: baseline / 2 ** 20,
			ms: Date.now() - started,
		}),
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
