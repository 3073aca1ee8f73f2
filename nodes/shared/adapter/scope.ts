import type { DateTime } from 'luxon';

import type { ItemParameters } from '../itemParameters';

/**
 * The settings every node shares, as one item sees them: the default time zone (the Time Zone option, else the
 * workflow's), the reference time (the Reference Time option in that zone, else `now` of this execution) and the
 * Customer Record Path. Each is read when first asked for; a parameter without an expression is read once per
 * execution (ItemParameters), a reference time parsed once per distinct value and zone.
 */
export class ItemScope {
	private zoneValue: string | undefined;
	private referenceValue: DateTime | undefined;

	constructor(
		private readonly parameters: ItemParameters,
		private readonly now: DateTime,
		readonly itemIndex: number,
	) {}

	/** The zone for calendar-day arithmetic when a record has no `timezone`. */
	get zone(): string {
		return (this.zoneValue ??= this.parameters.defaultTimeZone(this.itemIndex));
	}

	/** The moment relative metrics are measured against, in `zone`. */
	get reference(): DateTime {
		return (this.referenceValue ??= this.parameters.referenceInstant(
			this.itemIndex,
			this.now,
			this.zone,
		));
	}

	/** Customer Record Path as given (the domain core checks and trims it). */
	get customerPath(): string {
		return this.parameters.get<string>('customerPath', this.itemIndex, '');
	}

	/** Any other parameter of the node for this item. */
	get<T>(name: string, fallback?: T): T {
		return this.parameters.get<T>(name, this.itemIndex, fallback);
	}
}
