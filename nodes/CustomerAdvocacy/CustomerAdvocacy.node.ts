import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type IDataObject,
	type INodeCredentialTestResult,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import {
	assertReferralSecret,
	createCodeForItem,
	evaluateAdvocate,
	evaluateLoyalty,
	MIN_SECRET_LENGTH,
	redeemReward,
	referralRewardForItem,
	verifyCodeForItem,
	type ReferralSecrets,
} from '../../src/advocacy';
import { defineNode, eachItem, messageOf, type NodeSpec, type Run } from '../shared/adapter';
import {
	ADVOCACY_TIER_ROUTES,
	advocacyProperties,
	CANDIDATE_ROUTES,
	CREATE_CODE,
	CREDENTIAL_TYPE,
	EVALUATE,
	LOYALTY,
	LOYALTY_TIER_ROUTES,
	REDEEM,
	REWARD,
	SECRET_OPERATIONS,
	VALIDITY_ROUTES,
	VERIFY_CODE,
} from './description';

const json = (value: unknown) => value as IDataObject;

function pipelineFor(run: Run, secrets: ReferralSecrets | undefined) {
	const operation = run.choice<string>('operation', EVALUATE);
	switch (operation) {
		case LOYALTY:
			return eachItem((item, scope) => {
				const loyalty = evaluateLoyalty(item.json, {
					customerPath: scope.customerPath,
					reference: scope.reference,
					defaultTimeZone: scope.zone,
				});
				return { json: { ...item.json, loyalty: json(loyalty) }, route: loyalty.tier };
			});
		case REDEEM:
			return eachItem((item, scope) => {
				const program = scope.get<string>('program', 'advocacy');
				const redemption = redeemReward(item.json, {
					program,
					reward: scope.get<string>(program === 'loyalty' ? 'loyaltyReward' : 'reward', ''),
					quantity: scope.get<unknown>('quantity', 1),
					customerPath: scope.customerPath,
					reference: scope.reference,
					defaultTimeZone: scope.zone,
				});
				return { json: { ...item.json, redemption: json(redemption) } };
			});
		case CREATE_CODE:
			return eachItem((item, scope) => {
				const referral = createCodeForItem(
					item.json,
					{
						customerPath: scope.customerPath,
						idField: scope.get<string>('idField', ''),
						linkPrefix: scope.get<string>('options.linkPrefix', ''),
					},
					secrets as ReferralSecrets,
				);
				return { json: { ...item.json, referral: json(referral) } };
			});
		case VERIFY_CODE:
			return eachItem((item, scope) => {
				const referral = verifyCodeForItem(
					item.json,
					{
						customerPath: scope.customerPath,
						codeField: scope.get<string>('codeField', ''),
						idField: scope.get<string>('idField', ''),
					},
					secrets as ReferralSecrets,
				);
				return {
					json: { ...item.json, referral: json(referral) },
					route: referral.valid ? 'valid' : 'invalid',
				};
			});
		case REWARD:
			return eachItem((item, scope) => {
				const referralReward = referralRewardForItem(item.json, {
					customerPath: scope.customerPath,
					commissionPercent: scope.get<unknown>('options.commissionPercent', ''),
					commissionMonths: scope.get<unknown>('options.commissionMonths', ''),
				});
				return { json: { ...item.json, referralReward: json(referralReward) } };
			});
		default:
			return eachItem((item, scope) => {
				const advocacy = evaluateAdvocate(item.json, {
					customerPath: scope.customerPath,
					minPromoterScore: scope.get<unknown>('options.minPromoterScore', ''),
					minHealthScore: scope.get<unknown>('options.minHealthScore', ''),
					reference: scope.reference,
					defaultTimeZone: scope.zone,
				});
				const byTier = run.choice<string>('advocateOutput', 'single') === 'byTier';
				return {
					json: { ...item.json, advocacy: json(advocacy) },
					route: byTier ? advocacy.tier : advocacy.candidate ? 'candidate' : 'notCandidate',
				};
			});
	}
}

const OUTPUT_MODES: NodeSpec['outputs'] = [
	{ when: { operation: EVALUATE, advocateOutput: 'byCandidate' }, routes: CANDIDATE_ROUTES },
	{ when: { operation: EVALUATE, advocateOutput: 'byTier' }, routes: ADVOCACY_TIER_ROUTES },
	{ when: { operation: LOYALTY, loyaltyOutput: 'byTier' }, routes: LOYALTY_TIER_ROUTES },
	{ when: { operation: VERIFY_CODE, verifyOutput: 'byValidity' }, routes: VALIDITY_ROUTES },
];

/** The node for one execution: the referral secret, when the operation needs it, is read before the items. */
const nodeWith = (secrets: ReferralSecrets | undefined) =>
	defineNode({ outputs: OUTPUT_MODES, pipeline: (run) => pipelineFor(run, secrets) });

const NODE = nodeWith(undefined);

/** The referral secret from the credential, checked once per execution (a short secret is the node's error). */
async function readSecrets(context: IExecuteFunctions): Promise<ReferralSecrets> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const secrets: ReferralSecrets = {
		secret: typeof credentials.secret === 'string' ? credentials.secret : '',
		previousSecret:
			typeof credentials.previousSecret === 'string' ? credentials.previousSecret : '',
		label: 'Secret of the referral credential',
	};
	try {
		assertReferralSecret(secrets.secret, secrets.label as string);
		if (secrets.previousSecret)
			assertReferralSecret(secrets.previousSecret, 'Previous Secret of the referral credential');
	} catch (error) {
		throw new NodeOperationError(context.getNode(), messageOf(error), {
			description: 'Edit the Customer Success Referral Codes credential of this node.',
		});
	}
	return secrets;
}

export class CustomerAdvocacy implements INodeType {
	/** The adapter this node is built on: its output modes and routes, and what it does per execution. */
	static readonly adapter = NODE;

	description: INodeTypeDescription = {
		displayName: 'Advocacy and Loyalty',
		name: 'customerAdvocacy',
		icon: { light: 'file:customerAdvocacy.svg', dark: 'file:customerAdvocacy.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ ({ evaluateAdvocate: "Evaluate advocate", loyaltyTier: "Loyalty tier", redeemReward: "Redeem reward", createReferralCode: "Create referral code", verifyReferralCode: "Verify referral code", referralReward: "Referral reward" })[$parameter["operation"]] }}',
		description:
			'Advocacy points and tiers, advocacy candidates and what to ask them, loyalty tiers and points, reward redemption, and signed referral codes',
		defaults: { name: 'Advocacy and Loyalty' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: NODE.outputs,
		credentials: [
			{
				// Written out (not CREDENTIAL_TYPE): n8n's lint finds a credential's test by the literal name.
				name: 'customerSuccessReferralApi',
				required: true,
				testedBy: 'customerSuccessReferralSecret',
				displayOptions: { show: { operation: [...SECRET_OPERATIONS] } },
			},
		],
		properties: advocacyProperties,
	};

	methods = {
		credentialTest: {
			// Nothing remote to call: check that the secret is long enough to sign codes with.
			async customerSuccessReferralSecret(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const data = credential.data ?? {};
				const secret = typeof data.secret === 'string' ? data.secret : '';
				const previous = typeof data.previousSecret === 'string' ? data.previousSecret : '';
				if (
					secret.length < MIN_SECRET_LENGTH ||
					(previous !== '' && previous.length < MIN_SECRET_LENGTH)
				) {
					return {
						status: 'Error',
						message: `Each secret must be at least ${MIN_SECRET_LENGTH} characters (32 random characters or more is best)`,
					};
				}
				if (previous === secret) {
					return {
						status: 'Error',
						message:
							'The previous secret is the same as the secret: clear it, or put the old secret there',
					};
				}
				return { status: 'OK', message: 'The secret can sign referral codes' };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0, EVALUATE) as string;
		if (!SECRET_OPERATIONS.includes(operation)) return await NODE.execute(this);
		return await nodeWith(await readSecrets(this)).execute(this);
	}
}
