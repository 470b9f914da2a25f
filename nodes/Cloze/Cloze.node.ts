import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { authenticationProperty, clozeCredentials } from '../shared/credentials';
import { loadOptions } from '../shared/loadOptions';
import { checkClozeResponse, DEFAULT_API_URL } from '../shared/transport';
import { accountDescription } from './resources/account';

export class Cloze implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloze',
		name: 'cloze',
		icon: { light: 'file:../../icons/cloze.svg', dark: 'file:../../icons/cloze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with people, companies, projects, timeline, analytics and webhooks in Cloze',
		defaults: { name: 'Cloze' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: clozeCredentials,
		requestDefaults: {
			baseURL: `={{ ($credentials.apiUrl || "${DEFAULT_API_URL}").trim().replace(/\\/+$/, "") }}`,
			headers: { Accept: 'application/json' },
			json: true,
			// HTTP errors reach the one error check (postReceive on Resource). With OAuth2 they must
			// throw instead: n8n refreshes an expired token only on a thrown 401.
			ignoreHttpStatusErrors: '={{ $parameter.authentication !== "oAuth2" }}' as unknown as boolean,
		},
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Account', value: 'account' }],
				default: 'account',
				// Runs first for every operation: the one error check of routed requests.
				routing: { output: { postReceive: [checkClozeResponse] } },
			},
			...accountDescription,
		],
	};

	methods = {
		loadOptions,
	};
}
