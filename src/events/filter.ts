import { previewValue } from '../shared/preview';
import { ANY_EVENT, EVENT_NAME_PATTERN } from './catalog';

/** Which events start the workflow, and by which output they leave when there is one output per event. */
export interface EventRouting {
	/** Every event is accepted (the "All Events" choice). */
	any: boolean;
	/** The named events, in output order: the chosen catalogue events, then the custom names. */
	names: string[];
	/** Output names when there is one output per event; the last one collects "other" events when `any`. */
	outputs: string[];
}

export const OTHER_EVENTS_OUTPUT = 'Other Events';

export class InvalidEventFilterError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidEventFilterError';
	}
}

/** `custom` is a comma-separated list of further event names. */
export function buildEventRouting(selected: readonly string[], custom: string): EventRouting {
	// Both may come from expressions, so their types are checked, not assumed.
	if (!Array.isArray(selected) || selected.some((name) => typeof name !== 'string')) {
		throw new InvalidEventFilterError(
			`Events: must be a list of event names (got ${previewValue(selected)})`,
		);
	}
	if (typeof custom !== 'string') {
		throw new InvalidEventFilterError(
			`Custom Event Names: must be text, names separated by commas (got ${previewValue(custom)})`,
		);
	}
	const names: string[] = [];
	let any = false;
	for (const name of selected) {
		if (name === ANY_EVENT) any = true;
		else if (!names.includes(name)) names.push(name);
	}
	for (const raw of custom.split(',')) {
		const name = raw.trim();
		if (name === '') continue;
		if (!EVENT_NAME_PATTERN.test(name)) {
			throw new InvalidEventFilterError(
				`Custom Event Names: "${name.slice(0, 120)}" is not an event name (1-100 letters, digits, "_", ".", ":" or "-")`,
			);
		}
		if (!names.includes(name)) names.push(name);
	}
	if (!any && names.length === 0) {
		throw new InvalidEventFilterError(
			'Events: choose at least one event, "All Events", or add a custom event name',
		);
	}
	return { any, names, outputs: any ? [...names, OTHER_EVENTS_OUTPUT] : names };
}

/** The output index of an accepted event (0 with a single output), or undefined when the event is not selected. */
export function routeEvent(
	routing: EventRouting,
	event: string,
	outputPerEvent: boolean,
): number | undefined {
	const index = routing.names.indexOf(event);
	if (index === -1 && !routing.any) return undefined;
	if (!outputPerEvent) return 0;
	return index === -1 ? routing.names.length : index;
}
