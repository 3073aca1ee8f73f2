/** Numeric helpers shared by every scoring rule. */

/** A finite number, or a numeric string such as "0.5" (CRMs and webhooks often send strings). */
export function toFiniteNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && value.trim() !== '') {
		const parsed = Number(value.trim());
		return Number.isFinite(parsed) ? parsed : undefined;
	}
	return undefined;
}

export function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}

/** Rounds half away from zero to `decimals` places, avoiding binary artefacts such as 1.005 -> 1. */
export function roundTo(value: number, decimals = 0): number {
	const factor = 10 ** decimals;
	const shifted = Math.abs(value) * factor;
	const rounded = Math.round(Number(shifted.toPrecision(12)));
	return (Math.sign(value) * rounded) / factor;
}
