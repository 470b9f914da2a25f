import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { simplifyRecord } from '../shared/records';
import { isWebhookEvent, relationKindOfEvent } from '../shared/webhookFilters';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

const KINDS = ['person', 'company', 'project'];

function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The one value of a header or query parameter (the first when it was repeated). */
export function single(value: unknown): string | undefined {
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first : undefined;
}

/** Constant-time comparison of a received value with the expected one (any lengths). */
export function matchesSecret(received: string | undefined, expected: string | undefined): boolean {
	if (received === undefined || expected === undefined || expected === '') return false;
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return timingSafeEqual(digest(received), digest(expected));
}

/**
 * Writes the whole answer to the delivery: exactly the status, `Content-Type: text/plain` and the
 * body, nothing else (Cloze suspends a subscription whose delivery gets any other confirmation).
 */
export function answer(response: Response, statusCode: number, body: string): void {
	if (response.headersSent || response.writableEnded) return;
	response.writeHead(statusCode, {
		'Content-Type': 'text/plain',
		'Content-Length': String(Buffer.byteLength(body, 'utf8')),
	});
	response.end(body);
}

/**
 * The delivered array of relations, or `undefined` when the body is not a non-empty JSON array of
 * objects. n8n has parsed a JSON body already; a body sent with another content type is parsed here,
 * from the bytes as sent (a JSON string holding JSON is not decoded twice).
 */
export function readPayload(context: IWebhookFunctions): IDataObject[] | undefined {
	let body: unknown = context.getBodyData();
	if (!Array.isArray(body)) {
		const raw = context.getRequestObject().rawBody as unknown;
		const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof body === 'string' ? body : undefined;
		if (text === undefined || text.trim() === '') return undefined;
		try {
			body = jsonParse(text);
		} catch {
			return undefined;
		}
	}
	if (!Array.isArray(body)) return undefined;
	const relations = body.filter(isPlainObject);
	return relations.length ? relations : undefined;
}

/**
 * One item per delivered relation: the record under its kind (`person`, `company`, `project`),
 * `changes` (field -> before/after; empty for plain change events), the event and the subscription
 * id. Simplified, the record passes through {@link simplifyRecord}; raw, the element stays as
 * Cloze sent it. Elements without a record are left out.
 */
export function deliveryItems(
	relations: IDataObject[],
	event: string,
	subscriptionId: string,
	simplify: boolean,
): INodeExecutionData[] {
	const kind = isWebhookEvent(event) ? relationKindOfEvent(event) : 'person';
	const items: INodeExecutionData[] = [];
	for (const relation of relations) {
		const key = [kind, ...KINDS].find((candidate) => isPlainObject(relation[candidate]));
		if (key === undefined) continue;
		const itemEvent = typeof relation.event === 'string' && relation.event !== '' ? relation.event : event;
		const changes = isPlainObject(relation.changes) ? relation.changes : {};
		const json: IDataObject = simplify
			? { [key]: simplifyRecord(relation[key] as IDataObject), changes, event: itemEvent, subscriptionId }
			: { ...relation, changes, event: itemEvent, subscriptionId };
		items.push({ json });
	}
	return items;
}
