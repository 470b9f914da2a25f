import type { IDataObject, IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DEFAULT_API_URL } from './apiUrl';

/** What the one error check needs to know of a response. */
export interface ClozeResponse {
	statusCode: number;
	headers?: IDataObject | Record<string, unknown>;
	body: unknown;
}

/**
 * Longest wait a `Retry-After` may ask of us: Cloze asking for longer fails the request at once.
 */
export const MAX_RETRY_AFTER_SECONDS = 60;

/** Where a user finds the settings that pace the Cloze node's requests. */
export const PACING_HINT =
	'The Cloze node already paces its requests and waits as long as Cloze asks (up to 60 s). To ' +
	"send fewer at once, lower 'Max Requests in Flight' (node: Request Options → Add Option).";

const CREDENTIAL_HINT =
	'Check the API key (or reconnect the OAuth2 account) in the Cloze credential.';
const RETRY_HINT =
	"Try again later; to retry automatically, turn on 'Retry On Fail' in the node's settings.";

function header(response: ClozeResponse, name: string): string | undefined {
	const headers = (response.headers ?? {}) as Record<string, unknown>;
	const value = headers[name] ?? headers[name.toLowerCase()];
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * Seconds to wait before retrying, from `Retry-After` (seconds or an HTTP date), as Cloze asked.
 */
export function retryAfterSeconds(response: ClozeResponse): number | undefined {
	const value = header(response, 'retry-after');
	if (value === undefined) return undefined;
	const seconds = /^\d+(\.\d+)?$/.test(value.trim())
		? Number(value)
		: (Date.parse(value) - Date.now()) / 1000;
	if (!Number.isFinite(seconds)) return undefined;
	return Math.max(seconds, 0);
}

/**
 * Seconds until Cloze takes requests again, from a 429's headers: `Retry-After`, else the rate
 * limit's reset (`RateLimit-Reset` / `X-RateLimit-Reset`: seconds to wait, or the moment in Unix
 * seconds or milliseconds), as the reference says to look at the headers.
 */
export function rateLimitWaitSeconds(response: ClozeResponse): number | undefined {
	const asked = retryAfterSeconds(response);
	if (asked !== undefined) return asked;
	for (const name of ['ratelimit-reset', 'x-ratelimit-reset']) {
		const value = header(response, name)?.trim();
		if (value === undefined || !/^\d+(\.\d+)?$/.test(value)) continue;
		const reset = Number(value);
		if (reset >= 1e12) return Math.max((reset - Date.now()) / 1000, 0);
		if (reset >= 1e9) return Math.max(reset - Date.now() / 1000, 0);
		return reset;
	}
	return undefined;
}

/** A wait in words: "45 s", "3600 s (1 h)". */
export function secondsInWords(seconds: number): string {
	const whole = Math.ceil(seconds);
	if (whole < 120) return `${whole} s`;
	if (whole < 3600) return `${whole} s (${Math.round(whole / 60)} min)`;
	return `${whole} s (${Math.round((whole / 3600) * 10) / 10} h)`;
}

/**
 * The response each error of {@link assertClozeSuccess} came from (kept out of the error's data).
 */
const responses = new WeakMap<object, ClozeResponse>();

/** The Cloze response behind an error of the one error check, if it came from one. */
export function responseOfCheck(error: unknown): ClozeResponse | undefined {
	return error && typeof error === 'object' ? responses.get(error) : undefined;
}

/** The `Location` a redirect answer points to. */
export function locationOf(response: ClozeResponse): string | undefined {
	return header(response, 'location');
}

/** Host (and port) of a URL, for messages. */
export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

function clozeMessage(body: unknown): string | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const message = (body as IDataObject).message ?? (body as IDataObject).error;
		if (typeof message === 'string' && message.trim() !== '') return message.trim();
	}
	return undefined;
}

function errorCode(body: unknown): number {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 0;
	const code = (body as IDataObject).errorcode;
	if (code === undefined || code === null || code === '') return 0;
	const numeric = Number(code);
	return Number.isNaN(numeric) ? -1 : numeric;
}

function fail(
	node: INode,
	response: ClozeResponse,
	message: string,
	description: string,
): NodeApiError {
	const body = response.body;
	const errorResponse: JsonObject =
		body && typeof body === 'object' && !Array.isArray(body)
			? (body as JsonObject)
			: { body: typeof body === 'string' ? body.slice(0, 500) : null };
	const error = new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: String(response.statusCode),
	});
	const retryAfter = retryAfterSeconds(response);
	if (retryAfter !== undefined) error.context.retryAfterSeconds = retryAfter;
	responses.set(error, response);
	return error;
}

/**
 * The one error check of the package. Every Cloze response passes through it, routed or not:
 * HTTP errors, an HTTP 200 whose body carries a non-zero `errorcode`, and bodies that are not JSON
 * become a `NodeApiError` whose message says what went wrong and what to do. A body without
 * `errorcode` (analytics, views) is a success.
 */
export function assertClozeSuccess(node: INode, response: ClozeResponse): void {
	const { statusCode, body } = response;
	const said = clozeMessage(body);
	const cloze = said ? ` Cloze said: "${said}".` : '';

	if (statusCode === 401) {
		throw fail(
			node,
			response,
			'Cloze did not accept the credentials (HTTP 401)',
			`${CREDENTIAL_HINT}${cloze}`,
		);
	}
	if (statusCode === 403) {
		throw fail(
			node,
			response,
			'Cloze refused access (HTTP 403)',
			'The Cloze account or key lacks the permission (or OAuth scope) this operation ' +
				`needs.${cloze}`,
		);
	}
	if (statusCode === 404) {
		throw fail(
			node,
			response,
			'Cloze does not know this address (HTTP 404)',
			`Check the API URL in the Cloze credential (normally ${DEFAULT_API_URL}).${cloze}`,
		);
	}
	if (statusCode === 429) {
		const wait = rateLimitWaitSeconds(response);
		const asked =
			wait === undefined
				? 'Cloze asked to slow down.'
				: `Cloze asked to wait ${secondsInWords(wait)}.`;
		const tooLong =
			wait !== undefined && wait > MAX_RETRY_AFTER_SECONDS
				? ` That is longer than the node waits (${MAX_RETRY_AFTER_SECONDS} s): try again after ` +
					'that time.'
				: '';
		throw fail(
			node,
			response,
			'Cloze is rate limiting requests (HTTP 429)',
			`${asked}${tooLong} ${PACING_HINT}`,
		);
	}
	if (statusCode >= 500) {
		throw fail(
			node,
			response,
			`Cloze had a server error (HTTP ${statusCode})`,
			`${RETRY_HINT}${cloze}`,
		);
	}
	if (statusCode >= 300 && statusCode < 400) {
		const location = locationOf(response);
		throw fail(
			node,
			response,
			'Cloze redirected the request (HTTP ' +
				`${statusCode})${location ? ` to ${hostOf(location)}` : ''}`,
			'The node follows redirects only within the API URL of the Cloze credential and never ' +
				'sends the credential elsewhere. Check the API URL in the Cloze credential (normally ' +
				`${DEFAULT_API_URL}).`,
		);
	}
	if (statusCode < 200 || statusCode >= 300) {
		throw fail(
			node,
			response,
			`Cloze refused the request (HTTP ${statusCode})`,
			said ?? 'No details were given.',
		);
	}
	if (body === null || typeof body !== 'object') {
		throw fail(
			node,
			response,
			'Cloze answered with something that is not JSON',
			'The response could not be read as JSON. Check the API URL in the Cloze credential. ' +
				`${RETRY_HINT}`,
		);
	}
	const code = errorCode(body);
	if (code !== 0) {
		const hint = code === 1 ? ` ${CREDENTIAL_HINT}` : '';
		throw fail(
			node,
			response,
			`Cloze error ${code}: ${said ?? 'no message given'}`,
			`Cloze answered HTTP ${statusCode} but reported error code ${code}.${hint}`,
		);
	}
}

/**
 * The response behind an HTTP error that n8n threw (OAuth2 requests must let n8n throw on 401 so
 * that it can refresh the token), so that it can pass through {@link assertClozeSuccess} too.
 */
export function responseOfError(error: unknown): ClozeResponse | undefined {
	const cause = (
		error as { cause?: { response?: { status?: number; headers?: IDataObject; data?: unknown } } }
	)?.cause;
	const response = cause?.response;
	if (!response || typeof response.status !== 'number') return undefined;
	return {
		statusCode: response.status,
		headers: response.headers,
		body: parsedIfJson(response.data),
	};
}

/**
 * A text body that is JSON, parsed (the driver asks for answers as text); anything else as it is.
 */
function parsedIfJson(body: unknown): unknown {
	if (typeof body !== 'string' || body === '') return body;
	const parsed = jsonOrUndefined(body);
	return parsed === undefined ? body : parsed;
}

/** The value of a JSON text, or undefined when it is not JSON. */
export function jsonOrUndefined(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

export type FullResponse = IN8nHttpFullResponse;

/**
 * The error n8n throws when Cloze refuses to renew an OAuth2 access token (a revoked or expired
 * grant: `invalid_grant`, n8n's `EAUTH`), in words that say what to do; `undefined` for any other.
 * (n8n 2.41 says itself that the credential needs reconnecting; older versions only quote the
 * OAuth library.)
 */
export function refusedGrant(node: INode, error: unknown): NodeApiError | undefined {
	const failure = error as
		| { httpCode?: unknown; cause?: { code?: unknown; body?: IDataObject } }
		| undefined;
	const body = failure?.cause?.body;
	const invalidGrant = body?.error === 'invalid_grant';
	if (!invalidGrant && failure?.httpCode !== 'EAUTH' && failure?.cause?.code !== 'EAUTH')
		return undefined;
	const said =
		typeof body?.error_description === 'string' ? ` Cloze said: "${body.error_description}".` : '';
	return new NodeApiError(node, { message: 'invalid_grant' } as JsonObject, {
		message: 'Cloze refused to renew the OAuth2 access',
		description:
			'The access was revoked in Cloze or has expired. Reconnect the Cloze OAuth2 ' +
			`credential (open it and click "Reconnect" / "Connect my account").${said}`,
	});
}

/**
 * THE error of input refused before any request (a check in a `preSend` of the Cloze node): a
 * `NodeApiError` without an HTTP code. n8n's RoutingNode passes a NodeApiError on unchanged but
 * re-wraps anything else thrown from a `preSend` as an API error with `httpCode: 'none'`, which the
 * editor shows as "From Cloze — Error code: none" although Cloze was never asked. Without an HTTP
 * code the editor shows only the message and the description.
 */
export function inputError(
	node: INode,
	message: string,
	options: { description?: string; itemIndex?: number } = {},
): NodeApiError {
	return new NodeApiError(node, { message } as JsonObject, {
		message,
		...(options.description === undefined ? {} : { description: options.description }),
		...(options.itemIndex === undefined ? {} : { itemIndex: options.itemIndex }),
	});
}

/** An error as n8n expects a node to throw it: n8n's own node errors pass unchanged. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(node, error as JsonObject);
}

/** What a secret becomes in errors and output items. */
export const REDACTED = '[redacted]';

function scrub(value: unknown, secrets: string[], seen: WeakSet<object>, depth: number): unknown {
	if (typeof value === 'string') {
		let text = value;
		for (const secret of secrets)
			if (text.includes(secret)) text = text.split(secret).join(REDACTED);
		return text;
	}
	if (!value || typeof value !== 'object' || depth > 8 || seen.has(value)) return value;
	seen.add(value);
	for (const key of Object.getOwnPropertyNames(value)) {
		// An error's `node` is the workflow's own node: never rewritten.
		if (key === 'node' && value instanceof Error) continue;
		const record = value as Record<string, unknown>;
		try {
			const before = record[key];
			const after = scrub(before, secrets, seen, depth + 1);
			// A secret echoed as a key is renamed too.
			const name = scrub(key, secrets, seen, depth + 1) as string;
			if (name !== key) {
				delete record[key];
				record[name] = after;
			} else if (after !== before) record[key] = after;
		} catch {
			// A read-only property: left as it is.
		}
	}
	return value;
}

/**
 * Replaces every secret (the API key, OAuth tokens) in `value` (an error or output items, deeply,
 * in place) with {@link REDACTED}; a server that echoes the Authorization header cannot put the
 * key into an error, the run data or an output item.
 */
export function redact<T>(value: T, secrets: string[]): T {
	const live = secrets.filter((secret) => typeof secret === 'string' && secret.length >= 4);
	if (live.length === 0) return value;
	return scrub(value, live, new WeakSet(), 0) as T;
}
