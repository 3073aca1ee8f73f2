import { each, lines, p, section, ul, when } from '../builder';
import type { BuiltInDefinition } from '../model';

/**
 * docs/sources.md#cs-email-templates CS_EMAIL_TEMPLATES: the five templates with the seed's ids, triggers, subjects and Spanish text
 * kept as written (our English is a translation), and docs/sources.md#save-playbooks SAVE_PLAYBOOKS' `value_recap_urgent`, which the seed
 * names but does not write. Where our variables differ from the seed's (documented in the README):
 * - `current_plan` is the record's `plan` (the same datum in the customer record vocabulary);
 * - `welcome_email`'s three next steps are MBC Chatbots' ("Crea tu primer chatbot", "Instala el widget"): here
 *   they are an optional `next_steps` list, so the email fits any product; the seed's four variables stay the
 *   required ones;
 * - lists (`recent_features`) may be a list or lines of text, shown as bullets.
 */
const source = (name: string) => `CS email template: ${name} (docs/sources.md#cs-email-templates)`;

export const CORE_TEMPLATES: BuiltInDefinition[] = [
	{
		id: 'welcome_email',
		name: 'Welcome Email',
		source: source('welcome email'),
		trigger: 'subscription_created',
		es: {
			subject: '¡Bienvenido a {{product_name}}, {{first_name}}!',
			blocks: [
				p('Hola {{first_name}},'),
				p('¡Gracias por confiar en {{product_name}}! Estamos encantados de tenerte.'),
				p(
					'Tu Customer Success Manager es {{csm_name}} y estará disponible para ayudarte en todo lo que necesites.',
				),
				when('next_steps', section('Próximos pasos:', each('next_steps', true))),
				p('{{csm_name}} te contactará pronto para agendar tu llamada de kickoff.'),
				p('¿Preguntas? Responde a este email o contacta con {{csm_email}}.'),
				p('¡Bienvenido!'),
				lines('{{csm_name}}', 'Customer Success Manager'),
			],
		},
		en: {
			subject: 'Welcome to {{product_name}}, {{first_name}}!',
			blocks: [
				p('Hi {{first_name}},'),
				p("Thank you for choosing {{product_name}}! We're delighted to have you with us."),
				p(
					'Your Customer Success Manager is {{csm_name}}, who will be available to help you with anything you need.',
				),
				when('next_steps', section('Next steps:', each('next_steps', true))),
				p('{{csm_name}} will contact you soon to schedule your kickoff call.'),
				p('Questions? Reply to this email or contact {{csm_email}}.'),
				p('Welcome aboard!'),
				lines('{{csm_name}}', 'Customer Success Manager'),
			],
		},
	},
	{
		id: 'reengagement_7_days',
		name: 'Re-engagement 7 Days',
		source: source('re-engagement after 7 days'),
		trigger: 'no_login_7_days',
		es: {
			subject: '{{first_name}}, ¿todo bien? 🤔',
			blocks: [
				p('Hola {{first_name}},'),
				p('He notado que hace una semana que no entras en {{product_name}}. ¿Va todo bien?'),
				p('Si tienes alguna duda o necesitas ayuda con algo, estoy aquí para ayudarte.'),
				section('Mientras tanto, te cuento algunas novedades:', each('recent_features')),
				p('¿Necesitas algo? Solo responde a este email.'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
		en: {
			subject: '{{first_name}}, is everything OK? 🤔',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					"I noticed you haven't logged in to {{product_name}} for a week. Is everything going well?",
				),
				p("If you have any questions or need help with anything, I'm here to help."),
				section("In the meantime, here's what's new:", each('recent_features')),
				p('Need anything? Just reply to this email.'),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
	},
	{
		id: 'value_recap_monthly',
		name: 'Monthly Value Recap',
		source: source('monthly value recap'),
		trigger: 'monthly_recap',
		es: {
			subject:
				'📊 Tu mes en {{product_name}}: {{conversations_handled}} conversaciones automatizadas',
			blocks: [
				p('Hola {{first_name}},'),
				p('Aquí tienes tu resumen del mes:'),
				section(
					'🤖 Automatización',
					ul(
						'{{conversations_handled}} conversaciones automatizadas',
						'{{automation_rate}}% tasa de automatización',
						'{{hours_saved}} horas ahorradas',
					),
				),
				section(
					'📈 Impacto',
					ul(
						'{{leads_captured}} leads capturados',
						'{{satisfaction_rate}}% satisfacción de clientes',
					),
				),
				section('💡 Recomendación', p('{{recommendation}}')),
				p('¿Quieres revisar estos resultados juntos? [Agenda una llamada](calendar_link)'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
		en: {
			subject:
				'📊 Your month in {{product_name}}: {{conversations_handled}} automated conversations',
			blocks: [
				p('Hi {{first_name}},'),
				p('Here is your summary of the month:'),
				section(
					'🤖 Automation',
					ul(
						'{{conversations_handled}} automated conversations',
						'{{automation_rate}}% automation rate',
						'{{hours_saved}} hours saved',
					),
				),
				section(
					'📈 Impact',
					ul('{{leads_captured}} leads captured', '{{satisfaction_rate}}% customer satisfaction'),
				),
				section('💡 Recommendation', p('{{recommendation}}')),
				p('Would you like to review these results together? [Book a call](calendar_link)'),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
	},
	{
		// docs/sources.md#save-playbooks SAVE_PLAYBOOKS.no_login_14_days: "Urgent check-in call" (same day), then "Send value recap
		// email" (template value_recap_urgent, after the call), then "Offer training session" (within 48h). The seed
		// writes no such template: ours recaps the value after the call and offers that training session.
		id: 'value_recap_urgent',
		name: 'Value Recap after an Urgent Call',
		source:
			'Save playbook: no login 14 days, which names the template; text ours (docs/sources.md#save-playbooks)',
		trigger: 'no_login_14_days',
		es: {
			subject: '{{first_name}}, lo que {{product_name}} aporta a {{company}}',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Gracias por tu tiempo hoy. Como te comenté, aquí tienes un resumen del valor que {{company}} obtiene de {{product_name}}:',
				),
				each('value_highlights'),
				p(
					'Para ayudar a tu equipo a retomar el ritmo, me gustaría ofrecerte una sesión de formación en las próximas 48 horas.',
				),
				p('[Agenda tu sesión de formación](calendar_link)'),
				p('Si hay algo que te frena, responde a este email y me ocupo personalmente.'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
		en: {
			subject: '{{first_name}}, what {{product_name}} does for {{company}}',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					'Thank you for your time today. As promised, here is a recap of the value {{company}} gets from {{product_name}}:',
				),
				each('value_highlights'),
				p(
					"To help your team get back up to speed, I'd like to offer you a training session in the next 48 hours.",
				),
				p('[Book your training session](calendar_link)'),
				p(
					"If anything is holding you back, just reply to this email and I'll take care of it personally.",
				),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
	},
	{
		id: 'renewal_60_days',
		name: 'Renewal 60 Days',
		source: source('renewal in 60 days'),
		trigger: 'renewal_approaching_60',
		es: {
			subject: '{{first_name}}, tu renovación se acerca',
			blocks: [
				p('Hola {{first_name}},'),
				p('Tu suscripción a {{product_name}} se renueva el {{renewal_date}}.'),
				lines('**Tu plan actual:** {{plan}}', '**Precio:** {{current_price}}/mes'),
				section(
					'Me encantaría agendar una llamada para:',
					ul(
						'Revisar el valor que has obtenido este año',
						'Discutir tus objetivos para el próximo periodo',
						'Explorar si tu plan actual sigue siendo el adecuado',
					),
				),
				p('[Agenda tu llamada de renovación](calendar_link)'),
				p('¿Preguntas? Estoy aquí para ayudarte.'),
				lines('{{csm_name}}'),
			],
		},
		en: {
			subject: '{{first_name}}, your renewal is coming up',
			blocks: [
				p('Hi {{first_name}},'),
				p('Your {{product_name}} subscription renews on {{renewal_date}}.'),
				lines('**Your current plan:** {{plan}}', '**Price:** {{current_price}}/month'),
				section(
					"I'd love to schedule a call to:",
					ul(
						"Review the value you've gained this year",
						'Discuss your goals for the next period',
						'Explore whether your current plan is still the right fit',
					),
				),
				p('[Book your renewal call](calendar_link)'),
				p("Questions? I'm here to help."),
				lines('{{csm_name}}'),
			],
		},
	},
	{
		id: 'nps_followup_detractor',
		name: 'NPS Follow-up Detractor',
		source: source('NPS detractor follow-up'),
		trigger: 'nps_detractor',
		es: {
			subject: '{{first_name}}, gracias por tu feedback - ¿podemos hablar?',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Gracias por tomarte el tiempo de completar nuestra encuesta NPS. Veo que tu experiencia no ha sido la que esperabas, y quiero asegurarme de entender mejor cómo podemos mejorar.',
				),
				section(
					'Me gustaría agendar una llamada breve contigo para:',
					ul(
						'Entender mejor tus concerns',
						'Buscar soluciones concretas',
						'Asegurarme de que estás sacando el máximo valor',
					),
				),
				p('¿Tienes 15 minutos esta semana? [Agenda aquí](calendar_link)'),
				p('Tu feedback es muy importante para nosotros.'),
				lines('{{csm_name}}'),
			],
		},
		en: {
			subject: '{{first_name}}, thank you for your feedback - can we talk?',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					"Thank you for taking the time to complete our NPS survey. I can see your experience hasn't been what you expected, and I want to make sure I understand better how we can improve.",
				),
				section(
					"I'd like to schedule a short call with you to:",
					ul(
						'Better understand your concerns',
						'Look for concrete solutions',
						"Make sure you're getting the most value",
					),
				),
				p('Do you have 15 minutes this week? [Book here](calendar_link)'),
				p('Your feedback is very important to us.'),
				lines('{{csm_name}}'),
			],
		},
	},
];
