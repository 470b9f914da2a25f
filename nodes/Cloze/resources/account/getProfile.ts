import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const getProfileOperation: INodePropertyOptions = {
	name: 'Get Profile',
	value: 'getProfile',
	action: 'Get the account profile',
	description: 'Get the profile of the Cloze account the credential belongs to',
	routing: {
		request: { method: 'GET', url: '/v1/user/profile' },
		output: { postReceive: [{ type: 'rootProperty', properties: { property: 'user' } }] },
	},
};

export const getProfileFields: INodeProperties[] = [];
