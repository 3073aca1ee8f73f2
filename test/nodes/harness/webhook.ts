/**
 * Calls a webhook node's `webhook()` the way n8n's webhook server does: with n8n-core's real
 * `WebhookContext` (parameters with their defaults and expressions, credentials, mode), a request
 * carrying the raw body as n8n's body reader leaves it, and a response object that records what the
 * node wrote. n8n's HTTP layer itself (routing, response modes) is covered by the end-to-end tests.
 *
 *   const call = await callWebhook(loadWorkflow(__dirname, 'signed.workflow.json'), {
 *     nodeTypes, body: JSON.stringify(event), headers: { 'content-type': 'application/json', 'cs-signature': ... },
 *     credentials: { customerSuccessWebhookApi: { secret: '...' } },
 *   });
 *   call.status        // what the node answered itself (401, 400, ...), or undefined when it left it to n8n
 *   call.json          // the body it wrote, parsed
 *   call.result        // IWebhookResponseData: workflowData (the items per output), webhookResponse
 */
import { ExecutionLifecycleHooks, WebhookContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	INodeTypes,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import type { WorkflowJson } from './index';
import { ensureProcessedDataBackend } from './processed-data';

export interface WebhookCallOptions {
	nodeTypes: INodeTypes;
	/** The webhook node's name; default the first node whose type has webhooks. */
	nodeName?: string;
	body: string | Buffer;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** 'webhook' for a production call (default), 'manual' for a test event from the editor. */
	mode?: WorkflowExecuteMode;
	workflowId?: string;
}

export interface WebhookCall {
	status: number | undefined;
	headers: Record<string, string>;
	text: string | undefined;
	json: unknown;
	result: IWebhookResponseData;
}

class RecordingResponse {
	statusCode: number | undefined;
	headers: Record<string, string> = {};
	text: string | undefined;
	headersSent = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	end(text?: string) {
		this.text = text ?? '';
		this.headersSent = true;
		return this;
	}
}

export async function callWebhook(
	workflowJson: WorkflowJson,
	options: WebhookCallOptions,
): Promise<WebhookCall> {
	await ensureProcessedDataBackend();
	const wf = structuredClone(workflowJson);
	const workflowId = options.workflowId ?? wf.id ?? 'test-workflow';
	const mode = options.mode ?? 'webhook';
	const workflow = new Workflow({
		id: workflowId,
		name: wf.name,
		nodes: wf.nodes,
		connections: wf.connections,
		settings: wf.settings,
		staticData: wf.staticData,
		active: mode !== 'manual',
		nodeTypes: options.nodeTypes,
	});
	const node = options.nodeName
		? workflow.getNode(options.nodeName)
		: Object.values(workflow.nodes).find((candidate) =>
				Boolean(
					options.nodeTypes.getByNameAndVersion(candidate.type, candidate.typeVersion).description
						.webhooks?.length,
				),
			);
	if (!node) throw new Error(`callWebhook: no webhook node ${options.nodeName ?? ''}`);
	const nodeType = options.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const webhookDescription = nodeType.description.webhooks![0];

	const rawBody = Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
	const request: Record<string, unknown> = {
		method: 'POST',
		headers: Object.fromEntries(
			Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
		),
		query: options.query ?? {},
		params: {},
		body: {},
		// As n8n's rawBodyReader middleware leaves it: the body is read on demand.
		readRawBody: async () => {
			request.rawBody = rawBody;
		},
	};
	const response = new RecordingResponse();
	const hooks = new ExecutionLifecycleHooks(mode, 'test-webhook', {
		...wf,
		id: workflowId,
	} as never);
	const additionalData: IWorkflowExecuteAdditionalData = {
		...createAdditionalData(hooks, {
			executionId: 'test-webhook',
			workflowId,
			credentials: options.credentials,
		}),
		httpRequest: request as never,
		httpResponse: response as never,
	};
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: 'test',
		webhookDescription,
		workflowId,
		isTest: mode === 'manual',
	} as IWebhookData;
	const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
	const result = await nodeType.webhook!.call(context);
	let json: unknown;
	try {
		json = response.text === undefined ? undefined : JSON.parse(response.text);
	} catch {
		json = undefined;
	}
	return {
		status: response.statusCode,
		headers: response.headers,
		text: response.text,
		json,
		result,
	};
}
