/**
 * Not part of `npm run bench`: one case to profile, run as
 *   PROFILE_CASE=<case> node --cpu-prof --cpu-prof-dir=<dir> node_modules/.bin/jest -c bench/jest.config.js \
 *     --runInBand --testMatch '**' + '/profile.prof.ts'
 * and read with `node bench/lib/top-self.js <dir>/<file>.cpuprofile [count] [--window=<from>-<to>] [function…]`.
 * PROFILE_CASE: bulk (default) | count | getAll | getChanges | opens | bare-getAll | bare-getChanges | bare-opens.
 * bulk: PROFILE_ITEMS (default 2,000), PROFILE_RATE (requests/s the simulator allows, 0 = no limit),
 * PROFILE_LATENCY (ms added to each answer, default 20), PROFILE_REPEAT (runs), PROFILE_PARAMETERS
 * (the node's parameters as JSON; People > Create by e-mail and name by default); it prints the
 * window before the first request (for --window). count: how often, per item, n8n's expression engine
 * ran each expression and the node read each parameter. Lists: PROFILE_RUNS (default 5).
 */
import { performance } from 'node:perf_hooks';

import type { IDataObject } from 'n8n-workflow';
import { Expression } from 'n8n-workflow';
import { ExecuteSingleContext } from 'n8n-core';

import { apiKeyCredentials, runNode } from '../test/helpers/engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSimulator } = require('../test/simulator');

const CASE = process.env.PROFILE_CASE ?? 'bulk';
const ITEMS = Number(process.env.PROFILE_ITEMS ?? 2000);
const RATE = Number(process.env.PROFILE_RATE ?? 0);
const RUNS = Number(process.env.PROFILE_RUNS ?? 5);
const API_KEY = 'bench-api-key-0123456789';

const lists: Record<string, IDataObject> = {
	getAll: { resource: 'person', operation: 'getAll', returnAll: true, simplify: false },
	getChanges: { resource: 'person', operation: 'getChanges', returnAll: true, simplify: false },
	opens: { resource: 'timeline', operation: 'getMessageOpens', returnAll: true },
};

it(`profile ${CASE}`, async () => {
	const sim = await startSimulator({ port: 0, apiKey: API_KEY, messagesPageSize: 1000 });
	try {
		if (CASE.startsWith('bare-')) {
			sim.seedPeople(10_000);
			sim.seedMessages(10_000);
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const bare = require('./lib/bare');
			const loop = { getAll: bare.bareFind, getChanges: bare.bareFeed, opens: bare.bareOpens }[CASE.slice(5)];
			for (let run = 0; run < RUNS; run++) {
				const started = performance.now();
				const { records } = await loop(sim.url, API_KEY);
				process.stdout.write(`${CASE} run ${run}: ${records.length} records, ${(performance.now() - started).toFixed(1)} ms\n`);
			}
			return;
		}
		if (CASE in lists) {
			sim.seedPeople(10_000);
			sim.seedMessages(10_000);
			for (let run = 0; run < RUNS; run++) {
				const started = performance.now();
				const result = await runNode({ parameters: lists[CASE], credentials: apiKeyCredentials(sim.url, API_KEY) });
				expect(result.error).toBeUndefined();
				process.stdout.write(`${CASE} run ${run}: ${result.items.length} items, ${(performance.now() - started).toFixed(1)} ms\n`);
			}
			return;
		}
		const parameters: IDataObject = JSON.parse(
			process.env.PROFILE_PARAMETERS ??
				'{"resource":"person","operation":"create","identifyBy":"email","email":"={{ $json.email }}","name":"={{ $json.name }}"}',
		);
		if (CASE === 'count') {
			const evaluated = new Map<string, number>();
			const read = new Map<string, number>();
			const expression = Expression.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
			const context = ExecuteSingleContext.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
			const resolve = expression.resolveSimpleParameterValue;
			const getNodeParameter = context.getNodeParameter;
			expression.resolveSimpleParameterValue = function (this: unknown, ...args: unknown[]) {
				if (typeof args[0] === 'string' && args[0].startsWith('=')) evaluated.set(args[0], (evaluated.get(args[0]) ?? 0) + 1);
				return resolve.apply(this, args);
			};
			context.getNodeParameter = function (this: unknown, ...args: unknown[]) {
				read.set(String(args[0]), (read.get(String(args[0])) ?? 0) + 1);
				return getNodeParameter.apply(this, args);
			};
			try {
				const input = Array.from({ length: ITEMS }, (_, index) => ({ email: `bulk.${index}@example.com`, name: `Bulk ${index}` }));
				const result = await runNode({ parameters, credentials: apiKeyCredentials(sim.url, API_KEY), input });
				expect(result.error).toBeUndefined();
			} finally {
				expression.resolveSimpleParameterValue = resolve;
				context.getNodeParameter = getNodeParameter;
			}
			const table = (counts: Map<string, number>) =>
				[...counts].map(([key, count]) => `${(count / ITEMS).toFixed(1).padStart(6)}  ${key}`).join('\n');
			process.stdout.write(`expressions run, per item:\n${table(evaluated)}\nparameters resolved (getNodeParameter of the item's context), per item:\n${table(read)}\n`);
			return;
		}
		const prepPerItem: number[] = [];
		for (let repeat = 0; repeat < Number(process.env.PROFILE_REPEAT ?? 1); repeat++) {
			sim.reset();
			if (RATE > 0) sim.rateLimit.configure({ perSecond: RATE });
			const latencyMs = Number(process.env.PROFILE_LATENCY ?? 20);
			if (latencyMs > 0) sim.addFault({ path: '/v1/*', latencyMs, times: Infinity });
			const input = Array.from({ length: ITEMS }, (_, index) => ({ email: `bulk.${index}@example.com`, name: `Bulk ${index}` }));
			const started = performance.now();
			const cpuStart = process.cpuUsage();
			let cpuAtFirst: NodeJS.CpuUsage | undefined;
			let firstAt = 0;
			const windowStart = process.hrtime.bigint() / 1000n;
			let windowEnd = 0n;
			const handle = sim.handle.bind(sim);
			sim.handle = (...args: unknown[]) => {
				if (!cpuAtFirst) {
					windowEnd = process.hrtime.bigint() / 1000n;
					firstAt = performance.now();
					cpuAtFirst = process.cpuUsage(cpuStart);
				}
				return handle(...args);
			};
			const result = await runNode({ parameters, credentials: apiKeyCredentials(sim.url, API_KEY), input });
			sim.handle = handle;
			const cpu = process.cpuUsage(cpuStart);
			const elapsed = performance.now() - started;
			const requests = sim.requests as Array<{ time: number; path: string }>;
			expect(result.error).toBeUndefined();
			prepPerItem.push((firstAt - started) / ITEMS);
			const cpuFirst = ((cpuAtFirst?.user ?? 0) + (cpuAtFirst?.system ?? 0)) / 1e6;
			process.stdout.write(
				`bulk ${ITEMS} items at ${RATE || 'no limit'}/s: ${(elapsed / 1000).toFixed(2)} s, ${requests.length} requests, first after ${((firstAt - started) / 1000).toFixed(2)} s (${((firstAt - started) / ITEMS).toFixed(2)} ms an item), errors ${result.items.filter((item) => item.error).length}, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, before the first request ${cpuFirst.toFixed(2)} s, window ${windowStart}-${windowEnd} us\n`,
			);
		}
		process.stdout.write(`min time to the first request: ${Math.min(...prepPerItem).toFixed(2)} ms an item\n`);
	} finally {
		await sim.close();
	}
}, 1_800_000);
