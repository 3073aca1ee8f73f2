/**
 * Pictures of every template's canvas for workflows/README.md, taken from the real n8n editor: a local n8n with the
 * packed package and the templates, Debian's Chromium driven by playwright-core.
 *
 *   npm run workflows:screenshots            (needs /usr/bin/chromium: apt-get install chromium)
 *
 * Writes workflows/images/<template>.png.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { chromium } from 'playwright-core';

import { N8nServer, packPackage, PROJECT_ROOT } from '../test/e2e/n8n-server';

const OUT = path.join(PROJECT_ROOT, 'workflows', 'images');
const CHROMIUM = process.env.CS_CHROMIUM ?? '/usr/bin/chromium';

async function main(): Promise<void> {
	const files = fs.readdirSync(path.join(PROJECT_ROOT, 'workflows')).filter((file) => file.endsWith('.json'));
	const server = new N8nServer('screenshots');
	await server.setUp();
	try {
		await server.installPackage(await packPackage());
		const ids: Record<string, string> = {};
		for (const file of files) {
			ids[file] = await server.importWorkflow(JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'workflows', file), 'utf8')));
		}
		await server.start();
		const cookie = (await server.ownerCookie()).split('=');
		const browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
		});
		const context = await browser.newContext({ viewport: { width: 2400, height: 1300 }, deviceScaleFactor: 1 });
		await context.addCookies([{ name: cookie[0], value: cookie.slice(1).join('='), domain: '127.0.0.1', path: '/' }]);
		const page = await context.newPage();
		fs.mkdirSync(OUT, { recursive: true });
		for (const file of files) {
			await page.goto(`${server.baseUrl}/workflow/${ids[file]}`, { waitUntil: 'networkidle' });
			await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
			// Close whatever the editor opens on a first visit, then fit the whole workflow into view.
			for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
			await page.mouse.click(900, 500);
			await page.keyboard.press('1');
			await page.waitForTimeout(1500);
			const target = path.join(OUT, file.replace(/\.json$/, '.png'));
			await page.screenshot({ path: target });
			console.log(`wrote ${path.relative(PROJECT_ROOT, target)}`);
		}
		await browser.close();
	} finally {
		await server.dispose();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
