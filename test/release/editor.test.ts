/**
 * What a user sees in the n8n editor, as far as the node descriptions decide it: the nodes panel
 * (descriptions, codex aliases, trigger events as n8n names them), canvas subtitles (evaluated by
 * n8n-workflow's expression engine, as the editor does), documentation links, the credential form
 * and the Cloze Trigger's JSON filter (nothing sent unless the user wrote one).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	Workflow,
	type INode,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypes,
} from 'n8n-workflow';

import { ClozeApi } from '../../credentials/ClozeApi.credentials';
import { ClozeOAuth2Api } from '../../credentials/ClozeOAuth2Api.credentials';
import { Cloze } from '../../nodes/Cloze/Cloze.node';
import { ClozeFeedTrigger } from '../../nodes/ClozeFeedTrigger/ClozeFeedTrigger.node';
import { ClozeTrigger } from '../../nodes/ClozeTrigger/ClozeTrigger.node';
import { FILTERS_JSON_V1_DEFAULT } from '../../nodes/ClozeTrigger/properties';
import { apiKeyCredentials, loadOptions } from '../helpers/engine';
import { useSimulator, useTriggers } from '../helpers/harness';

const root = join(__dirname, '..', '..');
const codex = (node: string) =>
	JSON.parse(readFileSync(join(root, 'nodes', node, `${node}.node.json`), 'utf8')) as {
		alias: string[];
		resources: Record<string, Array<{ url: string }>>;
	};
const cloze = new Cloze();
const trigger = new ClozeTrigger();
const feedTrigger = new ClozeFeedTrigger();
const options = (property: INodeProperties) => property.options as INodePropertyOptions[];
const property = (type: INodeType, name: string) =>
	type.description.properties.filter((p) => p.name === name);

/** The subtitle as the editor computes it for a node with these parameters. */
function subtitle(
	type: INodeType,
	name: string,
	parameters: INode['parameters'],
	typeVersion = 1,
): unknown {
	const nodeTypes: INodeTypes = {
		getByName: () => type,
		getByNameAndVersion: () => type,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: '1',
		name: 'N',
		type: `n8n-nodes-cloze.${name}`,
		typeVersion,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		node,
		type.description.subtitle!,
		'internal',
		{},
	);
}

/**
 * n8n's nodes panel: an action's name is its `action`, or "On " + the option name in lower case.
 */
const eventAction = (option: INodePropertyOptions) =>
	option.action ?? `On ${option.name.toLowerCase()}`;

describe('nodes panel', () => {
	test('the Cloze node and the Cloze Trigger each have their own description', () => {
		const action = cloze.description.description;
		const webhook = trigger.description.description;
		expect(action).not.toBe(webhook);
		expect(action).toMatch(/create/i);
		expect(action).not.toMatch(/starts the workflow/i);
		// n8n shows the trigger's description on the card it merges with the Cloze node: it names both.
		expect(webhook).toMatch(/people, companies, projects/);
		expect(webhook).toMatch(/workflow/);
		expect(feedTrigger.description.description).not.toBe(webhook);
	});

	test.each([
		['Cloze', 'create person'],
		['Cloze', 'to-do'],
		['Cloze', 'todo'],
		['Cloze', 'note'],
		['Cloze', 'crm'],
		['ClozeTrigger', 'webhook'],
		['ClozeFeedTrigger', 'polling'],
	])('searching "%s" aliases for "%s" finds the node', (node, query) => {
		expect(codex(node).alias.some((alias) => alias.toLowerCase().includes(query))).toBe(true);
	});

	test('the trigger events read as sentences after "On", without codes or brackets', () => {
		const [event] = property(trigger, 'event');
		const actions = options(event).map(eventAction);
		expect(actions).toEqual(
			expect.arrayContaining(['On person changed', 'On person stage or field changed']),
		);
		for (const option of options(event)) {
			expect(option.name).not.toMatch(/[()]/);
			expect(eventAction(option)).toBe(`On ${option.name.toLowerCase()}`);
		}
	});
});

describe('canvas subtitles', () => {
	const resources = options(property(cloze, 'resource')[0]);

	test('every operation of every resource shows "<operation> · <resource>" by their names', () => {
		let checked = 0;
		for (const resource of resources) {
			const operations = cloze.description.properties.filter(
				(p) =>
					p.name === 'operation' &&
					(p.displayOptions?.show?.resource as unknown[]).includes(resource.value),
			);
			expect(operations).toHaveLength(1);
			for (const operation of options(operations[0])) {
				const shown = subtitle(cloze, 'cloze', {
					resource: resource.value,
					operation: operation.value,
				});
				expect(shown).toBe(`${operation.name} · ${resource.name}`);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(40);
		expect(subtitle(cloze, 'cloze', { resource: 'timeline', operation: 'createTodo' })).toBe(
			'Create To-Do · Timeline',
		);
	});

	test('a value the table does not know shows as it is', () => {
		expect(subtitle(cloze, 'cloze', { resource: 'person', operation: 'somethingNew' })).toBe(
			'person:somethingNew',
		);
	});

	test('the Cloze Trigger shows the event by its name', () => {
		for (const option of options(property(trigger, 'event')[0])) {
			expect(subtitle(trigger, 'clozeTrigger', { event: option.value })).toBe(option.name);
		}
	});
});

describe('documentation links', () => {
	const urls = [
		...['Cloze', 'ClozeTrigger', 'ClozeFeedTrigger'].flatMap((node) =>
			Object.values(codex(node).resources).flatMap((list) => list.map((entry) => entry.url)),
		),
		new ClozeApi().documentationUrl,
		new ClozeOAuth2Api().documentationUrl,
	];

	test('no fragment (n8n appends its query after it), each a page of this repository', () => {
		expect(urls).toHaveLength(8);
		for (const url of urls) {
			expect(url).not.toContain('#');
			const match =
				/^https:\/\/github\.com\/n8n-nodes-cloze\/n8n-nodes-cloze\/blob\/main\/(.+)$/.exec(url);
			expect(match).not.toBeNull();
			expect(existsSync(join(root, match![1]))).toBe(true);
		}
	});
});

describe('credential form', () => {
	test('Account Email is optional and says it is not sent', () => {
		const email = new ClozeApi().properties.find((p) => p.name === 'email')!;
		expect(email.required).toBeFalsy();
		expect(email.description).toMatch(/optional/i);
		expect(email.description).toMatch(/never sent/);
		expect(JSON.stringify(new ClozeApi().authenticate)).not.toContain('email');
	});
});

describe('Cloze Trigger JSON filter', () => {
	const sim = useSimulator();
	const startTrigger = useTriggers(sim);

	async function subscribeBody(typeVersion: number, parameters: Record<string, unknown>) {
		const harness = await startTrigger(parameters, { typeVersion });
		await harness.activate();
		const subscribes = sim().requestsTo('POST', '/v1/webhooks/subscribe');
		expect(subscribes).toHaveLength(1);
		return subscribes[0].body as Record<string, unknown>;
	}

	test(
		'Before and After list the values of the ' + 'field the same change condition names',
		async () => {
			const credentials = apiKeyCredentials(sim().url);
			const changeFilters = {
				change: [{ field: 'stage' }, { field: 'segment' }, { field: 'lead-source' }, { field: '' }],
			};
			const parameters = { event: 'person.audit.change', filterMode: 'fields', changeFilters };
			const list = async (method: string, path = '') =>
				(
					(await loadOptions(
						'loadOptions',
						method,
						parameters,
						credentials,
						[],
						'clozeTrigger',
						path,
					)) as INodePropertyOptions[]
				).map((o) => o.value);
			const at = (index: number, side: string) =>
				`parameters.changeFilters.change[${index}].${side}`;
			const any = '*';
			expect(await list('getChangeValues', at(0, 'before'))).toEqual([
				any,
				...(await list('getStages')),
			]);
			expect(await list('getChangeValues', at(0, 'after'))).toEqual([
				any,
				...(await list('getStages')),
			]);
			expect(await list('getChangeValues', at(1, 'after'))).toEqual([
				any,
				...(await list('getSegments')),
			]);
			const sources = await list('getChangeValues', at(2, 'before'));
			expect(sources[0]).toBe(any);
			expect(sources).toEqual(expect.arrayContaining(['website', 'referral']));
			expect(await list('getChangeValues', at(3, 'before'))).toEqual([any]);
			for (const side of ['before', 'after']) {
				const field = (
					property(trigger, 'changeFilters')[0].options as Array<{ values: INodeProperties[] }>
				)[0].values.find((p) => p.name === side)!;
				expect(field.type).toBe('options');
				expect(field.typeOptions?.loadOptionsDependsOn).toContain('&field');
			}
		},
	);

	test('a Before/After chosen from the lists subscribes with those values', async () => {
		const body = await subscribeBody(1.1, {
			event: 'person.audit.change',
			filterMode: 'fields',
			changeFilters: { change: [{ field: 'stage', before: 'lead', after: '*' }] },
		});
		expect(body.filters).toEqual([{ changes: { stage: { before: 'lead', after: '*' } } }]);
	});

	test('new nodes (version 1.1) have an empty filter, the example only as a placeholder', () => {
		expect(trigger.description.defaultVersion).toBe(1.1);
		const current = property(trigger, 'filtersJson').find(
			(p) => (p.displayOptions?.show?.['@version'] as unknown[])?.[0] !== 1,
		)!;
		expect(current.default).toBe('');
		expect(JSON.parse(current.placeholder!)).toEqual([{ person: { stage: 'lead' } }]);
	});

	test('JSON mode with the filter left empty subscribes without filters', async () => {
		const body = await subscribeBody(1.1, { event: 'person.change', filterMode: 'json' });
		expect(body.event).toBe('person.change');
		expect(body).not.toHaveProperty('filters');
	});

	test('a filter the user wrote is sent', async () => {
		const body = await subscribeBody(1.1, {
			event: 'person.change',
			filterMode: 'json',
			filtersJson: '[{"person":{"stage":"current"}}]',
		});
		expect(body.filters).toEqual([{ person: { stage: 'current' } }]);
	});

	test('version 1 workflows that kept the old pre-filled filter keep it', async () => {
		expect(JSON.parse(FILTERS_JSON_V1_DEFAULT)).toEqual([{ person: { stage: 'lead' } }]);
		const body = await subscribeBody(1, { event: 'person.change', filterMode: 'json' });
		expect(body.filters).toEqual([{ person: { stage: 'lead' } }]);
	});
});
