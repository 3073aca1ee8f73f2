import {
	base32Decode,
	base32Encode,
	checkCharacter,
	createCodeForItem,
	createReferralCode,
	referralReward,
	referralRewardForItem,
	verifyCodeForItem,
	verifyReferralCode,
} from '../../../src/advocacy';

const SECRET = 'test-secret-0123456789abcdef';
const OTHER = 'another-secret-0123456789abcdef';

/** The code with the character at `index` (after the first hyphen-free position) replaced by the next symbol. */
function alter(code: string, index: number): string {
	const symbols = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
	const next = symbols[(symbols.indexOf(code[index]) + 1) % 32];
	return code.slice(0, index) + next + code.slice(index + 1);
}

describe('Crockford base32 and the Luhn mod 32 check character', () => {
	it('round-trips bytes and refuses a non-canonical encoding', () => {
		for (const text of ['a', 'c-001', 'ñandú', 'x'.repeat(64)]) {
			const bytes = Buffer.from(text, 'utf8');
			expect(base32Decode(base32Encode(bytes))?.toString('utf8')).toBe(text);
		}
		expect(base32Encode(Buffer.from('c-001'))).toBe('CCPK0C1H');
		// "abcd" is 4 bytes, 7 characters with 3 unused bits: setting one of them is not the canonical encoding.
		const good = base32Encode(Buffer.from('abcd'));
		const symbols = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
		const bad = good.slice(0, -1) + symbols[symbols.indexOf(good[6]) | 1];
		expect(base32Decode(good)?.toString('utf8')).toBe('abcd');
		expect(base32Decode(bad)).toBeUndefined();
		// 6 characters are 30 bits: 3 bytes would take 5.
		expect(base32Decode('CCPK0C')).toBeUndefined();
	});

	it('the check character makes every single substitution detectable', () => {
		const body = '0CCPK0C1HKSG4DPYDVW';
		const check = checkCharacter(body);
		const code = body + check;
		const symbols = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
		for (let index = 0; index < code.length; index++) {
			for (const symbol of symbols) {
				if (symbol === code[index]) continue;
				const changed = code.slice(0, index) + symbol + code.slice(index + 1);
				expect(verifyReferralCode(changed, SECRET)).toMatchObject({ valid: false });
			}
		}
	});
});

describe('referral codes: unique, unguessable, verifiable without a database', () => {
	it('a known code for a known id and secret (stable across versions)', () => {
		expect(createReferralCode('c-001', 'x'.repeat(32))).toBe('0CCPK0C1H-KSG4DPYDVWZ');
	});

	it('the same id gives the same code; different ids or secrets give different codes', () => {
		const a = createReferralCode('c-001', SECRET);
		expect(createReferralCode('c-001', SECRET)).toBe(a);
		expect(createReferralCode('c-002', SECRET)).not.toBe(a);
		expect(createReferralCode('c-001', OTHER)).not.toBe(a);
		expect(createReferralCode('c-001', OTHER).split('-')[0]).toBe(a.split('-')[0]);
	});

	it('verifies and returns the referrer id; case, hyphens, spaces and O/I/L do not matter', () => {
		const code = createReferralCode('c-001', SECRET);
		const expected = { valid: true, referrerId: 'c-001', code, secret: 'current' };
		expect(verifyReferralCode(code, SECRET)).toEqual(expected);
		expect(verifyReferralCode(code.toLowerCase(), SECRET)).toEqual(expected);
		expect(verifyReferralCode(` ${code.replace('-', ' ').toLowerCase()} `, SECRET)).toEqual(
			expected,
		);
		const withLookalikes = code.replace(/0/g, 'o').replace(/1/g, 'l');
		expect(verifyReferralCode(withLookalikes, SECRET)).toEqual(expected);
	});

	it('packs a lower-case UUID into 16 bytes and gives it back', () => {
		const id = '123e4567-e89b-12d3-a456-426614174000';
		const code = createReferralCode(id, SECRET);
		expect(code).toMatch(/^1[0-9A-Z]{26}-[0-9A-Z]{11}$/);
		expect(verifyReferralCode(code, SECRET)).toMatchObject({ valid: true, referrerId: id });
		// An upper-case UUID is kept as text, so it comes back exactly as given.
		const upper = createReferralCode(id.toUpperCase(), SECRET);
		expect(upper[0]).toBe('0');
		expect(verifyReferralCode(upper, SECRET)).toMatchObject({ referrerId: id.toUpperCase() });
	});

	it('a tampered code: a mistyped character fails the check; a re-checked forgery fails the signature', () => {
		const code = createReferralCode('c-001', SECRET); // 0CCPK0C1H-KSG4DPYDVWZ
		expect(verifyReferralCode(alter(code, 3), SECRET)).toEqual({
			valid: false,
			referrerId: null,
			code: alter(code, 3).replace('-', ''),
			reason: 'checksum',
			message: 'is mistyped: its check character does not match',
		});
		// Another customer's id with this signature, the check character recomputed: a forgery.
		const id = base32Encode(Buffer.from('c-002'));
		const signature = code.split('-')[1].slice(0, 10);
		const forged = `0${id}${signature}${checkCharacter(`0${id}${signature}`)}`;
		expect(verifyReferralCode(forged, SECRET)).toMatchObject({
			valid: false,
			reason: 'signature',
			message:
				'is not a valid referral code: its signature does not match (altered, or made with another secret)',
		});
	});

	it('the wrong secret fails; the previous secret verifies during a rotation', () => {
		const old = createReferralCode('c-001', OTHER);
		expect(verifyReferralCode(old, SECRET)).toMatchObject({ valid: false, reason: 'signature' });
		expect(verifyReferralCode(old, SECRET, OTHER)).toMatchObject({
			valid: true,
			referrerId: 'c-001',
			secret: 'previous',
		});
	});

	it.each([
		['', 'missing', 'is empty'],
		['   ', 'missing', 'is empty'],
		['HELLO-WORLD!', 'format', 'has characters a referral code never has (codes use 0-9 and A-Z)'],
		['0CCPK-0C1H', 'format', 'is too short to be a referral code'],
		['U'.repeat(20), 'format', 'has characters a referral code never has (codes use 0-9 and A-Z)'],
		['X'.repeat(201), 'format', 'is longer than any referral code'],
	])('%p is not a code: %s', (input, reason, message) => {
		expect(verifyReferralCode(input, SECRET)).toMatchObject({ valid: false, reason, message });
	});

	it('a well-checked code whose id part is not text is refused as format', () => {
		const body = `2${base32Encode(Buffer.from('c-001'))}KSG4DPYDVW`;
		expect(verifyReferralCode(body + checkCharacter(body), SECRET)).toMatchObject({
			valid: false,
			reason: 'format',
			message: 'does not hold a referrer id',
		});
	});

	it('refuses a short secret and an id that does not fit', () => {
		expect(() => createReferralCode('c-001', 'short')).toThrow(
			'Secret: must be at least 16 characters (use a long random value, e.g. openssl rand -hex 32)',
		);
		expect(() => verifyReferralCode('x', SECRET, 'short')).toThrow(
			/^Previous Secret: must be at least 16/,
		);
		expect(() => createReferralCode('x'.repeat(65), SECRET)).toThrow(
			'must be 1 to 64 bytes of text to fit in a referral code (got 65 bytes)',
		);
	});
});

describe('referral codes on items', () => {
	const secrets = { secret: SECRET };

	it('creates from customer_id (a number too), with a link and the incentives', () => {
		const created = createCodeForItem(
			{ customer_id: 42 },
			{ linkPrefix: 'https://example.com/signup?ref=' },
			secrets,
		);
		expect(created.referrerId).toBe('42');
		expect(created.link).toBe(`https://example.com/signup?ref=${created.code}`);
		expect(created.referredIncentives).toEqual({
			firstYearDiscountPercent: 20,
			premiumFreeMonths: 3,
			prioritySupport: 'Expedited support queue',
		});
		expect(verifyReferralCode(created.code, SECRET).referrerId).toBe('42');
	});

	it.each([
		[{}, "customer_id: is missing; a referral code is made from the referrer's customer id"],
		[
			{ customer_id: 1.5 },
			'customer_id: must be text or a whole number (the customer id) (got 1.5)',
		],
		[
			{ customer_id: { id: 1 } },
			'Invalid customer record: customer_id: must be text or a number (got {"id":1})',
		],
		[
			{ customer_id: 'é'.repeat(33) },
			'customer_id: must be 1 to 64 bytes of text to fit in a referral code (got 66 bytes)',
		],
	])('create fails %p naming the field', (item, message) => {
		expect(() => createCodeForItem(item, {}, secrets)).toThrow(message);
	});

	it('verifies the code field, names it in the message, and refuses a self-referral', () => {
		const code = createReferralCode('c-001', SECRET);
		expect(
			verifyCodeForItem({ signup: { code } }, { codeField: 'signup.code' }, secrets),
		).toMatchObject({
			valid: true,
			referrerId: 'c-001',
			referredIncentives: { firstYearDiscountPercent: 20 },
		});
		expect(verifyCodeForItem({ referral_code: alter(code, 2) }, {}, secrets)).toMatchObject({
			valid: false,
			reason: 'checksum',
			message: 'referral_code: is mistyped: its check character does not match',
		});
		expect(verifyCodeForItem({}, {}, secrets)).toMatchObject({ valid: false, reason: 'missing' });
		expect(verifyCodeForItem({ customer_id: 'c-001', referral_code: code }, {}, secrets)).toEqual({
			valid: false,
			referrerId: 'c-001',
			code,
			reason: 'self_referral',
			message: "referral_code: is the customer's own referral code (customer_id c-001)",
		});
		expect(() => verifyCodeForItem({ referral_code: ['x'] }, {}, secrets)).toThrow(
			'referral_code: must be text (the referral code) (got ["x"])',
		);
	});
});

describe('referrer reward (docs/sources.md#referral-program)', () => {
	it('per converted referral: 1 free month, 10 % for 12 months, 500 advocacy and 100 loyalty points', () => {
		expect(
			referralReward({ referredMrr: 99, referrerReferrals: 1, referrerReferralsThisYear: 1 }),
		).toEqual({
			freeMonths: 1,
			commission: { percent: 10, months: 12, monthlyAmount: 9.9, totalAmount: 118.8 },
			milestoneBonus: { reached: false, referrals: 5, amount: 500, currency: 'USD' },
			annualBonus: { reached: false, referrals: 20, amount: 2000, currency: 'USD' },
			bonusTotal: 0,
			currency: 'USD',
			advocacyPoints: 500,
			loyaltyPoints: 100,
			referredIncentives: {
				firstYearDiscountPercent: 20,
				premiumFreeMonths: 3,
				prioritySupport: 'Expedited support queue',
			},
		});
	});

	it.each([
		[4, 4, false, false, 0],
		[5, 5, true, false, 500],
		[6, 6, false, false, 0],
		[19, 19, false, false, 0],
		[20, 20, false, true, 2000],
		[25, 20, false, true, 2000],
		[21, 21, false, false, 0],
	])(
		'referral %i (%i this year): milestone %p, annual %p, bonus %i',
		(all, year, milestone, annual, total) => {
			const reward = referralReward({
				referredMrr: null,
				referrerReferrals: all,
				referrerReferralsThisYear: year,
			});
			expect([
				reward.milestoneBonus.reached,
				reward.annualBonus.reached,
				reward.bonusTotal,
				reward.commission,
			]).toEqual([milestone, annual, total, null]);
		},
	);

	it('on an item: the referrer from a verified referral, seed 004’s 30 %, unknown counts', () => {
		const reward = referralRewardForItem(
			{ mrr: '250', referral: { valid: true, referrerId: 'c-001' } },
			{ commissionPercent: 30, commissionMonths: 6 },
		);
		expect([
			reward.referrerId,
			reward.commission,
			reward.milestoneBonus.reached,
			reward.bonusTotal,
		]).toEqual(['c-001', { percent: 30, months: 6, monthlyAmount: 75, totalAmount: 450 }, null, 0]);
		expect(referralRewardForItem({ referrer_id: 7 }, {}).referrerId).toBe('7');
		expect(() => referralRewardForItem({ mrr: -1 }, {})).toThrow(
			/^mrr: must be a number of 0 or more/,
		);
		expect(() => referralRewardForItem({}, { commissionMonths: 1.5 })).toThrow(
			'Commission Months: must be a whole number from 0 to 120 (got 1.5)',
		);
	});
});
