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
	setupFiles: ['<rootDir>/test/helpers/setup-env.js'],
	testTimeout: 180000,
};
