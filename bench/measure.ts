/**
 * Timing and reporting for the benchmarks: each figure is the median of several runs, and the table says on what
 * machine it was measured.
 */
import * as os from 'node:os';

export interface Row {
	/** Section, e.g. "pure core" or "real n8n". */
	group: string;
	name: string;
	/** The main figure and its unit, e.g. 123456 and "customers/s". */
	value: number;
	unit: string;
	/** What the figure is compared with, and the goal, in words (e.g. "goal >= 100,000/s"). */
	note?: string;
	/** Whether the goal is met; undefined when there is no goal. */
	met?: boolean;
}

export const rows: Row[] = [];

export function record(row: Row): void {
	rows.push(row);
	const status = row.met === undefined ? '' : row.met ? ' [met]' : ' [MISSED]';
	console.log(
		`  ${row.group} · ${row.name}: ${format(row.value)} ${row.unit}${row.note ? ` (${row.note})` : ''}${status}`,
	);
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * A full collection before a timed run (npm run bench starts node with --expose-gc), so each run pays for its own
 * garbage and not for what the run before it left: without it the same node measured 1.3x to 3.5x its core from one
 * full run to the next.
 */
export function collectGarbage(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

/** Milliseconds `work` takes, the median of `runs` runs after one warm-up run. */
export async function timeMs(work: () => unknown | Promise<unknown>, runs = 5): Promise<number> {
	await work();
	const times: number[] = [];
	for (let run = 0; run < runs; run++) {
		collectGarbage();
		const start = process.hrtime.bigint();
		await work();
		times.push(Number(process.hrtime.bigint() - start) / 1e6);
	}
	return median(times);
}

export const perSecond = (count: number, ms: number) => (count / ms) * 1000;

export function format(value: number): string {
	if (!Number.isFinite(value)) return String(value);
	if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
	return value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) < 1 ? 3 : 2 });
}

export function machine(): string {
	const cpus = os.cpus();
	return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, load average ${os
		.loadavg()
		.map((load) => load.toFixed(2))
		.join(' ')}`;
}

export function table(): string {
	const lines = [
		'| group | measurement | figure | compared with / goal | goal met |',
		'|---|---|---|---|---|',
	];
	for (const row of rows) {
		lines.push(
			`| ${row.group} | ${row.name} | ${format(row.value)} ${row.unit} | ${row.note ?? ''} | ${row.met === undefined ? '' : row.met ? 'yes' : '**no**'} |`,
		);
	}
	return lines.join('\n');
}
