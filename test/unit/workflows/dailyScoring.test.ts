/**
 * The two Code nodes of CS 09 · Daily health scoring that decide what a run compares with and whom it alerts, run
 * here on their own with n8n's `$`, `$input` and `$now` stubbed (test/e2e/templates-health runs them in a real n8n).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { DateTime } from 'luxon';

const workflow = JSON.parse(
	fs.readFileSync(
		path.resolve(__dirname, '../../../workflows/cs-09-daily-health-scoring.json'),
		'utf8',
	),
);
const jsCode = (name: string): string =>
	workflow.nodes.find((node: { name: string }) => node.name === name).parameters.jsCode;

type Item = { json: Record<string, any> };
const now = DateTime.fromISO('2026-03-10T06:00:00', { zone: 'America/New_York' });
const day = (daysAgo: number) => now.minus({ days: daysAgo }).toISODate()!;

/** Runs a Code node (mode "once for all items") with the named nodes' items. */
function run(name: string, input: Item[], nodes: Record<string, Item[]>): Item[] {
	const $ = (node: string) => ({
		all: () => nodes[node] ?? [],
		first: () => (nodes[node] ?? [])[0],
	});
	const body = new Function('$', '$input', '$now', 'DateTime', jsCode(name));
	return body($, { all: () => input }, now, DateTime) as Item[];
}

const SETTINGS = {
	healthy_from: 80,
	at_risk_from: 60,
	digest_email: 'cs-team@acme.test',
	default_csm_email: 'csm@acme.test',
};

describe('Previous score', () => {
	const previous = (customer: Record<string, unknown>, history: Array<Record<string, unknown>>) =>
		run('Previous score', [{ json: customer }], {
			'Recent history': history.map((json) => ({ json })),
		})[0].json.previous_health_score;

	it('is the customer’s latest cs_health_history score before today, not the row’s', () => {
		expect(
			previous({ customer_id: 'c1', health_score: 60, health_scored_at: '2020-01-01T06:00:00Z' }, [
				{ customer_id: 'c1', day: day(3), score: 90 },
				{ customer_id: 'c1', day: day(1), score: 75 },
				{ customer_id: 'c1', day: day(0), score: 10 },
				{ customer_id: 'c2', day: day(1), score: 20 },
			]),
		).toBe(75);
	});

	it('without history before today: the row’s score, or on a second run the same day the row’s previous score', () => {
		expect(previous({ customer_id: 'c1', health_score: 60 }, [{}])).toBe(60);
		expect(
			previous(
				{
					customer_id: 'c1',
					health_score: 58,
					previous_health_score: 80,
					health_scored_at: now.toISO(),
				},
				[{ customer_id: 'c1', day: day(0), score: 58 }],
			),
		).toBe(80);
		expect(previous({ customer_id: 'c1' }, [])).toBeUndefined();
	});
});

describe('Alerts per CSM', () => {
	const scored = (
		customer_id: string,
		csm_email: string | undefined,
		score: number,
		previousScore: number | null,
		alerts: string[] = [],
	): Item => ({
		json: {
			customer_id,
			company: `${customer_id} Ltd`,
			...(csm_email ? { csm_email } : {}),
			created_the_day: true,
			health: {
				score,
				previousScore,
				grade: score >= 60 ? 'C' : 'D',
				category: score >= 80 ? 'healthy' : score >= 60 ? 'at_risk' : 'critical',
				alerts: alerts.map((type) => ({ type })),
			},
		},
	});
	const customers = [
		scored('drop', 'dora@acme.test', 58, 80, ['health_score_drop']),
		scored('new', 'dora@acme.test', 58, null),
		scored('fall', 'fred@acme.test', 40, 85, ['health_score_drop']),
		scored('orphan', undefined, 55, null),
		scored('steady', 'sue@acme.test', 95, 95),
	];
	const digests = (settings: Record<string, unknown>) =>
		run('Alerts per CSM', customers, {
			Settings: [{ json: settings }],
			'Today’s scores so far': [],
		}).map(({ json }) => ({
			email: json.email,
			drops: json.drops.map((entry: { customer_id: string }) => entry.customer_id),
			new_at_risk: json.new_at_risk.map((entry: { customer_id: string }) => entry.customer_id),
		}));

	it('one email per CSM with that CSM’s customers (the Settings CSM for a customer without one), then the team’s', () => {
		expect(digests(SETTINGS)).toEqual([
			{ email: 'dora@acme.test', drops: ['drop'], new_at_risk: ['drop', 'new'] },
			{ email: 'fred@acme.test', drops: ['fall'], new_at_risk: ['fall'] },
			{ email: 'csm@acme.test', drops: [], new_at_risk: ['orphan'] },
			{
				email: 'cs-team@acme.test',
				drops: ['drop', 'fall'],
				new_at_risk: ['drop', 'new', 'fall', 'orphan'],
			},
		]);
	});

	it('without a team address, no team digest; without a Settings CSM, the team address stands in', () => {
		expect(digests({ ...SETTINGS, digest_email: '' }).map((digest) => digest.email)).toEqual([
			'dora@acme.test',
			'fred@acme.test',
			'csm@acme.test',
		]);
		expect(digests({ ...SETTINGS, default_csm_email: '' })).toContainEqual({
			email: 'cs-team@acme.test',
			drops: ['drop', 'fall'],
			new_at_risk: ['drop', 'new', 'fall', 'orphan'],
		});
		expect(
			digests({ ...SETTINGS, default_csm_email: '' }).filter(
				(digest) => digest.email === 'cs-team@acme.test',
			),
		).toHaveLength(1);
	});
});
