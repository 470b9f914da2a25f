import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { inputError } from '../../../shared/errors';

import {
	CLOZE_DEFAULT_SCOPE,
	hierarchyPathMissing,
	scopeFields,
	scopeValue,
} from '../../../shared/scope';
import {
	FILTERS_EXAMPLE,
	validateFilters,
	webhookEventOptions,
} from '../../../shared/webhookFilters';
import { writtenFields } from '../../shared/written';

const show = { resource: ['webhook'], operation: ['subscribe'] };

/**
 * `preSend`: checks the target URL and the filters, and adds the scope (Local / Team /
 * Hierarchy with its path) and the validated filters to the subscription.
 */
async function prepareSubscription(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const node = this.getNode();
	const body = { ...((requestOptions.body ?? {}) as IDataObject) };
	const target = String(body.target_url ?? '').trim();
	let url: URL | undefined;
	try {
		url = new URL(target);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		throw inputError(node, `Target URL: ${JSON.stringify(target)} is not an http(s) URL`, {
			description:
				'Enter the full URL Cloze should POST notifications to, e.g. ' +
				'https://example.com/hooks/cloze.',
		});
	}
	body.target_url = target;

	const scope = this.getNodeParameter('scope', 'local') as string;
	const hierarchyPath = String(this.getNodeParameter('hierarchyPath', '') ?? '').trim();
	if (scope === 'hierarchy' && hierarchyPathMissing(hierarchyPath)) {
		throw inputError(
			node,
			'Hierarchy Path: enter a position in the team hierarchy, ' +
				'e.g. /USA/West, or "/" for all of it',
		);
	}
	if (scope !== CLOZE_DEFAULT_SCOPE) {
		body.scope = scopeValue({
			scope,
			hierarchyPath,
			hierarchyAndBelow: this.getNodeParameter('hierarchyAndBelow', true) as boolean,
		});
	}

	const filters = validateFilters(
		node,
		String(body.event ?? ''),
		body.filters,
		'Filters',
		inputError,
	);
	delete body.filters;
	if (filters.length) body.filters = filters;
	for (const key of ['client_type', 'client_reference']) {
		if (typeof body[key] === 'string') body[key] = (body[key] as string).trim();
		if (body[key] === '') delete body[key];
	}
	requestOptions.body = body;
	return requestOptions;
}

export const subscribeOperation: INodePropertyOptions = {
	name: 'Subscribe',
	value: 'subscribe',
	action: 'Subscribe to change events',
	description: 'Ask Cloze to POST changes of people, companies or projects to a URL',
	routing: {
		request: { method: 'POST', url: '/v1/webhooks/subscribe' },
		send: { preSend: [prepareSubscription] },
		// Cloze answers { errorcode } only: the item is what was written (see written.ts).
		operations: { pagination: writtenFields },
	},
};

export const subscribeFields: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		required: true,
		displayOptions: { show },
		options: webhookEventOptions,
		default: 'person.audit.change',
		description: 'Which changes Cloze notifies',
		routing: { send: { type: 'body', property: 'event' } },
	},
	{
		displayName: 'Target URL',
		name: 'targetUrl',
		type: 'string',
		required: true,
		displayOptions: { show },
		default: '',
		placeholder: 'e.g. https://example.com/hooks/cloze',
		description: 'The URL Cloze POSTs the notifications to',
		routing: { send: { type: 'body', property: 'target_url' } },
	},
	...scopeFields({ show }, { clozeDefault: true }),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Client Reference',
				name: 'clientReference',
				type: 'string',
				default: '',
				placeholder: 'e.g. my-app-person-hook',
				description:
					'Your name for the subscription. Subscribing again with the same event and ' +
					'reference replaces it; it can also be used to unsubscribe.',
				routing: { send: { type: 'body', property: 'client_reference' } },
			},
			{
				displayName: 'Client Type',
				name: 'clientType',
				type: 'string',
				default: '',
				placeholder: 'e.g. human',
				description:
					'Client or format information; "human" delivers fields as the Cloze app displays them',
				routing: { send: { type: 'body', property: 'client_type' } },
			},
			{
				displayName: 'Filters (JSON)',
				name: 'filters',
				type: 'json',
				default: '[]',
				description:
					'Cloze sends a change only if one filter matches. A JSON array, e.g. ' +
					`${FILTERS_EXAMPLE}. Use the event's relation ("person", "company" or "project") ` +
					'and, for audit change events, "changes"; "*" matches any value.',
				routing: { send: { type: 'body', property: 'filters' } },
			},
			{
				displayName: 'TTL (Seconds)',
				name: 'ttl',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 86400,
				description: 'How long the subscription lives, in seconds',
				routing: { send: { type: 'body', property: 'ttl', value: '={{ String($value) }}' } },
			},
		],
	},
];
