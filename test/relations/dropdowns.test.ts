/**
 * The live dropdowns and the record lists of the People, Companies and Projects forms, through
 * n8n-core's LoadOptionsContext against the Cloze simulator.
 */
import { calls, load, requests, useSimulator } from '../helpers/harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const account = require('../simulator/account');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const team = require('../simulator/team');

const sim = useSimulator();

const keyed = (list: Array<{ name: string; key: string }>) =>
	list.map(({ name, key }) => ({ name, value: key }));

describe('Dropdowns', () => {
	it.each([
		['person', '/v1/user/segments/people', account.PEOPLE_SEGMENTS],
		['company', '/v1/user/segments/people', account.PEOPLE_SEGMENTS],
		['project', '/v1/user/segments/projects', account.PROJECT_SEGMENTS],
	])('segments of a %s come from %s', async (resource, path, list) => {
		const options = await load(sim(), 'loadOptions', 'getSegments', {
			resource,
			operation: 'create',
		});
		expect(calls(sim())).toEqual([`GET ${path}`]);
		expect(options).toEqual(keyed(list));
	});

	it.each([
		['person', '/v1/user/stages/people', account.PEOPLE_STAGES],
		['company', '/v1/user/stages/people', account.PEOPLE_STAGES],
		['project', '/v1/user/stages/projects', account.PROJECT_STAGES],
	])('stages of a %s come from %s', async (resource, path, list) => {
		const options = await load(sim(), 'loadOptions', 'getStages', {
			resource,
			operation: 'getAll',
		});
		expect(calls(sim())).toEqual([`GET ${path}`]);
		expect(options).toEqual(keyed(list));
	});

	it('steps are filtered by the segment and stage chosen in the form', async () => {
		const options = await load(sim(), 'loadOptions', 'getSteps', {
			resource: 'person',
			operation: 'update',
			updateFields: { segment: 'customer', stage: 'current' },
		});
		expect(requests(sim()).map((request) => [request.path, request.query])).toEqual([
			['/v1/user/steps', { segment: 'customer', stage: 'current' }],
		]);
		expect(options).toEqual([
			{ name: 'Onboard', value: 's-00004' },
			{ name: 'Quarterly review', value: '*s-15344457035' },
		]);
	});

	it('steps of a segment only, in the Get Many filters', async () => {
		const options = await load(sim(), 'loadOptions', 'getSteps', {
			resource: 'project',
			operation: 'getAll',
			filters: { segment: 'project' },
		});
		expect(requests(sim())[0].query).toEqual({ segment: 'project' });
		expect(options).toEqual([
			{ name: 'Scope (project / future)', value: 's-20001' },
			{ name: 'Contract (project / current)', value: 's-20002' },
			{ name: 'Kickoff (project / current)', value: 's-20003' },
		]);
	});

	it('custom fields of the resource', async () => {
		const options = (await load(sim(), 'loadOptions', 'getCustomFields', {
			resource: 'company',
			operation: 'create',
		})) as Array<{ value: string }>;
		expect(requests(sim())[0].query).toEqual({ relationtype: 'company' });
		expect(options.map((option) => option.value)).toEqual([
			'employees',
			'industry',
			'lead-source',
			'meeting-limit',
		]);
		expect(options[1]).toEqual({
			name: 'Industry',
			value: 'industry',
			description: 'keyword field',
		});
	});

	it('team members for the assignee', async () => {
		const options = await load(sim(), 'loadOptions', 'getTeamMembers', {
			resource: 'project',
			operation: 'create',
		});
		expect(calls(sim())).toEqual(['GET /v1/team/members/list']);
		expect((options as Array<{ value: string }>).map((option) => option.value).sort()).toEqual(
			team.TEAM_MEMBERS.map((member: { email: string }) => member.email).sort(),
		);
		expect(options).toContainEqual({
			name: 'Carla Mendes <carla@incfire.com>',
			value: 'carla@incfire.com',
		});
	});

	it('values of the Lead Source and Role fields', async () => {
		const sources = await load(sim(), 'loadOptions', 'getLeadSources', {
			resource: 'project',
			operation: 'create',
		});
		expect(requests(sim())[0].query).toEqual({ relationtype: 'project' });
		expect(sources).toEqual([
			{ name: 'Zillow', value: 'zillow' },
			{ name: 'Referral', value: 'referral' },
			{ name: 'Website', value: 'website' },
			{ name: 'Comdex 2018', value: 'comdex2018' },
		]);
		expect(
			await load(sim(), 'loadOptions', 'getRoles', { resource: 'person', operation: 'create' }),
		).toEqual([
			{ name: 'CxO', value: 'cxo' },
			{ name: 'VP', value: 'vp' },
			{ name: 'Director', value: 'director' },
			{ name: 'Manager', value: 'manager' },
		]);
		expect(
			await load(sim(), 'loadOptions', 'getDepartments', {
				resource: 'person',
				operation: 'create',
			}),
		).toEqual([]);
	});
});

describe('Record lists (resource locator)', () => {
	it('searches people with find, names them with their e-mail, values are Cloze IDs', async () => {
		const seeded = sim().seedPeople(3);
		const found = (await load(
			sim(),
			'listSearch',
			'searchPeople',
			{ resource: 'person', operation: 'get' },
			[seeded[1].first],
		)) as {
			results: Array<{ name: string; value: string }>;
			paginationToken?: string;
		};
		expect(requests(sim()).map((request) => [request.path, request.query])).toEqual([
			['/v1/people/find', { pagenumber: '1', pagesize: '50', freeformquery: seeded[1].first }],
		]);
		expect(found.results).toContainEqual({
			name: `${seeded[1].name} (${seeded[1].emails[0].value})`,
			value: seeded[1].direct,
		});
		expect(found.paginationToken).toBeUndefined();
	});

	it('pages through companies and projects', async () => {
		const companies = sim().seedCompanies(60);
		const first = (await load(sim(), 'listSearch', 'searchCompanies', {
			resource: 'company',
			operation: 'delete',
		})) as {
			results: Array<{ name: string; value: string }>;
			paginationToken?: string;
		};
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({
			name: `${companies[0].name} (${companies[0].domains[0]})`,
			value: companies[0].direct,
		});
		expect(first.paginationToken).toBe('2');
		const second = (await load(
			sim(),
			'listSearch',
			'searchCompanies',
			{ resource: 'company', operation: 'delete' },
			[undefined, '2'],
		)) as {
			results: unknown[];
			paginationToken?: string;
		};
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
		const [project] = sim().seedProjects(1);
		const projects = (await load(
			sim(),
			'listSearch',
			'searchProjects',
			{ resource: 'project', operation: 'update' },
			['Project'],
		)) as {
			results: unknown[];
		};
		expect(projects.results).toEqual([{ name: project.name, value: project.direct }]);
	});
});
