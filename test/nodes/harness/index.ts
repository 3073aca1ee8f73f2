/**
 * Node test harness: runs a workflow JSON through n8n-core's real `WorkflowExecute` (the engine
 * n8n itself runs), with a real `Workflow` from n8n-workflow and real node execute contexts, so
 * `this.getNodeParameter` evaluates expressions, `continueOnFail()`/`onError`, NodeOperationError
 * and pairedItem behave exactly as in n8n.
 *
 * HOW TO WRITE A NODE TEST
 *   1. Put a workflow JSON fixture next to the test (export it from n8n or write it by hand):
 *      a `n8n-nodes-base.manualTrigger` whose input items are the trigger's `pinData`, then our
 *      node (type `n8n-nodes-customer-success.<name>`), then a `n8n-nodes-base.noOp` on each
 *      output you want to look at. Keep `"settings": { "executionOrder": "v1" }` as n8n writes it.
 *   2. In the test:
 *        const nodeTypes = createNodeTypes({ customerNps: new CustomerNps() });
 *        const result = await runWorkflow(loadWorkflow(__dirname, 'nps.workflow.json'), { nodeTypes });
 *        expect(result.status).toBe('success');
 *        expect(result.outputs('NPS')[0].map((i) => i.json.nps)).toEqual([...]);  // exact values
 *   3. `beforeEach(resetProcessedData)` if the node uses the processed-data helpers.
 *
 * API
 *   createNodeTypes(nodes?)   INodeTypes with our nodes under `n8n-nodes-customer-success.<key>`
 *                             (key must equal description.name) plus test stand-ins for
 *                             n8n-nodes-base.manualTrigger / noOp / stickyNote. Unknown types throw.
 *   loadWorkflow(dir, file)   reads a workflow JSON fixture (a fresh copy each call).
 *   runWorkflow(wf, options?) runs it once. A failing node does not reject: look at the result.
 *                             (It rejects only on a broken test: unknown node type or startNode.)
 *     options: nodeTypes (default: stand-ins only), mode (default 'manual'; pinData is honoured
 *              in manual mode only, as in n8n), startNode (a node name; default n8n's choice,
 *              which is a trigger/poll/manual-trigger node: name a webhook node yourself),
 *              workflowId (default the JSON's `id`, else 'test-workflow'; scopes processed data).
 *     result:  status ('success' | 'error' | ...), error (the run's error, e.g. a
 *              NodeOperationError; undefined on success), runData (n8n's IRunData, untouched),
 *              executedNodes (node names in the order they finished), run (the whole IRun),
 *              outputs(nodeName): the items on every output index of the node's first run,
 *              pairedItem kept (throws, naming the nodes that did run, if the node did not run).
 *   resetProcessedData()      forgets what `this.helpers.checkProcessedAndRecord` & co. recorded;
 *                             otherwise records persist across runs in one test file, per workflow id.
 *
 *   callWebhook(wf, options)  calls a webhook node's webhook() with n8n-core's real WebhookContext
 *                             (see webhook.ts); feed `result.workflowData` to runWorkflow as the
 *                             trigger's pinData to run the rest of the workflow.
 *
 * Not covered: trigger()/poll() entry points (a trigger node in a fixture is started with its
 * pinData, as n8n does for a manual run), sub-workflows, the Code node, binary data storage.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ExecutionBaseError,
	ExecutionStatus,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeTypes,
	IPinData,
	IRun,
	IRunData,
	IWorkflowBase,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { createNodeTypes } from './node-types';
import {
	ensureProcessedDataBackend,
	resetProcessedData,
	setProcessedDataLatency,
} from './processed-data';

// n8n-core's instance settings (read lazily on the first run) create `<N8N_USER_FOLDER>/.n8n/config`
// with an encryption key; point them at a throw-away folder, never at the developer's real ~/.n8n.
const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-node-test-'));
process.env.N8N_USER_FOLDER = userFolder;
// n8n's logger prints every node error (ErrorReporter); quiet unless the developer asks for logs.
process.env.N8N_LOG_LEVEL ??= 'silent';
// Under jest, removed after each test file; outside jest (benchmarks), when the process exits.
if (typeof afterAll === 'function')
	afterAll(() => rmSync(userFolder, { recursive: true, force: true }));
else process.on('exit', () => rmSync(userFolder, { recursive: true, force: true }));

export { createNodeTypes, PACKAGE_NAME } from './node-types';
export { resetProcessedData, setProcessedDataLatency };
export { callWebhook, type WebhookCall, type WebhookCallOptions } from './webhook';

/** The parts of an exported n8n workflow JSON the harness uses (other keys are ignored). */
export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	pinData?: IPinData;
	staticData?: IDataObject;
}

export interface RunWorkflowOptions {
	nodeTypes?: INodeTypes;
	mode?: WorkflowExecuteMode;
	startNode?: string;
	workflowId?: string;
}

export interface WorkflowRunResult {
	status: ExecutionStatus;
	error: ExecutionBaseError | undefined;
	runData: IRunData;
	executedNodes: string[];
	run: IRun;
	outputs(nodeName: string): INodeExecutionData[][];
}

export function loadWorkflow(dir: string, file: string): WorkflowJson {
	return JSON.parse(readFileSync(path.join(dir, file), 'utf-8')) as WorkflowJson;
}

let executionCounter = 0;

export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: RunWorkflowOptions = {},
): Promise<WorkflowRunResult> {
	await ensureProcessedDataBackend();
	// n8n's Workflow fills parameter defaults into the nodes it is given: keep the caller's copy clean. Pinned items are
	// copied one level deep (n8n sets pairing on an item, never changes its json): a deep copy of 100,000 pinned
	// customers costs more than the run itself.
	const { pinData: pinned, ...definition } = workflowJson;
	const wf: WorkflowJson = structuredClone(definition);
	if (pinned) {
		wf.pinData = Object.fromEntries(
			Object.entries(pinned).map(([name, items]) => [name, items.map((item) => ({ ...item }))]),
		);
	}
	const mode = options.mode ?? 'manual';
	const workflowId = options.workflowId ?? wf.id ?? 'test-workflow';
	const executionId = `test-${++executionCounter}`;

	const workflow = new Workflow({
		id: workflowId,
		name: wf.name,
		nodes: wf.nodes,
		connections: wf.connections,
		settings: wf.settings,
		staticData: wf.staticData,
		active: false,
		nodeTypes: options.nodeTypes ?? createNodeTypes(),
	});

	const startNode =
		options.startNode === undefined ? undefined : workflow.getNode(options.startNode);
	if (startNode === null) throw new Error(`runWorkflow: no node named "${options.startNode}"`);

	const executedNodes: string[] = [];
	const workflowData = {
		...wf,
		id: workflowId,
		name: wf.name ?? workflowId,
	} as unknown as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executedNodes.push(nodeName);
	});
	const additionalData = createAdditionalData(hooks, { executionId, workflowId });

	const run = await new WorkflowExecute(additionalData, mode).run({
		workflow,
		startNode,
		// n8n applies pinned data to manual runs only; production runs ignore it.
		pinData: mode === 'manual' ? wf.pinData : undefined,
	});

	const { runData, error } = run.data.resultData;
	return {
		status: run.status,
		error,
		runData,
		executedNodes,
		run,
		outputs(nodeName) {
			const task = runData[nodeName]?.[0];
			if (!task) {
				throw new Error(
					`Node "${nodeName}" did not run. Ran: [${executedNodes.join(', ')}]` +
						(error ? `; run error: ${error.message}` : ''),
				);
			}
			if (!task.data) {
				throw new Error(
					`Node "${nodeName}" produced no data: ${task.error?.message ?? 'no error'}`,
				);
			}
			return (task.data.main ?? []).map((items) => items ?? []);
		},
	};
}
