#!/usr/bin/env node
'use strict';

/**
 * Run the Cloze API simulator alone:
 *   node test/simulator/cli.js [--port 8899] [--seed demo|none] [--api-key K] [--oauth-token T]
 * Prints one line with the URL and the API key; runs until SIGINT / SIGTERM.
 */

const { startSimulator } = require('./index');

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {Record<string, string>} */
	const out = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
		if (!m) throw new Error(`Unexpected argument: ${a}`);
		out[m[1]] = m[2] !== undefined ? m[2] : argv[++i];
		if (out[m[1]] === undefined) throw new Error(`Missing value for --${m[1]}`);
	}
	return out;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const known = ['port', 'seed', 'api-key', 'oauth-token'];
	for (const k of Object.keys(args))
		if (!known.includes(k)) throw new Error(`Unknown option --${k}`);
	const port = args.port !== undefined ? Number(args.port) : 8899;
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new Error(`Invalid port: ${args.port}`);
	const sim = await startSimulator({
		port,
		seed: /** @type {'none'|'demo'} */ (args.seed || 'demo'),
		apiKey: args['api-key'],
		oauthToken: args['oauth-token'],
	});
	process.stdout.write(
		`Cloze simulator listening on ${sim.url} (API key: ${sim.apiKey}, OAuth token: ` +
			`${sim.oauthToken}, seed: ${sim.options.seed})\n`,
	);
	const stop = () => {
		sim.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((err) => {
	process.stderr.write(`${err.message}\n`);
	process.exit(1);
});
