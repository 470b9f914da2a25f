/**
 * Get Changes (`feed`) of people, companies and projects through n8n's real engine against the
 * Cloze simulator: the first call with the filters, then only the cursor until an empty page;
 * Return All and Limit; audited changes; the cursor every item carries, and resuming from it.
 */
import { simplifyRecord } from '../../nodes/shared/records';
import { requests, run, useSimulator } from '../helpers/harness';

const sim = useSimulator();

const getChanges = (resource: string, parameters: Record<string, unknown> = {}) => ({
	resource,
	operation: 'getChanges',
	...parameters,
});

describe('Following the cursor', () => {
	it(
		'Return All: filters and pages of 1,000 first, then only the cursor until caught up (no ' +
			'4th request for an empty page); no record twice',
		async () => {
			const seeded = sim().seedPeople(2500);
			const result = await run(sim(), getChanges('person', { returnAll: true, simplify: false }));
			expect(result.error).toBeUndefined();
			const logged = requests(sim());
			expect(logged.map((request) => request.path)).toEqual(Array(3).fill('/v1/people/feed'));
			expect(logged[0].query).toEqual({ scope: 'local', pagesize: '1000' });
			for (const later of logged.slice(1)) expect(Object.keys(later.query)).toEqual(['cursor']);
			const cursors = logged.slice(1).map((request) => request.query.cursor);
			expect(new Set(cursors).size).toBe(2);
			const directs = result.json.map((item) => item.direct);
			expect(directs).toHaveLength(2500);
			expect(new Set(directs).size).toBe(2500);
			expect(directs).toEqual(seeded.map((record: { direct: string }) => record.direct));
			const { cursor, ...first } = result.json[0];
			expect(first).toEqual(seeded[0]);
			expect(typeof cursor).toBe('string');
			expect(result.json.every((item) => item.cursor === cursor)).toBe(true);
		},
	);

	it(
		'Limit 50: one request of 50; ' + 'running again from the cursor goes on with the next 50',
		async () => {
			const seeded = sim().seedCompanies(120);
			const first = await run(sim(), getChanges('company'));
			expect(requests(sim()).map((request) => request.query)).toEqual([
				{ scope: 'local', pagesize: '50' },
			]);
			expect(first.json.map((item) => item.direct)).toEqual(
				seeded.slice(0, 50).map((record: { direct: string }) => record.direct),
			);
			expect(first.json[0]).toEqual({ ...simplifyRecord(seeded[0]), cursor: first.json[0].cursor });
			sim().clearLog();
			const next = await run(sim(), getChanges('company', { cursor: first.json[49].cursor }));
			expect(requests(sim()).map((request) => request.query)).toEqual([
				{ cursor: first.json[49].cursor },
			]);
			expect(next.json.map((item) => item.direct)).toEqual(
				seeded.slice(50, 100).map((record: { direct: string }) => record.direct),
			);
		},
	);

	it('Limit 1,200 over 2,500: two requests, 1,200 records', async () => {
		sim().seedProjects(2500);
		const result = await run(sim(), getChanges('project', { limit: 1200 }));
		expect(requests(sim()).map((request) => request.query.pagesize ?? 'cursor')).toEqual([
			'600',
			'cursor',
		]);
		expect(result.json).toHaveLength(1200);
		expect(new Set(result.json.map((item) => item.direct)).size).toBe(1200);
	});

	it(
		'a Limit that cuts a page returns the cursor of that page: ' + 'resuming repeats, never skips',
		async () => {
			const seeded = sim().seedPeople(30);
			const first = await run(sim(), getChanges('person', { cursor: '', limit: 10 }));
			const resumed = await run(
				sim(),
				getChanges('person', { cursor: first.json[0].cursor, limit: 4 }),
			);
			const again = await run(
				sim(),
				getChanges('person', { cursor: resumed.json[0].cursor, limit: 50 }),
			);
			const directs = (items: Array<Record<string, unknown>>) => items.map((item) => item.direct);
			expect(directs(first.json)).toEqual(
				seeded.slice(0, 10).map((record: { direct: string }) => record.direct),
			);
			// The cursor holds the page size of the first run (10): a Limit of 4 cuts its page.
			expect(directs(resumed.json)).toEqual(
				seeded.slice(10, 14).map((record: { direct: string }) => record.direct),
			);
			expect(directs(again.json)).toEqual(
				seeded.slice(10, 30).map((record: { direct: string }) => record.direct),
			);
		},
	);

	it('a quiet stream gives no items', async () => {
		const result = await run(sim(), getChanges('person', { returnAll: true }));
		expect(requests(sim()).map((request) => request.query)).toEqual([
			{ scope: 'local', pagesize: '1000' },
		]);
		expect(result.json).toEqual([]);
	});
});

describe('Filters and audited changes', () => {
	it('filters the companies feed by step (the reference names it for companies only)', async () => {
		await run(sim(), getChanges('company', { filters: { step: 's-00001' }, scope: 'default' }));
		expect(requests(sim())[0].query).toEqual({ step: 's-00001', pagesize: '50' });
		// The companies feed's own description names step among its filters (the contract adds it).
		expect(sim().violations).toEqual([]);
		await run(sim(), getChanges('person', { filters: { step: 's-00001' } }));
		expect(requests(sim())[1].query).toEqual({ scope: 'local', pagesize: '50' });
	});

	it('sends the filters on the first call only', async () => {
		sim().seedPeople(2, { segment: 'customer', stage: 'lead', shareTo: 'team' });
		sim().seedPeople(2, { segment: 'partner' });
		const since = new Date(Date.now() - 3_600_000).toISOString();
		const result = await run(
			sim(),
			getChanges('person', {
				returnAll: true,
				scope: 'team',
				includeAuditedChanges: true,
				filters: { query: 'example.com', segment: 'customer', stage: 'lead', modifiedAfter: since },
				options: { keysOnly: true },
			}),
		);
		expect(result.error).toBeUndefined();
		const [firstCall, ...later] = requests(sim());
		expect(firstCall.query).toEqual({
			scope: 'team',
			includeauditedchanges: 'true',
			modifiedafter: String(Date.parse(since)),
			freeformquery: 'example.com',
			segment: 'customer',
			stage: 'lead',
			keysonly: 'true',
			pagesize: '1000',
		});
		expect(later).toEqual([]);
		expect(result.json).toHaveLength(2);
		expect(Object.keys(result.json[0].person as object).sort()).toEqual([
			'direct',
			'lastChanged',
			'name',
		]);
	});

	it(
		'with audited changes each item carries the record and its changes; ' +
			'a cursor resumes after a change',
		async () => {
			const [abby] = sim().seedPeople(1, {
				name: 'Abby Vine',
				emails: [{ value: 'abby@example.com' }],
				segment: 'customer',
				stage: 'lead',
			});
			sim().seedPeople(1);
			const first = await run(
				sim(),
				getChanges('person', { returnAll: true, includeAuditedChanges: true }),
			);
			expect(first.json).toHaveLength(2);
			expect(first.json[0]).toEqual({
				person: simplifyRecord(abby),
				changes: {
					segment: { before: 'none', after: 'customer' },
					stage: { before: 'none', after: 'lead' },
					_since: 0,
				},
				cursor: first.json[0].cursor,
			});
			sim().changeRelation('person', 'abby@example.com', { stage: 'current' });
			sim().clearLog();
			const next = await run(
				sim(),
				getChanges('person', { returnAll: true, cursor: first.json[0].cursor, simplify: false }),
			);
			expect(requests(sim()).map((request) => Object.keys(request.query))).toEqual([['cursor']]);
			expect(next.json).toHaveLength(1);
			expect(next.json[0].person).toMatchObject({ direct: abby.direct, stage: 'current' });
			expect(next.json[0].changes).toMatchObject({ stage: { before: 'lead', after: 'current' } });
		},
	);

	it("refuses an invalid cursor with Cloze's message", async () => {
		const result = await run(sim(), getChanges('company', { cursor: 'not-a-cursor' }));
		expect(result.error?.message).toBe('Cloze error 6: Invalid cursor');
	});
});
