import { isJsSpace } from './htmlScan';

/**
 * The plain text htmlToText writes, in pieces, with what its rules ask about the end of the text kept up to date as
 * it grows: the trailing spaces and tabs (dropped before a line break), the trailing line breaks (so breaks never
 * pile up), how many non-space characters there are and where the last one is (a link's label). Asking a string the
 * same with a regular expression anchored at `$`, or slicing it, reads the whole text each time: quadratic.
 */

/** Where a link's label starts: the text's length then, and its count of non-space characters. */
export interface TextMark {
	start: number;
	nonSpace: number;
}

// Pieces are joined into chunks of about this many characters as they come: a 100,000-entry list is 400,000 pieces,
// and an array of that many small strings costs more to grow and join than the text itself.
const CHUNK = 512;

export class TextBuffer {
	/** Finished chunks, then the chunk being filled: together the text, which never ends with a space or a tab. */
	private readonly chunks: string[] = [];
	private current = '';
	/** Length of the chunks and `current`. */
	private committed = 0;
	/** Trailing spaces and tabs, kept apart until something else follows them. */
	private pending = '';
	/** Line breaks at the end of the text. */
	private newlines = 0;
	/**
	 * Characters of `pieces` that are not white space (as `trim()` sees it), counted only while `tracking`: the counts
	 * serve the labels of open links, and counting every character of a long text would cost more than the rest.
	 */
	private nonSpace = 0;
	tracking = false;
	/** The chunk holding the last non-space character, the offset just after it there, and in the whole text. */
	private lastChunk = -1;
	private lastOffset = 0;
	private lastEnd = 0;

	constructor(
		private readonly maxLength: number,
		private readonly overflow: () => never,
	) {}

	get length(): number {
		return this.committed + this.pending.length;
	}

	append(text: string): void {
		if (text === '') return;
		let bodyEnd = text.length;
		while (
			bodyEnd > 0 &&
			(text.charCodeAt(bodyEnd - 1) === 32 || text.charCodeAt(bodyEnd - 1) === 9)
		)
			bodyEnd--;
		if (bodyEnd === 0) {
			this.pending += text;
		} else {
			const hadPending = this.pending !== '';
			if (hadPending) this.commit(this.pending);
			const body = bodyEnd === text.length ? text : text.slice(0, bodyEnd);
			let trailing = 0;
			while (trailing < body.length && body.charCodeAt(body.length - 1 - trailing) === 10)
				trailing++;
			this.newlines = trailing === body.length && !hadPending ? this.newlines + trailing : trailing;
			this.commit(body);
			this.pending = bodyEnd === text.length ? '' : text.slice(bodyEnd);
		}
		if (this.length > this.maxLength) this.overflow();
	}

	private commit(piece: string): void {
		if (this.tracking) this.count(piece);
		this.current += piece;
		this.committed += piece.length;
		if (this.current.length >= CHUNK) {
			this.chunks.push(this.current);
			this.current = '';
		}
	}

	private count(piece: string): void {
		let last = -1;
		for (let index = 0; index < piece.length; index++) {
			if (isJsSpace(piece.charCodeAt(index))) continue;
			this.nonSpace++;
			last = index;
		}
		if (last === -1) return;
		this.lastChunk = this.chunks.length;
		this.lastOffset = this.current.length + last + 1;
		this.lastEnd = this.committed + last + 1;
	}

	private chunk(index: number): string {
		return index < this.chunks.length ? this.chunks[index] : this.current;
	}

	/**
	 * Drops the trailing spaces and tabs, then adds line breaks until the text ends with `count` of them (none on an
	 * empty text). Marks past the new length are the caller's to move back.
	 */
	breakTo(count: number): void {
		this.pending = '';
		if (this.committed === 0) return;
		if (this.newlines < count) this.append('\n'.repeat(count - this.newlines));
	}

	/** Where a label starts; from here until `tracking` is turned off, non-space characters are counted. */
	mark(): TextMark {
		this.tracking = true;
		return { start: this.length, nonSpace: this.nonSpace };
	}

	/** Whether the text from `mark` on, trimmed, is empty. */
	isBlankSince(mark: TextMark): boolean {
		return this.nonSpace === mark.nonSpace;
	}

	/** Whether the text from `mark` on, trimmed, is `expected`: reads only as many characters as `expected` has. */
	equalsSince(mark: TextMark, expected: string): boolean {
		if (expected === '') return this.isBlankSince(mark);
		if (isJsSpace(expected.charCodeAt(0)) || isJsSpace(expected.charCodeAt(expected.length - 1)))
			return false;
		let expectedNonSpace = 0;
		for (let index = 0; index < expected.length; index++)
			if (!isJsSpace(expected.charCodeAt(index))) expectedNonSpace++;
		if (this.nonSpace - mark.nonSpace !== expectedNonSpace) return false;
		// The label ends at the last non-space character; read `expected.length` characters back from there.
		if (this.lastEnd - expected.length < mark.start) return false;
		let chunk = this.lastChunk;
		let end = this.lastOffset;
		let remaining = expected.length;
		while (remaining > 0 && chunk >= 0) {
			const take = Math.min(remaining, end);
			if (this.chunk(chunk).slice(end - take, end) !== expected.slice(remaining - take, remaining))
				return false;
			remaining -= take;
			chunk -= 1;
			end = chunk >= 0 ? this.chunks[chunk].length : 0;
		}
		return remaining === 0;
	}

	toString(): string {
		return this.chunks.join('') + this.current + this.pending;
	}
}
