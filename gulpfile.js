'use strict';
// Build helpers: `clean` empties dist/ so nothing stale ships; `build:icons` copies the SVG icons
// and the nodes' codex files next to the compiled JavaScript.
const { rmSync } = require('node:fs');
const { src, dest, parallel } = require('gulp');

function clean(done) {
	rmSync('dist', { recursive: true, force: true });
	done();
}

function buildIcons() {
	return src('icons/*.svg', { encoding: false }).pipe(dest('dist/icons'));
}

function buildCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports.clean = clean;
exports['build:icons'] = parallel(buildIcons, buildCodex);
