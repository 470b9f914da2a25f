/**
 * Rate limiting during Return All, through n8n's real engine against the Cloze simulator: a 429
 * with Retry-After in the middle of a list is waited out and the page asked again, and every record
 * comes exactly once; a page that keeps answering 429 ends the run with a clear rate-limit error.
 */
import { ids, keyNeverLeaks, run, useKeyedSimulator } from './helpers';

const sim = useKeyedSimulator();

const pagesOf = (path: string) =>
	sim()
		.requests.filter((request) => request.path === path)
		.map((request) => [request.query.pagenumber, request.status]);

describe('People, Get Many, Return All over 10,000 people (10 pages of 1,000)', () => {
	it(
		'a 429 with Retry-After: 1 on page 4: page 4 is asked again after the wait; 10,000 ' +
			'records, each once; 11 requests',
		async () => {
			const seeded = sim().seedPeople(10_000);
			sim().addFault({ path: '/v1/people/find', after: 3, status: 429, retryAfter: 1 });
			const result = await run(sim(), {
				resource: 'person',
				operation: 'getAll',
				returnAll: true,
				simplify: false,
			});

			expect(result.error).toBeUndefined();
			expect(sim().requests).toHaveLength(11);
			expect(pagesOf('/v1/people/find')).toEqual([
				['1', 200],
				['2', 200],
				['3', 200],
				['4', 429],
				['4', 200],
				['5', 200],
				['6', 200],
				['7', 200],
				['8', 200],
				['9', 200],
				['10', 200],
			]);
			// Retry-After was honoured: the second ask of page 4 came at least (about) a second later.
			const [refused, retried] = sim().requests.filter(
				(request) => request.query.pagenumber === '4',
			);
			expect(retried.time - refused.time).toBeGreaterThanOrEqual(900);

			const found = ids(result.json);
			expect(found).toHaveLength(10_000);
			expect(new Set(found).size).toBe(10_000);
			expect(found).toEqual(seeded.map((record) => record.direct));
		},
	);

	it(
		'429s that do not end on page 4: a clear error naming rate limiting and the setting ' +
			'after 8 tries, and no items',
		async () => {
			sim().seedPeople(10_000);
			sim().addFault({
				path: '/v1/people/find',
				after: 3,
				times: Infinity,
				status: 429,
				retryAfter: 0,
			});
			const result = await run(sim(), { resource: 'person', operation: 'getAll', returnAll: true });

			expect(result.error?.message).toBe('Cloze is rate limiting requests (HTTP 429)');
			expect(result.error?.description).toContain('Cloze asked to wait 0 s.');
			expect(result.error?.description).toContain("'Max Requests in Flight'");
			expect(result.json).toEqual([]);
			expect(pagesOf('/v1/people/find')).toEqual([
				['1', 200],
				['2', 200],
				['3', 200],
				...Array.from({ length: 8 }, () => ['4', 429]),
			]);
		},
	);
});

describe('the other Return All lists retry a rate-limited page the same way', () => {
	it(
		'People, Get Changes: the refused page is asked ' +
			'again with the same cursor; every record once',
		async () => {
			const seeded = sim().seedPeople(3_000);
			sim().addFault({ path: '/v1/people/feed', after: 1, status: 429, retryAfter: 0 });
			const result = await run(sim(), {
				resource: 'person',
				operation: 'getChanges',
				returnAll: true,
				simplify: false,
			});

			expect(result.error).toBeUndefined();
			const logged = sim().requests;
			expect(logged.map((request) => request.status)).toEqual([200, 429, 200, 200]);
			expect(logged[2].query).toEqual(logged[1].query);
			expect(Object.keys(logged[1].query)).toEqual(['cursor']);
			expect(ids(result.json)).toEqual(seeded.map((record) => record.direct));
		},
	);

	it(
		'Timeline, Get Message Opens: ' +
			'the refused page is asked again with the same next URL; every message once',
		async () => {
			const messages = sim().seedMessages(300);
			sim().addFault({ path: '/v1/messages/opens', after: 1, status: 429, retryAfter: 0 });
			const result = await run(sim(), {
				resource: 'timeline',
				operation: 'getMessageOpens',
				returnAll: true,
			});

			expect(result.error).toBeUndefined();
			const logged = sim().requests;
			expect(logged.map((request) => request.status)).toEqual([200, 429, 200, 200]);
			expect(logged[2].url).toBe(logged[1].url);
			expect(ids(result.json, 'message')).toEqual(messages.map((message) => message.id));
		},
	);
});

keyNeverLeaks(sim);
