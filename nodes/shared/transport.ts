import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
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
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { ClozeResponse } from './errors';
import { asNodeError, assertClozeSuccess, isRetryable, responseOfError } from './errors';

export const DEFAULT_API_URL = 'https://api.cloze.com';

/** At most this many tries of one read when Cloze rate limits or fails with a 5xx. */
export const MAX_TRIES = 3;

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
	return context.getNode().parameters.authentication === 'oAuth2' ? OAUTH2_CREDENTIAL : API_KEY_CREDENTIAL;
}

export function apiBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const url = typeof credentials.apiUrl === 'string' && credentials.apiUrl.trim() !== '' ? credentials.apiUrl : DEFAULT_API_URL;
	return url.trim().replace(/\/+$/, '');
}

/**
 * Runs `attempt` and retries it when Cloze rate limits (429) or fails with a 5xx, waiting as long as
 * `Retry-After` asks (at most 60 s) or 1 s, then 2 s: at most {@link MAX_TRIES} tries in all.
 * Only reads are retried; a write that failed is reported at once.
 */
export async function withRetry<T>(
	node: INode,
	method: IHttpRequestMethods,
	attempt: () => Promise<T>,
): Promise<T> {
	for (let tryNumber = 1; ; tryNumber++) {
		try {
			return await attempt();
		} catch (error) {
			if (method !== 'GET' || tryNumber >= MAX_TRIES || !isRetryable(error)) throw asNodeError(node, error);
			const retryAfter = error.context.retryAfterSeconds;
			await sleep(typeof retryAfter === 'number' ? retryAfter * 1000 : 1000 * tryNumber);
		}
	}
}

/**
 * The one transport for requests the package drives itself (option lists, triggers, paginators
 * outside routing): authenticated with the chosen credential, checked by the one error check,
 * reads retried on 429/5xx.
 */
export async function clozeApiRequest(
	this: ClozeContext,
	method: IHttpRequestMethods,
	path: string,
	qs: IDataObject = {},
	body?: IDataObject | IDataObject[],
): Promise<IDataObject> {
	const credentialType = credentialTypeOf(this);
	const credentials = await this.getCredentials(credentialType);
	const options: IHttpRequestOptions = {
		method,
		url: `${apiBaseUrl(credentials)}${path}`,
		qs,
		headers: { Accept: 'application/json' },
		json: true,
		returnFullResponse: true,
		// n8n refreshes an expired OAuth2 token only when the request throws on 401.
		ignoreHttpStatusErrors: credentialType !== OAUTH2_CREDENTIAL,
	};
	if (body !== undefined) options.body = body;
	return await withRetry(this.getNode(), method, async () => {
		let response: ClozeResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				credentialType,
				options,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const failed = responseOfError(error);
			if (!failed) throw asNodeError(this.getNode(), error);
			response = failed;
		}
		assertClozeSuccess(this.getNode(), response);
		return response.body as IDataObject;
	});
}

/** `postReceive` hook of every routed request: the same error check as {@link clozeApiRequest}. */
export async function checkClozeResponse(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	assertClozeSuccess(this.getNode(), response);
	return items;
}
