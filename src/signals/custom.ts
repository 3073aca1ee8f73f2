import { z } from 'zod';

import { describeIssues } from '../customer/record';
import { toFiniteNumber } from '../shared/numbers';
import { previewValue } from '../shared/preview';
import { BUILT_IN_SIGNAL_TYPES, InvalidSignalConfigError } from './catalogue';
import {
	BOOLEAN_OPERATORS,
	NUMERIC_OPERATORS,
	OPERATOR_SYMBOLS,
	OPERATORS,
	SEVERITIES,
	type Operator,
	type SignalRule,
} from './rules';

/** Custom signals built in the node's UI: one row each, validated here so an error names the row. */

export interface CustomSignalRow {
	type?: unknown;
	field?: unknown;
	operator?: unknown;
	value?: unknown;
	severity?: unknown;
	description?: unknown;
}

/** Letters, digits, "_", "-", "." and ":" only: the type is part of the cooldown keys (`customer|type|date`). */
const TYPE_PATTERN = /^[A-Za-z0-9_.:-]+$/;

const rowSchema = z
	.object({
		type: z
			.string({ required_error: 'is required', invalid_type_error: 'must be text' })
			.trim()
			.min(1, 'is required')
			.regex(TYPE_PATTERN, 'must use only letters, digits, "_", "-", "." and ":" (no spaces)'),
		field: z
			.string({ required_error: 'is required', invalid_type_error: 'must be text' })
			.trim()
			.min(1, 'is required'),
		operator: z.enum(OPERATORS as [Operator, ...Operator[]], {
			errorMap: () => ({ message: `must be one of ${OPERATORS.join(', ')}` }),
		}),
		value: z.union([z.string(), z.number(), z.boolean()]).nullable().optional(),
		severity: z
			.enum(SEVERITIES, {
				errorMap: () => ({ message: `must be one of ${SEVERITIES.join(', ')}` }),
			})
			.default('medium'),
		description: z.string().nullable().optional(),
	})
	.passthrough()
	.superRefine((row, ctx) => {
		const symbol = OPERATOR_SYMBOLS[row.operator];
		if (NUMERIC_OPERATORS.includes(row.operator) && toFiniteNumber(row.value) === undefined) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['value'],
				message: `must be a number for operator "${symbol}" (got ${previewValue(row.value ?? '')})`,
			});
		}
		if (
			(row.operator === 'equals' || row.operator === 'notEquals') &&
			(row.value === undefined || row.value === null || String(row.value).trim() === '')
		) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['value'],
				message: `is required for operator "${symbol}"`,
			});
		}
	});

function describeRow(row: unknown, index: number): string {
	const type = (row as { type?: unknown } | null)?.type;
	return typeof type === 'string' && type.trim() !== ''
		? `Custom signal ${index + 1} (${previewValue(type.trim())})`
		: `Custom signal ${index + 1}`;
}

function defaultDescription(field: string, operator: Operator, value: unknown): string {
	const symbol = OPERATOR_SYMBOLS[operator];
	return BOOLEAN_OPERATORS.includes(operator)
		? `${field} ${symbol}`
		: `${field} ${symbol} ${String(value).trim()}`;
}

/** Turns the UI rows into rules; a bad row, a duplicate type or a built-in name throws naming the row. */
export function customRules(rows: unknown): SignalRule[] {
	if (rows === undefined || rows === null) return [];
	if (!Array.isArray(rows)) {
		throw new InvalidSignalConfigError(
			`Custom Signals: must be a list of rows (got ${previewValue(rows)})`,
		);
	}
	const seen = new Map<string, number>();
	return rows.map((row, index) => {
		const label = describeRow(row, index);
		const parsed = rowSchema.safeParse(row);
		if (!parsed.success)
			throw new InvalidSignalConfigError(`${label}: ${describeIssues(parsed.error, '', row)}`);
		const { type, field, operator, value, severity, description } = parsed.data;
		if ((BUILT_IN_SIGNAL_TYPES as string[]).includes(type)) {
			throw new InvalidSignalConfigError(
				`${label}: type "${type}" is a built-in signal; pick another name (turn the built-in one off in Signals, or change its threshold in Options > Thresholds)`,
			);
		}
		const previous = seen.get(type);
		if (previous !== undefined) {
			throw new InvalidSignalConfigError(
				`${label}: type "${type}" is already used by custom signal ${previous + 1}`,
			);
		}
		seen.set(type, index);

		let threshold: number | string | null = null;
		if (NUMERIC_OPERATORS.includes(operator)) threshold = toFiniteNumber(value) as number;
		else if (!BOOLEAN_OPERATORS.includes(operator)) {
			threshold = toFiniteNumber(value) ?? String(value).trim();
		}
		return {
			type,
			field,
			operator,
			threshold,
			severity,
			description: description?.trim() || defaultDescription(field, operator, value),
			builtIn: false,
		};
	});
}
