import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { bodyOf, returnAllFields } from '../../shared/lists';

const RELATIONS = ['people', 'companies', 'projects'];

/** `postReceive`: one item per view (audience), carrying its relation and the relation's label. */
async function flattenViews(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const body = bodyOf(items, response);
	const wanted = this.getNodeParameter('relation', 'all') as string;
	const out: INodeExecutionData[] = [];
	for (const relation of RELATIONS) {
		if (wanted !== 'all' && wanted !== relation) continue;
		const holder = (body[relation] ?? {}) as IDataObject;
		for (const view of (holder.views ?? []) as IDataObject[]) {
			out.push({ json: { relation, ...view, label: holder.label ?? {} } });
		}
	}
	return out;
}

export const getViewsOperation: INodePropertyOptions = {
	name: 'Get Views',
	value: 'getViews',
	action: 'Get views and audiences',
	description:
		'Get the views of companies and projects and the audiences of people, one item per view',
	routing: {
		request: { method: 'GET', url: '/v1/user/views' },
		output: { postReceive: [flattenViews] },
	},
};

export const getViewsFields: INodeProperties[] = [
	{
		displayName: 'Relation',
		name: 'relation',
		type: 'options',
		displayOptions: { show: { resource: ['account'], operation: ['getViews'] } },
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Companies', value: 'companies' },
			{ name: 'People', value: 'people' },
			{ name: 'Projects', value: 'projects' },
		],
		default: 'all',
		description: 'Only the views of this relation',
	},
	...returnAllFields('account', 'getViews'),
];
