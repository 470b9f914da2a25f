import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { withoutStatus } from '../../../shared/records';

export const teamActivityUpdateOperation: INodePropertyOptions = {
	name: 'Update Team Activity',
	value: 'teamActivityUpdate',
	action: 'Update team activity',
	description:
		'Refresh the team activity data of team members and get the date range updated (calls ' +
		'within 15 minutes of the last update are skipped)',
	routing: {
		request: { method: 'GET', url: '/v1/analytics/teamactivity/update' },
		output: { postReceive: [withoutStatus] },
	},
};

export const teamActivityUpdateFields: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show: { resource: ['analytics'], operation: ['teamActivityUpdate'] } },
		default: {},
		options: [
			{
				displayName: 'Only Return Last Update',
				name: 'skip',
				type: 'boolean',
				default: true,
				description:
					'Whether to only return the date of the most recent update, without starting one',
				routing: { send: { type: 'query', property: 'skip' } },
			},
			{
				displayName: 'Tag',
				name: 'tag',
				type: 'string',
				default: '',
				placeholder: 'e.g. advisor',
				description: 'Only update the team members with this tag',
				routing: { send: { type: 'query', property: 'tag' } },
			},
			{
				displayName: 'Wait (Ms)',
				name: 'wait',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60000,
				description:
					'How long Cloze waits for the update to complete, ' +
					'in milliseconds (1 minute when not set)',
				routing: { send: { type: 'query', property: 'wait' } },
			},
		],
	},
];
