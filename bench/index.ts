/**
 * npm run bench [-- --size small] [-- --only cores,nodes,...] [-- --write]
 *
 * Prints one table: the pure cores, the nodes through n8n-core's real execution, the decision chain, memory, and a
 * real n8n (scoring cost against a Code node, the webhook path). `--size small` is what CI runs so the benchmark
 * cannot rot (a run, not a timed assertion); `--write` writes the table to bench/RESULTS.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { completeCustomers } from '../test/fixtures/customers';
import { benchChain } from './chain';
import { benchCores } from './cores';
import { benchMemory } from './memory';
import { benchN8n } from './n8nServer';
import { benchNodes } from './nodes';
import { machine, record, rows, table } from './measure';

export interface BenchOptions {
	size: 'small' | 'full';
	/** Customers for the in-process benchmarks. */
	customers: number;
	runs: number;
	nowMs: number;
}

const SECTIONS = ['cores', 'nodes', 'chain', 'memory', 'n8n'] as const;

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const size =
		args.includes('--size') && args[args.indexOf('--size') + 1] === 'small' ? 'small' : 'full';
	const only = args.includes('--only')
		? args[args.indexOf('--only') + 1].split(',')
		: [...SECTIONS];
	const options: BenchOptions = {
		size,
		customers: size === 'small' ? 2_000 : 100_000,
		runs: size === 'small' ? 3 : 5,
		nowMs: Date.parse('2026-12-01T12:00:00Z'),
	};
	const started = new Date();
	console.log(`bench (${size}) on ${machine()}`);
	const records = completeCustomers(options.customers, options.nowMs);
	const coreRates =
		only.includes('cores') || only.includes('nodes')
			? await benchCores(records, options.nowMs, options.runs)
			: new Map();
	if (only.includes('nodes')) await benchNodes(records, coreRates, options.runs);
	if (only.includes('chain')) await benchChain(records, options.runs);
	if (only.includes('memory'))
		benchMemory(size === 'small' ? [1_000, 2_000, 4_000] : [125_000, 250_000, 500_000, 1_000_000]);
	// A section that fails is a row of the table and fails the run at the end, after the other sections have run.
	const failures: string[] = [];
	if (only.includes('n8n')) {
		await benchN8n(
			size === 'small'
				? { customers: 500, memoryCustomers: 2_000, runs: 2, requests: 100, connections: 4 }
				: { customers: 20_000, memoryCustomers: 100_000, runs: 5, requests: 1_000, connections: 8 },
		).catch((error: Error) => {
			failures.push(`real n8n: ${error.message}`);
			record({
				group: 'real n8n',
				name: `section failed: ${error.message.split('\n')[0].slice(0, 200)}`,
				value: NaN,
				unit: '',
				met: false,
			});
		});
	}

	const report = `# Benchmark results

Measured ${started.toISOString().slice(0, 10)} with \`npm run bench\` (${size} size) on ${machine()}.

${table()}

Each figure is the median of ${options.runs} runs after a warm-up; ratios are measured side by side in one run. Absolute figures are for this machine only. This run took ${Math.round((Date.now() - started.getTime()) / 60_000)} minutes. Reproduce it with \`npm run bench -- --write\` (\`-- --size small\` for a quick run, as CI does; \`-- --only cores,nodes\` for some sections). A real n8n is installed on first use as for the end-to-end tests (\`scripts/install-n8n.sh\`).
`;
	console.log(`\n${table()}`);
	if (args.includes('--write')) {
		fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), report);
		console.log('wrote bench/RESULTS.md');
	}
	if (rows.length === 0) throw new Error('no benchmark ran');
	if (failures.length) throw new Error(`benchmark sections failed:\n${failures.join('\n')}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
