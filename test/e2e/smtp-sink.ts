/**
 * A tiny SMTP server for end-to-end tests: accepts every message on 127.0.0.1 (no auth, no TLS, so clients that
 * honour `ignoreTLS` send in the clear) and keeps what arrived, so a test can read the message n8n sent.
 * Enough of RFC 5321 for nodemailer: EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT.
 */
import * as net from 'node:net';

export interface ReceivedMessage {
	from: string;
	to: string[];
	/** The raw message (headers and body) as sent, dot-unstuffed, CRLF line ends. */
	raw: string;
}

export class SmtpSink {
	readonly messages: ReceivedMessage[] = [];

	private server: net.Server | undefined;

	private waiters: Array<{ count: number; resolve: () => void }> = [];

	port = 0;

	async start(): Promise<number> {
		this.server = net.createServer((socket) => this.handle(socket));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.port = (this.server.address() as net.AddressInfo).port;
		return this.port;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	/** Resolves once `count` messages have arrived, or rejects after `timeoutMs`. */
	waitForMessages(count: number, timeoutMs = 30_000): Promise<ReceivedMessage[]> {
		if (this.messages.length >= count) return Promise.resolve(this.messages);
		return new Promise((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`SMTP sink: ${this.messages.length} of ${count} messages after ${timeoutMs} ms`)),
				timeoutMs,
			);
			this.waiters.push({
				count,
				resolve: () => {
					clearTimeout(timer);
					resolve(this.messages);
				},
			});
		});
	}

	private handle(socket: net.Socket): void {
		let buffer = '';
		let inData = false;
		let data: string[] = [];
		let envelope: { from: string; to: string[] } = { from: '', to: [] };
		const reply = (line: string) => socket.write(`${line}\r\n`);
		reply('220 cs-e2e-smtp ready');

		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			let index: number;
			while ((index = buffer.indexOf('\r\n')) !== -1) {
				const line = buffer.slice(0, index);
				buffer = buffer.slice(index + 2);
				if (inData) {
					if (line === '.') {
						inData = false;
						this.messages.push({ ...envelope, raw: data.join('\r\n') });
						envelope = { from: '', to: [] };
						data = [];
						reply('250 2.0.0 queued');
						this.notify();
					} else {
						data.push(line.startsWith('..') ? line.slice(1) : line);
					}
					continue;
				}
				const command = line.slice(0, 4).toUpperCase();
				if (command === 'EHLO') {
					socket.write('250-cs-e2e-smtp\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n');
				} else if (command === 'HELO') reply('250 cs-e2e-smtp');
				else if (command === 'MAIL') {
					envelope.from = (/<([^>]*)>/.exec(line) ?? [])[1] ?? '';
					reply('250 2.1.0 ok');
				} else if (command === 'RCPT') {
					envelope.to.push((/<([^>]*)>/.exec(line) ?? [])[1] ?? '');
					reply('250 2.1.5 ok');
				} else if (command === 'DATA') {
					inData = true;
					reply('354 end data with <CR><LF>.<CR><LF>');
				} else if (command === 'RSET') {
					envelope = { from: '', to: [] };
					reply('250 2.0.0 ok');
				} else if (command === 'NOOP') reply('250 2.0.0 ok');
				else if (command === 'QUIT') {
					reply('221 2.0.0 bye');
					socket.end();
				} else reply('502 5.5.2 command not implemented');
			}
		});
		socket.on('error', () => socket.destroy());
	}

	private notify(): void {
		this.waiters = this.waiters.filter((waiter) => {
			if (this.messages.length < waiter.count) return true;
			waiter.resolve();
			return false;
		});
	}
}

/** The value of a header of a raw message (unfolded), or undefined. */
export function header(raw: string, name: string): string | undefined {
	const head = raw.split('\r\n\r\n')[0].replace(/\r\n[ \t]+/g, ' ');
	const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
	return line?.slice(name.length + 1).trim();
}

/** Decodes RFC 2047 encoded-words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) as nodemailer writes them in headers. */
export function decodeHeader(value: string): string {
	return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_match, encoding: string, text: string) =>
		encoding.toLowerCase() === 'b'
			? Buffer.from(text, 'base64').toString('utf8')
			: Buffer.from(
					text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
					'latin1',
				).toString('utf8'),
	);
}

/** The decoded body of the first MIME part of `contentType` (quoted-printable or base64), or undefined. */
export function mimePart(raw: string, contentType: string): string | undefined {
	const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
	const parts = boundary ? raw.split(`--${boundary}`) : [raw];
	for (const part of parts) {
		const [head, ...body] = part.replace(/^\r\n/, '').split('\r\n\r\n');
		if (!new RegExp(`content-type:\\s*${contentType}`, 'i').test(head)) continue;
		const content = body.join('\r\n\r\n');
		const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
		if (encoding === 'base64') return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
		if (encoding === 'quoted-printable') {
			const bytes = content
				.replace(/=\r\n/g, '')
				.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
			return Buffer.from(bytes, 'latin1').toString('utf8');
		}
		return content;
	}
	return undefined;
}
