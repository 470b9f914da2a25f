/** Shared set-up of the People, Companies and Projects tests: one simulator per test file. */
import type { IDataObject } from 'n8n-workflow';

import { apiKeyCredentials, loadOptions, runNode } from '../helpers/engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSimulator } = require('../simulator');

export type Sim = Awaited<ReturnType<typeof startSimulator>>;

export interface Logged {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	body: unknown;
	headers: IDataObject;
	url: string;
}

/** Starts a simulator for the file (`beforeAll`), resets it before each test, closes it after. */
export function useSimulator(seed: 'none' | 'demo' = 'none'): { sim: () => Sim } {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSimulator({ port: 0, seed });
	});
	afterAll(async () => sim.close());
	beforeEach(() => sim.reset());
	return { sim: () => sim };
}

/** Runs the Cloze node with the simulator's API key credential. */
export async function run(sim: Sim, parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runNode({ parameters, credentials: apiKeyCredentials(sim.url), ...options });
}

/** Calls a load-options or list-search method of the Cloze node. */
export async function load(sim: Sim, kind: 'loadOptions' | 'listSearch', method: string, parameters: IDataObject, args: unknown[] = []) {
	return await loadOptions(kind, method, parameters, apiKeyCredentials(sim.url), args);
}

/** The requests the simulator logged, as `METHOD path`. */
export function calls(sim: Sim): string[] {
	return (sim.requests as Logged[]).map((request) => `${request.method} ${request.path}`);
}

export function requests(sim: Sim): Logged[] {
	return sim.requests as Logged[];
}
