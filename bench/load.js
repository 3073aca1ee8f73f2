/**
 * The load generator of bench/n8nServer.ts, in its own process so it does not share a CPU core's event loop with the
 * benchmark: autocannon at a fixed number of connections for a fixed number of requests, each request a new event
 * (a new eventId), signed the way the README says when a secret is given.
 */
'use strict';
const { createHmac } = require('node:crypto');
const autocannon = require('autocannon');

process.once('message', ({ url, requests, connections, secret }) => {
	let sequence = 0;
	const body = () =>
		JSON.stringify({
			event: 'login',
			eventId: `bench-${process.pid}-${++sequence}`,
			customer: {
				customer_id: `cust-${sequence % 500}`,
				days_since_last_login: sequence % 20,
				nps_score: sequence % 11,
				open_tickets: sequence % 6,
			},
		});
	const instance = autocannon({
		url,
		method: 'POST',
		connections,
		amount: requests,
		timeout: 30,
		requests: [
			{
				setupRequest: (request) => {
					const payload = body();
					const headers = { 'content-type': 'application/json' };
					if (secret) {
						const t = Math.floor(Date.now() / 1000);
						headers['cs-signature'] =
							`t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;
					}
					return { ...request, headers, body: payload };
				},
			},
		],
	});
	instance.on('done', (result) => {
		process.send(
			// Requests over the run's duration: autocannon's per-second average counts whole seconds and rounds a run of
			// ten seconds to tens of requests.
			{
				rps: result.requests.total / result.duration,
				p50: result.latency.p50,
				p99: result.latency.p99,
				requests: result.requests.total,
				non2xx: result.non2xx + result.errors,
			},
			() => process.exit(0),
		);
	});
});
