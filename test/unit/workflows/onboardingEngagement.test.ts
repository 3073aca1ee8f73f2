/**
 * The Code nodes the Onboarding Progress and Engagement Score nodes depend on in their templates, run here on their
 * own with n8n's `$` and `$json` stubbed: CS 01's "Record the step" (what onboarding_step_completed writes on the
 * customer row) and CS 08's "Engagement or stand-in" (test/e2e/templates-welcome and templates-health run them in a
 * real n8n). Also the wiring: where Onboarding Progress and Engagement Score sit and what they are given.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

type Json = Record<string, any>;
type Workflow = {
	nodes: Array<{ name: string; type: string; parameters: Json; onError?: string }>;
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};

const load = (file: string): Workflow =>
	JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../../workflows/${file}.json`), 'utf8'));
const welcome = load('cs-01-welcome-onboarding');
const expansion = load('cs-08-expansion');
const node = (workflow: Workflow, name: string) => {
	const found = workflow.nodes.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`no node ${name}`);
	return found;
};
const targets = (workflow: Workflow, name: string, output = 0) =>
	(workflow.connections[name]?.main[output] ?? []).map((target) => target.node);

/** Runs a Code node (mode "once for each item") on `json`, with the trigger's item for `$('Customer Success Trigger')`. */
function runPerItem(workflow: Workflow, name: string, json: Json, trigger: Json = {}): Json {
	const $ = (nodeName: string) => {
		if (nodeName !== 'Customer Success Trigger') throw new Error(`unexpected $('${nodeName}')`);
		return { first: () => ({ json: trigger }) };
	};
	const body = new Function('$', '$json', node(workflow, name).parameters.jsCode);
	return (body($, json) as { json: Json }).json;
}

describe('CS 01 · Record the step (onboarding_step_completed)', () => {
	const record = (row: Json, data: Json | undefined, occurredAt = '2026-11-23T10:00:00.000Z') =>
		runPerItem(welcome, 'Record the step', row, {
			customer_id: 42,
			email: 'ana@example.com',
			event: 'onboarding_step_completed',
			occurredAt,
			data,
		});

	it('adds the step to the row’s list, once (case-insensitively), and counts them', () => {
		const first = record({}, { step: 'welcome' });
		expect(first).toMatchObject({
			customer_id: '42',
			email: 'ana@example.com',
			onboarding_completed_steps: '["welcome"]',
			onboarding_steps_completed: 1,
			onboarding_last_progress_at: '2026-11-23T10:00:00.000Z',
		});
		expect(
			record({ onboarding_completed_steps: '["welcome","chatbot_created"]' }, { step: ' Welcome ' })
				.onboarding_completed_steps,
		).toBe('["welcome","chatbot_created"]');
		expect(
			record({ onboarding_completed_steps: 'welcome, chatbot_created' }, { step: 'install' }),
		).toMatchObject({
			onboarding_completed_steps: '["welcome","chatbot_created","install"]',
			onboarding_steps_completed: 3,
		});
	});

	it('keeps the later progress time when events arrive out of order', () => {
		expect(
			record(
				{ onboarding_last_progress_at: '2026-11-24T08:00:00.000Z' },
				{ step: 'install' },
				'2026-11-23T10:00:00.000Z',
			).onboarding_last_progress_at,
		).toBe('2026-11-24T08:00:00.000Z');
	});

	it('a key action: first_key_action_at only the first time, last_key_action_at every time', () => {
		expect(record({}, { step: 'welcome', key_action: true })).toMatchObject({
			first_key_action_at: '2026-11-23T10:00:00.000Z',
			last_key_action_at: '2026-11-23T10:00:00.000Z',
		});
		expect(
			record(
				{
					first_key_action_at: '2026-11-22T09:00:00.000Z',
					last_key_action_at: '2026-11-22T09:00:00.000Z',
				},
				{ step: 'install', key_action: true },
			),
		).toMatchObject({
			first_key_action_at: '2026-11-22T09:00:00.000Z',
			last_key_action_at: '2026-11-23T10:00:00.000Z',
		});
		const plain = record({ first_key_action_at: '2026-11-22T09:00:00.000Z' }, { step: 'x' });
		expect('first_key_action_at' in plain || 'last_key_action_at' in plain).toBe(false);
	});

	it('without data.step the list stays as it is; a steps_completed count is kept as sent', () => {
		expect(
			record({ onboarding_completed_steps: '["welcome"]' }, { steps_completed: 4 }),
		).toMatchObject({ onboarding_completed_steps: '["welcome"]', onboarding_steps_completed: 4 });
		expect(record({}, undefined).onboarding_completed_steps).toBe('[]');
	});
});

describe('CS 01 · the onboarding checks of days 3, 5 and 7', () => {
	it.each([3, 5, 7])(
		'day %i: after the enrolment gate, Onboarding Progress by segment with the Settings’ rules',
		(day) => {
			const check = node(welcome, `Onboarding progress (day ${day})`);
			expect(check.type).toBe('n8n-nodes-customer-success.customerOnboardingProgress');
			expect(check.parameters).toMatchObject({
				program: 'bySegment',
				stalledAfterDays: "={{ $('Settings').first().json.stalled_after_days }}",
				firstValueHours: "={{ $('Settings').first().json.first_value_hours }}",
			});
			expect(targets(welcome, `Still onboarding? (day ${day})`)).toEqual([
				`Read customer (day ${day})`,
			]);
			expect(targets(welcome, `Current customer (day ${day})`)).toEqual([
				`Onboarding progress (day ${day})`,
			]);
			expect(targets(welcome, `Onboarding progress (day ${day})`)).toEqual(
				expect.arrayContaining([`Evaluated? (day ${day})`, `Newly stalled? (day ${day})`]),
			);
			expect(targets(welcome, `Newly stalled? (day ${day})`)).toEqual([
				'Render stalled help email',
				'Plan stalled onboarding tasks',
			]);
		},
	);

	it('the first-value nudge only on day 3', () => {
		expect(targets(welcome, 'Onboarding progress (day 3)')).toContain('First value missed?');
		for (const day of [5, 7])
			expect(targets(welcome, `Onboarding progress (day ${day})`)).not.toContain(
				'First value missed?',
			);
	});
});

describe('CS 08 · Engagement Score before Expansion Signals', () => {
	it('is wired record -> Engagement Score -> Engagement or stand-in -> Expansion Signals', () => {
		expect(node(expansion, 'Engagement Score').type).toBe(
			'n8n-nodes-customer-success.customerEngagementScore',
		);
		expect(targets(expansion, 'Customer record')).toEqual(['Engagement Score']);
		expect(targets(expansion, 'Engagement Score')).toEqual(
			expect.arrayContaining(['Engagement or stand-in', 'Engagement scored?']),
		);
		expect(targets(expansion, 'Engagement or stand-in')).toEqual(['Expansion Signals']);
	});

	it('a record whose engagement fields failed goes on without a score, the reason in engagement_error', () => {
		expect(
			runPerItem(expansion, 'Engagement or stand-in', { customer_id: 'c1', error: 'bad' }),
		).toEqual({ customer_id: 'c1', engagement_error: 'bad' });
		const scored = { customer_id: 'c2', engagement: { score: 94 } };
		expect(runPerItem(expansion, 'Engagement or stand-in', scored)).toEqual(scored);
	});
});
