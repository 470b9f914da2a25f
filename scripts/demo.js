#!/usr/bin/env node
'use strict';
/*
 * `npm run demo`: the package in a real n8n against the Cloze simulator with sample data. No Cloze
 * account needed; everything runs on 127.0.0.1. Ctrl-C stops everything.
 *
 *   node scripts/demo.js [--n8n 2.41.1|2.8.4] [--port 5678] [--sim-port 8899] [--keep]
 *
 * Builds if dist/ is missing, installs n8n once into a cache folder outside the clone
 * (~/.cache/n8n-nodes-cloze: 4-7 minutes on 2 cores and 3.9 GB the first time), installs the packed
 * package as a community package, starts the simulator (`--seed demo`), creates a Cloze API
 * credential pointing at it, imports and activates the workflows of examples/, creates the owner
 * and prints the editor URL and login. CLOZE_DEMO_INFO=<file> also writes these as JSON (used by
 * scripts/demo-screenshot.js).
 */
const fs = require('node:fs');
const path = require('node:path');

const H = require('./e2e/harness');
const { ensureN8n, cacheRoot } = require('./e2e/n8n-install');
const { credentialOverwrites } = require('./e2e/oauth');

const DEFAULT_N8N = '2.41.1';
const CREDENTIAL = { id: 'clozeApiExample1', name: 'Cloze account' };
const OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'User',
	password: 'Cloze-Demo-2025',
};

function parseArgs(argv) {
	const out = { n8n: DEFAULT_N8N, port: 5678, simPort: 8899, keep: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = () => {
			const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		if (a.startsWith('--n8n')) out.n8n = value();
		else if (a.startsWith('--sim-port')) out.simPort = Number(value());
		else if (a.startsWith('--port')) out.port = Number(value());
		else if (a === '--keep') out.keep = true;
		else if (a === '--help' || a === '-h') {
			process.stdout.write(
				'usage: npm run demo -- [--n8n 2.41.1|2.8.4] [--port 5678] [--sim-port 8899] [--keep]\n',
			);
			process.exit(0);
		} else throw new Error(`unknown argument ${a}`);
	}
	return out;
}

/** The wanted port when it is free, else any free one. */
async function portOr(wanted) {
	const net = require('node:net');
	const free = await new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(wanted, H.HOST, () => srv.close(() => resolve(true)));
	});
	return free ? wanted : H.freePort();
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const say = (m) => process.stdout.write(`${m}\n`);
	const t0 = Date.now();
	let workDir;
	let server;
	let sim;
	let stopping = false;
	const cleanup = async () => {
		stopping = true;
		if (server) await server.stop();
		if (sim) await sim.stop();
		if (workDir && !args.keep) fs.rmSync(workDir, { recursive: true, force: true });
	};
	H.onSignal('SIGINT', cleanup);
	H.onSignal('SIGTERM', cleanup);

	say(`Cloze demo: n8n ${args.n8n} (cache: ${cacheRoot()})`);
	const install = await ensureN8n(args.n8n, { log: (m) => say(`  ${m}`) });

	workDir = H.mkTmp('cloze-demo-');
	const userFolder = path.join(workDir, 'user');
	say('  packing the package and installing it as a community package');
	const tarball = process.env.E2E_TARBALL
		? path.resolve(process.env.E2E_TARBALL)
		: await H.packPackage(workDir);
	H.installPackage(tarball, userFolder);

	sim = await H.startSimulator({
		port: await portOr(args.simPort),
		seed: 'demo',
		logFile: path.join(workDir, 'simulator.log'),
	});
	say(`  Cloze simulator with sample data on ${sim.url}`);

	const port = await portOr(args.port);
	// A Cloze OAuth2 API credential connects to the simulator's authorization server.
	const env = H.n8nEnv(install, {
		userFolder,
		port,
		brokerPort: await H.freePort(),
		extra: { CREDENTIALS_OVERWRITE_DATA: credentialOverwrites(sim.url) },
	});
	const cli = async (a) =>
		H.n8nCli(install, { ...env, N8N_RUNNERS_BROKER_PORT: String(await H.freePort()) }, a);

	say('  creating the Cloze credential and importing examples/');
	await H.importApiCredential(cli, workDir, sim, CREDENTIAL);
	const examplesDir = path.join(H.ROOT, 'examples');
	const examples = fs
		.readdirSync(examplesDir)
		.filter((f) => f.endsWith('.json'))
		.map((f) => JSON.parse(fs.readFileSync(path.join(examplesDir, f), 'utf8')));
	await cli(['import:workflow', '--separate', `--input=${examplesDir}`]);
	for (const wf of examples) await cli(['publish:workflow', `--id=${wf.id}`]);

	say('  starting n8n');
	server = await H.startN8n(install, env, { logFile: path.join(workDir, 'n8n.log') });
	const api = new H.N8nClient(server.url);
	await api.ownerOrLogin(OWNER);
	await H.waitFor(
		'the example triggers to be active',
		async () => (await sim.get('/__sim/state')).subscriptions.length > 0,
		{
			timeoutMs: 30000,
		},
	).catch(() => say('  (the Cloze Trigger example did not subscribe; see the n8n log)'));

	const state = await sim.get('/__sim/state');
	const oauthClient = await sim.get('/__sim/oauth');
	const lead =
		state.people.find((p) => p.stage === 'lead' && p.assignee) ||
		state.people.find((p) => p.stage === 'lead');
	const formNode = examples
		.flatMap((w) => w.nodes)
		.find((n) => n.type === 'n8n-nodes-base.formTrigger');
	const firstCloze = examples.find((w) => w.nodes.some((n) => n.type === 'n8n-nodes-cloze.cloze'));
	// The MCP Server Trigger's production URL: <n8n>/mcp/<path> (Streamable HTTP; SSE on GET).
	const mcpNode = examples
		.flatMap((w) => w.nodes)
		.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger');
	const mcpUrl = mcpNode ? `${server.url}/mcp/${mcpNode.parameters.path}` : undefined;
	const info = {
		editorUrl: server.url,
		email: OWNER.email,
		password: OWNER.password,
		simulatorUrl: sim.url,
		apiKey: sim.apiKey,
		n8nVersion: args.n8n,
		workflows: examples.map((w) => ({
			id: w.id,
			name: w.name,
			url: `${server.url}/workflow/${w.id}`,
		})),
		formUrl: formNode ? `${server.url}/form/${formNode.webhookId}` : undefined,
		mcpUrl,
		workDir,
	};
	if (process.env.CLOZE_DEMO_INFO)
		fs.writeFileSync(process.env.CLOZE_DEMO_INFO, JSON.stringify(info, null, 2));

	const lines = [
		'',
		`Cloze demo ready in ${Math.round((Date.now() - t0) / 1000)} s: n8n ${args.n8n} with ` +
			'n8n-nodes-cloze, against a simulated Cloze account',
		'',
		`  Editor      ${server.url}`,
		`  Login       ${OWNER.email} / ${OWNER.password}`,
		`  Workflows   ${examples.map((w) => w.name).join('\n              ')}`,
		firstCloze
			? `  Open        ${server.url}/workflow/${firstCloze.id}  (Cloze nodes: dropdowns list ` +
				"the sample account's stages, fields, team)"
			: '',
		formNode
			? `  Form        ${server.url}/form/${formNode.webhookId}  (active: a submission ` +
				'creates the person in the simulator)'
			: '',
		mcpUrl
			? `  MCP         ${mcpUrl}  (Streamable HTTP or SSE: give it to an MCP client; the six ` +
				'Cloze tools work on the sample data)'
			: '',
		`  Simulator   ${sim.url}  (API key ${sim.apiKey}; state: ${sim.url}/__sim/state)`,
		`  OAuth2      a Cloze OAuth2 API credential with client ID ${oauthClient.clientId} ` +
			`and secret ${oauthClient.clientSecret}\n` +
			'              connects to the simulator (it approves at once)',
		lead
			? `  Try         curl -s -X POST ${sim.url}/__sim/change ` +
				"-H 'content-type: application/json' \\\n" +
				`                -d '{"kind":"person","uniqueid":"${lead.direct}",` +
				`"patch":{"stage":"current"}}'\n` +
				`              moves ${lead.name} from Lead to Active: ` +
				'Cloze calls the trigger, a to-do is created.'
			: '',
		'  Note        Settings → Community Nodes stays empty: it lists only packages ' +
			'installed from that page',
		'              (from the npm registry); ' +
			"the demo copies the packed package into n8n's nodes folder.",
		'              The nodes are loaded all the same: search "Cloze" in the nodes panel.',
		'',
		'Ctrl-C stops n8n and the simulator.',
	].filter((l) => l !== '');
	say(lines.join('\n'));

	// Runs until Ctrl-C; if n8n dies, stop everything.
	const exit = await server.child.exited;
	if (!stopping) {
		say(`n8n stopped (${exit.code ?? exit.signal}); see ${path.join(workDir, 'n8n.log')}`);
		await sim.stop();
		process.exit(1);
	}
}

main().catch(async (e) => {
	process.stderr.write(`demo failed: ${e.message}\n`);
	await H.stopAll();
	process.exit(1);
});
