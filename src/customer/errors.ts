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
