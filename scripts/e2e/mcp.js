'use strict';
/*
 * The Cloze node as AI tools, proven over MCP without a language model: the example
 * examples/cloze-mcp-tools.json (n8n's MCP Server Trigger <- six Cloze tool nodes whose parameters
 * come from `$fromAI(...)`) is activated, and an MCP client (@modelcontextprotocol/sdk, Streamable
 * HTTP) lists its tools and calls each one. For each call the suite checks the request the
 * simulator received and the records in the tool result; bad arguments and a Cloze error must come
 * back as an MCP error result the agent can read, not as a crash. The sizes of the tool results
 * against the raw records are measured for bench/RESULTS.md.
 */
const assert = require('node:assert/strict');

const H = require('./harness');

const FILE = 'cloze-mcp-tools.json';
const TOOLS = [
	'Find_People',
	'Get_Person',
	'Create_or_Update_Person',
	'Log_Communication',
	'Create_To-Do',
	'Get_Project_Changes',
];

/** Whether n8n has the MCP Server Trigger (n8n's nodes list). */
async function hasMcpTrigger(api) {
	const nodes = await api.request('GET', '/types/nodes.json');
	return nodes.some((n) => n.name === '@n8n/n8n-nodes-langchain.mcpTrigger');
}

async function connect(url) {
	const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
	const {
		StreamableHTTPClientTransport,
	} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
	const client = new Client({ name: 'cloze-e2e', version: '1.0.0' });
	await client.connect(new StreamableHTTPClientTransport(new URL(url)));
	return client;
}

/** The text of a tool result (n8n answers one text part, the tool's output as JSON). */
function textOf(result) {
	return (result.content || [])
		.filter((c) => c.type === 'text')
		.map((c) => c.text)
		.join('\n');
}

/** The records in a successful tool result. */
function recordsOf(result, name) {
	assert.ok(!result.isError, `${name} answered an error: ${textOf(result)}`);
	const text = textOf(result);
	let value;
	try {
		value = JSON.parse(text);
	} catch {
		throw new Error(`${name}: the tool result is not JSON: ${text.slice(0, 300)}`);
	}
	return { records: Array.isArray(value) ? value : [value], text };
}

/**
 * @param {{report: any, sim: any, api: any, server: any, examples: any[], sizes?: object}} ctx
 */
async function runMcp({ report, sim, api, server, examples }) {
	const wf = examples.find((w) => w.file === FILE);
	if (!wf) return report.skip('MCP tools', `examples/${FILE} is missing`);
	if (!(await hasMcpTrigger(api)))
		return report.skip('MCP tools', `n8n ${report.version} has no MCP Server Trigger`);
	const trigger = wf.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger');
	const url = `${server.url}/mcp/${trigger.parameters.path}`;
	let client;
	const sizes = (report.mcpSizes = []);
	const requestsTo = async (p) =>
		(await sim.get(`/__sim/requests?path=${encodeURIComponent(p)}`)).requests;
	const call = async (name, args) => {
		const result = await client.callTool({ name, arguments: args });
		report.seen.push(textOf(result));
		return result;
	};

	await report.step(
		`MCP: activate examples/${FILE}; a client lists its ${TOOLS.length} Cloze tools (Streamable ` +
			'HTTP, /mcp/<path>)',
		async () => {
			await api.api('POST', `/workflows/${wf.id}/activate`);
			client = await H.waitFor('the MCP server', async () => connect(url).catch(() => null), {
				timeoutMs: 30000,
				intervalMs: 1000,
			});
			const { tools } = await client.listTools();
			assert.deepEqual(tools.map((t) => t.name).sort(), [...TOOLS].sort());
			const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
			// What the model chooses from: when to use the tool and what it returns, not just "Create a
			// to-do".
			for (const t of tools) {
				assert.ok(
					t.description.length > 60,
					`${t.name}: description too thin: ${JSON.stringify(t.description)}`,
				);
				assert.match(
					t.description,
					/Returns|returns/,
					`${t.name}: the description does not say what it returns: ${t.description}`,
				);
			}
			assert.match(
				byName.Find_People.description,
				/direct/,
				'Find People does not name the identifiers it returns',
			);
			// The arguments come from $fromAI: names, types and descriptions reach the client.
			const findArgs = byName.Find_People.inputSchema.properties;
			assert.deepEqual(Object.keys(findArgs).sort(), ['limit', 'query']);
			assert.equal(findArgs.limit.type, 'number');
			assert.match(findArgs.query.description, /e-mail/);
			assert.match(
				byName.Create_or_Update_Person.inputSchema.properties.stage.description,
				/lead.*future.*current/,
			);
			report.log(`      ${url}: ${tools.map((t) => t.name).join(', ')}`);
			report.log(
				`      e.g. ${byName['Create_To-Do'].name}: "${byName['Create_To-Do'].description}"`,
			);
		},
		{ fatal: false },
	);
	if (!client) return undefined;

	try {
		let erin;
		await report.step(
			'MCP: Create or Update Person creates the person; the result carries the record',
			async () => {
				await sim.del('/__sim/requests');
				const r = await call('Create_or_Update_Person', {
					email: 'erin.agent@example.com',
					name: 'Erin Agent',
					stage: 'lead',
				});
				const { records } = recordsOf(r, 'Create_or_Update_Person');
				const sent = await requestsTo('/v1/people/create');
				assert.equal(sent.length, 1);
				assert.equal(sent[0].body.name, 'Erin Agent');
				assert.deepEqual(
					sent[0].body.emails.map((e) => e.value),
					['erin.agent@example.com'],
				);
				assert.equal(sent[0].body.stage, 'lead');
				assert.equal(records.length, 1);
				// The result is the person as Cloze stored it (read back after the write).
				assert.deepEqual(
					records[0].emails,
					['erin.agent@example.com'],
					`result: ${JSON.stringify(records)}`,
				);
				erin = (await sim.get('/__sim/state')).people.find((p) => p.name === 'Erin Agent');
				assert.ok(erin, 'the person is not in Cloze');
			},
		);

		await report.step(
			'MCP: Find People sends the query and limit; the result holds compact people',
			async () => {
				// People as a CRM holds them: an address, keywords and custom fields besides the name and
				// e-mail (no shared phone: Cloze would merge people who have the same one).
				const defaults = {
					segment: 'customer',
					stage: 'lead',
					addresses: [
						{
							street: '12 Harbor Way',
							city: 'Boston',
							region: 'MA',
							postcode: '02110',
							country: 'US',
						},
					],
					keywords: ['open-house', 'spring'],
					customFields: [{ id: 'lead-source', type: 'text', value: 'referral' }],
				};
				await sim.post('/__sim/seed', { people: { count: 50, defaults } });
				await sim.del('/__sim/requests');
				const one = recordsOf(
					await call('Find_People', { query: 'erin.agent@example.com', limit: 5 }),
					'Find_People',
				);
				const sent = await requestsTo('/v1/people/find');
				assert.equal(sent.length, 1);
				const qs = new URL(sent[0].url, sim.url).searchParams;
				assert.equal(qs.get('freeformquery'), 'erin.agent@example.com', `query: ${sent[0].url}`);
				assert.equal(one.records.length, 1, `found: ${one.text.slice(0, 300)}`);
				assert.equal(one.records[0].name, 'Erin Agent');
				assert.deepEqual(one.records[0].emails, ['erin.agent@example.com']);
				// 50 people: the size an agent reads, against the records Cloze sent.
				await sim.del('/__sim/requests');
				const many = recordsOf(await call('Find_People', { query: '', limit: 50 }), 'Find_People');
				assert.equal(many.records.length, 50);
				const raw = await rawPeople(sim, 50);
				sizes.push({
					tool: 'Find People (50 people)',
					result: Buffer.byteLength(many.text),
					raw: Buffer.byteLength(JSON.stringify(raw)),
				});
			},
		);

		await report.step('MCP: Get Person by e-mail; the result holds the person', async () => {
			await sim.del('/__sim/requests');
			const r = recordsOf(
				await call('Get_Person', { email: 'erin.agent@example.com' }),
				'Get_Person',
			);
			const sent = await requestsTo('/v1/people/get');
			assert.equal(sent.length, 1);
			assert.equal(
				new URL(sent[0].url, sim.url).searchParams.get('uniqueid'),
				'erin.agent@example.com',
			);
			assert.equal(r.records.length, 1);
			assert.equal(r.records[0].name, 'Erin Agent');
			assert.equal(r.records[0].stage, 'lead');
			const raw = (await sim.get('/__sim/state')).people.find((p) => p.name === 'Erin Agent');
			sizes.push({
				tool: 'Get Person',
				result: Buffer.byteLength(r.text),
				raw: Buffer.byteLength(JSON.stringify(raw)),
			});
		});

		await report.step(
			'MCP: Log Communication logs the call on the timeline; the result says what was logged',
			async () => {
				await sim.del('/__sim/requests');
				const args = {
					style: 'call',
					from: 'dana@incfire.com',
					subject: 'Intro call (agent)',
					date: '2025-11-20T11:45:13Z',
					to: 'erin.agent@example.com',
					notes: 'Talked about the spring listings.',
				};
				const r = recordsOf(await call('Log_Communication', args), 'Log_Communication');
				const sent = await requestsTo('/v1/timeline/communication/create');
				assert.equal(sent.length, 1);
				assert.equal(sent[0].body.style, 'call');
				assert.equal(sent[0].body.subject, 'Intro call (agent)');
				assert.deepEqual(
					sent[0].body.recipients.map((x) => x.value),
					['erin.agent@example.com'],
				);
				const logged = (await sim.get('/__sim/state')).timeline.filter(
					(i) => i._type === 'communication' && i.subject === 'Intro call (agent)',
				);
				assert.equal(logged.length, 1);
				assert.equal(r.records[0].created, true, `result: ${r.text}`);
				assert.equal(r.records[0].subject, 'Intro call (agent)', `result: ${r.text}`);
				sizes.push({
					tool: 'Log Communication',
					result: Buffer.byteLength(r.text),
					raw: Buffer.byteLength(JSON.stringify({ errorcode: 0 })),
				});
			},
		);

		await report.step(
			'MCP: Create To-Do creates it; the result describes the to-do (not just {"errorcode":0})',
			async () => {
				await sim.del('/__sim/requests');
				const r = recordsOf(
					await call('Create_To-Do', {
						subject: 'Send listings to Erin',
						when: '2030-01-15T16:00:00Z',
						people: 'erin.agent@example.com',
					}),
					'Create_To-Do',
				);
				const sent = await requestsTo('/v1/timeline/todo/create');
				assert.equal(sent.length, 1);
				assert.equal(sent[0].body.subject, 'Send listings to Erin');
				assert.deepEqual(sent[0].body.participants, ['erin.agent@example.com']);
				const todo = (await sim.get('/__sim/state')).timeline.find(
					(i) => i._type === 'todo' && i.subject === 'Send listings to Erin',
				);
				assert.ok(todo, 'the to-do is not in Cloze');
				assert.equal(r.records.length, 1);
				assert.equal(r.records[0].created, true, `result: ${r.text}`);
				assert.equal(r.records[0].subject, 'Send listings to Erin', `result: ${r.text}`);
				assert.deepEqual(
					r.records[0].participants,
					['erin.agent@example.com'],
					`result: ${r.text}`,
				);
				sizes.push({
					tool: 'Create To-Do',
					result: Buffer.byteLength(r.text),
					raw: Buffer.byteLength(JSON.stringify({ errorcode: 0 })),
				});
			},
		);

		await report.step(
			'MCP: Get Project Changes reads the feed; the result holds the projects and a cursor',
			async () => {
				await sim.post('/__sim/seed', { projects: 3 });
				await sim.del('/__sim/requests');
				const r = recordsOf(
					await call('Get_Project_Changes', { limit: 20, cursor: '' }),
					'Get_Project_Changes',
				);
				const sent = await requestsTo('/v1/projects/feed');
				assert.ok(sent.length >= 1, 'no request to /v1/projects/feed');
				const projects = r.records.filter((x) => x.name);
				assert.ok(projects.length >= 3, `result: ${r.text.slice(0, 300)}`);
				assert.ok(
					r.records.some((x) => typeof x.cursor === 'string' && x.cursor),
					`no cursor in ${r.text.slice(0, 300)}`,
				);
			},
		);

		await report.step(
			'MCP: bad arguments come back as an MCP error result; n8n stays up and the next call works',
			async () => {
				await sim.del('/__sim/requests');
				// A type the schema refuses.
				const wrongType = await client
					.callTool({ name: 'Find_People', arguments: { query: 'x', limit: 'many' } })
					.catch((e) => ({ thrown: e }));
				const refused = wrongType.thrown ? String(wrongType.thrown.message) : textOf(wrongType);
				report.seen.push(refused);
				assert.ok(wrongType.thrown || wrongType.isError, `a wrong type was accepted: ${refused}`);
				assert.match(refused, /limit/i, `the error does not name the argument: ${refused}`);
				// An empty subject: the node refuses it before any request, naming the field.
				const empty = await call('Create_To-Do', {
					subject: '',
					when: '2030-01-15T16:00:00Z',
					people: '',
				});
				assert.equal(empty.isError, true, `an empty subject was accepted: ${textOf(empty)}`);
				assert.match(textOf(empty), /Subject/, textOf(empty));
				assert.equal(
					(await requestsTo('/v1/timeline/todo/create')).length,
					0,
					'a request was sent for an empty subject',
				);
				report.log(`      empty subject -> ${JSON.stringify(textOf(empty).slice(0, 200))}`);
				assert.equal(server.child.exitCode, null, 'n8n exited');
				recordsOf(await call('Get_Person', { email: 'erin.agent@example.com' }), 'Get_Person');
			},
		);

		await report.step(
			'MCP: a Cloze error reaches the client in words an agent can act on',
			async () => {
				await sim.del('/__sim/requests');
				const r = await call('Get_Person', { email: 'nobody.here@example.com' });
				const text = textOf(r);
				assert.equal(r.isError, true, `not an error result: ${text}`);
				assert.equal((await requestsTo('/v1/people/get')).length, 1);
				assert.match(text, /not found|no person|does not exist/i, text);
				// The first line is the package's message: what Cloze said, for the agent to act on.
				assert.match(text.split('\n')[0], /Cloze error 5: Person not found/, text);
				const stack = /\n\s+at /.test(text);
				report.log(
					'      unknown person -> ' +
						`${JSON.stringify(text.split('\n').slice(0, 3).join('\n'))}` +
						`${stack ? ' (n8n appends the stack trace)' : ''}`,
				);
				// n8n logs the failed tool call ("Error while executing Tool Get_Person: ..."): expected
				// here.
				report.expectedLogLines = [
					...(report.expectedLogLines || []),
					'Cloze error 5: Person not found',
					'reported error code 5',
				];
			},
		);

		if (sizes.length)
			report.log(
				'      tool result sizes: ' +
					`${sizes.map((s) => `${s.tool} ${s.result} B (raw ${s.raw} B)`).join('; ')}`,
			);
	} finally {
		await client.close().catch(() => {});
		await report.step('MCP: deactivate the MCP example', () =>
			api.api('POST', `/workflows/${wf.id}/deactivate`),
		);
	}
	return undefined;
}

/** The people as Cloze sends them: the simulator's answer to a find of `n` people. */
async function rawPeople(sim, n) {
	const res = await fetch(`${sim.url}/v1/people/find?pagesize=${n}&pagenumber=1`, {
		headers: { Authorization: `Bearer ${sim.apiKey}` },
	});
	const body = await res.json();
	return body.people;
}

module.exports = { runMcp, TOOLS };
