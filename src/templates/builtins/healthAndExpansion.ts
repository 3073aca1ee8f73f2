import { each, lines, ol, p, section, ul, when } from '../builder';
import type { BuiltInDefinition } from '../model';

/**
 * docs/sources.md#health-category-emails (the communication template of each health category) and "Templates de
 * Expansión" (Expansion Discovery Email). The seed writes them in English with [Name]-style placeholders; we keep
 * the English and map each placeholder to a snake_case variable (our Spanish is a translation):
 * - [Name] → first_name, [Company] → company, [CSM Name] → csm_name, [Phone] → csm_phone, [Email] → csm_email;
 * - "AI Email" / "AI email campaigns" (the email platform guide's own product) → {{product_name}};
 * - open, click and conversion rates → open_rate_percent, click_rate_percent, conversion_rate_percent (derived
 *   from the record's 0-1 open_rate, click_rate, conversion_rate, the fields of the email platform guide's health model);
 *   ROI → roi_percent (same model); Health Score → health.score (the Customer Health Score node's output);
 * - lists of issues, actions and benefits ([Issue 1], [Issue 2], …) → list variables shown as bullets;
 * - the critical email's "Available times: Today: [Time 1], [Time 2] …" → a link to the CSM's calendar
 *   (calendar_link): a workflow cannot know the CSM's free slots, a booking page does;
 * - the expansion email's "(exceeding our 300% guarantee)" is the email platform guide's product promise and is left out;
 * - a booking link after "Let's schedule a call" is added, shown only when calendar_link is set.
 */
const HEALTH = 'Health category email';

export const HEALTH_EXPANSION_TEMPLATES: BuiltInDefinition[] = [
	{
		id: 'health_healthy',
		name: 'Health: Healthy (Outstanding Results)',
		source: `${HEALTH}: healthy, 80-100 (docs/sources.md#health-category-emails)`,
		trigger: 'health_healthy',
		en: {
			subject: '🎉 {{company}} - Outstanding Results This Month!',
			blocks: [
				p('Hi {{first_name}},'),
				p('Congratulations! Your {{product_name}} campaigns are performing exceptionally well:'),
				section(
					"📊 This Month's Results:",
					ul(
						'Open Rate: {{open_rate_percent}}% (vs {{industry_open_rate_percent}}% industry average)',
						'Conversion Rate: {{conversion_rate_percent}}% (vs {{industry_conversion_rate_percent}}% industry average)',
						'Revenue Generated: {{revenue_generated}} (ROI: {{roi_percent}}%)',
					),
				),
				section(
					"🚀 What's Next:",
					ul(
						'New feature: {{new_feature}} - ready to implement',
						'Expansion opportunity: {{expansion_recommendation}}',
						'Case study: Would you be interested in being featured?',
					),
				),
				p("Let's schedule a 15-minute call to discuss how we can take this to the next level."),
				when('calendar_link', p('[Book a 15-minute call](calendar_link)')),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '🎉 {{company}} - ¡Resultados excepcionales este mes!',
			blocks: [
				p('Hola {{first_name}},'),
				p('¡Felicidades! Tus campañas con {{product_name}} están dando resultados excepcionales:'),
				section(
					'📊 Resultados de este mes:',
					ul(
						'Tasa de apertura: {{open_rate_percent}}% (frente al {{industry_open_rate_percent}}% de media del sector)',
						'Tasa de conversión: {{conversion_rate_percent}}% (frente al {{industry_conversion_rate_percent}}% de media del sector)',
						'Ingresos generados: {{revenue_generated}} (ROI: {{roi_percent}}%)',
					),
				),
				section(
					'🚀 Próximos pasos:',
					ul(
						'Nueva funcionalidad: {{new_feature}}, lista para implementar',
						'Oportunidad de expansión: {{expansion_recommendation}}',
						'Caso de éxito: ¿te interesaría que publicáramos tu caso?',
					),
				),
				p('Agendemos una llamada de 15 minutos para ver cómo llevar esto al siguiente nivel.'),
				when('calendar_link', p('[Agenda una llamada de 15 minutos](calendar_link)')),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		id: 'health_at_risk',
		name: 'Health: At Risk (Optimize Performance)',
		source: `${HEALTH}: at risk, 60-79 (docs/sources.md#health-category-emails)`,
		trigger: 'health_at_risk',
		en: {
			subject: "🤔 Let's Optimize Your {{product_name}} Performance",
			blocks: [
				p('Hi {{first_name}},'),
				p(
					"I noticed your recent campaigns haven't been performing as expected. Let's identify what's happening and get you back on track.",
				),
				section(
					'📊 Current Performance:',
					ul(
						'Open Rate: {{open_rate_percent}}% (target: 30%+)',
						'Click Rate: {{click_rate_percent}}% (target: 6%+)',
						'Conversion: {{conversion_rate_percent}}% (target: 10%+)',
					),
				),
				section('🔍 Potential Issues:', each('issues')),
				section('💡 Action Plan:', each('action_plan', true)),
				p(
					'Can we schedule a 30-minute call this week to work through these optimizations together?',
				),
				when('calendar_link', p('[Book a 30-minute call](calendar_link)')),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '🤔 Optimicemos tu rendimiento con {{product_name}}',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'He notado que tus campañas recientes no están dando los resultados esperados. Veamos qué está pasando y volvamos al buen camino.',
				),
				section(
					'📊 Rendimiento actual:',
					ul(
						'Tasa de apertura: {{open_rate_percent}}% (objetivo: 30%+)',
						'Tasa de clics: {{click_rate_percent}}% (objetivo: 6%+)',
						'Conversión: {{conversion_rate_percent}}% (objetivo: 10%+)',
					),
				),
				section('🔍 Posibles problemas:', each('issues')),
				section('💡 Plan de acción:', each('action_plan', true)),
				p(
					'¿Podemos agendar una llamada de 30 minutos esta semana para trabajar juntos en estas optimizaciones?',
				),
				when('calendar_link', p('[Agenda una llamada de 30 minutos](calendar_link)')),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		id: 'health_critical',
		name: 'Health: Critical (Urgent Intervention)',
		source: `${HEALTH}: critical, 0-59 (docs/sources.md#health-category-emails)`,
		trigger: 'health_critical',
		en: {
			subject: "🚨 URGENT: Let's Save Your {{product_name}} Success",
			blocks: [
				p('Hi {{first_name}},'),
				p(
					"I'm concerned about your recent results and want to make sure we get you back on track immediately.",
				),
				section(
					'🚨 Current Status:',
					ul(
						'Health Score: {{health.score}}/100 (Critical)',
						'Main Issues: {{main_issues}}',
						'Risk Level: High',
					),
				),
				section(
					'🎯 Immediate Actions:',
					ol(
						'**Today**: {{action_today}}',
						'**This Week**: {{action_this_week}}',
						'**Next Week**: {{action_next_week}}',
					),
				),
				p(
					"I'm personally committed to your success. Let's schedule an urgent call today to address these issues.",
				),
				p('Available times: [pick the one that suits you, today or tomorrow](calendar_link)'),
				p(
					'Please reply with your preferred time{{#if csm_phone}}, or call me directly at {{csm_phone}}{{/if}}.',
				),
				lines(
					'Best regards,',
					'{{csm_name}}',
					'{{#if csm_phone}}{{csm_phone}} | {{/if}}{{csm_email}}',
				),
			],
		},
		es: {
			subject: '🚨 URGENTE: Salvemos tu éxito con {{product_name}}',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Me preocupan tus resultados recientes y quiero asegurarme de que volvamos al buen camino de inmediato.',
				),
				section(
					'🚨 Situación actual:',
					ul(
						'Health Score: {{health.score}}/100 (Crítico)',
						'Problemas principales: {{main_issues}}',
						'Nivel de riesgo: Alto',
					),
				),
				section(
					'🎯 Acciones inmediatas:',
					ol(
						'**Hoy**: {{action_today}}',
						'**Esta semana**: {{action_this_week}}',
						'**La próxima semana**: {{action_next_week}}',
					),
				),
				p(
					'Me comprometo personalmente con tu éxito. Agendemos hoy mismo una llamada urgente para resolver estos problemas.',
				),
				p('Horarios disponibles: [elige el que mejor te venga, hoy o mañana](calendar_link)'),
				p(
					'Responde con el horario que prefieras{{#if csm_phone}} o llámame directamente al {{csm_phone}}{{/if}}.',
				),
				lines(
					'Un saludo,',
					'{{csm_name}}',
					'{{#if csm_phone}}{{csm_phone}} | {{/if}}{{csm_email}}',
				),
			],
		},
	},
	{
		id: 'expansion_discovery',
		name: 'Expansion Discovery',
		source: 'Expansion discovery email (docs/sources.md#expansion-discovery-email)',
		trigger: 'expansion_opportunity',
		en: {
			subject: '🚀 {{company}} - Ready for the Next Level?',
			blocks: [
				p('Hi {{first_name}},'),
				p("I've been reviewing your account and I'm impressed with your results:"),
				section(
					'📊 Your Success:',
					ul(
						'ROI: {{roi_percent}}%',
						'Revenue Impact: {{revenue_impact}} additional revenue',
						'Team Efficiency: {{hours_saved}} hours saved monthly',
					),
				),
				section(
					'🎯 Expansion Opportunity:',
					p(
						'Based on your success, I see an opportunity to {{expansion_opportunity}} that could generate an additional {{expansion_value}} in revenue.',
					),
				),
				section('💡 What This Means:', each('benefits')),
				p('Would you be interested in a 15-minute call to explore this opportunity?'),
				when('calendar_link', p('[Book a 15-minute call](calendar_link)')),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '🚀 {{company}} - ¿Listos para el siguiente nivel?',
			blocks: [
				p('Hola {{first_name}},'),
				p('He estado revisando tu cuenta y me han impresionado tus resultados:'),
				section(
					'📊 Tu éxito:',
					ul(
						'ROI: {{roi_percent}}%',
						'Impacto en ingresos: {{revenue_impact}} en ingresos adicionales',
						'Eficiencia del equipo: {{hours_saved}} horas ahorradas al mes',
					),
				),
				section(
					'🎯 Oportunidad de expansión:',
					p(
						'Gracias a tus resultados, veo una oportunidad de {{expansion_opportunity}} que podría generar {{expansion_value}} adicionales en ingresos.',
					),
				),
				section('💡 Qué significa para ti:', each('benefits')),
				p('¿Te interesaría una llamada de 15 minutos para explorar esta oportunidad?'),
				when('calendar_link', p('[Agenda una llamada de 15 minutos](calendar_link)')),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
];
