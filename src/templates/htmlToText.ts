import { decodeEntities } from './escape';

/**
 * The plain-text part of an email from its HTML, when a template gives no text: tags dropped, paragraphs and
 * line breaks kept, list items as "- " (or "1. " in ordered lists), a link's address after its label, and
 * entities decoded (so an escaped `&lt;script&gt;` reads `<script>`, as plain text should). No library: emails
 * are simple HTML, and this only ever produces text, never markup.
 */

const DROPPED_BLOCKS = /<(script|style|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENTS = /<!--[\s\S]*?-->/g;
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9]*)\b([^>]*)>/g;
const PARAGRAPH_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'blockquote', 'pre']);
const LINE_TAGS = new Set(['div', 'tr', 'section', 'header', 'footer', 'article']);
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

interface OpenLink {
	href: string;
	start: number;
}

export function htmlToText(html: string): string {
	const source = html.replace(COMMENTS, '').replace(DROPPED_BLOCKS, '');
	let out = '';
	const lists: { ordered: boolean; count: number }[] = [];
	const links: OpenLink[] = [];

	const appendText = (text: string) => {
		out += decodeEntities(text.replace(/\s+/g, ' '));
	};
	// Line and paragraph breaks never pile up: each adds only the newlines the output does not end with yet.
	const breakTo = (newlines: number) => {
		out = out.replace(/[ \t]+$/, '');
		if (out === '') return;
		const present = /\n*$/.exec(out)?.[0].length ?? 0;
		if (present < newlines) out += '\n'.repeat(newlines - present);
	};

	let cursor = 0;
	for (const match of source.matchAll(TAG)) {
		const index = match.index ?? 0;
		appendText(source.slice(cursor, index));
		cursor = index + match[0].length;
		const closing = match[1] === '/';
		const tag = match[2].toLowerCase();
		const attributes = match[3];

		if (tag === 'br') out += '\n';
		else if (tag === 'hr') {
			breakTo(2);
			out += '---';
			breakTo(2);
		} else if (tag === 'li' && !closing) {
			const list = lists[lists.length - 1];
			if (list?.ordered) list.count += 1;
			breakTo(1);
			out += list?.ordered ? `${list.count}. ` : '- ';
		} else if (tag === 'ul' || tag === 'ol') {
			if (closing) lists.pop();
			else lists.push({ ordered: tag === 'ol', count: 0 });
			breakTo(2);
		} else if (PARAGRAPH_TAGS.has(tag)) breakTo(2);
		else if (LINE_TAGS.has(tag)) breakTo(1);
		else if (tag === 'td' || tag === 'th') out += closing ? ' ' : '';
		else if (tag === 'a' && !closing) {
			const href = HREF.exec(attributes);
			links.push({ href: decodeEntities((href?.[1] ?? href?.[2] ?? href?.[3] ?? '').trim()), start: out.length });
		} else if (tag === 'a' && closing) {
			const link = links.pop();
			if (link && link.href !== '') {
				const label = out.slice(link.start).trim();
				const bare = link.href.replace(/^mailto:/i, '');
				if (label !== link.href && label !== bare) out += label === '' ? link.href : ` (${link.href})`;
			}
		}
	}
	appendText(source.slice(cursor));

	return out
		.split('\n')
		.map((line) => line.replace(/[ \t]+/g, ' ').trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}
