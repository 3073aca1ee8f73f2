import { describeIssues } from '../customer/record';
import { assertPlainData, InvalidDataError } from '../shared/plainData';
import { previewValue } from '../shared/preview';
import { healthModelSchema, InvalidHealthModelError, type HealthModel } from './model';

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
	if (!result.success)
		throw new InvalidHealthModelError(`${label}: ${describeIssues(result.error, '', model)}`);
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
	return (
		name
			.trim()
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '_')
			.replace(/^_|_$/g, '') || 'component'
	);
}

/** The rows of one UI table (an expression may give anything): a list of objects, each named by its number. */
function tableRows(rows: unknown, table: string): Array<Record<string, unknown>> {
	if (rows === undefined || rows === null) return [];
	try {
		assertPlainData(rows, table);
	} catch (error) {
		if (error instanceof InvalidDataError)
			throw new InvalidHealthModelError(`Custom model: ${error.message}`);
		throw error;
	}
	if (!Array.isArray(rows))
		throw new InvalidHealthModelError(
			`Custom model: ${table}: must be a list of rows (got ${previewValue(rows)})`,
		);
	rows.forEach((row, index) => {
		if (row === null || typeof row !== 'object' || Array.isArray(row)) {
			throw new InvalidHealthModelError(
				`Custom model: ${table} row ${index + 1}: must be a row of the table (got ${previewValue(row)})`,
			);
		}
	});
	return rows as Array<Record<string, unknown>>;
}

/** A text cell of a row: trimmed; anything but text is an error naming the table, the row and the column. */
function textCell(row: Record<string, unknown>, column: string, where: string): string {
	const value = row[column];
	if (typeof value !== 'string' || value.trim() === '') {
		throw new InvalidHealthModelError(
			`Custom model: ${where}: ${column} must be text (got ${previewValue(value)})`,
		);
	}
	return value.trim();
}

/** A custom model from the two UI tables; an unknown component name or a bad number is an error naming the row. */
export function modelFromTables(componentRows: unknown, metricRows: unknown): HealthModel {
	const components = tableRows(componentRows, 'Components').map((row, index) => ({
		row,
		name: textCell(row, 'name', `component ${index + 1}`),
	}));
	const metrics = tableRows(metricRows, 'Metrics').map((row, index) => ({
		row,
		component: textCell(row, 'component', `metric ${index + 1}`),
		field: textCell(row, 'field', `metric ${index + 1}`),
	}));
	if (components.length === 0)
		throw new InvalidHealthModelError('Custom model: add at least one component');
	const byName = new Set(components.map((component) => component.name.toLowerCase()));
	metrics.forEach((metric, index) => {
		if (!byName.has(metric.component.toLowerCase())) {
			throw new InvalidHealthModelError(
				`Custom model: metric ${index + 1} (${previewValue(metric.field)}) names component ${previewValue(metric.component)}, which is not in the components table (${components.map((c) => c.name).join(', ')})`,
			);
		}
	});
	const model = {
		id: 'custom',
		name: 'Custom model',
		components: components.map((component) => ({
			key: keyOf(component.name),
			name: component.name,
			weight: component.row.weight,
			metrics: metrics
				.filter((metric) => metric.component.toLowerCase() === component.name.toLowerCase())
				.map((metric) => {
					const base = { key: metric.field, name: metric.field, weight: metric.row.weight };
					return metric.row.direction === 'lower'
						? {
								...base,
								type: 'lower',
								ideal: metric.row.ideal,
								worst: metric.row.worst ?? Number.NaN,
							}
						: { ...base, type: 'higher', ideal: metric.row.ideal };
				}),
		})),
	};
	return revalidate(model, 'Custom model is invalid');
}
