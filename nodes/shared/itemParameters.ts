import { DateTime } from 'luxon';
import type { IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

import { parseInstant } from '../../src/shared/dates';
import { plainParameter, textParameter } from '../../src/shared/parameters';
import { parameterLabel } from './parameterLabels';

/**
 * A node's parameters as its items see them, read once per execution where they cannot differ between items.
 * n8n evaluates a parameter for every item it is asked for (and copies it); a parameter with no expression in it has
 * the same value for every item, so it is read for the first item and reused. Values are shared: never mutate them.
 *
 * A value an expression gave is checked to be plain data before any code walks it: an object that contains itself or
 * an array nested 10,000 deep fails naming the parameter, instead of "Converting circular structure to JSON" or
 * "Maximum call stack size exceeded" from whatever code meets it first.
 */
export class ItemParameters {
	private readonly constant = new Map<string, unknown>();
	private readonly raw: Record<string, unknown>;
	private readonly nodeType: string;

	constructor(private readonly context: IExecuteFunctions) {
		const node = context.getNode();
		this.raw = node.parameters as Record<string, unknown>;
		this.nodeType = node.type;
	}

	/** The parameter's name as the node shows it, for error messages. */
	label(name: string): string {
		return parameterLabel(this.nodeType, name);
	}

	get<T>(name: string, itemIndex: number, fallback?: T): T {
		if (this.constant.has(name)) return this.constant.get(name) as T;
		const value = plainParameter(
			() => this.context.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType) as T,
			this.label(name),
		);
		if (!hasExpression(rawValue(this.raw, name))) this.constant.set(name, value);
		return value;
	}

	/** Whether the parameter (or anything inside it) is an expression, i.e. may differ per item. */
	isPerItem(name: string): boolean {
		return hasExpression(rawValue(this.raw, name));
	}

	/** The zone for calendar-day arithmetic when a record has no `timezone`: the node's option, else the workflow's. */
	defaultTimeZone(itemIndex: number): string {
		const zone = this.get<unknown>('options.timezone', itemIndex, '');
		return textParameter(
			zone,
			this.label('options.timezone'),
			'an IANA time zone such as "Europe/Madrid"',
			this.context.getTimezone(),
		);
	}

	private readonly references = new Map<string, DateTime>();

	/**
	 * The reference time of relative metrics in `zone`: the Reference Time option if set (for reproducible runs), else
	 * `now` of this execution. One DateTime per distinct option value and zone.
	 */
	referenceInstant(itemIndex: number, now: DateTime, zone: string): DateTime {
		const value = this.get<unknown>('options.referenceTime', itemIndex, '');
		const empty = value === '' || value === null || value === undefined;
		const key = empty ? 'now' : cacheKey(value);
		if (key === undefined) return parseInstant(value, zone, this.label('options.referenceTime'));
		let reference = this.references.get(`${zone}\u0000${key}`);
		if (!reference) {
			reference = empty
				? now.setZone(zone)
				: parseInstant(value, zone, this.label('options.referenceTime'));
			this.references.set(`${zone}\u0000${key}`, reference);
		}
		return reference;
	}
}

/** A cache key for a reference time: text and numbers as they are, dates by their instant; else none (not cached). */
function cacheKey(value: unknown): string | undefined {
	if (typeof value === 'string') return `s${value}`;
	if (typeof value === 'number') return `n${value}`;
	if (value instanceof Date) return `d${value.getTime()}`;
	if (DateTime.isDateTime(value)) return `d${value.toMillis()}`;
	return undefined;
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
