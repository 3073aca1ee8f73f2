import type { DateTime } from 'luxon';

import { locateCustomerRecord } from '../customer/locate';
import { choiceParameter, parameterError } from '../shared/parameters';
import { toFiniteNumber } from '../shared/numbers';
import { ADVOCACY_FIELDS } from './fields';
import { readAdvocacyPoints } from './advocate';
import {
	LOYALTY_REDEMPTION_IDS,
	loyaltyRedemptionOption,
	type LoyaltyRedemptionOption,
} from './loyalty';
import { readLoyalty } from './loyaltyStatus';
import { ADVOCACY_REWARD_IDS, advocacyReward } from './program';
import { redeemPoints, type PointsProgram, type Redemption } from './redeem';

/**
 * Redeem Reward: spend a customer's points on one reward (docs/sources.md#advocacy-program rewards,
 * #loyalty-points redemption options). The node keeps no state: the result says the balance after and the new value
 * of the points-spent field (advocacy_points_redeemed or loyalty_points_redeemed) for the workflow to store.
 */

export const POINTS_PROGRAMS: readonly PointsProgram[] = ['advocacy', 'loyalty'];
export const MAX_QUANTITY = 1000;

export interface RedeemConfig {
	program: unknown;
	reward: unknown;
	quantity?: unknown;
	customerPath?: string;
	reference: DateTime;
	defaultTimeZone: string;
}

export type RedemptionValue =
	| { kind: 'credit'; amount: number; currency: string }
	| { kind: 'upgrade'; months: number }
	| { kind: 'course'; courses: number }
	| { kind: 'advocacy_reward'; type: string; quantity: number };

export interface RedemptionResult extends Redemption {
	/** What the customer gets, for the quantity redeemed. */
	value: RedemptionValue;
	/** The field to write `pointsRedeemedAfter` to. */
	redeemedField: string;
}

function quantityOf(value: unknown): number {
	if (value === undefined || value === null || value === '') return 1;
	const number = toFiniteNumber(value);
	if (number === undefined || !Number.isInteger(number) || number < 1 || number > MAX_QUANTITY)
		throw parameterError('Quantity', `a whole number from 1 to ${MAX_QUANTITY}`, value);
	return number;
}

function loyaltyValue(option: LoyaltyRedemptionOption, quantity: number): RedemptionValue {
	const value = option.value;
	if (value.kind === 'credit')
		return { kind: 'credit', amount: value.amount * quantity, currency: value.currency };
	if (value.kind === 'upgrade') return { kind: 'upgrade', months: value.months * quantity };
	return { kind: 'course', courses: quantity };
}

export function redeemReward(
	item: Record<string, unknown>,
	config: RedeemConfig,
): RedemptionResult {
	const program = choiceParameter(config.program, 'Program', POINTS_PROGRAMS, 'advocacy');
	const quantity = quantityOf(config.quantity);
	if (program === 'advocacy') {
		const id = choiceParameter(
			config.reward,
			'Reward',
			ADVOCACY_REWARD_IDS,
			ADVOCACY_REWARD_IDS[0],
		);
		const reward = advocacyReward(id)!;
		const record = locateCustomerRecord(item, config.customerPath);
		const ledger = readAdvocacyPoints(record);
		const redemption = redeemPoints('advocacy', reward, quantity, {
			earned: ledger.points,
			redeemed: ledger.redeemed,
			earnedFrom: ledger.pointsFrom,
			redeemedField: ADVOCACY_FIELDS.redeemed,
		});
		return {
			...redemption,
			value: { kind: 'advocacy_reward', type: reward.type, quantity },
			redeemedField: ADVOCACY_FIELDS.redeemed,
		};
	}
	const id = choiceParameter(
		config.reward,
		'Loyalty Reward',
		LOYALTY_REDEMPTION_IDS,
		LOYALTY_REDEMPTION_IDS[0],
	);
	const option = loyaltyRedemptionOption(id)!;
	const { points } = readLoyalty(item, config);
	const redemption = redeemPoints('loyalty', option, quantity, {
		earned: points.earned,
		redeemed: points.redeemed,
		earnedFrom: points.earnedFrom,
		redeemedField: 'loyalty_points_redeemed',
	});
	return {
		...redemption,
		value: loyaltyValue(option, quantity),
		redeemedField: 'loyalty_points_redeemed',
	};
}
