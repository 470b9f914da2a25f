'use strict';
/**
 * Benchmarks (`npm run bench`): the same ts-jest set-up as the root jest.config.js, over `bench/`,
 * run in band so that nothing else of ours shares the machine while a bench measures.
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	roots: ['<rootDir>/bench'],
	testMatch: ['**/*.bench.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// n8n's HTTP Request node, loaded from the n8n the e2e suite installs
	// (bench/lib/httpRequestNode.ts), gets the project's n8n-workflow (the version n8n 2.41.1 ships),
	// so both nodes share one.
	moduleNameMapper: { '^n8n-workflow$': require.resolve('n8n-workflow') },
	setupFiles: ['<rootDir>/test/helpers/setup-env.js'],
	testTimeout: 180000,
};
