import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readableOrUnchanged } from '../shared/readable';
import { changeKey, markSeen } from '../shared/dedupe';
import { asNodeError } from '../shared/errors';
import { MAX_PAGE_SIZE } from '../shared/pagination';
import { invalidEntry, isRecord, recordList, simplifyRecord } from '../shared/records';
import { RELATIONS, relationPath, type RelationKind } from '../shared/relations';
import { hierarchyPathMissing, scopeValue } from '../shared/scope';
import { clozeApiRequest } from '../shared/transport';

/**
 * At most this many pages (of {@link MAX_PAGE_SIZE} records) in one poll. A larger backlog (a first
 * poll with "Include Existing Records" on a big account) is emitted over the next polls, from the
 * cursor kept after the last page read: one execution never holds more than 20,000 records.
 */
export const MAX_PAGES_PER_POLL = 20;

/**
 * A new feed starts with `modifiedafter=now`: Cloze's clock decides, so n8n's clock being ahead
 * loses nothing. When that first call fails, the next poll starts from the moment of the first
 * attempt on n8n's clock, less this tolerance for the two clocks disagreeing: a change made up to a
 * minute before activation may then be emitted, none made after it is lost.
 */
export const CLOCK_TOLERANCE_MS = 60 * 1000;

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
	skipDuplicates: boolean;
	/** Options → Human-Readable Values: labels instead of codes (not part of the feed's identity). */
	readable: boolean;
	/**
	 * Identifies the feed the stored cursor belongs to: a cursor carries the filters it was made
	 * with.
	 */
	fingerprint: string;
}

/** What the trigger keeps in the node's static data between polls. */
export interface FeedState extends IDataObject {
	/** Cloze's cursor: where the next poll resumes. */
	cursor?: string;
	/** {@link FeedSettings.fingerprint} of the feed the cursor belongs to. */
	feed?: string;
	/** The feed being started (no cursor yet), and when its first attempt was made (n8n's clock). */
	starting?: string;
	startedAt?: number;
	/**
	 * Change time (Cloze's clock) of the newest record emitted: where a lost cursor restarts from.
	 */
	lastChanged?: number;
	/** A notice for the user that waits for the next emitted records. */
	notice?: string;
	/** Keys of the changes emitted last (see `markSeen`), when Skip Duplicates is on. */
	delivered?: string[];
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
	const hierarchyPath = hierarchy
		? String(context.getNodeParameter('hierarchyPath', '')).trim()
		: '';
	// As the Cloze node's scope fields: a Hierarchy scope needs a position below the root.
	if (hierarchy && hierarchyPathMissing(hierarchyPath)) {
		throw new NodeOperationError(
			context.getNode(),
			'Hierarchy Path is required when Scope is Hierarchy',
			{
				description: 'Give a position in the team hierarchy, e.g. /USA/West.',
			},
		);
	}
	const filters: IDataObject = {
		scope: scopeValue({
			scope,
			hierarchyPath,
			hierarchyAndBelow: hierarchy
				? (context.getNodeParameter('hierarchyAndBelow', true) as boolean)
				: true,
		}),
	};
	for (const name of ['segment', 'stage', 'step', 'freeformquery']) {
		const value = String(filterValues[name] ?? '').trim();
		if (value !== '') filters[name] = value;
	}
	const audited = context.getNodeParameter('includeAuditedChanges', false) as boolean;
	const options = context.getNodeParameter('options', {}) as IDataObject | undefined;
	if (audited) filters.includeauditedchanges = true;
	return {
		kind,
		filters,
		audited,
		includeExisting: context.getNodeParameter('includeExisting', false) as boolean,
		simplify: context.getNodeParameter('simplify', true) as boolean,
		skipDuplicates: context.getNodeParameter('skipDuplicates', true) !== false,
		readable: isRecord(options) && options.humanReadable === true,
		fingerprint: JSON.stringify({ kind, ...filters }),
	};
}

/**
 * The audited fields that changed, `{ field: { before, after } }`, without Cloze's `_since` marker.
 */
export function auditedChanges(entry: unknown): IDataObject | undefined {
	if (!isRecord(entry)) return undefined;
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
function toItem(settings: FeedSettings, entry: unknown): INodeExecutionData {
	if (!isRecord(entry)) return { json: invalidEntry(entry) };
	if (!settings.audited) return { json: settings.simplify ? simplifyRecord(entry) : entry };
	const record = entry[settings.kind];
	if (!isRecord(record))
		return { json: invalidEntry(entry, `{ ${settings.kind}, changes } entry`) };
	if (!settings.simplify) return { json: entry };
	return { json: { ...simplifyRecord(record), changes: auditedChanges(entry) ?? {} } };
}

/** The record of a feed entry (`{ <kind>: record, changes }` with audited changes). */
function recordOfEntry(settings: FeedSettings, entry: unknown): unknown {
	return settings.audited && isRecord(entry) ? entry[settings.kind] : entry;
}

/**
 * The records of one feed page: `results` (with audited changes) or the records under the plural.
 */
function pageEntries(context: IPollFunctions, body: IDataObject, kind: RelationKind): unknown[] {
	const root = body.results !== undefined ? 'results' : RELATIONS[kind].plural;
	// A quiet page may come without its list; a list that is not an array is refused.
	return recordList(context.getNode(), body, root, { missingIsEmpty: true });
}

/** Whether Cloze refused the stored cursor (invalid, expired, or from another feed). */
function isLostCursor(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const code = Number(error.httpCode);
	if (code === 401 || code === 403 || code === 404 || code === 429 || code >= 500) return false;
	return /cursor/i.test(`${error.message} ${error.description ?? ''}`);
}

function pollBudgetMs(context: IPollFunctions): number {
	const budget =
		typeof context.getPollBudgetMs === 'function'
			? context.getPollBudgetMs()
			: DEFAULT_POLL_BUDGET_MS;
	return Number.isFinite(budget) && budget > 0 ? budget : DEFAULT_POLL_BUDGET_MS;
}

/**
 * Reads the feed from `start` (a stored cursor, or the filters of a first call) page after page and
 * returns the records in Cloze's order (oldest change first) with the cursor that follows the last
 * page read. It stops at the first page that shows the feed is caught up: an empty page (the feed
 * is quiet), or one that holds all that `availablecount` announced (without it: a short page) —
 * 2,500 changes take 3 requests (1,000 + 1,000 + 500) and 3,000 take 3, not a 4th to see an empty
 * page. Nothing is lost by stopping there: the next poll resumes from the cursor of that last page.
 * It also stops after {@link MAX_PAGES_PER_POLL} pages, and before a page that would not fit in
 * what is left of n8n's poll budget (the rest comes with the next poll). A failed page throws
 * (after the transport's retries), and then nothing is returned: the caller keeps its stored
 * cursor.
 */
async function readFeed(
	context: IPollFunctions,
	kind: RelationKind,
	start: { cursor: string } | { filters: IDataObject },
): Promise<{ entries: unknown[]; cursor: string }> {
	const path = relationPath(kind, 'feed');
	const started = Date.now();
	const budget = pollBudgetMs(context);
	let slowestPage = 0;
	const entries: unknown[] = [];
	let qs: IDataObject = 'cursor' in start ? { cursor: start.cursor } : start.filters;
	for (let page = 1; ; page++) {
		const asked = Date.now();
		const body = await clozeApiRequest.call(context, 'GET', path, qs);
		slowestPage = Math.max(slowestPage, Date.now() - asked);
		const cursor = body.cursor;
		if (typeof cursor !== 'string' || cursor === '') {
			throw new NodeOperationError(context.getNode(), 'Cloze answered the feed without a cursor', {
				description:
					'Without a cursor the position in the feed cannot be kept, so nothing was ' +
					'emitted and the next poll asks again from the same position.',
			});
		}
		const found = pageEntries(context, body, kind);
		entries.push(...found);
		// `availablecount` (when given) counts what was left including this page.
		const announced = Number(body.availablecount);
		const caughtUp =
			found.length === 0 ||
			(Number.isFinite(announced) && announced > 0
				? found.length >= announced
				: found.length < MAX_PAGE_SIZE);
		if (caughtUp || page >= MAX_PAGES_PER_POLL || Date.now() - started + slowestPage >= budget) {
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
 * - "Start from now" is a first call with `modifiedafter=now`: Cloze takes the moment on its own
 *   clock, so a clock of n8n's that runs ahead loses nothing. One request whatever the size of the
 *   account, nothing changed before it is emitted, and the cursor Cloze answers follows every later
 *   change. The start is anchored at the first attempt (the activation): when that call fails, the
 *   next poll starts from that moment (less {@link CLOCK_TOLERANCE_MS}), not from its own.
 * - "Include Existing Records": the first call has no `modifiedafter`, so every record comes,
 *   oldest change first, then every later change.
 *
 * The cursor is written to the static data only after every page was read and just before the
 * records are handed to n8n, which emits them and persists the cursor with them: a poll that fails
 * leaves the stored cursor where it was, so the next poll asks for the same records again.
 *
 * When Cloze refuses the stored cursor (invalid or expired), the feed starts again from the change
 * time of the newest record emitted, overlapping by a millisecond; Skip Duplicates (on by default)
 * leaves out the records emitted already, and the next items carry `feedNotice` saying so.
 */
export async function pollFeed(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(context);
	const state = context.getWorkflowStaticData('node') as FeedState;
	const resume =
		state.feed === settings.fingerprint && typeof state.cursor === 'string' && state.cursor !== '';
	let read: { entries: unknown[]; cursor: string };
	if (resume) {
		try {
			read = await readFeed(context, settings.kind, { cursor: state.cursor as string });
		} catch (error) {
			if (!isLostCursor(error)) throw asNodeError(context.getNode(), error);
			// From the newest change delivered, overlapping by a millisecond; with nothing known of
			// it (a state of an earlier version), from the beginning with Include Existing Records,
			// else from now.
			const known = typeof state.lastChanged === 'number';
			const since = known
				? { modifiedafter: (state.lastChanged as number) - 1 }
				: settings.includeExisting
					? {}
					: { modifiedafter: 'now' };
			read = await readFeed(context, settings.kind, {
				filters: { ...settings.filters, pagesize: MAX_PAGE_SIZE, ...since },
			});
			const from = known
				? `the last change delivered (${new Date(state.lastChanged as number).toISOString()})`
				: settings.includeExisting
					? 'the beginning'
					: 'now (changes made since the last successful poll may be missing)';
			const duplicates = settings.skipDuplicates
				? 'records delivered already were left out'
				: 'records delivered already may come again (Skip Duplicates is off)';
			state.notice =
				`Cloze no longer accepted the stored feed cursor (${(error as Error).message}); the ` +
				`feed was started again from ${from}, and ${duplicates}.`;
		}
	} else {
		// An earlier attempt to start this feed failed: start from that attempt, not from now.
		const retry = state.starting === settings.fingerprint && typeof state.startedAt === 'number';
		if (!retry) {
			state.starting = settings.fingerprint;
			state.startedAt = Date.now();
			delete state.lastChanged;
			delete state.delivered;
			delete state.notice;
		}
		const since = settings.includeExisting
			? {}
			: { modifiedafter: retry ? (state.startedAt as number) - CLOCK_TOLERANCE_MS : 'now' };
		read = await readFeed(context, settings.kind, {
			filters: { ...settings.filters, pagesize: MAX_PAGE_SIZE, ...since },
		});
		delete state.starting;
		delete state.startedAt;
	}
	const { entries, cursor } = read;
	// With audited changes, Cloze also sends records whose other fields changed: only those whose
	// audited fields changed are emitted (and any entry that cannot be read, with its note).
	let emitted = settings.audited
		? entries.filter(
				(entry) =>
					!isRecord(entry) ||
					!isRecord(entry[settings.kind]) ||
					auditedChanges(entry) !== undefined,
			)
		: entries;
	for (const entry of entries) {
		const changed = Number(
			(recordOfEntry(settings, entry) as IDataObject | undefined)?.lastChanged,
		);
		if (
			isRecord(recordOfEntry(settings, entry)) &&
			Number.isFinite(changed) &&
			changed > (state.lastChanged ?? 0)
		) {
			state.lastChanged = changed;
		}
	}
	if (settings.skipDuplicates) {
		const fresh = markSeen(
			state,
			'delivered',
			emitted.map((entry) => changeKey(settings.kind, recordOfEntry(settings, entry), entry)),
		);
		emitted = emitted.filter((_entry, index) => fresh[index]);
	}
	state.cursor = cursor;
	state.feed = settings.fingerprint;
	if (!emitted.length) return null;
	const notice = state.notice;
	delete state.notice;
	const items = await readable(
		context,
		settings,
		emitted.map((entry) => {
			const item = toItem(settings, entry);
			return notice === undefined ? item : { json: { ...item.json, feedNotice: notice } };
		}),
	);
	return [items];
}

/**
 * Options → Human-Readable Values: the poll's items with labels, each account list they need read
 * once for the poll. Never throws (the cursor is already moved on): a list that cannot be read
 * leaves its codes.
 */
async function readable(
	context: IPollFunctions,
	settings: FeedSettings,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return settings.readable ? await readableOrUnchanged(context, settings.kind, items) : items;
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
		// Newest change first: Cloze's lastchanged order (the schema has no sort direction).
		sort: 'lastchanged',
		pagesize: 1,
	});
	const newest = recordList(context.getNode(), found, RELATIONS[settings.kind].plural)[0];
	if (newest === undefined) return null;
	if (!isRecord(newest) || !settings.audited)
		return [await readable(context, settings, [toItem(settings, newest)])];
	let entry: IDataObject = { [settings.kind]: newest, changes: {} };
	const changedAt = Number(newest.lastChanged);
	if (Number.isFinite(changedAt) && changedAt > 0) {
		const page = await clozeApiRequest.call(context, 'GET', relationPath(settings.kind, 'feed'), {
			...settings.filters,
			modifiedafter: changedAt - 1,
			pagesize: MAX_PAGE_SIZE,
		});
		const entries = pageEntries(context, page, settings.kind).filter(
			(candidate): candidate is IDataObject =>
				isRecord(candidate) && isRecord(candidate[settings.kind]),
		);
		entry =
			entries.filter((candidate) => auditedChanges(candidate)).pop() ?? entries.pop() ?? entry;
	}
	return [await readable(context, settings, [toItem(settings, entry)])];
}
