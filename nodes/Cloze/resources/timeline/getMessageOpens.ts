import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { wantedCount } from '../../../shared/pagination';
import { withRetry } from '../../../shared/transport';
import { returnAllFields } from '../../shared/lists';
import { utcMilliseconds } from '../../shared/values';

const OPENS_PATH = '/v1/messages/opens';

/** Query parameters that carry a credential: never sent in a URL, whatever `next` holds. */
const CREDENTIAL_PARAMETERS = new Set(['api_key', 'apikey', 'user', 'access_token', 'token', 'key']);

/** `preSend`: `from` (a date or UTC ms) becomes the UTC ms Cloze expects. */
async function sendFrom(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const from = utcMilliseconds(this.getNode(), 'From', this.getNodeParameter('from', ''));
	const qs = { ...((requestOptions.qs ?? {}) as IDataObject) };
	delete qs.from;
	if (from !== undefined) qs.from = from;
	requestOptions.qs = qs;
	return requestOptions;
}

/**
 * The request for Cloze's `next` URL, made against the credential's API URL: only the path and
 * the query of `next` are used, without any credential parameter, so the key stays in the
 * Authorization header and is never sent to another host.
 */
function nextPage(
	next: string,
	options: DeclarativeRestApiSettings.HttpRequestOptions,
): DeclarativeRestApiSettings.HttpRequestOptions | undefined {
	let url: URL;
	try {
		url = new URL(next, 'https://api.cloze.com');
	} catch {
		return undefined;
	}
	if (!url.pathname.startsWith('/v1/')) return undefined;
	const qs: IDataObject = {};
	for (const [name, value] of url.searchParams) {
		if (!CREDENTIAL_PARAMETERS.has(name.toLowerCase())) qs[name] = value;
	}
	return { ...options, url: url.pathname, qs };
}

/**
 * Paginator of Get Message Opens: follows `next` while `more` is true, until the Limit is reached
 * (Return All: to the end). A message already seen (same `id` or `message` URL) is not returned twice; a `next`
 * already followed ends the loop.
 */
async function followOpens(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const wanted = wantedCount(this);
	const messages: IDataObject[] = [];
	const seenIds = new Set<string>();
	const followed = new Set<string>();
	let options: DeclarativeRestApiSettings.HttpRequestOptions | undefined = {
		...requestData.options,
		url: OPENS_PATH,
	};
	while (options && messages.length < wanted) {
		const request = options;
		const page = await withRetry(this.getNode(), 'GET', async () =>
			this.makeRoutingRequest({ ...requestData, options: request }),
		);
		// The schema answers an array of batches { more, next, messages }; Cloze in practice one batch.
		const batches = page.flatMap((item) => (Array.isArray(item.json) ? (item.json as IDataObject[]) : [item.json ?? {}]));
		for (const batch of batches) {
			for (const message of (Array.isArray(batch.messages) ? batch.messages : []) as IDataObject[]) {
				// A message is known by its URL (`message` in the schema), or an `id` where one is given.
				const key = message?.id ?? message?.message;
				const id = key === undefined || key === null ? undefined : String(key);
				if (id !== undefined) {
					if (seenIds.has(id)) continue;
					seenIds.add(id);
				}
				messages.push(message);
			}
		}
		const body = batches[batches.length - 1] ?? {};
		const next = typeof body.next === 'string' ? body.next : '';
		if (body.more !== true || next === '' || followed.has(next)) break;
		followed.add(next);
		options = nextPage(next, requestData.options);
	}
	return messages.slice(0, wanted).map((json) => ({ json }));
}

export const getMessageOpensOperation: INodePropertyOptions = {
	name: 'Get Message Opens',
	value: 'getMessageOpens',
	action: 'Get message opens',
	description: 'Get the sent e-mails that were opened, with their opens, one item per message',
	routing: {
		request: { method: 'GET', url: OPENS_PATH },
		send: { paginate: true, preSend: [sendFrom] },
		operations: { pagination: followOpens },
	},
};

export const getMessageOpensFields: INodeProperties[] = [
	...returnAllFields('timeline', 'getMessageOpens'),
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		displayOptions: { show: { resource: ['timeline'], operation: ['getMessageOpens'] } },
		default: '',
		placeholder: 'e.g. 2025-11-01T00:00:00Z',
		description:
			'Only messages sent at or after this moment: an ISO 8601 date or UTC milliseconds. Empty: all messages.',
	},
];
