/**
 * Issue 17: each parameter of an item is resolved once (nodes/shared/parameters.ts). n8n's
 * expression engine costs about 0.1 ms a run, and the node's hooks read the same parameters
 * several times per item; on a bulk import that was seconds before the first request.
 */
import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { rememberParameters } from '../../nodes/shared/parameters';
import { apiKeyCredentials, runNode, watchExpressions } from '../helpers/engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSimulator } = require('../simulator');

/**
 * A context whose getNodeParameter resolves `parameters` afresh on every call and counts the calls.
 */
function fakeContext(parameters: Record<string, unknown>, fail: Set<string> = new Set()) {
	const calls: unknown[][] = [];
	const context = {
		getNode: () => ({ parameters }),
		getNodeParameter: (name: string, fallback?: unknown, options?: unknown) => {
			calls.push([name, fallback, options]);
			if (fail.has(name)) throw new Error(`cannot resolve ${name}`);
			const value = name in parameters ? parameters[name] : fallback;
			return value !== null && typeof value === 'object' ? structuredClone(value) : value;
		},
	};
	return { context: context as unknown as IExecuteSingleFunctions, calls };
}

describe('rememberParameters', () => {
	it('resolves a parameter once; an object comes back as a copy each time', () => {
		const { context, calls } = fakeContext({
			email: 'a@example.com',
			additionalFields: { phones: ['1'] },
		});
		rememberParameters(context);
		expect(context.getNodeParameter('email', '')).toBe('a@example.com');
		expect(context.getNodeParameter('email', 'other fallback')).toBe('a@example.com');
		const first = context.getNodeParameter('additionalFields', {}) as { phones: string[] };
		first.phones.push('changed by a caller');
		expect(context.getNodeParameter('additionalFields', {})).toEqual({ phones: ['1'] });
		expect(calls.map(([name]) => name)).toEqual(['email', 'additionalFields']);
	});

	it(
		'passes on a read with options, of a parameter the node does not hold, and a read that ' +
			'fails',
		() => {
			const { context, calls } = fakeContext(
				{ record: { __rl: true, value: 'x', mode: 'id' }, broken: '={{ nope }}' },
				new Set(['broken']),
			);
			rememberParameters(context);
			context.getNodeParameter('record', undefined, { extractValue: true });
			context.getNodeParameter('record', undefined, { extractValue: true });
			expect(context.getNodeParameter('missing', 'fallback one')).toBe('fallback one');
			expect(context.getNodeParameter('missing', 'fallback two')).toBe('fallback two');
			expect(() => context.getNodeParameter('broken', '')).toThrow('cannot resolve broken');
			expect(() => context.getNodeParameter('broken', '')).toThrow('cannot resolve broken');
			expect(calls.map(([name]) => name)).toEqual([
				'record',
				'record',
				'missing',
				'missing',
				'broken',
				'broken',
			]);
		},
	);

	it('remembers once per context (a second call changes nothing)', () => {
		const { context, calls } = fakeContext({ name: 'Jane' });
		rememberParameters(context);
		rememberParameters(context);
		context.getNodeParameter('name', '');
		context.getNodeParameter('name', '');
		expect(calls).toHaveLength(1);
	});
});

describe('through n8n’s engine', () => {
	let sim: { url: string; requests: Array<{ body: unknown }>; close(): Promise<void> };
	beforeAll(async () => {
		sim = await startSimulator({ port: 0 });
	});
	afterAll(async () => sim.close());

	it(
		"People > Create of 20 items: outside n8n's own property walks, each item's expressions run " +
			'once',
		async () => {
			const outsideWalks = new Map<string, number>();
			const seen = (value: unknown, inWalk: boolean) => {
				if (!inWalk && typeof value === 'string' && value.includes('$json'))
					outsideWalks.set(value, (outsideWalks.get(value) ?? 0) + 1);
			};
			await watchExpressions(seen, async () => {
				const input = Array.from({ length: 20 }, (_, index) => ({
					email: `p.${index}@example.com`,
					name: `P ${index}`,
				}));
				const result = await runNode({
					parameters: {
						resource: 'person',
						operation: 'create',
						identifyBy: 'email',
						email: '={{ $json.email }}',
						name: '={{ $json.name }}',
					},
					credentials: apiKeyCredentials(sim.url),
					input,
				});
				expect(result.error).toBeUndefined();
				expect(result.json.map((json) => json.emails)).toEqual(input.map((item) => [item.email]));
			});
			// The check of structured values, the body, the identifier read back: one run each item.
			expect(Object.fromEntries(outsideWalks)).toEqual({
				'={{ $json.email }}': 20,
				'={{ $json.name }}': 20,
			});
		},
	);
});
