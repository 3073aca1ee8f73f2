import type { Metric } from './metrics';

/**
 * Three-valued conditions that explain themselves. A condition on a missing input is unknown (`holds: null`):
 * it never makes a rule fire (as in the seed, where `undefined < 40` and `undefined <= 6` are both false), and
 * the rule is listed as not evaluated instead of being silently false.
 */
export interface Check {
	holds: boolean | null;
	/** The condition in words, true or false as it came out ("Health score 35 is below 40"). */
	text: string;
	/** Where the missing inputs were looked for; empty unless `holds` is null. */
	missing: string[];
}

export type Comparison = '<' | '<=' | '>' | '>=';

const WORDS: Record<Comparison, { yes: string; no: string }> = {
	'<': { yes: 'is below', no: 'is not below' },
	'<=': { yes: 'is {t} or less', no: 'is above' },
	'>': { yes: 'is above', no: 'is not above' },
	'>=': { yes: 'reached', no: 'is below' },
};

function compareValues(value: number, op: Comparison, threshold: number): boolean {
	if (op === '<') return value < threshold;
	if (op === '<=') return value <= threshold;
	if (op === '>') return value > threshold;
	return value >= threshold;
}

function missingCheck(label: string, metric: Metric<unknown>): Check {
	return {
		holds: null,
		text: `${label} is missing (${metric.fields.join(' or ')})`,
		missing: [...metric.fields],
	};
}

/** `label value op threshold`, e.g. compare('Health score', m, '<', 40) -> "Health score 35 is below 40". */
export function compare(
	label: string,
	metric: Metric<number>,
	op: Comparison,
	threshold: number,
	unit = '',
): Check {
	if (metric.value === undefined) return missingCheck(label, metric);
	const holds = compareValues(metric.value, op, threshold);
	const words = holds ? WORDS[op].yes : WORDS[op].no;
	const relation = words.includes('{t}')
		? words.replace('{t}', `${threshold}${unit}`)
		: `${words} ${threshold}${unit}`;
	return { holds, text: `${label} ${metric.value}${unit} ${relation}`, missing: [] };
}

/** `label === expected` on a normalised status, e.g. "Subscription status is active". */
export function equals(label: string, metric: Metric<string>, expected: string): Check {
	if (metric.value === undefined) return missingCheck(label, metric);
	const holds = metric.value === expected;
	return {
		holds,
		text: holds ? `${label} is ${expected}` : `${label} is ${metric.value}, not ${expected}`,
		missing: [],
	};
}

/** Any of several statuses (e.g. "cancelled" and Stripe's "canceled"); the first is the one named when false. */
export function equalsAny(
	label: string,
	metric: Metric<string>,
	accepted: readonly string[],
): Check {
	if (metric.value === undefined) return missingCheck(label, metric);
	if (accepted.includes(metric.value))
		return { holds: true, text: `${label} is ${metric.value}`, missing: [] };
	return { holds: false, text: `${label} is ${metric.value}, not ${accepted[0]}`, missing: [] };
}

/** A boolean input, e.g. flag('Expansion closed', 'Expansion not closed', m). */
export function flag(label: string, yes: string, no: string, metric: Metric<boolean>): Check {
	if (metric.value === undefined) return missingCheck(label, metric);
	return { holds: metric.value, text: metric.value ? yes : no, missing: [] };
}

/** Lower-cases the first letter of a sentence that continues another ("Days as customer" -> "days as customer"), not of an acronym ("NPS score"). */
export function continueSentence(text: string): string {
	return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

/** Sentences joined into one: the first keeps its capital. */
export function joinSentences(texts: string[], separator: string): string {
	return texts.map((text, index) => (index === 0 ? text : continueSentence(text))).join(separator);
}

/**
 * Kleene AND: false if any part is false (named: the parts that are false), unknown if none is false but one is
 * unknown, else true (all parts named).
 */
export function and(...checks: Check[]): Check {
	const failed = checks.filter((check) => check.holds === false);
	if (failed.length)
		return {
			holds: false,
			text: joinSentences(
				failed.map((check) => check.text),
				' and ',
			),
			missing: [],
		};
	const unknown = checks.filter((check) => check.holds === null);
	if (unknown.length) {
		return {
			holds: null,
			text: joinSentences(
				unknown.map((check) => check.text),
				' and ',
			),
			missing: unknown.flatMap((check) => check.missing),
		};
	}
	return {
		holds: true,
		text: joinSentences(
			checks.map((check) => check.text),
			' and ',
		),
		missing: [],
	};
}
