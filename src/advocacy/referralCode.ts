import { createHmac, timingSafeEqual } from 'crypto';

import { InvalidParameterError } from '../shared/parameters';

/**
 * Referral codes (docs/sources.md#referral-program; seed 003 `tracking_system.unique_codes`, seed 002 §13
 * `generateReferralCode`, which the seeds never define). Ours: a code carries the referrer's id and an HMAC-SHA256
 * signature of it, so any workflow holding the secret can tell a real code from a forged one and recover the referrer
 * without a database.
 *
 *   code   = <format> <id> - <signature> <check>        e.g. 0C5P6RRBE-Q3ZJ8M0K7TF   (hyphens are decoration)
 *   format = "0": the id is UTF-8 text; "1": the id is a lower-case UUID, packed into 16 bytes (26 characters
 *            instead of 58)
 *   id     = the id's bytes in Crockford base32 (RFC-less, no padding; 1-64 bytes)
 *   sig    = the first 50 bits of HMAC-SHA256(secret, "cs-referral-code/v1" NUL format id-bytes), 10 characters:
 *            a forger must guess one of 2^50 values for a given id
 *   check  = a Luhn mod 32 check character over everything before it: any single mistyped character, and most swaps
 *            of two neighbours, are told apart from a forgery ("mistyped" vs "not a valid code")
 *
 * Crockford's alphabet (0-9 A-Z without I L O U) is read case-insensitively, with O read as 0 and I, L as 1, and hyphens
 * and spaces ignored, so a code read aloud or retyped still verifies. The same id and secret always give the same
 * code, so creating a customer's code twice gives the one code (unique per id: the id is in the code).
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VALUES: ReadonlyMap<string, number> = new Map([
	...[...ALPHABET].map((char, index) => [char, index] as [string, number]),
	['O', 0],
	['I', 1],
	['L', 1],
]);
const DOMAIN = 'cs-referral-code/v1\u0000';
const SIGNATURE_CHARS = 10;
const SIGNATURE_BITS = SIGNATURE_CHARS * 5;
export const MAX_REFERRER_ID_BYTES = 64;
/** The secret must be at least this long: a short secret could be guessed from a few codes. */
export const MIN_SECRET_LENGTH = 16;
/** Longer input is not a code (the longest code is 115 characters without hyphens). */
const MAX_CODE_INPUT = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Format = '0' | '1';

export function base32Encode(bytes: Uint8Array): string {
	let out = '';
	let buffer = 0;
	let bits = 0;
	for (const byte of bytes) {
		buffer = (buffer << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += ALPHABET[(buffer >>> (bits - 5)) & 31];
			bits -= 5;
		}
		buffer &= (1 << bits) - 1;
	}
	if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
	return out;
}

/** Bytes of a canonical encoding (the length base32Encode gives, unused bits zero), else undefined. */
export function base32Decode(text: string): Buffer | undefined {
	const length = Math.floor((text.length * 5) / 8);
	if (Math.ceil((length * 8) / 5) !== text.length) return undefined;
	const out = Buffer.alloc(length);
	let buffer = 0;
	let bits = 0;
	let index = 0;
	for (const char of text) {
		const value = VALUES.get(char);
		if (value === undefined) return undefined;
		buffer = ((buffer << 5) | value) & 0xffff;
		bits += 5;
		if (bits >= 8) {
			out[index++] = (buffer >>> (bits - 8)) & 0xff;
			bits -= 8;
		}
	}
	if ((buffer & ((1 << bits) - 1)) !== 0) return undefined;
	return out;
}

/** Luhn mod 32: the check character that makes the weighted sum of `text` and it a multiple of 32. */
export function checkCharacter(text: string): string {
	let factor = 2;
	let sum = 0;
	for (let index = text.length - 1; index >= 0; index--) {
		const addend = factor * (VALUES.get(text[index]) as number);
		factor = factor === 2 ? 1 : 2;
		sum += Math.floor(addend / 32) + (addend % 32);
	}
	return ALPHABET[(32 - (sum % 32)) % 32];
}

function checkHolds(text: string): boolean {
	let factor = 1;
	let sum = 0;
	for (let index = text.length - 1; index >= 0; index--) {
		const addend = factor * (VALUES.get(text[index]) as number);
		factor = factor === 2 ? 1 : 2;
		sum += Math.floor(addend / 32) + (addend % 32);
	}
	return sum % 32 === 0;
}

function signature(secret: string, format: Format, payload: Buffer): string {
	const mac = createHmac('sha256', secret).update(DOMAIN).update(format).update(payload).digest();
	// The first 50 bits: 7 bytes give 56, the encoding's last 6 bits are dropped.
	return base32Encode(mac.subarray(0, Math.ceil(SIGNATURE_BITS / 8))).slice(0, SIGNATURE_CHARS);
}

/** A secret long enough to sign codes with; else an InvalidParameterError naming `label`. */
export function assertReferralSecret(secret: unknown, label: string): void {
	if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
		throw new InvalidParameterError(
			`${label}: must be at least ${MIN_SECRET_LENGTH} characters (use a long random value, e.g. openssl rand -hex 32)`,
			label,
		);
	}
}

function encodeId(id: string): { format: Format; payload: Buffer } {
	if (UUID.test(id)) return { format: '1', payload: Buffer.from(id.replace(/-/g, ''), 'hex') };
	return { format: '0', payload: Buffer.from(id, 'utf8') };
}

function decodeId(format: string, payload: Buffer): string | undefined {
	if (format === '1') {
		if (payload.length !== 16) return undefined;
		const hex = payload.toString('hex');
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
	}
	if (format !== '0' || payload.length === 0 || payload.length > MAX_REFERRER_ID_BYTES)
		return undefined;
	const text = payload.toString('utf8');
	// Only valid UTF-8 that re-encodes to the same bytes (no replacement characters).
	return Buffer.from(text, 'utf8').equals(payload) ? text : undefined;
}

export class ReferrerIdError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ReferrerIdError';
	}
}

/**
 * The referral code of `referrerId` under `secret`. The id is text of 1 to 64 bytes (UTF-8); anything else throws a
 * ReferrerIdError (the caller names the field).
 */
export function createReferralCode(
	referrerId: string,
	secret: string,
	secretLabel = 'Secret',
): string {
	assertReferralSecret(secret, secretLabel);
	const { format, payload } = encodeId(referrerId);
	if (payload.length === 0 || payload.length > MAX_REFERRER_ID_BYTES) {
		throw new ReferrerIdError(
			`must be 1 to ${MAX_REFERRER_ID_BYTES} bytes of text to fit in a referral code (got ${payload.length} bytes)`,
		);
	}
	const head = format + base32Encode(payload);
	const tail = signature(secret, format, payload);
	return `${head}-${tail}${checkCharacter(head + tail)}`;
}

export type ReferralCodeProblem = 'missing' | 'format' | 'checksum' | 'signature';

export type ReferralCodeVerification =
	| {
			valid: true;
			referrerId: string;
			/** The code as created (upper case, with its hyphen). */
			code: string;
			/** Which secret signed it: the current one, or the previous one during a rotation. */
			secret: 'current' | 'previous';
	  }
	| {
			valid: false;
			referrerId: null;
			code: string | null;
			reason: ReferralCodeProblem;
			message: string;
	  };

function invalid(
	reason: ReferralCodeProblem,
	message: string,
	code: string | null,
): ReferralCodeVerification {
	return { valid: false, referrerId: null, code, reason, message };
}

/** Upper case, hyphens and white space removed; undefined when longer than any code. */
export function normalizeReferralCode(input: string): string | undefined {
	if (input.length > MAX_CODE_INPUT) return undefined;
	return input.replace(/[\s-]+/g, '').toUpperCase();
}

/**
 * Checks a code against the secret (and the previous secret, while it is being rotated out). Never throws for a bad
 * code: a mistyped or forged code is an answer (`valid: false` with the reason), not an error. Only a missing or too
 * short secret throws.
 */
export function verifyReferralCode(
	input: string,
	secret: string,
	previousSecret = '',
	secretLabel = 'Secret',
): ReferralCodeVerification {
	assertReferralSecret(secret, secretLabel);
	if (previousSecret !== '') assertReferralSecret(previousSecret, `Previous ${secretLabel}`);
	const text = normalizeReferralCode(input);
	if (text === undefined)
		return invalid('format', 'is longer than any referral code', input.slice(0, 40));
	if (text === '') return invalid('missing', 'is empty', null);
	if (![...text].every((char) => VALUES.has(char)))
		return invalid(
			'format',
			'has characters a referral code never has (codes use 0-9 and A-Z)',
			text,
		);
	if (text.length < 2 + 2 + SIGNATURE_CHARS)
		return invalid('format', 'is too short to be a referral code', text);
	if (!checkHolds(text))
		return invalid('checksum', 'is mistyped: its check character does not match', text);

	const format = text[0] === 'O' ? '0' : text[0] === 'I' || text[0] === 'L' ? '1' : text[0];
	const idPart = text.slice(1, text.length - SIGNATURE_CHARS - 1);
	const given = [...text.slice(text.length - SIGNATURE_CHARS - 1, -1)]
		.map((char) => ALPHABET[VALUES.get(char) as number])
		.join('');
	const payload = base32Decode(idPart);
	const referrerId = payload === undefined ? undefined : decodeId(format, payload);
	if (payload === undefined || referrerId === undefined)
		return invalid('format', 'does not hold a referrer id', text);

	const canonical = `${format}${base32Encode(payload)}-${given}${checkCharacter(format + base32Encode(payload) + given)}`;
	const secrets: Array<['current' | 'previous', string]> = [['current', secret]];
	if (previousSecret !== '') secrets.push(['previous', previousSecret]);
	for (const [which, key] of secrets) {
		const expected = Buffer.from(signature(key, format as Format, payload));
		if (timingSafeEqual(expected, Buffer.from(given)))
			return { valid: true, referrerId, code: canonical, secret: which };
	}
	return invalid(
		'signature',
		'is not a valid referral code: its signature does not match (altered, or made with another secret)',
		canonical,
	);
}
