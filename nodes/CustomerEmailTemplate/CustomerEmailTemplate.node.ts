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
import { defaultTimeZone, referenceInstant } from '../shared/parameters';
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
 * itself (wrongly, or failing) before this node sees them. Such a field fails with a message saying to switch it
 * back to Fixed. An expression that only loads a template (`{{ $json.template_html }}`) is fine.
 */
function assertFixedTemplateFields(context: IExecuteFunctions, itemIndex: number): void {
	const parameters = context.getNode().parameters;
	for (const [name, label] of Object.entries(TEMPLATE_FIELDS)) {
		const raw = getPath(parameters, name);
		if (typeof raw !== 'string' || !raw.startsWith('=')) continue;
		if (!OUR_TAG_IN_EXPRESSION.test(raw.slice(1).replace(/\{\{\s*\$[^}]*\}\}/g, ''))) continue;
		throw new NodeOperationError(
			context.getNode(),
			`${label}: this field is an n8n expression, so n8n would evaluate the template's tags (such as {{ first_name }}) itself. Switch the field to Fixed: this node fills the tags in, escaping every value`,
			{ itemIndex },
		);
	}
}

function optionalText(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return typeof value === 'string' ? value : String(value);
}

function rows(context: IExecuteFunctions, name: string, itemIndex: number): NameValueRow[] {
	const value = context.getNodeParameter(name, itemIndex, []) as unknown;
	return Array.isArray(value) ? (value as NameValueRow[]) : [];
}

function customTemplate(context: IExecuteFunctions, itemIndex: number, locale: TemplateLocale): EmailTemplate {
	const id = String(context.getNodeParameter('customTemplateId', itemIndex, 'custom') ?? '').trim() || 'custom';
	const defaults: Record<string, string> = {};
	for (const row of rows(context, 'customDefaults.default', itemIndex)) {
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
				subject: optionalText(context.getNodeParameter('customSubject', itemIndex, '')) ?? '',
				html: optionalText(context.getNodeParameter('customHtml', itemIndex, '')) ?? '',
				text: optionalText(context.getNodeParameter('customText', itemIndex, '')) ?? null,
			},
		},
		defaults: { [locale]: defaults },
	};
}

function extraVariables(context: IExecuteFunctions, itemIndex: number): ExtraVariable[] {
	return rows(context, 'extraVariables.variable', itemIndex).map((row) => ({ name: row.name, value: row.value }));
}

function text(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
}

function emailConfig(context: IExecuteFunctions, itemIndex: number, now: DateTime): EmailConfig {
	assertFixedTemplateFields(context, itemIndex);
	const options = context.getNodeParameter('options', itemIndex, {}) as EmailOptions;
	const choice = context.getNodeParameter('template', itemIndex) as string;
	const locale = context.getNodeParameter('defaultLocale', itemIndex, 'en') as TemplateLocale;
	let template: TemplateChoice;
	if (choice === CUSTOM) template = { kind: 'custom', template: customTemplate(context, itemIndex, locale) };
	else if (choice === BY_ID) template = { kind: 'builtIn', id: context.getNodeParameter('templateId', itemIndex, ''), field: 'Template ID' };
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
	const links = context.getNodeParameter('links', itemIndex, {}) as TemplateParameters['links'];
	const zone = defaultTimeZone(context, itemIndex);
	return {
		template,
		customerPath: context.getNodeParameter('customerPath', itemIndex, '') as string,
		missingVariables: context.getNodeParameter('missingVariables', itemIndex, 'strict') as MissingVariablePolicy,
		defaultLocale: locale,
		parameters: {
			productName: text(context, 'productName', itemIndex),
			senderName: text(context, 'senderName', itemIndex),
			senderEmail: text(context, 'senderEmail', itemIndex),
			links,
		},
		extraVariables: extraVariables(context, itemIndex),
		rawVariables: (options.rawVariables ?? '')
			.split(',')
			.map((name) => name.trim())
			.filter((name) => name !== ''),
		overrides,
		unsubscribeUrl: optionalText(options.unsubscribeUrl),
		idempotency: options.idempotency ?? 'off',
		reference: referenceInstant(context, itemIndex, now.setZone(zone)),
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

		return processItems(this, 1, (item, itemIndex) => {
			const config = emailConfig(this, itemIndex, now);
			if (listing) {
				const description = describeTemplateVariables(item.json, config);
				return { json: { ...item.json, emailTemplate: description as unknown as IDataObject }, output: 0 };
			}
			const email = renderCustomerEmail(item.json, config);
			return { json: { ...item.json, email: email as unknown as IDataObject }, output: 0 };
		});
	}
}
