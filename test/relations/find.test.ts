/**
 * Get Many (`find`) of people, companies and projects through n8n's real engine against the Cloze
 * simulator: every filter as Cloze's query parameter, Return All and Limit paging, Count Only, and
 * Simplify.
 */
import { simplifyRecord } from '../../nodes/shared/records';
import { calls, requests, run, useSimulator } from '../helpers/harness';

const sim = useSimulator();

const getMany = (resource: string, parameters: Record<string, unknown> = {}) => ({
	resource,
	operation: 'getAll',
	...parameters,
});

describe('Paging', () => {
	it('Return All over 2,500 people: 3 requests of 1,000, every record once, in order', async () => {
		const seeded = sim().seedPeople(2500);
		const result = await run(sim(), getMany('person', { returnAll: true, simplify: false }));
		expect(result.error).toBeUndefined();
		expect(requests(sim()).map((request) => [request.method, request.path, request.query])).toEqual(
			[
				['GET', '/v1/people/find', { scope: 'local', pagenumber: '1', pagesize: '1000' }],
				['GET', '/v1/people/find', { scope: 'local', pagenumber: '2', pagesize: '1000' }],
				['GET', '/v1/people/find', { scope: 'local', pagenumber: '3', pagesize: '1000' }],
			],
		);
		expect(result.json).toHaveLength(2500);
		expect(result.json.map((record) => record.direct)).toEqual(
			seeded.map((record: { direct: string }) => record.direct),
		);
	});

	it('Limit 50 (the default): one request for exactly 50', async () => {
		sim().seedCompanies(120);
		const result = await run(sim(), getMany('company'));
		expect(requests(sim()).map((request) => request.query)).toEqual([
			{ scope: 'local', pagenumber: '1', pagesize: '50' },
		]);
		expect(result.json).toHaveLength(50);
	});

	it('Limit 1,200 over 2,500: two requests, 1,200 records, no page past the limit', async () => {
		const seeded = sim().seedProjects(2500);
		const result = await run(sim(), getMany('project', { limit: 1200, simplify: false }));
		expect(
			requests(sim()).map((request) => [
				request.path,
				request.query.pagenumber,
				request.query.pagesize,
			]),
		).toEqual([
			['/v1/projects/find', '1', '600'],
			['/v1/projects/find', '2', '600'],
		]);
		expect(result.json.map((record) => record.direct)).toEqual(
			seeded.slice(0, 1200).map((record: { direct: string }) => record.direct),
		);
	});

	it('stops at a short page', async () => {
		sim().seedPeople(30);
		const result = await run(sim(), getMany('person', { returnAll: true }));
		expect(calls(sim())).toEqual(['GET /v1/people/find']);
		expect(result.json).toHaveLength(30);
	});
});

describe('Filters', () => {
	it('sends every filter of people under its Cloze name', async () => {
		sim().seedPeople(3, {
			segment: 'customer',
			stage: 'lead',
			step: 's-00001',
			assignee: 'dave@incfire.com',
			shareTo: 'team',
			node: '/US/West/CA',
		});
		sim().seedPeople(2, { segment: 'partner' });
		const result = await run(
			sim(),
			getMany('person', {
				limit: 10,
				scope: 'hierarchy',
				hierarchyPath: '/US/West',
				hierarchyAndBelow: true,
				filters: {
					query: 'vine',
					segment: 'customer',
					stage: 'lead',
					step: 's-00001',
					assigned: true,
					assignee: 'dave@incfire.com',
				},
				options: { sort: 'lasttalked', group: 'stage' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(requests(sim())[0].query).toEqual({
			scope: 'hierarchy:/US/West/*',
			freeformquery: 'vine',
			segment: 'customer',
			stage: 'lead',
			step: 's-00001',
			assigned: 'true',
			assignee: 'dave@incfire.com',
			sort: 'lasttalked',
			group: 'stage',
			pagenumber: '1',
			pagesize: '10',
		});
	});

	it('finds by segment and stage: only the matching records come out', async () => {
		const customers = sim().seedPeople(3, { segment: 'customer', stage: 'lead' });
		sim().seedPeople(4, { segment: 'partner', stage: 'lead' });
		const result = await run(
			sim(),
			getMany('person', { filters: { segment: 'customer', stage: 'lead' }, simplify: false }),
		);
		expect(result.json).toEqual(customers);
	});

	it('sends the project filters: collaborator and hide lost/done; unassigned only', async () => {
		sim().seedProjects(2, { stage: 'won' });
		const open = sim().seedProjects(2, { stage: 'current' });
		const result = await run(
			sim(),
			getMany('project', {
				scope: 'team',
				filters: { collaborator: 'carla@incfire.com', hideLostDone: true, assigned: false },
			}),
		);
		expect(requests(sim())[0].query).toEqual({
			scope: 'team',
			collaborator: 'carla@incfire.com',
			hidelostdone: 'true',
			assigned: 'false',
			pagenumber: '1',
			pagesize: '50',
		});
		expect(result.json).toEqual([]);
		const notLost = await run(
			sim(),
			getMany('project', { filters: { hideLostDone: true }, simplify: false }),
		);
		expect(notLost.json).toEqual(open);
	});

	it('a hierarchy position without "and below"', async () => {
		await run(
			sim(),
			getMany('company', {
				scope: 'hierarchy',
				hierarchyPath: 'US/East/',
				hierarchyAndBelow: false,
			}),
		);
		expect(requests(sim())[0].query.scope).toBe('hierarchy:/US/East');
	});

	it(
		'the whole hierarchy ("/" and below) ' + 'is hierarchy:/*; Cloze Default sends no scope',
		async () => {
			await run(
				sim(),
				getMany('company', { scope: 'hierarchy', hierarchyPath: '/', hierarchyAndBelow: true }),
			);
			await run(sim(), getMany('company', { scope: 'default' }));
			expect(requests(sim()).map((request) => request.query)).toEqual([
				{ scope: 'hierarchy:/*', pagenumber: '1', pagesize: '50' },
				{ pagenumber: '1', pagesize: '50' },
			]);
			// `hierarchy:/*` is the placeholder `hierarchy:X/Y/Z/*` at the root: within the contract.
			expect(sim().violations).toEqual([]);
		},
	);

	it.each([
		['project', 'start', 'start'],
		['project', 'value', 'value'],
		['person', 'nextstep', 'nextstep'],
		// Values saved by earlier versions: translated to the schema's names, or left out.
		['project', 'startdate', 'start'],
		['project', 'enddate', 'end'],
		['person', 'step', 'nextstep'],
		['person', 'stage', undefined],
		['company', 'segment', undefined],
	])(
		"sends Sort By of a %s as one of the schema's sort orders (%s)",
		async (resource, sort, sent) => {
			await run(sim(), getMany(resource, { options: { sort } }));
			expect(requests(sim())[0].query.sort).toBe(sent);
		},
	);

	it('offers exactly the sort orders of the schema, and no sort direction', async () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Cloze } = require('../../nodes/Cloze/Cloze.node');
		const properties = new Cloze().description.properties as Array<{
			name: string;
			displayOptions?: { show?: { resource?: string[]; operation?: string[] } };
			options?: Array<{ name: string; options?: Array<{ value: string }> }>;
		}>;
		const offered = new Set<string>();
		for (const resource of ['person', 'company', 'project']) {
			const options = properties.find(
				(p) =>
					p.name === 'options' &&
					p.displayOptions?.show?.resource?.includes(resource) &&
					p.displayOptions?.show?.operation?.includes('getAll'),
			);
			expect(options?.options?.map((o) => o.name)).not.toContain('sortDirection');
			for (const value of options?.options
				?.find((o) => o.name === 'sort')
				?.options?.map((o) => o.value) ?? [])
				offered.add(value);
		}
		expect([...offered].sort()).toEqual(
			[
				'lastchanged',
				'bestrelationship',
				'firstmet',
				'lasttalked',
				'wentquiet',
				'assigned',
				'duenext',
				'duepast',
				'first',
				'last',
				'nextstep',
				'distance',
				'value',
				'created',
				'start',
				'end',
				'name',
			].sort(),
		);
	});

	it('refuses a Hierarchy scope without a path before any request', async () => {
		const result = await run(
			sim(),
			getMany('company', { scope: 'hierarchy', hierarchyPath: '={{ "" }}' }),
		);
		expect(result.error?.message).toBe('Hierarchy Path is required when Scope is Hierarchy');
		expect(sim().requests).toHaveLength(0);
	});
});

describe('Output', () => {
	it(
		'simplifies each record by default; ' + 'Simplify off returns Cloze records unchanged',
		async () => {
			const seeded = sim().seedPeople(2, {
				customFields: [{ id: 'role', type: 'keyword', value: 'vp' }],
			});
			const simple = await run(sim(), getMany('person'));
			expect(simple.json).toEqual(seeded.map(simplifyRecord));
			expect(simple.json[0].customFields).toEqual({ role: 'vp' });
			const full = await run(sim(), getMany('person', { simplify: false }));
			expect(full.json).toEqual(seeded);
		},
	);

	it('Count Only: one request with countonly, one item { availablecount }', async () => {
		sim().seedCompanies(1234, { segment: 'customer' });
		sim().seedCompanies(10);
		const result = await run(
			sim(),
			getMany('company', { returnAll: true, countOnly: true, filters: { segment: 'customer' } }),
		);
		expect(requests(sim()).map((request) => [request.path, request.query])).toEqual([
			['/v1/companies/find', { scope: 'local', segment: 'customer', countonly: 'true' }],
		]);
		expect(result.json).toEqual([{ availablecount: 1234 }]);
	});

	it('one item per input item run: each search is its own', async () => {
		sim().seedPeople(2, { segment: 'customer' });
		sim().seedPeople(1, { segment: 'partner' });
		const result = await run(
			sim(),
			getMany('person', { countOnly: true, filters: { segment: '={{ $json.segment }}' } }),
			{ input: [{ segment: 'customer' }, { segment: 'partner' }] },
		);
		expect(result.json).toEqual([{ availablecount: 2 }, { availablecount: 1 }]);
	});
});
