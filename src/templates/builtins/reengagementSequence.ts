import { lines, p } from '../builder';
import type { BuiltInDefinition } from '../model';

/**
 * docs/sources.md#reengagement-campaign campaign_sequence: email_1 "Friendly check-in (Day 1)", email_2 "Feature
 * spotlight (Day 3)", email_3 "Success story (Day 7)", phone_call "Personal outreach (Day 14)" (a call: no
 * template), final_email "Last chance (Day 21)". The seed gives only these titles (and its detection rules:
 * < 2 logins a week, < 30 % adoption, > 14 days without activity); the text of the four emails is ours, in
 * English and Spanish.
 */
const source = (step: string) =>
	`Re-engagement campaign: ${step} (docs/sources.md#reengagement-campaign)`;

export const REENGAGEMENT_TEMPLATES: BuiltInDefinition[] = [
	{
		id: 'reengagement_day1_checkin',
		name: 'Re-engagement Day 1: Friendly Check-in',
		source: source('email 1, day 1'),
		trigger: 'low_engagement',
		en: {
			subject: '{{first_name}}, how are things going with {{product_name}}?',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					"It's been a little while since we last saw you in {{product_name}}, so I wanted to check in personally.",
				),
				p(
					"Is anything getting in the way? Whether it's a question, a setup step or something that isn't working as you expected, just reply to this email and I'll help you sort it out.",
				),
				p('[Go to your dashboard](dashboard_link)'),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, ¿qué tal te va con {{product_name}}?',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Hace un tiempo que no te vemos por {{product_name}} y quería saber de ti personalmente.',
				),
				p(
					'¿Hay algo que te lo esté poniendo difícil? Ya sea una duda, un paso de la configuración o algo que no funciona como esperabas, responde a este email y te ayudo a resolverlo.',
				),
				p('[Ir a tu panel](dashboard_link)'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		id: 'reengagement_day3_feature_spotlight',
		name: 'Re-engagement Day 3: Feature Spotlight',
		source: source('email 2, day 3'),
		trigger: 'low_engagement',
		en: {
			subject: '{{first_name}}, have you tried {{feature_name}}?',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					'Many {{product_name}} customers tell us that {{feature_name}} is what saves them the most time.',
				),
				p('{{feature_benefit}}'),
				p('It only takes a few minutes to set up: [see how it works](feature_link)'),
				p("If you'd like me to walk you through it, just reply to this email."),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, ¿has probado {{feature_name}}?',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Muchos clientes de {{product_name}} nos cuentan que {{feature_name}} es lo que más tiempo les ahorra.',
				),
				p('{{feature_benefit}}'),
				p('Configurarlo solo lleva unos minutos: [mira cómo funciona](feature_link)'),
				p('Si quieres que te lo enseñe paso a paso, responde a este email.'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		id: 'reengagement_day7_success_story',
		name: 'Re-engagement Day 7: Success Story',
		source: source('email 3, day 7'),
		trigger: 'low_engagement',
		en: {
			subject: 'How {{story_company}} gets results with {{product_name}}',
			blocks: [
				p('Hi {{first_name}},'),
				p('I wanted to share how {{story_company}} uses {{product_name}}:'),
				p('{{story_summary}}'),
				p('[Read the full story](story_link)'),
				p(
					"I'd love to help {{company}} get results like these. Shall I show you how in a 20-minute call? [Book a call](calendar_link)",
				),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: 'Cómo {{story_company}} consigue resultados con {{product_name}}',
			blocks: [
				p('Hola {{first_name}},'),
				p('Quería contarte cómo usa {{story_company}} {{product_name}}:'),
				p('{{story_summary}}'),
				p('[Lee la historia completa](story_link)'),
				p(
					'Me encantaría ayudar a {{company}} a conseguir resultados así. ¿Te lo enseño en una llamada de 20 minutos? [Agenda una llamada](calendar_link)',
				),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		id: 'reengagement_day21_last_chance',
		name: 'Re-engagement Day 21: Last Chance',
		source: source('final email, day 21'),
		trigger: 'low_engagement',
		en: {
			subject: '{{first_name}}, my last note about {{product_name}}',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					"I've reached out a few times over the last three weeks without hearing back, so this is my last email on the subject.",
				),
				p(
					"If {{product_name}} isn't a priority right now, no problem: just let me know. If you'd like to give it another try, I'm happy to help you get {{company}} up and running again.",
				),
				p('[Log in to {{product_name}}](dashboard_link)'),
				p('Either way, thank you for giving us a try.'),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, mi último mensaje sobre {{product_name}}',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Te he escrito varias veces en las últimas tres semanas sin respuesta, así que este es mi último email sobre el tema.',
				),
				p(
					'Si ahora mismo {{product_name}} no es una prioridad, no pasa nada: solo dímelo. Si quieres darle otra oportunidad, te ayudo con gusto a que {{company}} vuelva a sacarle partido.',
				),
				p('[Entra en {{product_name}}](dashboard_link)'),
				p('En cualquier caso, gracias por darnos una oportunidad.'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
];
