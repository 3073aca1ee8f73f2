import { EVENT_CATALOG, EVENT_NAME_PATTERN } from '../../../src/events';
import { STAGE_WORKFLOWS } from '../../../src/lifecycle';
import { CS_WORKFLOW_PLAYBOOKS } from '../../../src/playbooks';

const names = EVENT_CATALOG.map((event) => event.name);

describe('the event catalogue', () => {
	it('holds the trigger names used across the seeds', () => {
		expect(names).toEqual(
			expect.arrayContaining([
				'subscription_created',
				'onboarding_step_completed',
				'onboarding_stalled',
				'login',
				'usage_dropped_50_percent',
				'nps_response',
				'cancellation_requested',
				'payment_failed',
				'subscription_cancelled',
				'subscription_reactivated',
				'renewal_in_90_days',
				'renewal_in_60_days',
				'renewal_in_30_days',
				'health_score_dropped_20',
				'expansion_signal_detected',
			]),
		);
	});

	it('holds every lifecycle workflow of docs/sources.md#stage-workflows and every trigger of the built-in CS workflows', () => {
		expect(names).toEqual(expect.arrayContaining(Object.values(STAGE_WORKFLOWS).flat()));
		expect(names).toEqual(
			expect.arrayContaining(CS_WORKFLOW_PLAYBOOKS.map((playbook) => playbook.trigger as string)),
		);
	});

	it('has each name once, every name a valid event name, and a description for each', () => {
		expect(new Set(names).size).toBe(names.length);
		for (const event of EVENT_CATALOG) {
			expect(event.name).toMatch(EVENT_NAME_PATTERN);
			expect(event.description.length).toBeGreaterThan(10);
		}
	});
});
