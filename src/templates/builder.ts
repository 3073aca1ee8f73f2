/**
 * The built-in templates are written once as blocks (paragraphs, lists, links, signatures) and turned into their
 * HTML and plain-text bodies here, so the two bodies always say the same thing. This runs on our own constant
 * text at load time, never on item data. Inline markup in block text: `**bold**` and `[label](variable)`, a link
 * to the URL in `variable` (checked to be http(s) or mailto when rendered).
 */

export type Block =
	| { type: 'p'; text: string }
	| { type: 'lines'; lines: string[] }
	| { type: 'section'; title: string; blocks: Block[] }
	| { type: 'list'; ordered: boolean; items: ListItem[] }
	| { type: 'each'; ordered: boolean; list: string; item: string }
	| { type: 'if'; condition: string; blocks: Block[]; otherwise: Block[] }
	| { type: 'scale'; link: string; from: number; to: number };

/** A list entry, optionally shown only when a variable is present. */
export type ListItem = string | { if: string; text: string };

export const p = (text: string): Block => ({ type: 'p', text });
/** Lines in one paragraph, e.g. a signature. */
export const lines = (...text: string[]): Block => ({ type: 'lines', lines: text });
/** A bold title with its content (in the text body, the content follows on the next line). */
export const section = (title: string, ...blocks: Block[]): Block => ({
	type: 'section',
	title,
	blocks,
});
export const ul = (...items: ListItem[]): Block => ({ type: 'list', ordered: false, items });
export const ol = (...items: ListItem[]): Block => ({ type: 'list', ordered: true, items });
/**
 * A bulleted (or numbered) list with one entry per element of the list variable (or line of a text); `item` is
 * the entry's text, `{{ this }}` by default, or its fields for a list of objects (`{{ this.company }}`).
 */
export const each = (list: string, ordered = false, item = '{{ this }}'): Block => ({
	type: 'each',
	ordered,
	list,
	item,
});
/** Blocks shown only when `condition` is present (and not false or 0). */
export const when = (condition: string, ...blocks: Block[]): Block => ({
	type: 'if',
	condition,
	blocks,
	otherwise: [],
});
/** `blocks` when `condition` is present, else `otherwise` (e.g. a list variable, else a list of our own). */
export const whenElse = (condition: string, blocks: Block[], otherwise: Block[]): Block => ({
	type: 'if',
	condition,
	blocks,
	otherwise,
});
/**
 * A row of links `from` … `to` (an NPS scale), each to the URL in `link` followed by its number: the variable
 * ends where the number goes (e.g. `https://survey.example.com/nps?score=`). One link a line in the text body.
 */
export const scale = (link: string, from: number, to: number): Block => ({
	type: 'scale',
	link,
	from,
	to,
});

const LINK = /\[([^\]]+)\]\(([A-Za-z_][A-Za-z0-9_.]*)\)/g;
const BOLD = /\*\*([^*]+)\*\*/g;
const SCALE_LINK_STYLE =
	'display: inline-block; min-width: 30px; padding: 6px 0; margin: 2px; text-align: center; border: 1px solid #d1d5db; border-radius: 4px; color: #1f2937; text-decoration: none;';

function range(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_value, index) => from + index);
}

function escapeStatic(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function inlineHtml(text: string): string {
	return escapeStatic(text)
		.replace(BOLD, '<strong>$1</strong>')
		.replace(
			LINK,
			(_match, label: string, variable: string) => `<a href="{{ ${variable} | url }}">${label}</a>`,
		);
}

function inlineText(text: string): string {
	return text
		.replace(BOLD, '$1')
		.replace(
			LINK,
			(_match, label: string, variable: string) => `${label} ({{ ${variable} | url }})`,
		);
}

function itemText(item: ListItem): { text: string; condition?: string } {
	return typeof item === 'string' ? { text: item } : { text: item.text, condition: item.if };
}

function blockHtml(block: Block): string {
	switch (block.type) {
		case 'p':
			return `<p>${inlineHtml(block.text)}</p>`;
		case 'lines':
			return `<p>${block.lines.map(inlineHtml).join('<br>')}</p>`;
		case 'section':
			return [
				`<p><strong>${inlineHtml(block.title)}</strong></p>`,
				...block.blocks.map(blockHtml),
			].join('\n');
		case 'list': {
			const tag = block.ordered ? 'ol' : 'ul';
			const items = block.items.map((item) => {
				const { text, condition } = itemText(item);
				const li = `<li>${inlineHtml(text)}</li>`;
				return condition ? `{{#if ${condition}}}${li}{{/if}}` : li;
			});
			return [`<${tag}>`, ...items, `</${tag}>`].join('\n');
		}
		case 'each': {
			const tag = block.ordered ? 'ol' : 'ul';
			return `<${tag}>\n{{#each ${block.list}}}<li>${inlineHtml(block.item)}</li>\n{{/each}}</${tag}>`;
		}
		case 'if': {
			const otherwise = block.otherwise.length
				? `{{else}}\n${block.otherwise.map(blockHtml).join('\n')}\n`
				: '';
			return `{{#if ${block.condition}}}\n${block.blocks.map(blockHtml).join('\n')}\n${otherwise}{{/if}}`;
		}
		case 'scale':
			return `<p>${range(block.from, block.to)
				.map(
					(score) =>
						`<a href="{{ ${block.link} | url }}${score}" style="${SCALE_LINK_STYLE}">${score}</a>`,
				)
				.join(' ')}</p>`;
	}
}

function blockText(block: Block): string {
	switch (block.type) {
		case 'p':
			return inlineText(block.text);
		case 'lines':
			return block.lines.map(inlineText).join('\n');
		case 'section':
			return [inlineText(block.title), block.blocks.map(blockText).join('\n\n')].join('\n');
		case 'list':
			return block.items
				.map((item, index) => {
					const { text, condition } = itemText(item);
					const line = `${block.ordered ? `${index + 1}.` : '-'} ${inlineText(text)}`;
					return condition ? `{{#if ${condition}}}${line}\n{{/if}}` : `${line}\n`;
				})
				.join('');
		case 'each':
			return `{{#each ${block.list}}}${block.ordered ? '{{ @number }}.' : '-'} ${inlineText(block.item)}\n{{/each}}`;
		case 'if': {
			const otherwise = block.otherwise.length
				? `{{else}}${block.otherwise.map(blockText).join('\n\n')}`
				: '';
			return `{{#if ${block.condition}}}${block.blocks.map(blockText).join('\n\n')}${otherwise}{{/if}}`;
		}
		case 'scale':
			return range(block.from, block.to)
				.map((score) => `${score}: {{ ${block.link} | url }}${score}`)
				.join('\n');
	}
}

const WRAPPER_OPEN =
	'<div style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2937;">';
const FOOTER_STYLE = 'font-size: 12px; color: #6b7280;';

/** The unsubscribe footer every built-in ends with; shown only when `unsubscribe_link` is set. */
function footerHtml(label: string): string {
	return `{{#if unsubscribe_link}}\n<p style="${FOOTER_STYLE}"><a href="{{ unsubscribe_link | url }}">${escapeStatic(label)}</a></p>\n{{/if}}`;
}

export function buildHtml(blocks: Block[], unsubscribeLabel: string): string {
	return [WRAPPER_OPEN, ...blocks.map(blockHtml), footerHtml(unsubscribeLabel), '</div>'].join(
		'\n',
	);
}

export function buildText(blocks: Block[], unsubscribeLabel: string): string {
	return [
		...blocks.map(blockText),
		`{{#if unsubscribe_link}}${unsubscribeLabel}: {{ unsubscribe_link | url }}{{/if}}`,
	].join('\n\n');
}
