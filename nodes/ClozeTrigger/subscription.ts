import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { scopeValue } from '../shared/scope';
import { clozeApiRequest } from '../shared/transport';
import type { WebhookEvent } from '../shared/webhookFilters';
import {
	isAuditEvent,
	isWebhookEvent,
	relationKindOfEvent,
	validateFilters,
} from '../shared/webhookFilters';

/** Name of the target URL's query parameter that carries the trigger's random secret. */
export const SECRET_PARAMETER = 'secret';

/** What the trigger keeps in the node's static data (workflow storage, never module memory). */
export interface StoredSubscription {
	subscriptionId?: string;
	secret?: string;
	event?: string;
	targetUrl?: string;
	clientReference?: string;
	fingerprint?: string;
}

/** Who the subscription belongs to: enough to find it in Cloze's list and to remove it. */
interface Identity {
	event: WebhookEvent;
	/** The node's webhook URL without the secret query. */
	webhookUrl: string;
	clientReference: string;
}

/** The subscription the node's parameters ask for. */
interface Desired extends Identity {
	scope: string;
	filters?: IDataObject[];
	clientType?: string;
	ttl?: string;
	/**
	 * Canonical text of everything above: a stored subscription made from other values has drifted.
	 */
	fingerprint: string;
}

/** JSON with object keys sorted, so equal values give equal text. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as IDataObject)
			.filter(([, inner]) => inner !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		const members = entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`);
		return `{${members.join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/** A URL without query and fragment (the secret lives in the query). */
export function withoutQuery(url: string): string {
	try {
		const parsed = new URL(url);
		parsed.search = '';
		parsed.hash = '';
		return parsed.toString();
	} catch {
		return url.split(/[?#]/)[0];
	}
}

function sameUrl(a: unknown, b: unknown): boolean {
	if (typeof a !== 'string' || typeof b !== 'string') return false;
	try {
		return new URL(a).toString() === new URL(b).toString();
	} catch {
		return a === b;
	}
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

export function storedSubscription(context: {
	getWorkflowStaticData(type: string): IDataObject;
}): StoredSubscription {
	return context.getWorkflowStaticData('node') as StoredSubscription;
}

function clearStored(context: IHookFunctions): void {
	const data = context.getWorkflowStaticData('node');
	for (const key of [
		'subscriptionId',
		'secret',
		'event',
		'targetUrl',
		'clientReference',
		'fingerprint',
	]) {
		delete data[key];
	}
}

/** `client_reference`: one per workflow and node, another one for the editor's test URL. */
function identityOf(context: IHookFunctions): Identity {
	const event = context.getNodeParameter('event', 'person.audit.change') as string;
	if (!isWebhookEvent(event)) {
		throw new NodeOperationError(
			context.getNode(),
			`Event: "${event}" is not a Cloze webhook event`,
		);
	}
	const webhookUrl = context.getNodeWebhookUrl('default');
	if (!webhookUrl) {
		throw new NodeOperationError(context.getNode(), 'n8n has no webhook URL for this trigger', {
			description: 'Save the workflow, and make sure n8n knows its public address (WEBHOOK_URL).',
		});
	}
	const node = context.getNode();
	const test = context.getActivationMode() === 'manual' || context.getMode() === 'manual';
	const workflowId = text(context.getWorkflow().id) || 'unsaved';
	return {
		event,
		webhookUrl: withoutQuery(webhookUrl),
		clientReference: `n8n-${workflowId}-${text(node.id) || node.name}${test ? '-test' : ''}`,
	};
}

/** Filters built from the form: one filter, the relation conditions and the change conditions. */
function filtersFromFields(
	context: IHookFunctions,
	event: WebhookEvent,
): IDataObject[] | undefined {
	const node = context.getNode();
	const kind = relationKindOfEvent(event);
	const relation = context.getNodeParameter('relationFilter', {}) as IDataObject;
	const fragment: IDataObject = {};
	for (const key of ['segment', 'stage', 'step']) {
		if (text(relation[key]) !== '') fragment[key] = text(relation[key]);
	}
	const conditions =
		(((relation.customFields as IDataObject) ?? {}).condition as IDataObject[]) ?? [];
	const customFields = conditions.map((condition, index) => {
		const id = text(condition.fieldId);
		if (id === '') {
			throw new NodeOperationError(
				node,
				`Relation Conditions: custom field condition ${index + 1} names no field`,
			);
		}
		return { id, value: text(condition.value) || '*' };
	});
	if (customFields.length) fragment.customFields = customFields;

	const filter: IDataObject = {};
	if (Object.keys(fragment).length) filter[kind] = fragment;
	if (isAuditEvent(event)) {
		const changeList =
			((context.getNodeParameter('changeFilters', {}) as IDataObject).change as IDataObject[]) ??
			[];
		const changes: IDataObject = {};
		changeList.forEach((change, index) => {
			const field = text(change.field);
			if (field === '')
				throw new NodeOperationError(
					node,
					`Change Conditions: condition ${index + 1} names no field`,
				);
			const condition: IDataObject = {};
			if (text(change.before) !== '') condition.before = text(change.before);
			if (text(change.after) !== '') condition.after = text(change.after);
			// Any change of the field: the after value is a wildcard.
			if (Object.keys(condition).length === 0) condition.after = '*';
			changes[field] = condition;
		});
		if (Object.keys(changes).length) filter.changes = changes;
	}
	return Object.keys(filter).length ? validateFilters(node, event, [filter], 'Filters') : undefined;
}

/** The subscription the node's parameters describe, validated before anything is sent to Cloze. */
function desiredSubscription(context: IHookFunctions): Desired {
	const identity = identityOf(context);
	const node = context.getNode();
	const scope = context.getNodeParameter('scope', 'local') as string;
	const hierarchyPath = text(context.getNodeParameter('hierarchyPath', ''));
	if (scope === 'hierarchy' && hierarchyPath === '') {
		throw new NodeOperationError(
			node,
			'Hierarchy Path: enter a position in the team hierarchy, e.g. /USA/West',
		);
	}
	const mode = context.getNodeParameter('filterMode', 'none') as string;
	let filters: IDataObject[] | undefined;
	if (mode === 'json') {
		const parsed = validateFilters(
			node,
			identity.event,
			context.getNodeParameter('filtersJson', ''),
			'Filters (JSON)',
		);
		filters = parsed.length ? parsed : undefined;
	} else if (mode === 'fields') {
		filters = filtersFromFields(context, identity.event);
	}
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const ttl = Number(options.ttl ?? 0);
	if (!Number.isFinite(ttl) || ttl < 0 || !Number.isInteger(ttl)) {
		throw new NodeOperationError(
			node,
			'Time to Live: enter a whole number of seconds (0 for none)',
		);
	}
	const desired: Omit<Desired, 'fingerprint'> = {
		...identity,
		scope: scopeValue({
			scope,
			hierarchyPath,
			hierarchyAndBelow: context.getNodeParameter('hierarchyAndBelow', true),
		}),
		filters,
		clientType: options.humanReadable === true ? 'human' : undefined,
		ttl: ttl > 0 ? String(ttl) : undefined,
	};
	return { ...desired, fingerprint: canonical(desired) };
}

function idOf(entry: IDataObject): string {
	return text(entry.uniqueId ?? entry.uniqueid ?? entry.uniqueID);
}

/** Whether a listed subscription was made by this node (its client reference or its URL). */
function isOurs(entry: IDataObject, identity: Identity): boolean {
	if (text(entry.client_reference) === identity.clientReference) return true;
	return (
		typeof entry.target_url === 'string' && withoutQuery(entry.target_url) === identity.webhookUrl
	);
}

/** Whether Cloze has suspended a listed subscription (it then delivers nothing). */
function isSuspended(entry: IDataObject): boolean {
	const usage = (entry.usage as IDataObject) ?? {};
	if (entry.suspended === true || usage.suspended === true) return true;
	if (entry.active === false || entry.enabled === false) return true;
	if (['suspended', 'inactive', 'disabled'].includes(text(entry.status).toLowerCase())) return true;
	const suspendedAt = Number(usage.suspendDate ?? usage.suspendedDate ?? 0);
	return suspendedAt > 0 && suspendedAt > Number(usage.resumeDate ?? 0);
}

/** Whether a listed subscription is the one this node made and still wants, unchanged. */
function isCurrent(entry: IDataObject, desired: Desired, stored: StoredSubscription): boolean {
	if (!stored.subscriptionId || !stored.secret || idOf(entry) !== stored.subscriptionId)
		return false;
	if (stored.fingerprint !== desired.fingerprint || entry.event !== desired.event) return false;
	if (
		!sameUrl(entry.target_url, stored.targetUrl) ||
		withoutQuery(String(stored.targetUrl)) !== desired.webhookUrl
	) {
		return false;
	}
	if (
		entry.client_reference !== undefined &&
		text(entry.client_reference) !== desired.clientReference
	)
		return false;
	if (entry.scope !== undefined && entry.scope !== null && text(entry.scope) !== desired.scope)
		return false;
	if (entry.filters !== undefined) {
		const listed = Array.isArray(entry.filters) && entry.filters.length ? entry.filters : undefined;
		if (canonical(listed) !== canonical(desired.filters)) return false;
	}
	if (entry.client_type !== undefined && text(entry.client_type) !== text(desired.clientType))
		return false;
	return !isSuspended(entry);
}

async function listSubscriptions(context: IHookFunctions): Promise<IDataObject[]> {
	const { list } = await clozeApiRequest.call(context, 'GET', '/v1/webhooks');
	return Array.isArray(list)
		? (list as IDataObject[]).filter((entry) => entry && typeof entry === 'object')
		: [];
}

/**
 * Cancels a subscription (by `uniqueid`, else by `client_reference`, always with its event). A
 * failure is not an error when the subscription is gone anyway (Cloze answers "not found" for a
 * subscription that expired, was removed in Cloze or never existed): that is checked in the list.
 * Any other failure is thrown.
 */
async function unsubscribe(
	context: IHookFunctions,
	event: string,
	reference: { uniqueid: string } | { client_reference: string },
): Promise<void> {
	const failure = await clozeApiRequest
		.call(context, 'POST', '/v1/webhooks/unsubscribe', {}, { event, ...reference })
		.then(
			() => undefined,
			(error: unknown) => error,
		);
	if (failure === undefined) return;
	const remaining = await listSubscriptions(context).then(
		(list) => list,
		() => undefined,
	);
	const stillThere =
		remaining === undefined ||
		remaining.some((entry) =>
			'uniqueid' in reference
				? idOf(entry) === reference.uniqueid
				: entry.event === event && text(entry.client_reference) === reference.client_reference,
		);
	if (stillThere) throw failure;
}

async function removeEntry(context: IHookFunctions, entry: IDataObject): Promise<void> {
	const id = idOf(entry);
	const reference = id ? { uniqueid: id } : { client_reference: text(entry.client_reference) };
	await unsubscribe(context, text(entry.event), reference);
}

/**
 * `checkExists`: finds the subscription this node made in `GET /v1/webhooks` (by event, target URL
 * with its secret, client reference and stored id). One that is suspended or that drifted (other
 * event, scope, filters, options or URL than the node now has) is removed, as is any other
 * subscription of this node; then `false` lets n8n call `create`. Never subscribes itself.
 */
export async function subscriptionExists(context: IHookFunctions): Promise<boolean> {
	const desired = desiredSubscription(context);
	const stored = storedSubscription(context);
	const ours = (await listSubscriptions(context)).filter((entry) => isOurs(entry, desired));
	const keep = ours.find((entry) => isCurrent(entry, desired, stored));
	for (const entry of ours) {
		if (entry !== keep) await removeEntry(context, entry);
	}
	if (keep) return true;
	clearStored(context);
	return false;
}

/**
 * `create`: subscribes with a fresh random secret in the target URL's query and this node's
 * `client_reference` (a repeated subscribe replaces, never duplicates), and keeps the subscription
 * id, secret and what it was made from in the node's static data.
 */
export async function createSubscription(context: IHookFunctions): Promise<boolean> {
	const desired = desiredSubscription(context);
	const secret = randomBytes(32).toString('hex');
	const target = new URL(desired.webhookUrl);
	target.searchParams.set(SECRET_PARAMETER, secret);
	const targetUrl = target.toString();
	const body: IDataObject = {
		event: desired.event,
		target_url: targetUrl,
		scope: desired.scope,
		client_reference: desired.clientReference,
	};
	if (desired.filters) body.filters = desired.filters;
	if (desired.clientType) body.client_type = desired.clientType;
	if (desired.ttl) body.ttl = desired.ttl;
	const response = await clozeApiRequest.call(context, 'POST', '/v1/webhooks/subscribe', {}, body);
	const subscriptionId = text(response.uniqueid ?? response.uniqueId);
	if (subscriptionId === '') {
		throw new NodeApiError(context.getNode(), response as JsonObject, {
			message: 'Cloze did not return a subscription id',
			description:
				'The subscription cannot be verified without it. Try activating the workflow again.',
		});
	}
	const stored: StoredSubscription = {
		subscriptionId,
		secret,
		event: desired.event,
		targetUrl,
		clientReference: desired.clientReference,
		fingerprint: desired.fingerprint,
	};
	Object.assign(context.getWorkflowStaticData('node'), stored);
	return true;
}

/**
 * `delete`: cancels the stored subscription (or, with nothing stored, every subscription found in
 * the list that targets this node's URL: n8n deletes the editor's test subscription with another
 * mode than it created it with, so the client reference cannot tell test from production here);
 * succeeds when it is already gone; clears the static data.
 */
export async function deleteSubscription(context: IHookFunctions): Promise<boolean> {
	const stored = storedSubscription(context);
	if (stored.subscriptionId) {
		const event =
			stored.event ?? (context.getNodeParameter('event', 'person.audit.change') as string);
		await unsubscribe(context, event, { uniqueid: stored.subscriptionId });
	} else {
		const { webhookUrl } = identityOf(context);
		for (const entry of await listSubscriptions(context)) {
			if (typeof entry.target_url === 'string' && withoutQuery(entry.target_url) === webhookUrl) {
				await removeEntry(context, entry);
			}
		}
	}
	clearStored(context);
	return true;
}
