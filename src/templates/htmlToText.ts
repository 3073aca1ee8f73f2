import { decodeEntities } from './escape';
import { removeComments, removeHiddenElements, scanTags } from './htmlScan';
import { TextBuffer, type TextMark } from './textBuffer';

/**
 * The plain-text part of an email from its HTML, when a template gives no text: tags dropped, paragraphs and
 * line breaks kept, list items as "- " (or "1. " in ordered lists), a link's address after its label, and
 * entities decoded (so an escaped `&lt;script&gt;` reads `<script>`, as plain text should). No library: emails
 * are simple HTML, and this only ever produces text, never markup. Linear in the HTML (htmlScan.ts, textBuffer.ts):
 * a 100,000-entry list converts in a fraction of a second.
 */

const PARAGRAPH_TAGS = new Set([
	'p',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'ul',
	'ol',
	'table',
	'blockquote',
	'pre',
]);
const LINE_TAGS = new Set(['div', 'tr', 'section', 'header', 'footer', 'article']);
// White space other than single spaces, which `\s+` → " " would change.
const NOT_PLAIN_SPACE = /[^\S ]| \s/;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

interface OpenLink {
	href: string;
	label: TextMark;
}

export interface HtmlToTextOptions {
	/** The longest text it may produce; past it `onTooLong` is called (it throws). */
	maxLength?: number;
	onTooLong?: () => never;
}

function tooLong(): never {
	throw new RangeError('htmlToText: the text is too long');
}

export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
	const source = removeHiddenElements(removeComments(html));
	const out = new TextBuffer(
		options.maxLength ?? Number.POSITIVE_INFINITY,
		options.onTooLong ?? tooLong,
	);
	const lists: { ordered: boolean; count: number }[] = [];
	const links: OpenLink[] = [];

	// Line and paragraph breaks never pile up: each adds only the newlines the output does not end with yet. The
	// spaces they drop may be where open links' labels started: those labels now start where the text ends.
	const breakTo = (newlines: number) => {
		out.breakTo(newlines);
		for (let index = links.length - 1; index >= 0 && links[index].label.start > out.length; index--)
			links[index].label.start = out.length;
	};

	scanTags(
		source,
		(start, end) => {
			if (end === start) return;
			const raw = source.slice(start, end);
			// Most text has single spaces only: no copy then.
			const text = NOT_PLAIN_SPACE.test(raw) ? raw.replace(/\s+/g, ' ') : raw;
			out.append(text.includes('&') ? decodeEntities(text) : text);
		},
		(closing, name, attributes) => {
			const tag = name.toLowerCase();
			if (tag === 'br') out.append('\n');
			else if (tag === 'hr') {
				breakTo(2);
				out.append('---');
				breakTo(2);
			} else if (tag === 'li' && !closing) {
				const list = lists[lists.length - 1];
				if (list?.ordered) list.count += 1;
				breakTo(1);
				out.append(list?.ordered ? `${list.count}. ` : '- ');
			} else if (tag === 'ul' || tag === 'ol') {
				if (closing) lists.pop();
				else lists.push({ ordered: tag === 'ol', count: 0 });
				breakTo(2);
			} else if (PARAGRAPH_TAGS.has(tag)) breakTo(2);
			else if (LINE_TAGS.has(tag)) breakTo(1);
			else if (tag === 'td' || tag === 'th') out.append(closing ? ' ' : '');
			else if (tag === 'a' && !closing) {
				const href = HREF.exec(attributes);
				links.push({
					href: decodeEntities((href?.[1] ?? href?.[2] ?? href?.[3] ?? '').trim()),
					label: out.mark(),
				});
			} else if (tag === 'a' && closing) {
				const link = links.pop();
				if (link && link.href !== '') {
					const bare = link.href.replace(/^mailto:/i, '');
					if (!out.equalsSince(link.label, link.href) && !out.equalsSince(link.label, bare)) {
						const blank = out.isBlankSince(link.label);
						// Counting matters only inside a link: stop when none is open any more.
						out.tracking = links.length > 0;
						out.append(blank ? link.href : ` (${link.href})`);
					}
				}
				out.tracking = links.length > 0;
			}
		},
	);

	return out
		.toString()
		.split('\n')
		.map((line) => line.replace(/[ \t]+/g, ' ').trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}
