import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readableOrUnchanged } from '../shared/readable';
import { clozeCredentials } from '../shared/credentials';
import { loadOptions } from '../shared/loadOptions';
import { answer, deliveryItems, matchesSecret, readPayload, single } from './delivery';
import { optionSubtitle } from '../shared/subtitle';
import { isWebhookEvent, relationKindOfEvent } from '../shared/webhookFilters';
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
			'Manage people, companies, projects and to-dos in Cloze, ' +
			'and start workflows when they change',
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
		if (
			!matchesSecret(single((this.getQueryData() as IDataObject)[SECRET_PARAMETER]), stored.secret)
		) {
			answer(response, 401, 'Unauthorized');
			return { noWebhookResponse: true };
		}
		const subscriptionId = single(this.getHeaderData()['x-cloze-subscription-id']);
		if (subscriptionId === undefined || !matchesSecret(subscriptionId, stored.subscriptionId)) {
			answer(response, 403, 'Forbidden');
			return { noWebhookResponse: true };
		}
		answer(response, 200, 'OK');

		// Cloze has its OK: nothing below may throw, or the delivery would be lost with no run.
		const relations = readPayload(this);
		if (relations === undefined) return { noWebhookResponse: true };
		// A setting that cannot be read (a broken expression) falls back to its default here.
		const setting = (name: string, fallback: unknown): unknown => {
			try {
				return this.getNodeParameter(name, fallback);
			} catch {
				return fallback;
			}
		};
		const event = stored.event ?? String(setting('event', 'person.audit.change'));
		const simplify = setting('simplify', true) !== false;
		const options = (setting('options', {}) ?? {}) as IDataObject;
		const seen = options.skipDuplicates === true ? this.getWorkflowStaticData('node') : undefined;
		const items = deliveryItems(relations, event, subscriptionId, simplify, seen);
		if (items.length === 0) return { noWebhookResponse: true };
		// Human-Readable Values: the account lists the delivery needs, read once for it; if one
		// cannot be read, its codes stay (readableOrUnchanged never throws).
		if (options.humanReadable === true && isWebhookEvent(event)) {
			return {
				noWebhookResponse: true,
				workflowData: [await readableOrUnchanged(this, relationKindOfEvent(event), items)],
			};
		}
		return { noWebhookResponse: true, workflowData: [items] };
	}
}
