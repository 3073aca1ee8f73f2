import { globalIgnores } from 'eslint/config';
import { config } from '@n8n/node-cli/eslint';

// n8n's community-node rules apply to what ships (src/, nodes/, credentials/, package.json); tests get the same
// TypeScript rules without them. Benchmarks, build scripts and bundled workflow JSON are not part of the package.
export default [
	globalIgnores([
		'dist',
		'node_modules',
		'scripts/**',
		'bench/**',
		'workflows/**',
		'test/**/*.json',
		'jest.config.js',
		'gulpfile.js',
		'coverage',
	]),
	...config,
	{
		files: ['test/**/*.ts'],
		rules: {
			...Object.fromEntries(
				config
					.flatMap((entry) => Object.keys(entry.rules ?? {}))
					.filter(
						(rule) =>
							rule.startsWith('@n8n/community-nodes/') || rule.startsWith('n8n-nodes-base/'),
					)
					.map((rule) => [rule, 'off']),
			),
			// The end-to-end tests print what they measured, and read n8n's REST answers, which have no published types.
			'no-console': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
			// `const { field: _field, ...rest } = record` is how a test builds a record without one field.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true },
			],
		},
	},
	{
		// src/ is the domain core: pure TypeScript with no n8n import (docs/sources.md#domain-core), so it throws its own error
		// classes; the node adapter (nodes/shared/adapter/failure.ts) wraps each in a NodeOperationError with the item index.
		files: ['src/**/*.ts'],
		rules: {
			'@n8n/community-nodes/require-node-api-error': 'off',
			// Keep the domain core free of n8n: nodes/ depends on src/, never the other way round.
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['n8n-workflow', 'n8n-workflow/*', 'n8n-core', 'n8n-core/*', '@n8n/*'],
							message:
								'src/ is the domain core and must not depend on n8n: return plain data or throw a src/ error class, and let the node in nodes/ map it onto n8n (NodeOperationError, INodeExecutionData, …).',
						},
						{
							regex: '^(\\.\\.?/)+nodes(/|$)',
							message:
								'src/ must not import from nodes/: the nodes depend on the domain core, not the other way round. Move the shared code into src/.',
						},
					],
				},
			],
		},
	},
];
