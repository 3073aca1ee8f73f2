import type { DateTime } from 'luxon';

import { readCustomer } from '../customer/read';
import { describeType } from '../customer/record';
import { CustomerInputError } from '../customer/locate';
import { choiceParameter, pathParameter } from '../shared/parameters';
import { getPath } from '../shared/path';
import { previewValue } from '../shared/preview';
import {
	isAbsent,
	LIFECYCLE_DAY_FIELDS,
	ONBOARDING_COMPLETION_SCALES,
	readDays,
	readLifecycleMetrics,
	type OnboardingCompletionScale,
} from './metrics';
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

/** `transitions`: docs/sources.md#lifecycle-transitions nine stages and their rules; `tenure`: the support strategy's four stages by days since signup. */
export type LifecycleMode = 'transitions' | 'tenure';
const LIFECYCLE_MODES: readonly LifecycleMode[] = ['transitions', 'tenure'];

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

/** The `lifecycle` key of an output item (docs/sources.md#output-shapes, plus mode and notEvaluated). */
export interface LifecycleResult {
	stage: LifecycleStage | TenureStage;
	/** The stage the record carried (or the default assumed); null in tenure mode when the record has none. */
	previousStage: LifecycleStage | TenureStage | null;
	changed: boolean;
	reason: string;
	/** The workflows entering `stage` triggers; empty when the stage did not change (docs/sources.md#lifecycle-transitions evaluateStage). */
	workflows: string[];
	mode: LifecycleMode;
	notEvaluated: NotEvaluated[];
}

/** What the record and its derived days say about one item, read without merging them into a copy of the record. */
interface Source {
	record: Record<string, unknown>;
	/** The days_* fields derived from dates (only those the record does not give). */
	derived: Readonly<Record<string, number>>;
	/** Which date each derived field came from. */
	derivedFrom: Readonly<Record<string, string>>;
}

function readStage<T extends string>(
	source: Source,
	field: string,
	stages: readonly T[],
): T | undefined {
	const { record, derived } = source;
	const raw = Object.prototype.hasOwnProperty.call(derived, field)
		? derived[field]
		: getPath(record, field);
	if (isAbsent(raw)) return undefined;
	const name = typeof raw === 'string' ? normalizeStageName(raw) : undefined;
	if (name === undefined || !(stages as readonly string[]).includes(name)) {
		const got = typeof raw === 'string' ? previewValue(raw) : describeType(raw);
		throw new CustomerInputError(
			`${field}: must be one of ${stages.join(', ')} (got ${got})`,
			field,
		);
	}
	return name as T;
}

function evaluateTransitions(
	item: Record<string, unknown>,
	source: Source,
	stageField: string,
	config: LifecycleConfig,
): LifecycleResult {
	let current = readStage(source, stageField, LIFECYCLE_STAGES);
	let assumed = '';
	if (current === undefined) {
		if (
			config.defaultStage === undefined ||
			config.defaultStage === null ||
			(config.defaultStage as string) === ''
		) {
			throw new CustomerInputError(
				`${stageField}: the current lifecycle stage is missing; give one of ${LIFECYCLE_STAGES.join(', ')} or set Default Current Stage`,
				stageField,
			);
		}
		current = choiceParameter(
			config.defaultStage,
			'Default Current Stage',
			LIFECYCLE_STAGES,
			'trial',
		);
		assumed = ` (${stageField} was empty: Default Current Stage ${current} assumed)`;
	}
	const scale = choiceParameter(
		config.onboardingCompletionScale,
		'Onboarding Completion Scale',
		ONBOARDING_COMPLETION_SCALES,
		'percent',
	);
	const metrics = readLifecycleMetrics(item, source.record, scale, source.derived);
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

function evaluateTenure(source: Source, stageField: string): LifecycleResult {
	const derivedFrom = source.derivedFrom.days_since_signup as string | undefined;
	const field = derivedFrom ?? 'days_since_signup';
	const days = readDays(source.record, source.derived, 'days_since_signup', field);
	if (days === undefined) {
		throw new CustomerInputError(
			'signup_date: is missing; tenure stages need the signup date (or days_since_signup)',
			'signup_date',
		);
	}
	// Never negative: days_since_signup's rule starts at 0, and a signup date after the reference time fails its rule
	// (src/customer/fieldRules.ts) before it gets here.
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

const TENURE_DAY_FIELDS: ReadonlySet<string> = new Set(['days_since_signup']);

export function evaluateLifecycle(
	item: Record<string, unknown>,
	config: LifecycleConfig,
): LifecycleResult {
	const mode = choiceParameter<LifecycleMode>(config.mode, 'Mode', LIFECYCLE_MODES, 'transitions');
	// Only the days the rules read are derived (tenure reads days since signup alone): a date no rule reads is not parsed.
	const { record, derived } = readCustomer(item, {
		path: config.customerPath,
		reference: config.reference,
		defaultTimeZone: config.defaultTimeZone,
		dayFields: mode === 'tenure' ? TENURE_DAY_FIELDS : LIFECYCLE_DAY_FIELDS,
	});
	const source: Source = { record, derived: derived.values, derivedFrom: derived.sources };
	const stageField = pathParameter(config.stageField, 'Current Stage Field') || DEFAULT_STAGE_FIELD;
	if (mode === 'tenure') return evaluateTenure(source, stageField);
	return evaluateTransitions(item, source, stageField, config);
}
