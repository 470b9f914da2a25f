'use strict';

/**
 * In-memory relation store (people, companies, projects): identifiers, upsert/merge,
 * change sequence, audit trail. Emits 'change' after every effective change:
 *   { kind, action: 'create'|'update'|'ui', record (public copy), changes (audited,
 *   {field:{before,after}}) }
 *
 * Choices where the reference is silent:
 *   - A write that changes nothing (same data again) does not bump the change sequence,
 *     does not appear again in feeds and fires no webhook.
 *   - Merge: scalars overwrite; `null` removes the field; arrays of objects are unioned by
 *     identity (emails/phones/faxes by value, appLinks by source+uniqueid, addresses by
 *     street+city+postal, others by whole JSON) and a matching element is merged field by
 *     field; arrays of strings (keywords, domains) are unioned case-insensitively;
 *     customFields are merged by id (value replaced).
 *   - Strings in emails/phones/faxes arrays are accepted and stored as {value}.
 *   - A person with `name` but no first/last gets first/last split from the name (last word
 *     = last name); with first/last but no name gets name = "first last".
 *   - segment, stage and step values are stored as given (not validated against the account).
 *   - Audit trail entries for segment and stage use "none" for an unset value (as the
 *     reference's feed example); step and custom fields use null.
 *   - Identifier collisions: when two records share an identifier the older one owns it.
 *   - Projects are identified by direct id, app link, then exact (trimmed) name.
 *   - Write names of the schema: `assignTo` is stored as `assignee` (the read-side name);
 *     `defaultAssignTo` applies when the record has no assignee yet; `socials: [{type, value}]`
 *     handles identify a record like the legacy `twitter`/`facebook`/`linkedin` fields.
 *   - `shareTo: "team"` shares the record with the team (it is then visible with team=true,
 *     scope=team and hierarchy scopes); it is not stored as a field.
 */

const { EventEmitter } = require('events');
const crypto = require('crypto');
const { ApiError, ERR, invalid, notFound } = require('./errors');
const { clone, isObject } = require('./http-util');
const { AUDITED_FIELDS } = require('./account');

/** @typedef {'person'|'company'|'project'} Kind */

const KINDS = /** @type {const} */ (['person', 'company', 'project']);
const LABEL = { person: 'Person', company: 'Company', project: 'Project' };
/** Fields of the request body that steer the write and are not stored. */
const CONTROL_FIELDS = ['dryrun', 'skipImport', 'shareTo', 'account', 'direct', 'lastChanged'];
const VALUE_ARRAYS = ['emails', 'phones', 'faxes'];

/** 22 url-safe base64 chars, like Cloze `direct` ids. */
const newDirectId = () => crypto.randomBytes(16).toString('base64url');

/** @param {string} seed deterministic direct id (demo data) */
const directIdFrom = (seed) =>
	crypto.createHash('sha256').update(seed).digest().subarray(0, 16).toString('base64url');

/** @param {unknown} v */
const lower = (v) =>
	String(v ?? '')
		.trim()
		.toLowerCase();
/** @param {unknown} v */
const digits = (v) => String(v ?? '').replace(/\D/g, '');
/** @param {unknown} v */
const handle = (v) => lower(v).replace(/^@/, '');
/** @param {unknown} v */
const domainOf = (v) =>
	lower(v)
		.replace(/^https?:\/\//, '')
		.replace(/^www\./, '')
		.replace(/\/.*$/, '');

/**
 * @typedef {object} Rec
 * @property {Kind} kind
 * @property {string} direct
 * @property {number} createdSeq   creation order
 * @property {number} changeSeq    global change sequence of the last effective change
 * @property {number} created      ms
 * @property {number} lastChanged  ms
 * @property {boolean} shared      shared to the team
 * @property {Record<string, any>} data
 * @property {Array<{seq: number, at: number, field: string, before: any, after: any}>} audit
 * @property {string[]} keys       identifier keys currently indexed
 */

/**
 * Identifier keys of a record's data.
 * @param {Kind} kind
 * @param {Record<string, any>} d
 * @returns {{
 *   keys: string[], hasEmail: boolean, hasDomain: boolean, others: string[], name: string,
 * }}
 */
function identifiersOf(kind, d) {
	/** @type {string[]} */
	const keys = [];
	let hasEmail = false;
	let hasDomain = false;
	/** @type {string[]} */
	const others = [];
	const name = String(d.name ?? [d.first, d.last].filter(Boolean).join(' ')).trim();
	const add = (/** @type {string} */ k, /** @type {'email'|'domain'|'other'} */ t) => {
		keys.push(k);
		if (t === 'email') hasEmail = true;
		else if (t === 'domain') hasDomain = true;
		else others.push(k);
	};
	for (const a of Array.isArray(d.appLinks) ? d.appLinks : []) {
		if (isObject(a) && a.source && a.uniqueid)
			add(`app:${lower(a.source)}:${String(a.uniqueid).trim()}`, 'other');
	}
	if (kind === 'project') {
		if (name) keys.push(`name:${name}`);
		return { keys, hasEmail, hasDomain, others, name };
	}
	for (const e of Array.isArray(d.emails) ? d.emails : []) {
		const v = isObject(e) ? e.value : e;
		if (v) add(`email:${lower(v)}`, 'email');
	}
	if (kind === 'company') {
		for (const dm of Array.isArray(d.domains) ? d.domains : []) {
			const v = isObject(dm) ? (dm.value ?? dm.domain) : dm;
			if (v) add(`domain:${domainOf(v)}`, 'domain');
		}
	}
	for (const p of Array.isArray(d.phones) ? d.phones : []) {
		const v = digits(isObject(p) ? p.value : p);
		if (v.length >= 4) add(`phone:${v}`, 'other');
	}
	for (const s of ['twitter', 'facebook', 'linkedin']) {
		if (typeof d[s] === 'string' && d[s].trim()) add(`social:${handle(d[s])}`, 'other');
	}
	// The schema's social handles: socials [{type, value}].
	for (const s of Array.isArray(d.socials) ? d.socials : []) {
		if (isObject(s) && typeof s.value === 'string' && s.value.trim())
			add(`social:${handle(s.value)}`, 'other');
	}
	return { keys, hasEmail, hasDomain, others, name };
}

/**
 * Candidate identifier keys for a `uniqueid` given to get/delete/change. A project's name is one
 * only for the test helpers: the API looks projects up by Cloze ID or app link (the schema's
 * `uniqueid` of projects), so its get and delete pass `names: false`.
 * @param {Kind} kind
 * @param {string} s
 * @param {{names?: boolean}} [opts]
 */
function lookupKeys(kind, s, { names = true } = {}) {
	const raw = s.trim();
	const keys = [`direct:${raw}`];
	const app = /^([^:\s]+):(.+)$/.exec(raw);
	if (app) {
		keys.push(`app:${lower(app[1])}:${app[2].trim()}`);
		if (['twitter', 'facebook', 'linkedin'].includes(lower(app[1])))
			keys.push(`social:${handle(app[2])}`);
	}
	if (kind === 'project') {
		if (names) keys.push(`name:${raw}`);
		return keys;
	}
	if (raw.includes('@') && !raw.startsWith('@')) keys.push(`email:${lower(raw)}`);
	if (/^[+\d\s().-]+$/.test(raw) && digits(raw).length >= 4) keys.push(`phone:${digits(raw)}`);
	if (kind === 'company') keys.push(`domain:${domainOf(raw)}`);
	keys.push(`social:${handle(raw)}`);
	return keys;
}

/** Identity of an element of a mergeable array. @param {string} field @param {any} item */
function identity(field, item) {
	if (!isObject(item)) return `s:${lower(item)}`;
	if (VALUE_ARRAYS.includes(field)) {
		return field === 'emails'
			? `v:${lower(item.value)}`
			: `v:${digits(item.value) || lower(item.value)}`;
	}
	if (field === 'appLinks') return `a:${lower(item.source)}:${item.uniqueid}`;
	if (field === 'addresses')
		return `ad:${lower(item.street)}|${lower(item.city)}|${lower(item.postal ?? item.zip)}`;
	if (field === 'customFields') return `cf:${item.id}`;
	if (typeof item.value === 'string') return `v:${lower(item.value)}`;
	return `j:${JSON.stringify(item)}`;
}

/**
 * Merge incoming fields into target (mutates target).
 * @param {Record<string, any>} target
 * @param {Record<string, any>} incoming
 */
function mergeInto(target, incoming) {
	for (const [k, v] of Object.entries(incoming)) {
		if (v === undefined) continue;
		if (v === null) {
			delete target[k];
			continue;
		}
		if (Array.isArray(v) && Array.isArray(target[k])) {
			const out = target[k];
			for (const item of v) {
				const id = identity(k, item);
				const prev = out.find((/** @type {any} */ x) => identity(k, x) === id);
				if (prev === undefined) out.push(clone(item));
				else if (isObject(prev) && isObject(item)) Object.assign(prev, clone(item));
			}
		} else {
			target[k] = clone(v);
		}
	}
	return target;
}

/**
 * `defaultAssignTo`: the assignee only when the record has none (and the write names none).
 * @param {Record<string, any>} current @param {Record<string, any>} data
 */
function withDefaultAssignee(current, data) {
	const { defaultAssignTo, ...rest } = data;
	if (typeof defaultAssignTo === 'string' && defaultAssignTo && !current.assignee && !rest.assignee)
		rest.assignee = defaultAssignTo;
	return rest;
}

/**
 * Normalize a write body into record data (copy; control fields removed).
 * @param {Kind} kind
 * @param {Record<string, any>} body
 */
function normalize(kind, body) {
	/** @type {Record<string, any>} */
	const d = clone(body);
	for (const f of CONTROL_FIELDS) delete d[f];
	// The schema's write names: assignment is `assignTo` (`defaultAssignTo` only when none is set
	// yet: applied at insert), read back as `assignee`; a project's deal team is `projectTeam`.
	if (typeof d.assignTo === 'string' && d.assignTo) d.assignee = d.assignTo;
	delete d.assignTo;
	for (const f of [
		...VALUE_ARRAYS,
		'appLinks',
		'addresses',
		'customFields',
		'domains',
		'keywords',
	]) {
		if (d[f] === undefined || d[f] === null) continue;
		if (f === 'keywords' && typeof d[f] === 'string')
			d[f] = d[f]
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean);
		if (f === 'domains' && typeof d[f] === 'string') d[f] = [d[f]];
		if (!Array.isArray(d[f])) throw invalid(`${f} must be an array`);
	}
	for (const f of VALUE_ARRAYS) {
		if (!Array.isArray(d[f])) continue;
		d[f] = d[f].map((x, i) => {
			const o = typeof x === 'string' || typeof x === 'number' ? { value: String(x) } : x;
			if (!isObject(o) || o.value === undefined || o.value === '')
				throw invalid(`${f}[${i}].value is required`);
			return o;
		});
	}
	if (Array.isArray(d.appLinks)) {
		d.appLinks.forEach((a, i) => {
			if (!isObject(a) || !a.source || !a.uniqueid)
				throw invalid(`appLinks[${i}] needs source and uniqueid`);
		});
	}
	if (Array.isArray(d.customFields)) {
		d.customFields.forEach((c, i) => {
			if (!isObject(c) || typeof c.id !== 'string' || !c.id)
				throw invalid(`customFields[${i}].id is required`);
		});
	}
	if (Array.isArray(d.keywords) && d.keywords.some((k) => typeof k !== 'string')) {
		throw invalid('keywords must be an array of strings');
	}
	if (kind === 'person') {
		if (!d.name && (d.first || d.last)) d.name = [d.first, d.last].filter(Boolean).join(' ');
		else if (
			typeof d.name === 'string' &&
			d.name.trim() &&
			d.first === undefined &&
			d.last === undefined
		) {
			const parts = d.name.trim().split(/\s+/);
			if (parts.length > 1) {
				d.last = parts.pop();
				d.first = parts.join(' ');
			} else d.first = parts[0];
		}
	}
	return d;
}

/** Values of the audited fields. @param {Record<string, any>} d */
function auditSnapshot(d) {
	/** @type {Record<string, any>} */
	const s = {};
	for (const f of AUDITED_FIELDS) s[f] = d[f] ?? (f === 'step' ? null : 'none');
	for (const c of Array.isArray(d.customFields) ? d.customFields : []) s[c.id] = c.value ?? null;
	return s;
}

/** @param {Record<string, any>} a @param {Record<string, any>} b */
function auditDiff(a, b) {
	/** @type {Record<string, {before: any, after: any}>} */
	const out = {};
	for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
		const before = k in a ? a[k] : null;
		const after = k in b ? b[k] : null;
		if (JSON.stringify(before) !== JSON.stringify(after)) out[k] = { before, after };
	}
	return out;
}

class RelationStore extends EventEmitter {
	/** @param {{now?: () => number}} [opts] */
	constructor(opts = {}) {
		super();
		this.now = opts.now || Date.now;
		/** @type {Record<Kind, Rec[]>} */
		this.records = { person: [], company: [], project: [] };
		/** @type {Record<Kind, Map<string, Rec>>} */
		this.index = { person: new Map(), company: new Map(), project: new Map() };
		this.seq = 0;
		this.createdCount = 0;
	}

	/** Public copy of a record, as the API shows it. @param {Rec} rec */
	toPublic(rec) {
		return { ...clone(rec.data), direct: rec.direct, lastChanged: rec.lastChanged };
	}

	/** @param {Kind} kind */
	list(kind) {
		return this.records[kind];
	}

	/** Public copies. @param {Kind} kind */
	all(kind) {
		return this.records[kind].map((r) => this.toPublic(r));
	}

	get people() {
		return this.all('person');
	}
	get companies() {
		return this.all('company');
	}
	get projects() {
		return this.all('project');
	}

	/**
	 * @param {Kind} kind
	 * @param {string} uniqueid
	 * @param {{team?: boolean, names?: boolean}} [opts] team=true: only records shared to the team;
	 *   names=false: not by a project's name (as the API)
	 * @returns {Rec | undefined}
	 */
	lookup(kind, uniqueid, opts = {}) {
		for (const k of lookupKeys(kind, String(uniqueid), opts)) {
			const rec = this.index[kind].get(k);
			if (rec && (!opts.team || rec.shared)) return rec;
		}
		return undefined;
	}

	/**
	 * Public copy or undefined.
	 * @param {Kind} kind
	 * @param {string} uniqueid
	 * @param {{team?: boolean}} [opts]
	 */
	get(kind, uniqueid, opts) {
		const rec = this.lookup(kind, uniqueid, opts);
		return rec ? this.toPublic(rec) : undefined;
	}

	/** @param {Rec} rec */
	reindex(rec) {
		const idx = this.index[rec.kind];
		for (const k of rec.keys) if (idx.get(k) === rec) idx.delete(k);
		rec.keys = [`direct:${rec.direct}`, ...identifiersOf(rec.kind, rec.data).keys];
		for (const k of rec.keys) if (!idx.has(k)) idx.set(k, rec);
	}

	/**
	 * Create (upsert) or update from an API body.
	 * @param {Kind} kind
	 * @param {unknown} body
	 * @param {{mode: 'create'|'update', directId?: string}} opts
	 * @returns {{rec?: Rec, created: boolean, changed: boolean, dryrun: boolean}}
	 */
	write(kind, body, opts) {
		if (!isObject(body)) throw new ApiError(ERR.BAD_BODY, 'The request body must be a JSON object');
		const data = normalize(kind, body);
		const ids = identifiersOf(kind, data);
		const direct =
			typeof body.direct === 'string' && body.direct.trim() ? body.direct.trim() : undefined;
		const idx = this.index[kind];
		const byDirect = direct ? idx.get(`direct:${direct}`) : undefined;
		if (kind === 'project') {
			if (!ids.name) throw new ApiError(ERR.PROJECT_NAME, 'Projects require a name');
		} else if (opts.mode === 'create') {
			// People: an e-mail, or a name plus another identifier. Companies: a domain or an
			// e-mail, or a name plus another identifier. A direct id counts only when it exists.
			const other = ids.others.length > 0 || !!byDirect;
			const ok =
				kind === 'person'
					? ids.hasEmail || (!!ids.name && other)
					: ids.hasEmail || ids.hasDomain || (!!ids.name && other);
			if (!ok) throw new ApiError(ERR.NO_IDENTIFIERS, 'No identifiers available');
		} else if (ids.keys.length === 0 && !direct) {
			// Update: any identifier that finds the record is enough (the record exists already).
			throw new ApiError(ERR.NO_IDENTIFIERS, 'No identifiers available');
		}
		// Find the record: direct id first, then identifiers in priority order.
		let rec = byDirect;
		if (!rec) {
			const order = ['app:', 'email:', 'domain:', 'phone:', 'social:', 'name:'];
			for (const p of order) {
				for (const k of ids.keys) {
					if (k.startsWith(p) && idx.get(k)) {
						rec = idx.get(k);
						break;
					}
				}
				if (rec) break;
			}
		}
		if (!rec && opts.mode === 'update') throw notFound(`${LABEL[kind]} not found`);
		if (body.dryrun === true) return { rec, created: false, changed: false, dryrun: true };
		// `account: "team"` imports into the team (the schema); `shareTo: "team"` as older clients sent
		// it.
		const shared = body.shareTo === 'team' || body.account === 'team';
		if (rec) {
			const changed = this.applyChange(rec, data, 'update', shared);
			return { rec, created: false, changed, dryrun: false };
		}
		rec = this.insert(kind, data, { shared, directId: opts.directId });
		return { rec, created: true, changed: true, dryrun: false };
	}

	/**
	 * Insert a new record (no identifier checks) and emit 'change'.
	 * @param {Kind} kind
	 * @param {Record<string, any>} data normalized data
	 * @param {{shared?: boolean, directId?: string, action?: string}} [opts]
	 */
	insert(kind, data, opts = {}) {
		const t = this.now();
		/** @type {Rec} */
		const rec = {
			kind,
			direct: opts.directId || newDirectId(),
			createdSeq: ++this.createdCount,
			changeSeq: ++this.seq,
			created: t,
			lastChanged: t,
			shared: !!opts.shared,
			data: {},
			audit: [],
			keys: [],
		};
		mergeInto(rec.data, withDefaultAssignee({}, data));
		const changes = auditDiff(auditSnapshot({}), auditSnapshot(rec.data));
		for (const [field, c] of Object.entries(changes))
			rec.audit.push({ seq: rec.changeSeq, at: t, field, ...c });
		this.records[kind].push(rec);
		this.reindex(rec);
		this.emit('change', {
			kind,
			action: opts.action || 'create',
			rec,
			record: this.toPublic(rec),
			changes,
		});
		return rec;
	}

	/**
	 * Merge data into a record; bump sequence, audit and emit when something changed.
	 * @param {Rec} rec
	 * @param {Record<string, any>} data normalized data
	 * @param {'update'|'ui'} action
	 * @param {boolean} [share]
	 */
	applyChange(rec, data, action, share = false) {
		const before = JSON.stringify(rec.data);
		const snapBefore = auditSnapshot(rec.data);
		const next = mergeInto(clone(rec.data), withDefaultAssignee(rec.data, data));
		const wasShared = rec.shared;
		if (share) rec.shared = true;
		if (JSON.stringify(next) === before && wasShared === rec.shared) return false;
		const t = this.now();
		rec.data = next;
		rec.changeSeq = ++this.seq;
		rec.lastChanged = Math.max(t, rec.lastChanged);
		const changes = auditDiff(snapBefore, auditSnapshot(next));
		for (const [field, c] of Object.entries(changes))
			rec.audit.push({ seq: rec.changeSeq, at: t, field, ...c });
		this.reindex(rec);
		this.emit('change', { kind: rec.kind, action, rec, record: this.toPublic(rec), changes });
		return true;
	}

	/**
	 * A change made "in the Cloze UI" (test helper).
	 * @param {Kind} kind
	 * @param {string} uniqueid
	 * @param {Record<string, any>} patch
	 */
	change(kind, uniqueid, patch) {
		const rec = this.lookup(kind, uniqueid);
		if (!rec) throw notFound(`${LABEL[kind]} not found`);
		if (!isObject(patch)) throw new ApiError(ERR.BAD_BODY, 'patch must be an object');
		const share = patch.shareTo === 'team' || patch.account === 'team';
		this.applyChange(rec, normalize(kind, patch), 'ui', share);
		return this.toPublic(rec);
	}

	/**
	 * @param {Kind} kind
	 * @param {string} uniqueid
	 * @param {{team?: boolean, names?: boolean}} [opts]
	 * @returns {boolean}
	 */
	remove(kind, uniqueid, opts = {}) {
		const rec = this.lookup(kind, uniqueid, opts);
		if (!rec) return false;
		const idx = this.index[kind];
		for (const k of rec.keys) if (idx.get(k) === rec) idx.delete(k);
		this.records[kind] = this.records[kind].filter((r) => r !== rec);
		// Re-offer identifiers the removed record owned to other records that carry them.
		for (const r of this.records[kind]) this.reindex(r);
		this.emit('delete', { kind, record: this.toPublic(rec) });
		return true;
	}

	/**
	 * Audited changes of a record after a sequence position, collapsed per field
	 * (first before, last after); fields that ended where they started are dropped.
	 * @param {Rec} rec
	 * @param {number} afterSeq
	 */
	auditSince(rec, afterSeq) {
		/** @type {Record<string, {before: any, after: any}>} */
		const out = {};
		for (const a of rec.audit) {
			if (a.seq <= afterSeq) continue;
			if (out[a.field]) out[a.field].after = a.after;
			else out[a.field] = { before: a.before, after: a.after };
		}
		for (const [k, v] of Object.entries(out)) {
			if (JSON.stringify(v.before) === JSON.stringify(v.after)) delete out[k];
		}
		return out;
	}
}

/**
 * A project's money value: its `value` custom field (the schema's example), or a legacy top-level
 * `value`.
 * @param {Record<string, any>} d
 */
function projectValue(d) {
	const field = (Array.isArray(d.customFields) ? d.customFields : []).find(
		(c) => c && c.id === 'value',
	);
	return Number(field ? field.value : d.value) || 0;
}

module.exports = {
	projectValue,
	RelationStore,
	KINDS,
	LABEL,
	identifiersOf,
	lookupKeys,
	normalize,
	mergeInto,
	newDirectId,
	directIdFrom,
};
