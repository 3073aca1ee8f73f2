import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CustomerNps } from '../../../nodes/CustomerNps/CustomerNps.node';
import { createNodeTypes, runWorkflow } from '../harness';
import { oneNodeWorkflow } from '../oneNodeWorkflow';

/** Issue 11 through n8n-core: the item fails naming the item and the field; with Continue On Fail it carries `error`. */

const nodeTypes = createNodeTypes({ customerNps: new CustomerNps() });
const NODE = 'NPS';

async function run(
	items: IDataObject[],
	parameters: INodeParameters,
	continueOnFail = false,
	outputs = 1,
) {
	const options = {
		referenceTime: '2026-03-10T12:00:00Z',
		...((parameters.options as object) ?? {}),
	};
	return runWorkflow(
		oneNodeWorkflow('customerNps', NODE, { ...parameters, options }, items, {
			continueOnFail,
			outputs,
		}),
		{ nodeTypes },
	);
}

describe.each<[string, string, IDataObject, INodeParameters, string]>([
	[
		'classify',
		'a response at the end of luxon’s dates (dueAt: null)',
		{ nps_score: 3, nps_responded_at: '+275760-09-13' },
		{ mode: 'classify' },
		'nps_responded_at: must be a date from the year 1900 to 9999 (got "+275760-09-13")',
	],
	[
		'classify',
		'a response stamped +99:00',
		{ nps_score: 3, nps_responded_at: '2026-03-10T08:00:00+99:00' },
		{ mode: 'classify' },
		'nps_responded_at: must have a UTC offset from -14:00 to +14:00 (got "2026-03-10T08:00:00+99:00")',
	],
	[
		'throttle',
		'a survey sent in 2099',
		{ last_nps_survey_at: '2099-01-01' },
		{ mode: 'throttle' },
		'last_nps_survey_at: must be a past date, no more than 1 day after the reference time 2026-03-10T12:00:00.000Z (got "2099-01-01")',
	],
	[
		'classify',
		'a Score Field given as a number by an expression',
		{ nps_score: 3 },
		{ mode: 'classify', scoreField: '={{ 7 }}' },
		'Score Field: must be a field name or dotted path such as "customer", at most 256 characters (got 7)',
	],
])('%s: item 1 with %s', (mode, _, bad, parameters, message) => {
	const outputs = mode === 'throttle' ? 2 : 1;
	const good = { customer_id: 'good', nps_score: 9 };

	it('stops the node with a NodeOperationError naming the item', async () => {
		const result = await run([good, { customer_id: 'bad', ...bad }], parameters, false, outputs);
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			parameters.scoreField ? `Item 0: ${message}` : `Item 1: ${message}`,
		);
	});

	it('with Continue On Fail, leaves with the error instead of a result', async () => {
		const result = await run([good, { customer_id: 'bad', ...bad }], parameters, true, outputs);
		const failed = result
			.outputs(NODE)
			.flat()
			.find((item) => item.json.customer_id === 'bad');
		expect(failed?.json).toMatchObject({ error: message });
		expect(failed?.json.nps).toBeUndefined();
	});
});

it('aggregate: an impossible score is listed as invalid, never counted as a promoter', async () => {
	const result = await run(
		[{ nps_score: 10 }, { nps_score: '1e308' }, { nps_score: 12 }],
		{ mode: 'aggregate' },
		true,
	);
	const [[item]] = result.outputs(NODE);
	expect(item.json.nps).toMatchObject({
		responses: 1,
		promoters: { count: 1, percentage: 100 },
		invalid: [
			{ item: 1, reason: 'nps_score: must be a whole number from 0 to 10 (got "1e308")' },
			{ item: 2, reason: 'nps_score: must be a whole number from 0 to 10 (got 12)' },
		],
	});
	const stopped = await run([{ nps_score: 10 }, { nps_score: 12 }], { mode: 'aggregate' });
	expect(stopped.error?.message).toBe(
		'Item 1: nps_score: must be a whole number from 0 to 10 (got 12)',
	);
});
