import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { listEntries, returnAllFields } from '../../shared/lists';

export const getRolesOperation: INodePropertyOptions = {
	name: 'Get Roles',
	value: 'getRoles',
	action: 'Get team roles',
	description: 'Get the roles defined in the team (needs the View User and Edit Team permissions)',
	routing: {
		request: { method: 'GET', url: '/v1/team/roles' },
		output: { postReceive: [listEntries('list')] },
	},
};

export const getRolesFields: INodeProperties[] = [...returnAllFields('team', 'getRoles')];
