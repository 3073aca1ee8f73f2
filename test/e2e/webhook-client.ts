/** How the end-to-end tests call a Customer Success Trigger: raw bytes, signed the way the README tells callers to. */
import { createHmac } from 'node:crypto';

import type { N8nServer } from './n8n-server';

/** A CS-Signature header value for `body`: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signBody(body: string, secret: string, t = Math.floor(Date.now() / 1000)): string {
	return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** The headers of a signed JSON body: its content type and a CS-Signature made now. */
export function signedHeaders(body: string, secret: string): Record<string, string> {
	return { 'content-type': 'application/json', 'cs-signature': signBody(body, secret) };
}

export interface RawResponse {
	status: number;
	text: string;
	/** The parsed body, or the text itself when it is not JSON. */
	json: any;
}

export interface PostOptions {
	/** Abort the request after this long (default: no limit of its own). */
	timeoutMs?: number;
}

/**
 * Where a webhook path is served: an N8nServer (its main process), or a webhook base URL such as QueueCluster's
 * webhookUrl (`http://127.0.0.1:<port>/webhook`).
 */
export type WebhookTarget = N8nServer | string;

/** POSTs raw bytes to a production webhook (N8nServer.postWebhook would serialise an object itself). */
export async function postRaw(
	target: WebhookTarget,
	webhookPath: string,
	body: string,
	headers: Record<string, string>,
	{ timeoutMs }: PostOptions = {},
): Promise<RawResponse> {
	const base = typeof target === 'string' ? target : `${target.baseUrl}/webhook`;
	const response = await fetch(`${base}/${webhookPath}`, {
		method: 'POST',
		headers,
		body,
		...(timeoutMs !== undefined && { signal: AbortSignal.timeout(timeoutMs) }),
	});
	const text = await response.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: response.status, text, json };
}

/** POSTs `event` as JSON, signed with `secret` (a fresh signature on every call, as a caller's retry would carry). */
export function postSignedEvent(
	target: WebhookTarget,
	webhookPath: string,
	event: Record<string, unknown>,
	secret: string,
	options?: PostOptions,
): Promise<RawResponse> {
	const body = JSON.stringify(event);
	return postRaw(target, webhookPath, body, signedHeaders(body, secret), options);
}
