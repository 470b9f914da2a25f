import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { withRetry } from './transport';

/** The largest page Cloze serves (`pagesize`). */
export const MAX_PAGE_SIZE = 1000;

/** Return All, or the Limit: how many records an operation should return. */
export function wantedCount(context: IExecutePaginationFunctions): number {
	return (context.getNodeParameter('returnAll', false) as boolean)
		? Number.POSITIVE_INFINITY
		: (context.getNodeParameter('limit', 50) as number);
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

/** One page of a routed request with the query `qs`, through the routing's hooks, retried on 429/5xx. */
async function routedPage(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	qs: IDataObject,
): Promise<IDataObject> {
	const page = await withRetry(context.getNode(), 'GET', async () =>
		context.makeRoutingRequest({ ...requestData, options: { ...requestData.options, qs } }),
	);
	return page[0]?.json ?? {};
}

/**
 * Custom paginator for Cloze's page-number lists (`find`): n8n's generic pagination cannot count
 * page numbers. Asks `pagenumber` 1, 2, … with one `pagesize`, stops at the limit, at a short
 * page or when `availablecount` is reached, retries a page on 429/5xx, and returns the records
 * found under `rootProperty`, each passed through `transform`.
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
		for (let pagenumber = 1; ; pagenumber++) {
			const body = await routedPage(this, requestData, { ...requestData.options.qs, pagenumber, pagesize });
			const found = (body[rootProperty] as IDataObject[] | undefined) ?? [];
			records.push(...found);
			const available = Number(body.availablecount);
			if (
				found.length < pagesize ||
				records.length >= wanted ||
				(Number.isFinite(available) && pagenumber * pagesize >= available)
			) {
				break;
			}
		}
		return records.slice(0, wanted).map((record) => ({ json: transform(record) }));
	};
}

/** The records of one feed page: `results` (with audited changes) or the records under `rootProperty`. */
export function feedRecords(body: IDataObject, rootProperty: string): IDataObject[] {
	const records = body.results ?? body[rootProperty];
	return Array.isArray(records) ? (records as IDataObject[]) : [];
}

/** What {@link followFeed} gathered: the records, oldest change first, and the cursor to resume from. */
export interface FeedResult {
	records: IDataObject[];
	/** Resume from here to get what comes after `records`; undefined when Cloze never gave one. */
	cursor?: string;
	/** Requests made. */
	requests: number;
}

/**
 * Follows a Cloze feed (`/v1/{people,companies,projects}/feed`): `fetchPage(undefined)` is the first
 * call (the caller sends the filters and the page size), `fetchPage(cursor)` every later one (the
 * caller sends only the cursor). Stops once caught up, at an empty page (the stream is quiet) or at a
 * page that holds all Cloze said was left (`availablecount`: 10,000 records take 10 requests of
 * 1,000, not an 11th for an empty page), or once `wanted` records were gathered. The cursor
 * returned never skips a record: when the last page had to be cut to meet `wanted`, it is the
 * cursor that asked for that page (the records cut, and those kept from it, come again from
 * there), otherwise the cursor of the last page read.
 */
export async function followFeed(
	fetchPage: (cursor: string | undefined) => Promise<IDataObject>,
	rootProperty: string,
	options: { wanted: number; cursor?: string },
): Promise<FeedResult> {
	const records: IDataObject[] = [];
	let cursor = options.cursor;
	let requests = 0;
	while (records.length < options.wanted) {
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
		if (next === undefined || next === cursor) {
			cursor = next ?? cursor;
			break;
		}
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
 * function `shaper` returns (called once per run: reading the form costs too much to do it for every
 * record), and every item also carries `cursor`, the cursor to resume from next time.
 */
export function cursorPagination(
	rootProperty: string,
	shaper: (this: IExecutePaginationFunctions) => (record: IDataObject) => IDataObject = () => (record) => record,
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
				const qs = pageCursor === undefined ? { ...requestData.options.qs, pagesize } : { cursor: pageCursor };
				return await routedPage(this, requestData, qs);
			},
			rootProperty,
			{ wanted, cursor: start === '' ? undefined : start },
		);
		const shape = shaper.call(this);
		return records.map((record) => ({ json: cursor === undefined ? shape(record) : { ...shape(record), cursor } }));
	};
}
