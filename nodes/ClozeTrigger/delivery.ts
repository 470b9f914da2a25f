import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { changeKey, markSeen } from '../shared/dedupe';
import { invalidEntry, isRecord, simplifyRecord } from '../shared/records';
import { isWebhookEvent, relationKindOfEvent } from '../shared/webhookFilters';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

const KINDS = ['person', 'company', 'project'];

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
 * The delivered array, or `undefined` when the body is not a JSON array holding at least one
 * object. n8n has parsed a JSON body already; a body sent with another content type is parsed here,
 * from the bytes as sent (a JSON string holding JSON is not decoded twice). Elements that are not
 * objects stay in the array: {@link deliveryItems} passes them on with a note.
 */
export function readPayload(context: IWebhookFunctions): unknown[] | undefined {
	let body: unknown = context.getBodyData();
	if (!Array.isArray(body)) {
		const raw = context.getRequestObject().rawBody as unknown;
		const text = Buffer.isBuffer(raw)
			? raw.toString('utf8')
			: typeof body === 'string'
				? body
				: undefined;
		if (text === undefined || text.trim() === '') return undefined;
		try {
			body = jsonParse(text);
		} catch {
			return undefined;
		}
	}
	if (!Array.isArray(body) || !body.some(isRecord)) return undefined;
	return body;
}

/**
 * The item of one delivered relation; throws on nothing (a malformed element becomes a raw item).
 */
function deliveryItem(
	relation: unknown,
	kind: string,
	event: string,
	subscriptionId: string,
	simplify: boolean,
): { json: IDataObject; key?: string } {
	if (!isRecord(relation))
		return { json: { ...invalidEntry(relation, 'relation'), event, subscriptionId } };
	const key = [kind, ...KINDS].find((candidate) => isRecord(relation[candidate]));
	const itemEvent =
		typeof relation.event === 'string' && relation.event !== '' ? relation.event : event;
	if (key === undefined) {
		return {
			json: {
				...invalidEntry(relation, `relation with a "${kind}" record`),
				event: itemEvent,
				subscriptionId,
			},
		};
	}
	const changes = isRecord(relation.changes) ? relation.changes : {};
	const json: IDataObject = simplify
		? { [key]: simplifyRecord(relation[key]), changes, event: itemEvent, subscriptionId }
		: { ...relation, changes, event: itemEvent, subscriptionId };
	return { json, key: changeKey(`${itemEvent}|${key}`, relation[key], relation) };
}

/**
 * One item per delivered relation: the record under its kind (`person`, `company`, `project`),
 * `changes` (field -> before/after; empty for plain change events), the event and the subscription
 * id. Simplified, the record passes through {@link simplifyRecord}; raw, the element stays as
 * Cloze sent it. An element without a record is passed on as `{ raw, note, event, subscriptionId }`
 * (the good relations of the delivery are never lost to a bad one); a delivery without any record
 * gives no item, so it starts no run. With `seen` (Skip Duplicates),
 * a relation whose record and change time were delivered before is left out, and the new ones are
 * remembered in `seen` (the node's static data).
 */
export function deliveryItems(
	relations: unknown[],
	event: string,
	subscriptionId: string,
	simplify: boolean,
	seen?: IDataObject,
): INodeExecutionData[] {
	const kind = isWebhookEvent(event) ? relationKindOfEvent(event) : 'person';
	const items = relations.map((relation) =>
		deliveryItem(relation, kind, event, subscriptionId, simplify),
	);
	// A delivery without one record in it (garbage, a probe) starts no run.
	if (!items.some((item) => item.key !== undefined)) return [];
	if (seen === undefined) return items.map(({ json }) => ({ json }));
	const withKey = items.filter((item) => item.key !== undefined);
	const fresh = markSeen(
		seen,
		'delivered',
		withKey.map((item) => item.key as string),
	);
	const dropped = new Set(withKey.filter((_item, index) => !fresh[index]));
	return items.filter((item) => !dropped.has(item)).map(({ json }) => ({ json }));
}
