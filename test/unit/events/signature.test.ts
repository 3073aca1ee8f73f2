import {
	formatSignatureHeader,
	parseSignatureHeader,
	signPayload,
	verifySignature,
	verifyToken,
	type SignatureCheck,
} from '../../../src/events';

const SECRET = 'whsec_test_secret';
const NEW_SECRET = 'whsec_rotated_secret_2026';
const BODY = '{"event":"login"}';
const T = 1_733_011_200;

const header = (t: number, body = BODY, secret = SECRET) =>
	formatSignatureHeader(t, [signPayload(secret, t, body)]);
const check = (overrides: Partial<SignatureCheck>) =>
	verifySignature({
		header: header(T),
		rawBody: BODY,
		secrets: [SECRET],
		now: T,
		toleranceSeconds: 300,
		...overrides,
	});
const reason = (result: ReturnType<typeof verifySignature>) => (result.ok ? 'ok' : result.reason);

describe('signPayload', () => {
	it('is HMAC-SHA256 over "<t>.<body>" (the value `openssl dgst -sha256 -hmac` prints)', () => {
		// printf '%s' '1733011200.{"event":"login"}' | openssl dgst -sha256 -hmac 'whsec_test_secret' -hex
		expect(signPayload(SECRET, T, BODY)).toBe(
			'6dd0c1f2605a0c9a48c813c2f22c6ef6bf575c10ddf60ffcdf7488c014b6ee43',
		);
		expect(signPayload(SECRET, T, Buffer.from(BODY))).toBe(signPayload(SECRET, T, BODY));
	});
});

describe('the replay window (300 s, both directions)', () => {
	it.each([
		['signed now', 0, 'ok'],
		['one second inside, in the past', 299, 'ok'],
		['exactly at the tolerance, in the past', 300, 'ok'],
		['one second outside, in the past', 301, 'timestamp_too_old'],
		['a day old', 86_400, 'timestamp_too_old'],
		['one second inside, in the future', -299, 'ok'],
		['exactly at the tolerance, in the future', -300, 'ok'],
		['one second outside, in the future', -301, 'timestamp_in_future'],
	])('%s (age %i s): %s', (_label, age, expected) => {
		expect(reason(check({ now: T + age }))).toBe(expected);
	});

	it('uses the configured tolerance', () => {
		expect(reason(check({ now: T + 10, toleranceSeconds: 10 }))).toBe('ok');
		expect(reason(check({ now: T + 11, toleranceSeconds: 10 }))).toBe('timestamp_too_old');
	});

	it('a stale timestamp cannot be refreshed without the secret: changing t breaks the signature', () => {
		const stale = header(T);
		const refreshed = stale.replace(`t=${T}`, `t=${T + 1000}`);
		expect(reason(check({ header: refreshed, now: T + 1000 }))).toBe('signature_mismatch');
	});
});

describe('what the signature covers', () => {
	it('refuses a tampered body', () => {
		expect(reason(check({ rawBody: '{"event":"login" }' }))).toBe('signature_mismatch');
		expect(reason(check({ rawBody: '{"event":"logout"}' }))).toBe('signature_mismatch');
	});

	it('refuses a wrong secret', () => {
		expect(reason(check({ header: header(T, BODY, 'not-the-secret') }))).toBe('signature_mismatch');
	});

	it('accepts either secret during a rotation, and only those', () => {
		const rotating = [NEW_SECRET, SECRET];
		expect(reason(check({ header: header(T, BODY, SECRET), secrets: rotating }))).toBe('ok');
		expect(reason(check({ header: header(T, BODY, NEW_SECRET), secrets: rotating }))).toBe('ok');
		expect(reason(check({ header: header(T, BODY, NEW_SECRET), secrets: [SECRET] }))).toBe(
			'signature_mismatch',
		);
	});

	it('accepts a header with several v1 values when one of them matches', () => {
		const wrong = signPayload('old-secret', T, BODY);
		const right = signPayload(SECRET, T, BODY);
		expect(reason(check({ header: formatSignatureHeader(T, [wrong, right]) }))).toBe('ok');
		expect(reason(check({ header: formatSignatureHeader(T, [right, wrong]) }))).toBe('ok');
		expect(reason(check({ header: formatSignatureHeader(T, [wrong, wrong]) }))).toBe(
			'signature_mismatch',
		);
	});

	it('ignores other schemes and accepts upper-case hex and spaces around parts', () => {
		const right = signPayload(SECRET, T, BODY);
		expect(reason(check({ header: `t=${T}, v0=abc, v1=${right.toUpperCase()}` }))).toBe('ok');
	});
});

describe('missing and malformed headers', () => {
	it('reports a missing or empty header as missing', () => {
		expect(reason(check({ header: undefined }))).toBe('missing_signature');
		expect(reason(check({ header: '  ' }))).toBe('missing_signature');
	});

	const v1 = signPayload(SECRET, T, BODY);
	it.each([
		['no timestamp', `v1=${v1}`],
		['no signature', `t=${T}`],
		['only another scheme', `t=${T},v0=${v1}`],
		['a timestamp that is not a number', `t=soon,v1=${v1}`],
		['a negative timestamp', `t=-5,v1=${v1}`],
		['a timestamp in milliseconds beyond 12 digits', `t=1733011200000000,v1=${v1}`],
		['two timestamps', `t=${T},t=${T},v1=${v1}`],
		['a signature that is not hex', `t=${T},v1=${'z'.repeat(64)}`],
		['a short signature', `t=${T},v1=${v1.slice(0, 63)}`],
		['a part without "="', `t=${T},${v1}`],
		['an empty key', `t=${T},=${v1}`],
		['nine signatures', `t=${T},${Array(9).fill(`v1=${v1}`).join(',')}`],
		['a header over 2 KB', `t=${T},v1=${v1},${'x=y,'.repeat(600)}`],
		['a Stripe-style header with a space for a comma', `t=${T} v1=${v1}`],
	])('%s', (_label, value) => {
		expect(reason(check({ header: value }))).toBe('malformed_signature');
	});

	it('parses a well-formed header', () => {
		expect(parseSignatureHeader(`t=${T},v1=${v1},v1=${'A'.repeat(64)}`)).toEqual({
			timestamp: T,
			signatures: [v1, 'a'.repeat(64)],
		});
	});
});

describe('failure messages never carry the expected signature or a secret', () => {
	it.each([
		['wrong secret', { header: header(T, BODY, 'other') }],
		['tampered body', { rawBody: '{}' }],
		['stale', { now: T + 301 }],
		['future', { now: T - 301 }],
		['malformed', { header: 't=1' }],
	])('%s', (_label, overrides) => {
		const result = check(overrides as Partial<SignatureCheck>);
		expect(result.ok).toBe(false);
		const text = JSON.stringify(result);
		expect(text).not.toContain(signPayload(SECRET, T, BODY));
		expect(text).not.toContain(signPayload(SECRET, T, '{}'));
		expect(text).not.toContain(SECRET);
	});
});

describe('verifyToken', () => {
	it('accepts the token or the previous one, and refuses anything else without revealing it', () => {
		expect(verifyToken('tok-123', ['tok-123'])).toEqual({ ok: true });
		expect(verifyToken('tok-old', ['tok-new', 'tok-old'])).toEqual({ ok: true });
		const wrong = verifyToken('tok-12', ['tok-123']);
		expect(wrong).toMatchObject({ ok: false, reason: 'token_mismatch' });
		expect(JSON.stringify(wrong)).not.toContain('tok-123');
		expect(verifyToken('tok-1234', ['tok-123'])).toMatchObject({ reason: 'token_mismatch' });
		expect(verifyToken(undefined, ['tok-123'])).toMatchObject({ reason: 'missing_token' });
		expect(verifyToken('', ['tok-123'])).toMatchObject({ reason: 'missing_token' });
	});
});
