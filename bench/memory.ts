/**
 * Memory on large runs, in-process through n8n-core: the Health Score node on growing numbers of customers, each in a
 * fresh process; the peak resident memory should grow linearly with the customers (the same memory per customer at
 * every size), with the full breakdown and with the summary output.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

import { record } from './measure';

interface Sample {
	count: number;
	detail: string;
	peakMiB: number;
	inputMiB: number;
	ms: number;
}

function measure(count: number, detail: 'full' | 'summary'): Sample {
	const output = execFileSync(
		process.execPath,
		['--max-old-space-size=20000', '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'memoryChild.ts'), String(count), detail],
		{ env: { ...process.env, N8N_LOG_LEVEL: 'silent' }, maxBuffer: 16 * 1024 * 1024 },
	);
	return JSON.parse(output.toString());
}

export function benchMemory(sizes: number[]): void {
	for (const detail of ['full', 'summary'] as const) {
		const samples = sizes.map((count) => measure(count, detail));
		const base = samples[0];
		// Memory per customer between consecutive sizes: linear growth keeps it the same.
		const slopes = samples.slice(1).map((sample, index) => ((sample.peakMiB - samples[index].peakMiB) * 1024) / (sample.count - samples[index].count));
		for (const sample of samples) {
			record({
				group: 'memory (n8n-core)',
				name: `peak memory, ${sample.count.toLocaleString('en-US')} customers, ${detail}`,
				value: sample.peakMiB,
				unit: 'MiB',
				note: `${Math.round(sample.ms)} ms; process with its input at ${Math.round(sample.inputMiB)} MiB`,
			});
		}
		// At small sizes the process's own ~200 MiB dominates and the differences are noise: no verdict then.
		const measurable = slopes.every((slope) => slope > 0) && sizes[0] >= 10_000;
		const spread = measurable ? Math.max(...slopes) / Math.min(...slopes) : NaN;
		record({
			group: 'memory (n8n-core)',
			name: `memory per customer, ${detail}: ${slopes.map((slope) => slope.toFixed(1)).join(', ')} KiB between sizes ${sizes.join(', ')}`,
			value: spread,
			unit: 'x (largest / smallest)',
			note: measurable
				? `linear if close to 1; base ${base.peakMiB.toFixed(0)} MiB at ${base.count.toLocaleString('en-US')}`
				: 'sizes too small to tell (a smoke run)',
			met: measurable ? spread <= 1.5 : undefined,
		});
	}
}
