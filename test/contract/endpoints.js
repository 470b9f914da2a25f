'use strict';

/**
 * THE list of the Cloze API's endpoints, "METHOD /path" each: test/contract/endpoints.txt, derived
 * from Cloze's schema with the contract (`npm run contract:derive`). The simulator test, the
 * contract test, the node test (test/release/endpoints.test.ts) and the README check read it from
 * here; no other file states how many there are.
 */
const fs = require('fs');
const path = require('path');

const ENDPOINTS = fs
	.readFileSync(path.join(__dirname, 'endpoints.txt'), 'utf8')
	.split('\n')
	.map((line) => line.trim())
	.filter(Boolean);

module.exports = { ENDPOINTS };
