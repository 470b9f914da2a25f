import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	analyticsQueryFields,
	buildAnalyticsBody,
	itemPerQuery,
	ACTIVITY_MEASURES,
	type AnalyticsQueryKind,
} from '../../shared/analytics';

const kind: AnalyticsQueryKind = {
	operation: 'activity',
	listKey: 'measures',
	measures: ACTIVITY_MEASURES,
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

export const activityOperation: INodePropertyOptions = {
	name: 'Query Activity',
	value: 'activity',
	action: 'Query user activity',
	description: 'Report your activity (emails, calls, meetings, to-dos…) per period',
	routing: {
		request: { method: 'POST', url: '/v1/analytics/activity' },
		send: { preSend: [buildAnalyticsBody(kind)] },
		output: { postReceive: [itemPerQuery] },
	},
};

export const activityFields: INodeProperties[] = analyticsQueryFields(kind);
