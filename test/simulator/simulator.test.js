'use strict';

/* eslint-env jest */
const http = require('http');
const {
	startSimulator,
	PROFILE,
	CUSTOM_FIELDS,
	STEPS,
	TEAM_MEMBERS,
	VIEWS,
	ROUTES,
	DEMO_DIRECT_IDS,
} = require('./index');
const { ENDPOINTS } = require('../contract/endpoints');

/**
 * Minimal HTTP client (no keep-alive, 127.0.0.1 only).
 * @param {string} base
 * @param {string} method
 * @param {string} urlPath
 * @param {{body?: unknown, token?: string | null, headers?: Record<string, string>}} [opts]
 * @returns {Promise<{
 *   status: number, headers: import('http').IncomingHttpHeaders, text: string, json: any,
 * }>}
 */
function call(base, method, urlPath, opts = {}) {
	const url = new URL(urlPath, base);
	if (url.hostname !== '127.0.0.1') throw new Error('tests only talk to 127.0.0.1');
	const headers = { ...(opts.headers || {}) };
	const token = opts.token === undefined ? 'test-api-key' : opts.token;
	if (token) headers.Authorization = `Bearer ${token}`;
	let payload;
	if (opts.body !== undefined) {
		payload = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
		headers['Content-Type'] = 'application/json';
	}
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers, agent: false }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode || 0, headers: res.headers, text, json });
			});
		});
		req.on('error', reject);
		req.end(payload);
	});
}

/**
 * The violations the last requests caused, taken (so the contract guard accepts them), as "rule
 * at".
 */
const took = (sim) => sim.acceptViolations().map((v) => `${v.rule} ${v.at}`);

describe('Cloze simulator', () => {
	/** @type {import('./index').Simulator} */
	let sim;
	const api = (method, p, opts) => call(sim.url, method, p, opts);

	beforeAll(async () => {
		sim = await startSimulator({ port: 0, seed: 'none', deliveryTimeoutMs: 500 });
	});
	afterAll(async () => {
		await sim.close();
	});
	beforeEach(() => sim.reset());

	test('serves every endpoint of test/contract/endpoints.txt, and no other, on 127.0.0.1', () => {
		expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const ours = ROUTES.map(([m, p]) => `${m} ${p}`).sort();
		expect(ENDPOINTS.length).toBeGreaterThan(0);
		expect(ours).toEqual([...ENDPOINTS].sort());
	});

	describe('auth and error shapes', () => {
		test('no credential -> 401 errorcode 1', async () => {
			const r = await api('GET', '/v1/user/profile', { token: null });
			expect(r.status).toBe(401);
			expect(r.json).toEqual({ errorcode: 1, message: 'The API key was not found' });
		});
		test('invalid bearer -> 401 without errorcode', async () => {
			const r = await api('GET', '/v1/user/profile', { token: 'nope' });
			expect(r.status).toBe(401);
			expect(r.json).toEqual({ message: 'Invalid token: access token is invalid' });
		});
		test('API key, OAuth token and api_key query are accepted and logged', async () => {
			expect((await api('GET', '/v1/user/profile')).json).toEqual({
				errorcode: 0,
				profile: PROFILE,
			});
			expect(
				(await api('GET', '/v1/user/profile', { token: 'test-oauth-token' })).json.errorcode,
			).toBe(0);
			const q = await api('GET', '/v1/user/profile?api_key=test-api-key', { token: null });
			expect(q.status).toBe(200);
			const log = sim.requestsTo('GET', '/v1/user/profile');
			expect(log.map((e) => e.auth)).toEqual(['bearer-api-key', 'bearer-oauth', 'query-api-key']);
			expect(log[2].query.api_key).toBe('test-api-key');
			expect(log[2].url).toContain('api_key=test-api-key');
			expect(log[0].headers.authorization).toBe('Bearer test-api-key');
			expect(log.every((e) => e.status === 200)).toBe(true);
		});
		test('unknown path -> 404, wrong method -> 405', async () => {
			const a = await api('GET', '/v1/nothing');
			expect(a.status).toBe(404);
			expect(a.json).toEqual({ errorcode: 404, message: 'Resource Not Found' });
			const b = await api('GET', '/v1/people/create');
			expect(b.status).toBe(405);
			expect(b.json.errorcode).toBe(405);
			expect(took(sim)).toEqual(['operation ', 'operation ']);
		});
		test('malformed JSON body -> HTTP 200 errorcode 2', async () => {
			const r = await api('POST', '/v1/people/create', { body: '{oops' });
			expect(r.status).toBe(200);
			expect(r.json.errorcode).toBe(2);
			expect(took(sim)).toEqual(['body body']);
		});
	});

	describe('relations', () => {
		test('create without identifier -> HTTP 200 errorcode 11', async () => {
			const r = await api('POST', '/v1/people/create', { body: { name: 'Nobody' } });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ errorcode: 11, message: 'No identifiers available' });
			const c = await api('POST', '/v1/companies/create', { body: { name: 'No Domain Inc' } });
			expect(c.json.errorcode).toBe(11);
			const p = await api('POST', '/v1/projects/create', { body: { stage: 'future' } });
			expect(p.json).toEqual({ errorcode: 12, message: 'Projects require a name' });
		});

		test('create is an upsert that merges; get/update/delete', async () => {
			const a = await api('POST', '/v1/people/create', {
				body: {
					name: 'Dana Demo',
					emails: [{ value: 'dana.demo@example.com', work: true }],
					segment: 'customer',
					keywords: ['a'],
					customFields: [{ id: 'role', type: 'keyword', value: 'vp' }],
				},
			});
			expect(a.json).toEqual({ errorcode: 0 });
			await api('POST', '/v1/people/create', {
				body: {
					emails: ['DANA.DEMO@example.com'],
					phones: [{ value: '+1 650-555-0000', mobile: true }],
					keywords: ['b'],
					customFields: [{ id: 'role', value: 'cxo' }],
					unknownThing: { x: 1 },
				},
			});
			expect(sim.store.people).toHaveLength(1);
			const g = await api('GET', '/v1/people/get?uniqueid=%2B16505550000');
			expect(g.json.errorcode).toBe(0);
			const p = g.json.person;
			expect(p.direct).toMatch(/^[A-Za-z0-9_-]{22}$/);
			expect(p.keywords).toEqual(['a', 'b']);
			expect(p.emails).toHaveLength(1);
			expect(p.phones[0].value).toBe('+1 650-555-0000');
			expect(p.customFields).toEqual([{ id: 'role', type: 'keyword', value: 'cxo' }]);
			expect(p.unknownThing).toEqual({ x: 1 });
			// Cloze takes what the schema does not define silently; the contract check records it.
			expect(took(sim)).toEqual([
				'type body.emails[0]',
				'required body.customFields[0].type',
				'unknown body.unknownThing',
			]);
			expect((await api('GET', `/v1/people/get?uniqueid=${p.direct}`)).json.person.name).toBe(
				'Dana Demo',
			);

			const u = await api('POST', '/v1/people/update', {
				body: { emails: [{ value: 'ghost@example.com' }], stage: 'lead' },
			});
			expect(u.json).toEqual({ errorcode: 5, message: 'Person not found' });
			await api('POST', '/v1/people/update', { body: { direct: p.direct, stage: 'lead' } });
			expect(sim.store.get('person', 'dana.demo@example.com').stage).toBe('lead');

			await api('POST', '/v1/people/create', {
				body: { emails: [{ value: 'dry@example.com' }], dryrun: true },
			});
			expect(sim.store.people).toHaveLength(1);

			expect((await api('GET', '/v1/people/get?uniqueid=nobody@example.com')).json).toEqual({
				errorcode: 5,
				message: 'Person not found',
			});
			expect((await api('GET', '/v1/people/get')).json.message).toMatch(/uniqueid/);
			expect(took(sim)).toEqual(['required query.uniqueid']);
			expect(
				(await api('GET', `/v1/people/get?uniqueid=${p.direct}&team=true`)).json.errorcode,
			).toBe(5);
			expect(
				(await api('DELETE', '/v1/people/delete?uniqueid=dana.demo%40example.com')).json,
			).toEqual({ errorcode: 0 });
			expect(sim.store.people).toHaveLength(0);
			expect(
				(await api('DELETE', '/v1/people/delete?uniqueid=dana.demo%40example.com')).json.errorcode,
			).toBe(5);
		});

		test('companies by domain, projects by name and app link', async () => {
			await api('POST', '/v1/companies/create', {
				body: { name: 'IncFire', domains: ['incfire.com'] },
			});
			await api('POST', '/v1/companies/update', {
				body: { domains: ['incfire.com'], segment: 'customer' },
			});
			expect(
				(await api('GET', '/v1/companies/get?uniqueid=incfire.com')).json.company.segment,
			).toBe('customer');
			await api('POST', '/v1/projects/create', {
				body: {
					name: 'Meadow Brook',
					appLinks: [{ source: 'na16.salesforce.com', uniqueid: '006j', label: 'SF' }],
				},
			});
			await api('POST', '/v1/projects/update', {
				body: { name: 'Meadow Brook', stage: 'current' },
			});
			const g = await api('GET', '/v1/projects/get?uniqueid=na16.salesforce.com%3A006j');
			expect(g.json.project.stage).toBe('current');
		});

		test('find pages in creation order, countonly, pagesize limit', async () => {
			sim.seedPeople(25, { segment: 'custom1' });
			sim.seedPeople(3, { segment: 'customer' });
			const seen = [];
			for (let page = 1; page <= 3; page++) {
				const r = await api(
					'GET',
					`/v1/people/find?segment=custom1&pagesize=10&pagenumber=${page}`,
				);
				expect(r.json).toMatchObject({
					errorcode: 0,
					availablecount: 25,
					pagenumber: page,
					pagesize: 10,
				});
				seen.push(...r.json.people.map((x) => x.direct));
			}
			expect(seen).toHaveLength(25);
			expect(new Set(seen).size).toBe(25);
			expect(seen).toEqual(
				sim.store.people.filter((x) => x.segment === 'custom1').map((x) => x.direct),
			);
			expect((await api('GET', '/v1/people/find?countonly=true')).json).toEqual({
				errorcode: 0,
				availablecount: 28,
			});
			const big = await api('GET', '/v1/people/find?pagesize=1001');
			expect(big.status).toBe(200);
			expect(big.json.errorcode).toBe(4);
			expect(big.json.message).toMatch(/1000/);
			expect((await api('GET', '/v1/people/find?scope=hierarchy:US')).json.errorcode).toBe(4);
			expect(
				(await api('GET', '/v1/people/find?freeformquery=EXAMPLE.COM&pagesize=1')).json
					.availablecount,
			).toBe(28);
		});

		test('feed: cursor paging, re-delivery after change, audited changes', async () => {
			const [a] = sim.seedPeople(3, { stage: 'lead' });
			const p1 = await api('GET', '/v1/people/feed?pagesize=2');
			expect(p1.json.people).toHaveLength(2);
			expect(typeof p1.json.cursor).toBe('string');
			const p2 = await api('GET', `/v1/people/feed?cursor=${encodeURIComponent(p1.json.cursor)}`);
			expect(p2.json.people).toHaveLength(1);
			const p3 = await api('GET', `/v1/people/feed?cursor=${encodeURIComponent(p2.json.cursor)}`);
			expect(p3.json).toMatchObject({ errorcode: 0, people: [] });
			sim.changeRelation('person', a.direct, { stage: 'current' });
			const p4 = await api('GET', `/v1/people/feed?cursor=${encodeURIComponent(p3.json.cursor)}`);
			expect(p4.json.people.map((x) => x.direct)).toEqual([a.direct]);
			expect(p4.json.people[0].stage).toBe('current');
			expect((await api('GET', '/v1/people/feed?cursor=garbage!')).json.errorcode).toBe(6);

			const f1 = await api('GET', '/v1/people/feed?includeauditedchanges=true&pagesize=10');
			expect(f1.json.results).toHaveLength(3);
			sim.changeRelation('person', a.direct, {
				stage: 'past',
				customFields: [{ id: 'is-contacted', value: 'yes' }],
			});
			const f2 = await api('GET', `/v1/people/feed?cursor=${encodeURIComponent(f1.json.cursor)}`);
			expect(f2.json.results).toHaveLength(1);
			expect(f2.json.results[0].person.direct).toBe(a.direct);
			expect(f2.json.results[0].changes).toMatchObject({
				stage: { before: 'current', after: 'past' },
				'is-contacted': { before: null, after: 'yes' },
			});
			expect(typeof f2.json.results[0].changes._since).toBe('number');
		});
	});

	describe('webhooks', () => {
		/** @type {http.Server} */
		let receiver;
		let receiverUrl = '';
		/** @type {{type: string, body: string, status: number}} */
		let answer = { type: 'text/plain', body: 'OK', status: 200 };
		/** @type {Array<{headers: any, body: any}>} */
		const received = [];

		beforeAll(async () => {
			receiver = http.createServer((req, res) => {
				const chunks = [];
				req.on('data', (c) => chunks.push(c));
				req.on('end', () => {
					received.push({
						headers: req.headers,
						body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
					});
					res.writeHead(answer.status, { 'Content-Type': answer.type });
					res.end(answer.body);
				});
			});
			await new Promise((r) => receiver.listen(0, '127.0.0.1', () => r(undefined)));
			receiverUrl = `http://127.0.0.1:${receiver.address().port}/hook`;
		});
		afterAll(async () => {
			receiver.closeAllConnections();
			await new Promise((r) => receiver.close(() => r(undefined)));
		});
		beforeEach(() => {
			received.length = 0;
			answer = { type: 'text/plain', body: 'OK', status: 200 };
		});

		test('subscribe, replace by client_reference, list, unsubscribe', async () => {
			const body = {
				event: 'person.change',
				target_url: receiverUrl,
				scope: 'local',
				client_reference: 'n8n-1',
			};
			const s1 = await api('POST', '/v1/webhooks/subscribe', { body });
			expect(s1.json.errorcode).toBe(0);
			const s2 = await api('POST', '/v1/webhooks/subscribe', { body });
			expect(s2.json.uniqueid).not.toBe(s1.json.uniqueid);
			const l = await api('GET', '/v1/webhooks');
			expect(l.json.list).toHaveLength(1);
			expect(l.json.list[0]).toMatchObject({
				uniqueid: s2.json.uniqueid,
				event: 'person.change',
				target_url: receiverUrl,
				scope: 'local',
				client_reference: 'n8n-1',
				suspended: false,
				usage: { successCount: 0, failCount: 0 },
			});
			expect(
				(await api('POST', '/v1/webhooks/unsubscribe', { body: { event: 'person.change' } })).json
					.errorcode,
			).toBe(3);
			expect(
				(
					await api('POST', '/v1/webhooks/unsubscribe', {
						body: { event: 'person.change', uniqueid: s1.json.uniqueid },
					})
				).json,
			).toEqual({ errorcode: 5, message: 'Subscription not found' });
			expect(
				(
					await api('POST', '/v1/webhooks/unsubscribe', {
						body: { event: 'person.change', client_reference: 'n8n-1' },
					})
				).json,
			).toEqual({ errorcode: 0 });
			expect((await api('GET', '/v1/webhooks')).json.list).toEqual([]);
		});

		test(
			"answerShapes 'example' lists subscriptions with uniqueId, " +
				"as the schema's example and the reference show",
			async () => {
				const other = await startSimulator({ port: 0, answerShapes: 'example' });
				try {
					const s = await call(other.url, 'POST', '/v1/webhooks/subscribe', {
						body: { event: 'person.change', target_url: receiverUrl, scope: 'local' },
					});
					const l = await call(other.url, 'GET', '/v1/webhooks');
					expect(l.json.list[0].uniqueId).toBe(s.json.uniqueid);
					expect(l.json.list[0]).not.toHaveProperty('uniqueid');
				} finally {
					await other.close();
				}
			},
		);

		test('subscribe validation', async () => {
			const base = { event: 'person.change', target_url: receiverUrl, scope: 'local' };
			const bad = async (patch) =>
				(await api('POST', '/v1/webhooks/subscribe', { body: { ...base, ...patch } })).json;
			expect((await bad({ event: 'person.created' })).errorcode).toBe(4);
			expect((await bad({ target_url: 'ftp://x' })).errorcode).toBe(4);
			expect((await bad({ scope: 'galaxy' })).errorcode).toBe(4);
			expect((await bad({ filters: { person: {} } })).errorcode).toBe(4);
			expect((await bad({ filters: [{ company: { name: 'x' } }] })).message).toMatch(/company/);
			expect((await bad({ filters: [{ changes: { stage: { after: 'x' } } }] })).message).toMatch(
				/audit/,
			);
			expect(took(sim)).toEqual(['enum body.event', 'enum body.scope', 'type body.filters']);
		});

		test('delivers audit changes matching filters, suspends on a wrong answer', async () => {
			const [p] = sim.seedPeople(1, { stage: 'lead', segment: 'custom1' });
			const s = await api('POST', '/v1/webhooks/subscribe', {
				body: {
					event: 'person.audit.change',
					target_url: receiverUrl,
					scope: 'local',
					client_reference: 'ref-7',
					filters: [
						{ person: { segment: 'Buyers' }, changes: { stage: { before: 'Lead', after: '*' } } },
					],
				},
			});
			const id = s.json.uniqueid;
			sim.changeRelation('person', p.direct, { headline: 'not audited' });
			sim.changeRelation('person', p.direct, { stage: 'future' });
			const [d] = await sim.waitForDeliveries(1, 2000);
			expect(d).toMatchObject({ subscriptionId: id, ok: true, status: 200 });
			expect(received).toHaveLength(1);
			expect(received[0].headers['x-cloze-subscription-id']).toBe(id);
			expect(received[0].headers['x-cloze-client-reference']).toBe('ref-7');
			expect(received[0].headers['content-type']).toBe('application/json');
			expect(received[0].body).toEqual([
				{
					person: expect.objectContaining({ direct: p.direct, stage: 'future' }),
					changes: { stage: { before: 'lead', after: 'future' } },
					event: 'person.audit.change',
				},
			]);

			answer = { type: 'text/plain', body: 'firstEntryJson', status: 200 };
			sim.changeRelation('person', p.direct, { stage: 'lead' });
			sim.changeRelation('person', p.direct, { stage: 'current' });
			const all = await sim.waitForDeliveries(2, 2000);
			expect(all[1]).toMatchObject({ ok: false, suspended: true, responseBody: 'firstEntryJson' });
			const l = (await api('GET', '/v1/webhooks')).json.list[0];
			expect(l.suspended).toBe(true);
			expect(l.usage).toMatchObject({ successCount: 1, failCount: 1 });
			sim.changeRelation('person', p.direct, { stage: 'lead' });
			sim.changeRelation('person', p.direct, { stage: 'future' });
			await new Promise((r) => setTimeout(r, 50));
			expect(sim.deliveries).toHaveLength(2);
		});

		test('change events fire on API writes; JSON {"status":"ok"} is accepted', async () => {
			answer = { type: 'application/json', body: '{ "status" : "ok" }', status: 200 };
			await api('POST', '/v1/webhooks/subscribe', {
				body: { event: 'company.change', target_url: receiverUrl, scope: 'local' },
			});
			await api('POST', '/v1/companies/create', {
				body: { name: 'Hooked', domains: ['hooked.example.com'] },
			});
			const [d] = await sim.waitForDeliveries(1, 2000);
			expect(d.ok).toBe(true);
			expect(received[0].body[0]).toMatchObject({
				company: { name: 'Hooked' },
				changes: {},
				event: 'company.change',
			});
		});
	});

	describe('faults', () => {
		test('429 with Retry-After once, then normal', async () => {
			sim.addFault({ method: 'GET', path: '/v1/user/profile', status: 429, retryAfter: 2 });
			const a = await api('GET', '/v1/user/profile');
			expect(a.status).toBe(429);
			expect(a.headers['retry-after']).toBe('2');
			expect((await api('GET', '/v1/user/profile')).status).toBe(200);
			expect(sim.requestsTo('GET', '/v1/user/profile').map((e) => e.status)).toEqual([429, 200]);
		});
		test('after / times / malformed / latency', async () => {
			sim.addFault({ path: '/v1/team/roles', after: 1, times: 2, status: 503 });
			const statuses = [];
			for (let i = 0; i < 4; i++) statuses.push((await api('GET', '/v1/team/roles')).status);
			expect(statuses).toEqual([200, 503, 503, 200]);
			sim.addFault({ path: '/v1/team/nodes', malformed: true });
			const m = await api('GET', '/v1/team/nodes');
			expect(m.status).toBe(200);
			expect(m.json).toBeUndefined();
			sim.addFault({ path: '/v1/team/nodes', latencyMs: 30 });
			const t0 = Date.now();
			expect((await api('GET', '/v1/team/nodes')).json.errorcode).toBe(0);
			expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
		});
	});

	describe('timeline, analytics, account', () => {
		test('messages/opens pages of 100 with a credential-free next URL', async () => {
			sim.seedMessages(250);
			// The schema's answer: an array holding one batch {more, next?, messages}.
			const page = async (url) => {
				const r = (await api('GET', url)).json;
				expect(r).toHaveLength(1);
				return r[0];
			};
			const p1 = await page('/v1/messages/opens?from=0');
			expect(p1.more).toBe(true);
			expect(p1.messages).toHaveLength(100);
			expect(p1.next.startsWith(sim.url)).toBe(true);
			expect(p1.next).not.toMatch(/api_key|test-api-key/);
			expect(p1.next).toBe(`${sim.url}/v1/messages/opens?from=${sim.state.messages[100].date}`);
			const p2 = await page(p1.next);
			const p3 = await page(p2.next);
			expect(p3.more).toBe(false);
			expect(p3.next).toBeUndefined();
			const ids = [...p1.messages, ...p2.messages, ...p3.messages].map((m) => m.message);
			expect(new Set(ids).size).toBe(250);
			expect(p1.messages[0].opens.length).toBeGreaterThan(0);
			expect((await api('GET', '/v1/messages/opens?from=yesterday')).json.errorcode).toBe(4);
			expect(took(sim)).toEqual(['type query.from']);
		});

		test('timeline validation', async () => {
			const post = async (p, body) => (await api('POST', p, { body })).json;
			expect(
				await post('/v1/timeline/communication/create', {
					style: 'call',
					from: '+1 650-555-1212',
					outcome: 'connected',
				}),
			).toEqual({ errorcode: 0 });
			expect(
				(await post('/v1/timeline/communication/create', { style: 'fax', from: 'a@b.com' }))
					.errorcode,
			).toBe(4);
			expect((await post('/v1/timeline/communication/create', { style: 'email' })).errorcode).toBe(
				3,
			);
			expect(
				(
					await post('/v1/timeline/communication/create', {
						style: 'email',
						from: 'a@b.com',
						preview: 'x'.repeat(1025),
					})
				).errorcode,
			).toBe(4);
			expect(
				(await post('/v1/timeline/content/create', { style: 'note', uniqueid: 'n1' })).message,
			).toMatch(/source/);
			expect(
				(
					await post('/v1/timeline/content/create', {
						style: 'note',
						uniqueid: 'n1',
						source: 'not a domain',
					})
				).message,
			).toMatch(/source/);
			expect(
				await post('/v1/timeline/content/create', {
					style: 'note',
					uniqueid: 'n1',
					source: 'example.org',
				}),
			).toEqual({ errorcode: 0 });
			expect((await post('/v1/timeline/todo/create', { when: 1 })).message).toMatch(/subject/);
			expect(
				(await post('/v1/timeline/todo/create', { subject: 'x', assignee: 'stranger@x.com' }))
					.errorcode,
			).toBe(4);
			expect(
				await post('/v1/timeline/todo/create', {
					subject: 'x',
					assignee: TEAM_MEMBERS[1].email,
					participants: ['a@b.com'],
				}),
			).toEqual({ errorcode: 0 });
			expect(sim.state.timeline).toHaveLength(3);
			expect(took(sim)).toEqual(['enum body.style', 'required body.subject']);
		});

		test('analytics answer without errorcode, validate scale', async () => {
			const ok = await api('POST', '/v1/analytics/activity', {
				body: { queries: { q1: { scale: 'month', max: 3, measures: ['sentmails', '#calls'] } } },
			});
			expect(ok.json.errorcode).toBeUndefined();
			expect(ok.json.q1.periods).toHaveLength(3);
			expect(typeof ok.json.q1.periods[0].sentmails).toBe('number');
			const bad = await api('POST', '/v1/analytics/teamactivity', {
				body: { queries: { q2: { measures: ['sentmails'] } } },
			});
			expect(bad.json.errorcode).toBe(4);
			expect(bad.json.message).toMatch(/q2/);
			expect((await api('POST', '/v1/analytics/funnel', { body: {} })).json.errorcode).toBe(3);
			expect(took(sim)).toEqual(['required body.queries']);
			const upd = await api('GET', '/v1/analytics/teamactivity/update?skip=true');
			expect(upd.json).toEqual({
				errorcode: 0,
				oldest: expect.any(Number),
				newest: expect.any(Number),
				users: 5,
				skipped: 5,
				updated: 0,
			});
		});

		test('account shapes', async () => {
			expect((await api('GET', '/v1/user/views')).json).toEqual(VIEWS);
			expect((await api('GET', '/v1/user/fields')).json).toEqual({
				errorcode: 0,
				list: CUSTOM_FIELDS,
			});
			const pf = (await api('GET', '/v1/user/fields?relationtype=project')).json.list.map(
				(f) => f.id,
			);
			expect(pf).toEqual(expect.arrayContaining(['closing-date', 'meeting-limit']));
			expect(pf).not.toContain('role');
			expect((await api('GET', '/v1/user/fields?relationtype=deal')).json.errorcode).toBe(4);
			expect(took(sim)).toEqual(['enum query.relationtype']);
			expect((await api('GET', '/v1/user/steps?stage=lead')).json.errorcode).toBe(3);
			expect((await api('GET', '/v1/user/steps?segment=customer&stage=lead')).json).toEqual({
				errorcode: 0,
				segments: { customer: { lead: STEPS.customer.lead } },
			});
			expect((await api('GET', '/v1/team/members/list')).json.list).toEqual(TEAM_MEMBERS);
			const up = await api('POST', '/v1/team/members/update', {
				body: {
					key: 'tom@incfire.com',
					role: 'Manager',
					node: '/US/West',
					keywords: { add: ['osa'] },
				},
			});
			expect(up.json).toEqual({ errorcode: 0 });
			expect(
				(
					await api('POST', '/v1/team/members/update', {
						body: { key: 'tom@incfire.com', role: 'Boss' },
					})
				).json.errorcode,
			).toBe(4);
			expect(
				(await api('POST', '/v1/team/members/update', { body: { key: 'x@y.z' } })).json.errorcode,
			).toBe(5);
		});
	});

	test('demo seed and control API', async () => {
		sim.reset({ seed: 'demo' });
		expect(sim.store.people).toHaveLength(25);
		expect(sim.store.companies).toHaveLength(8);
		expect(sim.store.projects).toHaveLength(6);
		const ids = DEMO_DIRECT_IDS();
		expect(sim.store.get('person', 'abby.vine@acmerobotics.com').direct).toBe(
			ids.people['abby.vine@acmerobotics.com'],
		);
		const team = await api('GET', '/v1/people/find?scope=hierarchy:/US/West/*&countonly=true');
		expect(team.json.availablecount).toBeGreaterThan(0);
		const st = await call(sim.url, 'GET', '/__sim/state', { token: null });
		expect(st.json.people).toHaveLength(25);
		const ch = await call(sim.url, 'POST', '/__sim/change', {
			token: null,
			body: { kind: 'people', uniqueid: 'abby.vine@acmerobotics.com', patch: { stage: 'past' } },
		});
		expect(ch.json.record.stage).toBe('past');
		await call(sim.url, 'POST', '/__sim/faults', {
			token: null,
			body: { path: '/v1/user/profile', status: 500 },
		});
		expect((await api('GET', '/v1/user/profile')).status).toBe(500);
		const log = await call(sim.url, 'GET', '/__sim/requests', { token: null });
		expect(log.json.requests.map((r) => r.path)).toEqual(['/v1/people/find', '/v1/user/profile']);
		await call(sim.url, 'POST', '/__sim/reset', { token: null, body: { seed: 'none' } });
		expect(sim.store.people).toHaveLength(0);
		const sd = await call(sim.url, 'POST', '/__sim/seed', {
			token: null,
			body: { people: 2, projects: { count: 1, defaults: { stage: 'current' } } },
		});
		expect(sd.json.people).toHaveLength(2);
		expect(sd.json.projects[0].stage).toBe('current');
	});
});
