import type { INodeProperties } from 'n8n-workflow';

import { activityFields, activityOperation } from './activity';
import { funnelFields, funnelOperation } from './funnel';
import { leadsFields, leadsOperation } from './leads';
import { projectsFields, projectsOperation } from './projects';
import { teamActivityFields, teamActivityOperation } from './teamActivity';
import { teamActivityUpdateFields, teamActivityUpdateOperation } from './teamActivityUpdate';

export const analyticsDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['analytics'] } },
		options: [
			activityOperation,
			funnelOperation,
			leadsOperation,
			projectsOperation,
			teamActivityOperation,
			teamActivityUpdateOperation,
		],
		default: 'activity',
	},
	...activityFields,
	...funnelFields,
	...leadsFields,
	...projectsFields,
	...teamActivityFields,
	...teamActivityUpdateFields,
];
