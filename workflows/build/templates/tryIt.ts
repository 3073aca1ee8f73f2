import { customerColumns, ensureTables, upsertCustomer } from '../blocks';
import {
	code,
	csNode,
	expr,
	filterNode,
	LINK_SETTINGS,
	manualTrigger,
	noOp,
	renderEmail,
	sendEmail,
	SENDER_SETTINGS,
	settingsNode,
	tableGet,
} from '../nodes';
import { sampleCustomers, WITH_DATES_CODE } from '../../../test/fixtures/customers';
import { Template } from '../template';

/** How many sample customers the demo loads. */
export const DEMO_CUSTOMERS = 50;

/**
 * The demo: on Execute workflow it loads fifty sample customers into cs_customers, then runs the decision chain a
 * customer-success team runs every day (health score, churn and expansion signals, lifecycle stage, the save
 * playbook) and sends the first email of each playbook to the mail sink `npm start` runs.
 */
export function tryItTemplate(): Template {
	const t = new Template({
		file: 'cs-00-try-it',
		id: 'csTplTryIt000001',
		name: 'CS 00 · Try it: score fifty sample customers',
		trigger: 'Manual (Execute workflow)',
		does: 'Loads fifty sample customers into cs_customers and shows their health scores, churn and expansion signals, lifecycle stages, save playbooks and the first email of each playbook (sent to the mail sink)',
		configure: 'Nothing for the demo; the SMTP credential to send real mail',
		follows:
			'The decision chain of health scoring, churn prevention (signals and save playbooks), expansion and the lifecycle (docs/sources.md#health-scoring, #churn-prevention, #expansion, #lifecycle)',
		tables: ['cs_customers'],
	});
	const id = t.info.id;
	const trigger = t.add(manualTrigger([0, 0]));
	const settings = t.add(settingsNode([1, 0], { ...SENDER_SETTINGS, ...LINK_SETTINGS }, id));
	t.chain(trigger, settings);
	t.connect(settings, ensureTables(t, [2, -3], t.info.tables));

	// Above the main path, so it runs first: the sample customers, with dates relative to now.
	const load = t.add(
		code(
			'Sample customers',
			[2, -2],
			`${WITH_DATES_CODE}\nconst customers = ${JSON.stringify(sampleCustomers(DEMO_CUSTOMERS))};\nreturn customers.map((customer) => ({ json: withDates(customer, Date.now()) }));`,
		),
	);
	const columns = customerColumns(t, 'Customer fields', [3, -2]);
	const save = upsertCustomer(t, 'Save sample customers', [4, -2]);
	t.connect(settings, load).chain(load, columns, save);

	const read = t.add({
		...tableGet('Read customers', [2, 0], 'cs_customers', []),
		executeOnce: true,
	});
	const health = t.add(csNode('Customer Health Score', 'customerHealthScore', [3, 0], {}));
	const churn = t.add(csNode('Churn Signals', 'customerChurnSignals', [4, 0], {}));
	const expansion = t.add(csNode('Expansion Signals', 'customerExpansionSignals', [5, 0], {}));
	const lifecycle = t.add(csNode('Lifecycle Stage', 'customerLifecycleStage', [6, 0], {}));
	const scored = t.add(noOp('Scores, signals and stages', [7, -1]));
	const playbook = t.add(
		csNode('CS Playbook', 'customerPlaybook', [7, 0], { outputMode: 'perStep', options: {} }),
	);
	const noPlaybook = t.add(noOp('No playbook needed', [8, 1]));
	t.chain(settings, read, health, churn, expansion, lifecycle, playbook).connect(lifecycle, scored);
	t.connect(playbook, noPlaybook, 1);
	const firstEmail = t.add(
		filterNode('First email of each playbook', [8, 0], id, [
			{
				left: expr("$json.playbook.step.channel === 'email' && $json.playbook.step.template"),
				operator: { type: 'boolean', operation: 'true', singleValue: true },
			},
		]),
	);
	const onePerCustomer = t.add(
		code(
			'One per customer',
			[9, 0],
			'const seen = new Set();\nreturn $input.all().filter((item) => !seen.has(item.json.customer_id) && seen.add(item.json.customer_id));',
		),
	);
	const render = t.add(
		renderEmail('Render the playbook email', [10, 0], 'byId', {}, { missingVariables: 'lenient' }),
	);
	const send = t.add(sendEmail('Send to the mail sink', [11, 0]));
	t.chain(playbook, firstEmail, onePerCustomer, render, send);

	t.sticky(
		[
			'## Try it',
			'Press **Execute workflow**. It loads fifty sample customers into the `cs_customers` data table (again on every run: it updates them), scores them, and shows on each node what it found.',
			'',
			'Open **Customer Health Score**, **Churn Signals**, **Expansion Signals** and **Lifecycle Stage** to see each customer’s score, signals and stage, **CS Playbook** for the save playbooks with due times, and **Render the playbook email** for the emails. They go to the mail sink `npm start` runs: http://localhost:5680.',
			'',
			'Nothing to configure for the demo. To send real mail, give **Send to the mail sink** your SMTP credential.',
		].join('\n'),
		[0, -5],
		[3, -3.4],
		4,
	);
	t.sticky(
		'### The decision chain\nEach node adds its result to the customer: `health`, `churn`, `expansion`, `lifecycle`, then `playbook` for customers with a save playbook.',
		[3, 0.6],
		[6, 1.3],
	);
	return t;
}
