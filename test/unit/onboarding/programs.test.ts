import {
	BUILTIN_PROGRAMS,
	compileProgram,
	MID_MARKET_ONBOARDING,
	parseOnboardingProgram,
	selectProgram,
	SELF_SERVE_ONBOARDING,
} from '../../../src/onboarding';

/** docs/sources.md#onboarding-programs: the two programmes as data, and selectProgram. */

describe('the self-serve programme (seed 002 §4.1 SELF_SERVE_ONBOARDING)', () => {
	it('has the seed’s seven steps in order, five of them required, with their criteria and estimates', () => {
		expect(
			SELF_SERVE_ONBOARDING.steps.map((step) => [
				step.order,
				step.id,
				step.type,
				step.required,
				step.estimatedMinutes,
				step.completionCriteria,
			]),
		).toEqual([
			[1, 'welcome', 'action', true, 5, 'profile_completed'],
			[2, 'first_chatbot', 'action', true, 10, 'chatbot_created'],
			[3, 'customize', 'action', true, 15, 'chatbot_customized'],
			[4, 'install', 'integration', true, 10, 'widget_installed'],
			[5, 'first_conversation', 'action', true, 5, 'first_conversation_completed'],
			[6, 'connect_whatsapp', 'integration', false, 20, 'whatsapp_connected'],
			[7, 'invite_team', 'action', false, 5, 'team_invited'],
		]);
		expect(SELF_SERVE_ONBOARDING).toMatchObject({
			id: 'self-serve-v1',
			name: 'Self-Serve Quick Start',
			targetSegment: 'self_serve',
			duration: 7,
		});
		expect(SELF_SERVE_ONBOARDING.steps[1].resources).toEqual([
			{ type: 'guide', title: 'Chatbot Builder Guide', url: '/docs/builder' },
			{ type: 'video', title: 'Creating Your First Bot', url: '/videos/first-bot' },
		]);
	});

	it('has the milestones of days 1, 3 and 7 with the seed’s celebration texts', () => {
		expect(SELF_SERVE_ONBOARDING.milestones).toEqual([
			{
				id: 'day1',
				name: 'Day 1: First Bot Live',
				targetDay: 1,
				criteria: ['chatbot_created', 'widget_installed'],
				celebration: '🎉 Tu primer chatbot está activo!',
			},
			{
				id: 'day3',
				name: 'Day 3: First Value',
				targetDay: 3,
				criteria: ['first_conversation_completed'],
				celebration: '🚀 Has atendido tu primera conversación automática!',
			},
			{
				id: 'day7',
				name: 'Day 7: Fully Onboarded',
				targetDay: 7,
				criteria: ['all_required_steps_completed'],
				celebration: '⭐ Onboarding completado! Ya eres un pro.',
			},
		]);
	});
});

describe('the mid-market programme (seed 002 §4.1 MID_MARKET_ONBOARDING)', () => {
	it('has six required steps over 30 days and four weekly milestones without celebration text', () => {
		expect(
			MID_MARKET_ONBOARDING.steps.map((step) => [
				step.id,
				step.type,
				step.required,
				step.estimatedMinutes,
				step.completionCriteria,
			]),
		).toEqual([
			['kickoff', 'meeting', true, 45, 'kickoff_completed'],
			['discovery', 'meeting', true, 60, 'requirements_documented'],
			['implementation', 'action', true, 180, 'implementation_completed'],
			['training', 'meeting', true, 60, 'training_completed'],
			['go_live', 'action', true, 30, 'live_in_production'],
			['review_30', 'meeting', true, 30, '30_day_review_completed'],
		]);
		expect(
			MID_MARKET_ONBOARDING.milestones.map((m) => [m.id, m.targetDay, m.criteria, m.celebration]),
		).toEqual([
			['week1', 7, ['kickoff_completed', 'requirements_documented'], null],
			['week2', 14, ['implementation_completed'], null],
			['week3', 21, ['training_completed', 'live_in_production'], null],
			['week4', 30, ['30_day_review_completed'], null],
		]);
		expect(MID_MARKET_ONBOARDING).toMatchObject({
			id: 'mid-market-v1',
			name: 'Mid-Market Success Program',
			duration: 30,
		});
	});

	it('both built-in programmes pass the custom-programme schema unchanged', () => {
		for (const program of BUILTIN_PROGRAMS)
			expect(parseOnboardingProgram(program)).toEqual(program);
	});
});

describe('selectProgram (seed 002 §4.2): enterprise and mid_market get mid-market, the rest self-serve', () => {
	it.each([
		['enterprise', 'mid-market-v1'],
		['mid_market', 'mid-market-v1'],
		['Mid-Market', 'mid-market-v1'],
		[' ENTERPRISE ', 'mid-market-v1'],
		['mid market', 'mid-market-v1'],
		['smb', 'self-serve-v1'],
		['self_serve', 'self-serve-v1'],
		['startup', 'self-serve-v1'],
		['', 'self-serve-v1'],
		[null, 'self-serve-v1'],
		[undefined, 'self-serve-v1'],
	])('%p -> %s', (segment, id) => {
		expect(selectProgram(segment).id).toBe(id);
	});
});

describe('milestone criteria are mapped to steps (the seed compares criteria with step ids and never matches)', () => {
	/** The seed's checkMilestones, as written: criteria looked up among the completed step ids. */
	const seedCheckMilestones = (completedSteps: string[], progress: number) =>
		SELF_SERVE_ONBOARDING.milestones
			.filter((m) =>
				m.criteria.every((c) =>
					c === 'all_required_steps_completed' ? progress === 100 : completedSteps.includes(c),
				),
			)
			.map((m) => m.id);

	it('the seed’s tracker stores step ids, so day 1 and day 3 never fire there', () => {
		const all = SELF_SERVE_ONBOARDING.steps.map((step) => step.id);
		expect(seedCheckMilestones(all, 100)).toEqual(['day7']);
	});

	it('compiled, each criterion names its step', () => {
		const compiled = compileProgram(SELF_SERVE_ONBOARDING);
		expect(
			compiled.milestones.map((entry) => [entry.milestone.id, entry.allRequired, entry.stepIds]),
		).toEqual([
			['day1', false, ['first_chatbot', 'install']],
			['day3', false, ['first_conversation']],
			['day7', true, []],
		]);
		expect(compiled.requiredStepIds).toEqual([
			'welcome',
			'first_chatbot',
			'customize',
			'install',
			'first_conversation',
		]);
	});
});
