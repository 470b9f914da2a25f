/**
 * Create and Update of people, companies and projects through n8n's real engine against the Cloze
 * simulator: the exact body Cloze receives, the identifiers each kind needs, custom fields typed
 * from the account, and the item that comes out.
 */
import { calls, requests, run, useSimulator } from './helpers';

const { sim } = useSimulator();

const person = (parameters: Record<string, unknown>) => ({ resource: 'person', operation: 'create', ...parameters });

describe('Create', () => {
	it('creates a person by e-mail with every field of the form, in the shape Cloze stores', async () => {
		const result = await run(sim(), person({
			identifyBy: 'email',
			email: 'jane@example.com',
			name: 'Jane Doe',
			additionalFields: {
				headline: 'VP Operations',
				picture: 'https://example.com/jane.jpg',
				private: true,
				notes: 'Met at the expo',
				segment: 'customer',
				stage: 'lead',
				step: 's-00001',
				assignee: 'dave@incfire.com',
				keywords: 'vip, newsletter',
				emails: { entry: [{ value: 'jane@home.example', home: true, work: false }] },
				phones: { entry: [{ value: '+1 617 555 1234', mobile: true }] },
				faxes: { entry: [{ value: '+1 617 555 1235', work: true }] },
				addresses: { entry: [{ street: '1 Main St', city: 'Boston', state: 'MA', zip: '02110', country: 'US', lat: 42.35, lon: -71.06, work: true }] },
				appLinks: { entry: [{ source: 'na16.salesforce.com', uniqueid: '003A', label: 'Salesforce Contact', url: 'https://na16.salesforce.com/003A' }] },
				contactUrls: { entry: [{ value: 'https://jane.example.com', name: 'Blog', type: 'website' }] },
				twitter: 'janedoe',
				facebook: 'jane.doe',
				linkedin: 'jdoe',
				shareToTeam: true,
			},
		}));
		expect(result.error).toBeUndefined();
		expect(calls(sim())).toEqual(['POST /v1/people/create']);
		const [request] = requests(sim());
		expect(request.query).toEqual({});
		expect(request.headers.authorization).toBe('Bearer test-api-key');
		expect(request.body).toEqual({
			name: 'Jane Doe',
			headline: 'VP Operations',
			picture: 'https://example.com/jane.jpg',
			private: true,
			atAGlanceNotes: 'Met at the expo',
			segment: 'customer',
			stage: 'lead',
			step: 's-00001',
			assignee: 'dave@incfire.com',
			keywords: ['vip', 'newsletter'],
			emails: [{ value: 'jane@example.com' }, { value: 'jane@home.example', home: true }],
			phones: [{ value: '+1 617 555 1234', mobile: true }],
			faxes: [{ value: '+1 617 555 1235', work: true }],
			addresses: [{ street: '1 Main St', city: 'Boston', state: 'MA', zip: '02110', country: 'US', lat: 42.35, lon: -71.06, work: true }],
			appLinks: [{ source: 'na16.salesforce.com', uniqueid: '003A', label: 'Salesforce Contact', url: 'https://na16.salesforce.com/003A' }],
			contactUrls: [{ value: 'https://jane.example.com', name: 'Blog', type: 'website' }],
			twitter: 'janedoe',
			facebook: 'jane.doe',
			linkedin: 'jdoe',
			shareTo: 'team',
		});
		expect(result.json).toEqual([{ errorcode: 0, uniqueid: 'jane@example.com' }]);
		const stored = sim().store.get('person', 'jane@example.com', { team: true });
		expect(stored).toMatchObject({ name: 'Jane Doe', first: 'Jane', last: 'Doe', stage: 'lead' });
	});

	it('creates a person by name and phone, and by name and social handle', async () => {
		await run(sim(), person({ identifyBy: 'namePhone', name: 'Pat Lee', phone: '+1 617 555 9999' }));
		await run(sim(), person({ identifyBy: 'nameSocial', name: 'Sam Roe', socialNetwork: 'linkedin', socialHandle: 'samroe' }));
		expect(requests(sim()).map((request) => request.body)).toEqual([
			{ name: 'Pat Lee', phones: [{ value: '+1 617 555 9999' }] },
			{ name: 'Sam Roe', linkedin: 'samroe' },
		]);
		expect(sim().store.people.map((record: { name: string }) => record.name)).toEqual(['Pat Lee', 'Sam Roe']);
	});

	it('creates a company by domain or e-mail, with its domains and description', async () => {
		const result = await run(sim(), {
			resource: 'company',
			operation: 'create',
			name: 'IncFire Studios',
			identifyBy: 'domain',
			domain: 'incfire.com',
			additionalFields: { description: 'Marketing videos', domains: 'incfire.org', segment: 'partner' },
		});
		await run(sim(), { resource: 'company', operation: 'create', identifyBy: 'email', email: 'info@acme.example' });
		expect(requests(sim()).map((request) => [request.path, request.body])).toEqual([
			['/v1/companies/create', { name: 'IncFire Studios', description: 'Marketing videos', domains: ['incfire.com', 'incfire.org'], segment: 'partner' }],
			['/v1/companies/create', { emails: [{ value: 'info@acme.example' }] }],
		]);
		expect(result.json).toEqual([{ errorcode: 0, uniqueid: 'incfire.com' }]);
	});

	it('creates a project with its dates, value, forecast and app link', async () => {
		const result = await run(sim(), {
			resource: 'project',
			operation: 'create',
			name: 'Meadow Brook Renovation',
			additionalFields: {
				summary: 'Located at 33 Meadow Brook Lane',
				segment: 'project',
				stage: 'future',
				createdDate: '2018-04-10T00:00:00',
				startDate: '2018-05-01',
				value: 15000,
				forecast: 'bestcase',
				projectType: 'renovation',
				appLinks: { entry: [{ source: 'na16.salesforce.com', uniqueid: '006j000000Pkp1d' }] },
			},
		});
		expect(calls(sim())).toEqual(['POST /v1/projects/create']);
		expect(requests(sim())[0].body).toEqual({
			name: 'Meadow Brook Renovation',
			summary: 'Located at 33 Meadow Brook Lane',
			segment: 'project',
			stage: 'future',
			createdDate: '2018-04-10',
			startDate: '2018-05-01',
			value: 15000,
			forecast: 'bestcase',
			type: 'renovation',
			appLinks: [{ source: 'na16.salesforce.com', uniqueid: '006j000000Pkp1d' }],
		});
		expect(result.json).toEqual([{ errorcode: 0, uniqueid: 'Meadow Brook Renovation' }]);
	});

	it('merges into the existing person with the same e-mail (Cloze upserts)', async () => {
		await run(sim(), person({ email: 'jane@example.com', name: 'Jane Doe' }));
		await run(sim(), person({ email: 'jane@example.com', additionalFields: { stage: 'current' } }));
		expect(sim().store.people).toHaveLength(1);
		expect(sim().store.people[0]).toMatchObject({ name: 'Jane Doe', stage: 'current' });
	});

	it('sends a dry run without storing anything', async () => {
		await run(sim(), person({ email: 'dry@example.com', additionalFields: { dryRun: true } }));
		expect(requests(sim())[0].body).toEqual({ emails: [{ value: 'dry@example.com' }], dryrun: true });
		expect(sim().store.people).toHaveLength(0);
	});

	const EMPTY = '={{ "" }}';
	it.each([
		[person({ identifyBy: 'email', email: EMPTY }), 'Email is required: Cloze creates a person by its e-mail address, or by a name plus another identifier'],
		[person({ identifyBy: 'email', email: '   ' }), 'Email is required: Cloze creates a person by its e-mail address, or by a name plus another identifier'],
		[person({ identifyBy: 'namePhone', name: EMPTY, phone: '+1 617 555 1234' }), 'Name is required: without an e-mail address, Cloze creates a person by a name plus another identifier'],
		[person({ identifyBy: 'namePhone', name: 'Pat Lee', phone: EMPTY }), 'Phone is required: it is the identifier the person is created by, with the name'],
		[person({ identifyBy: 'nameSocial', name: 'Pat Lee', socialHandle: EMPTY }), 'Social Handle is required: it is the identifier the person is created by, with the name'],
		[{ resource: 'company', operation: 'create', identifyBy: 'domain', domain: EMPTY }, 'Domain is required: Cloze creates a company by its domain or e-mail address'],
		[{ resource: 'company', operation: 'create', identifyBy: 'email', email: EMPTY }, 'Email is required: Cloze creates a company by its e-mail address or domain'],
		[{ resource: 'project', operation: 'create', name: EMPTY }, 'Name is required: Cloze creates a project only with a name'],
	])('refuses a create whose identifier is empty, naming it, before any request (%#)', async (parameters, message) => {
		const result = await run(sim(), parameters);
		// n8n's RoutingNode re-wraps an error thrown in a preSend; message and description stay ours.
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toContain('Fill in the field');
		expect(sim().requests).toHaveLength(0);
	});

	it.each([
		[person({ identifyBy: 'namePhone', name: 'Pat Lee', phone: '' }), 'Parameter "Phone" is required.'],
		[{ resource: 'company', operation: 'create', identifyBy: 'domain', domain: '' }, 'Parameter "Domain" is required.'],
		[{ resource: 'project', operation: 'create', name: '' }, 'Parameter "Name" is required.'],
	])('a form left empty is refused by n8n itself, naming the field (%#)', async (parameters, message) => {
		await expect(run(sim(), parameters)).rejects.toThrow(message);
		expect(sim().requests).toHaveLength(0);
	});

	it("surfaces Cloze's errorcode 11 when the identifier given is not one Cloze can use", async () => {
		const result = await run(sim(), person({ identifyBy: 'namePhone', name: 'Pat Lee', phone: '12' }));
		expect(calls(sim())).toEqual(['POST /v1/people/create']);
		expect(result.error?.message).toBe('Cloze error 11: No identifiers available');
		expect(sim().store.people).toHaveLength(0);
	});
});

describe('Custom fields', () => {
	it('sends custom fields typed by the account, with Lead Source and Role by name', async () => {
		const result = await run(sim(), person({
			email: 'jane@example.com',
			additionalFields: {
				customFields: {
					field: [
						{ id: 'meeting-limit', value: '12' },
						{ id: 'birthday', value: '1990-02-03T00:00:00.000Z' },
						{ id: 'is-contacted', value: 'Yes' },
						{ id: 'words-of-wisdom', value: 'Stay calm' },
					],
				},
				leadSource: 'Referral',
				role: 'vp',
			},
		}));
		expect(result.error).toBeUndefined();
		expect(calls(sim())).toEqual(['GET /v1/user/fields', 'POST /v1/people/create']);
		expect(requests(sim())[0].query).toEqual({ relationtype: 'person' });
		expect(requests(sim())[1].body).toEqual({
			emails: [{ value: 'jane@example.com' }],
			customFields: [
				{ id: 'meeting-limit', type: 'number', value: 12 },
				{ id: 'birthday', type: 'date', value: '1990-02-03' },
				{ id: 'is-contacted', type: 'keyword', value: 'yes' },
				{ id: 'words-of-wisdom', type: 'text', value: 'Stay calm' },
				{ id: 'lead-source', type: 'keyword', value: 'referral' },
				{ id: 'role', type: 'keyword', value: 'vp' },
			],
		});
	});

	it('asks for the field list only when custom fields are set', async () => {
		await run(sim(), person({ email: 'jane@example.com', additionalFields: { stage: 'lead' } }));
		expect(calls(sim())).toEqual(['POST /v1/people/create']);
	});

	it.each([
		['meeting-limit', 'twelve', 'Custom field "meeting-limit": "twelve" is not a number'],
		['is-contacted', 'maybe', 'Custom field "is-contacted": "maybe" is not one of its values: Yes (yes), No (no)'],
		['birthday', 'someday', 'Custom field "birthday": "someday" is not a date (e.g. 2025-12-31)'],
		['employees', '12', 'Custom field "employees": the Cloze account has no such person custom field'],
	])('refuses %s = %s before writing', async (id, value, message) => {
		const result = await run(sim(), person({ email: 'jane@example.com', additionalFields: { customFields: { field: [{ id, value }] } } }));
		expect(result.error?.message).toBe(message);
		expect(calls(sim())).toEqual(['GET /v1/user/fields']);
	});

	it('uses the custom fields of the resource (company)', async () => {
		await run(sim(), {
			resource: 'company',
			operation: 'create',
			domain: 'acme.example',
			additionalFields: { customFields: { field: [{ id: 'industry', value: 'Real Estate' }] } },
		});
		expect(requests(sim())[0].query).toEqual({ relationtype: 'company' });
		expect(requests(sim())[1].body).toEqual({
			domains: ['acme.example'],
			customFields: [{ id: 'industry', type: 'keyword', value: 'realestate' }],
		});
	});
});

describe('Update', () => {
	it('updates a person found by e-mail, merging the changes', async () => {
		sim().seedPeople(1, { emails: [{ value: 'jane@example.com' }], name: 'Jane Doe', keywords: ['vip'] });
		const result = await run(sim(), {
			resource: 'person',
			operation: 'update',
			record: { __rl: true, mode: 'email', value: 'jane@example.com' },
			updateFields: { name: 'Jane Q. Doe', stage: 'current', keywords: 'newsletter' },
		});
		expect(result.error).toBeUndefined();
		expect(calls(sim())).toEqual(['POST /v1/people/update']);
		expect(requests(sim())[0].body).toEqual({
			name: 'Jane Q. Doe',
			stage: 'current',
			keywords: ['newsletter'],
			emails: [{ value: 'jane@example.com' }],
		});
		expect(result.json).toEqual([{ errorcode: 0, uniqueid: 'jane@example.com' }]);
		expect(sim().store.get('person', 'jane@example.com')).toMatchObject({ name: 'Jane Q. Doe', stage: 'current', keywords: ['vip', 'newsletter'] });
	});

	it('updates by phone, domain and Cloze ID', async () => {
		const [company] = sim().seedCompanies(1);
		sim().seedPeople(1, { phones: [{ value: '+1 617 555 0000' }] });
		await run(sim(), { resource: 'person', operation: 'update', record: { __rl: true, mode: 'phone', value: '+1 617 555 0000' }, updateFields: { headline: 'CTO' } });
		await run(sim(), { resource: 'company', operation: 'update', record: { __rl: true, mode: 'domain', value: company.domains[0] }, updateFields: { stage: 'lead' } });
		await run(sim(), { resource: 'company', operation: 'update', record: { __rl: true, mode: 'list', value: company.direct }, updateFields: { segment: 'partner' } });
		expect(requests(sim()).map((request) => [request.path, request.body])).toEqual([
			['/v1/people/update', { headline: 'CTO', phones: [{ value: '+1 617 555 0000' }] }],
			['/v1/companies/update', { stage: 'lead', domains: [company.domains[0]] }],
			['/v1/companies/update', { segment: 'partner', direct: company.direct }],
		]);
		expect(sim().store.get('company', company.direct)).toMatchObject({ stage: 'lead', segment: 'partner' });
	});

	it('updates a project by Cloze ID with its required name', async () => {
		const [project] = sim().seedProjects(1);
		await run(sim(), {
			resource: 'project',
			operation: 'update',
			record: { __rl: true, mode: 'id', value: project.direct },
			name: 'Renamed Project',
			updateFields: { stage: 'current', value: 2500 },
		});
		expect(requests(sim())[0].body).toEqual({ stage: 'current', value: 2500, direct: project.direct, name: 'Renamed Project' });
		expect(sim().store.get('project', project.direct)).toMatchObject({ name: 'Renamed Project', stage: 'current', value: 2500 });
	});

	it('refuses an update without a record, or a project update without a name, before any request', async () => {
		const noRecord = await run(sim(), { resource: 'person', operation: 'update', record: { __rl: true, mode: 'id', value: '={{ "" }}' } });
		expect(noRecord.error?.message).toMatch(/^Person is required/);
		const noName = await run(sim(), { resource: 'project', operation: 'update', record: { __rl: true, mode: 'id', value: 'abc' }, name: '={{ " " }}' });
		expect(noName.error?.message).toMatch(/^Name is required: Cloze needs the project name on every update/);
		expect(sim().requests).toHaveLength(0);
	});

	it("surfaces Cloze's answer when the record does not exist", async () => {
		const result = await run(sim(), { resource: 'person', operation: 'update', record: { __rl: true, mode: 'email', value: 'nobody@example.com' }, updateFields: { stage: 'lead' } });
		expect(result.error?.message).toBe('Cloze error 5: Person not found');
	});
});
