/**
 * The built Cloze node routes every endpoint of the Cloze API (test/contract/endpoints.txt, the one
 * list, derived from Cloze's schema by scripts/derive-contract.js): each operation's
 * `routing.request` (method + url) is collected from dist/, and a url that names a parameter
 * (`{{ $parameter.x }}`) stands for each of x's options. The README states the number of that list.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../contract/endpoints';

const built = join(__dirname, '..', '..', 'dist', 'nodes', 'Cloze', 'Cloze.node.js');

function routedEndpoints(properties: INodeProperties[]): Set<string> {
	const byName = new Map(properties.map((property) => [property.name, property]));
	const found = new Set<string>();
	const visit = (node: unknown) => {
		if (Array.isArray(node)) return node.forEach(visit);
		if (!node || typeof node !== 'object') return;
		const request = (node as { routing?: { request?: IDataObject } }).routing?.request;
		if (request?.url) {
			const method = String(request.method ?? 'GET');
			const url = String(request.url);
			const named = /\{\{\s*\$parameter\.(\w+)\s*\}\}/.exec(url);
			if (named) {
				for (const option of (byName.get(named[1])?.options ?? []) as Array<{ value: string }>) {
					found.add(`${method} ${url.replace(/^=/, '').replace(named[0], option.value)}`);
				}
			} else {
				found.add(`${method} ${url}`);
			}
		}
		for (const key of ['options', 'values']) visit((node as IDataObject)[key]);
	};
	visit(properties);
	return found;
}

test('the built Cloze node routes every endpoint of the Cloze API reference, and no other', () => {
	expect(existsSync(built)).toBe(true); // `npm run build` comes before `npm test`
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Cloze } = require(built);
	const routed = routedEndpoints(new Cloze().description.properties);
	expect(ENDPOINTS.length).toBeGreaterThan(0);
	expect([...routed].sort()).toEqual([...ENDPOINTS].sort());
});

test('the README states the number of endpoints of endpoints.txt, and states it once', () => {
	const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
	const stated = [...readme.matchAll(/(\d+) endpoints/g)].map((match) => Number(match[1]));
	expect(stated).toEqual([ENDPOINTS.length]);
});
