import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { listEntries, returnAllFields } from '../../shared/lists';
import { relationKindField } from './relationKind';

export const getSegmentsOperation: INodePropertyOptions = {
	name: 'Get Segments',
	value: 'getSegments',
	action: 'Get segments',
	description: 'Get the segments of people and companies, or of projects',
	routing: {
		request: { method: 'GET', url: '=/v1/user/segments/{{ $parameter.relationKind }}' },
		output: { postReceive: [listEntries('list')] },
	},
};

export const getSegmentsFields: INodeProperties[] = [
	relationKindField('getSegments', 'Whose segments to get'),
	...returnAllFields('account', 'getSegments'),
];
