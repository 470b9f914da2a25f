/**
 * The Cloze node as an AI tool. n8n offers a `usableAsTool` node as "<name>Tool" (here
 * `n8n-nodes-cloze.clozeTool`) and, unless the node has a `toolDescription` parameter, describes it
 * to the model by the operation's action alone ("Create a to-do in Cloze"). These tests run n8n's
 * own functions (n8n-workflow's parameter resolution with `@tool` and getToolDescriptionForNode) on
 * the node's description; the end-to-end suite checks the same text reaches an MCP client.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	NodeHelpers,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { Cloze } from '../../nodes/Cloze/Cloze.node';

const cloze = new Cloze();
/** The node type as n8n derives the tool from it (name + "Tool"; the properties are the same). */
const tool: INodeType = {
	...cloze,
	description: { ...cloze.description, name: 'clozeTool', displayName: 'Cloze Tool' },
};

function nodeOf(type: INodeType, parameters: INodeParameters): INode {
	const resolved = NodeHelpers.getNodeParameters(
		type.description.properties,
		parameters,
		true,
		false,
		null,
		type.description,
	);
	return {
		id: '1',
		name: 'Cloze',
		type: `n8n-nodes-cloze.${type.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: resolved ?? {},
	};
}

const operations: Array<[string, INodePropertyOptions]> = cloze.description.properties
	.filter((p) => p.name === 'operation')
	.flatMap((p) =>
		(p.options as INodePropertyOptions[]).map(
			(o) => [String(p.displayOptions!.show!.resource![0]), o] as [string, INodePropertyOptions],
		),
	);

describe('Cloze Tool: what the model reads', () => {
	test(
		'the Cloze node itself has no Tool Description; every operation of the tool has one, ' +
			'saying what it returns',
		() => {
			expect(operations.length).toBeGreaterThan(30);
			for (const [resource, operation] of operations) {
				const parameters = { resource, operation: operation.value as string };
				expect(nodeOf(cloze, parameters).parameters.toolDescription).toBeUndefined();
				const text = nodeOf(tool, parameters).parameters.toolDescription as string;
				expect(typeof text).toBe('string');
				// More than n8n's own "<action> in Cloze", and what comes back.
				expect(text).toContain('Cloze');
				expect(text).toMatch(/Returns .+\.$/);
				expect(text).not.toBe(`${operation.action} in Cloze`);
			}
		},
	);

	test("n8n's getToolDescriptionForNode gives the operation's text, not the action alone", () => {
		const todo = nodeOf(tool, { resource: 'timeline', operation: 'createTodo' });
		expect(NodeHelpers.getToolDescriptionForNode(todo, tool)).toBe(
			'Cloze CRM: Create a To Do in Cloze, for you or assigned to a team member. Returns ' +
				'the to-do as created: created, subject, when (due) and participants.',
		);
		const find = NodeHelpers.getToolDescriptionForNode(
			nodeOf(tool, { resource: 'person', operation: 'getAll' }),
			tool,
		);
		expect(find).toMatch(/^Cloze CRM: Find people by query/);
		expect(find).toMatch(/direct \(the Cloze ID\), name, emails/);
		expect(find).toMatch(/current = Active/);
		const changes = NodeHelpers.getToolDescriptionForNode(
			nodeOf(tool, { resource: 'project', operation: 'getChanges' }),
			tool,
		);
		expect(changes).toMatch(
			/changed projects as compact records, oldest change first, and a cursor/,
		);
	});

	test("a user's own text is kept; the default follows the chosen operation", () => {
		const own = nodeOf(tool, {
			resource: 'person',
			operation: 'get',
			toolDescription: 'Look up a client by e-mail.',
		});
		expect(NodeHelpers.getToolDescriptionForNode(own, tool)).toBe('Look up a client by e-mail.');
		const a = NodeHelpers.getToolDescriptionForNode(
			nodeOf(tool, { resource: 'company', operation: 'get' }),
			tool,
		);
		const b = NodeHelpers.getToolDescriptionForNode(
			nodeOf(tool, { resource: 'company', operation: 'delete' }),
			tool,
		);
		expect(a).toMatch(/compact record/);
		expect(b).toMatch(/deleted: true/);
	});

	test('the Simplify switch is on by default wherever the operation has it', () => {
		const withSimplify = cloze.description.properties.filter(
			(p: INodeProperties) => p.name === 'simplify',
		);
		expect(withSimplify.length).toBeGreaterThan(0);
		for (const p of withSimplify) expect(p.default).toBe(true);
		expect(nodeOf(tool, { resource: 'person', operation: 'getAll' }).parameters.simplify).toBe(
			true,
		);
	});
});

describe('examples/cloze-mcp-tools.json', () => {
	const wf = JSON.parse(
		readFileSync(join(__dirname, '..', '..', 'examples', 'cloze-mcp-tools.json'), 'utf8'),
	) as {
		nodes: Array<{ name: string; type: string; parameters: INodeParameters }>;
		connections: Record<string, { ai_tool: Array<Array<{ node: string; type: string }>> }>;
	};
	const tools = wf.nodes.filter((n) => n.type === 'n8n-nodes-cloze.clozeTool');
	const description = tool.description as INodeTypeDescription;

	test('six Cloze tools, each connected to the MCP Server Trigger as a tool', () => {
		expect(tools.map((t) => t.name)).toEqual([
			'Find People',
			'Get Person',
			'Create or Update Person',
			'Log Communication',
			'Create To-Do',
			'Get Project Changes',
		]);
		for (const t of tools)
			expect(wf.connections[t.name].ai_tool[0][0]).toEqual({
				node: 'MCP Server Trigger',
				type: 'ai_tool',
				index: 0,
			});
		expect(
			wf.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger')?.parameters.path,
		).toBe('cloze');
	});

	test(
		'every parameter is one the tool shows; ' + 'every $fromAI has a valid key and a description',
		() => {
			for (const t of tools) {
				const resolved = nodeOf(tool, t.parameters).parameters;
				for (const key of Object.keys(t.parameters))
					expect([t.name, key, key in resolved]).toEqual([t.name, key, true]);
				const calls = [...JSON.stringify(t.parameters).matchAll(/\$fromAI\('([^']*)', '([^']*)'/g)];
				expect(calls.length).toBeGreaterThan(0);
				for (const [, key, text] of calls) {
					expect(key).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
					expect(text.length).toBeGreaterThan(15);
				}
			}
			expect(description.name).toBe('clozeTool');
		},
	);
});
