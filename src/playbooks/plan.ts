import type { DateTime } from 'luxon';

import { customerTimeZone } from '../customer/derive';
import { locateCustomerRecord } from '../customer/locate';
import { parseInstantMs, referenceMillis } from '../shared/dates';
import type { BusinessWindow } from './businessHours';
import type { PlaybookCatalog } from './catalog';
import { schedulePlaybook, type ScheduledPlaybook } from './schedule';

/** Plans one customer's playbook as it arrives in an item: find the record, its time zone, the start, the steps. */

export interface CustomerPlaybookConfig {
	catalog: PlaybookCatalog;
	/** The playbook id to run (already read from a parameter or the item). */
	playbookId: string;
	/** Where the id came from, for error messages (e.g. "churn.playbook"). */
	playbookField?: string;
	/** Dotted path of the customer record inside the item; empty for the item's top level. */
	customerPath?: string;
	/**
	 * The start: an ISO 8601 string, JS Date or epoch milliseconds; empty means `now`. A time without an offset is
	 * read in the customer's time zone.
	 */
	startTime?: unknown;
	now: DateTime;
	/** Zone when the record has no `timezone` (the node's Time Zone option, else the workflow's). */
	defaultTimeZone: string;
	businessHours?: readonly BusinessWindow[] | null;
}

export function planCustomerPlaybook(
	item: Record<string, unknown>,
	config: CustomerPlaybookConfig,
): ScheduledPlaybook {
	const playbook = config.catalog.get(config.playbookId, config.playbookField);
	const record = locateCustomerRecord(item, config.customerPath);
	const timeZone = customerTimeZone(record, config.defaultTimeZone);
	const start =
		config.startTime === undefined || config.startTime === null || config.startTime === ''
			? referenceMillis(config.now, 'now')
			: parseInstantMs(config.startTime, timeZone, 'Start Time');
	return schedulePlaybook(playbook, { start, timeZone, businessHours: config.businessHours });
}
