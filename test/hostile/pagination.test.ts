/**
 * Issue 16.5: paginators that never give up. Servers that repeat full pages, alternate cursors or
 * answer `more: true` with new `next` URLs over the same records: each list stops at the first
 * page that brings nothing new or at a cursor/URL already followed; a list that would not end stops
 * with a clear error after 1,000 pages.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiKeyCredentials, runNode } from '../helpers/engine';
import { useHostile } from './servers';

const api = useHostile();

const people = (from: number, count: number): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({
		direct: `p${from + index}`,
		name: `Person ${from + index}`,
	}));
const run = async (parameters: IDataObject) =>
	await runNode({ parameters, credentials: apiKeyCredentials(api.url) });

describe('People > Get Many (page numbers)', () => {
	it(
		'a server that repeats the same full page: ' +
			'stops at the second page (nothing new); every record once',
		async () => {
			api.handle((request) => ({
				body: { errorcode: 0, people: people(0, Number(request.query.pagesize)) },
			}));
			const result = await run({
				resource: 'person',
				operation: 'getAll',
				returnAll: true,
				simplify: false,
			});
			expect(result.error).toBeUndefined();
			expect(api.requests.map((request) => request.query.pagenumber)).toEqual(['1', '2']);
			expect(result.json.map((record) => record.direct)).toEqual(
				people(0, 1000).map((record) => record.direct),
			);
		},
	);
});

describe('People > Get Changes (cursors)', () => {
	it(
		'a server that alternates two cursors over the same records: ' +
			'stops at the cursor already followed',
		async () => {
			api.handle((request) => ({
				body: {
					errorcode: 0,
					people: people(0, 10),
					cursor: request.query.cursor === 'A' ? 'B' : 'A',
				},
			}));
			const result = await run({
				resource: 'person',
				operation: 'getChanges',
				returnAll: true,
				simplify: false,
			});
			expect(result.error).toBeUndefined();
			expect(api.requests.map((request) => request.query.cursor)).toEqual([undefined, 'A', 'B']);
			expect(api.requests.length).toBeLessThanOrEqual(3);
		},
	);
});

describe('Timeline > Get Message Opens (`more` + `next`)', () => {
	const message = (id: number) => ({ id: `m${id}`, subject: `Message ${id}`, opens: [] });

	it(
		'Limit 50, `more: true` and a new `next` URL on every ' +
			'page over the same messages: 2 requests, not 40+',
		async () => {
			api.handle((_request, index) => ({
				body: {
					errorcode: 0,
					messages: [message(1), message(2)],
					more: true,
					next: `/v1/messages/opens?page=${index + 2}`,
				},
			}));
			const result = await run({
				resource: 'timeline',
				operation: 'getMessageOpens',
				returnAll: false,
				limit: 50,
			});
			expect(result.error).toBeUndefined();
			expect(result.json.map((json) => json.id)).toEqual(['m1', 'm2']);
			expect(api.requests).toHaveLength(2);
		},
	);

	it(
		'a list that never ends (a new message and a new `next` on every page): ' +
			'a clear error after 1,000 pages',
		async () => {
			api.handle((_request, index) => ({
				body: {
					errorcode: 0,
					messages: [message(index)],
					more: true,
					next: `/v1/messages/opens?page=${index + 2}`,
				},
			}));
			const result = await run({
				resource: 'timeline',
				operation: 'getMessageOpens',
				returnAll: true,
			});
			expect(result.error?.message).toBe('Cloze kept sending pages: stopped after 1000 pages');
			expect(api.requests).toHaveLength(1000);
		},
		60_000,
	);
});
