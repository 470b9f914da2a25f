import type { INodeProperties } from 'n8n-workflow';

import { getMembersFields, getMembersOperation } from './getMembers';
import { getNodesFields, getNodesOperation } from './getNodes';
import { getRolesFields, getRolesOperation } from './getRoles';
import { updateMemberFields, updateMemberOperation } from './updateMember';

export const teamDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['team'] } },
		options: [getMembersOperation, getNodesOperation, getRolesOperation, updateMemberOperation],
		default: 'getMembers',
	},
	...getMembersFields,
	...getNodesFields,
	...getRolesFields,
	...updateMemberFields,
];
