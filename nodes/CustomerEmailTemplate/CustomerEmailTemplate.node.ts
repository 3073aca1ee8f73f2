import { DateTime } from 'luxon';
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { getPath } from '../../src/shared/path';
import {
	describeTemplateVariables,
	parsePath,
	renderCustomerEmail,
	type EmailConfig,
	type EmailTemplate,
	type ExtraVariable,
	type IdempotencyPeriod,
	type MissingVariablePolicy,
	type TemplateChoice,
	type TemplateLocale,
	type TemplateOverrides,
	type TemplateParameters,
} from '../../src/templates';
import { ItemParameters } from '../shared/itemParameters';
import { processItems } from '../shared/processItems';
import { BY_ID, CUSTOM, emailTemplateProperties } from './description';

interface EmailOptions {
	htmlOverride?: string;
	idempotency?: IdempotencyPeriod;
	rawVariables?: string;
	subjectOverride?: string;
	textOverride?: string;
	unsubscribeUrl?: string;
}

interface NameValueRow {
	name?: unknown;
	value?: unknown;
}

/** Labels of the fields that hold template text, for errors. */
const TEMPLATE_FIELDS: Record<string, string> = {
	customSubject: 'Subject',
	customHtml: 'HTML',
	customText: 'Text',
	'options.subjectOverride': 'Subject Override',
	'options.htmlOverride': 'HTML Override',
	'options.textOverride': 'Text Override',
	'options.unsubscribeUrl': 'Unsubscribe URL',
};

// A tag of ours ({{ first_name }}, {{#if …}}, {{/each}}, {{{ raw }}}) inside a field switched to an n8n expression:
// n8n would evaluate it as JavaScript before this node sees it.
const OUR_TAG_IN_EXPRESSION = /\{\{\{|\{\{\s*[#/!]|\{\{\s*[A-Za-z_][A-Za-z0-9_.]*\s*(\|\s*url\s*)?\}\}/;

/**
 * Our {{ tags }} look like n8n's expressions: in a field switched to Expression mode, n8n would evaluate them
 * itself (wrongly, or failing) before this node sees them. Such a field fails every item with a message saying to
 * switch it back to Fixed. An expression that only loads a template (`{{ $json.template_html }}`) is fine. The fields
 * are the node's own: checked once per execution, the message returned for the items to fail with.
 */
function expressionTemplateField(context: IExecuteFunctions): string | null {
	const parameters = context.getNode().parameters;
	for (const [name, label] of Object.entries(TEMPLATE_FIELDS)) {
		const raw = getPath(parameters, name);
		if (typeof raw !== 'string' || !raw.startsWith('=')) continue;
		if (!OUR_TAG_IN_EXPRESSION.test(raw.slice(1).replace(/\{\{\s*\$[^}]*\}\}/g, ''))) continue;
		return `${label}: this field is an n8n expression, so n8n would evaluate the template's tags (such as {{ first_name }}) itself. Switch the field to Fixed: this node fills the tags in, escaping every value`;
	}
	return null;
}

function optionalText(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return typeof value === 'string' ? value : String(value);
}

function rows(parameters: ItemParameters, name: string, itemIndex: number): NameValueRow[] {
	const value = parameters.get<unknown>(name, itemIndex, []);
	return Array.isArray(value) ? (value as NameValueRow[]) : [];
}

function customTemplate(context: IExecuteFunctions, parameters: ItemParameters, itemIndex: number, locale: TemplateLocale): EmailTemplate {
	const id = String(parameters.get<unknown>('customTemplateId', itemIndex, 'custom') ?? '').trim() || 'custom';
	const defaults: Record<string, string> = {};
	for (const row of rows(parameters, 'customDefaults.default', itemIndex)) {
		const name = typeof row.name === 'string' ? row.name.trim() : '';
		const parsed = parsePath(name, false);
		if (typeof parsed === 'string') {
			throw new NodeOperationError(context.getNode(), `Variable Defaults: "${name}" ${parsed}`, { itemIndex });
		}
		defaults[name] = row.value === undefined || row.value === null ? '' : String(row.value);
	}
	return {
		id,
		name: 'Custom template',
		source: 'custom',
		trigger: null,
		locales: {
			[locale]: {
				subject: optionalText(parameters.get<unknown>('customSubject', itemIndex, '')) ?? '',
				html: optionalText(parameters.get<unknown>('customHtml', itemIndex, '')) ?? '',
				text: optionalText(parameters.get<unknown>('customText', itemIndex, '')) ?? null,
			},
		},
		defaults: { [locale]: defaults },
	};
}

function extraVariables(parameters: ItemParameters, itemIndex: number): ExtraVariable[] {
	return rows(parameters, 'extraVariables.variable', itemIndex).map((row) => ({ name: row.name, value: row.value }));
}

function text(parameters: ItemParameters, name: string, itemIndex: number): string {
	const value = parameters.get<unknown>(name, itemIndex, '');
	return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
}

/** The parameters an item's EmailConfig is made of: when none is an expression, one config serves every item. */
const CONFIG_PARAMETERS = [
	'options',
	'template',
	'defaultLocale',
	'links',
	'customerPath',
	'missingVariables',
	'productName',
	'senderName',
	'senderEmail',
	'extraVariables',
	'templateId',
	'customTemplateId',
	'customDefaults',
	'customSubject',
	'customHtml',
	'customText',
];

function emailConfig(context: IExecuteFunctions, parameters: ItemParameters, itemIndex: number, now: DateTime): EmailConfig {
	const options = parameters.get<EmailOptions>('options', itemIndex, {});
	const choice = parameters.get<string>('template', itemIndex, '');
	const locale = parameters.get<TemplateLocale>('defaultLocale', itemIndex, 'en');
	let template: TemplateChoice;
	if (choice === CUSTOM) template = { kind: 'custom', template: customTemplate(context, parameters, itemIndex, locale) };
	else if (choice === BY_ID) template = { kind: 'builtIn', id: parameters.get<unknown>('templateId', itemIndex, ''), field: 'Template ID' };
	else template = { kind: 'builtIn', id: choice, field: 'Template' };

	const overrides: TemplateOverrides = {};
	if (choice !== CUSTOM) {
		const subject = optionalText(options.subjectOverride);
		const html = optionalText(options.htmlOverride);
		const textBody = optionalText(options.textOverride);
		if (subject !== undefined) overrides.subject = subject;
		if (html !== undefined) overrides.html = html;
		if (textBody !== undefined) overrides.text = textBody;
	}
	const links = parameters.get<TemplateParameters['links']>('links', itemIndex, {});
	const zone = parameters.defaultTimeZone(itemIndex);
	return {
		template,
		customerPath: parameters.get<string>('customerPath', itemIndex, ''),
		missingVariables: parameters.get<MissingVariablePolicy>('missingVariables', itemIndex, 'strict'),
		defaultLocale: locale,
		parameters: {
			productName: text(parameters, 'productName', itemIndex),
			senderName: text(parameters, 'senderName', itemIndex),
			senderEmail: text(parameters, 'senderEmail', itemIndex),
			links,
		},
		extraVariables: extraVariables(parameters, itemIndex),
		rawVariables: (options.rawVariables ?? '')
			.split(',')
			.map((name) => name.trim())
			.filter((name) => name !== ''),
		overrides,
		unsubscribeUrl: optionalText(options.unsubscribeUrl),
		idempotency: options.idempotency ?? 'off',
		reference: parameters.referenceInstant(itemIndex, now, zone),
		defaultTimeZone: zone,
	};
}

export class CustomerEmailTemplate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Email Template',
		name: 'customerEmailTemplate',
		icon: { light: 'file:customerEmailTemplate.svg', dark: 'file:customerEmailTemplate.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ ($parameter["operation"] === "listVariables" ? "List variables: " : "") + ($parameter["template"] === "byId" ? "By ID" : $parameter["template"]) }}',
		description:
			'Render a customer success email (subject, HTML, plain text) from a built-in or custom template in the customer’s language, with every value escaped',
		defaults: { name: 'CS Email Template' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: emailTemplateProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const listing = this.getNodeParameter('operation', 0) === 'listVariables';
		const now = DateTime.now();
		const parameters = new ItemParameters(this);
		const fixedFieldError = expressionTemplateField(this);
		const perItemConfig = CONFIG_PARAMETERS.some((name) => parameters.isPerItem(name));
		let sharedConfig: EmailConfig | undefined;

		return processItems(this, 1, (item, itemIndex) => {
			if (fixedFieldError) throw new NodeOperationError(this.getNode(), fixedFieldError, { itemIndex });
			const config = perItemConfig
				? emailConfig(this, parameters, itemIndex, now)
				: (sharedConfig ??= emailConfig(this, parameters, itemIndex, now));
			if (listing) {
				const description = describeTemplateVariables(item.json, config);
				return { json: { ...item.json, emailTemplate: description as unknown as IDataObject }, output: 0 };
			}
			const email = renderCustomerEmail(item.json, config);
			return { json: { ...item.json, email: email as unknown as IDataObject }, output: 0 };
		});
	}
}
