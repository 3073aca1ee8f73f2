import { pathParameter } from '../shared/parameters';
import { getPath, isPlainObject } from '../shared/path';
import { previewValue } from '../shared/preview';
import { CustomerInputError } from './errors';
import { describeType, parseCustomerRecord } from './record';

export { CustomerInputError } from './errors';

/** The customer record inside an item, validated against the shared vocabulary. `path` is the Customer Record Path. */
export function locateCustomerRecord(
	item: Record<string, unknown>,
	path: unknown = '',
): Record<string, unknown> {
	const where = pathParameter(path, 'Customer Record Path');
	const record = where === '' ? item : getPath(item, where);
	if (!isPlainObject(record)) {
		throw new CustomerInputError(
			`Field ${previewValue(where)} must hold the customer record as an object (got ${describeType(record)})`,
			where,
		);
	}
	return parseCustomerRecord(
		record,
		where === '' ? 'customer record' : `customer record at ${previewValue(where)}`,
	);
}
