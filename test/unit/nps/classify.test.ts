import { DateTime } from 'luxon';

import { classifyResponse, NPS_FOLLOW_UPS, type NpsClassifyConfig } from '../../../src/nps';

/** Noon UTC on 2026-03-10: due times of records without a response time count from here. */
const REFERENCE = DateTime.fromISO('2026-03-10T12:00:00Z', { zone: 'UTC' });
const config: NpsClassifyConfig = { reference: REFERENCE, defaultTimeZone: 'UTC' };
const classify = (item: Record<string, unknown>, overrides: Partial<NpsClassifyConfig> = {}) =>
	classifyResponse(item, { ...config, ...overrides });
const dueTimes = (item: Record<string, unknown>, overrides?: Partial<NpsClassifyConfig>) =>
	classify(item, overrides).followUp.actions.map((action) => [action.action, action.dueAt]);

describe('classify: segment at every edge', () => {
	it.each([
		[0, 'detractor'],
		[6, 'detractor'],
		[7, 'passive'],
		[8, 'passive'],
		[9, 'promoter'],
		[10, 'promoter'],
	])('nps_score %i -> %s', (score, segment) => {
		expect(classify({ nps_score: score })).toMatchObject({ score, segment });
	});

	it('reads a numeric string, a nested record and a custom score field', () => {
		expect(classify({ nps_score: '8' }).segment).toBe('passive');
		expect(classify({ customer: { nps_score: 9 } }, { customerPath: 'customer' }).segment).toBe(
			'promoter',
		);
		expect(classify({ survey: { score: 6 } }, { scoreField: 'survey.score' }).segment).toBe(
			'detractor',
		);
	});

	it('fails a score out of range, not a number, fractional or missing, naming the field', () => {
		expect(() => classify({ nps_score: 11 })).toThrow(
			'nps_score: must be a whole number from 0 to 10 (got 11)',
		);
		expect(() => classify({ nps_score: 'great' })).toThrow(
			'nps_score: must be a whole number from 0 to 10 (got "great")',
		);
		expect(() => classify({ survey: { score: 8.5 } }, { scoreField: 'survey.score' })).toThrow(
			'survey.score: must be a whole number from 0 to 10 (got 8.5)',
		);
		expect(() => classify({ customer_id: 'c1' })).toThrow('nps_score: is missing');
		expect(() => classify({ nps_score: 9 }, { customerPath: 'customer' })).toThrow(
			'Field "customer" must hold the customer record as an object',
		);
	});
});

describe('classify: follow-up per segment (docs/sources.md#nps-follow-up-by-segment, docs/sources.md#nps-response-handling, docs/sources.md#cs-workflows, docs/sources.md#cs-email-templates)', () => {
	it('detractor: CSM alert and follow-up email at once, call within 24 hours, escalation after 3 days', () => {
		expect(classify({ nps_score: 4, timezone: 'Europe/Madrid' })).toEqual({
			score: 4,
			segment: 'detractor',
			followUp: {
				playbook: 'nps.nps_detractor',
				priority: 'high',
				respondedAt: '2026-03-10T13:00:00+01:00',
				dueFrom: 'referenceTime',
				timezone: 'Europe/Madrid',
				actions: [
					{
						order: 1,
						action: 'notify_csm',
						description: 'Alert the CSM to the detractor response',
						channel: 'notification',
						owner: 'csm',
						template: null,
						timing: 'Immediately',
						dueAt: '2026-03-10T13:00:00+01:00',
						condition: null,
					},
					{
						order: 2,
						action: 'send_followup_email',
						description: 'Thank them for the feedback and ask for a short call',
						channel: 'email',
						owner: 'csm',
						template: 'nps_followup_detractor',
						timing: 'Immediately',
						dueAt: '2026-03-10T13:00:00+01:00',
						condition: null,
					},
					{
						order: 3,
						action: 'call_customer',
						description:
							'Call to understand and solve the problem, and offer compensation where it is due',
						channel: 'call',
						owner: 'csm',
						template: null,
						timing: 'Within 24h',
						dueAt: '2026-03-11T13:00:00+01:00',
						condition: null,
					},
					{
						order: 4,
						action: 'escalate_to_manager',
						description: 'Escalate to the CS manager if the customer has not been followed up',
						channel: 'task',
						owner: 'cs_manager',
						template: null,
						timing: '3 days',
						dueAt: '2026-03-13T13:00:00+01:00',
						condition: 'no_followup',
					},
				],
			},
		});
	});

	it('passive: a 15-minute interview ask within 3 days (the agent specification (docs/sources.md#nps-response-handling) gives passives nothing)', () => {
		const { followUp } = classify({ nps_score: 7 });
		expect(followUp).toMatchObject({ playbook: null, priority: 'normal', timezone: 'UTC' });
		expect(followUp.actions).toEqual([
			{
				order: 1,
				action: 'request_interview',
				description: 'Ask for a 15-minute interview on what is missing to make them a promoter',
				channel: 'email',
				owner: 'csm',
				template: null,
				timing: 'Within 3 days',
				dueAt: '2026-03-13T12:00:00Z',
				condition: null,
			},
		]);
	});

	it('promoter: advocacy pipeline and thanks at once, case study / testimonial / referral ask after 7 days', () => {
		const { followUp } = classify({ nps_score: 10 });
		expect(followUp).toMatchObject({ playbook: 'nps.nps_promoter', priority: 'normal' });
		expect(followUp.actions.map((action) => [action.action, action.channel, action.dueAt])).toEqual(
			[
				['add_to_advocacy_pipeline', 'system', '2026-03-10T12:00:00Z'],
				['send_thank_you', 'email', '2026-03-10T12:00:00Z'],
				['send_advocacy_invite', 'email', '2026-03-17T12:00:00Z'],
			],
		);
		expect(followUp.actions[2].description).toBe(
			'Ask for a case study, a testimonial and a referral (affiliate program)',
		);
	});

	it('the only template is the seed’s nps_followup_detractor, and every action cites a seed', () => {
		const templates = Object.values(NPS_FOLLOW_UPS).flatMap((definition) =>
			definition.actions.map((action) => action.template).filter((template) => template !== null),
		);
		expect(templates).toEqual(['nps_followup_detractor']);
		for (const definition of Object.values(NPS_FOLLOW_UPS)) {
			for (const action of definition.actions)
				expect(action.source).toMatch(/\(docs\/sources\.md#[a-z0-9-]+(, #[a-z0-9-]+)*\)$/);
		}
	});
});

describe('classify: due times from the response time, in the customer’s time zone', () => {
	it('counts from nps_responded_at when present: 24 real hours across a DST change, 3 calendar days', () => {
		// New York moves to EDT on 2026-03-08 at 02:00: 10:00 EST + 24 h is 11:00 EDT; + 3 days stays at 10:00.
		const item = {
			nps_score: 3,
			timezone: 'America/New_York',
			nps_responded_at: '2026-03-07T15:00:00Z',
		};
		expect(classify(item).followUp).toMatchObject({
			respondedAt: '2026-03-07T10:00:00-05:00',
			dueFrom: 'nps_responded_at',
			timezone: 'America/New_York',
		});
		expect(dueTimes(item)).toEqual([
			['notify_csm', '2026-03-07T10:00:00-05:00'],
			['send_followup_email', '2026-03-07T10:00:00-05:00'],
			['call_customer', '2026-03-08T11:00:00-04:00'],
			['escalate_to_manager', '2026-03-10T10:00:00-04:00'],
		]);
	});

	it('a response received days ago is due from when the customer answered, not from now (already overdue)', () => {
		const item = { nps_score: 0, nps_responded_at: '2026-03-01T08:30:00Z' };
		expect(dueTimes(item)[2]).toEqual(['call_customer', '2026-03-02T08:30:00Z']);
	});

	it('uses the default zone without a record timezone, and a custom response-time field', () => {
		const item = { nps_score: 8, answered: { at: '2026-03-10T09:00:00+09:00' } };
		expect(
			dueTimes(item, { defaultTimeZone: 'Asia/Tokyo', responseTimeField: 'answered.at' }),
		).toEqual([['request_interview', '2026-03-13T09:00:00+09:00']]);
	});

	it('fails a malformed response time or time zone, naming the field', () => {
		expect(() => classify({ nps_score: 9, nps_responded_at: 'last tuesday' })).toThrow(
			'nps_responded_at: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "last tuesday")',
		);
		expect(() => classify({ nps_score: 9, timezone: 'Mars/Olympus' })).toThrow(
			'timezone: must be a valid IANA time zone',
		);
	});
});
