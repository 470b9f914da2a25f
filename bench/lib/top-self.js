'use strict';
/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and prints the functions with the most self time, and
 * the total time of functions whose names match arguments (inclusive). Usage:
 *   node bench/lib/top-self.js <file.cpuprofile> [count] [name...]
 */
const { readFileSync } = require('node:fs');

const [file, countText = '40', ...rest] = process.argv.slice(2);
// --window=<from>-<to> (microseconds of the monotonic clock, as process.hrtime): only samples in
// it.
const windowArg = rest.find((arg) => arg.startsWith('--window='));
const names = rest.filter((arg) => arg !== windowArg);
const [from, to] = windowArg ? windowArg.slice(9).split('-').map(Number) : [-Infinity, Infinity];
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const dt = profile.timeDeltas;
let at = profile.startTime;
for (let index = 0; index < profile.samples.length; index++) {
	at += dt[index] ?? 0;
	if (at < from || at > to) continue;
	const id = profile.samples[index];
	self.set(id, (self.get(id) ?? 0) + (dt[index] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const key = (node) => {
	const { functionName, url, lineNumber } = node.callFrame;
	const where = url.replace(/^.*node_modules\//, '').replace(/^.*\/(nodes|test|bench)\//, '$1/');
	return `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
};
const grouped = new Map();
for (const [id, time] of self)
	grouped.set(key(byId.get(id)), (grouped.get(key(byId.get(id))) ?? 0) + time);
console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
for (const [name, time] of [...grouped].sort((a, b) => b[1] - a[1]).slice(0, Number(countText))) {
	console.log(
		`${(time / 1000).toFixed(1).padStart(9)} ms ` +
			`${((100 * time) / total).toFixed(1).padStart(5)}%  ${name}`,
	);
}
// Inclusive time of named functions (each sample counted once per name, however deep the
// recursion).
if (names.length) {
	const parent = new Map();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const inclusive = new Map(names.map((name) => [name, 0]));
	for (const [id, time] of self) {
		const hit = new Set();
		for (let at = id; at !== undefined; at = parent.get(at)) {
			const fn = byId.get(at).callFrame.functionName;
			if (inclusive.has(fn)) hit.add(fn);
		}
		for (const fn of hit) inclusive.set(fn, inclusive.get(fn) + time);
	}
	console.log('inclusive:');
	for (const [name, time] of inclusive)
		console.log(
			`${(time / 1000).toFixed(1).padStart(9)} ms ` +
				`${((100 * time) / total).toFixed(1).padStart(5)}%  ${name}`,
		);
}
