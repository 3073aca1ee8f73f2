/**
 * Pictures of every template's canvas for workflows/README.md, taken from the real n8n editor: a local n8n with the
 * packed package and the templates, Debian's Chromium driven by playwright-core.
 *
 *   npm run workflows:screenshots            (needs /usr/bin/chromium: apt-get install chromium)
 *   npm run workflows:screenshots -- cs-04   only the templates whose file name contains one of the words
 *
 * Writes workflows/images/<template>.png. Each picture is the editor zoomed to fit the whole canvas, sticky notes
 * included, in a window shaped to that canvas: a tall canvas gets a tall picture instead of a wide one in which it
 * shrinks to fit the height, so every template is shown at about the same, legible, zoom.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { chromium } from 'playwright-core';

import { N8nServer, packPackage, PROJECT_ROOT } from '../test/e2e/n8n-server';

const OUT = path.join(PROJECT_ROOT, 'workflows', 'images');
const CHROMIUM = process.env.CS_CHROMIUM ?? '/usr/bin/chromium';

/** The canvas zoom a picture aims at: sticky-note text and node names stay readable at full size. */
const ZOOM = 0.6;
/** Room the editor's fit-to-view leaves around the workflow, as a share of its size. */
const FIT_PADDING = 0.2;
/** What the editor itself takes of the window: the left sidebar; the header and the Logs bar. */
const CHROME = { width: 60, height: 120 };
/** The smallest and largest window (CSS pixels). */
const MIN_VIEWPORT = { width: 1600, height: 900 };
const MAX_VIEWPORT = { width: 4000, height: 6400 };
/** A node's box on the canvas, with its name and subtitle below it (sticky notes carry their own size). */
const NODE_BOX = { width: 100, height: 160 };

interface WorkflowNode {
	type: string;
	position: [number, number];
	parameters?: { width?: number; height?: number };
}

/** A window in which fitting the whole workflow gives about ZOOM (smaller for a canvas larger than MAX_VIEWPORT). */
function viewportFor(workflow: { nodes: WorkflowNode[] }): { width: number; height: number } {
	let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const node of workflow.nodes) {
		const sticky = node.type === 'n8n-nodes-base.stickyNote';
		const [x, y] = node.position;
		left = Math.min(left, x);
		top = Math.min(top, y);
		right = Math.max(right, x + (sticky ? (node.parameters?.width ?? 240) : NODE_BOX.width));
		bottom = Math.max(bottom, y + (sticky ? (node.parameters?.height ?? 160) : NODE_BOX.height));
	}
	const size = (canvas: number, chrome: number, min: number, max: number) =>
		Math.min(max, Math.max(min, Math.ceil(canvas * (1 + FIT_PADDING) * ZOOM + chrome)));
	return {
		width: size(right - left, CHROME.width, MIN_VIEWPORT.width, MAX_VIEWPORT.width),
		height: size(bottom - top, CHROME.height, MIN_VIEWPORT.height, MAX_VIEWPORT.height),
	};
}

async function main(): Promise<void> {
	const only = process.argv.slice(2);
	const files = fs
		.readdirSync(path.join(PROJECT_ROOT, 'workflows'))
		.filter(
			(file) =>
				file.endsWith('.json') && (only.length === 0 || only.some((word) => file.includes(word))),
		);
	if (files.length === 0) throw new Error(`no template in workflows/ matches ${only.join(', ')}`);
	const workflows: Record<string, { nodes: WorkflowNode[] }> = {};
	for (const file of files)
		workflows[file] = JSON.parse(
			fs.readFileSync(path.join(PROJECT_ROOT, 'workflows', file), 'utf8'),
		);
	const server = new N8nServer('screenshots');
	await server.setUp();
	try {
		await server.installPackage(await packPackage());
		const ids: Record<string, string> = {};
		for (const file of files) {
			ids[file] = await server.importWorkflow(workflows[file]);
		}
		await server.start();
		const cookie = (await server.ownerCookie()).split('=');
		const browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
			],
		});
		const context = await browser.newContext({ viewport: MIN_VIEWPORT, deviceScaleFactor: 1 });
		await context.addCookies([
			{ name: cookie[0], value: cookie.slice(1).join('='), domain: '127.0.0.1', path: '/' },
		]);
		const page = await context.newPage();
		fs.mkdirSync(OUT, { recursive: true });
		for (const file of files) {
			const viewport = viewportFor(workflows[file]);
			await page.setViewportSize(viewport);
			await page.goto(`${server.baseUrl}/workflow/${ids[file]}`, { waitUntil: 'networkidle' });
			await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
			// Close whatever the editor opens on a first visit, then fit the whole workflow into view. The click lands on the
			// canvas's empty top-left corner (the editor opens a workflow fitted, with room around it), so no node is selected.
			for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
			await page.mouse.click(CHROME.width + 20, CHROME.height);
			await page.keyboard.press('1');
			await page.waitForTimeout(1500);
			const target = path.join(OUT, file.replace(/\.json$/, '.png'));
			await page.screenshot({ path: target });
			const transform =
				(await page.locator('.vue-flow__transformationpane').first().getAttribute('style')) ?? '';
			const zoom = /scale\(([\d.]+)\)/.exec(transform)?.[1] ?? '?';
			console.log(
				`wrote ${path.relative(PROJECT_ROOT, target)} (${viewport.width}x${viewport.height}, zoom ${zoom})`,
			);
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
