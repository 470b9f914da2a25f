import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { listEntries, returnAllFields } from '../../shared/lists';

export const getNodesOperation: INodePropertyOptions = {
	name: 'Get Nodes',
	value: 'getNodes',
	action: 'Get subteam nodes',
	description:
		'Get the subteam nodes defined in the team (needs the View User and Edit Team permissions)',
	routing: {
		request: { method: 'GET', url: '/v1/team/nodes' },
		output: { postReceive: [listEntries('list')] },
	},
};

export const getNodesFields: INodeProperties[] = [...returnAllFields('team', 'getNodes')];
