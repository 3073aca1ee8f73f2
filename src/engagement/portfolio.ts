import { locateCustomerRecord } from '../customer/locate';
import { isPlaceholderItem } from '../nps/batch';
import { roundTo } from '../shared/numbers';
import { choiceParameter, numberParameter, pathParameter } from '../shared/parameters';
import { isPlainObject } from '../shared/path';
import { readEngagementMetrics, readPreviousPeriod } from './evaluate';
import {
	DEFAULT_MIN_COVERAGE,
	ENGAGEMENT_MISSING_DATA,
	scoreEngagement,
	type EngagementMissingData,
	type EngagementScoringOptions,
} from './score';

/**
 * Portfolio summary (docs/sources.md#engagement-portfolio, seed 002 §6 `getPortfolioEngagement`): the customers of
 * one execution grouped by CSM, with the number at each level, the low-engagement customers as at risk, and the
 * average score. Ours: every CSM of the batch at once (the seed asks per CSM); at-risk customers carry their score
 * and item, lowest first; customers without enough data are counted apart, never as low; the average is over the
 * customers with a score, to 1 decimal (the seed calls an undefined `calculateAvgEngagement`).
 */

export interface AtRiskCustomer {
	/** The record's customer_id as text; null when it has none. */
	customerId: string | null;
	/** Index of the input item. */
	item: number;
	score: number;
}

export interface EngagementCounts {
	totalCustomers: number;
	high: number;
	medium: number;
	low: number;
	insufficientData: number;
	/** Mean score of the customers with a score, 1 decimal; null when none has one. */
	averageScore: number | null;
}

export interface CsmPortfolio extends EngagementCounts {
	/** The CSM's csm_email (as first given); null for customers without a CSM. */
	csmEmail: string | null;
	csmName: string | null;
	atRisk: AtRiskCustomer[];
}

export interface InvalidCustomer {
	item: number;
	reason: string;
}

export interface EngagementPortfolio {
	csms: CsmPortfolio[];
	overall: EngagementCounts;
	/** Items left out because they failed (Continue On Fail): never dropped without a trace. */
	invalid: InvalidCustomer[];
}

export interface EngagementPortfolioConfig extends EngagementScoringOptions {
	customerPath?: unknown;
	/** 'fail': the first bad item stops the summary; 'report': it is left out and listed in `invalid`. */
	invalidItems?: 'fail' | 'report';
}

/** A bad item of the batch: `itemIndex` names it in the node's error. */
export class EngagementBatchItemError extends Error {
	readonly field: string | undefined;

	constructor(
		readonly itemIndex: number,
		readonly cause: unknown,
	) {
		super(cause instanceof Error ? cause.message : String(cause));
		this.name = 'EngagementBatchItemError';
		const field = (cause as { field?: unknown })?.field;
		this.field = typeof field === 'string' ? field : undefined;
	}
}

function text(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string' || value.trim() === '') return null;
	return value.trim();
}

interface Tally {
	counts: EngagementCounts;
	sum: number;
	scored: number;
}

const emptyTally = (): Tally => ({
	counts: {
		totalCustomers: 0,
		high: 0,
		medium: 0,
		low: 0,
		insufficientData: 0,
		averageScore: null,
	},
	sum: 0,
	scored: 0,
});

function count(tally: Tally, score: number | null, level: string): void {
	tally.counts.totalCustomers++;
	if (score === null) {
		tally.counts.insufficientData++;
		return;
	}
	tally.sum += score;
	tally.scored++;
	if (level === 'high') tally.counts.high++;
	else if (level === 'medium') tally.counts.medium++;
	else tally.counts.low++;
}

function counts(tally: Tally): EngagementCounts {
	return {
		...tally.counts,
		averageScore: tally.scored === 0 ? null : roundTo(tally.sum / tally.scored, 1),
	};
}

export function summarisePortfolio(
	items: readonly Record<string, unknown>[],
	config: EngagementPortfolioConfig = {},
): EngagementPortfolio {
	// The parameters first: a bad one is the node's error, not one of every item.
	const customerPath = pathParameter(config.customerPath, 'Customer Record Path');
	const missingData = choiceParameter<EngagementMissingData>(
		config.missingData,
		'Missing Data',
		ENGAGEMENT_MISSING_DATA,
		'reweight',
	);
	const minCoverage = numberParameter(
		config.minCoverage,
		'Minimum Coverage',
		DEFAULT_MIN_COVERAGE,
		0,
		1,
	);

	const groups = new Map<string, { portfolio: CsmPortfolio; tally: Tally }>();
	const overall = emptyTally();
	const invalid: InvalidCustomer[] = [];
	items.forEach((item, itemIndex) => {
		if (isPlaceholderItem(item) || !isPlainObject(item)) return;
		let record: Record<string, unknown>;
		let result;
		try {
			record = locateCustomerRecord(item, customerPath);
			result = scoreEngagement(readEngagementMetrics(record), readPreviousPeriod(record), {
				missingData,
				minCoverage,
			});
		} catch (error) {
			if (config.invalidItems !== 'report') throw new EngagementBatchItemError(itemIndex, error);
			invalid.push({
				item: itemIndex,
				reason: error instanceof Error ? error.message : String(error),
			});
			return;
		}
		const email = text(record.csm_email);
		const name = text(record.csm_name);
		// One CSM per email (compared case-insensitively), else per name; customers with neither are unassigned.
		const key = email ? `e:${email.toLowerCase()}` : name ? `n:${name}` : 'none';
		let group = groups.get(key);
		if (!group) {
			group = {
				portfolio: { csmEmail: email, csmName: name, ...emptyTally().counts, atRisk: [] },
				tally: emptyTally(),
			};
			groups.set(key, group);
		}
		group.portfolio.csmName ??= name;
		count(group.tally, result.score, result.level);
		count(overall, result.score, result.level);
		if (result.level === 'low') {
			group.portfolio.atRisk.push({
				customerId: text(record.customer_id),
				item: itemIndex,
				score: result.score as number,
			});
		}
	});

	const csms = [...groups.values()].map(({ portfolio, tally }) => ({
		csmEmail: portfolio.csmEmail,
		csmName: portfolio.csmName,
		...counts(tally),
		// Lowest score first; equal scores in input order (the sort is stable).
		atRisk: portfolio.atRisk.sort((a, b) => a.score - b.score),
	}));
	return { csms, overall: counts(overall), invalid };
}
