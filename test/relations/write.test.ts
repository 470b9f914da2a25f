/**
 * Create and Update of people, companies and projects through n8n's real engine against the Cloze
 * simulator: the exact body Cloze receives, the identifiers each kind needs, custom fields typed
 * from the account, and the item that comes out.
 */
import { simplifyRecord } from '../../nodes/shared/records';
import { calls, load, requests, run, useSimulator } from '../helpers/harness';

const sim = useSimulator();

/** The writes the simulator logged (without the reads that fetch the stored record back). */
const writes = () => requests(sim()).filter((request) => request.method === 'POST');

const person = (parameters: Record<string, unknown>) => ({
	resource: 'person',
	operation: 'create',
	...parameters,
});

describe('Create', () => {
	it(
		'is named Create or Update (an upsert) ' +
			'in the form and the actions list; the value stays create',
		() => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { Cloze } = require('../../nodes/Cloze/Cloze.node');
			const properties = new Cloze().description.properties as Array<{
				name: string;
				displayOptions?: { show?: { resource?: string[] } };
				options?: Array<{ name: string; value: string; action?: string }>;
			}>;
			for (const [resource, noun] of [
				['person', 'person'],
				['company', 'company'],
				['project', 'project'],
			]) {
				const operation = properties.find(
					(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
				);
				expect(operation?.options?.find((option) => option.value === 'create')).toMatchObject({
					name: 'Create or Update',
					action: `Create or update a ${noun}`,
				});
			}
		},
	);

	it(
		'creates a person by e-mail with every field of the form, ' +
			'under the schema names (PersonRef)',
		async () => {
			const result = await run(
				sim(),
				person({
					identifyBy: 'email',
					email: 'jane@example.com',
					name: 'Jane Doe',
					additionalFields: {
						first: 'Jane',
						middle: 'Ann',
						last: 'Doe',
						headline: 'VP Operations',
						household: 'The Does',
						gender: 'female',
						formality: 'informal',
						birthday: '1990-02-03T00:00:00',
						replaceIdentity: 'merge',
						picture: 'https://example.com/jane.jpg',
						country: 'US',
						location: 'Boston, MA',
						locale: 'en-US',
						private: true,
						archived: false,
						notes: 'Met at the expo',
						aboutNotes: 'Prefers mornings',
						timelineNotes: { entry: [{ note: 'Called about the renewal' }, { note: ' ' }] },
						segment: 'customer',
						stage: 'lead',
						step: 's-00001',
						defaultSegment: 'partner',
						defaultStage: 'future',
						defaultStep: 's-00002',
						recycleStage: true,
						recycleSegment: false,
						campaignId: 'welcome',
						assignee: 'dave@incfire.com',
						defaultAssignTo: 'dana@incfire.com',
						shareTo: 'dana@incfire.com',
						shareTimeline: true,
						node: '/EU/FR/Paris',
						defaultNode: '/EU',
						keywords: 'vip, newsletter',
						emails: {
							entry: [{ value: 'jane@home.example', home: true, work: false, preferred: true }],
						},
						phones: { entry: [{ value: '+1 617 555 1234', mobile: true }] },
						faxes: { entry: [{ value: '+1 617 555 1235', work: true }] },
						addresses: {
							entry: [
								{
									street: '1 Main St',
									suite: 'Suite 2',
									pobox: 'PO Box 9',
									city: 'Boston',
									state: 'MA',
									zip: '02110',
									country: 'US',
									lat: 42.35,
									lon: -71.06,
									work: true,
								},
							],
						},
						socials: {
							entry: [
								{ type: 'github', value: 'janedoe', work: true },
								{ type: 'tiktok', value: '' },
							],
						},
						twitter: 'janedoe',
						facebook: 'jane.doe',
						linkedin: 'jdoe',
						contactUrls: { entry: [{ value: 'https://jane.example.com', name: 'Blog' }] },
						appLinks: {
							entry: [
								{
									source: 'na16.salesforce.com',
									uniqueid: '003A',
									label: 'Salesforce Contact',
									url: 'https://na16.salesforce.com/003A',
								},
							],
						},
						workHistory: { entry: [{ organization: 'Acme Inc.', title: 'VP Operations' }] },
						companies: {
							entry: [
								{ name: 'IncFire Studios', domain: 'incfire.com' },
								{ name: 'Lucid Marketing', domain: '' },
							],
						},
						dateFormat: 'international',
						shareToTeam: true,
					},
				}),
			);
			expect(result.error).toBeUndefined();
			expect(calls(sim())).toEqual(['POST /v1/people/create', 'GET /v1/people/get']);
			expect(requests(sim())[1].query).toEqual({ uniqueid: 'jane@example.com' });
			const [request] = requests(sim());
			expect(request.query).toEqual({});
			expect(request.headers.authorization).toBe('Bearer test-api-key');
			expect(request.body).toEqual({
				name: 'Jane Doe',
				first: 'Jane',
				middle: 'Ann',
				last: 'Doe',
				headline: 'VP Operations',
				household: 'The Does',
				gender: 'female',
				formality: 'informal',
				birthday: '1990-02-03',
				replaceIdentity: 'merge',
				picture: 'https://example.com/jane.jpg',
				country: 'US',
				location: 'Boston, MA',
				locale: 'en-US',
				private: true,
				archived: false,
				atAGlanceNotes: 'Met at the expo',
				notes: 'Prefers mornings',
				timelineNotes: ['Called about the renewal'],
				segment: 'customer',
				stage: 'lead',
				step: 's-00001',
				defaultSegment: 'partner',
				defaultStage: 'future',
				defaultStep: 's-00002',
				recycleStage: true,
				recycleSegment: false,
				campaignId: 'welcome',
				assignTo: 'dave@incfire.com',
				defaultAssignTo: 'dana@incfire.com',
				shareTo: 'dana@incfire.com',
				shareTimeline: true,
				node: '/EU/FR/Paris',
				defaultNode: '/EU',
				keywords: ['vip', 'newsletter'],
				emails: [
					{ value: 'jane@example.com' },
					{ value: 'jane@home.example', home: true, preferred: true },
				],
				phones: [{ value: '+1 617 555 1234', mobile: true }],
				faxes: [{ value: '+1 617 555 1235', work: true }],
				addresses: [
					{
						street: '1 Main St',
						suite: 'Suite 2',
						pobox: 'PO Box 9',
						city: 'Boston',
						region: 'MA',
						postcode: '02110',
						country: 'US',
						latitude: 42.35,
						longitude: -71.06,
						work: true,
					},
				],
				socials: [
					{ type: 'github', value: 'janedoe', work: true },
					{ type: 'twitter', value: 'janedoe' },
					{ type: 'facebook', value: 'jane.doe' },
					{ type: 'linkedin', value: 'jdoe' },
				],
				urls: [{ address: 'https://jane.example.com', name: 'Blog' }],
				appLinks: [
					{
						source: 'na16.salesforce.com',
						uniqueid: '003A',
						label: 'Salesforce Contact',
						url: 'https://na16.salesforce.com/003A',
					},
				],
				workHistory: [{ organization: 'Acme Inc.', title: 'VP Operations' }],
				companies: [
					{ name: 'IncFire Studios', domains: ['incfire.com'] },
					{ name: 'Lucid Marketing' },
				],
				dateFormat: 'international',
				account: 'team',
			});
			const stored = sim().store.get('person', 'jane@example.com', { team: true });
			expect(stored).toMatchObject({
				name: 'Jane Doe',
				first: 'Jane',
				last: 'Doe',
				stage: 'lead',
				assignee: 'dave@incfire.com',
			});
			// The output is the stored record, read back and simplified as Get outputs it.
			expect(result.json).toEqual([simplifyRecord(stored)]);
			expect(result.json[0]).toMatchObject({
				direct: stored?.direct,
				name: 'Jane Doe',
				stage: 'lead',
				assignee: 'dave@incfire.com',
			});
			expect(result.json[0]).not.toHaveProperty('errorcode');
		},
	);

	it(
		'refuses a row of a list that lacks what the schema requires, ' + 'naming the list and the row',
		async () => {
			const result = await run(
				sim(),
				person({
					email: 'jane@example.com',
					additionalFields: {
						workHistory: { entry: [{ organization: 'Acme' }, { title: 'CTO' }] },
					},
				}),
			);
			expect(result.error?.message).toBe('Work History: entry 2 needs a value for "organization"');
			const link = await run(
				sim(),
				person({
					email: 'jane@example.com',
					additionalFields: { appLinks: { entry: [{ source: 'crm.example' }] } },
				}),
			);
			expect(link.error?.message).toBe('App Links: entry 1 needs a value for "uniqueid"');
			expect(sim().requests).toHaveLength(0);
		},
	);

	it('creates a person by name and mobile phone, and by name and social handle', async () => {
		await run(
			sim(),
			person({ identifyBy: 'namePhone', name: 'Pat Lee', phone: '+1 617 555 9999' }),
		);
		await run(
			sim(),
			person({
				identifyBy: 'nameSocial',
				name: 'Sam Roe',
				socialNetwork: 'instagram',
				socialHandle: 'samroe',
				additionalFields: { linkedin: 'sroe' },
			}),
		);
		expect(writes().map((request) => request.body)).toEqual([
			{ name: 'Pat Lee', phones: [{ value: '+1 617 555 9999', mobile: true }] },
			{
				name: 'Sam Roe',
				socials: [
					{ type: 'instagram', value: 'samroe' },
					{ type: 'linkedin', value: 'sroe' },
				],
			},
		]);
		expect(sim().store.people.map((record) => record.name)).toEqual(['Pat Lee', 'Sam Roe']);
	});

	it('creates a company by domain, by name and e-mail, and by name and phone', async () => {
		const result = await run(sim(), {
			resource: 'company',
			operation: 'create',
			name: 'IncFire Studios',
			identifyBy: 'domain',
			domain: 'incfire.com',
			additionalFields: {
				description: 'Marketing videos',
				industry: 'Media',
				businessSize: '$1M-$10M',
				employees: '10-100',
				domains: 'incfire.org',
				segment: 'partner',
				socials: { entry: [{ type: 'youtube', value: 'incfire' }] },
				contactUrls: { entry: [{ value: 'https://incfire.com', name: 'Site' }] },
			},
		});
		await run(sim(), {
			resource: 'company',
			operation: 'create',
			name: 'Acme',
			identifyBy: 'email',
			email: 'info@acme.example',
		});
		await run(sim(), {
			resource: 'company',
			operation: 'create',
			name: 'Beta',
			identifyBy: 'namePhone',
			phone: '+1 617 555 4444',
		});
		expect(writes().map((request) => [request.path, request.body])).toEqual([
			[
				'/v1/companies/create',
				{
					name: 'IncFire Studios',
					description: 'Marketing videos',
					industry: 'Media',
					businessSize: '$1M-$10M',
					employees: '10-100',
					domains: ['incfire.com', 'incfire.org'],
					segment: 'partner',
					socials: [{ type: 'youtube', value: 'incfire' }],
					urls: [{ address: 'https://incfire.com', name: 'Site' }],
				},
			],
			['/v1/companies/create', { name: 'Acme', emails: [{ value: 'info@acme.example' }] }],
			['/v1/companies/create', { name: 'Beta', phones: [{ value: '+1 617 555 4444' }] }],
		]);
		expect(result.json).toEqual([simplifyRecord(sim().store.get('company', 'incfire.com'))]);
		expect(result.json[0]).toMatchObject({ name: 'IncFire Studios', segment: 'partner' });
		expect(sim().store.companies).toHaveLength(3);
	});

	it(
		'creates a project with its parties, team, ' + 'pictures, dates and value (ProjectRef)',
		async () => {
			const result = await run(sim(), {
				resource: 'project',
				operation: 'create',
				name: 'Meadow Brook Renovation',
				additionalFields: {
					summary: 'Located at 33 Meadow Brook Lane',
					segment: 'project',
					stage: 'future',
					defaultStage: 'current',
					recycleStage: true,
					createdDate: '2018-04-10T00:00:00',
					startDate: '2018-05-01',
					pendingDate: '2018-06-01',
					endDate: '2018-12-31',
					value: 15000,
					picture: 'https://example.com/a.jpg, https://example.com/b.jpg',
					projectTeam: ['dave@incfire.com', 'dana@incfire.com'],
					clientPeople: 'jane@example.com, +1 617 555 1234',
					partnerPeople: 'twitter:samroe',
					clientCompanies: 'acme.example, info@beta.example',
					partnerCompanies: 'ZoimOMrw8VfpDFr6ESegyQ',
					notes: 'Keys under the mat',
					aboutNotes: 'Kitchen and bath',
					node: '/US/West',
					archived: true,
					shareToTeam: true,
					appLinks: { entry: [{ source: 'na16.salesforce.com', uniqueid: '006j000000Pkp1d' }] },
				},
			});
			expect(result.error).toBeUndefined();
			expect(calls(sim())).toEqual(['POST /v1/projects/create', 'GET /v1/projects/get']);
			// Read back by its app link: Cloze looks projects up by Cloze ID or app link, not name.
			expect(requests(sim())[1].query).toEqual({
				uniqueid: 'na16.salesforce.com:006j000000Pkp1d',
			});
			expect(requests(sim())[0].body).toEqual({
				name: 'Meadow Brook Renovation',
				summary: 'Located at 33 Meadow Brook Lane',
				segment: 'project',
				stage: 'future',
				defaultStage: 'current',
				recycleStage: true,
				createdDate: '2018-04-10',
				startDate: '2018-05-01',
				pendingDate: '2018-06-01',
				endDate: '2018-12-31',
				customFields: [{ id: 'value', type: 'currency', value: 15000 }],
				pictures: ['https://example.com/a.jpg', 'https://example.com/b.jpg'],
				projectTeam: ['dave@incfire.com', 'dana@incfire.com'],
				clientpeople: [
					{ emails: [{ value: 'jane@example.com' }] },
					{ phones: [{ value: '+1 617 555 1234', mobile: true }] },
				],
				partnerpeople: [{ socials: [{ type: 'twitter', value: 'samroe' }] }],
				clientcompanies: [
					{ domains: ['acme.example'] },
					{ emails: [{ value: 'info@beta.example' }] },
				],
				partnercompanies: [{ direct: 'ZoimOMrw8VfpDFr6ESegyQ' }],
				atAGlanceNotes: 'Keys under the mat',
				notes: 'Kitchen and bath',
				node: '/US/West',
				archived: true,
				account: 'team',
				appLinks: [{ source: 'na16.salesforce.com', uniqueid: '006j000000Pkp1d' }],
			});
			expect(result.json).toEqual([
				simplifyRecord(sim().store.get('project', 'Meadow Brook Renovation')),
			]);
			expect(result.json[0]).toMatchObject({
				name: 'Meadow Brook Renovation',
				stage: 'future',
				summary: 'Located at 33 Meadow Brook Lane',
			});
		},
	);

	it(
		'creates a project without app links: read back by the Cloze ID that find gives for its ' +
			'name (not by the name)',
		async () => {
			sim().seedProjects(1, { name: 'Meadow Brook Renovation, phase 2' });
			const result = await run(sim(), {
				resource: 'project',
				operation: 'create',
				name: 'Meadow Brook Renovation',
				simplify: false,
			});
			expect(result.error).toBeUndefined();
			const stored = sim().store.projects.find(
				(project) => project.name === 'Meadow Brook Renovation',
			)!;
			expect(
				requests(sim()).map((request) => [request.method, request.path, request.query]),
			).toEqual([
				['POST', '/v1/projects/create', {}],
				[
					'GET',
					'/v1/projects/find',
					{
						freeformquery: 'Meadow Brook Renovation',
						sort: 'name',
						pagenumber: '1',
						pagesize: '1000',
					},
				],
				['GET', '/v1/projects/get', { uniqueid: stored.direct }],
			]);
			expect(result.json).toEqual([stored]);
		},
	);

	it(
		'a created project whose name two projects have: the write is made, the read-back error says ' +
			'so and how to avoid it',
		async () => {
			sim().seedProjects(1, { name: 'Harbor Office', stage: 'done' });
			const result = await run(sim(), {
				resource: 'project',
				operation: 'create',
				name: 'harbor office',
			});
			expect(sim().store.projects).toHaveLength(2);
			expect(result.error?.message).toBe('2 projects are named "harbor office"');
			expect(result.error?.description).toBe(
				'The project was written; only reading it back failed (running the item again writes ' +
					"it again: Cloze merges it). To skip the read, turn off 'Return Stored Record'. Give " +
					'the project an App Link (Source and Unique ID) to read it back by.',
			);
			expect(calls(sim())).toEqual(['POST /v1/projects/create', 'GET /v1/projects/find']);
		},
	);

	it(
		'updates a company with the default pipeline, ' + 'assignment and node fields of the schema',
		async () => {
			const [company] = sim().seedCompanies(1);
			const result = await run(sim(), {
				resource: 'company',
				operation: 'update',
				record: { __rl: true, mode: 'domain', value: company.domains[0] },
				updateFields: {
					defaultStage: 'lead',
					defaultSegment: 'partner',
					defaultAssignTo: 'dave@incfire.com',
					shareTo: 'dana@incfire.com',
					defaultNode: '/US/East',
					archived: true,
					phones: { entry: [{ value: '+1 617 555 7777', work: true, preferred: true }] },
				},
			});
			expect(result.error).toBeUndefined();
			expect(requests(sim())[0].body).toEqual({
				defaultStage: 'lead',
				defaultSegment: 'partner',
				defaultAssignTo: 'dave@incfire.com',
				shareTo: 'dana@incfire.com',
				defaultNode: '/US/East',
				archived: true,
				phones: [{ value: '+1 617 555 7777', work: true, preferred: true }],
				domains: [company.domains[0]],
			});
		},
	);

	it('a project picture saved by an earlier version (one URL) goes out as pictures', async () => {
		await run(sim(), {
			resource: 'project',
			operation: 'create',
			name: 'Barn',
			additionalFields: { picture: 'https://example.com/barn.jpg' },
		});
		expect(requests(sim())[0].body).toEqual({
			name: 'Barn',
			pictures: ['https://example.com/barn.jpg'],
		});
	});

	it(
		"writes a project's Type and Forecast into the account's custom fields, " +
			'never as top-level fields',
		async () => {
			const result = await run(sim(), {
				resource: 'project',
				operation: 'create',
				name: 'Meadow Brook Renovation',
				additionalFields: { projectType: 'renovation', forecast: 'bestcase' },
			});
			// The simulated account has neither field: the node refuses instead of inventing a name.
			expect(result.error?.message).toBe(
				'Type: the Cloze account has no such project custom field',
			);
			expect(calls(sim())).toEqual(['GET /v1/user/fields']);
			const types = await load(sim(), 'loadOptions', 'getProjectTypes', {
				resource: 'project',
				operation: 'create',
			});
			expect(types).toEqual([]);
		},
	);

	it('merges into the existing person with the same e-mail (Cloze upserts)', async () => {
		await run(sim(), person({ email: 'jane@example.com', name: 'Jane Doe' }));
		await run(sim(), person({ email: 'jane@example.com', additionalFields: { stage: 'current' } }));
		expect(sim().store.people).toHaveLength(1);
		expect(sim().store.people[0]).toMatchObject({ name: 'Jane Doe', stage: 'current' });
	});

	it('sends a dry run without storing anything', async () => {
		await run(sim(), person({ email: 'dry@example.com', additionalFields: { dryRun: true } }));
		expect(requests(sim())[0].body).toEqual({
			emails: [{ value: 'dry@example.com' }],
			dryrun: true,
		});
		expect(sim().store.people).toHaveLength(0);
	});

	const EMPTY = '={{ "" }}';
	it.each([
		[
			person({ identifyBy: 'email', email: EMPTY }),
			'Email is required: Cloze creates a person by its e-mail address, or by a name plus ' +
				'a mobile phone or social handle',
		],
		[
			person({ identifyBy: 'email', email: '   ' }),
			'Email is required: Cloze creates a person by its e-mail address, or by a name plus ' +
				'a mobile phone or social handle',
		],
		[
			person({ identifyBy: 'namePhone', name: EMPTY, phone: '+1 617 555 1234' }),
			'Name is required: without an e-mail address, ' +
				'Cloze creates a person by a name plus another identifier',
		],
		[
			person({ identifyBy: 'namePhone', name: 'Pat Lee', phone: EMPTY }),
			'Phone is required: it is the identifier the person is created by, with the name',
		],
		[
			person({ identifyBy: 'nameSocial', name: EMPTY, socialHandle: 'samroe' }),
			'Name is required: without an e-mail address, ' +
				'Cloze creates a person by a name plus another identifier',
		],
		[
			person({ identifyBy: 'nameSocial', name: 'Pat Lee', socialHandle: EMPTY }),
			'Social Handle is required: it is the identifier the person is created by, with the name',
		],
		[
			{ resource: 'company', operation: 'create', identifyBy: 'domain', domain: EMPTY },
			'Domain is required: Cloze creates a company by its domain, or by a name plus an ' +
				'e-mail address or phone',
		],
		[
			{ resource: 'company', operation: 'create', identifyBy: 'email', email: EMPTY },
			'Email is required: Cloze creates a company by its e-mail address and name, or by its domain',
		],
		[
			{ resource: 'company', operation: 'create', identifyBy: 'email', email: 'info@acme.example' },
			'Name is required: Cloze creates a company by e-mail address only with its name',
		],
		[
			{
				resource: 'company',
				operation: 'create',
				identifyBy: 'namePhone',
				phone: '+1 617 555 4444',
			},
			'Name is required: without a domain, ' +
				'Cloze creates a company by a name plus another identifier',
		],
		[
			{ resource: 'project', operation: 'create', name: EMPTY },
			'Name is required: Cloze creates a project only with a name',
		],
	])(
		'refuses a create whose identifier is empty, naming it, before any request (%#)',
		async (parameters, message) => {
			const result = await run(sim(), parameters);
			// An inputError: n8n's RoutingNode passes it on unchanged, without an HTTP code ("Error code:
			// none").
			expect(result.error?.message).toBe(message);
			expect(result.error?.httpCode ?? null).toBeNull();
			expect(result.error?.description).toContain('Fill in the field');
			expect(sim().requests).toHaveLength(0);
		},
	);

	it.each([
		[
			person({ identifyBy: 'namePhone', name: 'Pat Lee', phone: '' }),
			'Parameter "Phone" is required.',
		],
		[
			{ resource: 'company', operation: 'create', identifyBy: 'domain', domain: '' },
			'Parameter "Domain" is required.',
		],
		[{ resource: 'project', operation: 'create', name: '' }, 'Parameter "Name" is required.'],
	])(
		'a form left empty is refused by n8n itself, naming the field (%#)',
		async (parameters, message) => {
			await expect(run(sim(), parameters)).rejects.toThrow(message);
			expect(sim().requests).toHaveLength(0);
		},
	);

	it(
		"surfaces Cloze's errorcode 11 when the " + 'identifier given is not one Cloze can use',
		async () => {
			const result = await run(
				sim(),
				person({ identifyBy: 'namePhone', name: 'Pat Lee', phone: '12' }),
			);
			expect(calls(sim())).toEqual(['POST /v1/people/create']);
			expect(result.error?.message).toBe('Cloze error 11: No identifiers available');
			expect(sim().store.people).toHaveLength(0);
		},
	);
});

describe('Custom fields', () => {
	it('sends custom fields typed by the account, with Lead Source and Role by name', async () => {
		const result = await run(
			sim(),
			person({
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
			}),
		);
		expect(result.error).toBeUndefined();
		expect(calls(sim())).toEqual([
			'GET /v1/user/fields',
			'POST /v1/people/create',
			'GET /v1/people/get',
		]);
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
		expect(calls(sim())).toEqual(['POST /v1/people/create', 'GET /v1/people/get']);
	});

	it.each([
		['meeting-limit', 'twelve', 'Custom field "meeting-limit": "twelve" is not a number'],
		[
			'is-contacted',
			'maybe',
			'Custom field "is-contacted": "maybe" is not one of its values: Yes (yes), No (no)',
		],
		['birthday', 'someday', 'Custom field "birthday": "someday" is not a date (e.g. 2025-12-31)'],
		[
			'employees',
			'12',
			'Custom field "employees": the Cloze account has no such person custom field',
		],
	])('refuses %s = %s before writing', async (id, value, message) => {
		const result = await run(
			sim(),
			person({
				email: 'jane@example.com',
				additionalFields: { customFields: { field: [{ id, value }] } },
			}),
		);
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
		sim().seedPeople(1, {
			emails: [{ value: 'jane@example.com' }],
			name: 'Jane Doe',
			keywords: ['vip'],
		});
		const result = await run(sim(), {
			resource: 'person',
			operation: 'update',
			record: { __rl: true, mode: 'email', value: 'jane@example.com' },
			updateFields: { name: 'Jane Q. Doe', stage: 'current', keywords: 'newsletter' },
		});
		expect(result.error).toBeUndefined();
		expect(calls(sim())).toEqual(['POST /v1/people/update', 'GET /v1/people/get']);
		expect(requests(sim())[1].query).toEqual({ uniqueid: 'jane@example.com' });
		expect(requests(sim())[0].body).toEqual({
			name: 'Jane Q. Doe',
			stage: 'current',
			keywords: ['newsletter'],
			emails: [{ value: 'jane@example.com' }],
		});
		expect(result.json).toEqual([simplifyRecord(sim().store.get('person', 'jane@example.com'))]);
		expect(result.json[0]).toMatchObject({ name: 'Jane Q. Doe', stage: 'current' });
		expect(sim().store.get('person', 'jane@example.com')).toMatchObject({
			name: 'Jane Q. Doe',
			stage: 'current',
			keywords: ['vip', 'newsletter'],
		});
	});

	it('updates by phone, domain and Cloze ID', async () => {
		const [company] = sim().seedCompanies(1);
		sim().seedPeople(1, { phones: [{ value: '+1 617 555 0000' }] });
		await run(sim(), {
			resource: 'person',
			operation: 'update',
			record: { __rl: true, mode: 'phone', value: '+1 617 555 0000' },
			updateFields: { name: 'Pat Lee', headline: 'CTO' },
		});
		await run(sim(), {
			resource: 'company',
			operation: 'update',
			record: { __rl: true, mode: 'domain', value: company.domains[0] },
			updateFields: { stage: 'lead' },
		});
		await run(sim(), {
			resource: 'company',
			operation: 'update',
			record: { __rl: true, mode: 'list', value: company.direct },
			updateFields: { segment: 'partner' },
		});
		expect(writes().map((request) => [request.path, request.body])).toEqual([
			[
				'/v1/people/update',
				{ name: 'Pat Lee', headline: 'CTO', phones: [{ value: '+1 617 555 0000', mobile: true }] },
			],
			['/v1/companies/update', { stage: 'lead', domains: [company.domains[0]] }],
			['/v1/companies/update', { segment: 'partner', direct: company.direct }],
		]);
		expect(sim().store.get('company', company.direct)).toMatchObject({
			stage: 'lead',
			segment: 'partner',
		});
	});

	it(
		'refuses an update by phone (and a company by e-mail) without the name Cloze finds it ' +
			'by, before any request',
		async () => {
			const byPhone = await run(sim(), {
				resource: 'person',
				operation: 'update',
				record: { __rl: true, mode: 'phone', value: '+1 617 555 0000' },
				updateFields: { headline: 'CTO' },
			});
			expect(byPhone.error?.message).toBe(
				'Name (under Update Fields) is required: ' +
					'Cloze finds a person by phone only together with its name',
			);
			const byEmail = await run(sim(), {
				resource: 'company',
				operation: 'update',
				record: { __rl: true, mode: 'email', value: 'info@acme.example' },
				updateFields: { stage: 'lead' },
			});
			expect(byEmail.error?.message).toBe(
				'Name (under Update Fields) is required: Cloze finds a company by e-mail address ' +
					'only together with its name',
			);
			expect(sim().requests).toHaveLength(0);
		},
	);

	it('updates a project by Cloze ID with its required name', async () => {
		const [project] = sim().seedProjects(1);
		await run(sim(), {
			resource: 'project',
			operation: 'update',
			record: { __rl: true, mode: 'id', value: project.direct },
			name: 'Renamed Project',
			updateFields: { stage: 'current', value: 2500 },
		});
		expect(requests(sim())[0].body).toEqual({
			stage: 'current',
			customFields: [{ id: 'value', type: 'currency', value: 2500 }],
			direct: project.direct,
			name: 'Renamed Project',
		});
		expect(sim().store.get('project', project.direct)).toMatchObject({
			name: 'Renamed Project',
			stage: 'current',
		});
	});

	it(
		'refuses an update without a record, ' +
			'or a project update without a name, before any request',
		async () => {
			const noRecord = await run(sim(), {
				resource: 'person',
				operation: 'update',
				record: { __rl: true, mode: 'id', value: '={{ "" }}' },
			});
			expect(noRecord.error?.message).toMatch(/^Person is required/);
			const noName = await run(sim(), {
				resource: 'project',
				operation: 'update',
				record: { __rl: true, mode: 'id', value: 'abc' },
				name: '={{ " " }}',
			});
			expect(noName.error?.message).toMatch(
				/^Name is required: Cloze needs the project name on every update/,
			);
			expect(sim().requests).toHaveLength(0);
		},
	);

	it("surfaces Cloze's answer when the record does not exist", async () => {
		const result = await run(sim(), {
			resource: 'person',
			operation: 'update',
			record: { __rl: true, mode: 'email', value: 'nobody@example.com' },
			updateFields: { stage: 'lead' },
		});
		expect(result.error?.message).toBe('Cloze error 5: Person not found');
	});
});

describe('What Create and Update output', () => {
	it(
		'Simplify off: the full record as Cloze stored it, ' +
			'read back by the identifier it was written by',
		async () => {
			const result = await run(
				sim(),
				person({
					email: 'jane@example.com',
					name: 'Jane Doe',
					simplify: false,
					additionalFields: { stage: 'lead', keywords: 'vip' },
				}),
			);
			expect(calls(sim())).toEqual(['POST /v1/people/create', 'GET /v1/people/get']);
			expect(requests(sim())[1].query).toEqual({ uniqueid: 'jane@example.com' });
			expect(requests(sim())[1].body).toBeUndefined();
			const stored = sim().store.get('person', 'jane@example.com');
			expect(result.json).toEqual([stored]);
			expect(result.json[0]).toMatchObject({ name: 'Jane Doe', stage: 'lead', keywords: ['vip'] });
		},
	);

	it('an Update by Cloze ID reads the record back by that ID', async () => {
		const [company] = sim().seedCompanies(1);
		const result = await run(sim(), {
			resource: 'company',
			operation: 'update',
			record: { __rl: true, mode: 'id', value: company.direct },
			updateFields: { segment: 'partner' },
		});
		expect(calls(sim())).toEqual(['POST /v1/companies/update', 'GET /v1/companies/get']);
		expect(requests(sim())[1].query).toEqual({ uniqueid: company.direct });
		expect(result.json).toEqual([simplifyRecord(sim().store.get('company', company.direct))]);
		expect(result.json[0]).toMatchObject({ direct: company.direct, segment: 'partner' });
	});

	it(
		'Return Stored Record off: exactly one request per item; ' +
			'each item is the identifier and the fields sent',
		async () => {
			const input = [
				{ email: 'a@example.com', name: 'Ann' },
				{ email: 'b@example.com', name: 'Bob' },
				{ email: 'c@example.com', name: 'Cy' },
			];
			const result = await run(
				sim(),
				person({
					email: '={{ $json.email }}',
					name: '={{ $json.name }}',
					returnStoredRecord: false,
					additionalFields: { stage: 'lead' },
				}),
				{ input },
			);
			expect(result.error).toBeUndefined();
			expect(calls(sim())).toEqual([
				'POST /v1/people/create',
				'POST /v1/people/create',
				'POST /v1/people/create',
			]);
			expect(result.json).toEqual(
				input.map(({ email, name }) => ({
					uniqueid: email,
					name,
					stage: 'lead',
					emails: [{ value: email }],
				})),
			);
			expect(sim().store.people).toHaveLength(3);
		},
	);

	it(
		'Return Stored Record off: Simplify does not apply to the fields sent; an Update outputs ' +
			'the record locator value as uniqueid',
		async () => {
			sim().seedPeople(1, { emails: [{ value: 'jane@example.com' }] });
			const result = await run(sim(), {
				resource: 'person',
				operation: 'update',
				record: { __rl: true, mode: 'email', value: 'jane@example.com' },
				returnStoredRecord: false,
				simplify: true,
				updateFields: { headline: 'CTO' },
			});
			expect(calls(sim())).toEqual(['POST /v1/people/update']);
			expect(result.json).toEqual([
				{ uniqueid: 'jane@example.com', headline: 'CTO', emails: [{ value: 'jane@example.com' }] },
			]);
		},
	);

	it('a dry run stores nothing, so nothing is read back: the item is what was sent', async () => {
		const result = await run(
			sim(),
			person({ email: 'dry@example.com', additionalFields: { dryRun: true } }),
		);
		expect(calls(sim())).toEqual(['POST /v1/people/create']);
		expect(result.json).toEqual([
			{ uniqueid: 'dry@example.com', emails: [{ value: 'dry@example.com' }], dryrun: true },
		]);
	});

	it(
		'a read-back that fails says the record was written and how to skip the read; ' +
			'continueOnFail keeps the other items',
		async () => {
			sim().addFault({ method: 'GET', path: '/v1/people/get', status: 403, times: 1 });
			const result = await run(sim(), person({ email: '={{ $json.email }}' }), {
				input: [{ email: 'a@example.com' }, { email: 'b@example.com' }],
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			// The items run concurrently: either one's read may be the one refused.
			const failed = result.items.find((item) => item.error)!;
			const written = result.items.find((item) => !item.error)!;
			expect(result.items.filter((item) => item.error)).toHaveLength(1);
			expect(failed.error?.message).toBe('Cloze refused access (HTTP 403)');
			expect(failed.error?.description).toMatch(
				new RegExp(
					"^The person was written; only reading it back failed .*turn off 'Return Stored " +
						"Record'\\. The Cloze account or key lacks",
				),
			);
			expect(written.error).toBeUndefined();
			expect(written.json).toMatchObject({
				emails: [expect.stringMatching(/^[ab]@example\.com$/)],
			});
			expect(sim().store.people).toHaveLength(2);
		},
	);
});
