import { buildHtml, buildText } from '../builder';
import type { TemplateLocale } from '../locale';
import { TEMPLATE_LOCALES } from '../locale';
import type { BuiltInDefinition, EmailTemplate } from '../model';
import { INTERVENTION_WINBACK_TEMPLATES } from './interventionAndWinback';
import { HEALTH_EXPANSION_TEMPLATES } from './healthAndExpansion';
import { CORE_TEMPLATES } from './core';
import { REENGAGEMENT_TEMPLATES } from './reengagementSequence';
import { SEQUENCE_TEMPLATES } from './sequences';

/**
 * The built-in library: every template in English and Spanish, in catalogue order. The emails of the bundled
 * workflows (sequences.ts, mostly docs/sources.md#cs-workflows) follow the agent specification's own, so the other seeds' templates keep their places.
 */

const UNSUBSCRIBE_LABEL: Record<TemplateLocale, string> = {
	en: 'Unsubscribe',
	es: 'Darse de baja',
};

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
		for (const [variable, byLocale] of Object.entries({
			...COMMON_DEFAULTS,
			...definition.defaults,
		})) {
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
	...CORE_TEMPLATES,
	...SEQUENCE_TEMPLATES,
	...HEALTH_EXPANSION_TEMPLATES,
	...REENGAGEMENT_TEMPLATES,
	...INTERVENTION_WINBACK_TEMPLATES,
].map(compile);

export const BUILT_IN_TEMPLATE_IDS: readonly string[] = BUILT_IN_TEMPLATES.map(
	(template) => template.id,
);

/**
 * Other names of built-ins. `nps_followup` is the name docs/sources.md#save-playbooks SAVE_PLAYBOOKS.nps_detractor gives the
 * template that the agent specification (docs/sources.md#cs-email-templates) writes as `nps_followup_detractor`.
 */
export const TEMPLATE_ALIASES: Readonly<Record<string, string>> = {
	nps_followup: 'nps_followup_detractor',
};
