import type { SupportSection, UsageSection, ValueSection } from './metrics';
import type { ExecutiveSummary, NextSteps } from './summary';
import type { SuccessPlanProgress } from './successPlan';
import {
	formatDay,
	formatMoney,
	formatNumber,
	joinNames,
	signedPercent,
	STATUS_LABELS,
	TREND_LABELS,
	withUnit,
	type ReviewLocale,
} from './text';

/**
 * What the review templates read: every section as lines already worded in the email's language. The values still go
 * through the template engine, which escapes them for the HTML body (a goal named `<script>` is shown as text).
 */

const WORDS = {
	en: {
		roi: 'Return on investment',
		ofValueFor: (value: string, cost: string) => `${value} of value for ${cost}`,
		revenue: 'Revenue impact',
		costSaved: 'Costs saved',
		timeSaved: (hours: string) => `Time saved: ${hours} hours`,
		activeUsers: (users: string, seats: string | null) =>
			`Active users: ${users}${seats === null ? '' : ` of ${seats} seats`}`,
		featuresUsed: 'Features used',
		notUsed: 'Not used yet',
		trend: 'Trend',
		tickets: 'Tickets',
		openTickets: 'Open tickets',
		escalations: 'Escalations',
		resolution: (hours: string) => `Average resolution time: ${hours} hours`,
		topIssues: 'Top issues',
		goal: (status: string, current: string, target: string, deadline: string) =>
			`${status} (${current}, target ${target} by ${deadline})`,
		team: 'Your Customer Success team',
	},
	es: {
		roi: 'Retorno de la inversión',
		ofValueFor: (value: string, cost: string) => `${value} de valor por ${cost}`,
		revenue: 'Impacto en ingresos',
		costSaved: 'Costes ahorrados',
		timeSaved: (hours: string) => `Tiempo ahorrado: ${hours} horas`,
		activeUsers: (users: string, seats: string | null) =>
			`Usuarios activos: ${users}${seats === null ? '' : ` de ${seats} licencias`}`,
		featuresUsed: 'Funcionalidades usadas',
		notUsed: 'Aún sin usar',
		trend: 'Tendencia',
		tickets: 'Tickets',
		openTickets: 'Tickets abiertos',
		escalations: 'Escalados',
		resolution: (hours: string) => `Tiempo medio de resolución: ${hours} horas`,
		topIssues: 'Principales incidencias',
		goal: (status: string, current: string, target: string, deadline: string) =>
			`${status} (${current}, objetivo ${target} para el ${deadline})`,
		team: 'Tu equipo de Customer Success',
	},
} as const;

export function valueLines(value: ValueSection, l: ReviewLocale): string[] {
	const w = WORDS[l];
	const lines = value.metrics.map((metric) => {
		const change = metric.improvement === null ? '' : ` (${signedPercent(metric.improvement, l)})`;
		return `${metric.name}: ${withUnit(metric.before, metric.unit, l)} → ${withUnit(metric.after, metric.unit, l)}${change}`;
	});
	const { roi } = value;
	const money = (amount: number) => formatMoney(amount, roi.currency, l);
	if (roi.percent !== null) {
		const detail =
			roi.source === 'computed' && roi.value !== null && roi.cost !== null
				? ` (${w.ofValueFor(money(roi.value), money(roi.cost))})`
				: '';
		lines.push(`${w.roi}: ${withUnit(roi.percent, '%', l)}${detail}`);
	}
	if (roi.revenueImpact !== null) lines.push(`${w.revenue}: ${money(roi.revenueImpact)}`);
	if (roi.costSaved !== null) lines.push(`${w.costSaved}: ${money(roi.costSaved)}`);
	if (roi.hoursSaved !== null) lines.push(w.timeSaved(formatNumber(roi.hoursSaved, l)));
	return lines;
}

export function usageLines(usage: UsageSection, l: ReviewLocale): string[] {
	const w = WORDS[l];
	const lines: string[] = [];
	if (usage.activeUsers !== null)
		lines.push(
			w.activeUsers(
				formatNumber(usage.activeUsers, l),
				usage.seats === null ? null : formatNumber(usage.seats, l),
			),
		);
	if (usage.featuresUsed.length)
		lines.push(`${w.featuresUsed}: ${joinNames(usage.featuresUsed, l)}`);
	if (usage.underusedFeatures.length)
		lines.push(`${w.notUsed}: ${joinNames(usage.underusedFeatures, l)}`);
	if (usage.trend !== null) {
		const change =
			usage.changePercent === null ? '' : ` (${signedPercent(usage.changePercent, l)})`;
		lines.push(`${w.trend}: ${TREND_LABELS[l][usage.trend]}${change}`);
	}
	return lines;
}

export function supportLines(support: SupportSection, l: ReviewLocale): string[] {
	const w = WORDS[l];
	const lines: string[] = [];
	const n = (value: number) => formatNumber(value, l);
	if (support.tickets !== null) lines.push(`${w.tickets}: ${n(support.tickets)}`);
	if (support.openTickets !== null) lines.push(`${w.openTickets}: ${n(support.openTickets)}`);
	if (support.escalations !== null) lines.push(`${w.escalations}: ${n(support.escalations)}`);
	if (support.avgResolutionHours !== null) lines.push(w.resolution(n(support.avgResolutionHours)));
	if (support.csat !== null) lines.push(`CSAT: ${n(support.csat)}/5`);
	if (support.topIssues.length) lines.push(`${w.topIssues}: ${joinNames(support.topIssues, l)}`);
	return lines;
}

export function goalLines(plan: SuccessPlanProgress, l: ReviewLocale): string[] {
	const w = WORDS[l];
	return plan.goals.map(
		(goal) =>
			`${goal.name}: ${w.goal(
				STATUS_LABELS[l][goal.status],
				withUnit(goal.current, goal.unit, l),
				withUnit(goal.target, goal.unit, l),
				formatDay(goal.deadline, l),
			)}`,
	);
}

export interface ViewInput {
	locale: ReviewLocale;
	record: Record<string, unknown>;
	periodLabel: string;
	summary: ExecutiveSummary;
	value: ValueSection;
	usage: UsageSection;
	support: SupportSection;
	successPlan: SuccessPlanProgress;
	nextSteps: NextSteps;
	unsubscribeLink: string | null;
}

const text = (value: unknown): string | null =>
	typeof value === 'string' && value.trim() !== ''
		? value.trim()
		: typeof value === 'number' && Number.isFinite(value)
			? String(value)
			: null;

/** The variables of a review template. */
export function reviewView(input: ViewInput): Record<string, unknown> {
	const { locale: l, record } = input;
	return {
		first_name: text(record.first_name),
		company: text(record.company),
		csm_name: text(record.csm_name) ?? WORDS[l].team,
		period_label: input.periodLabel,
		next_period_label: input.nextSteps.nextPeriod.label,
		highlights: input.summary.highlights.map((entry) => entry.text),
		challenges: input.summary.challenges.map((entry) => entry.text),
		recommendations: input.summary.recommendations.map((entry) => entry.text),
		value_lines: valueLines(input.value, l),
		usage_lines: usageLines(input.usage, l),
		support_lines: supportLines(input.support, l),
		goal_lines: goalLines(input.successPlan, l),
		completed_initiatives: input.successPlan.completedInitiatives,
		upcoming_initiatives: input.successPlan.upcomingInitiatives,
		carry_over_goals: input.nextSteps.nextPeriod.carryOverGoals,
		open_questions: input.nextSteps.openQuestions,
		next_steps: input.nextSteps.actions.map((action) => action.text),
		calendar_link: input.nextSteps.calendarLink,
		unsubscribe_link: input.unsubscribeLink,
	};
}
