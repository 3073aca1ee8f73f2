import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { BUILT_IN_TEMPLATES, TEMPLATE_ALIASES } from '../../src/templates';

/** The parameters of CS Email Template: docs/sources.md#cs-email-templates, docs/sources.md#health-category-emails, docs/sources.md#reengagement-campaign, docs/sources.md#retention-playbook templates (docs/sources.md#design). */

/** Template choices that are not a built-in. */
export const BY_ID = 'byId';
export const CUSTOM = 'custom';
export const DEFAULT_TEMPLATE_ID_EXPRESSION = '={{ $json.playbook.step.template }}';

const ALIAS_NOTE = Object.entries(TEMPLATE_ALIASES)
	.map(([alias, id]) => `${alias} (= ${id})`)
	.join(', ');

const builtInOptions: INodePropertyOptions[] = BUILT_IN_TEMPLATES.map((template) => ({
	name: template.name,
	value: template.id,
	description: `${template.id}: ${template.locales.en.subject} (${template.source})`,
}));

const templateOptions: INodePropertyOptions[] = [
	{
		name: 'By ID (Expression or Playbook Step)',
		value: BY_ID,
		description: 'A built-in template ID per item, e.g. the template of a CS Playbook step',
	},
	{
		name: 'Custom Template',
		value: CUSTOM,
		description: 'Your own subject, HTML and text, written below',
	},
	...builtInOptions,
].sort((a, b) => a.name.localeCompare(b.name));

const CUSTOM_HTML_EXAMPLE = `<p>Hi {{ first_name }},</p>
<p>Thank you for using {{ product_name }}.</p>
<p>Best regards,<br>{{ csm_name }}</p>`;

export const emailTemplateProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'render',
		options: [
			{
				name: 'Render Email',
				value: 'render',
				description:
					'Write each customer’s email (subject, HTML, text, recipient) into the item’s email field',
				action: 'Render an email',
			},
			{
				name: 'List Variables',
				value: 'listVariables',
				description:
					'Write the variables the template needs (and whether each item has them) into emailTemplate, without rendering',
				action: 'List the variables of a template',
			},
		],
	},
	{
		displayName: 'Template',
		name: 'template',
		type: 'options',
		noDataExpression: true,
		default: 'welcome_email',
		description:
			'A built-in template (English and Spanish), a template ID read per item, or your own template. The built-ins cover onboarding, re-engagement, renewal, NPS, health categories, expansion, interventions and win-back.',
		options: templateOptions,
	},
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: DEFAULT_TEMPLATE_ID_EXPRESSION,
		placeholder: 'e.g. winback_offer',
		description: `A built-in template ID per item. The default reads the template of a CS Playbook step (playbook.step.template). Aliases: ${ALIAS_NOTE}.`,
		displayOptions: { show: { template: [BY_ID] } },
	},
	{
		displayName: 'Custom Template ID',
		name: 'customTemplateId',
		type: 'string',
		default: 'custom',
		placeholder: 'e.g. trial_tips',
		description: 'The ID reported as email.templateId and used in the idempotency key',
		displayOptions: { show: { template: [CUSTOM] } },
	},
	{
		displayName: 'Subject',
		name: 'customSubject',
		type: 'string',
		default: 'A note for {{first_name}}',
		placeholder: 'e.g. Welcome to {{product_name}}, {{first_name}}!',
		description:
			'The subject line. Tags: {{ name }}, {{ health.score }}, {{#if name}}…{{else}}…{{/if}}, {{#each list}}{{ this }}{{/each}} (see the README for links). Keep this field Fixed (not an expression): the tags are this node’s, not n8n’s.',
		displayOptions: { show: { template: [CUSTOM] } },
	},
	{
		displayName: 'HTML',
		name: 'customHtml',
		type: 'string',
		typeOptions: { editor: 'htmlEditor', rows: 8 },
		default: CUSTOM_HTML_EXAMPLE,
		description:
			'The HTML body; every value is escaped for where it goes (text, attribute, link). Tags: {{ name }}, {{ health.score }}, {{#if name}}…{{else}}…{{/if}}, {{#each list}}{{ this }}{{/each}} (see the README for links). Keep this field Fixed (not an expression): the tags are this node’s, not n8n’s.',
		displayOptions: { show: { template: [CUSTOM] } },
	},
	{
		displayName: 'Text',
		name: 'customText',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		description:
			'The plain-text body. Empty: generated from the rendered HTML (paragraphs, bullets, link addresses).',
		displayOptions: { show: { template: [CUSTOM] } },
	},
	{
		displayName: 'Variable Defaults',
		name: 'customDefaults',
		type: 'fixedCollection',
		placeholder: 'Add Default',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Values a missing variable renders with when Missing Variables is Lenient',
		displayOptions: { show: { template: [CUSTOM] } },
		options: [
			{
				displayName: 'Default',
				name: 'default',
				values: [
					{
						displayName: 'Variable',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. first_name',
						description:
							'Variable name as used in the template (dots for nesting, e.g. health.score)',
					},
					{
						displayName: 'Default Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. there',
						description: 'Text rendered when the variable is missing (HTML-escaped like any value)',
					},
				],
			},
		],
	},
	{
		displayName: 'Customer Record Path',
		name: 'customerPath',
		type: 'string',
		default: '',
		placeholder: 'e.g. customer',
		description:
			'Where the customer record (first_name, email, locale, timezone, …) is inside each item, with dots for nesting. Leave empty when the fields are at the top level. health, churn, expansion and nps are always read from the top level.',
	},
	{
		displayName: 'Missing Variables',
		name: 'missingVariables',
		type: 'options',
		default: 'strict',
		description: 'What happens when a variable the email shows has no value',
		options: [
			{
				name: 'Strict (Fail the Item)',
				value: 'strict',
				description:
					'The item fails with the list of missing variables; a missing email address fails it too',
			},
			{
				name: 'Lenient (Use Defaults)',
				value: 'lenient',
				description:
					'A missing variable renders its default, else nothing; email.missingVariables lists those left empty',
			},
		],
	},
	{
		displayName: 'Default Language',
		name: 'defaultLocale',
		type: 'options',
		default: 'en',
		description:
			'Language of built-in templates when the record’s locale is absent or has no template (es-MX → es → this). A custom template is reported in this language.',
		options: [
			{ name: 'English', value: 'en' },
			{ name: 'Spanish', value: 'es' },
		],
	},
	{
		displayName: 'Product Name',
		name: 'productName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Acme Analytics',
		description: 'Your product’s name, {{product_name}} in the templates',
	},
	{
		displayName: 'Sender Name',
		name: 'senderName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Ana García',
		description:
			'{{sender_name}}, and the signature ({{csm_name}}) when the record has no csm_name. With Sender Email, email.from is "Name &lt;address&gt;".',
	},
	{
		displayName: 'Sender Email',
		name: 'senderEmail',
		type: 'string',
		default: '',
		placeholder: 'e.g. success@example.com',
		description: '{{sender_email}}, {{csm_email}} when the record has no csm_email, and email.from',
	},
	{
		displayName: 'Links',
		name: 'links',
		type: 'collection',
		placeholder: 'Add Link',
		default: {},
		description: 'URLs the templates link to (http, https or mailto)',
		options: [
			{
				displayName: 'Advocacy Link',
				name: 'advocacyLink',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/advocates',
				description:
					'{{advocacy_link}}: the advocacy program a promoter is invited to (review, case study, referral)',
			},
			{
				displayName: 'Calendar Link',
				name: 'calendarLink',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://cal.com/ana',
				description: '{{calendar_link}}: where the customer books a call with their CSM',
			},
			{
				displayName: 'Churn Survey Link',
				name: 'churnSurveyLink',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://forms.example.com/why-you-left',
				description: '{{churn_survey_link}}: the cancellation survey (win-back day 1)',
			},
			{
				displayName: 'Dashboard Link',
				name: 'dashboardLink',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://app.example.com',
				description: '{{dashboard_link}}: where the customer logs in',
			},
			{
				displayName: 'Help Link',
				name: 'helpLink',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://help.example.com/setup',
				description: '{{help_link}}: the setup guide',
			},
			{
				displayName: 'Reactivation Link',
				name: 'reactivationLink',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://app.example.com/reactivate',
				description:
					'{{reactivation_link}}: where a churned customer comes back (win-back days 7 and 14)',
			},
			{
				displayName: 'Survey Link',
				name: 'surveyLink',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://survey.example.com/nps?customer_id=cust-1',
				description:
					'{{survey_link}}: the NPS survey. Its 0-10 links add score=0 … score=10 to it ({{survey_score_link}}), after its own query if it has one.',
			},
		],
	},
	{
		displayName: 'Extra Variables',
		name: 'extraVariables',
		type: 'fixedCollection',
		placeholder: 'Add Variable',
		typeOptions: { multipleValues: true },
		default: {},
		description:
			'More variables, usually expressions on the item. They win over the record and the parameters. For a list ({{#each}}), give one entry per line or an expression returning an array.',
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. current_price',
						description: 'Variable name: letters, digits and _, such as offer or recent_features',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. {{ "$" + $json.mrr }}',
						description: 'Its value; an expression may return a number, a list or an object',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'HTML Override',
				name: 'htmlOverride',
				type: 'string',
				typeOptions: { editor: 'htmlEditor', rows: 8 },
				default: '',
				description:
					'Replaces the built-in template’s HTML (in every language); the text is then generated from it unless Text Override is set',
				displayOptions: { hide: { '/template': [CUSTOM] } },
			},
			{
				displayName: 'Idempotency Key',
				name: 'idempotency',
				type: 'options',
				default: 'off',
				description:
					'Adds email.idempotencyKey, template/customer/period, so a re-run in the same period can be recognised downstream (e.g. with Remove Duplicates)',
				options: [
					{ name: 'Off', value: 'off' },
					{ name: 'Once per Customer', value: 'once', description: 'Like welcome_email/cust-1' },
					{
						name: 'Per Day',
						value: 'day',
						description: 'Like reengagement_7_days/cust-1/2026-11-23',
					},
					{
						name: 'Per ISO Week',
						value: 'week',
						description: 'Like value_recap_monthly/cust-1/2026-W48',
					},
					{ name: 'Per Month', value: 'month', description: 'Like winback_offer/cust-1/2026-11' },
				],
			},
			{
				displayName: 'Raw Variables',
				name: 'rawVariables',
				type: 'string',
				default: '',
				placeholder: 'e.g. signature_html',
				description:
					'Comma-separated variables the template may insert without HTML escaping, as {{{ name }}}. Only for trusted HTML; nothing is raw by default.',
			},
			{
				displayName: 'Reference Time',
				name: 'referenceTime',
				type: 'dateTime',
				default: '',
				description:
					'The moment the idempotency period and derived days (e.g. trial_days_remaining from trial_ends_at) are measured against. Empty means now; set it for reproducible runs.',
			},
			{
				displayName: 'Subject Override',
				name: 'subjectOverride',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{first_name}}, a quick question',
				description: 'Replaces the built-in template’s subject (in every language)',
				displayOptions: { hide: { '/template': [CUSTOM] } },
			},
			{
				displayName: 'Text Override',
				name: 'textOverride',
				type: 'string',
				typeOptions: { rows: 5 },
				default: '',
				description: 'Replaces the built-in template’s plain-text body (in every language)',
				displayOptions: { hide: { '/template': [CUSTOM] } },
			},
			{
				displayName: 'Time Zone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Madrid',
				description:
					'Time zone of the idempotency period and derived days when a record has no "timezone" field. Empty means the workflow’s time zone.',
			},
			{
				displayName: 'Unsubscribe URL',
				name: 'unsubscribeUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://app.example.com/unsubscribe?c={{customer_id}}',
				description:
					'An https URL template (values are URL-encoded). Adds email.headers List-Unsubscribe and List-Unsubscribe-Post (RFC 8058 one-click) and {{unsubscribe_link}}, which every built-in shows as a footer link.',
			},
		],
	},
];
