import { describeIssues } from '../customer/record';
import { healthModelSchema, InvalidHealthModelError, type HealthModel, type MetricSpec } from './model';

/** Builds and adjusts models from flat settings (the node's UI), always back through the model schema. */

export interface GradeThresholds {
	A: number;
	B: number;
	C: number;
	D: number;
}

/** Category minimums by key, e.g. { healthy: 85, at_risk: 65 }; keys the model lacks are ignored. */
export type CategoryThresholds = Partial<Record<'healthy' | 'at_risk' | 'critical', number>>;

function revalidate(model: unknown, label: string): HealthModel {
	const result = healthModelSchema.safeParse(model);
	if (!result.success) throw new InvalidHealthModelError(`${label}: ${describeIssues(result.error)}`);
	return result.data;
}

export function withThresholds(
	model: HealthModel,
	grades?: GradeThresholds,
	categories?: CategoryThresholds,
): HealthModel {
	if (!grades && !categories) return model;
	const next = {
		...model,
		grades: grades ?? model.grades,
		categories: model.categories.map((category) => {
			const min = categories?.[category.key as keyof CategoryThresholds];
			return min === undefined || category.min === 0 ? category : { ...category, min };
		}),
	};
	const ordered = ['healthy', 'at_risk', 'critical', 'churned']
		.map((key) => next.categories.find((category) => category.key === key))
		.filter((category): category is (typeof next.categories)[number] => category !== undefined);
	for (let i = 1; i < ordered.length; i++) {
		if (ordered[i].min >= ordered[i - 1].min) {
			throw new InvalidHealthModelError(
				`Category thresholds must decrease: ${ordered[i - 1].key} (${ordered[i - 1].min}) must be above ${ordered[i].key} (${ordered[i].min})`,
			);
		}
	}
	return revalidate(next, 'Thresholds are invalid');
}

/** One row of the node's "Components" table. */
export interface ComponentRow {
	name: string;
	weight: number;
}

/** One row of the node's "Metrics" table; `component` names a row of the components table. */
export interface MetricRow {
	component: string;
	field: string;
	direction: 'higher' | 'lower';
	ideal: number;
	worst?: number;
	weight: number;
}

function keyOf(name: string): string {
	return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'component';
}

/** A custom model from the two UI tables; an unknown component name or a bad number is an error naming the row. */
export function modelFromTables(components: ComponentRow[], metrics: MetricRow[]): HealthModel {
	if (components.length === 0) throw new InvalidHealthModelError('Custom model: add at least one component');
	const byName = new Map(components.map((component) => [component.name.trim().toLowerCase(), component]));
	metrics.forEach((metric, index) => {
		if (!byName.has(metric.component.trim().toLowerCase())) {
			throw new InvalidHealthModelError(
				`Custom model: metric ${index + 1} ("${metric.field}") names component "${metric.component}", which is not in the components table (${components.map((c) => c.name).join(', ')})`,
			);
		}
	});
	const model = {
		id: 'custom',
		name: 'Custom model',
		components: components.map((component) => ({
			key: keyOf(component.name),
			name: component.name.trim(),
			weight: component.weight,
			metrics: metrics
				.filter((metric) => metric.component.trim().toLowerCase() === component.name.trim().toLowerCase())
				.map((metric): MetricSpec => {
					const base = { key: metric.field.trim(), name: metric.field.trim(), weight: metric.weight };
					return metric.direction === 'lower'
						? { ...base, type: 'lower', ideal: metric.ideal, worst: metric.worst ?? Number.NaN }
						: { ...base, type: 'higher', ideal: metric.ideal };
				}),
		})),
	};
	return revalidate(model, 'Custom model is invalid');
}
