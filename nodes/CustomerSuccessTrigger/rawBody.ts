import type { IWebhookFunctions } from 'n8n-workflow';

type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']>;

// n8n's own default limit for webhook bodies (N8N_PAYLOAD_SIZE_MAX, 16 MiB); used only when n8n did not read the body.
const FALLBACK_LIMIT_BYTES = 16 * 1024 * 1024;

export type RawBodyResult =
	| { ok: true; body: Buffer }
	| { ok: false; status: 400 | 413; body: Record<string, unknown> };

const TOO_LARGE: RawBodyResult = {
	ok: false,
	status: 413,
	body: {
		error: 'payload_too_large',
		message: 'The body is larger than this n8n accepts (N8N_PAYLOAD_SIZE_MAX, 16 MiB by default)',
	},
};

/**
 * The request body exactly as the caller sent it. n8n reads it (with its size limit and gzip/deflate decoding) when
 * asked through `readRawBody`; older n8n versions keep it in `rawBody`; otherwise the stream is read here. A body over
 * the limit (413) or one that cannot be read (400) is answered by the trigger, so no failed execution is recorded.
 */
export async function readRawBody(request: WebhookRequest): Promise<RawBodyResult> {
	const raw = request as WebhookRequest & { rawBody?: Buffer; readRawBody?: () => Promise<void> };
	try {
		if (!Buffer.isBuffer(raw.rawBody) && typeof raw.readRawBody === 'function')
			await raw.readRawBody();
		if (Buffer.isBuffer(raw.rawBody)) return { ok: true, body: raw.rawBody };
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of raw as AsyncIterable<Buffer | string>) {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			size += buffer.length;
			if (size > FALLBACK_LIMIT_BYTES) return TOO_LARGE;
			chunks.push(buffer);
		}
		return { ok: true, body: Buffer.concat(chunks) };
	} catch (error) {
		const { status, statusCode, type } = (error ?? {}) as Record<string, unknown>;
		if (status === 413 || statusCode === 413 || type === 'entity.too.large') return TOO_LARGE;
		// Anything else that stops the body from being read (an aborted upload, a broken gzip stream) is the request's.
		const reason = String((error as Error)?.message ?? error).slice(0, 200);
		return {
			ok: false,
			status: 400,
			body: {
				error: 'invalid_payload',
				errors: [{ path: '', message: `The request body could not be read: ${reason}` }],
			},
		};
	}
}
