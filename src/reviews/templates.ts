import {
	buildHtml,
	buildText,
	each,
	lines,
	p,
	section,
	when,
	whenElse,
	type Block,
} from '../templates/builder';
import { parseContent, type ParsedContent } from '../templates/catalog';
import { tidyText } from '../templates/email';
import { singleLine } from '../templates/escape';
import { TEMPLATE_LOCALES } from '../templates/locale';
import type { TemplateContent } from '../templates/model';
import { RenderBudget, renderTemplate } from '../templates/render';
import type { ReviewLocale } from './text';

/**
 * The review emails, written once as blocks of the package's template builder (src/templates/builder.ts) and rendered
 * by its engine: every value HTML-escaped in the HTML body, links checked, the plain text written beside the HTML.
 * They are owned by this module, not the CS Email Template catalogue: their variables are the review's own view
 * (reviewView in evaluate.ts), already worded and formatted in the email's language.
 *
 * - `business_review_monthly`: seed 001's monthly results email for healthy customers ("Outstanding Results This
 *   Month": this month's results, what's next, a 15-minute call; docs/sources.md#health-category-emails), grown into
 *   the MBR of seed 000 §7 (ROI review, usage analysis, roadmap, churn risk; docs/sources.md#business-reviews).
 * - `business_review_quarterly`: seed 002 §12.1's QBR agenda in its order (executive summary, value delivered,
 *   product usage, support review, success plan review, next quarter planning, open discussion).
 */

export const REVIEW_KINDS = ['monthly', 'quarterly'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export const REVIEW_TEMPLATE_IDS: Record<ReviewKind, string> = {
	monthly: 'business_review_monthly',
	quarterly: 'business_review_quarterly',
};

const UNSUBSCRIBE: Record<ReviewLocale, string> = { en: 'Unsubscribe', es: 'Darse de baja' };

interface Words {
	subject: string;
	hello: string;
	helloAnonymous: string;
	intro: string;
	highlights: string;
	noHighlights: string;
	challenges: string;
	recommendations: string;
	value: string;
	usage: string;
	support: string;
	plan: string;
	noPlan: string;
	completed: string;
	upcoming: string;
	nextPeriod: string;
	carryOver: string;
	newGoals: string;
	openDiscussion: string;
	next: string;
	book: string;
	signOff: string;
}

const MONTHLY: Record<ReviewLocale, Words> = {
	en: {
		subject: '📊 {{#if company}}{{company}} - {{/if}}Your results for {{period_label}}',
		hello: 'Hi {{first_name}},',
		helloAnonymous: 'Hi,',
		intro: 'Here is your monthly business review for {{period_label}}.',
		highlights: "📊 This month's results:",
		noHighlights: 'No results to highlight this month yet.',
		challenges: '⚠️ Needs attention:',
		recommendations: '💡 Our recommendations:',
		value: '💰 Value delivered:',
		usage: '📈 Usage:',
		support: '🎧 Support:',
		plan: '🎯 Success plan:',
		noPlan: 'There are no success-plan goals yet: let us set them together.',
		completed: 'Initiatives completed:',
		upcoming: 'Initiatives planned:',
		nextPeriod: '🗓️ Planning {{next_period_label}}:',
		carryOver: 'Goals we keep working on:',
		newGoals: 'New goals, initiatives and success metrics to agree together.',
		openDiscussion: 'Open discussion:',
		next: "🚀 What's next:",
		book: '[Book a 15-minute call](calendar_link)',
		signOff: 'Best regards,',
	},
	es: {
		subject: '📊 {{#if company}}{{company}} - {{/if}}Tus resultados de {{period_label}}',
		hello: 'Hola {{first_name}},',
		helloAnonymous: 'Hola,',
		intro: 'Esta es tu revisión mensual de negocio de {{period_label}}.',
		highlights: '📊 Resultados de este mes:',
		noHighlights: 'Todavía no hay resultados que destacar este mes.',
		challenges: '⚠️ Requiere atención:',
		recommendations: '💡 Nuestras recomendaciones:',
		value: '💰 Valor aportado:',
		usage: '📈 Uso:',
		support: '🎧 Soporte:',
		plan: '🎯 Plan de éxito:',
		noPlan: 'Aún no hay objetivos en el plan de éxito: definámoslos juntos.',
		completed: 'Iniciativas completadas:',
		upcoming: 'Iniciativas previstas:',
		nextPeriod: '🗓️ Planificación de {{next_period_label}}:',
		carryOver: 'Objetivos en los que seguimos trabajando:',
		newGoals: 'Nuevos objetivos, iniciativas y métricas de éxito que acordar juntos.',
		openDiscussion: 'Temas abiertos:',
		next: '🚀 Próximos pasos:',
		book: '[Agenda una llamada de 15 minutos](calendar_link)',
		signOff: 'Un saludo,',
	},
};

const QUARTERLY: Record<ReviewLocale, Words> = {
	en: {
		...MONTHLY.en,
		subject: '{{#if company}}{{company}}: {{/if}}Quarterly business review, {{period_label}}',
		intro: 'Here is your quarterly business review for {{period_label}}, ahead of our meeting.',
		highlights: '✅ Highlights:',
		noHighlights: 'No highlights this quarter yet.',
		challenges: '⚠️ Challenges:',
		recommendations: '💡 Recommendations:',
		value: '💰 Value delivered:',
		usage: '📈 Product usage:',
		support: '🎧 Support review:',
		plan: '🎯 Success plan review:',
		next: '🚀 Next steps:',
		book: '[Book our review meeting](calendar_link)',
	},
	es: {
		...MONTHLY.es,
		subject: '{{#if company}}{{company}}: {{/if}}Revisión trimestral de negocio, {{period_label}}',
		intro:
			'Esta es tu revisión trimestral de negocio de {{period_label}}, antes de nuestra reunión.',
		highlights: '✅ Aspectos destacados:',
		noHighlights: 'Todavía no hay aspectos que destacar este trimestre.',
		challenges: '⚠️ Retos:',
		recommendations: '💡 Recomendaciones:',
		value: '💰 Valor aportado:',
		usage: '📈 Uso del producto:',
		support: '🎧 Revisión del soporte:',
		plan: '🎯 Revisión del plan de éxito:',
		next: '🚀 Próximos pasos:',
		book: '[Agenda nuestra reunión de revisión](calendar_link)',
	},
};

const list = (title: string, variable: string): Block =>
	when(variable, section(title, each(variable)));

function blocks(kind: ReviewKind, w: Words): Block[] {
	const greeting = whenElse('first_name', [p(w.hello)], [p(w.helloAnonymous)]);
	const highlights = whenElse(
		'highlights',
		[section(w.highlights, each('highlights'))],
		[section(w.highlights, p(w.noHighlights))],
	);
	const plan = section(
		w.plan,
		whenElse('goal_lines', [each('goal_lines')], [p(w.noPlan)]),
		...(kind === 'quarterly'
			? [list(w.completed, 'completed_initiatives'), list(w.upcoming, 'upcoming_initiatives')]
			: []),
	);
	const closing = [
		section(w.next, each('next_steps')),
		when('calendar_link', p(w.book)),
		lines(w.signOff, '{{csm_name}}'),
	];
	if (kind === 'monthly') {
		return [
			greeting,
			p(w.intro),
			highlights,
			list(w.challenges, 'challenges'),
			list(w.value, 'value_lines'),
			list(w.usage, 'usage_lines'),
			list(w.support, 'support_lines'),
			plan,
			list(w.recommendations, 'recommendations'),
			...closing,
		];
	}
	return [
		greeting,
		p(w.intro),
		highlights,
		list(w.challenges, 'challenges'),
		list(w.recommendations, 'recommendations'),
		list(w.value, 'value_lines'),
		list(w.usage, 'usage_lines'),
		list(w.support, 'support_lines'),
		plan,
		section(
			w.nextPeriod,
			whenElse('carry_over_goals', [p(w.carryOver), each('carry_over_goals')], [p(w.newGoals)]),
		),
		list(w.openDiscussion, 'open_questions'),
		...closing,
	];
}

function compile(kind: ReviewKind, locale: ReviewLocale): TemplateContent {
	const words = (kind === 'monthly' ? MONTHLY : QUARTERLY)[locale];
	const body = blocks(kind, words);
	return {
		subject: words.subject,
		html: buildHtml(body, UNSUBSCRIBE[locale]),
		text: buildText(body, UNSUBSCRIBE[locale]),
	};
}

/** The review templates by kind and language: built at load time from our own constant text. */
export const REVIEW_TEMPLATES: Readonly<Record<ReviewKind, Record<ReviewLocale, TemplateContent>>> =
	{
		monthly: Object.fromEntries(
			TEMPLATE_LOCALES.map((locale) => [locale, compile('monthly', locale)]),
		) as Record<ReviewLocale, TemplateContent>,
		quarterly: Object.fromEntries(
			TEMPLATE_LOCALES.map((locale) => [locale, compile('quarterly', locale)]),
		) as Record<ReviewLocale, TemplateContent>,
	};

/** Each review template is parsed once per process, on first use, not once per customer. */
const PARSED = new Map<string, ParsedContent>();

function parsed(kind: ReviewKind, locale: ReviewLocale): ParsedContent {
	const key = `${kind}:${locale}`;
	let content = PARSED.get(key);
	if (!content) {
		const prefix = `Template "${REVIEW_TEMPLATE_IDS[kind]}" (${locale})`;
		content = parseContent(REVIEW_TEMPLATES[kind][locale], {
			subject: `${prefix} subject`,
			html: `${prefix} HTML`,
			text: `${prefix} text`,
		});
		PARSED.set(key, content);
	}
	return content;
}

export interface RenderedReview {
	subject: string;
	html: string;
	text: string;
}

/**
 * Renders a review's view through the template engine. Missing variables are never an error: every section the view
 * may lack is inside an {{#if}}, and the view gives the rest.
 */
export function renderReviewEmail(
	kind: ReviewKind,
	locale: ReviewLocale,
	view: Record<string, unknown>,
): RenderedReview {
	const content = parsed(kind, locale);
	const budget = new RenderBudget();
	const render = (nodes: ParsedContent['html'], target: 'subject' | 'html' | 'text') =>
		renderTemplate(nodes, view, { target, policy: 'lenient', budget }).output;
	const subject = render(content.subject, 'subject');
	const html = render(content.html, 'html');
	const text = render(content.text ?? [], 'text');
	return {
		subject: singleLine(subject).replace(/ {2,}/g, ' ').trim(),
		html,
		text: tidyText(text),
	};
}
