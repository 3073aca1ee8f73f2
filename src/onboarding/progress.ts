import { DateTime } from 'luxon';

import { calendarDaysBetweenMs } from '../shared/dates';
import { roundTo } from '../shared/numbers';
import type { CompiledProgram } from './model';
import type { OnboardingStep } from './programs';

/**
 * Where a customer stands in an onboarding programme, computed from what the record says (steps done, start, last
 * progress, milestones already celebrated) against a reference time, in the customer's time zone. Pure: the seed's
 * OnboardingTracker (seed 002 §4.2, docs/sources.md#stalled-onboarding) stores and notifies; here the result says what
 * to store and what to send, and the workflow does it.
 */

export const ONBOARDING_STATUSES = ['not_started', 'in_progress', 'stalled', 'completed'] as const;
export type OnboardingStatus = (typeof ONBOARDING_STATUSES)[number];

/** seed 002 §4.2 checkStalledOnboarding: no progress for 3 days. */
export const DEFAULT_STALLED_AFTER_DAYS = 3;
/** seed 000 §1 (docs/sources.md#first-value-48h): the first key action within 48 hours. */
export const DEFAULT_FIRST_VALUE_HOURS = 48;
/** seed 002 §4.2 onboardingCompleted: lifecycle stage, workflow, and a check-in 30 days later. */
export const HAND_OFF_STAGE = 'adopting';
export const HAND_OFF_WORKFLOWS: readonly string[] = ['onboarding_completed'];
export const CHECK_IN_DAYS = 30;

const HOUR_MS = 3_600_000;

/** What the record says, already read and checked (see evaluate.ts). Instants are epoch milliseconds. */
export interface OnboardingState {
	/** Step ids or completion criteria, as the record gives them. */
	completed: readonly string[];
	startMs: number;
	/** The last time a step was done; null when the record does not say. */
	lastProgressMs: number | null;
	/** Milestone ids already reached (and celebrated). */
	milestonesReached: readonly string[];
	firstKeyActionMs: number | null;
	/** The status the record carries from the previous run; null when none. */
	previousStatus: OnboardingStatus | null;
}

export interface TrackingOptions {
	referenceMs: number;
	timeZone: string;
	stalledAfterDays: number;
	firstValueHours: number;
}

export interface NewMilestone {
	id: string;
	name: string;
	targetDay: number;
	celebration: string | null;
}

export interface OverdueMilestone {
	id: string;
	name: string;
	targetDay: number;
	/** The end of the target day in the customer's zone (local midnight after it). */
	dueAt: string;
	/** Whole calendar days past the target day, 1 on the day after it. */
	daysOverdue: number;
}

export type FirstValueStatus = 'met' | 'missed' | 'pending';

export interface FirstValue {
	status: FirstValueStatus;
	windowHours: number;
	/** Start plus the window. */
	dueAt: string;
	/** The first key action, when there was one. */
	achievedAt: string | null;
	/** Hours from the start to the first key action (2 decimals, 0 when it came before the start); null without one. */
	hours: number | null;
}

export interface HandOff {
	nextStage: typeof HAND_OFF_STAGE;
	workflows: string[];
	checkInDays: number;
	/** Reference time plus 30 days in the customer's zone. */
	checkInAt: string;
}

/** The `onboarding` key of an output item. */
export interface OnboardingProgress {
	programId: string;
	programName: string;
	status: OnboardingStatus;
	previousStatus: OnboardingStatus | null;
	/** Whether the status differs from previousStatus (true when the record carried none). */
	changed: boolean;
	/** Percent of the required steps done, rounded (seed 002 §4.2 calculateProgress). */
	progress: number;
	/** The first step, in the programme's order, not done yet; null when every step is done. */
	currentStep: OnboardingStep | null;
	/** Ids of the steps done, in the programme's order. */
	completedSteps: string[];
	/** Ids of the required steps not done yet, in order. */
	remainingRequired: string[];
	/** Entries of the completed steps that name no step of the programme (left out of the progress). */
	unrecognizedSteps: string[];
	/** Every milestone reached: those the record had and the new ones, in the programme's order. */
	milestonesReached: string[];
	newMilestones: NewMilestone[];
	overdueMilestones: OverdueMilestone[];
	startedAt: string;
	/** The later of the start and the last progress: what stalling is measured from. */
	lastProgressAt: string;
	/** Calendar days since the start day in the customer's zone (0 on the start day, 0 before it). */
	daysSinceStart: number;
	/** Whole days (24 hours, or 23/25 across a DST change) since lastProgressAt; 0 when it lies ahead. */
	daysWithoutProgress: number;
	stalledAfterDays: number;
	firstValue: FirstValue;
	/** The lifecycle hand-off, when onboarding has just completed (not when the record already said completed). */
	handOff: HandOff | null;
	timezone: string;
}

function iso(ms: number, zone: string): string {
	return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) as string;
}

/** The step ids the names resolve to (a set) and the names that resolve to none (trimmed, each once). */
export function resolveCompletedSteps(
	compiled: CompiledProgram,
	names: readonly string[],
): { done: Set<string>; unrecognized: string[] } {
	const done = new Set<string>();
	const unrecognized: string[] = [];
	for (const raw of names) {
		const name = raw.trim();
		if (name === '') continue;
		const step = compiled.stepsByName.get(name.toLowerCase());
		if (step) done.add(step.id);
		else if (!unrecognized.includes(name)) unrecognized.push(name);
	}
	return { done, unrecognized };
}

/** seed 002 §4.2 calculateProgress: Math.round(required steps done / required steps × 100). */
export function calculateProgress(compiled: CompiledProgram, done: ReadonlySet<string>): number {
	const required = compiled.requiredStepIds;
	const completed = required.filter((id) => done.has(id)).length;
	return Math.round((completed / required.length) * 100);
}

/**
 * The first step in the programme's order that is not done. The seed moves to "the step after the one just
 * completed", which skips an earlier step left undone when steps are done out of order (README "Where we follow the
 * seeds", docs/sources.md#diff-onboarding-current-step).
 */
export function findCurrentStep(
	compiled: CompiledProgram,
	done: ReadonlySet<string>,
): OnboardingStep | null {
	return compiled.program.steps.find((step) => !done.has(step.id)) ?? null;
}

function allRequiredDone(compiled: CompiledProgram, done: ReadonlySet<string>): boolean {
	return compiled.requiredStepIds.every((id) => done.has(id));
}

/** The milestones whose criteria all hold (seed 002 §4.2 checkMilestones, criteria mapped to steps), in order. */
export function milestonesMet(compiled: CompiledProgram, done: ReadonlySet<string>): string[] {
	const allRequired = allRequiredDone(compiled, done);
	return compiled.milestones
		.filter(
			(entry) => (!entry.allRequired || allRequired) && entry.stepIds.every((id) => done.has(id)),
		)
		.map((entry) => entry.milestone.id);
}

function firstValueCheck(state: OnboardingState, options: TrackingOptions): FirstValue {
	const { referenceMs, timeZone, firstValueHours } = options;
	const dueMs = state.startMs + firstValueHours * HOUR_MS;
	const action = state.firstKeyActionMs;
	let status: FirstValueStatus;
	if (action !== null) status = action <= dueMs ? 'met' : 'missed';
	else status = referenceMs > dueMs ? 'missed' : 'pending';
	return {
		status,
		windowHours: firstValueHours,
		dueAt: iso(dueMs, timeZone),
		achievedAt: action === null ? null : iso(action, timeZone),
		hours: action === null ? null : roundTo(Math.max(0, action - state.startMs) / HOUR_MS, 2),
	};
}

export function trackOnboarding(
	compiled: CompiledProgram,
	state: OnboardingState,
	options: TrackingOptions,
): OnboardingProgress {
	const { program } = compiled;
	const { referenceMs, timeZone: zone, stalledAfterDays } = options;
	const { done, unrecognized } = resolveCompletedSteps(compiled, state.completed);
	const completed = allRequiredDone(compiled, done);

	// Milestones the record already has (unknown ids are dropped), then those whose criteria now hold.
	const recorded = new Set<string>();
	for (const id of state.milestonesReached) {
		const known = compiled.milestoneIds.get(id.trim().toLowerCase());
		if (known !== undefined) recorded.add(known);
	}
	const met = new Set(milestonesMet(compiled, done));
	const newMilestones: NewMilestone[] = program.milestones
		.filter((milestone) => met.has(milestone.id) && !recorded.has(milestone.id))
		.map(({ id, name, targetDay, celebration }) => ({ id, name, targetDay, celebration }));

	// Calendar days in the customer's zone: the start day is day 0, and a milestone of target day N is overdue from
	// local midnight after day N.
	const daysSinceStart = calendarDaysBetweenMs(state.startMs, referenceMs, zone);
	const startDay = DateTime.fromMillis(state.startMs, { zone }).startOf('day');
	const overdueMilestones: OverdueMilestone[] = program.milestones
		.filter(
			(milestone) =>
				daysSinceStart > milestone.targetDay &&
				!met.has(milestone.id) &&
				!recorded.has(milestone.id),
		)
		.map(({ id, name, targetDay }) => ({
			id,
			name,
			targetDay,
			dueAt: startDay.plus({ days: targetDay + 1 }).toISO({ suppressMilliseconds: true }) as string,
			daysOverdue: daysSinceStart - targetDay,
		}));

	// Stalling is elapsed time since the later of the start and the last progress, in days of the customer's zone
	// (luxon: 3 days after Friday 10:00 is Monday 10:00, DST change or not; docs/sources.md#diff-onboarding-stalled).
	const lastProgressMs = Math.max(state.startMs, state.lastProgressMs ?? state.startMs);
	const lastProgress = DateTime.fromMillis(lastProgressMs, { zone });
	const reference = DateTime.fromMillis(referenceMs, { zone });
	const daysWithoutProgress =
		referenceMs <= lastProgressMs ? 0 : Math.floor(reference.diff(lastProgress, 'days').days);
	const started = referenceMs >= state.startMs || done.size > 0;

	let status: OnboardingStatus;
	if (completed) status = 'completed';
	else if (!started) status = 'not_started';
	else if (reference >= lastProgress.plus({ days: stalledAfterDays })) status = 'stalled';
	else status = 'in_progress';

	const handOff: HandOff | null =
		status === 'completed' && state.previousStatus !== 'completed'
			? {
					nextStage: HAND_OFF_STAGE,
					workflows: [...HAND_OFF_WORKFLOWS],
					checkInDays: CHECK_IN_DAYS,
					checkInAt: reference
						.plus({ days: CHECK_IN_DAYS })
						.toISO({ suppressMilliseconds: true }) as string,
				}
			: null;

	const inOrder = (ids: ReadonlySet<string>) =>
		program.steps.filter((step) => ids.has(step.id)).map((step) => step.id);
	const currentStep = findCurrentStep(compiled, done);
	return {
		programId: program.id,
		programName: program.name,
		status,
		previousStatus: state.previousStatus,
		changed: status !== state.previousStatus,
		progress: calculateProgress(compiled, done),
		currentStep: currentStep && {
			...currentStep,
			resources: currentStep.resources.map((r) => ({ ...r })),
		},
		completedSteps: inOrder(done),
		remainingRequired: compiled.requiredStepIds.filter((id) => !done.has(id)),
		unrecognizedSteps: unrecognized,
		milestonesReached: program.milestones
			.filter((milestone) => recorded.has(milestone.id) || met.has(milestone.id))
			.map((milestone) => milestone.id),
		newMilestones,
		overdueMilestones,
		startedAt: iso(state.startMs, zone),
		lastProgressAt: iso(lastProgressMs, zone),
		daysSinceStart: Math.max(0, daysSinceStart),
		daysWithoutProgress,
		stalledAfterDays,
		firstValue: firstValueCheck(state, options),
		handOff,
		timezone: zone,
	};
}
