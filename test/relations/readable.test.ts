/**
 * Human-Readable Values on the reads of people, companies and projects, through n8n's real engine
 * against the simulator: segment, stage, step, assignee and keyword custom field codes become the
 * account's labels, UTC ms dates ISO 8601, unknown codes stay, Simplify on and off, and the
 * account lists are read once per node run, only those the output needs.
 */
import { calls, requests, run, useSimulator } from '../helpers/harness';

const sim = useSimulator();

const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

/** The account-list requests of the run (everything but the reads themselves). */
const metadataCalls = () =>
	calls(sim()).filter((call) => call.includes('/v1/user/') || call.includes('/v1/team/'));

const seedClient = (email: string, overrides: Record<string, unknown> = {}) =>
	sim().seedPeople(1, {
		name: 'Abby Vine',
		emails: [{ value: email }],
		segment: 'customer',
		stage: 'current',
		step: 's-00004',
		assignTo: 'dave@incfire.com',
		customFields: [
			{ id: 'lead-source', type: 'keyword', value: 'referral' },
			{ id: 'words-of-wisdom', type: 'text', value: 'Stay calm' },
			{ id: 'is-contacted', type: 'keyword', value: 'maybe' },
		],
		...overrides,
	})[0];

describe('Human-Readable Values', () => {
	it(
		'Get, simplified: labels for segment, stage, step, assignee and keyword values; ' +
			'lastChanged in ISO 8601',
		async () => {
			const seeded = seedClient('abby@example.com');
			const result = await run(sim(), {
				resource: 'person',
				operation: 'get',
				record: rl('email', 'abby@example.com'),
				options: { humanReadable: true },
			});
			expect(result.error).toBeUndefined();
			expect(result.json).toEqual([
				{
					direct: seeded.direct,
					name: 'Abby Vine',
					first: seeded.first,
					last: seeded.last,
					emails: ['abby@example.com'],
					segment: 'Client',
					stage: 'Active',
					step: 'Onboard',
					assignee: 'Dave Varenos',
					lastChanged: new Date(seeded.lastChanged).toISOString(),
					// "maybe" is no value of the account's Is Contacted field: it stays as it is.
					customFields: {
						'lead-source': 'Referral',
						'words-of-wisdom': 'Stay calm',
						'is-contacted': 'maybe',
					},
				},
			]);
			expect(metadataCalls().sort()).toEqual(
				[
					'GET /v1/team/members/list',
					'GET /v1/user/fields',
					'GET /v1/user/segments/people',
					'GET /v1/user/stages/people',
					'GET /v1/user/steps',
				].sort(),
			);
			expect(requests(sim()).find((request) => request.path === '/v1/user/fields')?.query).toEqual({
				relationtype: 'person',
			});
		},
	);

	it(
		'Get with the option off (the default) ' + 'outputs Cloze codes and reads no account list',
		async () => {
			seedClient('abby@example.com');
			const result = await run(sim(), {
				resource: 'person',
				operation: 'get',
				record: rl('email', 'abby@example.com'),
			});
			expect(result.json[0]).toMatchObject({
				segment: 'customer',
				stage: 'current',
				step: 's-00004',
				assignee: 'dave@incfire.com',
			});
			expect(typeof result.json[0].lastChanged).toBe('number');
			expect(calls(sim())).toEqual(['GET /v1/people/get']);
		},
	);

	it(
		'Get, Simplify off: the full record is relabelled in place, ' +
			'custom field entries keep id and type',
		async () => {
			const seeded = seedClient('abby@example.com');
			const result = await run(sim(), {
				resource: 'person',
				operation: 'get',
				record: rl('email', 'abby@example.com'),
				simplify: false,
				options: { humanReadable: true },
			});
			expect(result.json[0]).toEqual({
				...seeded,
				segment: 'Client',
				stage: 'Active',
				step: 'Onboard',
				assignee: 'Dave Varenos',
				lastChanged: new Date(seeded.lastChanged).toISOString(),
				customFields: [
					{ id: 'lead-source', type: 'keyword', value: 'Referral' },
					{ id: 'words-of-wisdom', type: 'text', value: 'Stay calm' },
					{ id: 'is-contacted', type: 'keyword', value: 'maybe' },
				],
			});
		},
	);

	it(
		'keeps codes the account does not list, ' + 'and reads only the lists the record needs',
		async () => {
			sim().seedPeople(1, {
				name: 'Nobody Known',
				emails: [{ value: 'x@example.com' }],
				segment: 'gone-segment',
				stage: 'current',
			});
			const result = await run(sim(), {
				resource: 'person',
				operation: 'get',
				record: rl('email', 'x@example.com'),
				options: { humanReadable: true },
			});
			expect(result.json[0]).toMatchObject({ segment: 'gone-segment', stage: 'Active' });
			expect(result.json[0].step).toBeUndefined();
			// No step, assignee or custom field in the record: those lists are not read.
			expect(metadataCalls().sort()).toEqual([
				'GET /v1/user/segments/people',
				'GET /v1/user/stages/people',
			]);
		},
	);

	it('a list Cloze refuses (no team) leaves its codes and the read succeeds', async () => {
		seedClient('abby@example.com');
		sim().addFault({
			path: '/v1/team/members/list',
			status: 200,
			body: { errorcode: 7, message: 'Not a team account' },
		});
		const result = await run(sim(), {
			resource: 'person',
			operation: 'get',
			record: rl('email', 'abby@example.com'),
			options: { humanReadable: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			segment: 'Client',
			stage: 'Active',
			assignee: 'dave@incfire.com',
		});
		expect(metadataCalls()).toContain('GET /v1/team/members/list');
	});

	it('projects use the project lists; a date custom field stays a day', async () => {
		sim().seedProjects(1, {
			name: 'Meadow Brook Renovation',
			segment: 'project',
			stage: 'won',
			customFields: [{ id: 'closing-date', type: 'date', value: '2026-01-15' }],
		});
		const result = await run(sim(), {
			resource: 'project',
			operation: 'get',
			record: rl('name', 'Meadow Brook Renovation'),
			options: { humanReadable: true },
		});
		expect(result.json[0]).toMatchObject({
			segment: 'Deals',
			stage: 'Done',
			customFields: { 'closing-date': '2026-01-15' },
		});
		expect(metadataCalls().sort()).toEqual([
			'GET /v1/user/fields',
			'GET /v1/user/segments/projects',
			'GET /v1/user/stages/projects',
		]);
	});

	it(
		'Get for many input items reads each account list once per run, ' + 'not once per item',
		async () => {
			seedClient('a@example.com');
			seedClient('b@example.com', { segment: 'partner', stage: 'lead', step: 's-00001' });
			seedClient('c@example.com');
			const result = await run(
				sim(),
				{
					resource: 'person',
					operation: 'get',
					record: rl('email', '={{ $json.email }}'),
					options: { humanReadable: true },
				},
				{
					input: [
						{ email: 'a@example.com' },
						{ email: 'b@example.com' },
						{ email: 'c@example.com' },
					],
				},
			);
			expect(result.json.map((item) => [item.segment, item.stage, item.step])).toEqual([
				['Client', 'Active', 'Onboard'],
				['Partners', 'Lead', 'Qualify'],
				['Client', 'Active', 'Onboard'],
			]);
			expect(calls(sim()).filter((call) => call === 'GET /v1/people/get')).toHaveLength(3);
			expect(metadataCalls()).toHaveLength(5);
			expect(new Set(metadataCalls()).size).toBe(5);
			// A new run reads the lists again: a change to the account shows in the next execution.
			await run(sim(), {
				resource: 'person',
				operation: 'get',
				record: rl('email', 'a@example.com'),
				options: { humanReadable: true },
			});
			expect(metadataCalls()).toHaveLength(10);
		},
	);

	it('Get Many over several pages reads each list once', async () => {
		sim().seedPeople(1003, { segment: 'custom2', stage: 'current' });
		const result = await run(sim(), {
			resource: 'person',
			operation: 'getAll',
			returnAll: true,
			options: { humanReadable: true },
		});
		expect(calls(sim()).filter((call) => call === 'GET /v1/people/find')).toHaveLength(2);
		expect(result.json).toHaveLength(1003);
		for (const item of result.json) {
			expect(item).toMatchObject({ segment: 'Sellers', stage: 'Active' });
			expect(item.lastChanged).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		}
		expect(metadataCalls().sort()).toEqual([
			'GET /v1/user/segments/people',
			'GET /v1/user/stages/people',
		]);
	});

	it(
		'Get Changes with audited changes: ' + 'the record and the before/after values are labelled',
		async () => {
			const [person] = sim().seedPeople(1, {
				name: 'Abby Vine',
				emails: [{ value: 'abby@example.com' }],
				segment: 'customer',
				stage: 'lead',
			});
			const first = await run(sim(), {
				resource: 'person',
				operation: 'getChanges',
				returnAll: true,
				includeAuditedChanges: true,
			});
			const cursor = first.json[0].cursor as string;
			sim().changeRelation('person', 'abby@example.com', { stage: 'current' });
			sim().clearLog();
			const result = await run(sim(), {
				resource: 'person',
				operation: 'getChanges',
				returnAll: true,
				cursor,
				options: { humanReadable: true },
			});
			expect(result.error).toBeUndefined();
			expect(result.json).toHaveLength(1);
			const item = result.json[0] as {
				person: Record<string, unknown>;
				changes: Record<string, { before: unknown; after: unknown }>;
			};
			expect(item.person).toMatchObject({
				direct: person.direct,
				segment: 'Client',
				stage: 'Active',
			});
			expect(item.changes.stage).toEqual({ before: 'Lead', after: 'Active' });
			expect(metadataCalls().sort()).toEqual([
				'GET /v1/user/segments/people',
				'GET /v1/user/stages/people',
			]);
		},
	);
});

describe('Human-Readable Values on the stored record of Create or Update and Update', () => {
	it(
		'Create or Update: the record read back has labels; ' +
			'each list read once per run for all items',
		async () => {
			const result = await run(
				sim(),
				{
					resource: 'person',
					operation: 'create',
					identifyBy: 'email',
					email: '={{ $json.email }}',
					name: 'Abby Vine',
					additionalFields: { segment: 'customer', stage: 'current' },
					options: { humanReadable: true },
				},
				{ input: [{ email: 'a@example.com' }, { email: 'b@example.com' }] },
			);
			expect(result.error).toBeUndefined();
			expect(result.json.map((item) => [item.emails, item.segment, item.stage])).toEqual([
				[['a@example.com'], 'Client', 'Active'],
				[['b@example.com'], 'Client', 'Active'],
			]);
			for (const item of result.json)
				expect(item.lastChanged).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
			expect(calls(sim()).filter((call) => call === 'POST /v1/people/create')).toHaveLength(2);
			expect(calls(sim()).filter((call) => call === 'GET /v1/people/get')).toHaveLength(2);
			expect(metadataCalls().sort()).toEqual([
				'GET /v1/user/segments/people',
				'GET /v1/user/stages/people',
			]);
			// What is stored is the code: labels are only in the output.
			expect(sim().store.get('person', 'a@example.com')).toMatchObject({
				segment: 'customer',
				stage: 'current',
			});
		},
	);

	it(
		'Update, Simplify off: the full stored record relabelled, ' + 'keyword custom fields too',
		async () => {
			seedClient('abby@example.com');
			const result = await run(sim(), {
				resource: 'person',
				operation: 'update',
				record: rl('email', 'abby@example.com'),
				updateFields: { stage: 'lead' },
				simplify: false,
				options: { humanReadable: true },
			});
			expect(result.error).toBeUndefined();
			const stored = sim().store.get('person', 'abby@example.com');
			if (!stored) throw new Error('the simulator holds no abby@example.com');
			expect(result.json).toEqual([
				{
					...stored,
					segment: 'Client',
					stage: 'Lead',
					step: 'Onboard',
					assignee: 'Dave Varenos',
					lastChanged: new Date(stored.lastChanged).toISOString(),
					customFields: [
						{ id: 'lead-source', type: 'keyword', value: 'Referral' },
						{ id: 'words-of-wisdom', type: 'text', value: 'Stay calm' },
						{ id: 'is-contacted', type: 'keyword', value: 'maybe' },
					],
				},
			]);
		},
	);

	it('off (the default): the stored record with its codes, and no account list read', async () => {
		const result = await run(sim(), {
			resource: 'company',
			operation: 'create',
			name: 'IncFire Studios',
			identifyBy: 'domain',
			domain: 'incfire.com',
			additionalFields: { segment: 'partner' },
		});
		expect(result.json[0]).toMatchObject({ segment: 'partner' });
		expect(typeof result.json[0].lastChanged).toBe('number');
		expect(metadataCalls()).toEqual([]);
	});

	it(
		'projects: the project lists; ' +
			'a list Cloze refuses leaves its codes and the write succeeds',
		async () => {
			sim().addFault({
				path: '/v1/user/stages/projects',
				status: 200,
				body: { errorcode: 7, message: 'Not available' },
			});
			const result = await run(sim(), {
				resource: 'project',
				operation: 'create',
				name: 'Meadow Brook Renovation',
				additionalFields: { segment: 'project', stage: 'won' },
				options: { humanReadable: true },
			});
			expect(result.error).toBeUndefined();
			expect(result.json[0]).toMatchObject({
				name: 'Meadow Brook Renovation',
				segment: 'Deals',
				stage: 'won',
			});
			expect(metadataCalls().sort()).toEqual([
				'GET /v1/user/segments/projects',
				'GET /v1/user/stages/projects',
			]);
		},
	);

	it(
		'the option is offered only while Return Stored Record is on; ' +
			'off, the item is what was sent',
		async () => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { Cloze } = require('../../nodes/Cloze/Cloze.node');
			const properties = new Cloze().description.properties as Array<{
				name: string;
				displayOptions?: { show?: Record<string, unknown[]> };
				options?: Array<{ name: string }>;
			}>;
			for (const operation of ['create', 'update']) {
				for (const kind of ['person', 'company', 'project']) {
					const options = properties.filter(
						(property) =>
							property.name === 'options' &&
							property.displayOptions?.show?.resource?.includes(kind) &&
							property.displayOptions?.show?.operation?.includes(operation),
					);
					expect(options).toHaveLength(1);
					expect(options[0].displayOptions?.show?.returnStoredRecord).toEqual([true]);
					expect(options[0].options?.map((option) => option.name)).toEqual(['humanReadable']);
				}
			}
			const result = await run(sim(), {
				resource: 'person',
				operation: 'create',
				identifyBy: 'email',
				email: 'x@example.com',
				additionalFields: { segment: 'customer' },
				returnStoredRecord: false,
				options: { humanReadable: true },
			});
			expect(result.json).toEqual([
				expect.objectContaining({ uniqueid: 'x@example.com', segment: 'customer' }),
			]);
			expect(calls(sim())).toEqual(['POST /v1/people/create']);
		},
	);
});
