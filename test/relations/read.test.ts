/**
 * Get and Delete of people, companies and projects through n8n's real engine against the Cloze
 * simulator: the record locator's modes sent as `uniqueid`, `team`, Simplify, "not found", and
 * continueOnFail.
 */
import { simplifyRecord } from '../../nodes/shared/records';
import { calls, requests, rl, run, useSimulator } from '../helpers/harness';

const sim = useSimulator();

describe('Get', () => {
	it('gets a person by e-mail: the full record with Simplify off', async () => {
		const [seeded] = sim().seedPeople(1, {
			emails: [{ value: 'jane@example.com', work: true }],
			name: 'Jane Doe',
			keywords: ['vip'],
		});
		const result = await run(sim(), {
			resource: 'person',
			operation: 'get',
			record: rl('email', 'jane@example.com'),
			simplify: false,
		});
		expect(result.error).toBeUndefined();
		expect(calls(sim())).toEqual(['GET /v1/people/get']);
		expect(requests(sim())[0].query).toEqual({ uniqueid: 'jane@example.com' });
		expect(requests(sim())[0].body).toBeUndefined();
		expect(result.json).toEqual([seeded]);
	});

	it('simplifies the record by default', async () => {
		const [seeded] = sim().seedCompanies(1, {
			segment: 'customer',
			customFields: [{ id: 'employees', type: 'number', value: 5 }],
		});
		const result = await run(sim(), {
			resource: 'company',
			operation: 'get',
			record: rl('domain', seeded.domains[0]),
		});
		expect(requests(sim())[0].path).toBe('/v1/companies/get');
		expect(result.json).toEqual([simplifyRecord(seeded)]);
		expect(result.json[0]).toEqual({
			direct: seeded.direct,
			name: seeded.name,
			domains: seeded.domains,
			segment: 'customer',
			lastChanged: seeded.lastChanged,
			customFields: { employees: 5 },
		});
	});

	it.each([
		['phone', '+1 617 555 0101'],
		['uniqueid', 'twitter:janedoe'],
	])('gets a person by %s', async (mode, value) => {
		sim().seedPeople(1, { phones: [{ value: '+1 617 555 0101' }], twitter: 'janedoe' });
		const result = await run(sim(), {
			resource: 'person',
			operation: 'get',
			record: rl(mode, value),
		});
		expect(result.error).toBeUndefined();
		expect(requests(sim())[0].query).toEqual({ uniqueid: value });
		expect(result.json).toHaveLength(1);
	});

	it(
		'gets a project By Name: found with find (Cloze looks projects up by ID or app link), ' +
			'then read by its Cloze ID',
		async () => {
			const [project] = sim().seedProjects(1, { name: 'Meadow Brook Renovation' });
			sim().seedProjects(1, { name: 'Meadow Brook Renovation, phase 2' });
			const result = await run(sim(), {
				resource: 'project',
				operation: 'get',
				record: rl('name', ' meadow brook renovation '),
				simplify: false,
			});
			expect(result.error).toBeUndefined();
			expect(calls(sim())).toEqual(['GET /v1/projects/find', 'GET /v1/projects/get']);
			expect(requests(sim())[0].query).toEqual({
				freeformquery: 'meadow brook renovation',
				sort: 'name',
				pagenumber: '1',
				pagesize: '1000',
			});
			expect(requests(sim())[1].query).toEqual({ uniqueid: project.direct });
			expect(result.json).toEqual([project]);
		},
	);

	it('a project By Name behind a full page of other matches: the next page is read', async () => {
		for (let index = 0; index < 1000; index++)
			sim().seedProjects(1, { name: `A Harbor Office ${index}` });
		const [project] = sim().seedProjects(1, { name: 'Harbor Office' });
		const result = await run(sim(), {
			resource: 'project',
			operation: 'get',
			record: rl('name', 'Harbor Office'),
		});
		expect(result.error).toBeUndefined();
		expect(
			requests(sim()).map((request) => [request.path, request.query.pagenumber ?? request.query]),
		).toEqual([
			['/v1/projects/find', '1'],
			['/v1/projects/find', '2'],
			['/v1/projects/get', { uniqueid: project.direct }],
		]);
	});

	it('two of the name on a full first page: no further page is read', async () => {
		for (let index = 0; index < 998; index++)
			sim().seedProjects(1, { name: `A Harbor Office ${index}` });
		sim().seedProjects(1, { name: 'Harbor Office' });
		sim().seedProjects(1, { name: 'HARBOR OFFICE' });
		sim().seedProjects(1, { name: 'Harbor Office Z' });
		const result = await run(sim(), {
			resource: 'project',
			operation: 'get',
			record: rl('name', 'Harbor Office'),
		});
		expect(result.error?.message).toBe('2 projects are named "Harbor Office"');
		expect(calls(sim())).toEqual(['GET /v1/projects/find']);
	});

	it.each([
		['no project has the name', [], 'No project is named "Harbor Office"'],
		[
			'two projects have it',
			['Harbor Office', 'harbor office'],
			'2 projects are named "Harbor Office"',
		],
	])('a project By Name when %s: an error saying so, nothing read', async (_, names, message) => {
		for (const name of names) sim().seedProjects(1, { name });
		sim().seedProjects(1, { name: 'Harbor Office Annex' });
		const result = await run(sim(), {
			resource: 'project',
			operation: 'get',
			record: rl('name', 'Harbor Office'),
		});
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toBe('Choose the project From List or By ID.');
		expect(calls(sim())).toEqual(['GET /v1/projects/find']);
	});

	it("gets a project from the list (its Cloze ID), among the team's records", async () => {
		const [project] = sim().seedProjects(1, { shareTo: 'team' });
		const result = await run(sim(), {
			resource: 'project',
			operation: 'get',
			record: rl('list', project.direct),
			team: true,
			simplify: false,
		});
		expect(calls(sim())).toEqual(['GET /v1/projects/get']);
		expect(requests(sim())[0].query).toEqual({ uniqueid: project.direct, team: 'true' });
		expect(result.json).toEqual([project]);
	});

	it('answers a clear "not found" for an unknown record', async () => {
		const result = await run(sim(), {
			resource: 'person',
			operation: 'get',
			record: rl('email', 'nobody@example.com'),
		});
		expect(result.error?.message).toBe('Cloze error 5: Person not found');
		expect(result.json).toEqual([]);
	});

	it('refuses an empty record before any request', async () => {
		const result = await run(sim(), {
			resource: 'company',
			operation: 'get',
			record: rl('id', '={{ "" }}'),
		});
		expect(result.error?.message).toBe('Company is required');
		expect(sim().requests).toHaveLength(0);
	});

	it(
		'with continueOnFail, ' + 'yields an error item and the other items still run, in order',
		async () => {
			sim().seedPeople(1, { emails: [{ value: 'a@example.com' }], name: 'Ann A' });
			sim().seedPeople(1, { emails: [{ value: 'c@example.com' }], name: 'Cid C' });
			const result = await run(
				sim(),
				{ resource: 'person', operation: 'get', record: rl('email', '={{ $json.email }}') },
				{
					input: [
						{ email: 'a@example.com' },
						{ email: 'b@example.com' },
						{ email: 'c@example.com' },
					],
					continueOnFail: true,
				},
			);
			expect(result.error).toBeUndefined();
			// n8n sends the items' requests concurrently: compare them as a set, the items in order.
			expect(
				requests(sim())
					.map((request) => request.query.uniqueid)
					.sort(),
			).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
			expect(result.items.map((item) => item.json.name ?? null)).toEqual(['Ann A', null, 'Cid C']);
			expect(result.items[1].json).toEqual({ error: 'Cloze error 5: Person not found' });
			expect(result.items[1].error?.message).toBe('Cloze error 5: Person not found');
			expect(result.items[0].error).toBeUndefined();
			expect(result.items[2].error).toBeUndefined();
		},
	);
});

describe('Delete', () => {
	it('deletes a person by e-mail and says so', async () => {
		sim().seedPeople(1, { emails: [{ value: 'jane@example.com' }] });
		const result = await run(sim(), {
			resource: 'person',
			operation: 'delete',
			record: rl('email', 'jane@example.com'),
		});
		expect(calls(sim())).toEqual(['DELETE /v1/people/delete']);
		expect(requests(sim())[0].query).toEqual({ uniqueid: 'jane@example.com' });
		expect(result.json).toEqual([{ deleted: true, uniqueid: 'jane@example.com' }]);
		expect(sim().store.people).toHaveLength(0);
	});

	it("deletes a company and a project among the team's records", async () => {
		const [company] = sim().seedCompanies(1, { shareTo: 'team' });
		const [project] = sim().seedProjects(1, { shareTo: 'team' });
		await run(sim(), {
			resource: 'company',
			operation: 'delete',
			record: rl('domain', company.domains[0]),
			team: true,
		});
		await run(sim(), {
			resource: 'project',
			operation: 'delete',
			record: rl('id', project.direct),
			team: true,
		});
		expect(requests(sim()).map((request) => [request.method, request.path, request.query])).toEqual(
			[
				['DELETE', '/v1/companies/delete', { uniqueid: company.domains[0], team: 'true' }],
				['DELETE', '/v1/projects/delete', { uniqueid: project.direct, team: 'true' }],
			],
		);
		expect(sim().store.companies).toHaveLength(0);
		expect(sim().store.projects).toHaveLength(0);
	});

	it('fails clearly for an unknown record and deletes nothing', async () => {
		sim().seedProjects(1);
		const result = await run(sim(), {
			resource: 'project',
			operation: 'delete',
			record: rl('id', 'NoSuchProjectId0000000'),
		});
		expect(result.error?.message).toBe('Cloze error 5: Project not found');
		expect(sim().store.projects).toHaveLength(1);
	});

	it("deletes a team's project By Name: found with find in the team's scope, deleted by its Cloze ID", async () => {
		const [project] = sim().seedProjects(1, { name: 'Harbor Office', shareTo: 'team' });
		sim().seedProjects(1, { name: 'Harbor Office Annex', shareTo: 'team' });
		const result = await run(sim(), {
			resource: 'project',
			operation: 'delete',
			record: rl('name', 'Harbor Office'),
			team: true,
		});
		expect(result.error).toBeUndefined();
		expect(requests(sim()).map((request) => [request.method, request.path, request.query])).toEqual(
			[
				[
					'GET',
					'/v1/projects/find',
					{
						freeformquery: 'Harbor Office',
						sort: 'name',
						pagenumber: '1',
						pagesize: '1000',
						scope: 'team',
					},
				],
				['DELETE', '/v1/projects/delete', { uniqueid: project.direct, team: 'true' }],
			],
		);
		expect(result.json).toEqual([{ deleted: true, uniqueid: 'Harbor Office' }]);
		expect(sim().store.projects.map((record) => record.name)).toEqual(['Harbor Office Annex']);
	});

	it('two projects with the name: refused By Name, both kept', async () => {
		sim().seedProjects(1, { name: 'Harbor Office' });
		sim().seedProjects(1, { name: 'HARBOR OFFICE' });
		const result = await run(sim(), {
			resource: 'project',
			operation: 'delete',
			record: rl('name', 'Harbor Office'),
		});
		expect(result.error?.message).toBe('2 projects are named "Harbor Office"');
		expect(calls(sim())).toEqual(['GET /v1/projects/find']);
		expect(sim().store.projects).toHaveLength(2);
	});
});
