import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { listEntries, returnAllFields } from '../../shared/lists';
import { relationKindField } from './relationKind';

export const getStagesOperation: INodePropertyOptions = {
	name: 'Get Stages',
	value: 'getStages',
	action: 'Get stages',
	description: 'Get the stages of people and companies, or of projects, with their labels',
	routing: {
		request: { method: 'GET', url: '=/v1/user/stages/{{ $parameter.relationKind }}' },
		output: { postReceive: [listEntries('list')] },
	},
};

export const getStagesFields: INodeProperties[] = [
	relationKindField('getStages', 'Whose stages to get'),
	...returnAllFields('account', 'getStages'),
];
