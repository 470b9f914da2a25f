import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { feedRecords, MAX_PAGE_SIZE } from '../shared/pagination';
import { simplifyRecord } from '../shared/records';
import { RELATIONS, relationPath, type RelationKind } from '../shared/relations';
import { scopeValue } from '../shared/scope';
import { clozeApiRequest } from '../shared/transport';

/**
 * At most this many pages (of {@link MAX_PAGE_SIZE} records) in one poll. A larger backlog (a first
 * poll with "Include Existing Records" on a big account) is emitted over the next polls, from the
 * cursor kept after the last page read: one execution never holds more than 20,000 records.
 */
export const MAX_PAGES_PER_POLL = 20;

/** Poll budget when the n8n version does not tell one (before n8n 2.38): n8n's own default. */
const DEFAULT_POLL_BUDGET_MS = 5 * 60 * 1000;

/** What the node's form asks for. */
export interface FeedSettings {
	kind: RelationKind;
	/** The filters of the first feed call (without `pagesize` and `modifiedafter`). */
	filters: IDataObject;
	audited: boolean;
	includeExisting: boolean;
	simplify: boolean;
	/** Identifies the feed the stored cursor belongs to: a cursor carries the filters it was made with. */
	fingerprint: string;
}

/** What the trigger keeps in the node's static data between polls. */
export interface FeedState extends IDataObject {
	/** Cloze's cursor: where the next poll resumes. */
	cursor?: string;
	/** {@link FeedSettings.fingerprint} of the feed the cursor belongs to. */
	feed?: string;
}

export function readSettings(context: IPollFunctions): FeedSettings {
	const kind = context.getNodeParameter('resource', 'person') as RelationKind;
	if (!(kind in RELATIONS)) {
		throw new NodeOperationError(context.getNode(), `Unknown resource "${String(kind)}"`, {
			description: 'Choose Person, Company or Project as the Resource.',
		});
	}
	const filterValues = context.getNodeParameter('filters', {}) as IDataObject;
	const scope = context.getNodeParameter('scope', 'local') as string;
	const hierarchy = scope === 'hierarchy';
	const hierarchyPath = hierarchy ? String(context.getNodeParameter('hierarchyPath', '')).trim() : '';
	// As the Cloze node's scope fields: a Hierarchy scope needs a position below the root.
	if (hierarchy && hierarchyPath.replace(/[\s/]/g, '') === '') {
		throw new NodeOperationError(context.getNode(), 'Hierarchy Path is required when Scope is Hierarchy', {
			description: 'Give a position in the team hierarchy, e.g. /USA/West.',
		});
	}
	const filters: IDataObject = {
		scope: scopeValue({
			scope,
			hierarchyPath,
			hierarchyAndBelow: hierarchy ? (context.getNodeParameter('hierarchyAndBelow', true) as boolean) : true,
		}),
	};
	for (const name of ['segment', 'stage', 'step', 'freeformquery']) {
		const value = String(filterValues[name] ?? '').trim();
		if (value !== '') filters[name] = value;
	}
	const audited = context.getNodeParameter('includeAuditedChanges', false) as boolean;
	if (audited) filters.includeauditedchanges = true;
	return {
		kind,
		filters,
		audited,
		includeExisting: context.getNodeParameter('includeExisting', false) as boolean,
		simplify: context.getNodeParameter('simplify', true) as boolean,
		fingerprint: JSON.stringify({ kind, ...filters }),
	};
}

/** The audited fields that changed, `{ field: { before, after } }`, without Cloze's `_since` marker. */
export function auditedChanges(entry: IDataObject): IDataObject | undefined {
	const changes = entry.changes;
	if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return undefined;
	const fields = Object.entries(changes as IDataObject).filter(([field]) => !field.startsWith('_'));
	return fields.length ? Object.fromEntries(fields) : undefined;
}

/**
 * One output item per record. Simplified: the fields a user maps (see `simplifyRecord`), plus
 * `changes` with audited changes. Raw: the record as Cloze sent it (with audited changes, Cloze's
 * `{ person|company|project, changes }` entry).
 */
function toItem(settings: FeedSettings, entry: IDataObject): INodeExecutionData {
	if (!settings.audited) return { json: settings.simplify ? simplifyRecord(entry) : entry };
	if (!settings.simplify) return { json: entry };
	const record = (entry[settings.kind] as IDataObject | undefined) ?? {};
	return { json: { ...simplifyRecord(record), changes: auditedChanges(entry) ?? {} } };
}

function pollBudgetMs(context: IPollFunctions): number {
	const budget =
		typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : DEFAULT_POLL_BUDGET_MS;
	return Number.isFinite(budget) && budget > 0 ? budget : DEFAULT_POLL_BUDGET_MS;
}

/**
 * Reads the feed from `start` (a stored cursor, or the filters of a first call) page after page and
 * returns the records in Cloze's order (oldest change first) with the cursor that follows the last
 * page read. It stops at the first page that shows the feed is caught up: an empty page (the feed is
 * quiet), or one that holds all that `availablecount` announced (without it: a short page) —
 * 2,500 changes take 3 requests (1,000 + 1,000 + 500) and 3,000 take 3, not a 4th to see an empty
 * page. Nothing is
 * lost by stopping there: the next poll resumes from the cursor of that last page. It also stops
 * after {@link MAX_PAGES_PER_POLL} pages, and before a page that would not fit in what is left of
 * n8n's poll budget (the rest comes with the next poll). A failed page throws (after the transport's
 * retries), and then nothing is returned: the caller keeps its stored cursor.
 */
async function readFeed(
	context: IPollFunctions,
	kind: RelationKind,
	start: { cursor: string } | { filters: IDataObject },
): Promise<{ entries: IDataObject[]; cursor: string }> {
	const path = relationPath(kind, 'feed');
	const started = Date.now();
	const budget = pollBudgetMs(context);
	let slowestPage = 0;
	const entries: IDataObject[] = [];
	let qs: IDataObject = 'cursor' in start ? { cursor: start.cursor } : start.filters;
	for (let page = 1; ; page++) {
		const asked = Date.now();
		const body = await clozeApiRequest.call(context, 'GET', path, qs);
		slowestPage = Math.max(slowestPage, Date.now() - asked);
		const cursor = body.cursor;
		if (typeof cursor !== 'string' || cursor === '') {
			throw new NodeOperationError(context.getNode(), 'Cloze answered the feed without a cursor', {
				description:
					'Without a cursor the position in the feed cannot be kept, so nothing was emitted and the next poll asks again from the same position.',
			});
		}
		const found = feedRecords(body, RELATIONS[kind].plural);
		entries.push(...found);
		// `availablecount` (when given) counts what was left including this page.
		const announced = Number(body.availablecount);
		const caughtUp =
			found.length === 0 ||
			(Number.isFinite(announced) && announced > 0
				? found.length >= announced
				: found.length < MAX_PAGE_SIZE);
		if (
			caughtUp ||
			page >= MAX_PAGES_PER_POLL ||
			Date.now() - started + slowestPage >= budget
		) {
			return { entries, cursor };
		}
		qs = { cursor };
	}
}

/**
 * One poll of an active workflow. Resumes from the stored cursor when it belongs to the feed the
 * form describes now; otherwise (first activation, or the resource or a filter changed) starts the
 * feed anew:
 *
 * - "Start from now" is a first call with `modifiedafter` = the moment of that call (less 1 ms, as
 *   Cloze keeps records changed strictly after it): one request whatever the size of the account,
 *   nothing changed before it is emitted, and nothing changed after it is missed — the cursor Cloze
 *   answers follows every later change. The alternative, draining the whole feed without emitting,
 *   costs one request per 1,000 records (a 50,000-contact account: 50 requests, and as many full
 *   records downloaded for nothing) on every activation of a new or changed trigger, and starts at
 *   the same moment. The one assumption: n8n's clock agrees with Cloze's (NTP keeps it so).
 * - "Include Existing Records": the first call has no `modifiedafter`, so every record comes, oldest
 *   change first, then every later change.
 *
 * The cursor is written to the static data only after every page was read and just before the
 * records are handed to n8n, which emits them and persists the cursor with them: a poll that fails
 * leaves the stored cursor where it was, so the next poll asks for the same records again — nothing
 * is lost and nothing is emitted twice, across polls and restarts.
 */
export async function pollFeed(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(context);
	const state = context.getWorkflowStaticData('node') as FeedState;
	const resume = state.feed === settings.fingerprint && typeof state.cursor === 'string' && state.cursor !== '';
	const start = resume
		? { cursor: state.cursor as string }
		: {
				filters: {
					...settings.filters,
					pagesize: MAX_PAGE_SIZE,
					// Cloze keeps records changed strictly after `modifiedafter`: one millisecond
					// before now keeps a change made in the very millisecond of this call.
					...(settings.includeExisting ? {} : { modifiedafter: Date.now() - 1 }),
				},
			};
	const { entries, cursor } = await readFeed(context, settings.kind, start);
	// With audited changes, Cloze also sends records whose other fields changed: only those whose
	// audited fields changed are emitted.
	const emitted = settings.audited ? entries.filter((entry) => auditedChanges(entry) !== undefined) : entries;
	state.cursor = cursor;
	state.feed = settings.fingerprint;
	return emitted.length ? [emitted.map((entry) => toItem(settings, entry))] : null;
}

/**
 * "Fetch Test Event": the most recently changed record matching the filters (Cloze's `find`,
 * newest change first), with its audited changes when those are asked for (read from the feed, from
 * just before that change). Neither reads nor writes the stored cursor, so the active trigger
 * misses nothing.
 */
export async function sampleFeed(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(context);
	const filters = { ...settings.filters };
	delete filters.includeauditedchanges;
	const found = await clozeApiRequest.call(context, 'GET', relationPath(settings.kind, 'find'), {
		...filters,
		sort: 'lastchanged',
		sortdir: 'dec',
		pagesize: 1,
	});
	const newest = (found[RELATIONS[settings.kind].plural] as IDataObject[] | undefined)?.[0];
	if (!newest) return null;
	if (!settings.audited) return [[toItem(settings, newest)]];
	let entry: IDataObject = { [settings.kind]: newest, changes: {} };
	const changedAt = Number(newest.lastChanged);
	if (Number.isFinite(changedAt) && changedAt > 0) {
		const page = await clozeApiRequest.call(context, 'GET', relationPath(settings.kind, 'feed'), {
			...settings.filters,
			modifiedafter: changedAt - 1,
			pagesize: MAX_PAGE_SIZE,
		});
		const entries = feedRecords(page, RELATIONS[settings.kind].plural);
		entry = entries.filter((candidate) => auditedChanges(candidate)).pop() ?? entries.pop() ?? entry;
	}
	return [[toItem(settings, entry)]];
}
