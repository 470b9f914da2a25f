// Lint rules for the tests (bench/ re-exports this file). `npm run lint` runs `n8n-node lint`
// with ESLint's per-directory config lookup (ESLINT_FLAGS=unstable_config_lookup_from_file, the
// default from ESLint 10 on): the package's own code (nodes/, credentials/, package.json) gets
// n8n's strict default config (eslint.config.mjs, left exactly as `n8n-node lint` demands); the
// code under this folder gets the same n8n config without the rules that only make sense for
// code running inside n8n (Cloud's import and global restrictions; spawning processes and
// literal keys, which tests and benchmarks need: they start servers and children and use fake
// credentials against the local simulator).
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{
		rules: {
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
		},
	},
	{
		// The simulator is JavaScript; its declarations type Cloze's free-form JSON records.
		files: ['**/*.d.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' },
	},
];
