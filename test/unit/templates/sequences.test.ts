import { aggregateNps } from '../../../src/nps';
import {
	BUILT_IN_TEMPLATE_IDS,
	BUILT_IN_TEMPLATES,
	buildTemplateContext,
	builtInLabels,
	describeTemplateVariables,
	LINK_VARIABLES,
	MissingVariablesError,
	parseContent,
	renderCustomerEmail,
	surveyScoreLink,
	TemplateDataError,
	TEMPLATE_LOCALES,
	type EmailTemplate,
	type TemplateParameters,
} from '../../../src/templates';
import { SEQUENCE_TEMPLATES } from '../../../src/templates/builtins/sequences';
import { builtIn, config } from './fixtures';

/** The templates of the bundled workflows' sequences (src/templates/builtins/sequences.ts). */

const IDS = [
	'onboarding_checklist',
	'onboarding_first_value_nudge',
	'onboarding_tips',
	'onboarding_30_day_review',
	'onboarding_stalled_help',
	'renewal_30_days_reminder',
	'nps_survey',
	'nps_survey_reminder',
	'nps_passive_interview',
	'nps_promoter_thanks',
	'nps_advocacy_invite',
	'nps_monthly_report',
	'cancellation_save_call',
	'usage_limit_approaching',
	'upgrade_info',
	'csm_alert',
	'csm_daily_digest',
];

const PARAMETERS: TemplateParameters = {
	productName: 'Chatly',
	senderName: 'Marta Ruiz',
	senderEmail: 'marta@chatly.test',
	links: {
		calendarLink: 'https://cal.test/luis',
		dashboardLink: 'https://app.chatly.test',
		helpLink: 'https://help.chatly.test/setup',
		// As the NPS workflow builds it: the customer already in the query.
		surveyLink: 'https://survey.chatly.test/nps?customer_id=cust-7',
		advocacyLink: 'https://chatly.test/advocates',
	},
};

/** A customer in the record vocabulary. */
const CUSTOMER: Record<string, unknown> = {
	customer_id: 'cust-7',
	email: 'lucia@norte.test',
	first_name: 'Lucía',
	company: 'Norte Logística',
	plan: 'Growth',
	renewal_date: '2027-02-01',
	csm_name: 'Luis Pérez',
	csm_email: 'luis@chatly.test',
	timezone: 'Europe/Madrid',
};

/** The NPS node's aggregate item for 6 promoters, 5 passives and 1 detractor out of 40 surveys. */
const SMALL_SAMPLE = aggregateNps(
	{ promoters: 6, passives: 5, detractors: 1 },
	{ surveysSent: 40 },
);

/** The item each template is rendered from: the customer plus what its workflow step adds. */
const ITEMS: Record<string, Record<string, unknown>> = {
	onboarding_checklist: CUSTOMER,
	onboarding_first_value_nudge: { ...CUSTOMER, key_action: 'your first booking' },
	onboarding_tips: CUSTOMER,
	onboarding_30_day_review: CUSTOMER,
	onboarding_stalled_help: CUSTOMER,
	renewal_30_days_reminder: CUSTOMER,
	nps_survey: CUSTOMER,
	nps_survey_reminder: CUSTOMER,
	nps_passive_interview: { ...CUSTOMER, nps: { score: 7, segment: 'passive' } },
	nps_promoter_thanks: { ...CUSTOMER, nps: { score: 10, segment: 'promoter' } },
	nps_advocacy_invite: CUSTOMER,
	// The report goes to the CS team: the workflow sets the recipient and the month on the NPS node's item.
	nps_monthly_report: { email: 'cs-team@chatly.test', month: '2026-11', nps: SMALL_SAMPLE },
	cancellation_save_call: { ...CUSTOMER, save_offer: '2 months at half price' },
	usage_limit_approaching: { ...CUSTOMER, usage_vs_limit: 0.85 },
	upgrade_info: {
		...CUSTOMER,
		next_plan: 'Scale',
		next_plan_benefits: ['50,000 conversations a month', 'Unlimited seats'],
	},
	// The alert goes to the CSM: `email` is theirs, the customer's address is customer_email.
	csm_alert: {
		...CUSTOMER,
		email: 'luis@chatly.test',
		customer_email: 'lucia@norte.test',
		alert_severity: 'high',
		alert_title: 'Health score dropped: Norte Logística',
		alert_reason: 'The health score fell from 82 to 58 (-24 points).',
		alert_actions: ['Call Lucía within a day', 'Agree a recovery plan'],
		due_at: '2026-11-24T10:00:00Z',
	},
	csm_daily_digest: {
		email: 'cs-team@chatly.test',
		digest_date: '2026-11-23',
		drop_count: 2,
		at_risk_count: 1,
		drops: [
			{ company: 'Norte Logística', customer_id: 'cust-7', score: 58, previous_score: 82 },
			{ company: 'Globex', customer_id: 'cust-9', score: 61, previous_score: 79 },
		],
		new_at_risk: [{ company: 'Initech', customer_id: 'cust-3', score: 44, category: 'critical' }],
	},
};

const render = (
	id: string,
	locale: string,
	item: Record<string, unknown> = ITEMS[id],
	overrides = {},
) =>
	renderCustomerEmail(
		{ ...item, locale },
		config({ ...builtIn(id), parameters: PARAMETERS, ...overrides }),
	);

const lines = (text: string) => text.split('\n');

const scoreLines = (base: string) =>
	Array.from({ length: 11 }, (_value, score) => `${score}: ${base}${score}`);
const SCORES = scoreLines('https://survey.chatly.test/nps?customer_id=cust-7&score=');

/** Subject and key lines of the text body, per template and language, rendered from ITEMS. */
const EXPECTED: Record<string, Record<'en' | 'es', { subject: string; lines: string[] }>> = {
	onboarding_checklist: {
		en: {
			subject: 'Lucía, your Chatly onboarding checklist',
			lines: [
				'Hi Lucía,',
				"Here's your checklist to get Chatly up and running. Each step takes only a few minutes:",
				'- Complete your profile and account settings',
				'- Complete your first key action in Chatly',
				'- Invite your team members to collaborate',
				'Step-by-step guides for every step: open the help center (https://help.chatly.test/setup)',
				'Luis Pérez',
			],
		},
		es: {
			subject: 'Lucía, tu checklist de onboarding de Chatly',
			lines: [
				'Hola Lucía,',
				'Aquí tienes tu checklist para poner en marcha Chatly. Cada paso lleva solo unos minutos:',
				'- Completa tu perfil y la configuración de tu cuenta',
				'- Completa tu primera acción clave en Chatly',
				'- Invita a tu equipo a colaborar',
				'Guías paso a paso para cada punto: abre el centro de ayuda (https://help.chatly.test/setup)',
				'Un saludo,',
			],
		},
	},
	onboarding_first_value_nudge: {
		en: {
			subject: "Lucía, let's get you to your first result with Chatly",
			lines: [
				"You joined Chatly a few days ago, and I noticed you haven't completed your first booking yet.",
				'Is something getting in the way? In a 15-minute call we can do it together: book a call (https://cal.test/luis)',
			],
		},
		es: {
			subject: 'Lucía, te ayudo a conseguir tu primer resultado con Chatly',
			lines: [
				'Hace unos días que empezaste con Chatly y he visto que aún no has completado your first booking.',
				'¿Hay algo que te lo impida? En una llamada de 15 minutos lo hacemos juntos: agenda una llamada (https://cal.test/luis)',
			],
		},
	},
	onboarding_tips: {
		en: {
			subject: 'Lucía, a few tips to get more out of Chatly',
			lines: [
				'- Invite your team: Chatly works best when everyone who needs it is on board.',
				'- Check your dashboard once a week to see your progress and what to improve.',
				'Go to your dashboard (https://app.chatly.test)',
			],
		},
		es: {
			subject: 'Lucía, algunos consejos para sacar más partido a Chatly',
			lines: [
				'- Invita a tu equipo: Chatly funciona mejor cuando todos los que lo necesitan están dentro.',
				'- Revisa tu panel una vez por semana para ver tu progreso y qué mejorar.',
				'Ir a tu panel (https://app.chatly.test)',
			],
		},
	},
	onboarding_30_day_review: {
		en: {
			subject: "Lucía, let's schedule your 30-day review",
			lines: [
				'In 30 minutes, we will:',
				'- Review your progress and results so far',
				'Pick a date around the end of your first month: book your 30-day review (https://cal.test/luis)',
			],
		},
		es: {
			subject: 'Lucía, agendemos tu revisión de los 30 días',
			lines: [
				'En 30 minutos:',
				'- Revisaremos tu progreso y los resultados hasta ahora',
				'Elige una fecha hacia el final de tu primer mes: agenda tu revisión de los 30 días (https://cal.test/luis)',
			],
		},
	},
	onboarding_stalled_help: {
		en: {
			subject: 'Lucía, can I help you finish setting up Chatly?',
			lines: [
				'- Book a 15-minute call (https://cal.test/luis) and we finish it together',
				'- Follow the step-by-step guides (https://help.chatly.test/setup) in our help center',
			],
		},
		es: {
			subject: 'Lucía, ¿te ayudo a terminar de configurar Chatly?',
			lines: [
				'- Agenda una llamada de 15 minutos (https://cal.test/luis) y lo terminamos juntos',
				'- Sigue las guías paso a paso (https://help.chatly.test/setup) de nuestro centro de ayuda',
			],
		},
	},
	renewal_30_days_reminder: {
		en: {
			subject: 'Lucía, your Chatly renewal is on 2027-02-01',
			lines: [
				'A quick reminder: your Chatly subscription renews on 2027-02-01.',
				'Your plan: Growth',
				'Renewal date: 2027-02-01',
			],
		},
		es: {
			subject: 'Lucía, tu renovación de Chatly es el 2027-02-01',
			lines: [
				'Un recordatorio rápido: tu suscripción a Chatly se renueva el 2027-02-01.',
				'Tu plan: Growth',
				'Fecha de renovación: 2027-02-01',
			],
		},
	},
	nps_survey: {
		en: {
			subject: 'Lucía, one quick question about Chatly',
			lines: [
				'How likely are you to recommend Chatly to a friend or colleague?',
				'Click a number, from 0 (not at all likely) to 10 (extremely likely):',
				...SCORES,
				"It takes one click, and our team reads every answer. If the numbers don't work in your email app, open the survey (https://survey.chatly.test/nps?customer_id=cust-7).",
			],
		},
		es: {
			subject: 'Lucía, una pregunta rápida sobre Chatly',
			lines: [
				'¿Qué probabilidad hay de que recomiendes Chatly a un amigo o colega?',
				'Haz clic en un número, del 0 (nada probable) al 10 (muy probable):',
				...SCORES,
			],
		},
	},
	nps_survey_reminder: {
		en: {
			subject: 'Lucía, 10 seconds to help us improve Chatly?',
			lines: [
				'A few days ago I asked you one question, and your answer would really help us improve:',
				...SCORES,
			],
		},
		es: {
			subject: 'Lucía, ¿10 segundos para ayudarnos a mejorar Chatly?',
			lines: [
				'Hace unos días te hice una pregunta, y tu respuesta nos ayudaría mucho a mejorar:',
				...SCORES,
			],
		},
	},
	nps_passive_interview: {
		en: {
			subject: 'Lucía, what would make Chatly a 10 for you?',
			lines: [
				'Thank you for answering our survey and for your score of 7. Your answer tells us Chatly is working for you, but not yet as well as it could, and I would like to understand why.',
				'Would you have 15 minutes for a short interview? I want to understand what we are missing for you to recommend us without hesitation.',
				'Choose a time that suits you (https://cal.test/luis)',
			],
		},
		es: {
			subject: 'Lucía, ¿qué haría falta para que Chatly fuera un 10 para ti?',
			lines: [
				'¿Tendrías 15 minutos para una breve entrevista? Quiero entender qué nos falta para que nos recomiendes sin dudarlo.',
				'Elige el momento que mejor te venga (https://cal.test/luis)',
			],
		},
	},
	nps_promoter_thanks: {
		en: {
			subject: 'Thank you, Lucía!',
			lines: [
				'Thank you for answering our survey and for your score of 10! Knowing that Chatly is working so well for you means a lot to the whole team.',
			],
		},
		es: {
			subject: '¡Gracias, Lucía!',
			lines: [
				'¡Gracias por responder a nuestra encuesta y por tu puntuación de 10! Saber que Chatly te está funcionando tan bien significa mucho para todo el equipo.',
			],
		},
	},
	nps_advocacy_invite: {
		en: {
			subject: 'Lucía, would you share your experience with Chatly?',
			lines: [
				'- Write a review: leave an honest review',
				'- Take part in a case study: share your success story (a 30-minute interview)',
				'- Refer a customer: refer a new customer who becomes a subscriber',
				'Join our advocacy program (https://chatly.test/advocates), or reply to this email and tell me which one you would like to do.',
			],
		},
		es: {
			subject: 'Lucía, ¿compartirías tu experiencia con Chatly?',
			lines: [
				'- Escribir una review: deja una reseña honesta',
				'- Dar un testimonio: proporciona un testimonio para nuestra web',
				'- Referir un cliente: refiere un nuevo cliente que se convierta en suscriptor',
				'Únete a nuestro programa de embajadores (https://chatly.test/advocates), o responde a este email y dime cuál te apetece.',
			],
		},
	},
	nps_monthly_report: {
		en: {
			subject: 'NPS 2026-11: 42 (12 responses)',
			lines: [
				'NPS for 2026-11: 42',
				'95% confidence interval: -0.8 to 67.5.',
				'⚠️ Small sample: 12 responses, fewer than the 30 needed to report this NPS as reliable.',
				'Responses: 12',
				'- Promoters (9-10): 6 (50%)',
				'- Passives (7-8): 5 (41.7%)',
				'- Detractors (0-6): 1 (8.3%)',
				'Response rate: 30% of 40 surveys sent.',
				'Open the dashboard (https://app.chatly.test)',
			],
		},
		es: {
			subject: 'NPS 2026-11: 42 (12 respuestas)',
			lines: [
				'NPS de 2026-11: 42',
				'Intervalo de confianza del 95%: de -0.8 a 67.5.',
				'⚠️ Muestra pequeña: 12 respuestas, menos de las 30 necesarias para presentar este NPS como fiable.',
				'- Promotores (9-10): 6 (50%)',
				'- Pasivos (7-8): 5 (41.7%)',
				'- Detractores (0-6): 1 (8.3%)',
				'Tasa de respuesta: 30% de 40 encuestas enviadas.',
			],
		},
	},
	cancellation_save_call: {
		en: {
			subject: 'Lucía, before you go: can we talk?',
			lines: [
				"I've just seen your request to cancel Chatly, and before anything else, I'd like to understand what led to it.",
				"If something isn't working for you, there may be a solution we haven't tried yet. Could we talk today, even for 15 minutes? Book a call (https://cal.test/luis)",
				'And if it helps you stay, I can offer you 2 months at half price.',
			],
		},
		es: {
			subject: 'Lucía, antes de que te vayas: ¿hablamos?',
			lines: [
				'Acabo de ver tu solicitud para cancelar Chatly y, antes que nada, me gustaría entender qué te ha llevado a ello.',
				'Y si te ayuda a quedarte, puedo ofrecerte 2 months at half price.',
			],
		},
	},
	usage_limit_approaching: {
		en: {
			subject: "Lucía, you're using 85% of your Growth plan",
			lines: [
				'Good news: your team is getting a lot out of Chatly. You are now using 85% of what your Growth plan includes.',
				'Shall we look at it together? Book a call (https://cal.test/luis) or just reply to this email.',
			],
		},
		es: {
			subject: 'Lucía, ya usas el 85% de tu plan Growth',
			lines: [
				'Buenas noticias: tu equipo le está sacando mucho partido a Chatly. Ya usas el 85% de lo que incluye tu plan Growth.',
				'¿Lo vemos juntos? Agenda una llamada (https://cal.test/luis) o responde a este email.',
			],
		},
	},
	upgrade_info: {
		en: {
			subject: 'Lucía, more room to grow with Chatly',
			lines: [
				'A few days ago I let you know that your team is close to the limits of your Growth plan. Here is what the Scale plan gives you:',
				'- 50,000 conversations a month',
				'- Unlimited seats',
				"I'd be happy to go through the options with you and find the plan that fits the way your team works: book a call (https://cal.test/luis)",
			],
		},
		es: {
			subject: 'Lucía, más margen para crecer con Chatly',
			lines: [
				'Hace unos días te conté que tu equipo está cerca de los límites de tu plan Growth. Esto es lo que te ofrece el plan Scale:',
				'- 50,000 conversations a month',
				'Me encantaría repasar las opciones contigo y encontrar el plan que mejor encaja con cómo trabaja tu equipo: agenda una llamada (https://cal.test/luis)',
			],
		},
	},
	csm_alert: {
		en: {
			subject: '[high] Health score dropped: Norte Logística',
			lines: [
				'Health score dropped: Norte Logística',
				'The health score fell from 82 to 58 (-24 points).',
				'Customer:',
				'- Norte Logística (cust-7)',
				'- Contact: Lucía',
				'- Email: lucia@norte.test',
				'- CSM: Luis Pérez',
				'What to do:',
				'- Call Lucía within a day',
				'- Agree a recovery plan',
				'Due: 2026-11-24T10:00:00Z',
				'Open the dashboard (https://app.chatly.test)',
			],
		},
		es: {
			subject: '[high] Health score dropped: Norte Logística',
			lines: [
				'Cliente:',
				'- Norte Logística (cust-7)',
				'- Contacto: Lucía',
				'Qué hacer:',
				'Fecha límite: 2026-11-24T10:00:00Z',
				'Abrir el panel (https://app.chatly.test)',
			],
		},
	},
	csm_daily_digest: {
		en: {
			subject: 'Daily health digest: drops 2, newly at risk 1',
			lines: [
				'Customer health, 2026-11-23',
				'Health score drops: 2 · Newly at risk: 1',
				'📉 Health score drops',
				'- Norte Logística (cust-7): 82 → 58',
				'- Globex (cust-9): 79 → 61',
				'⚠️ Newly at risk',
				'- Initech (cust-3): 44, critical',
			],
		},
		es: {
			subject: 'Resumen diario de salud: caídas 2, nuevos en riesgo 1',
			lines: [
				'Salud de los clientes, 2026-11-23',
				'Caídas del health score: 2 · Nuevos en riesgo: 1',
				'📉 Caídas del health score',
				'- Norte Logística (cust-7): 82 → 58',
				'⚠️ Nuevos en riesgo',
				'- Initech (cust-3): 44, critical',
			],
		},
	},
};

/** The variables of every template ([] a list, ? optional), the README table's content. */
const VARIABLES: Record<string, string[]> = {
	onboarding_checklist: [
		'first_name',
		'product_name',
		'checklist[]?',
		'help_link?',
		'csm_name',
		'unsubscribe_link?',
	],
	onboarding_first_value_nudge: [
		'first_name',
		'product_name',
		'key_action?',
		'calendar_link',
		'csm_name',
		'unsubscribe_link?',
	],
	onboarding_tips: [
		'first_name',
		'product_name',
		'tips[]?',
		'dashboard_link?',
		'csm_name',
		'unsubscribe_link?',
	],
	onboarding_30_day_review: [
		'first_name',
		'product_name',
		'calendar_link',
		'csm_name',
		'unsubscribe_link?',
	],
	onboarding_stalled_help: [
		'first_name',
		'product_name',
		'calendar_link',
		'help_link',
		'csm_name',
		'unsubscribe_link?',
	],
	renewal_30_days_reminder: [
		'first_name',
		'product_name',
		'renewal_date',
		'plan',
		'calendar_link',
		'csm_name',
		'unsubscribe_link?',
	],
	nps_survey: [
		'first_name',
		'product_name',
		'survey_score_link',
		'survey_link',
		'csm_name',
		'unsubscribe_link?',
	],
	nps_survey_reminder: [
		'first_name',
		'product_name',
		'survey_score_link',
		'survey_link',
		'csm_name',
		'unsubscribe_link?',
	],
	nps_passive_interview: [
		'first_name',
		'product_name',
		'nps.score?',
		'calendar_link',
		'csm_name',
		'unsubscribe_link?',
	],
	nps_promoter_thanks: [
		'first_name',
		'nps.score?',
		'product_name',
		'csm_name',
		'unsubscribe_link?',
	],
	nps_advocacy_invite: [
		'first_name',
		'product_name',
		'advocacy_link?',
		'csm_name',
		'unsubscribe_link?',
	],
	nps_monthly_report: [
		'month',
		'nps.nps',
		'nps.responses',
		'nps.confidenceInterval.lower',
		'nps.confidenceInterval.upper',
		'nps.sampleWarning?',
		'nps.minimumSample?',
		'nps.promoters.count',
		'nps.promoters.percentage',
		'nps.passives.count',
		'nps.passives.percentage',
		'nps.detractors.count',
		'nps.detractors.percentage',
		'nps.responseRate?',
		'nps.surveysSent?',
		'dashboard_link?',
		'unsubscribe_link?',
	],
	cancellation_save_call: [
		'first_name',
		'product_name',
		'calendar_link',
		'save_offer?',
		'csm_name',
		'unsubscribe_link?',
	],
	usage_limit_approaching: [
		'first_name',
		'usage_vs_limit_percent',
		'plan',
		'product_name',
		'upgrade_link?',
		'calendar_link?',
		'csm_name',
		'unsubscribe_link?',
	],
	upgrade_info: [
		'first_name',
		'product_name',
		'plan',
		'next_plan?',
		'next_plan_benefits[]?',
		'calendar_link',
		'upgrade_link?',
		'csm_name',
		'unsubscribe_link?',
	],
	csm_alert: [
		'alert_severity',
		'alert_title',
		'alert_reason',
		'company?',
		'customer_id',
		'first_name?',
		'customer_email?',
		'csm_name?',
		'alert_actions[]?',
		'due_at?',
		'dashboard_link?',
		'unsubscribe_link?',
	],
	csm_daily_digest: [
		'drop_count',
		'at_risk_count',
		'digest_date?',
		'drops[]?',
		'new_at_risk[]?',
		'dashboard_link?',
		'unsubscribe_link?',
	],
};

const variablesOf = (template: EmailTemplate, locale: string) =>
	parseContent(template.locales[locale], builtInLabels(template.id, locale)).variables.map(
		(variable) =>
			`${variable.name}${variable.usage === 'list' ? '[]' : ''}${variable.required ? '' : '?'}`,
	);

const template = (id: string) =>
	BUILT_IN_TEMPLATES.find((candidate) => candidate.id === id) as EmailTemplate;

const thrown = (run: () => unknown): Error => {
	try {
		run();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected an error');
};

describe('sequence email templates', () => {
	it('are built-ins with the ids the bundled workflows name, after the agent specification’s own (docs/sources.md#cs-email-templates)', () => {
		expect(SEQUENCE_TEMPLATES.map((definition) => definition.id)).toEqual(IDS);
		expect(BUILT_IN_TEMPLATE_IDS.slice(6, 6 + IDS.length)).toEqual(IDS);
		expect(new Set(BUILT_IN_TEMPLATE_IDS).size).toBe(BUILT_IN_TEMPLATE_IDS.length);
		expect(Object.keys(EXPECTED)).toEqual(IDS);
		expect(Object.keys(VARIABLES)).toEqual(IDS);
	});

	it('say where they come from, and "text ours" where the seeds give no text', () => {
		for (const definition of SEQUENCE_TEMPLATES)
			expect(definition.source).toMatch(
				/\(docs\/sources\.md#[a-z0-9-]+(, #[a-z0-9-]+)*\)$|^Internal /,
			);
		const ours = SEQUENCE_TEMPLATES.filter((definition) =>
			definition.source.includes('text ours'),
		).map((definition) => definition.id);
		// Seed wording kept: docs/sources.md#nps-follow-up-by-segment passive interview, docs/sources.md#advocacy-program advocacy activities.
		expect(IDS.filter((id) => !ours.includes(id))).toEqual([
			'nps_passive_interview',
			'nps_advocacy_invite',
		]);
	});

	it('have the same variables in English and Spanish, as listed', () => {
		for (const id of IDS) {
			expect(Object.keys(template(id).locales)).toEqual([...TEMPLATE_LOCALES]);
			expect(variablesOf(template(id), 'en')).toEqual(VARIABLES[id]);
			expect(variablesOf(template(id), 'es')).toEqual(VARIABLES[id]);
		}
	});

	it('declare defaults only for variables they use: the alert severity, and the shared signature', () => {
		for (const definition of SEQUENCE_TEMPLATES) {
			const used = VARIABLES[definition.id].map((name) => name.replace(/\[\]|\?/g, ''));
			for (const variable of Object.keys(definition.defaults ?? {}))
				expect(used).toContain(variable);
		}
		expect(
			SEQUENCE_TEMPLATES.filter((definition) => definition.defaults).map(
				(definition) => definition.id,
			),
		).toEqual(['csm_alert']);
	});

	describe.each(IDS)('%s', (id) => {
		it.each(['en', 'es'] as const)(
			'renders in %s: exact subject, key lines, no tag left, nothing missing',
			(locale) => {
				const email = render(id, locale);
				const expected = EXPECTED[id][locale];
				expect(email.subject).toBe(expected.subject);
				expect(email.templateId).toBe(id);
				expect(email.locale).toBe(locale);
				expect(email.missingVariables).toEqual([]);
				expect(email.defaultedVariables).toEqual([]);
				expect(email.to).toBe(ITEMS[id].email);
				expect(lines(email.text)).toEqual(expect.arrayContaining(expected.lines));
				for (const part of [email.subject, email.html, email.text]) {
					expect(part).not.toMatch(/\{\{|\}\}/);
					expect(part).not.toContain('undefined');
					expect(part).not.toContain('null');
				}
				expect(
					email.html.startsWith('<div style="font-family: Arial, Helvetica, sans-serif;'),
				).toBe(true);
			},
		);

		it('in strict mode, fails an empty item listing exactly its required variables, in both languages', () => {
			const required = VARIABLES[id]
				.filter((name) => !name.endsWith('?'))
				.map((name) => name.replace('[]', ''));
			for (const locale of TEMPLATE_LOCALES) {
				const error = thrown(() =>
					renderCustomerEmail(
						{ email: 'someone@example.test', locale },
						config({ ...builtIn(id), parameters: {} }),
					),
				);
				expect(error).toBeInstanceOf(MissingVariablesError);
				expect((error as MissingVariablesError).variables).toEqual(required);
				expect(error.message).toContain(
					`Template "${id}" (${locale}) is missing ${required.length} variable`,
				);
			}
		});
	});

	describe('customer emails', () => {
		it('greet the customer and are signed by the CSM', () => {
			for (const id of IDS.filter(
				(candidate) => !['nps_monthly_report', 'csm_alert', 'csm_daily_digest'].includes(candidate),
			)) {
				expect(render(id, 'en').text.startsWith('Hi Lucía,\n\n')).toBe(true);
				expect(render(id, 'es').text.startsWith('Hola Lucía,\n\n')).toBe(true);
				expect(render(id, 'en').text.endsWith('Best regards,\nLuis Pérez')).toBe(true);
				expect(render(id, 'es').text.endsWith('Un saludo,\nLuis Pérez')).toBe(true);
			}
		});

		it('onboarding_checklist and onboarding_tips show the customer’s list instead of ours', () => {
			const checklist = render('onboarding_checklist', 'en', {
				...CUSTOMER,
				checklist: ['Add a vehicle', 'Add a driver'],
			});
			expect(checklist.text).toContain(
				'Each step takes only a few minutes:\n\n- Add a vehicle\n- Add a driver\n\nStart with',
			);
			expect(checklist.text).not.toContain('Complete your profile');
			const tips = render('onboarding_tips', 'es', {
				...CUSTOMER,
				tips: 'Usa atajos de teclado\nProgramar envíos',
			});
			expect(tips.text).toContain(
				'le saque más partido:\n\n- Usa atajos de teclado\n- Programar envíos\n\nIr a tu panel',
			);
			expect(tips.html).toContain(
				'<ul>\n<li>Usa atajos de teclado</li>\n<li>Programar envíos</li>\n</ul>',
			);
			expect(tips.text).not.toContain('Invita a tu equipo');
		});

		it('onboarding_first_value_nudge names the first key action generically without key_action', () => {
			expect(render('onboarding_first_value_nudge', 'en', CUSTOMER).text).toContain(
				"I noticed you haven't completed your first key action yet.",
			);
			expect(render('onboarding_first_value_nudge', 'es', CUSTOMER).text).toContain(
				'aún no has completado tu primera acción clave.',
			);
		});

		it('nps_survey links every score 0-10 to the survey, adding score to the link’s own query', () => {
			const email = render('nps_survey', 'en');
			for (let score = 0; score <= 10; score++) {
				expect(email.html).toContain(
					`<a href="https://survey.chatly.test/nps?customer_id=cust-7&amp;score=${score}" style="display: inline-block;`,
				);
			}
			expect(email.html).toContain(
				'<a href="https://survey.chatly.test/nps?customer_id=cust-7">open the survey</a>',
			);
			const plain = render('nps_survey', 'es', CUSTOMER, {
				parameters: {
					...PARAMETERS,
					links: { ...PARAMETERS.links, surveyLink: 'https://survey.chatly.test/nps' },
				},
			});
			expect(plain.text).toContain(scoreLines('https://survey.chatly.test/nps?score=').join('\n'));
		});

		it('nps_survey refuses a survey link that is not http(s) or mailto', () => {
			const error = thrown(() =>
				render('nps_survey', 'en', CUSTOMER, {
					parameters: {
						...PARAMETERS,
						links: { ...PARAMETERS.links, surveyLink: 'javascript:alert(1)' },
					},
				}),
			);
			expect(error).toBeInstanceOf(TemplateDataError);
			expect(error.message).toContain(
				'Variable "survey_score_link" must be an http(s) or mailto URL',
			);
		});

		it('nps_passive_interview and nps_promoter_thanks read without a score', () => {
			expect(render('nps_passive_interview', 'en', CUSTOMER).text).toContain(
				'Thank you for answering our survey. Your answer tells us',
			);
			expect(render('nps_promoter_thanks', 'es', CUSTOMER).text).toContain(
				'¡Gracias por responder a nuestra encuesta! Saber que',
			);
		});

		it('nps_advocacy_invite asks for a reply when there is no advocacy link', () => {
			const parameters = { ...PARAMETERS, links: { ...PARAMETERS.links, advocacyLink: '' } };
			const email = render('nps_advocacy_invite', 'en', CUSTOMER, { parameters });
			expect(lines(email.text)).toContain(
				'Just reply to this email and tell me which one you would like to do.',
			);
			expect(email.html).not.toContain('advocates');
			expect(lines(render('nps_advocacy_invite', 'es', CUSTOMER, { parameters }).text)).toContain(
				'Responde a este email y dime cuál te apetece.',
			);
		});

		it('cancellation_save_call mentions a save offer only when save_offer is set', () => {
			for (const locale of TEMPLATE_LOCALES) {
				const email = render('cancellation_save_call', locale, CUSTOMER);
				expect(email.text).not.toMatch(/offer you|ofrecerte/);
				expect(email.html).not.toContain('<strong>');
			}
		});

		it('usage_limit_approaching derives the percentage from usage_vs_limit, and shows the plans link and the reply without a calendar', () => {
			const parameters = { ...PARAMETERS, links: { ...PARAMETERS.links, calendarLink: '' } };
			const email = render(
				'usage_limit_approaching',
				'en',
				{ ...CUSTOMER, usage_vs_limit: 0.823, upgrade_link: 'https://chatly.test/plans' },
				{ parameters },
			);
			expect(email.subject).toBe("Lucía, you're using 82.3% of your Growth plan");
			expect(lines(email.text)).toEqual(
				expect.arrayContaining([
					'See the plans (https://chatly.test/plans)',
					'Shall we look at it together? Just reply to this email.',
				]),
			);
		});

		it('upgrade_info falls back to "the next plan" and general benefits', () => {
			const email = render('upgrade_info', 'es', CUSTOMER);
			expect(email.text).toContain(
				'Esto es lo que te ofrece el siguiente plan:\n\n- Límites más altos, para que tu equipo siga creciendo sin interrupciones\n',
			);
			expect(email.text).toContain('- Las funcionalidades más avanzadas de Chatly');
		});
	});

	describe('internal emails', () => {
		it('nps_monthly_report reads the NPS node’s aggregate item, and warns only on a small sample', () => {
			const large = aggregateNps({ promoters: 20, passives: 12, detractors: 8 });
			const email = render('nps_monthly_report', 'en', {
				email: 'cs-team@chatly.test',
				month: 'November 2026',
				nps: large,
			});
			expect(email.subject).toBe('NPS November 2026: 30 (40 responses)');
			expect(lines(email.text)).toEqual(
				expect.arrayContaining([
					'NPS for November 2026: 30',
					'95% confidence interval: 4.6 to 51.2.',
					'- Passives (7-8): 12 (30%)',
					'- Detractors (0-6): 8 (20%)',
				]),
			);
			expect(email.text).not.toMatch(/Small sample|Response rate/);
			expect(email.text.startsWith('NPS for November 2026: 30\n\n')).toBe(true);
		});

		it('csm_alert is "[severity] title", with a default severity in lenient mode and only the sections it has', () => {
			const {
				alert_actions: _actions,
				due_at: _due,
				customer_email: _address,
				alert_severity: _severity,
				...bare
			} = ITEMS.csm_alert;
			const parameters = { productName: 'Chatly' };
			const en = render(
				'csm_alert',
				'en',
				{ ...bare, company: '' },
				{ parameters, missingVariables: 'lenient' },
			);
			expect(en.subject).toBe('[Alert] Health score dropped: Norte Logística');
			expect(en.defaultedVariables).toEqual(['alert_severity']);
			expect(en.missingVariables).toEqual([]);
			expect(en.text).toBe(
				[
					'Health score dropped: Norte Logística',
					'The health score fell from 82 to 58 (-24 points).',
					'Customer:\n- (cust-7)\n- Contact: Lucía\n- CSM: Luis Pérez',
					'An internal notification from your customer success workflows.',
				].join('\n\n'),
			);
			expect(
				render('csm_alert', 'es', bare, { parameters, missingVariables: 'lenient' }).subject,
			).toBe('[Alerta] Health score dropped: Norte Logística');
		});

		it('csm_alert escapes what the workflow puts in it', () => {
			const email = render('csm_alert', 'en', {
				...ITEMS.csm_alert,
				alert_title: '<b>{{nested}}</b>',
				alert_actions: ['<script>x</script>'],
			});
			expect(email.subject).toBe('[high] <b>{{nested}}</b>');
			expect(email.html).toContain('<p><strong>&lt;b&gt;{{nested}}&lt;/b&gt;</strong></p>');
			expect(email.html).toContain('<li>&lt;script&gt;x&lt;/script&gt;</li>');
		});

		it('csm_daily_digest shows a section only when its list has entries, and escapes the entries', () => {
			const email = render('csm_daily_digest', 'en', {
				...ITEMS.csm_daily_digest,
				drop_count: 0,
				drops: [],
			});
			expect(email.subject).toBe('Daily health digest: drops 0, newly at risk 1');
			expect(email.text).not.toContain('📉');
			expect(email.text).toContain('⚠️ Newly at risk\n- Initech (cust-3): 44, critical');
			const escaped = render('csm_daily_digest', 'es', {
				...ITEMS.csm_daily_digest,
				digest_date: null,
				drops: [{ company: '<i>Acme</i>', customer_id: 'c1', score: 50, previous_score: 70 }],
				new_at_risk: [],
			});
			expect(escaped.html).toContain(
				'<li><strong>&lt;i&gt;Acme&lt;/i&gt;</strong> (c1): 70 → 50</li>',
			);
			expect(
				escaped.text.startsWith(
					'Caídas del health score: 2 · Nuevos en riesgo: 1\n\n📉 Caídas del health score\n- <i>Acme</i> (c1): 70 → 50',
				),
			).toBe(true);
			expect(escaped.text).not.toContain('⚠️');
		});

		it('csm_daily_digest fails strict mode naming the field an entry lacks', () => {
			const error = thrown(() =>
				render('csm_daily_digest', 'en', {
					...ITEMS.csm_daily_digest,
					drops: [{ company: 'Acme', customer_id: 'c1', score: 50 }],
				}),
			);
			expect((error as MissingVariablesError).variables).toEqual(['drops.0.previous_score']);
		});
	});
});

describe('survey and advocacy links', () => {
	it('are link parameters of the node', () => {
		expect(LINK_VARIABLES).toMatchObject({
			surveyLink: 'survey_link',
			advocacyLink: 'advocacy_link',
		});
	});

	it('survey_score_link is survey_link with score= as its last parameter', () => {
		expect(surveyScoreLink('https://s.test/nps')).toBe('https://s.test/nps?score=');
		expect(surveyScoreLink(' https://s.test/nps?c=1 ')).toBe('https://s.test/nps?c=1&score=');
		expect(surveyScoreLink('https://s.test/nps?')).toBe('https://s.test/nps?score=');
		expect(surveyScoreLink('https://s.test/nps?c=1&')).toBe('https://s.test/nps?c=1&score=');
		// A survey tool's hidden fields in the fragment (Typeform's #customer_id=…).
		expect(surveyScoreLink('https://form.test/to/abc#customer_id=1')).toBe(
			'https://form.test/to/abc#customer_id=1&score=',
		);
		for (const nothing of [undefined, null, '', '  ', 42])
			expect(surveyScoreLink(nothing)).toBeNull();
	});

	it('survey_score_link follows the survey_link that wins, unless a layer sets it', () => {
		const base = {
			item: {},
			record: { survey_link: 'https://record.test/s' },
			parameters: { links: { surveyLink: 'https://param.test/s' } },
		};
		expect(buildTemplateContext(base).survey_score_link).toBe('https://param.test/s?score=');
		const extra = buildTemplateContext({
			...base,
			extraVariables: [{ name: 'survey_link', value: 'https://extra.test/s?x=1' }],
		});
		expect(extra.survey_link).toBe('https://extra.test/s?x=1');
		expect(extra.survey_score_link).toBe('https://extra.test/s?x=1&score=');
		const own = buildTemplateContext({
			...base,
			extraVariables: [{ name: 'survey_score_link', value: 'https://own.test/r/' }],
		});
		expect(own.survey_score_link).toBe('https://own.test/r/');
		expect(
			'survey_score_link' in buildTemplateContext({ item: {}, record: {}, parameters: {} }),
		).toBe(false);
	});

	it('List Variables reports survey_score_link as provided when survey_link is set', () => {
		const description = describeTemplateVariables(
			{ ...CUSTOMER },
			config({ ...builtIn('nps_survey'), parameters: PARAMETERS }),
		);
		expect(description.missingVariables).toEqual([]);
		expect(
			description.variables.find((variable) => variable.name === 'survey_score_link'),
		).toMatchObject({ required: true, provided: true });
		const without = describeTemplateVariables(
			{ ...CUSTOMER },
			config({ ...builtIn('nps_survey'), parameters: { productName: 'Chatly' } }),
		);
		expect(without.missingVariables).toEqual(['survey_score_link', 'survey_link']);
	});
});
