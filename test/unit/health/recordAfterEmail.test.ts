import { parseCustomerRecord } from '../../../src/customer/record';

describe('customer record schema', () => {
	it('accepts the email output of CS Email Template in place of the address, so records flow on', () => {
		const record = { customer_id: 'c1', email: { to: 'ana@example.com', subject: 'Hola' } };
		expect(parseCustomerRecord(record)).toBe(record);
	});

	it('still names a wrong type of email', () => {
		expect(() => parseCustomerRecord({ email: 42 })).toThrow(/^Invalid customer record: email: /);
	});
});
