import { globalIgnores } from 'eslint/config';
import { config } from '@n8n/node-cli/eslint';

// n8n's community-node rules apply to what ships (src/, nodes/, credentials/, package.json).
// Tests, benchmarks, build scripts and bundled workflow JSON are not part of the published package.
export default [
	globalIgnores(['dist', 'node_modules', 'test/**', 'scripts/**', 'bench/**', 'workflows/**', 'jest.config.js', 'gulpfile.js', 'coverage']),
	...config,
	{
		// src/ is the domain core: pure TypeScript with no n8n import (DESIGN.md), so it throws its own error
		// classes; nodes/shared/processItems wraps every one of them in a NodeOperationError with the item index.
		files: ['src/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
];
