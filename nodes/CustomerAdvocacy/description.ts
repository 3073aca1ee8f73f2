import type { INodeProperties } from 'n8n-workflow';

import {
	ADVOCACY_REWARDS,
	DEFAULT_MIN_HEALTH_SCORE,
	DEFAULT_MIN_PROMOTER_SCORE,
	LOYALTY_REDEMPTION_OPTIONS,
	MAX_QUANTITY,
	REFERRAL_FIELDS,
	REFERRER_INCENTIVES,
} from '../../src/advocacy';

// Defaults as plain constants (n8n's lint reads a default only from a literal or a name).
const DEFAULT_REWARD = ADVOCACY_REWARDS[0].id;
const DEFAULT_LOYALTY_REWARD = LOYALTY_REDEMPTION_OPTIONS[0].id;
const DEFAULT_ID_FIELD = REFERRAL_FIELDS.customerId;
const DEFAULT_CODE_FIELD = REFERRAL_FIELDS.code;
const DEFAULT_COMMISSION_MONTHS = REFERRER_INCENTIVES.commissionMonths;
const DEFAULT_COMMISSION_PERCENT = REFERRER_INCENTIVES.commissionPercent;
import type { Route } from '../shared/adapter/routes';

/**
 * The parameters of Advocacy and Loyalty: docs/sources.md#advocacy-program (seed 002 §13), #loyalty-tiers and
 * #loyalty-points (seed 003), #referral-program (seeds 003 and 004).
 */

export const EVALUATE = 'evaluateAdvocate';
export const LOYALTY = 'loyaltyTier';
export const REDEEM = 'redeemReward';
export const CREATE_CODE = 'createReferralCode';
export const VERIFY_CODE = 'verifyReferralCode';
export const REWARD = 'referralReward';

export const CREDENTIAL_TYPE = 'customerSuccessReferralApi';
/** The operations that need the referral secret. */
export const SECRET_OPERATIONS: readonly string[] = [CREATE_CODE, VERIFY_CODE];

export const CANDIDATE_ROUTES: readonly Route[] = [
	{ key: 'candidate', name: 'Candidates' },
	{ key: 'notCandidate', name: 'Not Candidates' },
];
export const ADVOCACY_TIER_ROUTES: readonly Route[] = [
	{ key: 'ambassador', name: 'Ambassador' },
	{ key: 'champion', name: 'Champion' },
	{ key: 'fan', name: 'Fan' },
];
export const LOYALTY_TIER_ROUTES: readonly Route[] = [
	{ key: 'gold', name: 'Gold' },
	{ key: 'silver', name: 'Silver' },
	{ key: 'bronze', name: 'Bronze' },
	{ key: 'none', name: 'No Tier' },
];
export const VALIDITY_ROUTES: readonly Route[] = [
	{ key: 'valid', name: 'Valid' },
	{ key: 'invalid', name: 'Invalid' },
];

const show = (...operations: string[]) => ({ show: { operation: operations } });
const inOptions = (...operations: string[]) => ({ show: { '/operation': operations } });

export const advocacyProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: EVALUATE,
		options: [
			{
				name: 'Create Referral Code',
				value: CREATE_CODE,
				description:
					'A signed referral code for each customer, carrying their ID: the same customer always gets the same code',
				action: 'Create a referral code',
			},
			{
				name: 'Evaluate Advocate',
				value: EVALUATE,
				description:
					'Advocacy points and tier (Fan, Champion, Ambassador), whether the customer is a candidate (promoter, health 70+, not approached), the activities to suggest and the rewards they can afford',
				action: 'Evaluate an advocate',
			},
			{
				name: 'Loyalty Tier',
				value: LOYALTY,
				description:
					'Bronze, silver or gold from months active, feature adoption and engagement, with the tier benefits and the loyalty points balance',
				action: 'Get the loyalty tier',
			},
			{
				name: 'Redeem Reward',
				value: REDEEM,
				description:
					'Spend advocacy or loyalty points on a reward: the balance after, or an error when the balance is too low',
				action: 'Redeem a reward',
			},
			{
				name: 'Referral Reward',
				value: REWARD,
				description:
					'What the referrer earns for a converted referral: a free month, commission, milestone and annual bonuses, points',
				action: 'Compute a referral reward',
			},
			{
				name: 'Verify Referral Code',
				value: VERIFY_CODE,
				description:
					'Check a code a new customer brings and get the referrer’s ID; mistyped and forged codes are told apart',
				action: 'Verify a referral code',
			},
		],
	},
	{
		displayName: 'Customer Record Path',
		name: 'customerPath',
		type: 'string',
		default: '',
		placeholder: 'e.g. customer',
		description:
			'Where the customer record is inside each item, with dots for nesting. Leave empty when the fields (nps_score, advocacy_points, …) are at the top level.',
	},
	{
		displayName: 'Output',
		name: 'advocateOutput',
		type: 'options',
		noDataExpression: true,
		default: 'single',
		options: [
			{
				name: 'Single Output',
				value: 'single',
				description: 'Every evaluated customer leaves by one output',
			},
			{
				name: 'Candidates and Others',
				value: 'byCandidate',
				description:
					'Candidates to invite to the advocacy program by one output, the others by a second',
			},
			{
				name: 'One Output per Tier',
				value: 'byTier',
				description: 'Ambassador, Champion and Fan',
			},
		],
		displayOptions: show(EVALUATE),
	},
	{
		displayName: 'Output',
		name: 'loyaltyOutput',
		type: 'options',
		noDataExpression: true,
		default: 'single',
		options: [
			{
				name: 'Single Output',
				value: 'single',
				description: 'Every customer leaves by one output',
			},
			{
				name: 'One Output per Tier',
				value: 'byTier',
				description: 'Gold, Silver, Bronze and No Tier',
			},
		],
		displayOptions: show(LOYALTY),
	},
	{
		displayName: 'Output',
		name: 'verifyOutput',
		type: 'options',
		noDataExpression: true,
		default: 'single',
		options: [
			{
				name: 'Single Output',
				value: 'single',
				description: 'Every code leaves by one output, with valid true or false',
			},
			{
				name: 'Valid and Invalid',
				value: 'byValidity',
				description: 'Valid codes by one output, missing, mistyped and forged codes by a second',
			},
		],
		displayOptions: show(VERIFY_CODE),
	},
	{
		displayName: 'Program',
		name: 'program',
		type: 'options',
		default: 'advocacy',
		options: [
			{
				name: 'Advocacy Points',
				value: 'advocacy',
				description:
					'Rewards bought with advocacy points (advocacy_points, advocacy_points_redeemed)',
			},
			{
				name: 'Loyalty Points',
				value: 'loyalty',
				description:
					'Redemption options bought with loyalty points (loyalty_points or the earning rules, loyalty_points_redeemed)',
			},
		],
		displayOptions: show(REDEEM),
	},
	{
		displayName: 'Reward',
		name: 'reward',
		type: 'options',
		default: DEFAULT_REWARD,
		options: ADVOCACY_REWARDS.map((reward) => ({
			name: `${reward.name} (${reward.pointsCost} Points)`,
			value: reward.id,
			description: reward.description,
		})),
		displayOptions: { show: { operation: [REDEEM], program: ['advocacy'] } },
	},
	{
		displayName: 'Loyalty Reward',
		name: 'loyaltyReward',
		type: 'options',
		default: DEFAULT_LOYALTY_REWARD,
		options: LOYALTY_REDEMPTION_OPTIONS.map((option) => ({
			name: `${option.name} (${option.pointsCost} Points)`,
			value: option.id,
			description: option.rule,
		})),
		displayOptions: { show: { operation: [REDEEM], program: ['loyalty'] } },
	},
	{
		displayName: 'Quantity',
		name: 'quantity',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: MAX_QUANTITY, numberPrecision: 0 },
		description:
			'How many of the reward to redeem at once (3 service credits are 300 points for $30)',
		displayOptions: show(REDEEM),
	},
	{
		displayName: 'Customer ID Field',
		name: 'idField',
		type: 'string',
		default: DEFAULT_ID_FIELD,
		description:
			'Create: the field with the referrer’s ID, which the code carries (text of at most 64 bytes, or a whole number). Verify: the new customer’s own ID, so nobody can refer themselves.',
		displayOptions: show(CREATE_CODE, VERIFY_CODE),
	},
	{
		displayName: 'Referral Code Field',
		name: 'codeField',
		type: 'string',
		default: DEFAULT_CODE_FIELD,
		description:
			'Field with the code the new customer entered. Case, hyphens and spaces do not matter; O is read as 0 and I or L as 1.',
		displayOptions: show(VERIFY_CODE),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Commission Months',
				name: 'commissionMonths',
				type: 'number',
				default: DEFAULT_COMMISSION_MONTHS,
				typeOptions: { minValue: 0, maxValue: 120, numberPrecision: 0 },
				description: 'For how many months the commission is paid (default 12)',
				displayOptions: inOptions(REWARD),
			},
			{
				displayName: 'Commission Rate (%)',
				name: 'commissionPercent',
				type: 'number',
				default: DEFAULT_COMMISSION_PERCENT,
				typeOptions: { minValue: 0, maxValue: 100 },
				description:
					'Share of the referred customer’s MRR paid to the referrer each month. Default 10; some programs pay 30.',
				displayOptions: inOptions(REWARD),
			},
			{
				displayName: 'Link Prefix',
				name: 'linkPrefix',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/signup?ref=',
				description:
					'Put before the code to make the referral link in the output; empty for no link',
				displayOptions: inOptions(CREATE_CODE),
			},
			{
				displayName: 'Minimum Health Score',
				name: 'minHealthScore',
				type: 'number',
				default: DEFAULT_MIN_HEALTH_SCORE,
				typeOptions: { minValue: 0, maxValue: 100 },
				description:
					'A candidate’s health score (health.score or health_score) must be at least this',
				displayOptions: inOptions(EVALUATE),
			},
			{
				displayName: 'Minimum Promoter Score',
				name: 'minPromoterScore',
				type: 'number',
				default: DEFAULT_MIN_PROMOTER_SCORE,
				typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
				description:
					'A candidate’s NPS answer (nps.score or nps_score) must be at least this: promoters are 9-10',
				displayOptions: inOptions(EVALUATE),
			},
			{
				displayName: 'Reference Time',
				name: 'referenceTime',
				type: 'dateTime',
				default: '',
				description:
					'The moment used as "now": months active since signup_date, and the check that advocacy_approached_at is in the past. Empty means now; set it for reproducible runs.',
				displayOptions: inOptions(EVALUATE, LOYALTY, REDEEM),
			},
			{
				displayName: 'Time Zone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Madrid',
				description:
					'Time zone for calendar months and dates when a record has no "timezone" field. Empty means the workflow’s time zone.',
				displayOptions: inOptions(EVALUATE, LOYALTY, REDEEM),
			},
		],
	},
];
