import type { CustomerRecord } from '../customer/record';
import { routeEvent, type EventRouting } from './filter';
import { displayedEventId, idempotencyKey } from './idempotency';
import { parsePayload, type PayloadIssue } from './payload';
import {
	SIGNATURE_HEADER,
	verifySignature,
	verifyToken,
	type AuthFailureReason,
} from './signature';

/**
 * What the Customer Success Trigger answers to one request, decided without n8n: authentication, content type,
 * JSON, schema, event filter. Idempotency needs n8n's processed-data store, so the node applies it to `accept`.
 */

export type Authentication =
	| { mode: 'signature'; secrets: string[]; toleranceSeconds: number }
	| { mode: 'headerToken'; tokens: string[]; headerName: string; allowQueryToken: boolean }
	| { mode: 'none' };

export interface IncomingRequest {
	rawBody: Buffer;
	/** Node's request headers (names in lower case). */
	headers: Record<string, string | string[] | undefined>;
	query: Record<string, unknown>;
}

export interface ReceiveSettings {
	authentication: Authentication;
	routing: EventRouting;
	outputPerEvent: boolean;
}

export const QUERY_TOKEN_PARAMETER = 'token';

export type ResponseBody = Record<string, unknown>;

export type ReceiveDecision =
	| { kind: 'reject'; status: 400 | 401 | 415; body: ResponseBody }
	| { kind: 'ignored'; status: 200; body: ResponseBody }
	| {
			kind: 'accept';
			/** The idempotency key (see idempotency.ts). */
			key: string;
			/** Output index of the item. */
			output: number;
			item: CustomerRecord;
			/** The answer once the event is accepted (202) and, with `duplicate: true`, when it was seen before (200). */
			acceptedBody: ResponseBody;
			duplicateBody: ResponseBody;
	  };

export function receiveEvent(
	request: IncomingRequest,
	settings: ReceiveSettings,
	nowMs: number,
): ReceiveDecision {
	const unauthorized = authenticate(request, settings.authentication, Math.floor(nowMs / 1000));
	if (unauthorized) return unauthorized;

	const contentType = header(request.headers, 'content-type');
	if (!isJsonContentType(contentType)) {
		return {
			kind: 'reject',
			status: 415,
			body: {
				error: 'unsupported_media_type',
				message: `Send the event as JSON with "Content-Type: application/json" (got ${contentType ? `"${contentType.slice(0, 100)}"` : 'no Content-Type'})`,
			},
		};
	}

	const parsed = parseJson(request.rawBody);
	if (!parsed.ok) return invalid([{ path: '', message: parsed.message }]);
	const payload = parsePayload(parsed.value);
	if (!payload.ok) return invalid(payload.errors);

	const { event } = payload;
	const key = idempotencyKey(event.eventId, request.rawBody);
	const eventId = displayedEventId(key);
	const output = routeEvent(settings.routing, event.event, settings.outputPerEvent);
	if (output === undefined) {
		return {
			kind: 'ignored',
			status: 200,
			body: {
				ignored: true,
				event: event.event,
				eventId,
				message: `This trigger does not listen for "${event.event}": nothing was started`,
			},
		};
	}
	const receivedAt = new Date(nowMs).toISOString();
	const item: CustomerRecord = {
		...event.customer,
		event: event.event,
		eventId,
		occurredAt: event.occurredAt ?? receivedAt,
		receivedAt,
		data: event.data,
		payloadFormat: event.format,
	};
	if (Object.keys(event.extra).length > 0) item.extra = event.extra;
	return {
		kind: 'accept',
		key,
		output,
		item,
		acceptedBody: { accepted: true, event: event.event, eventId },
		duplicateBody: {
			duplicate: true,
			event: event.event,
			eventId,
			message: 'This event was accepted before: nothing new was started',
		},
	};
}

function authenticate(
	request: IncomingRequest,
	authentication: Authentication,
	nowSeconds: number,
): ReceiveDecision | undefined {
	let result;
	if (authentication.mode === 'signature') {
		result = verifySignature({
			header: header(request.headers, SIGNATURE_HEADER),
			rawBody: request.rawBody,
			secrets: authentication.secrets,
			now: nowSeconds,
			toleranceSeconds: authentication.toleranceSeconds,
		});
	} else if (authentication.mode === 'headerToken') {
		let provided = header(request.headers, authentication.headerName.toLowerCase());
		const query = request.query[QUERY_TOKEN_PARAMETER];
		if (provided === undefined && authentication.allowQueryToken && typeof query === 'string')
			provided = query;
		result = verifyToken(provided, authentication.tokens);
	} else {
		return undefined;
	}
	if (result.ok) return undefined;
	return { kind: 'reject', status: 401, body: unauthorizedBody(result.reason, result.message) };
}

function unauthorizedBody(reason: AuthFailureReason, message: string): ResponseBody {
	return { error: 'unauthorized', reason, message };
}

function invalid(errors: PayloadIssue[]): ReceiveDecision {
	return { kind: 'reject', status: 400, body: { error: 'invalid_payload', errors } };
}

function header(headers: IncomingRequest['headers'], name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** application/json or application/<x>+json, in UTF-8 (the only charset JSON allows between systems, RFC 8259). */
export function isJsonContentType(value: string | undefined): boolean {
	if (!value) return false;
	const [type, ...parameters] = value.split(';').map((part) => part.trim().toLowerCase());
	if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) return false;
	return parameters.every(
		(parameter) => !parameter.startsWith('charset=') || /^charset="?utf-8"?$/.test(parameter),
	);
}

function parseJson(rawBody: Buffer): { ok: true; value: unknown } | { ok: false; message: string } {
	let text = rawBody.toString('utf8');
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.trim() === '')
		return { ok: false, message: 'The body is empty: send the event as a JSON object' };
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		return {
			ok: false,
			message: `The body is not valid JSON: ${(error as Error).message.slice(0, 200)}`,
		};
	}
}
