import type { INodeProperties } from 'n8n-workflow';

import { createCommunicationFields, createCommunicationOperation } from './createCommunication';
import { createContentFields, createContentOperation } from './createContent';
import { createTodoFields, createTodoOperation } from './createTodo';
import { getMessageOpensFields, getMessageOpensOperation } from './getMessageOpens';

export const timelineDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['timeline'] } },
		options: [
			createCommunicationOperation,
			createContentOperation,
			createTodoOperation,
			getMessageOpensOperation,
		],
		default: 'createCommunication',
	},
	...createCommunicationFields,
	...createContentFields,
	...createTodoFields,
	...getMessageOpensFields,
];
