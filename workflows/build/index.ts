/**
 * Builds workflows/*.json (and workflows/README.md) from the template definitions in workflows/build/templates/.
 *   npm run workflows:build            writes the files
 *   npm run workflows:build -- --check  fails when a file differs from what the definitions give
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { renderReadme } from './readme';
import { TEMPLATES } from './templates';

const OUT = path.resolve(__dirname, '..');

export function renderTemplates(): Map<string, string> {
	const files = new Map<string, string>();
	const templates = TEMPLATES.map((build) => build());
	for (const template of templates)
		files.set(`${template.info.file}.json`, `${JSON.stringify(template.toJSON(), null, '\t')}\n`);
	files.set('README.md', renderReadme(templates));
	return files;
}

function main(): void {
	const check = process.argv.includes('--check');
	const files = renderTemplates();
	const stale: string[] = [];
	for (const [file, content] of files) {
		const target = path.join(OUT, file);
		const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
		if (current === content) continue;
		if (check) stale.push(file);
		else fs.writeFileSync(target, content);
	}
	const extra = fs
		.readdirSync(OUT)
		.filter((file) => (file.endsWith('.json') || file === 'README.md') && !files.has(file));
	if (check && (stale.length || extra.length)) {
		console.error(
			`workflows/ is out of date: ${[...stale, ...extra.map((file) => `${file} (no definition)`)].join(', ')}. Run npm run workflows:build.`,
		);
		process.exit(1);
	}
	if (!check) console.log(`wrote ${files.size} templates to ${OUT}`);
}

if (require.main === module) main();
