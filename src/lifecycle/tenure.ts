import { CustomerInputError } from '../customer/errors';
import { numberRuleFor, type NumberRule } from '../customer/fieldRules';
import { numberWithin, outsideRuleMessage } from '../customer/fields';
import { TENURE_STAGE_DEFINITIONS, TENURE_STAGES, type TenureStage } from './stages';

const DAYS_SINCE_SIGNUP = numberRuleFor('days_since_signup') as NumberRule;

/**
 * docs/sources.md#tenure-stages by tenure: onboarding days 1-30, adoption 31-90, growth 91-180,
 * expansion 181+. Day 0, the signup day, is onboarding too. A fractional day count falls in the stage whose
 * upper edge it has not passed (30.5 is past day 30, so adoption).
 */
export function tenureStage(daysSinceSignup: number): TenureStage {
	if (!(numberWithin(daysSinceSignup, DAYS_SINCE_SIGNUP) !== undefined)) {
		throw new CustomerInputError(
			outsideRuleMessage('days_since_signup', DAYS_SINCE_SIGNUP.expected, daysSinceSignup),
			'days_since_signup',
		);
	}
	for (const stage of TENURE_STAGES) {
		const { toDay } = TENURE_STAGE_DEFINITIONS[stage];
		if (toDay === null || daysSinceSignup <= toDay) return stage;
	}
	return 'expansion';
}

function range(stage: TenureStage): string {
	const { fromDay, toDay } = TENURE_STAGE_DEFINITIONS[stage];
	const from = Math.max(1, fromDay);
	return toDay === null ? `days ${from}+` : `days ${from}-${toDay}`;
}

/** e.g. "Day 45 since signup is in adoption (days 31-90, tenure stages)". */
export function tenureReason(daysSinceSignup: number, stage: TenureStage): string {
	if (daysSinceSignup === 0)
		return `Signup day (day 0) counts as ${stage} (${range(stage)}, tenure stages)`;
	return `Day ${daysSinceSignup} since signup is in ${stage} (${range(stage)}, tenure stages)`;
}
