import type { DateTime } from 'luxon';

import { calendarDaysBetween } from '../shared/dates';
import { MAX_DAYS } from '../customer/fieldRules';
import { roundTo } from '../shared/numbers';
import type { UsagePoint } from './inputs';
import type { LimitForecast } from './result';

/**
 * Beyond the seeds: a linear projection of usage_vs_limit to 1.0 (the plan limit), so approaching_limit can be
 * raised before usage crosses the seed's 80 %. From a history of points (least squares over time) or from a
 * growth rate (absolute change of usage_vs_limit per 30 days) applied to the current usage.
 */

const DAY_MS = 86_400_000;
/** A slope this close to zero is flat: the projection would land centuries away. */
const FLAT_SLOPE_PER_DAY = 1e-9;

export const LIMIT = 1;

export interface ForecastInput {
	/** Current usage_vs_limit, when readable (needed by the growth-rate method). */
	usage?: number;
	/** Why the current usage is unusable ("usage_vs_limit is absent"), for the forecast's reason. */
	usageProblem?: string;
	history?: UsagePoint[];
	/** usage_growth_per_month: a number, or the reason it could not be read. */
	growthPerMonth?: { ok: true; value: number } | { ok: false; reason: string };
}

interface Line {
	/** Fitted usage_vs_limit at the reference time. */
	atReference: number;
	/** Change of usage_vs_limit per day. */
	slopePerDay: number;
}

/** Ordinary least squares of value over days from the reference; null with fewer than two distinct dates. */
export function fitUsageLine(points: UsagePoint[], reference: DateTime): Line | null {
	const xs = points.map((point) => point.at.diff(reference, 'days').days);
	const ys = points.map((point) => point.value);
	if (new Set(xs).size < 2) return null;
	const n = xs.length;
	const meanX = xs.reduce((sum, x) => sum + x, 0) / n;
	const meanY = ys.reduce((sum, y) => sum + y, 0) / n;
	let sxy = 0;
	let sxx = 0;
	for (let i = 0; i < n; i++) {
		sxy += (xs[i] - meanX) * (ys[i] - meanY);
		sxx += (xs[i] - meanX) ** 2;
	}
	const slopePerDay = sxy / sxx;
	return { slopePerDay, atReference: meanY - slopePerDay * meanX };
}

function project(
	method: LimitForecast['method'],
	line: Line,
	reference: DateTime,
	zone: string,
): LimitForecast {
	const growthPerMonth = roundTo(line.slopePerDay * 30, 4);
	if (line.slopePerDay <= FLAT_SLOPE_PER_DAY) {
		return {
			method,
			daysToLimit: null,
			projectedDate: null,
			growthPerMonth,
			reason: 'usage is flat or falling',
		};
	}
	// Already at or past the limit on the line: it is reached now.
	const days = Math.max(0, (LIMIT - line.atReference) / line.slopePerDay);
	// A projection beyond the longest span of any date (100 years) is no date anyone can act on, and far enough out
	// it is no date at all (luxon's range ends in the year 275760): no projection, with the reason.
	if (!(days <= MAX_DAYS)) {
		return {
			method,
			daysToLimit: null,
			projectedDate: null,
			growthPerMonth,
			reason: 'at this pace the limit is more than 100 years away',
		};
	}
	const whole = Math.floor(days);
	const reached = reference
		.setZone(zone)
		.plus({ days: whole })
		.plus({ milliseconds: Math.round((days - whole) * DAY_MS) });
	return {
		method,
		daysToLimit: calendarDaysBetween(reference, reached, zone),
		projectedDate: reached.toISODate(),
		growthPerMonth,
		reason: null,
	};
}

/** The forecast, or null when neither a history nor a growth rate is given. History wins when it can be fitted. */
export function forecastLimit(
	input: ForecastInput,
	reference: DateTime,
	zone: string,
): LimitForecast | null {
	const { history, growthPerMonth } = input;
	if (history === undefined && growthPerMonth === undefined) return null;

	const line = history ? fitUsageLine(history, reference) : null;
	if (line) return project('history', line, reference, zone);

	if (growthPerMonth) {
		const none = { method: 'growth_rate' as const, daysToLimit: null, projectedDate: null };
		if (!growthPerMonth.ok) return { ...none, growthPerMonth: null, reason: growthPerMonth.reason };
		if (input.usage === undefined) {
			return {
				...none,
				growthPerMonth: roundTo(growthPerMonth.value, 4),
				reason: `${input.usageProblem ?? 'usage_vs_limit is absent'}: a growth rate needs the current usage`,
			};
		}
		return project(
			'growth_rate',
			{ atReference: input.usage, slopePerDay: growthPerMonth.value / 30 },
			reference,
			zone,
		);
	}

	return {
		method: 'history',
		daysToLimit: null,
		projectedDate: null,
		growthPerMonth: null,
		reason: 'usage_vs_limit_history needs at least two points on different dates',
	};
}
