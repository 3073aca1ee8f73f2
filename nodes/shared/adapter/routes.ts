import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * A node's outputs, declared once: per output mode the list of its routes, in output order. The `outputs` expression
 * n8n evaluates (from `$parameter`, in the editor and in the engine) and the output index an item is sent to at run
 * time are both computed from that one list, so a name and its index cannot drift apart.
 *
 * A mode with routes ("routed": one output per tier, category, segment, stage…) gets one more output after its
 * routes, "Failed", for the items that failed under *Continue (regular output)* (see failure.ts). A node whose
 * parameters match no mode has a single, unnamed output.
 */

/** One output of a routed mode: `key` is what the node's code names (a tier, a category), `name` what n8n shows. */
export interface Route {
	readonly key: string;
	readonly name: string;
}

/**
 * When a mode applies: every listed top-level parameter must equal the value (or one of the values). Only top-level,
 * non-expression parameters (`noDataExpression`) make sense here, as n8n evaluates the outputs without an item.
 */
export type Condition = Readonly<Record<string, string | readonly string[]>>;

export interface OutputMode {
	readonly when: Condition;
	readonly routes: readonly Route[];
}

/** The extra last output of every routed mode. */
export const FAILED_OUTPUT = 'Failed';

const MAIN = NodeConnectionTypes.Main;

function conditionExpression(when: Condition): string {
	const clauses = Object.entries(when).map(([name, value]) => {
		const parameter = `$parameter[${JSON.stringify(name)}]`;
		return typeof value === 'string'
			? `${parameter} === ${JSON.stringify(value)}`
			: `${JSON.stringify(value)}.includes(${parameter})`;
	});
	return clauses.length === 0 ? 'true' : `(${clauses.join(' && ')})`;
}

function outputList(names: readonly string[] | undefined): string {
	if (names === undefined) return JSON.stringify([{ type: MAIN }]);
	return JSON.stringify(names.map((displayName) => ({ type: MAIN, displayName })));
}

/** The display names of a mode's outputs, in order: its routes, then Failed. */
export function outputNames(mode: OutputMode): string[] {
	return [...mode.routes.map((route) => route.name), FAILED_OUTPUT];
}

/**
 * The node description's `outputs`: the first mode whose condition holds, else one unnamed output. n8n adds its own
 * "Error" output after these when the node is set to *Continue (using error output)*.
 */
export function outputsExpression(modes: readonly OutputMode[]): `={{${string}}}` {
	const branches = modes
		.map((mode) => `${conditionExpression(mode.when)} ? ${outputList(outputNames(mode))} : `)
		.join('');
	return `={{ ${branches}${outputList(undefined)} }}`;
}

/** The outputs of one execution: how many there are and which index each route (and a failed item) goes to. */
export class ResolvedOutputs {
	private readonly indexes: ReadonlyMap<string, number>;
	/** Names of the outputs in order; empty for the single, unnamed output. */
	readonly names: readonly string[];

	constructor(readonly mode: OutputMode | undefined) {
		this.names = mode ? outputNames(mode) : [];
		this.indexes = new Map((mode?.routes ?? []).map((route, index) => [route.key, index]));
	}

	get routed(): boolean {
		return this.mode !== undefined;
	}

	get count(): number {
		return this.mode ? this.mode.routes.length + 1 : 1;
	}

	/** Where a failed item goes under Continue (regular output): Failed when routed, else the single output. */
	get failedIndex(): number {
		return this.mode ? this.mode.routes.length : 0;
	}

	/** The output of `route`; any route goes to the single output when the node is not routed. */
	indexOf(route: string | undefined): number {
		if (!this.mode) return 0;
		const index = route === undefined ? undefined : this.indexes.get(route);
		if (index === undefined) {
			throw new Error(
				`This node has no output for "${String(route)}" (outputs: ${this.names.join(', ')})`,
			);
		}
		return index;
	}
}

function holds(when: Condition, read: (name: string) => unknown): boolean {
	return Object.entries(when).every(([name, value]) => {
		const actual = read(name);
		return typeof value === 'string'
			? actual === value
			: (value as readonly unknown[]).includes(actual);
	});
}

/** The outputs for the node's parameters, chosen exactly as `outputsExpression` chooses them. */
export function resolveOutputs(
	modes: readonly OutputMode[],
	read: (name: string) => unknown,
): ResolvedOutputs {
	return new ResolvedOutputs(modes.find((mode) => holds(mode.when, read)));
}
