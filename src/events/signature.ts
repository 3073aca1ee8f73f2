import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Signed webhook events: HMAC-SHA256 over `"<timestamp>.<raw body>"`, sent as
 * `CS-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]` (the scheme Stripe uses for its webhooks).
 * Several `v1` values and several secrets are accepted so a caller can rotate its secret without downtime.
 */

export const SIGNATURE_HEADER = 'cs-signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;
export const MAX_TOLERANCE_SECONDS = 86_400;

// A header is short: a timestamp and a few 64-character signatures. Anything longer is not ours.
const MAX_HEADER_LENGTH = 2048;
const MAX_SIGNATURES = 8;
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

export type AuthFailureReason =
	| 'missing_signature'
	| 'malformed_signature'
	| 'signature_mismatch'
	| 'timestamp_too_old'
	| 'timestamp_in_future'
	| 'missing_token'
	| 'token_mismatch';

export type AuthResult = { ok: true } | { ok: false; reason: AuthFailureReason; message: string };

export interface ParsedSignatureHeader {
	timestamp: number;
	signatures: string[];
}

/** The hex HMAC-SHA256 of `"<timestamp>.<body>"` under `secret`. */
export function signPayload(secret: string, timestamp: number, rawBody: Buffer | string): string {
	const hmac = createHmac('sha256', secret);
	hmac.update(`${timestamp}.`);
	hmac.update(rawBody);
	return hmac.digest('hex');
}

/** The `CS-Signature` header value a caller sends. */
export function formatSignatureHeader(timestamp: number, signatures: string[]): string {
	return [`t=${timestamp}`, ...signatures.map((signature) => `v1=${signature}`)].join(',');
}

/** Reads `t=<seconds>,v1=<hex>,...`; unknown schemes (such as a future `v2`) are ignored, as Stripe does. */
export function parseSignatureHeader(header: string): ParsedSignatureHeader | undefined {
	if (header.length > MAX_HEADER_LENGTH) return undefined;
	let timestamp: number | undefined;
	const signatures: string[] = [];
	for (const part of header.split(',')) {
		const separator = part.indexOf('=');
		if (separator <= 0) return undefined;
		const key = part.slice(0, separator).trim();
		const value = part.slice(separator + 1).trim();
		if (key === 't') {
			if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return undefined;
			timestamp = Number(value);
		} else if (key === 'v1') {
			if (!HEX_SHA256.test(value)) return undefined;
			signatures.push(value.toLowerCase());
		}
	}
	if (timestamp === undefined || signatures.length === 0 || signatures.length > MAX_SIGNATURES)
		return undefined;
	return { timestamp, signatures };
}

export interface SignatureCheck {
	/** The `CS-Signature` header as received (undefined when absent). */
	header: string | undefined;
	rawBody: Buffer | string;
	/** The credential's secrets: the current one, and the previous one while a rotation is under way. */
	secrets: string[];
	/** Now, in unix seconds. */
	now: number;
	toleranceSeconds: number;
}

/**
 * Checks a signed request. Every comparison is constant-time, and no failure message carries the expected
 * signature or anything derived from a secret.
 */
export function verifySignature({
	header,
	rawBody,
	secrets,
	now,
	toleranceSeconds,
}: SignatureCheck): AuthResult {
	if (header === undefined || header.trim() === '') {
		return fail(
			'missing_signature',
			'The CS-Signature header is missing: sign the body and send t=<unix seconds>,v1=<hex>',
		);
	}
	const parsed = parseSignatureHeader(header);
	if (!parsed) {
		return fail(
			'malformed_signature',
			'The CS-Signature header must look like t=<unix seconds>,v1=<64 hex characters> (at most 8 v1 values)',
		);
	}
	const received = parsed.signatures.map((signature) => Buffer.from(signature, 'hex'));
	let matched = false;
	for (const secret of secrets) {
		const expected = Buffer.from(signPayload(secret, parsed.timestamp, rawBody), 'hex');
		for (const candidate of received) {
			// Both are 32 bytes (the header parser only lets 64 hex characters through).
			if (timingSafeEqual(expected, candidate)) matched = true;
		}
	}
	if (!matched) {
		return fail(
			'signature_mismatch',
			'No v1 signature in CS-Signature matches the body: sign exactly the bytes you send, as "<t>.<body>", with the shared secret',
		);
	}
	const age = now - parsed.timestamp;
	if (age > toleranceSeconds) {
		return fail(
			'timestamp_too_old',
			`The signature timestamp is ${age} s old; events are accepted up to ${toleranceSeconds} s after signing (check the caller's clock, or sign again when retrying)`,
		);
	}
	if (-age > toleranceSeconds) {
		return fail(
			'timestamp_in_future',
			`The signature timestamp is ${-age} s in the future; at most ${toleranceSeconds} s of clock difference is accepted`,
		);
	}
	return { ok: true };
}

/** Header-token authentication: the token compared in constant time with each accepted token. */
export function verifyToken(provided: string | undefined, tokens: string[]): AuthResult {
	if (provided === undefined || provided === '') {
		return fail('missing_token', 'The webhook token is missing');
	}
	const digest = (value: string) => createHmac('sha256', 'cs-webhook-token').update(value).digest();
	// Comparing digests keeps the comparison constant-time whatever the lengths.
	const received = digest(provided);
	let matched = false;
	for (const token of tokens) {
		if (timingSafeEqual(received, digest(token))) matched = true;
	}
	return matched ? { ok: true } : fail('token_mismatch', 'The webhook token does not match');
}

function fail(reason: AuthFailureReason, message: string): AuthResult {
	return { ok: false, reason, message };
}
