'use strict';
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	setupFiles: ['<rootDir>/test/helpers/setup-env.js'],
	// Fails a test during which the simulator received a request outside the Cloze contract.
	setupFilesAfterEnv: ['<rootDir>/test/helpers/contract-guard.js'],
	testTimeout: 30000,
};
