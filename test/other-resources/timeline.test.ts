/**
 * Timeline resource through n8n's real engine against the simulator: communication, content and
 * to-do records (exact bodies, the checks made before sending) and message opens (paging).
 */
import { onlyRequest, runFor, useSimulator } from '../helpers/harness';

const sim = useSimulator({ messagesPageSize: 5 });
const run = runFor(sim, 'timeline');

/** What the simulator stored, without its own bookkeeping fields. */
function stored() {
	return sim().state.timeline.map((item: Record<string, unknown>) =>
		Object.fromEntries(Object.entries(item).filter(([key]) => !key.startsWith('_'))),
	);
}

/**
 * The node's answer to a timeline create: Cloze answers only { errorcode: 0 }; the node says what
 * was created, from the body as sent (without the long body and preview, and the switches).
 */
function createdAnswer(record: string, body: Record<string, unknown>) {
	const left = ['body', 'preview', 'dryrun', 'skipImport', 'dateFormat'];
	return {
		created: true,
		record,
		...Object.fromEntries(Object.entries(body).filter(([key]) => !left.includes(key))),
	};
}

/** The simulator keeps the record without its `dryrun` flag. */
function withoutDryRun(body: Record<string, unknown>) {
	return Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'dryrun'));
}

function refusedBeforeAnyRequest(result: Awaited<ReturnType<typeof run>>, message: RegExp) {
	expect(result.error?.message).toMatch(message);
	expect(result.json).toEqual([]);
	expect(sim().requests).toHaveLength(0);
}

describe('Timeline > Create Communication', () => {
	test('every field of the reference: the exact body, stored by Cloze', async () => {
		const result = await run({
			operation: 'createCommunication',
			style: 'call',
			from: ' +1 650-555-1212 ',
			subject: 'Call with Dana Varenos',
			date: '2018-11-20T11:45:13Z',
			recipients: {
				recipient: [
					{ value: '+1 781-555-1212', name: 'Dana Varenos', role: 'to' },
					{ value: 'dave@incfire.com', name: '', role: '' },
				],
			},
			additionalFields: {
				account: 'dave@incfire.com',
				body: 'We agreed on the terms.',
				bodytype: 'text',
				campaignId: 'camp-7',
				dateFormat: 'international',
				direction: 'outbound',
				dryrun: false,
				due: '2018-11-27T09:00:00Z',
				duration: 12,
				name: 'Dana Varenos',
				links: { link: [{ url: 'https://support.example.com/t/4711', name: 'Ticket 4711' }] },
				location: 'Phone',
				measureas: 'inquiry',
				outcome: 'noanwser',
				preview: 'Agreed on the terms',
				references: {
					reference: [
						{ value: 'acmerobotics.com', name: 'Acme Robotics', role: 'cc' },
						{ value: 'carla@incfire.com', name: '', role: 'bcc' },
					],
				},
				skipImport: false,
				threadid: 'ticket-4711',
				update: true,
			},
		});
		expect(result.error).toBeUndefined();
		const body = {
			style: 'call',
			from: '+1 650-555-1212',
			subject: 'Call with Dana Varenos',
			date: '2018-11-20T11:45:13Z',
			recipients: [
				{ value: '+1 781-555-1212', name: 'Dana Varenos', role: 'to' },
				{ value: 'dave@incfire.com' },
			],
			account: 'dave@incfire.com',
			body: 'We agreed on the terms.',
			bodytype: 'text',
			campaignId: 'camp-7',
			dateFormat: 'international',
			direction: 'outbound',
			dryrun: false,
			due: '2018-11-27T09:00:00Z',
			duration: 12,
			name: 'Dana Varenos',
			links: [{ value: 'https://support.example.com/t/4711', title: 'Ticket 4711' }],
			location: 'Phone',
			measureas: 'inquiry',
			outcome: 'noanwser',
			preview: 'Agreed on the terms',
			// RelationRef has no role: a role saved by an earlier version is not sent.
			references: [
				{ value: 'acmerobotics.com', name: 'Acme Robotics' },
				{ value: 'carla@incfire.com' },
			],
			skipImport: false,
			threadid: 'ticket-4711',
			update: true,
		};
		expect(onlyRequest(sim())).toEqual({
			method: 'POST',
			path: '/v1/timeline/communication/create',
			query: {},
			body,
		});
		expect(result.json).toEqual([createdAnswer('communication', body)]);
		expect(result.json[0]).not.toHaveProperty('body');
		expect(stored()).toEqual([withoutDryRun(body)]);
	});

	test.each([
		['email', 'email'],
		['bulk postal', 'postal-bulk'],
		['direct message', 'direct'],
	])('%s: only what was given; dates in ms and "someday"', async (_name, style) => {
		const result = await run({
			operation: 'createCommunication',
			style,
			from: 'dana@incfire.com',
			date: '1732103113000',
			additionalFields: { due: 'someday' },
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim()).body).toEqual({
			style,
			from: 'dana@incfire.com',
			date: 1732103113000,
			due: 1,
		});
	});

	test('a dry run is sent as such and stores nothing', async () => {
		const result = await run({
			operation: 'createCommunication',
			style: 'meeting',
			recipients: { recipient: [{ value: 'dana@incfire.com', role: 'from' }] },
			additionalFields: { dryrun: true },
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim()).body).toEqual({
			style: 'meeting',
			recipients: [{ value: 'dana@incfire.com', role: 'from' }],
			dryrun: true,
		});
		expect(stored()).toEqual([]);
		expect(result.json).toEqual([
			{
				created: false,
				dryRun: true,
				record: 'communication',
				style: 'meeting',
				recipients: [{ value: 'dana@incfire.com', role: 'from' }],
			},
		]);
	});

	test('a preview over 1 KB (UTF-8 bytes) is refused before any request; 1 KB passes', async () => {
		const tooLong = await run({
			operation: 'createCommunication',
			style: 'email',
			from: 'dana@incfire.com',
			additionalFields: { preview: 'é'.repeat(513) },
		});
		refusedBeforeAnyRequest(tooLong, /^Preview: 1026 bytes is longer than Cloze's limit of 1 KB/);

		const exactly = await run({
			operation: 'createCommunication',
			style: 'email',
			from: 'dana@incfire.com',
			additionalFields: { preview: 'é'.repeat(512) },
		});
		expect(exactly.error).toBeUndefined();
		expect(onlyRequest(sim()).body.preview).toBe('é'.repeat(512));
	});

	test('neither From nor a recipient is refused before any request', async () => {
		refusedBeforeAnyRequest(
			await run({ operation: 'createCommunication', style: 'call', subject: 'Who?' }),
			/^From: enter who the communication is from, or add a recipient/,
		);
	});

	test('a recipient without a value is refused before any request', async () => {
		refusedBeforeAnyRequest(
			await run({
				operation: 'createCommunication',
				style: 'call',
				from: 'dana@incfire.com',
				recipients: { recipient: [{ value: ' ', name: 'Nobody' }] },
			}),
			/^Recipients: entry 1 has no Value/,
		);
	});

	test('a date that is not one is refused before any request', async () => {
		refusedBeforeAnyRequest(
			await run({
				operation: 'createCommunication',
				style: 'call',
				from: 'dana@incfire.com',
				date: 'next tuesday',
			}),
			/^Date: "next tuesday" is not a date/,
		);
	});

	test('one request per input item, each with its own values', async () => {
		const result = await run(
			{
				operation: 'createCommunication',
				style: 'email',
				from: '={{ $json.from }}',
				subject: '={{ $json.subject }}',
			},
			{
				input: [
					{ from: 'a@example.com', subject: 'One' },
					{ from: 'b@example.com', subject: 'Two' },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(sim().requests.map((request: { body: unknown }) => request.body)).toEqual([
			{ style: 'email', from: 'a@example.com', subject: 'One' },
			{ style: 'email', from: 'b@example.com', subject: 'Two' },
		]);
		expect(result.json).toHaveLength(2);
	});
});

describe('Timeline > Create Content', () => {
	test('a note with every field of the reference: the exact body, stored by Cloze', async () => {
		const result = await run({
			operation: 'createContent',
			style: 'note',
			uniqueid: 'abc123456789',
			source: 'example.org',
			from: 'dave@incfire.com',
			subject: 'Met with Dana to discuss the contract',
			date: '2018-11-20T11:45:13Z',
			additionalFields: {
				account: 'dave@incfire.com',
				body: '<p>We discussed the pricing terms in detail</p>',
				bodytype: 'html',
				campaignId: 'camp-9',
				dateFormat: 'us',
				dryrun: false,
				due: '11/27/2018',
				name: 'Dave Varenos',
				links: { link: [{ url: 'https://example.org/notes/abc', name: 'Original note' }] },
				preview: 'Pricing terms',
				references: { reference: [{ value: 'dana@incfire.com', name: 'Dana Varenos' }] },
				sendtoteam: true,
				skipImport: false,
				threadid: 'contract-2018',
				update: false,
			},
		});
		expect(result.error).toBeUndefined();
		const body = {
			style: 'note',
			uniqueid: 'abc123456789',
			source: 'example.org',
			from: 'dave@incfire.com',
			subject: 'Met with Dana to discuss the contract',
			date: '2018-11-20T11:45:13Z',
			account: 'dave@incfire.com',
			body: '<p>We discussed the pricing terms in detail</p>',
			bodytype: 'html',
			campaignId: 'camp-9',
			dateFormat: 'us',
			dryrun: false,
			due: '11/27/2018',
			name: 'Dave Varenos',
			links: [{ value: 'https://example.org/notes/abc', title: 'Original note' }],
			preview: 'Pricing terms',
			references: [{ value: 'dana@incfire.com', name: 'Dana Varenos' }],
			sendtoteam: true,
			skipImport: false,
			threadid: 'contract-2018',
			update: false,
		};
		expect(onlyRequest(sim())).toEqual({
			method: 'POST',
			path: '/v1/timeline/content/create',
			query: {},
			body,
		});
		expect(result.json).toEqual([createdAnswer('content', body)]);
		expect(stored()).toEqual([withoutDryRun(body)]);
	});

	test('a timeline event needs neither unique ID nor source', async () => {
		const result = await run({
			operation: 'createContent',
			style: 'event',
			subject: 'Open house',
			date: '1732103113000',
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim()).body).toEqual({
			style: 'event',
			subject: 'Open house',
			date: 1732103113000,
		});
	});

	test(
		'the form marks unique ID and source as required for notes and to-dos: ' +
			'n8n refuses them empty',
		async () => {
			await expect(
				run({ operation: 'createContent', style: 'todo', uniqueid: '', source: '', subject: 'x' }),
			).rejects.toThrow(/"Unique ID" is required[\s\S]*"Source" is required/);
			expect(sim().requests).toHaveLength(0);
		},
	);

	test.each([
		['note', { uniqueid: '={{ "" }}', source: 'example.org' }, /^Unique ID: required for a note/],
		['note', { uniqueid: 'n-1', source: '={{ " " }}' }, /^Source: required for a note/],
		[
			'todo',
			{ uniqueid: '={{ $json.missing }}', source: 'todoist.com' },
			/^Unique ID: required for an external to-do/,
		],
		['todo', { uniqueid: 't-1', source: '={{ "" }}' }, /^Source: required for an external to-do/],
		[
			'note',
			{ uniqueid: 'n-1', source: 'https://todoist.com/app' },
			/^Source: "https:\/\/todoist.com\/app" is not a domain/,
		],
		['event', { source: 'not a domain' }, /^Source: "not a domain" is not a domain/],
		[
			'note',
			{ uniqueid: 'n-1', source: 'example.org', additionalFields: { preview: 'x'.repeat(1025) } },
			/^Preview: 1025 bytes/,
		],
	])('a %s with %j is refused before any request', async (style, extra, message) => {
		refusedBeforeAnyRequest(
			await run({ operation: 'createContent', style, subject: 'x', ...extra }),
			message,
		);
	});
});

describe('Timeline > Create To-Do', () => {
	test('every field: the exact body, stored by Cloze', async () => {
		const result = await run({
			operation: 'createTodo',
			subject: 'Launch Black Friday marketing campaign',
			when: '2018-11-20T16:00:00Z',
			participants: 'dave@incfire.com, dana@incfire.com,acme.com',
			additionalFields: {
				assignee: 'dave@incfire.com',
				assigner: 'dana@incfire.com',
				dateFormat: 'us',
				dryrun: false,
				preview: 'Campaign launch',
				skipImport: false,
			},
		});
		expect(result.error).toBeUndefined();
		const body = {
			subject: 'Launch Black Friday marketing campaign',
			when: '2018-11-20T16:00:00Z',
			participants: ['dave@incfire.com', 'dana@incfire.com', 'acme.com'],
			assignee: 'dave@incfire.com',
			assigner: 'dana@incfire.com',
			dateFormat: 'us',
			dryrun: false,
			preview: 'Campaign launch',
			skipImport: false,
		};
		expect(onlyRequest(sim())).toEqual({
			method: 'POST',
			path: '/v1/timeline/todo/create',
			query: {},
			body,
		});
		// Not just { errorcode: 0 }: the to-do as created, for a workflow or an AI agent to read.
		expect(result.json).toEqual([createdAnswer('todo', body)]);
		expect(result.json[0]).toMatchObject({
			created: true,
			subject: 'Launch Black Friday marketing campaign',
			when: '2018-11-20T16:00:00Z',
		});
		expect(stored()).toEqual([withoutDryRun(body)]);
	});

	test('someday: when is 1; participants mapped as an array', async () => {
		const result = await run({
			operation: 'createTodo',
			subject: 'Ask Grace for the letter',
			someday: true,
			when: '2018-11-20T16:00:00Z',
			participants: '={{ ["grace.moreau@outlook.com"] }}',
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim()).body).toEqual({
			subject: 'Ask Grace for the letter',
			when: 1,
			participants: ['grace.moreau@outlook.com'],
		});
	});

	test('no date: no when (Cloze treats it as someday)', async () => {
		await run({ operation: 'createTodo', subject: 'Sometime' });
		expect(onlyRequest(sim()).body).toEqual({ subject: 'Sometime' });
	});

	test('a blank subject or a preview over 1 KB is refused before any request', async () => {
		refusedBeforeAnyRequest(
			await run({ operation: 'createTodo', subject: '={{ "  " }}' }),
			/^Subject:/,
		);
		refusedBeforeAnyRequest(
			await run({
				operation: 'createTodo',
				subject: 'x',
				additionalFields: { preview: 'y'.repeat(2000) },
			}),
			/^Preview: 2000 bytes/,
		);
	});

	test("an assignee who is not a team member: Cloze's refusal fails the node", async () => {
		const result = await run({
			operation: 'createTodo',
			subject: 'x',
			additionalFields: { assignee: 'stranger@example.com' },
		});
		expect(sim().requests).toHaveLength(1);
		expect(result.error?.message).toMatch(/assignee must be the e-mail address of a team member/);
	});
});

describe('Timeline > Get Message Opens', () => {
	type Message = { id: string; date: number };
	const ids = (items: Array<Record<string, unknown>>) =>
		items.map((item) => item.message ?? item.id);

	test(
		'Return All follows next to the end: ' + 'every message once, credential only in the header',
		async () => {
			const messages: Message[] = sim().seedMessages(12);
			const result = await run({ operation: 'getMessageOpens', returnAll: true });
			expect(result.error).toBeUndefined();
			expect(ids(result.json)).toEqual(messages.map((message) => message.id));
			expect(new Set(ids(result.json)).size).toBe(12);
			// The schema's Message: its URL/id, date, thread and opens.
			expect(result.json[0]).toEqual({
				message: messages[0].id,
				date: messages[0].date,
				threadId: expect.any(String),
				opens: expect.any(Array),
			});

			expect(sim().requests).toHaveLength(3);
			const [first, second, third] = sim().requests;
			expect(first).toMatchObject({ method: 'GET', path: '/v1/messages/opens', query: {} });
			for (const request of [second, third]) {
				expect(request.method).toBe('GET');
				expect(request.path).toBe('/v1/messages/opens');
				expect(Object.keys(request.query)).toEqual(['from']);
			}
			expect(second.query.from).not.toBe(third.query.from);
			for (const request of sim().requests) {
				expect(request.headers.authorization).toBe('Bearer test-api-key');
				expect(request.url).not.toMatch(/api_key|test-api-key|user=/);
			}
		},
	);

	test('Limit stops early: 7 of 12 messages in 2 requests', async () => {
		const messages: Message[] = sim().seedMessages(12);
		const result = await run({ operation: 'getMessageOpens', limit: 7 });
		expect(ids(result.json)).toEqual(messages.slice(0, 7).map((message) => message.id));
		expect(sim().requests).toHaveLength(2);
	});

	test('Limit within the first page: one request', async () => {
		sim().seedMessages(12);
		const result = await run({ operation: 'getMessageOpens', limit: 3 });
		expect(result.json).toHaveLength(3);
		expect(sim().requests).toHaveLength(1);
	});

	test('From as an ISO date is sent as UTC ms and filters the messages', async () => {
		const messages: Message[] = sim().seedMessages(8);
		const from = new Date(messages[5].date).toISOString();
		const result = await run({ operation: 'getMessageOpens', returnAll: true, from });
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'GET',
			path: '/v1/messages/opens',
			query: { from: String(messages[5].date) },
			body: undefined,
		});
		expect(ids(result.json)).toEqual(messages.slice(5).map((message) => message.id));
	});

	test(
		"reads the schema's answer, " + 'an array of batches of messages known by their URL',
		async () => {
			const message = (n: number) => ({
				message: `https://www.cloze.com/m/${n}`,
				date: 1732103113000 + n,
				threadId: `t-${n}`,
				opens: [{ about: {}, breakdown: [{ date: 1732103114000 }] }],
			});
			sim().addFault({
				path: '/v1/messages/opens',
				status: 200,
				body: [
					{ more: false, messages: [message(1), message(2)] },
					{ more: false, messages: [message(2), message(3)] },
				],
			});
			const result = await run({ operation: 'getMessageOpens', returnAll: true });
			expect(result.error).toBeUndefined();
			expect(result.json).toEqual([message(1), message(2), message(3)]);
			expect(sim().requests).toHaveLength(1);
		},
	);

	test('From as UTC ms; a From that is not a date is refused before any request', async () => {
		await run({ operation: 'getMessageOpens', from: '1732103113000' });
		expect(onlyRequest(sim()).query).toEqual({ from: '1732103113000' });
		sim().clearLog();
		refusedBeforeAnyRequest(
			await run({ operation: 'getMessageOpens', from: 'yesterday' }),
			/^From: "yesterday" is not a date/,
		);
	});

	test(
		'a next URL carrying credentials or another ' + 'host is followed without them, on the API URL',
		async () => {
			sim().seedMessages(7);
			sim().addFault({
				method: 'GET',
				path: '/v1/messages/opens',
				status: 200,
				body: {
					errorcode: 0,
					more: true,
					next:
						'https://elsewhere.example.com/v1/messages/opens' +
						'?api_key=leaked&user=dana%40incfire.com&from=0',
					messages: [{ id: 'x-1', subject: 'Injected', date: 1 }],
				},
			});
			const result = await run({ operation: 'getMessageOpens', returnAll: true });
			expect(result.error).toBeUndefined();
			expect(sim().requests).toHaveLength(3);
			expect(sim().requests[1].query).toEqual({ from: '0' });
			expect(sim().requests[1].headers.authorization).toBe('Bearer test-api-key');
			expect(ids(result.json)).toHaveLength(8);
			expect(ids(result.json)[0]).toBe('x-1');
		},
	);

	test(
		'a page that fails with 503 is asked again ' + '(Retry-After honoured), then paging goes on',
		async () => {
			const messages: Message[] = sim().seedMessages(8);
			sim().addFault({
				method: 'GET',
				path: '/v1/messages/opens',
				after: 1,
				times: 1,
				status: 503,
				retryAfter: 0,
			});
			const result = await run({ operation: 'getMessageOpens', returnAll: true });
			expect(result.error).toBeUndefined();
			expect(ids(result.json)).toEqual(messages.map((message) => message.id));
			expect(sim().requests.map((request: { status: number }) => request.status)).toEqual([
				200, 503, 200,
			]);
			expect(sim().requests[1].query).toEqual(sim().requests[2].query);
		},
	);

	test('a page repeating a message does not duplicate it', async () => {
		const messages: Message[] = sim().seedMessages(3);
		sim().addFault({
			method: 'GET',
			path: '/v1/messages/opens',
			status: 200,
			// The schema's shape: an array of batches, a message known by its URL (`message`).
			body: [
				{
					more: true,
					next: `${sim().url}/v1/messages/opens?from=0`,
					messages: [
						{
							message: messages[0].id,
							date: messages[0].date,
							threadId: messages[0].id,
							opens: [],
						},
					],
				},
			],
		});
		const result = await run({ operation: 'getMessageOpens', returnAll: true });
		expect(ids(result.json)).toEqual(messages.map((message) => message.id));
		expect(sim().requests).toHaveLength(2);
	});
});
