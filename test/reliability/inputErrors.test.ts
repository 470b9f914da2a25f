/**
 * Input refused before any request, through n8n's real engine against the Cloze simulator: the
 * error keeps the node's message and description and carries no HTTP code. n8n's RoutingNode
 * re-wraps any other error thrown from a preSend as an API error with `httpCode: 'none'`, which the
 * editor shows as "From Cloze — Error code: none" although Cloze was never asked.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { keyNeverLeaks, rl, run, useKeyedSimulator } from './helpers';

const sim = useKeyedSimulator();

const refused: Array<[string, IDataObject, string, string | undefined]> = [
	[
		'Person, Create without an e-mail',
		{ resource: 'person', operation: 'create', identifyBy: 'email', email: '={{ "" }}' },
		'Email is required: Cloze creates a person by its e-mail address, or by a name plus a ' +
			'mobile phone or social handle',
		'Fill in the field, or check that its expression does not resolve to an empty value.',
	],
	[
		'Person, Get without a record',
		{ resource: 'person', operation: 'get', record: rl('email', '={{ "" }}') },
		'Person is required',
		'Choose the person from the list, or give its e-mail, phone, domain or Cloze ID.',
	],
	[
		'Person, Get Many with a Hierarchy scope and no path',
		{ resource: 'person', operation: 'getAll', scope: 'hierarchy', hierarchyPath: ' ' },
		'Hierarchy Path is required when Scope is Hierarchy',
		'Give a position in the team hierarchy, e.g. /USA/West, or "/" for the whole hierarchy.',
	],
	[
		'Timeline, Create To-Do without a subject',
		{ resource: 'timeline', operation: 'createTodo', subject: '={{ "" }}' },
		'Subject: describe the to-do',
		undefined,
	],
	[
		'Timeline, Create Communication with a date that is none',
		{
			resource: 'timeline',
			operation: 'createCommunication',
			style: 'email',
			from: 'dana@incfire.com',
			date: 'soon',
		},
		'Date: "soon" is not a date',
		'Enter an ISO 8601 date such as 2025-11-20T11:45:13Z or a UTC timestamp in milliseconds.',
	],
	[
		'Webhook, Subscribe with filters Cloze cannot read',
		{
			resource: 'webhook',
			operation: 'subscribe',
			event: 'person.change',
			targetUrl: 'https://example.com/hook',
			additionalFields: { filters: '[{"project": {}}]' },
		},
		'Filters: filter 1 has the key "project"',
		undefined,
	],
	[
		'Account, Get Steps with a stage and no segment',
		{ resource: 'account', operation: 'getSteps', filters: { stage: 'lead' } },
		'Filters: a Stage needs a Segment',
		'Cloze filters steps by stage only within a segment. Add the Segment filter too.',
	],
	[
		'Person, Create with an object where a text goes',
		{ resource: 'person', operation: 'create', identifyBy: 'email', email: '={{ { a: 1 } }}' },
		'Email must be a single value, but the expression gave an object',
		undefined,
	],
];

describe('input refused before any request', () => {
	it.each(refused)(
		'%s: no HTTP code, our message and description',
		async (_case, parameters, message, description) => {
			const result = await run(sim(), parameters);
			expect(sim().requests).toHaveLength(0);
			expect(result.error).toBeDefined();
			expect(result.error?.httpCode).not.toBe('none');
			expect(result.error?.httpCode ?? null).toBeNull();
			expect(result.error?.message.startsWith(message)).toBe(true);
			if (description !== undefined) expect(result.error?.description).toBe(description);
		},
	);

	it(
		'with continueOnFail: the refused item is an error ' +
			'item without an HTTP code, the others are written',
		async () => {
			const input = [{ email: 'one@example.com' }, { email: '' }, { email: 'three@example.com' }];
			const result = await run(
				sim(),
				{
					resource: 'person',
					operation: 'create',
					identifyBy: 'email',
					email: '={{ $json.email }}',
					returnStoredRecord: false,
				},
				{ input, continueOnFail: true },
			);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(3);
			const failed = result.items[1];
			expect(failed.error).toBeInstanceOf(NodeApiError);
			expect((failed.error as NodeApiError).httpCode ?? null).toBeNull();
			expect(failed.error?.message).toBe(
				'Email is required: Cloze creates a person by its e-mail address, or by a name plus ' +
					'a mobile phone or social handle',
			);
			expect(failed.error?.description).toBe(
				'Fill in the field, or check that its expression does not resolve to an empty value.',
			);
			expect(failed.json).toEqual({ error: failed.error?.message });
			expect(result.items[0].error).toBeUndefined();
			expect(result.items[2].error).toBeUndefined();
			expect(sim().requests.map((request) => request.path)).toEqual([
				'/v1/people/create',
				'/v1/people/create',
			]);
		},
	);
});

keyNeverLeaks(sim);
