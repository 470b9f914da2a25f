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
			const page = await withRetry('GET', async () =>
				this.makeRoutingRequest({
					...requestData,
					options: { ...requestData.options, qs: { ...requestData.options.qs, pagenumber, pagesize } },
				}),
			);
			const body = page[0]?.json ?? {};
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
