import { toFiniteNumber, roundTo } from '../shared/numbers';
import { isPlainObject } from '../shared/path';
import { ownField } from './ownFields';
import { preview } from './preview';
import { isMissing } from './values';
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

/** The other nodes' output keys, read from the item's top level (docs/sources.md#output-shapes). */
export const NODE_OUTPUT_KEYS = [
	'health',
	'churn',
	'expansion',
	'nps',
	'lifecycle',
	'playbook',
] as const;

/** 0-1 ratios of the record vocabulary (and the email platform guide's rates) offered as <field>_percent. */
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
	name?: unknown;
	value?: unknown;
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
			`${field}: ${preview(name ?? null)} is not a valid variable name (letters, digits and _, not starting with a digit, such as "offer_code")`,
			field,
		);
	}
	return text;
}

type Context = Record<string, unknown>;

// The context has no prototype, so a plain assignment creates an own data property (what defineProperty did), and
// no key can reach a setter; the forbidden names are refused anyway.
function set(context: Context, key: string, value: unknown): void {
	if (FORBIDDEN_SEGMENTS.has(key) || isMissing(value, key)) return;
	context[key] = value;
}

function has(context: Context, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(context, key);
}

const RATIO_KEYS = RATIO_FIELDS.map((field) => [field, `${field}_percent`] as const);
const LINK_ENTRIES = Object.entries(LINK_VARIABLES) as Array<[LinkParameter, string]>;

const isEnumerableOwn = (object: object, key: string) =>
	Object.prototype.propertyIsEnumerable.call(object, key);

export interface ContextInput {
	item: Record<string, unknown>;
	record: Record<string, unknown>;
	/** days_* fields derived from dates (only those absent from the record). */
	derivedDays?: Record<string, number>;
	parameters: TemplateParameters;
	unsubscribeLink?: string | null;
	extraVariables?: readonly ExtraVariable[];
	/**
	 * The variables (first segments) the templates use: only these are put in the context, so a record's other fields
	 * are not copied for every email. Every layer keeps its precedence. Absent: every variable.
	 */
	only?: ReadonlySet<string>;
}

export function buildTemplateContext(input: ContextInput): Context {
	const context: Context = Object.create(null) as Context;
	const { parameters, only } = input;
	// survey_score_link is made from survey_link: a template that uses it needs survey_link in the context too.
	const wanted =
		only && only.has('survey_score_link') && !only.has('survey_link')
			? new Set([...only, 'survey_link'])
			: only;
	const put = (key: string, value: unknown): void => {
		if (!wanted || wanted.has(key)) set(context, key, value);
	};
	put('csm_name', parameters.senderName);
	put('csm_email', parameters.senderEmail);

	if (wanted) {
		for (const key of wanted)
			if (isEnumerableOwn(input.record, key)) set(context, key, input.record[key]);
	} else {
		for (const key of Object.keys(input.record)) set(context, key, input.record[key]);
	}
	if (input.derivedDays)
		for (const [key, value] of Object.entries(input.derivedDays))
			if (!has(context, key)) put(key, value);
	for (const [field, key] of RATIO_KEYS) {
		if (wanted && !wanted.has(key)) continue;
		const ratio = toFiniteNumber(ownField(input.record, field));
		if (ratio !== undefined && !has(context, key)) set(context, key, roundTo(ratio * 100, 1));
	}
	for (const key of NODE_OUTPUT_KEYS) {
		const value = ownField(input.item, key);
		if (isPlainObject(value)) put(key, value);
	}

	put('product_name', parameters.productName);
	put('sender_name', parameters.senderName);
	put('sender_email', parameters.senderEmail);
	for (const [parameter, variable] of LINK_ENTRIES)
		put(variable, ownField(parameters.links, parameter));
	put('unsubscribe_link', input.unsubscribeLink);

	// Every extra variable's name is checked, used or not.
	for (const row of input.extraVariables ?? [])
		put(assertVariableName(ownField(row, 'name'), 'Extra Variables'), ownField(row, 'value'));
	if (!has(context, 'survey_score_link'))
		put('survey_score_link', surveyScoreLink(context.survey_link));
	return context;
}
