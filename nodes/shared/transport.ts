import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { ClozeResponse } from './errors';
import {
	asNodeError,
	assertClozeSuccess,
	hostOf,
	jsonOrUndefined,
	locationOf,
	MAX_RETRY_AFTER_SECONDS,
	rateLimitWaitSeconds,
	redact,
	refusedGrant,
	responseOfCheck,
	responseOfError,
	retryAfterSeconds,
} from './errors';

import { DEFAULT_API_URL } from './apiUrl';

export { DEFAULT_API_URL };

/** At most this many tries of one read when Cloze fails with a 5xx or the connection is lost. */
export const MAX_TRIES = 3;

/** At most this many tries of one request (read or write) that Cloze answers with 429. */
export const MAX_RATE_LIMITED_TRIES = 8;

/**
 * How long a request may wait for Cloze's answer unless the node's Request Options set a Timeout.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Requests of one node run in flight at once unless its Request Options say otherwise. */
export const DEFAULT_MAX_IN_FLIGHT = 5;

/** Redirects followed within the API URL's origin. */
const MAX_REDIRECTS = 5;

export type ClozeContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IPollFunctions
	| IWebhookFunctions;

/** The credential type the node's `Authentication` parameter selects. */
export const API_KEY_CREDENTIAL = 'clozeApi';
export const OAUTH2_CREDENTIAL = 'clozeOAuth2Api';

export function credentialTypeOf(context: Pick<ClozeContext, 'getNode'>): string {
	return context.getNode().parameters.authentication === 'oAuth2'
		? OAUTH2_CREDENTIAL
		: API_KEY_CREDENTIAL;
}

export function apiBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const url =
		typeof credentials.apiUrl === 'string' && credentials.apiUrl.trim() !== ''
			? credentials.apiUrl
			: DEFAULT_API_URL;
	return url.trim().replace(/\/+$/, '');
}

/** The secrets a credential holds: never in an error or an output item. */
export function secretsOf(credentials: ICredentialDataDecryptedObject | undefined): string[] {
	if (!credentials) return [];
	const token = (credentials.oauthTokenData ?? {}) as IDataObject;
	return [
		credentials.apiKey,
		credentials.clientSecret,
		token.access_token,
		token.refresh_token,
		token.id_token,
	].filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4);
}

// ------------------------------------------------------------------------------------------------
// Pacing: one pacer per node run (execution + node), shared by all its items and pages.

/**
 * Bounds the requests of one node run in flight and spaces their starts. Starts unpaced; a 429
 * stops every request for as long as Cloze asks and sets the spacing to the rate Cloze
 * actually accepted since the previous 429. Before the first one the requests came as fast as the
 * items did, which may have been slower than Cloze allows (n8n's Batching, slow expressions), so
 * the first 429 takes the rate of its last second if that is higher. Without 429s the rate creeps
 * up by about 1% a second, so a limit that rises is found again.
 */
export class Pacer {
	users = 0;

	private inFlight = 0;

	private readonly waiting: Array<() => void> = [];

	private interval = 0;

	private nextStart = 0;

	private pausedUntil = 0;

	private windowStart = Date.now();

	private windowSuccesses = 0;

	/** When the successes of the last second came, until the first 429 (oldest first). */
	private recentSuccesses: number[] | undefined = [];

	constructor(readonly maxInFlight: number) {}

	async acquire(): Promise<void> {
		if (this.inFlight < this.maxInFlight) this.inFlight++;
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		for (;;) {
			const now = Date.now();
			const at = Math.max(now, this.nextStart, this.pausedUntil);
			this.nextStart = at + this.interval;
			if (at <= now) return;
			await sleep(at - now);
			if (Date.now() >= this.pausedUntil) return;
		}
	}

	/** Frees the slot (handing it to the next waiting request, if any). */
	release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.inFlight--;
	}

	succeeded(): void {
		this.windowSuccesses++;
		if (this.recentSuccesses) {
			const now = Date.now();
			this.recentSuccesses.push(now);
			while (this.recentSuccesses[0] <= now - 1000) this.recentSuccesses.shift();
		}
		if (this.interval > 0 && Date.now() >= this.pausedUntil) {
			this.interval -= (this.interval * this.interval * 0.01) / 1000;
		}
	}

	rateLimited(seconds: number): void {
		const now = Date.now();
		if (now < this.pausedUntil) return;
		const elapsed = now - this.windowStart;
		if (this.windowSuccesses > 0 && elapsed > 0) this.interval = elapsed / this.windowSuccesses;
		if (this.recentSuccesses) {
			const lastSecond = this.recentSuccesses.filter((at) => at > now - 1000).length;
			if (elapsed >= 1000 && lastSecond > 0)
				this.interval = Math.min(this.interval, 1000 / lastSecond);
			this.recentSuccesses = undefined;
		}
		this.pausedUntil = now + Math.max(seconds * 1000, this.interval, 100);
		this.windowStart = now;
		this.windowSuccesses = 0;
	}
}

const pacers = new Map<string, Pacer>();

/** Pacers alive (tests check that none is left behind after a run). */
export function activePacers(): number {
	return pacers.size;
}

function pacerKey(context: Pick<ClozeContext, 'getNode'>, baseURL: string): string {
	const withExecution = context as { getExecutionId?: () => string | undefined };
	let execution: string | undefined;
	try {
		execution =
			typeof withExecution.getExecutionId === 'function'
				? withExecution.getExecutionId()
				: undefined;
	} catch {
		execution = undefined;
	}
	const node = context.getNode();
	return `${execution ?? '-'}|${node.id ?? ''}|${node.name}|${baseURL}`;
}

async function withPacer<T>(
	key: string,
	maxInFlight: number,
	run: (pacer: Pacer) => Promise<T>,
): Promise<T> {
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer(maxInFlight);
		pacers.set(key, pacer);
	}
	pacer.users++;
	try {
		return await run(pacer);
	} finally {
		pacer.users--;
		if (pacer.users === 0) pacers.delete(key);
	}
}

// ------------------------------------------------------------------------------------------------
// The driver: every request of the package, routed or not.

interface Failure {
	error: NodeApiError | NodeOperationError;
	response?: ClozeResponse;
	lostConnection?: boolean;
}

function errorCodes(error: unknown): { codes: string[]; text: string } {
	const codes: string[] = [];
	const texts: string[] = [];
	let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
		if (typeof current.code === 'string') codes.push(current.code);
		if (typeof current.message === 'string') texts.push(current.message);
		current = current.cause as typeof current;
	}
	return { codes, text: texts.join(' ') };
}

const LOST = [
	'ECONNRESET',
	'EPIPE',
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
];

function understand(node: INode, error: unknown, options: IHttpRequestOptions): Failure {
	const refused = refusedGrant(node, error);
	if (refused) return { error: refused };
	const checked = responseOfCheck(error);
	if (checked) return { error: error as NodeApiError, response: checked };
	const response = responseOfError(error);
	if (response) {
		try {
			assertClozeSuccess(node, response);
		} catch (translated) {
			return { error: translated as NodeApiError, response };
		}
		return { error: asNodeError(node, error), response };
	}
	if (error instanceof NodeOperationError) return { error };
	const { codes, text } = errorCodes(error);
	const host = hostOf(String(options.baseURL ?? options.url));
	const timedOut =
		codes.some((code) => ['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED'].includes(code)) &&
		/timeout|timed out/i.test(text);
	if (timedOut || (codes.includes('ECONNABORTED') && !codes.some((code) => LOST.includes(code)))) {
		const seconds = Math.round((options.timeout ?? DEFAULT_TIMEOUT_MS) / 1000);
		return {
			error: new NodeApiError(node, { message: `timeout after ${seconds} s` } as JsonObject, {
				message: `Cloze did not answer within ${seconds} s`,
				description:
					`No answer from ${host}. If Cloze needs longer, raise 'Timeout' (node: ` +
					'Request Options → Add Option). A write that timed out may still have been made by ' +
					'Cloze: check before running it again.',
			}),
		};
	}
	const lost =
		codes.find((code) => LOST.includes(code)) ??
		(/socket hang up|closed unexpectedly/i.test(text) ? 'ECONNRESET' : undefined);
	if (lost) {
		const never = [
			'ECONNREFUSED',
			'ENOTFOUND',
			'EAI_AGAIN',
			'EHOSTUNREACH',
			'ENETUNREACH',
		].includes(lost);
		return {
			lostConnection: true,
			error: new NodeApiError(node, { message: lost } as JsonObject, {
				message: never
					? `Cloze could not be reached at ${host}`
					: 'The connection to Cloze was lost before it answered',
				description: never
					? 'Check the API URL in the Cloze credential and the network of the n8n server.'
					: 'A write is not sent again, because Cloze may have made it: check before running it ' +
						'again. Reads are retried.',
			}),
		};
	}
	return { error: asNodeError(node, error) };
}

/** The full URL of a request, as axios builds it. */
function fullUrl(options: IHttpRequestOptions): string {
	if (/^https?:\/\//i.test(options.url) || !options.baseURL) return options.url;
	return `${options.baseURL.replace(/\/+$/, '')}/${options.url.replace(/^\/+/, '')}`;
}

function originOf(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return url;
	}
}

/** The next request of a redirect that stays on the API URL's origin; an error when it does not. */
function redirected(
	node: INode,
	options: IHttpRequestOptions,
	credentialOrigin: string,
	failure: Failure,
): IHttpRequestOptions {
	const response = failure.response!;
	const location = locationOf(response);
	if (!location) throw failure.error;
	let next: URL;
	try {
		next = new URL(location, fullUrl(options));
	} catch {
		throw failure.error;
	}
	if (next.origin !== credentialOrigin) {
		throw new NodeApiError(node, { message: `redirect to ${next.host}` } as JsonObject, {
			message:
				`Cloze redirected the request to another host (${next.host}); the credential was ` +
				'not sent there',
			description:
				'The node sends the credential only to the API URL of the Cloze credential ' +
				`(${hostOf(credentialOrigin)}) and does not follow redirects elsewhere. Check the API ` +
				`URL in the Cloze credential (normally ${DEFAULT_API_URL}).`,
			httpCode: String(response.statusCode),
		});
	}
	const toGet =
		response.statusCode === 303 ||
		([301, 302].includes(response.statusCode) && options.method !== 'GET');
	const following: IHttpRequestOptions = { ...options, url: next.href, qs: {} };
	if (toGet) {
		following.method = 'GET';
		delete following.body;
	}
	return following;
}

interface DriveSettings {
	/** The credential's API URL: requests and redirects go to its origin only. */
	baseURL: string;
	maxInFlight: number;
	secrets: string[];
}

/**
 * THE request driver: runs `send` (one HTTP request) with the package's rules, whoever made the
 * request (a routed operation, a paginator, an option list, a trigger):
 * - in flight at most `maxInFlight` per node run, paced by Cloze's 429s ({@link Pacer});
 * - a 429 is retried after the wait its headers ask ({@link rateLimitWaitSeconds}; none: 1 s, 2 s,
 *   4 s... up to 60 s), as Cloze did not process the request (so writes too), up to
 *   {@link MAX_RATE_LIMITED_TRIES} tries; asked to wait longer than 60 s, it fails at once;
 * - a 5xx or a lost connection is retried for reads only (at most {@link MAX_TRIES} tries): a write
 *   may have been made and is never repeated blindly;
 * - redirects are followed only within the credential's origin; elsewhere they are an error;
 * - every error is a NodeApiError/NodeOperationError from the one error check, without secrets.
 */
async function drive<T>(
	context: Pick<ClozeContext, 'getNode'>,
	first: IHttpRequestOptions,
	send: (options: IHttpRequestOptions) => Promise<T>,
	settings: DriveSettings,
): Promise<T> {
	const node = context.getNode();
	const credentialOrigin = originOf(settings.baseURL);
	try {
		return await withPacer(
			pacerKey(context, settings.baseURL),
			settings.maxInFlight,
			async (pacer) => {
				let options: IHttpRequestOptions = {
					...first,
					disableFollowRedirect: true,
					sendCredentialsOnCrossOriginRedirect: false,
				};
				let rateLimited = 0;
				let failed = 0;
				let redirects = 0;
				for (;;) {
					await pacer.acquire();
					let failure: Failure;
					try {
						const result = await send({ ...options });
						pacer.succeeded();
						return result;
					} catch (error) {
						failure = understand(node, error, options);
					} finally {
						pacer.release();
					}
					const status = failure.response?.statusCode;
					if (status !== undefined && status >= 300 && status < 400) {
						if (redirects >= MAX_REDIRECTS) {
							throw new NodeApiError(node, { message: 'too many redirects' } as JsonObject, {
								message:
									`Cloze kept redirecting the request (more than ${MAX_REDIRECTS} ` + 'redirects)',
								description:
									'Check the API URL in the Cloze credential (normally ' + `${DEFAULT_API_URL}).`,
								httpCode: String(status),
							});
						}
						options = redirected(node, options, credentialOrigin, failure);
						redirects++;
						continue;
					}
					if (status === 429) {
						// Without a wait in the headers: 1 s, then 2, 4... up to 60 s.
						const wait =
							rateLimitWaitSeconds(failure.response!) ??
							Math.min(2 ** rateLimited, MAX_RETRY_AFTER_SECONDS);
						if (wait > MAX_RETRY_AFTER_SECONDS || ++rateLimited >= MAX_RATE_LIMITED_TRIES)
							throw failure.error;
						pacer.rateLimited(wait);
						continue;
					}
					const retryable =
						(status !== undefined && status >= 500) || failure.lostConnection === true;
					if (retryable && (options.method ?? 'GET') === 'GET' && ++failed < MAX_TRIES) {
						const wait = failure.response ? retryAfterSeconds(failure.response) : undefined;
						if (wait !== undefined && wait > MAX_RETRY_AFTER_SECONDS) throw failure.error;
						await sleep(wait !== undefined ? wait * 1000 : 1000 * failed);
						continue;
					}
					throw failure.error;
				}
			},
		);
	} catch (error) {
		throw redact(error, settings.secrets);
	}
}

/** Deeper than this, an answer is taken to hold a secret (and goes through {@link redact}). */
const MAX_SCAN_DEPTH = 64;

/** The secrets to look for in an answer, and what it takes to hold one. */
interface SecretScan {
	secrets: string[];
	shortest: number;
	/** Whether a secret could be written as a number (only digits, signs, points, exponents). */
	numeric: boolean;
	/** Every character (UTF-16 unit) of every secret. */
	characters: Set<string>;
}

/**
 * The text of each routed answer, by the value parsed from it ({@link checkClozeResponse}), until
 * the driver has looked for secrets in it: searching the text once costs a fraction of walking
 * the records parsed from it.
 */
const answerTexts = new WeakMap<object, string>();

const ESCAPED: Record<string, string> = {
	'"': '"',
	'\\': '\\',
	'/': '/',
	b: '\b',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t',
};

/**
 * Whether the JSON text of an answer may hold a secret: it holds one as written, or an escape in it
 * (`\uXXXX`, `\/`, …) writes a character that a secret contains, so that the parsed value could
 * hold one the text does not show. A secret that could be a number (written `1e5` in the text)
 * always counts as possible.
 */
function textMayHold(text: string, scan: SecretScan): boolean {
	if (scan.numeric) return true;
	for (const secret of scan.secrets) if (text.includes(secret)) return true;
	if (!text.includes('\\')) return false;
	for (const [, escape] of text.matchAll(/\\(u[0-9a-fA-F]{4}|.)/g)) {
		const character =
			escape.length === 5
				? String.fromCharCode(parseInt(escape.slice(1), 16))
				: (ESCAPED[escape] ?? escape);
		if (scan.characters.has(character)) return true;
	}
	return false;
}

/**
 * Whether `value` is an answer parsed by {@link checkClozeResponse} whose text holds no secret
 * (asked once per answer).
 */
function cleanAnswer(value: object, scan: SecretScan): boolean {
	const text = answerTexts.get(value);
	if (text === undefined) return false;
	answerTexts.delete(value);
	return !textMayHold(text, scan);
}

function textHolds(text: string, scan: SecretScan): boolean {
	if (text.length < scan.shortest) return false;
	for (const secret of scan.secrets) if (text.includes(secret)) return true;
	return false;
}

/** Whether one value that is not an object or array (a text, a number) holds a secret. */
function leafHolds(value: unknown, scan: SecretScan): boolean {
	if (typeof value === 'string') return value.length >= scan.shortest && textHolds(value, scan);
	return (
		scan.numeric &&
		(typeof value === 'number' || typeof value === 'bigint') &&
		textHolds(String(value), scan)
	);
}

/**
 * Whether a parsed answer holds a secret in any key, text or number, walked value by value: a
 * Return All reads 1,000 records a page, and walking them costs a fraction of serialising them to
 * search the text (texts are tested in place, without a call per value: a third of parsing the
 * page); an answer whose JSON text the driver has (see {@link answerTexts}) is searched as text
 * instead. Nesting deeper than {@link MAX_SCAN_DEPTH} (or a cycle) counts as holding one.
 */
function carriesSecret(value: unknown, scan: SecretScan, depth: number): boolean {
	if (typeof value !== 'object' || value === null) return leafHolds(value, scan);
	if (depth >= MAX_SCAN_DEPTH) return true;
	// Items -> item -> json: an answer whose JSON text holds no secret is not walked record by
	// record.
	if (depth <= 2 && cleanAnswer(value, scan)) return false;
	if (Array.isArray(value)) {
		for (let index = 0; index < value.length; index++) {
			const entry: unknown = value[index];
			if (typeof entry === 'object' && entry !== null) {
				if (carriesSecret(entry, scan, depth + 1)) return true;
			} else if (leafHolds(entry, scan)) return true;
		}
		return false;
	}
	const keys = Object.keys(value);
	for (let index = 0; index < keys.length; index++) {
		const key = keys[index];
		if (key.length >= scan.shortest && textHolds(key, scan)) return true;
		const entry: unknown = (value as IDataObject)[key];
		if (typeof entry === 'object' && entry !== null) {
			if (carriesSecret(entry, scan, depth + 1)) return true;
		} else if (leafHolds(entry, scan)) return true;
	}
	return false;
}

/** Output without secrets: a server that echoes the Authorization header leaks nothing. */
function withoutSecrets<T>(value: T, secrets: string[]): T {
	const live = secrets.filter((secret) => secret.length >= 4);
	if (live.length === 0) return value;
	const scan: SecretScan = {
		secrets: live,
		shortest: Math.min(...live.map((secret) => secret.length)),
		numeric: live.some((secret) => /^[0-9.eE+-]+$/.test(secret)),
		characters: new Set(live.flatMap((secret) => secret.split(''))),
	};
	return carriesSecret(value, scan, 0) ? redact(value, live) : value;
}

/**
 * The one transport for requests the package drives itself (option lists, triggers, paginators
 * outside routing): authenticated with the chosen credential, checked by the one error check, run
 * by the driver (pacing, retries, redirects kept on the API URL's host, timeout, no secrets out).
 */
export async function clozeApiRequest(
	this: ClozeContext,
	method: IHttpRequestMethods,
	path: string,
	qs: IDataObject = {},
	body?: IDataObject | IDataObject[],
	settings: { timeout?: number } = {},
): Promise<IDataObject> {
	const credentialType = credentialTypeOf(this);
	const credentials = await this.getCredentials(credentialType);
	const baseURL = apiBaseUrl(credentials);
	const secrets = secretsOf(credentials);
	const options: IHttpRequestOptions = {
		method,
		url: `${baseURL}${path}`,
		qs,
		headers: { Accept: 'application/json' },
		json: true,
		returnFullResponse: true,
		timeout: settings.timeout ?? DEFAULT_TIMEOUT_MS,
		// n8n refreshes an expired OAuth2 token only when the request throws on 401.
		ignoreHttpStatusErrors: credentialType !== OAUTH2_CREDENTIAL,
	};
	if (body !== undefined) options.body = body;
	const answer = await drive(
		this,
		options,
		async (request) => {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				credentialType,
				request,
			)) as IN8nHttpFullResponse;
			assertClozeSuccess(this.getNode(), response);
			return response.body as IDataObject;
		},
		{ baseURL, maxInFlight: DEFAULT_MAX_IN_FLIGHT, secrets },
	);
	return withoutSecrets(answer, secrets);
}

/** What the node's Request Options (n8n's collection plus the package's options) hold. */
interface RequestOptionsParameter {
	timeout?: number;
	maxInFlight?: number;
}

/** Max Requests in Flight and the timeout of a routed request, from the node's Request Options. */
export function routedSettings(context: IExecuteSingleFunctions): {
	timeout: number;
	maxInFlight: number;
} {
	const options = (context.getNodeParameter('requestOptions', {}) ?? {}) as RequestOptionsParameter;
	const timeout = Number(options.timeout);
	const maxInFlight = Number(options.maxInFlight);
	return {
		timeout: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
		maxInFlight:
			Number.isInteger(maxInFlight) && maxInFlight >= 1 ? maxInFlight : DEFAULT_MAX_IN_FLIGHT,
	};
}

/**
 * One routed request (through the routing's preSend-built options and its postReceive hooks,
 * including the one error check), run by the driver. `override` replaces parts of the options:
 * a paginator's page query, a `next` URL.
 */
export async function routedRequest(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	override: Partial<DeclarativeRestApiSettings.HttpRequestOptions> = {},
): Promise<INodeExecutionData[]> {
	const credentialType = credentialTypeOf(context);
	const credentials = await context.getCredentials(credentialType);
	const secrets = secretsOf(credentials);
	const { timeout, maxInFlight } = routedSettings(context);
	const baseURL = String(requestData.options.baseURL ?? apiBaseUrl(credentials));
	// HTTP errors reach the one error check (postReceive on Resource). With OAuth2 they must throw
	// instead: n8n refreshes an expired token only on a thrown 401.
	const ignoreHttpStatusErrors = credentialType !== OAUTH2_CREDENTIAL;
	// Answers come as text and are parsed by the first postReceive ({@link checkClozeResponse}), so
	// that the driver searches each answer's text for secrets once instead of walking its records.
	const first = {
		...requestData.options,
		ignoreHttpStatusErrors,
		...override,
		timeout,
		encoding: 'text',
	} as IHttpRequestOptions;
	const items = await drive(
		context,
		first,
		async (options) =>
			await context.makeRoutingRequest({
				...requestData,
				options: options as DeclarativeRestApiSettings.HttpRequestOptions,
			}),
		{ baseURL, maxInFlight, secrets },
	);
	return withoutSecrets(items, secrets);
}

/**
 * `postReceive` hook of every routed request, the first one: the answer, which the driver asks for
 * as text, parsed as n8n would have parsed it (JSON when it is JSON, the text otherwise), its text
 * kept for the driver's secret search, then the same error check as {@link clozeApiRequest}.
 */
export async function checkClozeResponse(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	let answer = items;
	if (typeof response.body === 'string' && response.body !== '') {
		const text = response.body;
		const parsed = jsonOrUndefined(text);
		if (parsed !== undefined) {
			response.body = parsed;
			if (typeof parsed === 'object' && parsed !== null) answerTexts.set(parsed, text);
			answer = [{ json: parsed as IDataObject }];
		}
	}
	assertClozeSuccess(this.getNode(), response);
	return answer;
}
