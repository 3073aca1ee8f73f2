import { BUILT_IN_PLAYBOOKS } from '../../../src/playbooks';
import {
	BUILT_IN_TEMPLATE_IDS,
	BUILT_IN_TEMPLATES,
	builtInLabels,
	builtInTemplate,
	parseContent,
	renderCustomerEmail,
	TEMPLATE_ALIASES,
	TEMPLATE_LOCALES,
	type EmailTemplate,
} from '../../../src/templates';
import { INTERVENTION_WINBACK_TEMPLATES } from '../../../src/templates/builtins/interventionAndWinback';
import { HEALTH_EXPANSION_TEMPLATES } from '../../../src/templates/builtins/healthAndExpansion';
import { CORE_TEMPLATES } from '../../../src/templates/builtins/core';
import { REENGAGEMENT_TEMPLATES } from '../../../src/templates/builtins/reengagementSequence';
import { SEQUENCE_TEMPLATES } from '../../../src/templates/builtins/sequences';
import { builtIn, config, FULL_ITEM } from './fixtures';

const variablesOf = (template: EmailTemplate, locale: string) =>
	parseContent(template.locales[locale], builtInLabels(template.id, locale)).variables.map(
		(variable) =>
			`${variable.name}${variable.usage === 'list' ? '[]' : ''}${variable.required ? '' : '?'}`,
	);

/** Every built-in with its subject in English and Spanish, rendered from FULL_ITEM (product "Chatly"). */
const SUBJECTS: [string, string, string][] = [
	['welcome_email', 'Welcome to Chatly, Ana!', '¡Bienvenido a Chatly, Ana!'],
	['reengagement_7_days', 'Ana, is everything OK? 🤔', 'Ana, ¿todo bien? 🤔'],
	[
		'value_recap_monthly',
		'📊 Your month in Chatly: 1250 automated conversations',
		'📊 Tu mes en Chatly: 1250 conversaciones automatizadas',
	],
	['value_recap_urgent', 'Ana, what Chatly does for Acme', 'Ana, lo que Chatly aporta a Acme'],
	['renewal_60_days', 'Ana, your renewal is coming up', 'Ana, tu renovación se acerca'],
	[
		'nps_followup_detractor',
		'Ana, thank you for your feedback - can we talk?',
		'Ana, gracias por tu feedback - ¿podemos hablar?',
	],
	[
		'health_healthy',
		'🎉 Acme - Outstanding Results This Month!',
		'🎉 Acme - ¡Resultados excepcionales este mes!',
	],
	[
		'health_at_risk',
		"🤔 Let's Optimize Your Chatly Performance",
		'🤔 Optimicemos tu rendimiento con Chatly',
	],
	[
		'health_critical',
		"🚨 URGENT: Let's Save Your Chatly Success",
		'🚨 URGENTE: Salvemos tu éxito con Chatly',
	],
	[
		'expansion_discovery',
		'🚀 Acme - Ready for the Next Level?',
		'🚀 Acme - ¿Listos para el siguiente nivel?',
	],
	[
		'reengagement_day1_checkin',
		'Ana, how are things going with Chatly?',
		'Ana, ¿qué tal te va con Chatly?',
	],
	[
		'reengagement_day3_feature_spotlight',
		'Ana, have you tried Auto-replies?',
		'Ana, ¿has probado Auto-replies?',
	],
	[
		'reengagement_day7_success_story',
		'How Globex gets results with Chatly',
		'Cómo Globex consigue resultados con Chatly',
	],
	[
		'reengagement_day21_last_chance',
		'Ana, my last note about Chatly',
		'Ana, mi último mensaje sobre Chatly',
	],
	[
		'intervention_no_login_7_days',
		'Ana, do you need help setting up Chatly?',
		'Ana, ¿necesitas ayuda con la configuración de Chatly?',
	],
	[
		'intervention_no_key_action_14_days',
		'Ana, shall I show you the booking calendar in 15 minutes?',
		'Ana, ¿te enseño the booking calendar en 15 minutos?',
	],
	[
		'intervention_low_rating_offer',
		"Ana, we're sorry: let us make it right",
		'Ana, lo sentimos: queremos compensarte',
	],
	[
		'intervention_trial_expiring',
		'Ana, your Chatly trial is ending soon',
		'Ana, tu prueba de Chatly está por terminar',
	],
	['winback_we_miss_you', 'We miss you, Ana', 'Te echamos de menos, Ana'],
	['winback_whats_new', "Ana, here's what's new in Chatly", 'Ana, esto es lo nuevo en Chatly'],
	[
		'winback_offer',
		'Ana, an offer to welcome you back to Chatly',
		'Ana, una oferta para que vuelvas a Chatly',
	],
];

/** The variables of every built-in ([] a list, ? optional), the README table's content. */
const VARIABLES: Record<string, string[]> = {
	welcome_email: [
		'product_name',
		'first_name',
		'csm_name',
		'next_steps[]?',
		'csm_email',
		'unsubscribe_link?',
	],
	reengagement_7_days: [
		'first_name',
		'product_name',
		'recent_features[]',
		'csm_name',
		'unsubscribe_link?',
	],
	value_recap_monthly: [
		'product_name',
		'conversations_handled',
		'first_name',
		'automation_rate',
		'hours_saved',
		'leads_captured',
		'satisfaction_rate',
		'recommendation',
		'calendar_link',
		'csm_name',
		'unsubscribe_link?',
	],
	value_recap_urgent: [
		'first_name',
		'product_name',
		'company',
		'value_highlights[]',
		'calendar_link',
		'csm_name',
		'unsubscribe_link?',
	],
	renewal_60_days: [
		'first_name',
		'product_name',
		'renewal_date',
		'plan',
		'current_price',
		'calendar_link',
		'csm_name',
		'unsubscribe_link?',
	],
	nps_followup_detractor: ['first_name', 'calendar_link', 'csm_name', 'unsubscribe_link?'],
	health_healthy: [
		'company',
		'first_name',
		'product_name',
		'open_rate_percent',
		'industry_open_rate_percent',
		'conversion_rate_percent',
		'industry_conversion_rate_percent',
		'revenue_generated',
		'roi_percent',
		'new_feature',
		'expansion_recommendation',
		'calendar_link?',
		'csm_name',
		'unsubscribe_link?',
	],
	health_at_risk: [
		'product_name',
		'first_name',
		'open_rate_percent',
		'click_rate_percent',
		'conversion_rate_percent',
		'issues[]',
		'action_plan[]',
		'calendar_link?',
		'csm_name',
		'unsubscribe_link?',
	],
	health_critical: [
		'product_name',
		'first_name',
		'health.score',
		'main_issues',
		'action_today',
		'action_this_week',
		'action_next_week',
		'calendar_link',
		'csm_phone?',
		'csm_name',
		'csm_email',
		'unsubscribe_link?',
	],
	expansion_discovery: [
		'company',
		'first_name',
		'roi_percent',
		'revenue_impact',
		'hours_saved',
		'expansion_opportunity',
		'expansion_value',
		'benefits[]',
		'calendar_link?',
		'csm_name',
		'unsubscribe_link?',
	],
	reengagement_day1_checkin: [
		'first_name',
		'product_name',
		'dashboard_link',
		'csm_name',
		'unsubscribe_link?',
	],
	reengagement_day3_feature_spotlight: [
		'first_name',
		'feature_name',
		'product_name',
		'feature_benefit',
		'feature_link',
		'csm_name',
		'unsubscribe_link?',
	],
	reengagement_day7_success_story: [
		'story_company',
		'product_name',
		'first_name',
		'story_summary',
		'story_link',
		'company',
		'calendar_link',
		'csm_name',
		'unsubscribe_link?',
	],
	reengagement_day21_last_chance: [
		'first_name',
		'product_name',
		'company',
		'dashboard_link',
		'csm_name',
		'unsubscribe_link?',
	],
	intervention_no_login_7_days: [
		'first_name',
		'product_name',
		'help_link',
		'csm_name',
		'unsubscribe_link?',
	],
	intervention_no_key_action_14_days: [
		'first_name',
		'key_feature',
		'product_name',
		'calendar_link',
		'csm_name',
		'unsubscribe_link?',
	],
	intervention_low_rating_offer: [
		'first_name',
		'product_name',
		'offer',
		'offer_link?',
		'csm_name',
		'unsubscribe_link?',
	],
	intervention_trial_expiring: [
		'first_name',
		'product_name',
		'trial_days_remaining',
		'calendar_link',
		'sender_name',
		'unsubscribe_link?',
	],
	winback_we_miss_you: [
		'first_name',
		'company',
		'product_name',
		'churn_survey_link',
		'csm_name',
		'unsubscribe_link?',
	],
	winback_whats_new: [
		'first_name',
		'product_name',
		'new_features[]',
		'reactivation_link',
		'csm_name',
		'unsubscribe_link?',
	],
	winback_offer: [
		'first_name',
		'product_name',
		'company',
		'offer',
		'reactivation_link',
		'csm_name',
		'unsubscribe_link?',
	],
};

/** The bundled workflows' templates, tested in sequences.test.ts; they follow the agent specification's own in the catalogue. */
const SEQUENCE_IDS = SEQUENCE_TEMPLATES.map((definition) => definition.id);

describe('built-in email templates', () => {
	it('has every template of the seeds, in catalogue order', () => {
		const seeds = SUBJECTS.map(([id]) => id);
		const seed002 = CORE_TEMPLATES.length;
		expect(BUILT_IN_TEMPLATE_IDS).toEqual([
			...seeds.slice(0, seed002),
			...SEQUENCE_IDS,
			...seeds.slice(seed002),
		]);
		expect(Object.keys(VARIABLES)).toEqual(seeds);
	});

	it('has every template id the CS Playbook names (directly or by alias)', () => {
		const named = new Set(
			BUILT_IN_PLAYBOOKS.flatMap((playbook) => playbook.steps.map((step) => step.template)).filter(
				(id) => id !== null,
			),
		);
		expect([...named].sort()).toEqual([
			'intervention_low_rating_offer',
			'intervention_no_login_7_days',
			'nps_followup',
			'reengagement_7_days',
			'renewal_60_days',
			'value_recap_urgent',
			'welcome_email',
			'winback_offer',
			'winback_we_miss_you',
			'winback_whats_new',
		]);
		for (const id of named)
			expect(builtInTemplate(id, 'playbook').id).toBe(TEMPLATE_ALIASES[id as string] ?? id);
		expect(TEMPLATE_ALIASES).toEqual({ nps_followup: 'nps_followup_detractor' });
	});

	it('has English and Spanish for every template, with the same variables in both', () => {
		for (const template of BUILT_IN_TEMPLATES) {
			expect(Object.keys(template.locales)).toEqual([...TEMPLATE_LOCALES]);
			expect(variablesOf(template, 'es')).toEqual(variablesOf(template, 'en'));
			if (!SEQUENCE_IDS.includes(template.id))
				expect(variablesOf(template, 'en')).toEqual(VARIABLES[template.id]);
		}
	});

	it('declares defaults only for variables the template uses', () => {
		for (const definition of [
			...CORE_TEMPLATES,
			...HEALTH_EXPANSION_TEMPLATES,
			...REENGAGEMENT_TEMPLATES,
			...INTERVENTION_WINBACK_TEMPLATES,
		]) {
			const used = VARIABLES[definition.id].map((name) => name.replace(/\[\]|\?/g, ''));
			for (const variable of Object.keys(definition.defaults ?? {}))
				expect(used).toContain(variable);
		}
	});

	it('keeps docs/sources.md#cs-email-templates subjects verbatim in Spanish', () => {
		const spanish = Object.fromEntries(
			BUILT_IN_TEMPLATES.map((template) => [template.id, template.locales.es.subject]),
		);
		expect(spanish.welcome_email).toBe('¡Bienvenido a {{product_name}}, {{first_name}}!');
		expect(spanish.reengagement_7_days).toBe('{{first_name}}, ¿todo bien? 🤔');
		expect(spanish.value_recap_monthly).toBe(
			'📊 Tu mes en {{product_name}}: {{conversations_handled}} conversaciones automatizadas',
		);
		expect(spanish.renewal_60_days).toBe('{{first_name}}, tu renovación se acerca');
		expect(spanish.nps_followup_detractor).toBe(
			'{{first_name}}, gracias por tu feedback - ¿podemos hablar?',
		);
	});

	describe.each(SUBJECTS)('%s', (id, english, spanish) => {
		it.each([
			['en', english],
			['es', spanish],
		])(
			'renders in %s with every variable present: exact subject, no tag left, nothing missing',
			(locale, subject) => {
				const email = renderCustomerEmail({ ...FULL_ITEM, locale }, config(builtIn(id)));
				expect(email.subject).toBe(subject);
				expect(email.templateId).toBe(id);
				expect(email.locale).toBe(locale);
				expect(email.missingVariables).toEqual([]);
				expect(email.defaultedVariables).toEqual([]);
				expect(email.to).toBe('ana@acme.test');
				for (const part of [email.subject, email.html, email.text]) {
					expect(part).not.toMatch(/\{\{|\}\}/);
					expect(part).not.toContain('undefined');
				}
				expect(
					email.html.startsWith('<div style="font-family: Arial, Helvetica, sans-serif;'),
				).toBe(true);
				expect(email.html).toContain(email.locale === 'es' ? 'Hola Ana,' : 'Hi Ana,');
				expect(email.text.startsWith(email.locale === 'es' ? 'Hola Ana,\n\n' : 'Hi Ana,\n\n')).toBe(
					true,
				);
				// The footer shows only with an unsubscribe link.
				expect(email.html).not.toContain('Unsubscribe');
				expect(email.html).not.toContain('Darse de baja');
			},
		);
	});
});
