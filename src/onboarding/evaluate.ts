import type { DateTime } from 'luxon';

import { customerTimeZone } from '../customer/derive';
import { ANY_DATE_RULE, PAST_DATE_RULE } from '../customer/fieldRules';
import { isAbsentValue, readDateField } from '../customer/fields';
import { CustomerInputError, locateCustomerRecord } from '../customer/locate';
import { referenceMillis } from '../shared/dates';
import { numberParameter, parameterError, pathParameter } from '../shared/parameters';
import { getPath } from '../shared/path';
import { previewValue } from '../shared/preview';
import { compileProgram, compiledBuiltin, type CompiledProgram } from './model';
import { normalizeSegment, selectProgram, type OnboardingProgram } from './programs';
import {
	DEFAULT_FIRST_VALUE_HOURS,
	DEFAULT_STALLED_AFTER_DAYS,
	ONBOARDING_STATUSES,
	trackOnboarding,
	type OnboardingProgress,
	type OnboardingStatus,
} from './progress';

/**
 * Reads one item's customer record and tracks its onboarding. The fields (snake_case, like every node's,
 * docs/sources.md#customer-record):
 *
 * | field                            | what it holds                                                           |
 * |----------------------------------|-------------------------------------------------------------------------|
 * | `segment` (Segment Field)        | chooses the programme when none is fixed (seed 002 §4.2 selectProgram)  |
 * | `onboarding_started_at`          | the start; else `signup_date`                                           |
 * | `onboarding_completed_steps`     | step ids or completion criteria: a list, JSON list text or "a, b" text  |
 * | `onboarding_last_progress_at`    | when a step was last done; else the start                               |
 * | `onboarding_milestones_reached`  | milestone ids already reached (and celebrated), same forms as the steps |
 * | `onboarding_status`              | the status the previous run stored; decides `changed` and the hand-off  |
 * | `first_key_action_at`            | the customer's first key action (seed 000 §1, first value)              |
 * | `timezone`                       | the customer's IANA zone; else the node's                               |
 */

export const DEFAULT_SEGMENT_FIELD = 'segment';
export const ONBOARDING_FIELDS = {
	startedAt: 'onboarding_started_at',
	signupDate: 'signup_date',
	completedSteps: 'onboarding_completed_steps',
	lastProgressAt: 'onboarding_last_progress_at',
	milestonesReached: 'onboarding_milestones_reached',
	status: 'onboarding_status',
	firstKeyActionAt: 'first_key_action_at',
} as const;

/** More entries than any programme has steps; a longer list is a mistake (or an attack), not an onboarding. */
export const MAX_LIST_ENTRIES = 1000;
const MAX_ENTRY_LENGTH = 200;
const MAX_STALLED_DAYS = 365;
const MAX_FIRST_VALUE_HOURS = 8760;

export interface OnboardingConfig {
	/** A fixed programme (built-in or parsed custom); absent chooses by segment. */
	program?: OnboardingProgram | CompiledProgram;
	/** Field with the segment when choosing by segment (default `segment`). */
	segmentField?: string;
	customerPath?: string;
	/** Days without progress after which an onboarding is stalled (whole days, default 3). */
	stalledAfterDays?: unknown;
	/** Hours after the start within which the first key action should come (default 48). */
	firstValueHours?: unknown;
	reference: DateTime;
	defaultTimeZone: string;
}

/** Stalled After (Days): a whole number of days from 1 to 365. */
export function parseStalledAfterDays(value: unknown): number {
	const days = numberParameter(
		value,
		'Stalled After (Days)',
		DEFAULT_STALLED_AFTER_DAYS,
		1,
		MAX_STALLED_DAYS,
	);
	if (!Number.isInteger(days))
		throw parameterError(
			'Stalled After (Days)',
			`a whole number from 1 to ${MAX_STALLED_DAYS}`,
			value,
		);
	return days;
}

/** First Value Window (Hours): from 1 to 8760 (a year). */
export function parseFirstValueHours(value: unknown): number {
	return numberParameter(
		value,
		'First Value Window (Hours)',
		DEFAULT_FIRST_VALUE_HOURS,
		1,
		MAX_FIRST_VALUE_HOURS,
	);
}

/**
 * A list of names: an array of text, JSON array text (what a Data Table column holds) or comma-separated text. Blank
 * entries are skipped; anything else fails naming the entry.
 */
export function readNameList(raw: unknown, field: string): string[] {
	if (isAbsentValue(raw)) return [];
	let list: unknown = raw;
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (text.startsWith('[')) {
			try {
				list = JSON.parse(text);
			} catch {
				throw new CustomerInputError(
					`${field}: must be a list of names such as ["welcome", "first_chatbot"] or the text "welcome, first_chatbot" (got ${previewValue(raw)})`,
					field,
				);
			}
		} else list = text.split(',');
	}
	if (!Array.isArray(list)) {
		throw new CustomerInputError(
			`${field}: must be a list of names such as ["welcome", "first_chatbot"] (got ${previewValue(raw)})`,
			field,
		);
	}
	if (list.length > MAX_LIST_ENTRIES) {
		throw new CustomerInputError(
			`${field}: must have at most ${MAX_LIST_ENTRIES} entries (got ${list.length})`,
			field,
		);
	}
	const names: string[] = [];
	list.forEach((entry, index) => {
		if (entry === null || entry === undefined) return;
		if (typeof entry !== 'string' || entry.length > MAX_ENTRY_LENGTH) {
			throw new CustomerInputError(
				`${field}.${index}: must be a step or milestone name of at most ${MAX_ENTRY_LENGTH} characters (got ${previewValue(entry)})`,
				`${field}.${index}`,
			);
		}
		if (entry.trim() !== '') names.push(entry.trim());
	});
	return names;
}

function readStatus(record: Record<string, unknown>): OnboardingStatus | null {
	const field = ONBOARDING_FIELDS.status;
	const raw = record[field];
	if (isAbsentValue(raw)) return null;
	const status = typeof raw === 'string' ? normalizeSegment(raw) : undefined;
	if (status === undefined || !(ONBOARDING_STATUSES as readonly string[]).includes(status)) {
		throw new CustomerInputError(
			`${field}: must be one of ${ONBOARDING_STATUSES.join(', ')} (got ${previewValue(raw)})`,
			field,
		);
	}
	return status as OnboardingStatus;
}

function chooseProgram(record: Record<string, unknown>, config: OnboardingConfig): CompiledProgram {
	const fixed = config.program;
	if (fixed !== undefined) {
		if ('stepsByName' in fixed) return fixed;
		return compiledBuiltin(fixed) ?? compileProgram(fixed);
	}
	const field = pathParameter(config.segmentField, 'Segment Field') || DEFAULT_SEGMENT_FIELD;
	const raw = getPath(record, field);
	if (!isAbsentValue(raw) && typeof raw !== 'string') {
		throw new CustomerInputError(
			`${field}: must be a segment such as "self_serve", "smb", "mid_market" or "enterprise" (got ${previewValue(raw)})`,
			field,
		);
	}
	const program = selectProgram(isAbsentValue(raw) ? null : (raw as string));
	return compiledBuiltin(program) as CompiledProgram;
}

export function evaluateOnboarding(
	item: Record<string, unknown>,
	config: OnboardingConfig,
): OnboardingProgress {
	const stalledAfterDays = parseStalledAfterDays(config.stalledAfterDays);
	const firstValueHours = parseFirstValueHours(config.firstValueHours);
	const record = locateCustomerRecord(item, config.customerPath);
	const timeZone = customerTimeZone(record, config.defaultTimeZone);
	const referenceMs = referenceMillis(config.reference);
	const compiled = chooseProgram(record, config);
	const F = ONBOARDING_FIELDS;

	// The start may be planned ahead (any date within 100 years); a signup is a past event.
	const startField = isAbsentValue(record[F.startedAt]) ? F.signupDate : F.startedAt;
	if (isAbsentValue(record[startField])) {
		throw new CustomerInputError(
			`${F.startedAt}: is missing; onboarding progress needs its start (or ${F.signupDate})`,
			F.startedAt,
		);
	}
	const startMs = readDateField(
		record[startField],
		startField,
		timeZone,
		referenceMs,
		startField === F.startedAt ? ANY_DATE_RULE : PAST_DATE_RULE,
	) as number;
	const lastProgressMs =
		readDateField(
			record[F.lastProgressAt],
			F.lastProgressAt,
			timeZone,
			referenceMs,
			PAST_DATE_RULE,
		) ?? null;
	const firstKeyActionMs =
		readDateField(
			record[F.firstKeyActionAt],
			F.firstKeyActionAt,
			timeZone,
			referenceMs,
			PAST_DATE_RULE,
		) ?? null;

	return trackOnboarding(
		compiled,
		{
			completed: readNameList(record[F.completedSteps], F.completedSteps),
			startMs,
			lastProgressMs,
			milestonesReached: readNameList(record[F.milestonesReached], F.milestonesReached),
			firstKeyActionMs,
			previousStatus: readStatus(record),
		},
		{ referenceMs, timeZone, stalledAfterDays, firstValueHours },
	);
}
