import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { authenticationProperty, clozeCredentials } from '../shared/credentials';
import { listSearch } from '../shared/listSearch';
import { loadOptions } from '../shared/loadOptions';
import { clozeRouting } from '../shared/pagination';
import { readParametersOnce } from '../shared/parameters';
import { optionsSubtitle } from '../shared/subtitle';
import { API_BASE_URL } from '../shared/apiUrl';
import { checkClozeResponse, DEFAULT_MAX_IN_FLIGHT } from '../shared/transport';
import { structuredValueCheck } from '../shared/validate';
import { accountDescription } from './resources/account';
import { analyticsDescription } from './resources/analytics';
import { companyDescription } from './resources/company';
import { personDescription } from './resources/person';
import { projectDescription } from './resources/project';
import { teamDescription } from './resources/team';
import { timelineDescription } from './resources/timeline';
import { webhookDescription } from './resources/webhook';
import { mergeIdenticalDefinitions } from './shared/merge';
import { toolDescriptionProperties } from './shared/tool';

/**
 * The Resource parameter over the given resources' forms. Its routing runs first for every
 * operation: each parameter of the item resolved once from here on, the check of structured values
 * before any request (over the whole form), and the one error check of routed requests;
 * `paginate` hands every request to the node's driver (`requestOperations.pagination`). See
 * docs/CONVENTIONS.md, "Where a request is decided".
 */
function resourcePropertyOver(resourceProperties: INodeProperties[]): INodeProperties {
	const resource: INodeProperties = {
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
		routing: {
			send: {
				paginate: true,
				preSend: [
					readParametersOnce,
					structuredValueCheck(() => [resource, ...resourceProperties]),
				],
			},
			output: { postReceive: [checkClozeResponse] },
		},
	};
	return resource;
}

/**
 * n8n adds its own Request Options (Batching, Ignore SSL Issues, Proxy, Timeout) to this collection
 * of a declarative node; the package adds the bound on requests in flight.
 */
const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	isNodeSetting: true,
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Requests in Flight',
			name: 'maxInFlight',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: DEFAULT_MAX_IN_FLIGHT,
			description:
				'How many requests to Cloze this node runs at once at most, over all its items. The node ' +
				'also slows down by itself when Cloze answers 429 (rate limited).',
		},
	],
};

/** Each resource's form (its `index.ts`), by resource value, in the order the node lists them. */
export const CLOZE_RESOURCES: Record<string, INodeProperties[]> = {
	account: accountDescription,
	company: companyDescription,
	person: personDescription,
	project: projectDescription,
	analytics: analyticsDescription,
	team: teamDescription,
	timeline: timelineDescription,
	webhook: webhookDescription,
};

/**
 * Every definition of the node's parameters over the given resources' forms, as the operation
 * files define them: the Cloze node passes {@link CLOZE_RESOURCES}; a test may pass them with an
 * operation added (an extension point exercised in test/relations/extending.test.ts).
 */
export function clozeDefinitions(resources: Record<string, INodeProperties[]>): INodeProperties[] {
	const resourceProperties = Object.values(resources).flat();
	return [
		authenticationProperty,
		resourcePropertyOver(resourceProperties),
		...resourceProperties,
		// On the Cloze Tool only: what the AI model reads to choose the tool (shared/tool.ts).
		...toolDescriptionProperties(resourceProperties),
		requestOptionsProperty,
	];
}

/**
 * The node's parameters: {@link clozeDefinitions} with alike definitions and shared collections
 * made one (the same forms; n8n's engine walks every definition for every item: shared/merge.ts).
 */
export function clozeProperties(resources: Record<string, INodeProperties[]>): INodeProperties[] {
	return mergeIdenticalDefinitions(clozeDefinitions(resources));
}

/** The node's parameters, made once. */
const CLOZE_PROPERTIES = clozeProperties(CLOZE_RESOURCES);

/**
 * The canvas subtitle, e.g. "Create To-Do · Timeline": the names of the chosen operation and
 * resource, looked up in a table built from the operations' own options.
 */
const resourceProperties = Object.values(CLOZE_RESOURCES).flat();
export const clozeSubtitle = optionsSubtitle(
	resourcePropertyOver(resourceProperties),
	resourceProperties,
);

export class Cloze implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloze',
		name: 'cloze',
		icon: { light: 'file:../../icons/cloze.svg', dark: 'file:../../icons/cloze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: clozeSubtitle,
		description:
			'Create, update and find people, companies and projects in Cloze, log communications, add ' +
			'notes and to-dos, query analytics',
		defaults: { name: 'Cloze' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: clozeCredentials,
		requestDefaults: {
			baseURL: API_BASE_URL,
			headers: { Accept: 'application/json' },
			json: true,
			// `ignoreHttpStatusErrors` is set by the driver (routedRequest): HTTP errors reach the one
			// error check, except with OAuth2 (n8n refreshes an expired token only on a thrown 401).
			// An expression here would cost one more run of n8n's expression engine per item.
			// Redirects are followed by the package's driver, only within the API URL's origin.
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		},
		// Every routed request runs through the one driver (nodes/shared/transport.ts): pacing,
		// bounded in-flight requests, retries, timeout, redirects, error texts for both credentials.
		// Operations with paginators of their own call the same driver for each page.
		requestOperations: { pagination: clozeRouting },
		// A copy of the one list each (n8n's loader replaces an entry: its Request Options).
		properties: [...CLOZE_PROPERTIES],
	};

	methods = {
		loadOptions,
		listSearch,
	};
}
