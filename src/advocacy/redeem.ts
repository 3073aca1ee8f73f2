import { CustomerInputError } from '../customer/errors';

/**
 * Spending points on a reward, for both programmes: the advocacy rewards (seed 002 §13.1 `rewards`, `pointsCost`) and
 * the loyalty redemption options (seed 003 `redemption_options`). Neither seed says how a redemption is booked; ours:
 * points earned are never reduced (the tier stays what the points earned make it, as seed 002 `calculateTier` reads the
 * sum of activity points), the points spent so far are kept in a second field, and the balance is earned - spent.
 * A reward the balance cannot pay for is refused, naming the balance, the cost and the shortfall.
 */

export type PointsProgram = 'advocacy' | 'loyalty';

export interface PointsLedger {
	/** Points earned in all (the tier is decided by these). */
	earned: number;
	/** Points spent on earlier redemptions. */
	redeemed: number;
	/** Where each was read from, for messages: "advocacy_points", "loyalty earning rules"… */
	earnedFrom: string;
	redeemedField: string;
}

export interface RedeemableReward {
	id: string;
	name: string;
	pointsCost: number;
}

export interface Redemption {
	program: PointsProgram;
	reward: string;
	rewardName: string;
	quantity: number;
	/** Cost of one. */
	unitCost: number;
	/** Cost of the whole redemption: unitCost x quantity. */
	pointsCost: number;
	balanceBefore: number;
	balanceAfter: number;
	/** The value to write back to the redeemed-points field. */
	pointsRedeemedBefore: number;
	pointsRedeemedAfter: number;
}

export class InsufficientPointsError extends CustomerInputError {
	constructor(
		message: string,
		field: string,
		readonly balance: number,
		readonly cost: number,
	) {
		super(message, field);
		this.name = 'InsufficientPointsError';
	}
}

/** The points still to spend: earned - redeemed. Redeemed above earned is bad data and fails naming the field. */
export function pointsBalance(ledger: PointsLedger): number {
	if (ledger.redeemed > ledger.earned) {
		throw new CustomerInputError(
			`${ledger.redeemedField}: cannot be more than the points earned (${ledger.earned} from ${ledger.earnedFrom}; got ${ledger.redeemed})`,
			ledger.redeemedField,
		);
	}
	return ledger.earned - ledger.redeemed;
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function redeemPoints(
	program: PointsProgram,
	reward: RedeemableReward,
	quantity: number,
	ledger: PointsLedger,
): Redemption {
	const balance = pointsBalance(ledger);
	const cost = reward.pointsCost * quantity;
	if (cost > balance) {
		const what = quantity === 1 ? reward.id : `${quantity} x ${reward.id}`;
		throw new InsufficientPointsError(
			`${ledger.redeemedField}: the balance of ${plural(balance, 'point')} (${ledger.earned} earned, ${ledger.redeemed} already redeemed) cannot pay for ${what} (${plural(cost, 'point')}): ${plural(cost - balance, 'more point')} needed`,
			ledger.redeemedField,
			balance,
			cost,
		);
	}
	return {
		program,
		reward: reward.id,
		rewardName: reward.name,
		quantity,
		unitCost: reward.pointsCost,
		pointsCost: cost,
		balanceBefore: balance,
		balanceAfter: balance - cost,
		pointsRedeemedBefore: ledger.redeemed,
		pointsRedeemedAfter: ledger.redeemed + cost,
	};
}
