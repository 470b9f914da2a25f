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

function read() {
	try {
		return fs.readFileSync(FILE, 'utf8');
	} catch {
		return '';
	}
}

/** The real-n8n section of a RESULTS.md text (markers included), or ''. */
function n8nSection(text) {
	const start = text.indexOf(START);
	const end = text.indexOf(END, start);
	return start >= 0 && end > start ? text.slice(start, end + END.length) : '';
}

/** `npm run bench`: writes the engine part, keeping the real-n8n section of the file. */
function writeEngineResults(engineText) {
	const kept = n8nSection(read());
	fs.writeFileSync(FILE, kept ? `${engineText.trimEnd()}\n\n${kept}\n` : engineText);
}

/** `npm run bench:n8n`: writes (or replaces) the real-n8n section, keeping the rest of the file. */
function writeN8nResults(sectionText) {
	const text = read();
	const old = n8nSection(text);
	const block = `${START}\n${sectionText.trim()}\n${END}`;
	const rest = old ? text.replace(old, '').trimEnd() : text.trimEnd();
	fs.writeFileSync(FILE, `${rest ? `${rest}\n\n` : ''}${block}\n`);
}

module.exports = { FILE, writeEngineResults, writeN8nResults };
