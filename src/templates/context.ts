import { toFiniteNumber, roundTo } from '../shared/numbers';
import { isPlainObject } from '../shared/path';
import { isMissing } from './render';
import { FORBIDDEN_SEGMENTS } from './syntax';

/**
 * The variables a template sees, from lowest to highest precedence (a missing or empty value never hides one
 * from a lower layer):
 * 1. fallbacks: csm_name and csm_email from the node's Sender Name and Sender Email;
 * 2. the customer record (the item's top level, or the Customer Record Path): first_name, company, plan, …;
 * 3. values derived from the record: days_* fields from their dates (as the other nodes derive them), and
 *    <ratio>_percent (0-1 ratios such as open_rate as percentages, 1 decimal);
 * 4. the other nodes' outputs at the item's top level: health, churn, expansion, nps, lifecycle, playbook;
 * 5. the node's parameters: product_name, sender_name, sender_email, the links (calendar_link, …) and
 *    unsubscribe_link;
 * 6. Extra Variables;
 * then survey_score_link from the survey_link of any layer (unless a layer sets it).
 * The context is an object without a prototype, and lookups read own properties only.
 */

/** The other nodes' output keys, read from the item's top level (DESIGN.md "Output shapes"). */
export const NODE_OUTPUT_KEYS = ['health', 'churn', 'expansion', 'nps', 'lifecycle', 'playbook'] as const;

/** 0-1 ratios of the record vocabulary (and seed 001's rates) offered as <field>_percent. */
export const RATIO_FIELDS = [
	'open_rate',
	'click_rate',
	'conversion_rate',
	'feature_adoption',
	'dau_mau_ratio',
	'usage_vs_limit',
	'payment_health',
	'growth_potential',
] as const;

/** Link parameters of the node and the variable each one sets. */
export const LINK_VARIABLES = {
	calendarLink: 'calendar_link',
	dashboardLink: 'dashboard_link',
	helpLink: 'help_link',
	churnSurveyLink: 'churn_survey_link',
	reactivationLink: 'reactivation_link',
	surveyLink: 'survey_link',
	advocacyLink: 'advocacy_link',
} as const;

/**
 * The NPS survey's 0-10 links: `survey_score_link` is `survey_link` with `score=` as its last parameter (`?score=`,
 * or `&score=` when the link already has a query or a fragment, such as a survey tool's `#customer_id=…` hidden
 * fields), and each link appends its number. Null without a survey link.
 */
export function surveyScoreLink(surveyLink: unknown): string | null {
	if (typeof surveyLink !== 'string' || surveyLink.trim() === '') return null;
	const link = surveyLink.trim();
	if (/[?&]$/.test(link)) return `${link}score=`;
	return `${link}${/[?#]/.test(link) ? '&' : '?'}score=`;
}

export type LinkParameter = keyof typeof LINK_VARIABLES;

export interface TemplateParameters {
	productName?: string;
	senderName?: string;
	senderEmail?: string;
	links?: Partial<Record<LinkParameter, string>>;
}

export interface ExtraVariable {
	/** Checked with assertVariableName: one identifier, never __proto__, constructor or prototype. */
	name: unknown;
	value: unknown;
}

export class InvalidVariableError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'InvalidVariableError';
	}
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Extra variable names: one segment, letters, digits and `_`, never `__proto__`, `constructor` or `prototype`. */
export function assertVariableName(name: unknown, field: string): string {
	const text = typeof name === 'string' ? name.trim() : '';
	if (!VARIABLE_NAME.test(text) || FORBIDDEN_SEGMENTS.has(text)) {
		throw new InvalidVariableError(
			`${field}: ${JSON.stringify(name ?? null)} is not a valid variable name (letters, digits and _, not starting with a digit, such as "offer_code")`,
			field,
		);
	}
	return text;
}

type Context = Record<string, unknown>;

function set(context: Context, key: string, value: unknown): void {
	if (FORBIDDEN_SEGMENTS.has(key) || isMissing(value)) return;
	Object.defineProperty(context, key, { value, enumerable: true, writable: true, configurable: true });
}

function has(context: Context, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(context, key);
}

export interface ContextInput {
	item: Record<string, unknown>;
	record: Record<string, unknown>;
	/** days_* fields derived from dates (only those absent from the record). */
	derivedDays?: Record<string, number>;
	parameters: TemplateParameters;
	unsubscribeLink?: string | null;
	extraVariables?: readonly ExtraVariable[];
}

export function buildTemplateContext(input: ContextInput): Context {
	const context: Context = Object.create(null) as Context;
	const { parameters } = input;
	set(context, 'csm_name', parameters.senderName);
	set(context, 'csm_email', parameters.senderEmail);

	for (const key of Object.keys(input.record)) set(context, key, input.record[key]);
	for (const [key, value] of Object.entries(input.derivedDays ?? {})) if (!has(context, key)) set(context, key, value);
	for (const field of RATIO_FIELDS) {
		const ratio = toFiniteNumber(input.record[field]);
		const key = `${field}_percent`;
		if (ratio !== undefined && !has(context, key)) set(context, key, roundTo(ratio * 100, 1));
	}
	for (const key of NODE_OUTPUT_KEYS) {
		const value = input.item[key];
		if (isPlainObject(value)) set(context, key, value);
	}

	set(context, 'product_name', parameters.productName);
	set(context, 'sender_name', parameters.senderName);
	set(context, 'sender_email', parameters.senderEmail);
	for (const [parameter, variable] of Object.entries(LINK_VARIABLES)) {
		set(context, variable, parameters.links?.[parameter as LinkParameter]);
	}
	set(context, 'unsubscribe_link', input.unsubscribeLink);

	for (const { name, value } of input.extraVariables ?? []) set(context, assertVariableName(name, 'Extra Variables'), value);
	if (!has(context, 'survey_score_link')) set(context, 'survey_score_link', surveyScoreLink(context.survey_link));
	return context;
}
