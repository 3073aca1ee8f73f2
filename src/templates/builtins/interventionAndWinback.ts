import { each, lines, p, when } from '../builder';
import type { BuiltInDefinition } from '../model';

/**
 * docs/sources.md#intervention-playbook, docs/sources.md#winback-campaign. The seed gives one line
 * of content per email (in Spanish, for its own product NEXORS, a fleet-booking platform); we write the emails
 * from it, in Spanish and English, with NEXORS as {{product_name}} and its offers as variables. The ids are the
 * ones the CS Playbook's playbooks (docs/sources.md#intervention-playbook) name (intervention_no_login_7_days, intervention_low_rating_offer,
 * winback_we_miss_you, winback_whats_new, winback_offer). docs/sources.md#intervention-playbook two calls (no booking in 14 days: the CS Specialist
 * calls; trial expiring: the Head of Sales calls) get an email that proposes the call: intervention_no_key_action_14_days
 * and intervention_trial_expiring.
 */
const intervention = (sign: string) =>
	`Intervention playbook: ${sign} (docs/sources.md#intervention-playbook)`;
const winback = (email: string) => `Win-back campaign: ${email} (docs/sources.md#winback-campaign)`;

export const INTERVENTION_WINBACK_TEMPLATES: BuiltInDefinition[] = [
	{
		// docs/sources.md#intervention-playbook: No Login en 7 días → Email: "Notamos que no has usado NEXORS. ¿Necesitas ayuda con la configuración?"
		id: 'intervention_no_login_7_days',
		name: 'Intervention: No Login in 7 Days',
		source: intervention('no login in 7 days'),
		trigger: 'no_login_7_days',
		es: {
			subject: '{{first_name}}, ¿necesitas ayuda con la configuración de {{product_name}}?',
			blocks: [
				p('Hola {{first_name}},'),
				p('Notamos que no has usado {{product_name}}. ¿Necesitas ayuda con la configuración?'),
				p(
					'Responde a este email y te ayudamos a dejarlo todo listo, o sigue nuestra guía paso a paso: [ver la guía de configuración](help_link)',
				),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
		en: {
			subject: '{{first_name}}, do you need help setting up {{product_name}}?',
			blocks: [
				p('Hi {{first_name}},'),
				p("We noticed you haven't been using {{product_name}}. Do you need help with the setup?"),
				p(
					"Reply to this email and we'll help you get everything ready, or follow our step-by-step guide: [open the setup guide](help_link)",
				),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
	},
	{
		// docs/sources.md#intervention-playbook: No Booking en 14 días → Call: the CS Specialist calls to understand the pain point and offer a walkthrough
		// of a key feature. The seed's "booking" is NEXORS' key action; here it is {{key_feature}}.
		id: 'intervention_no_key_action_14_days',
		name: 'Intervention: No Key Action in 14 Days',
		source: intervention('no booking in 14 days'),
		trigger: 'no_key_action_14_days',
		es: {
			subject: '{{first_name}}, ¿te enseño {{key_feature}} en 15 minutos?',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'He notado que tu equipo no ha usado {{key_feature}} en los últimos 14 días y me gustaría entender si hay algo que lo esté dificultando.',
				),
				p(
					'Te propongo una llamada corta: me cuentas qué necesitas y te hago un recorrido por {{key_feature}} en {{product_name}}.',
				),
				p('[Agenda tu llamada](calendar_link)'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
		en: {
			subject: '{{first_name}}, shall I show you {{key_feature}} in 15 minutes?',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					"I noticed your team hasn't used {{key_feature}} in the last 14 days, and I'd like to understand if something is getting in the way.",
				),
				p(
					"Let's have a short call: you tell me what you need, and I'll give you a walkthrough of {{key_feature}} in {{product_name}}.",
				),
				p('[Book your call](calendar_link)'),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
	},
	{
		// docs/sources.md#intervention-playbook: Low Rating (< 4.0) → Offer: "$50 de crédito para el próximo viaje o descuento en la comisión", to mitigate
		// the frustration and rebuild trust. The offer is {{offer}}; the seed's is its lenient default.
		id: 'intervention_low_rating_offer',
		name: 'Intervention: Low Rating Offer',
		source: intervention('rating below 4.0'),
		trigger: 'low_rating',
		es: {
			subject: '{{first_name}}, lo sentimos: queremos compensarte',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Tu última valoración nos dice que tu experiencia con {{product_name}} no ha estado a la altura, y lo sentimos.',
				),
				p('Para compensarte, queremos ofrecerte **{{offer}}**.'),
				when('offer_link', p('[Canjear la oferta](offer_link)')),
				p(
					'También nos encantaría saber qué falló: responde a este email. Tu opinión nos ayuda a mejorar.',
				),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
		en: {
			subject: "{{first_name}}, we're sorry: let us make it right",
			blocks: [
				p('Hi {{first_name}},'),
				p(
					"Your recent rating tells us your experience with {{product_name}} wasn't what it should have been, and we're sorry.",
				),
				p("To make up for it, we'd like to offer you **{{offer}}**."),
				when('offer_link', p('[Claim your offer](offer_link)')),
				p(
					"We'd also love to hear what went wrong: just reply to this email. Your feedback helps us improve.",
				),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		defaults: {
			offer: {
				es: '$50 de crédito para tu próximo viaje o un descuento en la comisión',
				en: 'a $50 credit for your next trip or a discount on your commission',
			},
		},
	},
	{
		// docs/sources.md#intervention-playbook: Trial Expirando → Call from the Head of Sales offering a 7-day extension or a flexible payment plan.
		// Signed by the sender (sender_name), as the Head of Sales sends it; trial_days_remaining is derived from
		// trial_ends_at when absent.
		id: 'intervention_trial_expiring',
		name: 'Intervention: Trial Expiring',
		source: intervention('trial expiring'),
		trigger: 'trial_expiring',
		es: {
			subject: '{{first_name}}, tu prueba de {{product_name}} está por terminar',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Tu prueba de {{product_name}} está por terminar (días restantes: {{trial_days_remaining}}) y quiero asegurarme de que tienes todo lo necesario para decidir.',
				),
				p(
					'Si necesitas más tiempo para evaluarlo, podemos extender tu prueba 7 días. Y si el presupuesto es lo que te frena, podemos ofrecerte un plan de pago flexible.',
				),
				p(
					'Te llamaré para hablarlo, o si lo prefieres, elige tú el momento: [agenda una llamada](calendar_link)',
				),
				lines('Un saludo,', '{{sender_name}}'),
			],
		},
		en: {
			subject: '{{first_name}}, your {{product_name}} trial is ending soon',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					'Your {{product_name}} trial is about to end (days left: {{trial_days_remaining}}), and I want to make sure you have everything you need to decide.',
				),
				p(
					'If you need more time to evaluate it, we can extend your trial by 7 days. And if budget is the concern, we can offer you a flexible payment plan.',
				),
				p(
					"I'll give you a call to talk it through, or if you prefer, pick a time yourself: [book a call](calendar_link)",
				),
				lines('Best regards,', '{{sender_name}}'),
			],
		},
	},
	{
		// docs/sources.md#winback-campaign Email 1, Día 1 (Post-Churn), "We Miss You": ask the reason for cancelling, with a direct link to the churn survey.
		id: 'winback_we_miss_you',
		name: 'Win-back Day 1: We Miss You',
		source: winback('email 1, day 1, "We Miss You"'),
		trigger: 'churned',
		es: {
			subject: 'Te echamos de menos, {{first_name}}',
			blocks: [
				p('Hola {{first_name}},'),
				p('Sentimos que {{company}} haya dejado {{product_name}}.'),
				p(
					'¿Nos cuentas por qué decidiste cancelar? Son dos minutos y nuestro equipo lee cada respuesta: [responder la encuesta](churn_survey_link)',
				),
				p('Gracias por el tiempo que has estado con nosotros.'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
		en: {
			subject: 'We miss you, {{first_name}}',
			blocks: [
				p('Hi {{first_name}},'),
				p("We're sorry to see {{company}} leave {{product_name}}."),
				p(
					'Could you tell us why you decided to cancel? It takes two minutes, and our team reads every answer: [answer the survey](churn_survey_link)',
				),
				p('Thank you for the time you spent with us.'),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
	},
	{
		// docs/sources.md#winback-campaign Email 2, Día 7, "Here's What's New": the 3 most important features launched since the cancellation
		// (e.g. Analytics Avanzado, White-Label): {{new_features}}, a list.
		id: 'winback_whats_new',
		name: "Win-back Day 7: Here's What's New",
		source: winback('email 2, day 7, "Here\'s What\'s New"'),
		trigger: 'churned',
		es: {
			subject: '{{first_name}}, esto es lo nuevo en {{product_name}}',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'{{product_name}} ha cambiado mucho desde que te fuiste. Estas son las funcionalidades más importantes que hemos lanzado:',
				),
				each('new_features', true),
				p('[Vuelve y pruébalas](reactivation_link)'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
		en: {
			subject: "{{first_name}}, here's what's new in {{product_name}}",
			blocks: [
				p('Hi {{first_name}},'),
				p(
					"A lot has changed in {{product_name}} since you left. These are the most important features we've launched:",
				),
				each('new_features', true),
				p('[Come back and try them](reactivation_link)'),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
	},
	{
		// docs/sources.md#winback-campaign Email 3, Día 14, "The Offer": "$100 de crédito para volver o 3 meses de Plan Pro al precio del Basic"
		// ({{offer}}; the seed's is its lenient default).
		id: 'winback_offer',
		name: 'Win-back Day 14: The Offer',
		source: winback('email 3, day 14, "The Offer"'),
		trigger: 'churned',
		es: {
			subject: '{{first_name}}, una oferta para que vuelvas a {{product_name}}',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Nos encantaría que {{company}} volviera. Para ponértelo fácil, tenemos una oferta para ti:',
				),
				p('**{{offer}}**'),
				p('[Reactivar mi cuenta](reactivation_link)'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
		en: {
			subject: '{{first_name}}, an offer to welcome you back to {{product_name}}',
			blocks: [
				p('Hi {{first_name}},'),
				p("We'd love to have {{company}} back. To make it easy, we have an offer for you:"),
				p('**{{offer}}**'),
				p('[Reactivate my account](reactivation_link)'),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		defaults: {
			offer: {
				es: '$100 de crédito para volver, o 3 meses del Plan Pro al precio del Basic',
				en: 'a $100 credit to come back, or 3 months of the Pro plan at the Basic price',
			},
		},
	},
];
