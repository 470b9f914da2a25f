/**
 * Not part of `npm run bench`: one case to profile, run as
 *   PROFILE_CASE=<case> node --cpu-prof --cpu-prof-dir=<dir> node_modules/.bin/jest \
 *     -c bench/jest.config.js --runInBand --testMatch '<rootDir>/bench/profile.prof.ts'
 * and read with
 *   node bench/lib/top-self.js <dir>/<file>.cpuprofile [count] [--window=<from>-<to>] [function…]
 * PROFILE_CASE: bulk (default) | count | getAll | getChanges | opens | bare-getAll |
 * bare-getChanges | bare-opens.
 * bulk: PROFILE_ITEMS (default 2,000), PROFILE_RATE (requests/s the simulator allows, 0 = no
 * limit), PROFILE_LATENCY (ms added to each answer, default 20), PROFILE_REPEAT (runs),
 * PROFILE_PARAMETERS (the node's parameters as JSON; People > Create by e-mail and name by
 * default); it prints the window before the first request (for --window). count: how often, per
 * item, n8n's expression engine ran each expression and the node read each parameter. Lists:
 * PROFILE_RUNS (default 5).
 */
import { performance } from 'node:perf_hooks';

import type { IDataObject } from 'n8n-workflow';
import { Expression } from 'n8n-workflow';
import { ExecuteSingleContext, RoutingNode } from 'n8n-core';

import { apiKeyCredentials, runNode } from '../test/helpers/engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSimulator } = require('../test/simulator');

const CASE = process.env.PROFILE_CASE ?? 'bulk';
const ITEMS = Number(process.env.PROFILE_ITEMS ?? 2000);
const RATE = Number(process.env.PROFILE_RATE ?? 0);
const RUNS = Number(process.env.PROFILE_RUNS ?? 5);
const API_KEY = 'bench-api-key-0123456789';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const bareLoops = require('./lib/bare');
const bare: Record<string, (url: string, apiKey: string) => Promise<{ records: unknown[] }>> = {
	getAll: bareLoops.bareFind,
	getChanges: bareLoops.bareFeed,
	opens: bareLoops.bareOpens,
};

const lists: Record<string, IDataObject> = {
	getAll: { resource: 'person', operation: 'getAll', returnAll: true, simplify: false },
	getChanges: { resource: 'person', operation: 'getChanges', returnAll: true, simplify: false },
	opens: { resource: 'timeline', operation: 'getMessageOpens', returnAll: true },
};

it(`profile ${CASE}`, async () => {
	const sim = await startSimulator({ port: 0, apiKey: API_KEY, messagesPageSize: 1000 });
	try {
		if (CASE in lists || CASE.replace(/^bare-/, '') in lists) {
			sim.seedPeople(10_000);
			sim.seedMessages(10_000);
			// Where a run's time goes: before RoutingNode starts, before the first request arrives, in
			// the simulator (request arrival to answer sent), between pages, after the last answer.
			const marks: Array<[string, number]> = [];
			(globalThis as Record<string, unknown>).__marks = marks;
			const mark = (name: string) => marks.push([name, performance.now()]);
			const routing = RoutingNode.prototype as unknown as Record<
				string,
				(...args: unknown[]) => Promise<unknown>
			>;
			const routingRun = routing.runNode;
			routing.runNode = async function (this: unknown, ...args: unknown[]) {
				mark('routing start');
				try {
					return await routingRun.apply(this, args);
				} finally {
					mark('routing end');
				}
			};
			const handle = sim.handle.bind(sim);
			sim.handle = async (...args: unknown[]) => {
				mark('request');
				(args[1] as { on(event: string, listener: () => void): void }).on('finish', () =>
					mark('answered'),
				);
				return await handle(...args);
			};
			const phases = new Map<string, number[]>();
			for (let run = 0; run < RUNS; run++) {
				marks.length = 0;
				mark('start');
				let count: number;
				if (CASE.startsWith('bare-')) {
					mark('routing start');
					count = (await bare[CASE.slice(5)](sim.url, API_KEY)).records.length;
					mark('routing end');
				} else {
					const result = await runNode({
						parameters: lists[CASE],
						credentials: apiKeyCredentials(sim.url, API_KEY),
					});
					expect(result.error).toBeUndefined();
					count = result.items.length;
				}
				mark('end');
				const at = (name: string, last = false) =>
					(last ? marks.filter(([n]) => n === name).pop()! : marks.find(([n]) => n === name)!)[1];
				let inSimulator = 0;
				let between = 0;
				for (let index = 0; index < marks.length; index++) {
					if (marks[index][0] === 'request')
						inSimulator +=
							marks.find(([n, t], i) => i > index && n === 'answered' && t >= marks[index][1])![1] -
							marks[index][1];
					if (marks[index][0] === 'answered') {
						const next = marks.find(([n], i) => i > index && n === 'request');
						if (next) between += next[1] - marks[index][1];
					}
				}
				const figures: Record<string, number> = {
					total: at('end') - at('start'),
					'engine before RoutingNode': at('routing start') - at('start'),
					'RoutingNode start to first request': at('request') - at('routing start'),
					'simulator (arrival to answer sent)': inSimulator,
					'client between pages (answer sent to next arrival)': between,
					'last answer to RoutingNode end': at('routing end') - at('answered', true),
					'RoutingNode end to run end': at('end') - at('routing end'),
				};
				if (process.env.PROFILE_MARKS)
					process.stdout.write(
						`${marks
							.slice(0, 12)
							.map(([n, t]) => `${n} ${(t - marks[0][1]).toFixed(1)}`)
							.join(' | ')}\n`,
					);
				for (const [name, value] of Object.entries(figures))
					phases.set(name, [...(phases.get(name) ?? []), value]);
				process.stdout.write(
					`${CASE} run ${run}: ${count} items, ${figures.total.toFixed(1)} ms\n`,
				);
			}
			routing.runNode = routingRun;
			sim.handle = handle;
			const medianOf = (values: number[]) =>
				[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
			for (const [name, values] of phases)
				process.stdout.write(
					`median ${medianOf(values.slice(1)).toFixed(1).padStart(7)} ms  ${name}\n`,
				);
			return;
		}
		const parameters: IDataObject = JSON.parse(
			process.env.PROFILE_PARAMETERS ??
				'{"resource":"person","operation":"create","identifyBy":"email","email":"={{ $json.email ' +
					'}}","name":"={{ $json.name }}"}',
		);
		if (CASE === 'count') {
			const evaluated = new Map<string, number>();
			const read = new Map<string, number>();
			const expression = Expression.prototype as unknown as Record<
				string,
				(...args: unknown[]) => unknown
			>;
			const context = ExecuteSingleContext.prototype as unknown as Record<
				string,
				(...args: unknown[]) => unknown
			>;
			const resolve = expression.resolveSimpleParameterValue;
			const getNodeParameter = context.getNodeParameter;
			expression.resolveSimpleParameterValue = function (this: unknown, ...args: unknown[]) {
				if (typeof args[0] === 'string' && args[0].startsWith('='))
					evaluated.set(args[0], (evaluated.get(args[0]) ?? 0) + 1);
				return resolve.apply(this, args);
			};
			context.getNodeParameter = function (this: unknown, ...args: unknown[]) {
				read.set(String(args[0]), (read.get(String(args[0])) ?? 0) + 1);
				return getNodeParameter.apply(this, args);
			};
			try {
				const input = Array.from({ length: ITEMS }, (_, index) => ({
					email: `bulk.${index}@example.com`,
					name: `Bulk ${index}`,
				}));
				const result = await runNode({
					parameters,
					credentials: apiKeyCredentials(sim.url, API_KEY),
					input,
				});
				expect(result.error).toBeUndefined();
			} finally {
				expression.resolveSimpleParameterValue = resolve;
				context.getNodeParameter = getNodeParameter;
			}
			const table = (counts: Map<string, number>) =>
				[...counts]
					.map(([key, count]) => `${(count / ITEMS).toFixed(1).padStart(6)}  ${key}`)
					.join('\n');
			process.stdout.write(
				`expressions run, per item:\n${table(evaluated)}\nparameters resolved (getNodeParameter ` +
					`of the item's context), per item:\n${table(read)}\n`,
			);
			return;
		}
		const prepPerItem: number[] = [];
		for (let repeat = 0; repeat < Number(process.env.PROFILE_REPEAT ?? 1); repeat++) {
			sim.reset();
			if (RATE > 0) sim.rateLimit.configure({ perSecond: RATE });
			const latencyMs = Number(process.env.PROFILE_LATENCY ?? 20);
			if (latencyMs > 0) sim.addFault({ path: '/v1/*', latencyMs, times: Infinity });
			const input = Array.from({ length: ITEMS }, (_, index) => ({
				email: `bulk.${index}@example.com`,
				name: `Bulk ${index}`,
			}));
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
			const result = await runNode({
				parameters,
				credentials: apiKeyCredentials(sim.url, API_KEY),
				input,
			});
			sim.handle = handle;
			const cpu = process.cpuUsage(cpuStart);
			const elapsed = performance.now() - started;
			const requests = sim.requests as Array<{ time: number; path: string }>;
			expect(result.error).toBeUndefined();
			prepPerItem.push((firstAt - started) / ITEMS);
			const cpuFirst = ((cpuAtFirst?.user ?? 0) + (cpuAtFirst?.system ?? 0)) / 1e6;
			process.stdout.write(
				`bulk ${ITEMS} items at ${RATE || 'no limit'}/s: ${(elapsed / 1000).toFixed(2)} s, ` +
					`${requests.length} requests, first after ${((firstAt - started) / 1000).toFixed(2)} s ` +
					`(${((firstAt - started) / ITEMS).toFixed(2)} ms an item), errors ` +
					`${result.items.filter((item) => item.error).length}, CPU ` +
					`${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, ` +
					`before the first request ${cpuFirst.toFixed(2)} s, ` +
					`window ${windowStart}-${windowEnd} us\n`,
			);
		}
		process.stdout.write(
			`min time to the first request: ${Math.min(...prepPerItem).toFixed(2)} ms an item\n`,
		);
	} finally {
		await sim.close();
	}
}, 1_800_000);
