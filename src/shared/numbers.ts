/** Numeric helpers shared by every scoring rule. */

/**
 * A decimal number as text: optional sign, digits with an optional fraction (or a fraction alone), an optional
 * exponent. `Number()` alone would also read hex ("0x1F" as 31), binary, octal, "Infinity" and "" (as 0).
 */
const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Longer numeric text is a paste error, not a number: it is not even matched. */
const MAX_NUMBER_TEXT = 40;

/**
 * A finite number, or a decimal numeric string such as "42", " 0.5 " or "-3" (CRMs and webhooks often send strings;
 * surrounding spaces are ignored). Hex, octal, binary, "Infinity", "1e400" (not finite), empty and blank text are not
 * numbers.
 */
export function toFiniteNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && value.length <= MAX_NUMBER_TEXT) {
		const text = value.trim();
		if (!DECIMAL_TEXT.test(text)) return undefined;
		const parsed = Number(text);
		return Number.isFinite(parsed) ? parsed : undefined;
	}
	return undefined;
}

export function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}

const FACTORS = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/**
 * Rounds half away from zero to `decimals` places, avoiding binary artefacts such as 1.005 -> 1: the value is taken
 * at 12 significant digits first. That only changes the result within a hair of a .5 boundary, so only there is the
 * (slow) string conversion done; everywhere else Math.round gives the same answer.
 */
export function roundTo(value: number, decimals = 0): number {
	// Whole numbers (most normalised scores are 100 or 0) are already rounded; so is every double from 2^52 up, and
	// shifting one of those by the factor could overflow into Infinity (an mrr of 1e308 is not an infinite upsell).
	if ((Number.isInteger(value) && Math.abs(value) < 2 ** 40) || !(Math.abs(value) < 2 ** 52))
		return value;
	const factor = FACTORS[decimals] ?? 10 ** decimals;
	const shifted = Math.abs(value) * factor;
	const fraction = shifted - Math.floor(shifted);
	const rounded =
		Math.abs(fraction - 0.5) <= Math.max(1e-9, shifted * 1e-10)
			? Math.round(Number(shifted.toPrecision(12)))
			: Math.round(shifted);
	return (Math.sign(value) * rounded) / factor;
}
