import { CustomerInputError } from '../customer/errors';
import { isAbsentValue, outsideRuleMessage } from '../customer/fields';
import { locateCustomerRecord } from '../customer/locate';
import {
	numberParameter,
	parameterError,
	pathParameter,
	textParameter,
} from '../shared/parameters';
import { getPath, isPlainObject } from '../shared/path';
import { COUNT_RULE, MRR_RULE, readNumber, REFERRAL_FIELDS } from './fields';
import {
	createReferralCode,
	ReferrerIdError,
	verifyReferralCode,
	type ReferralCodeVerification,
} from './referralCode';
import {
	REFERRED_INCENTIVES,
	REFERRER_INCENTIVES,
	referralReward,
	type ReferralReward,
} from './referralProgram';

/**
 * The referral operations on items (docs/sources.md#referral-program): create a customer's code, verify a code a new
 * customer brings, and the reward of a converted referral.
 */

export interface ReferralSecrets {
	secret: string;
	previousSecret?: string;
	/** How the node names the secret in errors (a credential's field). */
	label?: string;
}

function idText(raw: unknown, field: string): string {
	if (typeof raw === 'number' && Number.isSafeInteger(raw)) return String(raw);
	if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
	if (isAbsentValue(raw)) {
		throw new CustomerInputError(
			`${field}: is missing; a referral code is made from the referrer's customer id`,
			field,
		);
	}
	throw new CustomerInputError(
		outsideRuleMessage(field, 'text or a whole number (the customer id)', raw),
		field,
	);
}

export interface CreateCodeConfig {
	customerPath?: string;
	/** Field with the referrer's id; default customer_id. */
	idField?: unknown;
	/** Prepended to the code for `link` (e.g. "https://example.com/signup?ref="); empty for no link. */
	linkPrefix?: unknown;
}

export interface CreatedCode {
	code: string;
	referrerId: string;
	/** linkPrefix + code; null without a prefix. */
	link: string | null;
	referrerIncentives: typeof REFERRER_INCENTIVES;
	referredIncentives: typeof REFERRED_INCENTIVES;
}

export function createCodeForItem(
	item: Record<string, unknown>,
	config: CreateCodeConfig,
	secrets: ReferralSecrets,
): CreatedCode {
	const field = pathParameter(config.idField, 'Customer ID Field') || REFERRAL_FIELDS.customerId;
	const linkPrefix = textParameter(config.linkPrefix, 'Link Prefix', 'text such as a sign-up URL');
	const record = locateCustomerRecord(item, config.customerPath);
	const referrerId = idText(getPath(record, field), field);
	let code: string;
	try {
		code = createReferralCode(referrerId, secrets.secret, secrets.label);
	} catch (error) {
		if (error instanceof ReferrerIdError)
			throw new CustomerInputError(`${field}: ${error.message}`, field);
		throw error;
	}
	return {
		code,
		referrerId,
		link: linkPrefix === '' ? null : `${linkPrefix}${code}`,
		referrerIncentives: REFERRER_INCENTIVES,
		referredIncentives: REFERRED_INCENTIVES,
	};
}

export interface VerifyCodeConfig {
	customerPath?: string;
	/** Field with the code the new customer gave; default referral_code. */
	codeField?: unknown;
	/** Field with the new customer's own id, to refuse a self-referral; default customer_id. */
	idField?: unknown;
}

export type VerifiedCode =
	| (Extract<ReferralCodeVerification, { valid: true }> & {
			referredIncentives: typeof REFERRED_INCENTIVES;
	  })
	| {
			valid: false;
			referrerId: string | null;
			code: string | null;
			reason: string;
			message: string;
	  };

/**
 * A code is valid when it is well formed, its check character matches and its signature is the secret's (or the
 * previous secret's); then `referrerId` is who referred. A customer who brings their own code is refused
 * (`self_referral`; ours: the seeds do not say, but a referral reward for oneself is no referral). A missing or bad
 * code is an answer, `valid: false` with the reason, not an error; only a field that holds neither text nor a number
 * fails the item.
 */
export function verifyCodeForItem(
	item: Record<string, unknown>,
	config: VerifyCodeConfig,
	secrets: ReferralSecrets,
): VerifiedCode {
	const codeField = pathParameter(config.codeField, 'Referral Code Field') || REFERRAL_FIELDS.code;
	const idField = pathParameter(config.idField, 'Customer ID Field') || REFERRAL_FIELDS.customerId;
	const record = locateCustomerRecord(item, config.customerPath);
	const raw = getPath(record, codeField);
	let input: string;
	if (isAbsentValue(raw)) input = '';
	else if (typeof raw === 'string') input = raw;
	else if (typeof raw === 'number' && Number.isFinite(raw)) input = String(raw);
	else
		throw new CustomerInputError(
			outsideRuleMessage(codeField, 'text (the referral code)', raw),
			codeField,
		);
	const result = verifyReferralCode(
		input,
		secrets.secret,
		secrets.previousSecret ?? '',
		secrets.label,
	);
	if (!result.valid) return { ...result, message: `${codeField}: ${result.message}` };
	const own = getPath(record, idField);
	if (!isAbsentValue(own) && String(own).trim() === result.referrerId) {
		return {
			valid: false,
			referrerId: result.referrerId,
			code: result.code,
			reason: 'self_referral',
			message: `${codeField}: is the customer's own referral code (${idField} ${result.referrerId})`,
		};
	}
	return { ...result, referredIncentives: REFERRED_INCENTIVES };
}

export interface RewardConfig {
	customerPath?: string;
	commissionPercent?: unknown;
	commissionMonths?: unknown;
}

export interface ReferralRewardResult extends ReferralReward {
	/** Who gets it: the `referral.referrerId` a Verify Referral Code step wrote, else referrer_id; null when neither. */
	referrerId: string | null;
}

/**
 * Referral Reward: what the referrer earns for one converted referral. The item is the referred customer: `mrr` (theirs,
 * the commission's base), and the referrer's counts `referrer_successful_referrals` and `referrer_referrals_this_year`
 * (this referral included) for the milestone and annual bonuses.
 */
export function referralRewardForItem(
	item: Record<string, unknown>,
	config: RewardConfig,
): ReferralRewardResult {
	const commissionPercent = numberParameter(
		config.commissionPercent,
		'Commission Rate (%)',
		REFERRER_INCENTIVES.commissionPercent,
		0,
		100,
	);
	const months = numberParameter(
		config.commissionMonths,
		'Commission Months',
		REFERRER_INCENTIVES.commissionMonths,
		0,
		120,
	);
	if (!Number.isInteger(months))
		throw parameterError(
			'Commission Months',
			'a whole number from 0 to 120',
			config.commissionMonths,
		);
	const record = locateCustomerRecord(item, config.customerPath);
	const written = item.referral;
	let referrerId: string | null = null;
	if (isPlainObject(written) && typeof written.referrerId === 'string' && written.valid === true)
		referrerId = written.referrerId;
	else {
		const raw = getPath(record, REFERRAL_FIELDS.referrerId);
		if (!isAbsentValue(raw)) referrerId = idText(raw, REFERRAL_FIELDS.referrerId);
	}
	const reward = referralReward({
		referredMrr: readNumber(record, 'mrr', MRR_RULE),
		referrerReferrals: readNumber(record, REFERRAL_FIELDS.referrerReferrals, COUNT_RULE),
		referrerReferralsThisYear: readNumber(
			record,
			REFERRAL_FIELDS.referrerReferralsThisYear,
			COUNT_RULE,
		),
		commissionPercent,
		commissionMonths: months,
	});
	return { referrerId, ...reward };
}
