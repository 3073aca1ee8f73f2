import { CustomerEmailTemplate } from '../../../nodes/CustomerEmailTemplate/CustomerEmailTemplate.node';
import { BUILT_IN_TEMPLATE_IDS } from '../../../src/templates';
import { createNodeTypes, loadWorkflow, runWorkflow } from '../harness';

const nodeTypes = createNodeTypes({ customerEmailTemplate: new CustomerEmailTemplate() });
const run = async (file: string) => runWorkflow(loadWorkflow(__dirname, file), { nodeTypes });
const NODE = 'CS Email Template';
const WRAPPER =
	'<div style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2937;">';
// The first ids that fit in a short message, then how many more.
const ALL_IDS = [...BUILT_IN_TEMPLATE_IDS, 'nps_followup'];
const VALID_IDS = `${ALL_IDS.slice(0, 11).join(', ')} and ${ALL_IDS.length - 11} more`;

type Email = Record<string, unknown> & {
	subject: string;
	text: string;
	html: string;
	locale: string;
	to: string | null;
};
type Item = { json: Record<string, unknown>; pairedItem?: unknown };
const email = (item: Item) => item.json.email as Email;

describe('CS Email Template node, through n8n-core', () => {
	it('renders the default template (welcome_email) in each customer’s language, keeping the item’s fields', async () => {
		const result = await run('defaults.workflow.json');
		expect(result.status).toBe('success');
		const outputs = result.outputs(NODE);
		expect(outputs).toHaveLength(1);
		const [items] = outputs;
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toEqual({
			customer_id: 'cust-mx',
			first_name: 'Ana',
			locale: 'es-MX',
			csm_name: 'Luis',
			csm_email: 'luis@chatly.test',
			next_steps: ['Completa tu perfil', 'Invita a tu equipo'],
			email: {
				templateId: 'welcome_email',
				locale: 'es',
				to: 'ana@acme.test',
				from: 'Marta Ruiz <marta@chatly.test>',
				subject: '¡Bienvenido a Chatly, Ana!',
				html: [
					WRAPPER,
					'<p>Hola Ana,</p>',
					'<p>¡Gracias por confiar en Chatly! Estamos encantados de tenerte.</p>',
					'<p>Tu Customer Success Manager es Luis y estará disponible para ayudarte en todo lo que necesites.</p>',
					'',
					'<p><strong>Próximos pasos:</strong></p>',
					'<ol>',
					'<li>Completa tu perfil</li>',
					'<li>Invita a tu equipo</li>',
					'</ol>',
					'',
					'<p>Luis te contactará pronto para agendar tu llamada de kickoff.</p>',
					'<p>¿Preguntas? Responde a este email o contacta con luis@chatly.test.</p>',
					'<p>¡Bienvenido!</p>',
					'<p>Luis<br>Customer Success Manager</p>',
					'',
					'</div>',
				].join('\n'),
				text: 'Hola Ana,\n\n¡Gracias por confiar en Chatly! Estamos encantados de tenerte.\n\nTu Customer Success Manager es Luis y estará disponible para ayudarte en todo lo que necesites.\n\nPróximos pasos:\n1. Completa tu perfil\n2. Invita a tu equipo\n\nLuis te contactará pronto para agendar tu llamada de kickoff.\n\n¿Preguntas? Responde a este email o contacta con luis@chatly.test.\n\n¡Bienvenido!\n\nLuis\nCustomer Success Manager',
				missingVariables: [],
				defaultedVariables: [],
				headers: {},
				idempotencyKey: null,
			},
		});
		// No locale: the Default Language (English); fr-FR has no template: English too. No csm_name: the sender signs.
		expect(
			items.slice(1).map((item) => [email(item).locale, email(item).to, email(item).subject]),
		).toEqual([
			['en', 'bob@globex.test', 'Welcome to Chatly, Bob!'],
			['en', 'chloe@initech.test', 'Welcome to Chatly, Chloé!'],
		]);
		expect(email(items[1]).text).toBe(
			"Hi Bob,\n\nThank you for choosing Chatly! We're delighted to have you with us.\n\nYour Customer Success Manager is Marta Ruiz, who will be available to help you with anything you need.\n\nMarta Ruiz will contact you soon to schedule your kickoff call.\n\nQuestions? Reply to this email or contact marta@chatly.test.\n\nWelcome aboard!\n\nMarta Ruiz\nCustomer Success Manager",
		);
		expect(email(items[2]).text).toContain('Your Customer Success Manager is Luis,');
		expect(result.outputs('Email')[0]).toHaveLength(3);
	});

	it('with Continue On Fail, renders the template each playbook step names and passes bad items on with the error', async () => {
		const result = await run('continue-on-fail.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(
			items.map((item) => [
				item.json.customer_id,
				item.json.error ?? email(item).subject,
				item.pairedItem,
			]),
		).toEqual([
			['cust-good', 'Ana, thank you for your feedback - can we talk?', { item: 0 }],
			[
				'cust-unknown',
				`Unknown template "welcome" (from Template ID). Did you mean "welcome_email"? Valid IDs: ${VALID_IDS}`,
				{ item: 1 },
			],
			[
				'cust-none',
				`Template ID: must be a template ID such as "welcome_email" (got null). Valid IDs: ${VALID_IDS}`,
				{ item: 2 },
			],
			[
				'cust-missing',
				'Template "winback_offer" (en) is missing 4 variables: first_name, company, offer, reactivation_link. Add them to the item, the node\'s parameters or Extra Variables, or set Missing Variables to Lenient',
				{ item: 3 },
			],
			[
				'cust-bad-email',
				'Field "email" must be one email address such as "ana@example.com" (got "ana@acme.test, eve@evil.test")',
				{ item: 4 },
			],
			[
				'cust-zone',
				'Invalid customer record: timezone: must be a valid IANA time zone such as "Europe/Madrid" (got "Mars/Olympus")',
				{ item: 5 },
			],
		]);
		expect(email(items[0]).templateId).toBe('nps_followup_detractor');
		// A failed item keeps its fields untouched, its email address included.
		expect(items[4].json.email).toBe('ana@acme.test, eve@evil.test');
		expect(items[3].json).toEqual({
			customer_id: 'cust-missing',
			email: 'ana@acme.test',
			playbook: { step: { template: 'winback_offer' } },
			error: items[3].json.error,
		});
	});

	it('without Continue On Fail, stops with a NodeOperationError naming the item and the field', async () => {
		const result = await run('stop-on-error.workflow.json');
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'Item 1: Field "email" is missing: it is the email\'s recipient (to). Add it to the customer record, or set Missing Variables to Lenient to render without a recipient',
		);
		expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(
			1,
		);
		expect(result.error?.description).toBe('Check the field "email" of this item.');
	});

	it('lists the variables of the template each item needs, without rendering', async () => {
		const result = await run('list-variables.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items.every((item) => item.json.email === undefined)).toBe(true);
		expect(items[0].json.emailTemplate).toEqual({
			templateId: 'winback_offer',
			name: 'Win-back Day 14: The Offer',
			source: 'Win-back campaign: email 3, day 14, "The Offer" (docs/sources.md#winback-campaign)',
			locale: 'es',
			locales: ['en', 'es'],
			variables: [
				{
					name: 'first_name',
					usage: 'value',
					required: true,
					raw: false,
					default: null,
					provided: true,
				},
				{
					name: 'product_name',
					usage: 'value',
					required: true,
					raw: false,
					default: null,
					provided: true,
				},
				{
					name: 'company',
					usage: 'value',
					required: true,
					raw: false,
					default: null,
					provided: false,
				},
				{
					name: 'offer',
					usage: 'value',
					required: true,
					raw: false,
					default: '$100 de crédito para volver, o 3 meses del Plan Pro al precio del Basic',
					provided: false,
				},
				{
					name: 'reactivation_link',
					usage: 'value',
					required: true,
					raw: false,
					default: null,
					provided: false,
				},
				{
					name: 'csm_name',
					usage: 'value',
					required: true,
					raw: false,
					default: 'Tu equipo de Customer Success',
					provided: false,
				},
				{
					name: 'unsubscribe_link',
					usage: 'value',
					required: false,
					raw: false,
					default: null,
					provided: false,
				},
			],
			missingVariables: ['company', 'offer', 'reactivation_link', 'csm_name'],
		});
		expect(items[1].json.emailTemplate).toMatchObject({
			templateId: 'nps_followup_detractor',
			locale: 'en',
			missingVariables: ['calendar_link'],
		});
	});

	it('renders a custom template: lenient defaults, lists, sections, a raw variable, Extra Variables from expressions (a number, an array), hostile values', async () => {
		const result = await run('custom.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(email(items[0])).toEqual({
			templateId: 'trial_tips',
			locale: 'en',
			to: 'ana@acme.test',
			from: null,
			subject: '<script>alert(1)</script>, 2 tips for your Chatly trial',
			html: '<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;,</p>\n<p>Here are some tips:</p>\n<ol><li>Import your contacts</li><li>{{nested}} &amp; &quot;quotes&quot;</li></ol>\n<p>Your health score: 72/100</p>\n<p><a href="https://cal.test/luis">Book a call</a></p>\n<p><b>Luis</b> · Chatly</p>',
			text: 'Hi <script>alert(1)</script>,\n\nHere are some tips:\n\n1. Import your contacts\n2. {{nested}} & "quotes"\n\nYour health score: 72/100\n\nBook a call (https://cal.test/luis)\n\nLuis · Chatly',
			missingVariables: [],
			defaultedVariables: [],
			headers: {},
			idempotencyKey: null,
		});
		// No first_name (a "__proto__" key is just data), no tips, no score: defaults, the else branch, an empty list.
		expect(email(items[1])).toMatchObject({
			subject: 'there, a few tips for your Chatly trial',
			html: '<p>Hi there,</p>\n<p>Here are some tips:</p>\n<ol></ol>\n<p>No score yet.</p>\n<p><a href="https://cal.test/luis">Book a call</a></p>\n<p><b>Luis</b> · Chatly</p>',
			text: 'Hi there,\n\nHere are some tips:\n\nNo score yet.\n\nBook a call (https://cal.test/luis)\n\nLuis · Chatly',
			missingVariables: ['tip_list'],
			defaultedVariables: ['first_name', 'tip_count'],
		});
		expect(({} as Record<string, unknown>).first_name).toBeUndefined();
	});

	it('applies overrides and options: subject override, unsubscribe headers, monthly idempotency key, Customer Record Path', async () => {
		const result = await run('overrides.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const [madrid, newYork] = items.map(email);
		expect(madrid).toMatchObject({
			templateId: 'renewal_60_days',
			locale: 'es',
			to: 'ana@acme.test',
			subject: 'Ana, Growth renews on 2027-01-29',
			headers: {
				'List-Unsubscribe': '<https://app.chatly.test/unsubscribe?c=cust-madrid>',
				'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
			},
			// 2026-11-30T23:30Z is already December in Madrid, still November in New York (the node's Time Zone).
			idempotencyKey: 'renewal_60_days/cust-madrid/2026-12',
		});
		expect(madrid.text).toBe(
			'Hola Ana,\n\nTu suscripción a Chatly se renueva el 2027-01-29.\n\nTu plan actual: Growth\nPrecio: €99/mes\n\nMe encantaría agendar una llamada para:\n- Revisar el valor que has obtenido este año\n- Discutir tus objetivos para el próximo periodo\n- Explorar si tu plan actual sigue siendo el adecuado\n\nAgenda tu llamada de renovación (https://cal.test/luis)\n\n¿Preguntas? Estoy aquí para ayudarte.\n\nLuis\n\nDarse de baja: https://app.chatly.test/unsubscribe?c=cust-madrid',
		);
		expect(madrid.html).toContain(
			'<p><strong>Tu plan actual:</strong> Growth<br><strong>Precio:</strong> €99/mes</p>',
		);
		expect(madrid.html).toContain(
			'<p style="font-size: 12px; color: #6b7280;"><a href="https://app.chatly.test/unsubscribe?c=cust-madrid">Darse de baja</a></p>',
		);
		expect(newYork).toMatchObject({
			locale: 'en',
			subject: 'Bob, Pro renews on 2027-01-30',
			idempotencyKey: 'renewal_60_days/cust-ny/2026-11',
		});
		expect(newYork.text).toContain('Price: €499/month');

		const [overridden] = result.outputs('HTML Override');
		expect(
			overridden.map((item) => [email(item).subject, email(item).html, email(item).text]),
		).toEqual([
			[
				'Ana, ¿todo bien? 🤔',
				'<p>Hi Ana,</p><ul><li>Shared inbox</li></ul><p>Score: 81</p><p><a href="https://app.chatly.test">Log in</a></p>',
				'Hi Ana,\n\n- Shared inbox\n\nScore: 81\n\nLog in (https://app.chatly.test)',
			],
			[
				'Bob, is everything OK? 🤔',
				'<p>Hi Bob,</p><ul><li>Reports</li><li>API</li></ul><p><a href="https://app.chatly.test">Log in</a></p>',
				'Hi Bob,\n\n- Reports\n- API\n\nLog in (https://app.chatly.test)',
			],
		]);
	});

	it('refuses template tags in a field switched to an n8n expression, and accepts an expression that loads a template', async () => {
		const result = await run('expression-mode.workflow.json');
		expect(result.status).toBe('success');
		const [loaded] = result.outputs('Loaded Template');
		expect(email(loaded[0])).toMatchObject({
			subject: 'Hello',
			html: '<p>Hi Ana from &lt;Acme&gt;</p>',
			text: 'Hi Ana from <Acme>',
		});
		const [refused] = result.outputs('Tags In Expression');
		expect(refused.map((item) => [item.json.error, item.pairedItem])).toEqual([
			[
				"HTML: this field is an n8n expression, so n8n would evaluate the template's tags (such as {{ first_name }}) itself. Switch the field to Fixed: this node fills the tags in, escaping every value",
				{ item: 0 },
			],
		]);
	});

	it('follows another CS Email Template node: the address comes from the first one’s email.to', async () => {
		const result = await run('chained.workflow.json');
		expect(result.status).toBe('success');
		const [items] = result.outputs('Follow-up');
		expect(
			items.map((item) => [
				email(item).templateId,
				email(item).to,
				email(item).subject,
				email(item).idempotencyKey,
				item.pairedItem,
			]),
		).toEqual([
			[
				'nps_followup_detractor',
				'ana@acme.test',
				'Ana, thank you for your feedback - can we talk?',
				'nps_followup_detractor/cust-1',
				{ item: 0 },
			],
			[
				'nps_followup_detractor',
				'bob@globex.test',
				'Bob, gracias por tu feedback - ¿podemos hablar?',
				'nps_followup_detractor/cust-2',
				{ item: 1 },
			],
		]);
	});
	it("fails a hostile item on its own, fast, with the engine's message: templates and data from the item (issue 11)", async () => {
		const entries = Array.from({ length: 15_000 }, (_value, index) => `entry ${index}`);
		const workflow = loadWorkflow(__dirname, 'hostile.workflow.json');
		const base = { email: 'ana@acme.test', first_name: 'Ana' };
		workflow.pinData = {
			"When clicking 'Execute workflow'": [
				{ json: { ...base, template_html: '<p>Hi {{ first_name }}</p>' } },
				{
					json: {
						...base,
						a: entries,
						b: entries,
						template_html: '{{#each a}}{{#each b}}<td>{{ this }}</td>{{/each}}{{/each}}',
					},
				},
				{
					json: {
						...base,
						template_html: `${'{{#if a}}'.repeat(10_000)}x${'{{/if}}'.repeat(10_000)}`,
					},
				},
				{ json: { ...base, x: 'a onmouseover=alert(1)', template_html: '<a title={{ x }}>t</a>' } },
				{
					json: {
						...base,
						link: ' JaVaScRiPt:alert(1)',
						template_html: '<a href="{{ link }}">t</a>',
					},
				},
				{
					json: {
						...base,
						first_name: 'Ana\u0000\u0085Bcc: eve@evil.test',
						template_html: '<p>x</p>',
					},
				},
			],
		};
		const start = performance.now();
		const result = await runWorkflow(workflow, { nodeTypes });
		// A hang guard, not a benchmark (bench/templates-hostile.ts measures): before the fix item 1 ended the process.
		expect(performance.now() - start).toBeLessThan(10_000);
		expect(result.status).toBe('success');
		const [items] = result.outputs('Template From Item');
		expect(items.map((item) => [item.pairedItem, item.json.error ?? email(item).subject])).toEqual([
			[{ item: 0 }, 'Hi Ana'],
			[
				{ item: 1 },
				'Custom HTML: {{#each b}} at line 1, column 12: the loops of the email would walk more than 200,000 entries ("b" has 15,000, after 195,000 already walked) (limit MAX_LOOP_ITERATIONS = 200,000)',
			],
			[
				{ item: 2 },
				'Custom HTML: {{#if a}} at line 1, column 451 opens a block inside 50 others, deeper than blocks may be nested (limit MAX_BLOCK_DEPTH = 50)',
			],
			[{ item: 3 }, 'Hi Ana'],
			[
				{ item: 4 },
				'Variable "link" starts the link in href (Custom HTML: {{ link }} at line 1, column 10) and must be an http(s), mailto or tel URL or a relative link, never javascript:, data: or vbscript: (got " JaVaScRiPt:alert(1)")',
			],
			[{ item: 5 }, 'Hi Ana Bcc: eve@evil.test'],
		]);
		expect(email(items[3]).html).toBe('<a title=a&#32;onmouseover&#61;alert(1)>t</a>');
	});
});
