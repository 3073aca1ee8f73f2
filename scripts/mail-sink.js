#!/usr/bin/env node
/**
 * A local mail sink: an SMTP server on 127.0.0.1 that accepts every message (no auth, no TLS) and keeps it, plus a
 * small web page to read what arrived. `npm start` runs it so the templates' emails go somewhere a person can see;
 * the end-to-end tests use the same SMTP server in memory.
 *
 *   node scripts/mail-sink.js [--smtp-port 2525] [--http-port 5680] [--dir .n8n-local/mail]
 *
 * Messages are written as <time>-<n>.eml files into --dir; http://127.0.0.1:<http-port>/ lists them, newest first.
 * Enough of RFC 5321 for nodemailer (n8n's Send Email): EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT.
 */
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');

/** An SMTP server that calls onMessage({ from, to, raw }) for each message (raw: headers and body, CRLF). */
function createSmtpServer(onMessage) {
	return net.createServer((socket) => {
		let buffer = '';
		let inData = false;
		let data = [];
		let envelope = { from: '', to: [] };
		const reply = (line) => socket.write(`${line}\r\n`);
		reply('220 cs-mail-sink ready');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			let index;
			while ((index = buffer.indexOf('\r\n')) !== -1) {
				const line = buffer.slice(0, index);
				buffer = buffer.slice(index + 2);
				if (inData) {
					if (line === '.') {
						inData = false;
						onMessage({ ...envelope, raw: data.join('\r\n') });
						envelope = { from: '', to: [] };
						data = [];
						reply('250 2.0.0 queued');
					} else {
						data.push(line.startsWith('..') ? line.slice(1) : line);
					}
					continue;
				}
				const command = line.slice(0, 4).toUpperCase();
				if (command === 'EHLO')
					socket.write('250-cs-mail-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n');
				else if (command === 'HELO') reply('250 cs-mail-sink');
				else if (command === 'MAIL') {
					envelope.from = (/<([^>]*)>/.exec(line) || [])[1] || '';
					reply('250 2.1.0 ok');
				} else if (command === 'RCPT') {
					envelope.to.push((/<([^>]*)>/.exec(line) || [])[1] || '');
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
	});
}

/** The value of a header of a raw message (unfolded), or undefined. */
function header(raw, name) {
	const head = raw.split('\r\n\r\n')[0].replace(/\r\n[ \t]+/g, ' ');
	const line = head
		.split('\r\n')
		.find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
	return line === undefined ? undefined : line.slice(name.length + 1).trim();
}

/** Decodes RFC 2047 encoded-words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) as nodemailer writes them in headers. */
function decodeHeader(value) {
	return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_match, encoding, text) =>
		encoding.toLowerCase() === 'b'
			? Buffer.from(text, 'base64').toString('utf8')
			: Buffer.from(
					text
						.replace(/_/g, ' ')
						.replace(/=([0-9a-f]{2})/gi, (_m, hex) => String.fromCharCode(parseInt(hex, 16))),
					'latin1',
				).toString('utf8'),
	);
}

/** The decoded body of the first MIME part of `contentType` (quoted-printable or base64), or undefined. */
function mimePart(raw, contentType) {
	const boundary = (/boundary="?([^";\r\n]+)"?/i.exec(raw) || [])[1];
	const parts = boundary ? raw.split(`--${boundary}`) : [raw];
	for (const part of parts) {
		const [head, ...body] = part.replace(/^\r\n/, '').split('\r\n\r\n');
		if (!new RegExp(`content-type:\\s*${contentType}`, 'i').test(head)) continue;
		const content = body.join('\r\n\r\n');
		const encoding = (
			(/content-transfer-encoding:\s*([\w-]+)/i.exec(head) || [])[1] || ''
		).toLowerCase();
		if (encoding === 'base64')
			return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
		if (encoding === 'quoted-printable') {
			const bytes = content
				.replace(/=\r\n/g, '')
				.replace(/=([0-9A-F]{2})/gi, (_m, hex) => String.fromCharCode(parseInt(hex, 16)));
			return Buffer.from(bytes, 'latin1').toString('utf8');
		}
		return content;
	}
	return undefined;
}

const escapeHtml = (text) =>
	String(text).replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
	);

function page(title, body) {
	return `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#0f172a}table{border-collapse:collapse;width:100%}td,th{padding:.4rem .6rem;border-bottom:1px solid #e2e8f0;text-align:left}a{color:#2563eb}iframe{width:100%;height:70vh;border:1px solid #cbd5e1}pre{white-space:pre-wrap;background:#f8fafc;padding:1rem}</style>
${body}`;
}

function serveMailbox(dir, port) {
	const list = () =>
		fs
			.readdirSync(dir)
			.filter((file) => file.endsWith('.eml'))
			.sort()
			.reverse();
	const server = http.createServer((request, response) => {
		const url = new URL(request.url, 'http://localhost');
		const send = (status, type, body) => {
			response.writeHead(status, {
				'content-type': type,
				'content-security-policy':
					"default-src 'none'; style-src 'unsafe-inline'; img-src data: https:",
			});
			response.end(body);
		};
		const file = decodeURIComponent(url.pathname.split('/')[2] || '');
		if (file && (!list().includes(file) || file.includes('/')))
			return send(404, 'text/plain', 'No such message');
		if (url.pathname === '/') {
			const rows = list()
				.map((name) => {
					const raw = fs.readFileSync(path.join(dir, name), 'utf8');
					return `<tr><td>${escapeHtml(header(raw, 'Date') || '')}</td><td>${escapeHtml(decodeHeader(header(raw, 'To') || ''))}</td><td><a href="/message/${encodeURIComponent(name)}">${escapeHtml(decodeHeader(header(raw, 'Subject') || '(no subject)'))}</a></td></tr>`;
				})
				.join('');
			return send(
				200,
				'text/html; charset=utf-8',
				page(
					'Mail sink',
					`<h1>Mail sink</h1><p>${list().length} message(s) in ${escapeHtml(dir)}. Reload to see new ones.</p><table><tr><th>Date</th><th>To</th><th>Subject</th></tr>${rows}</table>`,
				),
			);
		}
		if (url.pathname.startsWith('/message/')) {
			const raw = fs.readFileSync(path.join(dir, file), 'utf8');
			const subject = decodeHeader(header(raw, 'Subject') || '');
			const text = mimePart(raw, 'text/plain') || '';
			return send(
				200,
				'text/html; charset=utf-8',
				page(
					subject,
					`<p><a href="/">All messages</a> · <a href="/raw/${encodeURIComponent(file)}">raw .eml</a></p><h2>${escapeHtml(subject)}</h2><p>From ${escapeHtml(decodeHeader(header(raw, 'From') || ''))} to ${escapeHtml(decodeHeader(header(raw, 'To') || ''))}</p><iframe sandbox src="/html/${encodeURIComponent(file)}"></iframe><h3>Plain text</h3><pre>${escapeHtml(text)}</pre>`,
				),
			);
		}
		if (url.pathname.startsWith('/html/'))
			return send(
				200,
				'text/html; charset=utf-8',
				mimePart(fs.readFileSync(path.join(dir, file), 'utf8'), 'text/html') || '',
			);
		if (url.pathname.startsWith('/raw/'))
			return send(200, 'text/plain; charset=utf-8', fs.readFileSync(path.join(dir, file), 'utf8'));
		return send(404, 'text/plain', 'Not found');
	});
	return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

module.exports = { createSmtpServer, header, decodeHeader, mimePart };

if (require.main === module) {
	const argument = (name, fallback) => {
		const index = process.argv.indexOf(`--${name}`);
		return index === -1 ? fallback : process.argv[index + 1];
	};
	const dir = path.resolve(argument('dir', '.n8n-local/mail'));
	const smtpPort = Number(argument('smtp-port', '2525'));
	const httpPort = Number(argument('http-port', '5680'));
	fs.mkdirSync(dir, { recursive: true });
	let count = 0;
	const smtp = createSmtpServer((message) => {
		const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(++count).padStart(4, '0')}.eml`;
		fs.writeFileSync(path.join(dir, name), message.raw);
	});
	smtp.listen(smtpPort, '127.0.0.1', async () => {
		await serveMailbox(dir, httpPort);
		console.log(
			`[mail-sink] SMTP on 127.0.0.1:${smtpPort}; messages in ${dir}; read them at http://localhost:${httpPort}`,
		);
	});
}
