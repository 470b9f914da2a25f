'use strict';

/**
 * Cloze as an OAuth 2.0 authorization server (RFC 6749, authorization-code grant).
 *
 *   GET  /oauth/authorize  response_type=code, client_id, redirect_uri, scope, state
 *        -> the user approves at once: 302 to redirect_uri?code=...&state=...
 *   POST /oauth/token      grant_type=authorization_code (code, redirect_uri) or
 *                          grant_type=refresh_token (refresh_token[, scope]); the client
 *                          authenticates with HTTP Basic or client_id + client_secret in the body
 *        -> {access_token, token_type: 'bearer', expires_in, refresh_token, scope}
 *
 * Access tokens expire after `accessTokenTtlSeconds`; every refresh rotates the refresh token (the
 * one used is dead from then on). The API answers an expired, revoked or unknown token as Cloze
 * does: 401 {"message":"Invalid token: access token is invalid"} (see auth.js).
 *
 * Choices where Cloze's reference is silent (it names only the two URLs and the scopes):
 *   - one registered client (default `test-client-id` / `test-client-secret`); `redirectUris`
 *     empty = any http(s) redirect URI is accepted, otherwise it must be one of them exactly;
 *   - an unknown client or a redirect URI that is not registered answers 400 (no redirect);
 *     other authorize errors redirect with `error` and `state`, as RFC 6749 4.1.2.1 says;
 *   - token errors are RFC 6749 5.2 JSON (`invalid_request`, `invalid_client` (401),
 *     `invalid_grant`, `unsupported_grant_type`, `invalid_scope`);
 *   - codes live 10 minutes and are single-use; a scope omitted at authorize means `basic`;
 *   - Basic and body credentials may both be sent only if they name the same client.
 *
 * Control (tests): `control(body)` from POST /__sim/oauth: configure the client and TTL, expire
 * access tokens now or after n more API requests, revoke every grant (the user disconnected the
 * app in Cloze). `snapshot()` lists what was issued (GET /__sim/oauth), so that tests can search
 * logs for the tokens.
 */

const crypto = require('crypto');
const { sendJson, sendText, str, isObject } = require('./http-util');

const SCOPES = [
	'basic',
	'read_relation',
	'change_relation',
	'read_content',
	'change_content',
	'analytics',
];
const CODE_TTL_MS = 10 * 60 * 1000;

/** @param {string} prefix */
function secret(prefix) {
	return `${prefix}${crypto.randomBytes(24).toString('hex')}`;
}

/**
 * @typedef {object} OAuthOptions
 * @property {string} [clientId]
 * @property {string} [clientSecret]
 * @property {string[]} [redirectUris]
 * @property {number} [accessTokenTtlSeconds]  default 3600
 */

class OAuthServer {
	/** @param {OAuthOptions} [options] */
	constructor(options = {}) {
		this.clientId = options.clientId || 'test-client-id';
		this.clientSecret = options.clientSecret || 'test-client-secret';
		/** @type {string[]} */
		this.redirectUris = options.redirectUris || [];
		this.accessTokenTtlSeconds = options.accessTokenTtlSeconds || 3600;
		/** Clock (tests may replace it). */
		this.now = () => Date.now();
		/** @type {Map<string, {redirectUri: string, scope: string, expiresAt: number}>} */
		this.codes = new Map();
		/**
		 * @type {Map<string, {scope: string, expiresAt: number, usesLeft: number, revoked: boolean}>}
		 */
		this.accessTokens = new Map();
		/** @type {Map<string, {scope: string, used: boolean, revoked: boolean}>} */
		this.refreshTokens = new Map();
		this.counts = { authorize: 0, codeGrants: 0, refreshGrants: 0, refused: 0 };
	}

	/**
	 * Whether `token` is a live access token; counts one use.
	 * @param {string} token
	 */
	useAccessToken(token) {
		const t = this.accessTokens.get(token);
		if (!t || t.revoked || this.now() >= t.expiresAt || t.usesLeft <= 0) return false;
		t.usesLeft -= 1;
		return true;
	}

	/** @param {string} scope */
	issue(scope) {
		const access = secret('cloze-at-');
		const refresh = secret('cloze-rt-');
		this.accessTokens.set(access, {
			scope,
			expiresAt: this.now() + this.accessTokenTtlSeconds * 1000,
			usesLeft: Number.POSITIVE_INFINITY,
			revoked: false,
		});
		this.refreshTokens.set(refresh, { scope, used: false, revoked: false });
		return {
			access_token: access,
			token_type: 'bearer',
			expires_in: Math.ceil(this.accessTokenTtlSeconds),
			refresh_token: refresh,
			scope,
		};
	}

	/**
	 * @param {unknown} scope
	 * @returns {string | undefined} the normalized scope, undefined if invalid
	 */
	static scopeOf(scope) {
		const list = (str(scope) || 'basic').split(/[\s,]+/).filter(Boolean);
		if (!list.length || list.some((s) => !SCOPES.includes(s))) return undefined;
		return [...new Set(list)].join(' ');
	}

	/**
	 * @param {{
	 *   method: string, path: string, query: Record<string, any>, raw: string,
	 *   headers: import('http').IncomingHttpHeaders,
	 * }} r
	 * @param {import('http').ServerResponse} res
	 * @returns {number | undefined} the status sent, undefined when the path is not an OAuth path
	 */
	handle(r, res) {
		if (r.path === '/oauth/authorize') {
			if (r.method !== 'GET' && r.method !== 'POST')
				return this.json(res, 405, {
					error: 'invalid_request',
					error_description: 'Method Not Allowed',
				});
			return this.authorize(r.method === 'POST' ? { ...r.query, ...form(r.raw) } : r.query, res);
		}
		if (r.path === '/oauth/token') {
			if (r.method !== 'POST')
				return this.json(res, 405, {
					error: 'invalid_request',
					error_description: 'Method Not Allowed',
				});
			return this.token(r, res);
		}
		return undefined;
	}

	/**
	 * @param {import('http').ServerResponse} res
	 * @param {number} status
	 * @param {object} body
	 * @param {Record<string, string>} [headers]
	 */
	json(res, status, body, headers = {}) {
		if (status >= 400) this.counts.refused++;
		sendJson(res, status, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers });
		return status;
	}

	/** @param {Record<string, any>} q @param {import('http').ServerResponse} res */
	authorize(q, res) {
		this.counts.authorize++;
		const redirectUri = str(q.redirect_uri);
		const page = (/** @type {string} */ text) => {
			this.counts.refused++;
			sendText(
				res,
				400,
				`<html><body><h1>Cloze</h1><p>${text}</p></body></html>`,
				'text/html; charset=utf-8',
			);
			return 400;
		};
		if (str(q.client_id) !== this.clientId) return page('Unknown client.');
		let target;
		try {
			target = redirectUri ? new URL(redirectUri) : undefined;
		} catch {
			target = undefined;
		}
		if (!target || !/^https?:$/.test(target.protocol))
			return page('The redirect URI is missing or not a valid http(s) URL.');
		if (
			this.redirectUris.length &&
			!this.redirectUris.includes(/** @type {string} */ (redirectUri))
		) {
			return page('The redirect URI is not registered for this client.');
		}
		const state = str(q.state);
		const back = (/** @type {Record<string, string>} */ params) => {
			for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
			if (state !== undefined) target.searchParams.set('state', state);
			if (params.error) this.counts.refused++;
			res.writeHead(302, { Location: target.toString(), 'Content-Length': 0 });
			res.end();
			return 302;
		};
		if (str(q.response_type) !== 'code') return back({ error: 'unsupported_response_type' });
		const scope = OAuthServer.scopeOf(q.scope);
		if (!scope) return back({ error: 'invalid_scope' });
		const code = secret('cloze-code-');
		this.codes.set(code, {
			redirectUri: /** @type {string} */ (redirectUri),
			scope,
			expiresAt: this.now() + CODE_TTL_MS,
		});
		return back({ code });
	}

	/**
	 * @param {{raw: string, headers: import('http').IncomingHttpHeaders}} r
	 * @param {import('http').ServerResponse} res
	 */
	token(r, res) {
		const body = form(r.raw);
		const basic = basicCredentials(r.headers.authorization);
		const inBody =
			body.client_id !== undefined ? { id: body.client_id, secret: body.client_secret } : undefined;
		if (basic && inBody && (basic.id !== inBody.id || basic.secret !== inBody.secret)) {
			return this.json(res, 400, {
				error: 'invalid_request',
				error_description: 'The client is authenticated twice, with different credentials.',
			});
		}
		const client = basic || inBody;
		if (!client || client.id !== this.clientId || client.secret !== this.clientSecret) {
			return this.json(
				res,
				401,
				{ error: 'invalid_client', error_description: 'Client authentication failed.' },
				basic ? { 'WWW-Authenticate': 'Basic realm="cloze"' } : {},
			);
		}
		const grant = body.grant_type;
		if (grant === 'authorization_code') {
			const code = body.code && this.codes.get(body.code);
			if (body.code) this.codes.delete(body.code);
			if (!code || this.now() >= code.expiresAt) {
				return this.json(res, 400, {
					error: 'invalid_grant',
					error_description: 'The authorization code is invalid or expired.',
				});
			}
			if (body.redirect_uri !== code.redirectUri) {
				return this.json(res, 400, {
					error: 'invalid_grant',
					error_description: 'The redirect URI does not match the authorization request.',
				});
			}
			this.counts.codeGrants++;
			return this.json(res, 200, this.issue(code.scope));
		}
		if (grant === 'refresh_token') {
			const old = body.refresh_token && this.refreshTokens.get(body.refresh_token);
			if (!old || old.used || old.revoked) {
				return this.json(res, 400, {
					error: 'invalid_grant',
					error_description: 'The refresh token is invalid, expired or revoked.',
				});
			}
			let scope = old.scope;
			if (body.scope !== undefined) {
				const asked = OAuthServer.scopeOf(body.scope);
				if (!asked || asked.split(' ').some((s) => !old.scope.split(' ').includes(s))) {
					return this.json(res, 400, {
						error: 'invalid_scope',
						error_description: 'The scope exceeds the scope first granted.',
					});
				}
				scope = asked;
			}
			old.used = true;
			this.counts.refreshGrants++;
			return this.json(res, 200, this.issue(scope));
		}
		if (!grant)
			return this.json(res, 400, {
				error: 'invalid_request',
				error_description: 'grant_type is missing.',
			});
		return this.json(res, 400, { error: 'unsupported_grant_type' });
	}

	/**
	 * Test control. Every key is optional:
	 *   clientId, clientSecret, redirectUris, accessTokenTtlSeconds  configure
	 *   expire: true                  every access token issued so far is expired now
	 *   expireAfterRequests: n        every live access token answers n more API requests, then
	 *                                 expires
	 *   revoke: true                  every grant is revoked (access and refresh tokens)
	 * @param {unknown} body
	 */
	control(body) {
		if (!isObject(body)) throw new TypeError('body must be an object');
		const b = /** @type {Record<string, any>} */ (body);
		if (b.clientId !== undefined) this.clientId = String(b.clientId);
		if (b.clientSecret !== undefined) this.clientSecret = String(b.clientSecret);
		if (b.redirectUris !== undefined) {
			if (!Array.isArray(b.redirectUris)) throw new TypeError('redirectUris must be an array');
			this.redirectUris = b.redirectUris.map(String);
		}
		if (b.accessTokenTtlSeconds !== undefined) {
			const ttl = Number(b.accessTokenTtlSeconds);
			if (!(ttl > 0)) throw new TypeError('accessTokenTtlSeconds must be a positive number');
			this.accessTokenTtlSeconds = ttl;
		}
		if (b.expire)
			for (const t of this.accessTokens.values()) t.expiresAt = Math.min(t.expiresAt, this.now());
		if (b.expireAfterRequests !== undefined) {
			const n = Number(b.expireAfterRequests);
			if (!Number.isInteger(n) || n < 0)
				throw new TypeError('expireAfterRequests must be a whole number');
			for (const t of this.accessTokens.values()) t.usesLeft = Math.min(t.usesLeft, n);
		}
		if (b.revoke) {
			for (const t of this.accessTokens.values()) t.revoked = true;
			for (const t of this.refreshTokens.values()) t.revoked = true;
		}
		return this.snapshot();
	}

	/** What was issued, for tests (tokens included: they search logs for them). */
	snapshot() {
		const now = this.now();
		return {
			clientId: this.clientId,
			clientSecret: this.clientSecret,
			redirectUris: this.redirectUris,
			accessTokenTtlSeconds: this.accessTokenTtlSeconds,
			counts: { ...this.counts },
			accessTokens: [...this.accessTokens].map(([token, t]) => ({
				token,
				scope: t.scope,
				live: !t.revoked && now < t.expiresAt && t.usesLeft > 0,
			})),
			refreshTokens: [...this.refreshTokens].map(([token, t]) => ({
				token,
				scope: t.scope,
				live: !t.used && !t.revoked,
			})),
		};
	}
}

/**
 * application/x-www-form-urlencoded (or a JSON object) to {name: first value}.
 * @param {string} raw
 */
function form(raw) {
	/** @type {Record<string, string>} */
	const out = {};
	const text = raw.trim();
	if (text.startsWith('{')) {
		try {
			const parsed = JSON.parse(text);
			if (isObject(parsed))
				for (const [k, v] of Object.entries(parsed))
					if (v !== undefined && v !== null) out[k] = String(v);
			return out;
		} catch {
			return out;
		}
	}
	for (const [k, v] of new URLSearchParams(text)) if (!(k in out)) out[k] = v;
	return out;
}

/** @param {unknown} header @returns {{id: string, secret: string} | undefined} */
function basicCredentials(header) {
	const m = typeof header === 'string' ? /^\s*basic\s+(\S+)\s*$/i.exec(header) : null;
	if (!m) return undefined;
	const decoded = Buffer.from(m[1], 'base64').toString('utf8');
	const at = decoded.indexOf(':');
	if (at < 0) return undefined;
	// RFC 6749 2.3.1: both parts are form-urlencoded before Basic encoding.
	const dec = (/** @type {string} */ s) => {
		try {
			return decodeURIComponent(s.replace(/\+/g, ' '));
		} catch {
			return s;
		}
	};
	return { id: dec(decoded.slice(0, at)), secret: dec(decoded.slice(at + 1)) };
}

module.exports = { OAuthServer, SCOPES };
