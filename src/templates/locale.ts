/**
 * The language of an email: the record's `locale`, then its language alone, then the node's default
 * (`es-MX` → `es` → default). Tags are read leniently (`es_MX`, `ES-mx`) and compared case-insensitively.
 */

export const TEMPLATE_LOCALES = ['en', 'es'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

/** `es_mx` → `es-MX`; null when it does not look like a language tag. */
export function normalizeLocale(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const parts = value.trim().replace(/_/g, '-').split('-');
	const [language, ...rest] = parts;
	if (!/^[A-Za-z]{2,3}$/.test(language)) return null;
	if (rest.some((part) => !/^[A-Za-z0-9]{1,8}$/.test(part))) return null;
	return [
		language.toLowerCase(),
		...rest.map((part, index) =>
			index === 0 && part.length === 2 ? part.toUpperCase() : part.toLowerCase(),
		),
	].join('-');
}

/** The tags tried in order: `es-MX` gives [`es-MX`, `es`, default]; no (or an unreadable) locale gives [default]. */
export function localeChain(requested: unknown, defaultLocale: string): string[] {
	const chain: string[] = [];
	const normalized = normalizeLocale(requested);
	if (normalized) {
		const parts = normalized.split('-');
		for (let length = parts.length; length >= 1; length--)
			chain.push(parts.slice(0, length).join('-'));
	}
	chain.push(defaultLocale);
	return [...new Set(chain)];
}

// Answers by list of languages (a template's list is built once), then default and requested tag: a few dozen tags.
const resolved = new WeakMap<readonly string[], Map<string, string>>();
const MAX_RESOLVED = 1000;

/** The first tag of the chain the template has (case-insensitive), as the template spells it. */
export function resolveLocale(
	requested: unknown,
	available: readonly string[],
	defaultLocale: string,
): string {
	if (typeof requested !== 'string') return findLocale(requested, available, defaultLocale);
	let answers = resolved.get(available);
	if (!answers) resolved.set(available, (answers = new Map()));
	const key = `${defaultLocale}\u0000${requested}`;
	let locale = answers.get(key);
	if (locale === undefined) {
		locale = findLocale(requested, available, defaultLocale);
		if (answers.size >= MAX_RESOLVED) answers.clear();
		answers.set(key, locale);
	}
	return locale;
}

function findLocale(
	requested: unknown,
	available: readonly string[],
	defaultLocale: string,
): string {
	const byLowerCase = new Map(available.map((tag) => [tag.toLowerCase(), tag]));
	for (const tag of localeChain(requested, defaultLocale)) {
		const found = byLowerCase.get(tag.toLowerCase());
		if (found) return found;
	}
	return defaultLocale;
}
