import type { INodeProperties } from 'n8n-workflow';

import { getProfileFields, getProfileOperation } from './getProfile';

export const accountDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [getProfileOperation],
		default: 'getProfile',
	},
	...getProfileFields,
];
