import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isRecord, recordList } from './records';
import { RELATIONS, relationPath, type RelationKind } from './relations';
import { clozeApiRequest, type ClozeContext } from './transport';

/** Records shown per page of a "From List" search. */
export const SEARCH_PAGE_SIZE = 50;

function firstValue(list: unknown): string | undefined {
	if (!Array.isArray(list) || list.length === 0) return undefined;
	const first: unknown = list[0];
	const value = isRecord(first) ? first.value : first;
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** How a record is named in the list: its name and best identifier. */
function describe(kind: RelationKind, record: IDataObject): string {
	const name = typeof record.name === 'string' && record.name !== '' ? record.name : undefined;
	const identifier =
		kind === 'company'
			? (firstValue(record.domains) ?? firstValue(record.emails))
			: firstValue(record.emails);
	if (name && identifier) return `${name} (${identifier})`;
	return name ?? identifier ?? String(record.direct);
}

/**
 * One page of `find`: the records on it that have a Cloze `direct` id (entries that are not
 * records, or have no id, cannot be chosen and are left out), and whether another page follows.
 */
export async function findPage(
	context: ClozeContext,
	kind: RelationKind,
	qs: IDataObject & { pagenumber: number; pagesize: number },
): Promise<{ records: IDataObject[]; more: boolean }> {
	const body = await clozeApiRequest.call(context, 'GET', relationPath(kind, 'find'), qs);
	const page = recordList(context.getNode(), body, RELATIONS[kind].plural);
	const available = Number(body.availablecount);
	return {
		records: page
			.filter(isRecord)
			.filter((record) => typeof record.direct === 'string' && record.direct !== ''),
		more: Number.isFinite(available)
			? qs.pagenumber * qs.pagesize < available
			: page.length === qs.pagesize,
	};
}

/**
 * "From List" of the record locators: `find` with the typed text as `freeformquery`, a page of
 * {@link SEARCH_PAGE_SIZE} at a time; the value is the record's Cloze `direct` id.
 */
async function searchRelations(
	context: ILoadOptionsFunctions,
	kind: RelationKind,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const pagenumber = Number(paginationToken ?? 1) || 1;
	const qs: IDataObject & { pagenumber: number; pagesize: number } = {
		pagenumber,
		pagesize: SEARCH_PAGE_SIZE,
	};
	if (filter && filter.trim() !== '') qs.freeformquery = filter.trim();
	const { records, more } = await findPage(context, kind, qs);
	return {
		results: records.map((record) => ({
			name: describe(kind, record),
			value: String(record.direct),
		})),
		paginationToken: more ? String(pagenumber + 1) : undefined,
	};
}

export async function searchPeople(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchRelations(this, 'person', filter, paginationToken);
}

export async function searchCompanies(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchRelations(this, 'company', filter, paginationToken);
}

export async function searchProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchRelations(this, 'project', filter, paginationToken);
}

export const listSearch = { searchPeople, searchCompanies, searchProjects };
