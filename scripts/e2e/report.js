'use strict';
/*
 * The steps of one end-to-end run (a mode and an n8n version) and what became of each: shared by
 * the single-process suite (run.js) and the queue-mode suite (queue.js).
 */
const H = require('./harness');

const verbose = process.env.E2E_VERBOSE === '1';

class Report {
	/**
	 * @param {string} version the n8n version
	 * @param {string} [mode] 'single' (one n8n process, SQLite) or 'queue' (main, worker, webhook
	 * processor)
	 */
	constructor(version, mode = 'single') {
		this.version = version;
		this.mode = mode;
		this.steps = [];
		this.aborted = false;
		/** Every error message and answer text the suite saw (searched for secrets at the end). */
		this.seen = [];
	}

	log(msg) {
		process.stdout.write(
			`[n8n ${this.version}${this.mode === 'single' ? '' : ` ${this.mode}`}] ${msg}\n`,
		);
	}

	/** Runs one step; a failure is recorded (and, for `fatal` steps, ends the version's run). */
	async step(name, fn, { fatal = false } = {}) {
		if (this.aborted) {
			this.steps.push({ name, status: 'skip', detail: 'earlier fatal failure' });
			return undefined;
		}
		const t = Date.now();
		try {
			const value = await fn();
			const secs = ((Date.now() - t) / 1000).toFixed(1);
			this.steps.push({ name, status: 'pass', secs });
			this.log(`ok    ${name} (${secs} s)`);
			return value;
		} catch (e) {
			const secs = ((Date.now() - t) / 1000).toFixed(1);
			const detail = verbose ? e.stack || e.message : H.tail(e.message, 25);
			this.seen.push(String(e.stack || e.message));
			this.steps.push({ name, status: 'fail', secs, detail: e.message });
			this.log(`FAIL  ${name} (${secs} s)\n${indent(detail)}`);
			if (fatal) this.aborted = true;
			return undefined;
		}
	}

	skip(name, reason) {
		this.steps.push({ name, status: 'skip', detail: reason });
		this.log(`skip  ${name}: ${reason}`);
	}

	count(status) {
		return this.steps.filter((s) => s.status === status).length;
	}

	/**
	 * One line: `e2e <mode> <version>: PASS <passed>/<steps>` (FAIL when a step failed or none
	 * passed).
	 */
	summary() {
		const failed = this.count('fail') > 0 || this.count('pass') === 0;
		return (
			`e2e ${this.mode} ${this.version}: ${failed ? 'FAIL' : 'PASS'} ` +
			`${this.count('pass')}/${this.steps.length}`
		);
	}
}

function indent(text) {
	return String(text)
		.split('\n')
		.map((l) => `        ${l}`)
		.join('\n');
}

module.exports = { Report, indent };
