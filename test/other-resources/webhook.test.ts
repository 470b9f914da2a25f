/**
 * Webhook resource through n8n's real engine against the simulator (list, subscribe,
 * unsubscribe), and the shared filter validation the Cloze Trigger reuses.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	FILTERS_EXAMPLE,
	validateFilters,
	WEBHOOK_EVENTS,
} from '../../nodes/shared/webhookFilters';
import { onlyRequest, runFor, useSimulator } from '../helpers/harness';

const sim = useSimulator();
const run = runFor(sim, 'webhook');

const TARGET = 'https://example.com/hooks/cloze';

describe('Webhook > Subscribe', () => {
	test('every field: the exact body; the answer carries the unique ID', async () => {
		const result = await run({
			operation: 'subscribe',
			event: 'person.audit.change',
			targetUrl: TARGET,
			scope: 'local',
			additionalFields: {
				filters: FILTERS_EXAMPLE,
				clientType: 'human',
				clientReference: 'n8n-test',
				ttl: 3600,
			},
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'POST',
			path: '/v1/webhooks/subscribe',
			query: {},
			body: {
				event: 'person.audit.change',
				target_url: TARGET,
				scope: 'local',
				filters: JSON.parse(FILTERS_EXAMPLE),
				client_type: 'human',
				client_reference: 'n8n-test',
				ttl: '3600',
			},
		});
		const [subscription] = sim().state.subscriptions;
		// The subscription as sent, with the unique ID Cloze gave it (no errorcode).
		expect(result.json).toEqual([
			{ ...(onlyRequest(sim()).body as object), uniqueid: subscription.uniqueId },
		]);
		expect(result.json[0]).toMatchObject({
			event: 'person.audit.change',
			target_url: TARGET,
			client_reference: 'n8n-test',
		});
		expect(subscription).toMatchObject({
			event: 'person.audit.change',
			client_reference: 'n8n-test',
			ttl: '3600',
		});
	});

	test.each([
		['team', {}, 'team'],
		['hierarchy', { hierarchyPath: '/US/West', hierarchyAndBelow: true }, 'hierarchy:/US/West/*'],
		['hierarchy', { hierarchyPath: 'US/West/', hierarchyAndBelow: false }, 'hierarchy:/US/West'],
	])('scope %s %j -> %s; no filters sent when none are given', async (scope, extra, expected) => {
		const result = await run({
			operation: 'subscribe',
			event: 'company.change',
			targetUrl: TARGET,
			scope,
			...extra,
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim()).body).toEqual({
			event: 'company.change',
			target_url: TARGET,
			scope: expected,
		});
	});

	test('filters as one object are sent as an array', async () => {
		await run({
			operation: 'subscribe',
			event: 'project.change',
			targetUrl: TARGET,
			additionalFields: { filters: '{"project": {"stage": "current"}}' },
		});
		expect(onlyRequest(sim()).body.filters).toEqual([{ project: { stage: 'current' } }]);
	});

	test.each([
		['malformed JSON', '[{"person": ', /Filters: not valid JSON/],
		['not an array', '"person"', /Filters: must be an array/],
		[
			'changes on a non-audit event',
			'[{"changes": {"stage": {"after": "lead"}}}]',
			/only applies to audit change events/,
		],
		['another relation', '[{"company": {"stage": "lead"}}]', /has the key "company"/],
	])('%s is refused before any request', async (_case, filters, message) => {
		const result = await run({
			operation: 'subscribe',
			event: 'person.change',
			targetUrl: TARGET,
			additionalFields: { filters },
		});
		expect(result.error?.message).toMatch(message);
		expect(sim().requests).toHaveLength(0);
	});

	test('a target that is not an http(s) URL is refused before any request', async () => {
		const result = await run({
			operation: 'subscribe',
			event: 'person.change',
			targetUrl: 'example.com/hook',
		});
		expect(result.error?.message).toMatch(/^Target URL:/);
		expect(sim().requests).toHaveLength(0);
	});

	test('a hierarchy scope without a path is refused before any request', async () => {
		const result = await run({
			operation: 'subscribe',
			event: 'person.change',
			targetUrl: TARGET,
			scope: 'hierarchy',
			hierarchyPath: '={{ " " }}',
		});
		expect(result.error?.message).toMatch(/^Hierarchy Path:/);
		expect(sim().requests).toHaveLength(0);
	});

	test('"/" subscribes to the whole hierarchy; Cloze Default sends no scope', async () => {
		await run({
			operation: 'subscribe',
			event: 'person.change',
			targetUrl: TARGET,
			scope: 'hierarchy',
			hierarchyPath: '/',
			clientReference: 'all',
		});
		await run({
			operation: 'subscribe',
			event: 'person.change',
			targetUrl: TARGET,
			scope: 'default',
			clientReference: 'default',
		});
		const bodies = sim().requests.map((request: { body: Record<string, unknown> }) => request.body);
		expect(bodies[0]).toMatchObject({ scope: 'hierarchy:/*' });
		expect(bodies[1]).not.toHaveProperty('scope');
		// `hierarchy:/*` is the placeholder `hierarchy:X/Y/Z/*` at the root: within the contract.
		expect(sim().violations).toEqual([]);
	});
});

describe('Webhook > Get Many', () => {
	test('one item per subscription; Limit trims', async () => {
		for (const reference of ['a', 'b', 'c']) {
			await run({
				operation: 'subscribe',
				event: 'person.change',
				targetUrl: TARGET,
				additionalFields: { clientReference: reference },
			});
		}
		sim().clearLog();
		const all = await run({ operation: 'getAll', returnAll: true });
		expect(all.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'GET',
			path: '/v1/webhooks',
			query: {},
			body: undefined,
		});
		expect(all.json.map((subscription) => subscription.client_reference)).toEqual(['a', 'b', 'c']);
		expect(all.json[0]).toMatchObject({
			event: 'person.change',
			target_url: TARGET,
			scope: 'local',
		});
		expect(typeof all.json[0].uniqueid).toBe('string');
		const two = await run({ operation: 'getAll', limit: 2 });
		expect(two.json.map((subscription) => subscription.client_reference)).toEqual(['a', 'b']);
	});

	test('no subscriptions: no items', async () => {
		const result = await run({ operation: 'getAll' });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([]);
	});
});

describe('Webhook > Unsubscribe', () => {
	async function subscribe(reference: string): Promise<string> {
		const result = await run({
			operation: 'subscribe',
			event: 'person.audit.change',
			targetUrl: TARGET,
			additionalFields: { clientReference: reference },
		});
		sim().clearLog();
		return result.json[0].uniqueid as string;
	}

	test('by subscription ID', async () => {
		const uniqueid = await subscribe('one');
		const result = await run({
			operation: 'unsubscribe',
			event: 'person.audit.change',
			uniqueId: uniqueid,
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'POST',
			path: '/v1/webhooks/unsubscribe',
			query: {},
			body: { event: 'person.audit.change', uniqueid },
		});
		expect(result.json).toEqual([{ deleted: true, event: 'person.audit.change', uniqueid }]);
		expect(sim().state.subscriptions).toHaveLength(0);
	});

	test('by client reference', async () => {
		await subscribe('two');
		const result = await run({
			operation: 'unsubscribe',
			event: 'person.audit.change',
			identifyBy: 'clientReference',
			clientReference: 'two',
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim()).body).toEqual({
			event: 'person.audit.change',
			client_reference: 'two',
		});
		expect(result.json).toEqual([
			{ deleted: true, event: 'person.audit.change', client_reference: 'two' },
		]);
		expect(sim().state.subscriptions).toHaveLength(0);
	});

	test('the form requires the chosen key: n8n refuses an empty one before running', async () => {
		await expect(
			run({ operation: 'unsubscribe', event: 'person.change', uniqueId: '' }),
		).rejects.toThrow(/"Subscription ID" is required/);
		expect(sim().requests).toHaveLength(0);
	});

	test.each([
		['uniqueId', { uniqueId: '={{ "" }}' }, /^Subscription ID:/],
		['clientReference', { clientReference: '  ' }, /^Client Reference:/],
	])(
		'a blank %s (e.g. from an expression) is refused before any request',
		async (identifyBy, extra, message) => {
			const result = await run({
				operation: 'unsubscribe',
				event: 'person.change',
				identifyBy,
				...extra,
			});
			expect(result.error?.message).toMatch(message);
			expect(sim().requests).toHaveLength(0);
		},
	);

	test("an unknown subscription fails with Cloze's message", async () => {
		const result = await run({
			operation: 'unsubscribe',
			event: 'person.change',
			uniqueId: 'nope',
		});
		expect(sim().requests).toHaveLength(1);
		expect(result.error?.message).toMatch(/Subscription not found/);
	});
});

describe('validateFilters (shared with the Cloze Trigger)', () => {
	const node = {
		id: '1',
		name: 'Cloze',
		type: 'n8n-nodes-cloze.cloze',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	} as INode;

	test('the example shown in the form is valid and returned as the array', () => {
		expect(validateFilters(node, 'person.audit.change', FILTERS_EXAMPLE)).toEqual(
			JSON.parse(FILTERS_EXAMPLE),
		);
	});

	test('empty input means no filters', () => {
		for (const empty of ['', '  ', undefined, null, [], '[]']) {
			expect(validateFilters(node, 'person.change', empty)).toEqual([]);
		}
	});

	test('arrays, single objects, wildcards, several events of one kind', () => {
		expect(validateFilters(node, 'company.change', { company: { segment: '*' } })).toEqual([
			{ company: { segment: '*' } },
		]);
		expect(
			validateFilters(
				node,
				['person.audit.change'],
				[{ changes: { 'Is Contacted': { after: 'Yes' }, stage: '*' } }],
			),
		).toEqual([{ changes: { 'Is Contacted': { after: 'Yes' }, stage: '*' } }]);
		expect(
			validateFilters(
				node,
				['person.change', 'person.audit.change'],
				[{ person: { stage: 'lead' } }],
			),
		).toEqual([{ person: { stage: 'lead' } }]);
	});

	test.each([
		['person.change', '{oops', /Filters: not valid JSON/],
		['person.change', 42, /must be an array of filter objects/],
		['person.change', ['x'], /filter 1 must be an object/],
		['person.change', [{}], /filter 1 is empty/],
		['person.change', [{ person: 'lead' }], /"person" must be an object/],
		['person.change', [{ project: {} }], /has the key "project"/],
		[
			'person.change',
			[{ changes: { stage: { after: 'x' } } }],
			/only applies to audit change events/,
		],
		['person.audit.change', [{ changes: {} }], /"changes" must be an object/],
		[
			'person.audit.change',
			[{ changes: { stage: { to: 'x' } } }],
			/changes of "stage" must be an object with "before" and\/or "after"/,
		],
		['person.audit.change', [{ changes: { stage: 'x' } }], /changes of "stage"/],
		[['person.change', 'company.change'], [{ person: {} }], /has the key "person"/],
		['lead.change', [], /Event: "lead.change" is not a Cloze webhook event/],
	])('%j with %j is refused: %s', (events, filters, message) => {
		let thrown: unknown;
		try {
			validateFilters(node, events as string | string[], filters);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(NodeOperationError);
		expect((thrown as Error).message).toMatch(message);
	});

	test('the six documented events', () => {
		expect([...WEBHOOK_EVENTS].sort()).toEqual(
			[
				'company.audit.change',
				'company.change',
				'person.audit.change',
				'person.change',
				'project.audit.change',
				'project.change',
			].sort(),
		);
	});
});
