'use strict';

/**
 * The one place for authentication.
 *
 * Accepted (as real Cloze does):
 *   - `Authorization: Bearer <api key>`        -> method 'bearer-api-key'
 *   - `Authorization: Bearer <oauth token>`    -> method 'bearer-oauth' (the fixed test token, or a
 *     live access token the OAuth server of oauth.js issued: an expired, revoked or unknown one
 *     answers 401 "Invalid token: access token is invalid")
 *   - query `api_key=<api key>`                -> method 'query-api-key'
 * The header wins when both are present. Choices where the reference is silent:
 *   - an Authorization header with another scheme (Basic ...) is ignored, as if absent;
 *   - an OAuth access token is only accepted as Bearer, never as `api_key`;
 *   - a wrong `api_key` value answers like a missing key (errorcode 1, "The API key was not
 *     found");
 *   - `user=<email>` (older clients) is accepted and ignored.
 */

const { ERR } = require('./errors');
const { str } = require('./http-util');

const NO_KEY = Object.freeze({ errorcode: ERR.NO_API_KEY, message: 'The API key was not found' });
const BAD_TOKEN = Object.freeze({ message: 'Invalid token: access token is invalid' });

/**
 * @typedef {{ ok: true, method: 'bearer-api-key' | 'bearer-oauth' | 'query-api-key' }
 *   | { ok: false, status: number, body: object }} AuthResult
 */

/**
 * @param {import('http').IncomingHttpHeaders} headers
 * @param {Record<string, unknown>} query
 * @param {{
 *   apiKey: string,
 *   oauthToken: string,
 *   oauth?: { useAccessToken(token: string): boolean },
 * }} creds
 * @returns {AuthResult}
 */
function authenticate(headers, query, creds) {
	const header = headers.authorization;
	const m = typeof header === 'string' ? /^\s*bearer(?:\s+(.*))?$/i.exec(header) : null;
	if (m) {
		const token = (m[1] || '').trim();
		if (token && token === creds.apiKey) return { ok: true, method: 'bearer-api-key' };
		if (token && token === creds.oauthToken) return { ok: true, method: 'bearer-oauth' };
		if (token && creds.oauth && creds.oauth.useAccessToken(token))
			return { ok: true, method: 'bearer-oauth' };
		return { ok: false, status: 401, body: { ...BAD_TOKEN } };
	}
	const key = str(query.api_key);
	if (key !== undefined && key === creds.apiKey) return { ok: true, method: 'query-api-key' };
	return { ok: false, status: 401, body: { ...NO_KEY } };
}

module.exports = { authenticate };
