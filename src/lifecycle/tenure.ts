import { TENURE_STAGE_DEFINITIONS, TENURE_STAGES, type TenureStage } from './stages';

/**
 * Seed 004 "Customer Lifecycle Stages" by tenure: onboarding days 1-30, adoption 31-90, growth 91-180,
 * expansion 181+. Day 0, the signup day, is onboarding too. A fractional day count falls in the stage whose
 * upper edge it has not passed (30.5 is past day 30, so adoption).
 */
export function tenureStage(daysSinceSignup: number): TenureStage {
	if (!Number.isFinite(daysSinceSignup) || daysSinceSignup < 0) {
		throw new RangeError(`days since signup must be 0 or more (got ${daysSinceSignup})`);
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

/** e.g. "Day 45 since signup is in adoption (days 31-90, seed 004)". */
export function tenureReason(daysSinceSignup: number, stage: TenureStage): string {
	if (daysSinceSignup === 0) return `Signup day (day 0) counts as ${stage} (${range(stage)}, seed 004)`;
	return `Day ${daysSinceSignup} since signup is in ${stage} (${range(stage)}, seed 004)`;
}
