'use strict';
/*
 * Pieces shared by the end-to-end suite (scripts/e2e/run.js) and the demo (scripts/demo.js):
 * child processes that are always cleaned up, the package packed the way users get it, the Cloze
 * simulator, a real n8n (CLI and server) and a small REST client. Only 127.0.0.1 is used.
 */
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const HOST = '127.0.0.1';

/** The owner account the scripts set up in each fresh n8n (the demo has one of its own). */
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Ada',
	lastName: 'Owner',
	password: 'E2e-Password-123',
};

// ------------------------------------------------------------------ processes

/** Every child we start runs in its own process group; all are killed on exit, whatever happens. */
const children = new Set();

function killGroup(child, signal) {
	if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {}
	}
}

process.on('exit', () => {
	for (const c of children) killGroup(c, 'SIGKILL');
});

let interrupted = false;
/** Ctrl-C / SIGTERM: stop the children gracefully, then exit. */
function onSignal(signal, beforeExit) {
	process.on(signal, async () => {
		if (interrupted) return;
		interrupted = true;
		process.stderr.write(`\n${signal}: stopping…\n`);
		if (beforeExit) {
			try {
				await beforeExit();
			} catch {}
		}
		await stopAll();
		process.exit(signal === 'SIGINT' ? 130 : 143);
	});
}

/** Spawns a tracked child in a new process group. */
function spawnTracked(cmd, args, opts = {}) {
	const child = spawn(cmd, args, { ...opts, detached: true });
	children.add(child);
	child.exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => {
			children.delete(child);
			resolve({ code, signal });
		});
		child.once('error', (error) => {
			children.delete(child);
			resolve({ code: -1, signal: null, error });
		});
	});
	return child;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child is gone. */
async function stopChild(child, graceMs = 15000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	killGroup(child, 'SIGTERM');
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
	await child.exited;
	clearTimeout(timer);
	// The group may hold grandchildren (n8n's task runner) that outlived their parent.
	killGroup({ pid: child.pid, exitCode: null, signalCode: null, kill() {} }, 'SIGKILL');
}

async function stopAll() {
	await Promise.all([...children].map((c) => stopChild(c, 10000)));
}

/** Runs a command to its end (async: the simulator in this process keeps answering). */
function runCommand(cmd, args, { env, cwd, timeoutMs = 300000, input } = {}) {
	return new Promise((resolve) => {
		const child = spawnTracked(cmd, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		if (input !== undefined) child.stdin.end(input);
		else child.stdin.end();
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			stopChild(child, 5000);
		}, timeoutMs);
		child.exited.then(({ code, signal, error }) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr, timedOut, error });
		});
	});
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, HOST, () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value; throws with `what` after `timeoutMs`. */
async function waitFor(what, fn, { timeoutMs = 30000, intervalMs = 250 } = {}) {
	const end = Date.now() + timeoutMs;
	let last;
	for (;;) {
		try {
			const v = await fn();
			if (v) return v;
		} catch (e) {
			last = e;
		}
		if (Date.now() > end)
			throw new Error(
				`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (${last.message})` : ''}`,
			);
		await sleep(intervalMs);
	}
}

// ------------------------------------------------------------------ package

/** Builds if dist/ is missing, packs the package, returns the tarball path (in `destDir`). */
async function packPackage(destDir) {
	const npm =
		process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath)
			? [process.execPath, process.env.npm_execpath]
			: ['npm'];
	const env = { ...process.env };
	for (const k of Object.keys(env)) if (/^npm_config_/i.test(k)) delete env[k];
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Cloze', 'Cloze.node.js'))) {
		const b = await runCommand(npm[0], [...npm.slice(1), 'run', 'build'], {
			cwd: ROOT,
			env,
			timeoutMs: 600000,
		});
		if (b.code !== 0) throw new Error(`npm run build failed:\n${b.stdout}\n${b.stderr}`);
	}
	fs.mkdirSync(destDir, { recursive: true });
	const r = await runCommand(
		npm[0],
		[...npm.slice(1), 'pack', '--json', '--pack-destination', destDir],
		{ cwd: ROOT, env },
	);
	if (r.code !== 0) throw new Error(`npm pack failed:\n${r.stdout}\n${r.stderr}`);
	const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
	return path.join(destDir, info[0].filename);
}

/**
 * Installs the tarball where n8n's community-package installer puts packages:
 * $N8N_USER_FOLDER/.n8n/nodes/node_modules/n8n-nodes-cloze (with the nodes folder's package.json).
 */
function installPackage(tarball, userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const dest = path.join(nodesDir, 'node_modules', 'n8n-nodes-cloze');
	fs.rmSync(dest, { recursive: true, force: true });
	fs.mkdirSync(dest, { recursive: true });
	const t = spawnSync('tar', ['-xzf', tarball, '-C', dest, '--strip-components=1'], {
		encoding: 'utf8',
	});
	if (t.status !== 0) throw new Error(`tar failed: ${t.stderr}`);
	const pkg = JSON.parse(fs.readFileSync(path.join(dest, 'package.json'), 'utf8'));
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-cloze': pkg.version } },
			null,
			2,
		) + '\n',
	);
	return { dir: dest, pkg };
}

/**
 * What a package folder (e.g. the unpacked tarball) declares: node type names, credential names and
 * node descriptions, read from its built files. n8n-workflow resolves from the clone's
 * node_modules.
 */
function packageContents(pkgDir) {
	const nm = path.join(ROOT, 'node_modules');
	if (!(process.env.NODE_PATH || '').split(path.delimiter).includes(nm)) {
		process.env.NODE_PATH = [nm, process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
		require('node:module')._initPaths();
	}
	const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	const nodes = [];
	const credentials = [];
	const descriptions = {};
	// As n8n's loader does: each file's class is the export named after the file
	// (dist/nodes/Cloze/Cloze.node.js -> Cloze); other exports are not node types.
	const classOf = (file) => {
		const Cls = require(path.join(pkgDir, file))[
			path.basename(file).replace(/\.(node|credentials)\.js$/, '')
		];
		if (typeof Cls !== 'function') throw new Error(`${file} exports no class named after the file`);
		return Cls;
	};
	for (const file of pkg.n8n.nodes) {
		const d = new (classOf(file))().description;
		nodes.push(`${pkg.name}.${d.name}`);
		descriptions[d.name] = d;
	}
	for (const file of pkg.n8n.credentials) credentials.push(new (classOf(file))().name);
	return { name: pkg.name, version: pkg.version, nodes, credentials, descriptions };
}

/** resource -> [operation values] of the Cloze node description. */
function operationsOf(description) {
	const out = {};
	const resources = description.properties.find((p) => p.name === 'resource');
	for (const r of resources ? resources.options : []) out[r.value] = [];
	for (const p of description.properties) {
		if (p.name !== 'operation') continue;
		for (const r of (p.displayOptions && p.displayOptions.show && p.displayOptions.show.resource) ||
			[]) {
			out[r] = (out[r] || []).concat(p.options.map((o) => o.value));
		}
	}
	return out;
}

// ------------------------------------------------------------------ simulator

/**
 * Starts the Cloze simulator CLI as a child process; resolves with {url, apiKey, oauthToken, child,
 * stop}. `apiKey`: the key it accepts (default: the simulator's own).
 */
async function startSimulator({ port = 0, seed = 'none', logFile, apiKey } = {}) {
	const args = [
		path.join(ROOT, 'test', 'simulator', 'cli.js'),
		'--port',
		String(port),
		'--seed',
		seed,
	];
	if (apiKey) args.push('--api-key', apiKey);
	const child = spawnTracked(process.execPath, args, {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const log = logFile ? fs.createWriteStream(logFile) : null;
	let out = '';
	const url = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`simulator did not start: ${out}`)), 20000);
		const onData = (d) => {
			out += d;
			if (log) log.write(d);
			const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
			if (m) {
				clearTimeout(timer);
				resolve(m[1]);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.exited.then(() => {
			clearTimeout(timer);
			reject(new Error(`simulator exited: ${out}`));
		});
	});
	const info = await getJson(`${url}/__sim/info`);
	return {
		url,
		apiKey: info.apiKey,
		oauthToken: info.oauthToken,
		child,
		stop: () => stopChild(child, 5000),
		get: (p) => getJson(`${url}${p}`),
		post: (p, body) => sendJson('POST', `${url}${p}`, body),
		del: (p) => sendJson('DELETE', `${url}${p}`),
	};
}

async function getJson(url, headers = {}) {
	const res = await fetch(url, { headers });
	const text = await res.text();
	if (!res.ok) throw new Error(`GET ${url} -> ${res.status} ${text.slice(0, 300)}`);
	return JSON.parse(text);
}

async function sendJson(method, url, body, headers = {}) {
	const res = await fetch(url, {
		method,
		headers: { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${url} -> ${res.status} ${text.slice(0, 300)}`);
	return text ? JSON.parse(text) : {};
}

// ------------------------------------------------------------------ n8n

/** Environment of a local, silent n8n: no telemetry, no version checks, no outside connections. */
function n8nEnv(install, { userFolder, port, brokerPort, extra = {} }) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^(npm_|N8N_|DB_|WEBHOOK_URL|GENERIC_TIMEZONE|EXECUTIONS_|NODE_OPTIONS|INIT_CWD)/.test(k))
			continue;
		env[k] = v;
	}
	Object.assign(env, {
		PATH: install.env.PATH,
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: HOST,
		N8N_HOST: HOST,
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://${HOST}:${port}/`,
		N8N_EDITOR_BASE_URL: `http://${HOST}:${port}/`,
		N8N_ENCRYPTION_KEY: 'n8n-nodes-cloze-local-test-key',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: HOST,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		DB_SQLITE_POOL_SIZE: '2',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		NO_COLOR: '1',
		FORCE_COLOR: '0',
	});
	if (versionAtLeast(install.version, '2.41.0')) env.N8N_DISABLED_MODULES = 'mcp-registry';
	return { ...env, ...extra };
}

function versionAtLeast(v, min) {
	const a = v.split('.').map(Number);
	const b = min.split('.').map(Number);
	for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
	return true;
}

/** `n8n <args…>` to its end. */
async function n8nCli(install, env, args, { timeoutMs = 240000 } = {}) {
	const r = await runCommand(install.nodeBin, [install.n8nBin, ...args], {
		env,
		cwd: env.N8N_USER_FOLDER,
		timeoutMs,
	});
	if (r.code !== 0 || r.timedOut) {
		const e = new Error(
			`n8n ${args.join(' ')} failed ` +
				`(${r.timedOut ? 'timeout' : `exit ${r.code ?? r.signal}`}):\n` +
				`${tail(r.stdout + '\n' + r.stderr, 40)}`,
		);
		e.result = r;
		throw e;
	}
	return r;
}

function tail(text, lines) {
	return String(text).split('\n').slice(-lines).join('\n');
}

/**
 * The JSON that `n8n execute --rawOutput` prints (indented, so it ends at the first line that is
 * just `}`) between its log lines: n8n may log a line after it too.
 */
function parseExecuteOutput(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l.startsWith('{'));
	if (start < 0) throw new Error(`no JSON in n8n execute output:\n${tail(stdout, 30)}`);
	const end = lines.findIndex((l, i) => i > start && l === '}');
	const text = lines.slice(start, end < 0 ? undefined : end + 1).join('\n');
	try {
		return JSON.parse(text);
	} catch (e) {
		throw new Error(
			`${e.message} in n8n execute output; after the JSON ` +
				`came:\n${tail(lines.slice(end + 1).join('\n'), 10)}`,
		);
	}
}

/**
 * Starts a long-running tracked child (n8n, PostgreSQL, Redis…) and resolves once its output
 * matches `ready`; its output is kept in `handle.output` and appended to `logFile`. A child that
 * exits or stays silent past `timeoutMs` is an error naming it, with the tail of its output.
 */
async function startProcess(
	name,
	cmd,
	args,
	{ env = process.env, cwd, logFile, ready, timeoutMs = 60000, intervalMs = 100, stopMs = 5000 },
) {
	const child = spawnTracked(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
	const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
	let exited = false;
	const handle = {
		child,
		output: '',
		stop: async () => {
			await stopChild(child, stopMs);
			if (log && !log.writableEnded) log.end();
		},
	};
	const onData = (d) => {
		handle.output += d;
		// Output can still come after the exit, once the log is ended.
		if (log && !log.writableEnded) log.write(d);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	child.exited.then(() => {
		exited = true;
		if (log) log.end();
	});
	await waitFor(
		`${name}: ${ready}`,
		() => {
			if (exited) throw new Error(`${name} exited during start-up:\n${tail(handle.output, 40)}`);
			return ready.test(handle.output);
		},
		{ timeoutMs, intervalMs },
	).catch(async (e) => {
		await handle.stop();
		throw e;
	});
	return handle;
}

/**
 * Starts `n8n start` (or another long-running command: `worker`, `webhook`); resolves when its
 * output says it is ready (`n8n start`: the editor is accessible).
 */
async function startN8n(
	install,
	env,
	{
		logFile,
		readyTimeoutMs = 240000,
		command = ['start'],
		ready = /Editor is now accessible/,
	} = {},
) {
	const handle = await startProcess(
		`n8n ${command[0]}`,
		install.nodeBin,
		[install.n8nBin, ...command],
		{
			env,
			cwd: env.N8N_USER_FOLDER,
			logFile,
			ready,
			timeoutMs: readyTimeoutMs,
			intervalMs: 300,
			stopMs: 20000,
		},
	);
	handle.url = `http://${HOST}:${env.N8N_PORT}`;
	return handle;
}

/** A browser-like client of n8n's internal /rest API (cookie + browser-id) and public API. */
class N8nClient {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookie = '';
		/** @type {Map<string, string>} */
		this.cookies = new Map();
		this.browserId = 'e2e-browser-id-0001';
		this.apiKey = '';
	}

	async request(method, p, body, { raw = false, headers = {} } = {}) {
		const h = { accept: 'application/json', 'browser-id': this.browserId, ...headers };
		if (this.cookie) h.cookie = this.cookie;
		if (body !== undefined) h['content-type'] = 'application/json';
		const res = await fetch(`${this.baseUrl}${p}`, {
			method,
			headers: h,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		// Every cookie n8n sets is sent back, as a browser does (the login cookie, n8n 2.41's OAuth
		// browser binding).
		const setCookie =
			typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
		for (const c of setCookie) {
			const m = /^([^=;\s]+)=([^;]*)/.exec(c);
			if (m) this.cookies.set(m[1], m[2]);
		}
		this.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (raw) return { status: res.status, headers: res.headers, text, json };
		if (!res.ok) throw new Error(`${method} ${p} -> HTTP ${res.status}: ${text.slice(0, 400)}`);
		return json;
	}

	rest(method, p, body) {
		return this.request(method, `/rest${p}`, body).then((j) => (j && 'data' in j ? j.data : j));
	}

	api(method, p, body) {
		return this.request(method, `/api/v1${p}`, body, { headers: { 'X-N8N-API-KEY': this.apiKey } });
	}

	/** Creates the owner (first start) or logs in (later starts). */
	async ownerOrLogin(owner) {
		const r = await this.request('POST', '/rest/owner/setup', owner, { raw: true });
		if (r.status === 200) return r.json.data;
		return this.login(owner);
	}

	async login({ email, password }) {
		// 2.x takes emailOrLdapLoginId; older builds took email.
		const r = await this.request(
			'POST',
			'/rest/login',
			{ emailOrLdapLoginId: email, email, password },
			{ raw: true },
		);
		if (r.status !== 200) throw new Error(`login failed: HTTP ${r.status} ${r.text.slice(0, 300)}`);
		return r.json.data;
	}

	/** Creates a public-API key with every scope the owner may grant. */
	async createApiKey(label = 'e2e') {
		let scopes;
		try {
			scopes = await this.rest('GET', '/api-keys/scopes');
		} catch {
			scopes = undefined;
		}
		const body = { label, expiresAt: null };
		if (Array.isArray(scopes)) body.scopes = scopes;
		const data = await this.rest('POST', '/api-keys', body);
		this.apiKey = data.rawApiKey || data.apiKey;
		if (!this.apiKey) throw new Error(`no API key in ${JSON.stringify(data).slice(0, 200)}`);
		return this.apiKey;
	}
}

function mkTmp(prefix) {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Imports a Cloze API credential (`credential`: its id and name) for the simulator `sim` into n8n
 * with n8n's CLI (`cli`, as n8nCli bound to an install and environment), through a file in `dir`
 * that is removed afterwards.
 */
async function importApiCredential(cli, dir, sim, credential) {
	const file = path.join(dir, `credential-${credential.id}.json`);
	const data = { email: 'dana@incfire.com', apiKey: sim.apiKey, apiUrl: sim.url };
	fs.writeFileSync(file, JSON.stringify([{ ...credential, type: 'clozeApi', data }]));
	await cli(['import:credentials', `--input=${file}`]);
	fs.rmSync(file);
}

module.exports = {
	ROOT,
	HOST,
	OWNER,
	spawnTracked,
	stopChild,
	stopAll,
	onSignal,
	runCommand,
	freePort,
	sleep,
	waitFor,
	packPackage,
	installPackage,
	packageContents,
	operationsOf,
	startSimulator,
	getJson,
	sendJson,
	n8nEnv,
	n8nCli,
	importApiCredential,
	parseExecuteOutput,
	startN8n,
	startProcess,
	N8nClient,
	mkTmp,
	tail,
	versionAtLeast,
};
