/** How the end-to-end tests call a Customer Success Trigger: raw bytes, signed the way the README tells callers to. */
import { createHmac } from 'node:crypto';

import type { N8nServer } from './n8n-server';

/** A CS-Signature header value for `body`: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signBody(body: string, secret: string, t = Math.floor(Date.now() / 1000)): string {
	return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

export interface RawResponse {
	status: number;
	text: string;
	json: any;
}

/** POSTs raw bytes to a production webhook (N8nServer.postWebhook would serialise an object itself). */
export async function postRaw(server: N8nServer, webhookPath: string, body: string, headers: Record<string, string>): Promise<RawResponse> {
	const response = await fetch(`${server.baseUrl}/webhook/${webhookPath}`, { method: 'POST', headers, body });
	const text = await response.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, text, json };
}
