/**
 * Cloze Trigger against the simulator: the webhook methods through n8n-core's HookContext, the
 * deliveries the simulator makes when a relation changes through n8n-core's WebhookContext behind a
 * local HTTP endpoint that answers as n8n does.
 */
import { NodeOperationError } from 'n8n-workflow';

import { ClozeTrigger } from '../../nodes/ClozeTrigger/ClozeTrigger.node';
import { WEBHOOK_EVENTS } from '../../nodes/shared/webhookFilters';
import { apiKeyCredentials, loadOptions } from '../helpers/engine';
import { useSimulator, useTriggers } from '../helpers/harness';
import type { TriggerHarness } from '../helpers/trigger';
import { PROJECT_SEGMENTS } from '../simulator';

const sim = useSimulator();
const harnessFor = useTriggers(sim);

const subscribes = () => sim().requestsTo('POST', '/v1/webhooks/subscribe');
const unsubscribes = () => sim().requestsTo('POST', '/v1/webhooks/unsubscribe');
const listed = () =>
	sim().webhooks.list().list as Array<{
		usage: { successCount: number };
		[field: string]: unknown;
	}>;
const tick = async () => await new Promise((resolve) => setImmediate(resolve));

/** Waits for the nth delivery (1-based) and lets the endpoint finish recording the run. */
async function delivery(n: number) {
	const all = await sim().waitForDeliveries(n, 5000);
	await tick();
	return all[n - 1];
}

describe('description', () => {
	const { description } = new ClozeTrigger();

	test('a webhook trigger named clozeTrigger with both credentials', () => {
		expect(description.name).toBe('clozeTrigger');
		expect(description.displayName).toBe('Cloze Trigger');
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.webhooks).toEqual([
			expect.objectContaining({
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			}),
		]);
		expect(description.credentials?.map((credential) => credential.name)).toEqual([
			'clozeApi',
			'clozeOAuth2Api',
		]);
	});

	test('the six documented events, with labels users understand', () => {
		const event = description.properties.find((property) => property.name === 'event')!;
		const options = event.options as Array<{ name: string; value: string; description: string }>;
		// The six events Cloze documents (pinned in test/other-resources/webhook.test.ts).
		expect(options.map((option) => option.value).sort()).toEqual([...WEBHOOK_EVENTS].sort());
		expect(options.find((option) => option.value === 'person.audit.change')!.name).toBe(
			'Person Stage or Field Changed',
		);
		expect(options.find((option) => option.value === 'person.change')!.name).toBe('Person Changed');
		for (const option of options) expect(option.description.length).toBeGreaterThan(20);
	});
});

describe('activation', () => {
	test(
		'subscribes once, with the event, scope, ' +
			'a secret in the target URL and a client reference',
		async () => {
			const harness = await harnessFor({ event: 'person.audit.change' });
			const { existed } = await harness.activate();
			expect(existed).toBe(false);
			expect(sim().requestsTo('GET', '/v1/webhooks')).toHaveLength(1);
			expect(subscribes()).toHaveLength(1);
			const [request] = subscribes();
			expect(request.headers.authorization).toBe('Bearer test-api-key');
			const body = request.body as Record<string, string>;
			expect(Object.keys(body).sort()).toEqual([
				'client_reference',
				'event',
				'scope',
				'target_url',
			]);
			expect(body.event).toBe('person.audit.change');
			expect(body.scope).toBe('local');
			expect(body.client_reference).toBe(`n8n-${harness.workflowId}-${harness.nodeId}`);
			const target = new URL(body.target_url);
			expect(`${target.origin}${target.pathname}`).toBe(harness.webhookUrl);
			expect(target.searchParams.get('secret')).toMatch(/^[0-9a-f]{64}$/);

			const [subscription] = listed();
			expect(listed()).toHaveLength(1);
			expect(harness.nodeStaticData).toEqual(
				expect.objectContaining({
					subscriptionId: subscription.uniqueid,
					secret: target.searchParams.get('secret'),
					event: 'person.audit.change',
					targetUrl: body.target_url,
				}),
			);
		},
	);

	test('a restart finds the subscription: no second subscribe, same id', async () => {
		const harness = await harnessFor({ event: 'person.change' });
		await harness.activate();
		const id = harness.nodeStaticData.subscriptionId;

		for (let start = 0; start < 2; start++) {
			const { existed } = await harness.activate({ activation: 'init' });
			expect(existed).toBe(true);
		}
		expect(subscribes()).toHaveLength(1);
		expect(unsubscribes()).toHaveLength(0);
		expect(listed()).toHaveLength(1);
		expect(harness.nodeStaticData.subscriptionId).toBe(id);
	});

	test('a subscription whose parameters drifted is removed and made again', async () => {
		const harness = await harnessFor({ event: 'person.audit.change' });
		await harness.activate();
		const oldId = harness.nodeStaticData.subscriptionId;

		harness.parameters = { event: 'person.audit.change', scope: 'team' };
		const { existed } = await harness.activate({ activation: 'init' });
		expect(existed).toBe(false);
		expect(unsubscribes().map((request) => request.body)).toEqual([
			{ event: 'person.audit.change', uniqueid: oldId },
		]);
		expect(listed()).toHaveLength(1);
		expect(listed()[0].scope).toBe('team');
		expect(listed()[0].uniqueid).toBe(harness.nodeStaticData.subscriptionId);
		expect(listed()[0].uniqueid).not.toBe(oldId);

		harness.parameters = { event: 'company.change', scope: 'team' };
		await harness.activate({ activation: 'init' });
		expect(listed().map((entry) => entry.event)).toEqual(['company.change']);
	});

	test('a subscription whose filters changed in the workflow is made again', async () => {
		const harness = await harnessFor({ event: 'person.change' });
		await harness.activate();
		harness.parameters = {
			event: 'person.change',
			filterMode: 'json',
			filtersJson: '[{"person": {"stage": "lead"}}]',
		};
		expect((await harness.activate({ activation: 'init' })).existed).toBe(false);
		expect(listed()).toHaveLength(1);
		expect(listed()[0].filters).toEqual([{ person: { stage: 'lead' } }]);
	});

	test('a suspended subscription is removed and made again', async () => {
		const [person] = sim().seedPeople(1, { stage: 'lead' });
		const harness = await harnessFor({ event: 'person.change' });
		await harness.activate();
		harness.breakAnswers = true;
		sim().changeRelation('person', person.direct, { stage: 'current' });
		const broken = await delivery(1);
		expect(broken.suspended).toBe(true);
		harness.breakAnswers = false;

		expect((await harness.activate({ activation: 'init' })).existed).toBe(false);
		expect(listed()).toHaveLength(1);
		expect(listed()[0].suspended).toBe(false);
		sim().changeRelation('person', person.direct, { stage: 'past' });
		expect((await delivery(2)).ok).toBe(true);
	});

	test(
		'lost static data (workflow re-imported) ' + 'gives a fresh subscription, not a second one',
		async () => {
			const harness = await harnessFor({ event: 'person.change' });
			await harness.activate();
			harness.staticData = {};
			expect((await harness.activate({ activation: 'init' })).existed).toBe(false);
			expect(listed()).toHaveLength(1);
			expect(listed()[0].uniqueid).toBe(harness.nodeStaticData.subscriptionId);
		},
	);

	test(
		'other subscriptions of the node (old event, ' + 'same client reference) are cleaned up',
		async () => {
			const harness = await harnessFor({ event: 'person.change' });
			await harness.activate();
			const clientReference = `n8n-${harness.workflowId}-${harness.nodeId}`;
			const stray = await fetch(`${sim().url}/v1/webhooks/subscribe`, {
				method: 'POST',
				headers: { Authorization: 'Bearer test-api-key', 'Content-Type': 'application/json' },
				body: JSON.stringify({
					event: 'company.change',
					target_url: 'https://old.example.com/hook',
					client_reference: clientReference,
				}),
			});
			expect(((await stray.json()) as { errorcode: number }).errorcode).toBe(0);
			const unrelated = await fetch(`${sim().url}/v1/webhooks/subscribe`, {
				method: 'POST',
				headers: { Authorization: 'Bearer test-api-key', 'Content-Type': 'application/json' },
				body: JSON.stringify({
					event: 'person.change',
					target_url: 'https://elsewhere.example.com/hook',
				}),
			});
			expect(((await unrelated.json()) as { errorcode: number }).errorcode).toBe(0);
			expect(listed()).toHaveLength(3);

			expect((await harness.activate({ activation: 'init' })).existed).toBe(true);
			expect(
				listed()
					.map((entry) => entry.target_url)
					.sort(),
			).toEqual([harness.nodeStaticData.targetUrl, 'https://elsewhere.example.com/hook'].sort());
		},
	);

	test('with the OAuth2 credential', async () => {
		const harness = await harnessFor(
			{ event: 'project.change', authentication: 'oAuth2' },
			{ oAuth2: true },
		);
		await harness.activate();
		expect(subscribes()[0].auth).toBe('bearer-oauth');
		expect(listed()).toHaveLength(1);
		await harness.deactivate();
		expect(unsubscribes()[0].auth).toBe('bearer-oauth');
		expect(listed()).toHaveLength(0);
	});

	test(
		'the editor test URL gets its own subscription ' + 'and never touches the production one',
		async () => {
			const [person] = sim().seedPeople(1, { stage: 'lead' });
			const harness = await harnessFor({ event: 'person.change' });
			await harness.activate();
			const production = harness.nodeStaticData.subscriptionId;
			await harness.activate({ test: true });
			expect(listed()).toHaveLength(2);
			const test = subscribes()[1].body as Record<string, string>;
			expect(test.client_reference).toBe(`n8n-${harness.workflowId}-${harness.nodeId}-test`);
			expect(test.target_url.startsWith(`${harness.testWebhookUrl}?secret=`)).toBe(true);

			sim().changeRelation('person', person.direct, { stage: 'current' });
			await delivery(2);
			expect(sim().deliveries.every((result: { ok: boolean }) => result.ok)).toBe(true);
			expect(harness.runs).toHaveLength(2);

			await harness.deactivate({ test: true });
			expect(listed().map((entry) => entry.uniqueid)).toEqual([production]);
			// A test listen whose create failed is cleaned up without any stored data, by its URL only.
			await harness.activate({ test: true });
			harness.testStaticData = {};
			await harness.deactivate({ test: true });
			expect(listed().map((entry) => entry.uniqueid)).toEqual([production]);
			expect((await harness.activate({ activation: 'init' })).existed).toBe(true);
		},
	);

	test('options: client type "human" and TTL', async () => {
		const harness = await harnessFor({
			event: 'company.change',
			options: { humanReadable: true, ttl: 3600 },
		});
		await harness.activate();
		expect(subscribes()[0].body).toEqual(
			expect.objectContaining({ client_type: 'human', ttl: '3600' }),
		);
		expect((await harness.activate({ activation: 'init' })).existed).toBe(true);
	});

	test('hierarchy scope with "and below"', async () => {
		const harness = await harnessFor({
			event: 'person.change',
			scope: 'hierarchy',
			hierarchyPath: '/USA/West',
			hierarchyAndBelow: true,
		});
		await harness.activate();
		expect((subscribes()[0].body as Record<string, string>).scope).toBe('hierarchy:/USA/West/*');
		expect((await harness.activate({ activation: 'init' })).existed).toBe(true);
	});

	test('hierarchy scope without a path is refused before any request', async () => {
		const harness = await harnessFor({
			event: 'person.change',
			scope: 'hierarchy',
			hierarchyPath: '',
		});
		await expect(harness.activate()).rejects.toThrow(NodeOperationError);
		expect(sim().requests).toHaveLength(0);
	});
});

describe('filters', () => {
	test('built from fields: relation conditions and change conditions in one filter', async () => {
		const harness = await harnessFor({
			event: 'person.audit.change',
			filterMode: 'fields',
			relationFilter: {
				segment: 'custom1',
				stage: 'current',
				customFields: {
					condition: [
						{ fieldId: 'lead-source', value: 'zillow' },
						{ fieldId: 'role', value: '' },
					],
				},
			},
			changeFilters: {
				change: [
					{ field: 'stage', before: 'lead', after: '*' },
					{ field: 'is-contacted', before: '', after: '' },
				],
			},
		});
		await harness.activate();
		expect((subscribes()[0].body as Record<string, unknown>).filters).toEqual([
			{
				person: {
					segment: 'custom1',
					stage: 'current',
					customFields: [
						{ id: 'lead-source', value: 'zillow' },
						{ id: 'role', value: '*' },
					],
				},
				changes: { stage: { before: 'lead', after: '*' }, 'is-contacted': { after: '*' } },
			},
		]);
		expect((await harness.activate({ activation: 'init' })).existed).toBe(true);
	});

	test('change conditions are not sent for plain change events', async () => {
		const harness = await harnessFor({
			event: 'company.change',
			filterMode: 'fields',
			relationFilter: { stage: 'current' },
			changeFilters: { change: [{ field: 'stage', after: 'lead' }] },
		});
		await harness.activate();
		expect((subscribes()[0].body as Record<string, unknown>).filters).toEqual([
			{ company: { stage: 'current' } },
		]);
	});

	test('no conditions given: no filters sent', async () => {
		const harness = await harnessFor({ event: 'person.audit.change', filterMode: 'fields' });
		await harness.activate();
		expect(subscribes()[0].body).not.toHaveProperty('filters');
	});

	test('JSON filters are sent as given and Cloze filters the deliveries with them', async () => {
		const [lead, other] = sim().seedPeople(2, { stage: 'lead' });
		const harness = await harnessFor({
			event: 'person.audit.change',
			filterMode: 'json',
			filtersJson: JSON.stringify([
				{ person: { first: lead.first }, changes: { stage: { before: 'lead', after: '*' } } },
			]),
		});
		await harness.activate();
		expect((subscribes()[0].body as Record<string, unknown>).filters).toEqual([
			{ person: { first: lead.first }, changes: { stage: { before: 'lead', after: '*' } } },
		]);
		if (other.first !== lead.first)
			sim().changeRelation('person', other.direct, { stage: 'current' });
		sim().changeRelation('person', lead.direct, { stage: 'current' });
		const first = await delivery(1);
		expect(first.ok).toBe(true);
		expect(harness.runs).toHaveLength(1);
		expect(harness.runs[0][0].json.person).toEqual(
			expect.objectContaining({ direct: lead.direct }),
		);
	});

	test.each([
		['not JSON', '[{"person": '],
		['not an array', '"stage"'],
		['an unknown key', '[{"company": {"stage": "lead"}}]'],
		['changes on a plain change event', '[{"changes": {"stage": {"after": "lead"}}}]'],
		[
			'a change without before or after',
			'[{"person": {"stage": "lead"}, "changes": {"stage": {"to": "x"}}}]',
		],
	])(
		'invalid JSON filters (%s) are refused before any request to Cloze',
		async (_case, filtersJson) => {
			const event =
				_case === 'changes on a plain change event' ? 'person.change' : 'person.audit.change';
			const harness = await harnessFor({ event, filterMode: 'json', filtersJson });
			await expect(harness.activate()).rejects.toThrow(NodeOperationError);
			expect(sim().requests).toHaveLength(0);
		},
	);

	test('live dropdowns read the relation kind from the event', async () => {
		const credentials = apiKeyCredentials(sim().url);
		const segments = (await loadOptions(
			'loadOptions',
			'getSegments',
			{ event: 'project.audit.change' },
			credentials,
			[],
			'clozeTrigger',
		)) as Array<{ value: string }>;
		expect(segments.map((option) => option.value)).toEqual(
			PROJECT_SEGMENTS.map((segment: { key: string }) => segment.key),
		);
		const fields = (await loadOptions(
			'loadOptions',
			'getChangeFields',
			{ event: 'person.audit.change' },
			credentials,
			[],
			'clozeTrigger',
		)) as Array<{ name: string; value: string }>;
		expect(fields.slice(0, 3).map((option) => option.value)).toEqual(['segment', 'stage', 'step']);
		expect(fields).toContainEqual(
			expect.objectContaining({ name: 'Is Contacted', value: 'is-contacted' }),
		);
		expect(sim().requestsTo('GET', '/v1/user/fields')[0].query).toEqual({ relationtype: 'person' });
	});
});

describe('deliveries', () => {
	test(
		'a relation change runs the workflow with the record, changes, event and subscription ' +
			'id; the answer is exactly OK',
		async () => {
			const [person] = sim().seedPeople(1, { stage: 'lead' });
			const harness = await harnessFor({ event: 'person.audit.change' });
			await harness.activate();

			sim().changeRelation('person', person.direct, { stage: 'current' });
			const result = await delivery(1);
			expect(result).toEqual(
				expect.objectContaining({
					ok: true,
					status: 200,
					contentType: 'text/plain',
					responseBody: 'OK',
					suspended: false,
				}),
			);
			expect(result.headers['X-Cloze-Subscription-ID']).toBe(harness.nodeStaticData.subscriptionId);
			expect(listed()[0].suspended).toBe(false);
			expect(listed()[0].usage.successCount).toBe(1);

			expect(harness.errors).toEqual([]);
			expect(harness.runs).toHaveLength(1);
			expect(harness.runs[0]).toHaveLength(1);
			const { json } = harness.runs[0][0];
			expect(Object.keys(json)).toEqual(['person', 'changes', 'event', 'subscriptionId']);
			expect(json.person).toEqual(
				expect.objectContaining({
					direct: person.direct,
					name: person.name,
					emails: [person.emails[0].value],
					stage: 'current',
				}),
			);
			expect(json.changes).toEqual({ stage: { before: 'lead', after: 'current' } });
			expect(json.event).toBe('person.audit.change');
			expect(json.subscriptionId).toBe(harness.nodeStaticData.subscriptionId);

			sim().changeRelation('person', person.direct, { stage: 'past' });
			expect((await delivery(2)).ok).toBe(true);
			expect(harness.runs).toHaveLength(2);
			expect(harness.runs[1][0].json.changes).toEqual({
				stage: { before: 'current', after: 'past' },
			});
		},
	);

	test(
		'plain change events deliver the record with empty changes; ' +
			"raw output keeps Cloze's record",
		async () => {
			const [company] = sim().seedCompanies(1);
			const harness = await harnessFor({ event: 'company.change', simplify: false });
			await harness.activate();
			sim().changeRelation('company', company.direct, { stage: 'current' });
			expect((await delivery(1)).ok).toBe(true);
			const { json } = harness.runs[0][0];
			expect(json.changes).toEqual({});
			expect(json.event).toBe('company.change');
			expect(json.company).toEqual(sim().deliveries[0].body[0].company);
		},
	);

	test('a payload with several relations gives one item each', async () => {
		const harness = await harnessFor({ event: 'person.change' });
		await harness.activate();
		const { secret, subscriptionId } = harness.nodeStaticData as Record<string, string>;
		const payload = [
			{ person: { name: 'A One', direct: 'a1' }, changes: {}, event: 'person.change' },
			{ person: { name: 'B Two', direct: 'b2' }, changes: {}, event: 'person.change' },
		];
		const response = await harness.post({ secret, subscriptionId, body: JSON.stringify(payload) });
		expect(response).toEqual({ status: 200, contentType: 'text/plain', body: 'OK' });
		expect(harness.runs).toHaveLength(1);
		expect(
			harness.runs[0].map((item) => (item.json.person as Record<string, string>).name),
		).toEqual(['A One', 'B Two']);
	});

	describe('forged or malformed deliveries start no run', () => {
		let harness: TriggerHarness;
		let secret: string;
		let subscriptionId: string;
		const good = JSON.stringify([
			{ person: { name: 'Forged' }, changes: {}, event: 'person.change' },
		]);

		beforeEach(async () => {
			harness = await harnessFor({ event: 'person.change' });
			await harness.activate();
			({ secret, subscriptionId } = harness.nodeStaticData as Record<string, string>);
		});
		afterEach(() => {
			expect(harness.runs).toEqual([]);
			expect(harness.errors).toEqual([]);
		});

		test.each([
			['no secret', () => ({ subscriptionId, body: good }), 401],
			[
				'a wrong secret',
				() => ({
					secret: `${secret.slice(0, -1)}${secret.endsWith('0') ? '1' : '0'}`,
					subscriptionId,
					body: good,
				}),
				401,
			],
			['a secret of another length', () => ({ secret: 'abc', subscriptionId, body: good }), 401],
			['no subscription id', () => ({ secret, body: good }), 403],
			[
				'a wrong subscription id',
				() => ({ secret, subscriptionId: `${subscriptionId}x`, body: good }),
				403,
			],
		])('%s: refused', async (_case, request, status) => {
			const response = await harness.post(request());
			expect(response.status).toBe(status);
			expect(response.contentType).toBe('text/plain');
		});

		test('bad JSON sent as JSON: n8n refuses it before the node', async () => {
			expect((await harness.post({ secret, subscriptionId, body: '[{"person": ' })).status).toBe(
				422,
			);
		});

		test.each([
			['bad JSON as text', '[{"person": ', 'text/plain'],
			[
				'an object instead of an array',
				JSON.stringify({ person: { name: 'X' } }),
				'application/json',
			],
			['an empty array', '[]', 'application/json'],
			['an empty body', '', 'application/json'],
			['an array without relations', '[1, "two", null]', 'application/json'],
			['a JSON string holding the array', JSON.stringify(good), 'application/json'],
		])(
			'%s from the subscription: answered OK (no suspension), no run',
			async (_case, body, contentType) => {
				const response = await harness.post({ secret, subscriptionId, body, contentType });
				expect(response).toEqual({ status: 200, contentType: 'text/plain', body: 'OK' });
			},
		);

		test('the editor test URL does not accept the production secret', async () => {
			const response = await harness.post({
				secret: 'nope',
				subscriptionId,
				body: good,
				path: harness.testWebhookUrl,
			});
			expect(response.status).toBe(401);
		});
	});
});

describe('deactivation', () => {
	test('unsubscribes the stored subscription and clears the static data', async () => {
		const harness = await harnessFor({ event: 'project.audit.change' });
		await harness.activate();
		const id = harness.nodeStaticData.subscriptionId;
		expect(await harness.deactivate()).toBe(true);
		expect(unsubscribes().map((request) => request.body)).toEqual([
			{ event: 'project.audit.change', uniqueid: id },
		]);
		expect(listed()).toHaveLength(0);
		expect(harness.nodeStaticData).toEqual({});
	});

	test('succeeds when the subscription is already gone', async () => {
		const harness = await harnessFor({ event: 'person.change' });
		await harness.activate();
		const id = harness.nodeStaticData.subscriptionId as string;
		const removed = await fetch(`${sim().url}/v1/webhooks/unsubscribe`, {
			method: 'POST',
			headers: { Authorization: 'Bearer test-api-key', 'Content-Type': 'application/json' },
			body: JSON.stringify({ event: 'person.change', uniqueid: id }),
		});
		expect(((await removed.json()) as { errorcode: number }).errorcode).toBe(0);

		expect(await harness.deactivate()).toBe(true);
		expect(harness.nodeStaticData).toEqual({});
	});

	test('with nothing stored, removes what the node owns and succeeds', async () => {
		const harness = await harnessFor({ event: 'person.change' });
		await harness.activate();
		harness.staticData = {};
		expect(await harness.deactivate()).toBe(true);
		expect(listed()).toHaveLength(0);
		expect(await harness.deactivate()).toBe(true);
	});

	test('other failures are not swallowed', async () => {
		const harness = await harnessFor({ event: 'person.change' });
		await harness.activate();
		sim().addFault({ method: 'POST', path: '/v1/webhooks/unsubscribe', status: 500, times: 1 });
		await expect(harness.deactivate()).rejects.toThrow(/server error/i);
		expect(listed()).toHaveLength(1);
		expect(harness.nodeStaticData.subscriptionId).toBe(listed()[0].uniqueid);
	});

	test('a delivery after deactivation is refused', async () => {
		const harness = await harnessFor({ event: 'person.change' });
		await harness.activate();
		const { secret, subscriptionId } = harness.nodeStaticData as Record<string, string>;
		await harness.deactivate();
		const response = await harness.post({
			secret,
			subscriptionId,
			body: '[{"person": {"name": "Late"}}]',
		});
		expect(response.status).toBe(401);
		expect(harness.runs).toEqual([]);
	});
});

describe('Human-Readable Values (Options)', () => {
	/** The account-list requests logged (everything but the webhook calls). */
	const metadata = () =>
		(sim().requests as Array<{ path: string }>)
			.map((request) => request.path)
			.filter((path) => path.startsWith('/v1/user/') || path.startsWith('/v1/team/'))
			.sort();

	/** Waits until the endpoint recorded `n` runs: the labels are read after Cloze has its OK. */
	async function runs(harness: TriggerHarness, n: number) {
		const until = Date.now() + 5000;
		while (harness.runs.length < n && harness.errors.length === 0 && Date.now() < until) {
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		expect(harness.errors).toEqual([]);
		expect(harness.runs).toHaveLength(n);
		return harness.runs[n - 1];
	}

	const seedClient = () =>
		sim().seedPeople(1, {
			segment: 'customer',
			stage: 'lead',
			step: 's-00001',
			assignTo: 'dave@incfire.com',
			customFields: [{ id: 'lead-source', type: 'keyword', value: 'referral' }],
		})[0];

	test(
		"labels in the delivered record and in the change's before and after; " +
			'each list read once per delivery',
		async () => {
			const person = seedClient();
			const harness = await harnessFor({
				event: 'person.audit.change',
				options: { humanReadable: true },
			});
			await harness.activate();
			sim().clearLog();

			sim().changeRelation('person', person.direct, { stage: 'current', step: 's-00004' });
			expect(await delivery(1)).toEqual(
				expect.objectContaining({
					ok: true,
					status: 200,
					contentType: 'text/plain',
					responseBody: 'OK',
				}),
			);
			const [item] = await runs(harness, 1);
			expect(Object.keys(item.json)).toEqual(['person', 'changes', 'event', 'subscriptionId']);
			expect(item.json.person).toEqual(
				expect.objectContaining({
					direct: person.direct,
					segment: 'Client',
					stage: 'Active',
					step: 'Onboard',
					assignee: 'Dave Varenos',
					customFields: { 'lead-source': 'Referral' },
				}),
			);
			expect((item.json.changes as Record<string, unknown>).stage).toEqual({
				before: 'Lead',
				after: 'Active',
			});
			expect(item.json.event).toBe('person.audit.change');
			expect(metadata()).toEqual([
				'/v1/team/members/list',
				'/v1/user/fields',
				'/v1/user/segments/people',
				'/v1/user/stages/people',
				'/v1/user/steps',
			]);

			// The next delivery reads the lists again (one delivery is one run), once each.
			sim().clearLog();
			sim().changeRelation('person', person.direct, { stage: 'past' });
			expect((await delivery(2)).responseBody).toBe('OK');
			const [next] = await runs(harness, 2);
			expect((next.json.person as Record<string, unknown>).stage).toBe('Inactive');
			expect(new Set(metadata()).size).toBe(metadata().length);
		},
	);

	test('off (the default): the codes, and no account list read', async () => {
		const person = seedClient();
		const harness = await harnessFor({ event: 'person.audit.change' });
		await harness.activate();
		sim().clearLog();
		sim().changeRelation('person', person.direct, { stage: 'current' });
		await delivery(1);
		const [item] = await runs(harness, 1);
		expect(item.json.person).toEqual(
			expect.objectContaining({
				segment: 'customer',
				stage: 'current',
				assignee: 'dave@incfire.com',
			}),
		);
		expect(item.json.changes).toEqual({ stage: { before: 'lead', after: 'current' } });
		expect(metadata()).toEqual([]);
	});

	test(
		"Simplify off: Cloze's full record relabelled; " + 'a plain change event carries no changes',
		async () => {
			const [company] = sim().seedCompanies(1, { segment: 'partner', stage: 'lead' });
			const harness = await harnessFor({
				event: 'company.change',
				simplify: false,
				options: { humanReadable: true },
			});
			await harness.activate();
			sim().changeRelation('company', company.direct, { stage: 'current' });
			await delivery(1);
			const [item] = await runs(harness, 1);
			const sent = sim().deliveries[0].body[0].company;
			expect(item.json.company).toEqual({
				...sent,
				segment: 'Partners',
				stage: 'Active',
				lastChanged: new Date(sent.lastChanged).toISOString(),
			});
			expect(item.json.changes).toEqual({});
		},
	);

	test(
		'the OK goes out before the lists are read, ' +
			'and a list Cloze refuses leaves its codes: still one run',
		async () => {
			const person = seedClient();
			const harness = await harnessFor({
				event: 'person.audit.change',
				options: { humanReadable: true },
			});
			await harness.activate();
			sim().addFault({
				path: '/v1/user/stages/people',
				status: 200,
				body: { errorcode: 7, message: 'Not available' },
			});
			sim().addFault({ path: '/v1/user/segments/people', latencyMs: 400 });

			sim().changeRelation('person', person.direct, { stage: 'current' });
			expect((await delivery(1)).responseBody).toBe('OK');
			// Cloze has its answer while the segments are still being read.
			expect(harness.runs).toEqual([]);
			const [item] = await runs(harness, 1);
			expect(item.json.person).toEqual(
				expect.objectContaining({ segment: 'Client', stage: 'current', step: 'Qualify' }),
			);
			expect(item.json.changes).toEqual({ stage: { before: 'lead', after: 'current' } });
			expect(listed()[0].suspended).toBe(false);
		},
	);

	test(
		'a delivery whose every list fails (credential revoked after the OK) ' +
			'still starts its run, with the codes',
		async () => {
			const harness = await harnessFor({
				event: 'person.change',
				options: { humanReadable: true },
			});
			await harness.activate();
			const { secret, subscriptionId } = harness.nodeStaticData as Record<string, string>;
			sim().addFault({ path: '/v1/user/*', status: 401, times: 10 });
			const payload = [
				{
					person: { name: 'A One', direct: 'a1', segment: 'customer', lastChanged: 1767225600000 },
					changes: {},
					event: 'person.change',
				},
			];
			const response = await harness.post({
				secret,
				subscriptionId,
				body: JSON.stringify(payload),
			});
			expect(response).toEqual({ status: 200, contentType: 'text/plain', body: 'OK' });
			const [item] = await runs(harness, 1);
			// The lists failed: the segment stays a code; the date needs no list.
			expect(item.json.person).toEqual(
				expect.objectContaining({
					name: 'A One',
					segment: 'customer',
					lastChanged: '2026-01-01T00:00:00.000Z',
				}),
			);
		},
	);
});
