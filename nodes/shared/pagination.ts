import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_API_URL } from './apiUrl';
import { routedRequest } from './transport';
import { recordList } from './records';
import { inputError } from './errors';

/** The largest page Cloze serves (`pagesize`). */
export const MAX_PAGE_SIZE = 1000;

/** A list never asks for more pages than this (1,000,000 records at 1,000 a page). */
export const MAX_PAGES = 1000;

/**
 * The Limit, checked: a whole number of 1 or more (a number, or text holding one, as an expression
 * may give). Anything else is refused before any request, naming the field.
 */
export function checkedLimit(node: INode, value: unknown): number {
	const limit = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		const shown = typeof value === 'string' ? `"${value}"` : String(value);
		throw inputError(node, `Limit must be a whole number of 1 or more (got ${shown})`, {
			description: "Set 'Limit' to how many results to return, or turn on 'Return All'.",
		});
	}
	return limit;
}

/** Return All, or the (checked) Limit: how many records an operation should return. */
export function wantedCount(context: IExecuteSingleFunctions): number {
	if (context.getNodeParameter('returnAll', false) === true) return Number.POSITIVE_INFINITY;
	return checkedLimit(context.getNode(), context.getNodeParameter('limit', 50));
}

/** Whether the running operation has a Return All / Limit pair. */
function hasLimit(context: IExecuteSingleFunctions): boolean {
	return (
		context.getNodeParameter('returnAll', null) !== null ||
		context.getNodeParameter('limit', null) !== null
	);
}

/**
 * The node-level paginator of the Cloze node (`requestOperations.pagination`, with
 * `routing.send.paginate: true` on Resource): n8n calls it for every routed request that has no
 * paginator of its own, so every operation runs through the one driver ({@link routedRequest}:
 * pacing, retries, redirects, timeout, error texts). The Limit is checked first.
 */
export async function clozeRouting(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	if (hasLimit(this)) wantedCount(this);
	return await routedRequest(this, requestData);
}

/**
 * Page size and page count that reach `wanted` records in the fewest requests and fetch as few
 * extra as possible: Limit 50 -> one page of 50; Limit 1,200 -> two pages of 600; Return All ->
 * pages of 1,000 until the last.
 */
export function pagePlan(wanted: number): { pagesize: number } {
	if (!Number.isFinite(wanted)) return { pagesize: MAX_PAGE_SIZE };
	const pages = Math.max(1, Math.ceil(wanted / MAX_PAGE_SIZE));
	return { pagesize: Math.max(1, Math.ceil(wanted / pages)) };
}

/** The error of a list that would not end. */
function tooManyPages(node: INode, records: number): NodeOperationError {
	return new NodeOperationError(
		node,
		`Cloze kept sending pages: stopped after ${MAX_PAGES} pages`,
		{
			description:
				`${records} records were read before the node stopped. Narrow the list (a ` +
				'query, segment or stage) or use a Limit.',
		},
	);
}

/** The keys a record is known by, in order (a message is known by its URL). */
const IDENTITY_KEYS = ['message', 'syncKey', 'id', 'uniqueid', 'direct'];

/**
 * The records seen so far, by the key that identifies them: the value of that key (or the record's
 * JSON).
 */
type Seen = Map<string, Set<string>>;

/**
 * Keeps the records not seen before (a record is known by its first identity key that holds a
 * text or a number, else by its JSON); tells whether any was new. No string is built per record:
 * on 10,000 records that is measurable.
 */
function newRecords(page: IDataObject[], seen: Seen): IDataObject[] {
	const fresh: IDataObject[] = [];
	for (const record of page) {
		let key = 'json';
		let value: string | undefined;
		for (const name of IDENTITY_KEYS) {
			const candidate = record?.[name];
			if (typeof candidate === 'string' || typeof candidate === 'number') {
				key = name;
				value = String(candidate);
				break;
			}
		}
		value ??= JSON.stringify(record);
		let values = seen.get(key);
		if (!values) seen.set(key, (values = new Set()));
		if (values.has(value)) continue;
		values.add(value);
		fresh.push(record);
	}
	return fresh;
}

/** One page of a routed request with the query `qs`, through the driver. */
async function routedPage(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	qs: IDataObject,
): Promise<IDataObject> {
	const page = await routedRequest(context, requestData, { qs });
	return page[0]?.json ?? {};
}

/**
 * Custom paginator for Cloze's page-number lists (`find`): n8n's generic pagination cannot count
 * page numbers. Asks `pagenumber` 1, 2, … with one `pagesize`, stops at the limit, at a short
 * page, when `availablecount` is reached or at a page that brings no record not seen before
 * (a server repeating pages), and gives up with an error after {@link MAX_PAGES} pages. Returns
 * the records found under `rootProperty`, each once, passed through `transform`.
 */
export function pageNumberPagination(
	rootProperty: string,
	transform: (record: IDataObject) => IDataObject = (record) => record,
) {
	return async function paginate(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const wanted = wantedCount(this);
		const { pagesize } = pagePlan(wanted);
		const records: IDataObject[] = [];
		const seen: Seen = new Map();
		for (let pagenumber = 1; ; pagenumber++) {
			if (pagenumber > MAX_PAGES) throw tooManyPages(this.getNode(), records.length);
			const body = await routedPage(this, requestData, {
				...requestData.options.qs,
				pagenumber,
				pagesize,
			});
			// A list that is not a list is an error naming what came; a missing one is an empty page.
			const found = recordList(this.getNode(), body, rootProperty, {
				missingIsEmpty: true,
			}) as IDataObject[];
			const fresh = newRecords(found, seen);
			records.push(...fresh);
			const available = Number(body.availablecount);
			if (
				fresh.length === 0 ||
				found.length < pagesize ||
				records.length >= wanted ||
				(Number.isFinite(available) && pagenumber * pagesize >= available)
			) {
				break;
			}
		}
		const kept = records.length > wanted ? records.slice(0, wanted) : records;
		return kept.map((record) => ({ json: transform(record) }));
	};
}

/**
 * The records of one feed page: `results` (with audited changes) or the records under
 * `rootProperty`.
 */
export function feedRecords(body: IDataObject, rootProperty: string): IDataObject[] {
	const records = body.results ?? body[rootProperty];
	return Array.isArray(records) ? (records as IDataObject[]) : [];
}

/**
 * What {@link followFeed} gathered: the records, oldest change first, and the cursor to resume
 * from.
 */
export interface FeedResult {
	records: IDataObject[];
	/** Resume from here to get what comes after `records`; undefined when Cloze never gave one. */
	cursor?: string;
	/** Requests made. */
	requests: number;
}

/**
 * Follows a Cloze feed (`/v1/{people,companies,projects}/feed`): `fetchPage(undefined)` is the
 * first call (the caller sends the filters and the page size), `fetchPage(cursor)` every later one
 * (the caller sends only the cursor). Stops once caught up, at an empty page (the stream is quiet),
 * at a page that holds all Cloze said was left (`availablecount`: 10,000 records take 10 requests
 * of 1,000, not an 11th for an empty page), at a cursor already followed (a server going round in
 * circles), or once `wanted` records were gathered; gives up with an error after {@link MAX_PAGES}
 * pages. The cursor returned never skips a record: when the last page had to be cut to meet
 * `wanted`, it is the cursor that asked for that page (the records cut, and those kept from it,
 * come again from there), otherwise the cursor of the last page read.
 */
export async function followFeed(
	fetchPage: (cursor: string | undefined) => Promise<IDataObject>,
	rootProperty: string,
	options: { wanted: number; cursor?: string; node?: INode },
): Promise<FeedResult> {
	const records: IDataObject[] = [];
	let cursor = options.cursor;
	const followed = new Set<string>(cursor === undefined ? [] : [cursor]);
	let requests = 0;
	while (records.length < options.wanted) {
		if (requests >= MAX_PAGES) {
			if (options.node) throw tooManyPages(options.node, records.length);
			break;
		}
		const body = await fetchPage(cursor);
		requests++;
		const page = feedRecords(body, rootProperty);
		const next = typeof body.cursor === 'string' && body.cursor !== '' ? body.cursor : undefined;
		const room = options.wanted - records.length;
		if (page.length > room) {
			records.push(...page.slice(0, room));
			break;
		}
		records.push(...page);
		if (next === undefined || followed.has(next)) {
			cursor = next ?? cursor;
			break;
		}
		followed.add(next);
		cursor = next;
		const available = typeof body.availablecount === 'number' ? body.availablecount : 0;
		if (page.length === 0 || (available > 0 && page.length >= available)) break;
	}
	return { records, cursor, requests };
}

/**
 * Custom paginator for Cloze's cursored feeds, for routing (`routing.send.paginate` +
 * `routing.operations.pagination`): the first request carries the routed filters and a `pagesize`
 * (Return All: 1,000; a Limit: just enough, see {@link pagePlan}), or only the cursor the node's
 * `cursorParameter` holds; later requests carry only the cursor. Each record is passed through the
 * function `shaper` returns (called once per run: reading the form costs too much to do it for
 * every record), and every item also carries `cursor`, the cursor to resume from next time.
 */
export function cursorPagination(
	rootProperty: string,
	shaper: (this: IExecutePaginationFunctions) => (record: IDataObject) => IDataObject = () =>
		(record) =>
			record,
	cursorParameter = 'cursor',
) {
	return async function paginate(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const wanted = wantedCount(this);
		const { pagesize } = pagePlan(wanted);
		const start = String(this.getNodeParameter(cursorParameter, '') ?? '').trim();
		const { records, cursor } = await followFeed(
			async (pageCursor) => {
				const qs =
					pageCursor === undefined
						? { ...requestData.options.qs, pagesize }
						: { cursor: pageCursor };
				return await routedPage(this, requestData, qs);
			},
			rootProperty,
			{ wanted, cursor: start === '' ? undefined : start, node: this.getNode() },
		);
		const shape = shaper.call(this);
		// The records are this run's own (parsed from Cloze's answers): the cursor is set on each
		// item's JSON, not copied with it, which on 10,000 records costs more than the page reads.
		return records.map((record) => {
			const json = shape(record);
			if (cursor !== undefined) json.cursor = cursor;
			return { json };
		});
	};
}

/** Query parameters that carry a credential: never sent in a URL, whatever `next` holds. */
const CREDENTIAL_PARAMETERS = new Set([
	'api_key',
	'apikey',
	'user',
	'access_token',
	'token',
	'key',
]);

/**
 * The request for Cloze's `next` URL, made against the credential's API URL: only the path and
 * the query of `next` are used, without any credential parameter, so the key stays in the
 * Authorization header and is never sent to another host.
 */
function nextPage(next: string): { url: string; qs: IDataObject } | undefined {
	let url: URL;
	try {
		url = new URL(next, DEFAULT_API_URL);
	} catch {
		return undefined;
	}
	if (!url.pathname.startsWith('/v1/')) return undefined;
	const qs: IDataObject = {};
	for (const [name, value] of url.searchParams) {
		if (!CREDENTIAL_PARAMETERS.has(name.toLowerCase())) qs[name] = value;
	}
	return { url: url.pathname, qs };
}

/**
 * Custom paginator for lists that link their next page (`more` + `next`, Get Message Opens):
 * follows `next` while `more` is true until the Limit is reached (Return All: to the end). A record
 * already seen is not returned twice; a page that brings nothing new or a `next` already followed
 * ends the list; more than {@link MAX_PAGES} pages is an error.
 */
export function nextLinkPagination(rootProperty: string, firstPath: string) {
	return async function paginate(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const wanted = wantedCount(this);
		const records: IDataObject[] = [];
		const seen: Seen = new Map();
		const followed = new Set<string>();
		let target: { url: string; qs?: IDataObject } | undefined = { url: firstPath };
		for (let pages = 0; target && records.length < wanted; pages++) {
			if (pages >= MAX_PAGES) throw tooManyPages(this.getNode(), records.length);
			const page = await routedRequest(this, requestData, target);
			// The schema answers an array of batches `{ more, next, <root> }` (Cloze in practice one).
			const batches = page.flatMap((item) =>
				Array.isArray(item.json) ? (item.json as IDataObject[]) : [item.json ?? {}],
			);
			const body = batches[batches.length - 1] ?? {};
			const found = batches.flatMap((batch) =>
				Array.isArray(batch?.[rootProperty]) ? (batch[rootProperty] as IDataObject[]) : [],
			);
			const fresh = newRecords(found, seen);
			records.push(...fresh);
			const next = typeof body.next === 'string' ? body.next : '';
			if (body.more !== true || next === '' || followed.has(next) || fresh.length === 0) break;
			followed.add(next);
			target = nextPage(next);
		}
		return (records.length > wanted ? records.slice(0, wanted) : records).map((json) => ({ json }));
	};
}
