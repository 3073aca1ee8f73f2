import { LOOP_NUMBER, type TemplateNode } from './syntax';

/** What a template asks for, found by walking its tree (never by rendering it). */

export interface TemplateVariable {
	/** The dotted path, e.g. `first_name` or `health.score`. */
	name: string;
	/** How it is used: shown as a value, walked as a list ({{#each}}), or only tested ({{#if}}). */
	usage: 'value' | 'list' | 'condition';
	/** False when it is only tested by {{#if}} or only used inside an {{#if}} section: the email renders without it. */
	required: boolean;
	/** True when the template uses it raw ({{{ name }}}). */
	raw: boolean;
}

function visit(
	nodes: TemplateNode[],
	conditional: boolean,
	found: Map<string, TemplateVariable>,
): void {
	const add = (name: string, usage: TemplateVariable['usage'], required: boolean, raw = false) => {
		const known = found.get(name);
		if (!known) {
			found.set(name, { name, usage, required, raw });
			return;
		}
		if (known.usage === 'condition' && usage !== 'condition') known.usage = usage;
		known.required ||= required;
		known.raw ||= raw;
	};
	for (const node of nodes) {
		if (node.kind === 'text') continue;
		if (node.path[0] === 'this' || node.path[0] === LOOP_NUMBER) {
			// Fields of a list entry belong to the list; the list itself is recorded by its {{#each}}.
			if (node.kind === 'if') {
				visit(node.then, true, found);
				visit(node.otherwise, true, found);
			}
			if (node.kind === 'each') visit(node.body, conditional, found);
			continue;
		}
		const name = node.path.join('.');
		if (node.kind === 'value') add(name, 'value', !conditional, node.raw);
		else if (node.kind === 'each') {
			add(name, 'list', !conditional);
			visit(node.body, conditional, found);
		} else {
			add(name, 'condition', false);
			visit(node.then, true, found);
			visit(node.otherwise, true, found);
		}
	}
}

/** The variables of one or more parsed parts (subject, HTML, text), in order of first appearance. */
export function templateVariables(...parts: TemplateNode[][]): TemplateVariable[] {
	const found = new Map<string, TemplateVariable>();
	for (const part of parts) visit(part, false, found);
	return [...found.values()];
}

/** The first segment of every variable, e.g. `health` for `health.score` (to know which sources to prepare). */
export function rootNames(variables: TemplateVariable[]): Set<string> {
	return new Set(variables.map((variable) => variable.name.split('.')[0]));
}
