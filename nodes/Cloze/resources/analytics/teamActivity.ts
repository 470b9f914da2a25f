import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	analyticsQueryFields,
	buildAnalyticsBody,
	itemPerQuery,
	TEAM_ACTIVITY_MEASURES,
	type AnalyticsQueryKind,
} from '../../shared/analytics';

const kind: AnalyticsQueryKind = {
	operation: 'teamActivity',
	listKey: 'measures',
	measures: TEAM_ACTIVITY_MEASURES,
	scales: ['year', 'quarter', 'month', 'week'],
	fields: ['max', 'tag'],
	example: {
		queries: {
			advisorqtr: {
				max: 30,
				scale: 'quarter',
				tag: 'advisor',
				measures: ['sentmails', 'rcvdstandard', 'meetings', 'inbcalls', 'outbcalls'],
			},
		},
	},
};

export const teamActivityOperation: INodePropertyOptions = {
	name: 'Query Team Activity',
	value: 'teamActivity',
	action: 'Query team activity',
	description: "Report the activity of the team's users per period",
	routing: {
		request: { method: 'POST', url: '/v1/analytics/teamactivity' },
		send: { preSend: [buildAnalyticsBody(kind)] },
		output: { postReceive: [itemPerQuery] },
	},
};

export const teamActivityFields: INodeProperties[] = analyticsQueryFields(kind);
