import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * The readers of Cloze's answers. Cloze is trusted for nothing: one malformed entry (a `null`, a
 * string, `customFields: [null]`) never costs the other records of the answer. What is valid is
 * read; an entry that is not a record is passed on as `{ raw, note }` (see {@link invalidEntry});
 * an answer that holds no usable list or record at all is a `NodeApiError` saying so.
 */

export function isRecord(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What a value is, in words: "null", "an array", "a string", "an object", … */
export function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'an array';
	const type = typeof value;
	return type === 'object' ? 'an object' : `a ${type}`;
}

/** The item of an entry that is not a record: the entry as Cloze sent it and a note saying so. */
export function invalidEntry(entry: unknown, what = 'record'): IDataObject {
	return {
		raw: entry === undefined ? null : (entry as IDataObject),
		note:
			`Cloze sent ${describeType(entry)} where a ${what} was expected; it is passed on ` +
			'unchanged (raw) and the other records are unaffected.',
	};
}

function values(list: unknown): string[] {
	if (!Array.isArray(list)) return [];
	return list
		.map((entry) => (isRecord(entry) ? entry.value : entry))
		.filter((value): value is string => typeof value === 'string' && value !== '');
}

/**
 * The fields of a person, company or project that a user mostly maps: name, identifiers, segment,
 * stage, step, assignee, direct id, and custom fields as `{ <field id>: value }`. Cloze's own
 * record stays available with Simplify off. An entry that is not a record becomes
 * {@link invalidEntry}; custom fields that are not objects, or have neither id nor name, are left
 * out.
 */
export function simplifyRecord(record: unknown): IDataObject {
	if (!isRecord(record)) return invalidEntry(record);
	const simple: IDataObject = {};
	const copy = (key: string, from = key) => {
		if (record[from] !== undefined && record[from] !== null && record[from] !== '')
			simple[key] = record[from];
	};
	copy('direct');
	copy('name');
	copy('first');
	copy('last');
	copy('headline');
	copy('summary');
	const emails = values(record.emails);
	if (emails.length) simple.emails = emails;
	const phones = values(record.phones);
	if (phones.length) simple.phones = phones;
	if (Array.isArray(record.domains) && record.domains.length) simple.domains = record.domains;
	copy('segment');
	copy('stage');
	copy('step');
	copy('assignee');
	copy('lastChanged');
	if (Array.isArray(record.customFields)) {
		const fields = record.customFields
			.filter(isRecord)
			.map((field) => [field.id ?? field.name, field.value] as const)
			.filter(([key]) => typeof key === 'string' || typeof key === 'number');
		if (fields.length)
			simple.customFields = Object.fromEntries(fields.map(([key, value]) => [String(key), value]));
	}
	return simple;
}

/** An entry of a list as an item's JSON: simplified or as sent, or {@link invalidEntry}. */
export function recordJson(entry: unknown, simplify: boolean): IDataObject {
	if (!isRecord(entry)) return invalidEntry(entry);
	return simplify ? simplifyRecord(entry) : entry;
}

/**
 * A feed entry as an item's JSON: the record, or with audited changes `{ <kind>: record, changes }`
 * as Cloze sends it (the record simplified when asked).
 */
export function feedEntryJson(kind: string, entry: unknown, simplify: boolean): IDataObject {
	if (!isRecord(entry)) return invalidEntry(entry);
	if ('changes' in entry && kind in entry) {
		const nested = entry[kind];
		if (!isRecord(nested)) return invalidEntry(entry, `{ ${kind}, changes } entry`);
		return { ...entry, [kind]: simplify ? simplifyRecord(nested) : nested };
	}
	return simplify ? simplifyRecord(entry) : entry;
}

function unreadable(
	node: INode,
	body: unknown,
	message: string,
	description: string,
): NodeApiError {
	const errorResponse: JsonObject = isRecord(body)
		? (body as JsonObject)
		: { body: describeType(body) };
	return new NodeApiError(node, errorResponse, { message, description, httpCode: '200' });
}

const RETRY =
	'Nothing was changed by reading it. Try again; ' +
	'if it persists, report the answer to Cloze support.';

/**
 * The list under `root` of a Cloze answer (`people`, `list`, `results`, …). An answer without the
 * key is an empty list when `missingIsEmpty` (a quiet feed page); an answer whose `root` holds
 * anything but an array, or that is not an object at all, is a `NodeApiError` naming what came.
 */
export function recordList(
	node: INode,
	body: unknown,
	root: string,
	options: { missingIsEmpty?: boolean } = {},
): unknown[] {
	if (!isRecord(body)) {
		throw unreadable(
			node,
			body,
			`Cloze answered with ${describeType(body)} instead of an object`,
			RETRY,
		);
	}
	const list = body[root];
	if (Array.isArray(list)) return list;
	if (list === undefined && options.missingIsEmpty) return [];
	throw unreadable(
		node,
		body,
		`Cloze's answer holds ${describeType(list)} under "${root}" instead of a list`,
		`The answer cannot be read as a list of records. ${RETRY}`,
	);
}

/** The record under `kind` of a Cloze `get` answer, or a `NodeApiError` when there is none. */
export function recordOf(node: INode, body: unknown, kind: string): IDataObject {
	const record = isRecord(body) ? body[kind] : undefined;
	if (isRecord(record)) return record;
	throw unreadable(
		node,
		body,
		`Cloze answered without the ${kind}: "${kind}" holds ${describeType(record)}`,
		`Cloze reported success but sent no ${kind} record. Check the identifier; ${RETRY}`,
	);
}

/** Cloze's status keys: they say a request succeeded, which an output item never needs to. */
const STATUS_KEYS = new Set(['errorcode', 'message']);

/**
 * What an answer holds besides Cloze's status (`errorcode`, `message`): the identifiers or data
 * Cloze gave (e.g. a subscription's `uniqueid`), `{}` when it gave nothing else or no object.
 */
export function answerFields(body: unknown): IDataObject {
	if (!isRecord(body)) return {};
	return Object.fromEntries(Object.entries(body).filter(([key]) => !STATUS_KEYS.has(key)));
}

/** `postReceive` of an operation whose answer is its output: the answer without Cloze's status. */
export async function withoutStatus(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return [{ json: answerFields(response.body) }];
}

/** `postReceive` of Get: the record under `kind` (see {@link recordOf}), simplified when asked. */
export function readRecordAnswer(kind: string) {
	return async function readRecord(
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const record = recordOf(this.getNode(), response.body, kind);
		return [
			{ json: this.getNodeParameter('simplify', true) === true ? simplifyRecord(record) : record },
		];
	};
}
