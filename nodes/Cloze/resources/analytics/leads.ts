import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	analyticsQueryFields,
	buildAnalyticsBody,
	itemPerQuery,
	type AnalyticsQueryKind,
} from '../../shared/analytics';

const kind: AnalyticsQueryKind = {
	operation: 'leads',
	listKey: 'measures',
	measures: [],
	scales: ['year', 'quarter', 'month', 'week'],
	fields: ['max'],
	example: { queries: { leads: { scale: 'month' } } },
};

export const leadsOperation: INodePropertyOptions = {
	name: 'Query Leads',
	value: 'leads',
	action: 'Query lead qualification data',
	description: 'Report lead qualification data per period',
	routing: {
		request: { method: 'POST', url: '/v1/analytics/leads' },
		send: { preSend: [buildAnalyticsBody(kind)] },
		output: { postReceive: [itemPerQuery] },
	},
};

export const leadsFields: INodeProperties[] = analyticsQueryFields(kind);
