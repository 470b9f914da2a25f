'use strict';

/**
 * People, companies and projects: create, update, get, delete, find, feed.
 *
 * Choices where the reference is silent:
 *   - find `sort` accepts (case-insensitive): name, first, last, created, lastchanged (also
 *     "changed", "lastChanged"), segment, stage, step, value, startdate, enddate; anything else
 *     is errorcode 4. Without `sort` records come in creation order (stable), so paging sees
 *     every record exactly once. `sortdir` is `asc` (default) or `dec`; `desc` is rejected
 *     (errorcode 4) because the reference spells it `dec`.
 *   - find `group` (`stage` | `subteam`) orders by stage order / subteam node first; the answer
 *     stays a flat list.
 *   - `scope`: `local` (default; every record of the user), `team` (records shared to the
 *     team), `hierarchy:/X/Y` (team records whose `node` is exactly /X/Y), `hierarchy:/X/Y/*`
 *     (at or below), `hierarchy:/*` (= team). Only the form is validated, not the node.
 *   - `stage=none` matches records without stage, `stage=any` records with one. segment,
 *     stage and step are not validated; unknown values simply match nothing.
 *   - `freeformquery`: case-insensitive substring of name, first, last, e-mail values, domains.
 *   - projects `collaborator`: matches an e-mail in `projectTeam` (the schema's name) /
 *     `collaborators` / `dealTeam` (strings or
 *     {value|email}) or the assignee; `hidelostdone=true` drops stages won, lost and done.
 *   - feed: `keysonly=true` returns {direct, name, lastChanged} per record; `availablecount`
 *     counts the matching records not yet delivered (this page included); `modifiedafter`
 *     keeps records whose lastChanged is strictly greater. With `cursor` every other
 *     parameter is ignored. `changes._since` is the time the cursor was issued (first call:
 *     `modifiedafter` or 0).
 *   - get/delete: `team=true` only sees records shared to the team.
 */

const { ERR, ApiError, missing, invalid, notFound } = require('./errors');
const { str, boolParam, intParam, encodeToken, decodeToken } = require('./http-util');
const { LABEL, projectValue } = require('./store');
const { normSegment, PEOPLE_STAGES, PROJECT_STAGES } = require('./account');

/** @typedef {import('./store').Kind} Kind */
/** @typedef {import('./store').Rec} Rec */

const PLURAL = { person: 'people', company: 'companies', project: 'projects' };
// The schema's `sort` enum, plus the values older clients sent.
const SORTS = [
	'lastchanged',
	'bestrelationship',
	'firstmet',
	'lasttalked',
	'wentquiet',
	'assigned',
	'duenext',
	'duepast',
	'first',
	'last',
	'nextstep',
	'distance',
	'value',
	'created',
	'start',
	'end',
	'name',
	'changed',
	'segment',
	'stage',
	'step',
	'startdate',
	'enddate',
];

/**
 * @param {string | undefined} scope
 * @returns {{type: 'local'|'team'|'hierarchy', path?: string, below?: boolean}}
 */
function parseScope(scope) {
	if (scope === undefined || scope === '' || scope === 'local') return { type: 'local' };
	if (scope === 'team') return { type: 'team' };
	if (scope === 'hierarchy:/*') return { type: 'team' };
	const m = /^hierarchy:((?:\/[^/*]+)+)(\/\*)?$/.exec(scope);
	if (!m)
		throw invalid(
			`Invalid scope: ${scope} (expected local, team, hierarchy:/X/Y or hierarchy:/X/Y/*)`,
		);
	return { type: 'hierarchy', path: m[1], below: !!m[2] };
}

/**
 * @param {{shared: boolean, data: Record<string, any>}} rec
 * @param {{type: string, path?: string, below?: boolean}} scope
 */
function scopeMatches(rec, scope) {
	if (scope.type === 'local') return true;
	if (!rec.shared) return false;
	if (scope.type === 'team') return true;
	const node = String(rec.data.node || '').toLowerCase();
	const p = String(scope.path).toLowerCase();
	return node === p || (!!scope.below && node.startsWith(p + '/'));
}

/** @param {Record<string, any>} d @param {string} q */
function freeformMatches(d, q) {
	const needle = q.toLowerCase();
	const hay = [d.name, d.first, d.last];
	for (const e of Array.isArray(d.emails) ? d.emails : [])
		hay.push(e && typeof e === 'object' ? e.value : e);
	for (const dm of Array.isArray(d.domains) ? d.domains : [])
		hay.push(dm && typeof dm === 'object' ? dm.value : dm);
	return hay.some((h) => typeof h === 'string' && h.toLowerCase().includes(needle));
}

/** @param {unknown} v */
const eqi = (v) => (/** @type {unknown} */ w) =>
	String(v ?? '').toLowerCase() === String(w ?? '').toLowerCase();

/**
 * Record filter shared by find and feed.
 * @param {Kind} kind
 * @param {Record<string, any>} f parsed filters
 */
function makeFilter(kind, f) {
	return (/** @type {Rec} */ rec) => {
		const d = rec.data;
		if (!scopeMatches(rec, f.scope)) return false;
		if (f.freeformquery && !freeformMatches(d, f.freeformquery)) return false;
		if (f.segment && normSegment(d.segment) !== normSegment(f.segment)) return false;
		if (f.stage) {
			const s = f.stage.toLowerCase();
			if (s === 'none') {
				if (d.stage) return false;
			} else if (s === 'any') {
				if (!d.stage) return false;
			} else if (!eqi(d.stage)(s)) return false;
		}
		if (f.step && !eqi(d.step)(f.step)) return false;
		if (f.assigned === true && !d.assignee) return false;
		if (f.assigned === false && d.assignee) return false;
		if (f.assignee && !eqi(d.assignee)(f.assignee)) return false;
		if (kind === 'project') {
			if (f.hidelostdone && ['won', 'lost', 'done'].includes(String(d.stage || '').toLowerCase()))
				return false;
			if (f.collaborator) {
				const people = [d.assignee];
				for (const k of ['projectTeam', 'collaborators', 'dealTeam']) {
					for (const c of Array.isArray(d[k]) ? d[k] : [])
						people.push(c && typeof c === 'object' ? (c.value ?? c.email) : c);
				}
				if (!people.some(eqi(f.collaborator))) return false;
			}
		}
		if (f.modifiedafter !== undefined && !(rec.lastChanged > f.modifiedafter)) return false;
		return true;
	};
}

/**
 * Common filters of find and feed.
 * @param {Kind} kind
 * @param {Record<string, unknown>} q
 */
function parseFilters(kind, q) {
	/** @type {Record<string, any>} */
	const f = {
		scopeText: str(q.scope) || 'local',
		freeformquery: str(q.freeformquery) || undefined,
		segment: str(q.segment) || undefined,
		stage: str(q.stage) || undefined,
		step: str(q.step) || undefined,
	};
	f.scope = parseScope(f.scopeText);
	return f;
}

/** Sort value for a record. @param {Rec} rec @param {string} sort */
function sortValue(rec, sort) {
	const d = rec.data;
	switch (sort) {
		case 'created':
			return rec.createdSeq;
		case 'lastchanged':
		case 'changed':
			return rec.changeSeq;
		case 'value':
			return projectValue(d);
		case 'startdate':
			return String(d.startDate || '');
		case 'enddate':
			return String(d.endDate || '');
		default:
			return String(d[sort] ?? '').toLowerCase();
	}
}

/** @param {Kind} kind @param {Rec} rec */
function stageOrder(kind, rec) {
	const list = kind === 'project' ? PROJECT_STAGES : PEOPLE_STAGES;
	const i = list.findIndex((s) => s.key === rec.data.stage);
	return i < 0 ? list.length : i;
}

/**
 * @param {Kind} kind
 */
function handlersFor(kind) {
	const plural = PLURAL[kind];

	/** @param {any} ctx @param {'create'|'update'} mode */
	const write = (ctx, mode) => {
		ctx.state.store.write(kind, ctx.body, { mode });
		return { errorcode: 0 };
	};

	/** @param {any} ctx */
	const uniqueidOf = (ctx) => {
		const id = str(ctx.query.uniqueid);
		if (!id || !id.trim()) throw missing('Missing required parameter: uniqueid');
		return id;
	};

	return {
		create: (/** @type {any} */ ctx) => write(ctx, 'create'),
		update: (/** @type {any} */ ctx) => write(ctx, 'update'),

		get(/** @type {any} */ ctx) {
			const id = uniqueidOf(ctx);
			const rec = ctx.state.store.lookup(kind, id, {
				team: boolParam(ctx.query, 'team'),
				names: false,
			});
			if (!rec) throw notFound(`${LABEL[kind]} not found`);
			return { errorcode: 0, [kind]: ctx.state.store.toPublic(rec) };
		},

		delete(/** @type {any} */ ctx) {
			const id = uniqueidOf(ctx);
			if (!ctx.state.store.remove(kind, id, { team: boolParam(ctx.query, 'team'), names: false })) {
				throw notFound(`${LABEL[kind]} not found`);
			}
			return { errorcode: 0 };
		},

		find(/** @type {any} */ ctx) {
			const q = ctx.query;
			const f = parseFilters(kind, q);
			const assigned = str(q.assigned);
			if (assigned !== undefined && assigned !== '') f.assigned = boolParam(q, 'assigned');
			f.assignee = str(q.assignee) || undefined;
			if (kind === 'project') {
				f.collaborator = str(q.collaborator) || undefined;
				f.hidelostdone = boolParam(q, 'hidelostdone');
			}
			const sortRaw = str(q.sort);
			const sort = sortRaw ? sortRaw.toLowerCase() : undefined;
			if (sort !== undefined && !SORTS.includes(sort)) {
				throw invalid(`Invalid sort: ${sortRaw} (expected one of ${SORTS.join(', ')})`);
			}
			const sortdir = str(q.sortdir) || 'asc';
			if (!['asc', 'dec'].includes(sortdir))
				throw invalid(`Invalid sortdir: ${sortdir} (expected asc or dec)`);
			const group = str(q.group) || undefined;
			if (group !== undefined && !['stage', 'subteam'].includes(group)) {
				throw invalid(`Invalid group: ${group} (expected stage or subteam)`);
			}
			const pagenumber = intParam(q, 'pagenumber', 1, 1, Number.MAX_SAFE_INTEGER);
			const pagesize = intParam(q, 'pagesize', 10, 1, 1000);
			const countonly = boolParam(q, 'countonly');

			/** @type {Rec[]} */
			const matches = ctx.state.store.list(kind).filter(makeFilter(kind, f));
			if (countonly) return { errorcode: 0, availablecount: matches.length };
			// The schema has no sort direction: Last Changed lists the most recent change first.
			const dir = sortdir === 'dec' || (!str(q.sortdir) && sort === 'lastchanged') ? -1 : 1;
			const sorted = matches
				.map((rec, i) => ({ rec, i }))
				.sort((a, b) => {
					if (group === 'stage') {
						const g = stageOrder(kind, a.rec) - stageOrder(kind, b.rec);
						if (g) return g;
					} else if (group === 'subteam') {
						const g = String(a.rec.data.node || '').localeCompare(String(b.rec.data.node || ''));
						if (g) return g;
					}
					if (sort) {
						const va = sortValue(a.rec, sort);
						const vb = sortValue(b.rec, sort);
						if (va < vb) return -dir;
						if (va > vb) return dir;
					} else if (sortdir === 'dec') {
						return b.i - a.i;
					}
					return a.i - b.i;
				})
				.map((x) => x.rec);
			const page = sorted.slice((pagenumber - 1) * pagesize, pagenumber * pagesize);
			return {
				errorcode: 0,
				availablecount: matches.length,
				pagenumber,
				pagesize,
				[plural]: page.map((r) => ctx.state.store.toPublic(r)),
			};
		},

		feed(/** @type {any} */ ctx) {
			const q = ctx.query;
			const store = ctx.state.store;
			/**
			 * @type {{
			 *   v: number, k: string, f: Record<string, any>, ps: number, ia: boolean, ko: boolean,
			 *   a: number, t: number,
			 * }}
			 */
			let cur;
			const cursorText = str(q.cursor);
			if (cursorText !== undefined) {
				const c = decodeToken(cursorText);
				if (
					!c ||
					c.v !== 1 ||
					c.k !== kind ||
					typeof c.a !== 'number' ||
					typeof c.ps !== 'number' ||
					typeof c.f !== 'object'
				) {
					throw new ApiError(ERR.BAD_CURSOR, 'Invalid cursor');
				}
				cur = c;
			} else {
				const f = parseFilters(kind, q);
				const ma = str(q.modifiedafter);
				const filters = {
					scope: f.scopeText,
					freeformquery: f.freeformquery,
					segment: f.segment,
					stage: f.stage,
					step: f.step,
					modifiedafter:
						ma !== undefined && ma !== '' && ma !== 'now'
							? intParam(q, 'modifiedafter', 0, 0, Number.MAX_SAFE_INTEGER)
							: undefined,
				};
				cur = {
					v: 1,
					k: kind,
					f: filters,
					ps: intParam(q, 'pagesize', 100, 1, 1000),
					ia: boolParam(q, 'includeauditedchanges'),
					ko: boolParam(q, 'keysonly'),
					// `modifiedafter=now`: stream only changes made after this call.
					a: ma === 'now' ? store.seq : 0,
					t: ma === 'now' ? store.now() : filters.modifiedafter || 0,
				};
			}
			const filters = { ...cur.f, scope: parseScope(cur.f.scope) };
			const filter = makeFilter(kind, filters);
			/** @type {Rec[]} */
			const matches = store
				.list(kind)
				.filter((/** @type {Rec} */ r) => r.changeSeq > cur.a && filter(r))
				.sort((/** @type {Rec} */ a, /** @type {Rec} */ b) => a.changeSeq - b.changeSeq);
			const page = matches.slice(0, cur.ps);
			const nextSeq = matches.length > cur.ps ? page[page.length - 1].changeSeq : store.seq;
			const next = { ...cur, a: nextSeq, t: store.now() };
			/** @param {Rec} r */
			const shape = (r) => {
				if (!cur.ko) return store.toPublic(r);
				return { direct: r.direct, name: r.data.name, lastChanged: r.lastChanged };
			};
			/** @type {Record<string, any>} */
			const out = { errorcode: 0, availablecount: matches.length, cursor: encodeToken(next) };
			if (cur.ia) {
				out.results = page.map((r) => ({
					[kind]: shape(r),
					changes: { ...store.auditSince(r, cur.a), _since: cur.t },
				}));
			} else {
				out[plural] = page.map(shape);
			}
			return out;
		},
	};
}

module.exports = {
	PLURAL,
	parseScope,
	scopeMatches,
	handlers: {
		person: handlersFor('person'),
		company: handlersFor('company'),
		project: handlersFor('project'),
	},
};
