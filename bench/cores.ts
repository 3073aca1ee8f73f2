/**
 * The pure domain cores (src/, as built into dist/), on the seeded customers of test/fixtures/customers.ts: the
 * customers each core handles per second.
 */
import { DateTime } from 'luxon';

import { evaluateExpansion, resolveExpansionSettings } from '../src/expansion';
import {
	evaluateCustomerHealth,
	healthModelPreset,
	type HealthDetail,
	type HealthResult,
} from '../src/health';
import { evaluateLifecycle } from '../src/lifecycle';
import { aggregateItems, classifyResponse, surveyEligibility } from '../src/nps';
import { PlaybookCatalog, planCustomerPlaybook, readPlaybookId } from '../src/playbooks';
import { getPath } from '../src/shared/path';
import { assessChurn, BUILT_IN_SIGNAL_TYPES, builtInRules, finalizeChurn } from '../src/signals';
import { renderCustomerEmail, type EmailConfig } from '../src/templates';
import {
	BENCH_REFERENCE_TIME,
	BENCH_ZONE,
	EMAIL_PARAMETERS,
	REENGAGEMENT_VARIABLES,
	withChurn,
	withHealth,
	withLastSurvey,
} from './inputs';
import { perSecond, record, timeMs } from './measure';

export interface CoreBenchmark {
	name: string;
	/**
	 * Prepares the work for the given records (configs, models: what a node does once per execution). The work returns
	 * its results, so they stay alive as a node's output does.
	 */
	setup: (records: Array<Record<string, unknown>>, nowMs: number) => () => unknown;
	/** Customers per second the core must reach, when there is a goal. */
	goal?: number;
}

/** The default model's scoring of one record, set up once as the Health Score node does per execution. */
function defaultHealth(
	nowMs: number,
	detail: HealthDetail,
): (item: Record<string, unknown>) => HealthResult {
	const model = healthModelPreset('default');
	const reference = DateTime.fromMillis(nowMs, { zone: 'UTC' });
	return (item) =>
		evaluateCustomerHealth(item, { model, reference, defaultTimeZone: 'UTC', detail });
}

export const CORE_BENCHMARKS: CoreBenchmark[] = [
	{
		// The node's comparison: a node holds every output item until the execution ends, so the core keeps its results
		// too. What costs here beyond the scoring is the garbage collector moving the results it keeps.
		name: 'health score (default model, complete records)',
		setup: (records, nowMs) => {
			const score = defaultHealth(nowMs, 'full');
			return () => records.map(score);
		},
	},
	{
		// The scoring itself: each result is used (its score summed) and let go, as a consumer that streams results
		// would. This is the figure the 100,000/s goal is about.
		name: 'health score, each result used and let go (the scoring work)',
		goal: 100_000,
		setup: (records, nowMs) => {
			const score = defaultHealth(nowMs, 'full');
			return () => {
				let total = 0;
				for (const item of records) total += score(item).score ?? 0;
				return total;
			};
		},
	},
	{
		name: 'health score, Output Detail: Summary (results kept)',
		setup: (records, nowMs) => {
			const score = defaultHealth(nowMs, 'summary');
			return () => records.map(score);
		},
	},
	// What each node does once per execution is in the setup; the loop is its per-item work (without n8n).
	{
		name: 'churn signals (every built-in signal, after Health Score)',
		setup: (records) => {
			const items = withHealth(records);
			const rules = builtInRules([...BUILT_IN_SIGNAL_TYPES], {});
			const reference = DateTime.fromISO(BENCH_REFERENCE_TIME, { zone: BENCH_ZONE });
			return () =>
				items.map((item) =>
					finalizeChurn(
						assessChurn(item, { rules, reference, defaultTimeZone: BENCH_ZONE, cooldownDays: 0 }),
					),
				);
		},
	},
	{
		name: 'expansion signals (default settings, after Health Score)',
		setup: (records) => {
			const items = withHealth(records);
			const settings = resolveExpansionSettings({});
			const reference = DateTime.fromISO(BENCH_REFERENCE_TIME, { zone: BENCH_ZONE });
			return () =>
				items.map((item) =>
					evaluateExpansion(item, { settings, reference, defaultTimeZone: BENCH_ZONE }),
				);
		},
	},
	{
		name: 'lifecycle stage (transitions, after Health Score)',
		setup: (records) => {
			const items = withHealth(records);
			const reference = DateTime.fromISO(BENCH_REFERENCE_TIME, { zone: BENCH_ZONE });
			return () =>
				items.map((item) =>
					evaluateLifecycle(item, {
						mode: 'transitions',
						onboardingCompletionScale: 'percent',
						reference,
						defaultTimeZone: BENCH_ZONE,
					}),
				);
		},
	},
	{
		name: 'nps classify (responses due from the reference time)',
		setup: (records) => {
			const reference = DateTime.fromISO(BENCH_REFERENCE_TIME, { zone: BENCH_ZONE });
			return () =>
				records.map((item) => classifyResponse(item, { reference, defaultTimeZone: BENCH_ZONE }));
		},
	},
	{
		name: 'nps aggregate (one batch)',
		setup: (records) => () => aggregateItems(records, {}),
	},
	{
		name: 'nps survey throttle (two in three surveyed in the last 180 days)',
		setup: (records) => {
			const items = withLastSurvey(records);
			const reference = DateTime.fromISO(BENCH_REFERENCE_TIME, { zone: BENCH_ZONE });
			return () =>
				items.map((item) =>
					surveyEligibility(item, {
						minDaysBetweenSurveys: 90,
						reference,
						defaultTimeZone: BENCH_ZONE,
					}),
				);
		},
	},
	{
		name: 'cs playbook (from churn.playbook, after Churn Signals)',
		setup: (records) => {
			const items = withChurn(records);
			const catalog = new PlaybookCatalog([]);
			const now = DateTime.fromISO(BENCH_REFERENCE_TIME, { zone: BENCH_ZONE });
			return () =>
				items.map((item) => {
					const playbookId = readPlaybookId(getPath(item, 'churn.playbook'), 'churn.playbook');
					if (playbookId === null) return null;
					return planCustomerPlaybook(item, {
						catalog,
						playbookId,
						playbookField: 'churn.playbook',
						startTime: BENCH_REFERENCE_TIME,
						now,
						defaultTimeZone: BENCH_ZONE,
						businessHours: null,
					});
				});
		},
	},
	{
		name: 'cs email template (reengagement_7_days, lenient, after Churn Signals)',
		setup: (records) => {
			const items = withChurn(records);
			const config: EmailConfig = {
				template: { kind: 'builtIn', id: 'reengagement_7_days', field: 'Template' },
				missingVariables: 'lenient',
				defaultLocale: 'en',
				parameters: EMAIL_PARAMETERS,
				extraVariables: REENGAGEMENT_VARIABLES,
				rawVariables: [],
				overrides: {},
				idempotency: 'off',
				reference: DateTime.fromISO(BENCH_REFERENCE_TIME, { zone: BENCH_ZONE }),
				defaultTimeZone: BENCH_ZONE,
			};
			return () => items.map((item) => renderCustomerEmail(item, config));
		},
	},
];

export async function benchCores(
	records: Array<Record<string, unknown>>,
	nowMs: number,
	runs: number,
): Promise<Map<string, number>> {
	const rates = new Map<string, number>();
	for (const benchmark of CORE_BENCHMARKS) {
		const ms = await timeMs(benchmark.setup(records, nowMs), runs);
		const rate = perSecond(records.length, ms);
		rates.set(benchmark.name, rate);
		record({
			group: 'pure core',
			name: benchmark.name,
			value: rate,
			unit: 'customers/s',
			note: benchmark.goal
				? `goal ≥ ${benchmark.goal.toLocaleString('en-US')}/s; ${records.length.toLocaleString('en-US')} customers`
				: `${records.length.toLocaleString('en-US')} customers`,
			met: benchmark.goal ? rate >= benchmark.goal : undefined,
		});
	}
	return rates;
}
