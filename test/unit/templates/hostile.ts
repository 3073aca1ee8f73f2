import type { EmailConfig, EmailTemplate } from '../../../src/templates';
import { config } from './fixtures';

/** Helpers of the hostile-input tests (issue 11). */

/**
 * A hang guard, not a benchmark: the attacks below are refused in well under half a second (bench/templates-hostile.ts
 * has the figures); before the fix they took seconds to minutes or killed the process. Generous, for a shared machine.
 */
export const HANG_GUARD_MS = 5000;

/** The error `run` throws, and how long it took to throw it. */
export function thrownIn(run: () => unknown): { error: Error; ms: number } {
	const start = performance.now();
	try {
		run();
	} catch (error) {
		return { error: error as Error, ms: performance.now() - start };
	}
	throw new Error('did not throw');
}

export const thrown = (run: () => unknown): Error => thrownIn(run).error;

/** The value `run` returns, and how long it took. */
export function timed<T>(run: () => T): { value: T; ms: number } {
	const start = performance.now();
	const value = run();
	return { value, ms: performance.now() - start };
}

/** A config rendering a custom template (English), strict unless told otherwise. */
export function customConfig(
	content: Partial<EmailTemplate['locales'][string]>,
	overrides: Partial<EmailConfig> = {},
): EmailConfig {
	return config({
		template: {
			kind: 'custom',
			template: {
				id: 'hostile',
				name: 'Custom template',
				source: 'custom',
				trigger: null,
				locales: {
					en: { subject: 'Hi {{ first_name }}', html: '<p>Hi</p>', text: null, ...content },
				},
				defaults: { en: {} },
			},
		},
		...overrides,
	});
}

/** The smallest item a custom template renders for. */
export const ITEM = { email: 'ana@acme.test', first_name: 'Ana' };

/** `count` entries, "entry 0" … */
export const entries = (count: number): string[] =>
	Array.from({ length: count }, (_value, index) => `entry ${index}`);

/** A list nested `depth` deep around "x": [[[…["x"]…]]]. */
export function nestedList(depth: number): unknown {
	let value: unknown = 'x';
	for (let level = 0; level < depth; level++) value = [value];
	return value;
}
