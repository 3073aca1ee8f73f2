/**
 * End to end, issue 4: a real n8n 2.x renders a CS Email Template and sends it with n8n's own Send Email node
 * to an SMTP server this test runs on localhost; the test reads the message that arrived.
 * Webhook -> Split Out -> CS Email Template (welcome_email, docs/sources.md#cs-email-templates) -> Send Email (SMTP credential).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { N8nServer, packPackage, SETUP_TIMEOUT_MS, testWithServerLog } from './n8n-server';
import { decodeHeader, header, mimePart, SmtpSink, type ReceivedMessage } from './smtp-sink';

const customers = [
	// es-MX falls back to the Spanish template (es-MX -> es -> default).
	{
		customer_id: 'cust-es',
		email: 'ana@cliente.test',
		first_name: 'Ana',
		locale: 'es-MX',
		csm_name: 'Lucía <b>Pérez</b>',
		csm_email: 'lucia@acme.test',
	},
	{
		customer_id: 'cust-en',
		email: 'bob@client.test',
		first_name: '<script>alert(1)</script>',
		locale: 'en-GB',
		csm_name: 'Sam',
		csm_email: 'sam@acme.test',
	},
];

const server = new N8nServer('email-smtp');
const smtp = new SmtpSink();
const test = testWithServerLog(server);
let messages: ReceivedMessage[];
let items: Array<Record<string, any>>;

beforeAll(async () => {
	const port = await smtp.start();
	await server.setUp();
	await server.installPackage(await packPackage());
	// The SMTP credential, unencrypted: `n8n import:credentials` encrypts object data with the instance key.
	const credentials = path.join(server.userFolder, 'smtp-credential.json');
	fs.writeFileSync(
		credentials,
		JSON.stringify([
			{
				id: 'csE2eSmtpCred001',
				name: 'E2E SMTP sink',
				type: 'smtp',
				data: {
					user: '',
					password: '',
					host: '127.0.0.1',
					port,
					secure: false,
					disableStartTls: true,
				},
			},
		]),
	);
	await server.cli(['import:credentials', `--input=${credentials}`]);
	await server.addWorkflow(path.join('workflows', 'email-smtp-webhook.json'));
	await server.start();
	const response = await server.postWebhookWhenRegistered('cs-email', { customers });
	if (response.status !== 200)
		throw new Error(`webhook answered ${response.status}: ${response.text}\n${server.logTail()}`);
	items = response.json as Array<Record<string, any>>;
	messages = await smtp.waitForMessages(2);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await server.dispose();
	await smtp.stop();
}, 60_000);

const byRecipient = (to: string) => {
	const message = messages.find((m) => m.to.includes(to));
	if (!message)
		throw new Error(`no message to ${to}; got ${messages.map((m) => m.to.join(',')).join(' | ')}`);
	return message;
};

describe('CS Email Template -> Send Email -> SMTP', () => {
	test('n8n sent one message per customer, to the record’s email', async () => {
		expect(items).toHaveLength(2);
		expect(messages).toHaveLength(2);
		expect(messages.map((m) => m.to).sort()).toEqual([['ana@cliente.test'], ['bob@client.test']]);
		expect(messages.every((m) => m.from === 'success@acme.test')).toBe(true);
	});

	test('the Spanish message has the subject (docs/sources.md#cs-email-templates), rendered', async () => {
		const message = byRecipient('ana@cliente.test');
		expect(decodeHeader(header(message.raw, 'Subject') ?? '')).toBe('¡Bienvenido a Acme CS, Ana!');
		expect(header(message.raw, 'To')).toBe('ana@cliente.test');
	});

	test('values are HTML-escaped in the HTML that arrived: a <script> name is text, not markup', async () => {
		const html = mimePart(byRecipient('bob@client.test').raw, 'text/html') ?? '';
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).not.toContain('<script>');
		expect(mimePart(byRecipient('ana@cliente.test').raw, 'text/html')).toContain(
			'Lucía &lt;b&gt;Pérez&lt;/b&gt;',
		);
	});
});
