/**
 * The one adapter every node of the package (but the trigger) is built on: shared settings read once per execution
 * (scope.ts, run.ts), parsed parameters memoised per distinct value (memo.ts), outputs and routing from one route
 * list per output mode (routes.ts), one failure policy (failure.ts), and the phases of a node's work (pipeline.ts,
 * execute.ts), declared per node with defineNode (node.ts).
 */
export { defineNode, type AdaptedNode, type NodeSpec } from './node';
export {
	eachItem,
	phased,
	summary,
	type Assessed,
	type Finished,
	type ItemResult,
	type Pipeline,
} from './pipeline';
export {
	FAILED_OUTPUT,
	outputNames,
	outputsExpression,
	resolveOutputs,
	type Condition,
	type OutputMode,
	type Route,
} from './routes';
export { Run, type DerivedSetting } from './run';
export { ItemScope } from './scope';
export { describeCause, itemError, messageOf, nodeError } from './failure';
export { Memo, memoKey, Once } from './memo';
