import type { DateTime } from 'luxon';

import { customerTimeZone, DAY_DERIVATIONS, deriveDays } from '../customer/derive';
import { locateCustomerRecord } from '../customer/locate';
import { getPath, isPlainObject } from '../shared/path';
import {
	builtInLabels,
	builtInTemplate,
	parseCached,
	parseContent,
	type ContentLabels,
	type ParsedContent,
} from './catalog';
import { checkEmailConfig } from './config';
import { buildTemplateContext, type ExtraVariable, type TemplateParameters } from './context';
import {
	assertUnsubscribeUrl,
	idempotencyKey,
	recipient,
	senderAddress,
	unsubscribeHeaders,
	type IdempotencyPeriod,
} from './delivery';
import { singleLine } from './escape';
import { htmlToText } from './htmlToText';
import { TEMPLATE_LIMITS } from './limits';
import { resolveLocale, type TemplateLocale } from './locale';
import type { EmailTemplate, TemplateContent } from './model';
import { ownField, ownView } from './ownFields';
import { listNames, shortSource } from './preview';
import {
	outputLimitError,
	RenderBudget,
	renderTemplate,
	type MissingVariablePolicy,
	type RenderOptions,
} from './render';
import { TemplateSyntaxError, type TemplateNode } from './syntax';
import { isMissing } from './values';
import { rootNames, templateVariables, type TemplateVariable } from './variables';

/** Renders one customer's email from an item: the template, its language, its variables, and delivery fields. */

export type TemplateChoice =
	/** A built-in by id or alias; `field` names where the id came from in errors ("Template", "Template ID"). */
	| { kind: 'builtIn'; id: unknown; field: string }
	/** A template written in the node (one language: its `locales` has a single key). */
	| { kind: 'custom'; template: EmailTemplate };

export interface TemplateOverrides {
	subject?: string;
	html?: string;
	text?: string;
}

export interface EmailConfig {
	template: TemplateChoice;
	/** Dotted path of the customer record in the item; empty for the top level. */
	customerPath?: string;
	missingVariables: MissingVariablePolicy;
	defaultLocale: TemplateLocale;
	parameters: TemplateParameters;
	extraVariables?: readonly ExtraVariable[];
	/** Variables that may be inserted raw with {{{ name }}}. */
	rawVariables?: readonly string[];
	overrides?: TemplateOverrides;
	/** A URL template such as https://app.example.com/unsubscribe?c={{customer_id}} (values percent-encoded). */
	unsubscribeUrl?: string;
	idempotency?: IdempotencyPeriod;
	/** The instant of the run: idempotency periods and days_* variables are measured against it. */
	reference: DateTime;
	/** Zone for calendar days when the record has no `timezone`. */
	defaultTimeZone: string;
}

export interface RenderedEmail {
	templateId: string;
	locale: string;
	to: string | null;
	from: string | null;
	subject: string;
	html: string;
	text: string;
	/** Variables rendered empty (lenient mode only; strict mode fails instead). */
	missingVariables: string[];
	/** Variables rendered from their default (lenient mode only). */
	defaultedVariables: string[];
	/** List-Unsubscribe headers when an Unsubscribe URL is set; otherwise empty. */
	headers: Record<string, string>;
	idempotencyKey: string | null;
}

export class MissingVariablesError extends Error {
	constructor(
		message: string,
		readonly variables: string[],
	) {
		super(message);
		this.name = 'MissingVariablesError';
	}
}

interface Prepared {
	template: EmailTemplate;
	locale: string;
	parsed: ParsedContent;
	record: Record<string, unknown>;
	/** The names of the parts in errors ("Custom HTML", `Template "welcome_email" (es) HTML`). */
	labels: ContentLabels;
	defaults: Map<string, string>;
	/** The first segments of the template's variables: what the context must hold. */
	roots: ReadonlySet<string>;
}

/** What follows from parsed content alone, worked out once per parsed content and defaults. */
interface ContentFacts {
	defaultsSource: Record<string, string> | undefined;
	defaults: Map<string, string>;
	roots: ReadonlySet<string>;
}
const contentFacts = new WeakMap<ParsedContent, ContentFacts>();

function factsOf(
	parsed: ParsedContent,
	defaultsSource: Record<string, string> | undefined,
): ContentFacts {
	let facts = contentFacts.get(parsed);
	if (!facts || facts.defaultsSource !== defaultsSource) {
		const used = new Set(parsed.variables.map((variable) => variable.name));
		const defaults = new Map(
			Object.entries(defaultsSource ?? {}).filter(([name]) => used.has(name)),
		);
		facts = { defaultsSource, defaults, roots: rootNames(parsed.variables) };
		contentFacts.set(parsed, facts);
	}
	return facts;
}

// The languages of a template, in its order (a built-in is the same object on every item).
const templateLanguages = new WeakMap<EmailTemplate, string[]>();
function languagesOf(template: EmailTemplate): string[] {
	let languages = templateLanguages.get(template);
	if (!languages) {
		languages = Object.keys(template.locales);
		templateLanguages.set(template, languages);
	}
	return languages;
}

function recordField(customerPath: string | undefined, field: string): string {
	const path = (customerPath ?? '').trim();
	return path === '' ? field : `${path}.${field}`;
}

function overrideLabels(base: ContentLabels, overrides: TemplateOverrides): ContentLabels {
	return {
		subject: overrides.subject !== undefined ? 'Subject Override' : base.subject,
		html: overrides.html !== undefined ? 'HTML Override' : base.html,
		text: overrides.text !== undefined ? 'Text Override' : base.text,
	};
}

/**
 * The item as the customer record is read from it. This node writes its output to `email`, the record's address
 * field: when the record is the item itself and `email` already holds an earlier CS Email Template output, the
 * address is that output's `to`, so a second template node can follow the first.
 */
function recordSource(
	item: Record<string, unknown>,
	customerPath: string | undefined,
): Record<string, unknown> {
	const previous = ownField(item, 'email');
	if (
		(customerPath ?? '').trim() !== '' ||
		!isPlainObject(previous) ||
		typeof ownField(previous, 'templateId') !== 'string'
	)
		return item;
	const to = ownField(previous, 'to');
	return { ...item, email: typeof to === 'string' ? to : null };
}

/** Template, language and parsed content of an item (no rendering yet). */
function prepare(item: Record<string, unknown>, config: EmailConfig): Prepared {
	const record = locateCustomerRecord(recordSource(item, config.customerPath), config.customerPath);
	const choice = config.template;
	const template =
		choice.kind === 'builtIn' ? builtInTemplate(choice.id, choice.field) : choice.template;
	const languages = languagesOf(template);
	const locale =
		choice.kind === 'builtIn'
			? resolveLocale(ownField(record, 'locale'), languages, config.defaultLocale)
			: languages[0];
	const base = template.locales[locale];

	const overrides = choice.kind === 'builtIn' ? (config.overrides ?? {}) : {};
	const overridden =
		overrides.subject !== undefined || overrides.html !== undefined || overrides.text !== undefined;
	// Without overrides the content is the template's own object, whose parse is remembered (catalog.ts).
	const content: TemplateContent = overridden
		? {
				subject: overrides.subject ?? base.subject,
				html: overrides.html ?? base.html,
				// A new HTML body makes the built-in text stale: the text is then generated from the HTML.
				text: overrides.text ?? (overrides.html !== undefined ? null : base.text),
			}
		: base;
	const labels =
		choice.kind === 'builtIn'
			? overrideLabels(builtInLabels(template.id, locale), overrides)
			: { subject: 'Custom Subject', html: 'Custom HTML', text: 'Custom Text' };
	for (const part of ['subject', 'html'] as const) {
		if (content[part].trim() === '')
			throw new TemplateSyntaxError(
				`${labels[part]}: is empty; a template needs a subject and an HTML body`,
				labels[part],
			);
	}
	const parsed = parseContent(content, labels);
	assertRawAllowed(parsed.variables, config.rawVariables ?? [], template.id);

	const { defaults, roots } = factsOf(parsed, template.defaults[locale]);
	return { template, locale, parsed, record, labels, defaults, roots };
}

function assertRawAllowed(
	variables: TemplateVariable[],
	allowed: readonly string[],
	templateId: string,
): void {
	if (!variables.some((variable) => variable.raw)) return;
	const refused = variables
		.filter((variable) => variable.raw && !allowed.includes(variable.name))
		.map((variable) => variable.name);
	if (refused.length) {
		throw new TemplateSyntaxError(
			`Template "${shortSource(templateId)}" inserts ${listNames(refused.map((name) => `{{{ ${shortSource(name)} }}}`))} without HTML escaping, but ${refused.length > 1 ? 'these are' : 'it is'} not listed in Options > Raw Variables. List ${refused.length > 1 ? 'them' : 'it'} there only if the value is trusted HTML, or use {{ ${shortSource(refused[0])} }}`,
			'Raw Variables',
		);
	}
}

/**
 * The context of an item: only the variables the template and the unsubscribe URL use, and of the derived days only
 * those (a bad date elsewhere does not matter).
 */
function contextFor(
	item: Record<string, unknown>,
	prepared: Prepared,
	config: EmailConfig,
	unsubscribeLink?: string | null,
) {
	const roots = config.unsubscribeUrl
		? unionOf(prepared.roots, parseUnsubscribe(config.unsubscribeUrl).roots)
		: prepared.roots;
	const days = dayFieldsOf(roots);
	const derivedDays = days.size
		? deriveDays(
				ownView(prepared.record, DAY_SOURCE_FIELDS),
				config.reference,
				config.defaultTimeZone,
				days,
			).values
		: undefined;
	return buildTemplateContext({
		item,
		record: prepared.record,
		derivedDays,
		parameters: config.parameters,
		unsubscribeLink,
		extraVariables: config.extraVariables,
		only: roots,
	});
}

// What deriveDays and customerTimeZone read of a record: handed to them as own properties only.
const DAY_SOURCE_FIELDS = [
	'timezone',
	...DAY_DERIVATIONS.flatMap((rule) => [rule.field, rule.from]),
];

// Both are worked out once per set of roots (the sets are remembered with the parsed content).
const unions = new WeakMap<
	ReadonlySet<string>,
	WeakMap<ReadonlySet<string>, ReadonlySet<string>>
>();
function unionOf(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
	let byB = unions.get(a);
	if (!byB) unions.set(a, (byB = new WeakMap()));
	let union = byB.get(b);
	if (!union) byB.set(b, (union = new Set([...a, ...b])));
	return union;
}

const dayFields = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();
/** The derived days_* fields among the variables. */
function dayFieldsOf(roots: ReadonlySet<string>): ReadonlySet<string> {
	let days = dayFields.get(roots);
	if (!days) {
		days = new Set(DAY_DERIVATIONS.map((rule) => rule.field).filter((field) => roots.has(field)));
		dayFields.set(roots, days);
	}
	return days;
}

const unsubscribeTemplates = new WeakMap<
	TemplateNode[],
	{ nodes: TemplateNode[]; variables: TemplateVariable[]; roots: ReadonlySet<string> }
>();
function parseUnsubscribe(source: string): {
	nodes: TemplateNode[];
	variables: TemplateVariable[];
	roots: ReadonlySet<string>;
} {
	const nodes = parseCached(source, 'Unsubscribe URL');
	let parsed = unsubscribeTemplates.get(nodes);
	if (!parsed) {
		const variables = templateVariables(nodes);
		parsed = { nodes, variables, roots: rootNames(variables) };
		unsubscribeTemplates.set(nodes, parsed);
	}
	return parsed;
}

/** The unsubscribe URL of an item: every variable required (a broken unsubscribe link is worse than none). */
function renderUnsubscribeUrl(source: string, context: unknown): string {
	const { nodes } = parseUnsubscribe(source);
	const result = renderTemplate(nodes, context, { target: 'url', policy: 'strict' });
	if (result.missing.length) {
		throw new MissingVariablesError(
			`Unsubscribe URL is missing ${result.missing.length} variable${result.missing.length > 1 ? 's' : ''}: ${listNames(result.missing)} (every variable of the unsubscribe URL is required, whatever Missing Variables says)`,
			result.missing,
		);
	}
	return assertUnsubscribeUrl(result.output.trim());
}

/** The names of the parts, each once, in order (each part lists a name once; a loop can list thousands). */
function mergeNames(parts: string[][]): string[] {
	const named = parts.filter((names) => names.length > 0);
	if (named.length <= 1) return named.length ? [...named[0]] : [];
	const seen = new Set<string>();
	const merged: string[] = [];
	for (const names of named) {
		for (const name of names) {
			if (seen.has(name)) continue;
			seen.add(name);
			merged.push(name);
		}
	}
	return merged;
}

/** Plain text as written, with trailing spaces and runs of blank lines (left by empty sections) tidied. */
export function tidyText(text: string): string {
	return text
		.replace(/[ \t]+$/gm, '')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

export function renderCustomerEmail(
	item: Record<string, unknown>,
	config: EmailConfig,
): RenderedEmail {
	checkEmailConfig(config);
	const prepared = prepare(item, config);
	const { template, locale, parsed, record } = prepared;

	let unsubscribeLink: string | null = null;
	if (config.unsubscribeUrl && config.unsubscribeUrl.trim() !== '') {
		unsubscribeLink = renderUnsubscribeUrl(
			config.unsubscribeUrl.trim(),
			contextFor(item, prepared, config),
		);
	}
	const context = contextFor(item, prepared, config, unsubscribeLink);

	// One budget for the whole email: its parts together are bounded by TEMPLATE_LIMITS.
	const budget = new RenderBudget();
	const options = (target: RenderOptions['target'], field: string): RenderOptions => ({
		target,
		policy: config.missingVariables,
		defaults: prepared.defaults,
		budget,
		field,
	});
	const subject = renderTemplate(
		parsed.subject,
		context,
		options('subject', prepared.labels.subject),
	);
	const html = renderTemplate(parsed.html, context, options('html', prepared.labels.html));
	const text = parsed.text
		? renderTemplate(parsed.text, context, options('text', prepared.labels.text))
		: null;

	const parts = text ? [subject, html, text] : [subject, html];
	const missing = mergeNames(parts.map((part) => part.missing));
	const defaulted = mergeNames(parts.map((part) => part.defaulted));
	const strict = config.missingVariables === 'strict';
	if (strict && missing.length) {
		throw new MissingVariablesError(
			`Template "${shortSource(template.id)}" (${locale}) is missing ${missing.length} variable${missing.length > 1 ? 's' : ''}: ${listNames(missing)}. Add ${missing.length > 1 ? 'them' : 'it'} to the item, the node's parameters or Extra Variables, or set Missing Variables to Lenient`,
			missing,
		);
	}

	const emailField = recordField(config.customerPath, 'email');
	const period = config.idempotency ?? 'off';
	return {
		templateId: template.id,
		locale,
		to: recipient(record, emailField, strict),
		from: senderAddress(config.parameters.senderName, config.parameters.senderEmail),
		subject: singleLine(subject.output).replace(/ {2,}/g, ' ').trim(),
		html: html.output,
		text: text
			? tidyText(text.output)
			: htmlToText(html.output, {
					maxLength: TEMPLATE_LIMITS.MAX_OUTPUT_LENGTH - budget.output,
					onTooLong: () => {
						throw outputLimitError(
							`${prepared.labels.html} (the text made from it)`,
							prepared.labels.html,
						);
					},
				}),
		missingVariables: missing,
		defaultedVariables: defaulted,
		headers: unsubscribeLink ? unsubscribeHeaders(unsubscribeLink) : {},
		idempotencyKey:
			period === 'off'
				? null
				: idempotencyKey(
						template.id,
						ownField(record, 'customer_id'),
						recordField(config.customerPath, 'customer_id'),
						period,
						config.reference,
						customerTimeZone(ownView(record, ['timezone']), config.defaultTimeZone),
					),
	};
}

export interface ListedVariable extends TemplateVariable {
	/** The lenient-mode default in this language, or null. */
	default: string | null;
	/** Whether this item (with the node's parameters) provides it. */
	provided: boolean;
}

export interface TemplateDescription {
	templateId: string;
	name: string;
	source: string;
	locale: string;
	locales: string[];
	variables: ListedVariable[];
	/** Required variables this item does not provide (strict mode would fail on them, lenient renders defaults). */
	missingVariables: string[];
}

/** What the template of an item needs, without rendering it: each variable, its default, and whether it is there. */
export function describeTemplateVariables(
	item: Record<string, unknown>,
	config: EmailConfig,
): TemplateDescription {
	checkEmailConfig(config);
	const prepared = prepare(item, config);
	let unsubscribeLink: string | null = null;
	if (config.unsubscribeUrl && config.unsubscribeUrl.trim() !== '') {
		try {
			unsubscribeLink = renderUnsubscribeUrl(
				config.unsubscribeUrl.trim(),
				contextFor(item, prepared, config),
			);
		} catch {
			unsubscribeLink = null; // reported as not provided
		}
	}
	const context = contextFor(item, prepared, config, unsubscribeLink);
	const variables = prepared.parsed.variables.map(
		(variable): ListedVariable => ({
			...variable,
			default: prepared.defaults.get(variable.name) ?? null,
			provided: !isMissing(getPath(context, variable.name), variable.name),
		}),
	);
	return {
		templateId: prepared.template.id,
		name: prepared.template.name,
		source: prepared.template.source,
		locale: prepared.locale,
		locales: Object.keys(prepared.template.locales),
		variables,
		missingVariables: variables
			.filter((variable) => variable.required && !variable.provided)
			.map((variable) => variable.name),
	};
}
