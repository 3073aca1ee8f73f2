import { each, lines, p, scale, section, ul, when, whenElse } from '../builder';
import type { BuiltInDefinition } from '../model';

/**
 * The emails of the bundled workflow templates (workflows/) that the seeds name as steps but do not write: docs/sources.md#cs-workflows CS_WORKFLOWS (onboarding, renewal, NPS, expansion, at-risk), docs/sources.md#save-playbooks SAVE_PLAYBOOKS.cancellation_request,
 * docs/sources.md#nps, docs/sources.md#advocacy-program, docs/sources.md#first-value-48h, docs/sources.md#nps-follow-up-by-segment. Where a seed gives wording (docs/sources.md#nps-follow-up-by-segment interview for passives, docs/sources.md#advocacy-program advocacy activities, in Spanish) we keep it and translate it; the rest of the text is ours, in English
 * and Spanish. Two internal emails (csm_alert, csm_daily_digest) go to the CS team, not to the customer: no
 * greeting, no signature.
 * - Optional lists with a list of our own when absent (`checklist`, `tips`, `next_plan_benefits`): the fallback is
 *   written in the template ({{else}}), not a lenient default, because a default applies only to a variable the
 *   email requires (in strict mode a missing one fails the item), and these are optional.
 * - The NPS survey's 0-10 links go to `survey_score_link` + the score: the context derives it from `survey_link`
 *   (context.ts), so a link that already has a query (`?customer_id=…`) still gets a valid `&score=`.
 * - The monthly NPS report reads the NPS node's aggregate output as it is (`nps.nps`, `nps.promoters.count`,
 *   `nps.confidenceInterval.lower`, `nps.sampleWarning`, …; src/nps/aggregate.ts).
 */
const WELCOME = 'CS workflow: onboarding, welcome sequence';
const NPS = 'CS workflow: NPS';
const APPROACHING_LIMITS = 'CS workflow: expansion, approaching limits';

export const SEQUENCE_TEMPLATES: BuiltInDefinition[] = [
	{
		// Day 2 of the welcome sequence. The default checklist follows docs/sources.md#onboarding-programs SELF_SERVE_ONBOARDING (profile
		// and account settings, integration, first key action, invite the team) without its chatbot steps.
		id: 'onboarding_checklist',
		name: 'Onboarding Day 2: Checklist',
		source: `${WELCOME}, onboarding checklist on day 2; text ours (docs/sources.md#cs-workflows)`,
		trigger: 'subscription_created',
		en: {
			subject: '{{first_name}}, your {{product_name}} onboarding checklist',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					"Here's your checklist to get {{product_name}} up and running. Each step takes only a few minutes:",
				),
				whenElse(
					'checklist',
					[each('checklist')],
					[
						ul(
							'Complete your profile and account settings',
							'Connect your data and the tools you already use',
							'Complete your first key action in {{product_name}}',
							'Invite your team members to collaborate',
						),
					],
				),
				p(
					'Start with the step that gets you to your first result: that is where {{product_name}} starts paying off.',
				),
				when(
					'help_link',
					p('Step-by-step guides for every step: [open the help center](help_link)'),
				),
				p("Stuck on anything? Just reply to this email and I'll help you."),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, tu checklist de onboarding de {{product_name}}',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Aquí tienes tu checklist para poner en marcha {{product_name}}. Cada paso lleva solo unos minutos:',
				),
				whenElse(
					'checklist',
					[each('checklist')],
					[
						ul(
							'Completa tu perfil y la configuración de tu cuenta',
							'Conecta tus datos y las herramientas que ya usas',
							'Completa tu primera acción clave en {{product_name}}',
							'Invita a tu equipo a colaborar',
						),
					],
				),
				p(
					'Empieza por el paso que te lleva a tu primer resultado: es ahí donde {{product_name}} empieza a dar frutos.',
				),
				when(
					'help_link',
					p('Guías paso a paso para cada punto: [abre el centro de ayuda](help_link)'),
				),
				p('¿Te atascas en algo? Responde a este email y te ayudo.'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		// Day 3, check_first_value: sent when the customer has not reached first value. docs/sources.md#first-value-48h measures it as
		// the first key action (NEXORS' first booking) within 48 hours; `key_action` names it (e.g. "your first
		// booking"), else the email says "your first key action".
		id: 'onboarding_first_value_nudge',
		name: 'Onboarding Day 3: First Value Nudge',
		source: `${WELCOME}, first-value check on day 3; first key action within 48 hours; text ours (docs/sources.md#cs-workflows, #first-value-48h)`,
		trigger: 'subscription_created',
		en: {
			subject: "{{first_name}}, let's get you to your first result with {{product_name}}",
			blocks: [
				p('Hi {{first_name}},'),
				p(
					"You joined {{product_name}} a few days ago, and I noticed you haven't completed {{#if key_action}}{{key_action}}{{else}}your first key action{{/if}} yet.",
				),
				p(
					"It's the step where {{product_name}} starts paying off, and the sooner you get there, the sooner your team sees the results.",
				),
				p(
					'Is something getting in the way? In a 15-minute call we can do it together: [book a call](calendar_link)',
				),
				p('Or just reply to this email with your question.'),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, te ayudo a conseguir tu primer resultado con {{product_name}}',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Hace unos días que empezaste con {{product_name}} y he visto que aún no has completado {{#if key_action}}{{key_action}}{{else}}tu primera acción clave{{/if}}.',
				),
				p(
					'Es el paso en el que {{product_name}} empieza a dar resultados, y cuanto antes llegues, antes lo notará tu equipo.',
				),
				p(
					'¿Hay algo que te lo impida? En una llamada de 15 minutos lo hacemos juntos: [agenda una llamada](calendar_link)',
				),
				p('O responde a este email con tu duda.'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		// Day 5, send_tips_email. Default tips: invite the team (docs/sources.md#onboarding-programs invite_team), notifications, a weekly
		// look at the dashboard (docs/sources.md#cs-support-strategy Week 1 progress check-ins).
		id: 'onboarding_tips',
		name: 'Onboarding Day 5: Tips',
		source: `${WELCOME}, tips email on day 5; text ours (docs/sources.md#cs-workflows)`,
		trigger: 'subscription_created',
		en: {
			subject: '{{first_name}}, a few tips to get more out of {{product_name}}',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					"You've been using {{product_name}} for a few days now. Here are a few tips to help your team get more out of it:",
				),
				whenElse(
					'tips',
					[each('tips')],
					[
						ul(
							'**Invite your team:** {{product_name}} works best when everyone who needs it is on board.',
							'**Turn on notifications,** so nothing important slips through.',
							'**Check your dashboard once a week** to see your progress and what to improve.',
						),
					],
				),
				when('dashboard_link', p('[Go to your dashboard](dashboard_link)')),
				p('Have a question? Just reply to this email.'),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, algunos consejos para sacar más partido a {{product_name}}',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Llevas unos días usando {{product_name}}. Aquí tienes algunos consejos para que tu equipo le saque más partido:',
				),
				whenElse(
					'tips',
					[each('tips')],
					[
						ul(
							'**Invita a tu equipo:** {{product_name}} funciona mejor cuando todos los que lo necesitan están dentro.',
							'**Activa las notificaciones** para que no se te escape nada importante.',
							'**Revisa tu panel una vez por semana** para ver tu progreso y qué mejorar.',
						),
					],
				),
				when('dashboard_link', p('[Ir a tu panel](dashboard_link)')),
				p('¿Tienes alguna pregunta? Responde a este email.'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		// Day 7, schedule_30_day_review: docs/sources.md#onboarding-programs MID_MARKET_ONBOARDING review_30 ("Review progress and
		// optimize", 30 minutes) and docs/sources.md#stalled-onboarding 30-day check-in after onboarding.
		id: 'onboarding_30_day_review',
		name: 'Onboarding Day 7: 30-Day Review Invitation',
		source: `${WELCOME}, 30-day review on day 7; onboarding programme review; text ours (docs/sources.md#cs-workflows, #onboarding-programs)`,
		trigger: 'subscription_created',
		en: {
			subject: "{{first_name}}, let's schedule your 30-day review",
			blocks: [
				p('Hi {{first_name}},'),
				p(
					"Your first week with {{product_name}} is done. To make sure you're getting the results you expect, I'd like to schedule your 30-day review.",
				),
				section(
					'In 30 minutes, we will:',
					ul(
						'Review your progress and results so far',
						'Optimize your setup for the way your team works',
						'Agree on your goals for the coming months',
					),
				),
				p(
					'Pick a date around the end of your first month: [book your 30-day review](calendar_link)',
				),
				p('If you need anything before then, just reply to this email.'),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, agendemos tu revisión de los 30 días',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Ya has completado tu primera semana con {{product_name}}. Para asegurarnos de que estás obteniendo los resultados que esperas, me gustaría agendar tu revisión de los 30 días.',
				),
				section(
					'En 30 minutos:',
					ul(
						'Revisaremos tu progreso y los resultados hasta ahora',
						'Optimizaremos la configuración según cómo trabaja tu equipo',
						'Acordaremos tus objetivos para los próximos meses',
					),
				),
				p(
					'Elige una fecha hacia el final de tu primer mes: [agenda tu revisión de los 30 días](calendar_link)',
				),
				p('Si necesitas algo antes, responde a este email.'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		// Stalled onboarding: docs/sources.md#stalled-onboarding checkStalledOnboarding (no progress for 3 days), then docs/sources.md#cs-workflows
		// stalled_onboarding send_help_email (the help call follows a day later).
		id: 'onboarding_stalled_help',
		name: 'Onboarding Stalled: Help',
		source:
			'CS workflow: onboarding, stalled onboarding, help email; stalled onboarding check; text ours (docs/sources.md#cs-workflows, #stalled-onboarding)',
		trigger: 'onboarding_stalled',
		en: {
			subject: '{{first_name}}, can I help you finish setting up {{product_name}}?',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					"I noticed your {{product_name}} setup hasn't moved forward in the last few days. That happens, and usually it's a single step that gets in the way.",
				),
				section(
					'I can help you get past it:',
					ul(
						'[Book a 15-minute call](calendar_link) and we finish it together',
						'[Follow the step-by-step guides](help_link) in our help center',
						'Or reply to this email and tell me where you got stuck',
					),
				),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, ¿te ayudo a terminar de configurar {{product_name}}?',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'He visto que la configuración de {{product_name}} no ha avanzado en los últimos días. Es normal: casi siempre es un solo paso el que se atasca.',
				),
				section(
					'Te ayudo a superarlo:',
					ul(
						'[Agenda una llamada de 15 minutos](calendar_link) y lo terminamos juntos',
						'[Sigue las guías paso a paso](help_link) de nuestro centro de ayuda',
						'O responde a este email y cuéntame dónde te has quedado',
					),
				),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		// 30 days before renewal_date (send_renewal_reminder; escalate_if_no_response follows after 7 days). Written
		// like docs/sources.md#cs-email-templates renewal_60_days.
		id: 'renewal_30_days_reminder',
		name: 'Renewal 30 Days: Reminder',
		source:
			'CS workflow: renewal, 30 days before, renewal reminder; text ours (docs/sources.md#cs-workflows)',
		trigger: 'renewal_in_30_days',
		en: {
			subject: '{{first_name}}, your {{product_name}} renewal is on {{renewal_date}}',
			blocks: [
				p('Hi {{first_name}},'),
				p('A quick reminder: your {{product_name}} subscription renews on {{renewal_date}}.'),
				lines('**Your plan:** {{plan}}', '**Renewal date:** {{renewal_date}}'),
				p(
					"If you'd like to review your plan, make a change or ask anything before the renewal, let's talk: [book a call](calendar_link)",
				),
				p("Or just reply to this email: I'm here to help."),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, tu renovación de {{product_name}} es el {{renewal_date}}',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Un recordatorio rápido: tu suscripción a {{product_name}} se renueva el {{renewal_date}}.',
				),
				lines('**Tu plan:** {{plan}}', '**Fecha de renovación:** {{renewal_date}}'),
				p(
					'Si quieres revisar tu plan, hacer algún cambio o preguntarme algo antes de la renovación, hablemos: [agenda una llamada](calendar_link)',
				),
				p('O responde a este email: estoy aquí para ayudarte.'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		// send_nps_survey: the standard 0-10 question (docs/sources.md#nps-segments segments 0-6, 7-8, 9-10), one link per score,
		// and the plain survey link for mail apps that break the row.
		id: 'nps_survey',
		name: 'NPS Survey',
		source: `${NPS}, survey; survey at most once a quarter; text ours (docs/sources.md#cs-workflows, #nps-survey-throttle)`,
		trigger: 'quarterly_nps',
		en: {
			subject: '{{first_name}}, one quick question about {{product_name}}',
			blocks: [
				p('Hi {{first_name}},'),
				p('**How likely are you to recommend {{product_name}} to a friend or colleague?**'),
				p('Click a number, from 0 (not at all likely) to 10 (extremely likely):'),
				scale('survey_score_link', 0, 10),
				p(
					"It takes one click, and our team reads every answer. If the numbers don't work in your email app, [open the survey](survey_link).",
				),
				p('Thank you!'),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, una pregunta rápida sobre {{product_name}}',
			blocks: [
				p('Hola {{first_name}},'),
				p('**¿Qué probabilidad hay de que recomiendes {{product_name}} a un amigo o colega?**'),
				p('Haz clic en un número, del 0 (nada probable) al 10 (muy probable):'),
				scale('survey_score_link', 0, 10),
				p(
					'Es un solo clic, y nuestro equipo lee todas las respuestas. Si los números no funcionan en tu aplicación de correo, [abre la encuesta](survey_link).',
				),
				p('¡Gracias!'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		// reminder_if_no_response, 3 days after the survey: the same question and links.
		id: 'nps_survey_reminder',
		name: 'NPS Survey Reminder',
		source: `${NPS}, survey reminder on day 3 without an answer; text ours (docs/sources.md#cs-workflows)`,
		trigger: 'quarterly_nps',
		en: {
			subject: '{{first_name}}, 10 seconds to help us improve {{product_name}}?',
			blocks: [
				p('Hi {{first_name}},'),
				p('A few days ago I asked you one question, and your answer would really help us improve:'),
				p('**How likely are you to recommend {{product_name}} to a friend or colleague?**'),
				p('Click a number, from 0 (not at all likely) to 10 (extremely likely):'),
				scale('survey_score_link', 0, 10),
				p("If the numbers don't work in your email app, [open the survey](survey_link)."),
				p('Thank you for your time!'),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, ¿10 segundos para ayudarnos a mejorar {{product_name}}?',
			blocks: [
				p('Hola {{first_name}},'),
				p('Hace unos días te hice una pregunta, y tu respuesta nos ayudaría mucho a mejorar:'),
				p('**¿Qué probabilidad hay de que recomiendes {{product_name}} a un amigo o colega?**'),
				p('Haz clic en un número, del 0 (nada probable) al 10 (muy probable):'),
				scale('survey_score_link', 0, 10),
				p(
					'Si los números no funcionan en tu aplicación de correo, [abre la encuesta](survey_link).',
				),
				p('¡Gracias por tu tiempo!'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		// docs/sources.md#nps-follow-up-by-segment Passives (7-8): "Entrevista de 15 minutos para entender qué falta para ser un 'Promoter'"
		// (the NPS node's request_interview). The agent specification does nothing for passives, so there is no seed trigger.
		// `nps.score` is the Classify Responses output.
		id: 'nps_passive_interview',
		name: 'NPS Passive: Interview Request',
		source: 'NPS follow-up per segment: passives, 7-8 (docs/sources.md#nps-follow-up-by-segment)',
		en: {
			subject: '{{first_name}}, what would make {{product_name}} a 10 for you?',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					'Thank you for answering our survey{{#if nps.score}} and for your score of {{nps.score}}{{/if}}. Your answer tells us {{product_name}} is working for you, but not yet as well as it could, and I would like to understand why.',
				),
				p(
					'Would you have **15 minutes** for a short interview? I want to understand what we are missing for you to recommend us without hesitation.',
				),
				p('[Choose a time that suits you](calendar_link)'),
				p("I'll share what you tell me with our product team. Thank you for your help!"),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, ¿qué haría falta para que {{product_name}} fuera un 10 para ti?',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Gracias por responder a nuestra encuesta{{#if nps.score}} y por tu puntuación de {{nps.score}}{{/if}}. Tu respuesta nos dice que {{product_name}} te está funcionando, pero todavía no tan bien como podría, y me gustaría entender por qué.',
				),
				p(
					'¿Tendrías **15 minutos** para una breve entrevista? Quiero entender qué nos falta para que nos recomiendes sin dudarlo.',
				),
				p('[Elige el momento que mejor te venga](calendar_link)'),
				p('Compartiré lo que me cuentes con nuestro equipo de producto. ¡Gracias por tu ayuda!'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		// Promoters (9-10), at once: send_thank_you (the advocacy invite follows 7 days later).
		id: 'nps_promoter_thanks',
		name: 'NPS Promoter: Thank You',
		source: `${NPS}, promoter thank-you; text ours (docs/sources.md#cs-workflows)`,
		trigger: 'nps_score_gte_9',
		en: {
			subject: 'Thank you, {{first_name}}!',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					'Thank you for answering our survey{{#if nps.score}} and for your score of {{nps.score}}{{/if}}! Knowing that {{product_name}} is working so well for you means a lot to the whole team.',
				),
				p(
					"If there's anything we could do even better, just reply to this email: I read every message.",
				),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '¡Gracias, {{first_name}}!',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'¡Gracias por responder a nuestra encuesta{{#if nps.score}} y por tu puntuación de {{nps.score}}{{/if}}! Saber que {{product_name}} te está funcionando tan bien significa mucho para todo el equipo.',
				),
				p(
					'Si hay algo que podamos hacer aún mejor, responde a este email: leo todos los mensajes.',
				),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		// Promoters, 7 days later: send_advocacy_invite. The retention playbook (docs/sources.md#nps-follow-up-by-segment) asks promoters for case studies, testimonials
		// and referrals; the four activities are docs/sources.md#advocacy-program ADVOCACY_PROGRAM's, in its Spanish (review "en G2"
		// left out: the review site is the product's choice; its points and rewards too).
		id: 'nps_advocacy_invite',
		name: 'NPS Promoter: Advocacy Invitation',
		source: `${NPS}, promoter advocacy invitation on day 7; advocacy programme; promoters, 9-10 (docs/sources.md#cs-workflows, #advocacy-program, #nps-follow-up-by-segment)`,
		trigger: 'nps_score_gte_9',
		en: {
			subject: '{{first_name}}, would you share your experience with {{product_name}}?',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					'A few days ago you told us you would recommend {{product_name}}: thank you again. Would you like to help other teams discover it?',
				),
				section(
					'Here is how you can take part:',
					ul(
						'**Write a review:** leave an honest review',
						'**Take part in a case study:** share your success story (a 30-minute interview)',
						'**Give a testimonial:** provide a testimonial for our website',
						'**Refer a customer:** refer a new customer who becomes a subscriber',
					),
				),
				whenElse(
					'advocacy_link',
					[
						p(
							'[Join our advocacy program](advocacy_link), or reply to this email and tell me which one you would like to do.',
						),
					],
					[p('Just reply to this email and tell me which one you would like to do.')],
				),
				p('Thank you for your support!'),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, ¿compartirías tu experiencia con {{product_name}}?',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Hace unos días nos dijiste que recomendarías {{product_name}}: gracias de nuevo. ¿Te gustaría ayudar a otros equipos a descubrirlo?',
				),
				section(
					'Así puedes participar:',
					ul(
						'**Escribir una review:** deja una reseña honesta',
						'**Participar en un caso de estudio:** comparte tu historia de éxito (una entrevista de 30 minutos)',
						'**Dar un testimonio:** proporciona un testimonio para nuestra web',
						'**Referir un cliente:** refiere un nuevo cliente que se convierta en suscriptor',
					),
				),
				whenElse(
					'advocacy_link',
					[
						p(
							'[Únete a nuestro programa de embajadores](advocacy_link), o responde a este email y dime cuál te apetece.',
						),
					],
					[p('Responde a este email y dime cuál te apetece.')],
				),
				p('¡Gracias por tu apoyo!'),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		// Internal, to the CS team: the NPS node's aggregate item as it is. docs/sources.md#nps-aggregate calculateMetrics (NPS,
		// counts and percentages per segment, response rate), docs/sources.md#nps-reporting-rules (confidence intervals; never report an NPS with
		// fewer than 30 responses as reliable: shown when the node's nps.sampleWarning is set); the retention playbook (docs/sources.md#nps-survey-throttle) surveys
		// monthly. A batch without responses has no NPS and no interval (null: missing variables).
		id: 'nps_monthly_report',
		name: 'NPS Monthly Report (Internal)',
		source:
			'NPS of a batch; reporting rules: sample size and confidence; NPS follow-up per segment; text ours (docs/sources.md#nps-aggregate, #nps-reporting-rules, #nps-follow-up-by-segment)',
		en: {
			subject: 'NPS {{month}}: {{nps.nps}} ({{nps.responses}} responses)',
			blocks: [
				p('**NPS for {{month}}: {{nps.nps}}**'),
				p(
					'95% confidence interval: {{nps.confidenceInterval.lower}} to {{nps.confidenceInterval.upper}}.',
				),
				when(
					'nps.sampleWarning',
					p(
						'⚠️ **Small sample:** {{nps.responses}} responses, fewer than the {{nps.minimumSample}} needed to report this NPS as reliable.',
					),
				),
				section(
					'Responses: {{nps.responses}}',
					ul(
						'Promoters (9-10): {{nps.promoters.count}} ({{nps.promoters.percentage}}%)',
						'Passives (7-8): {{nps.passives.count}} ({{nps.passives.percentage}}%)',
						'Detractors (0-6): {{nps.detractors.count}} ({{nps.detractors.percentage}}%)',
					),
				),
				when(
					'nps.responseRate',
					p('Response rate: {{nps.responseRate}}% of {{nps.surveysSent}} surveys sent.'),
				),
				when('dashboard_link', p('[Open the dashboard](dashboard_link)')),
				p(
					'NPS = % promoters - % detractors, from -100 to 100; the interval is the adjusted-Wald 95% interval.',
				),
			],
		},
		es: {
			subject: 'NPS {{month}}: {{nps.nps}} ({{nps.responses}} respuestas)',
			blocks: [
				p('**NPS de {{month}}: {{nps.nps}}**'),
				p(
					'Intervalo de confianza del 95%: de {{nps.confidenceInterval.lower}} a {{nps.confidenceInterval.upper}}.',
				),
				when(
					'nps.sampleWarning',
					p(
						'⚠️ **Muestra pequeña:** {{nps.responses}} respuestas, menos de las {{nps.minimumSample}} necesarias para presentar este NPS como fiable.',
					),
				),
				section(
					'Respuestas: {{nps.responses}}',
					ul(
						'Promotores (9-10): {{nps.promoters.count}} ({{nps.promoters.percentage}}%)',
						'Pasivos (7-8): {{nps.passives.count}} ({{nps.passives.percentage}}%)',
						'Detractores (0-6): {{nps.detractors.count}} ({{nps.detractors.percentage}}%)',
					),
				),
				when(
					'nps.responseRate',
					p('Tasa de respuesta: {{nps.responseRate}}% de {{nps.surveysSent}} encuestas enviadas.'),
				),
				when('dashboard_link', p('[Abrir el panel](dashboard_link)')),
				p(
					'NPS = % promotores - % detractores, de -100 a 100; el intervalo es el intervalo del 95% de Wald ajustado.',
				),
			],
		},
	},
	{
		// docs/sources.md#save-playbooks SAVE_PLAYBOOKS.cancellation_request: immediate call (within 2 hours), understand the reasons,
		// a save offer "if appropriate"; docs/sources.md#cs-workflows schedule_save_call and prepare_save_offer. The offer is mentioned only
		// when `save_offer` is set.
		id: 'cancellation_save_call',
		name: 'Cancellation: Save Call',
		source:
			'Save playbook: cancellation request; CS workflow: at risk, cancellation request, save call; text ours (docs/sources.md#save-playbooks, #cs-workflows)',
		trigger: 'cancellation_requested',
		en: {
			subject: '{{first_name}}, before you go: can we talk?',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					"I've just seen your request to cancel {{product_name}}, and before anything else, I'd like to understand what led to it.",
				),
				p(
					"If something isn't working for you, there may be a solution we haven't tried yet. Could we talk today, even for 15 minutes? [Book a call](calendar_link)",
				),
				when('save_offer', p('And if it helps you stay, I can offer you **{{save_offer}}**.')),
				p(
					"If you've already made up your mind, I'll respect that: just reply to this email and tell me why, so we can do better.",
				),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, antes de que te vayas: ¿hablamos?',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Acabo de ver tu solicitud para cancelar {{product_name}} y, antes que nada, me gustaría entender qué te ha llevado a ello.',
				),
				p(
					'Si algo no está funcionando, quizá haya una solución que aún no hemos probado. ¿Podemos hablar hoy, aunque sean 15 minutos? [Agenda una llamada](calendar_link)',
				),
				when('save_offer', p('Y si te ayuda a quedarte, puedo ofrecerte **{{save_offer}}**.')),
				p(
					'Si ya lo tienes decidido, lo respeto: responde a este email y cuéntame por qué, para que podamos mejorar.',
				),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		// send_usage_alert at 80% of the plan limit (docs/sources.md#expansion-signals approaching_limit: usageVsLimit > 0.8).
		// usage_vs_limit_percent is the record's usage_vs_limit × 100 (context.ts).
		id: 'usage_limit_approaching',
		name: 'Expansion: Usage Limit Approaching',
		source: `${APPROACHING_LIMITS}, usage alert; expansion signal approaching limit; text ours (docs/sources.md#cs-workflows, #expansion-signals)`,
		trigger: 'usage_at_80_percent',
		en: {
			subject: "{{first_name}}, you're using {{usage_vs_limit_percent}}% of your {{plan}} plan",
			blocks: [
				p('Hi {{first_name}},'),
				p(
					'Good news: your team is getting a lot out of {{product_name}}. You are now using **{{usage_vs_limit_percent}}%** of what your {{plan}} plan includes.',
				),
				p(
					'So that nothing slows your team down when you reach the limit, now is a good time to look at your options.',
				),
				when('upgrade_link', p('[See the plans](upgrade_link)')),
				whenElse(
					'calendar_link',
					[
						p(
							'Shall we look at it together? [Book a call](calendar_link) or just reply to this email.',
						),
					],
					[p('Shall we look at it together? Just reply to this email.')],
				),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, ya usas el {{usage_vs_limit_percent}}% de tu plan {{plan}}',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Buenas noticias: tu equipo le está sacando mucho partido a {{product_name}}. Ya usas el **{{usage_vs_limit_percent}}%** de lo que incluye tu plan {{plan}}.',
				),
				p(
					'Para que nada frene a tu equipo cuando llegues al límite, es un buen momento para ver tus opciones.',
				),
				when('upgrade_link', p('[Ver los planes](upgrade_link)')),
				whenElse(
					'calendar_link',
					[p('¿Lo vemos juntos? [Agenda una llamada](calendar_link) o responde a este email.')],
					[p('¿Lo vemos juntos? Responde a este email.')],
				),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		// send_upgrade_info, 3 days after the usage alert: docs/sources.md#expansion-opportunities upsell ("Present upgrade to higher plan",
		// the next plan). `next_plan_benefits` lists what it gives; else three general benefits of ours.
		id: 'upgrade_info',
		name: 'Expansion: Upgrade Information',
		source: `${APPROACHING_LIMITS}, upgrade information on day 3; upsell opportunity; text ours (docs/sources.md#cs-workflows, #expansion-opportunities)`,
		trigger: 'usage_at_80_percent',
		en: {
			subject: '{{first_name}}, more room to grow with {{product_name}}',
			blocks: [
				p('Hi {{first_name}},'),
				p(
					'A few days ago I let you know that your team is close to the limits of your {{plan}} plan. Here is what {{#if next_plan}}the **{{next_plan}}** plan{{else}}the next plan{{/if}} gives you:',
				),
				whenElse(
					'next_plan_benefits',
					[each('next_plan_benefits')],
					[
						ul(
							'Higher limits, so your team can keep growing without interruptions',
							'Room for more users and more usage',
							'The more advanced features of {{product_name}}',
						),
					],
				),
				p(
					"I'd be happy to go through the options with you and find the plan that fits the way your team works: [book a call](calendar_link)",
				),
				when('upgrade_link', p('Or compare the plans yourself: [see the plans](upgrade_link)')),
				lines('Best regards,', '{{csm_name}}'),
			],
		},
		es: {
			subject: '{{first_name}}, más margen para crecer con {{product_name}}',
			blocks: [
				p('Hola {{first_name}},'),
				p(
					'Hace unos días te conté que tu equipo está cerca de los límites de tu plan {{plan}}. Esto es lo que te ofrece {{#if next_plan}}el plan **{{next_plan}}**{{else}}el siguiente plan{{/if}}:',
				),
				whenElse(
					'next_plan_benefits',
					[each('next_plan_benefits')],
					[
						ul(
							'Límites más altos, para que tu equipo siga creciendo sin interrupciones',
							'Espacio para más usuarios y más uso',
							'Las funcionalidades más avanzadas de {{product_name}}',
						),
					],
				),
				p(
					'Me encantaría repasar las opciones contigo y encontrar el plan que mejor encaja con cómo trabaja tu equipo: [agenda una llamada](calendar_link)',
				),
				when(
					'upgrade_link',
					p('O compara los planes por tu cuenta: [ver los planes](upgrade_link)'),
				),
				lines('Un saludo,', '{{csm_name}}'),
			],
		},
	},
	{
		// Internal, to the CSM or manager: the one alert every workflow sends (docs/sources.md#cs-workflows notify_csm,
		// create_csm_alert, docs/sources.md#nps-response-handling sendCSMAlert). The item's `email` is the recipient (the CSM), so the customer's
		// own address, when wanted, is `customer_email`.
		id: 'csm_alert',
		name: 'CSM Alert (Internal)',
		source:
			'CS workflows: CSM notification and alert steps; internal notification, text ours (docs/sources.md#cs-workflows)',
		en: {
			subject: '[{{alert_severity}}] {{alert_title}}',
			blocks: [
				p('**{{alert_title}}**'),
				p('{{alert_reason}}'),
				section(
					'Customer:',
					ul(
						'{{#if company}}{{company}} {{/if}}({{customer_id}})',
						{ if: 'first_name', text: 'Contact: {{first_name}}' },
						{ if: 'customer_email', text: 'Email: {{customer_email}}' },
						{ if: 'csm_name', text: 'CSM: {{csm_name}}' },
					),
				),
				when('alert_actions', section('What to do:', each('alert_actions'))),
				when('due_at', p('**Due:** {{due_at}}')),
				when('dashboard_link', p('[Open the dashboard](dashboard_link)')),
				p('An internal notification from your customer success workflows.'),
			],
		},
		es: {
			subject: '[{{alert_severity}}] {{alert_title}}',
			blocks: [
				p('**{{alert_title}}**'),
				p('{{alert_reason}}'),
				section(
					'Cliente:',
					ul(
						'{{#if company}}{{company}} {{/if}}({{customer_id}})',
						{ if: 'first_name', text: 'Contacto: {{first_name}}' },
						{ if: 'customer_email', text: 'Email: {{customer_email}}' },
						{ if: 'csm_name', text: 'CSM: {{csm_name}}' },
					),
				),
				when('alert_actions', section('Qué hacer:', each('alert_actions'))),
				when('due_at', p('**Fecha límite:** {{due_at}}')),
				when('dashboard_link', p('[Abrir el panel](dashboard_link)')),
				p('Notificación interna de tus workflows de Customer Success.'),
			],
		},
		defaults: {
			alert_severity: { en: 'Alert', es: 'Alerta' },
		},
	},
	{
		// Internal daily digest of the health scoring: customers whose score dropped and customers newly at risk,
		// each a list of objects; a section shows only when its list has entries.
		id: 'csm_daily_digest',
		name: 'CS Daily Health Digest (Internal)',
		source: 'Internal daily health digest (text ours)',
		en: {
			subject: 'Daily health digest: drops {{drop_count}}, newly at risk {{at_risk_count}}',
			blocks: [
				when('digest_date', p('**Customer health, {{digest_date}}**')),
				p('Health score drops: **{{drop_count}}** · Newly at risk: **{{at_risk_count}}**'),
				when(
					'drops',
					section(
						'📉 Health score drops',
						each(
							'drops',
							false,
							'**{{ this.company }}** ({{ this.customer_id }}): {{ this.previous_score }} → {{ this.score }}',
						),
					),
				),
				when(
					'new_at_risk',
					section(
						'⚠️ Newly at risk',
						each(
							'new_at_risk',
							false,
							'**{{ this.company }}** ({{ this.customer_id }}): {{ this.score }}, {{ this.category }}',
						),
					),
				),
				when('dashboard_link', p('[Open the dashboard](dashboard_link)')),
				p('An internal digest from your customer success workflows.'),
			],
		},
		es: {
			subject: 'Resumen diario de salud: caídas {{drop_count}}, nuevos en riesgo {{at_risk_count}}',
			blocks: [
				when('digest_date', p('**Salud de los clientes, {{digest_date}}**')),
				p('Caídas del health score: **{{drop_count}}** · Nuevos en riesgo: **{{at_risk_count}}**'),
				when(
					'drops',
					section(
						'📉 Caídas del health score',
						each(
							'drops',
							false,
							'**{{ this.company }}** ({{ this.customer_id }}): {{ this.previous_score }} → {{ this.score }}',
						),
					),
				),
				when(
					'new_at_risk',
					section(
						'⚠️ Nuevos en riesgo',
						each(
							'new_at_risk',
							false,
							'**{{ this.company }}** ({{ this.customer_id }}): {{ this.score }}, {{ this.category }}',
						),
					),
				),
				when('dashboard_link', p('[Abrir el panel](dashboard_link)')),
				p('Resumen interno de tus workflows de Customer Success.'),
			],
		},
	},
];
