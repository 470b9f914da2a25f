/**
 * Account resource (besides Get Profile, tested with the foundation): custom fields, segments,
 * stages, steps and views through n8n's real engine against the simulator.
 */
import { load, onlyRequest, runFor, useSimulator } from '../helpers/harness';
import {
	CUSTOM_FIELDS,
	PROFILE,
	PEOPLE_SEGMENTS,
	PEOPLE_STAGES,
	PROJECT_SEGMENTS,
	PROJECT_STAGES,
	STEPS,
	VIEWS,
} from '../simulator';

const sim = useSimulator();
const run = runFor(sim, 'account');

describe('Account > Get Profile', () => {
	test("reads the schema's `profile` as well as its example's `user`", async () => {
		const asProfile = await run({ operation: 'getProfile' });
		expect(asProfile.error).toBeUndefined();
		expect(asProfile.json).toEqual([PROFILE]);
		const user = {
			email: 'dana@incfire.com',
			name: 'Dana Varenos',
			first: 'Dana',
			last: 'Varenos',
			country: 'US',
		};
		sim().addFault({ path: '/v1/user/profile', status: 200, body: { errorcode: 0, user } });
		const asUser = await run({ operation: 'getProfile' });
		expect(asUser.error).toBeUndefined();
		expect(asUser.json).toEqual([user]);
	});
});

describe('Account > Get Custom Fields', () => {
	test('all relation types: no filter, one item per field', async () => {
		const result = await run({ operation: 'getCustomFields', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'GET',
			path: '/v1/user/fields',
			query: {},
			body: undefined,
		});
		expect(result.json).toEqual(CUSTOM_FIELDS);
	});

	test('a relation type filters with relationtype; Limit trims', async () => {
		const result = await run({ operation: 'getCustomFields', relationType: 'company', limit: 2 });
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'GET',
			path: '/v1/user/fields',
			query: { relationtype: 'company' },
			body: undefined,
		});
		const forCompanies = CUSTOM_FIELDS.filter(
			(field: { relations?: Record<string, boolean> }) =>
				!field.relations || field.relations.company,
		);
		expect(forCompanies.length).toBeGreaterThan(2);
		expect(result.json).toEqual(forCompanies.slice(0, 2));
	});
});

describe('Account > Get Segments and Get Stages', () => {
	test.each([
		['getSegments', 'people', '/v1/user/segments/people', PEOPLE_SEGMENTS],
		['getSegments', 'projects', '/v1/user/segments/projects', PROJECT_SEGMENTS],
		['getStages', 'people', '/v1/user/stages/people', PEOPLE_STAGES],
		['getStages', 'projects', '/v1/user/stages/projects', PROJECT_STAGES],
	])('%s of %s: GET %s, one item per entry', async (operation, relationKind, path, list) => {
		const result = await run({ operation, relationKind, returnAll: true });
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({ method: 'GET', path, query: {}, body: undefined });
		expect(result.json).toEqual(list);
	});

	test('Limit (default 50) and a small Limit', async () => {
		const all = await run({ operation: 'getSegments' });
		expect(all.json).toEqual(PEOPLE_SEGMENTS);
		sim().clearLog();
		const two = await run({ operation: 'getStages', limit: 2 });
		expect(two.json).toEqual(PEOPLE_STAGES.slice(0, 2));
	});
});

describe('Account > Get Steps', () => {
	type Steps = Record<string, Record<string, { steps: Array<{ name: string; key: string }> }>>;
	const flat = (segments: Steps) =>
		Object.entries(segments).flatMap(([segment, stages]) =>
			Object.entries(stages).flatMap(([stage, holder]) =>
				holder.steps.map((step) => ({ segment, stage, ...step })),
			),
		);

	test('no filter: one item per step, carrying its segment and stage', async () => {
		const result = await run({ operation: 'getSteps', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'GET',
			path: '/v1/user/steps',
			query: {},
			body: undefined,
		});
		expect(result.json).toEqual(flat(STEPS));
		expect(result.json[0]).toEqual({
			segment: 'customer',
			stage: 'lead',
			name: 'Qualify',
			key: 's-00001',
		});
	});

	test('segment and stage filters', async () => {
		const result = await run({
			operation: 'getSteps',
			returnAll: true,
			filters: { segment: 'custom1', stage: 'current' },
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'GET',
			path: '/v1/user/steps',
			query: { segment: 'custom1', stage: 'current' },
			body: undefined,
		});
		expect(result.json).toEqual([
			{ segment: 'custom1', stage: 'current', name: 'Offer', key: 's-10004' },
			{ segment: 'custom1', stage: 'current', name: 'Closing', key: 's-10005' },
		]);
	});

	test('Limit stops at the given number of steps', async () => {
		const result = await run({ operation: 'getSteps', limit: 3 });
		expect(result.json).toEqual(flat(STEPS).slice(0, 3));
	});

	test('a stage without a segment is refused before any request', async () => {
		const result = await run({ operation: 'getSteps', filters: { stage: 'current' } });
		expect(result.error?.message).toMatch(/Stage needs a Segment/);
		expect(sim().requests).toHaveLength(0);
	});

	test('the Segment and Stage dropdowns follow the Relation Kind', async () => {
		const projectSegments = await load(sim(), 'loadOptions', 'getSegments', {
			resource: 'account',
			operation: 'getSteps',
			relationKind: 'projects',
		});
		expect(projectSegments).toEqual(
			PROJECT_SEGMENTS.map((s: { name: string; key: string }) => ({ name: s.name, value: s.key })),
		);
		const peopleStages = await load(sim(), 'loadOptions', 'getStages', {
			resource: 'account',
			operation: 'getSteps',
			relationKind: 'people',
		});
		expect(peopleStages).toEqual(
			PEOPLE_STAGES.map((s: { name: string; key: string }) => ({ name: s.name, value: s.key })),
		);
		expect(sim().requests.map((r: { path: string }) => r.path)).toEqual([
			'/v1/user/segments/projects',
			'/v1/user/stages/people',
		]);
	});
});

describe('Account > Get Views', () => {
	const flat = (only?: string) =>
		Object.entries(VIEWS as Record<string, { label: object; views: object[] }>)
			.filter(([relation]) => !only || relation === only)
			.flatMap(([relation, holder]) =>
				holder.views.map((view) => ({ relation, ...view, label: holder.label })),
			);

	test(
		'one item per view of people, ' + 'companies and projects (the answer has no errorcode)',
		async () => {
			const result = await run({ operation: 'getViews', returnAll: true });
			expect(result.error).toBeUndefined();
			expect(onlyRequest(sim())).toEqual({
				method: 'GET',
				path: '/v1/user/views',
				query: {},
				body: undefined,
			});
			expect(result.json).toEqual(flat());
			expect(result.json).toHaveLength(7);
			expect(result.json[0]).toEqual({
				relation: 'people',
				id: 'my',
				name: 'My People',
				label: { singular: 'Audience', plural: 'Audiences' },
			});
		},
	);

	test('only the views of one relation, within the Limit', async () => {
		const result = await run({ operation: 'getViews', relation: 'companies', limit: 1 });
		expect(result.json).toEqual(flat('companies').slice(0, 1));
	});
});
