/**
 * Team resource through n8n's real engine against the simulator: members, nodes, roles (lists
 * with Return All + Limit) and Update Member (the exact body, the checks made before sending).
 */
import { load, onlyRequest, runFor, useSimulator } from '../helpers/harness';
import { TEAM_MEMBERS, TEAM_NODES, TEAM_ROLES } from '../simulator';

const sim = useSimulator();
const run = runFor(sim, 'team');

describe('Team lists', () => {
	test.each([
		['getMembers', '/v1/team/members/list', TEAM_MEMBERS],
		['getNodes', '/v1/team/nodes', TEAM_NODES],
		['getRoles', '/v1/team/roles', TEAM_ROLES],
	])('%s: GET %s, one item per entry', async (operation, path, list) => {
		const result = await run({ operation, returnAll: true });
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({ method: 'GET', path, query: {}, body: undefined });
		expect(result.json).toEqual(list);
	});

	test('Limit trims the list', async () => {
		const result = await run({ operation: 'getMembers', limit: 2 });
		expect(result.json).toEqual(TEAM_MEMBERS.slice(0, 2));
	});
});

describe('Team > Update Member', () => {
	test('every field: the exact body, and the member really changes', async () => {
		const result = await run({
			operation: 'updateMember',
			member: 'tom@incfire.com',
			updateFields: {
				role: 'Manager',
				node: '/US/West',
				secondaryNodes: ['/US/East', '/US/East/NY'],
				visibleAt: ['/US'],
				customFields: { field: [{ id: 'acme-mls-id', value: '123456' }] },
				keywordsToAdd: 'osa, onboard',
				keywordsToRemove: 'isa',
			},
		});
		expect(result.error).toBeUndefined();
		expect(onlyRequest(sim())).toEqual({
			method: 'POST',
			path: '/v1/team/members/update',
			query: {},
			body: {
				key: 'tom@incfire.com',
				role: 'Manager',
				node: '/US/West',
				secondaryNodes: ['/US/East', '/US/East/NY'],
				visibleAt: ['/US'],
				customFields: [{ id: 'acme-mls-id', type: 'text', value: '123456' }],
				keywords: { add: ['osa', 'onboard'], remove: ['isa'] },
			},
		});
		// Cloze answers { errorcode: 0 } only: the item is what was written, as sent.
		expect(result.json).toEqual([onlyRequest(sim()).body]);
		expect(result.json[0]).toMatchObject({ key: 'tom@incfire.com', role: 'Manager' });
		const tom = sim().state.members.find(
			(member: { email: string }) => member.email === 'tom@incfire.com',
		);
		expect(tom).toMatchObject({ role: 'Manager', node: '/US/West', visibleAt: ['/US'] });
		expect(tom?.keywords).toEqual(expect.arrayContaining(['osa', 'onboard']));
		expect(tom?.keywords).not.toContain('isa');
	});

	test('node by parts, as comma-separated or slash-separated path elements', async () => {
		await run({
			operation: 'updateMember',
			member: 'carla@incfire.com',
			updateFields: { nodeByParts: 'US, East' },
		});
		expect(onlyRequest(sim()).body).toEqual({
			key: 'carla@incfire.com',
			nodeByParts: ['US', 'East'],
		});
		sim().clearLog();
		await run({
			operation: 'updateMember',
			member: 'carla@incfire.com',
			updateFields: { nodeByParts: '/US/West/CA' },
		});
		expect(onlyRequest(sim()).body).toEqual({
			key: 'carla@incfire.com',
			nodeByParts: ['US', 'West', 'CA'],
		});
	});

	test('Node and Node by Parts together are refused before any request', async () => {
		const result = await run({
			operation: 'updateMember',
			member: 'carla@incfire.com',
			updateFields: { node: '/US', nodeByParts: 'US, East' },
		});
		expect(result.error?.message).toMatch(/Node or Node by Parts, not both/);
		expect(sim().requests).toHaveLength(0);
	});

	test('no member is refused before any request', async () => {
		const result = await run({
			operation: 'updateMember',
			member: ' ',
			updateFields: { role: 'Agent' },
		});
		expect(result.error?.message).toMatch(/^Member:/);
		expect(sim().requests).toHaveLength(0);
	});

	test('a custom field row without an ID is refused before any request', async () => {
		const result = await run({
			operation: 'updateMember',
			member: 'carla@incfire.com',
			updateFields: { customFields: { field: [{ id: '', value: 'x' }] } },
		});
		expect(result.error?.message).toMatch(/Custom Fields: entry 1 has no Field ID/);
		expect(sim().requests).toHaveLength(0);
	});

	test(
		"Cloze's refusal (HTTP 200 with an errorcode) " + "fails the node with Cloze's message",
		async () => {
			const result = await run({
				operation: 'updateMember',
				member: 'nobody@incfire.com',
				updateFields: {},
			});
			expect(onlyRequest(sim()).body).toEqual({ key: 'nobody@incfire.com' });
			expect(result.error?.message).toMatch(/Team member not found/);
		},
	);

	test('the member, role and node dropdowns list what Cloze has', async () => {
		const parameters = { resource: 'team', operation: 'updateMember' };
		const members = await load(sim(), 'loadOptions', 'getTeamMembers', parameters);
		expect(members).toContainEqual({
			name: 'Tom Becker <tom@incfire.com>',
			value: 'tom@incfire.com',
		});
		const roles = await load(sim(), 'loadOptions', 'getTeamRoles', parameters);
		expect(roles).toContainEqual({ name: 'Manager', value: 'Manager' });
		const nodes = await load(sim(), 'loadOptions', 'getTeamNodes', parameters);
		// Cloze answers SubteamNode { node, fullPathLabel, leafLabel, depth }: labelled by the full
		// path, valued by node.
		expect(nodes).toContainEqual({
			name: 'US / West / CA',
			value: '/US/West/CA',
			description: '/US/West/CA',
		});
		expect(nodes.map((option) => option.value)).toEqual(
			TEAM_NODES.map((node: { node: string }) => node.node),
		);
		expect(JSON.stringify(nodes)).not.toContain('undefined');
	});
});
