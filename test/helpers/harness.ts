/**
 * THE set-up of the tests that run a node against the Cloze simulator: one simulator per test
 * file (started in `beforeAll`, reset before each test, closed after the file), the Cloze node run
 * through n8n's real engine with an API key credential pointing at it, the requests it logged,
 * seed helpers for every kind of record, and Cloze Trigger harnesses closed with the file.
 * Typed by the simulator's own declarations (test/simulator/index.d.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import {
	startSimulator,
	type Kind,
	type LogEntry,
	type SeededMessage,
	type SeededRelation,
	type Simulator,
	type SimulatorOptions,
} from '../simulator';
import {
	apiKeyCredentials,
	loadOptions,
	oAuth2Credentials,
	runNode,
	type LoadResult,
	type RunOptions,
	type RunResult,
} from './engine';
import { TriggerHarness, type TriggerOptions } from './trigger';

export type Sim = Simulator;
export type { LogEntry, SeededMessage, SeededRelation };

export interface UseSimulatorOptions {
	/**
	 * What happens before each test: `reset` (default: data, log, faults and deliveries reloaded),
	 * `clearLog` (a seeded account read by every test keeps its data), or `nothing`.
	 */
	between?: 'reset' | 'clearLog' | 'nothing';
	/** Called before that (e.g. to keep the log of the test that ended). */
	beforeReset?: (sim: Sim) => void;
	/** Called after it, before each test (seed records, set a rate limit, clear faults). */
	afterReset?: (sim: Sim) => void;
}

/**
 * Starts the file's simulator (`beforeAll`, a free port on 127.0.0.1), resets it before each test
 * (see {@link UseSimulatorOptions}) and closes it after the file. Returns a getter: the simulator
 * exists once `beforeAll` ran.
 */
export function useSimulator(
	options: SimulatorOptions = {},
	hooks: UseSimulatorOptions = {},
): () => Sim {
	let sim: Sim | undefined;
	beforeAll(async () => {
		sim = await startSimulator({ port: 0, ...options });
	});
	beforeEach(() => {
		hooks.beforeReset?.(sim!);
		if (hooks.between === 'clearLog') sim!.clearLog();
		else if (hooks.between !== 'nothing') sim!.reset();
		hooks.afterReset?.(sim!);
	});
	afterAll(async () => {
		await sim?.close();
	});
	return () => {
		if (!sim)
			throw new Error('The simulator starts in beforeAll: call sim() inside a test or hook');
		return sim;
	};
}

export interface RunWith extends Omit<RunOptions, 'parameters' | 'credentials'> {
	/** The API key of the credential (the simulator's default when absent). */
	apiKey?: string;
	/** Run with the OAuth2 credential instead (sets `authentication: oAuth2`). */
	oAuth2?: boolean;
}

/** Runs the Cloze node (or `options.type`) with a credential pointing at the simulator. */
export async function run(
	sim: Sim,
	parameters: IDataObject,
	options: RunWith = {},
): Promise<RunResult> {
	const { apiKey, oAuth2, ...rest } = options;
	const credentials = oAuth2 ? oAuth2Credentials(sim.url) : apiKeyCredentials(sim.url, apiKey);
	return await runNode({
		parameters: oAuth2 ? { authentication: 'oAuth2', ...parameters } : parameters,
		credentials,
		...rest,
	});
}

/** A runner of one resource: `runFor(sim, 'team')({ operation: 'getRoles' })`. */
export function runFor(sim: () => Sim, resource: string) {
	return async (parameters: IDataObject, options: RunWith = {}) =>
		await run(sim(), { resource, ...parameters }, options);
}

/**
 * Calls a load-options or list-search method of a node of the package (the Cloze node by default).
 */
export async function load<Kind extends 'loadOptions' | 'listSearch'>(
	sim: Sim,
	kind: Kind,
	method: string,
	parameters: IDataObject,
	args: unknown[] = [],
	type = 'cloze',
): Promise<LoadResult<Kind>> {
	return await loadOptions(kind, method, parameters, apiKeyCredentials(sim.url), args, type);
}

/** The requests the simulator logged, as `METHOD path`. */
export function calls(sim: Sim): string[] {
	return sim.requests.map((request) => `${request.method} ${request.path}`);
}

/** The requests the simulator logged. */
export function requests(sim: Sim): LogEntry[] {
	return sim.requests;
}

/**
 * The one request of the test (it fails when there were none or more): method, path, query, body.
 */
export function onlyRequest(sim: Sim) {
	expect(sim.requests).toHaveLength(1);
	const [request] = sim.requests;
	return { method: request.method, path: request.path, query: request.query, body: request.body };
}

/**
 * Seeds `n` records of every kind of the simulator (people, companies, projects, sent messages).
 */
export const seed = {
	records(sim: Sim, kind: Kind, n = 1, defaults: IDataObject = {}): SeededRelation[] {
		if (kind === 'person') return sim.seedPeople(n, defaults);
		if (kind === 'company') return sim.seedCompanies(n, defaults);
		return sim.seedProjects(n, defaults);
	},
	people: (sim: Sim, n = 1, defaults: IDataObject = {}): SeededRelation[] =>
		sim.seedPeople(n, defaults),
	companies: (sim: Sim, n = 1, defaults: IDataObject = {}): SeededRelation[] =>
		sim.seedCompanies(n, defaults),
	projects: (sim: Sim, n = 1, defaults: IDataObject = {}): SeededRelation[] =>
		sim.seedProjects(n, defaults),
	messages: (sim: Sim, n = 1, options: { opens?: boolean; endAt?: number } = {}): SeededMessage[] =>
		sim.seedMessages(n, options),
};

/**
 * Cloze Trigger harnesses of the file (each a local endpoint answering as n8n does), closed after
 * the file. `trigger(parameters)` starts one with a credential pointing at the simulator.
 */
export function useTriggers(sim: () => Sim) {
	const harnesses: TriggerHarness[] = [];
	afterAll(async () => {
		await Promise.all(harnesses.map(async (harness) => await harness.close()));
	});
	return async function trigger(
		parameters: Record<string, unknown>,
		options: Omit<TriggerOptions, 'parameters' | 'credentials'> & { oAuth2?: boolean } = {},
	): Promise<TriggerHarness> {
		const { oAuth2, ...rest } = options;
		const credentials = oAuth2 ? oAuth2Credentials(sim().url) : apiKeyCredentials(sim().url);
		const harness = await new TriggerHarness({
			parameters: parameters as IDataObject,
			credentials,
			...rest,
		}).start();
		harnesses.push(harness);
		return harness;
	};
}

/** A resource locator's value as a saved workflow holds it (`mode` list, email, id…). */
export const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
