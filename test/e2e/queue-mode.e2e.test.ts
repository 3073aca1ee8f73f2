/**
 * Queue mode (scaling out), end to end: the cluster `npm run start:queue` starts (scripts/start-queue.sh: a main, a
 * webhook process and two workers on PostgreSQL and Redis, this package installed in the shared user folder), a real
 * SMTP server, and signed events posted to the Customer Success Trigger on loopback.
 *
 * The workflows are small test workflows (test/e2e/workflows/queue-*.json): the trigger and n8n's Send Email; the same
 * with each execution held 2 s before and 2 s after the email (Wait nodes), so that a worker killed under load has
 * executions in flight on both sides of the email; the trigger, Churn Signals with a cooldown and Send Email. The bundled templates that start from the trigger also write
 * Data Tables, run Code nodes and wait days in Wait nodes, so an event there is not "one execution, one email".
 *
 * What is counted is what n8n and the SMTP server recorded: execution_entity rows (and their run data) in PostgreSQL,
 * the messages that arrived, the workers' logs.
 */
import { SETUP_TIMEOUT_MS, testWithServerLog } from './n8n-server';
import {
	QUEUE_WEBHOOK_SECRET,
	QueueCluster,
	startedExecutions,
	unfinishedExecutions,
} from './queue-cluster';
import { decodeHeader, header, SmtpSink } from './smtp-sink';
import { postSignedEvent, type RawResponse } from './webhook-client';

const EMAIL_WORKFLOW = 'csE2eQueueEmail1';
const HELD_WORKFLOW = 'csE2eQueueHeld01';
const CHURN_WORKFLOW = 'csE2eQueueChurn1';
const EMAIL_PATH = 'e2e-queue-email';
const HELD_PATH = 'e2e-queue-email-held';
const CHURN_PATH = 'e2e-queue-churn';
const LOAD_EVENTS = 2000;
const FAULT_EVENTS = 400;
const CONCURRENCY = 24;
// n8n's message for a job whose worker stopped renewing its lock (scaling/job-processor → MaxStalledCountError).
const STALLED_MESSAGE =
	'This execution failed to be processed too many times and will no longer retry';

const cluster = new QueueCluster('queue-mode');
const smtp = new SmtpSink();

beforeAll(async () => {
	const smtpPort = await smtp.start();
	await cluster.start({
		smtpPort,
		publish: [
			'workflows/queue-email.json',
			'workflows/queue-email-held.json',
			'workflows/queue-churn.json',
		],
		// A dead worker's jobs are declared stalled after the lock expires (default 60 s): shorter here so the fault
		// test does not wait minutes. Healthy workers renew every 5 s.
		env: {
			QUEUE_WORKER_LOCK_DURATION: '20000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
		},
	});
	for (const path of [EMAIL_PATH, HELD_PATH, CHURN_PATH]) await waitForWebhook(path);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await cluster.dispose();
	await smtp.stop();
}, 300_000);

/** A test that prints the cluster's logs and keeps its folder when it fails. */
const clusterTest = testWithServerLog(cluster);

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function envelope(
	eventId: string,
	customer: Record<string, unknown>,
	data?: Record<string, unknown>,
): Record<string, unknown> {
	return {
		event: 'health_score_dropped_20',
		eventId,
		occurredAt: new Date().toISOString(),
		customer,
		...(data && { data }),
	};
}

/** POSTs a signed event to the webhook process (a fresh signature each time, as a caller's retry would carry). */
function post(path: string, event: Record<string, unknown>): Promise<RawResponse> {
	return postSignedEvent(cluster.webhookUrl, path, event, QUEUE_WEBHOOK_SECRET, {
		timeoutMs: 60_000,
	});
}

/**
 * Posts every event with at most `concurrency` requests in flight; results in the events' order. `stamp` changes an
 * event just before it is sent (times relative to sending).
 */
async function postAll(
	path: string,
	events: Array<Record<string, unknown>>,
	{
		concurrency = CONCURRENCY,
		onResult,
		stamp = (event) => event,
	}: {
		concurrency?: number;
		onResult?: (done: number) => void;
		stamp?: (event: Record<string, unknown>) => Record<string, unknown>;
	} = {},
) {
	const results: RawResponse[] = new Array(events.length);
	let next = 0;
	let done = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < events.length) {
				const index = next++;
				results[index] = await post(path, stamp(events[index]));
				onResult?.(++done);
			}
		}),
	);
	return results;
}

/** Waits until the webhook process serves the trigger: an unsigned request is refused (401) instead of 404; it starts nothing. */
async function waitForWebhook(path: string): Promise<void> {
	const deadline = Date.now() + 120_000;
	for (;;) {
		const response = await fetch(`${cluster.webhookUrl}/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		if (response.status === 401) return;
		if (Date.now() > deadline)
			throw new Error(
				`the webhook process did not serve /webhook/${path} within 120 s (last status ${response.status})`,
			);
		await sleep(1000);
	}
}

function countBy<T>(values: T[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
	return counts;
}

function subjects(): string[] {
	return smtp.messages.map((message) => decodeHeader(header(message.raw, 'Subject') ?? ''));
}

/** Emails per event id, from the subjects of the per-event workflow's emails. */
function emailsPerEvent(): Map<string, number> {
	const counts = new Map<string, number>();
	for (const subject of subjects()) {
		const match = /^cs-queue event (\S+)$/.exec(subject);
		if (match) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
	}
	return counts;
}

/** Alert emails of the churn workflow for one customer. */
function alertsFor(customerId: string): string[] {
	return subjects().filter((subject) => subject.startsWith(`cs-queue alert ${customerId} `));
}

/** Waits until no email has arrived for `quietMs`. */
async function emailsSettled(quietMs = 4000, timeoutMs = 120_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let count = smtp.messages.length;
	let since = Date.now();
	while (Date.now() - since < quietMs && Date.now() < deadline) {
		await sleep(250);
		if (smtp.messages.length !== count) {
			count = smtp.messages.length;
			since = Date.now();
		}
	}
}

/** Which worker's log says it started each execution. */
function workerOf(executionIds: number[]): Record<number, string> {
	const owners: Record<number, string> = {};
	for (const worker of ['worker-1', 'worker-2']) {
		for (const id of startedExecutions(cluster.log(worker))) owners[id] = worker;
	}
	return Object.fromEntries(executionIds.map((id) => [id, owners[id] ?? 'unknown']));
}

/** The Churn Signals tier of an execution: monitor (the signal was raised) or none (cooled down). */
async function churnOutcome(
	executionId: number,
): Promise<{ tier: string; suppressed: Array<{ type: string; reason: string }> }> {
	const data = await cluster.executionData(executionId);
	const outputs: Array<Array<{ json: any }> | null> =
		data.resultData.runData['Churn Signals'][0].data.main;
	const item = outputs.flatMap((output) => output ?? [])[0];
	return { tier: item.json.churn.tier, suppressed: item.json.churn.suppressed };
}

describe('queue mode: a main, a webhook process and two workers on PostgreSQL and Redis (npm run start:queue)', () => {
	const loadEvents = Array.from({ length: LOAD_EVENTS }, (_, i) => {
		const id = `evt-load-${String(i).padStart(4, '0')}`;
		return envelope(id, { customer_id: `cust-load-${i}`, email: `cust-load-${i}@example.test` });
	});

	clusterTest(
		`load: ${LOAD_EVENTS} signed events posted ${CONCURRENCY} at a time give ${LOAD_EVENTS} successful executions and one email each`,
		async () => {
			const started = Date.now();
			const results = await postAll(EMAIL_PATH, loadEvents);
			const postedMs = Date.now() - started;
			expect(countBy(results.map((result) => result.status))).toEqual({ 202: LOAD_EVENTS });
			expect(
				results.every(
					(result, i) =>
						result.json.accepted === true && result.json.eventId === loadEvents[i].eventId,
				),
			).toBe(true);

			const executions = await cluster.waitForExecutions(EMAIL_WORKFLOW, LOAD_EVENTS, {
				timeoutMs: 360_000,
			});
			await smtp.waitForMessages(LOAD_EVENTS, 120_000);
			const doneMs = Date.now() - started;
			await emailsSettled();

			expect(executions).toHaveLength(LOAD_EVENTS);
			expect(countBy(executions.map((execution) => execution.status))).toEqual({
				success: LOAD_EVENTS,
			});
			const perEvent = emailsPerEvent();
			expect(smtp.messages).toHaveLength(LOAD_EVENTS);
			expect(perEvent.size).toBe(LOAD_EVENTS);
			expect(loadEvents.filter((event) => perEvent.get(String(event.eventId)) !== 1)).toEqual([]);
			// Both workers took their share; together they ran each execution once.
			const perWorker = countBy(
				Object.values(workerOf(executions.map((execution) => execution.id))),
			);
			expect(Object.keys(perWorker).sort()).toEqual(['worker-1', 'worker-2']);
			expect(perWorker['worker-1'] + perWorker['worker-2']).toBe(LOAD_EVENTS);
			console.log(
				`[queue-mode] load: ${LOAD_EVENTS} events posted in ${(postedMs / 1000).toFixed(1)} s (${((LOAD_EVENTS * 1000) / postedMs).toFixed(0)}/s), ` +
					`all executed and emailed after ${(doneMs / 1000).toFixed(1)} s; executions ${JSON.stringify(countBy(executions.map((e) => e.status)))}, ` +
					`emails ${smtp.messages.length}, per worker ${JSON.stringify(perWorker)}`,
			);
		},
		600_000,
	);

	clusterTest(
		`repost: the same ${LOAD_EVENTS} events again are duplicates: no execution, no email`,
		async () => {
			const before = await cluster.lastExecutionId();
			const emailsBefore = smtp.messages.length;
			const started = Date.now();
			const results = await postAll(EMAIL_PATH, loadEvents);
			const postedMs = Date.now() - started;
			expect(countBy(results.map((result) => result.status))).toEqual({ 200: LOAD_EVENTS });
			expect(results.every((result) => result.json.duplicate === true)).toBe(true);
			await sleep(5000);
			expect(await cluster.executions(EMAIL_WORKFLOW, before)).toEqual([]);
			expect(smtp.messages.length).toBe(emailsBefore);
			console.log(
				`[queue-mode] repost: ${LOAD_EVENTS} duplicates in ${(postedMs / 1000).toFixed(1)} s, 0 new executions, 0 new emails`,
			);
		},
		// A duplicate costs the webhook process nearly what an accepted event does (n8n's webhook path, the signature, the
		// duplicate check); only the execution is saved. So the repost gets the load step's bound.
		600_000,
	);

	clusterTest(
		'idempotency under concurrency: one event id posted 20 times at once starts one execution and sends one email',
		async () => {
			const before = await cluster.lastExecutionId();
			const event = envelope('evt-twenty-copies', {
				customer_id: 'cust-twenty',
				email: 'cust-twenty@example.test',
			});
			const results = await Promise.all(Array.from({ length: 20 }, () => post(EMAIL_PATH, event)));
			expect(countBy(results.map((result) => result.status))).toEqual({ 200: 19, 202: 1 });
			expect(results.filter((result) => result.json.duplicate === true)).toHaveLength(19);
			const executions = await cluster.waitForExecutions(EMAIL_WORKFLOW, 1, { afterId: before });
			expect(executions.map((execution) => execution.status)).toEqual(['success']);
			await emailsSettled();
			expect(emailsPerEvent().get('evt-twenty-copies')).toBe(1);
		},
		120_000,
	);

	clusterTest(
		'Churn Signals cooldown across workers: six events for one customer, one after another, alert once',
		async () => {
			const before = await cluster.lastExecutionId();
			const customer = {
				customer_id: 'cust-cooldown-seq',
				email: 'cust-cooldown-seq@example.test',
				nps_score: 3,
			};
			for (let i = 1; i <= 6; i++) {
				// runAt now: the workflow's Wait node lets the execution through at once.
				const response = await post(
					CHURN_PATH,
					envelope(`evt-cooldown-seq-${i}`, customer, { runAt: new Date().toISOString() }),
				);
				expect(response.status).toBe(202);
				const executions = await cluster.waitForExecutions(CHURN_WORKFLOW, i, {
					afterId: before,
					settleMs: 0,
				});
				expect(executions.filter((execution) => execution.status === 'success')).toHaveLength(i);
			}
			const executions = await cluster.executions(CHURN_WORKFLOW, before);
			const outcomes = [];
			for (const execution of executions) outcomes.push(await churnOutcome(execution.id));
			expect(outcomes.map((outcome) => outcome.tier)).toEqual([
				'monitor',
				'none',
				'none',
				'none',
				'none',
				'none',
			]);
			expect(
				outcomes
					.slice(1)
					.every(
						(outcome) =>
							outcome.suppressed[0]?.type === 'nps_detractor' &&
							outcome.suppressed[0]?.reason === 'cooldown',
					),
			).toBe(true);
			await emailsSettled();
			expect(alertsFor('cust-cooldown-seq')).toEqual([
				'cs-queue alert cust-cooldown-seq nps_detractor evt-cooldown-seq-1',
			]);
			console.log(
				`[queue-mode] cooldown, sequential: 6 executions on ${JSON.stringify(countBy(Object.values(workerOf(executions.map((e) => e.id)))))}, 1 alert`,
			);
		},
		180_000,
	);

	for (const [label, releaseInMs] of [
		['as they arrive', 0],
		['released at the same instant on both workers', 15_000],
	] as const) {
		clusterTest(
			`Churn Signals cooldown under concurrency: twenty events for one customer posted at once, run ${label}`,
			async () => {
				const before = await cluster.lastExecutionId();
				const customerId = `cust-cooldown-race-${releaseInMs}`;
				const customer = {
					customer_id: customerId,
					email: `${customerId}@example.test`,
					nps_score: 3,
				};
				// The workflow's Wait node holds each execution (in its worker) until runAt.
				const runAt = new Date(Date.now() + releaseInMs).toISOString();
				const results = await Promise.all(
					Array.from({ length: 20 }, (_, i) =>
						post(
							CHURN_PATH,
							envelope(`evt-cooldown-race-${releaseInMs}-${i}`, customer, { runAt }),
						),
					),
				);
				expect(countBy(results.map((result) => result.status))).toEqual({ 202: 20 });
				const executions = await cluster.waitForExecutions(CHURN_WORKFLOW, 20, { afterId: before });
				expect(countBy(executions.map((execution) => execution.status))).toEqual({ success: 20 });
				const outcomes = [];
				for (const execution of executions)
					outcomes.push({ id: execution.id, ...(await churnOutcome(execution.id)) });
				const raised = outcomes.filter((outcome) => outcome.tier === 'monitor');
				const cooled = outcomes.filter(
					(outcome) => outcome.tier === 'none' && outcome.suppressed[0]?.reason === 'cooldown',
				);
				await emailsSettled();
				// Exactly one execution raises the signal and sends the alert, whichever worker runs it; the other nineteen find it
				// cooled down (the raise is the creation of the cooldown's record, which the database lets only one process do).
				expect(raised).toHaveLength(1);
				expect(cooled).toHaveLength(19);
				expect(alertsFor(customerId)).toEqual([
					expect.stringMatching(
						new RegExp(`^cs-queue alert ${customerId} nps_detractor evt-cooldown-race-`),
					),
				]);
				const owners = workerOf(executions.map((e) => e.id));
				console.log(
					`[queue-mode] cooldown, 20 events for one customer run ${label}: ${raised.length} alert(s) ` +
						`(by ${JSON.stringify(countBy(raised.map((outcome) => owners[outcome.id])))}), ${cooled.length} cooled down; ` +
						`executions per worker ${JSON.stringify(countBy(Object.values(owners)))}`,
				);
			},
			180_000,
		);
	}

	clusterTest(
		`fault: worker-1 killed (SIGKILL) in the middle of ${FAULT_EVENTS} events and started again`,
		async () => {
			const before = await cluster.lastExecutionId();
			const events = Array.from({ length: FAULT_EVENTS }, (_, i) => {
				const id = `evt-fault-${String(i).padStart(4, '0')}`;
				return envelope(id, {
					customer_id: `cust-fault-${i}`,
					email: `cust-fault-${i}@example.test`,
				});
			});
			let posted = 0;
			// Each execution waits 2 s, sends its email, waits 2 s more: in flight on both sides of the email.
			const stamp = (event: Record<string, unknown>) => ({
				...event,
				data: {
					sendAt: new Date(Date.now() + 2000).toISOString(),
					doneAt: new Date(Date.now() + 4000).toISOString(),
				},
			});
			const posting = postAll(HELD_PATH, events, { stamp, onResult: (done) => (posted = done) });

			// Kill worker-1 while it is running executions of this batch (started, not finished, in its log).
			let inFlight: number[] = [];
			const deadline = Date.now() + 240_000;
			while (inFlight.length < 3) {
				if (Date.now() > deadline)
					throw new Error(
						`worker-1 had fewer than 3 executions in flight within 240 s (${posted} posted)`,
					);
				await sleep(100);
				if (posted >= FAULT_EVENTS / 4)
					inFlight = unfinishedExecutions(cluster.log('worker-1')).filter((id) => id > before);
			}
			const oldPid = cluster.kill('worker-1', 'SIGKILL');
			const killedAt = posted;
			const results = await posting;
			const newPid = await cluster.waitForWorkerRestart(1, oldPid);
			expect(newPid).not.toBe(oldPid);

			const accepted = results.filter((result) => result.status === 202).length;
			expect(countBy(results.map((result) => result.status))).toEqual({ 202: FAULT_EVENTS });
			const executions = await cluster.waitForExecutions(HELD_WORKFLOW, accepted, {
				afterId: before,
				timeoutMs: 360_000,
				settleMs: 5000,
			});
			await emailsSettled(5000);

			// Every accepted event has exactly one execution, and none is left running.
			expect(executions).toHaveLength(accepted);
			const byStatus = countBy(executions.map((execution) => execution.status));
			const failed = executions.filter((execution) => execution.status !== 'success');
			// n8n does not run a dead worker's execution again: it ends in error (stalled job). Every execution the killed
			// worker had started and not finished fails; no execution another worker ran does.
			const killedInFlight = unfinishedExecutions(cluster.log('worker-1')).filter(
				(id) => id > before,
			);
			const failedIds = failed.map((execution) => execution.id);
			expect(killedInFlight.length).toBeGreaterThanOrEqual(1);
			// SIGKILL can end the worker before its last log lines are written (measured: an execution whose "finished"
			// line was lost and that PostgreSQL records as a success; one whose "started" line was lost and that failed), so
			// the log's in-flight set is approximate and the database is the record. What the log does prove: an
			// execution it shows finished, or that worker-2 ran, never fails.
			const ranElsewhere = new Set([
				...startedExecutions(cluster.log('worker-2')),
				...startedExecutions(cluster.log('worker-1')).filter((id) => !killedInFlight.includes(id)),
			]);
			expect(failedIds.filter((id) => ranElsewhere.has(id))).toEqual([]);
			expect(failed.every((execution) => execution.status === 'error')).toBe(true);
			// What n8n keeps of a failed execution: the stalled error, and no longer the event it was running.
			let payloadKept = 0;
			for (const execution of failed) {
				const data = await cluster.executionData(execution.id);
				expect(String(data.resultData.error?.message)).toContain(STALLED_MESSAGE);
				if (
					data.resultData.runData['Customer Success Trigger'] ||
					data.executionData?.nodeExecutionStack?.length
				)
					payloadKept++;
			}

			// Which event each successful execution ran (the trigger's output), and the emails per event.
			const succeededEvents = new Set<string>();
			for (const execution of executions.filter((e) => e.status === 'success')) {
				const data = await cluster.executionData(execution.id);
				succeededEvents.add(
					String(
						data.resultData.runData['Customer Success Trigger'][0].data.main[0][0].json.eventId,
					),
				);
			}
			const perEvent = emailsPerEvent();
			const ids = events.map((event) => String(event.eventId));
			const emailed = ids.filter((id) => (perEvent.get(id) ?? 0) > 0);
			const duplicates = ids.filter((id) => (perEvent.get(id) ?? 0) > 1);
			const lost = ids.filter((id) => !perEvent.has(id));
			const emailedByFailed = emailed.filter((id) => !succeededEvents.has(id));

			expect(succeededEvents.size).toBe(accepted - failed.length);
			expect([...succeededEvents].filter((id) => perEvent.get(id) !== 1)).toEqual([]);
			expect(duplicates).toEqual([]);
			// A failed execution sent its email or not, depending on where the kill caught it; never twice.
			expect(emailedByFailed.length + lost.length).toBe(failed.length);

			// The caller cannot recover a lost event by sending it again: the trigger accepted its id on receipt.
			const beforeRetry = await cluster.lastExecutionId();
			const retried = await postAll(
				HELD_PATH,
				events.filter((event) => lost.includes(String(event.eventId))),
				{ stamp },
			);
			expect(
				retried.every((result) => result.status === 200 && result.json.duplicate === true),
			).toBe(true);
			await sleep(3000);
			expect(await cluster.executions(HELD_WORKFLOW, beforeRetry)).toEqual([]);

			console.log(
				`[queue-mode] fault: worker-1 (pid ${oldPid}) killed after ${killedAt} of ${FAULT_EVENTS} posts with ${killedInFlight.length} execution(s) started and not finished, ` +
					`restarted as pid ${newPid}; accepted ${accepted}, executions ${JSON.stringify(byStatus)}, emails ${emailed.length} ` +
					`(${emailedByFailed.length} from failed executions), events without email ${lost.length}, duplicate emails ${duplicates.length}; ` +
					`the ${lost.length} lost event(s) posted again: ${retried.length} duplicate answer(s), 0 executions; ` +
					`failed executions whose stored data still holds the event: ${payloadKept}`,
			);
		},
		720_000,
	);
});
