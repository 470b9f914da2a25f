import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeParameterResourceLocator,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { findPage } from '../../../shared/listSearch';
import { MAX_PAGE_SIZE } from '../../../shared/pagination';
import { answerFields, isRecord, recordOf, simplifyRecord } from '../../../shared/records';
import { RELATIONS, relationPath, type RelationKind } from '../../../shared/relations';
import { routedRequest } from '../../../shared/transport';
import { readableItems, wantsReadable } from '../../../shared/readable';
import { sentBody } from '../../shared/written';
import { writtenIdentifier } from './body';

/** The identifier the record locator holds (Get, Update, Delete). */
export function chosenRecord(context: IExecuteSingleFunctions): string {
	const locator = context.getNodeParameter('record') as INodeParameterResourceLocator | string;
	const value = typeof locator === 'object' && locator !== null ? locator.value : locator;
	return value === undefined || value === null ? '' : String(value).trim();
}

/** Pages of `find` (of {@link MAX_PAGE_SIZE}) read at most to find a project by name. */
const FIND_PAGES = 5;

/**
 * A project's Cloze ID from its name. Cloze looks a project up by its Cloze ID or an app link only
 * (the schema's `uniqueid` of projects), so the name is searched with `find` (as `freeformquery`,
 * sorted by name, so that the projects of one name come together; while more match, the next page,
 * up to {@link FIND_PAGES}) and must be the name, trimmed and in any case, of exactly one
 * project: none or several are an error that says so, before anything is read or deleted.
 */
export async function projectIdByName(
	context: IExecuteSingleFunctions,
	name: string,
	{ team, advice }: { team: boolean; advice: string },
): Promise<string> {
	const wanted = name.trim().toLowerCase();
	const named = (project: IDataObject) =>
		String(project.name ?? '')
			.trim()
			.toLowerCase() === wanted;
	const ids = new Set<string>();
	for (let pagenumber = 1; pagenumber <= FIND_PAGES; pagenumber++) {
		const { records, more } = await findPage(context, 'project', {
			freeformquery: name,
			sort: 'name',
			pagenumber,
			pagesize: MAX_PAGE_SIZE,
			...(team ? { scope: 'team' } : {}),
		});
		for (const project of records.filter(named)) ids.add(String(project.direct));
		// Two of the name already: no page more can make it one.
		if (!more || ids.size > 1) break;
	}
	if (ids.size === 1) return [...ids][0];
	throw inputError(
		context.getNode(),
		ids.size === 0
			? `No ${team ? "team's " : ''}project is named "${name}"`
			: `${ids.size} projects are named "${name}"`,
		{ description: advice },
	);
}

/**
 * `preSend` of Get and Delete: refuses an empty record locator before any request, and finds a
 * project chosen By Name ({@link projectIdByName}).
 */
export function requireRecord(kind: RelationKind) {
	return async function requireChosenRecord(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		let uniqueid = chosenRecord(this);
		if (uniqueid === '') {
			throw inputError(this.getNode(), `${RELATIONS[kind].label} is required`, {
				description:
					`Choose the ${RELATIONS[kind].noun} from the list, or give its e-mail, phone, ` +
					'domain or Cloze ID.',
			});
		}
		const locator = this.getNodeParameter('record') as INodeParameterResourceLocator | string;
		if (kind === 'project' && typeof locator === 'object' && locator?.mode === 'name') {
			uniqueid = await projectIdByName(this, uniqueid, {
				team: this.getNodeParameter('team', false) === true,
				advice: 'Choose the project From List or By ID.',
			});
		}
		requestOptions.qs = { ...(requestOptions.qs ?? {}), uniqueid };
		return requestOptions;
	};
}

/** Whether the form asks for simplified records (Simplify on). */
export function wantsSimple(context: IExecuteSingleFunctions): boolean {
	return context.getNodeParameter('simplify', true) === true;
}

/** Whether Create or Update reads the written record back (Return Stored Record, on by default). */
export function wantsStoredRecord(context: IExecuteSingleFunctions): boolean {
	return context.getNodeParameter('returnStoredRecord', true) !== false;
}

/** A failed read-back says that the write itself was made. */
function readBackFailed(error: unknown, kind: RelationKind): unknown {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		const { noun } = RELATIONS[kind];
		error.description =
			`The ${noun} was written; only reading it back failed (running the item again writes ` +
			"it again: Cloze merges it). To skip the read, turn off 'Return Stored " +
			`Record'.${error.description ? ` ${error.description}` : ''}`;
	}
	return error;
}

/**
 * The identifier a written record is read back by: the one it was written by, but for a created
 * project (written by its name, which Cloze does not look projects up by) its first app link
 * (`source:uniqueid`), else its Cloze ID found by name.
 */
async function storedIdentifier(
	context: IExecuteSingleFunctions,
	kind: RelationKind,
	operation: 'create' | 'update',
	sent: IDataObject,
	written: string,
): Promise<string> {
	if (kind !== 'project' || operation !== 'create') return written;
	const link = (Array.isArray(sent.appLinks) ? sent.appLinks : [])
		.filter(isRecord)
		.find((row) => row.source && row.uniqueid);
	if (link) return `${String(link.source)}:${String(link.uniqueid)}`;
	return await projectIdByName(context, written, {
		team: false,
		advice: 'Give the project an App Link (Source and Unique ID) to read it back by.',
	});
}

/**
 * Paginator (`routing.operations.pagination`) of Create and Update. Cloze answers a write with
 * `{ errorcode }` only, so the record is read back with Cloze's `get` by the identifier it was
 * written by, through the driver (one more request), and output as Get outputs it (Simplify and
 * Human-Readable Values apply). With Return Stored Record off (bulk imports), and for a dry run
 * (nothing is stored), the item is `uniqueid` plus the fields sent, in Cloze's names: one request
 * per item.
 */
export function writePagination(kind: RelationKind, operation: 'create' | 'update') {
	return async function writeAndRead(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const sent = sentBody(requestData);
		const answer = await routedRequest(this, requestData);
		const uniqueid = writtenIdentifier(this, kind, operation);
		if (!wantsStoredRecord(this) || sent.dryrun === true) {
			return [{ json: { uniqueid, ...sent, ...answerFields(answer[0]?.json) } }];
		}
		let read: INodeExecutionData[];
		try {
			read = await routedRequest(this, requestData, {
				method: 'GET',
				url: relationPath(kind, 'get'),
				qs: { uniqueid: await storedIdentifier(this, kind, operation, sent, uniqueid) },
				body: undefined,
			});
		} catch (error) {
			throw readBackFailed(error, kind);
		}
		const record = recordOf(this.getNode(), read[0]?.json, kind);
		const stored = [{ json: wantsSimple(this) ? simplifyRecord(record) : record }];
		// Options → Human-Readable Values: labels as Get gives them, the account lists read once per
		// run.
		return wantsReadable(this) ? await readableItems(this, kind, stored) : stored;
	};
}
