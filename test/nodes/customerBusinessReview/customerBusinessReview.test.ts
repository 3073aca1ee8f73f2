import { readFileSync } from 'node:fs';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { CustomerBusinessReview } from '../../../nodes/CustomerBusinessReview/CustomerBusinessReview.node';
import type { BusinessReview } from '../../../src/reviews';
import { createNodeTypes, loadWorkflow, runWorkflow, type WorkflowJson } from '../harness';

const nodeTypes = createNodeTypes({ customerBusinessReview: new CustomerBusinessReview() });
const run = async (workflow: string | WorkflowJson) =>
	runWorkflow(typeof workflow === 'string' ? loadWorkflow(__dirname, workflow) : workflow, {
		nodeTypes,
	});
const NODE = 'Business Review';
const review = (item: INodeExecutionData) => item.json.review as unknown as BusinessReview;
const rules = (entries: Array<{ rule: string }>) => entries.map((entry) => entry.rule);

describe('Business Review node, through n8n-core', () => {
	it('monthly results: every section, goal statuses and the email, keeping the fields and the pairing', async () => {
		const result = await run('monthly.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(items.map((item) => [item.json.customer_id, item.pairedItem])).toEqual([
			['c-ana', { item: 0 }],
			['c-luis', { item: 1 }],
		]);
		expect(items[0].json.company).toBe('TechStore');
		expect((items[0].json.success_plan as IDataObject).start_date).toBe('2026-01-01');

		const ana = review(items[0]);
		expect(ana.kind).toBe('monthly');
		// Reference 1 May 09:00 UTC = 11:00 in Madrid: the review covers April.
		expect(ana.period).toEqual({
			label: 'April 2026',
			start: '2026-04-01',
			end: '2026-04-30',
			next: 'May 2026',
			timezone: 'Europe/Madrid',
		});
		expect(ana.health).toEqual({ score: 86, category: 'healthy' });
		// 1 Jan → 30 Jun: 180 days, 1 May is day 120 (66.7 %). Response time: (120 - 30) / 115 = 78.3 %.
		expect(
			ana.successPlan.goals.map((goal) => [
				goal.id,
				goal.status,
				goal.progress,
				goal.expectedProgress,
				goal.daysLeft,
			]),
		).toEqual([
			['sc1', 'on_track', 78.3, 66.7, 60],
			['sc2', 'achieved', 100, 66.7, 60],
			['sc3', 'missed', 14.3, 100, -1],
		]);
		expect(ana.successPlan.counts).toEqual({ achieved: 1, on_track: 1, at_risk: 0, missed: 1 });
		expect(ana.successPlan.completedInitiatives).toEqual(['FAQ chatbot']);
		expect(ana.successPlan.upcomingInitiatives).toEqual(['ERP integration']);
		// Value: 1500 + 345 for an mrr of 500: (1845 - 500) / 500 = 269 %.
		expect(ana.value.roi).toEqual({
			percent: 269,
			source: 'computed',
			value: 1845,
			cost: 500,
			revenueImpact: 1500,
			costSaved: 345,
			hoursSaved: 42,
			currency: null,
		});
		expect(ana.usage).toEqual({
			activeUsers: 12,
			seats: 20,
			featuresUsed: ['Chatbot', 'Reports'],
			underusedFeatures: ['API'],
			changePercent: 20,
			trend: 'increasing',
		});
		expect(ana.summary).toEqual({
			highlights: [
				{ rule: 'goal_achieved', text: 'Automation rate: target reached (15% → 60%, target 60%)' },
				{ rule: 'metric_improved', text: 'Response time improved by 75% (120 min → 30 min)' },
				{ rule: 'roi_positive', text: 'Return on investment of 269% (1,845 of value for 500)' },
				{ rule: 'hours_saved', text: '42 hours saved' },
				{ rule: 'usage_increasing', text: 'Usage is increasing (+20%)' },
				{ rule: 'csat_high', text: 'Customer satisfaction (CSAT) of 4.6/5' },
				{ rule: 'healthy', text: 'Health score 86/100 (healthy)' },
			],
			challenges: [
				{ rule: 'goal_missed', text: 'CSAT: target 4.5 not reached by 30 April 2026 (now 3.9)' },
			],
			recommendations: [
				{ rule: 'recover_goals', text: 'Agree a recovery plan for CSAT' },
				{ rule: 'adopt_features', text: 'Start using API: features your team has not used yet' },
				{ rule: 'upgrade_plan', text: 'Move to the Pro plan to get more out of these results' },
			],
		});
		expect(ana.nextSteps).toEqual({
			actions: [
				{
					key: 'upgrade_plan',
					text: 'Based on these figures, we recommend the Pro plan to optimise even further.',
				},
				{ key: 'feature_walkthrough', text: 'Let me show you how to use API in 5 minutes.' },
				{ key: 'case_study', text: 'Case study: would you be interested in being featured?' },
				{
					key: 'schedule_call',
					text: "Let's schedule a 15-minute call to discuss how we can take this to the next level.",
				},
			],
			nextPeriod: { label: 'May 2026', carryOverGoals: ['Response time'] },
			openQuestions: [],
			calendarLink: 'https://cal.example.com/laura',
		});
		expect(ana.email).toMatchObject({
			to: 'ana@techstore.example',
			locale: 'en',
			templateId: 'business_review_monthly',
			subject: '📊 TechStore - Your results for April 2026',
		});
		expect(ana.email.html).toContain(
			'<li>Let&#39;s schedule a 15-minute call to discuss how we can take this to the next level.</li>',
		);
		expect(ana.email.text).toContain(
			'🎯 Success plan:\n- Response time: On track (30 min, target 5 min by 30 June 2026)\n- Automation rate: Achieved (60%, target 60% by 30 June 2026)\n- CSAT: Missed (3.9, target 4.5 by 30 April 2026)',
		);

		// es-MX without a plan or metrics: Spanish, the empty-plan text, the CSM signature's default.
		const luis = review(items[1]);
		expect(luis.email.subject).toBe('📊 Tienda - Tus resultados de abril de 2026');
		expect(luis.email.text).toBe(
			[
				'Hola Luis,',
				'',
				'Esta es tu revisión mensual de negocio de abril de 2026.',
				'',
				'📊 Resultados de este mes:',
				'Todavía no hay resultados que destacar este mes.',
				'',
				'🎯 Plan de éxito:',
				'Aún no hay objetivos en el plan de éxito: definámoslos juntos.',
				'',
				'💡 Nuestras recomendaciones:',
				'- Definir los objetivos del plan de éxito para mayo de 2026',
				'',
				'🚀 Próximos pasos:',
				'- Agendemos una llamada de 15 minutos para ver cómo llevar esto al siguiente nivel.',
				'',
				'Agenda una llamada de 15 minutos (https://cal.example.com/laura)',
				'',
				'Un saludo,',
				'Tu equipo de Customer Success',
			].join('\n'),
		);
		expect(luis.value.roi).toMatchObject({ percent: null, cost: 200 });
		expect(result.outputs('Reviews')[0]).toHaveLength(2);
	});

	it('quarterly, nested record, plan as JSON text in a custom field, health from the item', async () => {
		const result = await run('quarterly-nested.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(items).toHaveLength(1);
		expect(items[0].json.ticket).toBe('QBR-1');
		const qbr = review(items[0]);
		// 1 July 08:00 UTC is 02:00 in Mexico City: the QBR covers April-June, and 30 June is over.
		expect(qbr.period).toEqual({
			label: 'T2 2026',
			start: '2026-04-01',
			end: '2026-06-30',
			next: 'T3 2026',
			timezone: 'America/Mexico_City',
		});
		expect(qbr.successPlan.goals.map((goal) => goal.status)).toEqual([
			'missed',
			'achieved',
			'missed',
		]);
		expect(rules(qbr.summary.challenges)).toEqual([
			'goal_missed',
			'goal_missed',
			'usage_decreasing',
			'health_low',
		]);
		expect(qbr.summary.challenges[3].text).toBe('Puntuación de salud 72/100 (en riesgo)');
		expect(rules(qbr.summary.recommendations)).toEqual([
			'recover_goals',
			'reengage_users',
			'set_next_goals',
		]);
		// (4200 - 3000) / 3000 = 40 %.
		expect(qbr.value.roi).toMatchObject({ percent: 40, value: 4200, cost: 3000 });
		expect(qbr.support.topIssues).toEqual(['Facturación', 'Acceso']);
		expect(qbr.nextSteps).toEqual({
			actions: [
				{
					key: 'churn_check',
					text: 'Queremos asegurarnos de que estás 100% satisfecho. ¿Hay algo que te preocupe?',
				},
				{
					key: 'plan_next_quarter',
					text: 'Reunámonos para planificar T3 2026: objetivos, iniciativas y métricas de éxito.',
				},
			],
			nextPeriod: { label: 'T3 2026', carryOverGoals: [] },
			openQuestions: [
				'¿Hay cambios en las prioridades del negocio?',
				'¿Nuevas necesidades o casos de uso?',
				'¿Feedback sobre el producto?',
			],
			calendarLink: null,
		});
		expect(qbr.email).toMatchObject({
			to: 'maria@flotas.example',
			locale: 'es',
			templateId: 'business_review_quarterly',
			subject: 'Flotas MX: Revisión trimestral de negocio, T2 2026',
		});
		expect(qbr.email.text).toContain(
			'🗓️ Planificación de T3 2026:\nNuevos objetivos, iniciativas y métricas de éxito que acordar juntos.',
		);
		expect(qbr.email.text).toContain(
			'Iniciativas completadas:\n- FAQ chatbot\n\nIniciativas previstas:\n- ERP integration',
		);
	});

	it('with Continue On Fail, passes failed items on with an error that names the field', async () => {
		const result = await run('continue-on-fail.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(
			items.map((item) => [item.json.customer_id, item.json.error ?? null, item.pairedItem]),
		).toEqual([
			['ok', null, { item: 0 }],
			[
				'bad-deadline',
				'success_plan.goals.0.deadline: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "end of June")',
				{ item: 1 },
			],
			['bad-current', 'success_plan.goals.1.current: must be a number (got "five")', { item: 2 }],
			[
				'bad-json',
				'success_plan: must be a success plan such as { "start_date": "2026-01-01", "goals": [ … ] } or its JSON text (got "{ goals: [] }")',
				{ item: 3 },
			],
			['bad-csat', 'avg_csat: must be a number from 1 to 5 (got 9)', { item: 4 }],
		]);
		expect(review(items[0]).successPlan.goals[0].status).toBe('achieved');
		expect(items[1].json.review).toBeUndefined();
	});

	it('without Continue On Fail, stops naming the item and the field', async () => {
		const workflow = loadWorkflow(__dirname, 'continue-on-fail.workflow.json');
		delete workflow.nodes.find((node) => node.name === NODE)!.onError;
		const result = await run(workflow);
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'Item 1: success_plan.goals.0.deadline: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "end of June")',
		);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(
			1,
		);
		expect(result.error?.description).toBe(
			'Check the field "success_plan.goals.0.deadline" of this item.',
		);
	});

	it('a bad parameter from an expression fails naming the parameter', async () => {
		const workflow = loadWorkflow(__dirname, 'continue-on-fail.workflow.json');
		const node = workflow.nodes.find((candidate) => candidate.name === NODE)!;
		delete node.onError;
		node.parameters.reviewKind = '={{ "weekly" }}';
		const result = await run(workflow);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Item 0: Review: must be one of monthly, quarterly (got "weekly")',
		);
		expect(result.error?.description).toBe('Check the parameter "Review" of this node.');
	});
});

describe('Business Review node description', () => {
	it('is version 1, usable as a tool, with light and dark icons that exist', () => {
		const { description } = new CustomerBusinessReview();
		expect(description).toMatchObject({
			name: 'customerBusinessReview',
			displayName: 'Business Review',
			version: 1,
			usableAsTool: true,
		});
		const icon = description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			const path = `${__dirname}/../../../nodes/CustomerBusinessReview/${file.replace('file:', '')}`;
			expect(readFileSync(path, 'utf-8')).toMatch(/^<svg /);
		}
		expect(description.properties.map((property) => property.name)).toEqual([
			'reviewKind',
			'language',
			'successPlanField',
			'customerPath',
			'options',
		]);
	});
});
