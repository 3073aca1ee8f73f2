import type { INodeProperties } from 'n8n-workflow';

import { advocacyProperties } from '../CustomerAdvocacy/description';
import { businessReviewProperties } from '../CustomerBusinessReview/description';
import { churnSignalsProperties } from '../CustomerChurnSignals/description';
import { emailTemplateProperties } from '../CustomerEmailTemplate/description';
import { engagementScoreProperties } from '../CustomerEngagementScore/description';
import { expansionSignalsProperties } from '../CustomerExpansionSignals/description';
import { healthScoreProperties } from '../CustomerHealthScore/description';
import { lifecycleStageProperties } from '../CustomerLifecycleStage/description';
import { npsProperties } from '../CustomerNps/description';
import { onboardingProgressProperties } from '../CustomerOnboardingProgress/description';
import { playbookProperties } from '../CustomerPlaybook/description';

/**
 * A parameter's name as the node shows it ("options.minCoverage" -> "Minimum Coverage"), so an error about a value an
 * expression gave names what the user sees. Built once per node type from its description.
 */

const PROPERTIES: Record<string, INodeProperties[]> = {
	customerAdvocacy: advocacyProperties,
	customerBusinessReview: businessReviewProperties,
	customerChurnSignals: churnSignalsProperties,
	customerEmailTemplate: emailTemplateProperties,
	customerEngagementScore: engagementScoreProperties,
	customerExpansionSignals: expansionSignalsProperties,
	customerHealthScore: healthScoreProperties,
	customerLifecycleStage: lifecycleStageProperties,
	customerNps: npsProperties,
	customerOnboardingProgress: onboardingProgressProperties,
	customerPlaybook: playbookProperties,
};

const labelsByNode = new Map<string, Map<string, string>>();

function collect(
	properties: readonly INodeProperties[],
	prefix: string,
	labels: Map<string, string>,
): void {
	for (const property of properties) {
		const path = `${prefix}${property.name}`;
		if (!labels.has(path)) labels.set(path, property.displayName);
		for (const option of property.options ?? []) {
			if (property.type === 'collection' && 'displayName' in option && 'type' in option) {
				collect([option as INodeProperties], `${path}.`, labels);
			} else if (property.type === 'fixedCollection' && 'values' in option) {
				const group = option as { name: string; displayName: string; values: INodeProperties[] };
				if (!labels.has(`${path}.${group.name}`))
					labels.set(`${path}.${group.name}`, property.displayName);
				collect(group.values, `${path}.${group.name}.`, labels);
			}
		}
	}
}

/** The display name of parameter `name` of node type `nodeType` (its full type or its name); `name` when unknown. */
export function parameterLabel(nodeType: string, name: string): string {
	let labels = labelsByNode.get(nodeType);
	if (!labels) {
		labels = new Map();
		collect(PROPERTIES[nodeType.slice(nodeType.lastIndexOf('.') + 1)] ?? [], '', labels);
		labelsByNode.set(nodeType, labels);
	}
	return labels.get(name) ?? name;
}
