/**
 * The items a node reads when it runs after other nodes (Churn Signals after Customer Health Score, CS Playbook
 * after Churn Signals, …), prepared once from the complete customers so each benchmark measures one node or core.
 * Built with the pure cores, as the nodes upstream would write them.
 */
import { DateTime } from 'luxon';

import { evaluateCustomerHealth, healthModelPreset } from '../src/health';
import { BUILT_IN_SIGNAL_TYPES, builtInRules, evaluateChurn } from '../src/signals';

/** The settings every prepared input and benchmark uses: a fixed reference time, UTC by default. */
export const BENCH_REFERENCE_TIME = '2026-12-01T12:00:00Z';
export const BENCH_ZONE = 'UTC';

const cache = new Map<string, Array<Record<string, unknown>>>();

/** `build` once per kind and set of records (the benchmarks run on one set). */
function memo(
	kind: string,
	records: Array<Record<string, unknown>>,
	build: () => Array<Record<string, unknown>>,
) {
	const key = `${kind}:${records.length}`;
	let prepared = cache.get(key);
	if (!prepared) {
		prepared = build();
		cache.set(key, prepared);
	}
	return prepared;
}

const reference = () => DateTime.fromISO(BENCH_REFERENCE_TIME, { zone: BENCH_ZONE });

/** Each record with the `health` a Customer Health Score node (default model) writes. */
export function withHealth(
	records: Array<Record<string, unknown>>,
): Array<Record<string, unknown>> {
	return memo('health', records, () => {
		const model = healthModelPreset('default');
		return records.map((record) => ({
			...record,
			health: evaluateCustomerHealth(record, {
				model,
				reference: reference(),
				defaultTimeZone: BENCH_ZONE,
			}),
		}));
	});
}

/** After Health Score, the `churn` a Churn Signals node (every built-in signal, no cooldown) writes. */
export function withChurn(records: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
	return memo('churn', records, () => {
		const rules = builtInRules([...BUILT_IN_SIGNAL_TYPES]);
		return withHealth(records).map((item) => ({
			...item,
			churn: evaluateChurn(item, { rules, reference: reference(), defaultTimeZone: BENCH_ZONE }),
		}));
	});
}

/**
 * The records with a `last_nps_survey_at` for two customers in three (the others were never surveyed), spread over
 * the last 180 days, for the survey throttle.
 */
export function withLastSurvey(
	records: Array<Record<string, unknown>>,
): Array<Record<string, unknown>> {
	return memo('survey', records, () => {
		const referenceMs = Date.parse(BENCH_REFERENCE_TIME);
		return records.map((record, index) =>
			index % 3 === 2
				? record
				: {
						...record,
						last_nps_survey_at: new Date(
							referenceMs - ((index * 7919) % 180) * 86_400_000 - (index % 86_400) * 1000,
						).toISOString(),
					},
		);
	});
}

/** The Extra Variables the re-engagement email needs besides the record (cs-02 takes them from its Settings). */
export const REENGAGEMENT_VARIABLES = [
	{ name: 'recent_features', value: 'Shared inbox\nWhatsApp templates\nWeekly reports' },
];

/** The node parameters of the CS Email Template benchmarks (fixed values, as a Settings node would give). */
export const EMAIL_PARAMETERS = {
	productName: 'Acme Chat',
	senderName: 'Lucía Romero',
	senderEmail: 'lucia.romero@acme.example',
	links: {
		calendarLink: 'https://cal.acme.example/lucia',
		helpLink: 'https://help.acme.example',
		dashboardLink: 'https://app.acme.example/dashboard',
	},
};
