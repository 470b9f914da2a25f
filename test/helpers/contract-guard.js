'use strict';
/* eslint-env jest */
/**
 * jest `setupFilesAfterEnv`: a test during which a simulator of this test file recorded a request
 * outside the Cloze contract (test/contract/cloze-contract.json) fails, with the violations
 * listed. Violations a test took with `sim.acceptViolations()` (tests of rejected requests) and
 * simulators started with `expectViolations: true` are skipped. Violations recorded in
 * beforeAll/afterAll hooks fail the file's afterAll.
 *
 * The simulator module is required here from the test file's own module registry, so the
 * INSTANCES it sees are the simulators that test file started.
 */
const { INSTANCES } = require('../simulator');

/** @type {WeakMap<object, number>} how many violations of each simulator were already reported */
const reported = new WeakMap();

function unreported() {
	/** @type {string[]} */
	const lines = [];
	for (const sim of INSTANCES) {
		const all = sim.violations;
		const from = reported.get(sim) || 0;
		reported.set(sim, all.length);
		if (sim.options.expectViolations) continue;
		for (const v of all.slice(from))
			if (!v.expected) lines.push(`  ${v.operation}  ${v.at}  [${v.rule}] ${v.message}`);
	}
	return lines;
}

function check(when) {
	const lines = unreported();
	if (lines.length) {
		throw new Error(
			`${lines.length} request(s) outside the Cloze contract (${when}):\n${lines.join('\n')}\n` +
				'Fix the request, or, in a test of a rejected request only, start the simulator ' +
				'with { expectViolations: true }.',
		);
	}
}

afterEach(() => check('during this test'));
afterAll(() => check('in beforeAll/afterAll hooks'));
