import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { nextLinkPagination } from '../../../shared/pagination';
import { returnAllFields } from '../../shared/lists';
import { utcMilliseconds } from '../../shared/values';

const OPENS_PATH = '/v1/messages/opens';

/** `preSend`: `from` (a date or UTC ms) becomes the UTC ms Cloze expects. */
async function sendFrom(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const from = utcMilliseconds(this.getNode(), 'From', this.getNodeParameter('from', ''));
	const qs = { ...((requestOptions.qs ?? {}) as IDataObject) };
	delete qs.from;
	if (from !== undefined) qs.from = from;
	requestOptions.qs = qs;
	return requestOptions;
}

export const getMessageOpensOperation: INodePropertyOptions = {
	name: 'Get Message Opens',
	value: 'getMessageOpens',
	action: 'Get message opens',
	description: 'Get the sent e-mails that were opened, with their opens, one item per message',
	routing: {
		request: { method: 'GET', url: OPENS_PATH },
		send: { paginate: true, preSend: [sendFrom] },
		// Follows `next` while `more` is true; stops at a page with nothing new or a `next` seen
		// before.
		operations: { pagination: nextLinkPagination('messages', OPENS_PATH) },
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
			'Only messages sent at or after this moment: an ISO 8601 date or UTC milliseconds. ' +
			'Empty: all messages.',
	},
];
