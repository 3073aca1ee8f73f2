import type { DateTime } from 'luxon';
import type { IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

import { parseInstant } from '../../src/shared/dates';

/**
 * A node's parameters as its items see them, read once per execution where they cannot differ between items.
 * n8n evaluates a parameter for every item it is asked for (and copies it); a parameter with no expression in it has
 * the same value for every item, so it is read for the first item and reused. Values are shared: never mutate them.
 */
export class ItemParameters {
	private readonly constant = new Map<string, unknown>();
	private readonly raw: Record<string, unknown>;

	constructor(private readonly context: IExecuteFunctions) {
		this.raw = context.getNode().parameters as Record<string, unknown>;
	}

	get<T>(name: string, itemIndex: number, fallback?: T): T {
		if (this.constant.has(name)) return this.constant.get(name) as T;
		const value = this.context.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType) as T;
		if (!hasExpression(rawValue(this.raw, name))) this.constant.set(name, value);
		return value;
	}

	/** Whether the parameter (or anything inside it) is an expression, i.e. may differ per item. */
	isPerItem(name: string): boolean {
		return hasExpression(rawValue(this.raw, name));
	}

	/** The zone for calendar-day arithmetic when a record has no `timezone`: the node's option, else the workflow's. */
	defaultTimeZone(itemIndex: number): string {
		const zone = String(this.get<string>('options.timezone', itemIndex, '') ?? '').trim();
		return zone || this.context.getTimezone();
	}

	private readonly references = new Map<string, DateTime>();

	/**
	 * The reference time of relative metrics in `zone`: the Reference Time option if set (for reproducible runs), else
	 * `now` of this execution. One DateTime per distinct option value and zone.
	 */
	referenceInstant(itemIndex: number, now: DateTime, zone: string): DateTime {
		const value = this.get<unknown>('options.referenceTime', itemIndex, '');
		const key = `${zone}\u0000${typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value)}`;
		let reference = this.references.get(key);
		if (!reference) {
			reference =
				value === '' || value === null || value === undefined
					? now.setZone(zone)
					: parseInstant(value, zone, 'Reference Time');
			this.references.set(key, reference);
		}
		return reference;
	}
}

function rawValue(parameters: Record<string, unknown>, name: string): unknown {
	let current: unknown = parameters;
	for (const segment of name.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return current;
}

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}
