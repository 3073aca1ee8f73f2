import { limitLabel, TEMPLATE_LIMITS, type TemplateLimitName } from './limits';

/** The engine's errors about values and limits (syntax errors are TemplateSyntaxError, in syntax.ts). */

/** A value that cannot be shown where the template puts it; `field` is the variable's path. */
export class TemplateDataError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'TemplateDataError';
	}
}

/**
 * A template or its data goes past one of TEMPLATE_LIMITS. The message names the limit, its value and where (the
 * template part and position, or the data path); `field` is the template part or the variable, `limit` the limit.
 */
export class TemplateLimitError extends Error {
	readonly max: number;

	constructor(
		message: string,
		readonly field: string,
		readonly limit: TemplateLimitName,
	) {
		super(`${message} (${limitLabel(limit)})`);
		this.name = 'TemplateLimitError';
		this.max = TEMPLATE_LIMITS[limit];
	}
}
