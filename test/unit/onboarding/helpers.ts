import { DateTime } from 'luxon';

import {
	evaluateOnboarding,
	type OnboardingConfig,
	type OnboardingProgress,
} from '../../../src/onboarding';

export const REFERENCE = '2026-11-23T12:00:00Z';

export const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

/** Tracks one record at `reference` (default 2026-11-23T12:00Z), in UTC unless the record or config says otherwise. */
export function track(
	record: Record<string, unknown>,
	config: Partial<Omit<OnboardingConfig, 'reference'>> & { reference?: string } = {},
): OnboardingProgress {
	const { reference = REFERENCE, ...rest } = config;
	return evaluateOnboarding(record, { reference: at(reference), defaultTimeZone: 'UTC', ...rest });
}

/** The five required steps of the self-serve programme, by id. */
export const SELF_SERVE_REQUIRED = [
	'welcome',
	'first_chatbot',
	'customize',
	'install',
	'first_conversation',
];
