import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { clozeCredentials } from '../shared/credentials';
import { loadOptions } from '../shared/loadOptions';
import { answer, deliveryItems, matchesSecret, readPayload, single } from './delivery';
import { optionSubtitle } from '../shared/subtitle';
import { event, triggerProperties } from './properties';
import {
	createSubscription,
	deleteSubscription,
	SECRET_PARAMETER,
	storedSubscription,
	subscriptionExists,
} from './subscription';

export class ClozeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloze Trigger',
		name: 'clozeTrigger',
		icon: { light: 'file:../../icons/cloze.svg', dark: 'file:../../icons/cloze.dark.svg' },
		group: ['trigger'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: optionSubtitle(event),
		// n8n's nodes panel shows the trigger's description on the card it merges with the Cloze
		// node (community packages cannot override it), so it names both.
		description:
			'Manage people, companies, projects and to-dos in Cloze, and start workflows when they change',
		defaults: { name: 'Cloze Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: clozeCredentials,
		eventTriggerDescription: 'Waiting for you to change a relation in Cloze',
		activationMessage: 'Cloze now sends the chosen changes to this workflow.',
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	methods = {
		loadOptions,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription(this);
			},
		},
	};

	/**
	 * A delivery: refused (401 wrong secret, 403 wrong subscription id, no run) unless it carries
	 * the secret of the target URL and the stored subscription id; otherwise answered at once with
	 * exactly `200 text/plain OK`, written here so n8n adds nothing, and then one item per relation.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = this.getResponseObject();
		const stored = storedSubscription(this);
		if (!matchesSecret(single((this.getQueryData() as IDataObject)[SECRET_PARAMETER]), stored.secret)) {
			answer(response, 401, 'Unauthorized');
			return { noWebhookResponse: true };
		}
		const subscriptionId = single(this.getHeaderData()['x-cloze-subscription-id']);
		if (subscriptionId === undefined || !matchesSecret(subscriptionId, stored.subscriptionId)) {
			answer(response, 403, 'Forbidden');
			return { noWebhookResponse: true };
		}
		answer(response, 200, 'OK');

		const relations = readPayload(this);
		if (relations === undefined) return { noWebhookResponse: true };
		const event = stored.event ?? (this.getNodeParameter('event', 'person.audit.change') as string);
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const items = deliveryItems(relations, event, subscriptionId, simplify);
		if (items.length === 0) return { noWebhookResponse: true };
		return { noWebhookResponse: true, workflowData: [items] };
	}
}
