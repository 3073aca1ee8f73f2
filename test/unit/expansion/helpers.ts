import { DateTime } from 'luxon';

import {
	evaluateExpansion,
	resolveExpansionSettings,
	type ExpansionSettingsInput,
} from '../../../src/expansion';

/** Noon UTC on 2026-11-23: every relative date in these tests is counted from here. */
export const REFERENCE = DateTime.fromISO('2026-11-23T12:00:00Z', { zone: 'UTC' });

export function expand(
	item: Record<string, unknown>,
	settings: ExpansionSettingsInput = {},
	reference = REFERENCE,
) {
	return evaluateExpansion(item, {
		settings: resolveExpansionSettings(settings),
		reference,
		defaultTimeZone: 'UTC',
	});
}

export const firedTypes = (item: Record<string, unknown>, settings?: ExpansionSettingsInput) =>
	expand(item, settings).signals.map((signal) => signal.type);
