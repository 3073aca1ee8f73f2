/**
 * The SMTP server of scripts/mail-sink.js (the one `npm start` runs), keeping messages in memory so an end-to-end
 * test can read what n8n sent.
 */
import type * as net from 'node:net';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const mailSink = require('../../scripts/mail-sink.js') as {
	createSmtpServer: (onMessage: (message: ReceivedMessage) => void) => net.Server;
	header: (raw: string, name: string) => string | undefined;
	decodeHeader: (value: string) => string;
	mimePart: (raw: string, contentType: string) => string | undefined;
};

export const { header, decodeHeader, mimePart } = mailSink;

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
		this.server = mailSink.createSmtpServer((message) => {
			this.messages.push(message);
			this.notify();
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.port = (this.server.address() as net.AddressInfo).port;
		return this.port;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}

	/** Resolves once `count` messages have arrived, or rejects after `timeoutMs`. */
	waitForMessages(count: number, timeoutMs = 30_000): Promise<ReceivedMessage[]> {
		if (this.messages.length >= count) return Promise.resolve(this.messages);
		return new Promise((resolve, reject) => {
			const timer = setTimeout(
				() =>
					reject(
						new Error(
							`SMTP sink: ${this.messages.length} of ${count} messages after ${timeoutMs} ms`,
						),
					),
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

	private notify(): void {
		this.waiters = this.waiters.filter((waiter) => {
			if (this.messages.length < waiter.count) return true;
			waiter.resolve();
			return false;
		});
	}
}
