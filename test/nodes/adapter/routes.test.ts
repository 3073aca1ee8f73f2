/**
 * The outputs n8n shows and the index the adapter sends an item to come from the same route list: for every node, every
 * output mode and every route, the route's name sits at the index its key resolves to, and Failed is last.
 */
import {
	NodeHelpers,
	Workflow,
	type INode,
	type INodeParameters,
	type INodeType,
} from 'n8n-workflow';

import { CustomerChurnSignals } from '../../../nodes/CustomerChurnSignals/CustomerChurnSignals.node';
import { TIER_ROUTES } from '../../../nodes/CustomerChurnSignals/description';
import { OPPORTUNITY_ROUTES } from '../../../nodes/CustomerExpansionSignals/description';
import { CustomerExpansionSignals } from '../../../nodes/CustomerExpansionSignals/CustomerExpansionSignals.node';
import { CATEGORY_ROUTES } from '../../../nodes/CustomerHealthScore/description';
import { CustomerHealthScore } from '../../../nodes/CustomerHealthScore/CustomerHealthScore.node';
import { CustomerLifecycleStage } from '../../../nodes/CustomerLifecycleStage/CustomerLifecycleStage.node';
import {
	TENURE_ROUTES,
	TRANSITION_ROUTES,
} from '../../../nodes/CustomerLifecycleStage/description';
import { CustomerNps } from '../../../nodes/CustomerNps/CustomerNps.node';
import { SEGMENT_ROUTES, THROTTLE_ROUTES } from '../../../nodes/CustomerNps/description';
import { CustomerPlaybook } from '../../../nodes/CustomerPlaybook/CustomerPlaybook.node';
import { PLAYBOOK_ROUTES } from '../../../nodes/CustomerPlaybook/description';
import {
	FAILED_OUTPUT,
	outputNames,
	outputsExpression,
	resolveOutputs,
	type AdaptedNode,
	type OutputMode,
	type Route,
} from '../../../nodes/shared/adapter';
import { LIFECYCLE_STAGES, TENURE_STAGES } from '../../../src/lifecycle';
import { NPS_SEGMENTS } from '../../../src/nps';
import { createNodeTypes, PACKAGE_NAME } from '../harness';

type AdaptedClass = { new (): INodeType; adapter: AdaptedNode };
const NODES: Record<string, AdaptedClass> = {
	customerHealthScore: CustomerHealthScore,
	customerChurnSignals: CustomerChurnSignals,
	customerExpansionSignals: CustomerExpansionSignals,
	customerLifecycleStage: CustomerLifecycleStage,
	customerNps: CustomerNps,
	customerPlaybook: CustomerPlaybook,
};
const nodeTypes = createNodeTypes(
	Object.fromEntries(Object.entries(NODES).map(([name, NodeClass]) => [name, new NodeClass()])),
);

/** The display names of the outputs n8n gives a node with these parameters (as the editor and the engine do). */
function n8nOutputs(
	type: string,
	parameters: INodeParameters,
	onError?: INode['onError'],
): string[] {
	const node: INode = {
		id: 'n',
		name: 'Node',
		type: `${PACKAGE_NAME}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		...(onError ? { onError } : {}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const description = nodeTypes.getByNameAndVersion(node.type, 1).description;
	return NodeHelpers.getNodeOutputs(workflow, node, description).map((output) =>
		typeof output === 'string' ? output : (output.displayName ?? output.type),
	);
}

/** Every parameter combination a mode's condition accepts. */
function parametersFor(mode: OutputMode): INodeParameters[] {
	let combinations: INodeParameters[] = [{}];
	for (const [name, value] of Object.entries(mode.when)) {
		const values = typeof value === 'string' ? [value] : [...value];
		combinations = combinations.flatMap((combination) =>
			values.map((one) => ({ ...combination, [name]: one })),
		);
	}
	return combinations;
}

describe.each(Object.entries(NODES))('%s', (type, NodeClass) => {
	const { spec, outputs } = NodeClass.adapter;

	it('declares the outputs expression built from its route lists', () => {
		expect(new NodeClass().description.outputs).toBe(outputs);
		expect(outputs).toBe(outputsExpression(spec.outputs));
	});

	it('puts every route at the index the adapter sends it to, and Failed last', () => {
		expect(spec.outputs.length).toBeGreaterThan(0);
		for (const mode of spec.outputs) {
			for (const parameters of parametersFor(mode)) {
				const shown = n8nOutputs(type, parameters);
				expect(shown).toEqual(outputNames(mode));
				const resolved = resolveOutputs(
					spec.outputs,
					(name) => (parameters as Record<string, unknown>)[name],
				);
				expect(resolved.mode).toBe(mode);
				expect(resolved.count).toBe(shown.length);
				mode.routes.forEach((route) => expect(shown[resolved.indexOf(route.key)]).toBe(route.name));
				expect(shown[resolved.failedIndex]).toBe(FAILED_OUTPUT);
				expect(resolved.failedIndex).toBe(shown.length - 1);
				// n8n's own Error output comes after Failed.
				expect(n8nOutputs(type, parameters, 'continueErrorOutput')).toEqual([...shown, 'Error']);
			}
		}
	});

	it('has a single unnamed output when no routed mode is chosen', () => {
		expect(
			n8nOutputs(type, { outputMode: 'single', mode: 'aggregate', playbook: 'save.nps_detractor' }),
		).toEqual(['main']);
		const resolved = resolveOutputs(spec.outputs, () => 'single');
		expect([
			resolved.routed,
			resolved.count,
			resolved.failedIndex,
			resolved.indexOf('anything'),
		]).toEqual([false, 1, 0, 0]);
	});
});

describe('the route lists', () => {
	const keys = (routes: readonly Route[]) => routes.map((route) => route.key);

	it('cover every value the domain core can route by', () => {
		// The SaaS retention strategy's churned band leaves by Critical (the node maps it).
		expect(keys(CATEGORY_ROUTES)).toEqual(['healthy', 'at_risk', 'critical', 'insufficient_data']);
		expect(keys(TIER_ROUTES)).toEqual(['immediate', 'urgent', 'monitor', 'none']);
		expect(keys(TRANSITION_ROUTES)).toEqual([...LIFECYCLE_STAGES]);
		expect(keys(TENURE_ROUTES)).toEqual([...TENURE_STAGES]);
		expect(keys(SEGMENT_ROUTES)).toEqual([...NPS_SEGMENTS]);
		expect(keys(THROTTLE_ROUTES)).toEqual(['eligible', 'recentlySurveyed']);
		expect(keys(OPPORTUNITY_ROUTES)).toEqual(['opportunity', 'noOpportunity']);
		expect(keys(PLAYBOOK_ROUTES)).toEqual(['playbook', 'noPlaybook']);
	});

	it('give the outputs the names the nodes have always shown', () => {
		expect(n8nOutputs('customerHealthScore', { outputMode: 'byCategory' })).toEqual([
			'Healthy',
			'At Risk',
			'Critical',
			'Insufficient Data',
			'Failed',
		]);
		expect(n8nOutputs('customerChurnSignals', { outputMode: 'byTier' })).toEqual([
			'Immediate',
			'Urgent',
			'Monitor',
			'None',
			'Failed',
		]);
		expect(n8nOutputs('customerExpansionSignals', { outputMode: 'byOpportunity' })).toEqual([
			'Opportunity',
			'No Opportunity',
			'Failed',
		]);
		expect(n8nOutputs('customerLifecycleStage', { outputMode: 'byStage' })).toEqual([
			'Trial',
			'Onboarding',
			'Adopting',
			'Growing',
			'Renewing',
			'Expanding',
			'Advocating',
			'At Risk',
			'Churned',
			'Failed',
		]);
		expect(n8nOutputs('customerLifecycleStage', { mode: 'tenure', outputMode: 'byStage' })).toEqual(
			['Onboarding', 'Adoption', 'Growth', 'Expansion', 'Failed'],
		);
		expect(n8nOutputs('customerLifecycleStage', { mode: 'tenure' })).toEqual(['main']);
		expect(n8nOutputs('customerNps', { outputMode: 'bySegment' })).toEqual([
			'Promoters',
			'Passives',
			'Detractors',
			'Failed',
		]);
		// Output per Segment is a Classify option: Throttle keeps its own two routes, Aggregate one output.
		expect(n8nOutputs('customerNps', { mode: 'throttle', outputMode: 'bySegment' })).toEqual([
			'Eligible',
			'Recently Surveyed',
			'Failed',
		]);
		expect(n8nOutputs('customerNps', { mode: 'aggregate' })).toEqual(['main']);
		expect(n8nOutputs('customerPlaybook', {})).toEqual(['Playbook', 'No Playbook', 'Failed']);
		expect(n8nOutputs('customerPlaybook', { playbook: 'save.nps_detractor' })).toEqual(['main']);
	});
});

describe('outputsExpression / resolveOutputs', () => {
	const modes: OutputMode[] = [
		{ when: { a: 'x', b: ['y', 'z'] }, routes: [{ key: 'one', name: 'One "quoted"' }] },
		{
			when: { a: 'x' },
			routes: [
				{ key: 'two', name: 'Two' },
				{ key: 'three', name: 'Three' },
			],
		},
	];

	it('writes one branch per mode, first match first, names escaped, Failed appended', () => {
		expect(outputsExpression(modes)).toBe(
			'={{ ($parameter["a"] === "x" && ["y","z"].includes($parameter["b"])) ? [{"type":"main","displayName":"One \\"quoted\\""},{"type":"main","displayName":"Failed"}] : ' +
				'($parameter["a"] === "x") ? [{"type":"main","displayName":"Two"},{"type":"main","displayName":"Three"},{"type":"main","displayName":"Failed"}] : [{"type":"main"}] }}',
		);
	});

	it('chooses at run time what the expression chooses', () => {
		const read = (values: Record<string, string>) => (name: string) => values[name];
		expect(resolveOutputs(modes, read({ a: 'x', b: 'z' })).names).toEqual([
			'One "quoted"',
			'Failed',
		]);
		expect(resolveOutputs(modes, read({ a: 'x', b: 'w' })).names).toEqual([
			'Two',
			'Three',
			'Failed',
		]);
		expect(resolveOutputs(modes, read({ a: 'w' })).names).toEqual([]);
		expect(() => resolveOutputs(modes, read({ a: 'x' })).indexOf('one')).toThrow(
			'This node has no output for "one" (outputs: Two, Three, Failed)',
		);
	});
});
