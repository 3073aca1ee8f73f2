/**
 * Churn Signals on the adapter's phases: assess each item, decide the cooldowns of all at once (the batch step), then
 * build the results. A failed item never records a cooldown; when the node stops, nothing is recorded at all.
 */
import type { IDataObject } from 'n8n-workflow';

import { CustomerChurnSignals } from '../../../nodes/CustomerChurnSignals/CustomerChurnSignals.node';
import { createNodeTypes, resetProcessedData } from '../harness';
import { picture, runNode, type NodeUnderTest } from './build';

const nodeTypes = createNodeTypes({ customerChurnSignals: new CustomerChurnSignals() });
const node = (onError?: NodeUnderTest['onError']): NodeUnderTest => ({
	type: 'customerChurnSignals',
	name: 'Churn Signals',
	parameters: {
		outputMode: 'byTier',
		options: { referenceTime: '2026-03-10T12:00:00.000Z', cooldownDays: 7, timezone: 'UTC' },
	},
	onError,
});
const GOOD: IDataObject = { customer_id: 'c1', nps_score: 3 };
const BROKEN: IDataObject = { customer_id: 'c2', nps_score: 3, last_login_at: 'yesterday' };
const MESSAGE =
	'last_login_at: must be an ISO 8601 date such as "2026-11-23T09:00:00Z" (got "yesterday")';
const SUPPRESSED = [
	{ type: 'nps_detractor', reason: 'cooldown', until: '2026-03-17T00:00:00.000Z' },
];

beforeEach(resetProcessedData);

it('with Continue (regular output): the good item raises and is cooled down next time, the broken one leaves by Failed', async () => {
	const first = await runNode(nodeTypes, node('continueRegularOutput'), [GOOD, BROKEN]);
	expect(picture(first)).toEqual({
		Immediate: [],
		Urgent: [],
		Monitor: [['c1', null, { item: 0 }]],
		None: [],
		Failed: [['c2', MESSAGE, { item: 1 }]],
	});

	// The broken item, fixed, raises: nothing was recorded for it. The good one is cooled down.
	const second = await runNode(nodeTypes, node('continueRegularOutput'), [
		GOOD,
		{ customer_id: 'c2', nps_score: 3 },
	]);
	expect(picture(second)).toEqual({
		Immediate: [],
		Urgent: [],
		Monitor: [['c2', null, { item: 1 }]],
		None: [['c1', null, { item: 0 }]],
		Failed: [],
	});
	expect((second.byName.None[0].json.churn as IDataObject).suppressed).toEqual(SUPPRESSED);
});

it('without Continue On Fail: the node stops and records no cooldown, not even for the good item', async () => {
	const stopped = await runNode(nodeTypes, node(), [GOOD, BROKEN]);
	expect(stopped.result.status).toBe('error');
	expect(stopped.result.error?.message).toBe(`Item 1: ${MESSAGE}`);

	const fixed = await runNode(nodeTypes, node(), [GOOD]);
	expect(picture(fixed).Monitor).toEqual([['c1', null, { item: 0 }]]);
	expect((fixed.byName.Monitor[0].json.churn as IDataObject).suppressed).toEqual([]);
});
