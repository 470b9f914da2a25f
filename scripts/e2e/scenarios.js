'use strict';
/*
 * The action workflows of the end-to-end suite: each chains real operations of the Cloze node,
 * runs once with `n8n execute`, and is checked against every node's output and the simulator's
 * state and request log. A scenario whose operations are not in the package is reported skipped.
 */
const assert = require('node:assert/strict');

const H = require('./harness');
const { TYPES, chainWorkflow } = require('./workflows');

const cloze = (name, parameters) => ({
	name,
	type: TYPES.cloze,
	parameters: { authentication: 'apiKey', ...parameters },
});
const manual = { name: 'Start', type: TYPES.manual, parameters: {} };

/** The first of `needs` ([resource, operation]) that the Cloze node lacks, or undefined. */
function missingOf(contents, needs) {
	const d = contents.descriptions.cloze;
	if (!d) return 'the Cloze node';
	const ops = H.operationsOf(d);
	const miss = needs.filter(([r, o]) => !(ops[r] || []).includes(o)).map(([r, o]) => `${r} > ${o}`);
	return miss.length ? miss.join(', ') : undefined;
}

/**
 * @param {{credential: {id, name}, oauthCredential?: {id, name}, contents}} options
 *   `oauthCredential`: a clozeOAuth2Api credential holding the simulator's OAuth token.
 * Each scenario: {id, title, needs, nodes, before?({sim}), verify({out, before, after, requests,
 * sim})}.
 */
function actionScenarios({ credential, oauthCredential, contents }) {
	const list = [];
	const add = (s) => {
		const missing = missingOf(contents, s.needs);
		list.push({
			...s,
			missing,
			workflow: missing
				? undefined
				: chainWorkflow({
						id: s.id,
						name: `E2E: ${s.title}`,
						credential,
						nodes: [manual, ...s.nodes],
					}),
		});
	};

	add({
		id: 'clozeE2eAccount1',
		title: 'account: profile',
		needs: [['account', 'getProfile']],
		nodes: [cloze('Get Profile', { resource: 'account', operation: 'getProfile' })],
		verify: async ({ out, requests }) => {
			const [profile] = out('Get Profile');
			assert.equal(profile.email, 'dana@incfire.com');
			assert.equal(profile.name, 'Dana Varenos');
			const calls = requests.filter((r) => r.path === '/v1/user/profile');
			assert.equal(calls.length, 1);
			assert.equal(calls[0].auth, 'bearer-api-key');
		},
	});

	const email = 'erin.e2e@example.com';
	const byEmail = { __rl: true, mode: 'email', value: email };
	add({
		id: 'clozeE2ePerson01',
		title:
			'person: create with custom fields -> find -> log a call -> to-do -> update -> get -> ' +
			'changes -> delete',
		needs: [
			['person', 'create'],
			['person', 'getAll'],
			['timeline', 'createCommunication'],
			['timeline', 'createTodo'],
			['person', 'update'],
			['person', 'get'],
			['person', 'getChanges'],
			['person', 'delete'],
		],
		nodes: [
			cloze('Create Person', {
				resource: 'person',
				operation: 'create',
				identifyBy: 'email',
				email,
				name: 'Erin Example',
				additionalFields: {
					segment: 'customer',
					stage: 'lead',
					keywords: 'e2e, open-house',
					phones: { entry: [{ value: '+1 617 555 0101', mobile: true }] },
					customFields: {
						field: [
							{ id: 'lead-source', value: 'Referral' },
							{ id: 'meeting-limit', value: '5' },
						],
					},
				},
			}),
			cloze('Find Person', {
				resource: 'person',
				operation: 'getAll',
				returnAll: false,
				limit: 10,
				scope: 'local',
				filters: { query: email },
				simplify: true,
			}),
			cloze('Log Call', {
				resource: 'timeline',
				operation: 'createCommunication',
				style: 'call',
				from: 'dana@incfire.com',
				subject: 'Intro call',
				date: '2025-11-20T11:45:13Z',
				recipients: {
					recipient: [{ value: '={{ $json.emails[0] }}', name: '={{ $json.name }}', role: 'to' }],
				},
				additionalFields: {
					duration: 15,
					outcome: 'connected',
					direction: 'outbound',
					body: 'Talked about the spring listings.',
				},
			}),
			cloze('Create To-Do', {
				resource: 'timeline',
				operation: 'createTodo',
				subject: "=Send listings to {{ $('Find Person').item.json.name }}",
				when: '2030-01-15T16:00:00Z',
				participants: "={{ $('Find Person').item.json.emails[0] }}",
				additionalFields: { assignee: 'dave@incfire.com' },
			}),
			cloze('Move to Active', {
				resource: 'person',
				operation: 'update',
				record: byEmail,
				updateFields: { stage: 'current' },
			}),
			cloze('Get Person', {
				resource: 'person',
				operation: 'get',
				record: byEmail,
				simplify: true,
			}),
			cloze('Get Changes', {
				resource: 'person',
				operation: 'getChanges',
				returnAll: true,
				scope: 'local',
				simplify: true,
			}),
			{
				...cloze('Delete Person', { resource: 'person', operation: 'delete', record: byEmail }),
				executeOnce: true,
			},
		],
		verify: async ({ out, after, requests }) => {
			// A write outputs the record as Cloze stored it (read back by its e-mail), never `errorcode`.
			assert.deepEqual(out('Create Person')[0].emails, [email]);
			assert.ok(
				!('errorcode' in out('Create Person')[0]),
				'errorcode in the output of Create Person',
			);
			const found = out('Find Person');
			assert.equal(found.length, 1, `Find Person: ${JSON.stringify(found)}`);
			assert.equal(found[0].name, 'Erin Example');
			assert.deepEqual(pick(found[0], ['segment', 'stage']), {
				segment: 'customer',
				stage: 'lead',
			});
			assert.deepEqual(found[0].emails, [email]);
			assert.equal(found[0].customFields['lead-source'], 'referral');
			assert.equal(Number(found[0].customFields['meeting-limit']), 5);
			assert.equal(out('Log Call').length, 1);
			assert.equal(out('Create To-Do').length, 1);
			assert.equal(out('Get Person')[0].stage, 'current');
			const changed = out('Get Changes').filter((r) => (r.emails || []).includes(email));
			assert.equal(changed.length, 1, 'Get Changes does not hold the person once');
			assert.equal(changed[0].stage, 'current');
			assert.deepEqual(out('Delete Person'), [{ deleted: true, uniqueid: email }]);

			// The simulator's state: the calls and the to-do are on the timeline, the person is gone.
			const call = after.timeline.find(
				(t) => t._type === 'communication' && t.subject === 'Intro call',
			);
			assert.ok(call, 'no communication on the timeline');
			assert.equal(call.style, 'call');
			assert.equal(call.from, 'dana@incfire.com');
			assert.deepEqual(
				call.recipients.map((r) => [r.value, r.role]),
				[[email, 'to']],
			);
			assert.equal(call.duration, 15);
			const todo = after.timeline.find((t) => t._type === 'todo');
			assert.ok(todo, 'no to-do on the timeline');
			assert.equal(todo.subject, 'Send listings to Erin Example');
			assert.equal(todo.assignee, 'dave@incfire.com');
			assert.deepEqual(todo.participants, [email]);
			assert.ok(
				!after.people.some((p) => (p.emails || []).some((e) => e.value === email)),
				'the person still exists',
			);

			// The requests, in order (account look-ups for custom field types aside).
			// Get Changes reads pages until the feed is empty: consecutive feed calls count once.
			const calls = requests
				.filter((r) => !r.path.startsWith('/v1/user/'))
				.map((r) => `${r.method} ${r.path}`)
				.filter((c, i, all) => !(c === 'GET /v1/people/feed' && all[i - 1] === c));
			assert.deepEqual(calls, [
				'POST /v1/people/create',
				'GET /v1/people/get', // Create or Update outputs the stored record (Return Stored Record)
				'GET /v1/people/find',
				'POST /v1/timeline/communication/create',
				'POST /v1/timeline/todo/create',
				'POST /v1/people/update',
				'GET /v1/people/get', // the same after Update
				'GET /v1/people/get',
				'GET /v1/people/feed',
				'DELETE /v1/people/delete',
			]);
			const create = requests.find((r) => r.path === '/v1/people/create').body;
			assert.deepEqual(
				create.emails.map((e) => e.value),
				[email],
			);
			const cf = Object.fromEntries(create.customFields.map((f) => [f.id, f.value]));
			assert.equal(cf['lead-source'], 'referral');
			assert.equal(Number(cf['meeting-limit']), 5);
			assert.ok(
				requests.every((r) => r.status === 200 && r.auth === 'bearer-api-key'),
				'a request failed or was not authenticated by key',
			);
		},
	});

	const domain = 'acme-e2e.example';
	const projectName = 'Rollout for Acme E2E';
	add({
		id: 'clozeE2eCompany1',
		title:
			'company and project: create -> get -> create project -> update by ID -> find -> delete both',
		needs: [
			['company', 'create'],
			['company', 'get'],
			['project', 'create'],
			['project', 'get'],
			['project', 'update'],
			['project', 'getAll'],
			['project', 'delete'],
			['company', 'delete'],
		],
		nodes: [
			cloze('Create Company', {
				resource: 'company',
				operation: 'create',
				name: 'Acme E2E',
				identifyBy: 'domain',
				domain,
				additionalFields: {
					segment: 'partner',
					customFields: {
						field: [
							{ id: 'industry', value: 'software' },
							{ id: 'employees', value: '120' },
						],
					},
				},
			}),
			cloze('Get Company', {
				resource: 'company',
				operation: 'get',
				record: { __rl: true, mode: 'domain', value: domain },
				simplify: true,
			}),
			cloze('Create Project', {
				resource: 'project',
				operation: 'create',
				name: '=Rollout for {{ $json.name }}',
				additionalFields: {
					segment: 'project',
					stage: 'future',
					value: 25000,
					customFields: { field: [{ id: 'commission', value: '3' }] },
				},
			}),
			cloze('Get Project', {
				resource: 'project',
				operation: 'get',
				record: { __rl: true, mode: 'name', value: projectName },
				simplify: true,
			}),
			cloze('Mark Active', {
				resource: 'project',
				operation: 'update',
				record: { __rl: true, mode: 'id', value: '={{ $json.direct }}' },
				name: '={{ $json.name }}',
				updateFields: { stage: 'current' },
			}),
			cloze('Active Projects', {
				resource: 'project',
				operation: 'getAll',
				returnAll: true,
				scope: 'local',
				filters: { stage: 'current' },
				simplify: true,
			}),
			{
				...cloze('Delete Project', {
					resource: 'project',
					operation: 'delete',
					record: { __rl: true, mode: 'name', value: projectName },
				}),
				executeOnce: true,
			},
			cloze('Delete Company', {
				resource: 'company',
				operation: 'delete',
				record: { __rl: true, mode: 'domain', value: domain },
			}),
		],
		verify: async ({ out, after, requests }) => {
			const company = out('Get Company');
			assert.equal(company.length, 1);
			assert.equal(company[0].name, 'Acme E2E');
			assert.deepEqual(company[0].domains, [domain]);
			assert.equal(company[0].segment, 'partner');
			assert.equal(company[0].customFields.industry, 'software');
			assert.equal(Number(company[0].customFields.employees), 120);
			const project = out('Get Project');
			assert.equal(project[0].name, projectName);
			assert.equal(project[0].stage, 'future');
			assert.ok(project[0].direct, 'the project has no Cloze ID');
			const active = out('Active Projects');
			assert.deepEqual(
				active.map((p) => [p.name, p.stage]),
				[[projectName, 'current']],
			);
			assert.deepEqual(out('Delete Project'), [{ deleted: true, uniqueid: projectName }]);
			assert.deepEqual(out('Delete Company'), [{ deleted: true, uniqueid: domain }]);
			assert.equal(
				after.projects.filter((p) => p.name === projectName).length,
				0,
				'the project still exists',
			);
			assert.equal(
				after.companies.filter((c) => (c.domains || []).includes(domain)).length,
				0,
				'the company still exists',
			);
			const update = requests.find((r) => r.path === '/v1/projects/update');
			assert.equal(update.body.name, projectName);
			assert.equal(update.body.stage, 'current');
			assert.equal(
				update.body.direct || update.body.uniqueid || update.query.uniqueid,
				project[0].direct,
				`update body: ${JSON.stringify(update.body)}`,
			);
			const created = requests.find((r) => r.path === '/v1/projects/create').body;
			assert.deepEqual(
				created.customFields.find((field) => field.id === 'value'),
				{ id: 'value', type: 'currency', value: 25000 },
			);
			assert.ok(
				requests.every((r) => r.status === 200),
				'a request failed',
			);
		},
	});

	add({
		id: 'clozeE2eLists01',
		title: 'account and team lists, webhook subscribe -> list -> unsubscribe',
		needs: [
			['account', 'getStages'],
			['team', 'getMembers'],
			['webhook', 'subscribe'],
			['webhook', 'getAll'],
			['webhook', 'unsubscribe'],
		],
		nodes: [
			cloze('Project Stages', {
				resource: 'account',
				operation: 'getStages',
				relationKind: 'projects',
				returnAll: true,
			}),
			{
				...cloze('Team Members', { resource: 'team', operation: 'getMembers', returnAll: true }),
				executeOnce: true,
			},
			{
				...cloze('Subscribe', {
					resource: 'webhook',
					operation: 'subscribe',
					event: 'company.change',
					targetUrl: 'http://127.0.0.1:9/cloze-hook',
					scope: 'local',
					additionalFields: { clientReference: 'e2e-ref' },
				}),
				executeOnce: true,
			},
			cloze('Subscriptions', { resource: 'webhook', operation: 'getAll', returnAll: true }),
			{
				...cloze('Unsubscribe', {
					resource: 'webhook',
					operation: 'unsubscribe',
					event: 'company.change',
					identifyBy: 'clientReference',
					clientReference: 'e2e-ref',
				}),
				executeOnce: true,
			},
		],
		verify: async ({ out, after, requests }) => {
			assert.deepEqual(
				out('Project Stages').map((s) => s.key),
				['future', 'current', 'won', 'lost'],
			);
			assert.deepEqual(
				out('Team Members')
					.map((m) => m.email)
					.sort(),
				[
					'carla@incfire.com',
					'dana@incfire.com',
					'dave@incfire.com',
					'priya@incfire.com',
					'tom@incfire.com',
				],
			);
			assert.ok(out('Subscribe')[0].uniqueid, 'Subscribe gave no uniqueid');
			const subs = out('Subscriptions');
			assert.equal(subs.length, 1);
			assert.equal(subs[0].client_reference, 'e2e-ref');
			assert.equal(subs[0].target_url, 'http://127.0.0.1:9/cloze-hook');
			assert.equal(after.subscriptions.length, 0, 'the subscription is still there');
			const sub = requests.find((r) => r.path === '/v1/webhooks/subscribe').body;
			assert.deepEqual(pick(sub, ['event', 'target_url', 'scope', 'client_reference']), {
				event: 'company.change',
				target_url: 'http://127.0.0.1:9/cloze-hook',
				scope: 'local',
				client_reference: 'e2e-ref',
			});
		},
	});

	// ------------------------------------------------------------------ operations not covered above
	const once = (node) => ({ ...node, executeOnce: true });
	if (oauthCredential) {
		add({
			id: 'clozeE2eAccount2',
			title:
				'account: profile through the OAuth2 credential, project segments, steps, company custom ' +
				'fields, audiences',
			needs: [
				['account', 'getProfile'],
				['account', 'getSegments'],
				['account', 'getSteps'],
				['account', 'getCustomFields'],
				['account', 'getViews'],
			],
			nodes: [
				{
					...cloze('Profile (OAuth2)', {
						authentication: 'oAuth2',
						resource: 'account',
						operation: 'getProfile',
					}),
					credentials: { clozeOAuth2Api: { id: oauthCredential.id, name: oauthCredential.name } },
				},
				once(
					cloze('Project Segments', {
						resource: 'account',
						operation: 'getSegments',
						relationKind: 'projects',
						returnAll: true,
					}),
				),
				once(
					cloze('Buyer Lead Steps', {
						resource: 'account',
						operation: 'getSteps',
						relationKind: 'people',
						returnAll: true,
						filters: { segment: 'custom1', stage: 'lead' },
					}),
				),
				once(
					cloze('Company Fields', {
						resource: 'account',
						operation: 'getCustomFields',
						relationType: 'company',
						returnAll: true,
					}),
				),
				once(
					cloze('Audiences', {
						resource: 'account',
						operation: 'getViews',
						relation: 'people',
						returnAll: true,
					}),
				),
			],
			verify: async ({ out, requests }) => {
				assert.deepEqual(pick(out('Profile (OAuth2)')[0], ['email', 'name']), {
					email: 'dana@incfire.com',
					name: 'Dana Varenos',
				});
				assert.deepEqual(
					out('Project Segments').map((x) => [x.key, x.name]),
					[
						['project', 'Deals'],
						['project1', 'Purchases'],
					],
				);
				assert.deepEqual(out('Buyer Lead Steps'), [
					{ segment: 'custom1', stage: 'lead', name: 'Initial call', key: 's-10001' },
					{ segment: 'custom1', stage: 'lead', name: 'Pre-approval', key: 's-10002' },
				]);
				assert.deepEqual(
					out('Company Fields').map((f) => f.id),
					['lead-source', 'meeting-limit', 'industry', 'employees'],
				);
				const industry = out('Company Fields').find((f) => f.id === 'industry');
				assert.equal(industry.type, 'keyword');
				assert.equal(industry.values.realestate.label, 'Real Estate');
				assert.deepEqual(out('Audiences'), [
					{
						relation: 'people',
						id: 'my',
						name: 'My People',
						label: { singular: 'Audience', plural: 'Audiences' },
					},
					{
						relation: 'people',
						id: 'focus',
						name: 'My Network',
						label: { singular: 'Audience', plural: 'Audiences' },
					},
					{
						relation: 'people',
						id: 'team',
						name: 'Team People',
						label: { singular: 'Audience', plural: 'Audiences' },
					},
				]);
				assert.deepEqual(
					requests.map((r) => [r.method, r.url, r.auth, r.status]),
					[
						['GET', '/v1/user/profile', 'bearer-oauth', 200],
						['GET', '/v1/user/segments/projects', 'bearer-api-key', 200],
						['GET', '/v1/user/steps?segment=custom1&stage=lead', 'bearer-api-key', 200],
						['GET', '/v1/user/fields?relationtype=company', 'bearer-api-key', 200],
						['GET', '/v1/user/views', 'bearer-api-key', 200],
					],
				);
				assert.equal(requests[0].headers.authorization, 'Bearer test-oauth-token');
			},
		});
	}

	const activityQuery = {
		name: 'advisorqtr',
		scale: 'quarter',
		measures: ['sentmails', 'meetings'],
		customMeasures: '',
		max: 3,
		tag: 'advisor',
	};
	const teamBody = {
		queries: {
			advisors: { scale: 'month', max: 2, tag: 'advisor', measures: ['outbcalls', 'meetings'] },
		},
	};
	add({
		id: 'clozeE2eAnalyt01',
		title: 'analytics: activity (form), team activity (JSON)',
		needs: [
			['analytics', 'activity'],
			['analytics', 'teamActivity'],
		],
		nodes: [
			cloze('Activity', {
				resource: 'analytics',
				operation: 'activity',
				inputMode: 'form',
				queries: { query: [activityQuery] },
			}),
			once(
				cloze('Team Activity', {
					resource: 'analytics',
					operation: 'teamActivity',
					inputMode: 'json',
					jsonBody: JSON.stringify(teamBody, null, 2),
				}),
			),
		],
		verify: async ({ out, requests }) => {
			const [activity] = out('Activity');
			assert.equal(activity.query, 'advisorqtr');
			assert.equal(activity.scale, 'quarter');
			assert.equal(activity.periods.length, 3);
			for (const p of activity.periods) {
				assert.deepEqual(Object.keys(p).sort(), ['end', 'label', 'meetings', 'sentmails', 'start']);
				assert.ok(Number.isInteger(p.sentmails) && Number.isInteger(p.meetings), JSON.stringify(p));
			}
			assert.match(activity.periods[2].label, /^\d{4} Q[1-4]$/);
			const team = out('Team Activity');
			assert.equal(team.length, 1);
			assert.equal(team[0].query, 'advisors');
			assert.deepEqual(team[0].users.map((u) => u.email).sort(), [
				'carla@incfire.com',
				'dave@incfire.com',
				'tom@incfire.com',
			]);
			for (const u of team[0].users) {
				assert.equal(u.periods.length, 2);
				assert.equal(u.totals.meetings, u.periods[0].meetings + u.periods[1].meetings);
			}
			const [a, t] = requests;
			assert.deepEqual(
				[a.method, a.path, t.method, t.path],
				['POST', '/v1/analytics/activity', 'POST', '/v1/analytics/teamactivity'],
			);
			assert.deepEqual(a.body, {
				queries: {
					advisorqtr: {
						scale: 'quarter',
						max: 3,
						tag: 'advisor',
						measures: ['sentmails', 'meetings'],
					},
				},
			});
			assert.deepEqual(t.body, teamBody);
			assert.equal(requests.length, 2);
			assert.ok(
				requests.every((r) => r.status === 200 && r.auth === 'bearer-api-key'),
				'a request failed',
			);
		},
	});

	const MESSAGES = 150;
	add({
		id: 'clozeE2eTimeln01',
		title:
			'timeline: note, message opens (Return All over 2 pages); team: nodes, roles, update a ' +
			'member',
		needs: [
			['timeline', 'createContent'],
			['timeline', 'getMessageOpens'],
			['team', 'getNodes'],
			['team', 'getRoles'],
			['team', 'updateMember'],
		],
		// 150 sent messages with opens: two pages of Cloze's 100.
		before: async ({ sim }) => sim.post('/__sim/seed', { messages: MESSAGES }),
		nodes: [
			cloze('Create Note', {
				resource: 'timeline',
				operation: 'createContent',
				style: 'note',
				uniqueid: 'e2e-note-0001',
				source: 'notes.example.com',
				from: 'dana@incfire.com',
				subject: 'Met Erin at the open house',
				date: '2025-11-20T11:45:13Z',
				additionalFields: {
					body: 'Wants a 3-bedroom near the park.',
					references: {
						reference: [{ value: 'erin.e2e@example.com', name: 'Erin Example', role: '' }],
					},
					links: { link: [{ url: 'https://notes.example.com/n/0001', name: 'Note 0001' }] },
				},
			}),
			once(
				cloze('Message Opens', {
					resource: 'timeline',
					operation: 'getMessageOpens',
					returnAll: true,
				}),
			),
			once(cloze('Team Nodes', { resource: 'team', operation: 'getNodes', returnAll: true })),
			once(cloze('Team Roles', { resource: 'team', operation: 'getRoles', returnAll: true })),
			once(
				cloze('Update Member', {
					resource: 'team',
					operation: 'updateMember',
					member: 'priya@incfire.com',
					updateFields: {
						role: 'Agent',
						node: '/US/West/CA',
						secondaryNodes: ['/US/East'],
						keywordsToAdd: 'mentor, onboard',
						keywordsToRemove: 'isa',
						customFields: { field: [{ id: 'mls-number', value: '123456' }] },
					},
				}),
			),
		],
		verify: async ({ out, before, after, requests }) => {
			const note = after.timeline.find(
				(t) => t._type === 'content' && t.uniqueid === 'e2e-note-0001',
			);
			assert.ok(note, 'no note on the timeline');
			assert.deepEqual(pick(note, ['style', 'source', 'from', 'subject', 'body']), {
				style: 'note',
				source: 'notes.example.com',
				from: 'dana@incfire.com',
				subject: 'Met Erin at the open house',
				body: 'Wants a 3-bedroom near the park.',
			});
			assert.deepEqual(note.references, [{ value: 'erin.e2e@example.com', name: 'Erin Example' }]);
			assert.deepEqual(note.links, [
				{ value: 'https://notes.example.com/n/0001', title: 'Note 0001' },
			]);
			assert.equal(note._date, Date.parse('2025-11-20T11:45:13Z'));

			const opens = out('Message Opens');
			const seeded = before.messages.filter((m) => m.opens.length);
			assert.equal(
				opens.length,
				seeded.length,
				`message opens: ${opens.length} of ${seeded.length}`,
			);
			assert.equal(
				new Set(opens.map((m) => m.message ?? m.id)).size,
				opens.length,
				'a message came twice',
			);
			// The schema's shape: a message known by its URL (`message`), each opener `about` whom.
			assert.deepEqual(
				opens.map((m) => m.message),
				[...seeded].sort((a, b) => a.date - b.date).map((m) => m.id),
			);
			assert.ok(
				opens.every((m) => m.opens.length >= 1 && m.opens[0].about.email),
				'a message without opens or opener',
			);
			const pages = requests.filter((r) => r.path === '/v1/messages/opens');
			assert.equal(pages.length, 2, `opens requests: ${pages.map((r) => r.url).join(', ')}`);
			assert.deepEqual(Object.keys(pages[0].query), []);
			assert.deepEqual(Object.keys(pages[1].query), ['from']);

			assert.deepEqual(
				out('Team Nodes').map((n) => n.node),
				['/US', '/US/West', '/US/West/CA', '/US/East', '/US/East/NY'],
			);
			assert.deepEqual(
				out('Team Roles').map((r) => r.name),
				['Administrator', 'Manager', 'Agent', 'Inside Sales'],
			);
			const update = requests.find((r) => r.path === '/v1/team/members/update');
			assert.deepEqual(update.body, {
				key: 'priya@incfire.com',
				role: 'Agent',
				node: '/US/West/CA',
				secondaryNodes: ['/US/East'],
				keywords: { add: ['mentor', 'onboard'], remove: ['isa'] },
				customFields: [{ id: 'mls-number', type: 'text', value: '123456' }],
			});
			const priya = after.members.find((m) => m.email === 'priya@incfire.com');
			assert.deepEqual(
				pick(priya, ['role', 'node', 'secondaryNodes', 'keywords', 'customFields']),
				{
					role: 'Agent',
					node: '/US/West/CA',
					secondaryNodes: ['/US/East'],
					keywords: ['mentor', 'onboard'],
					customFields: [{ id: 'mls-number', type: 'text', value: '123456' }],
				},
			);
			assert.deepEqual(pick(out('Update Member')[0], ['key', 'role', 'node']), {
				key: 'priya@incfire.com',
				role: 'Agent',
				node: '/US/West/CA',
			});
			assert.ok(
				!('errorcode' in out('Update Member')[0]),
				'errorcode in the output of Update Member',
			);
			assert.ok(
				requests.every((r) => r.status === 200 && r.auth === 'bearer-api-key'),
				'a request failed',
			);
		},
	});

	const globex = 'globex-e2e.example';
	const isGlobex = (e) => e.company && (e.company.domains || []).includes(globex);
	add({
		id: 'clozeE2eChanges1',
		title:
			'company: create -> get changes -> move to Active -> get changes from the cursor (audited ' +
			'changes) -> delete',
		needs: [
			['company', 'create'],
			['company', 'update'],
			['company', 'getChanges'],
			['company', 'delete'],
		],
		nodes: [
			cloze('Create Company', {
				resource: 'company',
				operation: 'create',
				name: 'Globex E2E',
				identifyBy: 'domain',
				domain: globex,
				additionalFields: { segment: 'partner', stage: 'lead' },
			}),
			once(
				cloze('Company Changes', {
					resource: 'company',
					operation: 'getChanges',
					returnAll: true,
					scope: 'local',
					includeAuditedChanges: true,
					simplify: true,
				}),
			),
			once(
				cloze('Move to Active', {
					resource: 'company',
					operation: 'update',
					record: { __rl: true, mode: 'domain', value: globex },
					updateFields: { stage: 'current' },
				}),
			),
			once(
				cloze('Changes Since', {
					resource: 'company',
					operation: 'getChanges',
					returnAll: true,
					cursor: "={{ $('Company Changes').last().json.cursor }}",
					includeAuditedChanges: true,
					simplify: true,
				}),
			),
			once(
				cloze('Delete Company', {
					resource: 'company',
					operation: 'delete',
					record: { __rl: true, mode: 'domain', value: globex },
				}),
			),
		],
		verify: async ({ out, after, requests }) => {
			const first = out('Company Changes').filter(isGlobex);
			assert.equal(
				first.length,
				1,
				`Company Changes: ${JSON.stringify(out('Company Changes')).slice(0, 600)}`,
			);
			assert.equal(first[0].company.name, 'Globex E2E');
			assert.equal(first[0].company.stage, 'lead');
			assert.ok(first[0].cursor, 'the item carries no cursor');
			// From the cursor: only what changed since, with its audited change.
			const since = out('Changes Since');
			assert.equal(since.length, 1, `Changes Since: ${JSON.stringify(since).slice(0, 600)}`);
			assert.ok(isGlobex(since[0]));
			assert.equal(since[0].company.stage, 'current');
			assert.deepEqual(since[0].changes.stage, { before: 'lead', after: 'current' });
			assert.deepEqual(out('Delete Company'), [{ deleted: true, uniqueid: globex }]);
			assert.equal(
				after.companies.filter((c) => (c.domains || []).includes(globex)).length,
				0,
				'the company still exists',
			);
			const feed = requests.filter((r) => r.path === '/v1/companies/feed');
			assert.equal(feed[0].query.includeauditedchanges, 'true');
			assert.equal(feed[0].query.scope, 'local');
			const fromCursor = feed.filter((r) => r.query.cursor === first[0].cursor);
			assert.ok(fromCursor.length >= 1, "no feed request from the first read's cursor");
			assert.deepEqual(
				Object.keys(fromCursor[0].query),
				['cursor'],
				`query from the cursor: ${JSON.stringify(fromCursor[0].query)}`,
			);
			assert.ok(
				requests.every((r) => r.status === 200 && r.auth === 'bearer-api-key'),
				'a request failed',
			);
		},
	});

	return list;
}

function pick(obj, keys) {
	return Object.fromEntries(keys.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]]));
}

module.exports = { actionScenarios };
