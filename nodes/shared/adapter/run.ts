import { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { ItemParameters } from '../itemParameters';
import { Memo, Once } from './memo';
import { ItemScope } from './scope';

/** A value a node derives from some of its parameters (a model, rules, settings): how to read and build it. */
export interface DerivedSetting<R, T> {
	/** The parameters it is made of: when none is an expression, it is built once for the whole execution. */
	parameters: readonly string[];
	/** Reads the raw parameter values for one item. */
	read(scope: ItemScope): R;
	/** Parses and checks them; called once per distinct raw value. */
	build(raw: R): T;
}

/** One execution of a node: its parameters, its `now`, and the per-item scopes its pipeline works with. */
export class Run {
	readonly parameters: ItemParameters;
	readonly now = DateTime.now();

	constructor(readonly context: IExecuteFunctions) {
		this.parameters = new ItemParameters(context);
	}

	/** Whether failed items are passed on (either Continue setting) instead of stopping the node. */
	get continueOnFail(): boolean {
		return this.context.continueOnFail();
	}

	/** A parameter that cannot be an expression (a mode, an output choice): read once, at the first item. */
	choice<T extends string>(name: string, fallback: T): T {
		return this.parameters.get<T>(name, 0, fallback) ?? fallback;
	}

	scope(itemIndex: number): ItemScope {
		return new ItemScope(this.parameters, this.now, itemIndex);
	}

	/**
	 * A setting derived from parameters, memoised: built once per execution when none of its parameters is an
	 * expression, else once per distinct combination of their values. The one cache every node uses.
	 */
	derived<R, T>(setting: DerivedSetting<R, T>): (scope: ItemScope) => T {
		if (!setting.parameters.some((name) => this.parameters.isPerItem(name))) {
			const once = new Once<T>();
			return (scope) => once.get(() => setting.build(setting.read(scope)));
		}
		const memo = new Memo<T>();
		return (scope) => {
			const raw = setting.read(scope);
			return memo.get(raw, () => setting.build(raw));
		};
	}
}
