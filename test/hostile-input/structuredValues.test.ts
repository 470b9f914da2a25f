/**
 * An expression that resolves to an object or an array in a field that takes one value is refused
 * before any request, naming the field and the type received (it used to be sent as
 * `[object Object]` or `a,b`). Fields that take lists accept arrays. Through n8n's real engine,
 * against the Cloze simulator.
 */
import { calls, requests, rl, run, useSimulator } from '../helpers/harness';

const sim = useSimulator();

describe('objects and arrays in single-value fields', () => {
	it(
		'refuses an object as the e-mail of a new person, ' +
			'naming the field and the type, and sends nothing',
		async () => {
			const result = await run(
				sim(),
				{
					resource: 'person',
					operation: 'create',
					identifyBy: 'email',
					email: '={{ $json.email }}',
					name: 'Jane',
				},
				{ input: [{ email: { value: 'jane@example.com' } }] },
			);
			expect(result.error?.message).toBe(
				'Email must be a single value, but the expression gave an object',
			);
			expect(result.error?.description).toContain('{"value":"jane@example.com"}');
			expect(calls(sim())).toEqual([]);
		},
	);

	it('refuses an array as the record of a Delete: nothing is deleted', async () => {
		const [person] = sim().seedPeople(2);
		const result = await run(
			sim(),
			{ resource: 'person', operation: 'delete', record: rl('email', '={{ $json.ids }}') },
			{ input: [{ ids: [person.emails[0].value, 'other@example.com'] }] },
		);
		expect(result.error?.message).toMatch(
			/^Person.* must be a single value, but the expression gave an array$/,
		);
		expect(calls(sim())).toEqual([]);
	});

	it('names a field inside a collection by its path', async () => {
		const result = await run(
			sim(),
			{
				resource: 'person',
				operation: 'create',
				identifyBy: 'email',
				email: 'jane@example.com',
				additionalFields: { headline: '={{ $json.headline }}' },
			},
			{ input: [{ headline: { text: 'VP' } }] },
		);
		expect(result.error?.message).toBe(
			'Additional Fields > Headline must be a single value, but the expression gave an object',
		);
		expect(calls(sim())).toEqual([]);
	});

	it('names a field inside a fixed collection by its path', async () => {
		const result = await run(
			sim(),
			{
				resource: 'person',
				operation: 'create',
				identifyBy: 'email',
				email: 'jane@example.com',
				additionalFields: {
					emails: { entry: [{ value: 'home@example.com' }, { value: '={{ $json.other }}' }] },
				},
			},
			{ input: [{ other: ['x@example.com', 'y@example.com'] }] },
		);
		expect(result.error?.message).toBe(
			'Additional Fields > Emails > Email > Email must be a single value, but the ' +
				'expression gave an array',
		);
		expect(calls(sim())).toEqual([]);
	});

	it('accepts an array in a field that takes a list (keywords)', async () => {
		const result = await run(
			sim(),
			{
				resource: 'person',
				operation: 'create',
				identifyBy: 'email',
				email: 'jane@example.com',
				additionalFields: { keywords: '={{ $json.tags }}' },
			},
			{ input: [{ tags: ['vip', 'newsletter'] }] },
		);
		expect(result.error).toBeUndefined();
		// The write, then the read of the stored record (Return Stored Record is on by default).
		expect(calls(sim())).toEqual(['POST /v1/people/create', 'GET /v1/people/get']);
		expect((requests(sim())[0].body as Record<string, unknown>).keywords).toEqual([
			'vip',
			'newsletter',
		]);
	});

	it(
		'with Continue On Fail, ' +
			'the refused item becomes an error item in its place and the others run',
		async () => {
			const result = await run(
				sim(),
				{
					resource: 'person',
					operation: 'create',
					identifyBy: 'email',
					email: '={{ $json.email }}',
					name: 'X',
					returnStoredRecord: false,
				},
				{
					input: [
						{ email: 'a@example.com' },
						{ email: ['b@example.com'] },
						{ email: 'c@example.com' },
					],
					continueOnFail: true,
				},
			);
			expect(result.error).toBeUndefined();
			expect(result.json.map((json) => json.uniqueid ?? json.error)).toEqual([
				'a@example.com',
				'Email must be a single value, but the expression gave an array',
				'c@example.com',
			]);
			expect(
				requests(sim()).map(
					(request) => (request.body as { emails: Array<{ value: string }> }).emails[0].value,
				),
			).toEqual(['a@example.com', 'c@example.com']);
		},
	);
});
