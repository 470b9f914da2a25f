import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { listEntries, returnAllFields } from '../../shared/lists';

export const getMembersOperation: INodePropertyOptions = {
	name: 'Get Members',
	value: 'getMembers',
	action: 'Get team members',
	description:
		'Get the members of the current team (needs the View User and Edit Team permissions)',
	routing: {
		request: { method: 'GET', url: '/v1/team/members/list' },
		output: { postReceive: [listEntries('list')] },
	},
};

export const getMembersFields: INodeProperties[] = [...returnAllFields('team', 'getMembers')];
