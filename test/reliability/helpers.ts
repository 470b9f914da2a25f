/**
 * Shared set-up of the reliability tests: one simulator per test file with a distinctive API key,
 * the Cloze node run through n8n's real engine, and a record of every URL the simulator logged and
 * every error text the runs produced, so that each file can end by checking that the key appears
 * in none of them.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RunResult } from '../helpers/engine';
import {
	run as runWith,
	useSimulator as startFor,
	type RunWith,
	type Sim,
} from '../helpers/harness';

export { rl } from '../helpers/harness';

export type { Sim };

export const API_KEY = 'reliability-key-7f3a9c51e2';

/** What the secrets check reads: every logged request, every error text. */
const seen = { requests: [] as Sim['requests'], errorTexts: [] as string[] };

function errorTexts(error: unknown): string[] {
	if (!error || typeof error !== 'object') return [];
	const { message, description, context } = error as {
		message?: unknown;
		description?: unknown;
		context?: unknown;
	};
	return [String(message ?? ''), String(description ?? ''), JSON.stringify(context ?? {})];
}

/**
 * Starts the file's simulator with the key (the harness's), keeping each test's log for the secrets
 * check.
 */
export function useKeyedSimulator(options: IDataObject = {}): () => Sim {
	return startFor(
		{ apiKey: API_KEY, ...options },
		{ beforeReset: (sim) => seen.requests.push(...sim.requests) },
	);
}

/**
 * Runs the Cloze node with the simulator's API key credential and records the errors it produced.
 */
export async function run(
	sim: Sim,
	parameters: IDataObject,
	options: RunWith = {},
): Promise<RunResult> {
	const result = await runWith(sim, parameters, { apiKey: API_KEY, ...options });
	seen.errorTexts.push(...errorTexts(result.error));
	for (const item of result.items) {
		if (item.error) seen.errorTexts.push(...errorTexts(item.error), JSON.stringify(item.json));
	}
	return result;
}

/**
 * The last test of a file: across the file's tests the key travelled in the Authorization header of
 * every request, and appears in no URL the simulator logged and in no error message, description
 * or error item the runs produced.
 */
export function keyNeverLeaks(sim: () => Sim): void {
	describe('secrets', () =>
		it(
			'the API key is in no logged URL and no error text, ' + 'only in the Authorization header',
			() => {
				const requests = [...seen.requests, ...sim().requests];
				expect(requests.length).toBeGreaterThan(0);
				expect(seen.errorTexts.length).toBeGreaterThan(0);
				for (const request of requests) {
					expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
					expect(request.url).not.toContain(API_KEY);
					expect(decodeURIComponent(request.url)).not.toContain(API_KEY);
				}
				for (const text of seen.errorTexts) expect(text).not.toContain(API_KEY);
			},
		));
}

/** The identifiers of the records, and whether each is there exactly once. */
export function ids(records: IDataObject[], key = 'direct'): string[] {
	return records.map((record) => String(record[key]));
}
