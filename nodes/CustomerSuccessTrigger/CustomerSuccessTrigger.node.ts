import * as workflowHelpers from 'n8n-workflow';
import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type IDataObject,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import {
	buildEventRouting,
	DEFAULT_RETENTION_DAYS,
	DEFAULT_TOLERANCE_SECONDS,
	OTHER_EVENTS_OUTPUT,
	receiveEvent,
	retentionSeconds,
	type Authentication,
	type ResponseBody,
} from '../../src/events';
import { CREDENTIAL_TYPE, customerSuccessTriggerProperties } from './description';
import { claimEvent } from './processedEvents';
import { readRawBody } from './rawBody';

// One output, or one per chosen event (the same order src/events/filter.ts routes by).
const OUTPUTS_BY_EVENT: `={{${string}}}` = `={{ $parameter["outputPerEvent"] ? [...new Set([...($parameter["events"] || []).filter((name) => name !== "*"), ...String($parameter["customEvents"] || "").split(",").map((name) => name.trim()).filter((name) => name !== "")])].concat(($parameter["events"] || []).includes("*") ? ["${OTHER_EVENTS_OUTPUT}"] : []).map((name) => ({ "type": "${NodeConnectionTypes.Main}", "displayName": name })) : [{ "type": "${NodeConnectionTypes.Main}" }] }}`;

interface TriggerSettings {
	allowQueryToken?: boolean;
	deduplicate?: boolean;
	retentionDays?: number;
	toleranceSeconds?: number;
}

const MIN_SECRET_LENGTH = 16;

/**
 * The webhook's path and response settings, from the node's parameters. n8n 2.x resolves fields declared with
 * webhookDescriptionFields without its expression engine (no isolate for every request); older n8n versions lack
 * the helper and get the same fields as plain expression templates.
 */
function webhookFields(): Record<
	'path' | 'responseMode' | 'responseCode' | 'responseData',
	string
> {
	const fields = {
		path: { template: '={{$parameter["path"]}}', resolve: (p: IDataObject) => p.path },
		responseMode: {
			template: '={{$parameter["responseMode"] || "onReceived"}}',
			resolve: (p: IDataObject) => p.responseMode || 'onReceived',
		},
		responseCode: {
			template:
				'={{$parameter["responseMode"] === "lastNode" || $parameter["responseMode"] === "responseNode" ? 200 : 202}}',
			resolve: (p: IDataObject) =>
				p.responseMode === 'lastNode' || p.responseMode === 'responseNode' ? 200 : 202,
		},
		responseData: {
			template: '={{$parameter["responseMode"] === "lastNode" ? "firstEntryJson" : ""}}',
			resolve: (p: IDataObject) => (p.responseMode === 'lastNode' ? 'firstEntryJson' : ''),
		},
	};
	type Templates = Record<keyof typeof fields, string>;
	const declare = (
		workflowHelpers as unknown as { webhookDescriptionFields?: (f: typeof fields) => Templates }
	).webhookDescriptionFields;
	if (typeof declare === 'function') return declare(fields);
	return Object.fromEntries(
		Object.entries(fields).map(([name, field]) => [name, field.template]),
	) as Templates;
}

/** The caller learns what failed, never what was expected. */
function respond(
	context: IWebhookFunctions,
	status: number,
	body: ResponseBody,
): IWebhookResponseData {
	const res = context.getResponseObject();
	res.status(status);
	res.setHeader('content-type', 'application/json; charset=utf-8');
	res.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}

async function readAuthentication(
	context: IWebhookFunctions,
	settings: TriggerSettings,
): Promise<Authentication> {
	const mode = context.getNodeParameter('authentication', 'signature') as Authentication['mode'];
	if (mode === 'none') return { mode };
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const secrets = [credentials.secret, credentials.previousSecret]
		.map((secret) => (typeof secret === 'string' ? secret : ''))
		.filter((secret) => secret !== '');
	if (secrets.length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			'The Customer Success Webhook credential has no secret',
			{
				description: 'Open the credential and set its Secret (at least 32 random characters).',
			},
		);
	}
	if (mode === 'signature') {
		return {
			mode,
			secrets,
			toleranceSeconds: settings.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
		};
	}
	const headerName = String(credentials.headerName ?? '').trim() || 'X-CS-Webhook-Token';
	return { mode, tokens: secrets, headerName, allowQueryToken: settings.allowQueryToken === true };
}

export class CustomerSuccessTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Customer Success Trigger',
		name: 'customerSuccessTrigger',
		icon: {
			light: 'file:customerSuccessTrigger.svg',
			dark: 'file:customerSuccessTrigger.dark.svg',
		},
		group: ['trigger'],
		// Stays at 1: for webhook nodes of version 1, n8n hands over the request body unparsed, so the trigger answers a
		// malformed or oversized body itself (400, 413). From 1.1 on n8n parses JSON bodies first and answers those with
		// its own 422. The price is one expression evaluation per request in n8n (about 10 ms with its isolated engine).
		version: 1,
		subtitle:
			'={{ ($parameter["events"] || []).includes("*") ? "All events" : ($parameter["events"] || []).join(", ") }}',
		description:
			'Starts a workflow when a billing system, product backend or CRM posts a customer-success event: signed, validated and deduplicated',
		defaults: { name: 'Customer Success Trigger' },
		inputs: [],
		outputs: OUTPUTS_BY_EVENT,
		credentials: [
			{
				name: 'customerSuccessWebhookApi',
				required: true,
				testedBy: 'customerSuccessWebhookSecret',
				displayOptions: { show: { authentication: ['signature', 'headerToken'] } },
			},
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', isFullPath: true, ...webhookFields() }],
		properties: customerSuccessTriggerProperties,
	};

	methods = {
		credentialTest: {
			// Nothing remote to call: the secret is only shared with the caller, so check what makes it safe to share.
			async customerSuccessWebhookSecret(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const data = credential.data ?? {};
				const secret = typeof data.secret === 'string' ? data.secret : '';
				const previous = typeof data.previousSecret === 'string' ? data.previousSecret : '';
				if (secret.length < MIN_SECRET_LENGTH) {
					return {
						status: 'Error',
						message: `The secret must be at least ${MIN_SECRET_LENGTH} characters (32 random characters or more is best)`,
					};
				}
				if (previous !== '' && previous === secret) {
					return {
						status: 'Error',
						message:
							'The previous secret is the same as the secret: clear it, or put the old secret there',
					};
				}
				const header = String(data.headerName ?? '');
				if (header !== '' && !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header)) {
					return {
						status: 'Error',
						message: `"${header.slice(0, 60)}" is not a valid HTTP header name`,
					};
				}
				return { status: 'OK', message: 'The secret can be shared with the calling system' };
			},
		},
	};

	// The caller registers this node's URL by hand: these methods only say so in n8n's log; they register nothing.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Nothing is registered remotely, so there is never anything to find: answering "no" makes n8n call
				// create() on every activation, which is where the log tells the user to register the URL by hand.
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				this.logger.info(
					`Customer Success Trigger "${this.getNode().name}": serving ${this.getNodeWebhookUrl('default') ?? 'its webhook URL'}; give this URL to the calling system by hand (nothing is registered remotely)`,
				);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				this.logger.info(
					`Customer Success Trigger "${this.getNode().name}": no longer serving its webhook URL; remove it from the calling system by hand`,
				);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const nowMs = Date.now();
		const node = this.getNode();
		const settings = this.getNodeParameter('settings', {}) as TriggerSettings;
		const outputPerEvent = this.getNodeParameter('outputPerEvent', false) as boolean;
		let routing;
		try {
			routing = buildEventRouting(
				this.getNodeParameter('events', []) as string[],
				String(this.getNodeParameter('customEvents', '') ?? ''),
			);
		} catch (error) {
			throw new NodeOperationError(node, error as Error, { message: (error as Error).message });
		}
		const authentication = await readAuthentication(this, settings);
		const request = this.getRequestObject();
		const rawBody = await readRawBody(request);
		if (!rawBody.ok) return respond(this, rawBody.status, rawBody.body);
		const decision = receiveEvent(
			{
				rawBody: rawBody.body,
				headers: request.headers,
				query: (request.query ?? {}) as IDataObject,
			},
			{ authentication, routing, outputPerEvent },
			nowMs,
		);
		if (decision.kind !== 'accept') return respond(this, decision.status, decision.body);

		// Test events from the editor are never duplicates: a builder sends the same sample again and again.
		if (settings.deduplicate !== false && this.getMode() !== 'manual') {
			try {
				const claim = await claimEvent({
					workflowId: String(this.getWorkflow().id),
					node,
					key: decision.key,
					retentionSeconds: retentionSeconds(settings.retentionDays ?? DEFAULT_RETENTION_DAYS),
					nowMs,
				});
				if (claim === 'duplicate') return respond(this, 200, decision.duplicateBody);
			} catch (error) {
				throw new NodeOperationError(node, error as Error, {
					message: `Duplicate check: n8n's processed-data store is not available or failed: ${(error as Error).message}`,
					description: 'Turn off the option "Ignore Duplicate Events" to accept events without it.',
				});
			}
		}

		const outputCount = outputPerEvent ? routing.outputs.length : 1;
		const workflowData: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
		workflowData[decision.output].push({ json: decision.item as IDataObject });
		return { workflowData, webhookResponse: decision.acceptedBody };
	}
}
