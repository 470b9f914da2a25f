/**
 * Release readiness: the package metadata n8n's verification and users look at, the GitHub
 * workflows (they cannot run here, so their structure is checked), and what `npm pack` ships.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

type Step = { name?: string; run?: string; uses?: string; with?: Record<string, unknown> };
type Job = {
	steps: Step[];
	permissions?: Record<string, string>;
	strategy?: { matrix?: { node?: number[] } };
};
type Workflow = {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
};
const workflow = (name: string) =>
	parse(readFileSync(join(root, '.github', 'workflows', name), 'utf8')) as Workflow;
const runs = (steps: Step[]) => steps.map((step) => step.run ?? '').join('\n');

describe('package.json', () => {
	test('metadata of a verifiable community package', () => {
		expect(pkg.name).toBe('n8n-nodes-cloze');
		expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toEqual(
			expect.arrayContaining(['n8n-community-node-package', 'n8n', 'cloze', 'crm']),
		);
		for (const field of ['description', 'homepage']) expect(pkg[field]).toEqual(expect.any(String));
		expect(pkg.author).toEqual({ name: expect.any(String), email: expect.stringContaining('@') });
		expect(pkg.repository.url).toEqual(expect.any(String));
		expect(pkg.bugs.url).toEqual(expect.any(String));
		expect(pkg.engines.node).toMatch(/^>=\d+/);
		expect(pkg.files).toEqual(['dist']);
	});

	test('no runtime dependencies; n8n-workflow is the only peer dependency', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(Object.keys(pkg.peerDependencies)).toEqual(['n8n-workflow']);
	});

	test('every node and credential path is under dist/ and has a source file', () => {
		const paths: string[] = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		expect(pkg.n8n.credentials).toEqual([
			'dist/credentials/ClozeApi.credentials.js',
			'dist/credentials/ClozeOAuth2Api.credentials.js',
		]);
		for (const path of paths) {
			expect(path.startsWith('dist/')).toBe(true);
			const source = join(root, path.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
			expect(() => readFileSync(source)).not.toThrow();
		}
	});
});

describe('GitHub workflows', () => {
	test('ci.yml runs the steps of .ci/run on Node 20 and 22, and the e2e suite', () => {
		const ci = workflow('ci.yml');
		expect(ci.jobs.test.strategy?.matrix?.node).toEqual([20, 22]);
		const steps = runs(ci.jobs.test.steps);
		for (const command of ['npm ci', 'npm run build', 'npm run lint', 'npm test'])
			expect(steps).toContain(command);
		expect(runs(ci.jobs.e2e.steps)).toContain('npm run test:e2e');
		const ciScript = readFileSync(join(root, '.ci', 'run'), 'utf8');
		for (const command of ['npm ci', 'npm run build', 'npm run lint', 'npm test'])
			expect(ciScript).toContain(command);
	});

	test('publish.yml publishes a version tag by n8n-node release, after build and tests', () => {
		const publish = workflow('publish.yml');
		expect(publish.on).toEqual({ push: { tags: ['*.*.*'] } });
		expect(publish.jobs.publish.permissions?.['id-token']).toBe('write');
		const steps = runs(publish.jobs.publish.steps);
		// `npm run release` in GitHub Actions: lint, build, then npm publish with provenance.
		const order = ['npm ci', 'npm run build', 'npm test', 'npm run release'].map((c) =>
			steps.indexOf(c),
		);
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(steps).not.toContain('npm publish');
	});
});

describe('n8n-node tooling', () => {
	test('build, dev, lint and release run n8n-node; nothing skips its prerelease guard', () => {
		expect(pkg.scripts.build).toMatch(/^n8n-node build && gulp /);
		expect(pkg.scripts.dev).toMatch(/n8n-node dev$/);
		expect(pkg.scripts['lint:n8n']).toMatch(/n8n-node lint$/);
		expect(pkg.scripts.release).toBe('n8n-node release');
		expect(pkg.scripts.prepublishOnly).toBe('n8n-node prerelease');
		expect(pkg.n8n.strict).toBe(true);
		// n8n-node lint's strict mode refuses any other eslint.config.mjs than its default.
		expect(readFileSync(join(root, 'eslint.config.mjs'), 'utf8').replace(/\s+/g, ' ').trim()).toBe(
			"import { config } from '@n8n/node-cli/eslint'; export default config;",
		);
		// `ignore-scripts` in the project's .npmrc would skip prepublishOnly, and with it the guard.
		expect(readFileSync(join(root, '.npmrc'), 'utf8')).not.toMatch(
			/^\s*ignore-scripts\s*=\s*true/m,
		);
	});

	test('npm publish outside n8n-node release is refused by n8n-node prerelease', () => {
		// --dry-run and an unreachable registry: nothing can be published even if the guard failed.
		const env = { ...process.env };
		delete env.RELEASE_MODE;
		for (const key of Object.keys(env))
			if (/^npm_config_ignore_scripts$/i.test(key)) delete env[key];
		const result = spawnSync('npm', ['publish', '--dry-run', '--registry', 'http://127.0.0.1:9/'], {
			cwd: root,
			encoding: 'utf8',
			env,
			timeout: 20000,
		});
		expect(result.status).not.toBe(0);
		expect(result.stdout + result.stderr).toContain('Run `npm run release` to publish the package');
		expect(result.stdout + result.stderr).not.toMatch(/\+ n8n-nodes-cloze@/);
	});
});

describe('npm pack', () => {
	// index.js is the package's `main` (package.json), which npm always packs: it lists the nodes and
	// credentials for tools that require() the package.
	test('ships dist/ (no source maps), docs, package.json, main: no tests or secrets', () => {
		const [{ files }] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
				cwd: root,
				encoding: 'utf8',
			}),
		);
		const paths: string[] = files.map((file: { path: string }) => file.path);
		expect(paths.length).toBeGreaterThan(5);
		for (const path of paths) {
			expect(path).toMatch(
				/^(dist\/|README\.md$|LICENSE$|CHANGELOG\.md$|package\.json$|index\.js$)/,
			);
			expect(path).not.toMatch(/test|simulator|\.env|\.npmrc|\.tsbuildinfo/i);
			// Source maps point at TypeScript sources the package does not ship.
			expect(path).not.toMatch(/\.map$/);
		}
		for (const wanted of [
			'package.json',
			'README.md',
			'LICENSE',
			'dist/nodes/Cloze/Cloze.node.js',
			'dist/icons/cloze.svg',
			'dist/nodes/Cloze/Cloze.node.json',
		]) {
			expect(paths).toContain(wanted);
		}
	});
});
