import type { DateTime } from 'luxon';

import { deriveDays, type DerivedDays } from './derive';
import { locateCustomerRecord } from './locate';

/**
 * The one way every concept reads a customer from an item: find the record (Customer Record Path), derive the
 * days_* fields it lacks from their dates, and merge them in. Only the day fields a concept reads are derived, so a
 * malformed date that concept never uses cannot fail its item.
 */
export interface CustomerReading {
	/** The record as the item holds it. */
	record: Record<string, unknown>;
	/** The days derived from dates, their sources and the customer's zone. */
	derived: DerivedDays;
	/** The record with the derived days filled in (the record itself when none was derived). */
	merged: Record<string, unknown>;
}

export interface CustomerReadOptions {
	path: unknown;
	reference: DateTime;
	defaultTimeZone: string;
	/** The days_* fields the concept reads; all of them when omitted. */
	dayFields?: ReadonlySet<string>;
}

export function readCustomer(
	item: Record<string, unknown>,
	options: CustomerReadOptions,
): CustomerReading {
	const record = locateCustomerRecord(item, options.path);
	const derived = deriveDays(record, options.reference, options.defaultTimeZone, options.dayFields);
	const merged = Object.keys(derived.values).length ? { ...record, ...derived.values } : record;
	return { record, derived, merged };
}
