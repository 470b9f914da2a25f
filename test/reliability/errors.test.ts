/**
 * Server errors and bodies that are not JSON, through n8n's real engine against the Cloze
 * simulator: a routed single request and a paginated list each end with a clear error (or an error
 * item with continueOnFail), never a crash; a list retries a 5xx page, a write is never retried.
 */
import { keyNeverLeaks, rl, run, useKeyedSimulator } from './helpers';

const sim = useKeyedSimulator();

const SERVER_ERROR = 'Cloze had a server error (HTTP 503)';
const NOT_JSON = 'Cloze answered with something that is not JSON';
const getPerson = { resource: 'person', operation: 'get', record: rl('email', 'jane@example.com') };
const getMany = { resource: 'person', operation: 'getAll', returnAll: true, simplify: false };

describe('a routed single request (People, Get)', () => {
	beforeEach(() => sim().seedPeople(1, { emails: [{ value: 'jane@example.com' }] }));

	it(
		'a 503 that lasts: a clear server error that says how to retry, ' +
			'after three tries of the read',
		async () => {
			sim().addFault({ path: '/v1/people/get', status: 503, times: Infinity, retryAfter: 0 });
			const result = await run(sim(), getPerson);
			expect(result.error?.message).toBe(SERVER_ERROR);
			expect(result.error?.description).toContain("'Retry On Fail'");
			expect(result.error?.httpCode).toBe('503');
			expect(result.json).toEqual([]);
			expect(sim().requests).toHaveLength(3);
		},
	);

	it('HTTP 200 with a body that is not JSON: a clear error', async () => {
		sim().addFault({ path: '/v1/people/get', malformed: true });
		const result = await run(sim(), getPerson);
		expect(result.error?.message).toBe(NOT_JSON);
		expect(result.error?.description).toContain('could not be read as JSON');
		expect(result.json).toEqual([]);
	});

	it(
		'with continueOnFail: ' + 'the two failed items become error items, the third still comes',
		async () => {
			// A 403 (a 5xx would be retried: reads are tried up to three times).
			sim().addFault({ path: '/v1/people/get', after: 1, status: 403 });
			sim().addFault({ path: '/v1/people/get', after: 2, malformed: true });
			const input = [{ n: 1 }, { n: 2 }, { n: 3 }];
			const result = await run(sim(), getPerson, { input, continueOnFail: true });
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(3);
			// n8n sends the items' requests at once: which item met which fault is not fixed, but one
			// item succeeds and the two others carry the two errors.
			const errors = result.items.filter((item) => item.error).map((item) => item.json.error);
			expect(errors.sort()).toEqual(['Cloze refused access (HTTP 403)', NOT_JSON].sort());
			expect(result.items.filter((item) => !item.error).map((item) => item.json.emails)).toEqual([
				['jane@example.com'],
			]);
		},
	);
});

describe('a paginated list (People, Get Many, Return All over 2,500)', () => {
	beforeEach(() => sim().seedPeople(2_500));

	it('a 503 once on page 2: the page is asked again and the list completes', async () => {
		sim().addFault({ path: '/v1/people/find', after: 1, status: 503, retryAfter: 0 });
		const result = await run(sim(), getMany);
		expect(result.error).toBeUndefined();
		expect(sim().requests.map((request) => [request.query.pagenumber, request.status])).toEqual([
			['1', 200],
			['2', 503],
			['2', 200],
			['3', 200],
		]);
		expect(new Set(result.json.map((record) => record.direct)).size).toBe(2_500);
	});

	it(
		'a 503 that lasts on page 2: ' + 'a clear server error after three tries, and no items',
		async () => {
			sim().addFault({ path: '/v1/people/find', after: 1, times: 0, status: 503, retryAfter: 0 });
			const result = await run(sim(), getMany);
			expect(result.error?.message).toBe(SERVER_ERROR);
			expect(result.json).toEqual([]);
			expect(sim().requests.map((request) => request.status)).toEqual([200, 503, 503, 503]);
		},
	);

	it(
		'page 2 not JSON: a clear error at once (a body ' +
			'that is not JSON is not retried), and no items',
		async () => {
			sim().addFault({ path: '/v1/people/find', after: 1, malformed: true });
			const result = await run(sim(), getMany);
			expect(result.error?.message).toBe(NOT_JSON);
			expect(result.json).toEqual([]);
			expect(sim().requests).toHaveLength(2);
		},
	);

	it('with continueOnFail: the error becomes the one error item', async () => {
		sim().addFault({ path: '/v1/people/find', after: 1, times: 0, status: 503, retryAfter: 0 });
		const result = await run(sim(), getMany, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({ error: SERVER_ERROR });
	});
});

describe('a write (People, Create)', () => {
	it('a 500: a clear server error, and the write is not sent twice', async () => {
		sim().addFault({ path: '/v1/people/create', status: 500 });
		const result = await run(sim(), {
			resource: 'person',
			operation: 'create',
			identifyBy: 'email',
			email: 'jane@example.com',
		});
		expect(result.error?.message).toBe('Cloze had a server error (HTTP 500)');
		expect(sim().requests).toHaveLength(1);
		expect(sim().store.people).toHaveLength(0);
	});
});

keyNeverLeaks(sim);
