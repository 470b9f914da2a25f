'use strict';
/*
 * The action workflows of the end-to-end suite: each chains real operations of the Cloze node,
 * runs once with `n8n execute`, and is checked against every node's output and the simulator's
 * state and request log. A scenario whose operations are not in the package is reported skipped.
 */
const assert = require('node:assert/strict');

const H = require('./harness');
const { TYPES, chainWorkflow } = require('./workflows');

const cloze = (name, parameters) => ({ name, type: TYPES.cloze, parameters: { authentication: 'apiKey', ...parameters } });
const manual = { name: 'Start', type: TYPES.manual, parameters: {} };

/** The first of `needs` ([resource, operation]) that the Cloze node lacks, or undefined. */
function missingOf(contents, needs) {
	const d = contents.descriptions.cloze;
	if (!d) return 'the Cloze node';
	const ops = H.operationsOf(d);
	const miss = needs.filter(([r, o]) => !(ops[r] || []).includes(o)).map(([r, o]) => `${r} > ${o}`);
	return miss.length ? miss.join(', ') : undefined;
}

function actionScenarios({ credential, contents }) {
	const list = [];
	const add = (s) => {
		const missing = missingOf(contents, s.needs);
		list.push({
			...s,
			missing,
			workflow: missing ? undefined : chainWorkflow({ id: s.id, name: `E2E: ${s.title}`, credential, nodes: [manual, ...s.nodes] }),
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
		title: 'person: create with custom fields -> find -> log a call -> to-do -> update -> get -> changes -> delete',
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
				recipients: { recipient: [{ value: '={{ $json.emails[0] }}', name: '={{ $json.name }}', role: 'to' }] },
				additionalFields: { duration: 15, outcome: 'connected', direction: 'outbound', body: 'Talked about the spring listings.' },
			}),
			cloze('Create To-Do', {
				resource: 'timeline',
				operation: 'createTodo',
				subject: "=Send listings to {{ $('Find Person').item.json.name }}",
				someday: false,
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
			cloze('Get Person', { resource: 'person', operation: 'get', record: byEmail, simplify: true }),
			cloze('Get Changes', { resource: 'person', operation: 'getChanges', returnAll: true, scope: 'local', simplify: true }),
			{ ...cloze('Delete Person', { resource: 'person', operation: 'delete', record: byEmail }), executeOnce: true },
		],
		verify: async ({ out, after, requests }) => {
			assert.deepEqual(pick(out('Create Person')[0], ['errorcode', 'uniqueid']), { errorcode: 0, uniqueid: email });
			const found = out('Find Person');
			assert.equal(found.length, 1, `Find Person: ${JSON.stringify(found)}`);
			assert.equal(found[0].name, 'Erin Example');
			assert.deepEqual(pick(found[0], ['segment', 'stage']), { segment: 'customer', stage: 'lead' });
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
			const call = after.timeline.find((t) => t._type === 'communication' && t.subject === 'Intro call');
			assert.ok(call, 'no communication on the timeline');
			assert.equal(call.style, 'call');
			assert.equal(call.from, 'dana@incfire.com');
			assert.deepEqual(call.recipients.map((r) => [r.value, r.role]), [[email, 'to']]);
			assert.equal(call.duration, 15);
			const todo = after.timeline.find((t) => t._type === 'todo');
			assert.ok(todo, 'no to-do on the timeline');
			assert.equal(todo.subject, 'Send listings to Erin Example');
			assert.equal(todo.assignee, 'dave@incfire.com');
			assert.deepEqual(todo.participants, [email]);
			assert.ok(!after.people.some((p) => (p.emails || []).some((e) => e.value === email)), 'the person still exists');

			// The requests, in order (account look-ups for custom field types aside).
			// Get Changes reads pages until the feed is empty: consecutive feed calls count once.
			const calls = requests
				.filter((r) => !r.path.startsWith('/v1/user/'))
				.map((r) => `${r.method} ${r.path}`)
				.filter((c, i, all) => !(c === 'GET /v1/people/feed' && all[i - 1] === c));
			assert.deepEqual(calls, [
				'POST /v1/people/create',
				'GET /v1/people/find',
				'POST /v1/timeline/communication/create',
				'POST /v1/timeline/todo/create',
				'POST /v1/people/update',
				'GET /v1/people/get',
				'GET /v1/people/feed',
				'DELETE /v1/people/delete',
			]);
			const create = requests.find((r) => r.path === '/v1/people/create').body;
			assert.deepEqual(create.emails.map((e) => e.value), [email]);
			const cf = Object.fromEntries(create.customFields.map((f) => [f.id, f.value]));
			assert.equal(cf['lead-source'], 'referral');
			assert.equal(Number(cf['meeting-limit']), 5);
			assert.ok(requests.every((r) => r.status === 200 && r.auth === 'bearer-api-key'), 'a request failed or was not authenticated by key');
		},
	});

	const domain = 'acme-e2e.example';
	const projectName = 'Rollout for Acme E2E';
	add({
		id: 'clozeE2eCompany1',
		title: 'company and project: create -> get -> create project -> update by ID -> find -> delete both',
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
					customFields: { field: [{ id: 'industry', value: 'software' }, { id: 'employees', value: '120' }] },
				},
			}),
			cloze('Get Company', { resource: 'company', operation: 'get', record: { __rl: true, mode: 'domain', value: domain }, simplify: true }),
			cloze('Create Project', {
				resource: 'project',
				operation: 'create',
				name: '=Rollout for {{ $json.name }}',
				additionalFields: { segment: 'project', stage: 'future', value: 25000, customFields: { field: [{ id: 'commission', value: '3' }] } },
			}),
			cloze('Get Project', { resource: 'project', operation: 'get', record: { __rl: true, mode: 'name', value: projectName }, simplify: true }),
			cloze('Mark Active', {
				resource: 'project',
				operation: 'update',
				record: { __rl: true, mode: 'id', value: '={{ $json.direct }}' },
				name: '={{ $json.name }}',
				updateFields: { stage: 'current' },
			}),
			cloze('Active Projects', { resource: 'project', operation: 'getAll', returnAll: true, scope: 'local', filters: { stage: 'current' }, simplify: true }),
			{ ...cloze('Delete Project', { resource: 'project', operation: 'delete', record: { __rl: true, mode: 'name', value: projectName } }), executeOnce: true },
			cloze('Delete Company', { resource: 'company', operation: 'delete', record: { __rl: true, mode: 'domain', value: domain } }),
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
			assert.deepEqual(active.map((p) => [p.name, p.stage]), [[projectName, 'current']]);
			assert.deepEqual(out('Delete Project'), [{ deleted: true, uniqueid: projectName }]);
			assert.deepEqual(out('Delete Company'), [{ deleted: true, uniqueid: domain }]);
			assert.equal(after.projects.filter((p) => p.name === projectName).length, 0, 'the project still exists');
			assert.equal(after.companies.filter((c) => (c.domains || []).includes(domain)).length, 0, 'the company still exists');
			const update = requests.find((r) => r.path === '/v1/projects/update');
			assert.equal(update.body.name, projectName);
			assert.equal(update.body.stage, 'current');
			assert.equal(update.body.direct || update.body.uniqueid || update.query.uniqueid, project[0].direct, `update body: ${JSON.stringify(update.body)}`);
			const created = requests.find((r) => r.path === '/v1/projects/create').body;
			assert.equal(created.value, 25000);
			assert.ok(requests.every((r) => r.status === 200), 'a request failed');
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
			cloze('Project Stages', { resource: 'account', operation: 'getStages', relationKind: 'projects', returnAll: true }),
			{ ...cloze('Team Members', { resource: 'team', operation: 'getMembers', returnAll: true }), executeOnce: true },
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
			assert.deepEqual(out('Project Stages').map((s) => s.key), ['future', 'current', 'won', 'lost']);
			assert.deepEqual(out('Team Members').map((m) => m.email).sort(), ['carla@incfire.com', 'dana@incfire.com', 'dave@incfire.com', 'priya@incfire.com', 'tom@incfire.com']);
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

	return list;
}

function pick(obj, keys) {
	return Object.fromEntries(keys.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]]));
}

module.exports = { actionScenarios };
