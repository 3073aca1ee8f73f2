import { buildHtml, buildText } from '../builder';
import type { TemplateLocale } from '../locale';
import { TEMPLATE_LOCALES } from '../locale';
import type { BuiltInDefinition, EmailTemplate } from '../model';
import { SEED_000_TEMPLATES } from './seed000';
import { SEED_001_TEMPLATES } from './seed001';
import { SEED_002_TEMPLATES } from './seed002';
import { SEED_003_TEMPLATES } from './seed003';
import { SEQUENCE_TEMPLATES } from './sequences';

/**
 * The built-in library: every template in English and Spanish, in catalogue order. The emails of the bundled
 * workflows (sequences.ts, mostly seed 002 §14.1's) follow seed 002's own, so the other seeds' templates keep their places.
 */

const UNSUBSCRIBE_LABEL: Record<TemplateLocale, string> = { en: 'Unsubscribe', es: 'Darse de baja' };

/**
 * Defaults every built-in shares (lenient mode only): a signature when neither the record's csm_name nor the
 * node's Sender Name is set.
 */
const COMMON_DEFAULTS: Record<string, Record<TemplateLocale, string>> = {
	csm_name: { en: 'Your Customer Success team', es: 'Tu equipo de Customer Success' },
	sender_name: { en: 'Your Customer Success team', es: 'Tu equipo de Customer Success' },
};

function compile(definition: BuiltInDefinition): EmailTemplate {
	const locales: EmailTemplate['locales'] = {};
	const defaults: EmailTemplate['defaults'] = {};
	for (const locale of TEMPLATE_LOCALES) {
		const { subject, blocks } = definition[locale];
		locales[locale] = {
			subject,
			html: buildHtml(blocks, UNSUBSCRIBE_LABEL[locale]),
			text: buildText(blocks, UNSUBSCRIBE_LABEL[locale]),
		};
		defaults[locale] = {};
		for (const [variable, byLocale] of Object.entries({ ...COMMON_DEFAULTS, ...definition.defaults })) {
			defaults[locale][variable] = byLocale[locale];
		}
	}
	return {
		id: definition.id,
		name: definition.name,
		source: definition.source,
		trigger: definition.trigger ?? null,
		locales,
		defaults,
	};
}

export const BUILT_IN_TEMPLATES: readonly EmailTemplate[] = [
	...SEED_002_TEMPLATES,
	...SEQUENCE_TEMPLATES,
	...SEED_001_TEMPLATES,
	...SEED_003_TEMPLATES,
	...SEED_000_TEMPLATES,
].map(compile);

export const BUILT_IN_TEMPLATE_IDS: readonly string[] = BUILT_IN_TEMPLATES.map((template) => template.id);

/**
 * Other names of built-ins. `nps_followup` is the name seed 002 §7.1 SAVE_PLAYBOOKS.nps_detractor gives the
 * template that §9.1 writes as `nps_followup_detractor`.
 */
export const TEMPLATE_ALIASES: Readonly<Record<string, string>> = {
	nps_followup: 'nps_followup_detractor',
};
