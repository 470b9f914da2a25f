'use strict';

/**
 * Cloze CRM API simulator (in-memory, 127.0.0.1 only).
 *
 *   const { startSimulator } = require('./test/simulator');
 *   const sim = await startSimulator({ port: 0, seed: 'demo' });
 *   // sim.url, sim.apiKey, sim.oauthToken ... await sim.close();
 *
 * Request flow: control (/__sim/*, no auth, not logged) | log + contract check -> fault -> OAuth
 * server (/oauth/*, oauth.js) | route (404/405) -> auth (401) -> body check -> handler -> JSON
 * answer. See errors.js for the errorcodes.
 *
 * Contract: every request outside /__sim and /oauth is checked against
 * test/contract/cloze-contract.json (derived from Cloze's official schema): unknown body properties
 * at every depth, types, enums, required fields, unknown query parameters, unknown operations.
 * Cloze itself takes unknown fields silently, so the simulator answers as Cloze would and records
 * each breach in `sim.violations` (the log entry carries its own under `violations`).
 * test/helpers/contract-guard.js fails the jest test during which a simulator recorded one, unless
 * the test took it with `sim.acceptViolations()` (tests of rejected requests, which then assert
 * what was recorded) or the simulator was started with `expectViolations: true`.
 *
 * Choices where the reference is silent:
 *   - Unknown paths answer 404 and wrong methods 405 before authentication is checked.
 *   - POST bodies must be JSON objects (an empty body counts as {}); anything else is
 *     HTTP 200 errorcode 2. The request Content-Type is not checked.
 *   - Query strings are accepted on POST too (they are logged; handlers read the body).
 *   - Paths are matched exactly (no trailing-slash folding).
 */

const http = require('http');
const { EventEmitter } = require('events');
const { ERR, ApiError } = require('./errors');
const { sendJson, sendText, readBody, queryObject, clone, isObject } = require('./http-util');
const { authenticate } = require('./auth');
const { OAuthServer } = require('./oauth');
const { TABLE, ROUTES } = require('./routes');
const { RelationStore, KINDS } = require('./store');
const { Faults, STATUS_TEXT } = require('./faults');
const { WebhookManager } = require('./webhooks');
const { handleControl } = require('./control');
const { RateLimiter } = require('./rateLimit');
const seed = require('./seed');
const { validateRequest } = require('../contract/validate');
const account = require('./account');
const team = require('./team');

const HOST = '127.0.0.1';

/**
 * @typedef {object} SimulatorOptions
 * @property {number} [port]               0 (default) = random free port
 * @property {'none'|'demo'} [seed]        data loaded at start and on reset (default 'none')
 * @property {string} [apiKey]             default 'test-api-key'
 * @property {string} [oauthToken]         default 'test-oauth-token'
 * @property {number} [deliveryTimeoutMs]  webhook delivery timeout (default 10000)
 * @property {number} [messagesPageSize]   messages per /v1/messages/opens page (default 100)
 * @property {'schema'|'example'} [answerShapes] where Cloze's schema and its own example differ
 *                                         (profile under `profile` or `user`, webhooks' `uniqueid`
 *                                         or `uniqueId`): answer as the schema (default) or the
 *                                         example
 * @property {boolean} [expectViolations]  this instance's contract violations are expected (tests
 *                                         of rejected requests): the jest contract guard ignores
 *                                         them
 * @property {{perSecond: number, burst?: number}} [rateLimit]  token-bucket limiter (rateLimit.js);
 *                                         off when absent
 * @property {import('./oauth').OAuthOptions} [oauth]  the OAuth 2.0 server (oauth.js)
 */

/**
 * Every simulator started in this module instance (one per jest test file): the contract guard
 * reads it.
 */
const INSTANCES = new Set();

/** @typedef {Simulator} Runtime */

/**
 * @typedef {object} LogEntry
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string | string[]>} query
 * @property {string} url        raw URL as received (path + query)
 * @property {import('http').IncomingHttpHeaders} headers
 * @property {unknown} body      parsed JSON, raw text, or undefined when empty
 * @property {number | undefined} status
 * @property {string | null} auth  'bearer-api-key' | 'bearer-oauth' | 'query-api-key' | null
 * @property {number} time
 * @property {import('../contract/validate').Violation[]} violations  breaches of the Cloze contract
 */

/** @param {string} kind */
function kindOf(kind) {
	const k = String(kind).toLowerCase();
	const map = /** @type {Record<string, import('./store').Kind>} */ ({
		person: 'person',
		people: 'person',
		company: 'company',
		companies: 'company',
		project: 'project',
		projects: 'project',
	});
	if (!map[k]) throw new TypeError(`Unknown relation kind: ${kind}`);
	return map[k];
}

class Simulator {
	/** @param {SimulatorOptions} [options] */
	constructor(options = {}) {
		this.options = {
			port: 0,
			seed: /** @type {'none'|'demo'} */ ('none'),
			apiKey: 'test-api-key',
			oauthToken: 'test-oauth-token',
			deliveryTimeoutMs: 10000,
			messagesPageSize: 100,
			expectViolations: false,
			answerShapes: /** @type {'schema'|'example'} */ ('schema'),
			...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
		};
		if (!['none', 'demo'].includes(this.options.seed))
			throw new TypeError(`Unknown seed: ${this.options.seed}`);
		if (!['schema', 'example'].includes(this.options.answerShapes)) {
			throw new TypeError(`Unknown answerShapes: ${this.options.answerShapes}`);
		}
		this.apiKey = this.options.apiKey;
		this.oauthToken = this.options.oauthToken;
		/** Cloze's OAuth 2.0 server: /oauth/authorize, /oauth/token, the tokens it issued. */
		this.oauth = new OAuthServer(this.options.oauth);
		/** @type {LogEntry[]} */
		this._requests = [];
		/** @type {import('../contract/validate').Violation[]} */
		this._violations = [];
		this.faults = new Faults();
		this.rateLimit = new RateLimiter(options.rateLimit);
		/** @type {any[]} */
		this._deliveries = [];
		this.emitter = new EventEmitter();
		this.emitter.setMaxListeners(0);
		this.closed = false;
		this.generation = 0;
		/** @type {Set<NodeJS.Immediate>} */
		this.immediates = new Set();
		/** @type {Set<NodeJS.Timeout>} */
		this.timers = new Set();
		/** @type {Set<import('http').ClientRequest>} */
		this.requestsOut = new Set();
		/** @type {Set<import('net').Socket>} */
		this.sockets = new Set();
		this.webhooks = new WebhookManager(this);
		/** @type {any} */
		this.state = undefined;
		this.url = '';
		this.port = 0;
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((err) => {
				if (!res.headersSent)
					sendJson(res, 500, { errorcode: ERR.INTERNAL, message: String(err && err.message) });
				else res.destroy();
			});
		});
		this.server.on('connection', (s) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
		this.loadState(this.options.seed);
	}

	// ---------------------------------------------------------------- state

	/** @param {'none'|'demo'} which */
	loadState(which) {
		const store = new RelationStore();
		const now = Date.now();
		this.state = {
			store,
			timeline: [],
			messages: [],
			subscriptions: [],
			members: clone(team.TEAM_MEMBERS),
			teamUpdate: { from: now - 2 * 3600000, to: now - 3600000 },
			seedCounter: 0,
			messageCounter: 0,
		};
		store.on('change', (ev) => this.webhooks.onChange(ev));
		if (which === 'demo') seed.seedDemo(this);
	}

	/**
	 * The relation store (read access: .people, .companies, .projects, .get(kind, id), .all(kind)).
	 */
	get store() {
		return this.state.store;
	}

	/**
	 * Every breach of the Cloze contract since start (not cleared by reset/clearLog), each with the
	 * request's method and url.
	 * @returns {Array<import('../contract/validate').Violation & {url: string}>}
	 */
	get violations() {
		return /** @type {any} */ (this._violations);
	}

	/**
	 * A test of rejected requests takes the violations it caused: they are returned (oldest first)
	 * and marked `expected`, so the jest contract guard does not fail the test for them.
	 * @returns {Array<import('../contract/validate').Violation & {url: string}>}
	 */
	acceptViolations() {
		const taken = this._violations.filter((v) => !v.expected);
		for (const v of taken) v.expected = true;
		return taken;
	}

	/** Live request log. */
	get requests() {
		return this._requests;
	}

	/** Completed webhook deliveries, oldest first. */
	get deliveries() {
		return this._deliveries;
	}

	/**
	 * Forget all data, log, faults, deliveries and subscriptions; reload the seed.
	 * @param {{seed?: 'none'|'demo'}} [opts]
	 */
	reset(opts = {}) {
		const which = opts.seed || this.options.seed;
		if (!['none', 'demo'].includes(which)) throw new TypeError(`Unknown seed: ${which}`);
		this.abortPending();
		this._requests.length = 0;
		this._deliveries.length = 0;
		this.faults.clear();
		this.loadState(which);
	}

	clearLog() {
		this._requests.length = 0;
	}

	/**
	 * @param {string} method
	 * @param {string} path
	 */
	requestsTo(method, path) {
		const m = method.toUpperCase();
		return this._requests.filter((r) => r.method === m && r.path === path);
	}

	/** @param {import('./faults').Fault} fault @returns {number} */
	addFault(fault) {
		return this.faults.add(fault);
	}

	clearFaults() {
		this.faults.clear();
	}

	/** @param {number} n @param {Record<string, any>} [defaults] */
	seedPeople(n, defaults) {
		return seed.seedPeople(this, n, defaults);
	}
	/** @param {number} n @param {Record<string, any>} [defaults] */
	seedCompanies(n, defaults) {
		return seed.seedCompanies(this, n, defaults);
	}
	/** @param {number} n @param {Record<string, any>} [defaults] */
	seedProjects(n, defaults) {
		return seed.seedProjects(this, n, defaults);
	}
	/** @param {number} n @param {{opens?: boolean, endAt?: number}} [opts] */
	seedMessages(n, opts) {
		return seed.seedMessages(this, n, opts);
	}

	/**
	 * A change made in the Cloze UI: merge `patch`, record audit trail, deliver webhooks.
	 * @param {string} kind person|company|project (plurals accepted)
	 * @param {string} uniqueid any identifier of the record
	 * @param {Record<string, any>} patch
	 * @returns {Record<string, any>} the record after the change
	 */
	changeRelation(kind, uniqueid, patch) {
		return this.state.store.change(kindOf(kind), uniqueid, patch);
	}

	/**
	 * Resolve once at least n deliveries have completed.
	 * @param {number} n
	 * @param {number} [timeoutMs] default 2000
	 * @returns {Promise<any[]>}
	 */
	waitForDeliveries(n, timeoutMs = 2000) {
		if (this._deliveries.length >= n) return Promise.resolve(this._deliveries.slice());
		return new Promise((resolve, reject) => {
			const onDelivery = () => {
				if (this._deliveries.length >= n) finish(null);
			};
			const onClose = () => finish(new Error('simulator closed'));
			const timer = setTimeout(
				() =>
					finish(
						new Error(
							`waitForDeliveries: ${this._deliveries.length} of ${n} after ${timeoutMs} ms`,
						),
					),
				timeoutMs,
			);
			this.timers.add(timer);
			const finish = (/** @type {Error|null} */ err) => {
				clearTimeout(timer);
				this.timers.delete(timer);
				this.emitter.off('delivery', onDelivery);
				this.emitter.off('close', onClose);
				if (err) reject(err);
				else resolve(this._deliveries.slice());
			};
			this.emitter.on('delivery', onDelivery);
			this.emitter.on('close', onClose);
		});
	}

	// ---------------------------------------------------------- async helpers

	/** Run fn on a later turn (tracked; dropped by close/reset). @param {() => void} fn */
	later(fn) {
		const gen = this.generation;
		const im = setImmediate(() => {
			this.immediates.delete(im);
			if (!this.closed && gen === this.generation) fn();
		});
		this.immediates.add(im);
	}

	/** Tracked sleep. @param {number} ms */
	sleep(ms) {
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				this.timers.delete(t);
				resolve(undefined);
			}, ms);
			this.timers.add(t);
		});
	}

	/** Drop scheduled and in-flight deliveries. */
	abortPending() {
		this.generation++;
		for (const im of this.immediates) clearImmediate(im);
		this.immediates.clear();
		for (const r of this.requestsOut) r.destroy();
		this.requestsOut.clear();
	}

	// ---------------------------------------------------------------- server

	/** @param {number} port */
	listen(port) {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, HOST, () => {
				this.server.off('error', reject);
				const addr = /** @type {import('net').AddressInfo} */ (this.server.address());
				this.port = addr.port;
				this.url = `http://${HOST}:${addr.port}`;
				resolve(this);
			});
		});
	}

	/** Close every socket, timer and pending delivery. */
	close() {
		if (this.closed) return Promise.resolve();
		this.closed = true;
		this.abortPending();
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		this.emitter.emit('close');
		this.webhooks.close();
		return new Promise((resolve) => {
			this.server.close(() => resolve(undefined));
			this.server.closeAllConnections();
			for (const s of this.sockets) s.destroy();
		});
	}

	/**
	 * @param {import('http').IncomingMessage} req
	 * @param {import('http').ServerResponse} res
	 */
	async handle(req, res) {
		const rawUrl = req.url || '/';
		const u = new URL(rawUrl, `http://${HOST}`);
		const path = u.pathname;
		const method = (req.method || 'GET').toUpperCase();
		const query = queryObject(u.searchParams);
		const raw = await readBody(req);
		if (this.closed) return void res.destroy();
		const baseUrl = req.headers.host ? `http://${req.headers.host}` : this.url;

		if (path === '/__sim/rate-limit') {
			if (method === 'POST') this.rateLimit.configure(raw.trim() === '' ? null : JSON.parse(raw));
			return sendJson(res, 200, this.rateLimit.stats());
		}
		if (path === '/__sim' || path.startsWith('/__sim/')) {
			return handleControl(this, { method, path, query, raw, baseUrl }, res);
		}

		let parsed;
		let jsonOk = true;
		if (raw !== '') {
			try {
				parsed = JSON.parse(raw);
			} catch {
				parsed = raw;
				jsonOk = false;
			}
		}
		/** @type {LogEntry} */
		const entry = {
			method,
			path,
			query,
			url: rawUrl,
			headers: { ...req.headers },
			body: parsed,
			status: undefined,
			auth: null,
			time: Date.now(),
			violations: [],
		};
		this._requests.push(entry);
		const contentType = String(req.headers['content-type'] || '');
		const form = /application\/x-www-form-urlencoded/i.test(contentType);
		// Cloze's OAuth server (/oauth/*) is not part of the API the contract describes.
		entry.violations = path.startsWith('/oauth/')
			? []
			: validateRequest({
					method,
					path,
					query,
					contentType,
					body: form && raw !== '' ? queryObject(new URLSearchParams(raw)) : parsed,
				});
		for (const v of entry.violations) this._violations.push({ ...v, url: rawUrl });
		this.rateLimit.track(res);
		/** @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
		const reply = (status, body, headers) => {
			entry.status = status;
			sendJson(res, status, body, headers);
		};

		const wait = this.rateLimit.take();
		if (wait !== undefined)
			return reply(
				429,
				{ errorcode: 429, message: STATUS_TEXT[429] },
				{ 'Retry-After': String(wait) },
			);

		const fault = this.faults.match(method, path);
		if (fault) {
			if (fault.latencyMs) await this.sleep(fault.latencyMs);
			if (this.closed) return void res.destroy();
			if (fault.status !== undefined) {
				/** @type {Record<string, string>} */
				const headers = { ...fault.headers };
				if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
				const body =
					fault.body !== undefined
						? fault.body
						: {
								errorcode: fault.status,
								message: STATUS_TEXT[fault.status] || `HTTP ${fault.status}`,
							};
				return reply(fault.status, body, headers);
			}
			if (fault.malformed) {
				entry.status = 200;
				return sendText(
					res,
					200,
					'<html><body>Bad Gateway</body></html>{"errorcode":0',
					'application/json; charset=utf-8',
				);
			}
		}

		if (path.startsWith('/oauth/')) {
			entry.status = this.oauth.handle({ method, path, query, raw, headers: req.headers }, res);
			if (entry.status !== undefined) return undefined;
		}
		const methods = TABLE.get(path);
		if (!methods)
			return reply(404, { errorcode: ERR.RESOURCE_NOT_FOUND, message: 'Resource Not Found' });
		const handler = methods.get(method);
		if (!handler) {
			return reply(
				405,
				{ errorcode: ERR.METHOD_NOT_ALLOWED, message: 'Method Not Allowed' },
				{ Allow: [...methods.keys()].join(', ') },
			);
		}

		const auth = authenticate(req.headers, query, {
			apiKey: this.apiKey,
			oauthToken: this.oauthToken,
			oauth: this.oauth,
		});
		if (auth.ok === false) {
			const fail = /** @type {{status: number, body: object}} */ (auth);
			return reply(fail.status, fail.body);
		}
		entry.auth = auth.method;

		let body = {};
		if (method === 'POST') {
			if (!jsonOk)
				return reply(200, { errorcode: ERR.BAD_BODY, message: 'Malformed JSON in request body' });
			if (parsed !== undefined && !isObject(parsed)) {
				return reply(200, {
					errorcode: ERR.BAD_BODY,
					message: 'The request body must be a JSON object',
				});
			}
			body = parsed === undefined ? {} : parsed;
		}
		const ctx = {
			sim: this,
			state: this.state,
			query,
			body,
			headers: req.headers,
			baseUrl,
			auth: auth.method,
		};
		try {
			return reply(200, handler(ctx));
		} catch (err) {
			if (err instanceof ApiError)
				return reply(200, { errorcode: err.errorcode, message: err.message });
			return reply(500, {
				errorcode: ERR.INTERNAL,
				message: `Simulator error: ${/** @type {Error} */ (err).message}`,
			});
		}
	}
}

/**
 * Start a simulator on 127.0.0.1.
 * @param {SimulatorOptions} [options]
 * @returns {Promise<Simulator>}
 */
async function startSimulator(options = {}) {
	const sim = new Simulator(options);
	await sim.listen(sim.options.port);
	INSTANCES.add(sim);
	return sim;
}

module.exports = {
	startSimulator,
	Simulator,
	INSTANCES,
	ROUTES,
	KINDS,
	// account constants
	PROFILE: account.PROFILE,
	PEOPLE_SEGMENTS: account.PEOPLE_SEGMENTS,
	PROJECT_SEGMENTS: account.PROJECT_SEGMENTS,
	PEOPLE_STAGES: account.PEOPLE_STAGES,
	PROJECT_STAGES: account.PROJECT_STAGES,
	STEPS: account.STEPS,
	CUSTOM_FIELDS: account.CUSTOM_FIELDS,
	VIEWS: account.VIEWS,
	TEAM_MEMBERS: team.TEAM_MEMBERS,
	TEAM_NODES: team.TEAM_NODES,
	TEAM_ROLES: team.TEAM_ROLES,
	// demo data
	DEMO_PEOPLE: seed.DEMO_PEOPLE,
	DEMO_COMPANIES: seed.DEMO_COMPANIES,
	DEMO_PROJECTS: seed.DEMO_PROJECTS,
	DEMO_TIMELINE: seed.DEMO_TIMELINE,
	DEMO_DIRECT_IDS: seed.DEMO_DIRECT_IDS,
	ERR,
};
