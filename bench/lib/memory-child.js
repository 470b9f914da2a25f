'use strict';
/**
 * Run in a fresh `node --expose-gc`, against the simulator the bench process serves: one Return
 * All of every person, either through n8n's engine (the staged build of the package, run by the
 * engine harness) or by the bare fetch loop. Both sides load the same modules (n8n-core,
 * n8n-workflow, the staged build) before the baseline is read, so that their figures compare.
 * Prints one JSON line, in bytes:
 *   before    RSS after loading and a full GC, just before the run
 *   peak      getrusage maxrss: the highest RSS of the process's life (the run's, in practice)
 *   retained  heap still used after the run and a full GC, the result still held, minus the same
 *             figure before the run
 *
 *   node --expose-gc memory-child.js node|bare <simulator url> <api key> <staged engine.js>
 */
const [mode, url, apiKey, enginePath] = process.argv.slice(2);

async function main() {
	const { runNode, apiKeyCredentials } = require(enginePath);
	const { bareFind } = require('./bare');
	const run =
		mode === 'node'
			? async () => {
					const result = await runNode({
						parameters: {
							resource: 'person',
							operation: 'getAll',
							returnAll: true,
							simplify: false,
						},
						credentials: apiKeyCredentials(url, apiKey),
					});
					if (result.error) throw result.error;
					return { count: result.json.length, held: result };
				}
			: async () => {
					const result = await bareFind(url, apiKey);
					return { count: result.records.length, held: result };
				};
	global.gc();
	const before = process.memoryUsage();
	const { count, held } = await run();
	const peak = process.resourceUsage().maxRSS * 1024;
	global.gc();
	const after = process.memoryUsage();
	const retained = after.heapUsed - before.heapUsed;
	const summary = { before: before.rss, peak, retained, records: count, held: typeof held };
	process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
