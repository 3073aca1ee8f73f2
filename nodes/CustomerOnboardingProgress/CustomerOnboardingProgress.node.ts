import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import {
	compileProgram,
	DEFAULT_FIRST_VALUE_HOURS,
	DEFAULT_PROGRAM_LABEL,
	DEFAULT_STALLED_AFTER_DAYS,
	evaluateOnboarding,
	MID_MARKET_COMPILED,
	parseOnboardingProgram,
	SELF_SERVE_COMPILED,
	type CompiledProgram,
} from '../../src/onboarding';
import { defineNode, eachItem } from '../shared/adapter';
import { onboardingProgressProperties, STATUS_ROUTES, type ProgramChoice } from './description';

const NODE = defineNode({
	outputs: [{ when: { outputMode: 'byStatus' }, routes: STATUS_ROUTES }],
	pipeline(run) {
		const choice = run.choice<ProgramChoice>('program', 'bySegment');
		// A custom program is parsed once per distinct JSON (once per execution without an expression).
		const customProgram = run.derived<unknown, CompiledProgram>({
			parameters: ['programJson'],
			read: (scope) => scope.get<unknown>('programJson'),
			build: (raw) => compileProgram(parseOnboardingProgram(raw, DEFAULT_PROGRAM_LABEL)),
		});
		return eachItem((item, scope) => {
			let program: CompiledProgram | undefined;
			if (choice === 'selfServe') program = SELF_SERVE_COMPILED;
			else if (choice === 'midMarket') program = MID_MARKET_COMPILED;
			else if (choice === 'customJson') program = customProgram(scope);
			const onboarding = evaluateOnboarding(item.json, {
				program,
				segmentField: choice === 'bySegment' ? scope.get<string>('segmentField', '') : undefined,
				customerPath: scope.customerPath,
				stalledAfterDays: scope.get<unknown>('stalledAfterDays', DEFAULT_STALLED_AFTER_DAYS),
				firstValueHours: scope.get<unknown>('firstValueHours', DEFAULT_FIRST_VALUE_HOURS),
				reference: scope.reference,
				defaultTimeZone: scope.zone,
			});
			return {
				json: { ...item.json, onboarding: onboarding as unknown as IDataObject },
				route: onboarding.status,
			};
		});
	},
});

export class CustomerOnboardingProgress implements INodeType {
	/** The adapter this node is built on: its output modes and routes, and what it does per execution. */
	static readonly adapter = NODE;

	description: INodeTypeDescription = {
		displayName: 'Onboarding Progress',
		name: 'customerOnboardingProgress',
		icon: {
			light: 'file:customerOnboardingProgress.svg',
			dark: 'file:customerOnboardingProgress.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"bySegment": "Program by segment", "selfServe": "Self-Serve Quick Start", "midMarket": "Mid-Market Success Program", "customJson": "Custom program"}[$parameter["program"]] }}',
		description:
			'Track each customer through an onboarding program: progress, current step, milestones to celebrate, overdue milestones, stalled onboardings, the first-value check and the hand-off to adoption',
		defaults: { name: 'Onboarding Progress' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: NODE.outputs,
		properties: onboardingProgressProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await NODE.execute(this);
	}
}
