import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret of a caller of the Customer Success Trigger. With signature authentication it is the HMAC key,
 * with header-token authentication the token itself. A second secret lets a caller rotate without downtime: both are
 * accepted until the old one is removed.
 */
export class CustomerSuccessWebhookApi implements ICredentialType {
	name = 'customerSuccessWebhookApi';

	displayName = 'Customer Success Webhook API';

	icon = {
		light: 'file:customerSuccessWebhook.svg',
		dark: 'file:customerSuccessWebhook.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/n8n-nodes-customer-success/n8n-nodes-customer-success#webhook-playbooks';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Shared with the calling system. Signature authentication: the key of the HMAC-SHA256 signature in the CS-Signature header. Header token: the token the caller sends. Use at least 32 random characters (for example `openssl rand -hex 32`).',
		},
		{
			displayName: 'Previous Secret',
			name: 'previousSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. While a caller moves to a new secret, put the old one here: events signed (or sent) with either are accepted. Clear it once every caller uses the new secret.',
		},
		{
			displayName: 'Token Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-CS-Webhook-Token',
			description: 'Header token authentication only: the request header that carries the token',
		},
	];
}
