'use strict';
/*
 * n8n in queue mode on this machine, for the queue-mode end-to-end suite (queue.js) and the
 * webhook benchmark (bench/n8n-webhook.js): a PostgreSQL and a Redis of its own on 127.0.0.1 (data
 * in temporary folders, stopped by PID), then n8n's main process (`n8n start`: activation, webhook
 * registration, pollers, editor and APIs), one worker (`n8n worker`: executions) and one webhook
 * processor (`n8n webhook`: production webhook calls). The three share the encryption key, the
 * database and Redis; each has a user folder of its own with the packed package installed in it,
 * as three containers would.
 *
 * Settings, as n8n 2.x reads them (@n8n/config): EXECUTIONS_MODE=queue, QUEUE_BULL_REDIS_HOST/PORT,
 * DB_TYPE=postgresdb and DB_POSTGRESDB_*, the same N8N_ENCRYPTION_KEY everywhere, WEBHOOK_URL (the
 * URL the main process gives Cloze as the trigger's target) pointing at the webhook processor, and
 * N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true so that the main process serves no production webhook.
 * Every process has its own N8N_RUNNERS_BROKER_PORT (task runners); the worker answers
 * /healthz on QUEUE_HEALTH_CHECK_PORT. Ports: n8n 5700-5799, PostgreSQL 54320-54339, Redis
 * 63790-63809 (the first free ones).
 *
 * PostgreSQL and Redis come from Debian's `postgresql` and `redis-server` packages (.ci/run
 * installs them when missing). PostgreSQL refuses to run as root: as root, initdb and postgres run
 * as the `postgres` user the package creates (runuser).
 */
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const H = require('./harness');

const HOST = H.HOST;
const PORTS = { n8n: [5700, 5799], postgres: [54320, 54339], redis: [63790, 63809] };
/** Ports handed out by this process (a port is checked free, then kept until the process ends). */
const taken = new Set();

function canListen(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, HOST, () => srv.close(() => resolve(true)));
	});
}

/** The first free TCP port on 127.0.0.1 in [lo, hi] not handed out before. */
async function portIn([lo, hi]) {
	for (let p = lo; p <= hi; p++) {
		if (taken.has(p)) continue;
		// Claimed before the check: two stacks starting side by side never get the same port.
		taken.add(p);
		if (await canListen(p)) return p;
		taken.delete(p);
	}
	throw new Error(`no free TCP port on ${HOST} in ${lo}-${hi}`);
}

function which(cmd) {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : '';
}

/**
 * The folder of PostgreSQL's server programs: Debian's /usr/lib/postgresql/<newest>/bin, else PATH.
 */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => /^\d+$/.test(v))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	for (const v of versions) {
		const dir = path.join(root, v, 'bin');
		if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres')))
			return dir;
	}
	const initdb = which('initdb');
	if (initdb) return path.dirname(fs.realpathSync(initdb));
	throw new Error(
		"PostgreSQL not found (no initdb): install Debian's postgresql package (`apt-get install -y " +
			'postgresql`; .ci/run does)',
	);
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** uid and gid of the `postgres` user (as root, PostgreSQL runs as it). */
function postgresUser() {
	const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
	const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
	if (uid.status !== 0 || gid.status !== 0) {
		throw new Error(
			"PostgreSQL refuses to run as root and there is no 'postgres' user: install Debian's " +
				'postgresql package, which creates it',
		);
	}
	return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

/** [command, args] running `cmd` as the `postgres` user when this process is root. */
function asPostgres(cmd, args) {
	if (!isRoot()) return [cmd, args];
	postgresUser();
	return ['runuser', ['-u', 'postgres', '--', cmd, ...args]];
}

/**
 * A PostgreSQL server of its own (initdb in a temporary folder, trust authentication on
 * 127.0.0.1 only, fsync off: test data), with a database `n8n`. `psql(sql)` runs one statement
 * and resolves with its output lines (unaligned, tuples only).
 */
async function startPostgres({ logFile } = {}) {
	const bin = postgresBinDir();
	const data = fs.mkdtempSync(path.join(os.tmpdir(), 'cloze-e2e-pg-'));
	if (isRoot()) {
		const { uid, gid } = postgresUser();
		fs.chownSync(data, uid, gid);
	}
	const init = await H.runCommand(
		...asPostgres(path.join(bin, 'initdb'), [
			'-D',
			data,
			'-A',
			'trust',
			'-U',
			'postgres',
			'-E',
			'UTF8',
			'--locale=C',
			'--no-sync',
		]),
		{
			timeoutMs: 120000,
		},
	);
	if (init.code !== 0)
		throw new Error(
			`initdb failed (${init.code ?? init.signal}):\n${H.tail(init.stdout + init.stderr, 20)}`,
		);
	const port = await portIn(PORTS.postgres);
	const server = await H.startProcess(
		'PostgreSQL',
		...asPostgres(path.join(bin, 'postgres'), [
			'-D',
			data,
			'-p',
			String(port),
			'-c',
			`listen_addresses=${HOST}`,
			'-c',
			`unix_socket_directories=${data}`,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		]),
		{ ready: /database system is ready to accept connections/, logFile },
	);
	const psqlBin = fs.existsSync(path.join(bin, 'psql'))
		? path.join(bin, 'psql')
		: which('psql') || 'psql';
	const psql = async (sql, { db = 'n8n', timeoutMs = 60000 } = {}) => {
		const r = await H.runCommand(
			psqlBin,
			[
				'-h',
				HOST,
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				db,
				'-X',
				'-q',
				'-At',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				sql,
			],
			{
				timeoutMs,
				env: { ...process.env, PGCONNECT_TIMEOUT: '10' },
			},
		);
		if (r.code !== 0)
			throw new Error(
				`psql failed (${r.code ?? r.signal}): ${sql.slice(0, 200)}\n${H.tail(r.stderr, 10)}`,
			);
		return r.stdout.split('\n').filter((l) => l !== '');
	};
	await psql('CREATE DATABASE n8n', { db: 'postgres' });
	return {
		port,
		data,
		server,
		psql,
		stop: async () => {
			await H.stopChild(server.child, 15000);
			fs.rmSync(data, { recursive: true, force: true });
		},
	};
}

/** A Redis server of its own on 127.0.0.1 (no persistence: the queue lives as long as it runs). */
async function startRedis({ logFile } = {}) {
	const bin = which('redis-server') || '/usr/bin/redis-server';
	if (!fs.existsSync(bin))
		throw new Error(
			"redis-server not found: install Debian's redis-server package (`apt-get install -y " +
				'redis-server`; .ci/run does)',
		);
	const cliBin = which('redis-cli') || path.join(path.dirname(bin), 'redis-cli');
	const data = fs.mkdtempSync(path.join(os.tmpdir(), 'cloze-e2e-redis-'));
	const port = await portIn(PORTS.redis);
	const server = await H.startProcess(
		'Redis',
		bin,
		[
			'--port',
			String(port),
			'--bind',
			HOST,
			'--dir',
			data,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--protected-mode',
			'yes',
		],
		{ ready: /Ready to accept connections/, logFile },
	);
	const cli = async (...args) => {
		const r = await H.runCommand(cliBin, ['-h', HOST, '-p', String(port), ...args.map(String)], {
			timeoutMs: 30000,
		});
		if (r.code !== 0) throw new Error(`redis-cli ${args.join(' ')} failed: ${r.stderr}`);
		return r.stdout.trim();
	};
	return {
		port,
		data,
		server,
		cli,
		stop: async () => {
			await H.stopChild(server.child, 10000);
			fs.rmSync(data, { recursive: true, force: true });
		},
	};
}

const ROLES = {
	main: { command: ['start'], ready: /Editor is now accessible/ },
	worker: { command: ['worker'], ready: /n8n worker is now ready/ },
	webhook: { command: ['webhook'], ready: /Webhook listener waiting for requests/ },
};

/**
 * Starts PostgreSQL, Redis and n8n in queue mode: main, one worker, one webhook processor.
 * `setup(cli)` runs before n8n starts (import credentials and workflows, publish them) with the
 * main process's settings. `workerEnv`: extra settings of the worker (e.g. Bull's lock timings).
 * Resolves with the running stack: {main, worker, webhook (handles of H.startN8n), webhookUrl,
 * mainUrl, logs: {main, worker, webhook} (everything each role printed, all starts), postgres,
 * redis, cli, start(role), stop(role), kill(role), stopAll()}.
 */
async function startQueueStack({
	install,
	tarball,
	dir,
	setup,
	workerEnv = {},
	extra = {},
	log = () => {},
}) {
	fs.mkdirSync(dir, { recursive: true });
	const stack = {
		logs: { main: '', worker: '', webhook: '' },
		starts: { main: 0, worker: 0, webhook: 0 },
	};
	try {
		const [postgres, redis] = await Promise.all([
			startPostgres({ logFile: path.join(dir, 'postgres.log') }),
			startRedis({ logFile: path.join(dir, 'redis.log') }),
		]);
		stack.postgres = postgres;
		stack.redis = redis;
		log(`PostgreSQL on ${HOST}:${postgres.port}, Redis on ${HOST}:${redis.port}`);
		const ports = {};
		for (const k of [
			'main',
			'webhook',
			'worker',
			'mainBroker',
			'webhookBroker',
			'workerBroker',
			'cliBroker',
		])
			ports[k] = await portIn(PORTS.n8n);
		stack.ports = ports;
		stack.mainUrl = `http://${HOST}:${ports.main}`;
		stack.webhookUrl = `http://${HOST}:${ports.webhook}`;
		const shared = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: HOST,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: HOST,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			WEBHOOK_URL: `${stack.webhookUrl}/`,
			N8N_EDITOR_BASE_URL: `${stack.mainUrl}/`,
			...extra,
		};
		const folders = {};
		stack.env = {};
		for (const role of Object.keys(ROLES)) {
			folders[role] = path.join(dir, role);
			H.installPackage(tarball, folders[role]);
			stack.env[role] = H.n8nEnv(install, {
				userFolder: folders[role],
				port: ports[role],
				brokerPort: ports[`${role}Broker`],
				extra: shared,
			});
			// n8nEnv points WEBHOOK_URL at the process's own port: the webhook processor's it is.
			stack.env[role].WEBHOOK_URL = `${stack.webhookUrl}/`;
		}
		stack.folders = folders;
		Object.assign(stack.env.main, { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' });
		Object.assign(stack.env.worker, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(ports.worker),
			N8N_WORKER_SERVER_ADDRESS: HOST,
			...workerEnv,
		});
		stack.cli = (args, opts) =>
			H.n8nCli(
				install,
				{ ...stack.env.main, N8N_RUNNERS_BROKER_PORT: String(ports.cliBroker) },
				args,
				opts,
			);
		if (setup) await setup(stack.cli);

		stack.start = async (role) => {
			const { command, ready } = ROLES[role];
			const logFile = path.join(dir, `${role}.log`);
			const handle = await H.startN8n(install, stack.env[role], { logFile, command, ready });
			stack.starts[role]++;
			// Everything the role printed, over all its starts.
			const before = stack.logs[role];
			Object.defineProperty(handle, 'allOutput', { get: () => before + handle.output });
			stack[role] = handle;
			return handle;
		};
		stack.output = (role) => (stack[role] ? stack[role].allOutput : stack.logs[role]);
		stack.stop = async (role) => {
			const h = stack[role];
			if (!h) return;
			await h.stop();
			stack.logs[role] = h.allOutput;
			stack[role] = undefined;
		};
		/** SIGKILL: the process ends at once, as in a crash or an out-of-memory kill. */
		stack.kill = async (role) => {
			const h = stack[role];
			if (!h) return;
			try {
				process.kill(-h.child.pid, 'SIGKILL');
			} catch {
				h.child.kill('SIGKILL');
			}
			await h.child.exited;
			stack.logs[role] = h.allOutput;
			stack[role] = undefined;
		};
		stack.stopAll = async () => {
			for (const role of ['webhook', 'worker', 'main']) await stack.stop(role).catch(() => {});
			if (stack.redis) await stack.redis.stop().catch(() => {});
			if (stack.postgres) await stack.postgres.stop().catch(() => {});
		};
		// The main process first (it runs the migrations and activates the workflows), then the others.
		await stack.start('main');
		await Promise.all([stack.start('worker'), stack.start('webhook')]);
		return stack;
	} catch (e) {
		if (stack.stopAll) await stack.stopAll();
		else {
			if (stack.redis) await stack.redis.stop().catch(() => {});
			if (stack.postgres) await stack.postgres.stop().catch(() => {});
		}
		throw e;
	}
}

module.exports = { startQueueStack, startPostgres, startRedis, portIn, PORTS };
