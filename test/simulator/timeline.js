'use strict';

/**
 * Timeline: communication, content and to-do creation; message opens.
 *
 * Choices where the reference is silent:
 *   - communication: `style` is required (errorcode 3) – it decides how Cloze shows and scores
 *     the record. "needs from or a recipient": `from`, or a non-empty `recipients` array
 *     (elements are {value, name?, role?} or strings).
 *   - Dates (`date`, `due`, `when`) may be ms numbers, numeric strings, ISO strings or d/m/y
 *     strings read per `dateFormat` (default us); `due`/`when` may be 1 ("someday").
 *     Unparseable dates are errorcode 4.
 *   - preview: longer than 1024 bytes (UTF-8) is errorcode 4.
 *   - todo: `assigner` and `assignee`, when given, must be team member e-mails (errorcode 4);
 *     `participants` must be an array of strings.
 *   - content: `source` must look like a domain (labels of letters/digits/hyphens, a dot,
 *     a TLD of 2+ letters), also for `event` when given.
 *   - `skipImport: true` answers {errorcode: 0} and stores nothing (after no validation).
 *   - messages/opens: messages sent at or after `from` (default 0) that have at least one open,
 *     oldest first, at most `messagesPageSize` (100) per page. `next` (absolute URL on this
 *     server, no credential, only the contract's `from`: the date of the first message left out)
 *     is present only while `more` is true. The answer is the schema's: an array of one batch
 *     [{more, next?, messages: [{message, date, threadId, opens: [{about: {name, email},
 *     breakdown: [{date, cookie}]}]}]}] (no errorcode).
 */

const { ERR, ApiError, missing, invalid } = require('./errors');
const { str, intParam, clone, isObject } = require('./http-util');
const { findMember } = require('./team');

const COMM_STYLES = ['email', 'call', 'text', 'meeting', 'direct', 'postal', 'postal-bulk'];
const CONTENT_STYLES = ['event', 'note', 'todo'];
const OUTCOMES = ['leftvm', 'noanwser', 'connected'];
const DIRECTIONS = ['inbound', 'outbound'];
const BODYTYPES = ['html', 'text'];
const DATE_FORMATS = ['us', 'international'];
const DOMAIN_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * @param {Record<string, any>} b
 * @param {string} field
 * @param {readonly string[]} allowed
 */
function checkEnum(b, field, allowed) {
	if (b[field] === undefined || b[field] === null) return;
	if (!allowed.includes(b[field])) {
		throw invalid(
			`Invalid ${field}: ${JSON.stringify(b[field])} (expected one of ${allowed.join(', ')})`,
		);
	}
}

/**
 * Parse a Cloze date value.
 * @param {unknown} v
 * @param {string} field
 * @param {string} [dateFormat]
 * @param {boolean} [someday] 1 means "someday"
 * @returns {number | undefined}
 */
function parseDate(v, field, dateFormat = 'us', someday = false) {
	if (v === undefined || v === null || v === '') return undefined;
	if (someday && (v === 1 || v === '1')) return 1;
	if (typeof v === 'number' && Number.isFinite(v)) return v;
	if (typeof v === 'string') {
		const s = v.trim();
		if (/^\d{9,}$/.test(s)) return Number(s);
		const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(s);
		if (m) {
			const [a, b] = [Number(m[1]), Number(m[2])];
			const [month, day] = dateFormat === 'international' ? [b, a] : [a, b];
			if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
				return Date.UTC(Number(m[3]), month - 1, day, Number(m[4] || 0), Number(m[5] || 0));
			}
		} else {
			const t = Date.parse(s);
			if (!Number.isNaN(t)) return t;
		}
	}
	throw invalid(`Invalid ${field}: ${JSON.stringify(v)} (expected a date string or UTC ms)`);
}

/** @param {Record<string, any>} b */
function checkCommon(b) {
	checkEnum(b, 'dateFormat', DATE_FORMATS);
	checkEnum(b, 'bodytype', BODYTYPES);
	if (b.preview !== undefined && b.preview !== null) {
		if (typeof b.preview !== 'string') throw invalid('preview must be a string');
		if (Buffer.byteLength(b.preview, 'utf8') > 1024)
			throw invalid('preview must be no longer than 1kb (1024 bytes)');
	}
	for (const f of ['subject', 'body', 'from', 'name', 'threadid', 'location', 'account']) {
		if (b[f] !== undefined && b[f] !== null && typeof b[f] !== 'string')
			throw invalid(`${f} must be a string`);
	}
	for (const f of ['references', 'links', 'recipients']) {
		if (b[f] !== undefined && b[f] !== null && !Array.isArray(b[f]))
			throw invalid(`${f} must be an array`);
	}
}

/** @param {any} ctx */
function bodyOf(ctx) {
	if (!isObject(ctx.body))
		throw new ApiError(ERR.BAD_BODY, 'The request body must be a JSON object');
	return ctx.body;
}

/**
 * @param {any} ctx
 * @param {'communication'|'content'|'todo'} type
 * @param {Record<string, any>} b
 * @param {Record<string, any>} parsed
 */
function store(ctx, type, b, parsed) {
	if (b.dryrun === true) return { errorcode: 0 };
	/** @type {Record<string, any>} */
	const item = {
		...clone(b),
		...parsed,
		_type: type,
		_id: `tl-${ctx.state.timeline.length + 1}`,
		_created: Date.now(),
	};
	delete item.dryrun;
	ctx.state.timeline.push(item);
	return { errorcode: 0 };
}

/** @param {any} ctx */
function communication(ctx) {
	const b = bodyOf(ctx);
	if (b.skipImport === true) return { errorcode: 0 };
	if (b.style === undefined || b.style === null || b.style === '')
		throw missing('style is required');
	checkEnum(b, 'style', COMM_STYLES);
	checkEnum(b, 'outcome', OUTCOMES);
	checkEnum(b, 'direction', DIRECTIONS);
	checkCommon(b);
	const recipients = Array.isArray(b.recipients) ? b.recipients : [];
	recipients.forEach((r, i) => {
		if (typeof r === 'string') return;
		if (!isObject(r) || typeof r.value !== 'string' || !r.value)
			throw invalid(`recipients[${i}].value is required`);
	});
	const hasFrom =
		(typeof b.from === 'string' && b.from.trim() !== '') ||
		recipients.some((r) => isObject(r) && r.role === 'from');
	if (!hasFrom && recipients.length === 0)
		throw missing('A communication needs from or at least one recipient');
	if (b.duration !== undefined && (typeof b.duration !== 'number' || b.duration < 0)) {
		throw invalid('duration must be a number of minutes');
	}
	const parsed = {
		_date: parseDate(b.date, 'date', b.dateFormat),
		_due: parseDate(b.due, 'due', b.dateFormat, true),
	};
	return store(ctx, 'communication', b, parsed);
}

/** @param {any} ctx */
function content(ctx) {
	const b = bodyOf(ctx);
	if (b.skipImport === true) return { errorcode: 0 };
	if (b.style === undefined || b.style === null || b.style === '')
		throw missing('style is required');
	checkEnum(b, 'style', CONTENT_STYLES);
	checkCommon(b);
	if (b.style === 'note' || b.style === 'todo') {
		if (b.uniqueid === undefined || b.uniqueid === null || b.uniqueid === '') {
			throw missing(`uniqueid is required for ${b.style} content`);
		}
		if (b.source === undefined || b.source === null || b.source === '') {
			throw missing(`source is required for ${b.style} content`);
		}
	}
	if (
		b.source !== undefined &&
		b.source !== null &&
		(typeof b.source !== 'string' || !DOMAIN_RE.test(b.source))
	) {
		throw invalid(`source must be a valid domain: ${JSON.stringify(b.source)}`);
	}
	const parsed = {
		_date: parseDate(b.date, 'date', b.dateFormat),
		_due: parseDate(b.due, 'due', b.dateFormat, true),
	};
	return store(ctx, 'content', b, parsed);
}

/** @param {any} ctx */
function todo(ctx) {
	const b = bodyOf(ctx);
	if (b.skipImport === true) return { errorcode: 0 };
	if (typeof b.subject !== 'string' || !b.subject.trim()) throw missing('subject is required');
	checkCommon(b);
	if (b.participants !== undefined && b.participants !== null) {
		if (!Array.isArray(b.participants) || b.participants.some((p) => typeof p !== 'string' || !p)) {
			throw invalid('participants must be an array of e-mail addresses or other identifiers');
		}
	}
	for (const f of ['assigner', 'assignee']) {
		if (
			b[f] !== undefined &&
			b[f] !== null &&
			b[f] !== '' &&
			!findMember(ctx.state.members, b[f])
		) {
			throw invalid(`${f} must be the e-mail address of a team member: ${JSON.stringify(b[f])}`);
		}
	}
	return store(ctx, 'todo', b, { _when: parseDate(b.when, 'when', b.dateFormat, true) });
}

/**
 * A message as the schema's answer gives it (Message): `message` (its id), `date`, `threadId`,
 * `opens`: one Opener per recipient who opened it, `about` naming them, `breakdown` each open.
 * @param {any} m
 */
function publicMessage(m) {
	/** @type {Map<string, {about: object, breakdown: object[]}>} */
	const byWho = new Map();
	for (const o of m.opens) {
		const to = (m.to || []).find((/** @type {any} */ r) => r.email === o.email) || {
			email: o.email,
		};
		if (!byWho.has(o.email))
			byWho.set(o.email, { about: { name: to.name, email: o.email }, breakdown: [] });
		byWho.get(o.email)?.breakdown.push({ date: o.date, cookie: `${m.id}-${o.date}` });
	}
	return { message: m.id, date: m.date, threadId: m.threadId || m.id, opens: [...byWho.values()] };
}

/** @param {any} ctx */
function opens(ctx) {
	const pageSize = ctx.sim.options.messagesPageSize;
	const from = intParam(ctx.query, 'from', 0, 0, Number.MAX_SAFE_INTEGER);
	const all = ctx.state.messages
		.filter(
			(/** @type {any} */ m) => m.date >= from && Array.isArray(m.opens) && m.opens.length > 0,
		)
		.sort(
			(/** @type {any} */ a, /** @type {any} */ b) =>
				a.date - b.date || String(a.id).localeCompare(String(b.id)),
		);
	// A page ends before a date it cannot hold whole, so that `from` of the next page (the first
	// date left out) repeats nothing; one date with more messages than a page is served whole.
	let end = Math.min(pageSize, all.length);
	if (end < all.length && all[end].date === all[end - 1].date) {
		const tie = all[end].date;
		let back = end;
		while (back > 0 && all[back - 1].date === tie) back--;
		if (back > 0) end = back;
		else while (end < all.length && all[end].date === tie) end++;
	}
	const more = end < all.length;
	/** @type {Record<string, any>} */
	const batch = { more };
	if (more) batch.next = `${ctx.baseUrl}/v1/messages/opens?from=${all[end].date}`;
	batch.messages = all.slice(0, end).map(publicMessage);
	return [batch];
}

module.exports = {
	COMM_STYLES,
	CONTENT_STYLES,
	OUTCOMES,
	parseDate,
	handlers: { communication, content, todo, opens },
};
