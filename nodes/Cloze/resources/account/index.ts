import type { INodeProperties } from 'n8n-workflow';

import { getCustomFieldsFields, getCustomFieldsOperation } from './getCustomFields';
import { getProfileFields, getProfileOperation } from './getProfile';
import { getSegmentsFields, getSegmentsOperation } from './getSegments';
import { getStagesFields, getStagesOperation } from './getStages';
import { getStepsFields, getStepsOperation } from './getSteps';
import { getViewsFields, getViewsOperation } from './getViews';

export const accountDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			getCustomFieldsOperation,
			getProfileOperation,
			getSegmentsOperation,
			getStagesOperation,
			getStepsOperation,
			getViewsOperation,
		],
		default: 'getProfile',
	},
	...getProfileFields,
	...getCustomFieldsFields,
	...getSegmentsFields,
	...getStagesFields,
	...getStepsFields,
	...getViewsFields,
];
