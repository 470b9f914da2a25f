import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

/**
 * `postReceive` of Get Profile: the profile. The schema names it `profile`, its own example (and
 * Cloze in practice) `user`: both are read.
 */
export async function profileOf(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const body = (response.body ?? items[0]?.json ?? {}) as IDataObject;
	const profile = body.profile ?? body.user;
	return [{ json: (profile && typeof profile === 'object' ? profile : {}) as IDataObject }];
}

export const getProfileOperation: INodePropertyOptions = {
	name: 'Get Profile',
	value: 'getProfile',
	action: 'Get the account profile',
	description: 'Get the profile of the Cloze account the credential belongs to',
	routing: {
		request: { method: 'GET', url: '/v1/user/profile' },
		output: { postReceive: [profileOf] },
	},
};

export const getProfileFields: INodeProperties[] = [];
