/**
 * Issue 16.8: an invalid Limit (−5, NaN, "abc" from an expression, 0, 2.5) is refused with a clear
 * error naming the field before any request, for paginated lists and for lists that only trim the
 * answer; a valid Limit given as text by an expression still works.
 */
import { apiKeyCredentials, runNode } from '../helpers/engine';
import { seed, useSimulator } from '../helpers/harness';

const sim = useSimulator({}, { afterReset: (simulator) => seed.people(simulator, 20) });

const lists = [
	['People > Get Many', { resource: 'person', operation: 'getAll' }],
	['People > Get Changes', { resource: 'person', operation: 'getChanges' }],
	['Timeline > Get Message Opens', { resource: 'timeline', operation: 'getMessageOpens' }],
	['Team > Get Members', { resource: 'team', operation: 'getMembers' }],
] as const;

describe.each(lists)('%s', (_name, operation) => {
	it.each([
		[-5, 'Limit must be a whole number of 1 or more (got -5)'],
		['={{ NaN }}', 'Limit must be a whole number of 1 or more (got NaN)'],
		['={{ "abc" }}', 'Limit must be a whole number of 1 or more (got "abc")'],
		[0, 'Limit must be a whole number of 1 or more (got 0)'],
		[2.5, 'Limit must be a whole number of 1 or more (got 2.5)'],
	])('Limit %p: refused before any request', async (limit, message) => {
		const result = await runNode({
			parameters: { ...operation, returnAll: false, limit },
			credentials: apiKeyCredentials(sim().url),
		});
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toContain("'Return All'");
		expect(result.json).toEqual([]);
		expect(sim().requests).toEqual([]);
	});
});

it('a Limit given as text by an expression ("7") still works', async () => {
	const result = await runNode({
		parameters: {
			resource: 'person',
			operation: 'getAll',
			returnAll: false,
			limit: '={{ "7" }}',
			simplify: false,
		},
		credentials: apiKeyCredentials(sim().url),
	});
	expect(result.error).toBeUndefined();
	expect(result.json).toHaveLength(7);
});
