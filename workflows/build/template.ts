import { createHash } from 'node:crypto';

/**
 * A workflow template under construction: nodes placed on a grid, connections, sticky notes, and the facts
 * workflows/README.md lists. Node and webhook ids are derived from the template and node names, so building again
 * gives the same file.
 */

export const PACKAGE = 'n8n-nodes-customer-success';

/** Grid cell in pixels: a node at [column, row] sits at [column * COLUMN, row * ROW]. */
const COLUMN = 240;
const ROW = 200;

export interface NodeSpec {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	/** [column, row] on the grid; fractions are allowed. */
	at: [number, number];
	credentials?: Record<string, { id: string; name: string }>;
	webhook?: boolean;
	executeOnce?: boolean;
	alwaysOutputData?: boolean;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	notes?: string;
}

export interface TemplateInfo {
	/** The file name in workflows/, without .json. */
	file: string;
	/** Stable workflow id (16 characters): importing again replaces the workflow instead of adding a copy. */
	id: string;
	name: string;
	/** What starts it, in words. */
	trigger: string;
	/** What it does, one sentence. */
	does: string;
	/** What a user sets before switching it on. */
	configure: string;
	/** The seed sections it follows (docs/sources.md). */
	follows: string;
	/** The data tables it reads or writes. */
	tables: string[];
	/** Set when the template cannot work in n8n 1.x, saying why. */
	notInN8n1?: string;
}

/**
 * Why a template that keeps its state in Data Tables does not run in n8n 1.x, as measured in n8n 1.123.81 (the last
 * 1.x line; test/e2e/n8n-1x.e2e.test.ts checks it): 1.x's Data Table node has only row operations, on a table picked
 * from a list or by id.
 */
export const DATA_TABLES_NOT_IN_N8N1 =
	'this template does not run in n8n 1.x (measured in 1.123.81). It imports, and switches on where it has a trigger, but every run stops at its first step that reads or writes a data table ("Could not find the data table"): n8n 1.x’s Data Table node cannot create a table, and finds one only from a list or by id, not by name. Use n8n 2.x.';

/** Extra height of the first sticky note when it carries the n8n 1.x note (it grows towards empty canvas). */
const N8N1_NOTE_HEIGHT = 100;
/** A node's footprint on the canvas, its label included. */
const NODE_SIZE = 120;

interface StickySpec {
	content: string;
	from: [number, number];
	to: [number, number];
	color?: number;
}

export function stableId(...parts: string[]): string {
	const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class Template {
	private readonly nodes: NodeSpec[] = [];
	private readonly connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
	> = {};
	private readonly stickies: StickySpec[] = [];

	constructor(readonly info: TemplateInfo) {
		if (!/^[A-Za-z0-9]{16}$/.test(info.id))
			throw new Error(`${info.file}: the id must be 16 letters or digits`);
	}

	/** Adds a node and returns its name (the handle connections use). */
	add(spec: NodeSpec): string {
		if (this.nodes.some((node) => node.name === spec.name))
			throw new Error(`${this.info.file}: two nodes named "${spec.name}"`);
		this.nodes.push(spec);
		return spec.name;
	}

	/** Connects `from`'s output `output` to each target's input 0 (or [name, input]). */
	connect(from: string, targets: string | Array<string | [string, number]>, output = 0): this {
		const list = Array.isArray(targets) ? targets : [targets];
		const entry = (this.connections[from] ??= { main: [] });
		while (entry.main.length <= output) entry.main.push([]);
		for (const target of list) {
			const [node, index] = Array.isArray(target) ? target : [target, 0];
			entry.main[output].push({ node, type: 'main', index });
		}
		return this;
	}

	/** Connects each node to the next one. */
	chain(...names: string[]): this {
		for (let i = 1; i < names.length; i++) this.connect(names[i - 1], names[i]);
		return this;
	}

	/**
	 * A sticky note covering the grid cells from `from` to `to` (inclusive): from 60 px above and left of the first
	 * cell's node to 60 px past the last one's. Markdown content.
	 */
	sticky(content: string, from: [number, number], to: [number, number], color?: number): this {
		this.stickies.push({ content, from, to, color });
		return this;
	}

	nodeNames(): string[] {
		return this.nodes.map((node) => node.name);
	}

	/** What keeps the template from running in n8n 1.x, if anything: the definition's own word, else its Data Tables. */
	get notInN8n1(): string | undefined {
		const usesDataTables = this.nodes.some((node) => node.type === 'n8n-nodes-base.dataTable');
		return this.info.notInN8n1 ?? (usesDataTables ? DATA_TABLES_NOT_IN_N8N1 : undefined);
	}

	toJSON(): Record<string, unknown> {
		for (const [from, { main }] of Object.entries(this.connections)) {
			if (!this.nodes.some((node) => node.name === from))
				throw new Error(`${this.info.file}: connection from unknown node "${from}"`);
			for (const target of main.flat()) {
				if (!this.nodes.some((node) => node.name === target.node)) {
					throw new Error(
						`${this.info.file}: connection from "${from}" to unknown node "${target.node}"`,
					);
				}
			}
		}
		const nodes = this.nodes.map((spec) => {
			const node: Record<string, unknown> = {
				parameters: spec.parameters,
				id: stableId(this.info.id, spec.name),
				name: spec.name,
				type: spec.type,
				typeVersion: spec.typeVersion,
				position: [Math.round(spec.at[0] * COLUMN), Math.round(spec.at[1] * ROW)],
			};
			if (spec.webhook) node.webhookId = stableId(this.info.id, spec.name, 'webhook');
			if (spec.credentials) node.credentials = spec.credentials;
			if (spec.executeOnce) node.executeOnce = true;
			if (spec.alwaysOutputData) node.alwaysOutputData = true;
			if (spec.onError) node.onError = spec.onError;
			if (spec.notes) {
				node.notes = spec.notes;
				node.notesInFlow = true;
			}
			return node;
		});
		const notInN8n1 = this.notInN8n1;
		this.stickies.forEach((note, index) => {
			const [c1, r1] = note.from;
			const [c2, r2] = note.to;
			// The first note is the one a user reads first: it says when the template does not run in n8n 1.x.
			const n8n1 = index === 0 && notInN8n1 !== undefined;
			const extra = n8n1 ? N8N1_NOTE_HEIGHT : 0;
			const top = Math.round(r1 * ROW - 60);
			const left = Math.round(c1 * COLUMN - 60);
			const width = Math.round((c2 - c1) * COLUMN + 240);
			const height = Math.round((r2 - r1) * ROW + 240);
			// The note grows into the first free band: above it, below it, else to its right (as wide as the text needs).
			const nodeIn = (bandLeft: number, bandRight: number, bandTop: number, bandBottom: number) =>
				this.nodes.some(({ at: [c, r] }) => {
					const [x, y] = [c * COLUMN, r * ROW];
					return (
						x + NODE_SIZE > bandLeft && x < bandRight && y + NODE_SIZE > bandTop && y < bandBottom
					);
				});
			const wider = Math.round((extra * width) / height);
			const growth =
				extra === 0
					? 'none'
					: !nodeIn(left, left + width, top - extra, top)
						? 'up'
						: !nodeIn(left, left + width, top + height, top + height + extra)
							? 'down'
							: 'right';
			nodes.push({
				parameters: {
					content: n8n1 ? `${note.content}\n\n**n8n 1.x**: ${notInN8n1}` : note.content,
					height: growth === 'up' || growth === 'down' ? height + extra : height,
					width: growth === 'right' ? width + wider : width,
					...(note.color ? { color: note.color } : {}),
				},
				id: stableId(this.info.id, 'sticky', String(index)),
				name: `Note ${index + 1}`,
				type: 'n8n-nodes-base.stickyNote',
				typeVersion: 1,
				position: [left, growth === 'up' ? top - extra : top],
			});
		});
		return {
			id: this.info.id,
			name: this.info.name,
			nodes,
			connections: this.connections,
			settings: { executionOrder: 'v1' },
			active: false,
			pinData: {},
			meta: { templateCredsSetupCompleted: false },
			tags: [],
		};
	}
}
