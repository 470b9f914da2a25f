/**
 * Typed inputs of the forms (issue #13): the phone's Type dropdown (the schema's ContactPhone.type)
 * with the earlier Work / Home / Mobile switches still honoured, a date picker for date custom
 * fields beside Value, To-Do When as a date picker without the Someday switch (saved ones still
 * work), and Return All + Limit leading the Get Many form. Bodies are checked through n8n's real
 * engine against the simulator; what n8n keeps of a saved workflow is checked with n8n's own
 * parameter resolution (NodeHelpers.getNodeParameters, as the editor and server load a node).
 */
import type { INode, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Cloze } from '../../nodes/Cloze/Cloze.node';
import { calls, requests, run, useSimulator } from '../helpers/harness';

const sim = useSimulator();

const properties = new Cloze().description.properties;

/** The parameters n8n keeps of a saved node (defaults added, hidden ones dropped). */
function resolved(parameters: INodeParameters): INodeParameters {
	const node = {
		name: 'Cloze',
		type: 'n8n-nodes-cloze.cloze',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	} as unknown as INode;
	return NodeHelpers.getNodeParameters(
		properties,
		parameters,
		true,
		false,
		node,
		null,
	) as INodeParameters;
}

function propertyOf(name: string, resource: string, operation: string): INodeProperties {
	const found = properties.find(
		(p) =>
			p.name === name &&
			p.displayOptions?.show?.resource?.includes(resource) &&
			p.displayOptions?.show?.operation?.includes(operation),
	);
	if (!found) throw new Error(`no ${name} in ${resource}.${operation}`);
	return found;
}

function phoneCells(): INodeProperties[] {
	const fields = propertyOf('additionalFields', 'person', 'create');
	const phones = (fields.options as INodeProperties[]).find((option) => option.name === 'phones')!;
	return (phones.options as Array<{ values: INodeProperties[] }>)[0].values;
}

describe('Phones: one Type dropdown', () => {
	it(
		"offers the schema's phone types in one dropdown, " +
			'Preferred beside it; the old switches only while on',
		() => {
			const cells = phoneCells();
			const type = cells.find((cell) => cell.name === 'type')!;
			expect(type.type).toBe('options');
			expect(
				(type.options as Array<{ value: string }>).map((option) => option.value).sort(),
			).toEqual(['', 'home', 'mobile', 'work']);
			for (const name of ['work', 'home', 'mobile']) {
				expect(cells.find((cell) => cell.name === name)?.displayOptions).toEqual({
					show: { [name]: [true] },
				});
			}
			expect(cells.find((cell) => cell.name === 'preferred')?.displayOptions).toBeUndefined();
		},
	);

	it('sends the chosen type as ContactPhone.type', async () => {
		const result = await run(sim(), {
			resource: 'person',
			operation: 'create',
			email: 'jane@example.com',
			additionalFields: {
				phones: {
					entry: [
						{ value: '+1 617 555 1234', type: 'mobile', preferred: true },
						{ value: '+1 617 555 9876', type: '' },
					],
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(requests(sim())[0].body).toEqual({
			emails: [{ value: 'jane@example.com' }],
			phones: [
				{ value: '+1 617 555 1234', type: 'mobile', preferred: true },
				{ value: '+1 617 555 9876' },
			],
		});
		expect(sim().violations).toEqual([]);
	});

	it(
		'a workflow saved with the Work / Home / Mobile ' +
			'switches keeps them and sends the same body',
		async () => {
			const saved = {
				resource: 'company',
				operation: 'create',
				domain: 'acme.example',
				additionalFields: {
					phones: {
						entry: [{ value: '+1 617 555 7777', work: true, mobile: true, preferred: true }],
					},
				},
			};
			const kept = resolved(saved);
			expect(
				(kept.additionalFields as { phones: { entry: unknown[] } }).phones.entry[0],
			).toMatchObject({ work: true, mobile: true, preferred: true });
			const result = await run(sim(), kept);
			expect(result.error).toBeUndefined();
			expect(requests(sim())[0].body).toEqual({
				domains: ['acme.example'],
				phones: [{ value: '+1 617 555 7777', work: true, mobile: true, preferred: true }],
			});
		},
	);
});

describe('Custom fields: Date Value, a date picker for date fields', () => {
	const create = (field: Record<string, unknown>) =>
		run(sim(), {
			resource: 'person',
			operation: 'create',
			email: 'jane@example.com',
			additionalFields: { customFields: { field: [field] } },
		});

	it('is a dateTime cell of every custom field row', () => {
		const fields = propertyOf('additionalFields', 'project', 'create');
		const custom = (fields.options as INodeProperties[]).find(
			(option) => option.name === 'customFields',
		)!;
		const cells = (custom.options as Array<{ values: INodeProperties[] }>)[0].values;
		expect(cells.map((cell) => [cell.name, cell.type])).toEqual([
			['id', 'options'],
			['value', 'string'],
			['dateValue', 'dateTime'],
		]);
	});

	it("sends the picked date as the field's day, instead of Value", async () => {
		const result = await create({ id: 'birthday', value: '', dateValue: '1990-02-03T00:00:00' });
		expect(result.error).toBeUndefined();
		expect(requests(sim())[1].body).toEqual({
			emails: [{ value: 'jane@example.com' }],
			customFields: [{ id: 'birthday', type: 'date', value: '1990-02-03' }],
		});
	});

	it('a Value typed as before still works when Date Value is empty', async () => {
		await create({ id: 'birthday', value: '2001-09-30', dateValue: '' });
		expect((requests(sim())[1].body as { customFields: unknown[] }).customFields).toEqual([
			{ id: 'birthday', type: 'date', value: '2001-09-30' },
		]);
	});

	it('refuses a Date Value for a field that is not a date, naming it, before writing', async () => {
		const result = await create({
			id: 'meeting-limit',
			value: '',
			dateValue: '2025-12-31T00:00:00',
		});
		expect(result.error?.message).toBe(
			'Custom field "meeting-limit": Date Value is for date fields, ' +
				'and "Meeting Limit" is a number field',
		);
		expect(calls(sim())).toEqual(['GET /v1/user/fields']);
	});
});

describe('Create To-Do: When is a date picker; an empty When is "someday"', () => {
	const todo = (parameters: Record<string, unknown>) =>
		run(sim(), {
			resource: 'timeline',
			operation: 'createTodo',
			subject: 'Call back',
			...parameters,
		});

	it('When is a dateTime field shown without a Someday switch', () => {
		expect(propertyOf('when', 'timeline', 'createTodo')).toMatchObject({
			type: 'dateTime',
			displayOptions: { show: { resource: ['timeline'], operation: ['createTodo'] } },
		});
		expect(propertyOf('someday', 'timeline', 'createTodo').displayOptions?.show?.someday).toEqual([
			true,
		]);
		// A new node: n8n keeps no Someday parameter (it is hidden while off).
		expect(
			resolved({ resource: 'timeline', operation: 'createTodo', subject: 'x' }),
		).not.toHaveProperty('someday');
	});

	it('sends the picked date', async () => {
		const result = await todo({ when: '2026-03-02T09:30:00' });
		expect(result.error).toBeUndefined();
		expect(requests(sim())[0].body).toEqual({ subject: 'Call back', when: '2026-03-02T09:30:00' });
	});

	it('sends no when for an empty When (Cloze: someday)', async () => {
		await todo({ when: '' });
		expect(requests(sim())[0].body).toEqual({ subject: 'Call back' });
	});

	it("a workflow saved with Someday on keeps it and still sends Cloze's 1", async () => {
		const kept = resolved({
			resource: 'timeline',
			operation: 'createTodo',
			subject: 'Call back',
			someday: true,
			when: '',
		});
		expect(kept.someday).toBe(true);
		await run(sim(), kept);
		expect(requests(sim())[0].body).toEqual({ subject: 'Call back', when: 1 });
	});

	it('a saved text When ("someday", an ISO date, UTC ms) keeps working', async () => {
		for (const [when, sent] of [
			['someday', 1],
			['2025-11-20T16:00:00Z', '2025-11-20T16:00:00Z'],
			['1763654400000', 1763654400000],
		] as const) {
			sim().clearLog();
			await todo({ when });
			expect(requests(sim())[0].body).toEqual({ subject: 'Call back', when: sent });
		}
	});
});

describe('Get Many: Return All and Limit lead the form', () => {
	it.each(['person', 'company', 'project'])(
		'%s: Return All, Limit, then Count Only, scope, filters, options',
		(resource) => {
			const names = properties
				.filter(
					(p) =>
						p.displayOptions?.show?.resource?.includes(resource) &&
						p.displayOptions?.show?.operation?.includes('getAll'),
				)
				.map((p) => p.name);
			expect(names.slice(0, 3)).toEqual(['returnAll', 'limit', 'countOnly']);
			expect(names.indexOf('filters')).toBeGreaterThan(names.indexOf('countOnly'));
			expect(names.indexOf('options')).toBeGreaterThan(names.indexOf('filters'));
		},
	);

	it.each([
		['person', 'get'],
		['company', 'getAll'],
		['project', 'getChanges'],
	])('%s %s offers Human-Readable Values under Options', (resource, operation) => {
		const options = propertyOf('options', resource, operation).options as INodeProperties[];
		expect(options.find((option) => option.name === 'humanReadable')).toMatchObject({
			type: 'boolean',
			default: false,
		});
	});
});
