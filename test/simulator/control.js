'use strict';

/**
 * Control API for out-of-process use (e2e tests against a real n8n). No auth, not logged.
 *
 *   GET    /__sim/info         {url, apiKey, oauthToken}
 *   GET    /__sim/requests     {requests: LogEntry[]}          (?method=&path= to filter)
 *   DELETE /__sim/requests     clear the log
 *   POST   /__sim/faults       a fault object or an array of them -> {ok, ids}
 *   DELETE /__sim/faults       clear faults
 *   POST   /__sim/reset        {seed?: 'none'|'demo'} -> {ok}
 *   POST   /__sim/seed         {people?, companies?, projects?, messages?}: each a count or
 *                              {count, defaults} -> {ok, people: [...], companies: [...], projects:
 *                              [...], messages: n}
 *   GET    /__sim/state        {people, companies, projects, timeline, messages, subscriptions,
 *                              members}
 *   POST   /__sim/change       {kind, uniqueid, patch} -> {ok, record}
 *   GET    /__sim/deliveries   {deliveries}
 *   GET    /__sim/oauth        what the OAuth server issued (tokens included) and its settings
 *   POST   /__sim/oauth        configure it, expire access tokens, revoke grants (oauth.js control)
 * Failures answer HTTP 400 (bad input) or 404 (unknown record / path) with {ok: false, error}.
 */

const { sendJson, str, isObject } = require('./http-util');
const { ApiError, ERR } = require('./errors');

/**
 * @param {import('./index').Simulator} sim
 * @param {{
 *   method: string, path: string, query: Record<string, any>, raw: string, baseUrl: string,
 * }} r
 * @param {import('http').ServerResponse} res
 */
function handleControl(sim, r, res) {
	/** @type {any} */
	let body = {};
	if (r.raw !== '') {
		try {
			body = JSON.parse(r.raw);
		} catch {
			return sendJson(res, 400, { ok: false, error: 'Malformed JSON' });
		}
	}
	const key = `${r.method} ${r.path}`;
	try {
		switch (key) {
			case 'GET /__sim/info':
				return sendJson(res, 200, { url: sim.url, apiKey: sim.apiKey, oauthToken: sim.oauthToken });
			case 'GET /__sim/requests': {
				const m = str(r.query.method);
				const p = str(r.query.path);
				const list = sim.requests.filter(
					(e) => (!m || e.method === m.toUpperCase()) && (!p || e.path === p),
				);
				return sendJson(res, 200, { requests: list });
			}
			case 'DELETE /__sim/requests':
				sim.clearLog();
				return sendJson(res, 200, { ok: true });
			case 'POST /__sim/faults': {
				const list = Array.isArray(body) ? body : [body];
				const ids = list.map((f) => sim.addFault(f));
				return sendJson(res, 200, { ok: true, ids });
			}
			case 'DELETE /__sim/faults':
				sim.clearFaults();
				return sendJson(res, 200, { ok: true });
			case 'POST /__sim/reset':
				sim.reset(isObject(body) && body.seed ? { seed: body.seed } : {});
				return sendJson(res, 200, { ok: true });
			case 'POST /__sim/seed': {
				if (!isObject(body)) throw new TypeError('body must be an object');
				/** @param {unknown} v @returns {[number, Record<string, any> | undefined]} */
				const spec = (v) => {
					if (v === undefined) return [0, undefined];
					if (typeof v === 'number') return [v, undefined];
					if (isObject(v) && typeof v.count === 'number') return [v.count, v.defaults];
					throw new TypeError('each seed entry is a count or {count, defaults}');
				};
				const [np, dp] = spec(body.people);
				const [nc, dc] = spec(body.companies);
				const [nj, dj] = spec(body.projects);
				const [nm] = spec(body.messages);
				return sendJson(res, 200, {
					ok: true,
					people: sim.seedPeople(np, dp),
					companies: sim.seedCompanies(nc, dc),
					projects: sim.seedProjects(nj, dj),
					messages: sim.seedMessages(nm).length,
				});
			}
			case 'GET /__sim/state':
				return sendJson(res, 200, {
					people: sim.store.people,
					companies: sim.store.companies,
					projects: sim.store.projects,
					timeline: sim.state.timeline,
					messages: sim.state.messages,
					subscriptions: sim.webhooks.list().list,
					members: sim.state.members,
				});
			case 'POST /__sim/change': {
				if (!isObject(body) || !body.kind || !body.uniqueid)
					throw new TypeError('body needs kind, uniqueid and patch');
				const record = sim.changeRelation(body.kind, body.uniqueid, body.patch || {});
				return sendJson(res, 200, { ok: true, record });
			}
			case 'GET /__sim/deliveries':
				return sendJson(res, 200, { deliveries: sim.deliveries });
			case 'GET /__sim/oauth':
				return sendJson(res, 200, sim.oauth.snapshot());
			case 'POST /__sim/oauth':
				return sendJson(res, 200, sim.oauth.control(body));
			default:
				return sendJson(res, 404, { ok: false, error: `Unknown control endpoint: ${key}` });
		}
	} catch (err) {
		const e = /** @type {Error} */ (err);
		const status = e instanceof ApiError && e.errorcode === ERR.NOT_FOUND ? 404 : 400;
		return sendJson(res, status, { ok: false, error: e.message });
	}
}

module.exports = { handleControl };
