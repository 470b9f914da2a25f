'use strict';
/**
 * Run in a fresh `node`: loads every node and credential module of the staged package and creates
 * the class each exports (named after its file), as n8n does when it loads a community package.
 * n8n-workflow is loaded first and timed apart: n8n has it loaded already, so it is not a cost of
 * this package.
 * Prints one JSON line {workflowMs, packageMs, modules}.
 */
const { performance } = require('node:perf_hooks');

const modules = JSON.parse(process.argv[2]);
let started = performance.now();
require('n8n-workflow');
const workflowMs = performance.now() - started;
started = performance.now();
let classes = 0;
for (const path of modules) {
	const exported = require(path);
	// n8n creates the class named after the file (Cloze.node.js: Cloze); the module may export
	// functions besides it.
	const name = path.split('/').pop().split('.')[0];
	if (typeof exported[name] !== 'function') throw new Error(`${path} exports no class ${name}`);
	new exported[name]();
	classes++;
}
const packageMs = performance.now() - started;
process.stdout.write(
	`${JSON.stringify({ workflowMs, packageMs, modules: modules.length, classes })}\n`,
);
