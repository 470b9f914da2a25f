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
		(property) =>
			property.name === 'queries' && property.displayOptions?.show?.operation?.includes(operation),
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
		expect(offeredMeasures('projects')).toEqual(
			expect.arrayContaining(['project_start', 'nextstep']),
		);
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
		const [advisor, weekly] = result.json as Array<{
			query: string;
			scale: string;
			periods: Array<Record<string, unknown>>;
		}>;
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
			queries: {
				advisorqtr: {
					max: 30,
					scale: 'quarter',
					tag: 'advisor',
					measures: ['sentmails', 'rcvdstandard'],
				},
			},
		};
		const result = await run({
			operation: 'activity',
			inputMode: 'json',
			jsonBody: JSON.stringify(body),
		});
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
		[
			'a query without a name',
			{ queries: { query: [{ name: ' ', scale: 'month' }] } },
			/^Queries: query 1 has no Name/,
		],
		[
			'a name used twice',
			{
				queries: {
					query: [
						{ name: 'q', scale: 'month' },
						{ name: 'q', scale: 'week' },
					],
				},
			},
			/the name "q" is used twice/,
		],
	])('form: %s is refused before any request', async (_case, parameters, message) => {
		const result = await run({ operation: 'activity', ...parameters });
		expect(result.error?.message).toMatch(message);
		expect(sim().requests).toHaveLength(0);
	});

	test(
		'an unknown measure: ' + "Cloze's refusal (HTTP 200 with an errorcode) fails the node",
		async () => {
			const result = await run({
				operation: 'activity',
				inputMode: 'json',
				jsonBody: '{"queries": {"q": {"scale": "month", "measures": ["nonsense"]}}}',
			});
			expect(sim().requests).toHaveLength(1);
			expect(result.error?.message).toMatch(/unknown measure nonsense/);
		},
	);
});

describe('Analytics > the other queries', () => {
	test('Query Team Activity: measures with the pipeline value, tag', async () => {
		const result = await run({
			operation: 'teamActivity',
			queries: {
				query: [
					{
						name: 'advisors',
						scale: 'month',
						max: 2,
						tag: 'advisor',
						measures: ['meta_value', 'sentmails'],
					},
				],
			},
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'POST',
			path: '/v1/analytics/teamactivity',
			query: {},
			body: {
				queries: {
					advisors: {
						scale: 'month',
						max: 2,
						tag: 'advisor',
						measures: ['meta_value', 'sentmails'],
					},
				},
			},
		});
		expect(result.json).toHaveLength(1);
		expect(result.json[0]).toMatchObject({ query: 'advisors', scale: 'month' });
		const advisors = (TEAM_MEMBERS as Array<{ email: string; keywords?: string[] }>)
			.filter((member) => member.keywords?.includes('advisor'))
			.map((member) => member.email);
		expect(advisors.length).toBeGreaterThan(0);
		expect(advisors.length).toBeLessThan(TEAM_MEMBERS.length);
		expect((result.json[0].users as Array<{ email: string }>).map((user) => user.email)).toEqual(
			advisors,
		);
	});

	test(
		'Query Funnel: metrics, relative period, ' + 'tag and user tags; no max (FunnelQuery has none)',
		async () => {
			const result = await run({
				operation: 'funnel',
				// `max` as saved by an earlier version: not sent.
				queries: {
					query: [
						{
							name: 'pipeline',
							scale: 'year',
							max: 2,
							relative: -1,
							tag: 'advisor',
							measures: ['leadcount', 'cumulative_won'],
							customMeasures: 'deals',
						},
					],
				},
				userTags: 'advisor, manager',
			});
			expect(result.error).toBeUndefined();
			expect(onlyRequest(sim())).toEqual({
				method: 'POST',
				path: '/v1/analytics/funnel',
				query: {},
				body: {
					queries: {
						pipeline: {
							scale: 'year',
							relative: -1,
							tag: 'advisor',
							metrics: ['leadcount', 'cumulative_won', '#deals'],
						},
					},
					usertags: ['advisor', 'manager'],
				},
			});
			expect(result.json[0]).toMatchObject({ query: 'pipeline', scale: 'year' });
		},
	);

	test('Query Leads: scale, max and measures as typed', async () => {
		const result = await run({
			operation: 'leads',
			queries: {
				query: [{ name: 'monthly', scale: 'month', max: 2, customMeasures: 'leads, qualified' }],
			},
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
		expect(result.json[0]).toMatchObject({
			mode: 'pipeline',
			scale: 'quarter',
			relative: 1,
			always: 'in-period',
		});
		expect((result.json[0].projects as unknown[]).length).toBeGreaterThan(0);
	});
});

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('Analytics > One Item per Period and Human-Readable Values', () => {
	const activityQuery = (options: Record<string, unknown>) =>
		run({
			operation: 'activity',
			queries: {
				query: [
					{
						name: 'monthly',
						scale: 'month',
						max: 3,
						measures: ['sentmails', 'rcvdbulk'],
						customMeasures: 'inquiries',
					},
				],
			},
			options,
		});

	test('off (the default): one item per query, codes and UTC ms as Cloze sends them', async () => {
		const result = await activityQuery({});
		expect(result.json).toHaveLength(1);
		const periods = result.json[0].periods as Array<Record<string, unknown>>;
		expect(periods).toHaveLength(3);
		expect(typeof periods[0].start).toBe('number');
		expect(periods[0]).toHaveProperty('rcvdbulk');
	});

	test(
		'One Item per Period: one item per period with query, ' +
			'period, start, end and the measures by code',
		async () => {
			const whole = (await activityQuery({})).json[0].periods as Array<Record<string, unknown>>;
			const result = await activityQuery({ itemPerPeriod: true });
			expect(result.error).toBeUndefined();
			expect(result.json).toEqual(
				whole.map((period) => ({
					query: 'monthly',
					period: period.label,
					start: period.start,
					end: period.end,
					sentmails: period.sentmails,
					rcvdbulk: period.rcvdbulk,
					'#inquiries': period['#inquiries'],
				})),
			);
		},
	);

	test(
		"with Human-Readable Values: the reference's measure names, ISO dates; configured " +
			'measures keep their names',
		async () => {
			const whole = (await activityQuery({})).json[0].periods as Array<Record<string, unknown>>;
			const result = await activityQuery({ itemPerPeriod: true, humanReadable: true });
			expect(result.json).toHaveLength(3);
			expect(result.json[2]).toEqual({
				query: 'monthly',
				period: whole[2].label,
				start: new Date(whole[2].start as number).toISOString(),
				end: new Date(whole[2].end as number).toISOString(),
				'Emails Sent': whole[2].sentmails,
				'Bulk Emails Received': whole[2].rcvdbulk,
				'#inquiries': whole[2]['#inquiries'],
			});
		},
	);

	test(
		'Human-Readable Values alone: ' + 'the periods of the one item per query are readable',
		async () => {
			const result = await activityQuery({ humanReadable: true });
			expect(result.json).toHaveLength(1);
			const periods = result.json[0].periods as Array<Record<string, unknown>>;
			expect(periods[0].start).toMatch(ISO);
			expect(Object.keys(periods[0])).toEqual(
				expect.arrayContaining(['Emails Sent', 'Bulk Emails Received', '#inquiries']),
			);
			expect(periods[0]).not.toHaveProperty('rcvdbulk');
		},
	);

	test(
		"the schema's answer shape (a list of { key, stamp, " +
			'… } buckets per query) gives one item per bucket',
		async () => {
			const stamp = Date.UTC(2025, 9, 1);
			sim().addFault({
				path: '/v1/analytics/activity',
				status: 200,
				body: {
					monthly: [
						{ key: '2025-10', stamp, sentmails: 4, rcvdbulk: 9 },
						{ key: '2025-11', stamp: Date.UTC(2025, 10, 1), sentmails: 2 },
					],
				},
			});
			const result = await activityQuery({ itemPerPeriod: true, humanReadable: true });
			expect(result.error).toBeUndefined();
			expect(result.json).toEqual([
				{
					query: 'monthly',
					period: '2025-10',
					start: '2025-10-01T00:00:00.000Z',
					'Emails Sent': 4,
					'Bulk Emails Received': 9,
				},
				{
					query: 'monthly',
					period: '2025-11',
					start: '2025-11-01T00:00:00.000Z',
					'Emails Sent': 2,
				},
			]);
		},
	);

	test('Query Team Activity, One Item per Period: one item per member and period', async () => {
		const result = await run({
			operation: 'teamActivity',
			queries: {
				query: [
					{
						name: 'team',
						scale: 'month',
						max: 2,
						measures: ['meetings', 'meta_value'],
						tag: 'advisor',
					},
				],
			},
			options: { itemPerPeriod: true, humanReadable: true },
		});
		expect(result.error).toBeUndefined();
		// The simulator's advisors: Dave, Carla and Tom; two periods each.
		expect(result.json).toHaveLength(6);
		expect(result.json[0]).toMatchObject({
			query: 'team',
			email: 'dave@incfire.com',
			name: 'Dave Varenos',
		});
		expect(Object.keys(result.json[0]).sort()).toEqual(
			['Meetings', 'Pipeline Value', 'email', 'end', 'name', 'period', 'query', 'start'].sort(),
		);
		expect(result.json[0].start).toMatch(ISO);
	});

	test(
		'Query Projects with Human-Readable Values: metric names, segment, stage and next step ' +
			'labels, ISO dates; lists read once',
		async () => {
			const result = await run({
				operation: 'projects',
				queries: {
					query: [
						{
							name: 'a',
							scale: 'month',
							mode: 'pipeline',
							measures: ['segment', 'stage', 'nextstep', 'project_start'],
						},
						{ name: 'b', scale: 'month', mode: 'pipeline', measures: ['segment', 'stage'] },
					],
				},
				options: { humanReadable: true },
			});
			expect(result.error).toBeUndefined();
			const projects = result.json[0].projects as Array<Record<string, unknown>>;
			const acme = projects.find((project) => project.name === 'Acme Warehouse Automation');
			expect(acme).toEqual({
				direct: acme?.direct,
				name: 'Acme Warehouse Automation',
				Segment: 'Deals',
				Stage: 'Active',
				'Next Step': 'Contract',
				'Start Date': '2025-07-01T00:00:00.000Z',
			});
			expect(result.json[0].start).toMatch(ISO);
			expect(
				sim()
					.requests.map((request: { path: string }) => request.path)
					.sort(),
			).toEqual(
				[
					'/v1/analytics/projects',
					'/v1/user/segments/projects',
					'/v1/user/stages/projects',
					'/v1/user/steps',
				].sort(),
			);
		},
	);
});

describe('Analytics > Update Team Activity', () => {
	test('tag, wait and skip as query parameters; the date range comes out', async () => {
		const result = await run({
			operation: 'teamActivityUpdate',
			options: { tag: 'advisor', wait: 5000, skip: true },
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'GET',
			path: '/v1/analytics/teamactivity/update',
			query: { tag: 'advisor', wait: '5000', skip: 'true' },
			body: undefined,
		});
		// The schema's answer: dates of the least and most recently updated member, and counts.
		expect(result.json).toEqual([
			{
				oldest: sim().state.teamUpdate.from,
				newest: sim().state.teamUpdate.to,
				users: expect.any(Number),
				skipped: expect.any(Number),
				updated: 0,
			},
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
