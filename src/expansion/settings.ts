import { z } from 'zod';

import { describeIssues } from '../customer/record';

/**
 * The tunable parts of expansion detection. Every default is a seed value: thresholds, plan ladder, upsell
 * share and feature price from docs/sources.md#expansion-opportunities; add-on prices and the analytics trigger from docs/sources.md#expansion-add-ons.
 * The signal weights (and so the probability) stay the seed's and are not settings.
 */

export interface ExpansionThresholds {
	/** approaching_limit fires when usage_vs_limit is above this (docs/sources.md#expansion-signals: > 0.8). */
	usageVsLimit: number;
	/** feature_attempts fires when blocked_feature_attempts is above this (docs/sources.md#expansion-signals: > 3). */
	blockedFeatureAttempts: number;
	/** high_engagement fires when the engagement score is above this (docs/sources.md#expansion-signals: > 80). */
	engagementScore: number;
	/** team_growth fires when team_size_change is above this (docs/sources.md#expansion-signals: > 0.2). */
	teamSizeChange: number;
	/** nps_promoter fires when nps_score is at or above this (docs/sources.md#expansion-signals: >= 9). */
	npsScore: number;
	/** renewal_approaching fires when days_to_renewal is at most this (docs/sources.md#expansion-signals: <= 60). */
	daysToRenewal: number;
	/** docs/sources.md#expansion-add-ons Pro Plan trigger: analytics dashboard used more than this many times a week (> 3). */
	analyticsViewsPerWeek: number;
}

export interface AddOnPrices {
	/** docs/sources.md#expansion-add-ons, monthly prices. */
	proPlan: number;
	apiAccess: number;
	whiteLabel: number;
	premiumSupport: number;
}

export interface ExpansionSettings {
	thresholds: ExpansionThresholds;
	/** docs/sources.md#expansion-opportunities getNextPlan: starter -> growth -> pro -> enterprise, compared case-insensitively. */
	planLadder: string[];
	/** docs/sources.md#expansion-opportunities estimateUpsellValue: an upgrade is worth this share of the current MRR (0.5 = +50 %). */
	upsellShareOfMrr: number;
	/** docs/sources.md#expansion-opportunities estimateFeatureValue: $50 per blocked feature. */
	featureAddOnPrice: number;
	/** docs/sources.md#expansion-add-ons triggers (analytics, integration, branding, large event); off unless switched on. */
	addOnTriggers: boolean;
	addOnPrices: AddOnPrices;
	/** Beyond the seeds: raise approaching_limit early when the projected days to the limit are at most this. */
	forecastHorizonDays: number;
}

export const DEFAULT_THRESHOLDS: Readonly<ExpansionThresholds> = Object.freeze({
	usageVsLimit: 0.8,
	blockedFeatureAttempts: 3,
	engagementScore: 80,
	teamSizeChange: 0.2,
	npsScore: 9,
	daysToRenewal: 60,
	analyticsViewsPerWeek: 3,
});

export const DEFAULT_ADD_ON_PRICES: Readonly<AddOnPrices> = Object.freeze({
	proPlan: 499,
	apiAccess: 200,
	whiteLabel: 500,
	premiumSupport: 100,
});

export const DEFAULT_PLAN_LADDER: readonly string[] = Object.freeze([
	'starter',
	'growth',
	'pro',
	'enterprise',
]);

const finite = z.number().finite();
const money = z.number().finite().min(0);

const thresholdsSchema = z
	.object({
		usageVsLimit: finite,
		blockedFeatureAttempts: finite,
		engagementScore: finite,
		teamSizeChange: finite,
		npsScore: finite,
		daysToRenewal: finite,
		analyticsViewsPerWeek: finite,
	})
	.strict();

const settingsSchema = z
	.object({
		thresholds: thresholdsSchema,
		planLadder: z
			.array(z.string().trim().min(1, 'a plan name may not be empty'))
			.min(2, 'name at least two plans, lowest first')
			.refine((plans) => new Set(plans.map((plan) => plan.toLowerCase())).size === plans.length, {
				message: 'each plan may appear once',
			}),
		upsellShareOfMrr: money,
		featureAddOnPrice: money,
		addOnTriggers: z.boolean(),
		addOnPrices: z
			.object({ proPlan: money, apiAccess: money, whiteLabel: money, premiumSupport: money })
			.strict(),
		forecastHorizonDays: money,
	})
	.strict();

export class InvalidExpansionSettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidExpansionSettingsError';
	}
}

/** Overrides as the node (or a caller) gives them: any part may be left out and keeps its seed default. */
export interface ExpansionSettingsInput {
	thresholds?: Partial<ExpansionThresholds>;
	/** An array of plan names, or one comma-separated string ("starter, growth, pro, enterprise"). */
	planLadder?: string[] | string;
	upsellShareOfMrr?: number;
	featureAddOnPrice?: number;
	addOnTriggers?: boolean;
	addOnPrices?: Partial<AddOnPrices>;
	forecastHorizonDays?: number;
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
	if (!value) return {};
	return Object.fromEntries(
		Object.entries(value).filter(([, v]) => v !== undefined && v !== null),
	) as Partial<T>;
}

/** Merges overrides onto the seed defaults and validates them; the message names each bad setting. */
export function resolveExpansionSettings(input: ExpansionSettingsInput = {}): ExpansionSettings {
	const ladder =
		typeof input.planLadder === 'string'
			? input.planLadder.split(',').map((plan) => plan.trim())
			: (input.planLadder ?? [...DEFAULT_PLAN_LADDER]);
	const candidate = {
		thresholds: { ...DEFAULT_THRESHOLDS, ...definedOnly(input.thresholds) },
		planLadder: ladder,
		upsellShareOfMrr: input.upsellShareOfMrr ?? 0.5,
		featureAddOnPrice: input.featureAddOnPrice ?? 50,
		addOnTriggers: input.addOnTriggers ?? false,
		addOnPrices: { ...DEFAULT_ADD_ON_PRICES, ...definedOnly(input.addOnPrices) },
		forecastHorizonDays: input.forecastHorizonDays ?? 30,
	};
	const result = settingsSchema.safeParse(candidate);
	if (!result.success) {
		throw new InvalidExpansionSettingsError(
			`Expansion settings are invalid: ${describeIssues(result.error, '', candidate)}`,
		);
	}
	return result.data;
}
