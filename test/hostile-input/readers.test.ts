/**
 * Malformed answers from Cloze (or from something posing as Cloze): `null` entries, entries that
 * are not records, `customFields: [null]`, a list that is not an array, a `get` without its record.
 * The readers keep what is valid, pass what is not on as `{ raw, note }`, and turn an answer with
 * nothing usable into a NodeApiError; nothing throws a raw TypeError. Through n8n's real engine
 * against the simulator, whose fault injection answers the malformed bodies.
 */
import { apiKeyCredentials, runCredentialTest } from '../helpers/engine';
import { load, rl, run, useSimulator } from '../helpers/harness';

const sim = useSimulator();

const good = {
	direct: 'd-1',
	name: 'Good Record',
	emails: [{ value: 'good@example.com' }],
	lastChanged: 1700000000000,
};
const answer = (path: string, body: unknown) =>
	sim().addFault({ method: 'GET', path, status: 200, body });

describe('Get', () => {
	it.each([
		['no record at all', { errorcode: 0 }, 'holds nothing'],
		['a null record', { errorcode: 0, person: null }, 'holds null'],
		['a string as the record', { errorcode: 0, person: 'jane' }, 'holds a string'],
	])('%s: a NodeApiError saying so, not a TypeError', async (_case, body, holds) => {
		answer('/v1/people/get', body);
		const result = await run(sim(), {
			resource: 'person',
			operation: 'get',
			record: rl('email', 'jane@example.com'),
		});
		expect(result.error?.message).toBe(`Cloze answered without the person: "person" ${holds}`);
		expect(result.error?.httpCode).toBe('200');
		expect(result.error?.description).toContain('sent no person record');
	});

	it(
		'with Continue On Fail, ' +
			'the item without a record becomes an error item and the next one is read',
		async () => {
			answer('/v1/people/get', { errorcode: 0, person: null });
			answer('/v1/people/get', { errorcode: 0, person: good });
			const result = await run(
				sim(),
				{ resource: 'person', operation: 'get', record: rl('email', '={{ $json.email }}') },
				{ input: [{ email: 'a@example.com' }, { email: 'b@example.com' }], continueOnFail: true },
			);
			expect(result.json).toEqual([
				{ error: 'Cloze answered without the person: "person" holds null' },
				expect.objectContaining({ direct: 'd-1', name: 'Good Record' }),
			]);
		},
	);

	it('custom fields with null entries keep the valid ones', async () => {
		answer('/v1/people/get', {
			errorcode: 0,
			person: {
				...good,
				customFields: [null, 'text', { id: 'score', value: 7 }, { value: 'no id' }],
			},
		});
		const result = await run(sim(), {
			resource: 'person',
			operation: 'get',
			record: rl('email', 'good@example.com'),
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({ direct: 'd-1', customFields: { score: 7 } }),
		]);
	});
});

describe('Get Many and Get Changes', () => {
	it(
		'Get Many: entries that are not records come as raw items with a note, ' +
			'in place; the records are kept',
		async () => {
			answer('/v1/people/find', {
				errorcode: 0,
				availablecount: 3,
				people: [null, { ...good, customFields: [null] }, 'junk'],
			});
			const result = await run(sim(), { resource: 'person', operation: 'getAll', returnAll: true });
			expect(result.error).toBeUndefined();
			expect(result.json).toEqual([
				{ raw: null, note: expect.stringContaining('Cloze sent null where a record was expected') },
				expect.objectContaining({ direct: 'd-1', name: 'Good Record' }),
				{
					raw: 'junk',
					note: expect.stringContaining('Cloze sent a string where a record was expected'),
				},
			]);
		},
	);

	it(
		'Get Many: a list that is not a list is ' + 'an error naming what came, not a TypeError',
		async () => {
			answer('/v1/people/find', { errorcode: 0, availablecount: 1, people: 'none' });
			const result = await run(sim(), { resource: 'person', operation: 'getAll', returnAll: true });
			expect(result.error?.message).toContain(
				'Cloze\'s answer holds a string under "people" instead of a list',
			);
		},
	);

	it('Get Many with Simplify off keeps the raw records and notes the rest', async () => {
		answer('/v1/people/find', { errorcode: 0, availablecount: 2, people: [good, 42] });
		const result = await run(sim(), {
			resource: 'person',
			operation: 'getAll',
			returnAll: true,
			simplify: false,
		});
		expect(result.json).toEqual([good, { raw: 42, note: expect.stringContaining('a number') }]);
	});

	it(
		'Get Changes: a null entry and an audited entry ' +
			'without its record are noted, the good entry kept',
		async () => {
			answer('/v1/people/feed', {
				errorcode: 0,
				availablecount: 3,
				cursor: 'c-1',
				results: [
					null,
					{ person: null, changes: {} },
					{ person: good, changes: { stage: { before: 'lead', after: 'current' } } },
				],
			});
			const result = await run(sim(), {
				resource: 'person',
				operation: 'getChanges',
				returnAll: true,
				includeAuditedChanges: true,
			});
			expect(result.error).toBeUndefined();
			expect(result.json).toEqual([
				{ raw: null, note: expect.any(String), cursor: 'c-1' },
				{
					raw: { person: null, changes: {} },
					note: expect.stringContaining('{ person, changes } entry'),
					cursor: 'c-1',
				},
				expect.objectContaining({
					person: expect.objectContaining({ direct: 'd-1' }),
					cursor: 'c-1',
				}),
			]);
		},
	);
});

describe('option lists and list search', () => {
	it('a segment list with null and keyless entries shows the valid ones', async () => {
		answer('/v1/user/segments/people', {
			errorcode: 0,
			list: [null, { name: 'No key' }, { key: 'customer', name: 'Customer' }],
		});
		expect(await load(sim(), 'loadOptions', 'getSegments', { resource: 'person' })).toEqual([
			{ name: 'Customer', value: 'customer' },
		]);
	});

	it('a list that is not an array is a NodeApiError naming what came', async () => {
		answer('/v1/team/members/list', { errorcode: 0, list: { a: 1 } });
		await expect(
			load(sim(), 'loadOptions', 'getTeamMembers', { resource: 'person' }),
		).rejects.toThrow('Cloze\'s answer holds an object under "list" instead of a list');
	});

	it('custom fields, steps, roles and nodes skip what they cannot show', async () => {
		answer('/v1/user/fields', {
			errorcode: 0,
			list: [null, { id: 'score', name: 'Score', type: 'number' }, { name: 'no id' }],
		});
		answer('/v1/user/steps', {
			errorcode: 0,
			segments: {
				customer: null,
				partner: { lead: { steps: [null, { key: 's1', name: 'Call' }] } },
			},
		});
		answer('/v1/team/roles', { errorcode: 0, list: [null, { id: 'r1', name: 'Admin' }] });
		answer('/v1/team/nodes', {
			errorcode: 0,
			list: ['x', { fullPathLabel: 'No node' }, { node: '/USA', fullPathLabel: 'USA' }],
		});
		expect(await load(sim(), 'loadOptions', 'getCustomFields', { resource: 'person' })).toEqual([
			{ name: 'Score', value: 'score', description: 'number field' },
		]);
		expect(await load(sim(), 'loadOptions', 'getSteps', { resource: 'person' })).toEqual([
			{ name: 'Call (partner / lead)', value: 's1' },
		]);
		expect(await load(sim(), 'loadOptions', 'getTeamRoles', { resource: 'person' })).toEqual([
			{ name: 'Admin', value: 'Admin' },
		]);
		expect(await load(sim(), 'loadOptions', 'getTeamNodes', { resource: 'person' })).toEqual([
			{ name: 'USA', value: '/USA', description: '/USA' },
		]);
	});

	it('list search leaves out entries that are not records', async () => {
		answer('/v1/people/find', { errorcode: 0, availablecount: 2, people: [null, good] });
		const found = (await load(sim(), 'listSearch', 'searchPeople', { resource: 'person' }, [
			'',
		])) as { results: unknown[] };
		expect(found.results).toEqual([{ name: 'Good Record (good@example.com)', value: 'd-1' }]);
	});

	it('list search refuses a root that is not a list', async () => {
		answer('/v1/people/find', { errorcode: 0, people: 'none' });
		await expect(
			load(sim(), 'listSearch', 'searchPeople', { resource: 'person' }, ['']),
		).rejects.toThrow('Cloze\'s answer holds a string under "people" instead of a list');
	});
});

describe('credential test', () => {
	const data = () => apiKeyCredentials(sim().url).clozeApi;

	// Cloze's schema answers the profile under `profile`, its example under `user`: both are taken.
	it.each([
		['a null profile', { errorcode: 0, profile: null }],
		['a null user', { errorcode: 0, user: null }],
		['a profile with a null e-mail', { errorcode: 0, profile: { email: null } }],
		['an empty e-mail', { errorcode: 0, user: { email: '' } }],
		['an empty profile e-mail', { errorcode: 0, profile: { email: '' } }],
		["a body that is not Cloze's", { profile: { email: 'a@b.c' } }],
	])('fails on %s', async (_case, body) => {
		answer('/v1/user/profile', body);
		const result = await runCredentialTest(data());
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/profile/);
	});

	it.each([
		['profile', { errorcode: 0, profile: { email: 'me@example.com' } }],
		['user', { errorcode: 0, user: { email: 'me@example.com' } }],
	])('passes on a profile with an e-mail under %s', async (_case, body) => {
		answer('/v1/user/profile', body);
		expect(await runCredentialTest(data())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
	});

	it("passes on the simulator's profile", async () => {
		expect(await runCredentialTest(data())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
	});
});
