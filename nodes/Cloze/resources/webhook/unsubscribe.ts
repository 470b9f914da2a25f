import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { inputError } from '../../../shared/errors';

import { webhookEventOptions } from '../../../shared/webhookFilters';

const show = { resource: ['webhook'], operation: ['unsubscribe'] };

/** `preSend`: Cloze needs the subscription's unique ID or its client reference. */
async function requireSubscriptionKey(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = { ...((requestOptions.body ?? {}) as IDataObject) };
	const by = this.getNodeParameter('identifyBy', 'uniqueId') as string;
	const key = by === 'clientReference' ? 'client_reference' : 'uniqueid';
	body[key] = String(body[key] ?? '').trim();
	if (body[key] === '') {
		throw inputError(
			this.getNode(),
			by === 'clientReference'
				? 'Client Reference: enter the client reference the subscription was made with'
				: 'Subscription ID: enter the unique ID Cloze gave the subscription',
			{ description: 'Cloze unsubscribes by event plus the unique ID or the client reference.' },
		);
	}
	requestOptions.body = body;
	return requestOptions;
}

/** `postReceive`: a removed subscription answers like a deletion (Cloze's answer, already
 * checked, carries nothing more: the item is built from the form). */
async function unsubscribed(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	const by = this.getNodeParameter('identifyBy', 'uniqueId') as string;
	const json: IDataObject = { deleted: true, event: this.getNodeParameter('event') as string };
	if (by === 'clientReference')
		json.client_reference = String(this.getNodeParameter('clientReference')).trim();
	else json.uniqueid = String(this.getNodeParameter('uniqueId')).trim();
	return [{ json }];
}

export const unsubscribeOperation: INodePropertyOptions = {
	name: 'Unsubscribe',
	value: 'unsubscribe',
	action: 'Unsubscribe from change events',
	description: 'Cancel a webhook subscription by its unique ID or client reference',
	routing: {
		request: { method: 'POST', url: '/v1/webhooks/unsubscribe' },
		send: { preSend: [requireSubscriptionKey] },
		output: { postReceive: [unsubscribed] },
	},
};

export const unsubscribeFields: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		required: true,
		displayOptions: { show },
		options: webhookEventOptions,
		default: 'person.audit.change',
		description: 'The event the subscription is for',
		routing: { send: { type: 'body', property: 'event' } },
	},
	{
		displayName: 'Identify By',
		name: 'identifyBy',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Client Reference',
				value: 'clientReference',
				description: 'The reference given when subscribing',
			},
			{
				name: 'Subscription ID',
				value: 'uniqueId',
				description: 'The unique ID Cloze gave the subscription',
			},
		],
		default: 'uniqueId',
		description: 'How to name the subscription to cancel',
	},
	{
		displayName: 'Subscription ID',
		name: 'uniqueId',
		type: 'string',
		required: true,
		displayOptions: { show: { ...show, identifyBy: ['uniqueId'] } },
		default: '',
		placeholder: 'e.g. iwpEBI9YmItIa90NJFsiqKWmPZuQ5r',
		description: 'The unique ID of the subscription (Subscribe answers it as "uniqueid")',
		routing: { send: { type: 'body', property: 'uniqueid' } },
	},
	{
		displayName: 'Client Reference',
		name: 'clientReference',
		type: 'string',
		required: true,
		displayOptions: { show: { ...show, identifyBy: ['clientReference'] } },
		default: '',
		placeholder: 'e.g. my-app-person-hook',
		description: 'The client reference the subscription was made with',
		routing: { send: { type: 'body', property: 'client_reference' } },
	},
];
