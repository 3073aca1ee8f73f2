import type { DateTime } from 'luxon';
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { choiceParameter, InvalidParameterError, pathParameter } from '../../src/shared/parameters';
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
import { defineNode, eachItem, type ItemScope } from '../shared/adapter';
import type { ItemParameters } from '../shared/itemParameters';
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
function expressionTemplateField(context: IExecuteFunctions): InvalidParameterError | null {
	const parameters = context.getNode().parameters;
	for (const [name, label] of Object.entries(TEMPLATE_FIELDS)) {
		const raw = getPath(parameters, name);
		if (typeof raw !== 'string' || !raw.startsWith('=')) continue;
		if (!OUR_TAG_IN_EXPRESSION.test(raw.slice(1).replace(/\{\{\s*\$[^}]*\}\}/g, ''))) continue;
		return new InvalidParameterError(
			`${label}: this field is an n8n expression, so n8n would evaluate the template's tags (such as {{ first_name }}) itself. Switch the field to Fixed: this node fills the tags in, escaping every value`,
			label,
		);
	}
	return null;
}

/** The raw values an item's EmailConfig is built from, read through the item's scope. */
interface RawConfig {
	values: Record<string, unknown>;
	zone: string;
	reference: DateTime;
}

/** Reads a parameter (or a path inside one, such as "customDefaults.default") from the raw values. */
class ConfigReader {
	constructor(
		private readonly raw: RawConfig,
		private readonly parameters: ItemParameters,
	) {}

	get<T>(name: string, fallback: T): T {
		const value = getPath(this.raw.values, name);
		return (value === undefined ? fallback : value) as T;
	}

	label(name: string): string {
		return this.parameters.label(name);
	}

	optionalText(name: string): string | undefined {
		return optionalTextParameter(this.get<unknown>(name, ''), this.label(name));
	}

	text(name: string): string {
		return textParameter(this.get<unknown>(name, ''), this.label(name));
	}

	rows(name: string): NameValueRow[] {
		return rowsParameter(this.get<unknown>(name, []), this.label(name));
	}
}

function customTemplate(parameters: ConfigReader, locale: TemplateLocale): EmailTemplate {
	const id = parameters.text('customTemplateId') || 'custom';
	const defaults = defaultsParameter(
		parameters.rows('customDefaults.default'),
		parameters.label('customDefaults.default'),
	);
	return {
		id,
		name: 'Custom template',
		source: 'custom',
		trigger: null,
		locales: {
			[locale]: {
				subject: parameters.optionalText('customSubject') ?? '',
				html: parameters.optionalText('customHtml') ?? '',
				text: parameters.optionalText('customText') ?? null,
			},
		},
		defaults: { [locale]: defaults },
	};
}

function extraVariables(parameters: ConfigReader): ExtraVariable[] {
	return parameters.rows('extraVariables.variable');
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

/** Defaults of the parameters the item's EmailConfig is read from, as n8n gives them when a field is unset. */
const CONFIG_DEFAULTS: Record<string, unknown> = {
	options: {},
	template: '',
	defaultLocale: 'en',
	links: {},
	customerPath: '',
	missingVariables: 'strict',
};

function readConfig(scope: ItemScope): RawConfig {
	const values = Object.fromEntries(
		CONFIG_PARAMETERS.map((name) => [name, scope.get<unknown>(name, CONFIG_DEFAULTS[name] ?? '')]),
	);
	return { values, zone: scope.zone, reference: scope.reference };
}

function emailConfig(parameters: ConfigReader, zone: string, reference: DateTime): EmailConfig {
	const options = parameters.get<unknown>('options', {});
	const option = (name: string) => ownField(options, name);
	const choice = parameters.get<string>('template', '');
	const locale = choiceParameter<TemplateLocale>(
		parameters.get<unknown>('defaultLocale', 'en'),
		parameters.label('defaultLocale'),
		LOCALES,
		'en',
	);
	let template: TemplateChoice;
	if (choice === CUSTOM)
		template = { kind: 'custom', template: customTemplate(parameters, locale) };
	else if (choice === BY_ID)
		template = {
			kind: 'builtIn',
			id: parameters.get<unknown>('templateId', ''),
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
		parameters.get<unknown>('links', {}),
		parameters.label('links'),
	) as TemplateParameters['links'];
	return {
		template,
		customerPath: pathParameter(
			parameters.get<unknown>('customerPath', ''),
			parameters.label('customerPath'),
		),
		missingVariables: choiceParameter<MissingVariablePolicy>(
			parameters.get<unknown>('missingVariables', 'strict'),
			parameters.label('missingVariables'),
			MISSING_VARIABLE_POLICIES,
			'strict',
		),
		defaultLocale: locale,
		parameters: {
			productName: parameters.text('productName'),
			senderName: parameters.text('senderName'),
			senderEmail: parameters.text('senderEmail'),
			links,
		},
		extraVariables: extraVariables(parameters),
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
		reference,
		defaultTimeZone: zone,
	};
}

const NODE = defineNode({
	outputs: [],
	pipeline(run) {
		const listing = run.choice<string>('operation', 'render') === 'listVariables';
		// The node's own fields: checked once per execution, every item fails with the same message.
		const fixedFieldError = expressionTemplateField(run.context);
		const config = run.derived<RawConfig, EmailConfig>({
			parameters: CONFIG_PARAMETERS,
			read: readConfig,
			build: (raw) => emailConfig(new ConfigReader(raw, run.parameters), raw.zone, raw.reference),
		});
		return eachItem((item, scope) => {
			if (fixedFieldError) throw fixedFieldError;
			if (listing) {
				const description = describeTemplateVariables(item.json, config(scope));
				return { json: { ...item.json, emailTemplate: description as unknown as IDataObject } };
			}
			const email = renderCustomerEmail(item.json, config(scope));
			return { json: { ...item.json, email: email as unknown as IDataObject } };
		});
	},
});

export class CustomerEmailTemplate implements INodeType {
	/** The adapter this node is built on: what it does per execution. */
	static readonly adapter = NODE;

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
		return await NODE.execute(this);
	}
}
