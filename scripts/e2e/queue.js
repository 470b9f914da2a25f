'use strict';
/*
 * The end-to-end suite in n8n's queue mode (`E2E_ONLY=queue npm run test:e2e`; part of the default
 * run): the packed package on every process of a scaled-out n8n (queue-stack.js: its own
 * PostgreSQL and Redis, n8n main + 1 worker + 1 webhook processor), against the Cloze simulator.
 *
 * Cloze Trigger: activation on main -> exactly one subscription whose target_url is the webhook
 * processor's; a change is delivered to the webhook processor, answered exactly `OK`, executed on
 * the worker with the right items; forged deliveries start nothing; a burst of 1,000 deliveries ->
 * 1,000 `OK`, 1,000 executions on the worker, none lost, none twice; the worker SIGKILLed during a
 * burst and restarted -> every delivery answered `OK` ends with exactly one execution record
 * (Postgres); a restart of main -> still one subscription, deliveries still run; deactivation -> no
 * subscription. Cloze Feed Trigger: polls on main only (once per poll, not once per process),
 * executions on the worker, each new record exactly once, also across the restart of main.
 *
 * "Executed on the worker": n8n's worker logs `Worker started execution <id> (job <job>)` for each
 * job it takes (scaling/job-processor.js), the process that enqueued it logs `Enqueued execution
 * <id>`; every execution id in Postgres is matched to those lines. Counts and the items of each
 * execution come from n8n's own data: the public API of main and Postgres (execution_entity,
 * execution_data) through psql.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const assert = require('node:assert/strict');

const H = require('./harness');
const D = require('./deliveries');
const { Report } = require('./report');
const { startQueueStack } = require('./queue-stack');
const {
	TYPES,
	stageChangeTriggerWorkflow,
	feedTriggerWorkflow,
	nodeItems,
} = require('./workflows');

const CREDENTIAL = { id: 'clozeApiQueue001', name: 'Cloze account' };
const { OWNER } = H;
const TRIGGER_WF = 'clozeQueueTrig01';
const TRIGGER_WEBHOOK_ID = '7a1c3e5f-2b4d-4f6a-8c1e-3d5f7a9b1c2e';
const FEED_WF = 'clozeQueueFeed01';
const FORGED_CONCURRENCY = 20;
const BURST = 1000;
const BURST_CONCURRENCY = 20;
const KILL_BURST = 300;
/** The worker is killed once this many deliveries of the kill burst were answered OK. */
const KILL_AFTER = 100;
const WORKER_CONCURRENCY = 10;
/**
 * Bull's job lock on the worker: n8n's defaults are 60 s (lock) and 30 s (stalled-job check); the
 * suite shortens them so that the jobs of a killed worker are seen as stalled within ~20 s.
 */
const WORKER_LOCKS = {
	QUEUE_WORKER_LOCK_DURATION: '15000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
	N8N_CONCURRENCY_PRODUCTION_LIMIT: String(WORKER_CONCURRENCY),
};

/** Execution ids a role's output says it started as a worker / enqueued. */
const startedIds = (text) =>
	new Set([...String(text).matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]));
const enqueuedIds = (text) =>
	new Set([...String(text).matchAll(/Enqueued execution (\d+)/g)].map((m) => m[1]));

/**
 * Executions of a workflow as Postgres holds them: [{id, status, finished, mode, data (the raw
 * execution data text)}]; `withData: false` leaves the data out.
 */
async function dbExecutions(psql, workflowId, { withData = true } = {}) {
	const lines = await psql(
		`SELECT json_build_object('id', e.id::text, 'status', e.status, 'finished', e.finished, ` +
			`'mode', e.mode${withData ? ", 'data', d.data" : ''})::text ` +
			'FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id WHERE ' +
			`e."workflowId" = '${workflowId}' ORDER BY e.id`,
		{ timeoutMs: 120000 },
	);
	return lines.map((l) => JSON.parse(l));
}

/** `<label> 0000`-style names carried by an execution's data (each delivery carries its own). */
function namesIn(execution, label) {
	return new Set(
		[...String(execution.data || '').matchAll(new RegExp(`${label} \\d{4}`, 'g'))].map((m) => m[0]),
	);
}

/** How many executions carry each name: Map(name -> count). */
function nameCounts(executions, label) {
	const counts = new Map();
	for (const e of executions)
		for (const n of namesIn(e, label)) counts.set(n, (counts.get(n) || 0) + 1);
	return counts;
}

async function runQueue({ version, installing, tarball, tmpRoot, contents }) {
	const report = new Report(version, 'queue');
	const started = Date.now();
	const dir = path.join(tmpRoot, `queue-${version}`);
	fs.mkdirSync(dir, { recursive: true });
	let sim;
	let stack;
	let api;
	const apiKey = `e2e-${crypto.randomBytes(24).toString('hex')}`;
	const mainStarts = [];
	try {
		const install = await report.step(
			'install n8n (or reuse the cached install)',
			async () => {
				const { install: i, error } = await installing;
				if (error) throw error;
				return i;
			},
			{ fatal: true },
		);
		report.nodeVersion = install && install.nodeVersion;
		if (report.aborted) return report;
		if (!contents.nodes.includes(TYPES.trigger) || !contents.nodes.includes(TYPES.feed)) {
			report.skip(
				'queue mode',
				'the Cloze Trigger or the Cloze Feed Trigger is not in the package',
			);
			return report;
		}

		sim = await report.step(
			'start the Cloze simulator',
			() => H.startSimulator({ seed: 'none', logFile: path.join(dir, 'simulator.log'), apiKey }),
			{ fatal: true },
		);
		if (report.aborted) return report;

		stack = await report.step(
			'PostgreSQL and Redis of its own, then n8n main, 1 worker and 1 webhook processor, each ' +
				'with the package in its own user folder',
			async () => {
				const s = await startQueueStack({
					install,
					tarball,
					dir,
					workerEnv: WORKER_LOCKS,
					log: (m) => report.log(`      ${m}`),
					setup: async (cli) => {
						await H.importApiCredential(cli, dir, sim, CREDENTIAL);
						const wfFile = path.join(dir, 'workflows.json');
						const trigger = stageChangeTriggerWorkflow({
							id: TRIGGER_WF,
							name: 'E2E queue: person moved to Active',
							webhookId: TRIGGER_WEBHOOK_ID,
							credential: CREDENTIAL,
						});
						const feed = feedTriggerWorkflow({
							id: FEED_WF,
							name: 'E2E queue: new and changed people (feed)',
							credential: CREDENTIAL,
						});
						fs.writeFileSync(wfFile, JSON.stringify([trigger, feed]));
						await cli(['import:workflow', `--input=${wfFile}`]);
						await cli(['publish:workflow', `--id=${TRIGGER_WF}`]);
						await cli(['publish:workflow', `--id=${FEED_WF}`]);
						mainStarts.push(Date.now());
					},
				});
				for (const role of ['main', 'worker', 'webhook']) {
					const folder = path.join(
						s.folders[role],
						'.n8n',
						'nodes',
						'node_modules',
						'n8n-nodes-cloze',
						'package.json',
					);
					assert.ok(fs.existsSync(folder), `the package is not in the ${role}'s user folder`);
				}
				// The worker logs that it is ready before its health server listens (seen on 2.8.4).
				await H.waitFor(
					'the worker /healthz answering 200',
					async () => (await fetch(`http://${H.HOST}:${s.ports.worker}/healthz`)).status === 200,
					{ timeoutMs: 20000 },
				);
				report.log(
					`      main ${s.mainUrl}, webhook processor ${s.webhookUrl}, worker /healthz on port ` +
						`${s.ports.worker}; Postgres ${s.postgres.port}, Redis ${s.redis.port}`,
				);
				return s;
			},
			{ fatal: true },
		);
		if (report.aborted) return report;

		api = await report.step(
			"owner and public-API key (REST on main); main lists the package's nodes",
			async () => {
				const c = new H.N8nClient(stack.mainUrl);
				await c.ownerOrLogin(OWNER);
				await c.createApiKey('e2e-queue');
				const nodes = new Set((await c.request('GET', '/types/nodes.json')).map((n) => n.name));
				for (const t of [TYPES.cloze, TYPES.trigger, TYPES.feed])
					assert.ok(nodes.has(t), `main does not list ${t}`);
				return c;
			},
			{ fatal: true },
		);
		if (report.aborted) return report;

		// ------------------------------------------------ Cloze Trigger: activation on main
		let subscription;
		let target;
		subscription = await report.step(
			"activation on main: exactly one Cloze subscription, its target_url the webhook processor's",
			async () => {
				const subs = await H.waitFor(
					'one subscription',
					async () => {
						const s = (await sim.get('/__sim/state')).subscriptions;
						return s.length ? s : null;
					},
					{ timeoutMs: 30000 },
				);
				await H.sleep(1000);
				const all = (await sim.get('/__sim/state')).subscriptions;
				assert.equal(
					all.length,
					1,
					`subscriptions: ${JSON.stringify(all.map((s) => s.target_url))}`,
				);
				const url = new URL(subs[0].target_url);
				assert.equal(
					`${url.origin}${url.pathname}`,
					`${stack.webhookUrl}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`,
				);
				assert.notEqual(url.port, String(stack.ports.main));
				assert.equal(subs[0].suspended, false);
				const subscribes = (await sim.get('/__sim/requests?path=/v1/webhooks/subscribe')).requests;
				assert.equal(subscribes.length, 1, `subscribe calls: ${subscribes.length}`);
				target = D.targetOf(subs[0]);
				return subs[0];
			},
		);

		// ------------------------------------------------ Cloze Feed Trigger: first poll on main
		const feedRecords = [];
		await report.step(
			'feed trigger: main polls at activation; a person created in Cloze afterwards',
			async () => {
				await H.waitFor(
					'the activation poll of the feed',
					async () => (await sim.get('/__sim/requests?path=/v1/people/feed')).requests.length > 0,
					{ timeoutMs: 30000 },
				);
				feedRecords.push(
					(
						await sim.post('/__sim/seed', {
							people: { count: 1, defaults: { name: 'Feed Before 0001' } },
						})
					).people[0],
				);
			},
		);

		const deliverAndCheck = async (expected) => {
			const before = (await sim.get('/__sim/deliveries')).deliveries.length;
			const person = (
				await sim.post('/__sim/seed', { people: { count: 1, defaults: { stage: 'lead' } } })
			).people[0];
			await sim.post('/__sim/change', {
				kind: 'person',
				uniqueid: person.direct || person.emails[0].value,
				patch: { stage: 'current' },
			});
			const fresh = await H.waitFor(
				'the delivery',
				async () => {
					const d = (await sim.get('/__sim/deliveries')).deliveries.slice(before);
					return d.length ? d : null;
				},
				{ timeoutMs: 20000 },
			);
			assert.equal(fresh.length, 1, `deliveries: ${fresh.length}`);
			const d = fresh[0];
			assert.equal(
				new URL(d.url || d.target_url || subscription.target_url).port,
				String(stack.ports.webhook),
				'not delivered to the webhook processor',
			);
			assert.equal(d.status, 200, `delivery answered ${d.status} ${d.responseBody}`);
			assert.equal(d.responseBody, 'OK');
			assert.match(String(d.contentType), /^text\/plain/);
			assert.equal(d.suspended, false);
			const execs = await H.waitFor(
				`execution #${expected} of the trigger workflow`,
				async () => {
					const list = await D.allExecutions(api, TRIGGER_WF, { includeData: true });
					return list.length >= expected &&
						list.every(
							(e) =>
								e.finished ||
								e.status === 'success' ||
								e.status === 'crashed' ||
								e.status === 'error',
						)
						? list
						: null;
				},
				{ timeoutMs: 60000, intervalMs: 500 },
			);
			const mine = execs.filter((e) =>
				(nodeItems(e.data.resultData.runData, 'Stage Change') || []).some(
					(i) => i.who === person.name,
				),
			);
			assert.equal(mine.length, 1, `executions carrying ${person.name}: ${mine.length}`);
			const e = mine[0];
			assert.equal(e.status, 'success', `execution ${e.id}: ${e.status}`);
			const items = nodeItems(e.data.resultData.runData, 'Cloze Trigger');
			assert.equal(items.length, 1, `trigger items: ${JSON.stringify(items).slice(0, 300)}`);
			assert.equal(items[0].event, 'person.audit.change');
			assert.equal(items[0].subscriptionId, subscription.uniqueid ?? subscription.uniqueId);
			assert.equal(items[0].person.name, person.name);
			assert.deepEqual(
				{ before: items[0].changes.stage.before, after: items[0].changes.stage.after },
				{ before: 'lead', after: 'current' },
			);
			const id = String(e.id);
			await H.waitFor(
				`the worker's log line for execution ${id}`,
				() => startedIds(stack.output('worker')).has(id),
				{ timeoutMs: 10000 },
			);
			assert.ok(
				enqueuedIds(stack.output('webhook')).has(id),
				`the webhook processor did not log "Enqueued execution ${id}"`,
			);
			assert.ok(
				!startedIds(stack.output('main')).has(id) && !startedIds(stack.output('webhook')).has(id),
				`execution ${id} ran outside the worker`,
			);
			return id;
		};

		if (subscription) {
			await report.step(
				'a change delivered by Cloze reaches the webhook processor, answered exactly "OK", ' +
					'executed on the worker with the right items',
				async () => {
					const id = await deliverAndCheck(1);
					report.log(`      execution ${id}: enqueued by the webhook processor, run by the worker`);
				},
			);
		}

		// ------------------------------------------------ forged deliveries
		const record = (
			await sim.post('/__sim/seed', { people: { count: 1, defaults: D.PERSON_DEFAULTS } })
		).people[0];
		if (target) {
			const forged = D.forgedDeliveries(target, record);
			await report.step(
				`${forged.length} forged deliveries to the webhook processor, and a genuine one to main: ` +
					'refused or acknowledged, 0 executions',
				async () => {
					// The trigger workflow's executions (the feed trigger polls meanwhile and runs its own).
					const count = async () =>
						Number(
							(
								await stack.postgres.psql(
									`SELECT count(*) FROM execution_entity WHERE "workflowId" = '${TRIGGER_WF}'`,
								)
							)[0],
						);
					const before = await count();
					const answers = await D.pool(
						forged,
						FORGED_CONCURRENCY,
						(f) => D.send({ ...f.request, timeoutMs: 15000 }),
						{ deadlineMs: 180000 },
					);
					const wrong = [];
					const byAnswer = {};
					forged.forEach((f, i) => {
						const a = answers[i];
						const key = !a
							? 'not sent'
							: /^text\/plain/.test(a.contentType)
								? `${a.status} ${a.text.slice(0, 20)}`
								: `${a.status || 'no answer'} (n8n)`;
						byAnswer[key] = (byAnswer[key] || 0) + 1;
						if (!a || !D.answerMatches(a, f.expect))
							wrong.push(
								`${f.category}: expected ${D.describeAnswer(f.expect)}, got ` +
									(a
										? `${a.status} ${JSON.stringify(a.text.slice(0, 120))} ${a.error || ''}`
										: 'not sent'),
							);
					});
					report.log(
						`      ${Object.entries(byAnswer)
							.map(([k, v]) => `${v} x ${k}`)
							.join(', ')}`,
					);
					assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} unexpected answers`);
					// The main process serves no production webhook (N8N_DISABLE_PRODUCTION_MAIN_PROCESS).
					const toMain = new URL(target.url);
					toMain.port = String(stack.ports.main);
					const a = await D.send({
						...D.genuineRequest({ ...target, url: toMain.toString() }, record, 0, 'ToMain'),
						timeoutMs: 15000,
					});
					assert.ok(!(a.status === 200 && a.text === 'OK'), 'the main process accepted a delivery');
					report.log(
						`      a genuine delivery sent to main: ${a.status} ` +
							`${JSON.stringify(a.text.slice(0, 80))}`,
					);
					await H.sleep(3000);
					assert.equal((await count()) - before, 0, 'forged deliveries started executions');
					assert.ok(
						stack.webhook && stack.webhook.child.exitCode === null,
						'the webhook processor exited',
					);
				},
			);
		}

		// ------------------------------------------------ burst
		if (target) {
			await report.step(
				`burst: ${BURST} deliveries, ${BURST_CONCURRENCY} at a time -> ${BURST} "OK", ${BURST} ` +
					'executions on the worker, 0 lost, 0 twice',
				async () => {
					const requests = Array.from({ length: BURST }, (_, i) =>
						D.genuineRequest(target, record, i, 'Burst'),
					);
					const t0 = Date.now();
					const answers = await D.pool(
						requests,
						BURST_CONCURRENCY,
						(r) => D.send({ ...r, timeoutMs: 60000 }),
						{ deadlineMs: 240000 },
					);
					const answeredIn = (Date.now() - t0) / 1000;
					const times = answers.filter(Boolean).map((a) => a.ms);
					const notOk = answers
						.map((a, i) => [a, i])
						.filter(([a]) => !D.answerMatches(a, D.ANSWERS.ok));
					report.log(
						`      ${BURST} answered in ${answeredIn.toFixed(1)} s ` +
							`(${(BURST / answeredIn).toFixed(0)}/s; p50 ${D.percentile(times, 50).toFixed(0)} ` +
							`ms, p99 ${D.percentile(times, 99).toFixed(0)} ms)`,
					);
					assert.deepEqual(
						notOk
							.slice(0, 5)
							.map(
								([a, i]) =>
									`#${i}: ` +
									(a
										? `${a.status} ${JSON.stringify(a.text.slice(0, 80))} ${a.error || ''}`
										: 'not sent'),
							),
						[],
						`${notOk.length} not answered exactly OK`,
					);
					const expected = BURST + 1;
					await H.waitFor(
						`${expected} finished executions in Postgres`,
						async () => {
							const rows = await dbExecutions(stack.postgres.psql, TRIGGER_WF, { withData: false });
							return (
								rows.filter(
									(e) => e.status === 'success' || e.status === 'error' || e.status === 'crashed',
								).length >= expected
							);
						},
						{ timeoutMs: 240000, intervalMs: 2000 },
					);
					const drainedIn = (Date.now() - t0) / 1000;
					const rows = await dbExecutions(stack.postgres.psql, TRIGGER_WF);
					assert.equal(rows.length, expected, `executions: ${rows.length}`);
					const notSuccess = rows.filter((e) => e.status !== 'success');
					assert.equal(
						notSuccess.length,
						0,
						`${notSuccess.length} executions did not succeed: ${notSuccess
							.slice(0, 3)
							.map((e) => `${e.id} ${e.status}`)
							.join(', ')}`,
					);
					const counts = nameCounts(rows, 'Burst');
					const wrongCount = requests
						.map((_, i) => `Burst ${String(i).padStart(4, '0')}`)
						.filter((n) => counts.get(n) !== 1);
					assert.deepEqual(
						wrongCount.slice(0, 5).map((n) => `${n}: ${counts.get(n) || 0}`),
						[],
						`${wrongCount.length} deliveries not executed exactly once`,
					);
					const onWorker = startedIds(stack.output('worker'));
					const elsewhere = rows.filter((e) => !onWorker.has(e.id));
					assert.equal(
						elsewhere.length,
						0,
						`${elsewhere.length} executions not started by the worker (e.g. ${elsewhere
							.slice(0, 3)
							.map((e) => e.id)
							.join(', ')})`,
					);
					report.queueBurst = {
						answeredIn,
						drainedIn,
						p50: D.percentile(times, 50),
						p99: D.percentile(times, 99),
					};
					report.log(
						`      ${BURST} executions finished ${drainedIn.toFixed(1)} s after the first ` +
							`delivery (${(BURST / drainedIn).toFixed(1)}/s), each by the worker, each delivery ` +
							'exactly once',
					);
				},
			);
		}

		// ------------------------------------------------ restart of main
		await report.step(
			'restart main: still exactly one subscription (no new subscribe), deliveries still run on ' +
				'the worker',
			async () => {
				await stack.stop('main');
				const feedBefore = (await sim.get('/__sim/requests?path=/v1/people/feed')).requests.length;
				const subscribesBefore = (await sim.get('/__sim/requests?path=/v1/webhooks/subscribe'))
					.requests.length;
				mainStarts.push(Date.now());
				await stack.start('main');
				const key = api.apiKey;
				api = new H.N8nClient(stack.mainUrl);
				api.apiKey = key;
				await api.login(OWNER);
				await H.waitFor(
					"the workflows to be activated again (the feed's activation poll)",
					async () =>
						(await sim.get('/__sim/requests?path=/v1/people/feed')).requests.length > feedBefore,
					{
						timeoutMs: 60000,
					},
				);
				feedRecords.push(
					(
						await sim.post('/__sim/seed', {
							people: { count: 1, defaults: { name: 'Feed After 0002' } },
						})
					).people[0],
				);
				await H.sleep(2000);
				const checked = (await sim.get('/__sim/requests?path=/v1/webhooks')).requests.filter(
					(r) => r.time >= mainStarts[mainStarts.length - 1],
				).length;
				report.log(
					'      on restart main ' +
						(checked
							? 'checked the subscription (checkExists)'
							: 'did not call checkExists (kept the stored webhook)'),
				);
				const subs = (await sim.get('/__sim/state')).subscriptions;
				assert.equal(subs.length, 1, `subscriptions after restart: ${subs.length}`);
				assert.equal(
					subs[0].uniqueid ?? subs[0].uniqueId,
					subscription.uniqueid ?? subscription.uniqueId,
					'the subscription changed',
				);
				assert.equal(
					(await sim.get('/__sim/requests?path=/v1/webhooks/subscribe')).requests.length,
					subscribesBefore,
					'main subscribed again',
				);
				const total = (await dbExecutions(stack.postgres.psql, TRIGGER_WF, { withData: false }))
					.length;
				await deliverAndCheck(total + 1);
				// The feed execution of the person created after the restart ends before the next step
				// kills the worker: an execution the killed worker holds is recorded as failed, with no
				// run data, and not run again (as that step shows for deliveries).
				await H.waitFor(
					'the feed execution carrying Feed After 0002 to end',
					async () =>
						(await dbExecutions(stack.postgres.psql, FEED_WF)).some(
							(e) => e.status === 'success' && namesIn(e, 'Feed After').size > 0,
						),
					{ timeoutMs: 90000, intervalMs: 2000 },
				);
			},
		);

		// ------------------------------------------------ a worker killed during a burst
		let killOk = [];
		let lastBeforeKill = 0;
		if (target) {
			await report.step(
				`worker SIGKILLed after ${KILL_AFTER} of ${KILL_BURST} deliveries, then restarted: every ` +
					'delivery still answered "OK", the queue drains',
				async () => {
					const requests = Array.from({ length: KILL_BURST }, (_, i) =>
						D.genuineRequest(target, record, i, 'Kill'),
					);
					lastBeforeKill = Math.max(
						0,
						...(await dbExecutions(stack.postgres.psql, TRIGGER_WF, { withData: false })).map((e) =>
							Number(e.id),
						),
					);
					let ok = 0;
					let killing;
					const answers = await D.pool(
						requests,
						BURST_CONCURRENCY,
						async (r) => {
							const a = await D.send({ ...r, timeoutMs: 60000 });
							if (D.answerMatches(a, D.ANSWERS.ok) && ++ok === KILL_AFTER)
								killing = stack.kill('worker');
							return a;
						},
						{ deadlineMs: 240000 },
					);
					await killing;
					assert.ok(killing, 'the worker was not killed');
					const startedBeforeKill = [...startedIds(stack.logs.worker)].length;
					killOk = requests
						.map((_, i) => i)
						.filter((i) => D.answerMatches(answers[i], D.ANSWERS.ok))
						.map((i) => `Kill ${String(i).padStart(4, '0')}`);
					assert.equal(
						killOk.length,
						KILL_BURST,
						`${KILL_BURST - killOk.length} deliveries not answered OK while the worker was down`,
					);
					const waiting = Number(await stack.redis.cli('LLEN', 'bull:jobs:wait'));
					report.log(
						`      worker killed after ${KILL_AFTER} OK; all ${KILL_BURST} answered OK; ` +
							`${waiting} jobs waiting in Redis; restarting the worker`,
					);
					await stack.start('worker');
					await H.waitFor(
						'the queue to drain (Bull: no job waiting or active)',
						async () => {
							const [w, act] = [
								Number(await stack.redis.cli('LLEN', 'bull:jobs:wait')),
								Number(await stack.redis.cli('LLEN', 'bull:jobs:active')),
							];
							return w === 0 && act === 0;
						},
						{ timeoutMs: 120000, intervalMs: 1000 },
					);
					report.log(
						'      queue drained; worker log lines "Worker started execution" before the kill: ' +
							`${startedBeforeKill}`,
					);
				},
			);
		}

		if (target) {
			await report.step(
				`after the kill: ${KILL_BURST} deliveries answered "OK" -> ${KILL_BURST} execution ` +
					'records, each delivery run once or recorded as failed (it was running on the killed ' +
					'worker)',
				async () => {
					// The jobs the killed worker held stay "active" in Redis until their lock expires; the
					// restarted worker then finds them stalled and, as n8n sets Bull's maxStalledCount to 0,
					// fails them; the process that enqueued them (the webhook processor) records the
					// execution as an error (MaxStalledCountError) with empty run data: the delivery is not
					// run again.
					const rows = await H.waitFor(
						'no execution of the kill burst left "new" or "running"',
						async () => {
							const all = (await dbExecutions(stack.postgres.psql, TRIGGER_WF)).filter(
								(e) => Number(e.id) > lastBeforeKill,
							);
							return all.length >= KILL_BURST &&
								all.every((e) => !['new', 'running', 'waiting'].includes(e.status))
								? all
								: null;
						},
						{ timeoutMs: 90000, intervalMs: 2000 },
					);
					assert.equal(
						rows.length,
						KILL_BURST,
						`${rows.length} execution records for ${KILL_BURST} acknowledged deliveries`,
					);
					const byStatus = {};
					for (const e of rows) byStatus[e.status] = (byStatus[e.status] || 0) + 1;
					const succeeded = rows.filter((e) => e.status === 'success');
					const counts = nameCounts(succeeded, 'Kill');
					const twice = [...counts].filter(([, n]) => n !== 1);
					assert.deepEqual(twice.slice(0, 5), [], 'deliveries run more than once');
					assert.ok(
						succeeded.every((e) => namesIn(e, 'Kill').size === 1),
						'a successful execution without exactly one delivery',
					);
					const stalled = rows.filter((e) => e.status !== 'success');
					const notStalled = stalled.filter(
						(e) => !/failed to be processed too many times|stalled/i.test(e.data || ''),
					);
					assert.deepEqual(
						notStalled.slice(0, 3).map((e) => `${e.id} ${e.status}`),
						[],
						'records neither successful nor failed as stalled',
					);
					const notRun = killOk.filter((n) => !counts.has(n));
					assert.equal(
						notRun.length,
						stalled.length,
						`${notRun.length} deliveries not run vs ${stalled.length} records failed as stalled`,
					);
					assert.ok(
						stalled.length <= WORKER_CONCURRENCY,
						`${stalled.length} executions failed: more than the ${WORKER_CONCURRENCY} the killed ` +
							'worker can have been running',
					);
					// Only deliveries queued before the kill can have been running on the killed worker:
					// every one sent after it (from at most BURST_CONCURRENCY in flight past the
					// KILL_AFTER-th) ran.
					const late = notRun.filter((n) => Number(n.slice(-4)) >= KILL_AFTER + BURST_CONCURRENCY);
					assert.deepEqual(late, [], 'deliveries sent after the kill that did not run');
					report.log(
						`      ${rows.length} execution records: ${Object.entries(byStatus)
							.map(([k, v]) => `${v} ${k}`)
							.join(', ')}; not run: ${notRun.join(', ') || 'none'}`,
					);
					report.killOutcome = { records: rows.length, byStatus, notRun: notRun.length };
				},
			);
		}

		// ------------------------------------------------ Cloze Feed Trigger
		await report.step(
			'feed trigger: polls on main only, executions on the worker, each new person exactly once ' +
				'(also across the restart of main)',
			async () => {
				const carrying = (rows, r) => rows.filter((e) => String(e.data || '').includes(r.name));
				await H.waitFor(
					'a feed execution for each new person',
					async () => {
						const rows = await dbExecutions(stack.postgres.psql, FEED_WF);
						return feedRecords.every((r) => carrying(rows, r).length >= 1);
					},
					{ timeoutMs: 150000, intervalMs: 2000 },
				);
				const polls = (await sim.get('/__sim/requests?path=/v1/people/feed')).requests.length;
				await H.waitFor(
					'one more feed poll',
					async () =>
						(await sim.get('/__sim/requests?path=/v1/people/feed')).requests.length > polls,
					{ timeoutMs: 75000, intervalMs: 1000 },
				);
				// Counted once every feed execution has ended (its data is then the worker's final one).
				const rows = await H.waitFor(
					'every feed execution to end',
					async () => {
						const all = await dbExecutions(stack.postgres.psql, FEED_WF);
						return all.every((e) => !['new', 'running'].includes(e.status)) && all;
					},
					{ timeoutMs: 60000, intervalMs: 1000 },
				);
				// What a failure needs to be understood: each execution with the names it carries, and
				// each poll (its time and cursor).
				const requests = (await sim.get('/__sim/requests?path=/v1/people/feed')).requests;
				const detail =
					'\n' +
					rows
						.map(
							(e) =>
								`execution ${e.id}: ${e.status}, ${String(e.data || '').length} characters, ` +
								`carries ${[...namesIn(e, 'Feed (?:Before|After)')].join(', ') || 'no name'}`,
						)
						.concat(
							requests.map(
								(r) =>
									`poll +${((r.time - mainStarts[0]) / 1000).toFixed(1)} s: ${r.status} ` +
									JSON.stringify(
										Object.fromEntries(
											Object.entries(r.query).filter(([k]) => !/key|token/i.test(k)),
										),
									),
							),
						)
						.join('\n');
				for (const r of feedRecords)
					assert.equal(
						carrying(rows, r).length,
						1,
						`executions carrying ${r.name}: ${carrying(rows, r).length}${detail}`,
					);
				assert.ok(
					rows.every((e) => e.status === 'success'),
					`feed executions: ${rows.map((e) => e.status).join(', ')}${detail}`,
				);
				const onWorker = startedIds(stack.output('worker'));
				assert.deepEqual(
					rows.filter((e) => !onWorker.has(e.id)).map((e) => e.id),
					[],
					'feed executions not started by the worker',
				);
				// One poll per minute (and one per activation of main), not one per process. Each start of
				// main brings its activation poll and a schedule of its own, whose partial minute can add
				// one scheduled poll: at most floor(span) + 2 per start (5 in 1.9 min with one restart).
				const span = (Date.now() - mainStarts[0]) / 60000;
				const most = Math.floor(span) + 2 * mainStarts.length;
				const when = requests
					.map(
						(r) =>
							`+${((r.time - mainStarts[0]) / 1000).toFixed(1)} s ` +
							`(:${String(new Date(r.time).getUTCSeconds()).padStart(2, '0')})`,
					)
					.join(', ');
				report.log(
					`      ${requests.length} feed requests in ${span.toFixed(1)} min ` +
						`(${mainStarts.length} starts of main, restart at ` +
						`+${((mainStarts[1] - mainStarts[0]) / 1000).toFixed(0)} s): ${when}; ${rows.length} ` +
						'feed executions, all by the worker',
				);
				assert.ok(
					requests.length <= most,
					`${requests.length} feed requests in ${span.toFixed(1)} min: more than one poller`,
				);
				// Pollers on several processes would fire on the same cron second: at every minute,
				// requests less than a second apart. One poller has such a pair at most once per activation
				// (its activation poll can fall next to its first scheduled one).
				const times = requests.map((r) => r.time).sort((x, y) => x - y);
				const close = times.slice(1).filter((t, i) => t - times[i] < 1000).length;
				assert.ok(
					close <= mainStarts.length,
					`${close} feed requests less than a second after another: more than one poller`,
				);
			},
		);

		// ------------------------------------------------ deactivation
		await report.step('deactivation (public API on main): 0 subscriptions', async () => {
			await sim.del('/__sim/requests');
			await api.api('POST', `/workflows/${TRIGGER_WF}/deactivate`);
			await H.waitFor(
				'no subscription',
				async () => (await sim.get('/__sim/state')).subscriptions.length === 0,
				{ timeoutMs: 20000 },
			);
			const unsub = (await sim.get('/__sim/requests?path=/v1/webhooks/unsubscribe')).requests;
			assert.ok(
				unsub.length >= 1 && unsub[0].status === 200,
				'no successful POST /v1/webhooks/unsubscribe',
			);
			await api.api('POST', `/workflows/${FEED_WF}/deactivate`);
		});

		await report.step(
			'logs: no package errors on any process; no execution ran on main or the webhook processor',
			async () => {
				const bad = [];
				for (const role of ['main', 'worker', 'webhook']) {
					const out = stack.output(role);
					// n8n's own stack traces name the cache folder (~/.cache/n8n-nodes-cloze) and the user
					// folders (/tmp/cloze-e2e-…): not the package.
					for (const l of out
						.split('\n')
						.map((x) => x.split(install.dir).join('<n8n>').split(tmpRoot).join('<tmp>'))) {
						if (/cloze/i.test(l) && /error|failed|unrecognized/i.test(l)) bad.push(`${role}: ${l}`);
					}
					if (role !== 'worker' && startedIds(out).size)
						bad.push(`${role} started ${startedIds(out).size} execution(s)`);
				}
				assert.deepEqual(bad.slice(0, 5), []);
			},
		);
	} finally {
		if (stack) await stack.stopAll();
		if (sim) await sim.stop();
		report.secs = Math.round((Date.now() - started) / 1000);
		if (report.steps.some((s) => s.status === 'fail'))
			report.log(`logs: ${dir} (set E2E_KEEP=1 to keep them)`);
	}
	return report;
}

module.exports = { runQueue };
