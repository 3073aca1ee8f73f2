import type { DateTime } from 'luxon';

import { customerTimeZone } from '../customer/derive';
import { CustomerInputError } from '../customer/errors';
import { isAbsentValue } from '../customer/fields';
import { locateCustomerRecord } from '../customer/locate';
import { referenceMillis } from '../shared/dates';
import { choiceParameter, parameterError, pathParameter } from '../shared/parameters';
import { getPath, isPlainObject } from '../shared/path';
import { previewValue } from '../shared/preview';
import { isSafeUrl } from '../templates/escape';
import { resolveLocale, TEMPLATE_LOCALES } from '../templates/locale';
import {
	readHealth,
	readRoadmap,
	readSupport,
	readUsage,
	readValue,
	recommendedPlan,
	type SupportSection,
	type UsageSection,
	type ValueSection,
} from './metrics';
import { parseSuccessPlan } from './model';
import { evaluateSuccessPlan, type SuccessPlanProgress } from './successPlan';
import { buildNextSteps, buildSummary, type ExecutiveSummary, type NextSteps } from './summary';
import { REVIEW_KINDS, REVIEW_TEMPLATE_IDS, renderReviewEmail, type ReviewKind } from './templates';
import { monthLabel, quarterLabel, type ReviewLocale } from './text';
import { reviewView } from './view';

/**
 * One customer's business review from an item (docs/sources.md#business-reviews): a monthly review (seed 000 §7 MBR,
 * seed 001's monthly results email) or a quarterly one (seed 002 §12.1 QBR), built from the record's metrics, the
 * Health Score / Churn Signals / Expansion Signals outputs on the item when present, and the success plan (seed 002
 * §10.1), and rendered to an email in the record's language.
 */

export const DEFAULT_SUCCESS_PLAN_FIELD = 'success_plan';
export const DEFAULT_REVIEW_LANGUAGE: ReviewLocale = 'en';

export interface BusinessReviewConfig {
	/** monthly or quarterly. */
	kind: unknown;
	/** The language when the record's `locale` is absent or has no translation (es-MX → es → this). */
	language?: unknown;
	/** Field of the customer record holding the success plan (default `success_plan`). */
	successPlanField?: unknown;
	customerPath?: unknown;
	/** A booking page for the call the review ends with; else the record's `calendar_link`. */
	calendarLink?: unknown;
	reference: DateTime;
	defaultTimeZone: string;
}

export interface ReviewPeriod {
	/** "June 2026" / "junio de 2026", "Q2 2026" / "T2 2026". */
	label: string;
	/** First and last day, YYYY-MM-DD, in the customer's calendar. */
	start: string;
	end: string;
	/** The period after it, to plan next. */
	next: string;
	timezone: string;
}

export interface BusinessReviewEmail {
	/** The record's email address, or null. */
	to: string | null;
	locale: ReviewLocale;
	templateId: string;
	subject: string;
	html: string;
	text: string;
}

export interface BusinessReview {
	kind: ReviewKind;
	period: ReviewPeriod;
	health: { score: number | null; category: string | null };
	summary: ExecutiveSummary;
	value: ValueSection;
	usage: UsageSection;
	support: SupportSection;
	successPlan: SuccessPlanProgress;
	nextSteps: NextSteps;
	email: BusinessReviewEmail;
}

const PERIOD_MONTHS: Record<ReviewKind, number> = { monthly: 1, quarterly: 3 };

/**
 * The period a review covers: the last complete calendar month (monthly) or quarter (quarterly) before the reference
 * day, in the customer's time zone. A review sent on 1 July covers June, or April to June.
 */
export function reviewPeriod(
	kind: ReviewKind,
	reference: DateTime,
	zone: string,
	locale: ReviewLocale,
): ReviewPeriod {
	const local = reference.setZone(zone);
	const unit = kind === 'monthly' ? 'month' : 'quarter';
	const start = local.startOf(unit).minus(kind === 'monthly' ? { months: 1 } : { quarters: 1 });
	const end = start.endOf(unit);
	const next = end.plus({ days: 1 });
	const label = (date: DateTime) =>
		kind === 'monthly'
			? monthLabel(date.year, date.month, locale)
			: quarterLabel(date.year, date.quarter, locale);
	return {
		label: label(start),
		start: start.toISODate() as string,
		end: end.toISODate() as string,
		next: label(next),
		timezone: zone,
	};
}

function linkOf(raw: unknown, label: string, isParameter: boolean): string | null {
	if (isAbsentValue(raw)) return null;
	if (typeof raw === 'string' && isSafeUrl(raw.trim())) return raw.trim();
	if (isParameter) throw parameterError(label, 'an http(s) or mailto URL', raw);
	throw new CustomerInputError(
		`${label}: must be an http(s) or mailto URL (got ${previewValue(raw)})`,
		label,
	);
}

function addressOf(record: Record<string, unknown>): string | null {
	const email = record.email;
	if (typeof email === 'string' && email.trim() !== '') return email.trim();
	// After a CS Email Template node the record's `email` is that node's output, which carries the address in `to`.
	if (isPlainObject(email) && typeof email.to === 'string' && email.to.trim() !== '')
		return email.to.trim();
	return null;
}

export function buildBusinessReview(
	item: Record<string, unknown>,
	config: BusinessReviewConfig,
): BusinessReview {
	const kind = choiceParameter(config.kind, 'Review', REVIEW_KINDS, 'monthly');
	const language = choiceParameter(
		config.language,
		'Language',
		TEMPLATE_LOCALES,
		DEFAULT_REVIEW_LANGUAGE,
	);
	const planField =
		pathParameter(config.successPlanField, 'Success Plan Field') || DEFAULT_SUCCESS_PLAN_FIELD;
	const parameterLink = linkOf(config.calendarLink, 'Calendar Link', true);
	const referenceMs = referenceMillis(config.reference);

	const record = locateCustomerRecord(item, config.customerPath);
	const zone = customerTimeZone(record, config.defaultTimeZone);
	const locale = resolveLocale(record.locale, TEMPLATE_LOCALES, language) as ReviewLocale;
	const period = reviewPeriod(kind, config.reference, zone, locale);

	const rawPlan = getPath(record, planField);
	const plan = isAbsentValue(rawPlan) ? null : parseSuccessPlan(rawPlan, planField);
	const successPlan = evaluateSuccessPlan(plan, { field: planField, zone, referenceMs });

	const value = readValue(record, successPlan.goals, PERIOD_MONTHS[kind]);
	const usage = readUsage(record);
	const support = readSupport(record, kind === 'monthly');
	const health = readHealth(item, record);
	const calendarLink = parameterLink ?? linkOf(record.calendar_link, 'calendar_link', false);
	const unsubscribeLink = linkOf(record.unsubscribe_link, 'unsubscribe_link', false);

	const input = {
		kind,
		locale,
		goals: successPlan.goals,
		value,
		usage,
		support,
		health,
		recommendedPlan: recommendedPlan(item, record),
		roadmap: readRoadmap(record),
		nextPeriodLabel: period.next,
		calendarLink,
	};
	const summary = buildSummary(input);
	const nextSteps = buildNextSteps(input);
	const view = reviewView({
		locale,
		record,
		periodLabel: period.label,
		summary,
		value,
		usage,
		support,
		successPlan,
		nextSteps,
		unsubscribeLink,
	});
	const rendered = renderReviewEmail(kind, locale, view);
	return {
		kind,
		period,
		health: { score: health.score, category: health.category },
		summary,
		value,
		usage,
		support,
		successPlan,
		nextSteps,
		email: {
			to: addressOf(record),
			locale,
			templateId: REVIEW_TEMPLATE_IDS[kind],
			...rendered,
		},
	};
}
