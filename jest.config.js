/** Two projects: pure unit tests of src/, and node tests that run workflow JSON through n8n-core. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }];

module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/unit'],
			testMatch: ['**/*.test.ts'],
			transform: { '^.+\\.ts$': tsJest },
		},
		{
			displayName: 'nodes',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/nodes'],
			testMatch: ['**/*.test.ts'],
			transform: { '^.+\\.ts$': tsJest },
		},
		{
			// A real n8n server: started once per file, so these run in band and take minutes, not seconds.
			displayName: 'e2e',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/e2e'],
			testMatch: ['**/*.e2e.test.ts'],
			transform: { '^.+\\.ts$': tsJest },
			slowTestThreshold: 120,
		},
	],
};
