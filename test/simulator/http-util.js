'use strict';

/**
 * The one place where HTTP answers are written, plus small request helpers.
 */

const { invalid } = require('./errors');

/**
 * Write a JSON answer.
 * @param {import('http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function sendJson(res, status, body, headers = {}) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

/**
 * Write a raw (non-JSON) answer.
 * @param {import('http').ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {string} contentType
 * @param {Record<string, string>} [headers]
 */
function sendText(res, status, text, contentType, headers = {}) {
	res.writeHead(status, {
		'Content-Type': contentType,
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

/**
 * Read the whole request body as text.
 * @param {import('http').IncomingMessage} req
 * @returns {Promise<string>}
 */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/**
 * Query string to a plain object; a repeated name becomes an array.
 * @param {URLSearchParams} params
 * @returns {Record<string, string | string[]>}
 */
function queryObject(params) {
	/** @type {Record<string, string | string[]>} */
	const out = {};
	for (const [k, v] of params) {
		const prev = out[k];
		if (prev === undefined) out[k] = v;
		else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
	}
	return out;
}

/**
 * First value of a query parameter (or body field given as string).
 * @param {unknown} v
 * @returns {string | undefined}
 */
function str(v) {
	if (Array.isArray(v)) v = v[0];
	if (v === undefined || v === null) return undefined;
	return String(v);
}

/**
 * Boolean query parameter: true/1/yes, false/0/no; anything else is invalid.
 * @param {Record<string, unknown>} q
 * @param {string} name
 * @param {boolean} [dflt]
 */
function boolParam(q, name, dflt = false) {
	const v = str(q[name]);
	if (v === undefined || v === '') return dflt;
	const l = v.toLowerCase();
	if (l === 'true' || l === '1' || l === 'yes') return true;
	if (l === 'false' || l === '0' || l === 'no') return false;
	throw invalid(`Invalid value for ${name}: ${v} (expected true or false)`);
}

/**
 * Integer query parameter with bounds.
 * @param {Record<string, unknown>} q
 * @param {string} name
 * @param {number} dflt
 * @param {number} min
 * @param {number} max
 */
function intParam(q, name, dflt, min, max) {
	const v = str(q[name]);
	if (v === undefined || v === '') return dflt;
	if (!/^-?\d+$/.test(v.trim()))
		throw invalid(`Invalid value for ${name}: ${v} (expected an integer)`);
	const n = Number(v);
	if (n < min) throw invalid(`${name} must be at least ${min}`);
	if (n > max) throw invalid(`${name} must be at most ${max}`);
	return n;
}

/** base64url of a JSON value (cursors, page tokens). @param {unknown} v */
const encodeToken = (v) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

/**
 * Inverse of encodeToken; undefined when the token is not ours.
 * @param {string} token
 * @returns {any}
 */
function decodeToken(token) {
	try {
		if (!/^[A-Za-z0-9_-]+={0,2}$/.test(token)) return undefined;
		const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
		return v && typeof v === 'object' ? v : undefined;
	} catch {
		return undefined;
	}
}

/** Deep copy of JSON data. @template T @param {T} v @returns {T} */
const clone = (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

/** @param {unknown} v @returns {v is Record<string, any>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

module.exports = {
	sendJson,
	sendText,
	readBody,
	queryObject,
	str,
	boolParam,
	intParam,
	encodeToken,
	decodeToken,
	clone,
	isObject,
};
