import { describeType, parseCustomerRecord } from './record';
import { getPath, isPlainObject } from '../shared/path';

/** A bad value in an item's customer record: the message names the field, `field` carries its path. */
export class CustomerInputError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'CustomerInputError';
	}
}

/** The customer record inside an item, validated against the shared vocabulary. */
export function locateCustomerRecord(item: Record<string, unknown>, path = ''): Record<string, unknown> {
	const record = path.trim() === '' ? item : getPath(item, path);
	if (!isPlainObject(record)) {
		throw new CustomerInputError(
			`Field "${path}" must hold the customer record as an object (got ${describeType(record)})`,
			path,
		);
	}
	return parseCustomerRecord(record, path.trim() === '' ? 'customer record' : `customer record at "${path}"`);
}
