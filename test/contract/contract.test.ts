/**
 * The contract test: every operation of the Cloze node through n8n-core's real engine with every
 * optional field filled (test/contract/fill.ts fills the form from the node's own description),
 * once per value of every field that changes the visible fields and per mode of every record
 * locator; both triggers' requests (Cloze Trigger activation and deactivation, Cloze Feed Trigger
 * polls); every option list (loadOptions and listSearch methods). The simulator checks each
 * request against test/contract/cloze-contract.json (Cloze's official schema): the test asserts 0
 * violations per operation and prints a table of those it found, and asserts that every case sent
 * at least one request and that every operation of the node was covered, so it cannot pass
 * vacuously.
 *
 * The simulator is started with `expectViolations: true` because this file attributes every
 * violation to its operation and asserts there are none itself (the contract guard would only
 * repeat them).
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeProperties,
} from 'n8n-workflow';
import { PollContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';

import { Cloze } from '../../nodes/Cloze/Cloze.node';
import { ClozeTrigger } from '../../nodes/ClozeTrigger/ClozeTrigger.node';
import { ClozeFeedTrigger } from '../../nodes/ClozeFeedTrigger/ClozeFeedTrigger.node';
import {
	additionalDataFor,
	apiKeyCredentials,
	loadOptions,
	nodeTypes,
	PACKAGE,
	registerNodeType,
	runNode,
} from '../helpers/engine';
import { useSimulator, useTriggers } from '../helpers/harness';
import { CUSTOM_FIELDS, type Kind } from '../simulator';
import { cases, fill, type FillContext } from './fill';

type Violation = { operation: string; rule: string; at: string; message: string; url: string };
type Values = Record<string, unknown>;

registerNodeType('clozeFeedTrigger', new ClozeFeedTrigger());

// One demo account for the whole file: each case resets it itself.
const sim = useSimulator({ seed: 'demo', expectViolations: true }, { between: 'nothing' });
const startTrigger = useTriggers(sim);
let credentials: Record<string, ICredentialDataDecryptedObject>;

/** label (node operation) -> violations, and what each case did. */
const found = new Map<string, Violation[]>();
const covered = new Set<string>();
const gaps: string[] = [];

beforeAll(() => {
	credentials = apiKeyCredentials(sim().url);
});
afterAll(async () => {
	const rows: string[] = [];
	for (const [label, violations] of [...found.entries()].sort()) {
		const distinct = [
			...new Set(violations.map((v) => `${v.operation} ${v.at} [${v.rule}] ${v.message}`)),
		];
		for (const line of distinct) rows.push(`| ${label} | ${line.replace(/\|/g, '\\|')} |`);
	}
	const total = [...found.values()].reduce((n, v) => n + v.length, 0);
	const nodeOps = [...found.entries()].filter(
		([label, v]) => !/^(options|trigger)\./.test(label) && v.length > 0,
	);
	const unknown = new Set(
		nodeOps.flatMap(([label, v]) =>
			v
				.filter((x) => x.rule === 'unknown')
				.map((x) => `${label} ${x.at.replace(/\[\d+\]/g, '[]')}`),
		),
	);
	// eslint-disable-next-line no-console
	console.log(
		[
			`Contract test: ${covered.size} node operations / option lists / trigger requests ` +
				`covered, ${total} violation(s) of Cloze's schema.`,
			`${nodeOps.length} of ${nodeOperations().length} node operations send requests ` +
				`outside the contract; ${unknown.size} distinct unknown fields.`,
			...(rows.length
				? ['| Node operation | Request: where [rule] what |', '| --- | --- |', ...rows]
				: []),
			...(gaps.length
				? ['Fields filled without a loaded value:', ...[...new Set(gaps)].map((g) => `  ${g}`)]
				: []),
		].join('\n'),
	);
});

const cloze = new Cloze();
const properties = cloze.description.properties;

/** [resource, operation] of every operation the node offers. */
function nodeOperations(): Array<[string, string]> {
	const resources = (
		properties.find((p) => p.name === 'resource')!.options as Array<{ value: string }>
	).map((o) => o.value);
	const out: Array<[string, string]> = [];
	for (const resource of resources) {
		const op = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		);
		for (const o of (op?.options ?? []) as Array<{ value: string }>) out.push([resource, o.value]);
	}
	return out;
}

/**
 * The operation's own request, "METHOD /path", from its routing (parameters in the url resolved).
 */
function endpointOf(resource: string, operation: string, parameters: Values): string {
	const op = properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	);
	const option = (
		(op?.options ?? []) as Array<{ value: string; routing?: { request?: IDataObject } }>
	).find((o) => o.value === operation);
	const request = option?.routing?.request ?? {};
	const url = String(request.url ?? '')
		.replace(/^=/, '')
		.replace(/\{\{\s*\$parameter\.(\w+)\s*\}\}/g, (_m, name: string) => String(parameters[name]));
	return `${String(request.method ?? 'GET')} ${url}`;
}

/** Real values for the fields that name records and other things the simulator must know. */
async function namedValues(resource: string, operation: string): Promise<Values> {
	const kind = resource as 'person' | 'company' | 'project';
	const store = sim().store;
	const named: Values = {
		cursor: '',
		targetUrl: 'http://127.0.0.1:9/cloze-hook',
		uniqueId: 'contract-subscription',
		jsonBody:
			operation === 'funnel'
				? JSON.stringify({
						usertags: ['advisor'],
						queries: { q1: { scale: 'month', metrics: ['leadcount'] } },
					})
				: operation === 'projects'
					? JSON.stringify({ queries: { q1: { always: 'in-period', metrics: ['stage'] } } })
					: JSON.stringify({
							queries: { q1: { scale: 'month', max: 3, measures: ['sentmails'] } },
						}),
		filters: JSON.stringify([{ person: { segment: 'customer' } }]),
		filtersJson: JSON.stringify([{ person: { segment: 'customer' } }]),
		member: 'tom@incfire.com',
	};
	if (operation === 'getMessageOpens') named.from = '2025-01-01T00:00:00.000Z';
	if (
		['person', 'company', 'project'].includes(kind) &&
		['get', 'update', 'delete'].includes(operation)
	) {
		const record = store.all(kind)[0] as IDataObject;
		const emails = (record.emails ?? []) as IDataObject[];
		const phones = (record.phones ?? []) as IDataObject[];
		const search = {
			person: 'searchPeople',
			company: 'searchCompanies',
			project: 'searchProjects',
		}[kind];
		const listed = (await loadOptions(
			'listSearch',
			search,
			{ resource, operation },
			credentials,
		)) as {
			results: Array<{ value: string }>;
		};
		named.__locators = {
			list: listed.results[0]?.value,
			email: emails[0]?.value,
			phone: phones[0]?.value,
			domain: ((record.domains ?? []) as string[])[0],
			id: record.direct,
			uniqueid:
				kind === 'project' ? `na16.salesforce.com:${String(record.direct)}` : 'twitter:adalovelace',
			name: record.name,
		};
	}
	return named;
}

/** The record locator's modes, one case each. */
function locatorCases(property: INodeProperties | undefined, named: Values): Values[] {
	if (!property || property.type !== 'resourceLocator') return [];
	const locators = (named.__locators ?? {}) as Record<string, unknown>;
	return (property.modes ?? []).map((mode) => ({
		record: { __rl: true, mode: mode.name, value: locators[mode.name] ?? 'unknown' },
	}));
}

/** A real feed cursor for the Get Changes case that resumes from one. */
async function realCursor(resource: string): Promise<string> {
	const path = { person: 'people', company: 'companies', project: 'projects' }[resource];
	const answer = await fetch(`${sim().url}/v1/${path}/feed?pagesize=1`, {
		headers: { Authorization: 'Bearer test-api-key' },
	});
	return String(((await answer.json()) as IDataObject).cursor ?? '');
}

function record(label: string, from: number): Violation[] {
	const violations = (sim().violations as Violation[]).slice(from);
	found.set(label, [...(found.get(label) ?? []), ...violations]);
	return violations;
}

/**
 * Fields the node takes one of, not both: each case fills one (the form refuses both, naming
 * them, before any request).
 */
const EXCLUSIVE: Record<string, Array<[string, string]>> = {
	'team.updateMember': [['updateFields.node', 'updateFields.nodeByParts']],
};

function without(values: Values, path: string): Values {
	const [head, ...rest] = path.split('.');
	if (!(head in values)) return values;
	if (rest.length === 0) {
		const others = { ...values };
		delete others[head];
		return others;
	}
	return { ...values, [head]: without(values[head] as Values, rest.join('.')) };
}

/** A custom field's value as its type wants it (the node checks it before sending). */
function special(name: string, where: string, siblings: Values): unknown {
	if ((name === 'filters' || name === 'filtersJson') && typeof siblings.event === 'string') {
		const kind = siblings.event.split('.')[0];
		const audit = siblings.event.includes('.audit.');
		return JSON.stringify([
			{
				[kind]: { segment: 'customer' },
				...(audit ? { changes: { stage: { before: 'lead', after: '*' } } } : {}),
			},
		]);
	}
	if (
		!['value', 'dateValue'].includes(name) ||
		!/customFields/i.test(where) ||
		typeof siblings.id !== 'string'
	)
		return undefined;
	const field = (CUSTOM_FIELDS as Array<{ id: string; type: string; values?: IDataObject }>).find(
		(f) => f.id === siblings.id,
	);
	if (!field) return undefined;
	// The date picker of a custom field row is for date fields (the node refuses it for others).
	if (name === 'dateValue') return field.type === 'date' ? '2025-12-30T00:00:00' : '';
	if (field.type === 'date') return '2025-12-31';
	if (['number', 'decimal', 'currency', 'range'].includes(field.type)) return '42';
	if (field.type.startsWith('keyword')) return Object.keys(field.values ?? {})[0] ?? 'value';
	if (/person|people|contact/.test(field.type)) return 'ada@example.com';
	return 'a text value';
}

const table = (violations: Violation[]) =>
	[...new Set(violations.map((v) => `${v.operation} ${v.at} [${v.rule}] ${v.message}`))].join('\n');

describe(
	'every Cloze node operation with every optional ' + 'field filled sends only what Cloze defines',
	() => {
		const operations = nodeOperations();

		test('the node offers the 41 operations this test runs', () => {
			expect(operations).toHaveLength(41);
		});

		test.each(operations)('%s: %s', async (resource, operation) => {
			sim().reset({ seed: 'demo' });
			const named = await namedValues(resource, operation);
			const preset = { authentication: 'apiKey', resource, operation };
			const locator = properties.find(
				(p) =>
					p.type === 'resourceLocator' &&
					p.displayOptions?.show?.resource?.includes(resource) &&
					p.displayOptions?.show?.operation?.includes(operation),
			);
			const forms: Values[] = [
				...cases(properties, preset),
				...locatorCases(locator, named).map((c) => ({ ...preset, ...c })),
			];
			if (operation === 'getChanges') forms.push({ ...preset, cursor: await realCursor(resource) });
			const label = `${resource}.${operation}`;
			const from = sim().violations.length;
			for (const form of forms) {
				const ctx: FillContext = { type: 'cloze', credentials, named: { ...named }, gaps, special };
				if (form.record === undefined && locator)
					form.record = locatorCases(locator, named)[0]?.record;
				const filled = await fill(properties, form, ctx);
				const variants = (EXCLUSIVE[label] ?? []).flatMap(([a, b]) => [
					without(filled, b),
					without(filled, a),
				]);
				for (const parameters of variants.length ? variants : [filled]) {
					const before = sim().requests.length;
					const result = await runNode({ parameters: parameters as IDataObject, credentials });
					// A case the node refused before its own request proves nothing (a Cloze error answer is
					// fine: the request was sent and checked).
					const endpoint = endpointOf(resource, operation, parameters);
					const sent = sim()
						.requests.slice(before)
						.filter((r: { method: string; path: string }) => `${r.method} ${r.path}` === endpoint);
					if (sent.length === 0) {
						throw new Error(
							`${label} ${JSON.stringify(form)} sent no ${endpoint}: ${result.error?.message}`,
						);
					}
					// Cloze's status is never output: an item says what was read or written, not `errorcode`.
					const withStatus = result.items.filter(
						(item) => item.json && typeof item.json === 'object' && 'errorcode' in item.json,
					);
					if (withStatus.length > 0)
						throw new Error(
							`${label} output errorcode: ${JSON.stringify(withStatus[0].json).slice(0, 200)}`,
						);
				}
				sim().reset({ seed: 'demo' });
			}
			covered.add(label);
			const violations = record(label, from);
			expect(table(violations)).toBe('');
		});

		test('covered every operation of the node', () => {
			expect(
				[...covered].filter((c) => !c.startsWith('trigger') && !c.startsWith('options')).sort(),
			).toEqual(operations.map(([r, o]) => `${r}.${o}`).sort());
		});
	},
);

describe('the option lists send only what Cloze defines', () => {
	const methods = cloze.methods as {
		loadOptions: Record<string, unknown>;
		listSearch: Record<string, unknown>;
	};
	const contexts: Values[] = [
		...['person', 'company', 'project'].map((resource) => ({ resource, operation: 'create' })),
		{
			resource: 'person',
			operation: 'create',
			additionalFields: { segment: 'customer', stage: 'lead' },
		},
		{
			resource: 'project',
			operation: 'create',
			additionalFields: { segment: 'project', stage: 'future' },
		},
		{ resource: 'account', operation: 'getSteps', filters: { segment: 'customer', stage: 'lead' } },
	];
	const lists: Array<['loadOptions' | 'listSearch', string]> = [
		...Object.keys(methods.loadOptions).map((m) => ['loadOptions', m] as ['loadOptions', string]),
		...Object.keys(methods.listSearch).map((m) => ['listSearch', m] as ['listSearch', string]),
	];

	test.each(lists)('%s %s', async (kind, method) => {
		sim().reset({ seed: 'demo' });
		const from = sim().violations.length;
		const before = sim().requests.length;
		for (const context of contexts) {
			const args =
				kind === 'listSearch'
					? [
							['a', undefined],
							[undefined, '2'],
						]
					: [[]];
			for (const a of args)
				await loadOptions(
					kind,
					method,
					{ authentication: 'apiKey', ...context },
					credentials,
					a,
				).catch(() => undefined);
		}
		if (method === 'getChangeValues') {
			// The values of the field a Cloze Trigger change condition names (`&field`).
			const fields = ['segment', 'stage', 'step', 'lead-source'];
			const parameters = {
				authentication: 'apiKey',
				event: 'person.audit.change',
				filterMode: 'fields',
				changeFilters: { change: fields.map((field) => ({ field })) },
			};
			for (const index of fields.keys()) {
				await loadOptions(
					kind,
					method,
					parameters,
					credentials,
					[],
					'clozeTrigger',
					`parameters.changeFilters.change[${index}].before`,
				);
			}
		}
		expect(sim().requests.length).toBeGreaterThan(before);
		covered.add(`options.${method}`);
		expect(table(record(`options.${method}`, from))).toBe('');
	});

	test.each([['clozeTrigger'], ['clozeFeedTrigger']])('%s option lists', async (type) => {
		sim().reset({ seed: 'demo' });
		const from = sim().violations.length;
		const before = sim().requests.length;
		const triggerContexts: Values[] =
			type === 'clozeTrigger'
				? ['person.audit.change', 'company.change', 'project.audit.change'].map((event) => ({
						event,
						filterMode: 'fields',
					}))
				: ['person', 'company', 'project'].map((resource) => ({ resource }));
		for (const context of triggerContexts) {
			for (const method of Object.keys(methods.loadOptions)) {
				await loadOptions(
					'loadOptions',
					method,
					{ authentication: 'apiKey', ...context },
					credentials,
					[],
					type,
				).catch(() => undefined);
			}
		}
		expect(sim().requests.length).toBeGreaterThan(before);
		covered.add(`options.${type}`);
		expect(table(record(`options.${type}`, from))).toBe('');
	});
});

describe("the triggers' requests send only what Cloze defines", () => {
	test(
		'Cloze Trigger: subscribe on activation, check, ' +
			'unsubscribe on deactivation, for every form',
		async () => {
			const trigger = new ClozeTrigger().description.properties;
			const from = sim().violations.length;
			const preset = { authentication: 'apiKey' };
			const forms: Values[] = [];
			for (const event of ['person.audit.change', 'company.change', 'project.audit.change']) {
				for (const form of cases(trigger, { ...preset, event })) forms.push(form);
			}
			for (const form of forms) {
				sim().reset({ seed: 'demo' });
				const ctx: FillContext = {
					type: 'clozeTrigger',
					credentials,
					named: {
						filtersJson: JSON.stringify([
							{ [String(form.event).split('.')[0]]: { segment: 'customer' } },
						]),
					},
					gaps,
				};
				const parameters = await fill(trigger, form, ctx);
				const harness = await startTrigger(parameters as IDataObject);
				const before = sim().requests.length;
				await harness
					.activate()
					.catch((error: Error) =>
						gaps.push(`clozeTrigger ${JSON.stringify(form)}: ${error.message}`),
					);
				await harness.activate({ activation: 'init' }).catch(() => undefined);
				await harness.deactivate().catch(() => undefined);
				expect(
					sim().requestsTo('POST', '/v1/webhooks/subscribe').length +
						sim().requests.length -
						before,
				).toBeGreaterThan(0);
			}
			covered.add('trigger.clozeTrigger');
			expect(table(record('trigger.clozeTrigger', from))).toBe('');
		},
	);

	test(
		'Cloze Feed Trigger: Fetch Test Event, ' + 'first poll, cursor polls, for every form',
		async () => {
			const feed = new ClozeFeedTrigger().description.properties;
			const from = sim().violations.length;
			const forms: Values[] = [];
			for (const resource of ['person', 'company', 'project'])
				forms.push(...cases(feed, { authentication: 'apiKey', resource }));
			for (const form of forms) {
				sim().reset({ seed: 'demo' });
				const parameters = await fill(feed, form, {
					type: 'clozeFeedTrigger',
					credentials,
					named: {},
					gaps,
				});
				const node: INode = {
					id: 'feed-trigger',
					name: 'Cloze Feed Trigger',
					type: `${PACKAGE}.clozeFeedTrigger`,
					typeVersion: 1,
					position: [0, 0],
					parameters: parameters as INode['parameters'],
					credentials: { clozeApi: { id: '1', name: 'Cloze account' } },
				};
				const workflow = new Workflow({
					id: 'feed',
					nodes: [node],
					connections: {},
					nodeTypes,
					active: true,
					settings: {},
					staticData: {},
				});
				const before = sim().requests.length;
				// "Fetch Test Event" in the editor (mode manual), then the first poll and cursor polls.
				for (let i = 0; i < 4; i++) {
					if (i === 2)
						sim().changeRelation(
							String(form.resource),
							sim().store.all(form.resource as Kind)[0].direct,
							{ segment: 'customer' },
						);
					const manual = i === 0;
					const context = new PollContext(
						workflow,
						node,
						additionalDataFor(credentials),
						manual ? 'manual' : 'trigger',
						manual ? 'manual' : 'activate',
					);
					await nodeTypes
						.getByNameAndVersion(node.type, 1)
						.poll!.call(context)
						.catch((error: Error) => gaps.push(`feed poll: ${error.message}`));
				}
				expect(sim().requests.length).toBeGreaterThan(before);
			}
			covered.add('trigger.clozeFeedTrigger');
			expect(table(record('trigger.clozeFeedTrigger', from))).toBe('');
		},
	);
});
