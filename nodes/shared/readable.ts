import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fetchCustomFields, type ClozeCustomField } from './customFields';
import { isRecord, recordList } from './records';
import type { RelationKind } from './relations';
import { clozeApiRequest, type ClozeContext } from './transport';

/**
 * Human-Readable Values (an option of the reads, of the writes' stored record and of both
 * triggers): Cloze's codes in an output become the labels the Cloze app shows, in place, as
 * Pipedrive's "Resolve Properties" does: segment, stage and step keys their names, an assignee's
 * e-mail the team member's name, a keyword custom field's value keys their labels, and UTC
 * millisecond dates ISO 8601 strings. It works on simplified and full records alike (and on
 * audited `changes`, beside the record or nested with it). A code the account does not list stays
 * as it is. The account lists it needs are read with the one transport, each at most once per node
 * run (shared by all items and pages of the run), and only those the output holds codes for. The
 * triggers give each delivery or poll a cache of its own ({@link readableOrUnchanged}).
 */

/** The option, for the Options collections of the reads, the writes and the Feed Trigger. */
export const humanReadableOption: INodeProperties = {
	displayName: 'Human-Readable Values',
	name: 'humanReadable',
	type: 'boolean',
	default: false,
	description:
		'Whether to output labels instead of Cloze codes: segment, stage and step names, the ' +
		"assignee's name, keyword custom field labels, and dates as ISO 8601 instead of UTC " +
		'milliseconds. Off: the codes, as Cloze sends them.',
};

/** Whether the form's Options ask for human-readable values. */
export function wantsReadable(context: IExecuteSingleFunctions): boolean {
	const options = context.getNodeParameter('options', {}) as IDataObject | undefined;
	return isRecord(options) && options.humanReadable === true;
}

// ------------------------------------------------------------------------------------------------
// Dates

/** Keys whose numbers are dates (UTC ms): last changed, created, start, end, stamps… */
const DATE_KEY = new RegExp(
	'date|changed|created|modified|updated|stamp|since|^last|^first|^next|' +
		'^start$|^end$|^due$|^when$|_start$|_end$|_active$',
	'i',
);

/** UTC ms from 1973 to 2286: a number in that range under a date key is a date. */
function isMilliseconds(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 1e11 && value < 1e13;
}

/** A date in UTC ms as ISO 8601; anything else unchanged. */
export function isoDate(value: Value): Value {
	return isMilliseconds(value) ? new Date(value).toISOString() : value;
}

/** Whether `key` names a date, so that its UTC ms become ISO 8601. */
export function isDateKey(key: string): boolean {
	return DATE_KEY.test(key);
}

// ------------------------------------------------------------------------------------------------
// The account lists, once per node run

type Labels = Map<string, string>;

/** A value of an item's JSON. */
type Value = IDataObject[string];

/** What a record can hold codes of, and so which account list is read for it. */
type Need = 'segment' | 'stage' | 'step' | 'assignee' | 'customFields';

interface Lists {
	segment?: Labels;
	stage?: Labels;
	step?: Labels;
	assignee?: Labels;
	customFields?: Map<string, ClozeCustomField>;
}

/** The account lists read for one run (or one trigger delivery or poll), by list. */
export type ListCache = Map<string, Promise<unknown>>;

/** One cache per node run: keyed on the run's execute data, which all its items share. */
const runs = new WeakMap<object, ListCache>();

function runCache(context: ClozeContext): ListCache {
	let key: object = context;
	try {
		const data = 'getExecuteData' in context ? context.getExecuteData() : undefined;
		if (data && typeof data === 'object') key = data;
	} catch {
		key = context;
	}
	let cache = runs.get(key);
	if (!cache) {
		cache = new Map();
		runs.set(key, cache);
	}
	return cache;
}

/** A code as compared: case-insensitive, without the leading "-" of project segment keys. */
const codeKey = (code: string) => code.trim().replace(/^-/, '').toLowerCase();

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

async function keyedLabels(context: ClozeContext, path: string): Promise<Labels> {
	const body = await clozeApiRequest.call(context, 'GET', path);
	const labels: Labels = new Map();
	for (const entry of recordList(context.getNode(), body, 'list').filter(isRecord)) {
		const key = text(entry.key);
		const name = text(entry.name);
		if (key && name) labels.set(codeKey(key), name);
	}
	return labels;
}

async function stepLabels(context: ClozeContext): Promise<Labels> {
	const { segments } = await clozeApiRequest.call(context, 'GET', '/v1/user/steps');
	const labels: Labels = new Map();
	for (const stages of Object.values(isRecord(segments) ? segments : {})) {
		for (const holder of Object.values(isRecord(stages) ? stages : {})) {
			const steps =
				isRecord(holder) && Array.isArray(holder.steps) ? holder.steps.filter(isRecord) : [];
			for (const step of steps) {
				const key = text(step.key);
				const name = text(step.name);
				if (key && name) labels.set(codeKey(key), name);
			}
		}
	}
	return labels;
}

async function memberNames(context: ClozeContext): Promise<Labels> {
	const body = await clozeApiRequest.call(context, 'GET', '/v1/team/members/list');
	const labels: Labels = new Map();
	for (const member of recordList(context.getNode(), body, 'list').filter(isRecord)) {
		const email = text(member.email);
		const name = text(member.name);
		if (email && name) labels.set(codeKey(email), name);
	}
	return labels;
}

/**
 * The list behind `need` for `kind`, read once per node run (concurrent items share the request).
 */
function list(
	context: ClozeContext,
	kind: RelationKind,
	need: Need,
	cache: ListCache = runCache(context),
): Promise<unknown> {
	const lists = kind === 'project' ? 'projects' : 'people';
	const key =
		need === 'customFields'
			? `fields:${kind}`
			: need === 'segment' || need === 'stage'
				? `${need}:${lists}`
				: need;
	let pending = cache.get(key);
	if (!pending) {
		switch (need) {
			case 'segment':
				pending = keyedLabels(context, `/v1/user/segments/${lists}`);
				break;
			case 'stage':
				pending = keyedLabels(context, `/v1/user/stages/${lists}`);
				break;
			case 'step':
				pending = stepLabels(context);
				break;
			case 'assignee':
				pending = memberNames(context);
				break;
			default:
				pending = fetchCustomFields
					.call(context, kind)
					.then((fields) => new Map(fields.map((field) => [field.id.toLowerCase(), field])));
		}
		// A list Cloze does not give (an account without a team has no members list) leaves those
		// codes as they are: the read itself succeeded, and its output is still right.
		pending = pending.catch(() => new Map());
		cache.set(key, pending);
	}
	return pending;
}

// ------------------------------------------------------------------------------------------------
// Records

const PIPELINE: Array<Exclude<Need, 'customFields'>> = ['segment', 'stage', 'step', 'assignee'];

/**
 * The record of an item: the item itself, or the record of a Get Changes entry with audited
 * changes.
 */
function recordsOf(json: IDataObject, kind: RelationKind): IDataObject[] {
	const nested = json[kind];
	// not a record (a trigger adds its event)
	if ('raw' in json && 'note' in json && !isRecord(nested)) return [];
	return isRecord(nested) && isRecord(json.changes) ? [nested] : [json];
}

function customValues(record: IDataObject): boolean {
	const fields = record.customFields;
	if (Array.isArray(fields))
		return fields.some(
			(field) => isRecord(field) && field.value !== undefined && field.value !== null,
		);
	return isRecord(fields) && Object.keys(fields).length > 0;
}

/** The account lists the items' codes need. */
function needsOf(items: INodeExecutionData[], kind: RelationKind): Set<Need> {
	const needs = new Set<Need>();
	for (const item of items) {
		for (const record of recordsOf(item.json, kind)) {
			for (const need of PIPELINE)
				if (typeof record[need] === 'string' && record[need] !== '') needs.add(need);
			if (customValues(record)) needs.add('customFields');
		}
		const changes = item.json.changes;
		if (isRecord(changes)) {
			for (const field of Object.keys(changes)) {
				if ((PIPELINE as string[]).includes(field)) needs.add(field as Need);
				else if (!field.startsWith('_')) needs.add('customFields');
			}
		}
	}
	return needs;
}

function label(labels: Labels | undefined, value: Value): Value {
	if (typeof value !== 'string' || labels === undefined) return value;
	return labels.get(codeKey(value)) ?? value;
}

/** A custom field value as its label (keyword values) or an ISO date (UTC ms of a date field). */
function customLabel(field: ClozeCustomField | undefined, value: Value): Value {
	if (field === undefined) return value;
	const type = field.type.toLowerCase();
	if (type === 'date') return isoDate(value);
	if (!field.values || !['keyword', 'keywords'].includes(type)) return value;
	const values = new Map(
		Object.entries(field.values).map(([key, entry]) => [
			key.toLowerCase(),
			isRecord(entry) ? text(entry.label) : undefined,
		]),
	);
	const one = (code: Value): Value =>
		typeof code === 'string' ? (values.get(code.trim().toLowerCase()) ?? code) : code;
	if (Array.isArray(value)) return (value as Value[]).map(one) as Value;
	if (type === 'keywords' && typeof value === 'string' && value.includes(',')) {
		return value
			.split(',')
			.map((part) => one(part.trim()))
			.join(', ');
	}
	return one(value);
}

function readableRecord(record: IDataObject, lists: Lists): IDataObject {
	const out: IDataObject = { ...record };
	for (const need of PIPELINE)
		if (out[need] !== undefined) out[need] = label(lists[need], out[need]);
	for (const [key, value] of Object.entries(out)) if (isDateKey(key)) out[key] = isoDate(value);
	const fields = lists.customFields;
	if (Array.isArray(out.customFields)) {
		out.customFields = out.customFields.map((entry) =>
			isRecord(entry) && typeof entry.id === 'string'
				? { ...entry, value: customLabel(fields?.get(entry.id.toLowerCase()), entry.value) }
				: entry,
		);
	} else if (isRecord(out.customFields)) {
		out.customFields = Object.fromEntries(
			Object.entries(out.customFields).map(([id, value]) => [
				id,
				customLabel(fields?.get(id.toLowerCase()), value),
			]),
		);
	}
	return out;
}

function readableChanges(changes: IDataObject, lists: Lists): IDataObject {
	const out: IDataObject = {};
	for (const [field, change] of Object.entries(changes)) {
		if (!isRecord(change)) {
			out[field] = isDateKey(field) ? isoDate(change) : change;
			continue;
		}
		const convert = (PIPELINE as string[]).includes(field)
			? (value: Value) => label(lists[field as (typeof PIPELINE)[number]], value)
			: (value: Value) => customLabel(lists.customFields?.get(field.toLowerCase()), value);
		out[field] = { ...change, before: convert(change.before), after: convert(change.after) };
	}
	return out;
}

/**
 * The items of a read of `kind` with human-readable values (see the module comment): a copy of
 * each item's JSON, the account lists it needs read once per node run (or once per `cache`).
 */
export async function readableItems(
	context: ClozeContext,
	kind: RelationKind,
	items: INodeExecutionData[],
	cache: ListCache = runCache(context),
): Promise<INodeExecutionData[]> {
	const needs = [...needsOf(items, kind)];
	const loaded = await Promise.all(
		needs.map(async (need) => [need, await list(context, kind, need, cache)] as const),
	);
	const lists = Object.fromEntries(loaded) as Lists;
	return items.map((item) => {
		const json = item.json;
		const [record] = recordsOf(json, kind);
		if (record === undefined) return item;
		if (record !== json) {
			const changes = isRecord(json.changes) ? readableChanges(json.changes, lists) : json.changes;
			return { ...item, json: { ...json, [kind]: readableRecord(record, lists), changes } };
		}
		// A simplified record with its audited changes beside it (the Feed Trigger's items).
		const readable = readableRecord(json, lists);
		if (isRecord(json.changes)) readable.changes = readableChanges(json.changes, lists);
		return { ...item, json: readable };
	});
}

/**
 * The triggers' Human-Readable Values: the items of one delivery or poll with labels, the account
 * lists read once for them (a cache of their own: a poll's context lives as long as the
 * activation, and labels must not go stale). Never throws: when anything fails, the items come as
 * they are, with their codes (a delivery Cloze has had its answer to is never lost).
 */
export async function readableOrUnchanged(
	context: ClozeContext,
	kind: RelationKind,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	try {
		return await readableItems(context, kind, items, new Map());
	} catch {
		return items;
	}
}

/** `postReceive` of Get: the record with human-readable values when the Options ask for them. */
export function readableAnswer(kind: RelationKind) {
	return async function readableRecordAnswer(
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
	): Promise<INodeExecutionData[]> {
		return wantsReadable(this) ? await readableItems(this, kind, items) : items;
	};
}

/** Labels of segment, stage and step codes for analytics of projects (the projects lists). */
export async function projectLabels(
	context: IExecuteSingleFunctions,
	needs: Array<'segment' | 'stage' | 'step'>,
): Promise<Partial<Record<'segment' | 'stage' | 'step', Labels>>> {
	const loaded = await Promise.all(
		needs.map(async (need) => [need, (await list(context, 'project', need)) as Labels] as const),
	);
	return Object.fromEntries(loaded);
}

/** A code as its label from `labels`, unchanged when the account does not list it. */
export function labelOf(labels: Labels | undefined, value: Value): Value {
	return label(labels, value);
}
