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
		[
			'--max-old-space-size=20000',
			'-r',
			'ts-node/register/transpile-only',
			path.join(__dirname, 'memoryChild.ts'),
			String(count),
			detail,
		],
		{ env: { ...process.env, N8N_LOG_LEVEL: 'silent' }, maxBuffer: 16 * 1024 * 1024 },
	);
	return JSON.parse(output.toString());
}

export function benchMemory(sizes: number[]): void {
	for (const detail of ['full', 'summary'] as const) {
		const samples = sizes.map((count) => measure(count, detail));
		const base = samples[0];
		// Memory per customer between consecutive sizes: linear growth keeps it the same.
		const slopes = samples
			.slice(1)
			.map(
				(sample, index) =>
					((sample.peakMiB - samples[index].peakMiB) * 1024) /
					(sample.count - samples[index].count),
			);
		for (const sample of samples) {
			record({
				group: 'memory (n8n-core)',
				name: `peak memory, ${sample.count.toLocaleString('en-US')} customers, ${detail}`,
				value: sample.peakMiB,
				unit: 'MiB',
				note: `${Math.round(sample.ms)} ms; process with its input at ${Math.round(sample.inputMiB)} MiB`,
			});
		}
		// At small sizes the process's own ~200 MiB dominates and the differences are noise: no verdict then. Peaks
		// move with the moment the collector runs, and the steps between neighbouring sizes magnify that, so the
		// verdict is the least-squares line through every size: linear growth fits it (R² near 1).
		const measurable = slopes.every((slope) => slope > 0) && sizes[0] >= 10_000;
		const fit = leastSquares(samples.map((sample) => [sample.count, sample.peakMiB]));
		record({
			group: 'memory (n8n-core)',
			name: `memory per customer, ${detail}: ${(fit.slope * 1024).toFixed(1)} KiB on the fitted line (${slopes.map((slope) => slope.toFixed(1)).join(', ')} KiB between sizes ${sizes.join(', ')})`,
			value: fit.r2,
			unit: 'R² of the line',
			note: measurable
				? `linear if R² ≥ 0.99; base ${base.peakMiB.toFixed(0)} MiB at ${base.count.toLocaleString('en-US')}`
				: 'sizes too small to tell (a smoke run)',
			met: measurable ? fit.r2 >= 0.99 : undefined,
		});
	}
}

/** The least-squares line through points (x, y), and how well it fits (R²). */
function leastSquares(points: Array<[number, number]>): { slope: number; r2: number } {
	const n = points.length;
	const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
	const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
	let sxx = 0;
	let sxy = 0;
	let syy = 0;
	for (const [x, y] of points) {
		sxx += (x - meanX) ** 2;
		sxy += (x - meanX) * (y - meanY);
		syy += (y - meanY) ** 2;
	}
	return { slope: sxy / sxx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}
