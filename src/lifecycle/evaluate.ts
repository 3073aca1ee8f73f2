import type { DateTime } from 'luxon';

import { deriveDays } from '../customer/derive';
import { describeType } from '../customer/record';
import { CustomerInputError, locateCustomerRecord } from '../customer/locate';
import { getPath } from '../shared/path';
import { isAbsent, readLifecycleMetrics, readNumber, DAYS, type OnboardingCompletionScale } from './metrics';
import {
	LIFECYCLE_STAGES,
	normalizeStageName,
	STAGE_WORKFLOWS,
	TENURE_STAGE_DEFINITIONS,
	TENURE_STAGES,
	type LifecycleStage,
	type TenureStage,
} from './stages';
import { tenureReason, tenureStage } from './tenure';
import { determineNextStage, type NotEvaluated } from './transitions';

/** Evaluates one item: locate the record, derive days from dates, read the current stage, decide the next. */

/** `transitions`: seed 002 §3.2's nine stages and their rules; `tenure`: seed 004's four stages by days since signup. */
export type LifecycleMode = 'transitions' | 'tenure';

export const DEFAULT_STAGE_FIELD = 'lifecycle_stage';

export interface LifecycleConfig {
	mode: LifecycleMode;
	/** Dotted path of the customer record inside the item; empty for the item's top level. */
	customerPath?: string;
	/** Field of the customer record holding the current stage (default `lifecycle_stage`). */
	stageField?: string;
	/** Transitions mode: the current stage to assume when the field is empty; absent makes that an error. */
	defaultStage?: LifecycleStage;
	onboardingCompletionScale?: OnboardingCompletionScale;
	/** The instant days_* fields are derived against. */
	reference: DateTime;
	/** Zone for calendar days when the record has no `timezone`. */
	defaultTimeZone: string;
}

/** The `lifecycle` key of an output item (DESIGN.md "Output shapes", plus mode and notEvaluated). */
export interface LifecycleResult {
	stage: LifecycleStage | TenureStage;
	/** The stage the record carried (or the default assumed); null in tenure mode when the record has none. */
	previousStage: LifecycleStage | TenureStage | null;
	changed: boolean;
	reason: string;
	/** The workflows entering `stage` triggers; empty when the stage did not change (seed 002 §3.2 evaluateStage). */
	workflows: string[];
	mode: LifecycleMode;
	notEvaluated: NotEvaluated[];
}

function readStage<T extends string>(
	record: Record<string, unknown>,
	field: string,
	stages: readonly T[],
): T | undefined {
	const raw = getPath(record, field);
	if (isAbsent(raw)) return undefined;
	const name = typeof raw === 'string' ? normalizeStageName(raw) : undefined;
	if (name === undefined || !(stages as readonly string[]).includes(name)) {
		const got = typeof raw === 'string' ? JSON.stringify(raw) : describeType(raw);
		throw new CustomerInputError(`${field}: must be one of ${stages.join(', ')} (got ${got})`, field);
	}
	return name as T;
}

function evaluateTransitions(
	item: Record<string, unknown>,
	source: Record<string, unknown>,
	stageField: string,
	config: LifecycleConfig,
): LifecycleResult {
	let current = readStage(source, stageField, LIFECYCLE_STAGES);
	let assumed = '';
	if (current === undefined) {
		if (config.defaultStage === undefined) {
			throw new CustomerInputError(
				`${stageField}: the current lifecycle stage is missing; give one of ${LIFECYCLE_STAGES.join(', ')} or set Default Current Stage`,
				stageField,
			);
		}
		current = config.defaultStage;
		assumed = ` (${stageField} was empty: Default Current Stage ${current} assumed)`;
	}
	const metrics = readLifecycleMetrics(item, source, config.onboardingCompletionScale);
	const decision = determineNextStage(current, metrics);
	const changed = decision.stage !== current;
	return {
		stage: decision.stage,
		previousStage: current,
		changed,
		reason: decision.reason + assumed,
		workflows: changed ? [...STAGE_WORKFLOWS[decision.stage]] : [],
		mode: 'transitions',
		notEvaluated: decision.notEvaluated,
	};
}

function evaluateTenure(source: Record<string, unknown>, stageField: string, derivedFrom?: string): LifecycleResult {
	const field = derivedFrom ?? 'days_since_signup';
	const days = readNumber(source, 'days_since_signup', DAYS, field);
	if (days === undefined) {
		throw new CustomerInputError(
			'signup_date: is missing; tenure stages need the signup date (or days_since_signup)',
			'signup_date',
		);
	}
	if (days < 0) {
		throw new CustomerInputError(
			derivedFrom
				? `${derivedFrom}: is after the reference time, ${-days} days ahead (got ${JSON.stringify(source[derivedFrom])})`
				: `days_since_signup: must be 0 or more (got ${days})`,
			field,
		);
	}
	const previous = readStage(source, stageField, TENURE_STAGES) ?? null;
	const stage = tenureStage(days);
	const changed = stage !== previous;
	return {
		stage,
		previousStage: previous,
		changed,
		reason: tenureReason(days, stage),
		workflows: changed ? [...TENURE_STAGE_DEFINITIONS[stage].workflows] : [],
		mode: 'tenure',
		notEvaluated: [],
	};
}

export function evaluateLifecycle(item: Record<string, unknown>, config: LifecycleConfig): LifecycleResult {
	const record = locateCustomerRecord(item, config.customerPath);
	const derived = deriveDays(record, config.reference, config.defaultTimeZone);
	const source = Object.keys(derived.values).length ? { ...record, ...derived.values } : record;
	const stageField = config.stageField?.trim() || DEFAULT_STAGE_FIELD;
	if (config.mode === 'tenure') return evaluateTenure(source, stageField, derived.sources.days_since_signup);
	return evaluateTransitions(item, source, stageField, config);
}
