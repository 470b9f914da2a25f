import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	analyticsQueryFields,
	buildAnalyticsBody,
	itemPerQuery,
	FUNNEL_METRICS,
	type AnalyticsQueryKind,
} from '../../shared/analytics';

const kind: AnalyticsQueryKind = {
	operation: 'funnel',
	listKey: 'metrics',
	measures: FUNNEL_METRICS,
	scales: ['year', 'quarter', 'month', 'week'],
	// FunnelQuery has no max: the period is chosen by scale and relative.
	fields: ['relative', 'tag'],
	userTags: true,
	example: {
		queries: {
			funnel: { scale: 'month', metrics: ['leadcount', 'currentcount', 'woncount', 'lostcount'] },
		},
	},
};

export const funnelOperation: INodePropertyOptions = {
	name: 'Query Funnel',
	value: 'funnel',
	action: 'Query funnel information',
	description: 'Report how contacts and funnels move through stages and steps (beta)',
	routing: {
		request: { method: 'POST', url: '/v1/analytics/funnel' },
		send: { preSend: [buildAnalyticsBody(kind)] },
		output: { postReceive: [itemPerQuery] },
	},
};

export const funnelFields: INodeProperties[] = analyticsQueryFields(kind);
