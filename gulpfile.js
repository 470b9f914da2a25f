'use strict';
// The half of the build that `n8n-node build` leaves to us. n8n-node build empties dist/, compiles
// with tsc (tsconfig.json) and copies every .png and .svg of the tree (and __schema__ JSON) into
// dist/ at the same path. Two things it does not do:
// - `build:codex`: the nodes' codex files (nodes/<Node>/<Node>.node.json: categories, aliases,
//   documentation links) go next to the compiled nodes; n8n reads a node's codex from beside its
//   .node.js, and neither tsc (tsconfig.json compiles TypeScript only) nor n8n-node build copies
//   them. `npm run dev` runs it too: `n8n-node dev` only watches tsc.
// - `build:prune`: dist/ holds only the package (the folders below); n8n-node build's copy of
//   every image also takes the README's screenshots (docs/*.png) into dist/docs, which would ship.
//   Source maps go too: they point at TypeScript sources the package does not ship (half the
//   tarball).
const { readdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { src, dest, series } = require('gulp');

const PACKAGE_FOLDERS = ['credentials', 'icons', 'nodes'];

function buildCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

function prune(done) {
	for (const entry of readdirSync('dist')) {
		if (!PACKAGE_FOLDERS.includes(entry))
			rmSync(join('dist', entry), { recursive: true, force: true });
	}
	for (const file of readdirSync('dist', { recursive: true }).map(String)) {
		if (file.endsWith('.map')) rmSync(join('dist', file));
	}
	done();
}

exports['build:codex'] = buildCodex;
exports['build:prune'] = prune;
exports['build:assets'] = series(buildCodex, prune);
