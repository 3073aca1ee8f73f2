/**
 * Realistic sample customers from a seeded generator: the demo data `npm start` loads, and the records benchmarks
 * and tests score. The same seed gives the same customers; dates are given as days relative to "now" so the demo
 * shows the same picture whenever it is loaded.
 */

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FIRST_NAMES = ['Ana', 'Luis', 'Marta', 'Javier', 'Lucía', 'Carlos', 'Sofía', 'Diego', 'Elena', 'Pablo', 'Emma', 'Noah', 'Olivia', 'Liam', 'Mia', 'Lucas', 'Chloe', 'Mateo', 'Zoe', 'Hugo'];
const COMPANY_WORDS = ['Norte', 'Atlas', 'Brisa', 'Cobalt', 'Delta', 'Faro', 'Granite', 'Helix', 'Iris', 'Juniper', 'Kappa', 'Luma', 'Mosaic', 'Nimbus', 'Orbit', 'Prisma', 'Quartz', 'Raven', 'Solace', 'Tundra'];
const COMPANY_KINDS = ['Dental', 'Logistics', 'Studio', 'Clinic', 'Foods', 'Legal', 'Realty', 'Fitness', 'Labs', 'Travel'];
const ZONES: Array<[string, string]> = [
	['Europe/Madrid', 'es'],
	['America/Mexico_City', 'es-MX'],
	['America/Bogota', 'es'],
	['America/New_York', 'en'],
	['Europe/London', 'en'],
	['America/Los_Angeles', 'en'],
];
const PLANS: Array<[string, number, number]> = [
	['starter', 49, 3],
	['growth', 199, 10],
	['pro', 490, 25],
	['enterprise', 1490, 80],
];
const CSMS: Array<[string, string]> = [
	['Lucía Romero', 'lucia.romero@acme.example'],
	['Daniel Park', 'daniel.park@acme.example'],
];

/** How a generated customer behaves: most are healthy, some drift, a few are leaving. */
export type Profile = 'healthy' | 'drifting' | 'at_risk' | 'critical';

export interface SampleCustomer extends Record<string, unknown> {
	customer_id: string;
	profile: Profile;
}

const round = (value: number, decimals = 2) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/**
 * `count` customers. Dates are relative: `*_days_ago` and `renewal_in_days` (see `withDates`). Every field of the
 * default health model is present (complete records), with values that fit the profile.
 */
export function sampleCustomers(count: number, seed = 2026): SampleCustomer[] {
	const random = seededRandom(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const between = (low: number, high: number) => low + random() * (high - low);
	const customers: SampleCustomer[] = [];
	for (let index = 0; index < count; index++) {
		const roll = random();
		const profile: Profile = roll < 0.55 ? 'healthy' : roll < 0.75 ? 'drifting' : roll < 0.92 ? 'at_risk' : 'critical';
		const [plan, price, baseSeats] = pick(PLANS);
		const [timezone, locale] = pick(ZONES);
		const [csmName, csmEmail] = pick(CSMS);
		const firstName = pick(FIRST_NAMES);
		const company = `${pick(COMPANY_WORDS)} ${pick(COMPANY_KINDS)}`;
		const health = { healthy: 1, drifting: 0.7, at_risk: 0.45, critical: 0.2 }[profile];
		const seats = Math.max(1, Math.round(baseSeats * between(0.6, 1.4)));
		const id = `cust-${String(index + 1).padStart(4, '0')}`;
		const signupDaysAgo = Math.round(between(20, 900));
		customers.push({
			customer_id: id,
			profile,
			email: `${firstName.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}.${index + 1}@${company.toLowerCase().replace(/[^a-z]+/g, '-')}.example`,
			first_name: firstName,
			company,
			plan,
			mrr: Math.round(price * between(0.9, 1.2)),
			seats,
			locale,
			timezone,
			csm_name: csmName,
			csm_email: csmEmail,
			subscription_status: 'active',
			// Where the last evaluation left the customer (the Lifecycle Stage node moves it on from here).
			lifecycle_stage: signupDaysAgo < 30 ? 'onboarding' : signupDaysAgo < 90 ? 'adopting' : profile === 'critical' ? 'at_risk' : 'growing',
			signup_days_ago: signupDaysAgo,
			renewal_in_days: Math.round(between(5, 360)),
			last_login_days_ago: profile === 'healthy' ? Math.round(between(0, 3)) : profile === 'drifting' ? Math.round(between(2, 9)) : profile === 'at_risk' ? Math.round(between(8, 16)) : Math.round(between(15, 40)),
			last_key_action_days_ago: Math.round(between(0, 30) / health),
			dau_mau_ratio: round(between(0.2, 0.55) * health),
			feature_adoption: round(between(0.4, 0.9) * health),
			conversations_per_week: Math.round(between(40, 140) * health),
			logins_per_week: round(between(2, 7) * health, 1),
			features_used_this_month: Math.round(between(4, 12) * health),
			open_tickets: profile === 'healthy' ? Math.round(between(0, 1)) : Math.round(between(1, 6)),
			avg_csat: round(between(3, 5) * Math.max(0.6, health), 1),
			escalations: profile === 'critical' ? Math.round(between(1, 3)) : profile === 'at_risk' ? Math.round(between(0, 2)) : 0,
			nps_score: Math.min(10, Math.max(0, Math.round(between(6, 10) * Math.max(0.5, health)))),
			meetings_attended: Math.round(between(0, 3) * health),
			responses_to_outreach: Math.round(between(0, 2) * health),
			payment_health: round(profile === 'critical' ? between(0.3, 0.8) : between(0.85, 1)),
			growth_potential: round(between(0.2, 1)),
			contract_length: pick([1, 6, 12, 12, 24]),
			usage_change_percent: Math.round(profile === 'healthy' ? between(-10, 30) : profile === 'drifting' ? between(-40, 5) : between(-75, -30)),
			avg_session_minutes: Math.round(between(3, 25) * Math.max(0.4, health)),
			failed_payments: profile === 'critical' && random() < 0.5 ? 1 : 0,
			rating: round(between(3.2, 5) * Math.max(0.7, health), 1),
			cancellation_requested: profile === 'critical' && random() < 0.3,
			competitor_mentioned: profile !== 'healthy' && random() < 0.15,
			usage_vs_limit: round(profile === 'healthy' ? between(0.4, 0.98) : between(0.1, 0.7)),
			blocked_feature_attempts: profile === 'healthy' ? Math.round(between(0, 5)) : 0,
			team_size_change: round(profile === 'healthy' ? between(-0.05, 0.4) : between(-0.3, 0.05)),
			previous_health_score: Math.round(between(55, 95) * (profile === 'critical' ? 0.8 : 1)),
		});
	}
	return customers;
}

const DAY_FIELDS: Array<[string, string, 1 | -1]> = [
	['signup_days_ago', 'signup_date', -1],
	['renewal_in_days', 'renewal_date', 1],
	['last_login_days_ago', 'last_login_at', -1],
	['last_key_action_days_ago', 'last_key_action_at', -1],
];

/** A sample customer with its relative days turned into ISO dates against `nowMs`. */
export function withDates(customer: SampleCustomer, nowMs: number): Record<string, unknown> {
	const record: Record<string, unknown> = { ...customer };
	delete record.profile;
	for (const [relative, field, direction] of DAY_FIELDS) {
		record[field] = new Date(nowMs + direction * Number(customer[relative]) * 86_400_000).toISOString();
		delete record[relative];
	}
	return record;
}

/** The JavaScript of `withDates`, for the demo's Code node (n8n runs it in its task runner). */
export const WITH_DATES_CODE = `const DAY_FIELDS = ${JSON.stringify(DAY_FIELDS)};
function withDates(customer, nowMs) {
	const record = { ...customer };
	delete record.profile;
	for (const [relative, field, direction] of DAY_FIELDS) {
		record[field] = new Date(nowMs + direction * Number(customer[relative]) * 86400000).toISOString();
		delete record[relative];
	}
	return record;
}`;
