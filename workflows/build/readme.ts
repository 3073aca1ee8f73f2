import type { Template } from './template';
import { TABLES } from './tables';

/**
 * workflows/README.md, written from the template definitions and the data model, so the table of templates, the
 * events each one listens to and the columns of each data table never drift from the files.
 */

interface TriggerFacts {
	path: string;
	events: string[];
}

function triggerOf(json: Record<string, any>): TriggerFacts | undefined {
	const node = json.nodes.find((candidate: { type: string }) =>
		candidate.type.endsWith('.customerSuccessTrigger'),
	);
	if (!node) return undefined;
	const custom = String(node.parameters.customEvents ?? '')
		.split(',')
		.map((name: string) => name.trim())
		.filter(Boolean);
	return { path: node.parameters.path, events: [...node.parameters.events, ...custom] };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderReadme(templates: Template[]): string {
	const rows = templates.map((template) => {
		const { info } = template;
		return `| [${info.name}](#${anchor(info.name)}) | \`${info.file}.json\` | ${cell(info.trigger)} | ${cell(info.does)} | ${cell(info.configure)} | ${cell(info.follows)} |`;
	});
	const events = templates.flatMap((template) => {
		const trigger = triggerOf(template.toJSON());
		return trigger
			? [
					`| \`/webhook/${trigger.path}\` | ${template.info.name} | ${trigger.events.map((event) => `\`${event}\``).join(', ')} |`,
				]
			: [];
	});
	const tables = TABLES.map(
		(table) =>
			`### \`${table.name}\`\n${table.meaning} Key: \`${table.key}\`.\n\n| column | type | meaning |\n|---|---|---|\n${table.columns
				.map((column) => `| \`${column.name}\` | ${column.type} | ${cell(column.meaning)} |`)
				.join('\n')}`,
	);
	const pictures = templates.map(
		(template) =>
			`### ${template.info.name}\n${template.info.does}.\n\nData tables: ${template.info.tables.map((table) => `\`${table}\``).join(', ')}.${
				template.notInN8n1 ? `\n\n**n8n 1.x**: ${template.notInN8n1}` : ''
			}\n\n![${template.info.name}](images/${template.info.file}.png)`,
	);
	return `# Workflow templates

<!-- Written by \`npm run workflows:build\` from workflows/build/: edit the definitions there, not this file. -->

Ready-made customer-success sequences for n8n, built from this package's nodes (the customer-success logic) and n8n's own nodes (triggers, waits, Data Tables, Send Email). Each template is one JSON file in this folder. They keep their state in n8n's **Data Tables**, which each template creates on its first run when they are missing: no external database, and no table to create by hand.

\`npm start\` (in the repository root) imports them all into a local n8n, with a mail sink for the emails and the three credentials they use; start with **CS 00 · Try it**.

## The templates

| template | file | started by | what it does | configure | follows |
|---|---|---|---|---|---|
${rows.join('\n')}

Every template has a **Settings** node at the top: sender, product name, CSM, links, and the days of each step. Nothing else needs editing. \`delay_unit\` is \`days\`; set it to \`seconds\` (or \`minutes\`) to run a whole sequence in a few seconds while you try it. Sticky notes on the canvas say what each part does.

## Which events go where

Each template listens on its own path. Give the calling system the **Production URL** of each template's *Customer Success Trigger* (\`https://<your n8n>/webhook/<path>\`) and the secret of the credential; see the package README, "Webhook playbooks", for the signing scheme.

| path | template | events |
|---|---|---|
${events.join('\n')}

## How the sequences run

- **Waits**: the steps of a sequence are separated by n8n **Wait** nodes. n8n stores every wait longer than about a minute in its database and resumes it after a restart, so a 21-day sequence survives restarts and upgrades; each customer's sequence is one execution you can open to see where it stands, and its \`cs_enrolments\` row says when the next step is due (\`next_step_at\`, the end of the Wait it is in; empty once the sequence has completed or stopped). (The other way, a schedule that picks due steps from a table, needs a polling workflow running all the time and spreads one customer's journey over many executions; the Wait node keeps it in one place.)
- **Exit conditions**: before every step the sequence checks its row in \`cs_enrolments\`. An exit event (a login ends re-engagement, a reactivation ends win-back, an answered survey ends the reminders, a cancellation ends every other sequence) marks the row \`stopped\` with the reason, and the next check ends the sequence: nobody gets a win-back email after reactivating.
- **Order inside a step**: the side effects of a step (the email, the log row, the tasks) are the branches drawn above the sequence's main line; n8n runs those first, so a step is sent and logged before the sequence waits again.
- **Tasks for people** (calls, meetings, reviews, escalations) go to \`cs_tasks\` with due times from the CS Playbook node, in the customer's time zone.

## The data model

${tables.join('\n\n')}

## Import a template into your own n8n

- **n8n 2.x**, editor: *Workflows → Import from File*, pick the JSON, open each *Send* and trigger node to choose your SMTP and webhook credentials, set the **Settings** node, then **Publish**.
- **n8n 2.x**, command line (with n8n stopped): \`n8n import:workflow --input=cs-01-welcome-onboarding.json\`, then \`n8n publish:workflow --id=csTplWelcome0001\` (each file's \`id\` is fixed, so importing again updates the workflow instead of adding a copy).
- **n8n 1.x**: \`n8n import:workflow --input=FILE.json\`, then \`n8n update:workflow --id=ID --active=true\` (1.x has no publish). See the note below on Data Tables in 1.x.
- The templates name their credentials by id: \`CS demo mail sink (SMTP)\` and \`CS webhook secret\`, which \`npm start\` creates. In your own n8n, pick your credentials in the nodes that ask for them.

### n8n 1.x

n8n 1.123's Data Table node can neither create a table nor find one by name (only from a list or by id), so the templates, which create and name their tables, do not run in 1.x as they are. The package's nodes themselves work in 1.x.

## Pictures

Taken from the n8n editor by \`npm run workflows:screenshots\`.

${pictures.join('\n\n')}
`;
}

function anchor(title: string): string {
	return title
		.toLowerCase()
		.replace(/[^a-z0-9 -]/g, '')
		.trim()
		.replace(/ /g, '-');
}
