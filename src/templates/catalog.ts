import { closestChoice, listChoices } from '../shared/preview';
import { BUILT_IN_TEMPLATE_IDS, BUILT_IN_TEMPLATES, TEMPLATE_ALIASES } from './builtins';
import type { EmailTemplate, TemplateContent } from './model';
import { analyseHtml } from './htmlContext';
import { preview, shortSource } from './preview';
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

const BUILT_IN_BY_ID = new Map(BUILT_IN_TEMPLATES.map((template) => [template.id, template]));

export function findBuiltInTemplate(id: string): EmailTemplate | undefined {
	return BUILT_IN_BY_ID.get(canonicalTemplateId(id));
}

/** The built-in with this id or alias; an unknown id fails naming where it came from, the nearest id and the first valid ids. */
export function builtInTemplate(id: unknown, field: string): EmailTemplate {
	const found = typeof id === 'string' ? findBuiltInTemplate(id.trim()) : undefined;
	if (found) return found;
	const ids = [...BUILT_IN_TEMPLATE_IDS, ...Object.keys(TEMPLATE_ALIASES)];
	const valid = listChoices(ids);
	if (typeof id !== 'string' || id.trim() === '') {
		throw new UnknownTemplateError(
			`${field}: must be a template ID such as "welcome_email" (got ${id === '' ? 'an empty text' : preview(id ?? null)}). Valid IDs: ${valid}`,
			field,
		);
	}
	const template = findBuiltInTemplate(id.trim());
	if (!template) {
		const closest = closestChoice(id.trim(), ids);
		const hint = closest === undefined ? '' : ` Did you mean "${closest}"?`;
		throw new UnknownTemplateError(
			`Unknown template "${shortSource(id.trim())}" (from ${field}).${hint} Valid IDs: ${valid}`,
			field,
		);
	}
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

// By label, then source: looking a source up by itself (not by a key built from it) lets V8 reuse the hash it keeps
// in the string, so a long HTML body is not read again for every item.
const parsedSources = new Map<string, Map<string, TemplateNode[]>>();
const MAX_CACHED_SOURCES = 500;
// Templates can come from items: 500 of a megabyte each must not stay in memory.
const MAX_CACHED_CHARACTERS = 10_000_000;
let cachedSources = 0;
let cachedCharacters = 0;

/** Parses a source once per label and text (custom templates repeat on every item). */
export function parseCached(source: string, label: string): TemplateNode[] {
	let byLabel = parsedSources.get(label);
	let nodes = byLabel?.get(source);
	if (!nodes) {
		nodes = parseTemplate(source, label);
		if (
			cachedSources >= MAX_CACHED_SOURCES ||
			cachedCharacters + source.length > MAX_CACHED_CHARACTERS
		) {
			parsedSources.clear();
			cachedSources = 0;
			cachedCharacters = 0;
			byLabel = undefined;
		}
		if (!byLabel) parsedSources.set(label, (byLabel = new Map()));
		byLabel.set(source, nodes);
		cachedSources++;
		cachedCharacters += source.length;
	}
	return nodes;
}

// The parsed content of a content object (a built-in's language, or a custom template the node built once), with
// the sources and labels it was parsed from: parsing and walking the tree for its variables is then done once.
interface ParsedEntry {
	sources: TemplateContent;
	labels: ContentLabels;
	parsed: ParsedContent;
}
const parsedContents = new WeakMap<TemplateContent, ParsedEntry>();

// A content object may be changed after it was parsed: the entry holds only while its parts and labels are the same.
const sameParts = (entry: ParsedEntry, content: TemplateContent, labels: ContentLabels) =>
	entry.sources.subject === content.subject &&
	entry.sources.html === content.html &&
	entry.sources.text === content.text &&
	entry.labels.subject === labels.subject &&
	entry.labels.html === labels.html &&
	entry.labels.text === labels.text;

export function parseContent(content: TemplateContent, labels: ContentLabels): ParsedContent {
	const known = parsedContents.get(content);
	if (known && sameParts(known, content, labels)) return known.parsed;
	const subject = parseCached(content.subject, labels.subject);
	const html = parseCached(content.html, labels.html);
	// Where each value of the HTML goes decides its escaping; a value where none can be safe fails here, at parse time.
	analyseHtml(html, labels.html);
	const text = content.text === null ? null : parseCached(content.text, labels.text);
	const parsed = {
		subject,
		html,
		text,
		variables: templateVariables(subject, html, ...(text ? [text] : [])),
	};
	parsedContents.set(content, { sources: { ...content }, labels: { ...labels }, parsed });
	return parsed;
}

/** Labels for a built-in's parts: `Template "welcome_email" (es) subject`. */
export function builtInLabels(id: string, locale: string): ContentLabels {
	const prefix = `Template "${id}" (${locale})`;
	return { subject: `${prefix} subject`, html: `${prefix} HTML`, text: `${prefix} text` };
}
