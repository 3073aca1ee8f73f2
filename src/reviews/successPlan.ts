import { CustomerInputError } from '../customer/errors';
import { localDayNumber, parseInstantMs } from '../shared/dates';
import { roundTo } from '../shared/numbers';
import type { GoalDirection, GoalInput, InitiativeStatus, SuccessPlanInput } from './model';

/**
 * Success-plan progress: seed 002 §10.1 SuccessCriterion (docs/sources.md#success-plans) gives every criterion one of
 * `on_track`, `at_risk`, `achieved` or `missed` but no rule for choosing it (its example sets them by hand). Ours,
 * counted in whole calendar days of the customer's time zone:
 *
 * - **achieved**: the current value has reached the target (at or above it for a goal that increases, at or below for
 *   one that decreases), whatever the date;
 * - **missed**: not achieved, and the deadline day is over (the deadline day itself still counts);
 * - **on_track**: not achieved, and the share of the way from baseline to target covered is at least the share of the
 *   plan's days gone (linear progress: from the start day, day 0, to the deadline day, day N, on day d the goal should
 *   be d / N of the way there); before the start, any progress that is not backwards;
 * - **at_risk**: otherwise. On the deadline day the expected share is 100 %, so a goal not achieved by then is at risk.
 */

export const GOAL_STATUSES = ['achieved', 'on_track', 'at_risk', 'missed'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export interface GoalProgress {
	id: string | null;
	name: string;
	metric: string | null;
	unit: string | null;
	direction: GoalDirection;
	baseline: number;
	target: number;
	current: number;
	/** The first day of the goal (its own start_date, else the plan's), as YYYY-MM-DD in the customer's calendar. */
	startDate: string;
	/** The last day to reach the target, YYYY-MM-DD. */
	deadline: string;
	/** Share of the way from baseline to target covered, in %, one decimal (negative when it went backwards). */
	progress: number;
	/** Share of the goal's days gone on the reference day, in %, one decimal, from 0 to 100. */
	expectedProgress: number;
	/** Calendar days from the reference day to the deadline day (0 on the day, negative after it). */
	daysLeft: number;
	status: GoalStatus;
}

export interface SuccessPlanProgress {
	/** The plan's start_date (YYYY-MM-DD), or null when only its goals have one (or there is no plan). */
	startDate: string | null;
	goals: GoalProgress[];
	counts: Record<GoalStatus, number>;
	/** Seed 002 §12.1 successPlanReview: initiatives completed, and those still planned. */
	completedInitiatives: string[];
	upcomingInitiatives: string[];
}

const DAY_MS = 86_400_000;

function isoDay(dayNumber: number): string {
	return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function dayOf(raw: string | number, zone: string, field: string): number {
	return localDayNumber(parseInstantMs(raw, zone, field), zone);
}

function directionOf(goal: GoalInput, field: string): GoalDirection {
	if (goal.direction) {
		const implied =
			goal.target > goal.baseline ? 'increase' : goal.target < goal.baseline ? 'decrease' : null;
		if (implied && implied !== goal.direction) {
			throw new CustomerInputError(
				`${field}.direction: is "${goal.direction}", but the target ${goal.target} is ${implied === 'increase' ? 'above' : 'below'} the baseline ${goal.baseline}`,
				`${field}.direction`,
			);
		}
		return goal.direction;
	}
	if (goal.target > goal.baseline) return 'increase';
	if (goal.target < goal.baseline) return 'decrease';
	throw new CustomerInputError(
		`${field}.direction: is needed when the target equals the baseline (${goal.target}): "increase" (keep it at or above) or "decrease" (at or below)`,
		`${field}.direction`,
	);
}

/** Whether `value` has reached `target` going in `direction`. */
export function reached(value: number, target: number, direction: GoalDirection): boolean {
	return direction === 'increase' ? value >= target : value <= target;
}

/**
 * The status of one goal on the reference day (all three are day numbers in the customer's calendar). Linear
 * progress is compared without dividing: covered × days ≥ needed × elapsed, with a hair of tolerance for binary
 * fractions (0.1 + 0.2), so a goal exactly on the line is on track.
 */
export function goalStatus(
	goal: { baseline: number; target: number; current: number; direction: GoalDirection },
	startDay: number,
	deadlineDay: number,
	today: number,
): GoalStatus {
	const { baseline, target, current, direction } = goal;
	if (reached(current, target, direction)) return 'achieved';
	if (today > deadlineDay) return 'missed';
	const sign = direction === 'increase' ? 1 : -1;
	const covered = (current - baseline) * sign;
	const needed = Math.abs(target - baseline);
	const days = deadlineDay - startDay;
	// A goal of one day (start = deadline): none of its time is gone before that day, all of it on the day.
	if (days === 0) return today < startDay && covered >= 0 ? 'on_track' : 'at_risk';
	const elapsed = Math.min(Math.max(today - startDay, 0), days);
	const lhs = covered * days;
	const rhs = needed * elapsed;
	return lhs - rhs >= -1e-9 * Math.max(1, Math.abs(rhs)) ? 'on_track' : 'at_risk';
}

function percent(part: number, whole: number): number {
	return whole === 0 ? 0 : roundTo((part / whole) * 100, 1);
}

export interface PlanContext {
	/** The field the plan was read from, for errors (`success_plan`). */
	field: string;
	zone: string;
	/** The reference instant, epoch milliseconds. */
	referenceMs: number;
}

/** Every goal's progress and status on the reference day, and the initiatives done and planned. */
export function evaluateSuccessPlan(
	plan: SuccessPlanInput | null,
	context: PlanContext,
): SuccessPlanProgress {
	const counts: Record<GoalStatus, number> = { achieved: 0, on_track: 0, at_risk: 0, missed: 0 };
	if (!plan)
		return {
			startDate: null,
			goals: [],
			counts,
			completedInitiatives: [],
			upcomingInitiatives: [],
		};
	const { field, zone } = context;
	const today = localDayNumber(context.referenceMs, zone);
	const planStart =
		plan.startDate === null ? null : dayOf(plan.startDate, zone, `${field}.start_date`);
	const goals = plan.goals.map((goal, index): GoalProgress => {
		const path = `${field}.goals.${index}`;
		const direction = directionOf(goal, path);
		const ownStart =
			goal.startDate === null ? null : dayOf(goal.startDate, zone, `${path}.start_date`);
		const startDay = ownStart ?? planStart;
		if (startDay === null) {
			throw new CustomerInputError(
				`${field}.start_date: is missing; give the plan's start_date (or a start_date on every goal) so progress can be measured against time`,
				`${field}.start_date`,
			);
		}
		const deadlineDay = dayOf(goal.deadline, zone, `${path}.deadline`);
		if (deadlineDay < startDay) {
			throw new CustomerInputError(
				`${path}.deadline: must not be before the goal's start ${isoDay(startDay)} (got ${isoDay(deadlineDay)})`,
				`${path}.deadline`,
			);
		}
		const status = goalStatus({ ...goal, direction }, startDay, deadlineDay, today);
		counts[status] += 1;
		const sign = direction === 'increase' ? 1 : -1;
		const days = deadlineDay - startDay;
		const elapsed = Math.min(Math.max(today - startDay, 0), days);
		return {
			id: goal.id,
			name: goal.name,
			metric: goal.metric,
			unit: goal.unit,
			direction,
			baseline: goal.baseline,
			target: goal.target,
			current: goal.current,
			startDate: isoDay(startDay),
			deadline: isoDay(deadlineDay),
			progress:
				goal.target === goal.baseline
					? status === 'achieved'
						? 100
						: 0
					: percent((goal.current - goal.baseline) * sign, Math.abs(goal.target - goal.baseline)),
			expectedProgress: days === 0 ? (today >= startDay ? 100 : 0) : percent(elapsed, days),
			daysLeft: deadlineDay - today,
			status,
		};
	});
	const named = (status: InitiativeStatus) =>
		plan.initiatives
			.filter((initiative) => initiative.status === status)
			.map((initiative) => initiative.name);
	return {
		startDate: planStart === null ? null : isoDay(planStart),
		goals,
		counts,
		completedInitiatives: named('completed'),
		upcomingInitiatives: named('planned'),
	};
}
