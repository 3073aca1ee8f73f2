/**
 * Every bundled template in workflows/: what it must be to import cleanly and be safe to share. (That every n8n node
 * type and version exists in the pinned n8n is checked against a real n8n in test/e2e/templates-catalog.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { renderTemplates } from '../../../workflows/build';
import { TABLES } from '../../../workflows/build/tables';
import { name as PACKAGE, n8n } from '../../../package.json';

const DIR = path.resolve(__dirname, '../../../workflows');
const files = fs.readdirSync(DIR).filter((file) => file.endsWith('.json'));
const declared = new Set(
	n8n.nodes
		.map((file) => path.basename(file).replace('.node.js', ''))
		.map((name) => name[0].toLowerCase() + name.slice(1)),
);

interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, any>;
	credentials?: Record<string, Record<string, unknown>>;
}
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));

it('there are templates, and each file is what its definition in workflows/build builds', () => {
	expect(files.length).toBeGreaterThan(0);
	const rendered = renderTemplates();
	expect([...rendered.keys()].sort()).toEqual([...files, 'README.md'].sort());
	for (const file of [...files, 'README.md'])
		expect(fs.readFileSync(path.join(DIR, file), 'utf8')).toBe(rendered.get(file));
});

describe.each(files)('%s', (file) => {
	const workflow = load(file);
	const nodes: WorkflowNode[] = workflow.nodes;
	const names = new Set(nodes.map((node) => node.name));

	it('has a stable id, a name and execution order v1', () => {
		expect(workflow.id).toMatch(/^[A-Za-z0-9]{16}$/);
		expect(workflow.name).toMatch(/^CS \d\d · /);
		expect(workflow.settings).toEqual({ executionOrder: 'v1' });
		expect(new Set(nodes.map((node) => node.name)).size).toBe(nodes.length);
	});

	it('connects only nodes that exist', () => {
		for (const [from, { main }] of Object.entries(
			workflow.connections as Record<string, { main: Array<Array<{ node: string }>> }>,
		)) {
			expect(names.has(from)).toBe(true);
			for (const target of main.flat()) expect(names).toContain(target.node);
		}
	});

	it('uses only n8n’s own nodes and this package’s declared nodes, under their community-package names', () => {
		for (const node of nodes) {
			const [scope, type] = node.type.split('.');
			if (scope === PACKAGE) {
				expect(declared).toContain(type);
				expect(node.typeVersion).toBe(1);
			} else {
				expect(scope).toBe('n8n-nodes-base');
			}
		}
	});

	it('has sticky notes that say what to configure', () => {
		const notes = nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
		expect(notes.length).toBeGreaterThan(0);
		expect(notes.map((note) => note.parameters.content).join('\n')).toMatch(/configure/i);
	});

	it('has one Settings node that every Settings reference names a field of', () => {
		const settings = nodes.filter((node) => node.name === 'Settings');
		expect(settings).toHaveLength(1);
		const fields = new Set(
			settings[0].parameters.assignments.assignments.map((a: { name: string }) => a.name),
		);
		const used = new Set(
			[
				...JSON.stringify(nodes).matchAll(/\$\('Settings'\)\.first\(\)\.json\.([A-Za-z0-9_]+)/g),
			].map((m) => m[1]),
		);
		for (const field of used) expect(fields).toContain(field);
	});

	it('carries no credential secret: credentials are references by id and name only', () => {
		for (const node of nodes) {
			for (const reference of Object.values(node.credentials ?? {}))
				expect(Object.keys(reference).sort()).toEqual(['id', 'name']);
		}
		expect(JSON.stringify(workflow)).not.toMatch(
			/"(password|secret|token|apiKey|accessToken)"\s*:\s*"[^"]+"/i,
		);
		expect(JSON.stringify(workflow)).not.toMatch(/-----BEGIN|sk_live_|whsec_/);
	});

	it('names only data tables and columns of the data model', () => {
		const tables = new Map(
			TABLES.map((table) => [table.name, new Set(table.columns.map((column) => column.name))]),
		);
		for (const node of nodes.filter((candidate) => candidate.type === 'n8n-nodes-base.dataTable')) {
			const table = node.parameters.dataTableId?.value ?? node.parameters.tableName;
			expect(tables.has(table)).toBe(true);
			const columns = tables.get(table)!;
			for (const column of Object.keys(node.parameters.columns?.value ?? {}))
				expect(columns).toContain(column);
			for (const condition of node.parameters.filters?.conditions ?? []) {
				expect([...columns, 'id', 'createdAt', 'updatedAt']).toContain(condition.keyName);
			}
		}
	});

	it('keeps cs_enrolments.next_step_at: the step before each Wait sets it to now plus that Wait’s delay, an ended sequence clears it', () => {
		const writes = nodes.filter(
			(node) =>
				node.type === 'n8n-nodes-base.dataTable' &&
				node.parameters.dataTableId?.value === 'cs_enrolments' &&
				['insert', 'update'].includes(node.parameters.operation),
		);
		const values = (node: WorkflowNode): Record<string, unknown> =>
			node.parameters.columns?.value ?? {};
		// Ended (completed or stopped): next_step_at is written empty.
		for (const node of writes.filter((write) =>
			['completed', 'stopped'].includes(String(values(write).status)),
		))
			expect([node.name, values(node).next_step_at]).toEqual([node.name, null]);
		// Every Wait (amount in the Settings' delay_unit) has, among the nodes its parent also feeds, or anywhere in the
		// template when its parent feeds no enrolment row, an enrolment write giving next_step_at = now + that delay.
		const inner = (expression: string) => expression.replace(/^=\{\{ ?/, '').replace(/ ?\}\}$/, '');
		const due = (amount: string) =>
			`={{ $now.plus({ [$('Settings').first().json.delay_unit]: Number(${inner(amount)}) }).toUTC().toISO() }}`;
		const connections = workflow.connections as Record<
			string,
			{ main: Array<Array<{ node: string }>> }
		>;
		const waits = nodes.filter((node) => node.type === 'n8n-nodes-base.wait');
		for (const wait of waits) {
			expect(wait.parameters.unit).toBe("={{ $('Settings').first().json.delay_unit }}");
			const siblings = Object.values(connections)
				.map(({ main }) => main.flat().map((target) => target.node))
				.filter((targets) => targets.includes(wait.name))
				.flat();
			const near = writes.filter((write) => siblings.includes(write.name));
			const candidates = near.length > 0 ? near : writes;
			expect([
				wait.name,
				candidates.some((write) => values(write).next_step_at === due(wait.parameters.amount)),
			]).toEqual([wait.name, true]);
			for (const write of near)
				expect([write.name, values(write).next_step_at]).toEqual([
					write.name,
					due(wait.parameters.amount),
				]);
		}
	});
});

it('the README lists every template that ships, by name', () => {
	const readme = fs.readFileSync(path.resolve(DIR, '..', 'README.md'), 'utf8');
	const section = readme.slice(
		readme.indexOf('## Workflow templates'),
		readme.indexOf('## Install into your own n8n'),
	);
	for (const file of files) expect(section).toContain(`| ${load(file).name} |`);
	expect(section).toContain(
		`${['Zero', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Eleven', 'Twelve'][files.length]} templates ship`,
	);
});
