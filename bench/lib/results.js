'use strict';
/**
 * bench/RESULTS.md holds two parts written by two commands: the engine benchmarks (`npm run bench`,
 * the whole file) and the real-n8n benchmark (`npm run bench:n8n`, one section between markers).
 * Each command rewrites its own part and keeps the other's.
 */
const fs = require('node:fs');
const path = require('node:path');

const FILE = path.join(__dirname, '..', 'RESULTS.md');
const START = '<!-- bench:n8n start (written by npm run bench:n8n) -->';
const END = '<!-- bench:n8n end -->';
const BULK_START = '<!-- bench:bulk start (written by npm run bench, bench/bulk.bench.ts) -->';
const BULK_END = '<!-- bench:bulk end -->';

function read() {
	try {
		return fs.readFileSync(FILE, 'utf8');
	} catch {
		return '';
	}
}

/** A marked section of a RESULTS.md text (markers included), or ''. */
function markedSection(text, start = START, end = END) {
	const from = text.indexOf(start);
	const to = text.indexOf(end, from);
	return from >= 0 && to > from ? text.slice(from, to + end.length) : '';
}

function n8nSection(text) {
	return markedSection(text);
}

/** `npm run bench`: writes the engine part, keeping the bulk and real-n8n sections of the file. */
function writeEngineResults(engineText) {
	const text = read();
	const kept = [markedSection(text, BULK_START, BULK_END), n8nSection(text)]
		.filter(Boolean)
		.join('\n\n');
	fs.writeFileSync(FILE, kept ? `${engineText.trimEnd()}\n\n${kept}\n` : engineText);
}

/** bench/bulk.bench.ts: writes (or replaces) the bulk-write section, before the real-n8n one. */
function writeBulkResults(sectionText) {
	const text = read();
	const block = `${BULK_START}\n${sectionText.trim()}\n${BULK_END}`;
	const old = markedSection(text, BULK_START, BULK_END);
	if (old) return void fs.writeFileSync(FILE, text.replace(old, block));
	const n8n = n8nSection(text);
	if (n8n) return void fs.writeFileSync(FILE, text.replace(n8n, `${block}\n\n${n8n}`));
	fs.writeFileSync(FILE, `${text.trimEnd()}\n\n${block}\n`);
}

/** `npm run bench:n8n`: writes (or replaces) the real-n8n section, keeping the rest of the file. */
function writeN8nResults(sectionText) {
	const text = read();
	const old = n8nSection(text);
	const block = `${START}\n${sectionText.trim()}\n${END}`;
	const rest = old ? text.replace(old, '').trimEnd() : text.trimEnd();
	fs.writeFileSync(FILE, `${rest ? `${rest}\n\n` : ''}${block}\n`);
}

module.exports = { FILE, writeEngineResults, writeN8nResults, writeBulkResults };
