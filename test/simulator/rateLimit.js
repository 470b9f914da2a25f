'use strict';

/**
 * Token-bucket rate limiter for API requests (a switch; off by default), as a gateway in front of
 * Cloze would apply it: `perSecond` tokens a second, a bucket of `burst` tokens (default: one
 * second's worth). A request that finds no token is answered HTTP 429 with `Retry-After` (whole
 * seconds until a token is there, at least 1) and is not processed. It also counts what it saw:
 * requests admitted, 429s, and the largest number of API requests in flight at once.
 *
 *   startSimulator({ rateLimit: { perSecond: 20, burst?: 20 } })
 *   sim.rateLimit.configure({ perSecond: 50 }) | sim.rateLimit.configure(null)   // on / off
 *   sim.rateLimit.stats()  -> { perSecond, burst, admitted, limited, inFlight, maxInFlight }
 *   control: GET /__sim/rate-limit (stats), POST /__sim/rate-limit {perSecond, burst} | null (off)
 */
class RateLimiter {
	/** @param {{perSecond: number, burst?: number} | null | undefined} [config] */
	constructor(config) {
		this.inFlight = 0;
		this.maxInFlight = 0;
		this.configure(config);
	}

	/** @param {{perSecond: number, burst?: number} | null | undefined} config */
	configure(config) {
		if (config !== null && config !== undefined) {
			if (!(typeof config.perSecond === 'number' && config.perSecond > 0)) {
				throw new TypeError('rateLimit.perSecond must be a positive number');
			}
			if (config.burst !== undefined && !(typeof config.burst === 'number' && config.burst >= 1)) {
				throw new TypeError('rateLimit.burst must be a number >= 1');
			}
		}
		this.perSecond = config ? config.perSecond : 0;
		this.burst = config ? (config.burst ?? Math.max(1, config.perSecond)) : 0;
		this.tokens = this.burst;
		this.refilledAt = Date.now();
		this.admitted = 0;
		this.limited = 0;
		this.maxInFlight = this.inFlight;
	}

	get enabled() {
		return this.perSecond > 0;
	}

	/** Takes a token: undefined when the request may pass, else the Retry-After seconds. */
	take() {
		if (!this.enabled) return undefined;
		const now = Date.now();
		this.tokens = Math.min(
			this.burst,
			this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond,
		);
		this.refilledAt = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			this.admitted++;
			return undefined;
		}
		this.limited++;
		return Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
	}

	/**
	 * Counts a request in flight until its response is finished.
	 * @param {import('http').ServerResponse} res
	 */
	track(res) {
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			this.inFlight--;
		};
		res.on('finish', finish);
		res.on('close', finish);
	}

	stats() {
		return {
			perSecond: this.perSecond,
			burst: this.burst,
			admitted: this.admitted,
			limited: this.limited,
			inFlight: this.inFlight,
			maxInFlight: this.maxInFlight,
		};
	}
}

module.exports = { RateLimiter };
