'use strict';

/**
 * Fault injection for API requests (never for /__sim/ control requests).
 *
 * A fault: {
 *   method?:     'GET' | 'POST' | ...        (any when absent)
 *   path?:       '/v1/people/find'           exact path; a trailing '*' makes it a prefix;
 *                                            a RegExp in-process (any when absent)
 *   after?:      number   let the first N matching requests through untouched (default 0)
 *   times?:      number   how many requests to hit once active (default 1; Infinity allowed
 *                         in-process, 0 or -1 over HTTP means unlimited)
 *   status?:     number   answer this HTTP status with {"errorcode": status, "message": ...}
 *   retryAfter?: number   seconds, sets the Retry-After header (with status)
 *   headers?:    object   more response headers (with status), e.g. {'X-RateLimit-Reset': '2'}
 *   malformed?:  true     answer HTTP 200 with a body that is not JSON
 *   body?:       any      with status: answer this JSON body instead of the default
 *   latencyMs?:  number   wait this long first; alone, the request is then handled normally
 * }
 * Faults apply before routing and authentication (like a gateway / rate limiter would).
 * Several faults may match; the first active one (in insertion order) applies.
 */

/**
 * @typedef {object} Fault
 * @property {string} [method]
 * @property {string | RegExp} [path]
 * @property {number} [after]
 * @property {number} [times]
 * @property {number} [status]
 * @property {number} [retryAfter]
 * @property {Record<string, string>} [headers]
 * @property {boolean} [malformed]
 * @property {unknown} [body]
 * @property {number} [latencyMs]
 */

const STATUS_TEXT = /** @type {Record<number, string>} */ ({
	429: 'Rate limit exceeded',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
});

class Faults {
	constructor() {
		/** @type {Array<Fault & {id: number, seen: number, used: number}>} */
		this.list = [];
		this.nextId = 1;
	}

	/**
	 * @param {Fault} f
	 * @returns {number} fault id
	 */
	add(f) {
		if (!f || typeof f !== 'object') throw new TypeError('fault must be an object');
		if (
			f.status !== undefined &&
			(!Number.isInteger(f.status) || f.status < 100 || f.status > 599)
		) {
			throw new TypeError('fault.status must be an HTTP status code');
		}
		if (f.status === undefined && !f.malformed && !f.latencyMs) {
			throw new TypeError('fault needs status, malformed or latencyMs');
		}
		let times = f.times === undefined ? 1 : f.times;
		if (times === 0 || times === -1 || times === null) times = Infinity;
		const fault = {
			...f,
			method: f.method ? String(f.method).toUpperCase() : undefined,
			after: f.after || 0,
			times,
			id: this.nextId++,
			seen: 0,
			used: 0,
		};
		this.list.push(fault);
		return fault.id;
	}

	clear() {
		this.list = [];
	}

	/**
	 * The fault to apply to this request, if any (counts the request).
	 * @param {string} method
	 * @param {string} path
	 */
	match(method, path) {
		let chosen;
		for (const f of this.list) {
			if (f.method && f.method !== method) continue;
			if (f.path !== undefined && !pathMatches(f.path, path)) continue;
			f.seen++;
			if (
				chosen ||
				f.seen <= /** @type {number} */ (f.after) ||
				f.used >= /** @type {number} */ (f.times)
			)
				continue;
			f.used++;
			chosen = f;
		}
		return chosen;
	}
}

/** @param {string | RegExp} pattern @param {string} path */
function pathMatches(pattern, path) {
	if (pattern instanceof RegExp) return pattern.test(path);
	if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
	return pattern === path;
}

module.exports = { Faults, STATUS_TEXT };
