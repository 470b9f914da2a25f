import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { listEntries, returnAllFields } from '../../shared/lists';

export const getCustomFieldsOperation: INodePropertyOptions = {
	name: 'Get Custom Fields',
	value: 'getCustomFields',
	action: 'Get custom fields',
	description: 'Get the custom fields of the account, with their types and values',
	routing: {
		request: { method: 'GET', url: '/v1/user/fields' },
		output: { postReceive: [listEntries('list')] },
	},
};

export const getCustomFieldsFields: INodeProperties[] = [
	{
		displayName: 'Relation Type',
		name: 'relationType',
		type: 'options',
		displayOptions: { show: { resource: ['account'], operation: ['getCustomFields'] } },
		options: [
			{ name: 'All', value: 'all', description: 'Custom fields of every relation type' },
			{
				name: 'Company',
				value: 'company',
				description: 'Custom fields that apply to companies',
				routing: { send: { type: 'query', property: 'relationtype', value: 'company' } },
			},
			{
				name: 'Person',
				value: 'person',
				description: 'Custom fields that apply to people',
				routing: { send: { type: 'query', property: 'relationtype', value: 'person' } },
			},
			{
				name: 'Project',
				value: 'project',
				description: 'Custom fields that apply to projects',
				routing: { send: { type: 'query', property: 'relationtype', value: 'project' } },
			},
		],
		default: 'all',
		description: 'Only the custom fields that apply to this relation type',
	},
	...returnAllFields('account', 'getCustomFields'),
];
