#!/usr/bin/env node
'use strict';
/*
 * `npm run bench:n8n`: how fast a real n8n acknowledges Cloze's deliveries to an active Cloze
 * Trigger. Writes its section of bench/RESULTS.md (the engine benchmarks of `npm run bench` are
 * kept).
 *
 *   BENCH_N8N_VERSION=2.41.1   the n8n to measure (default 2.41.1; installed/cached as the e2e
 *                              suite does)
 *   BENCH_N8N_MODES=single,queue  the set-ups, one after the other (default both): one n8n process
 *                              (SQLite), and queue mode (scripts/e2e/queue-stack.js: PostgreSQL,
 *                              Redis, main + 1 worker + 1 webhook processor)
 *   BENCH_KEEP=1               keep the temporary folder (n8n user folder, logs)
 *
 * Set-up as the end-to-end suite does it: the packed package installed as a community package, a
 * Cloze API credential pointing at the Cloze simulator (out of process, 127.0.0.1), the trigger
 * workflow imported and published offline, `n8n start` activates it (the trigger subscribes in the
 * simulator, which gives its target URL with the secret and the subscription id). Measured: 5
 * warm-up and 10 deliveries one at a time on an idle n8n, then 200 sent at once straight to the
 * webhook URL, each a realistic `person.audit.change` array; time from the first byte sent to the
 * end of the answer; the answers; the executions n8n recorded (public API), matched to the
 * deliveries by the person's name. Then the same against n8n's own Webhook node in the same n8n,
 * for reference. The same again in queue mode, deliveries sent to the webhook processor. Bounded:
 * per mode 2 x 215 requests, 30 s per request, 3 minutes for each set of executions.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const H = require('../scripts/e2e/harness');
const D = require('../scripts/e2e/deliveries');
const { ensureN8n } = require('../scripts/e2e/n8n-install');
const {
	TYPES,
	chainWorkflow,
	nodeItems,
	stageChangeTriggerWorkflow,
} = require('../scripts/e2e/workflows');
const { writeN8nResults } = require('./lib/results');
const { startQueueStack } = require('../scripts/e2e/queue-stack');

const VERSION = process.env.BENCH_N8N_VERSION || '2.41.1';
const MODES = (process.env.BENCH_N8N_MODES || 'single,queue')
	.split(',')
	.map((m) => m.trim())
	.filter(Boolean);
for (const m of MODES)
	if (!['single', 'queue'].includes(m))
		throw new Error(`BENCH_N8N_MODES: unknown mode "${m}" (single, queue)`);
const CONCURRENT = 200;
const SEQUENTIAL = 10;
const WARMUP = 5;
const GOAL_P99_MS = 100;
const CREDENTIAL = { id: 'clozeApiBench001', name: 'Cloze account' };
const WORKFLOW_ID = 'clozeBenchTrig01';
const WEBHOOK_ID = '5b0c8d1e-2f3a-4b5c-8d6e-7f8091a2b3c4';
const CORE_WORKFLOW_ID = 'clozeBenchCore01';
const CORE_WEBHOOK_ID = '6c1d9e2f-3a4b-4c5d-9e6f-8091a2b3c4d5';
const CORE_PATH = 'bench-reference';
const { OWNER } = H;

const log = (m) => process.stdout.write(`[bench:n8n ${VERSION}] ${m}\n`);

/** The benchmark's workflow: the Cloze Trigger (stage changes to Active) and a Set node. */
function benchWorkflow() {
	return stageChangeTriggerWorkflow({
		id: WORKFLOW_ID,
		name: 'Bench: person moved to Active',
		webhookId: WEBHOOK_ID,
		credential: CREDENTIAL,
	});
}

/** The same workflow with n8n's own Webhook node: the reference. */
function coreWorkflow() {
	return chainWorkflow({
		id: CORE_WORKFLOW_ID,
		name: 'Bench: n8n Webhook node (reference)',
		nodes: [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: CORE_WEBHOOK_ID,
				parameters: {
					httpMethod: 'POST',
					path: CORE_PATH,
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				name: 'Stage Change',
				type: TYPES.set,
				typeVersion: 3.4,
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [
							{ id: 'a1', name: 'who', value: '={{ $json.body[0].person.name }}', type: 'string' },
							{
								id: 'a2',
								name: 'stage',
								value: '={{ $json.body[0].changes.stage.after }}',
								type: 'string',
							},
						],
					},
					options: {},
				},
			},
		],
	});
}

/** Executions of a workflow that finished (or ended otherwise); bounded by `deadline`. */
async function waitForExecutions(api, workflowId, count, deadline) {
	while (Date.now() < deadline) {
		const list = await D.allExecutions(api, workflowId);
		if (
			list.filter((e) => e.finished || e.status === 'success' || e.status === 'error').length >=
			count
		)
			return true;
		await H.sleep(500);
	}
	return false;
}

/**
 * Warm-up, one at a time on an idle n8n, then CONCURRENT deliveries at once; the answers, and the
 * executions matched to the deliveries by the delivered name.
 */
async function measure({ api, workflowId, target, record, expectOk }) {
	const label = workflowId === WORKFLOW_ID ? 'Bench' : 'Ref';
	for (let i = 0; i < WARMUP; i++) {
		await D.send(D.genuineRequest(target, record, i, `${label}Warmup`));
		await H.sleep(300);
	}
	const idle = [];
	for (let i = 0; i < SEQUENTIAL; i++) {
		idle.push((await D.send(D.genuineRequest(target, record, i, `${label}Idle`))).ms);
		await H.sleep(300);
	}
	const before = WARMUP + SEQUENTIAL;
	await waitForExecutions(api, workflowId, before, Date.now() + 60000);
	await H.sleep(1000);

	const loadBefore = os.loadavg();
	const requests = Array.from({ length: CONCURRENT }, (_, i) =>
		D.genuineRequest(target, record, i, label),
	);
	const sentAt = performance.now();
	const answers = await Promise.all(requests.map((r) => D.send({ ...r, timeoutMs: 30000 })));
	const answeredIn = performance.now() - sentAt;
	const times = answers.filter((a) => a.status).map((a) => a.ms);
	const drained = await waitForExecutions(
		api,
		workflowId,
		before + CONCURRENT,
		Date.now() + 180000,
	);
	const drainedIn = drained ? performance.now() - sentAt : undefined;

	const executions = await D.allExecutions(api, workflowId, { includeData: true });
	const names = new Map();
	let failed = 0;
	for (const e of executions) {
		if (!(e.finished || e.status === 'success')) failed++;
		const items = (e.data && nodeItems(e.data.resultData.runData, 'Stage Change')) || [];
		for (const item of items) names.set(item.who, (names.get(item.who) || 0) + 1);
	}
	const sent = requests.map((_, i) => `${label} ${String(i).padStart(4, '0')}`);
	const statuses = {};
	for (const a of answers) {
		const key = a.status
			? `${a.status} ${a.contentType.split(';')[0]} ${JSON.stringify(a.text.slice(0, 40))}`
			: `no answer (${a.error})`;
		statuses[key] = (statuses[key] || 0) + 1;
	}
	return {
		loadBefore,
		p50: D.percentile(times, 50),
		p99: D.percentile(times, 99),
		max: Math.max(...times),
		answeredIn,
		drainedIn,
		idleP50: D.percentile(idle, 50),
		ok: answers.filter(expectOk).length,
		executedOnce: sent.filter((n) => names.get(n) === 1).length,
		duplicated: sent.filter((n) => (names.get(n) || 0) > 1).length,
		lost: sent.filter((n, i) => !names.get(n) || !expectOk(answers[i])).length,
		failed,
		statuses: Object.entries(statuses)
			.map(([k, v]) => `${v} x ${k}`)
			.join('; '),
	};
}

/** Imports the credential and both workflows and publishes them (n8n CLI, before n8n starts). */
async function importWorkflows(cli, dir, sim) {
	await H.importApiCredential(cli, dir, sim, CREDENTIAL);
	const wfFile = path.join(dir, 'workflow.json');
	fs.writeFileSync(wfFile, JSON.stringify([benchWorkflow(), coreWorkflow()]));
	await cli(['import:workflow', `--input=${wfFile}`]);
	await cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);
	await cli(['publish:workflow', `--id=${CORE_WORKFLOW_ID}`]);
}

/** One n8n process (`n8n start`, SQLite). */
async function startSingle({ install, tarball, dir, sim }) {
	const userFolder = path.join(dir, 'user');
	H.installPackage(tarball, userFolder);
	const env = H.n8nEnv(install, {
		userFolder,
		port: await H.freePort(),
		brokerPort: await H.freePort(),
	});
	await importWorkflows(
		async (args) =>
			H.n8nCli(install, { ...env, N8N_RUNNERS_BROKER_PORT: String(await H.freePort()) }, args),
		dir,
		sim,
	);
	const server = await H.startN8n(install, env, { logFile: path.join(dir, 'n8n.log') });
	return {
		apiUrl: server.url,
		webhookUrl: server.url,
		alive: async () =>
			server.child.exitCode === null && (await fetch(`${server.url}/healthz`)).status === 200,
		output: () => server.output,
		stop: () => server.stop(),
	};
}

/**
 * Queue mode (scripts/e2e/queue-stack.js): PostgreSQL, Redis, main + 1 worker + 1 webhook
 * processor.
 */
async function startQueue({ install, tarball, dir, sim }) {
	const stack = await startQueueStack({
		install,
		tarball,
		dir,
		setup: (cli) => importWorkflows(cli, dir, sim),
	});
	return {
		apiUrl: stack.mainUrl,
		webhookUrl: stack.webhookUrl,
		alive: async () =>
			Boolean(
				stack.webhook &&
					stack.worker &&
					stack.webhook.child.exitCode === null &&
					stack.worker.child.exitCode === null,
			) && (await fetch(`${stack.webhookUrl}/healthz`)).status === 200,
		output: () => ['main', 'worker', 'webhook'].map((r) => stack.output(r)).join('\n'),
		stop: () => stack.stopAll(),
	};
}

/** Sets up one mode, measures the Cloze Trigger, then n8n's Webhook node, and stops it. */
async function runMode(mode, { install, tarball, dir, sim }) {
	const t = Date.now();
	await sim.post('/__sim/reset', { seed: 'none' });
	const setup = await (mode === 'queue' ? startQueue : startSingle)({
		install,
		tarball,
		dir: path.join(dir, mode),
		sim,
	});
	try {
		const api = new H.N8nClient(setup.apiUrl);
		await api.ownerOrLogin(OWNER);
		await api.createApiKey('bench');
		// A person as Cloze delivers it (the simulator's public record).
		const record = (
			await sim.post('/__sim/seed', { people: { count: 1, defaults: D.PERSON_DEFAULTS } })
		).people[0];
		const subscription = await H.waitFor(
			"the trigger's subscription",
			async () => (await sim.get('/__sim/state')).subscriptions[0],
			{ timeoutMs: 30000 },
		);
		const target = D.targetOf(subscription);
		if (!target.url.startsWith(`${setup.webhookUrl}/`))
			throw new Error(`the subscription's target ${target.url} is not on ${setup.webhookUrl}`);
		log(
			`${mode}: n8n ${install.version} (Node ${install.nodeVersion}) up in ` +
				`${Math.round((Date.now() - t) / 1000)} s; webhook ${target.url.split('?')[0]}`,
		);
		const core = {
			url: `${setup.webhookUrl}/webhook/${CORE_PATH}`,
			subscriptionId: '',
			clientReference: '',
		};
		const cloze = await measure({
			api,
			workflowId: WORKFLOW_ID,
			target,
			record,
			expectOk: (a) => D.answerMatches(a, D.ANSWERS.ok),
		});
		log(
			`${mode}: Cloze Trigger: p50 ${cloze.p50.toFixed(0)} ms, p99 ${cloze.p99.toFixed(0)} ms, ` +
				`${cloze.ok}/${CONCURRENT} OK, ${cloze.executedOnce} executed`,
		);
		const reference = await measure({
			api,
			workflowId: CORE_WORKFLOW_ID,
			target: core,
			record,
			expectOk: (a) => a.status === 200,
		});
		log(
			`${mode}: n8n Webhook node: p50 ${reference.p50.toFixed(0)} ms, p99 ` +
				`${reference.p99.toFixed(0)} ms, ${reference.ok}/${CONCURRENT} 200, ` +
				`${reference.executedOnce} executed`,
		);
		const alive = await setup.alive();
		const pingFailures = (setup.output().match(/Database ping failed/g) || []).length;
		return { mode, cloze, reference, alive, pingFailures };
	} finally {
		await setup.stop();
	}
}

const fmt = (v) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 1 : 0)} ms` : 'n/a');
const secs = (v) => (v === undefined ? 'not within 3 min' : `${(v / 1000).toFixed(1)} s`);
const verdict = (met) => (met ? 'met' : '**MISSED**');
const rate = (m) => `${Math.round(CONCURRENT / (m.answeredIn / 1000))}/s`;
const execRate = (m) =>
	m.drainedIn === undefined ? 'n/a' : `${(CONCURRENT / (m.drainedIn / 1000)).toFixed(1)}/s`;

/** The detailed table of one mode (the one-process table of earlier releases). */
function modeTable({ cloze, reference, alive }) {
	const row = (figure, a, b, goal = '', met) =>
		`| ${figure} | ${a} | ${b} | ${goal} | ${met === undefined ? '' : verdict(met)} |`;
	return [
		"| Figure | Cloze Trigger | for reference: n8n's Webhook node | Goal (Cloze Trigger) | " +
			'Verdict |',
		'| --- | --- | --- | --- | --- |',
		row('Deliveries sent at once to the webhook URL', CONCURRENT, CONCURRENT),
		row('Time to the answer, p50', fmt(cloze.p50), fmt(reference.p50)),
		row(
			'Time to the answer, p99',
			fmt(cloze.p99),
			fmt(reference.p99),
			`< ${GOAL_P99_MS} ms`,
			cloze.p99 < GOAL_P99_MS,
		),
		row('Time to the answer, slowest', fmt(cloze.max), fmt(reference.max)),
		row(`All ${CONCURRENT} answered after`, fmt(cloze.answeredIn), fmt(reference.answeredIn)),
		row(
			'Answers `200` (Cloze Trigger: `text/plain`, body exactly `OK`)',
			`${cloze.ok} / ${CONCURRENT}`,
			`${reference.ok} / ${CONCURRENT}`,
			String(CONCURRENT),
			cloze.ok === CONCURRENT,
		),
		row(
			'Executions recorded, one per delivery (found by the delivered name)',
			`${cloze.executedOnce} / ${CONCURRENT}`,
			`${reference.executedOnce} / ${CONCURRENT}`,
			String(CONCURRENT),
			cloze.executedOnce === CONCURRENT,
		),
		row(
			'Lost (not answered `OK` or never executed)',
			cloze.lost,
			reference.lost,
			'0',
			cloze.lost === 0,
		),
		row('Executed twice', cloze.duplicated, reference.duplicated, '0', cloze.duplicated === 0),
		row('Executions not successful', cloze.failed, reference.failed, '0', cloze.failed === 0),
		row(
			`All executions finished, after the first send`,
			secs(cloze.drainedIn),
			secs(reference.drainedIn),
		),
		row(
			'Executions finished per second (200 / the time above)',
			execRate(cloze),
			execRate(reference),
		),
		row('Deliveries answered per second while all were waiting', rate(cloze), rate(reference)),
		row(
			`One delivery on an idle n8n, p50 of ${SEQUENTIAL} (300 ms apart, after ${WARMUP} warm-up)`,
			fmt(cloze.idleP50),
			fmt(reference.idleP50),
		),
		row(
			'n8n up afterwards (processes alive, `/healthz` 200)',
			alive ? 'yes' : 'no',
			'',
			'yes',
			alive,
		),
	];
}

const MODE_NAMES = {
	single: 'one process (`n8n start`, SQLite)',
	queue: 'queue mode (main + 1 worker + 1 webhook processor, PostgreSQL, Redis)',
};

async function main() {
	H.onSignal('SIGINT');
	H.onSignal('SIGTERM');
	const t0 = Date.now();
	const dir = H.mkTmp('cloze-bench-n8n-');
	let sim;
	try {
		const install = await ensureN8n(VERSION, { log });
		const tarball = await H.packPackage(dir);
		sim = await H.startSimulator({ seed: 'none', logFile: path.join(dir, 'simulator.log') });
		const loadBefore = os.loadavg();
		const results = [];
		for (const mode of MODES) results.push(await runMode(mode, { install, tarball, dir, sim }));

		const cpu = os.cpus();
		const lines = [
			'## Webhook acknowledgement in a real n8n (Cloze Trigger)',
			'',
			`Measured by \`npm run bench:n8n\` (bench/n8n-webhook.js) on ${new Date().toISOString()}: ` +
				`${cpu[0].model}, ${cpu.length} cores, ` +
				`n8n ${install.version} on Node ${install.nodeVersion} (client: Node ` +
				`${process.versions.node}, same machine), ` +
				`load average at the start ${loadBefore.map((v) => v.toFixed(2)).join(' / ')}; modes ` +
				`measured one after the other: ${results.map((r) => r.mode).join(', ')}.`,
			'',
		];
		if (results.length > 1) {
			lines.push(
				`### ${CONCURRENT} deliveries at once: one process and queue mode`,
				'',
				'| Setup | Trigger node | p50 to the answer | p99 to the answer | All answered after | ' +
					'Executions finished per second | Answered `200` | Executed once | Lost | Twice |',
				'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
			);
			for (const r of results) {
				for (const [name, m] of [
					['Cloze Trigger', r.cloze],
					["n8n's Webhook node", r.reference],
				]) {
					lines.push(
						`| ${MODE_NAMES[r.mode]} | ${name} | ${fmt(m.p50)} | ${fmt(m.p99)} | ` +
							`${fmt(m.answeredIn)} | ${execRate(m)} | ${m.ok} / ${CONCURRENT} | ` +
							`${m.executedOnce} / ${CONCURRENT} | ${m.lost} | ${m.duplicated} |`,
					);
				}
			}
			lines.push('');
		}
		for (const r of results) {
			lines.push(
				`### ${MODE_NAMES[r.mode].replace(/^./, (c) => c.toUpperCase())}`,
				'',
				...modeTable(r),
				'',
			);
			lines.push(
				`Load average before the Cloze Trigger's burst ` +
					`${r.cloze.loadBefore.map((v) => v.toFixed(2)).join(' / ')}, before the Webhook node's ` +
					`${r.reference.loadBefore.map((v) => v.toFixed(2)).join(' / ')}.`,
				`Answers, Cloze Trigger: ${r.cloze.statuses}. n8n's Webhook node: ${r.reference.statuses}.`,
			);
			if (r.mode === 'single') {
				lines.push(
					`n8n logged "Database ping failed" ${r.pingFailures} time(s) during the run (its ` +
						'SQLite ping waited more than 5 s behind the executions being saved; until the next ' +
						'ping succeeds, 2 s later, n8n answers every request, webhooks included, with 503 ' +
						'"Database is not ready!").',
				);
			}
			lines.push('');
		}
		lines.push(
			'Set-up: the trigger workflow (Cloze Trigger for a stage changed to Active, then a Set ' +
				"node reading the person's name) is activated as " +
				'the end-to-end suite does it (imported, `n8n publish:workflow`, `n8n start`); each ' +
				'delivery is what Cloze sends: a POST to the ' +
				'target URL with its secret, `X-Cloze-Subscription-ID`, a JSON array with one changed ' +
				'person (~1 kB). The reference is the same ' +
				"workflow with n8n's own Webhook node (POST, Respond: Immediately, answering " +
				'`{"message":"Workflow was started"}`), measured ' +
				'right after, the same way. All 200 requests are started together on new connections ' +
				'(Cloze does not reuse them); n8n ' +
				'handles them on one event loop while it runs and saves the executions of the first ' +
				'ones, so the time to the answer of the ' +
				'later ones is mostly queueing: a p99 under 100 ms for 200 deliveries arriving together ' +
				'needs n8n to answer more than ' +
				'2,000 a second. Per request, n8n reads the workflow from its database and, in n8n 2.41, ' +
				'for any trigger node other ' +
				'than its own Webhook node, takes an expression isolate (isolated-vm) before it calls ' +
				'the node: one warm isolate is kept ' +
				'(N8N_EXPRESSION_ENGINE_POOL_SIZE=1), each one taken is disposed afterwards and a new ' +
				'one is created. The Cloze Trigger ' +
				'itself compares two SHA-256 digests and writes `OK` before the workflow starts. ' +
				"Executions are counted through n8n's public API.",
			'',
			'Queue mode (scripts/e2e/queue-stack.js, as the end-to-end suite runs it): PostgreSQL 15 ' +
				'and Redis 7 of their own on the same ' +
				'machine, n8n main (`n8n start`, with N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true), one ' +
				'worker (`n8n worker`, concurrency 10) and ' +
				'one webhook processor (`n8n webhook`), each with the package in its own user folder; ' +
				'WEBHOOK_URL points at the webhook ' +
				'processor, which answers the deliveries, creates each execution in PostgreSQL and puts ' +
				'it on the Bull queue in Redis; the ' +
				'worker runs it. All five processes share the same 2 cores with the client and the ' +
				'simulator: this measures the cost of the ' +
				'extra hops (PostgreSQL, Redis) on one machine, not the headroom of more machines.',
		);
		const section = lines.join('\n');
		writeN8nResults(section);
		process.stdout.write(
			`\n${section}\n\nwritten to bench/RESULTS.md; total ` +
				`${Math.round((Date.now() - t0) / 1000)} s\n`,
		);
		if (
			results.some(
				(r) =>
					r.cloze.ok !== CONCURRENT ||
					r.cloze.lost ||
					r.cloze.duplicated ||
					r.cloze.failed ||
					!r.alive,
			)
		)
			process.exitCode = 1;
	} finally {
		if (sim) await sim.stop();
		await H.stopAll();
		if (process.env.BENCH_KEEP === '1') log(`kept ${dir}`);
		else fs.rmSync(dir, { recursive: true, force: true });
	}
}

main().catch(async (e) => {
	process.stderr.write(`${e.stack || e.message}\n`);
	await H.stopAll();
	process.exit(1);
});
