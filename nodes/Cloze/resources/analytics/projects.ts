import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	analyticsQueryFields,
	buildAnalyticsBody,
	itemPerQuery,
	PROJECT_METRICS,
	type AnalyticsQueryKind,
} from '../../shared/analytics';

const kind: AnalyticsQueryKind = {
	operation: 'projects',
	listKey: 'metrics',
	measures: PROJECT_METRICS,
	scales: ['year', 'quarter', 'month'],
	fields: ['relative', 'mode', 'always'],
	example: {
		queries: {
			dealsqtr: {
				mode: 'pipeline',
				always: 'in-period',
				scale: 'quarter',
				relative: 0,
				metrics: ['stage', 'segment', 'nextstep', 'meta_value', 'project_start', 'project_end'],
			},
		},
	},
};

export const projectsOperation: INodePropertyOptions = {
	name: 'Query Projects',
	value: 'projects',
	action: 'Query project data',
	description: 'Report projects in the pipeline or active in a period, with their metrics',
	routing: {
		request: { method: 'POST', url: '/v1/analytics/projects' },
		send: { preSend: [buildAnalyticsBody(kind)] },
		output: { postReceive: [itemPerQuery] },
	},
};

export const projectsFields: INodeProperties[] = analyticsQueryFields(kind);
