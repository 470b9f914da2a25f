/**
 * The package as `npm run build` makes it, built into a private staging folder
 * (`node_modules/.cache/cloze-bench/pkg`) so that the benches never touch the `dist/` other work
 * (the end-to-end suite) may be using, and always measure the current sources: `tsc -p
 * tsconfig.json` into `pkg/dist`, then the copies `gulp build:icons` makes (icons/*.svg ->
 * dist/icons, nodes/**\/*.node.json -> dist/nodes), beside the repository's top-level files.
 */
import {
	cpSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

import { runNodeChild } from './children';

export const ROOT = join(__dirname, '..', '..');
export const STAGING = join(ROOT, 'node_modules', '.cache', 'cloze-bench', 'pkg');
/**
 * The engine harness (test/helpers/engine.ts) compiled against the staged build, for child
 * processes.
 */
export const STAGED_ENGINE = join(STAGING, 'harness', 'test', 'helpers', 'engine.js');

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
	);
}

export async function buildStaging(): Promise<void> {
	rmSync(STAGING, { recursive: true, force: true });
	mkdirSync(STAGING, { recursive: true });
	for (const entry of readdirSync(ROOT, { withFileTypes: true })) {
		if (entry.isFile()) cpSync(join(ROOT, entry.name), join(STAGING, entry.name));
	}
	// tsc emits even when a type check fails; the bench measures what it emitted.
	await runNodeChild([
		join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
		'-p',
		join(ROOT, 'tsconfig.json'),
		'--outDir',
		join(STAGING, 'dist'),
		// The build leaves no source maps in dist (gulpfile.js, build:prune).
		'--sourceMap',
		'false',
	]).catch((error: Error) => {
		if (!/exited with/.test(error.message)) throw error;
	});
	for (const icon of readdirSync(join(ROOT, 'icons')).filter((name) => name.endsWith('.svg'))) {
		cpSync(join(ROOT, 'icons', icon), join(STAGING, 'dist', 'icons', icon));
	}
	for (const file of walk(join(ROOT, 'nodes')).filter((name) => name.endsWith('.node.json'))) {
		cpSync(file, join(STAGING, 'dist', relative(ROOT, file)));
	}
	const source = readFileSync(join(ROOT, 'test', 'helpers', 'engine.ts'), 'utf8');
	const { outputText } = ts.transpileModule(source, {
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2022,
			esModuleInterop: true,
		},
	});
	mkdirSync(dirname(STAGED_ENGINE), { recursive: true });
	writeFileSync(
		STAGED_ENGINE,
		outputText.replace(
			/require\("\.\.\/\.\.\/(credentials|nodes)\//g,
			'require("../../../dist/$1/',
		),
	);
}

export interface PackResult {
	size: number;
	unpackedSize: number;
	entryCount: number;
}

/** `npm pack --dry-run --json` of the staged package: the tarball users install. */
export async function packDryRun(): Promise<PackResult> {
	const { execFile } = await import('node:child_process');
	const output = await new Promise<string>((resolve, reject) =>
		execFile(
			'npm',
			['pack', '--dry-run', '--json', '--ignore-scripts'],
			{ cwd: STAGING, encoding: 'utf8' },
			(error, stdout) => (error ? reject(error) : resolve(stdout)),
		),
	);
	const [{ size, unpackedSize, entryCount }] = JSON.parse(output) as PackResult[];
	return { size, unpackedSize, entryCount };
}

/**
 * The modules the shipped JavaScript requires that are neither relative, built in, nor
 * n8n-workflow.
 */
export function foreignRequires(): string[] {
	const found = new Set<string>();
	for (const file of walk(join(STAGING, 'dist')).filter((name) => name.endsWith('.js'))) {
		for (const [, name] of readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
			const bare = name.replace(/^node:/, '');
			if (name.startsWith('.') || builtinModules.includes(bare) || name === 'n8n-workflow')
				continue;
			found.add(name);
		}
	}
	return [...found].sort();
}

export function runtimeDependencies(): string[] {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
		dependencies?: Record<string, string>;
	};
	return Object.keys(pkg.dependencies ?? {});
}

/** Every node and credential module n8n loads from the package, as package.json lists them. */
export function n8nModules(): string[] {
	const pkg = JSON.parse(readFileSync(join(STAGING, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	return [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((path) => join(STAGING, path));
}

export function isFile(path: string): boolean {
	try {
		return statSync(path).isFile();
	} catch {
		return false;
	}
}
