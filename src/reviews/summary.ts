import type { HealthReading, SupportSection, UsageSection, ValueSection } from './metrics';
import type { GoalProgress } from './successPlan';
import {
	formatDay,
	formatMoney,
	formatNumber,
	HEALTH_LABELS,
	joinNames,
	OPEN_QUESTIONS,
	signedPercent,
	withUnit,
	type ReviewLocale,
} from './text';

/**
 * The executive summary and next steps of a review: seed 002 §12.1 ExecutiveSummary (highlights, challenges,
 * recommendations; its identifyChallenges and generateRecommendations are not written, so the rules are ours) and
 * seed 000 §7's calls to action (docs/sources.md#business-reviews). Every entry names the rule that made it.
 *
 * Highlights: every achieved goal; a metric improved by 10 % or more (not an achieved goal); a positive ROI; hours
 * saved; usage increasing; CSAT of 4.5 or more (seed 002 §10.1's example goal "CSAT 4.5+"); a healthy health score.
 * Challenges: every missed goal; every goal at risk; a metric beyond the plan worse by 10 % or more; a negative ROI;
 * usage decreasing; CSAT below 4.0 (seed 000 §2's low-rating line); 3 or more open tickets (seed 002 §7
 * multiple_support_tickets); a health score below 80 (at risk or critical, docs/sources.md#health-categories).
 */

export const IMPROVEMENT_HIGHLIGHT = 10;
export const CSAT_HIGH = 4.5;
export const CSAT_LOW = 4.0;
export const OPEN_TICKETS_CHALLENGE = 3;
/** At most this many features are named in one recommendation or call to action. */
export const MAX_NAMED_FEATURES = 3;

export interface SummaryEntry {
	rule: string;
	text: string;
}

export interface ExecutiveSummary {
	highlights: SummaryEntry[];
	challenges: SummaryEntry[];
	recommendations: SummaryEntry[];
}

export interface NextSteps {
	/** Seed 000 §7's calls to action that apply, then seed 001's call: `{ key, text }` in order. */
	actions: Array<{ key: string; text: string }>;
	/** The period to plan next, and the goals still open that carry over to it. */
	nextPeriod: { label: string; carryOverGoals: string[] };
	/** Seed 002 §12.1 openDiscussion (quarterly reviews; empty in monthly ones). */
	openQuestions: string[];
	calendarLink: string | null;
}

export interface SummaryInput {
	kind: 'monthly' | 'quarterly';
	locale: ReviewLocale;
	goals: GoalProgress[];
	value: ValueSection;
	usage: UsageSection;
	support: SupportSection;
	health: HealthReading;
	recommendedPlan: string | null;
	roadmap: string[];
	nextPeriodLabel: string;
	calendarLink: string | null;
}

/** Churn risk (seed 000 §7 "Churn Risk, if it applies"): a health score below 80, or the Churn Signals node's atRisk. */
export function churnRisk(health: HealthReading): boolean {
	return (
		health.churnAtRisk === true ||
		(health.category !== null && ['at_risk', 'critical', 'churned'].includes(health.category))
	);
}

type Phrases = {
	goalAchieved(goal: GoalProgress, l: ReviewLocale): string;
	metricImproved(name: string, percent: string, before: string, after: string): string;
	metricWorse(name: string, percent: string, before: string, after: string): string;
	roiPositive(roi: string, value: string | null, cost: string | null): string;
	roiNegative(roi: string): string;
	hoursSaved(hours: string): string;
	usageUp(change: string): string;
	usageDown(change: string): string;
	csatHigh(csat: string): string;
	csatLow(csat: string): string;
	openTickets(count: string): string;
	health(score: string, category: string): string;
	goalMissed(goal: GoalProgress, l: ReviewLocale): string;
	goalAtRisk(goal: GoalProgress, l: ReviewLocale): string;
	recoverGoals(names: string): string;
	adoptFeatures(names: string): string;
	reengageUsers: string;
	reviewSupport: string;
	upgradePlan(plan: string): string;
	setNextGoals(period: string): string;
	ctaUpgrade(plan: string): string;
	ctaWalkthrough(feature: string): string;
	ctaRoadmap(features: string): string;
	ctaChurn: string;
	ctaCaseStudy: string;
	ctaCallMonthly: string;
	ctaCallQuarterly(period: string): string;
};

const value = (goal: GoalProgress, which: number, l: ReviewLocale) => withUnit(which, goal.unit, l);

const PHRASES: Record<ReviewLocale, Phrases> = {
	en: {
		goalAchieved: (g, l) =>
			`${g.name}: target reached (${value(g, g.baseline, l)} → ${value(g, g.current, l)}, target ${value(g, g.target, l)})`,
		metricImproved: (name, pct, before, after) =>
			`${name} improved by ${pct} (${before} → ${after})`,
		metricWorse: (name, pct, before, after) => `${name} worsened by ${pct} (${before} → ${after})`,
		roiPositive: (roi, v, c) =>
			`Return on investment of ${roi}${v && c ? ` (${v} of value for ${c})` : ''}`,
		roiNegative: (roi) => `Return on investment of ${roi}: the value delivered is below the cost`,
		hoursSaved: (hours) => `${hours} hours saved`,
		usageUp: (change) => `Usage is increasing (${change})`,
		usageDown: (change) => `Usage is decreasing (${change})`,
		csatHigh: (csat) => `Customer satisfaction (CSAT) of ${csat}/5`,
		csatLow: (csat) => `Customer satisfaction (CSAT) of ${csat}/5, below 4`,
		openTickets: (count) => `${count} support tickets still open`,
		health: (score, category) => `Health score ${score}/100 (${category})`,
		goalMissed: (g, l) =>
			`${g.name}: target ${value(g, g.target, l)} not reached by ${formatDay(g.deadline, l)} (now ${value(g, g.current, l)})`,
		goalAtRisk: (g, l) =>
			`${g.name}: ${withUnit(g.progress, '%', l)} of the way to ${value(g, g.target, l)} with ${withUnit(g.expectedProgress, '%', l)} of the time gone`,
		recoverGoals: (names) => `Agree a recovery plan for ${names}`,
		adoptFeatures: (names) => `Start using ${names}: features your team has not used yet`,
		reengageUsers: 'Run a training session to bring inactive users back',
		reviewSupport: 'Review the open issues together with our support team',
		upgradePlan: (plan) => `Move to the ${plan} plan to get more out of these results`,
		setNextGoals: (period) => `Set the success-plan goals for ${period}`,
		ctaUpgrade: (plan) =>
			`Based on these figures, we recommend the ${plan} plan to optimise even further.`,
		ctaWalkthrough: (feature) => `Let me show you how to use ${feature} in 5 minutes.`,
		ctaRoadmap: (features) =>
			`Coming next: ${features}. Your feedback is crucial: which feature would you like to see first?`,
		ctaChurn: "We want to make sure you're 100% satisfied. Is there anything worrying you?",
		ctaCaseStudy: 'Case study: would you be interested in being featured?',
		ctaCallMonthly:
			"Let's schedule a 15-minute call to discuss how we can take this to the next level.",
		ctaCallQuarterly: (period) =>
			`Let's meet to plan ${period}: goals, initiatives and success metrics.`,
	},
	es: {
		goalAchieved: (g, l) =>
			`${g.name}: objetivo conseguido (${value(g, g.baseline, l)} → ${value(g, g.current, l)}, objetivo ${value(g, g.target, l)})`,
		metricImproved: (name, pct, before, after) => `${name} mejoró un ${pct} (${before} → ${after})`,
		metricWorse: (name, pct, before, after) => `${name} empeoró un ${pct} (${before} → ${after})`,
		roiPositive: (roi, v, c) =>
			`Retorno de la inversión del ${roi}${v && c ? ` (${v} de valor por ${c})` : ''}`,
		roiNegative: (roi) => `Retorno de la inversión del ${roi}: el valor aportado no cubre el coste`,
		hoursSaved: (hours) => `${hours} horas ahorradas`,
		usageUp: (change) => `El uso está en aumento (${change})`,
		usageDown: (change) => `El uso está en descenso (${change})`,
		csatHigh: (csat) => `Satisfacción del cliente (CSAT) de ${csat}/5`,
		csatLow: (csat) => `Satisfacción del cliente (CSAT) de ${csat}/5, por debajo de 4`,
		openTickets: (count) => `${count} tickets de soporte aún abiertos`,
		health: (score, category) => `Puntuación de salud ${score}/100 (${category})`,
		goalMissed: (g, l) =>
			`${g.name}: objetivo ${value(g, g.target, l)} no alcanzado el ${formatDay(g.deadline, l)} (ahora ${value(g, g.current, l)})`,
		goalAtRisk: (g, l) =>
			`${g.name}: ${withUnit(g.progress, '%', l)} del camino hacia ${value(g, g.target, l)} con el ${withUnit(g.expectedProgress, '%', l)} del tiempo transcurrido`,
		recoverGoals: (names) => `Acordar un plan de recuperación para ${names}`,
		adoptFeatures: (names) => `Empezar a usar ${names}: funcionalidades que tu equipo aún no usa`,
		reengageUsers: 'Organizar una sesión de formación para recuperar a los usuarios inactivos',
		reviewSupport: 'Revisar los problemas abiertos junto con nuestro equipo de soporte',
		upgradePlan: (plan) => `Pasar al plan ${plan} para sacar más partido a estos resultados`,
		setNextGoals: (period) => `Definir los objetivos del plan de éxito para ${period}`,
		ctaUpgrade: (plan) =>
			`Basado en estos datos, te recomendamos el Plan ${plan} para optimizar aún más.`,
		ctaWalkthrough: (feature) => `Te muestro cómo usar ${feature} en 5 minutos.`,
		ctaRoadmap: (features) =>
			`Próximamente: ${features}. Tu feedback es crucial. ¿Qué funcionalidad te gustaría ver primero?`,
		ctaChurn: 'Queremos asegurarnos de que estás 100% satisfecho. ¿Hay algo que te preocupe?',
		ctaCaseStudy: 'Caso de éxito: ¿te interesaría que publicáramos tu caso?',
		ctaCallMonthly:
			'Agendemos una llamada de 15 minutos para ver cómo llevar esto al siguiente nivel.',
		ctaCallQuarterly: (period) =>
			`Reunámonos para planificar ${period}: objetivos, iniciativas y métricas de éxito.`,
	},
};

export function buildSummary(input: SummaryInput): ExecutiveSummary {
	const { locale: l, goals, value: valueSection, usage, support, health } = input;
	const say = PHRASES[l];
	const highlights: SummaryEntry[] = [];
	const challenges: SummaryEntry[] = [];
	const recommendations: SummaryEntry[] = [];
	const achieved = new Set<string>();

	for (const goal of goals) {
		if (goal.status === 'achieved') {
			achieved.add(goal.name);
			highlights.push({ rule: 'goal_achieved', text: say.goalAchieved(goal, l) });
		}
	}
	for (const metric of valueSection.metrics) {
		if (metric.improvement === null) continue;
		const before = withUnit(metric.before, metric.unit, l);
		const after = withUnit(metric.after, metric.unit, l);
		const pct = withUnit(Math.abs(metric.improvement), '%', l);
		if (metric.improvement >= IMPROVEMENT_HIGHLIGHT && !(metric.goal && achieved.has(metric.name)))
			highlights.push({
				rule: 'metric_improved',
				text: say.metricImproved(metric.name, pct, before, after),
			});
		else if (!metric.goal && metric.improvement <= -IMPROVEMENT_HIGHLIGHT)
			challenges.push({
				rule: 'metric_worse',
				text: say.metricWorse(metric.name, pct, before, after),
			});
	}
	const roi = valueSection.roi;
	if (roi.percent !== null && roi.percent > 0) {
		const computed = roi.source === 'computed' && roi.value !== null && roi.cost !== null;
		highlights.push({
			rule: 'roi_positive',
			text: say.roiPositive(
				withUnit(roi.percent, '%', l),
				computed ? formatMoney(roi.value as number, roi.currency, l) : null,
				computed ? formatMoney(roi.cost as number, roi.currency, l) : null,
			),
		});
	}
	if (roi.hoursSaved !== null && roi.hoursSaved > 0)
		highlights.push({ rule: 'hours_saved', text: say.hoursSaved(formatNumber(roi.hoursSaved, l)) });
	const change = usage.changePercent === null ? '' : signedPercent(usage.changePercent, l);
	if (usage.trend === 'increasing')
		highlights.push({ rule: 'usage_increasing', text: say.usageUp(change) });
	if (support.csat !== null && support.csat >= CSAT_HIGH)
		highlights.push({ rule: 'csat_high', text: say.csatHigh(formatNumber(support.csat, l)) });
	const healthText =
		health.score === null
			? ''
			: say.health(
					formatNumber(health.score, l),
					HEALTH_LABELS[l][health.category ?? ''] ?? (health.category as string),
				);
	if (health.score !== null && health.category === 'healthy')
		highlights.push({ rule: 'healthy', text: healthText });

	for (const goal of goals) {
		if (goal.status === 'missed')
			challenges.push({ rule: 'goal_missed', text: say.goalMissed(goal, l) });
	}
	for (const goal of goals) {
		if (goal.status === 'at_risk')
			challenges.push({ rule: 'goal_at_risk', text: say.goalAtRisk(goal, l) });
	}
	if (roi.percent !== null && roi.percent < 0)
		challenges.push({ rule: 'roi_negative', text: say.roiNegative(withUnit(roi.percent, '%', l)) });
	if (usage.trend === 'decreasing')
		challenges.push({ rule: 'usage_decreasing', text: say.usageDown(change) });
	const csatLow = support.csat !== null && support.csat < CSAT_LOW;
	if (csatLow)
		challenges.push({
			rule: 'csat_low',
			text: say.csatLow(formatNumber(support.csat as number, l)),
		});
	const manyOpen = support.openTickets !== null && support.openTickets >= OPEN_TICKETS_CHALLENGE;
	if (manyOpen)
		challenges.push({
			rule: 'open_tickets',
			text: say.openTickets(formatNumber(support.openTickets as number, l)),
		});
	if (health.score !== null && health.category !== null && health.category !== 'healthy')
		challenges.push({ rule: 'health_low', text: healthText });

	const behind = goals.filter((goal) => goal.status === 'at_risk' || goal.status === 'missed');
	if (behind.length)
		recommendations.push({
			rule: 'recover_goals',
			text: say.recoverGoals(
				joinNames(
					behind.map((goal) => goal.name),
					l,
				),
			),
		});
	if (usage.underusedFeatures.length)
		recommendations.push({
			rule: 'adopt_features',
			text: say.adoptFeatures(joinNames(usage.underusedFeatures.slice(0, MAX_NAMED_FEATURES), l)),
		});
	if (usage.trend === 'decreasing')
		recommendations.push({ rule: 'reengage_users', text: say.reengageUsers });
	if (csatLow || manyOpen)
		recommendations.push({ rule: 'review_support', text: say.reviewSupport });
	if (input.recommendedPlan && !churnRisk(health))
		recommendations.push({ rule: 'upgrade_plan', text: say.upgradePlan(input.recommendedPlan) });
	const open = goals.some((goal) => goal.status === 'on_track' || goal.status === 'at_risk');
	if (input.kind === 'quarterly' || !open)
		recommendations.push({ rule: 'set_next_goals', text: say.setNextGoals(input.nextPeriodLabel) });
	return { highlights, challenges, recommendations };
}

/**
 * Seed 000 §7's calls to action, in the order of its MBR table (ROI review → plan recommendation, usage analysis → a
 * 5-minute walkthrough of an unused feature, product roadmap → feedback, churn risk → "is anything worrying you?"),
 * each when it applies; then seed 001's case-study ask for a healthy customer and its call to book (monthly), or the
 * planning meeting of seed 002 §12.1 nextQuarterPlanning (quarterly).
 */
export function buildNextSteps(input: SummaryInput): NextSteps {
	const { locale: l, health } = input;
	const say = PHRASES[l];
	const risk = churnRisk(health);
	const actions: NextSteps['actions'] = [];
	if (input.recommendedPlan && !risk)
		actions.push({ key: 'upgrade_plan', text: say.ctaUpgrade(input.recommendedPlan) });
	if (input.usage.underusedFeatures.length)
		actions.push({
			key: 'feature_walkthrough',
			text: say.ctaWalkthrough(input.usage.underusedFeatures[0]),
		});
	if (input.roadmap.length)
		actions.push({
			key: 'roadmap_feedback',
			text: say.ctaRoadmap(joinNames(input.roadmap.slice(0, MAX_NAMED_FEATURES), l)),
		});
	if (risk) actions.push({ key: 'churn_check', text: say.ctaChurn });
	if (health.category === 'healthy' && !risk)
		actions.push({ key: 'case_study', text: say.ctaCaseStudy });
	actions.push(
		input.kind === 'monthly'
			? { key: 'schedule_call', text: say.ctaCallMonthly }
			: { key: 'plan_next_quarter', text: say.ctaCallQuarterly(input.nextPeriodLabel) },
	);
	return {
		actions,
		nextPeriod: {
			label: input.nextPeriodLabel,
			carryOverGoals: input.goals
				.filter((goal) => goal.status === 'on_track' || goal.status === 'at_risk')
				.map((goal) => goal.name),
		},
		openQuestions: input.kind === 'quarterly' ? [...OPEN_QUESTIONS[l]] : [],
		calendarLink: input.calendarLink,
	};
}
