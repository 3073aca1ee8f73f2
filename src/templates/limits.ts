/**
 * The limits of the template engine, in one place. Templates and their data can come from an item (an n8n expression),
 * so a hostile or broken one must fail its own item with a clear message instead of taking the whole n8n process
 * down (a V8 "invalid size" abort or a stack overflow cannot be caught by Continue On Fail). Each limit is checked
 * before the work it bounds is done. The values are far above what an email needs: a 1,000-row table with ten
 * columns is 11,000 loop entries and a few hundred KB of HTML; mail providers refuse messages over 10 to 25 MB.
 */
export const TEMPLATE_LIMITS = Object.freeze({
	/** Characters in one template part (subject, HTML, text, unsubscribe URL), checked before parsing. */
	MAX_TEMPLATE_LENGTH: 1_000_000,
	/** {{#if}} and {{#each}} blocks open inside one another. */
	MAX_BLOCK_DEPTH: 50,
	/** Characters of one rendered email: subject, HTML and text together (the text generated from the HTML included). */
	MAX_OUTPUT_LENGTH: 5_000_000,
	/** Entries walked by {{#each}} blocks in one email, nested loops counted in full (1,000 × 1,000 is 1,001,000). */
	MAX_LOOP_ITERATIONS: 200_000,
	/** Template pieces (text, value, block) rendered in one email: bounds loops whose bodies print nothing. */
	MAX_RENDER_STEPS: 2_000_000,
	/** Lists inside lists in a value that is shown, tested or walked (a list that contains itself is refused at once). */
	MAX_DATA_DEPTH: 32,
	/** Different HTML states (inside a tag, an attribute, a comment…) one place of an HTML template can be reached in. */
	MAX_HTML_STATES: 8,
	/** How many times over the HTML check may read an HTML template while following its blocks. */
	MAX_HTML_CHECK_PASSES: 16,
});

export type TemplateLimitName = keyof typeof TEMPLATE_LIMITS;

/** 1234567 → "1,234,567": limits read as people write them. */
export function formatCount(value: number): string {
	return Math.trunc(value)
		.toString()
		.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "limit MAX_LOOP_ITERATIONS = 200,000": how every limit error names its limit. */
export function limitLabel(limit: TemplateLimitName): string {
	return `limit ${limit} = ${formatCount(TEMPLATE_LIMITS[limit])}`;
}
