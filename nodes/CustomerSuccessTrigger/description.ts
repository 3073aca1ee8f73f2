import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	ANY_EVENT,
	DEFAULT_RETENTION_DAYS,
	DEFAULT_TOLERANCE_SECONDS,
	EVENT_CATALOG,
	MAX_RETENTION_DAYS,
	MAX_TOLERANCE_SECONDS,
	OTHER_EVENTS_OUTPUT,
	QUERY_TOKEN_PARAMETER,
} from '../../src/events';

export const CREDENTIAL_TYPE = 'customerSuccessWebhookApi';

const eventOptions: INodePropertyOptions[] = [
	{
		name: 'All Events',
		value: ANY_EVENT,
		description: 'Every event name, including ones not in this list',
	},
	...EVENT_CATALOG.map((event) => ({
		name: event.name,
		value: event.name,
		description: event.description,
	})),
];

export const customerSuccessTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'Give the calling system (billing, product backend, CRM) this node’s Production URL and the secret of the credential. Nothing is registered in the calling system for you. <a href="https://github.com/n8n-nodes-customer-success/n8n-nodes-customer-success#webhook-playbooks" target="_blank">How to sign events</a>.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{
				name: 'Signature (HMAC-SHA256)',
				value: 'signature',
				description:
					'The caller signs "&lt;timestamp&gt;.&lt;body&gt;" and sends CS-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;',
			},
			{
				name: 'Header Token',
				value: 'headerToken',
				description: 'The caller sends the secret in a request header',
			},
			{
				name: 'None',
				value: 'none',
				description: 'Anyone who knows the URL can start the workflow',
			},
		],
		default: 'signature',
	},
	{
		displayName:
			'Without authentication anyone who learns this URL can start the workflow with any customer and event. Use it only on a private network, for a quick test.',
		name: 'noAuthenticationWarning',
		type: 'notice',
		default: '',
		displayOptions: { show: { authentication: ['none'] } },
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		placeholder: 'customer-success/events',
		description:
			'The end of the webhook URL, after /webhook/. Leave empty for a random one. Each active trigger needs its own path.',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: eventOptions,
		default: [ANY_EVENT],
		description:
			'The events that start this workflow; any other event is answered 200 with "ignored": true and starts nothing. <a href="https://github.com/n8n-nodes-customer-success/n8n-nodes-customer-success#events" target="_blank">What each event means</a>.',
	},
	{
		displayName: 'Custom Event Names',
		name: 'customEvents',
		type: 'string',
		default: '',
		placeholder: 'trial_converted, seat_added',
		description: 'Further event names that start this workflow, separated by commas',
	},
	{
		displayName: 'One Output per Event',
		name: 'outputPerEvent',
		type: 'boolean',
		default: false,
		description: `Whether each chosen event leaves by its own output (in the order above, then the custom names; with "All Events" a last output "${OTHER_EVENTS_OUTPUT}" takes the rest)`,
	},
	{
		displayName: 'Respond',
		name: 'responseMode',
		type: 'options',
		options: [
			{
				name: 'Immediately (202 Accepted)',
				value: 'onReceived',
				description: 'Answer {"accepted": true, "eventId": ...} as soon as the event is accepted',
			},
			{
				name: 'When Last Node Finishes',
				value: 'lastNode',
				description: 'Answer 200 with the first item of the last node that runs',
			},
			{
				name: "Using 'Respond to Webhook' Node",
				value: 'responseNode',
				description: 'Answer with a Respond to Webhook node in the workflow',
			},
		],
		default: 'onReceived',
	},
	{
		// n8n parses the body of a version-1 webhook node before the node runs unless options.binaryData is set. The
		// signature must be checked on the exact bytes the caller signed, and a malformed body must get this node's 400
		// (not n8n's 422), so the body reaches the node unparsed. Not shown in the editor.
		displayName: 'Raw Body',
		name: 'options',
		type: 'hidden',
		default: { binaryData: true },
	},
	{
		displayName: 'Options',
		name: 'settings',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Accept Token in URL',
				name: 'allowQueryToken',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/authentication': ['headerToken'] } },
				description: `Whether the token may also come as ?${QUERY_TOKEN_PARAMETER}=&lt;secret&gt; in the URL, for callers that can only be given a URL (such as an application whose only setting is the webhook URL). URLs end up in logs: prefer the header.`,
			},
			{
				displayName: 'Ignore Duplicate Events',
				name: 'deduplicate',
				type: 'boolean',
				default: true,
				description:
					'Whether an event ID accepted before (within the retention) is answered 200 with "duplicate": true and starts nothing. Events without an ID are keyed by a hash of their body. Test events from the editor are never treated as duplicates.',
			},
			{
				displayName: 'Duplicate Retention (Days)',
				name: 'retentionDays',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_RETENTION_DAYS },
				default: DEFAULT_RETENTION_DAYS,
				description:
					'How long an accepted event ID is remembered: at least this long, and at most twice it',
			},
			{
				displayName: 'Signature Tolerance (Seconds)',
				name: 'toleranceSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_TOLERANCE_SECONDS },
				default: DEFAULT_TOLERANCE_SECONDS,
				displayOptions: { show: { '/authentication': ['signature'] } },
				description:
					'How far the signature timestamp may be from this server’s clock, in either direction, before the event is refused as a replay',
			},
		],
	},
];
