import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Return All + Limit of a list operation. Limit trims the answer (`maxResults`); a paginator of
 * the operation reads both itself (see `wantedCount`) to stop asking for pages early.
 */
export function returnAllFields(resource: string, operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show: { resource: [resource], operation: [operation] } },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: {
				show: { resource: [resource], operation: [operation], returnAll: [false] },
			},
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			routing: { output: { maxResults: '={{ $value }}' } },
		},
	];
}

/** The body of a routed answer (already checked by the one error check). */
export function bodyOf(items: INodeExecutionData[], response: IN8nHttpFullResponse): IDataObject {
	const body = (response.body ?? items[0]?.json) as unknown;
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
}

/** `postReceive`: one item per entry of the answer's `property` list (none when it is absent). */
export function listEntries(property: string) {
	return async function entriesOfList(
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const list = bodyOf(items, response)[property];
		return (Array.isArray(list) ? list : []).map((entry) => ({
			json: entry && typeof entry === 'object' ? (entry as IDataObject) : { value: entry },
		}));
	};
}
