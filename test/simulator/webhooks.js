'use strict';

/**
 * Webhooks: subscribe / unsubscribe / list, and delivery of change notifications.
 *
 * Choices where the reference is silent:
 *   - `scope` defaults to `team` (the reference: team users with export rights – the
 *     simulated user is the team administrator – subscribe to team changes by default).
 *     `local` sees every record of the user, `team` records shared to the team, `hierarchy:`
 *     team records under a node (see relations.js).
 *   - The body is the subscription at the top level (not wrapped in {subscription: ...}).
 *   - `filters`: an array of non-empty objects whose keys are only the event's relation kind
 *     (an object) and, for *.audit.change events only, `changes` (an object of
 *     {field: {before?, after?}}). Anything else is errorcode 4 naming the problem.
 *   - `ttl`: positive integer seconds (number or numeric string); expired subscriptions
 *     disappear from the list and get no deliveries.
 *   - unsubscribe needs `event` (errorcode 3) and `uniqueid` or `client_reference` (errorcode 3);
 *     no subscription with that event and id/reference is errorcode 5 "Subscription not found".
 *   - Deleting a relation fires no webhook.
 *   - Filter matching: JSON fragment containment; strings compare case-insensitively; "*"
 *     matches any present value; segment/stage/step values also match their labels
 *     ("Lead", "Buyers"); relation `customFields` elements match by id (or field name) and
 *     value (or keyword label); `changes` keys match a changed field by id, or a custom field
 *     by name, case-insensitively; before/after compare against value or label.
 *   - Delivery outcome: HTTP 200 with text/plain body exactly "OK", or application/json body
 *     {"status":"ok"} -> success. A timeout, a network error or an HTTP 5xx is a "legitimate
 *     failure": failCount++, no retry, and the subscription is suspended only by the rate rules
 *     (>5 failures a minute, >10 an hour, >25 a day, or >=15 a day with >10% failure rate).
 *     Any other answer (3xx, 4xx, 200 with another body or content type, e.g. "firstEntryJson")
 *     -> failCount++ and immediate suspension. Redirects are not followed.
 */

const crypto = require('crypto');
const http = require('http');
const https = require('https');
const { missing, invalid, notFound } = require('./errors');
const { clone, isObject, str } = require('./http-util');
const { parseScope, scopeMatches } = require('./relations');
const { labelOf, customFieldId } = require('./account');

const EVENTS = [
	'person.change',
	'project.change',
	'company.change',
	'person.audit.change',
	'project.audit.change',
	'company.audit.change',
];

/** @param {string} event */
const kindOf = (event) => /** @type {import('./store').Kind} */ (event.split('.')[0]);
/** @param {string} event */
const isAudit = (event) => event.endsWith('.audit.change');

/**
 * Does a filter value match a record value?
 * @param {string} kind @param {string} field top-level field name ('' when nested)
 * @param {unknown} want @param {unknown} have
 */
function scalarMatches(kind, field, want, have) {
	if (want === '*') return have !== undefined;
	if (have === undefined || have === null) return want === null;
	if (typeof want === 'string' || typeof have === 'string') {
		const w = String(want).toLowerCase();
		if (String(have).toLowerCase() === w) return true;
		const label = field ? labelOf(/** @type {any} */ (kind), field, have) : undefined;
		return label !== undefined && label.toLowerCase() === w;
	}
	return JSON.stringify(want) === JSON.stringify(have);
}

/**
 * JSON fragment containment.
 * @param {string} kind @param {string} field @param {unknown} frag @param {unknown} have
 * @returns {boolean}
 */
function contains(kind, field, frag, have) {
	if (frag === '*') return have !== undefined;
	if (Array.isArray(frag)) {
		if (!Array.isArray(have)) return false;
		if (field === 'customFields') {
			return frag.every(
				(f) => isObject(f) && have.some((h) => isObject(h) && customFieldMatches(kind, f, h)),
			);
		}
		return frag.every((f) => have.some((h) => contains(kind, '', f, h)));
	}
	if (isObject(frag)) {
		if (!isObject(have)) return false;
		return Object.entries(frag).every(([k, v]) => contains(kind, field ? '' : k, v, have[k]));
	}
	return scalarMatches(kind, field, frag, have);
}

/** @param {string} kind @param {Record<string, any>} f @param {Record<string, any>} h */
function customFieldMatches(kind, f, h) {
	if (f.id !== undefined && f.id !== '*') {
		const id = customFieldId(f.id) || f.id;
		if (String(h.id).toLowerCase() !== String(id).toLowerCase()) return false;
	}
	for (const [k, v] of Object.entries(f)) {
		if (k === 'id') continue;
		if (k === 'value' ? !scalarMatches(kind, h.id, v, h.value) : !contains(kind, '', v, h[k]))
			return false;
	}
	return true;
}

/**
 * @param {string} kind
 * @param {Record<string, any>} filter one element of `filters`
 * @param {Record<string, any>} record
 * @param {Record<string, {before: any, after: any}>} changes
 */
function filterMatches(kind, filter, record, changes) {
	if (filter[kind] !== undefined && !contains(kind, '', filter[kind], record)) return false;
	if (filter.changes !== undefined) {
		for (const [key, cond] of Object.entries(filter.changes)) {
			const l = key.toLowerCase();
			const field = Object.keys(changes).find(
				(f) =>
					f.toLowerCase() === l || (customFieldId(key) !== undefined && f === customFieldId(key)),
			);
			if (!field) return false;
			const c = changes[field];
			if (isObject(cond)) {
				if (cond.before !== undefined && !scalarMatches(kind, field, cond.before, c.before))
					return false;
				if (cond.after !== undefined && !scalarMatches(kind, field, cond.after, c.after))
					return false;
			} else if (cond !== '*') return false;
		}
	}
	return true;
}

/** @param {string} event @param {unknown} filters */
function validateFilters(event, filters) {
	if (filters === undefined || filters === null) return undefined;
	if (!Array.isArray(filters)) throw invalid('filters must be an array of filter objects');
	const kind = kindOf(event);
	filters.forEach((f, i) => {
		if (!isObject(f)) throw invalid(`filters[${i}] must be an object`);
		const keys = Object.keys(f);
		if (keys.length === 0) throw invalid(`filters[${i}] is empty: use "${kind}" and/or "changes"`);
		for (const k of keys) {
			if (k === kind) {
				if (!isObject(f[k]))
					throw invalid(`filters[${i}].${k} must be an object (a ${kind} fragment)`);
			} else if (k === 'changes') {
				if (!isAudit(event))
					throw invalid(
						`filters[${i}].changes is only allowed for audit change events, not ${event}`,
					);
				if (!isObject(f.changes)) throw invalid(`filters[${i}].changes must be an object`);
				for (const [field, cond] of Object.entries(f.changes)) {
					if (cond === '*') continue;
					if (
						!isObject(cond) ||
						Object.keys(cond).some((ck) => ck !== 'before' && ck !== 'after')
					) {
						throw invalid(
							`filters[${i}].changes.${field} must be an object with before and/or after`,
						);
					}
				}
			} else {
				throw invalid(
					`filters[${i}] has an unexpected key "${k}" (allowed: ` +
						`${kind}${isAudit(event) ? ', changes' : ''})`,
				);
			}
		}
	});
	return clone(filters);
}

class WebhookManager {
	/**
	 * @param {import('./index').Runtime} rt
	 */
	constructor(rt) {
		this.rt = rt;
		this.agentHttp = new http.Agent({ keepAlive: false });
		this.agentHttps = new https.Agent({ keepAlive: false });
	}

	/** @returns {any[]} */
	get subs() {
		return this.rt.state.subscriptions;
	}

	/** Drop expired subscriptions. */
	prune() {
		const now = Date.now();
		const live = this.subs.filter((s) => !s.expires || s.expires > now);
		if (live.length !== this.subs.length) this.rt.state.subscriptions = live;
	}

	/**
	 * A subscription as GET /v1/webhooks lists it (SubscriptionRef): `uniqueid` as the schema says,
	 * `uniqueId` as its example and Cloze's reference show with `answerShapes: 'example'`.
	 * @param {any} s
	 */
	publicSub(s) {
		const idKey = this.rt.options.answerShapes === 'example' ? 'uniqueId' : 'uniqueid';
		const out = {
			[idKey]: s.uniqueId,
			event: s.event,
			target_url: s.target_url,
			scope: s.scope,
			filters: s.filters,
			client_reference: s.client_reference,
			client_type: s.client_type,
			ttl: s.ttl,
			date: s.date,
			suspended: s.suspended,
			usage: { ...s.usage },
		};
		return clone(out);
	}

	// ------------------------------------------------------------ handlers

	/** @param {any} ctx */
	subscribe(ctx) {
		const b = ctx.body;
		if (!isObject(b)) throw invalid('The request body must be a subscription object');
		if (!b.event) throw missing('event is required');
		if (!EVENTS.includes(b.event))
			throw invalid(`Invalid event: ${b.event} (expected one of ${EVENTS.join(', ')})`);
		if (!b.target_url) throw missing('target_url is required');
		let url;
		try {
			url = new URL(String(b.target_url));
		} catch {
			throw invalid(`target_url is not a valid URL: ${b.target_url}`);
		}
		if (url.protocol !== 'http:' && url.protocol !== 'https:')
			throw invalid('target_url must be an http or https URL');
		const scope =
			b.scope === undefined || b.scope === null || b.scope === '' ? 'team' : String(b.scope);
		parseScope(scope);
		const filters = validateFilters(b.event, b.filters);
		for (const f of ['client_type', 'client_reference']) {
			if (b[f] !== undefined && b[f] !== null && typeof b[f] !== 'string')
				throw invalid(`${f} must be a string`);
		}
		let ttl;
		if (b.ttl !== undefined && b.ttl !== null && b.ttl !== '') {
			ttl = Number(b.ttl);
			if (!Number.isInteger(ttl) || ttl <= 0)
				throw invalid('ttl must be a positive number of seconds');
		}
		this.prune();
		if (b.client_reference) {
			this.rt.state.subscriptions = this.subs.filter(
				(s) => !(s.event === b.event && s.client_reference === b.client_reference),
			);
		}
		const now = Date.now();
		const sub = {
			uniqueId: crypto.randomBytes(64).toString('base64url'),
			event: b.event,
			target_url: String(b.target_url),
			scope,
			filters,
			client_type: b.client_type ?? undefined,
			client_reference: b.client_reference ?? undefined,
			ttl: b.ttl === undefined || b.ttl === null || b.ttl === '' ? undefined : String(b.ttl),
			expires: ttl ? now + ttl * 1000 : undefined,
			date: now,
			suspended: false,
			usage: {
				successCount: 0,
				failCount: 0,
				lastSendAttempt: undefined,
				lastSuccessfulSend: undefined,
			},
			failures: /** @type {number[]} */ ([]),
		};
		this.subs.push(sub);
		return { errorcode: 0, uniqueid: sub.uniqueId };
	}

	/** @param {any} ctx */
	unsubscribe(ctx) {
		const b = isObject(ctx.body) ? ctx.body : {};
		const event = str(b.event);
		if (!event) throw missing('event is required');
		const id = str(b.uniqueid);
		const ref = str(b.client_reference);
		if (!id && !ref) throw missing('uniqueid or client_reference is required');
		this.prune();
		const hit = this.subs.find(
			(s) =>
				s.event === event &&
				((id && s.uniqueId === id) || (!id && ref && s.client_reference === ref)),
		);
		if (!hit) throw notFound('Subscription not found');
		this.rt.state.subscriptions = this.subs.filter((s) => s !== hit);
		return { errorcode: 0 };
	}

	list() {
		this.prune();
		return { errorcode: 0, list: this.subs.map((s) => this.publicSub(s)) };
	}

	// ------------------------------------------------------------ delivery

	/**
	 * Called for every effective relation change.
	 * @param {{
	 *   kind: import('./store').Kind, rec: any, record: Record<string, any>,
	 *   changes: Record<string, any>,
	 * }} ev
	 */
	onChange(ev) {
		this.prune();
		for (const sub of this.subs) {
			if (sub.suspended || kindOf(sub.event) !== ev.kind) continue;
			const audit = isAudit(sub.event);
			if (audit && Object.keys(ev.changes).length === 0) continue;
			if (!scopeMatches(ev.rec, parseScope(sub.scope))) continue;
			const changes = audit ? ev.changes : {};
			if (
				sub.filters &&
				!sub.filters.some((/** @type {any} */ f) => filterMatches(ev.kind, f, ev.record, changes))
			)
				continue;
			const payload = [{ [ev.kind]: clone(ev.record), changes: clone(changes), event: sub.event }];
			this.rt.later(() => this.deliver(sub, payload));
		}
	}

	/**
	 * POST one notification.
	 * @param {any} sub
	 * @param {unknown[]} payload
	 */
	deliver(sub, payload) {
		const rt = this.rt;
		if (rt.closed) return;
		const text = JSON.stringify(payload);
		/** @type {Record<string, string>} */
		const headers = {
			'Content-Type': 'application/json',
			'Content-Length': String(Buffer.byteLength(text)),
			'X-Cloze-Subscription-ID': sub.uniqueId,
		};
		if (sub.client_reference) headers['X-Cloze-Client-Reference'] = sub.client_reference;
		sub.usage.lastSendAttempt = Date.now();
		/** @type {Record<string, any>} */
		const result = {
			subscriptionId: sub.uniqueId,
			event: sub.event,
			url: sub.target_url,
			headers,
			body: payload,
			status: undefined,
			contentType: undefined,
			responseBody: undefined,
			ok: false,
			error: undefined,
			suspended: false,
		};
		let done = false;
		const gen = rt.generation;
		const finish = (/** @type {'ok'|'failure'|'suspend'} */ outcome) => {
			rt.requestsOut.delete(req);
			if (done || rt.closed || gen !== rt.generation) return;
			done = true;
			const now = Date.now();
			if (outcome === 'ok') {
				sub.usage.successCount++;
				sub.usage.lastSuccessfulSend = now;
				result.ok = true;
			} else {
				sub.usage.failCount++;
				sub.failures.push(now);
				const within = (/** @type {number} */ ms) =>
					sub.failures.filter((t) => now - t <= ms).length;
				const day = within(86400000);
				const rate = sub.usage.failCount / (sub.usage.failCount + sub.usage.successCount);
				if (
					outcome === 'suspend' ||
					within(60000) > 5 ||
					within(3600000) > 10 ||
					day > 25 ||
					(day >= 15 && rate > 0.1)
				) {
					sub.suspended = true;
				}
			}
			result.suspended = sub.suspended;
			rt.deliveries.push(result);
			rt.emitter.emit('delivery', result);
		};
		const url = new URL(sub.target_url);
		const mod = url.protocol === 'https:' ? https : http;
		const req = mod.request(url, {
			method: 'POST',
			headers,
			agent: url.protocol === 'https:' ? this.agentHttps : this.agentHttp,
			timeout: rt.options.deliveryTimeoutMs,
		});
		rt.requestsOut.add(req);
		req.on('timeout', () => {
			result.error = `timeout after ${rt.options.deliveryTimeoutMs} ms`;
			req.destroy(new Error(result.error));
		});
		req.on('error', (err) => {
			if (!result.error) result.error = err.message;
			finish('failure');
		});
		req.on('response', (res) => {
			/** @type {Buffer[]} */
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('error', (err) => {
				result.error = err.message;
				finish('failure');
			});
			res.on('end', () => {
				const body = Buffer.concat(chunks).toString('utf8');
				const ct = String(res.headers['content-type'] || '');
				const type = ct.split(';')[0].trim().toLowerCase();
				result.status = res.statusCode;
				result.contentType = ct;
				result.responseBody = body;
				if (res.statusCode === 200 && type === 'text/plain' && body === 'OK') return finish('ok');
				if (res.statusCode === 200 && type === 'application/json') {
					let parsed;
					try {
						parsed = JSON.parse(body);
					} catch {
						parsed = undefined;
					}
					if (isObject(parsed) && Object.keys(parsed).length === 1 && parsed.status === 'ok')
						return finish('ok');
				}
				return finish(
					res.statusCode !== undefined && res.statusCode >= 500 ? 'failure' : 'suspend',
				);
			});
		});
		req.end(text);
	}

	close() {
		this.agentHttp.destroy();
		this.agentHttps.destroy();
	}
}

module.exports = { WebhookManager, EVENTS, filterMatches, validateFilters };
