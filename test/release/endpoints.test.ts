/**
 * The built Cloze node routes every endpoint of the Cloze API reference (../shared/spec/endpoints.txt,
 * kept here as the list of 43): each operation's `routing.request` (method + url) is collected from
 * dist/, and a url that names a parameter (`{{ $parameter.x }}`) stands for each of x's options.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

const ENDPOINTS = `
POST /v1/analytics/activity
POST /v1/analytics/funnel
POST /v1/analytics/leads
POST /v1/analytics/projects
POST /v1/analytics/teamactivity
GET /v1/analytics/teamactivity/update
GET /v1/team/members/list
POST /v1/team/members/update
GET /v1/team/nodes
GET /v1/team/roles
GET /v1/user/fields
GET /v1/user/profile
GET /v1/user/segments/people
GET /v1/user/segments/projects
GET /v1/user/stages/people
GET /v1/user/stages/projects
GET /v1/user/steps
GET /v1/user/views
POST /v1/projects/create
DELETE /v1/projects/delete
GET /v1/projects/feed
GET /v1/projects/find
GET /v1/projects/get
POST /v1/projects/update
POST /v1/people/create
DELETE /v1/people/delete
GET /v1/people/feed
GET /v1/people/find
GET /v1/people/get
POST /v1/people/update
POST /v1/companies/create
DELETE /v1/companies/delete
GET /v1/companies/feed
GET /v1/companies/find
GET /v1/companies/get
POST /v1/companies/update
GET /v1/messages/opens
POST /v1/timeline/communication/create
POST /v1/timeline/content/create
POST /v1/timeline/todo/create
GET /v1/webhooks
POST /v1/webhooks/subscribe
POST /v1/webhooks/unsubscribe
`
	.trim()
	.split('\n');

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

test('the built Cloze node routes all 43 endpoints of the Cloze API reference, and no other', () => {
	expect(existsSync(built)).toBe(true); // `npm run build` comes before `npm test`
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Cloze } = require(built);
	const routed = routedEndpoints(new Cloze().description.properties);
	expect(ENDPOINTS).toHaveLength(43);
	expect([...routed].sort()).toEqual([...ENDPOINTS].sort());
});
