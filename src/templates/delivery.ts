import type { DateTime } from 'luxon';

import { CustomerInputError } from '../customer/locate';
import { CONTROL_CHARACTERS, singleLine } from './escape';
import { ownField } from './ownFields';
import { preview } from './preview';

/** What a mail node needs beyond the content: recipient, sender, RFC 8058 unsubscribe headers, idempotency key. */

export class DeliveryConfigError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'DeliveryConfigError';
	}
}

// One address, no display name: no spaces, angle brackets, commas or quotes (which would let a value add recipients
// or headers), a local part and a domain; and no control character (NUL, NEL U+0085…) or line separator.
const EMAIL_ADDRESS = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+$/;

export function isEmailAddress(value: string): boolean {
	return EMAIL_ADDRESS.test(value) && !CONTROL_CHARACTERS.test(value);
}

/**
 * The recipient from the record's own `email` (never an inherited one). Missing: an error naming the field when
 * `required` (strict mode), else null. Not an address: always an error.
 */
export function recipient(
	record: Record<string, unknown>,
	field: string,
	required: boolean,
): string | null {
	const value = ownField(record, 'email');
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		if (!required) return null;
		throw new CustomerInputError(
			`Field "${field}" is missing: it is the email's recipient (to). Add it to the customer record, or set Missing Variables to Lenient to render without a recipient`,
			field,
		);
	}
	const address = typeof value === 'string' ? value.trim() : '';
	if (!isEmailAddress(address)) {
		throw new CustomerInputError(
			`Field "${field}" must be one email address such as "ana@example.com" (got ${preview(value)})`,
			field,
		);
	}
	return address;
}

/** `"Name" <address>` (the name quoted when it has characters that need it), or the bare address. */
export function senderAddress(name: string | undefined, email: string | undefined): string | null {
	const address = (email ?? '').trim();
	if (address === '') return null;
	if (!isEmailAddress(address)) {
		throw new DeliveryConfigError(
			`Sender Email: must be one email address such as "cs@example.com" (got ${preview(email)})`,
			'Sender Email',
		);
	}
	const display = singleLine(name ?? '').trim();
	if (display === '') return address;
	const plain = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(display);
	return plain
		? `${display} <${address}>`
		: `"${display.replace(/["\\]/g, (character) => `\\${character}`)}" <${address}>`;
}

/** RFC 2369 List-Unsubscribe and RFC 8058 one-click List-Unsubscribe-Post for an https unsubscribe URL. */
export function unsubscribeHeaders(url: string): Record<string, string> {
	return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/**
 * An https URL without spaces, angle brackets or control characters (it goes into the List-Unsubscribe header;
 * RFC 8058 requires https for one-click unsubscribe).
 */
export function assertUnsubscribeUrl(url: string): string {
	let parsed: URL | null = null;
	try {
		parsed = /[\s<>"]/.test(url) || CONTROL_CHARACTERS.test(url) ? null : new URL(url);
	} catch {
		parsed = null;
	}
	if (!parsed || parsed.protocol !== 'https:') {
		throw new DeliveryConfigError(
			`Unsubscribe URL: must render to an https URL such as "https://app.example.com/unsubscribe?c=cust-1" (RFC 8058 one-click unsubscribe needs https) (got ${preview(url)})`,
			'Unsubscribe URL',
		);
	}
	return url;
}

export type IdempotencyPeriod = 'off' | 'once' | 'day' | 'week' | 'month';

export const IDEMPOTENCY_PERIODS: readonly IdempotencyPeriod[] = [
	'off',
	'once',
	'day',
	'week',
	'month',
];

const PERIOD_FORMATS: Record<'day' | 'week' | 'month', string> = {
	day: 'yyyy-MM-dd',
	week: "kkkk-'W'WW",
	month: 'yyyy-MM',
};

/**
 * `template/customer/period`: the same email to the same customer in the same period gets the same key, so a
 * re-run can be recognised downstream (e.g. by a Remove Duplicates node or a unique column). The period is the
 * reference time's day, ISO week or month in the customer's time zone; `once` has no period. The customer id is
 * percent-encoded so a "/" in it cannot be confused with the separators.
 */
export function idempotencyKey(
	templateId: string,
	customerId: unknown,
	customerIdField: string,
	period: Exclude<IdempotencyPeriod, 'off'>,
	reference: DateTime,
	timeZone: string,
): string {
	const id =
		typeof customerId === 'number' && Number.isFinite(customerId) ? String(customerId) : customerId;
	if (typeof id !== 'string' || id.trim() === '') {
		throw new CustomerInputError(
			`Field "${customerIdField}" is missing: the idempotency key (template/customer/period) needs the customer's ID (got ${preview(customerId ?? null)})`,
			customerIdField,
		);
	}
	const parts = [templateId, encodeURIComponent(id.trim())];
	if (period !== 'once') parts.push(reference.setZone(timeZone).toFormat(PERIOD_FORMATS[period]));
	return parts.join('/');
}
