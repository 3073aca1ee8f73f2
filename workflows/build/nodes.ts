import { stableId, PACKAGE, type NodeSpec } from './template';
import { CUSTOMERS, tableByName } from './tables';

/**
 * Builders for the nodes the templates use, with the parameter shapes n8n itself saves. Versions are the ones both
 * n8n 1.123 and 2.x have, so a template imports into either.
 */

type At = [number, number];

/** The demo SMTP credential `npm start` creates; an imported template asks for the user's own where it is absent. */
export const SMTP_CREDENTIAL = {
	smtp: { id: 'csDemoMailSink01', name: 'CS demo mail sink (SMTP)' },
};
/** The trigger's credential `npm start` creates with a random secret. */
export const WEBHOOK_CREDENTIAL = {
	customerSuccessWebhookApi: { id: 'csDemoWebhook001', name: 'CS webhook secret' },
};

/** `{{ $('Settings').first().json.<name> }}` inside an expression. */
export const setting = (name: string) => `$('Settings').first().json.${name}`;

/** An expression parameter: `={{ code }}`. */
export const expr = (code: string) => `={{ ${code} }}`;

export type SettingValue = string | number | boolean;

/** The demo sender every template's Settings starts with: the email nodes read them. */
export const SENDER_SETTINGS = {
	product_name: 'Acme',
	sender_name: 'Acme Customer Success',
	sender_email: 'success@acme.example',
};
/** The demo links every email may show (renderEmail passes them to CS Email Template). */
export const LINK_SETTINGS = {
	calendar_link: 'https://cal.example.com/acme-cs',
	help_link: 'https://help.acme.example',
	dashboard_link: 'https://app.acme.example',
};
/** The demo CSM of a customer whose row names none (the enrolment's fallback). */
export const DEFAULT_CSM_SETTINGS = {
	default_csm_name: 'Your CSM',
	default_csm_email: 'csm@acme.example',
};

/**
 * The one node a user edits: every template's links, names and delays. It keeps the item's fields, so a setting
 * named like a customer field would overwrite the customer's own value (its CSM, say): such names are refused.
 */
export function settingsNode(
	at: At,
	values: Record<string, SettingValue>,
	templateId: string,
): NodeSpec {
	const clashes = Object.keys(values).filter((name) =>
		CUSTOMERS.columns.some((column) => column.name === name),
	);
	if (clashes.length) {
		throw new Error(
			`${templateId}: settings ${clashes.join(', ')} are customer fields and would overwrite them; call them default_<name>`,
		);
	}
	return {
		name: 'Settings',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		at,
		parameters: {
			assignments: {
				assignments: Object.entries(values).map(([name, value]) => ({
					id: stableId(templateId, 'setting', name),
					name,
					value,
					type:
						typeof value === 'number'
							? 'number'
							: typeof value === 'boolean'
								? 'boolean'
								: 'string',
				})),
			},
			includeOtherFields: true,
			options: {},
		},
	};
}

type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'array';
/** A field value: a literal, or [expression, type] when an expression gives a number, a boolean, an object or a list. */
export type FieldValue = SettingValue | [string, FieldType];

/** A Set node that writes fields, keeping the item's other fields unless `only` is set. */
export function setFields(
	name: string,
	at: At,
	fields: Record<string, FieldValue>,
	templateId: string,
	only = false,
): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		at,
		parameters: {
			assignments: {
				assignments: Object.entries(fields).map(([field, value]) => {
					const [raw, type] = Array.isArray(value)
						? value
						: [
								value,
								typeof value === 'number'
									? 'number'
									: typeof value === 'boolean'
										? 'boolean'
										: 'string',
							];
					return { id: stableId(templateId, name, field), name: field, value: raw, type };
				}),
			},
			...(only ? {} : { includeOtherFields: true }),
			options: {},
		},
	};
}

/** A Set node in JSON mode: the item becomes the object the expression gives. */
export function setJson(name: string, at: At, jsonExpression: string): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		at,
		parameters: { mode: 'raw', jsonOutput: expr(jsonExpression), options: {} },
	};
}

export interface TriggerOptions {
	path: string;
	events: string[];
	customEvents?: string;
	outputPerEvent?: boolean;
}

export function csTrigger(
	at: At,
	{ path, events, customEvents, outputPerEvent }: TriggerOptions,
): NodeSpec {
	return {
		name: 'Customer Success Trigger',
		type: `${PACKAGE}.customerSuccessTrigger`,
		typeVersion: 1,
		at,
		webhook: true,
		credentials: WEBHOOK_CREDENTIAL,
		parameters: {
			path,
			events,
			...(customEvents ? { customEvents } : {}),
			...(outputPerEvent ? { outputPerEvent: true } : {}),
			settings: {},
		},
	};
}

export function scheduleTrigger(
	name: string,
	at: At,
	rule: { hour: number; field?: 'days' | 'weeks' | 'months'; weekday?: number; monthDay?: number },
): NodeSpec {
	const interval: Record<string, unknown> = {
		field: rule.field ?? 'days',
		triggerAtHour: rule.hour,
	};
	if (rule.weekday !== undefined) interval.triggerAtDay = [rule.weekday];
	if (rule.monthDay !== undefined) interval.triggerAtDayOfMonth = rule.monthDay;
	return {
		name,
		type: 'n8n-nodes-base.scheduleTrigger',
		typeVersion: 1.2,
		at,
		parameters: { rule: { interval: [interval] } },
	};
}

export function manualTrigger(at: At): NodeSpec {
	return {
		name: 'When clicking ‘Execute workflow’',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		at,
		parameters: {},
	};
}

/** One of this package's nodes. */
export function csNode(
	name: string,
	node: string,
	at: At,
	parameters: Record<string, unknown>,
): NodeSpec {
	return { name, type: `${PACKAGE}.${node}`, typeVersion: 1, at, parameters };
}

/** CS Email Template with the Settings node's product name, sender and links. */
export function renderEmail(
	name: string,
	at: At,
	template: string,
	extra: Record<string, string> = {},
	options: Record<string, unknown> = {},
): NodeSpec {
	return csNode(name, 'customerEmailTemplate', at, {
		template,
		productName: expr(setting('product_name')),
		senderName: expr(setting('sender_name')),
		senderEmail: expr(setting('sender_email')),
		links: {
			calendarLink: expr(setting('calendar_link')),
			helpLink: expr(setting('help_link')),
			dashboardLink: expr(setting('dashboard_link')),
			...(options.links as Record<string, string> | undefined),
		},
		...(Object.keys(extra).length
			? {
					extraVariables: {
						variable: Object.entries(extra).map(([variable, value]) => ({ name: variable, value })),
					},
				}
			: {}),
		...Object.fromEntries(Object.entries(options).filter(([key]) => key !== 'links')),
	});
}

/** n8n's Send Email over SMTP, sending what CS Email Template rendered into `email`. */
export function sendEmail(name: string, at: At): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.emailSend',
		typeVersion: 2.1,
		at,
		credentials: SMTP_CREDENTIAL,
		parameters: {
			fromEmail: expr(`${setting('sender_name')} + ' <' + ${setting('sender_email')} + '>'`),
			toEmail: expr('$json.email.to'),
			subject: expr('$json.email.subject'),
			emailFormat: 'both',
			text: expr('$json.email.text'),
			html: expr('$json.email.html'),
			options: { appendAttribution: false },
		},
	};
}

/** n8n's Wait node: `amount` of the Settings node's `delay_unit` (days by default; seconds for a test run). */
export function wait(name: string, at: At, amount: string): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		at,
		webhook: true,
		parameters: { amount: expr(amount), unit: expr(setting('delay_unit')) },
	};
}

export interface Condition {
	left: string;
	operator: {
		type: 'string' | 'number' | 'boolean' | 'dateTime';
		operation: string;
		singleValue?: boolean;
	};
	right?: string | number | boolean;
}

/** A condition: the expression `code` equals the text `right`. */
export const equals = (code: string, right: string): Condition => ({
	left: expr(code),
	operator: { type: 'string', operation: 'equals' },
	right,
});

/** A switchNode rule sending the items whose `event` is `event` to an output named so. */
export const eventRoute = (event: string) => ({
	output: event,
	condition: equals('$json.event', event),
});

function conditions(templateId: string, name: string, list: Condition[], combinator: 'and' | 'or') {
	return {
		options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
		conditions: list.map((condition, index) => ({
			id: stableId(templateId, name, 'condition', String(index)),
			leftValue: condition.left,
			rightValue: condition.right ?? '',
			operator: condition.operator,
		})),
		combinator,
	};
}

export function ifNode(
	name: string,
	at: At,
	templateId: string,
	list: Condition[],
	combinator: 'and' | 'or' = 'and',
): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		at,
		parameters: {
			conditions: conditions(templateId, name, list, combinator),
			looseTypeValidation: true,
			options: {},
		},
	};
}

export function filterNode(
	name: string,
	at: At,
	templateId: string,
	list: Condition[],
	combinator: 'and' | 'or' = 'and',
): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.filter',
		typeVersion: 2.2,
		at,
		parameters: {
			conditions: conditions(templateId, name, list, combinator),
			looseTypeValidation: true,
			options: {},
		},
	};
}

/** Switch with one output per rule (renamed outputs), plus an optional fallback "Other". */
export function switchNode(
	name: string,
	at: At,
	templateId: string,
	rules: Array<{ output: string; condition: Condition }>,
	fallback = false,
): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.switch',
		typeVersion: 3.2,
		at,
		parameters: {
			rules: {
				values: rules.map((rule) => ({
					conditions: conditions(templateId, name, [rule.condition], 'and'),
					renameOutput: true,
					outputKey: rule.output,
				})),
			},
			looseTypeValidation: true,
			options: fallback ? { fallbackOutput: 'extra', renameFallbackOutput: 'Other' } : {},
		},
	};
}

/**
 * "Started by", for a template with both a schedule and a trigger: the scheduled run carries no `event`, an event
 * does. Outputs in the order given: the scheduled run (named `scheduledRun`, e.g. "daily run") and "event".
 */
export function startedBySwitch(
	at: At,
	templateId: string,
	scheduledRun: string,
	order: 'scheduled run first' | 'event first' = 'scheduled run first',
): NodeSpec {
	const emptyEvent = (operation: 'empty' | 'notEmpty'): Condition => ({
		left: expr('$json.event'),
		operator: { type: 'string', operation, singleValue: true },
	});
	const run = { output: scheduledRun, condition: emptyEvent('empty') };
	const event = { output: 'event', condition: emptyEvent('notEmpty') };
	return switchNode(
		'Started by',
		at,
		templateId,
		order === 'event first' ? [event, run] : [run, event],
	);
}

export function noOp(name: string, at: At): NodeSpec {
	return { name, type: 'n8n-nodes-base.noOp', typeVersion: 1, at, parameters: {} };
}

export function code(
	name: string,
	at: At,
	jsCode: string,
	mode: 'runOnceForAllItems' | 'runOnceForEachItem' = 'runOnceForAllItems',
): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		at,
		parameters: { ...(mode === 'runOnceForEachItem' ? { mode } : {}), jsCode },
	};
}

// ----- Data Tables -----

type ColumnValues = Record<string, string | number | boolean | null>;

const tableRef = (table: string) => ({ __rl: true, mode: 'name', value: tableByName(table).name });

function mapped(table: string, values: ColumnValues) {
	const known = tableByName(table);
	for (const column of Object.keys(values)) {
		if (!known.columns.some((candidate) => candidate.name === column)) {
			throw new Error(`Data table ${table} has no column "${column}" (workflows/build/tables.ts)`);
		}
	}
	return {
		mappingMode: 'defineBelow',
		value: values,
		matchingColumns: [],
		schema: known.columns
			.filter((column) => column.name in values)
			.map((column) => ({
				id: column.name,
				displayName: column.name,
				required: false,
				defaultMatch: false,
				display: true,
				type: column.type === 'date' ? 'dateTime' : column.type,
				readOnly: false,
				removed: false,
			})),
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
}

export interface Match {
	column: string;
	condition?:
		| 'eq'
		| 'neq'
		| 'gt'
		| 'gte'
		| 'lt'
		| 'lte'
		| 'like'
		| 'isEmpty'
		| 'isNotEmpty'
		| 'isTrue'
		| 'isFalse';
	value?: string | number | boolean;
}

function filters(table: string, matches: Match[]) {
	const known = tableByName(table);
	for (const match of matches) {
		if (
			!['id', 'createdAt', 'updatedAt'].includes(match.column) &&
			!known.columns.some((column) => column.name === match.column)
		) {
			throw new Error(`Data table ${table} has no column "${match.column}" to match on`);
		}
	}
	return {
		matchType: 'allConditions',
		filters: {
			conditions: matches.map((match) => ({
				keyName: match.column,
				condition: match.condition ?? 'eq',
				...(match.value === undefined ? {} : { keyValue: match.value }),
			})),
		},
	};
}

const dataTable = (
	name: string,
	at: At,
	parameters: Record<string, unknown>,
	extra: Partial<NodeSpec> = {},
): NodeSpec => ({
	name,
	type: 'n8n-nodes-base.dataTable',
	typeVersion: 1,
	at,
	parameters,
	...extra,
});

export function tableInsert(name: string, at: At, table: string, values: ColumnValues): NodeSpec {
	return dataTable(name, at, {
		operation: 'insert',
		dataTableId: tableRef(table),
		columns: mapped(table, values),
		options: {},
	});
}

export function tableUpsert(
	name: string,
	at: At,
	table: string,
	matches: Match[],
	values: ColumnValues,
): NodeSpec {
	return dataTable(name, at, {
		operation: 'upsert',
		dataTableId: tableRef(table),
		...filters(table, matches),
		columns: mapped(table, values),
		options: {},
	});
}

export function tableUpdate(
	name: string,
	at: At,
	table: string,
	matches: Match[],
	values: ColumnValues,
): NodeSpec {
	return dataTable(
		name,
		at,
		{
			operation: 'update',
			dataTableId: tableRef(table),
			...filters(table, matches),
			columns: mapped(table, values),
			options: {},
		},
		{ alwaysOutputData: true },
	);
}

/** Upsert of the item's own fields (auto-mapped): the item must carry only the table's columns. */
export function tableUpsertItem(name: string, at: At, table: string, matches: Match[]): NodeSpec {
	const columns = {
		mappingMode: 'autoMapInputData',
		value: {},
		matchingColumns: [],
		schema: [],
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
	return dataTable(name, at, {
		operation: 'upsert',
		dataTableId: tableRef(table),
		...filters(table, matches),
		columns,
		options: {},
	});
}

/** Passes the items for which a row matches every condition. */
export function tableRowExists(name: string, at: At, table: string, matches: Match[]): NodeSpec {
	return dataTable(name, at, {
		operation: 'rowExists',
		dataTableId: tableRef(table),
		...filters(table, matches),
	});
}

/** Passes the items for which no row matches every condition (a gate that lets a customer in once). */
export function tableRowNotExists(name: string, at: At, table: string, matches: Match[]): NodeSpec {
	return dataTable(name, at, {
		operation: 'rowNotExists',
		dataTableId: tableRef(table),
		...filters(table, matches),
	});
}

export function tableGet(
	name: string,
	at: At,
	table: string,
	matches: Match[],
	{ all = true, alwaysOutputData = false } = {},
): NodeSpec {
	return dataTable(
		name,
		at,
		{ operation: 'get', dataTableId: tableRef(table), ...filters(table, matches), returnAll: all },
		alwaysOutputData ? { alwaysOutputData } : {},
	);
}

export function tableCreate(name: string, at: At, table: string): NodeSpec {
	const known = tableByName(table);
	return dataTable(name, at, {
		resource: 'table',
		operation: 'create',
		tableName: known.name,
		columns: { column: known.columns.map((column) => ({ name: column.name, type: column.type })) },
		options: { createIfNotExists: true },
	});
}

// ----- Sub-workflows (a workflow that starts its own executions) -----

/** Execute Workflow Trigger ("When Executed by Another Workflow"), accepting whatever items the caller passes. */
export function executeWorkflowTrigger(name: string, at: At): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.executeWorkflowTrigger',
		typeVersion: 1.1,
		at,
		parameters: { inputSource: 'passthrough' },
	};
}

/**
 * Execute Workflow calling this same workflow (its Execute Workflow Trigger) with the items it gets, without waiting
 * for it: the called execution runs on its own, so its Wait nodes hold up nothing here.
 */
export function executeThisWorkflow(name: string, at: At): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.executeWorkflow',
		typeVersion: 1.2,
		at,
		parameters: {
			workflowId: { __rl: true, mode: 'id', value: expr('$workflow.id') },
			workflowInputs: {
				mappingMode: 'defineBelow',
				value: {},
				matchingColumns: [],
				schema: [],
				attemptToConvertTypes: false,
				convertFieldsToString: true,
			},
			mode: 'once',
			options: { waitForSubWorkflow: false },
		},
	};
}

/** Loop Over Items (Split in Batches 3): output 0 "done" (every item, at the end), output 1 "loop" (`batchSize` at a time). */
export function loopOverItems(name: string, at: At, batchSize = 1): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.splitInBatches',
		typeVersion: 3,
		at,
		parameters: { batchSize, options: {} },
	};
}
