import type { Block } from './builder';
import type { TemplateLocale } from './locale';

/** An email template: per language, a subject, an HTML body and (optionally) a plain-text body. */

export interface TemplateContent {
	subject: string;
	html: string;
	/** Null: the text body is generated from the rendered HTML. */
	text: string | null;
}

export interface EmailTemplate {
	id: string;
	name: string;
	/** Where it comes from, e.g. "CS email template: welcome email (docs/sources.md#cs-email-templates)", or "custom". */
	source: string;
	/** What sends it in the seeds (e.g. "no_login_7_days"); null when the seed does not say. */
	trigger: string | null;
	/** Content by language tag; built-ins have `en` and `es`. */
	locales: Record<string, TemplateContent>;
	/** Lenient-mode defaults by language, then variable path. */
	defaults: Record<string, Record<string, string>>;
}

/** How a built-in is written: blocks per language (see builder.ts) and defaults per variable and language. */
export interface BuiltInDefinition {
	id: string;
	name: string;
	source: string;
	trigger?: string;
	en: { subject: string; blocks: Block[] };
	es: { subject: string; blocks: Block[] };
	defaults?: Record<string, Record<TemplateLocale, string>>;
}
