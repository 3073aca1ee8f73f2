import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runItems, runSummary } from './execute';
import type { Pipeline } from './pipeline';
import { outputsExpression, resolveOutputs, type OutputMode } from './routes';
import { Run } from './run';

/**
 * A node, declared: its output modes (each with its one list of routes) and, per execution, the pipeline that turns
 * items into routed results. The node class keeps its description and calls `execute`:
 *
 *   const NODE = defineNode({ outputs: [{ when: { outputMode: 'byTier' }, routes: TIER_ROUTES }], pipeline: (run) => … });
 *   description = { …, outputs: NODE.outputs, properties };
 *   async execute(this: IExecuteFunctions) { return await NODE.execute(this); }
 */
export interface NodeSpec {
	/** The routed output modes, first match wins; no match means one unnamed output. */
	outputs: readonly OutputMode[];
	/** Called once per execution: reads what is fixed for it and returns what to do with the items. */
	pipeline(run: Run): Pipeline;
}

export interface AdaptedNode {
	readonly spec: NodeSpec;
	/** The description's `outputs`. */
	readonly outputs: `={{${string}}}`;
	execute(context: IExecuteFunctions): Promise<INodeExecutionData[][]>;
}

export function defineNode(spec: NodeSpec): AdaptedNode {
	return {
		spec,
		outputs: outputsExpression(spec.outputs),
		async execute(context) {
			const run = new Run(context);
			const outputs = resolveOutputs(spec.outputs, (name) =>
				run.parameters.get<unknown>(name, 0, ''),
			);
			const pipeline = spec.pipeline(run);
			return pipeline.kind === 'summary'
				? runSummary(run, pipeline, outputs)
				: await runItems(run, pipeline, outputs);
		},
	};
}
