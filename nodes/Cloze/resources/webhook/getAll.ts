import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { listEntries, returnAllFields } from '../../shared/lists';

export const getAllOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many webhook subscriptions',
	description: 'List the webhook subscriptions of the account, with their usage',
	routing: {
		request: { method: 'GET', url: '/v1/webhooks' },
		output: { postReceive: [listEntries('list')] },
	},
};

export const getAllFields: INodeProperties[] = [...returnAllFields('webhook', 'getAll')];
