/**
 * The two exercises of CONTRIBUTING.md ("Add an operation to people, companies or projects", "Add
 * a field people, companies and projects are written with"), run through n8n's real engine against
 * the simulator: each is one entry in one table, and the node's own machinery (the Operation list,
 * the forms, the body builder, the structured-value check, the one error check) takes it from
 * there.
 */
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { WRITE_FIELDS, type WriteField } from '../../nodes/Cloze/resources/relation/writeFields';

// Exercise 2, a shared write field: this entry is all a contributor adds (to WRITE_FIELDS in
// nodes/Cloze/resources/relation/writeFields.ts). `syncKey` is in Cloze's PersonRef, CompanyRef and
// ProjectRef and not yet in the table. The node's forms are built when its modules load, so the
// entry goes in before anything below loads them.
const syncKeyField: WriteField = {
	kinds: ['person', 'company', 'project'],
	send: { as: 'text', key: 'syncKey' },
	property: {
		displayName: 'Sync Key',
		name: 'syncKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. crm-42',
		description: 'Key of the record in the system it is synced with',
	},
};
WRITE_FIELDS.push(syncKeyField);

/* eslint-disable @typescript-eslint/no-require-imports */
const { Cloze, CLOZE_RESOURCES, clozeProperties } =
	require('../../nodes/Cloze/Cloze.node') as typeof import('../../nodes/Cloze/Cloze.node');
type PersonModule = typeof import('../../nodes/Cloze/resources/person');
type RelationModule = typeof import('../../nodes/Cloze/resources/relation');
type DropdownsModule = typeof import('../../nodes/Cloze/resources/relation/dropdowns');
const { personOperations } = require('../../nodes/Cloze/resources/person') as PersonModule;
const { relationDescription, relationOperation } =
	require('../../nodes/Cloze/resources/relation') as RelationModule;
const { stageField } = require('../../nodes/Cloze/resources/relation/dropdowns') as DropdownsModule;
const { relationPath } =
	require('../../nodes/shared/relations') as typeof import('../../nodes/shared/relations');
const { writtenFields } =
	require('../../nodes/Cloze/shared/written') as typeof import('../../nodes/Cloze/shared/written');
const { registerNodeType } = require('../helpers/engine') as typeof import('../helpers/engine');
const { requests, run, seed, useSimulator } =
	require('../helpers/harness') as typeof import('../helpers/harness');
const { shownOptions } = require('../helpers/forms') as typeof import('../helpers/forms');
/* eslint-enable @typescript-eslint/no-require-imports */

const sim = useSimulator();

// Exercise 1, a person-only operation: what a contributor writes as
// nodes/Cloze/resources/person/setStage.ts (the option with its whole request, and its fields) ...
const show = { show: { resource: ['person'], operation: ['setStage'] } };

function setStageOperation(): INodePropertyOptions {
	return {
		name: 'Set Stage',
		value: 'setStage',
		action: 'Set the stage of a person',
		description: 'Move a person, found by e-mail, to a stage',
		routing: {
			request: { method: 'POST', url: relationPath('person', 'update') },
			operations: { pagination: writtenFields },
		},
	};
}

function setStageFields(): INodeProperties[] {
	return [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. jane@example.com',
			displayOptions: show,
			routing: {
				send: { type: 'body', property: 'emails', value: '={{ [{ value: $value.trim() }] }}' },
			},
		},
		{
			...stageField,
			required: true,
			displayOptions: show,
			routing: { send: { type: 'body', property: 'stage' } },
		},
	];
}

// ... and the one entry in the list of nodes/Cloze/resources/person/index.ts:
//     export const personOperations = [
//       ...RELATION_OPERATIONS,
//       relationOperation('setStage', setStageOperation, setStageFields),
//     ] as const;
// The node is built from that list as the Cloze node builds it from the lists of the source.
const extendedPersonOperations = [
	...personOperations,
	relationOperation('setStage', setStageOperation, setStageFields),
] as const;

const extendedProperties = () =>
	clozeProperties({
		...CLOZE_RESOURCES,
		person: relationDescription('person', extendedPersonOperations),
	});
const cloze = new Cloze();
const clozeWithSetStage: INodeType = {
	description: { ...cloze.description, properties: extendedProperties() },
	methods: cloze.methods,
};
registerNodeType('clozeWithSetStage', clozeWithSetStage);

const operationOptions = (properties: INodeProperties[], resource: string) =>
	(properties.find(
		(p) =>
			p.name === 'operation' && (p.displayOptions?.show?.resource as string[]).includes(resource),
	)?.options ?? []) as INodePropertyOptions[];

describe('a person-only operation: one file and one entry in the person list', () => {
	// As the node builds them (the registered node also holds n8n's Request Options, added on
	// loading).
	const extended = extendedProperties();
	const setStage = {
		resource: 'person',
		operation: 'setStage',
		email: 'jane@example.com',
		stage: 'current',
	};

	it(
		'joins the Person Operation list in name order; companies, projects and the other person ' +
			'operations are unchanged',
		() => {
			const original = new Cloze().description.properties;
			expect(operationOptions(extended, 'person').map((o) => o.name)).toEqual([
				'Create or Update',
				'Delete',
				'Get',
				'Get Changes',
				'Get Many',
				'Set Stage',
				'Update',
			]);
			expect(operationOptions(extended, 'person').find((o) => o.value === 'setStage')?.action).toBe(
				'Set the stage of a person',
			);
			for (const resource of ['company', 'project']) {
				expect(operationOptions(extended, resource)).toEqual(operationOptions(original, resource));
			}
			const withoutSetStage = extended.filter(
				(p) => !(p.displayOptions?.show?.operation as string[] | undefined)?.includes('setStage'),
			);
			expect(
				JSON.stringify(
					withoutSetStage.filter((p) => p.name !== 'operation' && p.name !== 'toolDescription'),
				),
			).toBe(
				JSON.stringify(
					original.filter((p) => p.name !== 'operation' && p.name !== 'toolDescription'),
				),
			);
		},
	);

	it(
		'runs through the engine: the request its own routing and fields decide, the stored ' +
			'stage, the written fields out',
		async () => {
			const [jane] = seed.people(sim(), 1, {
				emails: [{ value: 'jane@example.com' }],
				stage: 'lead',
			});
			const result = await run(sim(), setStage, { type: 'clozeWithSetStage' });
			expect(result.error).toBeUndefined();
			expect(
				requests(sim()).map(({ method, path, query, body }) => ({ method, path, query, body })),
			).toEqual([
				{
					method: 'POST',
					path: '/v1/people/update',
					query: {},
					body: { emails: [{ value: 'jane@example.com' }], stage: 'current' },
				},
			]);
			expect(sim().store.get('person', jane.direct)?.stage).toBe('current');
			expect(result.json).toEqual([{ emails: [{ value: 'jane@example.com' }], stage: 'current' }]);
		},
	);

	it(
		'is covered by the node-level hooks without code: the structured-value check refuses an ' +
			'object before any request',
		async () => {
			const result = await run(
				sim(),
				{ ...setStage, email: '={{ $json.email }}' },
				{ type: 'clozeWithSetStage', input: [{ email: { value: 'x@example.com' } }] },
			);
			expect(result.error?.message).toBe(
				'Email must be a single value, but the expression gave an object',
			);
			expect(requests(sim())).toEqual([]);
		},
	);

	it(
		'... and the one error check turns an HTTP 200 ' +
			'with an errorcode into an error naming Cloze',
		async () => {
			sim().addFault({
				method: 'POST',
				path: '/v1/people/update',
				status: 200,
				body: { errorcode: 3, message: 'Nothing to update' },
			});
			const result = await run(sim(), setStage, { type: 'clozeWithSetStage' });
			expect(result.json).toEqual([]);
			expect(`${result.error?.message} ${result.error?.description}`).toContain(
				'Nothing to update',
			);
			expect(result.error?.message).not.toContain('[object');
		},
	);
});

describe('a shared write field: one entry in WRITE_FIELDS', () => {
	const properties = new Cloze().description.properties;
	// The options the form shows: the node joins the collections of its operations into one.
	const formOptions = (resource: string, name: string) => {
		const operation = name === 'additionalFields' ? 'create' : 'update';
		const collection = properties.find(
			(p) =>
				p.name === name &&
				(p.displayOptions?.show?.resource as string[]).includes(resource) &&
				(p.displayOptions?.show?.operation as string[]).includes(operation),
		);
		return collection ? shownOptions(collection, { resource, operation }) : [];
	};

	it.each([
		['person', 'additionalFields'],
		['person', 'updateFields'],
		['company', 'additionalFields'],
		['company', 'updateFields'],
		['project', 'additionalFields'],
		['project', 'updateFields'],
	])('is an option of the %s %s collection, in name order', (resource, name) => {
		const options = formOptions(resource, name);
		expect(options).toContainEqual(syncKeyField.property);
		const names = options.map((o) => o.displayName);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it.each([
		['person', { identifyBy: 'email', email: 'jane@example.com' }, '/v1/people/create'],
		['company', { identifyBy: 'domain', domain: 'incfire.com' }, '/v1/companies/create'],
		['project', { name: 'Meadow Brook Renovation' }, '/v1/projects/create'],
	])(
		'a %s created with it sends it under its schema name, and Cloze stores it',
		async (resource, identity, path) => {
			const result = await run(sim(), {
				resource,
				operation: 'create',
				...identity,
				additionalFields: { syncKey: ' crm-42 ' },
				returnStoredRecord: false,
			});
			expect(result.error).toBeUndefined();
			const [write] = requests(sim());
			expect(write.path).toBe(path);
			expect(write.body).toMatchObject({ syncKey: 'crm-42' });
			expect(result.json[0]).toMatchObject({ syncKey: 'crm-42' });
			expect(sim().store.all(resource as 'person' | 'company' | 'project')[0]?.syncKey).toBe(
				'crm-42',
			);
		},
	);

	it('an update sends it too', async () => {
		seed.people(sim(), 1, { emails: [{ value: 'jane@example.com' }] });
		const result = await run(sim(), {
			resource: 'person',
			operation: 'update',
			record: { __rl: true, mode: 'email', value: 'jane@example.com' },
			updateFields: { syncKey: 'crm-43' },
			returnStoredRecord: false,
		});
		expect(result.error).toBeUndefined();
		expect(requests(sim())[0].body).toMatchObject({
			emails: [{ value: 'jane@example.com' }],
			syncKey: 'crm-43',
		});
	});
});
