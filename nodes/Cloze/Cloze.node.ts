import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { authenticationProperty, clozeCredentials } from '../shared/credentials';
import { listSearch } from '../shared/listSearch';
import { loadOptions } from '../shared/loadOptions';
import { optionsSubtitle } from '../shared/subtitle';
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

const resourceProperty: INodeProperties = {
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
	// Runs first for every operation: the check of structured values before any request, and the
	// one error check of routed requests.
	routing: {
		send: { preSend: [structuredValueCheck(() => [resourceProperty, ...resourceProperties])] },
		output: { postReceive: [checkClozeResponse] },
	},
};

const resourceProperties: INodeProperties[] = [
	...accountDescription,
	...companyDescription,
	...personDescription,
	...projectDescription,
	...analyticsDescription,
	...teamDescription,
	...timelineDescription,
	...webhookDescription,
];

/**
 * The canvas subtitle, e.g. "Create To-Do · Timeline": the names of the chosen operation and
 * resource, looked up in a table built from the operations' own options.
 */
export const clozeSubtitle = optionsSubtitle(resourceProperty, resourceProperties);

export class Cloze implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloze',
		name: 'cloze',
		icon: { light: 'file:../../icons/cloze.svg', dark: 'file:../../icons/cloze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: clozeSubtitle,
		description:
			'Create, update and find people, companies and projects in Cloze, log communications, add notes and to-dos, query analytics',
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
			resourceProperty,
			...resourceProperties,
		],
	};

	methods = {
		loadOptions,
		listSearch,
	};
}
