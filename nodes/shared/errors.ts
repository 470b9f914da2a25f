import type { IDataObject, IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What the one error check needs to know of a response. */
export interface ClozeResponse {
	statusCode: number;
	headers?: IDataObject | Record<string, unknown>;
	body: unknown;
}

/** Longest wait a `Retry-After` may ask of us. */
export const MAX_RETRY_AFTER_SECONDS = 60;

const CREDENTIAL_HINT = 'Check the API key (or reconnect the OAuth2 account) in the Cloze credential.';
const RETRY_HINT =
	"Try again later; to retry automatically, turn on 'Retry On Fail' in the node's settings.";

function header(response: ClozeResponse, name: string): string | undefined {
	const headers = (response.headers ?? {}) as Record<string, unknown>;
	const value = headers[name] ?? headers[name.toLowerCase()];
	return value === undefined || value === null ? undefined : String(value);
}

/** Seconds to wait before retrying, from `Retry-After` (seconds or an HTTP date), capped. */
export function retryAfterSeconds(response: ClozeResponse): number | undefined {
	const value = header(response, 'retry-after');
	if (value === undefined) return undefined;
	const seconds = /^\d+(\.\d+)?$/.test(value.trim())
		? Number(value)
		: (Date.parse(value) - Date.now()) / 1000;
	if (!Number.isFinite(seconds)) return undefined;
	return Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS);
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
		throw fail(node, response, 'Cloze did not accept the credentials (HTTP 401)', `${CREDENTIAL_HINT}${cloze}`);
	}
	if (statusCode === 403) {
		throw fail(
			node,
			response,
			'Cloze refused access (HTTP 403)',
			`The Cloze account or key lacks the permission (or OAuth scope) this operation needs.${cloze}`,
		);
	}
	if (statusCode === 404) {
		throw fail(
			node,
			response,
			'Cloze does not know this address (HTTP 404)',
			`Check the API URL in the Cloze credential (normally https://api.cloze.com).${cloze}`,
		);
	}
	if (statusCode === 429) {
		const wait = retryAfterSeconds(response);
		throw fail(
			node,
			response,
			'Cloze is rate limiting requests (HTTP 429)',
			`${wait === undefined ? 'Cloze asked to slow down.' : `Cloze asked to wait ${Math.ceil(wait)} s.`} ${RETRY_HINT}`,
		);
	}
	if (statusCode >= 500) {
		throw fail(node, response, `Cloze had a server error (HTTP ${statusCode})`, `${RETRY_HINT}${cloze}`);
	}
	if (statusCode < 200 || statusCode >= 300) {
		throw fail(node, response, `Cloze refused the request (HTTP ${statusCode})`, said ?? 'No details were given.');
	}
	if (body === null || typeof body !== 'object') {
		throw fail(
			node,
			response,
			'Cloze answered with something that is not JSON',
			`The response could not be read as JSON. Check the API URL in the Cloze credential. ${RETRY_HINT}`,
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
	const cause = (error as { cause?: { response?: { status?: number; headers?: IDataObject; data?: unknown } } })
		?.cause;
	const response = cause?.response;
	if (!response || typeof response.status !== 'number') return undefined;
	return { statusCode: response.status, headers: response.headers, body: response.data };
}

/** Whether a failure is worth retrying: rate limiting and server errors. */
export function isRetryable(error: unknown): error is NodeApiError {
	if (!(error instanceof NodeApiError)) return false;
	const code = Number(error.httpCode);
	return code === 429 || code >= 500;
}

export type FullResponse = IN8nHttpFullResponse;

/** An error as n8n expects a node to throw it: n8n's own node errors pass unchanged. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(node, error as JsonObject);
}
