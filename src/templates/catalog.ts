import { BUILT_IN_TEMPLATE_IDS, BUILT_IN_TEMPLATES, TEMPLATE_ALIASES } from './builtins';
import type { EmailTemplate, TemplateContent } from './model';
import { parseTemplate, type TemplateNode } from './syntax';
import { templateVariables, type TemplateVariable } from './variables';

/** Looking up built-ins by id or alias, and parsing template content once. */

export class UnknownTemplateError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'UnknownTemplateError';
	}
}

export function canonicalTemplateId(id: string): string {
	return Object.prototype.hasOwnProperty.call(TEMPLATE_ALIASES, id) ? TEMPLATE_ALIASES[id] : id;
}

export function findBuiltInTemplate(id: string): EmailTemplate | undefined {
	const canonical = canonicalTemplateId(id);
	return BUILT_IN_TEMPLATES.find((template) => template.id === canonical);
}

/** The built-in with this id or alias; an unknown id fails naming where it came from and every valid id. */
export function builtInTemplate(id: unknown, field: string): EmailTemplate {
	const valid = [...BUILT_IN_TEMPLATE_IDS, ...Object.keys(TEMPLATE_ALIASES)].join(', ');
	if (typeof id !== 'string' || id.trim() === '') {
		throw new UnknownTemplateError(
			`${field}: must be a template ID such as "welcome_email" (got ${id === '' ? 'an empty text' : JSON.stringify(id ?? null)}). Valid IDs: ${valid}`,
			field,
		);
	}
	const template = findBuiltInTemplate(id.trim());
	if (!template) throw new UnknownTemplateError(`Unknown template "${id.trim()}" (from ${field}). Valid IDs: ${valid}`, field);
	return template;
}

export interface ParsedContent {
	subject: TemplateNode[];
	html: TemplateNode[];
	/** Null when the text body is to be generated from the HTML. */
	text: TemplateNode[] | null;
	variables: TemplateVariable[];
}

/** Labels of the parts in syntax errors, e.g. "Custom HTML: unclosed {{#if}} …". */
export interface ContentLabels {
	subject: string;
	html: string;
	text: string;
}

const parsedSources = new Map<string, TemplateNode[]>();
const MAX_CACHED_SOURCES = 500;

/** Parses a source once per label and text (custom templates repeat on every item). */
export function parseCached(source: string, label: string): TemplateNode[] {
	const key = `${label}\u0000${source}`;
	let nodes = parsedSources.get(key);
	if (!nodes) {
		nodes = parseTemplate(source, label);
		if (parsedSources.size >= MAX_CACHED_SOURCES) parsedSources.clear();
		parsedSources.set(key, nodes);
	}
	return nodes;
}

export function parseContent(content: TemplateContent, labels: ContentLabels): ParsedContent {
	const subject = parseCached(content.subject, labels.subject);
	const html = parseCached(content.html, labels.html);
	const text = content.text === null ? null : parseCached(content.text, labels.text);
	return { subject, html, text, variables: templateVariables(subject, html, ...(text ? [text] : [])) };
}

/** Labels for a built-in's parts: `Template "welcome_email" (es) subject`. */
export function builtInLabels(id: string, locale: string): ContentLabels {
	const prefix = `Template "${id}" (${locale})`;
	return { subject: `${prefix} subject`, html: `${prefix} HTML`, text: `${prefix} text` };
}
