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

import { choiceParameter, pathParameter } from '../../src/shared/parameters';
import { getPath } from '../../src/shared/path';
import {
	describeTemplateVariables,
	ownField,
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
import {
	defaultsParameter,
	LOCALES,
	MISSING_VARIABLE_POLICIES,
	optionalTextParameter,
	PERIODS,
	rowsParameter,
	textFieldsParameter,
	textParameter,
	type NameValueRow,
} from './parameters';

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
const OUR_TAG_IN_EXPRESSION =
	/\{\{\{|\{\{\s*[#/!]|\{\{\s*[A-Za-z_][A-Za-z0-9_.]*\s*(\|\s*url\s*)?\}\}/;

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

function optionalText(
	parameters: ItemParameters,
	name: string,
	itemIndex: number,
): string | undefined {
	return optionalTextParameter(
		parameters.get<unknown>(name, itemIndex, ''),
		parameters.label(name),
	);
}

function text(parameters: ItemParameters, name: string, itemIndex: number): string {
	return textParameter(parameters.get<unknown>(name, itemIndex, ''), parameters.label(name));
}

function rows(parameters: ItemParameters, name: string, itemIndex: number): NameValueRow[] {
	return rowsParameter(parameters.get<unknown>(name, itemIndex, []), parameters.label(name));
}

function customTemplate(
	parameters: ItemParameters,
	itemIndex: number,
	locale: TemplateLocale,
): EmailTemplate {
	const id = text(parameters, 'customTemplateId', itemIndex) || 'custom';
	const defaults = defaultsParameter(
		rows(parameters, 'customDefaults.default', itemIndex),
		parameters.label('customDefaults.default'),
	);
	return {
		id,
		name: 'Custom template',
		source: 'custom',
		trigger: null,
		locales: {
			[locale]: {
				subject: optionalText(parameters, 'customSubject', itemIndex) ?? '',
				html: optionalText(parameters, 'customHtml', itemIndex) ?? '',
				text: optionalText(parameters, 'customText', itemIndex) ?? null,
			},
		},
		defaults: { [locale]: defaults },
	};
}

function extraVariables(parameters: ItemParameters, itemIndex: number): ExtraVariable[] {
	return rows(parameters, 'extraVariables.variable', itemIndex);
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

function emailConfig(parameters: ItemParameters, itemIndex: number, now: DateTime): EmailConfig {
	const options = parameters.get<unknown>('options', itemIndex, {});
	const option = (name: string) => ownField(options, name);
	const choice = parameters.get<string>('template', itemIndex, '');
	const locale = choiceParameter<TemplateLocale>(
		parameters.get<unknown>('defaultLocale', itemIndex, 'en'),
		parameters.label('defaultLocale'),
		LOCALES,
		'en',
	);
	let template: TemplateChoice;
	if (choice === CUSTOM)
		template = { kind: 'custom', template: customTemplate(parameters, itemIndex, locale) };
	else if (choice === BY_ID)
		template = {
			kind: 'builtIn',
			id: parameters.get<unknown>('templateId', itemIndex, ''),
			field: 'Template ID',
		};
	else template = { kind: 'builtIn', id: choice, field: 'Template' };

	const overrides: TemplateOverrides = {};
	if (choice !== CUSTOM) {
		const subject = optionalTextParameter(
			option('subjectOverride'),
			parameters.label('options.subjectOverride'),
		);
		const html = optionalTextParameter(
			option('htmlOverride'),
			parameters.label('options.htmlOverride'),
		);
		const textBody = optionalTextParameter(
			option('textOverride'),
			parameters.label('options.textOverride'),
		);
		if (subject !== undefined) overrides.subject = subject;
		if (html !== undefined) overrides.html = html;
		if (textBody !== undefined) overrides.text = textBody;
	}
	const links = textFieldsParameter(
		parameters.get<unknown>('links', itemIndex, {}),
		parameters.label('links'),
	) as TemplateParameters['links'];
	const zone = parameters.defaultTimeZone(itemIndex);
	return {
		template,
		customerPath: pathParameter(
			parameters.get<unknown>('customerPath', itemIndex, ''),
			parameters.label('customerPath'),
		),
		missingVariables: choiceParameter<MissingVariablePolicy>(
			parameters.get<unknown>('missingVariables', itemIndex, 'strict'),
			parameters.label('missingVariables'),
			MISSING_VARIABLE_POLICIES,
			'strict',
		),
		defaultLocale: locale,
		parameters: {
			productName: text(parameters, 'productName', itemIndex),
			senderName: text(parameters, 'senderName', itemIndex),
			senderEmail: text(parameters, 'senderEmail', itemIndex),
			links,
		},
		extraVariables: extraVariables(parameters, itemIndex),
		rawVariables: (
			optionalTextParameter(option('rawVariables'), parameters.label('options.rawVariables')) ?? ''
		)
			.split(',')
			.map((name) => name.trim())
			.filter((name) => name !== ''),
		overrides,
		unsubscribeUrl: optionalTextParameter(
			option('unsubscribeUrl'),
			parameters.label('options.unsubscribeUrl'),
		),
		idempotency: choiceParameter<IdempotencyPeriod>(
			option('idempotency'),
			parameters.label('options.idempotency'),
			PERIODS,
			'off',
		),
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
			if (fixedFieldError)
				throw new NodeOperationError(this.getNode(), fixedFieldError, { itemIndex });
			const config = perItemConfig
				? emailConfig(parameters, itemIndex, now)
				: (sharedConfig ??= emailConfig(parameters, itemIndex, now));
			if (listing) {
				const description = describeTemplateVariables(item.json, config);
				return {
					json: { ...item.json, emailTemplate: description as unknown as IDataObject },
					output: 0,
				};
			}
			const email = renderCustomerEmail(item.json, config);
			return { json: { ...item.json, email: email as unknown as IDataObject }, output: 0 };
		});
	}
}
