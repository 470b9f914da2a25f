import type { INodeProperties } from 'n8n-workflow';

import { getAllFields, getAllOperation } from './getAll';
import { subscribeFields, subscribeOperation } from './subscribe';
import { unsubscribeFields, unsubscribeOperation } from './unsubscribe';

export const webhookDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [getAllOperation, subscribeOperation, unsubscribeOperation],
		default: 'getAll',
	},
	...getAllFields,
	...subscribeFields,
	...unsubscribeFields,
];
