import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret the Advocacy and Loyalty node signs referral codes with (HMAC-SHA256). Anyone holding it can make valid
 * codes, so keep it out of workflows. A previous secret lets codes already handed out keep verifying while the
 * secret is rotated: new codes are made with the new one, codes of either are accepted.
 */
export class CustomerSuccessReferralApi implements ICredentialType {
	name = 'customerSuccessReferralApi';

	displayName = 'Customer Success Referral Codes API';

	icon = {
		light: 'file:customerSuccessReferral.svg',
		dark: 'file:customerSuccessReferral.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/n8n-nodes-customer-success/n8n-nodes-customer-success#advocacy-and-loyalty';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Signs every referral code. At least 16 characters; use 32 or more random characters (for example `openssl rand -hex 32`). Changing it invalidates the codes already handed out unless the old one is kept as Previous Secret.',
		},
		{
			displayName: 'Previous Secret',
			name: 'previousSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. While moving to a new secret, put the old one here: codes made with either still verify (the result says which). Clear it when the old codes should stop working.',
		},
	];
}
