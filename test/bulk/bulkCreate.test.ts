/**
 * Bulk writes (issue 17), through n8n's real engine against the Cloze simulator with its
 * token-bucket rate limiter on: 1,000 items into People > Create with the default settings. n8n
 * starts every item's request at once; the node's driver keeps at most 'Max Requests in Flight'
 * (default 5) in flight, follows Cloze's 429s, retries each refused write after Retry-After (Cloze
 * did not process it), and so creates every record exactly once, with no error item, in about the
 * time the rate limit allows.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiKeyCredentials, runNode } from '../helpers/engine';
import { useSimulator } from '../helpers/harness';
import { activePacers, DEFAULT_MAX_IN_FLIGHT } from '../../nodes/shared/transport';

const ITEMS = 1_000;
const PER_SECOND = 20;

const sim = useSimulator(
	{ rateLimit: { perSecond: PER_SECOND } },
	{ afterReset: (simulator) => simulator.rateLimit.configure({ perSecond: PER_SECOND }) },
);

const createPerson = {
	resource: 'person',
	operation: 'create',
	identifyBy: 'email',
	email: '={{ $json.email }}',
	name: '={{ $json.name }}',
	// A bulk import turns the read of each stored record off: one request per item.
	returnStoredRecord: false,
};
const people = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		email: `bulk.${index}@example.com`,
		name: `Bulk ${index}`,
	}));

describe(
	`People > Create, ${ITEMS} items, Cloze allowing ${PER_SECOND} requests/s (429 + ` +
		'Retry-After beyond)',
	() => {
		it(
			'default settings: every record created exactly once, ' +
				'no error item, in flight bounded, paced (few 429s)',
			async () => {
				// Cloze answers each create in 20 ms, so that requests overlap and the bound is seen.
				sim().addFault({ path: '/v1/people/create', latencyMs: 20, times: Infinity });
				const input = people(ITEMS);
				const started = Date.now();
				const result = await runNode({
					parameters: createPerson,
					credentials: apiKeyCredentials(sim().url),
					input,
				});
				const wall = (Date.now() - started) / 1000;

				expect(result.error).toBeUndefined();
				expect(result.items).toHaveLength(ITEMS);
				expect(result.items.filter((item) => item.error)).toEqual([]);
				// In input order, one result per item.
				expect(result.json.map((json) => json.uniqueid)).toEqual(input.map((item) => item.email));

				const emails = sim().store.people.map(
					(record) => (record.emails as IDataObject[])[0].value,
				);
				expect(emails).toHaveLength(ITEMS);
				expect(new Set(emails)).toEqual(new Set(input.map((item) => item.email)));
				const created = sim().requests.filter(
					(request) => request.path === '/v1/people/create' && request.status === 200,
				);
				expect(created).toHaveLength(ITEMS);
				expect(new Set(created.map((request) => JSON.stringify(request.body))).size).toBe(ITEMS);

				const stats = sim().rateLimit.stats();
				expect(stats.maxInFlight).toBeLessThanOrEqual(DEFAULT_MAX_IN_FLIGHT);
				// Wall time against the floor (items / allowed rate) is a goal measured by `npm run bench`
				// (bench/bulk.bench.ts), not asserted here: a shared CI machine would make it flaky.
				process.stdout.write(
					`bulk: ${ITEMS} creates in ${wall.toFixed(1)} s, floor ${ITEMS / PER_SECOND} s\n`,
				);
				// Pacing, not hammering: few refused requests.
				expect(stats.limited).toBeLessThan(ITEMS * 0.1);
				expect(activePacers()).toBe(0);
			},
			120_000,
		);

		it(
			'Max Requests in Flight 2 (node: Request Options): ' + 'at most 2 requests at once at Cloze',
			async () => {
				sim().rateLimit.configure(null);
				sim().addFault({ path: '/v1/people/create', latencyMs: 20, times: Infinity });
				const result = await runNode({
					parameters: { ...createPerson, requestOptions: { maxInFlight: 2 } },
					credentials: apiKeyCredentials(sim().url),
					input: people(100),
				});
				expect(result.error).toBeUndefined();
				expect(result.items).toHaveLength(100);
				expect(sim().rateLimit.stats().maxInFlight).toBe(2);
			},
		);

		it(
			"n8n's Request Options batching still applies: " + '10 items per batch every 200 ms',
			async () => {
				sim().rateLimit.configure(null);
				const started = Date.now();
				const result = await runNode({
					parameters: {
						...createPerson,
						requestOptions: { batching: { batch: { batchSize: 10, batchInterval: 200 } } },
					},
					credentials: apiKeyCredentials(sim().url),
					input: people(50),
				});
				expect(result.error).toBeUndefined();
				expect(result.items).toHaveLength(50);
				expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 200);
				expect(sim().store.people).toHaveLength(50);
			},
		);

		it(
			'a 503 on a write is not repeated (Cloze may have made it): ' +
				'an error item, the others created once',
			async () => {
				sim().rateLimit.configure(null);
				sim().addFault({ path: '/v1/people/create', after: 3, status: 503 });
				const result = await runNode({
					parameters: createPerson,
					credentials: apiKeyCredentials(sim().url),
					input: people(10),
					continueOnFail: true,
				});
				expect(result.items).toHaveLength(10);
				const failed = result.items.filter((item) => item.error);
				expect(failed.map((item) => item.json.error)).toEqual([
					'Cloze had a server error (HTTP 503)',
				]);
				expect(
					sim().requests.filter((request) => request.path === '/v1/people/create'),
				).toHaveLength(10);
				expect(sim().store.people).toHaveLength(9);
			},
		);
	},
);
