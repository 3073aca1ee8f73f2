import { DateTime } from 'luxon';

import {
	buildBusinessReview,
	formatNumber,
	improvement,
	reviewPeriod,
	roiPercent,
	usageTrend,
	type BusinessReviewConfig,
} from '../../../src/reviews';

const reference = DateTime.fromISO('2026-05-01T09:00:00Z', { zone: 'UTC' });
const config = (extra: Partial<BusinessReviewConfig> = {}): BusinessReviewConfig => ({
	kind: 'monthly',
	reference,
	defaultTimeZone: 'UTC',
	...extra,
});
const review = (record: Record<string, unknown>, extra: Partial<BusinessReviewConfig> = {}) =>
	buildBusinessReview(record, config(extra));
const rules = (entries: Array<{ rule: string }>) => entries.map((entry) => entry.rule);

describe('value delivered: before / after and improvement (seed 002 §12.1 ValueDelivered)', () => {
	it('improvement is positive when a metric moves the way it should, one decimal', () => {
		expect(improvement(120, 30, 'decrease')).toBe(75);
		expect(improvement(15, 60, 'increase')).toBe(300);
		expect(improvement(3.8, 4, 'increase')).toBe(5.3);
		expect(improvement(30, 45, 'decrease')).toBe(-50);
		expect(improvement(-20, -10, 'increase')).toBe(50);
		expect(improvement(0, 10, 'increase')).toBeNull();
	});

	it('ROI = (value - cost) / cost x 100, half away from zero to a whole percent; null for a cost of 0', () => {
		expect(roiPercent(2345, 1000)).toBe(135); // 134.5
		expect(roiPercent(2344, 1000)).toBe(134); // 134.4
		expect(roiPercent(1000, 1000)).toBe(0);
		expect(roiPercent(995, 2000)).toBe(-50); // -50.25
		expect(roiPercent(1015, 2000)).toBe(-49); // -49.25
		expect(roiPercent(990, 2000)).toBe(-51); // -50.5
		expect(roiPercent(150_000, 50_000)).toBe(200);
		expect(roiPercent(500, 0)).toBeNull();
	});

	it('value is revenue_impact + cost_saved; cost is investment, else mrr x the months of the period', () => {
		const record = { revenue_impact: 1500, cost_saved: 345, mrr: 500 };
		expect(review(record).value.roi).toEqual({
			percent: 269, // (1845 - 500) / 500 = 269 %
			source: 'computed',
			value: 1845,
			cost: 500,
			revenueImpact: 1500,
			costSaved: 345,
			hoursSaved: null,
			currency: null,
		});
		// Quarterly: three months of mrr. (1845 - 1500) / 1500 = 23 %.
		expect(review(record, { kind: 'quarterly' }).value.roi).toMatchObject({
			percent: 23,
			cost: 1500,
		});
		expect(review({ ...record, investment: 2000 }).value.roi).toMatchObject({
			percent: -8, // -7.75
			cost: 2000,
		});
	});

	it('without value or cost, the record’s roi_percent is shown as given (rounded); else no ROI', () => {
		expect(review({ roi_percent: 312.5 }).value.roi).toMatchObject({
			percent: 313,
			source: 'roi_percent',
		});
		expect(review({ revenue_impact: 100 }).value.roi).toMatchObject({
			percent: null,
			source: null,
			value: 100,
			cost: null,
		});
	});

	it('lists the plan’s goals and value_metrics as before/after pairs', () => {
		const result = review({
			success_plan: {
				start_date: '2026-01-01',
				goals: [
					{
						name: 'Response time',
						unit: 'min',
						baseline: 120,
						target: 5,
						current: 30,
						deadline: '2026-06-30',
					},
				],
			},
			value_metrics: [
				{ name: 'Support hours', before: 40, after: 12, direction: 'decrease', unit: 'h' },
				{ name: 'Leads', before: 0, after: 12 },
			],
		});
		expect(result.value.metrics).toEqual([
			{ name: 'Response time', unit: 'min', before: 120, after: 30, improvement: 75, goal: true },
			{ name: 'Support hours', unit: 'h', before: 40, after: 12, improvement: 70, goal: false },
			{ name: 'Leads', unit: null, before: 0, after: 12, improvement: null, goal: false },
		]);
	});

	it('a bad value_metrics entry fails naming its path', () => {
		expect(() => review({ value_metrics: [{ name: 'X', before: 'a lot', after: 3 }] })).toThrow(
			'value_metrics.0.before: must be a number (got "a lot")',
		);
		expect(() => review({ investment: -5, revenue_impact: 1 })).toThrow(
			'investment: must be a number of 0 or more (got -5)',
		);
	});
});

describe('usage and support (seed 002 §12.1 ProductUsage, SupportReview)', () => {
	it('trend: more than 5 % either way', () => {
		expect([5, 5.1, -5, -5.1, 0, null].map((change) => usageTrend(change))).toEqual([
			'stable',
			'increasing',
			'stable',
			'decreasing',
			'stable',
			null,
		]);
	});

	it('under-used features are the available ones not used (case-insensitive); the change from previous users', () => {
		const result = review({
			active_users: 12,
			previous_active_users: 16,
			seats: 20,
			features_used: 'chatbot, Reports, reports',
			features_available: ['Chatbot', 'Reports', 'API', 'WhatsApp'],
		});
		expect(result.usage).toEqual({
			activeUsers: 12,
			seats: 20,
			featuresUsed: ['chatbot', 'Reports'],
			underusedFeatures: ['API', 'WhatsApp'],
			changePercent: -25,
			trend: 'decreasing',
		});
	});

	it('tickets: support_tickets, else tickets_last_30_days in a monthly review only', () => {
		const record = {
			tickets_last_30_days: 7,
			open_tickets: 2,
			avg_csat: 4.2,
			top_issues: '["Login", "Billing"]',
		};
		expect(review(record).support).toEqual({
			tickets: 7,
			openTickets: 2,
			escalations: null,
			avgResolutionHours: null,
			csat: 4.2,
			topIssues: ['Login', 'Billing'],
		});
		expect(review(record, { kind: 'quarterly' }).support.tickets).toBeNull();
		expect(review({ ...record, support_tickets: 21 }, { kind: 'quarterly' }).support.tickets).toBe(
			21,
		);
	});
});

describe('executive summary rules', () => {
	it('CSAT: 4.5 is a highlight, 4.0 neither, 3.99 a challenge; 3 open tickets a challenge, 2 not', () => {
		expect(rules(review({ avg_csat: 4.5 }).summary.highlights)).toEqual(['csat_high']);
		expect(review({ avg_csat: 4.0, open_tickets: 2 }).summary).toMatchObject({
			highlights: [],
			challenges: [],
		});
		const low = review({ avg_csat: 3.99, open_tickets: 3 }).summary;
		expect(rules(low.challenges)).toEqual(['csat_low', 'open_tickets']);
		expect(low.challenges[1].text).toBe('3 support tickets still open');
		expect(rules(low.recommendations)).toEqual(['review_support', 'set_next_goals']);
	});

	it('health: 80 is healthy (a highlight and the case-study ask), 79 at risk (a challenge and the churn check)', () => {
		const healthy = review({ health_score: 80, recommended_plan: 'Pro' });
		expect(healthy.summary.highlights).toEqual([
			{ rule: 'healthy', text: 'Health score 80/100 (healthy)' },
		]);
		expect(healthy.nextSteps.actions.map((action) => action.key)).toEqual([
			'upgrade_plan',
			'case_study',
			'schedule_call',
		]);
		const atRisk = review({ health_score: 79, recommended_plan: 'Pro' });
		expect(atRisk.summary.challenges).toEqual([
			{ rule: 'health_low', text: 'Health score 79/100 (at risk)' },
		]);
		// No upgrade pitch to a customer at risk: seed 000 §7's churn-risk question instead.
		expect(atRisk.nextSteps.actions).toEqual([
			{
				key: 'churn_check',
				text: "We want to make sure you're 100% satisfied. Is there anything worrying you?",
			},
			{
				key: 'schedule_call',
				text: "Let's schedule a 15-minute call to discuss how we can take this to the next level.",
			},
		]);
	});

	it('reads the Health Score node’s output and the Churn Signals node’s atRisk from the item', () => {
		const result = buildBusinessReview(
			{
				customer: { first_name: 'Ana' },
				health: { score: 91, category: 'healthy' },
				churn: { atRisk: true },
				expansion: { opportunities: [{ product: 'Enterprise' }] },
			},
			config({ customerPath: 'customer' }),
		);
		expect(result.health).toEqual({ score: 91, category: 'healthy' });
		expect(result.nextSteps.actions.map((action) => action.key)).toEqual([
			'churn_check',
			'schedule_call',
		]);
		expect(rules(result.summary.recommendations)).toEqual(['set_next_goals']);
	});

	it('the plan’s recommendation comes from the Expansion Signals node when the record has none', () => {
		const result = review({ expansion: { opportunities: [{ product: 'Enterprise' }] } });
		expect(result.nextSteps.actions[0]).toEqual({
			key: 'upgrade_plan',
			text: 'Based on these figures, we recommend the Enterprise plan to optimise even further.',
		});
	});
});

describe('review period: the last complete month or quarter in the customer’s calendar', () => {
	it('monthly and quarterly labels, in English and Spanish', () => {
		const at = DateTime.fromISO('2026-01-01T00:30:00Z');
		expect(reviewPeriod('monthly', at, 'UTC', 'en')).toEqual({
			label: 'December 2025',
			start: '2025-12-01',
			end: '2025-12-31',
			next: 'January 2026',
			timezone: 'UTC',
		});
		// 00:30 UTC on 1 January is still 31 December in New York.
		expect(reviewPeriod('monthly', at, 'America/New_York', 'es')).toMatchObject({
			label: 'noviembre de 2025',
			next: 'diciembre de 2025',
		});
		expect(reviewPeriod('quarterly', reference, 'UTC', 'en')).toEqual({
			label: 'Q1 2026',
			start: '2026-01-01',
			end: '2026-03-31',
			next: 'Q2 2026',
			timezone: 'UTC',
		});
		expect(reviewPeriod('quarterly', reference, 'UTC', 'es').label).toBe('T1 2026');
	});

	it('numbers: English groups from 1,000, Spanish writes a decimal comma and groups from 12.345', () => {
		expect([1234.5, 12345.678, -0.5, 1e6].map((n) => formatNumber(n, 'en'))).toEqual([
			'1,234.5',
			'12,345.68',
			'-0.5',
			'1,000,000',
		]);
		expect([1234.5, 12345.678, -0.5, 1e6].map((n) => formatNumber(n, 'es'))).toEqual([
			'1234,5',
			'12.345,68',
			'-0,5',
			'1.000.000',
		]);
	});
});

const ANA = {
	customer_id: 'c-1',
	email: 'ana@techstore.example',
	first_name: 'Ana',
	company: 'TechStore',
	csm_name: 'Laura',
	mrr: 500,
	revenue_impact: 1500,
	active_users: 12,
	seats: 20,
	avg_csat: 4.6,
	success_plan: {
		start_date: '2026-01-01',
		goals: [
			{
				name: 'Response time',
				unit: 'min',
				baseline: 120,
				target: 5,
				current: 30,
				deadline: '2026-06-30',
			},
			{ name: 'CSAT', baseline: 3.8, target: 4.5, current: 4, deadline: '2026-06-30' },
		],
	},
};

describe('the email, through the template engine', () => {
	it('monthly, English: subject, text and the shape of the HTML', () => {
		const { email } = review(ANA, { calendarLink: 'https://cal.example.com/laura' });
		expect(email.to).toBe('ana@techstore.example');
		expect(email.locale).toBe('en');
		expect(email.templateId).toBe('business_review_monthly');
		expect(email.subject).toBe('📊 TechStore - Your results for April 2026');
		// 1 Jan → 30 Jun is 180 days; 1 May is day 120 (66.7 %). Response time 90 / 115 = 78.3 %, CSAT 0.2 / 0.7 = 28.6 %.
		expect(email.text).toBe(
			[
				'Hi Ana,',
				'',
				'Here is your monthly business review for April 2026.',
				'',
				"📊 This month's results:",
				'- Response time improved by 75% (120 min → 30 min)',
				'- Return on investment of 200% (1,500 of value for 500)',
				'- Customer satisfaction (CSAT) of 4.6/5',
				'',
				'⚠️ Needs attention:',
				'- CSAT: 28.6% of the way to 4.5 with 66.7% of the time gone',
				'',
				'💰 Value delivered:',
				'- Response time: 120 min → 30 min (+75%)',
				'- CSAT: 3.8 → 4 (+5.3%)',
				'- Return on investment: 200% (1,500 of value for 500)',
				'- Revenue impact: 1,500',
				'',
				'📈 Usage:',
				'- Active users: 12 of 20 seats',
				'',
				'🎧 Support:',
				'- CSAT: 4.6/5',
				'',
				'🎯 Success plan:',
				'- Response time: On track (30 min, target 5 min by 30 June 2026)',
				'- CSAT: At risk (4, target 4.5 by 30 June 2026)',
				'',
				'💡 Our recommendations:',
				'- Agree a recovery plan for CSAT',
				'',
				"🚀 What's next:",
				"- Let's schedule a 15-minute call to discuss how we can take this to the next level.",
				'',
				'Book a 15-minute call (https://cal.example.com/laura)',
				'',
				'Best regards,',
				'Laura',
			].join('\n'),
		);
		expect(email.html).toContain('<li>CSAT: At risk (4, target 4.5 by 30 June 2026)</li>');
		expect(email.html).toContain(
			'<a href="https://cal.example.com/laura">Book a 15-minute call</a>',
		);
		expect(email.html).not.toContain('Unsubscribe');
	});

	it('Spanish for es-MX (es-MX → es), with the seed’s Spanish calls to action', () => {
		const result = review(
			{
				...ANA,
				locale: 'es-MX',
				health_score: 85,
				features_available: ['Scheduling Avanzado'],
				roadmap: ['Analytics', 'White-Label', 'API'],
				recommended_plan: 'Pro',
			},
			{ kind: 'quarterly' },
		);
		expect(result.email.locale).toBe('es');
		expect(result.email.subject).toBe('TechStore: Revisión trimestral de negocio, T1 2026');
		expect(result.nextSteps.actions.map((action) => action.text)).toEqual([
			'Basado en estos datos, te recomendamos el Plan Pro para optimizar aún más.',
			'Te muestro cómo usar Scheduling Avanzado en 5 minutos.',
			'Próximamente: Analytics, White-Label y API. Tu feedback es crucial. ¿Qué funcionalidad te gustaría ver primero?',
			'Caso de éxito: ¿te interesaría que publicáramos tu caso?',
			'Reunámonos para planificar T2 2026: objetivos, iniciativas y métricas de éxito.',
		]);
		const text = result.email.text;
		expect(text).toContain(
			'Esta es tu revisión trimestral de negocio de T1 2026, antes de nuestra reunión.',
		);
		expect(text).toContain(
			'- Retorno de la inversión: 0 % (1500 de valor por 1500)\n- Impacto en ingresos: 1500',
		);
		expect(text).toContain('- CSAT: En riesgo (4, objetivo 4,5 para el 30 de junio de 2026)');
		expect(text).toContain(
			'🗓️ Planificación de T2 2026:\nObjetivos en los que seguimos trabajando:\n\n- Response time\n- CSAT',
		);
		expect(text).toContain(
			'Temas abiertos:\n- ¿Hay cambios en las prioridades del negocio?\n- ¿Nuevas necesidades o casos de uso?\n- ¿Feedback sobre el producto?',
		);
		expect(text).toMatch(/Un saludo,\nLaura$/);
	});

	it('locale fallback: a language without a translation gets the Language parameter', () => {
		expect(review({ locale: 'fr-CA' }, { language: 'es' }).email.locale).toBe('es');
		expect(review({}, { language: 'es' }).email.locale).toBe('es');
		expect(review({ locale: 'es' }, { language: 'en' }).email.locale).toBe('es');
		expect(() => review({}, { language: 'de' })).toThrow(
			'Language: must be one of en, es (got "de")',
		);
		expect(() => review({}, { kind: 'weekly' })).toThrow(
			'Review: must be one of monthly, quarterly (got "weekly")',
		);
	});

	it('an empty plan: no goals, the email says so and recommends setting them', () => {
		for (const plan of [undefined, { start_date: '2026-01-01', goals: [] }, '{"goals": []}']) {
			const result = review({ first_name: 'Ana', success_plan: plan });
			expect(result.successPlan.goals).toEqual([]);
			expect(result.summary.recommendations).toEqual([
				{ rule: 'set_next_goals', text: 'Set the success-plan goals for May 2026' },
			]);
			expect(result.email.text).toContain(
				'🎯 Success plan:\nThere are no success-plan goals yet: let us set them together.',
			);
			expect(result.email.text).toContain(
				"📊 This month's results:\nNo results to highlight this month yet.",
			);
		}
	});

	it('escapes a hostile goal name and company in the HTML; the text keeps them as written', () => {
		const hostile = '<img src=x onerror=alert(1)> & "quotes"';
		const result = review({
			first_name: '<b>Ana</b>',
			company: 'Evil <script>alert(1)</script>',
			success_plan: {
				start_date: '2026-01-01',
				goals: [{ name: hostile, baseline: 0, target: 10, current: 10, deadline: '2026-06-30' }],
			},
		});
		const { html, text, subject } = result.email;
		expect(html).not.toMatch(/<img|<script|<b>/);
		expect(html).toContain('<p>Hi &lt;b&gt;Ana&lt;/b&gt;,</p>');
		expect(html).toContain(
			'<li>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;: target reached (0 → 10, target 10)</li>',
		);
		expect(text).toContain(`- ${hostile}: target reached (0 → 10, target 10)`);
		expect(subject).toBe('📊 Evil <script>alert(1)</script> - Your results for April 2026');
		expect(result.summary.highlights[0].text).toBe(
			`${hostile}: target reached (0 → 10, target 10)`,
		);
	});

	it('links must be http(s) or mailto: a javascript: calendar link fails naming where it came from', () => {
		expect(() => review({}, { calendarLink: 'javascript:alert(1)' })).toThrow(
			'Calendar Link: must be an http(s) or mailto URL (got "javascript:alert(1)")',
		);
		expect(() => review({ calendar_link: 'javascript:alert(1)' })).toThrow(
			'calendar_link: must be an http(s) or mailto URL (got "javascript:alert(1)")',
		);
		const withFooter = review({ unsubscribe_link: 'https://app.example.com/u?c=1' });
		expect(withFooter.email.text).toMatch(/Unsubscribe: https:\/\/app\.example\.com\/u\?c=1$/);
	});
});
