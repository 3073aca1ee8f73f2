import type { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { parseInstant } from '../../src/shared/dates';

/** Parameter readers shared by the nodes. */

/** The zone for calendar-day arithmetic when a record has no `timezone`: the node's option, else the workflow's. */
export function defaultTimeZone(context: IExecuteFunctions, itemIndex: number): string {
	const zone = String(context.getNodeParameter('options.timezone', itemIndex, '') ?? '').trim();
	return zone || context.getTimezone();
}

/** The reference time of relative metrics: the option if set (for reproducible runs), else `now` of this execution. */
export function referenceInstant(
	context: IExecuteFunctions,
	itemIndex: number,
	now: DateTime,
): DateTime {
	const value = context.getNodeParameter('options.referenceTime', itemIndex, '') as unknown;
	if (value === '' || value === null || value === undefined) return now;
	return parseInstant(value, now.zoneName ?? 'UTC', 'Reference Time');
}
