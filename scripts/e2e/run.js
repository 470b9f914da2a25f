#!/usr/bin/env node
'use strict';
/*
 * End-to-end suite: the packed package in a real n8n, the oldest and the newest supported n8n,
 * against the Cloze simulator. `npm run test:e2e` (build first: `npm run build`).
 *
 *   E2E_N8N_VERSIONS=2.41.1   only these versions (comma-separated; default: 2.8.4,2.41.1)
 *   E2E_KEEP=1                keep the temporary folders (n8n user folders, logs) for inspection
 *   E2E_VERBOSE=1             print n8n's output of failed steps in full
 *   E2E_TARBALL=path.tgz      test this tarball instead of packing the clone
 *   E2E_ONLY=mcp,examples     only these groups of steps (comma-separated; default: all): actions,
 *                             triggers, examples, oauth, load, mcp (installing, starting n8n, the
 *                             types and credential checks and the secret search always run), and
 *                             queue: the suite in n8n's queue mode (queue.js; E2E_ONLY=queue runs
 *                             only it, without the single-process run)
 *   E2E_QUEUE_VERSIONS=2.41.1 the versions the queue-mode suite runs on, side by side (default:
 *                             2.8.4,2.41.1)
 *
 * Per version: install n8n (cached outside the clone, see n8n-install.js), unpack the tarball into
 * $N8N_USER_FOLDER/.n8n/nodes/node_modules/n8n-nodes-cloze, import a Cloze API and a Cloze OAuth2
 * API credential pointing at the simulator (started with an API key of this run only), run the
 * action workflows with `n8n execute`, start n8n, check the node and credential types it lists,
 * test the credential through the REST API, activate the Cloze Trigger and the Cloze Feed Trigger,
 * deliver changes, restart, deactivate, run the examples; connect a Cloze OAuth2 API credential
 * through n8n's own OAuth2 flow against the simulator's authorization server (reached through
 * CREDENTIALS_OVERWRITE_DATA) and run OAuth2 workflows across a token expiry and a revoked grant
 * (oauth.js); then a second Cloze Trigger receives a
 * generated set of forged deliveries (none may run, n8n stays up), a genuine one, and a burst of
 * 1,000 genuine ones (each answered exactly OK, each executed once), all sent straight to n8n
 * (deliveries.js); finally n8n stops and its logs, its database, the URLs the simulator logged and
 * every error message and answer the suite saw are searched for the API key and every OAuth token
 * the simulator issued. Then, per version of E2E_QUEUE_VERSIONS, the suite in queue mode (queue.js:
 * PostgreSQL, Redis, n8n main + worker + webhook processor). Prints one summary line per mode and
 * version (`e2e single 2.41.1: PASS 58/58`, `e2e queue 2.41.1: PASS 15/15`) and exits non-zero when
 * any step failed.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const assert = require('node:assert/strict');

const H = require('./harness');
const { Report } = require('./report');
const { ensureN8n, VERSIONS } = require('./n8n-install');
const {
	TYPES,
	stageChangeTriggerWorkflow,
	feedTriggerWorkflow,
	nodeItems,
	nodeError,
} = require('./workflows');
const { actionScenarios } = require('./scenarios');
const D = require('./deliveries');
const { runOAuth2, credentialOverwrites, issuedTokens } = require('./oauth');
const { runMcp } = require('./mcp');
const { runQueue } = require('./queue');

// The examples reference this credential; the suite and the demo create it with this id.
const CREDENTIAL = { id: 'clozeApiExample1', name: 'Cloze account' };
const OAUTH_CREDENTIAL = { id: 'clozeOAuth2E2e01', name: 'Cloze OAuth2 account' };
const EXAMPLES_DIR = path.join(H.ROOT, 'examples');
const { OWNER } = H;
const TRIGGER_WF = 'clozeE2eTrigger1';
const FEED_WF = 'clozeE2eFeedTrg1';
const TRIGGER_WEBHOOK_ID = '0f7e2c4a-5b1d-4c3e-9a8f-6d2b1c0e9f11';
// A second Cloze Trigger for the forged deliveries and the burst: activated after the others are
// deactivated, so that its executions and its subscription are the only ones.
const LOAD_WF = 'clozeE2eLoadTrg1';
const LOAD_WEBHOOK_ID = '3d9a7b2c-1e4f-4a6b-8c5d-2f1e0a9b8c7d';
const FORGED_CONCURRENCY = 20;
const BURST = 1000;
const BURST_CONCURRENCY = 20;

const versions = (process.env.E2E_N8N_VERSIONS || Object.keys(VERSIONS).join(','))
	.split(',')
	.map((v) => v.trim())
	.filter(Boolean);
const keep = process.env.E2E_KEEP === '1';
const GROUPS = ['actions', 'triggers', 'examples', 'oauth', 'load', 'mcp', 'queue'];
const only = (process.env.E2E_ONLY || '')
	.split(',')
	.map((g) => g.trim())
	.filter(Boolean);
for (const g of only)
	if (!GROUPS.includes(g))
		throw new Error(`E2E_ONLY: unknown group "${g}" (groups: ${GROUPS.join(', ')})`);
/** Whether a group of steps runs (E2E_ONLY). */
const wants = (group) => !only.length || only.includes(group);
/** The single-process run happens unless E2E_ONLY names the queue-mode suite alone. */
const singleRun = !only.length || only.some((g) => g !== 'queue');
const queueVersions = (process.env.E2E_QUEUE_VERSIONS || Object.keys(VERSIONS).join(','))
	.split(',')
	.map((v) => v.trim())
	.filter(Boolean);
for (const v of queueVersions)
	if (!(v in VERSIONS))
		throw new Error(
			`E2E_QUEUE_VERSIONS: unsupported n8n version ${v} (supported: ` +
				`${Object.keys(VERSIONS).join(', ')})`,
		);

// ---------------------------------------------------------------------------------- one version

async function runVersion(version, { tarball, tmpRoot, contents, installing }) {
	const report = new Report(version);
	const started = Date.now();
	const dir = path.join(tmpRoot, `n8n-${version}`);
	fs.mkdirSync(dir, { recursive: true });
	const userFolder = path.join(dir, 'user');
	const logFile = path.join(dir, 'n8n.log');
	let install;
	let sim;
	let server;
	let env;
	const client = () => new H.N8nClient(server.url);
	let api;

	const cliEnv = async () => ({ ...env, N8N_RUNNERS_BROKER_PORT: String(await H.freePort()) });
	/** Output of every n8n CLI command (searched for secrets at the end). */
	const cliOutputs = [];
	const cli = async (args, opts) => {
		try {
			const r = await H.n8nCli(install, await cliEnv(), args, opts);
			cliOutputs.push(`${r.stdout}\n${r.stderr}`);
			return r;
		} catch (e) {
			if (e.result) cliOutputs.push(`${e.result.stdout}\n${e.result.stderr}`);
			throw e;
		}
	};
	/** Every URL the simulator logged, gathered before each clear of its log. */
	const simUrls = [];
	// A key of this run only: found anywhere it must not be, it can only have come from the suite.
	const apiKey = `e2e-${crypto.randomBytes(24).toString('hex')}`;

	try {
		install = await report.step(
			'install n8n (or reuse the cached install)',
			async () => {
				const { install: i, error, secs } = await installing;
				report.installSecs = secs;
				if (error) throw error;
				return i;
			},
			{ fatal: true },
		);
		report.nodeVersion = install && install.nodeVersion;

		await report.step(
			'install the packed package as a community package',
			async () => {
				const { pkg } = H.installPackage(tarball, userFolder);
				assert.equal(pkg.name, 'n8n-nodes-cloze');
			},
			{ fatal: true },
		);

		sim = await report.step(
			'start the Cloze simulator',
			() => H.startSimulator({ seed: 'none', logFile: path.join(dir, 'simulator.log'), apiKey }),
			{
				fatal: true,
			},
		);
		if (report.aborted) return report;
		const clearLog = sim.del;
		sim.del = async (p) => {
			if (p === '/__sim/requests')
				simUrls.push(...(await sim.get('/__sim/requests')).requests.map((r) => r.url));
			return clearLog(p);
		};
		const port = await H.freePort();
		// The Cloze OAuth2 credential's authorization and token URLs are hidden fields set to Cloze's;
		// the instance-wide overwrite points them at the simulator (the server reads it, `n8n execute`
		// does not).
		env = H.n8nEnv(install, {
			userFolder,
			port,
			brokerPort: await H.freePort(),
			extra: { CREDENTIALS_OVERWRITE_DATA: credentialOverwrites(sim.url) },
		});

		// ------------------------------------------------ offline: credential, workflows, executions
		await report.step(
			'import the Cloze API and Cloze OAuth2 API credentials (n8n import:credentials)',
			async () => {
				const file = path.join(dir, 'credentials.json');
				const data = { email: 'dana@incfire.com', apiKey: sim.apiKey, apiUrl: sim.url };
				// OAuth2 as after the user connected: n8n keeps the token it got in oauthTokenData.
				const oauth = {
					clientId: 'e2e-client-id',
					clientSecret: 'e2e-client-secret',
					apiUrl: sim.url,
					oauthTokenData: {
						access_token: sim.oauthToken,
						token_type: 'Bearer',
						scope: 'basic read_relation',
					},
				};
				fs.writeFileSync(
					file,
					JSON.stringify(
						[
							{ ...CREDENTIAL, type: 'clozeApi', data },
							{ ...OAUTH_CREDENTIAL, type: 'clozeOAuth2Api', data: oauth },
						],
						null,
						2,
					),
				);
				await cli(['import:credentials', `--input=${file}`]);
			},
			{ fatal: true },
		);

		const scenarios = actionScenarios({
			credential: CREDENTIAL,
			oauthCredential: contents.credentials.includes('clozeOAuth2Api')
				? OAUTH_CREDENTIAL
				: undefined,
			contents,
		});
		const triggerWorkflow = wants('triggers') ? buildTriggerWorkflow(contents) : undefined;
		const loadWorkflow = wants('load')
			? buildTriggerWorkflow(contents, {
					id: LOAD_WF,
					webhookId: LOAD_WEBHOOK_ID,
					name: 'E2E: forged deliveries and burst',
				})
			: undefined;
		const feedWorkflow = wants('triggers') ? buildFeedWorkflow(contents) : undefined;
		const examples = loadExamples();
		const workflows = [...scenarios.filter((s) => !s.missing).map((s) => s.workflow), ...examples];
		if (triggerWorkflow) workflows.push(triggerWorkflow, loadWorkflow);
		if (feedWorkflow) workflows.push(feedWorkflow);

		await report.step(
			`import ${workflows.length} workflows (n8n import:workflow)`,
			async () => {
				const wfDir = path.join(dir, 'workflows');
				fs.mkdirSync(wfDir, { recursive: true });
				for (const wf of workflows)
					fs.writeFileSync(path.join(wfDir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
				await cli(['import:workflow', '--separate', `--input=${wfDir}`]);
			},
			{ fatal: true },
		);

		for (const s of scenarios) {
			if (!wants('actions')) break;
			if (s.missing) {
				report.skip(`execute "${s.title}"`, `not in the package yet: ${s.missing}`);
				continue;
			}
			await report.step(`execute "${s.title}" (n8n execute)`, async () => {
				await sim.del('/__sim/requests');
				if (s.before) await s.before({ sim });
				const before = await sim.get('/__sim/state');
				const r = await cli(['execute', `--id=${s.workflow.id}`, '--rawOutput']).catch((e) => {
					throw new Error(`${e.message.split('\n')[0]}\n${executionErrorOf(e.result)}`);
				});
				const run = H.parseExecuteOutput(r.stdout);
				const runData = run.data.resultData.runData;
				for (const n of s.workflow.nodes) {
					const err = nodeError(runData, n.name);
					if (err)
						throw new Error(`node "${n.name}" failed: ${err.message} ${err.description || ''}`);
				}
				const out = (name) => {
					const items = nodeItems(runData, name);
					if (!items) throw new Error(`node "${name}" did not run`);
					return items;
				};
				const after = await sim.get('/__sim/state');
				const requests = (await sim.get('/__sim/requests')).requests;
				await s.verify({ out, before, after, requests, sim });
			});
		}

		if (triggerWorkflow) {
			await report.step('publish the Cloze Trigger workflow (n8n publish:workflow)', () =>
				activateOffline(cli, install, TRIGGER_WF),
			);
		} else
			report.skip(
				'Cloze Trigger',
				wants('triggers') ? 'node not in the package' : 'not in E2E_ONLY',
			);
		if (feedWorkflow) {
			await report.step('publish the Cloze Feed Trigger workflow (n8n publish:workflow)', () =>
				activateOffline(cli, install, FEED_WF),
			);
		} else
			report.skip(
				'Cloze Feed Trigger',
				wants('triggers') ? 'node not in the package' : 'not in E2E_ONLY',
			);

		// ------------------------------------------------ server
		await sim.del('/__sim/requests');
		server = await report.step(
			'start n8n (n8n start)',
			() => H.startN8n(install, env, { logFile }),
			{ fatal: true },
		);
		if (report.aborted) return report;
		api = client();

		await report.step(
			'create the owner and a public-API key (REST)',
			async () => {
				await api.ownerOrLogin(OWNER);
				await api.createApiKey('e2e');
			},
			{ fatal: true },
		);

		await report.step(
			'n8n lists every node and credential of the package (/types/*.json)',
			async () => {
				const nodes = await api.request('GET', '/types/nodes.json');
				const creds = await api.request('GET', '/types/credentials.json');
				const nodeNames = new Set(nodes.map((n) => n.name));
				const credNames = new Set(creds.map((c) => c.name));
				for (const t of [TYPES.cloze, TYPES.trigger, TYPES.feed, ...contents.nodes]) {
					const listed =
						[...nodeNames].filter((n) => n.includes('cloze')).join(', ') || 'no cloze nodes';
					assert.ok(nodeNames.has(t), `node type ${t} is not listed (${listed})`);
				}
				for (const c of ['clozeApi', 'clozeOAuth2Api', ...contents.credentials]) {
					assert.ok(credNames.has(c), `credential type ${c} is not listed`);
				}
				assert.ok(
					!/Failed to load|Error loading package/i.test(
						server.output
							.split('\n')
							.filter((l) => /cloze/i.test(l))
							.join('\n'),
					),
					'n8n logged a load error for the package',
				);
			},
		);

		await report.step(
			'credential test through the REST API: right key OK, wrong key refused',
			async () => {
				const base = { id: CREDENTIAL.id, name: CREDENTIAL.name, type: 'clozeApi' };
				const good = await api.rest('POST', '/credentials/test', {
					credentials: {
						...base,
						data: { email: 'dana@incfire.com', apiKey: sim.apiKey, apiUrl: sim.url },
					},
				});
				assert.equal(good.status, 'OK', `right key: ${JSON.stringify(good)}`);
				const bad = await api.rest('POST', '/credentials/test', {
					credentials: {
						...base,
						data: { email: 'dana@incfire.com', apiKey: 'wrong-key', apiUrl: sim.url },
					},
				});
				assert.equal(bad.status, 'Error', `wrong key: ${JSON.stringify(bad)}`);
				report.credentialTestMessage = bad.message;
				report.seen.push(bad.message, JSON.stringify(good));
				// The credential's test rules quote Cloze's documented answer to a wrong key and name the
				// fix.
				assert.match(
					bad.message,
					/Invalid token: access token is invalid/,
					`wrong key message: ${bad.message}`,
				);
				assert.match(bad.message, /API key/i, `wrong key message: ${bad.message}`);
				report.log(`      wrong key -> "${bad.message}"`);
				const profileCalls = (await sim.get('/__sim/requests?path=/v1/user/profile')).requests;
				assert.ok(
					profileCalls.some((r) => r.headers.authorization === 'Bearer wrong-key'),
					'the wrong key never reached the simulator',
				);
			},
		);

		// ------------------------------------------------ Cloze Trigger
		let subscription;
		if (triggerWorkflow) {
			subscription = await report.step(
				'activation on start: exactly one Cloze subscription',
				async () => {
					const subs = await H.waitFor(
						'one subscription',
						async () => {
							const s = (await sim.get('/__sim/state')).subscriptions;
							return s.length ? s : null;
						},
						{ timeoutMs: 30000 },
					);
					assert.equal(subs.length, 1, `subscriptions: ${JSON.stringify(subs)}`);
					const sub = subs[0];
					assert.equal(sub.event, 'person.audit.change');
					const url = new URL(sub.target_url);
					assert.equal(
						`${url.origin}${url.pathname}`,
						`${server.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`,
					);
					assert.equal(sub.suspended, false);
					return sub;
				},
			);
			await report.step(
				'a stage change is delivered, answered exactly "OK", and runs the workflow',
				async () => {
					await deliverStageChange({ sim, api, report, expectedExecutions: 1, subscription });
				},
			);
		}

		// ------------------------------------------------ Cloze Feed Trigger: create a record now;
		// the minute poll (or the poll at the restart below) must emit it exactly once.
		let feedRecord;
		if (feedWorkflow) {
			feedRecord = await report.step(
				'feed trigger active; a record created in Cloze afterwards',
				async () => {
					await H.waitFor(
						'the activation poll of the feed',
						async () => (await sim.get('/__sim/requests?path=/v1/people/feed')).requests.length > 0,
						{
							timeoutMs: 30000,
						},
					);
					const seeded = await sim.post('/__sim/seed', { people: 1 });
					return seeded.people[0];
				},
			);
		}

		// ------------------------------------------------ restart
		if (triggerWorkflow || feedWorkflow) {
			await report.step('restart n8n', async () => {
				await server.stop();
				await sim.del('/__sim/requests');
				server = await H.startN8n(install, env, { logFile });
				const apiKey = api.apiKey;
				api = client();
				api.apiKey = apiKey;
				await api.login(OWNER);
			});
		}
		if (triggerWorkflow) {
			await report.step(
				'after the restart: still exactly one subscription, still delivered',
				async () => {
					// Workflows are activated after the editor is accessible. n8n 2.8.4 runs the trigger's
					// checkExists on start (GET /v1/webhooks); n8n 2.41 keeps the stored webhook and skips
					// it. Wait for the activation (the trigger's check or the feed's first poll), then
					// settle.
					await H.waitFor(
						'the workflows to be activated again',
						async () => {
							const seen = (await sim.get('/__sim/requests')).requests;
							return seen.some(
								(r) => r.path === (feedWorkflow ? '/v1/people/feed' : '/v1/webhooks'),
							);
						},
						{ timeoutMs: 30000 },
					);
					await H.sleep(3000);
					const checked = (await sim.get('/__sim/requests?path=/v1/webhooks')).requests.length;
					report.log(
						'      on restart n8n ' +
							(checked
								? 'checked the subscription (checkExists)'
								: 'did not call checkExists (kept the stored webhook)'),
					);
					const subs = (await sim.get('/__sim/state')).subscriptions;
					assert.equal(
						subs.length,
						1,
						`subscriptions after restart: ${JSON.stringify(subs.map((s) => s.client_reference))}`,
					);
					// checkExists found it: the same subscription, no new subscribe call.
					const subscribes = (await sim.get('/__sim/requests?path=/v1/webhooks/subscribe'))
						.requests;
					assert.equal(subscribes.length, 0, 'n8n subscribed again on restart');
					if (subscription)
						assert.equal(
							subs[0].uniqueid ?? subs[0].uniqueId,
							subscription.uniqueid ?? subscription.uniqueId,
							'the subscription changed on restart',
						);
					await deliverStageChange({
						sim,
						api,
						report,
						expectedExecutions: 2,
						subscription: subs[0],
					});
				},
			);
		}

		if (feedWorkflow && feedRecord) {
			await report.step('the feed trigger emits the new record exactly once', async () => {
				const hasRecord = (e) =>
					JSON.stringify(e.data || {}).includes(feedRecord.direct || feedRecord.name);
				const execs = await H.waitFor(
					'a feed execution carrying the new record',
					async () => {
						const list = await executions(api, FEED_WF);
						return list.filter(hasRecord).length ? list : null;
					},
					{ timeoutMs: 90000, intervalMs: 1000 },
				);
				// One more poll after the emitting one, then count again.
				const polls = (await sim.get('/__sim/requests?path=/v1/people/feed')).requests.length;
				await H.waitFor(
					'one more feed poll',
					async () =>
						(await sim.get('/__sim/requests?path=/v1/people/feed')).requests.length > polls,
					{
						timeoutMs: 80000,
						intervalMs: 1000,
					},
				);
				await H.sleep(2000);
				const all = await executions(api, FEED_WF);
				const carrying = all.filter(hasRecord);
				assert.equal(carrying.length, 1, `executions carrying the record: ${carrying.length}`);
				const items = nodeItems(carrying[0].data.resultData.runData, 'Cloze Feed Trigger');
				const emitted = items.filter((j) => JSON.stringify(j).includes(feedRecord.name));
				assert.equal(
					emitted.length,
					1,
					`items with the record: ${JSON.stringify(items).slice(0, 400)}`,
				);
				assert.ok(
					execs.every((e) => e.status === 'success' || e.finished),
					'a feed execution failed',
				);
			});
		}

		// ------------------------------------------------ deactivation
		if (triggerWorkflow) {
			await report.step('deactivation unsubscribes (public API)', async () => {
				await sim.del('/__sim/requests');
				await api.api('POST', `/workflows/${TRIGGER_WF}/deactivate`);
				const subs = await H.waitFor(
					'no subscription',
					async () => {
						const s = (await sim.get('/__sim/state')).subscriptions;
						return s.length === 0 ? s : null;
					},
					{ timeoutMs: 20000 },
				);
				assert.equal(subs.length, 0);
				const unsub = (await sim.get('/__sim/requests?path=/v1/webhooks/unsubscribe')).requests;
				assert.ok(unsub.length >= 1, 'no POST /v1/webhooks/unsubscribe');
				assert.equal(unsub[0].status, 200);
			});
		}
		if (feedWorkflow) {
			await report.step('deactivate the feed trigger (public API)', async () => {
				await api.api('POST', `/workflows/${FEED_WF}/deactivate`);
			});
		}

		// ------------------------------------------------ the examples, live
		if (examples.length && wants('examples'))
			await runExamples({ report, sim, api, server, examples });

		// ----------------------------------------------- the Cloze node as AI tools, over MCP (mcp.js)
		if (wants('mcp')) await runMcp({ report, sim, api, server, examples });

		// ---------------------------------------- OAuth2 for real: connect, refresh, revoke (oauth.js)
		if (!wants('oauth')) report.skip('OAuth2 connect and refresh', 'not in E2E_ONLY');
		else if (contents.credentials.includes('clozeOAuth2Api'))
			await runOAuth2({ report, sim, api, server });
		else report.skip('OAuth2 connect and refresh', 'credential not in the package');

		// ---------------------------------------------- forged deliveries and a burst, straight to n8n
		if (loadWorkflow) await runDeliveryLoad({ report, sim, api, server });
		else
			report.skip(
				'forged deliveries and burst',
				wants('load') ? 'Cloze Trigger not in the package' : 'not in E2E_ONLY',
			);

		await report.step("no package errors in n8n's log", async () => {
			const bad = server.output
				.split('\n')
				.filter((l) => /n8n-nodes-cloze|cloze/i.test(l) && /error|failed|unrecognized/i.test(l))
				// n8n logs the tool errors the MCP steps provoke on purpose.
				.filter((l) => !(report.expectedLogLines || []).some((e) => l.includes(e)));
			assert.equal(bad.length, 0, bad.slice(0, 5).join('\n'));
		});

		// ----------------------------------------- secrets, after n8n has stopped and flushed its logs
		await report.step('stop n8n', () => server.stop());
		await report.step(
			'the API key and the OAuth tokens are in no n8n log, no URL the simulator logged, no error ' +
				'message or answer the suite saw',
			async () => {
				simUrls.push(...(await sim.get('/__sim/requests')).requests.map((r) => r.url));
				const n8nFolder = path.join(userFolder, '.n8n');
				const files = fs.existsSync(n8nFolder) ? listFiles(n8nFolder) : [];
				const logFiles = files.filter((f) => /\.log$|eventlog|journal/i.test(path.basename(f)));
				const databases = files.filter((f) => /database\.sqlite/.test(path.basename(f)));
				const sources = [
					[
						'n8n stdout/stderr (all starts)',
						[fs.existsSync(logFile) ? fs.readFileSync(logFile) : Buffer.alloc(0)],
					],
					[`n8n CLI output (${cliOutputs.length} commands)`, cliOutputs.map((t) => Buffer.from(t))],
					[
						'n8n log files in the user folder ' +
							`(${logFiles.map((f) => path.basename(f)).join(', ') || 'none'})`,
						logFiles.map((f) => fs.readFileSync(f)),
					],
					[
						`n8n database files (${databases.map((f) => path.basename(f)).join(', ')})`,
						databases.map((f) => fs.readFileSync(f)),
					],
					[`URLs the simulator logged (${simUrls.length})`, [Buffer.from(simUrls.join('\n'))]],
					[
						'error messages and answers the suite saw ' +
							`(${report.seen.length + report.steps.filter((x) => x.detail).length})`,
						[Buffer.from([...report.seen, ...report.steps.map((x) => x.detail || '')].join('\n'))],
					],
				];
				const secrets = { 'the API key': sim.apiKey, 'the OAuth token': sim.oauthToken };
				// Every access and refresh token n8n got from the connect flow and its refreshes.
				const oauthRan = contents.credentials.includes('clozeOAuth2Api') && wants('oauth');
				const issued = oauthRan ? await issuedTokens(sim) : [];
				issued.forEach((t, i) => (secrets[`issued OAuth token #${i + 1}`] = t));
				// Connect (1 pair) and the refresh (1 pair) at least: the search has them to look for.
				if (oauthRan) assert.ok(issued.length >= 4, `only ${issued.length} OAuth tokens issued`);
				const hits = [];
				for (const [what, buffers] of sources) {
					for (const [name, secret] of Object.entries(secrets)) {
						const n = buffers.reduce((sum, b) => sum + countIn(b, secret), 0);
						if (n) hits.push(`${name} ${n} time(s) in ${what}`);
					}
				}
				// The search finds the key where it is meant to be: the credentials file the suite
				// imported.
				assert.equal(
					countIn(fs.readFileSync(path.join(dir, 'credentials.json')), sim.apiKey),
					1,
					'the search does not find the key in credentials.json',
				);
				const bytes = sources.reduce(
					(sum, [, buffers]) => sum + buffers.reduce((s2, b) => s2 + b.length, 0),
					0,
				);
				report.log(
					`      searched ${(bytes / 1024 / 1024).toFixed(1)} MiB: ` +
						`${sources.map(([what]) => what).join('; ')}`,
				);
				assert.ok(simUrls.length > 0 && logFiles.length > 0, 'nothing to search');
				assert.deepEqual(hits, []);
			},
		);
	} finally {
		if (server) await server.stop();
		if (sim) await sim.stop();
		report.secs = Math.round((Date.now() - started) / 1000);
		if (report.steps.some((s) => s.status === 'fail') && fs.existsSync(logFile))
			report.log(`n8n log: ${logFile}${keep ? '' : ' (set E2E_KEEP=1 to keep it)'}`);
	}
	return report;
}

/** Regular files under `dir`, recursively (bounded depth). */
function listFiles(dir, depth = 4) {
	const out = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			if (depth > 0 && entry.name !== 'node_modules') out.push(...listFiles(p, depth - 1));
		} else if (entry.isFile()) out.push(p);
	}
	return out;
}

/** How many times `text` occurs in a buffer. */
function countIn(buffer, text) {
	const needle = Buffer.from(text);
	let n = 0;
	for (let at = buffer.indexOf(needle); at >= 0; at = buffer.indexOf(needle, at + needle.length))
		n++;
	return n;
}

/**
 * A second Cloze Trigger, activated through the public API once the others are inactive, receives
 * deliveries sent straight to n8n: a generated set of forged ones (none may run the workflow, n8n
 * must stay up), then one genuine delivery from the simulator, then a burst of genuine ones (one
 * execution each, each answered exactly OK). Then it is deactivated.
 */
async function runDeliveryLoad({ report, sim, api, server }) {
	let target;
	let record;
	await report.step('activate a second Cloze Trigger for the load tests (public API)', async () => {
		await api.api('POST', `/workflows/${LOAD_WF}/activate`);
		const sub = await H.waitFor(
			'its subscription',
			async () => {
				const list = (await sim.get('/__sim/state')).subscriptions;
				return list.length === 1 && String(list[0].client_reference).includes(LOAD_WF)
					? list[0]
					: null;
			},
			{ timeoutMs: 20000 },
		);
		target = D.targetOf(sub);
		assert.equal(new URL(target.url).pathname, `/webhook/${LOAD_WEBHOOK_ID}/webhook`);
		assert.match(target.secret, /^[0-9a-f]{64}$/);
		// A person as Cloze delivers it.
		record = (await sim.post('/__sim/seed', { people: { count: 1, defaults: D.PERSON_DEFAULTS } }))
			.people[0];
	});
	if (!target) return;

	const forged = D.forgedDeliveries(target, record);
	await report.step(
		`${forged.length} forged deliveries, ${FORGED_CONCURRENCY} at a time: refused or ` +
			'acknowledged, 0 executions, n8n stays up',
		async () => {
			const executionsBefore = (await D.allExecutions(api)).length;
			const outputBefore = server.output.length;
			const started = Date.now();
			const answers = await D.pool(
				forged,
				FORGED_CONCURRENCY,
				(f) => D.send({ ...f.request, timeoutMs: 60000 }),
				{ deadlineMs: 180000 },
			);
			const secs = ((Date.now() - started) / 1000).toFixed(1);
			const byAnswer = {};
			const wrong = [];
			forged.forEach((f, i) => {
				const a = answers[i];
				report.seen.push(a ? `${a.text} ${a.error || ''}` : '');
				// The trigger answers text/plain; n8n's own answers are JSON.
				const key = !a
					? 'not sent'
					: /^text\/plain/.test(a.contentType)
						? `${a.status} ${a.text.slice(0, 20)}`
						: `${a.status} (n8n)`;
				byAnswer[key] = (byAnswer[key] || 0) + 1;
				if (!a || !D.answerMatches(a, f.expect)) {
					wrong.push(
						`${f.category}: expected ${D.describeAnswer(f.expect)}, got ` +
							(a
								? `${a.status} ${a.contentType} ${JSON.stringify(a.text.slice(0, 160))}` +
									`${a.error ? ` (${a.error})` : ''}`
								: 'not sent'),
					);
				}
			});
			report.log(
				`      ${forged.length} forged deliveries in ${secs} s: ${Object.entries(byAnswer)
					.map(([k, v]) => `${v} x ${k}`)
					.join(', ')}`,
			);
			const seen413 = answers.find((a, i) => a && forged[i].expect === D.ANSWERS.tooLarge);
			const xml = answers
				.filter((a, i) => a && forged[i].expect === D.ANSWERS.badXml)
				.map((a) => a.status);
			if (xml.length)
				report.log(`      n8n's answers to XML that does not parse: ${xml.join(', ')}`);
			if (seen413)
				report.log(
					`      n8n's own answer to a body over its 16 MiB limit: ${seen413.status} ` +
						`${JSON.stringify(seen413.text.slice(0, 120))}`,
				);
			const notFound = answers.find((a, i) => a && forged[i].expect === D.ANSWERS.notRegistered);
			if (notFound)
				report.log(
					`      n8n's own answer to another method or path: ${notFound.status} ` +
						`${JSON.stringify(notFound.text.slice(0, 160))}`,
				);
			assert.deepEqual(wrong, [], `${wrong.length} unexpected answers`);

			// Nothing ran: no execution at all (every other workflow is inactive by now).
			await H.sleep(3000);
			const executionsAfter = await D.allExecutions(api);
			assert.equal(
				executionsAfter.length - executionsBefore,
				0,
				`forged deliveries started ${executionsAfter.length - executionsBefore} execution(s)`,
			);
			assert.equal((await D.allExecutions(api, LOAD_WF)).length, 0);
			// n8n is up: the process runs, its health and readiness endpoints answer, it logged no crash.
			assert.equal(server.child.exitCode, null, 'n8n exited');
			const health = await fetch(`${server.url}/healthz`);
			assert.equal(health.status, 200, `/healthz -> ${health.status}`);
			const ready = await fetch(`${server.url}/healthz/readiness`);
			assert.equal(ready.status, 200, `/healthz/readiness -> ${ready.status}`);
			const crashes = server.output
				.slice(outputBefore)
				.split('\n')
				.filter((l) =>
					/Maximum call stack|out of memory|uncaught|unhandled|FATAL|heap limit/i.test(l),
				);
			assert.deepEqual(crashes, [], 'n8n logged a crash');
		},
	);

	await report.step('the genuine subscription still delivers after the forged ones', async () => {
		const subs = (await sim.get('/__sim/state')).subscriptions;
		assert.equal(subs.length, 1);
		assert.equal(subs[0].suspended, false);
		await deliverStageChange({
			sim,
			api,
			expectedExecutions: 1,
			subscription: subs[0],
			workflowId: LOAD_WF,
		});
	});

	await report.step(
		`burst: ${BURST} genuine deliveries, ${BURST_CONCURRENCY} at a time -> each answered exactly ` +
			`OK, ${BURST} executions`,
		async () => {
			const requests = Array.from({ length: BURST }, (_, i) =>
				D.genuineRequest(target, record, i, 'Burst'),
			);
			const started = Date.now();
			const answers = await D.pool(
				requests,
				BURST_CONCURRENCY,
				(r) => D.send({ ...r, timeoutMs: 60000 }),
				{ deadlineMs: 240000 },
			);
			const answeredIn = (Date.now() - started) / 1000;
			const notOk = answers
				.map((a, i) => [a, i])
				.filter(([a]) => !D.answerMatches(a, D.ANSWERS.ok));
			const times = answers.filter(Boolean).map((a) => a.ms);
			report.log(
				`      ${BURST} deliveries answered in ${answeredIn.toFixed(1)} s ` +
					`(${(BURST / answeredIn).toFixed(0)}/s; time to OK p50 ` +
					`${D.percentile(times, 50).toFixed(0)} ms, ` +
					`p99 ${D.percentile(times, 99).toFixed(0)} ms, slowest ` +
					`${Math.max(...times).toFixed(0)} ms)`,
			);
			assert.deepEqual(
				notOk
					.slice(0, 5)
					.map(
						([a, i]) =>
							`#${i}: ` +
							(a
								? `${a.status} ${a.contentType} ${JSON.stringify(a.text.slice(0, 120))}` +
									`${a.error ? ` ${a.error}` : ''}`
								: 'not sent'),
					),
				[],
				`${notOk.length} of ${BURST} not answered exactly OK`,
			);
			const expected = BURST + 1;
			await H.waitFor(
				`${expected} finished executions`,
				async () => {
					const list = await D.allExecutions(api, LOAD_WF);
					return (
						list.filter((e) => e.finished || e.status === 'success' || e.status === 'error')
							.length >= expected
					);
				},
				{ timeoutMs: 240000, intervalMs: 1000 },
			);
			const drainedIn = (Date.now() - started) / 1000;
			const all = await D.allExecutions(api, LOAD_WF, { includeData: true });
			assert.equal(all.length, expected, `executions: ${all.length}`);
			const failed = all.filter((e) => !(e.finished || e.status === 'success'));
			assert.equal(failed.length, 0, `${failed.length} executions did not succeed`);
			const names = new Map();
			for (const e of all) {
				for (const item of nodeItems(e.data.resultData.runData, 'Stage Change') || [])
					names.set(item.who, (names.get(item.who) || 0) + 1);
			}
			const missing = requests
				.map((_, i) => `Burst ${String(i).padStart(4, '0')}`)
				.filter((n) => names.get(n) !== 1);
			assert.deepEqual(
				missing.slice(0, 5),
				[],
				`${missing.length} deliveries not executed exactly once`,
			);
			report.log(
				`      ${BURST} executions finished ${drainedIn.toFixed(1)} s after the first delivery; ` +
					'each delivery ran exactly once',
			);
			assert.equal(server.child.exitCode, null, 'n8n exited');
			const subs = (await sim.get('/__sim/state')).subscriptions;
			assert.equal(subs[0].suspended, false);
		},
	);

	await report.step('deactivate the load trigger: unsubscribed', async () => {
		await api.api('POST', `/workflows/${LOAD_WF}/deactivate`);
		await H.waitFor(
			'no subscription',
			async () => (await sim.get('/__sim/state')).subscriptions.length === 0,
			{ timeoutMs: 20000 },
		);
	});
}

function loadExamples() {
	if (!fs.existsSync(EXAMPLES_DIR)) return [];
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({ ...JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8')), file: f }))
		.map(({ file, ...wf }) =>
			Object.defineProperty(wf, 'file', { value: file, enumerable: false }),
		);
}

/**
 * The example workflows as users get them: activated through the public API and driven the way
 * they are meant to be: a contact form submission, a stage change delivered by Cloze, a feed.
 */
async function runExamples({ report, sim, api, server, examples }) {
	const byFile = Object.fromEntries(examples.map((w) => [w.file, w]));
	const active = [];
	await report.step(`activate the ${examples.length} example workflows (public API)`, async () => {
		await sim.del('/__sim/requests');
		const failed = [];
		for (const wf of examples) {
			try {
				await api.api('POST', `/workflows/${wf.id}/activate`);
				active.push(wf.id);
			} catch (e) {
				failed.push(`${wf.file}: ${e.message}`);
			}
		}
		if (failed.length) throw new Error(failed.join('\n'));
	});
	const live = (wf) => {
		if (!active.includes(wf.id)) throw new Error(`${wf.file} is not active`);
	};

	const lead = byFile['lead-to-active-todo.json'];
	if (lead) {
		await report.step(
			'example "lead moved to Active": the assignee gets a kick-off to-do',
			async () => {
				live(lead);
				const subs = await H.waitFor(
					"the example's subscription",
					async () => {
						const list = (await sim.get('/__sim/state')).subscriptions;
						return list.length === 1 ? list : null;
					},
					{ timeoutMs: 20000 },
				);
				assert.equal(subs[0].event, 'person.audit.change');
				const seeded = await sim.post('/__sim/seed', {
					people: { count: 1, defaults: { stage: 'lead', assignee: 'carla@incfire.com' } },
				});
				const person = seeded.people[0];
				const before = (await sim.get('/__sim/deliveries')).deliveries.length;
				await sim.post('/__sim/change', {
					kind: 'person',
					uniqueid: person.direct,
					patch: { stage: 'current' },
				});
				const todo = await H.waitFor(
					'the kick-off to-do in Cloze',
					async () => {
						const t = (await sim.get('/__sim/state')).timeline.find(
							(i) => i._type === 'todo' && i.subject === `Kick-off call with ${person.name}`,
						);
						return t || null;
					},
					{ timeoutMs: 30000 },
				);
				assert.equal(todo.assignee, 'carla@incfire.com');
				assert.deepEqual(todo.participants, [person.emails[0].value]);
				const d = (await sim.get('/__sim/deliveries')).deliveries.slice(before);
				assert.equal(d.length, 1);
				assert.equal(d[0].responseBody, 'OK');
				assert.equal(d[0].suspended, false);
				// A change that does not match Cloze's filter (Potential -> Active) is not delivered.
				const other = (
					await sim.post('/__sim/seed', { people: { count: 1, defaults: { stage: 'future' } } })
				).people[0];
				await sim.post('/__sim/change', {
					kind: 'person',
					uniqueid: other.direct,
					patch: { stage: 'current' },
				});
				await H.sleep(1500);
				assert.equal(
					(await sim.get('/__sim/deliveries')).deliveries.length,
					before + 1,
					'a non-matching change was delivered',
				);
			},
		);
	}

	const form = byFile['form-to-person.json'];
	if (form) {
		await report.step(
			'example "contact form": a submission upserts the person and logs the message',
			async () => {
				live(form);
				const formNode = form.nodes.find((n) => n.type === 'n8n-nodes-base.formTrigger');
				const url = `${server.url}/form/${formNode.webhookId}`;
				const page = await fetch(url);
				assert.equal(page.status, 200, `GET ${url} -> ${page.status}`);
				const submit = async (fields) => {
					const body = new FormData();
					fields.forEach((v, i) => body.append(`field-${i}`, v));
					const res = await fetch(url, { method: 'POST', body });
					assert.equal(
						res.status,
						200,
						`POST ${url} -> ${res.status} ${(await res.text()).slice(0, 200)}`,
					);
				};
				const email = 'nora.form@example.com';
				await submit([
					'Nora Form',
					email,
					'+1 617 555 0199',
					'Looking for a 3-bedroom near the park.',
				]);
				const person = await H.waitFor(
					'the person from the form',
					async () => {
						const p = (await sim.get('/__sim/state')).people.find((r) =>
							(r.emails || []).some((e) => e.value === email),
						);
						return p || null;
					},
					{ timeoutMs: 30000 },
				);
				assert.equal(person.name, 'Nora Form');
				assert.equal(person.stage, 'lead');
				assert.ok(
					(person.phones || []).some((ph) => ph.value === '+1 617 555 0199'),
					`phones: ${JSON.stringify(person.phones)}`,
				);
				assert.ok(
					(person.customFields || []).some((f) => f.id === 'lead-source' && f.value === 'website'),
					`custom fields: ${JSON.stringify(person.customFields)}`,
				);
				const message = await H.waitFor(
					'the logged message',
					async () => {
						const t = (await sim.get('/__sim/state')).timeline.filter(
							(i) => i._type === 'communication' && i.from === email,
						);
						return t.length ? t : null;
					},
					{ timeoutMs: 20000 },
				);
				assert.equal(message.length, 1);
				assert.equal(message[0].body, 'Looking for a 3-bedroom near the park.');
				// The same e-mail again: still one person (Cloze merges), a second message.
				await submit(['Nora Form', email, '', 'Second question: is parking included?']);
				await H.waitFor(
					'the second message',
					async () =>
						(await sim.get('/__sim/state')).timeline.filter(
							(i) => i._type === 'communication' && i.from === email,
						).length === 2,
					{ timeoutMs: 20000 },
				);
				const people = (await sim.get('/__sim/state')).people.filter((r) =>
					(r.emails || []).some((e) => e.value === email),
				);
				assert.equal(people.length, 1, 'the second submission created a duplicate');
			},
		);
	}

	const nightly = byFile['nightly-company-export.json'];
	if (nightly) {
		await report.step(
			'example "nightly company export": activated, the feed read once at activation',
			async () => {
				live(nightly);
				const feed = await H.waitFor(
					'the company feed read',
					async () => {
						const r = (await sim.get('/__sim/requests?path=/v1/companies/feed')).requests;
						return r.length ? r : null;
					},
					{ timeoutMs: 20000 },
				);
				assert.ok(feed.every((r) => r.status === 200));
			},
		);
	}

	await report.step('deactivate the examples: their subscription is removed', async () => {
		for (const id of active) await api.api('POST', `/workflows/${id}/deactivate`);
		const subs = await H.waitFor(
			'no subscription',
			async () => {
				const list = (await sim.get('/__sim/state')).subscriptions;
				return list.length === 0 ? list : null;
			},
			{ timeoutMs: 20000 },
		);
		assert.equal(subs.length, 0);
	});
}

/** Marks a workflow active offline: `n8n publish:workflow` (2.x). */
async function activateOffline(cli, install, id) {
	await cli(['publish:workflow', `--id=${id}`]);
}

function executionErrorOf(result) {
	if (!result) return '';
	const text = `${result.stdout}\n${result.stderr}`;
	try {
		const run = H.parseExecuteOutput(text);
		const rd = run.data.resultData;
		const failing = Object.entries(rd.runData || {}).find(([, runs]) => runs.some((r) => r.error));
		const err = rd.error || (failing && failing[1].find((r) => r.error).error);
		return (
			`${failing ? `node "${failing[0]}": ` : ''}${err && err.message} ` +
			`${(err && err.description) || ''}`
		);
	} catch {
		return H.tail(text, 30);
	}
}

async function executions(api, workflowId) {
	const r = await api.api('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=50`);
	return r.data || [];
}

/** Moves a person to the Active stage in the simulator; checks the delivery and the execution. */
async function deliverStageChange({
	sim,
	api,
	expectedExecutions,
	subscription,
	workflowId = TRIGGER_WF,
}) {
	const before = (await sim.get('/__sim/deliveries')).deliveries.length;
	const seeded = await sim.post('/__sim/seed', {
		people: { count: 1, defaults: { stage: 'lead' } },
	});
	const person = seeded.people[0];
	await sim.post('/__sim/change', {
		kind: 'person',
		uniqueid: person.direct || person.emails[0].value,
		patch: { stage: 'current' },
	});
	const deliveries = await H.waitFor(
		'the delivery',
		async () => {
			const d = (await sim.get('/__sim/deliveries')).deliveries;
			return d.length > before ? d : null;
		},
		{ timeoutMs: 20000 },
	);
	const fresh = deliveries.slice(before);
	assert.equal(fresh.length, 1, `deliveries: ${fresh.length}`);
	const d = fresh[0];
	assert.equal(d.subscriptionId, subscription.uniqueid ?? subscription.uniqueId);
	assert.equal(d.status, 200, `delivery answered ${d.status} ${d.responseBody}`);
	assert.equal(d.responseBody, 'OK');
	assert.match(String(d.contentType), /^text\/plain/);
	assert.equal(d.ok, true);
	assert.equal(d.suspended, false);
	const subs = (await sim.get('/__sim/state')).subscriptions;
	assert.equal(subs.length, 1);
	assert.equal(subs[0].suspended, false, 'the simulator suspended the subscription');

	const execs = await H.waitFor(
		`execution #${expectedExecutions} of the trigger workflow`,
		async () => {
			const list = await executions(api, workflowId);
			return list.length >= expectedExecutions &&
				list.every((e) => e.finished || e.status === 'success')
				? list
				: null;
		},
		{ timeoutMs: 30000, intervalMs: 500 },
	);
	assert.equal(execs.length, expectedExecutions, `executions: ${execs.length}`);
	const newest = execs.sort((a, b) => Number(b.id) - Number(a.id))[0];
	const items = nodeItems(newest.data.resultData.runData, 'Cloze Trigger');
	assert.equal(items.length, 1, `trigger items: ${JSON.stringify(items).slice(0, 400)}`);
	const item = items[0];
	assert.equal(item.event, 'person.audit.change');
	assert.equal(item.subscriptionId, subscription.uniqueid ?? subscription.uniqueId);
	assert.ok(item.person, 'item has no person');
	assert.equal(item.person.name, person.name);
	assert.deepEqual(
		{ before: item.changes.stage.before, after: item.changes.stage.after },
		{ before: 'lead', after: 'current' },
		`changes: ${JSON.stringify(item.changes)}`,
	);
	const last = nodeItems(newest.data.resultData.runData, 'Stage Change');
	assert.ok(last && last.length === 1, 'the node after the trigger did not run');
	assert.equal(last[0].who, person.name);
}

function buildTriggerWorkflow(
	contents,
	{ id = TRIGGER_WF, webhookId = TRIGGER_WEBHOOK_ID, name = 'E2E: person moved to Active' } = {},
) {
	if (!contents.nodes.includes(TYPES.trigger)) return undefined;
	return stageChangeTriggerWorkflow({ id, name, webhookId, credential: CREDENTIAL });
}

function buildFeedWorkflow(contents) {
	if (!contents.nodes.includes(TYPES.feed)) return undefined;
	return feedTriggerWorkflow({
		id: FEED_WF,
		name: 'E2E: new and changed people (feed)',
		credential: CREDENTIAL,
	});
}

// ---------------------------------------------------------------------------------- main

async function main() {
	const t0 = Date.now();
	H.onSignal('SIGINT');
	H.onSignal('SIGTERM');
	const tmpRoot = H.mkTmp('cloze-e2e-');
	let reports = [];
	try {
		const tarball = process.env.E2E_TARBALL
			? path.resolve(process.env.E2E_TARBALL)
			: await H.packPackage(tmpRoot);
		process.stdout.write(
			`${process.env.E2E_TARBALL ? 'using' : 'packed'} ${tarball}; work folder ${tmpRoot}\n`,
		);
		const contents = H.packageContents(
			H.installPackage(tarball, path.join(tmpRoot, 'inspect')).dir,
		);
		// Install (or find in the cache) every version at once; each version's run waits for its own.
		const needed = [
			...new Set([...(singleRun ? versions : []), ...(wants('queue') ? queueVersions : [])]),
		];
		const installs = Object.fromEntries(
			needed.map((v) => {
				const t = Date.now();
				const log = (m) => process.stdout.write(`[n8n ${v}]       ${m}\n`);
				const p = ensureN8n(v, { log }).then(
					(install) => ({ install, secs: Math.round((Date.now() - t) / 1000) }),
					(error) => ({ error, secs: Math.round((Date.now() - t) / 1000) }),
				);
				return [v, p];
			}),
		);
		if (singleRun)
			for (const v of versions)
				reports.push(await runVersion(v, { tarball, tmpRoot, contents, installing: installs[v] }));
		// The queue-mode runs of the versions side by side: each has its own PostgreSQL, Redis, ports
		// and simulator, and much of a run is waiting for the Feed Trigger's minute polls.
		if (wants('queue'))
			reports.push(
				...(await Promise.all(
					queueVersions.map((v) =>
						runQueue({ version: v, tarball, tmpRoot, contents, installing: installs[v] }),
					),
				)),
			);
	} finally {
		await H.stopAll();
		if (!keep) fs.rmSync(tmpRoot, { recursive: true, force: true });
	}
	process.stdout.write('\n');
	let failed = false;
	for (const r of reports) {
		const f = r.count('fail');
		if (f || r.count('pass') === 0) failed = true;
		process.stdout.write(
			`${r.summary()} — n8n ${r.version}${r.mode === 'queue' ? ' in queue mode' : ''} (Node ` +
				`${r.nodeVersion || '?'}): ${r.count('pass')} passed, ${f} failed, ${r.count('skip')} ` +
				`skipped in ${r.secs} s` +
				`${r.installSecs !== undefined ? ` (install/cache check ${r.installSecs} s)` : ''}\n`,
		);
		for (const s of r.steps.filter((x) => x.status === 'fail'))
			process.stdout.write(`    failed: ${s.name}\n`);
		for (const s of r.steps.filter((x) => x.status === 'skip' && /^MCP/.test(x.name)))
			process.stdout.write(`    skipped: ${s.name}: ${s.detail}\n`);
	}
	process.stdout.write(`total ${Math.round((Date.now() - t0) / 1000)} s\n`);
	process.exitCode = failed ? 1 : 0;
}

main().catch(async (e) => {
	process.stderr.write(`${e.stack || e.message}\n`);
	await H.stopAll();
	process.exit(1);
});
