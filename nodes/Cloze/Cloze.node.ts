import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { authenticationProperty, clozeCredentials } from '../shared/credentials';
import { listSearch } from '../shared/listSearch';
import { loadOptions } from '../shared/loadOptions';
import { checkClozeResponse, DEFAULT_API_URL } from '../shared/transport';
import { structuredValueCheck } from '../shared/validate';
import { accountDescription } from './resources/account';
import { analyticsDescription } from './resources/analytics';
import { companyDescription } from './resources/company';
import { personDescription } from './resources/person';
import { projectDescription } from './resources/project';
import { teamDescription } from './resources/team';
import { timelineDescription } from './resources/timeline';
import { webhookDescription } from './resources/webhook';

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
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Analytics', value: 'analytics' },
					{ name: 'Company', value: 'company' },
					{ name: 'Person', value: 'person' },
					{ name: 'Project', value: 'project' },
					{ name: 'Team', value: 'team' },
					{ name: 'Timeline', value: 'timeline' },
					{ name: 'Webhook', value: 'webhook' },
				],
				default: 'person',
				// Runs first for every operation: the one error check of routed requests.
				routing: {
					send: { preSend: [structuredValueCheck(() => this.description.properties)] },
					output: { postReceive: [checkClozeResponse] },
				},
			},
			...accountDescription,
			...companyDescription,
			...personDescription,
			...projectDescription,
			...analyticsDescription,
			...teamDescription,
			...timelineDescription,
			...webhookDescription,
		],
	};

	methods = {
		loadOptions,
		listSearch,
	};
}
