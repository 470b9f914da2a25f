/**
 * Analytics resource through n8n's real engine against the simulator: the query form (exact
 * bodies), JSON mode (checked before any request), one item per query, and Update Team Activity.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Cloze } from '../../nodes/Cloze/Cloze.node';
import { onlyRequest, runFor, useSimulator } from '../helpers/harness';
import { TEAM_MEMBERS } from '../simulator';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const analyticsLists = require('../simulator/analytics');

const sim = useSimulator({ seed: 'demo' }, { between: 'clearLog' });
const run = runFor(sim, 'analytics');

/** The options of the measure list a form offers for an operation. */
function offeredMeasures(operation: string): string[] {
	const queries = new Cloze().description.properties.find(
		(property) => property.name === 'queries' && property.displayOptions?.show?.operation?.includes(operation),
	) as INodeProperties;
	const values = (queries.options as Array<{ values: INodeProperties[] }>)[0].values;
	const list = values.find((value) => value.name === 'measures');
	return ((list?.options ?? []) as Array<{ value: string }>).map((option) => option.value);
}

describe('the measure lists hold every measure the reference documents for the endpoint', () => {
	test.each([
		['activity', analyticsLists.ACTIVITY_MEASURES],
		['teamActivity', analyticsLists.TEAM_MEASURES],
		['funnel', analyticsLists.FUNNEL_METRICS],
		['projects', analyticsLists.PROJECT_METRICS],
	])('%s', (operation, documented: string[]) => {
		expect([...offeredMeasures(operation)].sort()).toEqual([...new Set(documented)].sort());
	});

	test('the lists differ between endpoints', () => {
		expect(offeredMeasures('teamActivity')).toContain('meta_value');
		expect(offeredMeasures('activity')).not.toContain('meta_value');
		expect(offeredMeasures('funnel')).toContain('cumulative_won');
		expect(offeredMeasures('projects')).toEqual(expect.arrayContaining(['project_start', 'nextstep']));
	});
});

describe('Analytics > Query Activity', () => {
	test('two named queries: the exact body, one item per query carrying its name', async () => {
		const result = await run({
			operation: 'activity',
			queries: {
				query: [
					{
						name: 'advisorqtr',
						scale: 'quarter',
						max: 3,
						tag: 'advisor',
						measures: ['sentmails', 'meetings', 'outbcalls_short_mins'],
						customMeasures: 'inquiries, #referrals',
					},
					{ name: 'weekly', scale: 'week', max: 0, tag: '', measures: [], customMeasures: '' },
				],
			},
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'POST',
			path: '/v1/analytics/activity',
			query: {},
			body: {
				queries: {
					advisorqtr: {
						scale: 'quarter',
						max: 3,
						tag: 'advisor',
						measures: ['sentmails', 'meetings', 'outbcalls_short_mins', '#inquiries', '#referrals'],
					},
					weekly: { scale: 'week' },
				},
			},
		});
		expect(result.json.map((item) => item.query)).toEqual(['advisorqtr', 'weekly']);
		const [advisor, weekly] = result.json as Array<{ query: string; scale: string; periods: Array<Record<string, unknown>> }>;
		expect(advisor.scale).toBe('quarter');
		expect(advisor.periods).toHaveLength(3);
		expect(Object.keys(advisor.periods[0])).toEqual(
			expect.arrayContaining(['start', 'end', 'label', 'sentmails', '#inquiries', '#referrals']),
		);
		expect(weekly.scale).toBe('week');
		expect(Object.keys(result.json[0]).sort()).toEqual(['periods', 'query', 'scale']);
	});

	test('JSON mode sends the body as written', async () => {
		const body = {
			queries: { advisorqtr: { max: 30, scale: 'quarter', tag: 'advisor', measures: ['sentmails', 'rcvdstandard'] } },
		};
		const result = await run({ operation: 'activity', inputMode: 'json', jsonBody: JSON.stringify(body) });
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim()).body).toEqual(body);
		expect(result.json).toHaveLength(1);
		expect(result.json[0].query).toBe('advisorqtr');
		expect(result.json[0].periods).toHaveLength(30);
	});

	test.each([
		['not JSON', '{"queries": {', /^Body \(JSON\): not valid JSON/],
		['an array', '[1, 2]', /^Body \(JSON\): must be a JSON object/],
		['no queries', '{"usertags": []}', /"queries" must map query names to query objects/],
		['empty queries', '{"queries": {}}', /"queries" must map query names to query objects/],
		['a query that is not an object', '{"queries": {"q": 5}}', /query "q" must be an object/],
		['nothing', ' ', /^Body \(JSON\): enter the request body/],
	])('JSON mode: %s is refused before any request', async (_case, jsonBody, message) => {
		const result = await run({ operation: 'activity', inputMode: 'json', jsonBody });
		expect(result.error?.message).toMatch(message);
		expect(sim().requests).toHaveLength(0);
	});

	test.each([
		['no query', { queries: {} }, /^Queries: add at least one query/],
		['a query without a name', { queries: { query: [{ name: ' ', scale: 'month' }] } }, /^Queries: query 1 has no Name/],
		[
			'a name used twice',
			{ queries: { query: [{ name: 'q', scale: 'month' }, { name: 'q', scale: 'week' }] } },
			/the name "q" is used twice/,
		],
	])('form: %s is refused before any request', async (_case, parameters, message) => {
		const result = await run({ operation: 'activity', ...parameters });
		expect(result.error?.message).toMatch(message);
		expect(sim().requests).toHaveLength(0);
	});

	test("an unknown measure: Cloze's refusal (HTTP 200 with an errorcode) fails the node", async () => {
		const result = await run({
			operation: 'activity',
			inputMode: 'json',
			jsonBody: '{"queries": {"q": {"scale": "month", "measures": ["nonsense"]}}}',
		});
		expect(sim().requests).toHaveLength(1);
		expect(result.error?.message).toMatch(/unknown measure nonsense/);
	});
});

describe('Analytics > the other queries', () => {
	test('Query Team Activity: measures with the pipeline value, tag', async () => {
		const result = await run({
			operation: 'teamActivity',
			queries: { query: [{ name: 'advisors', scale: 'month', max: 2, tag: 'advisor', measures: ['meta_value', 'sentmails'] }] },
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'POST',
			path: '/v1/analytics/teamactivity',
			query: {},
			body: { queries: { advisors: { scale: 'month', max: 2, tag: 'advisor', measures: ['meta_value', 'sentmails'] } } },
		});
		expect(result.json).toHaveLength(1);
		expect(result.json[0]).toMatchObject({ query: 'advisors', scale: 'month' });
		const advisors = (TEAM_MEMBERS as Array<{ email: string; keywords?: string[] }>)
			.filter((member) => member.keywords?.includes('advisor'))
			.map((member) => member.email);
		expect(advisors.length).toBeGreaterThan(0);
		expect(advisors.length).toBeLessThan(TEAM_MEMBERS.length);
		expect((result.json[0].users as Array<{ email: string }>).map((user) => user.email)).toEqual(advisors);
	});

	test('Query Funnel: metrics, relative period, tag and user tags; no max (FunnelQuery has none)', async () => {
		const result = await run({
			operation: 'funnel',
			// `max` as saved by an earlier version: not sent.
			queries: { query: [{ name: 'pipeline', scale: 'year', max: 2, relative: -1, tag: 'advisor', measures: ['leadcount', 'cumulative_won'], customMeasures: 'deals' }] },
			userTags: 'advisor, manager',
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'POST',
			path: '/v1/analytics/funnel',
			query: {},
			body: {
				queries: { pipeline: { scale: 'year', relative: -1, tag: 'advisor', metrics: ['leadcount', 'cumulative_won', '#deals'] } },
				usertags: ['advisor', 'manager'],
			},
		});
		expect(result.json[0]).toMatchObject({ query: 'pipeline', scale: 'year' });
	});

	test('Query Leads: scale, max and measures as typed', async () => {
		const result = await run({
			operation: 'leads',
			queries: { query: [{ name: 'monthly', scale: 'month', max: 2, customMeasures: 'leads, qualified' }] },
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'POST',
			path: '/v1/analytics/leads',
			query: {},
			body: { queries: { monthly: { scale: 'month', max: 2, measures: ['leads', 'qualified'] } } },
		});
		expect(result.json[0]).toMatchObject({ query: 'monthly', scale: 'month' });
	});

	test('Query Projects: mode, always, relative period, metrics', async () => {
		const result = await run({
			operation: 'projects',
			queries: {
				query: [
					{
						name: 'dealsqtr',
						scale: 'quarter',
						mode: 'pipeline',
						always: 'in-period',
						relative: 1,
						measures: ['stage', 'segment', 'nextstep', 'meta_value'],
					},
					{ name: 'active', scale: 'month', mode: 'active', always: '', relative: 0, measures: [] },
				],
			},
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'POST',
			path: '/v1/analytics/projects',
			query: {},
			body: {
				queries: {
					dealsqtr: {
						scale: 'quarter',
						mode: 'pipeline',
						relative: 1,
						always: 'in-period',
						metrics: ['stage', 'segment', 'nextstep', 'meta_value'],
					},
					active: { scale: 'month', mode: 'active', relative: 0 },
				},
			},
		});
		expect(result.json.map((item) => item.query)).toEqual(['dealsqtr', 'active']);
		expect(result.json[0]).toMatchObject({ mode: 'pipeline', scale: 'quarter', relative: 1, always: 'in-period' });
		expect((result.json[0].projects as unknown[]).length).toBeGreaterThan(0);
	});
});

describe('Analytics > Update Team Activity', () => {
	test('tag, wait and skip as query parameters; the date range comes out', async () => {
		const result = await run({ operation: 'teamActivityUpdate', options: { tag: 'advisor', wait: 5000, skip: true } });
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'GET',
			path: '/v1/analytics/teamactivity/update',
			query: { tag: 'advisor', wait: '5000', skip: 'true' },
			body: undefined,
		});
		// The schema's answer: dates of the least and most recently updated member, and counts.
		expect(result.json).toEqual([
			{ oldest: sim().state.teamUpdate.from, newest: sim().state.teamUpdate.to, users: expect.any(Number), skipped: expect.any(Number), updated: 0 },
		]);
	});

	test('no options: no query parameters', async () => {
		const result = await run({ operation: 'teamActivityUpdate' });
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'GET',
			path: '/v1/analytics/teamactivity/update',
			query: {},
			body: undefined,
		});
		expect(typeof result.json[0].newest).toBe('number');
	});
});
